// The operator commands (src/cp/commands/operator): FORCE, AUTOLOG, SHUTDOWN, their privilege
// classes and their messages, issued at the system console and from users' terminals.

import { describe, expect, it } from 'vitest';
import { VirtualMachine } from '../../../src/cp/vm/virtual-machine.ts';
import { cpCommandSet } from '../../../src/cp/commands/index.ts';
import { TranscriptTerminal } from '../../../src/cp/vm/console.ts';
import { Aid } from '../../../src/term/codes.ts';
import { enter, outputOf, press } from '../terminal/helpers.ts';
import { localTerminal, settle, since, startTestSystem, type TestSystem } from './helpers.ts';

async function logon(system: TestSystem, userid: string, password: string, address = 0x0c0) {
  const terminal = localTerminal(system, address);
  await press(terminal, Aid.enter);
  await enter(terminal, `LOGON ${userid} ${password}`);
  expect(system.running.cp.user(userid)?.terminal).not.toBeNull();
  return terminal;
}

/** What the operator's command wrote on the console. */
function operatorSays(system: TestSystem, line: string): string[] {
  const mark = system.console.length;
  system.running.console.enter(line);
  return since(system.console, mark);
}

describe('FORCE', () => {
  it('FORCE userid tells the user, logs the user off and notes it on the console', async () => {
    const system = await startTestSystem();
    const terminal = await logon(system, 'GUEST', 'GUEST');
    const said = operatorSays(system, 'FORCE GUEST');
    expect(said).toEqual(['13:10:22 GRAF 0C0 LOGOFF AS GUEST USERS = 001 FORCED BY OPERATOR']);
    expect(system.running.cp.user('GUEST')).toBeUndefined();
    await settle();
    const screen = outputOf(terminal);
    const forced = screen.indexOf('USER GUEST FORCED BY OPERATOR');
    expect(forced).toBeGreaterThanOrEqual(0);
    expect(screen.slice(forced).some((l) => l.startsWith('LOGOFF AT 13:10:22 GMT MONDAY 01/19/26'))).toBe(true);
  });

  it('FORCE of a user not logged on, and without a userid, give the R6 messages', async () => {
    const system = await startTestSystem();
    expect(operatorSays(system, 'FORCE NOBODY')).toEqual(['DMKUSO045E NOBODY NOT LOGGED ON']);
    expect(operatorSays(system, 'FORCE')).toEqual(['DMKCFC026E OPERAND MISSING OR INVALID']);
    expect(operatorSays(system, 'FORC GUEST')).toEqual(['DMKCFC001E ?CP: FORC']);
  });

  it('a class G user does not know FORCE, AUTOLOG or SHUTDOWN', async () => {
    const system = await startTestSystem();
    const terminal = await logon(system, 'GUEST', 'GUEST');
    for (const command of ['FORCE OPERATOR', 'AUTOLOG MAINT CPCMS', 'SHUTDOWN', 'DISABLE']) {
      await enter(terminal, command);
      expect(outputOf(terminal)).toContain(`DMKCFC001E ?CP: ${command.split(' ')[0]}`);
    }
    expect(system.running.cp.user('OPERATOR')).toBeDefined();
    expect(system.running.cp.user('MAINT')).toBeUndefined();
    expect(system.running.operator.shuttingDown).toBe(false);
  });

  it('a class A user at a 3270 may force itself off', async () => {
    const system = await startTestSystem();
    const terminal = await logon(system, 'MAINT', 'CPCMS');
    await enter(terminal, 'FORCE MAINT');
    await settle();
    expect(system.running.cp.user('MAINT')).toBeUndefined();
    expect(outputOf(terminal)).toContain('USER MAINT FORCED BY MAINT');
  });

  it('the operator may force itself off the system console, which then says VM/370 ONLINE', async () => {
    const system = await startTestSystem();
    const said = operatorSays(system, 'FORCE OPERATOR');
    expect(said[0]).toBe('USER OPERATOR FORCED BY OPERATOR');
    expect(said).toContain('13:10:22 SYSC LOGOFF AS OPERATOR USERS = 000 FORCED BY OPERATOR');
    expect(said[said.length - 1]).toBe('VM/370 ONLINE');
    expect(system.running.cp.user('OPERATOR')).toBeUndefined();
    // A later LOGOFF of the same user is an ordinary one.
    system.running.console.enter('LOGON OPERATOR OPERATOR');
    expect(operatorSays(system, 'LOGOFF')).toContain('13:10:22 SYSC LOGOFF AS OPERATOR USERS = 000');
  });
});

describe('AUTOLOG', () => {
  it('AUTOLOG userid password logs the user on disconnected', async () => {
    const system = await startTestSystem();
    const said = operatorSays(system, 'AUTOLOG GUEST GUEST');
    expect(said).toEqual(['13:10:22 AUTO LOGON ***  GUEST USERS = 002 BY OPERATOR']);
    const guest = system.running.cp.user('GUEST');
    expect(guest?.terminal).toBeNull();
    expect(operatorSays(system, 'QUERY SYSTEM').pop()).toBe('USERS = 002, DSC = 001, LOGONS ENABLED');
    expect(operatorSays(system, 'QUERY NAMES').join(' ')).toMatch(/GUEST +- DSC/);
    // The user may reconnect from a terminal with LOGON.
    const terminal = localTerminal(system);
    await press(terminal, Aid.enter);
    await enter(terminal, 'LOGON GUEST GUEST');
    expect(system.running.cp.user('GUEST')).toBe(guest);
    expect(outputOf(terminal).some((l) => l.startsWith('RECONNECTED AT'))).toBe(true);
  });

  it('a class A user at a 3270 gets COMMAND COMPLETE; the console gets the log line', async () => {
    const system = await startTestSystem();
    const terminal = await logon(system, 'MAINT', 'CPCMS');
    await enter(terminal, 'AUTOLOG GUEST GUEST');
    expect(outputOf(terminal)).toContain('COMMAND COMPLETE');
    expect(system.console).toContain('13:10:22 AUTO LOGON ***  GUEST USERS = 003 BY MAINT');
  });

  it('a wrong password, an unknown user, a user already logged on and a missing password are refused', async () => {
    const system = await startTestSystem();
    expect(operatorSays(system, 'AUTOLOG GUEST WRONG')).toEqual(['DMKLOG050E PASSWORD INCORRECT']);
    expect(operatorSays(system, 'AUTOLOG NOBODY X')).toEqual(['DMKLOG053E NOBODY NOT IN CP DIRECTORY']);
    expect(operatorSays(system, 'AUTOLOG GUEST')).toEqual(['DMKCFC026E OPERAND MISSING OR INVALID']);
    expect(operatorSays(system, 'AUTOLOG OPERATOR OPERATOR')).toEqual(['DMKLOG054E ALREADY LOGGED ON CONSOLE']);
    expect(system.running.cp.users.size).toBe(1);
  });
});

describe('SHUTDOWN', () => {
  it('forces every user off with a message, closes the system and says so on the console', async () => {
    const system = await startTestSystem();
    const terminal = await logon(system, 'MAINT', 'CPCMS');
    operatorSays(system, 'AUTOLOG GUEST GUEST');
    const ended: string[] = [];
    const gone: string[] = [];
    system.running.operator.onShutdown(() => ended.push('ended'));
    system.running.cp.onLogoff.push((user) => gone.push(user.userid));
    system.running.console.enter('SHUTDOWN');
    await system.running.stopped;
    expect(ended).toEqual(['ended']);
    // Everyone is logged off as LOGOFF does it (the spool closes their files), the operator last.
    expect(gone).toEqual(['MAINT', 'GUEST', 'OPERATOR']);
    expect(system.running.cp.users.size).toBe(0);
    expect(system.running.dispatcher.size).toBe(0);
    expect(outputOf(terminal)).toContain('SYSTEM SHUTDOWN IN PROGRESS');
    expect(system.console).toContain('13:10:22 USER DSC LOGOFF AS GUEST USERS = 001 FORCED BY OPERATOR');
    expect(system.console.slice(-2)).toEqual(['DMKCKP960I SYSTEM WARM START DATA SAVED', 'DMKCKP961W SYSTEM SHUTDOWN COMPLETE']);
    // No one logs on to a system that is down.
    const late = localTerminal(system, 0x0c1);
    await press(late, Aid.enter);
    await enter(late, 'LOGON GUEST GUEST');
    expect(system.running.cp.user('GUEST')).toBeUndefined();
  });

  it('a class A user at a 3270 may shut the system down; SHUTDOWN is not abbreviated', async () => {
    const system = await startTestSystem();
    const terminal = await logon(system, 'MAINT', 'CPCMS');
    await enter(terminal, 'SHUTDOW');
    expect(outputOf(terminal)).toContain('DMKCFC001E ?CP: SHUTDOW');
    await enter(terminal, 'SHUTDOWN NOW');
    expect(outputOf(terminal)).toContain('DMKCFC003E INVALID OPTION - NOW');
    await enter(terminal, 'SHUTDOWN');
    await system.running.stopped;
    expect(system.console).toContain('13:10:22 GRAF 0C0 LOGOFF AS MAINT USERS = 001 FORCED BY MAINT');
    expect(system.console[system.console.length - 1]).toBe('DMKCKP961W SYSTEM SHUTDOWN COMPLETE');
  });
});

describe('operator commands without a CP', () => {
  it('a lone virtual machine does not know them', () => {
    const transcript = new TranscriptTerminal();
    const vm = new VirtualMachine({ userid: 'LONE', storageSize: 64 * 1024, terminal: transcript, commands: cpCommandSet() });
    const replies: string[] = [];
    for (const line of ['SHUTDOWN', 'FORCE X', 'AUTOLOG X Y', 'ENABLE', 'QUERY SYSTEM']) vm.executeCommand(line, (l) => replies.push(l), false);
    expect(replies).toEqual(['DMKCFC001E ?CP: SHUTDOWN', 'DMKCFC001E ?CP: FORCE', 'DMKCFC001E ?CP: AUTOLOG', 'DMKCFC001E ?CP: ENABLE', 'DMKCFC001E ?CP: QUERY']);
    vm.close();
  });
});
