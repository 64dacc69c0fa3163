import { afterEach, describe, expect, it } from 'vitest';
import { Aid } from '../../../src/term/codes.ts';
import type { CpHost } from '../../../src/cp/terminal/cp-host.ts';
import { enter, openSystem, outputOf, press, quiet, requireR6, startHost, statusOf } from './helpers.ts';

let current: CpHost | null = null;
afterEach(() => {
  current?.close();
  current = null;
});

describe('LOGON on the 3270 console with R6 CMS', () => {
  it('logo, LOGON CMSUSER, wrong then right password, CMS banner, Ready, QUERY TIME, LOGOFF', async () => {
    const system = openSystem(requireR6());
    const { host, dispatcher, terminal, screen } = startHost(system);
    current = host;
    expect(screen.textAt(1, 0, 13)).toBe('VM/370 ONLINE');
    expect(screen.isFormatted()).toBe(false);

    await enter(terminal, 'LOGON CMSUSER');
    expect(outputOf(terminal)).toContain('ENTER PASSWORD:');
    expect(statusOf(terminal)).toBe('CP READ');
    // The input field does not display the password.
    const input = screen.fields().find((f) => f.start === 22 * 80);
    expect(input?.attribute! & 0x0c).toBe(0x0c);

    await enter(terminal, 'WRONG');
    expect(outputOf(terminal)).toContain('DMKLOG050E PASSWORD INCORRECT - REINITIATE LOGON PROCEDURE');
    expect(outputOf(terminal).join('\n')).not.toContain('WRONG');

    await enter(terminal, 'logon cmsuser');
    await enter(terminal, 'cmsuser');
    await quiet(dispatcher);
    const afterLogon = outputOf(terminal);
    expect(afterLogon).toContain('LOGON AT 13:10:22 GMT MONDAY 01/19/26');
    expect(afterLogon.some((l) => l.startsWith('CMS VERSION 6.0'))).toBe(true);
    expect(statusOf(terminal)).toBe('VM READ');

    await enter(terminal, '');
    await quiet(dispatcher);
    const host0 = host.sessions.values().next().value!;
    expect(host0.screen.transcript.some((l) => /^R(eady)?;/.test(l))).toBe(true);

    await enter(terminal, '#CP QUERY TIME');
    await quiet(dispatcher);
    expect(host0.screen.transcript.some((l) => /^TIME IS \d\d:\d\d:\d\d GMT MONDAY 01\/19\/26$/.test(l))).toBe(true);

    await enter(terminal, 'STATE PROFILE EXEC');
    await quiet(dispatcher);
    expect(host0.screen.transcript.at(-1)).toMatch(/^R(eady)?;/);
    // PA2 clears the output area (and shows what MORE... held back, if the area was full). R6 CMS
    // on a 3270 posts no read at its Ready message: it waits for the attention ENTER gives (RUNNING).
    await press(terminal, Aid.pa2);
    await quiet(dispatcher);
    expect(statusOf(terminal)).toBe('RUNNING');

    await enter(terminal, '#CP LOGOFF');
    await quiet(dispatcher);
    const tail = host0.screen.transcript.slice(-2);
    expect(tail[0]).toMatch(/^CONNECT= \d\d:\d\d:\d\d VIRTCPU= \d{3}:\d\d\.\d\d TOTCPU= \d{3}:\d\d\.\d\d$/);
    expect(tail[1]).toBe('LOGOFF AT 13:10:22 GMT MONDAY 01/19/26');
    expect(host.users.size).toBe(0);
    expect(dispatcher.size).toBe(0);
  }, 60_000);
});
