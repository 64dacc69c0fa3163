// Decimal instructions (Principles of Operation, "Decimal Instructions"), CVB/CVD and the
// packed-format moves PACK, UNPK, MVO: condition codes, sign rules, data, decimal-overflow,
// decimal-divide and specification exceptions, operand overlap, editing.
// Cases marked (Hercules) were checked on Hercules 3.13 in S/370 mode.

import { describe, expect, it } from 'vitest';
import { execute, machine, peek, poke, reg } from '../helpers/machine.ts';
import { ProgramCode } from '../../src/arch/interruptions.ts';
import { generator } from '../helpers/random.ts';

const DATA = ProgramCode.data;
const OVERFLOW = ProgramCode.decimalOverflow;
const DIVIDE = ProgramCode.decimalDivide;
const SPECIFICATION = ProgramCode.specification;
const FIXED_DIVIDE = ProgramCode.fixedPointDivide;
const PROTECTION = ProgramCode.protection;
const ADDRESSING = ProgramCode.addressing;

/** Operand addresses: the first operand at A, the second at B (base register 0). */
const A = 0x800;
const B = 0x900;

function hex(v: number, digits: number): string {
  return v.toString(16).padStart(digits, '0');
}

/** An SS instruction with two lengths (byte counts n1, n2), operands D1(0) and D2(0). */
function ss(op: string, n1: number, n2: number, a1 = A, a2 = B): string {
  return op + hex(n1 - 1, 1) + hex(n2 - 1, 1) + hex(a1, 4) + hex(a2, 4);
}

/** ED/EDMK: one 8-bit length (n bytes of pattern). */
function ss1(op: string, n: number, a1 = A, a2 = B): string {
  return op + hex(n - 1, 2) + hex(a1, 4) + hex(a2, 4);
}

/** SRP D1(n,0),shift,I3: the shift is the displacement (its low six bits). */
function srp(n: number, shift: number, rounding: number): string {
  return 'f0' + hex(n - 1, 1) + hex(rounding, 1) + hex(A, 4) + hex(shift & 0xfff, 4);
}

interface Case {
  /** Reads like the manual: `FA AP [SS]: overflow sets CC 3`. */
  name: string;
  /** One instruction, hex, placed at 0x1000. */
  code: string;
  storage?: Record<number, string>;
  gpr?: Record<number, number>;
  /** Initial CC; by default one that differs from the expected CC (or 2 when the CC must not change). */
  cc?: number;
  progMask?: number;
  want: {
    storage?: Record<number, string>;
    gpr?: Record<number, number>;
    /** Omitted: the CC must be unchanged. */
    cc?: number;
    /** A program-interruption code. */
    program?: number;
  };
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
  }
  expect(cpu.ia).toBe(0x1000 + (c.code.length >>> 1));
  for (const [a, h] of Object.entries(c.want.storage ?? {})) {
    expect(`${hex(Number(a), 4)}: ${peek(cpu, Number(a), h.length >>> 1)}`).toBe(`${hex(Number(a), 4)}: ${h.toLowerCase()}`);
  }
  for (const [r, v] of Object.entries(c.want.gpr ?? {})) expect(`R${r}=${reg(cpu, Number(r))}`).toBe(`R${r}=${hex(v >>> 0, 8)}`);
  expect(cpu.cc).toBe(c.want.cc ?? initialCc);
}

function table(title: string, cases: Case[]): void {
  describe(title, () => {
    for (const c of cases) it(c.name, () => check(c));
  });
}

/** A two-operand case: first and second operand contents (hex) at A and B, the wanted first operand. */
function two(name: string, op: string, first: string, second: string, want: Case['want'] & { first?: string }, extra: Partial<Case> = {}): Case {
  const storage = { ...want.storage };
  if (want.first !== undefined) storage[A] = want.first;
  return {
    name,
    code: ss(op, first.length >>> 1, second.length >>> 1),
    storage: { [A]: first, [B]: second },
    ...extra,
    want: { cc: want.cc, program: want.program, gpr: want.gpr, storage },
  };
}

const NINES_31 = '9'.repeat(31);

table('FA AP — Add Decimal', [
  two('FA AP [SS]: adds, CC 2 for a sum greater than zero', 'fa', '12345c', '1c', { first: '12346c', cc: 2 }),
  two('FA AP [SS]: different signs subtract, CC 1 for a sum less than zero', 'fa', '00100c', '200d', { first: '00100d', cc: 1 }),
  two('FA AP [SS]: a zero sum is positive, CC 0', 'fa', '123c', '123d', { first: '000c', cc: 0 }),
  two('FA AP [SS]: two negative zeros give positive zero', 'fa', '0d', '0d', { first: '0c', cc: 0 }),
  two('FA AP [SS]: sign codes A, E, F are plus and B minus; results carry C and D', 'fa', '1a', '2b', { first: '1d', cc: 1 }),
  two('FA AP [SS]: sign F plus sign E gives the preferred plus sign', 'fa', '001f', '2e', { first: '003c', cc: 2 }),
  two('FA AP [SS]: a longer second operand without overflow (manual example)', 'fa', '38460d', '0112345c', { first: '73885c', cc: 2 }),
  two('FA AP [SS]: overflow sets CC 3 and truncates', 'fa', '999c', '1c', { first: '000c', cc: 3 }),
  two('FA AP [SS]: overflow to a zero result keeps the minus sign (Hercules)', 'fa', '999d', '1d', { first: '000d', cc: 3 }),
  two('FA AP [SS]: overflow from a longer second operand loses its leftmost digits', 'fa', '1c', '0123456c', { first: '7c', cc: 3 }),
  two('FA AP [SS]: overflow with the decimal-overflow mask on interrupts after storing', 'fa', '999c', '2c', { first: '001c', cc: 3, program: OVERFLOW }, { progMask: 4 }),
  two('FA AP [SS]: the fixed-point-overflow mask bit does not enable decimal overflow', 'fa', '999c', '2c', { first: '001c', cc: 3 }, { progMask: 8 }),
  two('FA AP [SS]: an invalid digit in the first operand is a data exception, nothing stored', 'fa', '1a2c', '1c', { first: '1a2c', program: DATA }),
  two('FA AP [SS]: an invalid sign in the second operand is a data exception', 'fa', '123c', '12', { first: '123c', program: DATA }),
  two('FA AP [SS]: a digit code in the sign position is a data exception', 'fa', '1239', '1c', { first: '1239', program: DATA }),
  two('FA AP [SS]: 31-digit operands add exactly', 'fa', '1234567890123456789012345678901c', '8765432109876543210987654321098c', {
    first: '9999999999999999999999999999999c',
    cc: 2,
  }),
  two('FA AP [SS]: 31-digit overflow sets CC 3', 'fa', NINES_31 + 'c', '1c', { first: '0'.repeat(31) + 'c', cc: 3 }),
  two('FA AP [SS]: 31-digit operands of opposite sign cancel to positive zero', 'fa', '1234567890123456789012345678901d', '1234567890123456789012345678901c', {
    first: '0'.repeat(31) + 'c',
    cc: 0,
  }),
  two('FA AP [SS]: a long second operand with a smaller magnitude and another sign', 'fa', '00000000000000000100000c', '0'.repeat(30) + '1d', {
    first: '00000000000000000099999c',
    cc: 2,
  }),
  {
    name: 'FA AP [SS]: operands with coincident rightmost bytes add a number to itself',
    code: ss('fa', 3, 3, A, A),
    storage: { [A]: '04321d' },
    want: { storage: { [A]: '08642d' }, cc: 1 },
  },
  {
    name: 'FA AP [SS]: operands crossing a 2K boundary are added byte by byte',
    code: ss('fa', 8, 8, 0x7fc, 0x8fc),
    storage: { 0x7fc: '000000000000001c', 0x8fc: '999999999999999c' },
    want: { storage: { 0x7fc: '000000000000000c' }, cc: 3 },
  },
]);

table('FB SP — Subtract Decimal', [
  two('FB SP [SS]: subtracts, CC 1 for a difference less than zero', 'fb', '005c', '7c', { first: '002d', cc: 1 }),
  two('FB SP [SS]: subtracting a negative adds, CC 2', 'fb', '005c', '7d', { first: '012c', cc: 2 }),
  two('FB SP [SS]: a zero difference is positive, CC 0', 'fb', '5d', '5d', { first: '0c', cc: 0 }),
  two('FB SP [SS]: minus zero from zero is positive zero', 'fb', '0c', '0d', { first: '0c', cc: 0 }),
  two('FB SP [SS]: overflow sets CC 3 and truncates', 'fb', '999d', '1c', { first: '000d', cc: 3 }),
  two('FB SP [SS]: overflow with the mask on is a decimal-overflow exception', 'fb', '500c', '500d', { first: '000c', cc: 3, program: OVERFLOW }, { progMask: 4 }),
  two('FB SP [SS]: 31 digits borrow across every position', 'fb', '1000000000000000000000000000000c', '1c', {
    first: '0999999999999999999999999999999c',
    cc: 2,
  }),
  two('FB SP [SS]: 31 digits, a larger second operand flips the sign', 'fb', '0000000000000000000000000000001c', '0000000000000000000000000000003c', {
    first: '0000000000000000000000000000002d',
    cc: 1,
  }),
  {
    name: 'FB SP [SS]: a field subtracted from itself becomes positive zero',
    code: ss('fb', 4, 4, A, A),
    storage: { [A]: '1234567d' },
    want: { storage: { [A]: '0000000c' }, cc: 0 },
  },
]);

table('F8 ZAP — Zero and Add', [
  two('F8 ZAP [SS]: the second operand extended with zeros, CC 1 for less than zero', 'f8', 'ffffffff', '123d', { first: '0000123d', cc: 1 }),
  two('F8 ZAP [SS]: the first operand is not checked for valid codes', 'f8', 'abcdef', '5f', { first: '00005c', cc: 2 }),
  two('F8 ZAP [SS]: a negative zero becomes positive zero, CC 0', 'f8', '1234', '000d', { first: '000c', cc: 0 }),
  two('F8 ZAP [SS]: overflow sets CC 3 and keeps the rightmost digits', 'f8', '0000', '12345c', { first: '345c', cc: 3 }),
  two('F8 ZAP [SS]: overflow to zero digits keeps the sign', 'f8', '0000', '01000d', { first: '000d', cc: 3 }),
  two('F8 ZAP [SS]: overflow with the mask on interrupts after storing', 'f8', '00', '012c', { first: '2c', cc: 3, program: OVERFLOW }, { progMask: 4 }),
  two('F8 ZAP [SS]: an invalid second operand is a data exception, nothing stored', 'f8', '1234', '1a3c', { first: '1234', program: DATA }),
  two('F8 ZAP [SS]: 31 digits into 16 bytes', 'f8', '00'.repeat(16), '1234567890123456789012345678901d', { first: '1234567890123456789012345678901d', cc: 1 }),
  two('F8 ZAP [SS]: 31 digits into 8 bytes overflows', 'f8', '00'.repeat(8), '1234567890123456789012345678901c', { first: '789012345678901c', cc: 3 }),
  two('F8 ZAP [SS]: 15 digits into 16 bytes', 'f8', 'ff'.repeat(16), '999999999999999c', { first: '0'.repeat(16) + '999999999999999c', cc: 2 }),
  {
    name: 'F8 ZAP [SS]: the first operand may end right of the second (overlap)',
    code: ss('f8', 4, 3, A, A),
    storage: { [A]: '12345cee' },
    want: { storage: { [A]: '0012345c' }, cc: 2 },
  },
  {
    name: 'F8 ZAP [SS]: coincident rightmost bytes',
    code: ss('f8', 4, 2, A, A + 2),
    storage: { [A]: '9999123f' },
    want: { storage: { [A]: '0000123c' }, cc: 2 },
  },
]);

table('F9 CP — Compare Decimal', [
  two('F9 CP [SS]: equal operands of different lengths, CC 0', 'f9', '00012c', '012f', { first: '00012c', cc: 0 }),
  two('F9 CP [SS]: plus zero equals minus zero, CC 0', 'f9', '000c', '0d', { cc: 0 }),
  two('F9 CP [SS]: first operand low, CC 1', 'f9', '1725356d', '72142d', { first: '1725356d', cc: 1 }),
  two('F9 CP [SS]: first operand high, CC 2', 'f9', '5c', '999d', { cc: 2 }),
  two('F9 CP [SS]: negative operands compare algebraically', 'f9', '3d', '5d', { cc: 2 }),
  two('F9 CP [SS]: an invalid sign is a data exception, CC unchanged', 'f9', '1c', '12', { program: DATA }),
  two('F9 CP [SS]: 31 digits, first low by one in the last digit', 'f9', '1234567890123456789012345678900c', '1234567890123456789012345678901c', { cc: 1 }),
  two('F9 CP [SS]: 31 digits, negative first high', 'f9', '1234567890123456789012345678900d', '1234567890123456789012345678901d', { cc: 2 }),
  two('F9 CP [SS]: 31 digits, minus zero equals plus zero', 'f9', '0'.repeat(31) + 'b', '0c', { cc: 0 }),
  two('F9 CP [SS]: 31 digits, a plus operand is higher than a minus one', 'f9', '1c', '1234567890123456789012345678900d', { cc: 2 }),
  {
    name: 'F9 CP [SS]: a field compared with itself is equal',
    code: ss('f9', 16, 16, A, A),
    storage: { [A]: '1234567890123456789012345678900d' },
    want: { cc: 0 },
  },
]);

table('FC MP — Multiply Decimal', [
  two('FC MP [SS]: multiplies, CC unchanged', 'fc', '0012345c', '2c', { first: '0024690c' }),
  two('FC MP [SS]: the product sign follows the rules of algebra', 'fc', '0000123d', '010d', { first: '0001230c' }),
  two('FC MP [SS]: a zero product keeps the algebraic sign (Hercules)', 'fc', '00000c', '001d', { first: '00000d' }),
  two('FC MP [SS]: a six-byte multiplicand by a two-byte multiplier', 'fc', '00000000038c', '321d', { first: '00000012198d' }),
  two('FC MP [SS]: 15-digit product in 8 bytes', 'fc', '000000009999999c', '9999999c', { first: '099999980000001c' }),
  two('FC MP [SS]: too few leading zero bytes in the multiplicand is a data exception', 'fc', '0012345c', '100c', { first: '0012345c', program: DATA }),
  two('FC MP [SS]: a nonzero leftmost digit is a data exception', 'fc', '01000c', '1c', { first: '01000c', program: DATA }),
  two('FC MP [SS]: an invalid multiplier sign is a data exception', 'fc', '00012c', '12', { first: '00012c', program: DATA }),
  two('FC MP [SS]: L2 not less than L1 is a specification exception', 'fc', '012c', '003c', { first: '012c', program: SPECIFICATION }),
  two('FC MP [SS]: L2 greater than 7 is a specification exception', 'fc', '0'.repeat(19) + 'c', '0'.repeat(16) + '1c', { first: '0'.repeat(19) + 'c', program: SPECIFICATION }),
  two('FC MP [SS]: 16-byte multiplicand by an 8-byte multiplier', 'fc', '0'.repeat(16) + '999999999999999c', '999999999999999d', {
    first: '0999999999999998000000000000001d',
  }),
  two('FC MP [SS]: 16-byte multiplicand, zero product keeps the sign', 'fc', '0'.repeat(31) + 'd', '5c', { first: '0'.repeat(31) + 'd' }),
  two('FC MP [SS]: 16-byte multiplicand with too few leading zeros', 'fc', '0'.repeat(15) + '1999999999999999c', '999999999999999c', {
    first: '0'.repeat(15) + '1999999999999999c',
    program: DATA,
  }),
]);

table('FD DP — Divide Decimal', [
  two('FD DP [SS]: quotient left, remainder right with the dividend sign (manual example)', 'fd', '012345678c', '321d', { first: '38460d018c' }),
  two('FD DP [SS]: a zero quotient keeps the algebraic sign (Hercules)', 'fd', '00005d', '7c', { first: '000d5d' }),
  two('FD DP [SS]: a zero remainder keeps the dividend sign', 'fd', '00100d', '5d', { first: '020c0d' }),
  two('FD DP [SS]: a zero divisor is a decimal-divide exception, nothing changed', 'fd', '00100c', '0c', { first: '00100c', program: DIVIDE }),
  two('FD DP [SS]: a quotient too large for its field is a decimal-divide exception', 'fd', '09999c', '1c', { first: '09999c', program: DIVIDE }),
  two('FD DP [SS]: the largest quotient that fits', 'fd', '08999c', '9c', { first: '999c8c' }),
  two('FD DP [SS]: invalid dividend digits are a data exception before a divide exception', 'fd', '0a000c', '0c', { program: DATA }),
  two('FD DP [SS]: L2 not less than L1 is a specification exception', 'fd', '00100c', '00005c', { program: SPECIFICATION }),
  two('FD DP [SS]: L2 greater than 7 is a specification exception', 'fd', '0'.repeat(31) + 'c', '0'.repeat(17) + 'c', { program: SPECIFICATION }),
  two('FD DP [SS]: CC unchanged', 'fd', '0000100c', '3c', { first: '00033c1c' }),
  two('FD DP [SS]: 31-digit dividend by a 15-digit divisor', 'fd', '0000000000000001234567890123456c', '999999999999999d', {
    first: '000000000000001d234567890123457c',
  }),
  two('FD DP [SS]: 31-digit dividend, a quotient too large', 'fd', '1234567890123456789012345678901c', '999999999999999c', {
    first: '1234567890123456789012345678901c',
    program: DIVIDE,
  }),
  two('FD DP [SS]: 31-digit dividend, a zero divisor', 'fd', '0000000000000000000000000000001c', '0000000d', { program: DIVIDE }),
]);

table('F0 SRP — Shift and Round Decimal', [
  {
    name: 'F0 SRP [SS]: left shift of three places (manual example)',
    code: srp(6, 3, 0),
    storage: { [A]: '00012345678c' },
    want: { storage: { [A]: '12345678000c' }, cc: 2 },
  },
  {
    name: 'F0 SRP [SS]: right shift of one place, 64 - 1 (manual example)',
    code: srp(5, 63, 0),
    storage: { [A]: '012345678c' },
    want: { storage: { [A]: '001234567c' }, cc: 2 },
  },
  {
    name: 'F0 SRP [SS]: right shift of three places rounded by 5 (manual example)',
    code: srp(4, 64 - 3, 5),
    storage: { [A]: '1239600d' },
    want: { storage: { [A]: '0001240d' }, cc: 1 },
  },
  {
    name: 'F0 SRP [SS]: the rounding carry propagates left',
    code: srp(3, 63, 5),
    storage: { [A]: '09995c' },
    want: { storage: { [A]: '01000c' }, cc: 2 },
  },
  {
    name: 'F0 SRP [SS]: a left shift losing a nonzero digit sets CC 3',
    code: srp(3, 1, 0),
    storage: { [A]: '12345d' },
    want: { storage: { [A]: '23450d' }, cc: 3 },
  },
  {
    name: 'F0 SRP [SS]: left-shift overflow with the mask on interrupts after storing',
    code: srp(2, 3, 0),
    storage: { [A]: '100c' },
    want: { storage: { [A]: '000c' }, cc: 3, program: OVERFLOW },
    progMask: 4,
  },
  {
    name: 'F0 SRP [SS]: a right shift of 32 leaves positive zero, CC 0',
    code: srp(3, 32, 9),
    storage: { [A]: '99999d' },
    want: { storage: { [A]: '00000c' }, cc: 0 },
  },
  {
    name: 'F0 SRP [SS]: no shift normalizes the sign and makes zero positive',
    code: srp(2, 0, 0),
    storage: { [A]: '000b' },
    want: { storage: { [A]: '000c' }, cc: 0 },
  },
  {
    name: 'F0 SRP [SS]: no shift, sign F becomes C',
    code: srp(2, 0, 0),
    storage: { [A]: '123f' },
    want: { storage: { [A]: '123c' }, cc: 2 },
  },
  {
    name: 'F0 SRP [SS]: an invalid rounding digit is a data exception even for a left shift (Hercules)',
    code: srp(3, 1, 10),
    storage: { [A]: '00123c' },
    want: { storage: { [A]: '00123c' }, program: DATA },
  },
  {
    name: 'F0 SRP [SS]: an invalid first operand is a data exception even with no shift',
    code: srp(2, 0, 0),
    storage: { [A]: '1a3c' },
    want: { storage: { [A]: '1a3c' }, program: DATA },
  },
  {
    name: 'F0 SRP [SS]: only bits 26-31 of the second-operand address count',
    code: 'f0' + '25' + hex(A, 4) + '5000',
    gpr: { 5: 0x12_34ff },
    storage: { [A]: '12345c' },
    want: { storage: { [A]: '01235c' }, cc: 2 },
  },
  {
    name: 'F0 SRP [SS]: left shift of 31 in a 16-byte field',
    code: srp(16, 31, 0),
    storage: { [A]: '0'.repeat(30) + '1c' },
    want: { storage: { [A]: '0'.repeat(30) + '0c' }, cc: 3 },
  },
  {
    name: 'F0 SRP [SS]: left shift of 30 in a 16-byte field keeps the digit',
    code: srp(16, 30, 0),
    storage: { [A]: '0'.repeat(30) + '7d' },
    want: { storage: { [A]: '7' + '0'.repeat(30) + 'd' }, cc: 1 },
  },
]);

table('4F CVB and 4E CVD — conversions', [
  { name: '4F CVB [RX]: converts, CC unchanged', code: '4f300900', storage: { [B]: '000000000012345c' }, want: { gpr: { 3: 12345 } } },
  { name: '4F CVB [RX]: 2147483647 is the largest number', code: '4f300900', storage: { [B]: '000002147483647f' }, want: { gpr: { 3: 0x7fff_ffff } } },
  { name: '4F CVB [RX]: -2147483648 is the smallest number', code: '4f300900', storage: { [B]: '000002147483648d' }, want: { gpr: { 3: -0x8000_0000 } } },
  { name: '4F CVB [RX]: minus zero converts to zero', code: '4f300900', gpr: { 3: 7 }, storage: { [B]: '000000000000000b' }, want: { gpr: { 3: 0 } } },
  {
    name: '4F CVB [RX]: 2147483648 loads the rightmost 32 bits, then a fixed-point-divide exception',
    code: '4f300900',
    storage: { [B]: '000002147483648c' },
    want: { gpr: { 3: -0x8000_0000 }, program: FIXED_DIVIDE },
  },
  {
    name: '4F CVB [RX]: 3000000000 loads X\'B2D05E00\' (Hercules)',
    code: '4f300900',
    storage: { [B]: '000003000000000c' },
    want: { gpr: { 3: 0xb2d0_5e00 }, program: FIXED_DIVIDE },
  },
  {
    name: '4F CVB [RX]: -4294967297 loads X\'FFFFFFFF\' (Hercules)',
    code: '4f300900',
    storage: { [B]: '000004294967297d' },
    want: { gpr: { 3: -1 }, program: FIXED_DIVIDE },
  },
  {
    name: '4F CVB [RX]: 15 nines load the rightmost 32 bits',
    code: '4f300900',
    storage: { [B]: '999999999999999d' },
    want: { gpr: { 3: Number(BigInt.asIntN(32, -999999999999999n)) }, program: FIXED_DIVIDE },
  },
  { name: '4F CVB [RX]: an invalid digit is a data exception, register unchanged', code: '4f300900', gpr: { 3: 7 }, storage: { [B]: '00000000001a345c' }, want: { gpr: { 3: 7 }, program: DATA } },
  { name: '4F CVB [RX]: an invalid sign is a data exception', code: '4f300900', storage: { [B]: '0000000000123456' }, want: { program: DATA } },
  { name: '4F CVB [RX]: the operand need not be on a doubleword boundary', code: '4f300903', storage: { 0x903: '000000000000042d' }, want: { gpr: { 3: -42 } } },
  { name: '4F CVB [RX]: an operand crossing a 2K boundary', code: '4f3007fc', storage: { 0x7fc: '000000000000099c' }, want: { gpr: { 3: 99 } } },
  { name: '4E CVD [RX]: converts, sign C', code: '4e300900', gpr: { 3: 4096 }, want: { storage: { [B]: '000000000004096c' } } },
  { name: '4E CVD [RX]: 2147483647', code: '4e300900', gpr: { 3: 0x7fff_ffff }, want: { storage: { [B]: '000002147483647c' } } },
  { name: '4E CVD [RX]: -2147483648, sign D', code: '4e300900', gpr: { 3: -0x8000_0000 }, want: { storage: { [B]: '000002147483648d' } } },
  { name: '4E CVD [RX]: zero is positive', code: '4e300900', storage: { [B]: 'ffffffffffffffff' }, want: { storage: { [B]: '000000000000000c' } } },
  { name: '4E CVD [RX]: -1', code: '4e300900', gpr: { 3: -1 }, want: { storage: { [B]: '000000000000001d' } } },
  { name: '4E CVD [RX]: an operand crossing a 2K boundary', code: '4e3007fe', gpr: { 3: 123456789 }, want: { storage: { 0x7fe: '000000123456789c' } } },
]);

table('F2 PACK, F3 UNPK, F1 MVO — packed-format moves', [
  two('F2 PACK [SS]: zoned to packed, the sign zone swapped into place', 'f2', 'ffffff', 'f1f2f3c4', { first: '01234c' }),
  two('F2 PACK [SS]: a short first operand drops the leftmost digits', 'f2', 'ffff', 'f1f2f3f4f5', { first: '345f' }),
  two('F2 PACK [SS]: zones and codes are not checked', 'f2', 'ffff', 'c1d2ea', { first: '12ae' }),
  two('F2 PACK [SS]: a one-byte operand swaps its halves', 'f2', 'ff', 'f7', { first: '7f' }),
  {
    name: 'F2 PACK [SS]: in place with coincident rightmost bytes',
    code: ss('f2', 5, 5, A, A),
    storage: { [A]: 'f1f2f3f4c5' },
    want: { storage: { [A]: '000012345c' } },
  },
  {
    name: 'F2 PACK [SS]: overlap is processed a byte at a time, right to left (Hercules)',
    code: ss('f2', 3, 5, A, A),
    storage: { [A]: 'f1f2f3f4c5' },
    want: { storage: { [A]: '14c45cf4c5' } },
  },
  two('F3 UNPK [SS]: packed to zoned with zone F, the sign swapped', 'f3', '0000000000', '12345c', { first: 'f1f2f3f4c5' }),
  two('F3 UNPK [SS]: a longer first operand gets zoned zeros', 'f3', '00000000000000', '12345d', { first: 'f0f0f1f2f3f4d5' }),
  two('F3 UNPK [SS]: a shorter first operand drops the leftmost digits', 'f3', '000000', '12345c', { first: 'f3f4c5' }),
  two('F3 UNPK [SS]: an even first-operand length ends with a single digit', 'f3', '00000000', '12345c', { first: 'f2f3f4c5' }),
  two('F3 UNPK [SS]: codes are not checked', 'f3', '000000', 'abcd', { first: 'fafbdc' }),
  {
    name: 'F3 UNPK [SS]: overlap is processed a byte at a time, right to left (Hercules)',
    code: ss('f3', 5, 3, A + 2, A),
    storage: { [A]: '12345c' },
    want: { storage: { [A]: '1234f1f2f3f4c5' } },
  },
  two('F1 MVO [SS]: moves with offset, keeping the first operand\'s sign (manual example)', 'f1', '7788990c', '123456', { first: '0123456c' }),
  two('F1 MVO [SS]: a short first operand drops the leftmost digits', 'f1', '000d', '123456', { first: '456d' }),
  two('F1 MVO [SS]: a one-byte first operand', 'f1', '0f', '12', { first: '2f' }),
  {
    name: 'F1 MVO [SS]: overlap is processed a byte at a time, right to left (Hercules)',
    code: ss('f1', 3, 2, A, A),
    storage: { [A]: '12345c' },
    want: { storage: { [A]: '01234c' } },
  },
]);

// The classic payroll pattern: fill blank, d d , d s d . d d  →  "bbd,ddd.dd".
const PAYROLL = '4020206b2021204b2020';

function edit(name: string, op: 'de' | 'df', pattern: string, source: string, result: string, cc: number, extra: Partial<Case> & { gpr1?: number } = {}): Case {
  const { gpr1, ...rest } = extra;
  return {
    name,
    code: ss1(op, pattern.length >>> 1),
    storage: { [A]: pattern, [B]: source },
    ...rest,
    want: { storage: { [A]: result }, cc, gpr: gpr1 === undefined ? undefined : { 1: gpr1 } },
  };
}

table('DE ED and DF EDMK — Edit', [
  edit('DE ED [SS]: the payroll pattern edits 2,574.26, CC 2', 'de', PAYROLL, '0257426c', '4040f26bf5f7f44bf2f6', 2),
  edit('DE ED [SS]: the significance starter keeps 0.26, CC 1 for minus', 'de', PAYROLL, '0000026d', '4040404040' + '40f04bf2f6', 1),
  edit('DE ED [SS]: a zero source edits 0.00, CC 0', 'de', PAYROLL, '0000000c', '404040404040f04bf0f0', 0),
  edit('DE ED [SS]: a minus sign leaves significance on, so CR prints', 'de', '402021204b202040c3d9', '01234d', '4040f1f24bf3f440c3d9', 1),
  edit('DE ED [SS]: a plus sign turns significance off, so CR becomes fill', 'de', '402021204b202040c3d9', '01234c', '4040f1f24bf3f4404040', 2),
  edit('DE ED [SS]: an asterisk fill byte protects the amount', 'de', '5c20206b2021204b2020', '0012345c', '5c5c5c5cf1f2f34bf4f5', 2),
  edit('DE ED [SS]: the field separator starts a new field; the CC is the last field\'s', 'de', '4020212022202020', '123c000c', '40f1f2f340404040', 0),
  edit('DE ED [SS]: a field separator resets significance, a later nonzero field gives CC 2', 'de', '4020202220202020', '000c012c', '404040404040f1f2', 2),
  edit('DE ED [SS]: a pattern ending before the sign leaves significance on, CC 1 (Hercules)', 'de', '4020202020', '01234c', '4040f1f2f3', 1),
  edit('DE ED [SS]: a right-half sign code ends a source byte early (Hercules)', 'de', '4020202020', '0a234c', '4040f2f3f4', 2),
  edit('DE ED [SS]: a digit-selector fill byte is its own fill', 'de', '202020', '012c', '20f1f2', 2),
  {
    name: 'DE ED [SS]: an invalid source digit is a data exception, the pattern unchanged',
    code: ss1('de', 5),
    storage: { [A]: '4020202020', [B]: '01a34c' },
    want: { storage: { [A]: '4020202020' }, program: DATA },
  },
  {
    name: 'DE ED [SS]: a pattern crossing a 2K boundary is edited byte by byte',
    code: ss1('de', 10, 0x7fc),
    storage: { 0x7fc: PAYROLL, [B]: '0257426d' },
    want: { storage: { 0x7fc: '4040f26bf5f7f44bf2f6' }, cc: 1 },
  },
  edit('DF EDMK [SS]: GR1 bits 8-31 get the first significant digit\'s address, bits 0-7 kept', 'df', PAYROLL, '0257426c', '4040f26bf5f7f44bf2f6', 2, {
    gpr: { 1: 0xab00_0000 },
    gpr1: 0xab00_0000 | (A + 2),
  }),
  edit('DF EDMK [SS]: significance forced by X\'21\' leaves GR1 unchanged (Hercules)', 'df', PAYROLL, '0000026c', '404040404040f04bf2f6', 2, {
    gpr: { 1: 0x1234_5678 },
    gpr1: 0x1234_5678,
  }),
  edit('DF EDMK [SS]: a digit that sets significance before a plus sign still marks (Hercules)', 'df', '40202020', '001c', '404040f1', 2, {
    gpr1: A + 3,
  }),
]);

describe('access exceptions come before any store', () => {
  it('FA AP [SS]: a first operand whose last byte is store-protected changes nothing', () => {
    const cpu = machine();
    cpu.keys[0] = 0x20; // block 0 (0x000-0x7ff) key 2
    cpu.keys[1] = 0x30; // block 1 (0x800-0xfff) key 3
    cpu.key = 2;
    poke(cpu, 0x7fe, '0000001c');
    poke(cpu, B, '1c');
    const stop = execute(cpu, ss('fa', 4, 1, 0x7fe, B));
    expect(stop.kind).toBe('program');
    expect(stop.code).toBe(PROTECTION);
    expect(peek(cpu, 0x7fe, 4)).toBe('0000001c');
  });

  it('F3 UNPK [SS]: a second operand outside storage is an addressing exception, nothing stored', () => {
    const cpu = machine();
    cpu.gpr[5] = 0x1_0000;
    poke(cpu, A, '0000');
    const stop = execute(cpu, 'f311' + hex(A, 4) + '5000');
    expect(stop.kind).toBe('program');
    expect(stop.code).toBe(ADDRESSING);
    expect(peek(cpu, A, 2)).toBe('0000');
  });

  it('DE ED [SS]: a source running off the end of storage changes no pattern byte', () => {
    const cpu = machine();
    cpu.gpr[5] = 0xffff;
    poke(cpu, A, '4020202020');
    poke(cpu, 0xffff, '12');
    const stop = execute(cpu, 'de04' + hex(A, 4) + '5000');
    expect(stop.kind).toBe('program');
    expect(stop.code).toBe(ADDRESSING);
    expect(peek(cpu, A, 5)).toBe('4020202020');
  });
});

// ---------------------------------------------------------------------------------------------
// A reference model in BigInt, independent of the implementation, over random operands of every
// length: AP, SP, ZAP, CP, MP and DP results, signs, condition codes and exceptions.


function packed(value: bigint, minus: boolean, n: number, signCode?: number): string {
  const digits = (value < 0n ? -value : value).toString().padStart(2 * n - 1, '0');
  return digits + (signCode ?? (minus ? 0xd : 0xc)).toString(16);
}

interface Operand {
  hex: string;
  value: bigint;
  minus: boolean;
}

function randomOperand(next: () => number, n: number, maxDigits = 2 * n - 1): Operand {
  const count = next() % (maxDigits + 1);
  let digits = '';
  for (let i = 0; i < count; i++) digits += String(next() % 10);
  const magnitude = BigInt(digits || '0');
  const code = [0xa, 0xb, 0xc, 0xd, 0xe, 0xf][next() % 6]!;
  const minus = code === 0xb || code === 0xd;
  return { hex: packed(magnitude, minus, n, code), value: minus ? -magnitude : magnitude, minus };
}

/** One CPU for the model runs: the instruction and both operands are rewritten for each case. */
const modelCpu = machine();

function runModelCase(op: string, x: Operand, y: Operand, n1: number, n2: number): ReturnType<typeof machine> {
  const cpu = modelCpu;
  poke(cpu, A, x.hex);
  poke(cpu, B, y.hex);
  cpu.cc = 0;
  execute(cpu, ss(op, n1, n2));
  return cpu;
}

describe('random operands against a BigInt model', () => {
  it('FA AP and FB SP [SS]: sums, signs, CC and overflow for every length pair', () => {
    const next = generator(370);
    for (let t = 0; t < 1500; t++) {
      const n1 = 1 + (next() % 16);
      const n2 = 1 + (next() % 16);
      const x = randomOperand(next, n1);
      const y = randomOperand(next, n2);
      const subtract = (next() & 1) === 1;
      const cpu = runModelCase(subtract ? 'fb' : 'fa', x, y, n1, n2);
      const sum = subtract ? x.value - y.value : x.value + y.value;
      const capacity = 10n ** BigInt(2 * n1 - 1);
      const magnitude = sum < 0n ? -sum : sum;
      const overflow = magnitude >= capacity;
      const stored = magnitude % capacity;
      const want = packed(stored, overflow ? sum < 0n : sum < 0n && stored !== 0n, n1);
      const label = `${subtract ? 'SP' : 'AP'} ${x.hex},${y.hex}`;
      expect(`${label} -> ${peek(cpu, A, n1)}`).toBe(`${label} -> ${want}`);
      expect(`${label} cc ${cpu.cc}`).toBe(`${label} cc ${overflow ? 3 : sum === 0n ? 0 : sum < 0n ? 1 : 2}`);
    }
  });

  it('F8 ZAP and F9 CP [SS]: results and condition codes for every length pair', () => {
    const next = generator(4381);
    for (let t = 0; t < 1500; t++) {
      const n1 = 1 + (next() % 16);
      const n2 = 1 + (next() % 16);
      const x = randomOperand(next, n1);
      const y = randomOperand(next, n2);
      const cp = runModelCase('f9', x, y, n1, n2);
      const label = `CP ${x.hex},${y.hex}`;
      expect(`${label} cc ${cp.cc}`).toBe(`${label} cc ${x.value === y.value ? 0 : x.value < y.value ? 1 : 2}`);
      const zap = runModelCase('f8', x, y, n1, n2);
      const capacity = 10n ** BigInt(2 * n1 - 1);
      const magnitude = y.value < 0n ? -y.value : y.value;
      const overflow = magnitude >= capacity;
      const want = packed(magnitude % capacity, y.value < 0n, n1);
      expect(`ZAP ${x.hex},${y.hex} -> ${peek(zap, A, n1)} cc ${zap.cc}`).toBe(
        `ZAP ${x.hex},${y.hex} -> ${want} cc ${overflow ? 3 : y.value === 0n ? 0 : y.value < 0n ? 1 : 2}`,
      );
    }
  });

  it('F0 SRP [SS]: every shift amount, rounding digit and length', () => {
    const next = generator(1970);
    for (let t = 0; t < 1500; t++) {
      const n = 1 + (next() % 16);
      const x = randomOperand(next, n);
      const amount = next() % 64;
      const rounding = next() % 10;
      const cpu = modelCpu;
      poke(cpu, A, x.hex);
      cpu.cc = 0;
      execute(cpu, srp(n, amount, rounding));
      const magnitude = x.value < 0n ? -x.value : x.value;
      const capacity = 10n ** BigInt(2 * n - 1);
      let result: bigint;
      let overflow = false;
      if (amount < 32) {
        const shifted = magnitude * 10n ** BigInt(amount);
        overflow = shifted >= capacity;
        result = shifted % capacity;
      } else {
        const places = BigInt(64 - amount);
        result = magnitude / 10n ** places;
        if ((magnitude / 10n ** (places - 1n)) % 10n + BigInt(rounding) >= 10n) result += 1n;
      }
      const minus = x.minus && (overflow || result !== 0n);
      const label = `SRP ${x.hex} by ${amount} round ${rounding}`;
      expect(`${label} -> ${peek(cpu, A, n)} cc ${cpu.cc}`).toBe(
        `${label} -> ${packed(result, minus, n)} cc ${overflow ? 3 : result === 0n ? 0 : minus ? 1 : 2}`,
      );
    }
  });

  it('FC MP and FD DP [SS]: products, quotients, remainders and exceptions for every length pair', () => {
    const next = generator(1975);
    for (let t = 0; t < 1500; t++) {
      const n1 = 2 + (next() % 15);
      const n2 = 1 + (next() % Math.min(8, n1 - 1));
      const room = 2 * (n1 - n2) - 1;
      // Mostly operands that fit, sometimes one digit too many.
      const x = randomOperand(next, n1, (next() & 3) === 0 ? 2 * n1 - 1 : room);
      const y = randomOperand(next, n2);
      const mp = runModelCase('fc', x, y, n1, n2);
      const xMagnitude = x.value < 0n ? -x.value : x.value;
      const yMagnitude = y.value < 0n ? -y.value : y.value;
      const mpLabel = `MP ${x.hex},${y.hex}`;
      if (xMagnitude >= 10n ** BigInt(room)) {
        expect(`${mpLabel} ${mp.stop.kind} ${mp.stop.code} ${peek(mp, A, n1)}`).toBe(`${mpLabel} program ${DATA} ${x.hex}`);
      } else {
        expect(`${mpLabel} -> ${peek(mp, A, n1)}`).toBe(`${mpLabel} -> ${packed(xMagnitude * yMagnitude, x.minus !== y.minus, n1)}`);
      }
      const dp = runModelCase('fd', x, y, n1, n2);
      const dpLabel = `DP ${x.hex},${y.hex}`;
      if (yMagnitude === 0n || xMagnitude / yMagnitude >= 10n ** BigInt(room)) {
        expect(`${dpLabel} ${dp.stop.kind} ${dp.stop.code} ${peek(dp, A, n1)}`).toBe(`${dpLabel} program ${DIVIDE} ${x.hex}`);
      } else {
        const want = packed(xMagnitude / yMagnitude, x.minus !== y.minus, n1 - n2) + packed(xMagnitude % yMagnitude, x.minus, n2);
        expect(`${dpLabel} -> ${peek(dp, A, n1)}`).toBe(`${dpLabel} -> ${want}`);
      }
    }
  });
});
