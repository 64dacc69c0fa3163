// The 3270 console as a logged-on user sees it: MORE... and HOLDING, NOT ACCEPTED, messages that
// arrive while the user types, PF keys (SET PFnn IMMED / DELAYED), the line-end character, and a
// hidden line read for CP (LINK's password prompt).

import { afterEach, describe, expect, it, vi } from 'vitest';
import { Aid, pfAid } from '../../../src/term/codes.ts';
import { typeText } from '../../../src/term/operator.ts';
import type { CpHost, TerminalSession } from '../../../src/cp/terminal/cp-host.ts';
import { ConsoleScreen, DEFAULT_MORE_TIMEOUT_MS } from '../../../src/cp/terminal/console-screen.ts';
import { LocalTerminal } from '../../../src/term/local-terminal.ts';
import { terminalModel } from '../../../src/term/models.ts';
import { openLoopSystem } from '../../interop/helpers/loop-system.ts';
import { enter, openSystem, outputOf, press, quiet, settle, startHost, statusOf } from './helpers.ts';

let current: CpHost | null = null;
const cleanups: Array<() => void> = [];
afterEach(() => {
  current?.close();
  current = null;
  for (const c of cleanups.splice(0)) c();
  vi.useRealTimers();
});

const sessionOf = (host: CpHost): TerminalSession => host.sessions.values().next().value!;
const inputOf = (t: LocalTerminal) => t.screen.textAt(22, 0, 60).replace(/\0/g, ' ').trimEnd();

async function guest(options = {}) {
  const started = startHost(openSystem(), options);
  current = started.host;
  await enter(started.terminal, 'LOGON GUEST GUEST');
  await quiet(started.dispatcher);
  const user = started.host.users.get('GUEST')!;
  return { ...started, user, session: sessionOf(started.host) };
}

describe('messages while the user types', () => {
  it('a line written while the user types leaves the input area and the cursor as they were', async () => {
    const { terminal, user } = await guest();
    typeText(terminal.screen, 'QUERY USE');
    const cursor = terminal.screen.cursor;
    user.writeLine('13:10:22 MSG FROM OPERATOR: SYSTEM GOING DOWN AT 14:00', 'cp');
    await settle();
    expect(outputOf(terminal)).toContain('13:10:22 MSG FROM OPERATOR: SYSTEM GOING DOWN AT 14:00');
    expect(inputOf(terminal)).toBe('QUERY USE');
    expect(terminal.screen.cursor).toBe(cursor);
    typeText(terminal.screen, 'RID');
    await press(terminal, Aid.enter);
    expect(outputOf(terminal)).toContain('GUEST AT VM370');
    expect(inputOf(terminal)).toBe('');
  });
});

describe('MORE... and HOLDING', () => {
  it('a full output area shows MORE...; ENTER with nothing typed holds it (HOLDING) until PA2', async () => {
    const { terminal, user } = await guest();
    for (let i = 1; i <= 30; i++) user.writeLine(`LINE ${i}`, 'cp');
    await settle();
    expect(statusOf(terminal)).toBe('MORE...');
    await press(terminal, Aid.enter);
    expect(statusOf(terminal)).toBe('HOLDING');
    user.writeLine('LINE 31', 'cp');
    await settle();
    expect(statusOf(terminal)).toBe('HOLDING');
    await enter(terminal, 'QUERY USERID');
    expect(statusOf(terminal)).toBe('NOT ACCEPTED');
    expect(inputOf(terminal)).toBe('QUERY USERID');
    await press(terminal, Aid.pa2);
    expect(outputOf(terminal)[0]).toMatch(/^LINE \d+$/);
    expect(statusOf(terminal)).toBe('CP READ');
    expect(outputOf(terminal)).toContain('LINE 31');
  });

  it('CLEAR during MORE... shows the next lines at once', async () => {
    const { terminal, user } = await guest();
    for (let i = 1; i <= 25; i++) user.writeLine(`LINE ${i}`, 'cp');
    await settle();
    expect(statusOf(terminal)).toBe('MORE...');
    await press(terminal, Aid.clear);
    expect(statusOf(terminal)).toBe('CP READ');
    expect(outputOf(terminal).filter((l) => l.startsWith('LINE ')).length).toBeGreaterThan(0);
    expect(outputOf(terminal)).toContain('LINE 25');
  });

  it('MORE... clears the output area by itself after 60 seconds unless told otherwise', () => {
    vi.useFakeTimers();
    const terminal = new LocalTerminal({ model: terminalModel(3279, 2), address: 0x0c0 });
    const screen = new ConsoleScreen(terminal);
    for (let i = 1; i <= 23; i++) screen.append(`line ${i}`);
    screen.flush();
    expect(DEFAULT_MORE_TIMEOUT_MS).toBe(60_000);
    vi.advanceTimersByTime(59_999);
    expect(statusOf(terminal)).toBe('MORE...');
    vi.advanceTimersByTime(1);
    expect(statusOf(terminal)).toBe('CP READ');
    expect(terminal.screen.text()[0]!.trimEnd()).toBe('line 23');
  });
});

describe('PF keys', () => {
  it('an IMMED key enters its line; a DELAYED key puts its line in the input area; an unset key does nothing', async () => {
    const { terminal, user, session } = await guest();
    user.pfKeys.set(3, 'QUERY USERID');
    user.pfKeys.set(4, 'DELAYED QUERY TIME');
    user.pfKeys.set(6, 'IMMED QUERY USERID');
    await press(terminal, pfAid(3));
    expect(outputOf(terminal).filter((l) => l === 'GUEST AT VM370').length).toBe(1);
    await press(terminal, pfAid(4));
    expect(inputOf(terminal)).toBe('QUERY TIME');
    expect(outputOf(terminal).some((l) => l.startsWith('TIME IS'))).toBe(false);
    await press(terminal, Aid.enter);
    expect(outputOf(terminal).some((l) => l.startsWith('TIME IS'))).toBe(true);
    await press(terminal, pfAid(6));
    expect(outputOf(terminal).filter((l) => l === 'GUEST AT VM370').length).toBe(2);
    const before = session.screen.transcript.length;
    await press(terminal, pfAid(5));
    expect(session.screen.transcript.length).toBe(before);
    // The keyboard is unlocked again: PA1 (already in CP READ) and PA3 do nothing else either.
    await press(terminal, Aid.pa1);
    await press(terminal, Aid.pa3);
    await enter(terminal, 'QUERY USERID');
    expect(outputOf(terminal).filter((l) => l === 'GUEST AT VM370').length).toBe(3);
  });

  it('keys set with the SET PFnn command work the same way', async () => {
    const { terminal } = await guest();
    await enter(terminal, 'SET PF07 IMMED QUERY USERID');
    await enter(terminal, 'SET PF08 DELAYED QUERY TIME');
    await press(terminal, pfAid(7));
    expect(outputOf(terminal)).toContain('GUEST AT VM370');
    await press(terminal, pfAid(8));
    expect(inputOf(terminal)).toBe('QUERY TIME');
  });
});

describe('the line-end character', () => {
  it('# splits a line into several commands; TERMINAL LINEND OFF keeps it whole', async () => {
    const { terminal, user } = await guest();
    await enter(terminal, 'QUERY USERID#QUERY TIME');
    expect(outputOf(terminal)).toContain('GUEST AT VM370');
    expect(outputOf(terminal).some((l) => l.startsWith('TIME IS'))).toBe(true);
    user.terminalSettings.set('LINEND', 'OFF');
    await enter(terminal, 'QUERY USERID#QUERY TIME');
    expect(outputOf(terminal).filter((l) => l === 'GUEST AT VM370').length).toBe(1);
  });
});

describe('a hidden line for CP', () => {
  it('readHiddenLine prompts, reads the next line in a non-display input area and does not show it', async () => {
    const { terminal, session } = await guest();
    const answers: Array<string | null> = [];
    session.readHiddenLine('ENTER READ PASSWORD:', (line) => answers.push(line));
    await settle();
    expect(outputOf(terminal)).toContain('ENTER READ PASSWORD:');
    expect(terminal.screen.fields().find((f) => f.start === 22 * 80)!.attribute & 0x0c).toBe(0x0c);
    await enter(terminal, 'SECRET');
    expect(answers).toEqual(['SECRET']);
    expect(session.screen.transcript).not.toContain('SECRET');
    expect(terminal.screen.fields().find((f) => f.start === 22 * 80)!.attribute & 0x0c).toBe(0);
  });

  it('PA1, PA2 or CLEAR instead of the line gives up (the answer is null)', async () => {
    const { terminal, session } = await guest();
    for (const aid of [Aid.pa1, Aid.pa2, Aid.clear]) {
      const answers: Array<string | null> = [];
      session.readHiddenLine('ENTER WRITE PASSWORD:', (line) => answers.push(line));
      await settle();
      await press(terminal, aid);
      expect(answers).toEqual([null]);
      expect(terminal.screen.fields().find((f) => f.start === 22 * 80)!.attribute & 0x0c).toBe(0);
    }
  });
});

describe('a running machine', () => {
  it('RUNNING takes one line ahead of the guest; a second is NOT ACCEPTED; #CP still reaches CP', async () => {
    const loop = openLoopSystem(1);
    cleanups.push(() => loop.remove());
    const { host, dispatcher, terminal } = startHost(loop.system);
    current = host;
    cleanups.push(() => dispatcher.stop());
    await enter(terminal, 'LOGON LOOP01 LOOP01');
    await settle();
    expect(statusOf(terminal)).toBe('RUNNING');
    await enter(terminal, 'FIRST LINE');
    expect(statusOf(terminal)).toBe('RUNNING');
    await enter(terminal, 'SECOND LINE');
    expect(statusOf(terminal)).toBe('NOT ACCEPTED');
    expect(inputOf(terminal)).toBe('SECOND LINE');
    await press(terminal, Aid.clear);
    await enter(terminal, '#CP QUERY USERID');
    expect(outputOf(terminal)).toContain('LOOP01 AT VM370');
    expect(statusOf(terminal)).toBe('RUNNING');
    await press(terminal, Aid.pa1);
    expect(statusOf(terminal)).toBe('CP READ');
    await enter(terminal, 'BEGIN');
    await settle();
    expect(statusOf(terminal)).toBe('RUNNING');
    // The ATTN key (telnet IP from a TN3270 client) is PA1 too.
    terminal.pressAttention();
    await settle();
    expect(statusOf(terminal)).toBe('CP READ');
  });
});
