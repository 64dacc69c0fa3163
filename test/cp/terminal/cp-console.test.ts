import { afterEach, describe, expect, it } from 'vitest';
import { Aid } from '../../../src/term/codes.ts';
import type { CpHost, TerminalSession } from '../../../src/cp/terminal/cp-host.ts';
import { enter, openSystem, outputOf, press, quiet, requireR6, startHost, statusOf } from './helpers.ts';

let current: CpHost | null = null;
afterEach(() => {
  current?.close();
  current = null;
});

const sessionOf = (host: CpHost): TerminalSession => host.sessions.values().next().value!;

describe('the CP console without CMS', () => {
  it('GUEST logs on to CP READ (no IPL-able system), CP commands work, LOGOFF returns to the logo', async () => {
    const system = openSystem();
    const { host, dispatcher, terminal } = startHost(system, { logoffDelayMs: 0 });
    current = host;
    await press(terminal, Aid.enter); // ENTER on the logo: the console, CP READ
    expect(statusOf(terminal)).toBe('CP READ');
    await enter(terminal, 'LOGON NOBODY');
    await enter(terminal, 'X');
    expect(outputOf(terminal)).toContain('DMKLOG053E NOBODY NOT IN CP DIRECTORY');
    await enter(terminal, 'LOGON GUEST GUEST');
    await quiet(dispatcher);
    const out = outputOf(terminal);
    expect(out).toContain('LOGON AT 13:10:22 GMT MONDAY 01/19/26');
    expect(out.some((l) => l.startsWith('DMKCFG022E'))).toBe(true);
    expect(statusOf(terminal)).toBe('CP READ');
    await enter(terminal, 'QUERY USERID');
    expect(outputOf(terminal)).toContain('GUEST AT VM370');
    await enter(terminal, 'QUERY VIRTUAL 191');
    expect(outputOf(terminal).some((l) => l.includes('191'))).toBe(true);
    await enter(terminal, 'LOGOFF');
    const transcript = sessionOf(host).screen.transcript;
    expect(transcript.at(-2)).toMatch(/^CONNECT= /);
    expect(transcript.at(-1)).toBe('LOGOFF AT 13:10:22 GMT MONDAY 01/19/26');
    await new Promise((r) => setTimeout(r, 5));
    expect(terminal.screen.textAt(1, 0, 13)).toBe('VM/370 ONLINE');
    expect(host.users.size).toBe(0);
  });

  it('DISCONN leaves the machine logged on; LOGON reconnects', async () => {
    const system = openSystem();
    const { host, terminal } = startHost(system, { logoffDelayMs: 0 });
    current = host;
    await enter(terminal, 'LOGON OPERATOR OPERATOR');
    await enter(terminal, 'DISCONN');
    expect(sessionOf(host).screen.transcript.at(-1)).toMatch(/^DISCONNECT AT 13:10:22 GMT/);
    expect(host.users.has('OPERATOR')).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
    await enter(terminal, 'LOGON OPERATOR OPERATOR');
    expect(outputOf(terminal)).toContain('RECONNECTED AT 13:10:22 GMT MONDAY 01/19/26');
    expect(host.users.size).toBe(1);
  });

  it('repeated wrong passwords are slowed down', async () => {
    const system = openSystem();
    const { host, terminal } = startHost(system, { failureDelayMs: 30 });
    current = host;
    await enter(terminal, 'LOGON GUEST BAD');
    expect(outputOf(terminal)).toContain('DMKLOG050E PASSWORD INCORRECT - REINITIATE LOGON PROCEDURE');
    await enter(terminal, 'LOGON GUEST BAD');
    // The second failure answers only after a delay; input is ignored meanwhile.
    expect(outputOf(terminal).filter((l) => l.startsWith('DMKLOG050E')).length).toBe(1);
    await new Promise((r) => setTimeout(r, 60));
    expect(outputOf(terminal).filter((l) => l.startsWith('DMKLOG050E')).length).toBe(2);
  });
});

describe('the CP console with R6 CMS', () => {
  it('PA1 enters CP READ, BEGIN resumes; #CP sends a line to CP from VM READ', async () => {
    const system = openSystem(requireR6());
    const { host, dispatcher, terminal } = startHost(system);
    current = host;
    await enter(terminal, 'LOGON CMSUSER CMSUSER');
    await quiet(dispatcher);
    expect(statusOf(terminal)).toBe('VM READ');
    await press(terminal, Aid.pa1);
    expect(statusOf(terminal)).toBe('CP READ');
    await enter(terminal, 'QUERY USERID');
    expect(sessionOf(host).screen.transcript.at(-1)).toBe('CMSUSER AT VM370');
    await enter(terminal, 'BEGIN');
    await quiet(dispatcher);
    expect(statusOf(terminal)).toBe('VM READ');
    await enter(terminal, '#CP QUERY USERID');
    expect(sessionOf(host).screen.transcript.at(-1)).toBe('CMSUSER AT VM370');
    expect(statusOf(terminal)).toBe('VM READ');
  }, 60_000);
});
