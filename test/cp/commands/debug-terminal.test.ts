// TRACE and DISPLAY for a user logged on at a 3270 with IBM's R6 CMS: a NORUN trace stops the
// machine in CP READ at the first traced event, the user looks around and goes on.

import { afterEach, describe, expect, it } from 'vitest';
import type { CpHost } from '../../../src/cp/terminal/cp-host.ts';
import { enter, openSystem, quiet, requireR6, startHost, statusOf } from '../terminal/helpers.ts';

let current: CpHost | null = null;
afterEach(() => {
  current?.close();
  current = null;
});

describe('debugging from a 3270', () => {
  it('TRACE SVC stops CMS in CP READ at its first SVC (201 or 202); DISPLAY PSW shows where; TRACE END and BEGIN finish the command', async () => {
    const system = openSystem(requireR6());
    const { host, dispatcher, terminal } = startHost(system);
    current = host;
    await enter(terminal, 'LOGON CMSUSER');
    await enter(terminal, 'CMSUSER');
    await quiet(dispatcher);
    await enter(terminal, '');
    await quiet(dispatcher);
    const session = host.sessions.values().next().value!;
    const transcript = () => session.screen.transcript;

    await enter(terminal, '#CP TRACE SVC');
    await quiet(dispatcher);
    expect(transcript().at(-1)).toBe('TRACE STARTED');
    await enter(terminal, 'STATE PROFILE EXEC');
    await quiet(dispatcher);
    expect(statusOf(terminal)).toBe('CP READ');
    const svc = transcript().at(-1)!;
    expect(svc).toMatch(/^\*\*\* [0-9A-F]{6} SVC  [0-9A-F]{2}   ==> [0-9A-F]{6}$/);

    await enter(terminal, 'DISPLAY PSW');
    await quiet(dispatcher);
    expect(transcript().at(-1)!.slice(-6)).toBe(svc.slice(-6));

    await enter(terminal, 'TRACE END');
    await quiet(dispatcher);
    expect(transcript().at(-1)).toBe('TRACE ENDED');
    await enter(terminal, 'BEGIN');
    await quiet(dispatcher);
    expect(transcript().at(-1)).toMatch(/^R(eady)?;/);
  });
});
