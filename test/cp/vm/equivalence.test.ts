// Popek and Goldberg's equivalence property: a guest of our own (docs/course/labs/supervisor.asm, a small supervisor
// that uses DAT, its own new PSWs, SVCs, a page-translation exception it repairs, the clock comparator
// and a problem-state user program) gives the same results under CP as on the bare machine. The
// same core image runs once on a bare Cpu and once IPLed from the virtual reader of a VirtualMachine
// (privileged instructions trapped and simulated by CP); the result areas must match byte for byte.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { assemble, bcPsw, iplDeck, type AssemblyResult } from '../../../src/asm/index.ts';
import { Cpu } from '../../../src/cpu/cpu.ts';
import { pswHex, setPswHex } from '../../../src/cpu/psw.ts';
import { TranscriptTerminal } from '../../../src/cp/vm/console.ts';
import { VirtualMachine, type RunResult } from '../../../src/cp/vm/virtual-machine.ts';

// The same program is the lab of docs/course/04-trap-and-emulate.md: one source for both.
const source = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../../docs/course/labs/supervisor.asm'), 'utf8');

const STORAGE = 256 * 1024;
const RES = 0x6000;
const RES_LENGTH = 0x300;
/** Real storage compared byte for byte: the result area, the page behind virtual X'8000', the DAT tables. */
const AREAS: Array<[string, number, number]> = [
  ['results', RES, RES_LENGTH],
  ['frame 7000', 0x7000, 0x20],
  ['segment and page tables', 0x5000, 0x60],
  ['old PSWs', 0x18, 0x18],
  ['interruption codes', 0x84, 0x10],
  ['handler save areas', 0xe00, 0xc4],
];

interface Outcome {
  psw: string;
  gpr: number[];
  cr: number[];
  mem: Uint8Array;
  instructions: number;
}

const snapshot = (cpu: Cpu, mem: Uint8Array): Outcome => ({
  psw: pswHex(cpu),
  gpr: Array.from(cpu.gpr, (v) => v >>> 0),
  cr: Array.from(cpu.cr),
  mem: Uint8Array.from(mem),
  instructions: cpu.instructions,
});

describe('equivalence: the same DAT supervisor on the bare machine and under CP', () => {
  let asm: AssemblyResult;
  let bare: Outcome;
  let guest: Outcome;
  let vm: VirtualMachine;
  let terminal: TranscriptTerminal;
  let result: RunResult;

  const word = (o: Outcome, at: number) =>
    ((o.mem[at]! << 24) | (o.mem[at + 1]! << 16) | (o.mem[at + 2]! << 8) | o.mem[at + 3]!) >>> 0;
  const bytes = (o: Outcome, at: number, n: number) => [...o.mem.subarray(at, at + n)];
  const hex = (o: Outcome, at: number, n: number) => Buffer.from(o.mem.subarray(at, at + n)).toString('hex');

  beforeAll(() => {
    asm = assemble(source, { file: 'VMEQUIV' });

    // The bare machine: the core image loaded, the IPL deck's BC-mode PSW, virtual time.
    const cpu = new Cpu({ storageSize: STORAGE, timeMode: 'virtual', idleSkip: true });
    cpu.storage.load(asm.core.origin, asm.core.bytes);
    setPswHex(cpu, Buffer.from(bcPsw(asm.core.entry)).toString('hex'));
    for (let guard = 0; ; guard++) {
      const stop = cpu.run(1_000_000 - cpu.instructions);
      if (stop.kind === 'wait' && stop.disabled) break;
      if (stop.kind !== 'wait' || guard > 100) throw new Error(`bare machine stopped: ${stop.kind}`);
    }
    bare = snapshot(cpu, cpu.mem);

    // Under CP: IPLed from the virtual reader, storage of the same size.
    terminal = new TranscriptTerminal();
    vm = new VirtualMachine({
      userid: 'EQUIV',
      storageSize: STORAGE,
      terminal,
      time: { epoch: new Date(Date.UTC(1981, 3, 1)) },
    });
    const deck = iplDeck(asm.core);
    const cards: Uint8Array[] = [];
    for (let i = 0; i < deck.length; i += 80) cards.push(deck.subarray(i, i + 80));
    vm.reader!.queue(cards);
    vm.ipl('00C');
    result = vm.run(1_000_000);
    guest = snapshot(vm.cpu, vm.storage.bytes);
    vm.close();
  });

  it('assembles cleanly', () => {
    expect(asm.messages).toEqual([]);
    expect(asm.returnCode).toBe(0);
  });

  it('both end in the same disabled wait', () => {
    expect(bare.psw).toBe('000a00000000e0e0');
    expect(result.outcome).toBe('cp-read');
    expect(terminal.lines.at(-1)).toBe("DMKDSP450W CP ENTERED; DISABLED WAIT PSW '000A0000 0000E0E0'");
    expect(guest.psw).toBe(bare.psw);
  });

  it('the result areas, DAT tables, low-storage interruption data and save areas are equal byte for byte', () => {
    for (const [name, at, n] of AREAS) expect(`${name}: ${hex(guest, at, n)}`).toBe(`${name}: ${hex(bare, at, n)}`);
  });

  it('the registers and control registers are equal', () => {
    expect(guest.gpr).toEqual(bare.gpr);
    expect(guest.cr).toEqual(bare.cr);
  });

  it('the guest executed as many instructions under CP as on the bare machine', () => {
    // The IPL's channel program runs no instructions: the counts match exactly.
    expect(guest.instructions).toBe(bare.instructions);
  });

  it('the user program computed: sum of squares 385, packed 400, HFP 7.0, the word through the repaired page', () => {
    expect(word(bare, RES + 0x000)).toBe(385);
    expect(hex(bare, RES + 0x008, 8)).toBe('000000000000400c');
    expect(word(bare, RES + 0x010)).toBe(0x41700000);
    expect(word(bare, RES + 0x014)).toBe(385);
    expect(hex(bare, RES + 0x018, 8)).toBe('00000181e5d4f3f7'); // 385, 'VM37'
    expect(hex(bare, 0x7000, 8)).toBe('00000181e5d4f3f7'); // real X'7000' behind virtual X'8000'
  });

  it('interruptions: page translation X\'0011\' at virtual X\'8000\', privileged operation X\'0002\', SVC 5 and 9, clock comparator X\'1004\'', () => {
    expect(word(bare, RES + 0x140)).toBe(2); // program interruptions
    expect(word(bare, RES + 0x144)).toBe(2); // SVCs
    expect(word(bare, RES + 0x148)).toBe(1); // external
    expect(word(bare, RES + 0x150)).toBe(0x0004_0011); // ILC 2 halfwords (ST), page translation
    expect(word(bare, RES + 0x154)).toBe(0x0002_0002); // ILC 1 halfword (SSK), privileged operation
    expect(word(bare, RES + 0x180) & 0xffffff).toBe(0x8000); // translation-exception address
    // Program old PSWs: EC, DAT on, key 3, problem state; the ST is nullified (it is re-executed).
    expect(bytes(bare, RES + 0x160, 2)).toEqual([0x04, 0x39]);
    expect(bytes(bare, RES + 0x168, 2)).toEqual([0x04, 0x39]);
    expect(word(bare, RES + 0x1a0) & 0xffff).toBe(5);
    expect(word(bare, RES + 0x1a4) & 0xffff).toBe(9);
    expect(bytes(bare, RES + 0x1b0, 2)).toEqual([0x04, 0x39]);
    expect(bytes(bare, RES + 0x128, 2)).toEqual([0x10, 0x04]);
    expect(bytes(bare, RES + 0x130, 2)).toEqual([0x01, 0x08]); // EC, external enabled (after STOSM)
  });

  it('DAT: LRA results before and after the repair, the page-table entry made valid', () => {
    expect(word(bare, RES + 0x108)).toBe(0x3010); // LRA of virtual X'A010'
    expect(word(bare, RES + 0x10c)).toBe(0x5050); // page invalid: R1 = the page-table entry's address
    expect(word(bare, RES + 0x110)).toBe(0x5004); // segment invalid: R1 = the segment-table entry's address
    expect((word(bare, RES + 0x114) >>> 28) & 3).toBe(0); // CC 0
    expect((word(bare, RES + 0x118) >>> 28) & 3).toBe(2); // page invalid: CC 2
    expect((word(bare, RES + 0x11c) >>> 28) & 3).toBe(1); // segment invalid: CC 1
    expect(word(bare, RES + 0x190)).toBe(0x7000); // after the repair
    expect(hex(bare, 0x5050, 2)).toBe('0070');
    expect(word(bare, RES + 0x100)).toBe(0x00800800);
    expect(word(bare, RES + 0x104)).toBe(0x5000);
  });

  it('SVC 5: masks, storage keys with reference and change bits, LRA in supervisor state', () => {
    expect(bytes(bare, RES + 0x120, 2)).toEqual([0x00, 0x01]); // STOSM saw 00, STNSM saw 01
    expect(word(bare, RES + 0x138) & 0xfe).toBe(0x30); // ISK after SSK
    expect(word(bare, RES + 0x1d4) & 0xfe).toBe(0x36); // key 3, referenced, changed
    expect(word(bare, RES + 0x1d8)).toBe(0x3100);
    expect(word(bare, RES + 0x1e0)).toBe(0x6020);
    expect(word(bare, RES + 0x200 + 2 * 4)).toBe(1); // R2 = R0 from SVC 5: one SVC so far
    expect(word(bare, RES + 0x200 + 1 * 4)).toBe(99); // the user ran on after the privileged operation
  });

  it('trap and emulate really happened: CP simulated the supervisor\'s privileged instructions', () => {
    const p = vm.counts.privileged;
    const total = [...p.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0);
    expect(p.get('LPSW')).toBeGreaterThanOrEqual(7);
    for (const m of ['LCTL', 'STCTL', 'LRA', 'PTLB', 'SSK', 'ISK', 'STOSM', 'STNSM', 'SSM', 'SCKC']) {
      expect(p.get(m), m).toBeGreaterThan(0);
    }
  });
});
