// The terminal window of `vm370 start` (src/ui/SystemApp.tsx, OperatorConsoleView.tsx): the first
// screen is a local 3270 with the logo; Ctrl-A o shows the operator console (line mode), where
// lines typed are CP commands as OPERATOR; Ctrl-A t goes back to the 3270 and Ctrl-A + opens
// another one.

import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalTerminal } from '../../src/term/local-terminal.ts';
import { terminalModel } from '../../src/term/models.ts';
import { SystemApp } from '../../src/ui/SystemApp.tsx';
import { consoleRows } from '../../src/ui/OperatorConsoleView.tsx';
import { startTestSystem, type TestSystem } from '../cp/operator/helpers.ts';

afterEach(() => cleanup());

function app(system: TestSystem) {
  let next = 0x0c0;
  const terminals: LocalTerminal[] = [];
  const newTerminal = () => {
    const terminal = new LocalTerminal({ model: terminalModel(3279, 2), address: next++ });
    system.running.host.onConnect(terminal);
    terminals.push(terminal);
    return terminal;
  };
  const ui = render(<SystemApp newTerminal={newTerminal} console={system.running.console} windowSize={{ columns: 80, rows: 25 }} status="tn3270 :3270" />);
  return { ...ui, terminals };
}

async function frame(ui: { lastFrame: () => string | undefined }, test: (lines: string[]) => boolean): Promise<string[]> {
  for (let i = 0; i < 1000; i++) {
    const lines = (ui.lastFrame() ?? '').split('\n');
    if (test(lines)) return lines;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`frame never matched:\n${ui.lastFrame()}`);
}

const logo = (l: string[]) => l[1]?.startsWith('VM/370 ONLINE') ?? false;
const onConsole = (l: string[]) => (l[24] ?? '').startsWith('SYSTEM CONSOLE OPERATOR');

describe('SystemApp', () => {
  it('the first screen is a local 3270 with the logo; Ctrl-A o shows the operator console with the startup messages', async () => {
    const system = await startTestSystem();
    const ui = app(system);
    const first = await frame(ui, logo);
    expect(first[24]).toContain('Ctrl-A o console');
    ui.stdin.write('\x01');
    ui.stdin.write('o');
    const lines = await frame(ui, onConsole);
    expect(lines).toHaveLength(25);
    expect(lines[24]).toMatch(/^SYSTEM CONSOLE OPERATOR +CP READ/);
    expect(lines.some((l) => l.startsWith('DMKCPI966I INITIALIZATION COMPLETE'))).toBe(true);
    expect(lines.some((l) => l.includes('AUTO LOGON ***  OPERATOR USERS = 001 BY SYSTEM'))).toBe(true);
  });

  it('a line typed at the operator console is a CP command as OPERATOR', async () => {
    const system = await startTestSystem();
    const ui = app(system);
    await frame(ui, logo);
    ui.stdin.write('\x01');
    ui.stdin.write('o');
    await frame(ui, onConsole);
    ui.stdin.write('query userid');
    await frame(ui, (l) => (l[23] ?? '').startsWith('query userid'));
    ui.stdin.write('\r');
    const lines = await frame(ui, (l) => l.some((x) => x.startsWith('OPERATOR AT ')));
    expect(lines.some((l) => l.trimEnd() === 'query userid')).toBe(true);
    expect((lines[23] ?? '').trim()).toBe('\u2588');
  });

  it('Ctrl-A t goes back to the 3270, which kept its screen; Ctrl-A + opens a second local 3270', async () => {
    const system = await startTestSystem();
    const ui = app(system);
    await frame(ui, logo);
    ui.stdin.write('\r');
    await frame(ui, (l) => (l[23] ?? '').includes('CP READ'));
    ui.stdin.write('logon guest guest');
    await frame(ui, (l) => (l[22] ?? '').startsWith('logon guest guest'));
    ui.stdin.write('\r');
    await frame(ui, (l) => l.some((x) => x.startsWith('LOGON AT ')));
    ui.stdin.write('\x01');
    ui.stdin.write('o');
    const consoleLines = await frame(ui, onConsole);
    expect(consoleLines.some((l) => l.includes('GRAF 0C0 LOGON AS GUEST USERS = 002'))).toBe(true);
    ui.stdin.write('\x01');
    ui.stdin.write('t');
    await frame(ui, (l) => l.some((x) => x.startsWith('LOGON AT ')) && !onConsole(l));
    ui.stdin.write('\x01');
    ui.stdin.write('+');
    const second = await frame(ui, (l) => logo(l) && (l[24] ?? '').includes('2/2'));
    expect(second[24]).toContain('0C1');
    expect(ui.terminals).toHaveLength(2);
    ui.stdin.write('\x01');
    ui.stdin.write('t');
    await frame(ui, (l) => l.some((x) => x.startsWith('LOGON AT ')) && (l[24] ?? '').includes('1/2'));
  });

  it('the console view shows the newest lines, long lines folded at the window width (the bottom of a folded line first)', async () => {
    const system = await startTestSystem();
    system.running.console.writeLine('X'.repeat(30));
    const rows = consoleRows(system.running.console, 20, 3);
    expect(rows).toEqual(['ATION COMPLETE', 'X'.repeat(20), 'X'.repeat(10)]);
  });
});
