import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { DataStreamBuilder } from '../../src/term/builder.ts';
import { FieldAttribute as FA, Wcc } from '../../src/term/codes.ts';
import { DemoHost } from '../../src/term/demo-host.ts';
import { LocalTerminal } from '../../src/term/local-terminal.ts';
import { terminalModel } from '../../src/term/models.ts';
import { TerminalApp } from '../../src/ui/TerminalApp.tsx';

afterEach(() => cleanup());

function app(options: { host?: boolean; windowSize?: { columns: number; rows: number }; alarms?: string[] } = {}) {
  const terminal = new LocalTerminal({ model: terminalModel(3279, 2), address: 0x0c0 });
  if (options.host !== false) new DemoHost().onConnect(terminal);
  const connect = () => {
    const t = new LocalTerminal({ model: terminalModel(3279, 2), address: 0x0c0 });
    new DemoHost().onConnect(t);
    return t;
  };
  const quits: string[] = [];
  const ui = render(
    <TerminalApp
      terminal={terminal}
      reconnect={connect}
      onQuit={() => quits.push('quit')}
      onAlarm={() => options.alarms?.push('bell')}
      windowSize={options.windowSize ?? { columns: 80, rows: 25 }}
    />,
  );
  return { ...ui, terminal, quits };
}

async function frame(ui: { lastFrame: () => string | undefined }, test: (lines: string[]) => boolean): Promise<string[]> {
  for (let i = 0; i < 100; i++) {
    const lines = (ui.lastFrame() ?? '').split('\n');
    if (test(lines)) return lines;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`frame never matched:\n${ui.lastFrame()}`);
}

const status = (lines: string[]) => (lines[23] ?? '').slice(61).trim();

describe('TerminalApp', () => {
  it('draws the host\'s screen and the operator information line', async () => {
    const ui = app();
    const lines = await frame(ui, (l) => l[1]?.startsWith('VM/370 ONLINE') ?? false);
    expect(lines).toHaveLength(25);
    expect(lines[24]).toMatch(/^4A .*Ctrl-A \? keys.*0C0 3279-2 {2}023\/001$/);
  });

  it('Enter, typing and F-keys go to the host; the echo appears', async () => {
    const ui = app();
    await frame(ui, (l) => l[1]?.startsWith('VM/370 ONLINE') ?? false);
    ui.stdin.write('\r');
    await frame(ui, (l) => status(l) === 'VM READ');
    ui.stdin.write('hello ink');
    await frame(ui, (l) => l[22]?.startsWith('hello ink') ?? false);
    ui.stdin.write('\r');
    await frame(ui, (l) => l.slice(0, 22).some((x) => x.trimEnd() === 'hello ink') && (l[22] ?? '').trim() === '');
    ui.stdin.write('\x1b[1;2Q');
    await frame(ui, (l) => l.some((x) => x.trimEnd() === 'PF14'));
  });

  it('shows X SYSTEM while the host holds the keyboard, Insert mode, and X Protected until Reset', async () => {
    const ui = app({ host: false });
    ui.terminal.write(
      new DataStreamBuilder().eraseWrite(Wcc.keyboardRestore).field(FA.protected).text('A').at(1, 0).field(0).insertCursor().build(),
    );
    await frame(ui, (l) => (l[24] ?? '').endsWith('002/002'));
    ui.stdin.write('\x1b[2~');
    await frame(ui, (l) => (l[24] ?? '').includes('INSERT'));
    ui.stdin.write('\r');
    await frame(ui, (l) => (l[24] ?? '').includes('X SYSTEM'));
    ui.terminal.write(new DataStreamBuilder().write(Wcc.keyboardRestore).build());
    await frame(ui, (l) => !(l[24] ?? '').includes('X SYSTEM'));
    ui.stdin.write('\x1b[A');
    ui.stdin.write('q');
    await frame(ui, (l) => (l[24] ?? '').includes('X Protected'));
    ui.stdin.write('\x12');
    await frame(ui, (l) => !(l[24] ?? '').includes('X Protected'));
  });

  it('a Write with the alarm bit rings the bell once', async () => {
    const alarms: string[] = [];
    const ui = app({ host: false, alarms });
    ui.terminal.write(new DataStreamBuilder().eraseWrite(Wcc.alarm | Wcc.keyboardRestore).text('ding').build());
    await frame(ui, (l) => l[0]?.startsWith('ding') ?? false);
    ui.terminal.write(new DataStreamBuilder().write(0).text('!').build());
    await frame(ui, (l) => l[0]?.startsWith('!ing') ?? false);
    expect(alarms).toEqual(['bell']);
  });

  it('the help key shows the key map and any key returns', async () => {
    const ui = app();
    await frame(ui, (l) => l[1]?.startsWith('VM/370 ONLINE') ?? false);
    ui.stdin.write('\x01');
    await frame(ui, (l) => (l[24] ?? '').includes('Ctrl-A ...'));
    ui.stdin.write('?');
    const help = await frame(ui, (l) => l[0]?.startsWith('vm370 3270 terminal keys') ?? false);
    expect(help.join('\n')).toContain('PA1 / PA2 / PA3');
    ui.stdin.write('x');
    await frame(ui, (l) => l[1]?.startsWith('VM/370 ONLINE') ?? false);
  });

  it('a window smaller than the model gets a message instead of a broken picture', async () => {
    const ui = app({ windowSize: { columns: 79, rows: 40 } });
    const lines = await frame(ui, (l) => l[0]?.startsWith('The window is 79x40') ?? false);
    expect(lines[0]).toContain('needs 80x25');
  });

  it('after PF3 the line says disconnected; Ctrl-A r reconnects; Ctrl-A q quits', async () => {
    const ui = app();
    await frame(ui, (l) => l[1]?.startsWith('VM/370 ONLINE') ?? false);
    ui.stdin.write('\r');
    await frame(ui, (l) => status(l) === 'VM READ');
    ui.stdin.write('\x1bOR');
    await frame(ui, (l) => (l[24] ?? '').includes('Disconnected (LOGOFF)'));
    expect((await frame(ui, () => true))[24]).toMatch(/^4  X Not Connected/);
    ui.stdin.write('\x01r');
    await frame(ui, (l) => l[1]?.startsWith('VM/370 ONLINE') ?? false);
    ui.stdin.write('\x01q');
    expect(ui.quits).toEqual(['quit']);
  });
});
