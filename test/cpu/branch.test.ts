// Branching instructions (Principles of Operation, "General Instructions"): branch conditions, the
// BRANCH AND LINK link word, BRANCH ON INDEX register pairs, and EXECUTE.
// Cases marked (Hercules) were checked on Hercules 3.13 in S/370 mode.

import { describe, expect, it } from 'vitest';
import { execute, machine, peek, poke, reg } from '../helpers/machine.ts';
import { ProgramCode } from '../../src/arch/interruptions.ts';

interface Case {
  /** Reads like the manual: `45 BAL [RX]: the link word holds the ILC, CC, program mask and address`. */
  name: string;
  /** One instruction, hex, placed at 0x1000. */
  code: string;
  gpr?: Record<number, number>;
  storage?: Record<number, string>;
  cc?: number;
  progMask?: number;
  want: {
    /** The next instruction address. */
    ia?: number;
    gpr?: Record<number, number>;
    /** Omitted: unchanged. */
    cc?: number;
    progMask?: number;
    program?: number;
    /** ILC in halfwords at a program interruption. */
    ilc?: number;
    storage?: Record<number, string>;
  };
}

function hex32(v: number): string {
  return (v >>> 0).toString(16).padStart(8, '0');
}

function check(c: Case): void {
  const cpu = machine();
  for (const [r, v] of Object.entries(c.gpr ?? {})) cpu.gpr[Number(r)] = v;
  for (const [a, h] of Object.entries(c.storage ?? {})) poke(cpu, Number(a), h);
  const initialCc = c.cc ?? (c.want.cc !== undefined ? (c.want.cc + 1) & 3 : 2);
  const initialMask = c.progMask ?? (c.want.progMask !== undefined ? c.want.progMask ^ 5 : 0);
  cpu.cc = initialCc;
  cpu.progMask = initialMask;
  const stop = execute(cpu, c.code);
  if (c.want.program !== undefined) {
    expect(stop.kind).toBe('program');
    expect(stop.code).toBe(c.want.program);
  } else {
    expect(stop.kind).toBe('budget');
  }
  if (c.want.ilc !== undefined) expect(cpu.ilc).toBe(c.want.ilc);
  if (c.want.ia !== undefined) expect(hex32(cpu.ia)).toBe(hex32(c.want.ia));
  for (const [r, v] of Object.entries(c.want.gpr ?? {})) expect(`R${r}=${reg(cpu, Number(r))}`).toBe(`R${r}=${hex32(v)}`);
  expect(cpu.cc).toBe(c.want.cc ?? initialCc);
  expect(cpu.progMask).toBe(c.want.progMask ?? initialMask);
  for (const [a, h] of Object.entries(c.want.storage ?? {})) expect(peek(cpu, Number(a), h.length >>> 1)).toBe(h);
}

function table(title: string, cases: Case[]): void {
  describe(title, () => {
    for (const c of cases) it(c.name, () => check(c));
  });
}

/** For each CC: the mask bit for that CC alone branches, every other mask bit together does not. */
function conditionCases(mnemonic: string, code: (mask: number) => string, gpr: Record<number, number>): Case[] {
  const cases: Case[] = [];
  for (let cc = 0; cc < 4; cc++) {
    const bit = 8 >>> cc;
    cases.push({
      name: `${mnemonic}: mask ${bit.toString(2).padStart(4, '0')} branches on CC ${cc}`,
      code: code(bit),
      gpr,
      cc,
      want: { ia: 0x900 },
    });
    cases.push({
      name: `${mnemonic}: mask ${(15 ^ bit).toString(2).padStart(4, '0')} does not branch on CC ${cc}`,
      code: code(15 ^ bit),
      gpr,
      cc,
      want: { ia: 0x1000 + code(0).length / 2 },
    });
  }
  return cases;
}

table('set program mask', [
  { name: '04 SPM [RR]: bits 2-3 of R1 become the CC, bits 4-7 the program mask', code: '0410', gpr: { 1: 0x2b00_0000 }, want: { cc: 2, progMask: 0xb, ia: 0x1002 } },
  { name: '04 SPM [RR]: all ones give CC 3 and mask 15', code: '0410', gpr: { 1: -1 }, want: { cc: 3, progMask: 15 } },
  { name: '04 SPM [RR]: bits 0-1 and 8-31 are ignored', code: '0410', gpr: { 1: 0xc0ff_ffff }, want: { cc: 0, progMask: 0 } },
]);

table('branch and link', [
  { name: '05 BALR [RR]: the link word holds ILC 1, CC, program mask and the next address', code: '0512', gpr: { 2: 0x3000 }, cc: 2, progMask: 0xa, want: { gpr: { 1: 0x6a00_1002 }, ia: 0x3000 } },
  { name: '05 BALR [RR]: CC 3 and mask 15 in the link word', code: '0512', gpr: { 2: 0x3000 }, cc: 3, progMask: 15, want: { gpr: { 1: 0x7f00_1002 }, ia: 0x3000 } },
  { name: '05 BALR [RR]: R2 = 0 links without branching', code: '0510', gpr: { 0: 0x3000 }, cc: 0, progMask: 0, want: { gpr: { 1: 0x4000_1002 }, ia: 0x1002 } },
  { name: '05 BALR [RR]: the branch address is taken from R2 before R1 is replaced', code: '0511', gpr: { 1: 0x3000 }, cc: 1, progMask: 0, want: { gpr: { 1: 0x5000_1002 }, ia: 0x3000 } },
  { name: '05 BALR [RR]: bits 0-7 of R2 are ignored', code: '0512', gpr: { 2: 0xff00_3000 }, cc: 0, progMask: 0, want: { gpr: { 1: 0x4000_1002 }, ia: 0x3000 } },
  { name: '45 BAL [RX]: the link word holds ILC 2, CC, program mask and the next address', code: '45100900', cc: 1, progMask: 4, want: { gpr: { 1: 0x9400_1004 }, ia: 0x900 } },
  { name: '45 BAL [RX]: CC 3 and mask 15 in the link word', code: '45100900', cc: 3, progMask: 15, want: { gpr: { 1: 0xbf00_1004 }, ia: 0x900 } },
  { name: '45 BAL [RX]: the branch address is formed before R1 is replaced', code: '45110004', gpr: { 1: 0x3000 }, cc: 0, progMask: 0, want: { gpr: { 1: 0x8000_1004 }, ia: 0x3004 } },
  { name: '45 BAL [RX]: the address is X2 + B2 + D2 in 24 bits', code: '45123010', gpr: { 2: 0xff00_0100, 3: 0x0200 }, cc: 0, progMask: 0, want: { gpr: { 1: 0x8000_1004 }, ia: 0x310 } },
]);

table('branch on condition', [
  ...conditionCases('07 BCR [RR]', (m) => `07${m.toString(16)}2`, { 2: 0x900 }),
  ...conditionCases('47 BC [RX]', (m) => `47${m.toString(16)}00900`, {}),
  { name: '07 BCR [RR]: R2 = 0 does not branch, whatever the mask', code: '07f0', gpr: { 0: 0x900 }, want: { ia: 0x1002 } },
  { name: '07 BCR [RR]: mask 0 never branches', code: '0702', gpr: { 2: 0x900 }, cc: 0, want: { ia: 0x1002 } },
  { name: '07 BCR [RR]: bits 0-7 of R2 are ignored', code: '07f2', gpr: { 2: 0xab00_0900 }, want: { ia: 0x900 } },
  { name: '47 BC [RX]: mask 15 always branches to X2 + B2 + D2', code: '47f12100', gpr: { 1: 0x100, 2: 0x700 }, cc: 3, want: { ia: 0x900 } },
  { name: '47 BC [RX]: mask 0 never branches', code: '47000900', cc: 0, want: { ia: 0x1004 } },
]);

table('branch on count', [
  { name: '06 BCTR [RR]: R1 - 1 not zero branches to R2', code: '0612', gpr: { 1: 2, 2: 0x3000 }, want: { gpr: { 1: 1 }, ia: 0x3000 } },
  { name: '06 BCTR [RR]: R1 - 1 zero does not branch', code: '0612', gpr: { 1: 1, 2: 0x3000 }, want: { gpr: { 1: 0 }, ia: 0x1002 } },
  { name: '06 BCTR [RR]: 0 - 1 is -1 and branches', code: '0612', gpr: { 1: 0, 2: 0x3000 }, want: { gpr: { 1: -1 }, ia: 0x3000 } },
  { name: '06 BCTR [RR]: 0x80000000 - 1 wraps without overflow', code: '0612', gpr: { 1: 0x8000_0000, 2: 0x3000 }, progMask: 8, want: { gpr: { 1: 0x7fff_ffff }, ia: 0x3000 } },
  { name: '06 BCTR [RR]: R2 = 0 decrements without branching', code: '0610', gpr: { 0: 0x3000, 1: 5 }, want: { gpr: { 1: 4 }, ia: 0x1002 } },
  { name: '06 BCTR [RR]: the branch address is R2 before R1 is decremented', code: '0611', gpr: { 1: 0x3000 }, want: { gpr: { 1: 0x2fff }, ia: 0x3000 } },
  { name: '46 BCT [RX]: R1 - 1 not zero branches', code: '46100900', gpr: { 1: 2 }, want: { gpr: { 1: 1 }, ia: 0x900 } },
  { name: '46 BCT [RX]: R1 - 1 zero does not branch', code: '46100900', gpr: { 1: 1 }, want: { gpr: { 1: 0 }, ia: 0x1004 } },
  { name: '46 BCT [RX]: 0 - 1 is -1 and branches', code: '46100900', gpr: { 1: 0 }, want: { gpr: { 1: -1 }, ia: 0x900 } },
  { name: '46 BCT [RX]: 0x80000000 - 1 wraps without overflow', code: '46100900', gpr: { 1: 0x8000_0000 }, progMask: 8, want: { gpr: { 1: 0x7fff_ffff }, ia: 0x900 } },
  { name: '46 BCT [RX]: the branch address is formed before R1 is decremented', code: '46110000', gpr: { 1: 0x3000 }, want: { gpr: { 1: 0x2fff }, ia: 0x3000 } },
]);

table('branch on index', [
  { name: '86 BXH [RS]: an even R3: sum above R3+1 branches', code: '86140900', gpr: { 1: 1, 4: 1, 5: 1 }, want: { gpr: { 1: 2 }, ia: 0x900 } },
  { name: '86 BXH [RS]: sum equal to R3+1 does not branch', code: '86140900', gpr: { 1: 0, 4: 1, 5: 1 }, want: { gpr: { 1: 1 }, ia: 0x1004 } },
  { name: '86 BXH [RS]: a negative increment counts down and branches while high', code: '86140900', gpr: { 1: 5, 4: -1, 5: 0 }, want: { gpr: { 1: 4 }, ia: 0x900 } },
  { name: '86 BXH [RS]: a negative increment reaching the compare value falls through', code: '86140900', gpr: { 1: 1, 4: -1, 5: 0 }, want: { gpr: { 1: 0 }, ia: 0x1004 } },
  { name: '86 BXH [RS]: an odd R3 is both increment and compare value (equal: no branch)', code: '86150900', gpr: { 1: 0, 5: 3 }, want: { gpr: { 1: 3, 5: 3 }, ia: 0x1004 } },
  { name: '86 BXH [RS]: an odd R3 is both increment and compare value (high: branch)', code: '86150900', gpr: { 1: 1, 5: 3 }, want: { gpr: { 1: 4, 5: 3 }, ia: 0x900 } },
  { name: '86 BXH [RS]: R1 = R3+1: the compare value is taken before R1 changes (Hercules)', code: '86540900', gpr: { 4: 1, 5: 10 }, want: { gpr: { 5: 11 }, ia: 0x900 } },
  { name: '86 BXH [RS]: R1 = R3: the increment is R1 itself', code: '86440900', gpr: { 4: 5, 5: 9 }, want: { gpr: { 4: 10 }, ia: 0x900 } },
  { name: '86 BXH [RS]: overflow of the sum is ignored: 0x7fffffff + 1 is low', code: '86140900', gpr: { 1: 0x7fff_ffff, 4: 1, 5: 0 }, progMask: 8, want: { gpr: { 1: 0x8000_0000 }, ia: 0x1004 } },
  { name: '86 BXH [RS]: the branch address is formed before R1 changes', code: '86141800', gpr: { 1: 0x100, 4: 1, 5: 0 }, want: { gpr: { 1: 0x101 }, ia: 0x900 } },
  { name: '87 BXLE [RS]: an even R3: sum equal to R3+1 branches', code: '87140900', gpr: { 1: 0, 4: 1, 5: 1 }, want: { gpr: { 1: 1 }, ia: 0x900 } },
  { name: '87 BXLE [RS]: sum above R3+1 does not branch', code: '87140900', gpr: { 1: 1, 4: 1, 5: 1 }, want: { gpr: { 1: 2 }, ia: 0x1004 } },
  { name: '87 BXLE [RS]: the comparison is signed', code: '87140900', gpr: { 1: -10, 4: 1, 5: 1 }, want: { gpr: { 1: -9 }, ia: 0x900 } },
  { name: '87 BXLE [RS]: an odd R3 is both increment and compare value', code: '87150900', gpr: { 1: 0, 5: 3 }, want: { gpr: { 1: 3, 5: 3 }, ia: 0x900 } },
  { name: '87 BXLE [RS]: overflow of the sum is ignored: 0x7fffffff + 1 is low', code: '87140900', gpr: { 1: 0x7fff_ffff, 4: 1, 5: 0 }, progMask: 8, want: { gpr: { 1: 0x8000_0000 }, ia: 0x900 } },
  { name: '87 BXLE [RS]: R1 = R3+1: the compare value is taken before R1 changes', code: '87540900', gpr: { 4: 1, 5: 10 }, want: { gpr: { 5: 11 }, ia: 0x1004 } },
]);

table('execute', [
  { name: '44 EX [RX]: runs the target; execution goes on after the EX', code: '44000800', gpr: { 2: 0x1234 }, storage: { 0x800: '1812' }, want: { gpr: { 1: 0x1234 }, ia: 0x1004, storage: { 0x800: '1812' } } },
  { name: '44 EX [RX]: bits 24-31 of R1 are ORed into bits 8-15 of the target', code: '44300800', gpr: { 1: 0, 2: 7, 3: 0x12 }, storage: { 0x800: '1800' }, want: { gpr: { 0: 0, 1: 7 }, ia: 0x1004, storage: { 0x800: '1800' } } },
  { name: '44 EX [RX]: the OR keeps the target\'s own bits', code: '44300800', gpr: { 3: 0x02 }, storage: { 0x800: '1811' }, want: { gpr: { 1: 2 }, storage: { 0x800: '1811' } } },
  { name: '44 EX [RX]: bits 0-23 of R1 are ignored', code: '44100800', gpr: { 1: 0xffff_ff12, 2: 9 }, storage: { 0x800: '1800' }, want: { gpr: { 1: 9 } } },
  { name: '44 EX [RX]: R1 = 0 ORs nothing, whatever R0 holds', code: '44000800', gpr: { 0: 0xff, 4: 4 }, storage: { 0x800: '1834' }, want: { gpr: { 0: 0xff, 3: 4 } } },
  { name: '44 EX [RX]: an RX target gets an index register from the OR', code: '44300800', gpr: { 2: 4, 3: 0x02 }, storage: { 0x800: '58100900', 0x900: '1111111122222222' }, want: { gpr: { 1: 0x2222_2222 } } },
  { name: '44 EX [RX]: an SS target gets its length from the OR', code: '44300800', gpr: { 3: 3 }, storage: { 0x800: 'd2000a000b00', 0xa00: 'aaaaaaaaaa', 0xb00: '1122334455' }, want: { storage: { 0xa00: '11223344aa' } } },
  { name: '44 EX [RX]: the target address is X2 + B2 + D2', code: '44012004', gpr: { 1: 0x200, 2: 0x600, 4: 0x44 }, storage: { 0x804: '1834' }, want: { gpr: { 3: 0x44 } } },
  { name: '44 EX [RX]: an odd target address is a specification exception (Hercules)', code: '44000801', storage: { 0x800: '18121812' }, gpr: { 2: 5 }, want: { gpr: { 1: 0 }, program: ProgramCode.specification, ilc: 2 } },
  { name: '44 EX [RX]: a target EX is an execute exception (Hercules)', code: '44000800', storage: { 0x800: '44000900', 0x900: '1812' }, gpr: { 2: 5 }, want: { gpr: { 1: 0 }, program: ProgramCode.execute, ilc: 2 } },
  { name: '44 EX [RX]: an EX executing itself is an execute exception', code: '4400c000', gpr: { 12: 0x1000 }, want: { program: ProgramCode.execute, ilc: 2 } },
  { name: '44 EX [RX]: a target beyond storage is an addressing exception', code: '44020000', gpr: { 2: 0x2_0000 }, want: { program: ProgramCode.addressing, ilc: 2 } },
  { name: '44 EX [RX]: an invalid target opcode is an operation exception with the EX\'s ILC', code: '44000800', storage: { 0x800: '0000' }, want: { program: ProgramCode.operation, ilc: 2, ia: 0x1004 } },
  { name: '44 EX [RX]: an exception in the target has the EX\'s ILC', code: '44000800', gpr: { 2: 0, 3: 1, 4: 0 }, storage: { 0x800: '1d24' }, want: { program: ProgramCode.fixedPointDivide, ilc: 2, gpr: { 3: 1 } } },
  { name: '44 EX [RX]: an overflowing target sets CC 3 and interrupts with the mask on', code: '44000800', gpr: { 1: 0x7fff_ffff, 2: 1 }, progMask: 8, storage: { 0x800: '1a12' }, want: { program: ProgramCode.fixedPointOverflow, ilc: 2, cc: 3, gpr: { 1: 0x8000_0000 } } },
  { name: '44 EX [RX]: a target BC branches normally', code: '44000800', cc: 2, storage: { 0x800: '47f00900' }, want: { ia: 0x900 } },
  { name: '44 EX [RX]: a target BC gets its mask from the OR', code: '44300800', gpr: { 3: 0xf0 }, storage: { 0x800: '47000900' }, want: { ia: 0x900 } },
  { name: '44 EX [RX]: a target BCR that does not branch continues after the EX', code: '44000800', cc: 0, gpr: { 2: 0x900 }, storage: { 0x800: '0772' }, want: { ia: 0x1004 } },
  { name: '44 EX [RX]: a target BAL links with ILC 2 and the address after the EX (Hercules)', code: '44000800', cc: 0, progMask: 0, storage: { 0x800: '45100900' }, want: { gpr: { 1: 0x8000_1004 }, ia: 0x900 } },
  { name: '44 EX [RX]: a target BALR links with ILC 2, CC and mask (Hercules)', code: '44300800', gpr: { 2: 0x900, 3: 0x12 }, cc: 1, progMask: 2, storage: { 0x800: '0500' }, want: { gpr: { 1: 0x9200_1004 }, ia: 0x900 } },
  { name: '44 EX [RX]: a target BALR with R2 = 0 links and continues after the EX', code: '44000800', cc: 0, progMask: 0, storage: { 0x800: '0510' }, want: { gpr: { 1: 0x8000_1004 }, ia: 0x1004 } },
  { name: '44 EX [RX]: a target BCT counts and branches', code: '44000800', gpr: { 1: 3 }, storage: { 0x800: '46100900' }, want: { gpr: { 1: 2 }, ia: 0x900 } },
  { name: '44 EX [RX]: a target SPM sets the CC and program mask', code: '44000800', gpr: { 1: 0x1700_0000 }, storage: { 0x800: '0410' }, want: { cc: 1, progMask: 7, ia: 0x1004 } },
]);

describe('execute: interruptions and protection', () => {
  it('44 EX [RX]: a target EX stores the old PSW with code 3, ILC 2 and the address after the EX (Hercules)', () => {
    const cpu = machine({ interceptProgram: false });
    poke(cpu, 0x68, '00020000_00000bad');
    poke(cpu, 0x800, '44000800');
    execute(cpu, '44000800');
    expect(peek(cpu, 0x28, 8)).toBe('0000000380001004');
    expect(cpu.ia).toBe(0xbad);
  });

  it('44 EX [RX]: the instruction address being executed stays the EX\'s', () => {
    const cpu = machine();
    poke(cpu, 0x800, '0000');
    const stop = execute(cpu, '44000800');
    expect(stop.code).toBe(ProgramCode.operation);
    expect(cpu.curIa).toBe(0x1000);
  });

  it('44 EX [RX]: a fetch-protected target is a protection exception', () => {
    const cpu = machine();
    cpu.keys[1] = 0x28;
    cpu.key = 1;
    poke(cpu, 0x800, '1812');
    cpu.gpr[2] = 5;
    const stop = execute(cpu, '44000800');
    expect(stop.kind).toBe('program');
    expect(stop.code).toBe(ProgramCode.protection);
    expect(cpu.gpr[1]).toBe(0);
  });

  it('44 EX [RX]: a target in a store-protected but fetchable block runs', () => {
    const cpu = machine();
    cpu.keys[1] = 0x20;
    cpu.key = 1;
    poke(cpu, 0x800, '1812');
    cpu.gpr[2] = 5;
    const stop = execute(cpu, '44000800');
    expect(stop.kind).toBe('budget');
    expect(cpu.gpr[1]).toBe(5);
  });

  it('44 EX [RX]: a 4-byte target may cross a 2K boundary', () => {
    const cpu = machine();
    poke(cpu, 0x7fe, '41100123');
    execute(cpu, '440007fe');
    expect(cpu.gpr[1]).toBe(0x123);
  });
});

describe('loops', () => {
  it('87 BXLE [RS]: an index loop from 0 to 10 step 1 sums 55', () => {
    const cpu = machine();
    // 1000 SR 1,1; 1002 LA 4,1; 1006 LA 5,10; 100a SR 2,2; 100c AR 2,1; 100e BXLE 1,4,12(12)
    poke(cpu, 0x1000, '1b11 41400001 4150000a 1b22 1a21 8714c00c');
    cpu.gpr[12] = 0x1000;
    cpu.ia = 0x1000;
    const stop = cpu.run(4 + 11 * 2);
    expect(stop.kind).toBe('budget');
    expect(cpu.gpr[2]).toBe(55);
    expect(cpu.gpr[1]).toBe(11);
    expect(cpu.ia).toBe(0x1012);
  });

  it('86 BXH [RS]: a countdown loop from 10 to 1 step -1 sums 55', () => {
    const cpu = machine();
    // 1000 LA 1,10; 1004 LA 4,1; 1008 LCR 4,4; 100a SR 5,5; 100c SR 2,2; 100e AR 2,1; 1010 BXH 1,4,14(12)
    poke(cpu, 0x1000, '4110000a 41400001 1344 1b55 1b22 1a21 8614c00e');
    cpu.gpr[12] = 0x1000;
    cpu.ia = 0x1000;
    const stop = cpu.run(5 + 10 * 2);
    expect(stop.kind).toBe('budget');
    expect(cpu.gpr[2]).toBe(55);
    expect(cpu.gpr[1]).toBe(0);
    expect(cpu.ia).toBe(0x1014);
  });

  it('45 BAL and 07 BCR: a subroutine call returns through the link register', () => {
    const cpu = machine();
    // 1000 BAL 14,0x100(12); 1004 LA 3,7 ... 1100 LA 2,5; 1104 BR 14
    poke(cpu, 0x1000, '45e0c100 41300007');
    poke(cpu, 0x1100, '41200005 07fe');
    cpu.gpr[12] = 0x1000;
    cpu.ia = 0x1000;
    cpu.run(4);
    expect(cpu.gpr[2]).toBe(5);
    expect(cpu.gpr[3]).toBe(7);
    expect(reg(cpu, 14)).toBe('80001004');
    expect(cpu.ia).toBe(0x1008);
  });
});
