// The user commands seen on real 3270 screens: two local terminals on one CP.
import { afterEach, describe, expect, it } from 'vitest';
import type { CpHost } from '../../../src/cp/terminal/cp-host.ts';
import { LocalTerminal } from '../../../src/term/local-terminal.ts';
import { terminalModel } from '../../../src/term/models.ts';
import { Aid } from '../../../src/term/codes.ts';
import { enter, openSystem, outputOf, press, startHost } from '../terminal/helpers.ts';

let current: CpHost | null = null;
afterEach(() => {
  current?.close();
  current = null;
});

describe('messages on the 3270', () => {
  it('MSG from one terminal appears on the other user\'s screen', async () => {
    const system = openSystem();
    const { host, terminal } = startHost(system);
    current = host;
    const second = new LocalTerminal({ model: terminalModel(3279, 2), address: 0x0c1 });
    host.onConnect(second);
    await enter(terminal, 'LOGON GUEST GUEST');
    await enter(second, 'LOGON MAINT CPCMS');
    await enter(terminal, 'QUERY NAMES');
    expect(outputOf(terminal)).toContain('GUEST    - 0C0 , MAINT    - 0C1');
    await enter(terminal, 'MSG MAINT Lunch at noon?');
    expect(outputOf(second)).toContain('13:10:22 MSG FROM GUEST   : Lunch at noon?');
    await enter(second, 'SET MSG OFF');
    await enter(terminal, 'M MAINT again');
    expect(outputOf(terminal)).toContain('DMKMSG057W MAINT NOT RECEIVING; MSG OFF');
  });
});

describe('line editing and PF keys on the 3270', () => {
  it('the line-end character splits what is typed; TERMINAL LINEND changes it', async () => {
    const system = openSystem();
    const { host, terminal } = startHost(system);
    current = host;
    await enter(terminal, 'LOGON GUEST GUEST');
    await enter(terminal, 'Q USERID#Q USERS');
    expect(outputOf(terminal)).toEqual(expect.arrayContaining(['GUEST AT VM370', '001 USERS, 000 DIALED']));
    await enter(terminal, 'TERM LINEND !');
    await enter(terminal, 'Q USERS!Q CPUID');
    expect(outputOf(terminal)).toContain('CPUID = FF01037031480000');
  });

  it('SET PFnn IMMED: the key enters its command', async () => {
    const system = openSystem();
    const { host, terminal } = startHost(system);
    current = host;
    await enter(terminal, 'LOGON GUEST GUEST');
    await enter(terminal, 'SET PF5 IMMED QUERY CPUID');
    expect(outputOf(terminal)).not.toContain('CPUID = FF01037031480000');
    await press(terminal, Aid.pf5);
    expect(outputOf(terminal)).toContain('CPUID = FF01037031480000');
  });
});
