// DIAGNOSE X'58', the 3270 virtual console interface (VM/370 System Programmer's Guide R6,
// DIAGNOSE X'58'; the CMS DISPW macro): CCW X'19' writes up to 22 lines of 80 into the output area
// of the user's 3270 from a start line (control byte; X'80' erases the area first). The lines stay
// on the screen until the next line-mode output or the next display write; the status area shows
// VM READ / CP READ as usual. A line-mode console gets the lines as output lines. DIAGNOSE X'24'
// with Rx = -1 tells a guest whether its console is on a display (RDEVTYPC CLASGRAF).

import { afterEach, describe, expect, it } from 'vitest';
import { toEbcdic } from '../../../src/ebcdic/index.ts';
import type { CpHost, CpHostOptions } from '../../../src/cp/terminal/cp-host.ts';
import { UnitStatus } from '../../../src/arch/channel.ts';
import { VirtualConsole } from '../../../src/cp/vm/console.ts';
import { ConsoleSession } from '../../../src/cp/vm/session.ts';
import type { VirtualMachine } from '../../../src/cp/vm/virtual-machine.ts';
import { enter, openSystem, outputOf, quiet, settle, startHost, statusOf } from './helpers.ts';

let current: CpHost | null = null;
const sessions: ConsoleSession[] = [];
afterEach(() => {
  current?.close();
  current = null;
  for (const s of sessions.splice(0)) s.close();
});

/**
 * A guest at X'800' (supervisor state): DIAGNOSE X'24' Rx = -1 (R5 = the RDEV word, stored at
 * X'A80'), DIAGNOSE X'58' with the CCW at X'840' (its CC stored at X'A88'), then a Read on the
 * console 009 and an enabled wait; the I/O new PSW starts it again after each line read.
 */
function loadGuest(vm: VirtualMachine, rows: string[], control: number): void {
  const m = vm.cpu.mem;
  const data = toEbcdic(rows.map((r) => r.padEnd(80)).join(''));
  const program = [
    0x41, 0x60, 0x00, 0x01, // LA    6,1
    0x13, 0x66, //             LCR   6,6        R6 = -1: the console
    0x83, 0x64, 0x00, 0x24, // DIAG  6,4,X'24'
    0x50, 0x50, 0x0a, 0x80, // ST    5,X'A80'   RDEVTYPC ...
    0x41, 0x20, 0x08, 0x40, // LA    2,X'840'   the CCW
    0x41, 0x30, 0x00, 0x09, // LA    3,9        the console
    0x83, 0x23, 0x00, 0x58, // DIAG  2,3,X'58'
    0x05, 0x70, //             BALR  7,0        the CC in R7's program mask byte
    0x50, 0x70, 0x0a, 0x88, // ST    7,X'A88'
    0x41, 0x40, 0x08, 0x50, // LA    4,X'850'   the Read CCW
    0x50, 0x40, 0x00, 0x48, // ST    4,X'48'    CAW
    0x9c, 0x00, 0x00, 0x09, // SIO   X'009'
    0x82, 0x00, 0x08, 0x30, // LPSW  X'830'     enabled wait
  ];
  m.set(program, 0x800);
  m.set([0xff, 0x02, 0, 0, 0, 0, 0x08, 0x00], 0x830);
  m.set([0x19, 0x00, 0x09, 0x00, 0x20, control, data.length >> 8, data.length & 0xff], 0x840);
  m.set([0x0a, 0x00, 0x0a, 0x00, 0x20, 0x00, 0x00, 0x50], 0x850);
  m.set(data, 0x900);
  m.set([0, 0, 0, 0, 0, 0, 0x08, 0x00], 0x78);
}

const word = (vm: VirtualMachine, at: number): number => {
  const m = vm.cpu.mem;
  return ((m[at]! << 24) | (m[at + 1]! << 16) | (m[at + 2]! << 8) | m[at + 3]!) >>> 0;
};

async function guestOn3270(rows: string[], control: number, options: CpHostOptions = {}) {
  const started = startHost(openSystem(), options);
  current = started.host;
  await enter(started.terminal, 'LOGON GUEST GUEST');
  await quiet(started.dispatcher);
  const user = started.host.users.get('GUEST')!;
  loadGuest(user.vm, rows, control);
  await enter(started.terminal, 'BEGIN 800');
  await quiet(started.dispatcher);
  await settle();
  return { ...started, user };
}

describe('DIAGNOSE X\'58\' on a 3270 console', () => {
  it('CCW X\'19\' with X\'80\' erases the output area and writes the lines from the top; VM READ as usual', async () => {
    const { terminal, user } = await guestOn3270(['EDIT DISPLAY ROW ONE', 'ROW TWO'], 0x80);
    const out = outputOf(terminal);
    expect(out.slice(0, 3)).toEqual(['EDIT DISPLAY ROW ONE', 'ROW TWO', '']);
    expect(out.every((row, i) => i < 2 || row === '')).toBe(true);
    expect(statusOf(terminal)).toBe('VM READ');
    expect(word(user.vm, 0xa88) & 0x3000_0000).toBe(0);
  });

  it('DIAGNOSE X\'24\' with Rx = -1 gives the console on a 3270 the 3277\'s class and type (CLASGRAF X\'40\', X\'04\')', async () => {
    const { user } = await guestOn3270(['ROW'], 0x80, { display3270: true });
    expect(word(user.vm, 0xa80)).toBe(0x4004_0050);
  });

  it('without display3270 the guest still sees a 3215 (CLASTERM, line length 130), and the rows are shown all the same', async () => {
    const { user, terminal } = await guestOn3270(['SHOWN ANYWAY'], 0x80, { display3270: false });
    expect(word(user.vm, 0xa80)).toBe(0x8000_0082);
    expect(outputOf(terminal)[0]).toBe('SHOWN ANYWAY');
  });

  it('the start line in the control byte puts the lines lower; without X\'80\' the rest of the area stays', async () => {
    const { terminal } = await guestOn3270(['AT LINE SIX', 'AT LINE SEVEN'], 0x05);
    const out = outputOf(terminal);
    expect(out[5]).toBe('AT LINE SIX');
    expect(out[6]).toBe('AT LINE SEVEN');
    // What LOGON and BEGIN wrote at the top is still there.
    expect(out.slice(0, 5).some((row) => row.startsWith('LOGON GUEST'))).toBe(true);
  });

  it('the display stays until the next line-mode output, which starts a fresh output area at the top', async () => {
    const { terminal, user } = await guestOn3270(['FULL SCREEN ROW'], 0x80);
    expect(outputOf(terminal)[0]).toBe('FULL SCREEN ROW');
    user.writeLine('13:10:22 MSG FROM OPERATOR: HELLO', 'cp');
    await settle();
    const out = outputOf(terminal);
    expect(out[0]).toBe('13:10:22 MSG FROM OPERATOR: HELLO');
    expect(out).not.toContain('FULL SCREEN ROW');
    expect(statusOf(terminal)).toBe('VM READ');
  });

  it('a line entered is echoed, then the guest\'s next display write replaces the area again', async () => {
    const { terminal, dispatcher } = await guestOn3270(['REDRAWN AFTER EACH LINE'], 0x80);
    await enter(terminal, 'SOMETHING TYPED');
    await quiet(dispatcher);
    await settle();
    const out = outputOf(terminal);
    expect(out[0]).toBe('REDRAWN AFTER EACH LINE');
    expect(out).not.toContain('SOMETHING TYPED');
    expect(statusOf(terminal)).toBe('VM READ');
  });
});

describe('the virtual console of a user on a 3270', () => {
  /** A console whose terminal is a display; `graphic` as the terminal says. */
  const consoleOn = (graphic: boolean) => {
    const statuses: number[] = [];
    const terminal = { writeLine: () => undefined, display: () => undefined, graphic };
    const console = new VirtualConsole(terminal);
    console.attach({ unsolicited: (status) => statuses.push(status), complete: () => undefined });
    return { console, statuses };
  };

  it('a line entered while the guest has no read up is an attention (IBM R6 CMS waits for it at Ready)', () => {
    const { console, statuses } = consoleOn(true);
    console.enter('QUERY DISK');
    expect(statuses).toEqual([UnitStatus.attention]);
    expect(console.queued).toBe(1);
    expect(console.onDisplay).toBe(true);
  });

  it('a terminal that does not tell the guest it is a display (graphic false) gives no attention', () => {
    const { console, statuses } = consoleOn(false);
    console.enter('QUERY DISK');
    expect(statuses).toEqual([]);
    expect(console.onDisplay).toBe(false);
    expect(console.displayTerminal).not.toBeNull();
  });
});

describe('DIAGNOSE X\'58\' on a line-mode console', () => {
  const lineSession = (display: boolean): ConsoleSession => {
    const session = new ConsoleSession({ userid: 'LINEUSER', storage: '64K', display });
    sessions.push(session);
    return session;
  };

  /** The machine runs from X'800' (what BEGIN 800 does; this bare machine has no CP commands). */
  const begin = (session: ConsoleSession): void => {
    session.vm.cpu.ia = 0x800;
    session.vm.cpu.stateChanged();
    session.vm.state = 'running';
  };

  it('each 80 characters become an output line; DIAGNOSE X\'24\' says a 3215 (CLASTERM, line length 130)', () => {
    const session = lineSession(false);
    loadGuest(session.vm, ['FIRST LINE', 'SECOND LINE'], 0x80);
    begin(session);
    expect(session.runUntilRead()).toEqual(['FIRST LINE', 'SECOND LINE']);
    expect(word(session.vm, 0xa80)).toBe(0x8000_0082);
  });

  it('a display session (a 3270 in the test harness) records the rows instead', () => {
    const session = lineSession(true);
    loadGuest(session.vm, ['ROW A', 'ROW B'], 0x83);
    begin(session);
    expect(session.runUntilRead()).toEqual([]);
    expect(session.screen.slice(2, 6)).toEqual(['', 'ROW A', 'ROW B', '']);
    expect(session.displayWrites).toBe(1);
    expect(word(session.vm, 0xa80)).toBe(0x4004_0050);
  });

  it('a CCW other than X\'19\' is CC 1 and writes nothing', () => {
    const session = lineSession(false);
    loadGuest(session.vm, ['NOT SHOWN'], 0x80);
    session.vm.cpu.mem[0x840] = 0x01;
    begin(session);
    expect(session.runUntilRead()).toEqual([]);
    expect((word(session.vm, 0xa88) >>> 28) & 3).toBe(1);
  });
});
