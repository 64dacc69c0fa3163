import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CpUser } from '../../../src/cp/control-program.ts';
import { cpCommandSet } from '../../../src/cp/commands/index.ts';
import { SavedSystem } from '../../../src/cp/nss/saved-system.ts';
import { TranscriptTerminal } from '../../../src/cp/vm/console.ts';
import { VirtualMachine } from '../../../src/cp/vm/virtual-machine.ts';
import { toEbcdic } from '../../../src/ebcdic/index.ts';
import { run, useTestCp } from './user-helpers.ts';

const start = useTestCp();

afterEach(() => {
  vi.useRealTimers();
});

/** Puts bytes (hex) into the machine's storage. */
function store(user: CpUser, address: number, hex: string): void {
  user.vm.cpu.mem.set(Uint8Array.from(Buffer.from(hex.replace(/\s/g, ''), 'hex')), address);
}

/** A guest loop at X'800' (B *), started with BEGIN 800: the machine runs. */
function running(user: CpUser): void {
  store(user, 0x800, '47F0 0800');
  expect(run(user, 'BEGIN 800').code).toBe(0);
  expect(user.vm.state).toBe('running');
}

/** A guest that issues a CP command through DIAGNOSE X'08' at X'800', then loops. */
function diagnoseGuest(user: CpUser, command: string): void {
  const text = toEbcdic(command, 'cp037');
  user.vm.cpu.mem.set(text, 0x900);
  const length = text.length.toString(16).padStart(3, '0');
  store(user, 0x800, `4120 0900  4130 0${length}  8323 0008  47F0 080C`);
  run(user, 'BEGIN 800');
}

describe('BEGIN', () => {
  it('BEGIN hexloc starts the machine at that address', () => {
    const { user } = start().logon('GUEST');
    running(user);
    user.vm.run(10);
    expect(user.vm.cpu.ia).toBe(0x800);
  });

  it('BEGIN without hexloc does not start a machine that has nothing loaded', () => {
    const { user } = start().logon('GUEST');
    expect(run(user, 'BEGIN')).toEqual({ code: 450, lines: ['DMKDSP450W CP ENTERED; VIRTUAL MACHINE NOT IN RUNNABLE STATE'] });
    expect(user.vm.state).toBe('stopped');
  });

  it('a hexloc beyond storage or not hexadecimal is refused', () => {
    const { user } = start().logon('GUEST');
    expect(run(user, 'BEGIN FFFFFF')).toEqual({ code: 160, lines: ['DMKCFC160E HEXLOC FFFFFF EXCEEDS STORAGE'] });
    expect(run(user, 'B XYZ')).toEqual({ code: 26, lines: ['DMKCFC026E OPERAND MISSING OR INVALID'] });
    expect(user.vm.state).toBe('stopped');
  });
});

describe('SET RUN', () => {
  it('with RUN ON a command typed in CP READ lets the machine run on; with RUN OFF it stays in CP READ', () => {
    const { user } = start().logon('GUEST');
    running(user);
    user.vm.enterCpMode(); // PA1
    run(user, 'QUERY TIME');
    expect(user.vm.state).toBe('cp-read');
    run(user, 'SET RUN ON');
    expect(user.vm.state).toBe('cp-read');
    run(user, 'QUERY TIME');
    expect(user.vm.state).toBe('running');
    user.vm.enterCpMode();
    run(user, 'SET RUN OFF');
    expect(user.vm.state).toBe('cp-read');
  });

  it('a machine stopped in a disabled wait stays in CP READ with RUN ON', () => {
    const { user } = start().logon('GUEST');
    store(user, 0x800, '8200 0808 0000 0000 000A0000 00000808'); // LPSW of a disabled wait PSW
    run(user, 'SET RUN ON');
    run(user, 'BEGIN 800');
    expect(user.vm.run(100).outcome).toBe('cp-read');
    run(user, 'QUERY TIME');
    expect(user.vm.state).toBe('cp-read');
  });

  it('SYSTEM RESET keeps the machine in CP READ even with RUN ON', () => {
    const { user } = start().logon('GUEST');
    running(user);
    run(user, 'SET RUN ON');
    user.vm.enterCpMode();
    expect(run(user, 'SYSTEM RESET').lines).toEqual(['SYSTEM RESET']);
    expect(user.vm.state).toBe('cp-read');
  });
});

describe('SYSTEM', () => {
  it('SYSTEM CLEAR clears storage; SYSTEM RESET keeps it', () => {
    const { user } = start().logon('GUEST');
    running(user);
    user.vm.enterCpMode();
    expect(run(user, 'SYSTEM RESET').lines).toEqual(['SYSTEM RESET']);
    expect(user.vm.cpu.mem[0x800]).toBe(0x47);
    expect(run(user, 'SYS CLEAR').lines).toEqual(['STORAGE CLEARED - SYSTEM RESET']);
    expect(user.vm.cpu.mem[0x800]).toBe(0);
  });

  it('SYSTEM RESTART makes a restart interruption pending and runs the machine', () => {
    const { user } = start().logon('GUEST');
    running(user);
    user.vm.enterCpMode();
    expect(run(user, 'SYSTEM RESTART').code).toBe(0);
    expect(user.vm.state).toBe('running');
    expect(user.vm.cpu.snapshot().pending.restart).toBe(true);
  });

  it('SYSTEM needs RESET, CLEAR or RESTART', () => {
    const { user } = start().logon('GUEST');
    expect(run(user, 'SYSTEM')).toEqual({ code: 26, lines: ['DMKCPB026E OPERAND MISSING OR INVALID'] });
    expect(run(user, 'SYSTEM RES').lines).toEqual(['DMKCPB003E INVALID OPTION - RES']);
    expect(run(user, 'SY RESET').lines).toEqual(['DMKCFC001E ?CP: SY']);
  });
});

describe('EXTERNAL, REQUEST, ATTN', () => {
  it('EXTERNAL presents the interrupt key (code X\'0040\'), taken when the guest enables it', () => {
    const { user } = start().logon('GUEST');
    store(user, 0x58, '00000000 00000A00'); // external new PSW: loop at X'A00'
    store(user, 0xa00, '47F0 0A00');
    running(user);
    user.vm.cpu.sysMask = 0x01; // external interruptions enabled (BC mode)
    user.vm.cpu.stateChanged();
    user.vm.enterCpMode();
    expect(run(user, 'EXTERNAL').code).toBe(0);
    expect(user.vm.state).toBe('running');
    user.vm.run(10);
    expect(user.vm.cpu.ia).toBe(0xa00);
    expect((user.vm.cpu.mem[0x1a]! << 8) | user.vm.cpu.mem[0x1b]!).toBe(0x0040);
  });

  it('EXTERNAL with a code for an external signal; a wrong code is refused', () => {
    const { user } = start().logon('GUEST');
    expect(run(user, 'EXT 20').code).toBe(0);
    expect(user.vm.cpu.snapshot().pending.externalSignals).toBe(1 << 2);
    expect(run(user, 'EXT 1000').code).toBe(26);
    expect(run(user, 'EXT ZZ').code).toBe(26);
  });

  it('REQUEST and ATTN present an attention on the virtual console', () => {
    const { user } = start().logon('GUEST');
    expect(user.vm.io.pendingChannels).toBe(0);
    expect(run(user, 'REQUEST').code).toBe(0);
    expect(user.vm.io.pendingChannels).not.toBe(0);
    expect(run(user, 'ATTN').code).toBe(0);
    expect(run(user, 'ATT').lines).not.toEqual([]);
  });
});

describe('SLEEP', () => {
  it('SLEEP n SEC from a running guest (DIAGNOSE X\'08\') stops the machine until the time has passed', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { user } = start().logon('GUEST');
    diagnoseGuest(user, 'SLEEP 2 SEC');
    expect(user.vm.run(100).outcome).toBe('cp-read');
    vi.advanceTimersByTime(1_999);
    expect(user.vm.state).toBe('cp-read');
    vi.advanceTimersByTime(1);
    expect(user.vm.state).toBe('running');
    user.vm.run(100);
    expect(user.vm.cpu.ia).toBe(0x80c);
  });

  it('a line typed while the machine sleeps wakes it', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { user } = start().logon('GUEST');
    diagnoseGuest(user, 'SLEEP 10 MIN');
    user.vm.run(100);
    expect(user.vm.state).toBe('cp-read');
    user.command('');
    expect(user.vm.state).toBe('running');
    expect(user.vm.commands.onInput).toBeNull();
  });

  it('SLEEP without a time lasts until ENTER; typed in CP READ the machine stays in CP READ', () => {
    const { user } = start().logon('GUEST');
    running(user);
    user.vm.enterCpMode();
    expect(run(user, 'SLEEP').code).toBe(0);
    expect(user.vm.commands.onInput).not.toBeNull();
    run(user, '');
    expect(user.vm.commands.onInput).toBeNull();
    expect(user.vm.state).toBe('cp-read');
  });

  it('LOGOFF while asleep cancels the sleep', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const t = start();
    const { user } = t.logon('GUEST');
    const hooks = t.cp.onLogoff.length;
    run(user, 'SLEEP 1 HR');
    expect(vi.getTimerCount()).toBe(1);
    t.cp.logoff(user);
    expect(vi.getTimerCount()).toBe(0);
    await Promise.resolve();
    expect(t.cp.onLogoff.length).toBe(hooks);
  });

  it('wrong operands: a number needs SEC, MIN or HR', () => {
    const { user } = start().logon('GUEST');
    expect(run(user, 'SLEEP 5')).toEqual({ code: 26, lines: ['DMKCFC026E OPERAND MISSING OR INVALID'] });
    expect(run(user, 'SL 5 DAYS').code).toBe(26);
    expect(run(user, 'SLEEP X SEC').code).toBe(26);
    expect(run(user, 'SLEEP 5 SEC NOW').code).toBe(3);
    expect(user.vm.commands.onInput).toBeNull();
  });
});

describe('CP, comments, INDICATE', () => {
  it('CP runs the rest of the line as a command; CP alone does nothing', () => {
    const { user } = start().logon('GUEST');
    expect(run(user, 'CP QUERY USERID').lines).toEqual(['GUEST AT VM370']);
    expect(run(user, 'CP CP Q USERID').lines).toEqual(['GUEST AT VM370']);
    expect(run(user, 'CP')).toEqual({ code: 0, lines: [] });
    expect(run(user, 'CP BOGUS').lines).toEqual(['DMKCFC001E ?CP: BOGUS']);
  });

  it('a line beginning with * is a comment', () => {
    const { user } = start().logon('GUEST');
    expect(run(user, '* QUERY TIME')).toEqual({ code: 0, lines: [] });
    expect(run(user, '*comment')).toEqual({ code: 0, lines: [] });
  });

  it('INDICATE USER shows the machine\'s pages, times and I/O', () => {
    const { user } = start().logon('GUEST');
    const lines = run(user, 'INDICATE USER').lines;
    expect(lines[0]).toBe('PAGES: RES-3840 WS-3840 READS=000000 WRITES=000000 MH-000000 PNH-000000');
    expect(lines[1]).toMatch(/^VTIME=\d{3}:\d\d TTIME=\d{3}:\d\d SIO=\d{6} RDR-\d{6} PRT-\d{6} PCH-\d{6}$/);
    expect(run(user, 'IND').lines).toHaveLength(2);
    expect(run(user, 'IND LOAD').code).toBe(3);
  });
});

describe('IPL', () => {
  function testSystem(user: CpUser): void {
    // A saved system at X'10000' whose PSW starts a loop there (BALR 15,0; BCR 15,15).
    const bytes = new Uint8Array(8192);
    bytes.set([0, 0, 0, 0, 0, 1, 0, 0], 0);
    bytes.set([0x05, 0xf0, 0x07, 0xff], 4096);
    if (user.vm.savedSystems.get('TESTSYS') === undefined) user.vm.savedSystems.add(new SavedSystem({ name: 'TESTSYS', address: 0x10000, ipl: true }, bytes));
  }

  it('IPL name runs the saved system', () => {
    const { user } = start().logon('GUEST');
    testSystem(user);
    expect(run(user, 'IPL TESTSYS').code).toBe(0);
    expect(user.vm.state).toBe('running');
    expect(user.vm.cpu.ia).toBe(0x10000);
  });

  it('IPL vaddr STOP loads the machine from the device and leaves it in CP READ until BEGIN', () => {
    // A lone machine with the whole command table, its reader holding a two-card IPL deck: the
    // IPL record (PSW X'800', a CCW that reads the next card to X'800') and the program (B *).
    const vm = new VirtualMachine({ userid: 'LONE', storageSize: 64 * 1024, terminal: new TranscriptTerminal(), commands: cpCommandSet() });
    const hex = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s/g, ''), 'hex'));
    vm.reader!.queue([hex('00000000 00000800  02000800 00000050  00000000 00000000'), hex('47F0 0800')]);
    const lines: string[] = [];
    expect(vm.executeCommand('IPL 00C CLEAR STOP', (l) => lines.push(l), false)).toBe(0);
    expect(lines).toEqual([]);
    expect(vm.state).toBe('cp-read');
    expect(vm.cpu.ia).toBe(0x800);
    expect(vm.cpu.mem[0x800]).toBe(0x47);
    vm.enter('BEGIN');
    expect(vm.state).toBe('running');
  });

  it('IPL ... PARM passes the text in registers 0-15, four EBCDIC characters each', () => {
    const { user } = start().logon('GUEST');
    testSystem(user);
    expect(run(user, 'IPL TESTSYS PARM AutoCR x').code).toBe(0);
    const gpr = user.vm.cpu.gpr;
    const word = (s: string) => Buffer.from(toEbcdic(s, 'cp037')).readInt32BE(0);
    expect([gpr[0], gpr[1], gpr[2]]).toEqual([word('Auto'), word('CR x'), 0]);
    // The bytes of the last register the text does not reach keep what they had; the one blank
    // after PARM is not part of the text, further blanks are.
    expect(run(user, 'IPL TESTSYS PARM  CR').code).toBe(0);
    expect(gpr[0]).toBe((word(' CR ') & ~0xff) | 0x00);
  });

  it('wrong IPL operands give the R6 messages', () => {
    const { user } = start().logon('GUEST');
    testSystem(user);
    expect(run(user, 'IPL')).toEqual({ code: 26, lines: ['DMKCFG026E OPERAND MISSING OR INVALID'] });
    expect(run(user, 'IPL 123')).toEqual({ code: 40, lines: ['DMKCFG040E DEV 123 DOES NOT EXIST'] });
    expect(run(user, 'IPL NOSUCH')).toEqual({ code: 22, lines: ['DMKCFG022E VADDR MISSING OR INVALID'] });
    expect(run(user, 'IPL TESTSYS NOW')).toEqual({ code: 3, lines: ['DMKCFG003E INVALID OPTION - NOW'] });
    expect(run(user, 'IPL TESTSYS STOP').lines).toEqual(['DMKCFG003E INVALID OPTION - STOP']);
    expect(run(user, 'IPL TESTSYS CLEAR').lines).toEqual(['DMKCFG003E INVALID OPTION - CLEAR']);
    expect(run(user, `IPL TESTSYS PARM ${'X'.repeat(65)}`).code).toBe(3);
  });
});
