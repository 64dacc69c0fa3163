import { describe, expect, it } from 'vitest';
import { DemoHost } from '../../src/term/demo-host.ts';
import { LocalTerminal } from '../../src/term/local-terminal.ts';
import { terminalModel } from '../../src/term/models.ts';
import { typeText } from '../../src/term/operator.ts';
import { Aid, pfAid } from '../../src/term/codes.ts';

const settle = () => new Promise((resolve) => setImmediate(resolve));

async function start(model = terminalModel(3279, 2)) {
  const terminal = new LocalTerminal({ model, address: 0x0c0 });
  const host = new DemoHost({ clock: () => new Date(2026, 0, 19, 13, 10, 22) });
  host.onConnect(terminal);
  await settle();
  return { terminal, host, screen: terminal.screen };
}

async function press(terminal: LocalTerminal, aid: number) {
  expect(terminal.pressAid(aid)).toBe(true);
  await settle();
}

const status = (t: LocalTerminal) => t.screen.textAt(t.screen.rows - 1, t.screen.columns - 19, 18).trim();

describe('the demo host', () => {
  it('starts with the VM/370 logo on an unformatted screen', async () => {
    const { screen } = await start();
    expect(screen.textAt(1, 0, 13)).toBe('VM/370 ONLINE');
    expect(screen.isFormatted()).toBe(false);
    expect(screen.lock).toBeNull();
    expect(screen.operatorInformation().cursorRow).toBe(22);
  });

  it('ENTER on the logo shows the console: output area, input area, status VM READ', async () => {
    const { terminal, screen } = await start();
    typeText(screen, 'hi there');
    await press(terminal, Aid.enter);
    expect(screen.isFormatted()).toBe(true);
    expect(screen.text()[0]).toContain('vm370 demo host on terminal 0C0');
    expect(screen.text()[3]).toBe('hi there'.padEnd(80));
    expect(status(terminal)).toBe('VM READ');
    expect(screen.cursor).toBe(22 * 80);
    expect(screen.lock).toBeNull();
  });

  it('ENTER echoes the input line; PF keys are echoed; PA1 enters CP and BEGIN returns; PA2 clears', async () => {
    const { terminal, screen } = await start();
    await press(terminal, Aid.enter);
    typeText(screen, 'echo me');
    await press(terminal, Aid.enter);
    expect(screen.text()).toContain('echo me'.padEnd(80));
    expect(screen.textAt(22, 0, 7)).toBe('       ');
    await press(terminal, pfAid(5));
    expect(screen.text()).toContain('PF05'.padEnd(80));
    await press(terminal, Aid.pa1);
    expect(status(terminal)).toBe('CP READ');
    typeText(screen, 'begin');
    await press(terminal, Aid.enter);
    expect(status(terminal)).toBe('VM READ');
    await press(terminal, Aid.pa2);
    expect(screen.text().slice(0, 22).every((line) => line.trim() === '')).toBe(true);
  });

  it('CLEAR gets a freshly drawn console with the keyboard restored', async () => {
    const { terminal, screen } = await start();
    await press(terminal, Aid.enter);
    await press(terminal, Aid.clear);
    expect(screen.isFormatted()).toBe(true);
    expect(status(terminal)).toBe('VM READ');
    expect(screen.lock).toBeNull();
  });

  it('PF3 and LOGOFF disconnect', async () => {
    const a = await start();
    await press(a.terminal, Aid.enter);
    await press(a.terminal, pfAid(3));
    expect(a.terminal.connected).toBe(false);
    expect(a.screen.text().some((l) => l.startsWith('LOGOFF AT 13:10:22'))).toBe(true);
    expect(a.host.sessionCount).toBe(0);
    const b = await start();
    typeText(b.screen, 'logoff');
    await press(b.terminal, Aid.enter);
    expect(b.terminal.disconnectReason).toBe('LOGOFF');
  });

  it('uses the alternate screen of a model 4 (Erase/Write Alternate)', async () => {
    const { terminal, screen } = await start(terminalModel(3278, 4));
    expect(screen.rows).toBe(43);
    await press(terminal, Aid.enter);
    expect(screen.cursor).toBe(41 * 80);
    expect(status(terminal)).toBe('VM READ');
  });
});
