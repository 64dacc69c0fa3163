import { describe, expect, it } from 'vitest';
import { VirtualMachine } from '../../../src/cp/vm/virtual-machine.ts';
import { TranscriptTerminal } from '../../../src/cp/vm/console.ts';
import { run, useTestCp } from './user-helpers.ts';

const start = useTestCp();

describe('SET MSG, WNG, RUN, IMSG', () => {
  it('SET MSG OFF / WNG OFF / RUN ON set the user\'s switches; ON/OFF only', () => {
    const { user } = start().logon('GUEST');
    expect(run(user, 'SET MSG OFF').code).toBe(0);
    expect(user.receiveMessages).toBe(false);
    run(user, 'SET WNG OFF');
    expect(user.receiveWarnings).toBe(false);
    run(user, 'SET RUN ON');
    expect(user.run).toBe(true);
    expect(run(user, 'SET MSG MAYBE')).toEqual({ code: 26, lines: ['DMKCFS026E OPERAND MISSING OR INVALID'] });
    expect(run(user, 'SET MSG')).toEqual({ code: 26, lines: ['DMKCFS026E OPERAND MISSING OR INVALID'] });
    expect(run(user, 'SET MSG ON EXTRA')).toEqual({ code: 3, lines: ['DMKCFS003E INVALID OPTION - EXTRA'] });
    expect(user.receiveMessages).toBe(false);
  });

  it('SET IMSG, LINEDIT, TIMER, ACNT, ECMODE are recorded and shown by QUERY SET', () => {
    const { user } = start().logon('GUEST');
    for (const line of ['SET IMSG OFF', 'SET LINEDIT OFF', 'SET TIMER REAL', 'SET ACNT ON', 'SET EC ON', 'SET ISAM ON', 'SET AS OFF SVC NOTMR', 'SET PAGEX ON', 'SET AUTOP ON', 'SET SM ON', 'SET NOTR ON', 'SET AFF 01']) {
      expect(run(user, line)).toEqual({ code: 0, lines: [] });
    }
    expect(run(user, 'QUERY SET').lines).toEqual([
      'MSG ON , WNG ON , EMSG ON , ACNT ON , RUN OFF',
      'LINEDIT OFF, TIMER REAL, ISAM ON , ECMODE ON',
      'ASSIST OFF, PAGEX ON , AUTOPOLL ON',
      'IMSG OFF, SMSG ON , AFFINITY 01, NOTRANS ON',
    ]);
  });

  it('minimum abbreviations: SET LINED, SET TIMER; shorter ones are invalid options', () => {
    const { user } = start().logon('GUEST');
    expect(run(user, 'SET LINED OFF').code).toBe(0);
    expect(run(user, 'SET LINE OFF')).toEqual({ code: 3, lines: ['DMKCFS003E INVALID OPTION - LINE'] });
    expect(run(user, 'SET TIME ON').lines).toEqual(['DMKCFS003E INVALID OPTION - TIME']);
  });

  it('an unknown SET operand: DMKCFS003E; SET alone: DMKCFS026E', () => {
    const { user } = start().logon('GUEST');
    expect(run(user, 'SET BOGUS ON')).toEqual({ code: 3, lines: ['DMKCFS003E INVALID OPTION - BOGUS'] });
    expect(run(user, 'SET')).toEqual({ code: 26, lines: ['DMKCFS026E OPERAND MISSING OR INVALID'] });
  });

  it('SET EMSG CODE shows only the message number', () => {
    const { user } = start().logon('GUEST');
    run(user, 'SET EMSG CODE');
    expect(run(user, 'SET BOGUS').lines).toEqual(['DMKCFS003E']);
    expect(run(user, 'SET EMSG SOMETIMES').code).toBe(26);
  });
});

describe('SET PFnn', () => {
  it('stores IMMED or DELAYED (the default) and the text as typed', () => {
    const { user } = start().logon('GUEST');
    run(user, 'SET PF1 query time');
    run(user, 'SET PF02 DELAYED msg maint Hello');
    run(user, 'SET PF24 IMMED  B');
    expect(user.pfKeys.get(1)).toBe('DELAYED query time');
    expect(user.pfKeys.get(2)).toBe('DELAYED msg maint Hello');
    expect(user.pfKeys.get(24)).toBe('IMMED B');
  });

  it('SET PF12 RETRIEVE (as CE\'s PROFILE EXEC issues it) is kept as the RETRIEVE function', () => {
    const { user } = start().logon('GUEST');
    expect(user.vm.executeCommand('SET PF12 RETRIEVE', () => {}, true)).toBe(0);
    expect(user.pfKeys.get(12)).toBe('RETRIEVE');
    expect(run(user, 'QUERY PF12').lines).toEqual(['PF12 RETRIEVE']);
  });

  it('SET PFnn without text undefines the key; PF25 does not exist', () => {
    const { user } = start().logon('GUEST');
    run(user, 'SET PF5 Q N');
    run(user, 'SET PF5');
    expect(user.pfKeys.has(5)).toBe(false);
    expect(run(user, 'SET PF25 X').lines).toEqual(['DMKCFS003E INVALID OPTION - PF25']);
  });

  it('a lone virtual machine records SET PFnn as typed', () => {
    const vm = new VirtualMachine({ userid: 'LONE', storageSize: 64 * 1024, terminal: new TranscriptTerminal(), spool: false });
    expect(vm.executeCommand('SET PF12 RETRIEVE', () => {}, true)).toBe(0);
    expect(vm.executeCommand('SET PF8 IMMED DOWN 8', () => {}, true)).toBe(0);
    expect(vm.settings.get('PF12')).toBe('RETRIEVE');
    expect(vm.settings.get('PF8')).toBe('IMMED DOWN 8');
    const lines: string[] = [];
    vm.executeCommand('QUERY SET', (l) => lines.push(l), false);
    expect(lines).toEqual(['EMSG ON']);
  });
});

describe('SET CPUID', () => {
  it('changes the serial number QUERY CPUID shows', () => {
    const { user } = start().logon('GUEST');
    run(user, 'SET CPUID 123456');
    expect(run(user, 'QUERY CPUID').lines).toEqual(['CPUID = FF12345631480000']);
    expect(run(user, 'SET CPUID XYZ').code).toBe(26);
  });
});
