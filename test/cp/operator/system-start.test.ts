// System start and the system console (src/cp/operator/system-start.ts, system-console.ts): the
// startup messages, OPERATOR logged on at the console, commands typed there, the console log of
// LOGON and LOGOFF, and LOGON again at the console after the operator has logged off.

import { describe, expect, it } from 'vitest';
import { Aid } from '../../../src/term/codes.ts';
import { enter, outputOf, press } from '../terminal/helpers.ts';
import { localTerminal, settle, since, startTestSystem } from './helpers.ts';

describe('system start', () => {
  it('shows the startup messages on the system console and logs OPERATOR on there', async () => {
    const { running, console } = await startTestSystem();
    expect(console[0]).toMatch(/^VM\/370 RELEASE 6 .* 01\/19\/26 13:10:22$/);
    expect(console[1]).toBe('NOW 13:10:22 GMT MONDAY 01/19/26');
    expect(console[2]).toBe('START ((COLD|WARM|CKPT|FORCE) (DRAIN))|(SHUTDOWN)');
    expect(console[3]).toBe('COLD');
    expect(console).toContain('13:10:22 AUTO LOGON ***  OPERATOR USERS = 001 BY SYSTEM');
    expect(console).toContain('13:10:22 FILES: NO RDR, NO PRT, NO PUN');
    expect(console[console.length - 1]).toBe('DMKCPI966I INITIALIZATION COMPLETE');
    const operator = running.cp.user('OPERATOR');
    expect(operator?.terminal).toBe(running.console);
    expect(operator?.classes).toContain('A');
    expect(running.console.currentStatus()).toBe('CP READ');
  });

  it('a second start on the same data folder is a warm start', async () => {
    const first = await startTestSystem();
    await first.running.shutdown();
    const second = await startTestSystem(first.dataDir);
    expect(second.console[3]).toBe('WARM');
  });

  it('a line entered at the system console is a CP command issued by OPERATOR', async () => {
    const { running, console } = await startTestSystem();
    const mark = console.length;
    running.console.enter('QUERY USERID');
    expect(since(console, mark)).toEqual([`OPERATOR AT VM370`]);
    running.console.enter('FROB');
    expect(console[console.length - 1]).toBe('DMKCFC001E ?CP: FROB');
    const kinds = running.console.history().slice(-3).map((l) => l.kind);
    expect(kinds).toEqual(['output', 'input', 'output']);
  });

  it('a command that fails inside CP is reported on the console; the system runs on', async () => {
    const { running, console } = await startTestSystem();
    running.cp.user('OPERATOR')!.vm.commands.define({ name: 'BOOM', minimum: 4, classes: '*', handler: () => { throw new Error('kaput'); } });
    running.console.enter('BOOM');
    expect(console[console.length - 1]).toBe('CP COMMAND FAILED: kaput');
    running.console.enter('QUERY USERID');
    expect(console[console.length - 1]).toMatch(/^OPERATOR AT /);
  });

  it('CP logs the LOGON and LOGOFF of a 3270 user on the operator console', async () => {
    const system = await startTestSystem();
    const terminal = localTerminal(system);
    await press(terminal, Aid.enter);
    await enter(terminal, 'LOGON MAINT CPCMS');
    expect(system.console).toContain('13:10:22 GRAF 0C0 LOGON AS MAINT USERS = 002');
    await enter(terminal, 'LOGOFF');
    await settle();
    expect(system.console).toContain('13:10:22 GRAF 0C0 LOGOFF AS MAINT USERS = 001');
  });

  it('after the operator logs off the console says VM/370 ONLINE and takes LOGON with ENTER PASSWORD:', async () => {
    const { running, console } = await startTestSystem();
    running.console.enter('LOGOFF');
    await settle();
    expect(running.cp.user('OPERATOR')).toBeUndefined();
    expect(console).toContain('13:10:22 SYSC LOGOFF AS OPERATOR USERS = 000');
    expect(console[console.length - 1]).toBe('VM/370 ONLINE');
    expect(running.console.currentStatus()).toBe('NOT LOGGED ON');
    running.console.enter('LOGON OPERATOR');
    expect(console[console.length - 1]).toBe('ENTER PASSWORD:');
    expect(running.console.hiddenInput).toBe(true);
    running.console.enter('WRONG');
    expect(console[console.length - 1]).toBe('DMKLOG050E PASSWORD INCORRECT - REINITIATE LOGON PROCEDURE');
    running.console.enter('LOGON OPERATOR');
    running.console.enter('OPERATOR');
    expect(running.cp.user('OPERATOR')?.terminal).toBe(running.console);
    expect(console).toContain('13:10:22 SYSC LOGON AS OPERATOR USERS = 001');
    // The password is not kept in the console's history.
    expect(running.console.history().some((l) => l.text === 'OPERATOR' && l.kind === 'input')).toBe(false);
  });

  it('QUERY SYSTEM shows the system devices and the users', async () => {
    const { running, console } = await startTestSystem();
    const mark = console.length;
    running.console.enter('QUERY SYSTEM');
    const lines = since(console, mark);
    expect(lines[0]).toMatch(/^SYSTEM \S+ {2}STORAGE = \d{5}K$/);
    expect(lines.some((l) => /^DASD [0-9A-F]{3} CP SYSTEM \S+/.test(l))).toBe(true);
    expect(lines[lines.length - 1]).toBe('USERS = 001, DSC = 000, LOGONS ENABLED');
  });

  it('a 3270 user sees the log message at LOGON; SET LOGMSG NULL removes it', async () => {
    const system = await startTestSystem();
    system.running.console.enter('SET LOGMSG System up until Friday');
    system.running.console.enter('SET LOGMSG 2 Have fun');
    const mark = system.console.length;
    system.running.console.enter('QUERY LOGMSG');
    expect(since(system.console, mark)).toEqual(['LOGMSG - System up until Friday', 'LOGMSG - Have fun']);
    const terminal = localTerminal(system);
    await press(terminal, Aid.enter);
    await enter(terminal, 'LOGON GUEST GUEST');
    expect(outputOf(terminal)).toContain('LOGMSG - System up until Friday');
    system.running.console.enter('SET LOGMSG NULL');
    const after = system.console.length;
    system.running.console.enter('QUERY LOGMSG');
    expect(since(system.console, after)).toEqual(['NO LOGMSG']);
  });

  it('DISABLE refuses new LOGONs from terminals; ENABLE lets them in again', async () => {
    const system = await startTestSystem();
    system.running.console.enter('DISABLE');
    expect(system.console[system.console.length - 1]).toBe('COMMAND COMPLETE');
    const terminal = localTerminal(system);
    await press(terminal, Aid.enter);
    await enter(terminal, 'LOGON GUEST GUEST');
    expect(system.running.cp.user('GUEST')).toBeUndefined();
    expect(outputOf(terminal)).toContain('LOGON REFUSED: TERMINALS ARE DISABLED BY THE OPERATOR');
    system.running.console.enter('ENABLE');
    await enter(terminal, 'LOGON GUEST GUEST');
    expect(system.running.cp.user('GUEST')?.terminal).not.toBeNull();
  });
});
