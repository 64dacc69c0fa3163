// Fixed-point instructions (Principles of Operation, "General Instructions"): condition codes,
// fixed-point overflow and divide exceptions, odd-register specification exceptions, 64-bit pairs.
// Cases marked (Hercules) were checked on Hercules 3.13 in S/370 mode.

import { describe, expect, it } from 'vitest';
import { execute, machine, peek, poke, reg } from '../helpers/machine.ts';
import { ProgramCode } from '../../src/arch/interruptions.ts';

const OVERFLOW = ProgramCode.fixedPointOverflow;
const DIVIDE = ProgramCode.fixedPointDivide;
const SPECIFICATION = ProgramCode.specification;
const PROTECTION = ProgramCode.protection;
const ADDRESSING = ProgramCode.addressing;

interface Case {
  /** Reads like the manual: `5A A [RX]: overflow sets CC 3`. */
  name: string;
  /** One instruction, hex. It is placed at 0x1000. */
  code: string;
  gpr?: Record<number, number>;
  storage?: Record<number, string>;
  /** Initial CC; by default one that differs from the expected CC (or 2 when the CC must not change). */
  cc?: number;
  progMask?: number;
  want: {
    gpr?: Record<number, number>;
    /** Omitted: the CC must be unchanged. */
    cc?: number;
    /** A program-interruption code. */
    program?: number;
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
  cpu.cc = initialCc;
  cpu.progMask = c.progMask ?? 0;
  const stop = execute(cpu, c.code);
  if (c.want.program !== undefined) {
    expect(stop.kind).toBe('program');
    expect(stop.code).toBe(c.want.program);
  } else {
    expect(stop.kind).toBe('budget');
    expect(cpu.ia).toBe(0x1000 + (c.code.length >>> 1));
  }
  for (const [r, v] of Object.entries(c.want.gpr ?? {})) expect(`R${r}=${reg(cpu, Number(r))}`).toBe(`R${r}=${hex32(v)}`);
  expect(cpu.cc).toBe(c.want.cc ?? initialCc);
  for (const [a, h] of Object.entries(c.want.storage ?? {})) expect(peek(cpu, Number(a), h.length >>> 1)).toBe(h);
}

function table(title: string, cases: Case[]): void {
  describe(title, () => {
    for (const c of cases) it(c.name, () => check(c));
  });
}

table('load and test (RR)', [
  { name: '10 LPR [RR]: a negative number becomes positive, CC 2', code: '1012', gpr: { 2: -5 }, want: { gpr: { 1: 5, 2: -5 }, cc: 2 } },
  { name: '10 LPR [RR]: a positive number is unchanged, CC 2', code: '1012', gpr: { 2: 0x7fff_ffff }, want: { gpr: { 1: 0x7fff_ffff }, cc: 2 } },
  { name: '10 LPR [RR]: zero gives CC 0', code: '1012', gpr: { 1: 9, 2: 0 }, want: { gpr: { 1: 0 }, cc: 0 } },
  { name: '10 LPR [RR]: the maximum negative number overflows, CC 3, unchanged (Hercules)', code: '1012', gpr: { 2: 0x8000_0000 }, want: { gpr: { 1: 0x8000_0000 }, cc: 3 } },
  { name: '10 LPR [RR]: overflow with the mask on interrupts, the result stored', code: '1012', gpr: { 2: 0x8000_0000 }, progMask: 8, want: { gpr: { 1: 0x8000_0000 }, cc: 3, program: OVERFLOW } },
  { name: '11 LNR [RR]: a positive number becomes negative, CC 1', code: '1112', gpr: { 2: 5 }, want: { gpr: { 1: -5 }, cc: 1 } },
  { name: '11 LNR [RR]: a negative number is unchanged, CC 1', code: '1112', gpr: { 2: -5 }, want: { gpr: { 1: -5 }, cc: 1 } },
  { name: '11 LNR [RR]: the maximum negative number is unchanged, no overflow', code: '1112', gpr: { 2: 0x8000_0000 }, progMask: 8, want: { gpr: { 1: 0x8000_0000 }, cc: 1 } },
  { name: '11 LNR [RR]: zero gives CC 0', code: '1112', gpr: { 1: 3, 2: 0 }, want: { gpr: { 1: 0 }, cc: 0 } },
  { name: '12 LTR [RR]: zero gives CC 0', code: '1212', gpr: { 1: 7, 2: 0 }, want: { gpr: { 1: 0 }, cc: 0 } },
  { name: '12 LTR [RR]: a negative number gives CC 1', code: '1212', gpr: { 2: -1 }, want: { gpr: { 1: -1 }, cc: 1 } },
  { name: '12 LTR [RR]: a positive number gives CC 2', code: '1212', gpr: { 2: 0x7fff_ffff }, want: { gpr: { 1: 0x7fff_ffff }, cc: 2 } },
  { name: '12 LTR [RR]: the same register tests itself', code: '1233', gpr: { 3: 0x8000_0000 }, want: { gpr: { 3: 0x8000_0000 }, cc: 1 } },
  { name: '13 LCR [RR]: a positive number becomes negative, CC 1', code: '1312', gpr: { 2: 5 }, want: { gpr: { 1: -5 }, cc: 1 } },
  { name: '13 LCR [RR]: a negative number becomes positive, CC 2', code: '1312', gpr: { 2: -1 }, want: { gpr: { 1: 1 }, cc: 2 } },
  { name: '13 LCR [RR]: zero gives CC 0', code: '1312', gpr: { 1: 4, 2: 0 }, want: { gpr: { 1: 0 }, cc: 0 } },
  { name: '13 LCR [RR]: 0x7fffffff becomes 0x80000001', code: '1312', gpr: { 2: 0x7fff_ffff }, want: { gpr: { 1: 0x8000_0001 }, cc: 1 } },
  { name: '13 LCR [RR]: the maximum negative number overflows, CC 3', code: '1312', gpr: { 2: 0x8000_0000 }, want: { gpr: { 1: 0x8000_0000 }, cc: 3 } },
  { name: '13 LCR [RR]: overflow with the mask on interrupts', code: '1312', gpr: { 2: 0x8000_0000 }, progMask: 8, want: { gpr: { 1: 0x8000_0000 }, cc: 3, program: OVERFLOW } },
  { name: '18 LR [RR]: copies R2, CC unchanged', code: '1812', gpr: { 1: 1, 2: 0x8000_0000 }, cc: 1, want: { gpr: { 1: 0x8000_0000, 2: 0x8000_0000 } } },
]);

table('compare', [
  { name: '19 CR [RR]: equal operands give CC 0', code: '1912', gpr: { 1: -7, 2: -7 }, want: { cc: 0 } },
  { name: '19 CR [RR]: the comparison is signed: -1 is low, CC 1', code: '1912', gpr: { 1: -1, 2: 1 }, want: { cc: 1 } },
  { name: '19 CR [RR]: 0x7fffffff is high against 0x80000000, CC 2', code: '1912', gpr: { 1: 0x7fff_ffff, 2: 0x8000_0000 }, want: { cc: 2 } },
  { name: '19 CR [RR]: registers are unchanged', code: '1912', gpr: { 1: 3, 2: 4 }, want: { gpr: { 1: 3, 2: 4 }, cc: 1 } },
  { name: '59 C [RX]: a word in storage, first operand high, CC 2', code: '59100800', gpr: { 1: 0 }, storage: { 0x800: 'ffffffff' }, want: { cc: 2 } },
  { name: '59 C [RX]: equal, CC 0', code: '59100800', gpr: { 1: 0x1234_5678 }, storage: { 0x800: '12345678' }, want: { cc: 0 } },
  { name: '59 C [RX]: first operand low, CC 1', code: '59100800', gpr: { 1: 0x8000_0000 }, storage: { 0x800: '80000001' }, want: { cc: 1 } },
  { name: '49 CH [RX]: the halfword is sign-extended: -1 equals 0xffff, CC 0', code: '49100800', gpr: { 1: -1 }, storage: { 0x800: 'ffff' }, want: { cc: 0 } },
  { name: '49 CH [RX]: 0x00010000 is high against 0x7fff, CC 2', code: '49100800', gpr: { 1: 0x1_0000 }, storage: { 0x800: '7fff' }, want: { cc: 2 } },
  { name: '49 CH [RX]: 0xffff8000 is low against 0x8001, CC 1', code: '49100800', gpr: { 1: 0xffff_8000 }, storage: { 0x800: '8001' }, want: { cc: 1 } },
  { name: '49 CH [RX]: zero is high against 0x8000, CC 2', code: '49100800', gpr: { 1: 0 }, storage: { 0x800: '8000' }, want: { cc: 2 } },
]);

table('add and subtract', [
  { name: '1A AR [RR]: a positive sum gives CC 2', code: '1a12', gpr: { 1: 2, 2: 3 }, want: { gpr: { 1: 5 }, cc: 2 } },
  { name: '1A AR [RR]: a zero sum gives CC 0', code: '1a12', gpr: { 1: -1, 2: 1 }, want: { gpr: { 1: 0 }, cc: 0 } },
  { name: '1A AR [RR]: a negative sum gives CC 1', code: '1a12', gpr: { 1: -1, 2: -1 }, want: { gpr: { 1: -2 }, cc: 1 } },
  { name: '1A AR [RR]: 0x7fffffff + 1 overflows, CC 3', code: '1a12', gpr: { 1: 0x7fff_ffff, 2: 1 }, want: { gpr: { 1: 0x8000_0000 }, cc: 3 } },
  { name: '1A AR [RR]: 0x80000000 + 0x80000000 overflows to zero, CC 3', code: '1a12', gpr: { 1: 0x8000_0000, 2: 0x8000_0000 }, want: { gpr: { 1: 0 }, cc: 3 } },
  { name: '1A AR [RR]: overflow with the mask on interrupts, the sum stored', code: '1a12', gpr: { 1: 0x7fff_ffff, 2: 1 }, progMask: 8, want: { gpr: { 1: 0x8000_0000 }, cc: 3, program: OVERFLOW } },
  { name: '1A AR [RR]: other program-mask bits do not enable the overflow interruption', code: '1a12', gpr: { 1: 0x7fff_ffff, 2: 1 }, progMask: 7, want: { gpr: { 1: 0x8000_0000 }, cc: 3 } },
  { name: '1A AR [RR]: a register added to itself doubles', code: '1a11', gpr: { 1: 0x3fff_ffff }, want: { gpr: { 1: 0x7fff_fffe }, cc: 2 } },
  { name: '1B SR [RR]: equal operands give zero, CC 0', code: '1b12', gpr: { 1: 5, 2: 5 }, want: { gpr: { 1: 0 }, cc: 0 } },
  { name: '1B SR [RR]: a negative difference gives CC 1', code: '1b12', gpr: { 1: 3, 2: 5 }, want: { gpr: { 1: -2 }, cc: 1 } },
  { name: '1B SR [RR]: 0x80000000 - 1 overflows, CC 3', code: '1b12', gpr: { 1: 0x8000_0000, 2: 1 }, want: { gpr: { 1: 0x7fff_ffff }, cc: 3 } },
  { name: '1B SR [RR]: 0 - 0x80000000 overflows, CC 3', code: '1b12', gpr: { 1: 0, 2: 0x8000_0000 }, want: { gpr: { 1: 0x8000_0000 }, cc: 3 } },
  { name: '1B SR [RR]: -1 - 0x80000000 is 0x7fffffff, no overflow, CC 2', code: '1b12', gpr: { 1: -1, 2: 0x8000_0000 }, want: { gpr: { 1: 0x7fff_ffff }, cc: 2 } },
  { name: '1B SR [RR]: a register subtracted from itself is zero', code: '1b11', gpr: { 1: 0x8000_0000 }, want: { gpr: { 1: 0 }, cc: 0 } },
  { name: '1B SR [RR]: overflow with the mask on interrupts', code: '1b12', gpr: { 1: 0x8000_0000, 2: 1 }, progMask: 8, want: { gpr: { 1: 0x7fff_ffff }, cc: 3, program: OVERFLOW } },
  { name: '5A A [RX]: adds a word from storage, CC 2', code: '5a100800', gpr: { 1: 0x10 }, storage: { 0x800: '00000020' }, want: { gpr: { 1: 0x30 }, cc: 2 } },
  { name: '5A A [RX]: overflow sets CC 3', code: '5a100800', gpr: { 1: 0x8000_0000 }, storage: { 0x800: 'ffffffff' }, want: { gpr: { 1: 0x7fff_ffff }, cc: 3 } },
  { name: '5A A [RX]: overflow with the mask on interrupts', code: '5a100800', gpr: { 1: 0x7fff_ffff }, storage: { 0x800: '7fffffff' }, progMask: 8, want: { gpr: { 1: 0xffff_fffe }, cc: 3, program: OVERFLOW } },
  { name: '5A A [RX]: the address is X2 + B2 + D2 in 24 bits', code: '5a123004', gpr: { 1: 1, 2: 0xff00_0400, 3: 0x3fc }, storage: { 0x800: '00000002' }, want: { gpr: { 1: 3 }, cc: 2 } },
  { name: '5A A [RX]: an operand need not be on a word boundary', code: '5a100801', gpr: { 1: 1 }, storage: { 0x800: '0000000002' }, want: { gpr: { 1: 3 }, cc: 2 } },
  { name: '5A A [RX]: an operand beyond storage is an addressing exception, R1 unchanged', code: '5a120000', gpr: { 1: 1, 2: 0x2_0000 }, want: { gpr: { 1: 1 }, program: ADDRESSING } },
  { name: '5B S [RX]: subtracts a word, CC 1', code: '5b100800', gpr: { 1: 1 }, storage: { 0x800: '00000002' }, want: { gpr: { 1: -1 }, cc: 1 } },
  { name: '5B S [RX]: overflow sets CC 3', code: '5b100800', gpr: { 1: 0x7fff_ffff }, storage: { 0x800: 'ffffffff' }, want: { gpr: { 1: 0x8000_0000 }, cc: 3 } },
  { name: '4A AH [RX]: the halfword is sign-extended: 1 + 0xffff is zero, CC 0', code: '4a100800', gpr: { 1: 1 }, storage: { 0x800: 'ffff' }, want: { gpr: { 1: 0 }, cc: 0 } },
  { name: '4A AH [RX]: 0 + 0x8000 is 0xffff8000, CC 1', code: '4a100800', gpr: { 1: 0 }, storage: { 0x800: '8000' }, want: { gpr: { 1: 0xffff_8000 }, cc: 1 } },
  { name: '4A AH [RX]: 0x7fffffff + 1 overflows, CC 3', code: '4a100800', gpr: { 1: 0x7fff_ffff }, storage: { 0x800: '0001' }, want: { gpr: { 1: 0x8000_0000 }, cc: 3 } },
  { name: '4A AH [RX]: overflow with the mask on interrupts', code: '4a100800', gpr: { 1: 0x7fff_ffff }, storage: { 0x800: '7fff' }, progMask: 8, want: { gpr: { 1: 0x8000_7ffe }, cc: 3, program: OVERFLOW } },
  { name: '4B SH [RX]: 0 - 0xffff is 1, CC 2', code: '4b100800', gpr: { 1: 0 }, storage: { 0x800: 'ffff' }, want: { gpr: { 1: 1 }, cc: 2 } },
  { name: '4B SH [RX]: 0x80000000 - 1 overflows, CC 3', code: '4b100800', gpr: { 1: 0x8000_0000 }, storage: { 0x800: '0001' }, want: { gpr: { 1: 0x7fff_ffff }, cc: 3 } },
  { name: '4B SH [RX]: equal values give CC 0', code: '4b100800', gpr: { 1: -2 }, storage: { 0x800: 'fffe' }, want: { gpr: { 1: 0 }, cc: 0 } },
]);

table('add and subtract logical', [
  { name: '1E ALR [RR]: zero, no carry: CC 0', code: '1e12', gpr: { 1: 0, 2: 0 }, want: { gpr: { 1: 0 }, cc: 0 } },
  { name: '1E ALR [RR]: not zero, no carry: CC 1', code: '1e12', gpr: { 1: 1, 2: 1 }, want: { gpr: { 1: 2 }, cc: 1 } },
  { name: '1E ALR [RR]: zero with carry: CC 2', code: '1e12', gpr: { 1: 0xffff_ffff, 2: 1 }, want: { gpr: { 1: 0 }, cc: 2 } },
  { name: '1E ALR [RR]: not zero with carry: CC 3', code: '1e12', gpr: { 1: 0xffff_ffff, 2: 2 }, want: { gpr: { 1: 1 }, cc: 3 } },
  { name: '1E ALR [RR]: 0x80000000 + 0x80000000 is zero with carry: CC 2', code: '1e12', gpr: { 1: 0x8000_0000, 2: 0x8000_0000 }, want: { gpr: { 1: 0 }, cc: 2 } },
  { name: '1E ALR [RR]: no overflow exception, even with the mask on', code: '1e12', gpr: { 1: 0x7fff_ffff, 2: 1 }, progMask: 8, want: { gpr: { 1: 0x8000_0000 }, cc: 1 } },
  { name: '1F SLR [RR]: a larger first operand: not zero with carry, CC 3', code: '1f12', gpr: { 1: 5, 2: 3 }, want: { gpr: { 1: 2 }, cc: 3 } },
  { name: '1F SLR [RR]: a smaller first operand: not zero, no carry, CC 1', code: '1f12', gpr: { 1: 3, 2: 5 }, want: { gpr: { 1: 0xffff_fffe }, cc: 1 } },
  { name: '1F SLR [RR]: equal operands: zero with carry, CC 2', code: '1f12', gpr: { 1: 5, 2: 5 }, want: { gpr: { 1: 0 }, cc: 2 } },
  { name: '1F SLR [RR]: 0 - 0 is zero with carry, CC 2 (Hercules)', code: '1f12', gpr: { 1: 0, 2: 0 }, want: { gpr: { 1: 0 }, cc: 2 } },
  { name: '1F SLR [RR]: subtracting zero carries, CC 3', code: '1f12', gpr: { 1: 5, 2: 0 }, want: { gpr: { 1: 5 }, cc: 3 } },
  { name: '1F SLR [RR]: the operands are unsigned: 0x80000000 - 1, CC 3, no overflow', code: '1f12', gpr: { 1: 0x8000_0000, 2: 1 }, progMask: 8, want: { gpr: { 1: 0x7fff_ffff }, cc: 3 } },
  { name: '1F SLR [RR]: a register from itself: zero with carry, CC 2', code: '1f11', gpr: { 1: 0x1234 }, want: { gpr: { 1: 0 }, cc: 2 } },
  { name: '5E AL [RX]: a word from storage with carry, CC 3', code: '5e100800', gpr: { 1: 0x8000_0001 }, storage: { 0x800: '80000000' }, want: { gpr: { 1: 1 }, cc: 3 } },
  { name: '5E AL [RX]: no carry, CC 1', code: '5e100800', gpr: { 1: 0x1000 }, storage: { 0x800: '7ffff000' }, want: { gpr: { 1: 0x8000_0000 }, cc: 1 } },
  { name: '5F SL [RX]: a word from storage, no carry, CC 1', code: '5f100800', gpr: { 1: 0 }, storage: { 0x800: '00000001' }, want: { gpr: { 1: 0xffff_ffff }, cc: 1 } },
  { name: '5F SL [RX]: 0xffffffff - 0xffffffff, CC 2', code: '5f100800', gpr: { 1: 0xffff_ffff }, storage: { 0x800: 'ffffffff' }, want: { gpr: { 1: 0 }, cc: 2 } },
]);

table('multiply', [
  { name: '1C MR [RR]: R1+1 times R2 into the pair, CC unchanged', code: '1c24', gpr: { 2: 99, 3: 3, 4: 4 }, want: { gpr: { 2: 0, 3: 12, 4: 4 } } },
  { name: '1C MR [RR]: -1 times -1 is 1', code: '1c24', gpr: { 3: -1, 4: -1 }, want: { gpr: { 2: 0, 3: 1 } } },
  { name: '1C MR [RR]: -2 times 3 is a 64-bit -6', code: '1c24', gpr: { 3: -2, 4: 3 }, want: { gpr: { 2: 0xffff_ffff, 3: 0xffff_fffa } } },
  { name: '1C MR [RR]: 0x80000000 squared is 2^62', code: '1c24', gpr: { 3: 0x8000_0000, 4: 0x8000_0000 }, want: { gpr: { 2: 0x4000_0000, 3: 0 } } },
  { name: '1C MR [RR]: 0x7fffffff squared', code: '1c24', gpr: { 3: 0x7fff_ffff, 4: 0x7fff_ffff }, want: { gpr: { 2: 0x3fff_ffff, 3: 1 } } },
  { name: '1C MR [RR]: 0x80000000 times 0x7fffffff (Hercules)', code: '1c24', gpr: { 3: 0x8000_0000, 4: 0x7fff_ffff }, want: { gpr: { 2: 0xc000_0000, 3: 0x8000_0000 } } },
  { name: '1C MR [RR]: 0x12345678 times 0x9abcdef0 (Hercules)', code: '1c24', gpr: { 3: 0x1234_5678, 4: 0x9abc_def0 }, want: { gpr: { 2: 0xf8cc_93d6, 3: 0x242d_2080 } } },
  { name: '1C MR [RR]: zero times a negative number is zero', code: '1c24', gpr: { 2: -1, 3: 0, 4: -5 }, want: { gpr: { 2: 0, 3: 0 } } },
  { name: '1C MR [RR]: R2 = R1+1 squares the multiplicand', code: '1c23', gpr: { 3: -5 }, want: { gpr: { 2: 0, 3: 25 } } },
  { name: '1C MR [RR]: R2 = R1 uses the even register as multiplier', code: '1c22', gpr: { 2: 7, 3: 6 }, want: { gpr: { 2: 0, 3: 42 } } },
  { name: '1C MR [RR]: an odd R1 is a specification exception, nothing changed', code: '1c34', gpr: { 3: 2, 4: 3 }, want: { gpr: { 3: 2, 4: 3 }, program: SPECIFICATION } },
  { name: '5C M [RX]: R1+1 times a word into the pair', code: '5c600800', gpr: { 7: 0x1_0000 }, storage: { 0x800: 'ffff0000' }, want: { gpr: { 6: 0xffff_ffff, 7: 0 } } },
  { name: '5C M [RX]: an odd R1 is a specification exception', code: '5c700800', gpr: { 7: 5 }, storage: { 0x800: '00000002' }, want: { gpr: { 7: 5 }, program: SPECIFICATION } },
  { name: '4C MH [RX]: R1 times a sign-extended halfword, CC unchanged', code: '4c100800', gpr: { 1: 3 }, storage: { 0x800: 'fffe' }, want: { gpr: { 1: -6 } } },
  { name: '4C MH [RX]: the rightmost 32 bits of 0x7fffffff times 2, no overflow (Hercules)', code: '4c100800', gpr: { 1: 0x7fff_ffff }, storage: { 0x800: '0002' }, progMask: 8, want: { gpr: { 1: 0xffff_fffe } } },
  { name: '4C MH [RX]: 0x20000 times 0x8000 keeps 32 zero bits (Hercules)', code: '4c100800', gpr: { 1: 0x2_0000 }, storage: { 0x800: '8000' }, want: { gpr: { 1: 0 } } },
  { name: '4C MH [RX]: 0x12345678 times 0x7fff (Hercules)', code: '4c100800', gpr: { 1: 0x1234_5678 }, storage: { 0x800: '7fff' }, want: { gpr: { 1: 0x1907_a988 } } },
  { name: '4C MH [RX]: an odd R1 is allowed', code: '4c300800', gpr: { 3: -4 }, storage: { 0x800: 'fffd' }, want: { gpr: { 3: 12 } } },
]);

table('divide', [
  { name: '1D DR [RR]: 100 / 7: remainder 2 in R1, quotient 14 in R1+1', code: '1d24', gpr: { 2: 0, 3: 100, 4: 7 }, want: { gpr: { 2: 2, 3: 14, 4: 7 } } },
  { name: '1D DR [RR]: -100 / 7: the remainder has the dividend\'s sign', code: '1d24', gpr: { 2: -1, 3: -100, 4: 7 }, want: { gpr: { 2: -2, 3: -14 } } },
  { name: '1D DR [RR]: 100 / -7 gives quotient -14, remainder 2', code: '1d24', gpr: { 2: 0, 3: 100, 4: -7 }, want: { gpr: { 2: 2, 3: -14 } } },
  { name: '1D DR [RR]: -100 / -7 gives quotient 14, remainder -2', code: '1d24', gpr: { 2: -1, 3: -100, 4: -7 }, want: { gpr: { 2: -2, 3: 14 } } },
  { name: '1D DR [RR]: -14 / 7: a zero remainder is positive (Hercules)', code: '1d24', gpr: { 2: -1, 3: -14, 4: 7 }, want: { gpr: { 2: 0, 3: -2 } } },
  { name: '1D DR [RR]: a 64-bit dividend / 0x7fffffff', code: '1d24', gpr: { 2: 0x1234_5678, 3: 0x9abc_def0, 4: 0x7fff_ffff }, want: { gpr: { 2: 0x3f25_8be1, 3: 0x2468_acf1 } } },
  { name: '1D DR [RR]: a negative 64-bit dividend / 0x7fffffff', code: '1d24', gpr: { 2: 0xedcb_a987, 3: 0x6543_2110, 4: 0x7fff_ffff }, want: { gpr: { 2: -0x3f25_8be1, 3: -0x2468_acf1 } } },
  { name: '1D DR [RR]: a 64-bit dividend / 0x40000000', code: '1d24', gpr: { 2: 0x1234_5678, 3: 0x9abc_def0, 4: 0x4000_0000 }, want: { gpr: { 2: 0x1abc_def0, 3: 0x48d1_59e2 } } },
  { name: '1D DR [RR]: -2^32 / 0x7fffffff: a negative dividend with a zero low word', code: '1d24', gpr: { 2: -1, 3: 0, 4: 0x7fff_ffff }, want: { gpr: { 2: -2, 3: -2 } } },
  { name: '1D DR [RR]: -2^32 / 2 is -2^31', code: '1d24', gpr: { 2: -1, 3: 0, 4: 2 }, want: { gpr: { 2: 0, 3: 0x8000_0000 } } },
  { name: '1D DR [RR]: a quotient of -2^31 fits (Hercules)', code: '1d24', gpr: { 2: -1, 3: 0x8000_0000, 4: 1 }, want: { gpr: { 2: 0, 3: 0x8000_0000 } } },
  { name: '1D DR [RR]: 2^31 / -1 gives -2^31 (Hercules)', code: '1d24', gpr: { 2: 0, 3: 0x8000_0000, 4: -1 }, want: { gpr: { 2: 0, 3: 0x8000_0000 } } },
  { name: '1D DR [RR]: the divisor may be R1 itself', code: '1d22', gpr: { 2: -1, 3: -10 }, want: { gpr: { 2: 0, 3: 10 } } },
  { name: '1D DR [RR]: a zero divisor is a divide exception, nothing changed', code: '1d24', gpr: { 2: 0, 3: 100, 4: 0 }, want: { gpr: { 2: 0, 3: 100, 4: 0 }, program: DIVIDE } },
  { name: '1D DR [RR]: a quotient of 2^31 is too large (Hercules)', code: '1d24', gpr: { 2: 0, 3: 0x8000_0000, 4: 1 }, want: { gpr: { 2: 0, 3: 0x8000_0000 }, program: DIVIDE } },
  { name: '1D DR [RR]: a quotient of 2^32 is too large', code: '1d24', gpr: { 2: 1, 3: 0, 4: 1 }, want: { gpr: { 2: 1, 3: 0 }, program: DIVIDE } },
  { name: '1D DR [RR]: (2^62 - 2^31 + 1) / 0x7fffffff is 2^31, too large (Hercules)', code: '1d24', gpr: { 2: 0x3fff_ffff, 3: 0x8000_0001, 4: 0x7fff_ffff }, want: { gpr: { 2: 0x3fff_ffff, 3: 0x8000_0001 }, program: DIVIDE } },
  { name: '1D DR [RR]: -2^31 / -1 as a 64-bit dividend gives 2^31, too large', code: '1d24', gpr: { 2: -1, 3: 0x8000_0000, 4: -1 }, want: { gpr: { 2: -1, 3: 0x8000_0000 }, program: DIVIDE } },
  { name: '1D DR [RR]: -2^63 / -1 is too large', code: '1d24', gpr: { 2: 0x8000_0000, 3: 0, 4: -1 }, want: { gpr: { 2: 0x8000_0000, 3: 0 }, program: DIVIDE } },
  { name: '1D DR [RR]: a quotient of 0xfffffffa is too large', code: '1d24', gpr: { 2: 0x1234_5678, 3: 0x9abc_def0, 4: 0x1234_5679 }, want: { gpr: { 2: 0x1234_5678, 3: 0x9abc_def0 }, program: DIVIDE } },
  { name: '1D DR [RR]: an odd R1 is a specification exception', code: '1d34', gpr: { 3: 0, 4: 0 }, want: { gpr: { 3: 0 }, program: SPECIFICATION } },
  { name: '5D D [RX]: divides the pair by a word', code: '5d800800', gpr: { 8: 0, 9: 1000 }, storage: { 0x800: 'fffffffd' }, want: { gpr: { 8: 1, 9: -333 } } },
  { name: '5D D [RX]: a zero word is a divide exception', code: '5d800800', gpr: { 8: 0, 9: 1000 }, storage: { 0x800: '00000000' }, want: { gpr: { 8: 0, 9: 1000 }, program: DIVIDE } },
  { name: '5D D [RX]: an odd R1 is a specification exception', code: '5d900800', gpr: { 9: 1000 }, storage: { 0x800: '00000001' }, want: { gpr: { 9: 1000 }, program: SPECIFICATION } },
]);

table('load and store', [
  { name: '58 L [RX]: loads a word, CC unchanged', code: '58100800', storage: { 0x800: '80000001' }, want: { gpr: { 1: 0x8000_0001 } } },
  { name: '58 L [RX]: the word may cross a 2K boundary', code: '581007fe', storage: { 0x7fe: 'cafef00d' }, want: { gpr: { 1: 0xcafe_f00d } } },
  { name: '48 LH [RX]: a negative halfword is sign-extended', code: '48100800', gpr: { 1: 0x7fff_ffff }, storage: { 0x800: '8001' }, want: { gpr: { 1: 0xffff_8001 } } },
  { name: '48 LH [RX]: a positive halfword has a zero high half', code: '48100800', gpr: { 1: -1 }, storage: { 0x800: '7fff' }, want: { gpr: { 1: 0x7fff } } },
  { name: '50 ST [RX]: stores the word, neighbours unchanged', code: '50100801', gpr: { 1: 0x1234_5678 }, storage: { 0x800: 'aaaaaaaaaaaa' }, want: { storage: { 0x800: 'aa12345678aa' } } },
  { name: '40 STH [RX]: stores bits 16-31', code: '40100800', gpr: { 1: 0x1234_5678 }, storage: { 0x800: 'aaaaaaaa' }, want: { storage: { 0x800: '5678aaaa' } } },
  { name: '40 STH [RX]: the address is X2 + B2 + D2 in 24 bits', code: '40123004', gpr: { 1: 0xbeef, 2: 0xff00_0010, 3: 0x7f0 }, want: { storage: { 0x804: 'beef' } } },
  { name: '41 LA [RX]: forms the address without accessing storage', code: '41123fff', gpr: { 2: 0x2_0000, 3: 0x10_0000 }, want: { gpr: { 1: 0x12_0fff } } },
  { name: '41 LA [RX]: LA R,0 clears a register', code: '41100000', gpr: { 1: -1 }, want: { gpr: { 1: 0 } } },
]);

table('arithmetic shifts', [
  { name: '8A SRA [RS]: a positive value shifts right, CC 2', code: '8a100004', gpr: { 1: 0x100 }, want: { gpr: { 1: 0x10 }, cc: 2 } },
  { name: '8A SRA [RS]: the sign fills from the left, CC 1', code: '8a100004', gpr: { 1: 0x8000_0000 }, want: { gpr: { 1: 0xf800_0000 }, cc: 1 } },
  { name: '8A SRA [RS]: 0x7fffffff by 31 is zero, CC 0', code: '8a10001f', gpr: { 1: 0x7fff_ffff }, want: { gpr: { 1: 0 }, cc: 0 } },
  { name: '8A SRA [RS]: a negative value by 63 is -1', code: '8a10003f', gpr: { 1: 0x8000_0000 }, want: { gpr: { 1: -1 }, cc: 1 } },
  { name: '8A SRA [RS]: only the low 6 bits of the address count', code: '8a102003', gpr: { 1: 0x100, 2: 0x41 }, want: { gpr: { 1: 0x10 }, cc: 2 } },
  { name: '8A SRA [RS]: a shift of 0 sets the CC', code: '8a100040', gpr: { 1: -5 }, want: { gpr: { 1: -5 }, cc: 1 } },
  { name: '8B SLA [RS]: 1 by 4 is 16, CC 2', code: '8b100004', gpr: { 1: 1 }, want: { gpr: { 1: 16 }, cc: 2 } },
  { name: '8B SLA [RS]: 1 by 30 is 0x40000000, CC 2', code: '8b10001e', gpr: { 1: 1 }, want: { gpr: { 1: 0x4000_0000 }, cc: 2 } },
  { name: '8B SLA [RS]: 1 by 31 overflows to zero, CC 3 (Hercules)', code: '8b10001f', gpr: { 1: 1 }, want: { gpr: { 1: 0 }, cc: 3 } },
  { name: '8B SLA [RS]: a one shifted out of bit 1 of a positive value overflows, sign kept', code: '8b100001', gpr: { 1: 0x4000_0000 }, want: { gpr: { 1: 0 }, cc: 3 } },
  { name: '8B SLA [RS]: ones like the sign of a negative value shift out freely', code: '8b100001', gpr: { 1: 0xc000_0000 }, want: { gpr: { 1: 0x8000_0000 }, cc: 1 } },
  { name: '8B SLA [RS]: 0x80000001 by 1 overflows, sign kept (Hercules)', code: '8b100001', gpr: { 1: 0x8000_0001 }, want: { gpr: { 1: 0x8000_0002 }, cc: 3 } },
  { name: '8B SLA [RS]: -1 by 31 is 0x80000000 without overflow', code: '8b10001f', gpr: { 1: -1 }, want: { gpr: { 1: 0x8000_0000 }, cc: 1 } },
  { name: '8B SLA [RS]: -1 by 32 shifts a zero out: overflow (Hercules)', code: '8b100020', gpr: { 1: -1 }, want: { gpr: { 1: 0x8000_0000 }, cc: 3 } },
  { name: '8B SLA [RS]: zero by 63 is zero, CC 0 (Hercules)', code: '8b10003f', gpr: { 1: 0 }, want: { gpr: { 1: 0 }, cc: 0 } },
  { name: '8B SLA [RS]: a shift of 0 sets the CC', code: '8b100000', gpr: { 1: 0x8000_0000 }, want: { gpr: { 1: 0x8000_0000 }, cc: 1 } },
  { name: '8B SLA [RS]: overflow with the mask on interrupts, the result stored', code: '8b100002', gpr: { 1: 0x2000_0001 }, progMask: 8, want: { gpr: { 1: 4 }, cc: 3, program: OVERFLOW } },
  { name: '8E SRDA [RS]: the pair shifts right 4, CC 2', code: '8e200004', gpr: { 2: 0x1234_5678, 3: 0x9abc_def0 }, want: { gpr: { 2: 0x0123_4567, 3: 0x89ab_cdef }, cc: 2 } },
  { name: '8E SRDA [RS]: 0x80000000_00000000 by 32 (Hercules)', code: '8e200020', gpr: { 2: 0x8000_0000, 3: 0 }, want: { gpr: { 2: -1, 3: 0x8000_0000 }, cc: 1 } },
  { name: '8E SRDA [RS]: a negative pair by 63 is -1', code: '8e20003f', gpr: { 2: 0x8000_0000, 3: 0 }, want: { gpr: { 2: -1, 3: -1 }, cc: 1 } },
  { name: '8E SRDA [RS]: a positive pair by 63 is zero, CC 0', code: '8e20003f', gpr: { 2: 0x7fff_ffff, 3: -1 }, want: { gpr: { 2: 0, 3: 0 }, cc: 0 } },
  { name: '8E SRDA [RS]: 2^32 by 32 is 1', code: '8e200020', gpr: { 2: 1, 3: 0 }, want: { gpr: { 2: 0, 3: 1 }, cc: 2 } },
  { name: '8E SRDA [RS]: 2^32 by 33 is zero, CC 0', code: '8e200021', gpr: { 2: 1, 3: 0 }, want: { gpr: { 2: 0, 3: 0 }, cc: 0 } },
  { name: '8E SRDA [RS]: a shift of 0: a positive pair with a zero high word is CC 2', code: '8e200000', gpr: { 2: 0, 3: 0x8000_0000 }, want: { gpr: { 2: 0, 3: 0x8000_0000 }, cc: 2 } },
  { name: '8E SRDA [RS]: an odd R1 is a specification exception', code: '8e300004', gpr: { 3: 0x100 }, want: { gpr: { 3: 0x100 }, program: SPECIFICATION } },
  { name: '8F SLDA [RS]: 1 by 32 moves into the high word, CC 2', code: '8f200020', gpr: { 2: 0, 3: 1 }, want: { gpr: { 2: 1, 3: 0 }, cc: 2 } },
  { name: '8F SLDA [RS]: bit 32 carries into the high word', code: '8f200001', gpr: { 2: 0, 3: 0x8000_0000 }, want: { gpr: { 2: 1, 3: 0 }, cc: 2 } },
  { name: '8F SLDA [RS]: 1 by 62 is 2^62, CC 2', code: '8f20003e', gpr: { 2: 0, 3: 1 }, want: { gpr: { 2: 0x4000_0000, 3: 0 }, cc: 2 } },
  { name: '8F SLDA [RS]: 1 by 63 overflows to zero, CC 3', code: '8f20003f', gpr: { 2: 0, 3: 1 }, want: { gpr: { 2: 0, 3: 0 }, cc: 3 } },
  { name: '8F SLDA [RS]: -1 by 63 is the maximum negative pair, no overflow (Hercules)', code: '8f20003f', gpr: { 2: -1, 3: -1 }, want: { gpr: { 2: 0x8000_0000, 3: 0 }, cc: 1 } },
  { name: '8F SLDA [RS]: 0xffffffff_80000000 by 32, no overflow', code: '8f200020', gpr: { 2: -1, 3: 0x8000_0000 }, want: { gpr: { 2: 0x8000_0000, 3: 0 }, cc: 1 } },
  { name: '8F SLDA [RS]: 0xffffffff_40000000 by 32 shifts out a zero: overflow (Hercules)', code: '8f200020', gpr: { 2: -1, 3: 0x4000_0000 }, want: { gpr: { 2: 0xc000_0000, 3: 0 }, cc: 3 } },
  { name: '8F SLDA [RS]: 0x12345678_9abcdef0 by 4 overflows, sign kept (Hercules)', code: '8f200004', gpr: { 2: 0x1234_5678, 3: 0x9abc_def0 }, want: { gpr: { 2: 0x2345_6789, 3: 0xabcd_ef00 }, cc: 3 } },
  { name: '8F SLDA [RS]: 0x01234567_89abcdef by 4 without overflow', code: '8f200004', gpr: { 2: 0x0123_4567, 3: 0x89ab_cdef }, want: { gpr: { 2: 0x1234_5678, 3: 0x9abc_def0 }, cc: 2 } },
  { name: '8F SLDA [RS]: a zero pair gives CC 0', code: '8f200010', gpr: { 2: 0, 3: 0 }, want: { gpr: { 2: 0, 3: 0 }, cc: 0 } },
  { name: '8F SLDA [RS]: overflow with the mask on interrupts, the result stored', code: '8f200001', gpr: { 2: 0x4000_0000, 3: 1 }, progMask: 8, want: { gpr: { 2: 0, 3: 2 }, cc: 3, program: OVERFLOW } },
  { name: '8F SLDA [RS]: an odd R1 is a specification exception', code: '8f100001', gpr: { 1: 1 }, want: { gpr: { 1: 1 }, program: SPECIFICATION } },
]);

table('load and store multiple', [
  { name: '90 STM [RS]: R1 through R3 into consecutive words', code: '90130800', gpr: { 1: 0x1111_1111, 2: 0x2222_2222, 3: 0x3333_3333 }, storage: { 0x80c: 'aaaaaaaa' }, want: { storage: { 0x800: '111111112222222233333333aaaaaaaa' } } },
  { name: '90 STM [RS]: R14 through R1 wraps from R15 to R0', code: '90e10800', gpr: { 14: 14, 15: 15, 0: 0x100, 1: 1 }, want: { storage: { 0x800: '0000000e0000000f0000010000000001' } } },
  { name: '90 STM [RS]: R5 through R5 stores one word', code: '90550800', gpr: { 5: -1 }, storage: { 0x804: '12345678' }, want: { storage: { 0x800: 'ffffffff12345678' } } },
  { name: '90 STM [RS]: R0 through R15 stores 64 bytes across a 2K boundary', code: '900f07e0', gpr: { 0: 0xa0a0_a0a0, 15: 0xf0f0_f0f0 }, want: { storage: { 0x7e0: 'a0a0a0a0', 0x81c: 'f0f0f0f0' } } },
  { name: '98 LM [RS]: loads R1 through R3', code: '98130800', storage: { 0x800: '000000010000000200000003' }, want: { gpr: { 1: 1, 2: 2, 3: 3 } } },
  { name: '98 LM [RS]: R15 through R1 wraps from R15 to R0', code: '98f10800', gpr: { 2: 22 }, storage: { 0x800: 'fffffffffafafafa00000001' }, want: { gpr: { 15: -1, 0: 0xfafa_fafa, 1: 1, 2: 22 } } },
  { name: '98 LM [RS]: the address is formed before the base register is loaded', code: '98122000', gpr: { 2: 0x800 }, storage: { 0x800: '0000000a0000000b' }, want: { gpr: { 1: 10, 2: 11 } } },
  { name: '98 LM [RS]: across a 2K boundary', code: '98ef07fc', storage: { 0x7fc: '0000000e0000000f' }, want: { gpr: { 14: 14, 15: 15 } } },
]);

describe('operands that wrap at 16M', () => {
  it('98 LM [RS]: the operand wraps from 0xfffffc to 0', () => {
    const cpu = machine({ storageSize: 16 * 1024 * 1024 });
    poke(cpu, 0xff_fffc, '11111111');
    poke(cpu, 0, '22222222');
    cpu.gpr[2] = 0xff_fffc;
    execute(cpu, '98012000');
    expect([reg(cpu, 0), reg(cpu, 1)]).toEqual(['11111111', '22222222']);
  });

  it('90 STM [RS]: the operand wraps from 0xfffffc to 0', () => {
    const cpu = machine({ storageSize: 16 * 1024 * 1024 });
    cpu.gpr[0] = 0x3333_3333;
    cpu.gpr[1] = 0x4444_4444;
    cpu.gpr[2] = 0xff_fffc;
    execute(cpu, '90012000');
    expect(peek(cpu, 0xff_fffc, 4) + peek(cpu, 0, 4)).toBe('3333333344444444');
  });
});

describe('storage protection on fixed-point operands', () => {
  /** Block 0x800-0xfff has storage key 2 with fetch protection; the PSW key is 1. */
  function protectedMachine() {
    const cpu = machine();
    cpu.keys[1] = 0x28;
    cpu.key = 1;
    return cpu;
  }

  it('90 STM [RS]: a protected second block stops the whole store (protection, nothing stored)', () => {
    const cpu = protectedMachine();
    cpu.keys[0] = 0x10;
    cpu.gpr[1] = 0x1111_1111;
    cpu.gpr[2] = 0x2222_2222;
    poke(cpu, 0x7fc, 'aaaaaaaa');
    const stop = execute(cpu, '901207fc');
    expect(stop.kind).toBe('program');
    expect(stop.code).toBe(PROTECTION);
    expect(peek(cpu, 0x7fc, 4)).toBe('aaaaaaaa');
  });

  it('98 LM [RS]: a fetch-protected second block loads no register (protection)', () => {
    const cpu = protectedMachine();
    cpu.keys[0] = 0x10;
    poke(cpu, 0x7fc, '0000000100000002');
    cpu.gpr[1] = 0x55;
    const stop = execute(cpu, '981207fc');
    expect(stop.kind).toBe('program');
    expect(stop.code).toBe(PROTECTION);
    expect(cpu.gpr[1]).toBe(0x55);
  });

  it('50 ST [RX]: a store into a block with another key is a protection exception', () => {
    const cpu = protectedMachine();
    const stop = execute(cpu, '50100800');
    expect(stop.kind).toBe('program');
    expect(stop.code).toBe(PROTECTION);
  });

  it('58 L [RX]: a fetch from a fetch-protected block is a protection exception, R1 unchanged', () => {
    const cpu = protectedMachine();
    cpu.gpr[1] = 7;
    const stop = execute(cpu, '58100800');
    expect(stop.code).toBe(PROTECTION);
    expect(cpu.gpr[1]).toBe(7);
  });
});

describe('the fixed-point-overflow interruption (BC-mode PSW swap)', () => {
  it('1A AR [RR]: the old PSW holds code 8, ILC 1, CC 3 and the next address; the sum is stored', () => {
    const cpu = machine({ interceptProgram: false });
    poke(cpu, 0x68, '00020000_00000bad');
    cpu.gpr[1] = 0x7fff_ffff;
    cpu.gpr[2] = 1;
    cpu.progMask = 8;
    execute(cpu, '1a12');
    expect(peek(cpu, 0x28, 8)).toBe('0000000878001002');
    expect(reg(cpu, 1)).toBe('80000000');
    expect(cpu.waitState).toBe(true);
  });

  it('1D DR [RR]: the divide exception is code 9 with ILC 1 (Hercules)', () => {
    const cpu = machine({ interceptProgram: false });
    poke(cpu, 0x68, '00020000_00000bad');
    cpu.gpr[2] = 0x3fff_ffff;
    cpu.gpr[3] = 0x8000_0001;
    cpu.gpr[4] = 0x7fff_ffff;
    execute(cpu, '1d24');
    expect(peek(cpu, 0x28, 8)).toBe('0000000940001002');
  });
});

describe('a loop', () => {
  it('46 BCT with 1A AR and 5A A: sums 1 to 10', () => {
    const cpu = machine();
    // 1000 LA 1,10; 1004 SR 2,2; 1006 AR 2,1; 1008 BCT 1,6(0,12); 100c A 2,0x800
    poke(cpu, 0x800, '00000100');
    poke(cpu, 0x1000, '4110000a 1b22 1a21 4610c006 5a200800');
    cpu.gpr[12] = 0x1000;
    cpu.ia = 0x1000;
    const stop = cpu.run(2 + 10 * 2 + 1);
    expect(stop.kind).toBe('budget');
    expect(cpu.gpr[2]).toBe(55 + 0x100);
    expect(cpu.ia).toBe(0x1010);
  });
});
