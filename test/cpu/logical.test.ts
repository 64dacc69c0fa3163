// Logical instructions (Principles of Operation, "General Instructions"): every instruction of the
// 'logical' family, its condition codes, its exceptions, overlapping operands, operands crossing 2K
// blocks and DAT pages. Expected values come from the manual; the MOVE LONG destructive-overlap and
// COMPARE LOGICAL LONG register results were also observed on Hercules 3.13 in S/370 mode (the
// registers and storage given to Hercules and what it showed are in comments beside those cases).

import { describe, expect, it } from 'vitest';
import type { Cpu } from '../../src/cpu/cpu.ts';
import { OPCODES } from '../../src/cpu/opcodes.ts';
import { logicalHandlers } from '../../src/cpu/exec/logical.ts';
import { CODE_AT, execute, hexBytes, machine, peek, poke, reg } from '../helpers/machine.ts';

const SPECIFICATION = 0x06;
const PROTECTION = 0x04;
const ADDRESSING = 0x05;
const PAGE_TRANSLATION = 0x11;

interface Case {
  name: string;
  /** One instruction in hex. */
  code: string;
  regs?: Record<number, number>;
  mem?: Record<number, string>;
  /** Condition code before the instruction (default 0), to show when it is left unchanged. */
  cc?: number;
  /** Expected program-interruption code; the other expectations still apply. */
  program?: number;
  outRegs?: Record<number, number>;
  outMem?: Record<number, string>;
  outCc?: number;
}

const hex8 = (v: number): string => (v >>> 0).toString(16).padStart(8, '0');

function run(c: Case, cpu: Cpu = machine()): Cpu {
  for (const [r, v] of Object.entries(c.regs ?? {})) cpu.gpr[Number(r)] = v;
  for (const [a, h] of Object.entries(c.mem ?? {})) poke(cpu, Number(a), h);
  cpu.cc = c.cc ?? 0;
  const stop = execute(cpu, c.code);
  if (c.program === undefined) {
    expect(stop.kind).toBe('budget');
    expect(cpu.ia).toBe(CODE_AT + c.code.length / 2);
  } else {
    expect(stop.kind).toBe('program');
    expect(stop.code).toBe(c.program);
  }
  for (const [r, v] of Object.entries(c.outRegs ?? {})) expect(reg(cpu, Number(r)), `R${r}`).toBe(hex8(v));
  for (const [a, h] of Object.entries(c.outMem ?? {})) {
    expect(peek(cpu, Number(a), h.length / 2), `storage at ${Number(a).toString(16)}`).toBe(h);
  }
  if (c.outCc !== undefined) expect(cpu.cc, 'CC').toBe(c.outCc);
  return cpu;
}

function table(title: string, cases: Case[]): void {
  describe(title, () => {
    for (const c of cases) it(c.name, () => void run(c));
  });
}

describe('the logical family', () => {
  it('has a handler for every logical instruction in the opcode table and no other', () => {
    const family = OPCODES.filter((e) => e.family === 'logical').map((e) => e.mnemonic);
    expect(Object.keys(logicalHandlers).sort()).toEqual([...family].sort());
    expect(family).toHaveLength(37);
  });
});

table('AND, OR, EXCLUSIVE OR (register and storage)', [
  { name: '14 NR [RR]: keeps the bits common to both, CC 1 not zero', code: '1412', regs: { 1: 0xf0f0_ff00, 2: 0xff00_0f0f }, outRegs: { 1: 0xf000_0f00, 2: 0xff00_0f0f }, outCc: 1 },
  { name: '14 NR [RR]: no bits in common gives zero, CC 0', code: '1412', regs: { 1: 0xf0f0_f0f0, 2: 0x0f0f_0f0f }, cc: 3, outRegs: { 1: 0 }, outCc: 0 },
  { name: '16 OR [RR]: ones from either operand, CC 1 not zero', code: '1612', regs: { 1: 0x8000_0000, 2: 1 }, outRegs: { 1: 0x8000_0001 }, outCc: 1 },
  { name: '16 OR [RR]: zero with zero is zero, CC 0', code: '1612', cc: 2, outRegs: { 1: 0 }, outCc: 0 },
  { name: '17 XR [RR]: ones where the operands differ, CC 1', code: '1712', regs: { 1: 0xffff_0000, 2: 0x0f0f_0f0f }, outRegs: { 1: 0xf0f0_0f0f }, outCc: 1 },
  { name: '17 XR [RR]: a register with itself clears it, CC 0', code: '1711', regs: { 1: 0x1234_5678 }, outRegs: { 1: 0 }, outCc: 0 },
  { name: '54 N [RX]: word from storage, CC 1 not zero', code: '54106000', regs: { 1: -1, 6: 0x2000 }, mem: { 0x2000: '12345678' }, outRegs: { 1: 0x1234_5678 }, outCc: 1 },
  { name: '54 N [RX]: the word need not be on a word boundary', code: '54156000', regs: { 1: -1, 5: 1, 6: 0x2000 }, mem: { 0x2001: 'a5a5a5a5' }, outRegs: { 1: 0xa5a5_a5a5 }, outCc: 1 },
  { name: '54 N [RX]: result zero, CC 0', code: '54106000', regs: { 1: 0x0000_ffff, 6: 0x2000 }, mem: { 0x2000: 'ffff0000' }, outRegs: { 1: 0 }, outCc: 0 },
  { name: '56 O [RX]: CC 1 not zero', code: '56106000', regs: { 1: 0x0000_ffff, 6: 0x2000 }, mem: { 0x2000: 'ff000000' }, outRegs: { 1: 0xff00_ffff }, outCc: 1 },
  { name: '56 O [RX]: zero with zero, CC 0', code: '56106000', regs: { 6: 0x2000 }, cc: 1, outRegs: { 1: 0 }, outCc: 0 },
  { name: '57 X [RX]: equal operands give zero, CC 0', code: '57106000', regs: { 1: 0x1234_5678, 6: 0x2000 }, mem: { 0x2000: '12345678' }, outRegs: { 1: 0 }, outCc: 0 },
  { name: '57 X [RX]: operand crossing a 2K boundary, CC 1', code: '57106000', regs: { 1: 0x0f0f_0f0f, 6: 0x27fe }, mem: { 0x27fe: 'ffffffff' }, outRegs: { 1: 0xf0f0_f0f0 }, outCc: 1 },
  { name: '54 N [RX]: an operand beyond the end of storage is an addressing exception', code: '54106000', regs: { 1: -1, 6: 0xfffe }, program: ADDRESSING, outRegs: { 1: -1 } },
  { name: '94 NI [SI]: byte AND immediate, CC 1 not zero', code: '940f6000', regs: { 6: 0x2000 }, mem: { 0x2000: 'f5' }, outMem: { 0x2000: '05' }, outCc: 1 },
  { name: '94 NI [SI]: result zero, CC 0', code: '94f06000', regs: { 6: 0x2000 }, mem: { 0x2000: '0f' }, cc: 1, outMem: { 0x2000: '00' }, outCc: 0 },
  { name: '96 OI [SI]: byte OR immediate, CC 1', code: '96806000', regs: { 6: 0x2000 }, mem: { 0x2000: '01' }, outMem: { 0x2000: '81' }, outCc: 1 },
  { name: '96 OI [SI]: zero OR zero, CC 0', code: '96006000', regs: { 6: 0x2000 }, cc: 2, outMem: { 0x2000: '00' }, outCc: 0 },
  { name: '97 XI [SI]: X\'FF\' inverts the byte, CC 1', code: '97ff6000', regs: { 6: 0x2000 }, mem: { 0x2000: '0f' }, outMem: { 0x2000: 'f0' }, outCc: 1 },
  { name: '97 XI [SI]: equal byte and immediate give zero, CC 0', code: '97a56001', regs: { 6: 0x2000 }, mem: { 0x2001: 'a5' }, cc: 1, outMem: { 0x2001: '00' }, outCc: 0 },
]);

table('COMPARE LOGICAL (register, storage, immediate)', [
  { name: '15 CLR [RR]: equal, CC 0', code: '1512', regs: { 1: 0x8000_0000, 2: 0x8000_0000 }, cc: 2, outCc: 0 },
  { name: '15 CLR [RR]: unsigned, X\'80000000\' is high against 1, CC 2', code: '1512', regs: { 1: 0x8000_0000, 2: 1 }, outCc: 2 },
  { name: '15 CLR [RR]: 1 is low against X\'FFFFFFFF\', CC 1', code: '1512', regs: { 1: 1, 2: -1 }, outCc: 1 },
  { name: '55 CL [RX]: X\'7FFFFFFF\' is low against X\'80000000\', CC 1', code: '55106000', regs: { 1: 0x7fff_ffff, 6: 0x2000 }, mem: { 0x2000: '80000000' }, outCc: 1 },
  { name: '55 CL [RX]: equal, CC 0 (unaligned word)', code: '55106003', regs: { 1: 0x1122_3344, 6: 0x2000 }, mem: { 0x2003: '11223344' }, cc: 1, outCc: 0 },
  { name: '55 CL [RX]: first operand high, CC 2', code: '55106000', regs: { 1: -1, 6: 0x2000 }, mem: { 0x2000: '00000001' }, outCc: 2 },
  { name: '95 CLI [SI]: equal, CC 0', code: '95c16000', regs: { 6: 0x2000 }, mem: { 0x2000: 'c1' }, cc: 1, outCc: 0 },
  { name: '95 CLI [SI]: storage byte low, CC 1', code: '95c16000', regs: { 6: 0x2000 }, mem: { 0x2000: 'c0' }, outCc: 1 },
  { name: '95 CLI [SI]: unsigned, X\'81\' is high against X\'01\', CC 2', code: '95016000', regs: { 6: 0x2000 }, mem: { 0x2000: '81' }, outCc: 2 },
  { name: 'D5 CLC [SS]: equal fields, CC 0', code: 'd50360007000', regs: { 6: 0x2000, 7: 0x3000 }, mem: { 0x2000: 'c1c2c3c4', 0x3000: 'c1c2c3c4' }, cc: 2, outCc: 0 },
  { name: 'D5 CLC [SS]: first operand low in the last byte, CC 1', code: 'd50360007000', regs: { 6: 0x2000, 7: 0x3000 }, mem: { 0x2000: 'c1c2c3c4', 0x3000: 'c1c2c3c5' }, outCc: 1 },
  { name: 'D5 CLC [SS]: the leftmost unequal byte decides, unsigned (X\'80\' high against X\'7F\'), CC 2', code: 'd50360007000', regs: { 6: 0x2000, 7: 0x3000 }, mem: { 0x2000: '8000', 0x3000: '7fff' }, outCc: 2, outMem: { 0x2000: '8000', 0x3000: '7fff' } },
  { name: 'D5 CLC [SS]: 256 bytes equal, CC 0', code: 'd5ff60007000', regs: { 6: 0x2000, 7: 0x3000 }, cc: 1, outCc: 0 },
  { name: 'D5 CLC [SS]: operands crossing 2K boundaries, CC 1', code: 'd50f60007000', regs: { 6: 0x27f8, 7: 0x2ffc }, mem: { 0x27f8: '0000000000000000 0000000000000001', 0x2ffc: '0000000000000000 0000000000000002' }, outCc: 1 },
  { name: 'BD CLM [RS]: bytes under mask 1010 equal to storage, CC 0', code: 'bd1a6000', regs: { 1: 0x1122_3344, 6: 0x2000 }, mem: { 0x2000: '1133' }, cc: 2, outCc: 0 },
  { name: 'BD CLM [RS]: register bytes low, CC 1', code: 'bd1a6000', regs: { 1: 0x1122_3344, 6: 0x2000 }, mem: { 0x2000: '1134' }, outCc: 1 },
  { name: 'BD CLM [RS]: register bytes high, CC 2', code: 'bd1a6000', regs: { 1: 0x1122_3344, 6: 0x2000 }, mem: { 0x2000: '1033' }, outCc: 2 },
  { name: 'BD CLM [RS]: mask 1111 compares a word crossing a 2K boundary', code: 'bd1f6000', regs: { 1: 0x8000_0001, 6: 0x27fe }, mem: { 0x27fe: '80000001' }, cc: 1, outCc: 0 },
  { name: 'BD CLM [RS]: mask zero sets CC 0', code: 'bd106000', regs: { 1: 0x1122_3344, 6: 0x2000 }, mem: { 0x2000: 'ff' }, cc: 2, outCc: 0 },
  { name: 'BD CLM [RS]: mask zero still recognizes access exceptions for one byte', code: 'bd106000', regs: { 6: 0x0001_0000 }, program: ADDRESSING },
]);

table('Moves and inserts (IC, STC, ICM, STCM, MVI)', [
  { name: '43 IC [RX]: the byte replaces bits 24-31, CC unchanged', code: '43106000', regs: { 1: 0x1234_5678, 6: 0x2000 }, mem: { 0x2000: 'ab' }, cc: 3, outRegs: { 1: 0x1234_56ab }, outCc: 3 },
  { name: '42 STC [RX]: stores bits 24-31 only, CC unchanged', code: '42106001', regs: { 1: 0x1234_56ab, 6: 0x2000 }, mem: { 0x2000: '999999' }, cc: 2, outMem: { 0x2000: '99ab99' }, outCc: 2 },
  { name: '92 MVI [SI]: stores the immediate byte, CC unchanged', code: '92c16000', regs: { 6: 0x2000 }, mem: { 0x2000: '0000' }, cc: 1, outMem: { 0x2000: 'c100' }, outCc: 1 },
  { name: 'BF ICM [RS]: mask 0111 inserts three bytes, CC 1 leftmost inserted bit one', code: 'bf176000', regs: { 1: 0x1234_5678, 6: 0x2000 }, mem: { 0x2000: 'fedcba' }, outRegs: { 1: 0x12fe_dcba }, outCc: 1 },
  { name: 'BF ICM [RS]: mask 1001 inserts into bytes 0 and 3, CC 2 nonzero with leftmost bit zero', code: 'bf196000', regs: { 1: 0x1234_5678, 6: 0x2000 }, mem: { 0x2000: '0034' }, outRegs: { 1: 0x0034_5634 }, outCc: 2 },
  { name: 'BF ICM [RS]: all inserted bits zero, CC 0', code: 'bf1f6000', regs: { 1: -1, 6: 0x2000 }, cc: 3, outRegs: { 1: 0 }, outCc: 0 },
  { name: 'BF ICM [RS]: mask 1111 loads a word crossing a 2K boundary', code: 'bf1f6000', regs: { 6: 0x27fe }, mem: { 0x27fe: '80000001' }, outRegs: { 1: 0x8000_0001 }, outCc: 1 },
  { name: 'BF ICM [RS]: mask zero inserts nothing and sets CC 0', code: 'bf106000', regs: { 1: 0x1234_5678, 6: 0x2000 }, mem: { 0x2000: 'ff' }, cc: 2, outRegs: { 1: 0x1234_5678 }, outCc: 0 },
  { name: 'BF ICM [RS]: mask zero still recognizes access exceptions for one byte', code: 'bf106000', regs: { 1: 0x1234_5678, 6: 0x0001_0000 }, program: ADDRESSING, outRegs: { 1: 0x1234_5678 } },
  { name: 'BF ICM [RS]: an addressing exception on the last byte inserts nothing', code: 'bf1f6000', regs: { 1: 0x1234_5678, 6: 0xfffe }, program: ADDRESSING, outRegs: { 1: 0x1234_5678 } },
  { name: 'BE STCM [RS]: mask 0101 stores bytes 1 and 3 contiguously, CC unchanged', code: 'be156000', regs: { 1: 0x1122_3344, 6: 0x2000 }, mem: { 0x2000: '999999' }, cc: 1, outMem: { 0x2000: '224499' }, outCc: 1 },
  { name: 'BE STCM [RS]: mask 1111 stores a word crossing a 2K boundary', code: 'be1f6000', regs: { 1: 0x1122_3344, 6: 0x27ff }, outMem: { 0x27ff: '11223344' } },
  { name: 'BE STCM [RS]: mask zero stores nothing and recognizes no access exception', code: 'be106000', regs: { 1: -1, 6: 0x0001_0000 }, cc: 2, outCc: 2 },
  { name: 'BE STCM [RS]: an addressing exception on the last byte stores nothing', code: 'be1f6000', regs: { 1: -1, 6: 0xfffe }, program: ADDRESSING, outMem: { 0xfffe: '0000' } },
]);

table('TEST UNDER MASK, TEST AND SET', [
  { name: '91 TM [SI]: selected bits all zeros, CC 0', code: '91c06000', regs: { 6: 0x2000 }, mem: { 0x2000: '3f' }, cc: 3, outCc: 0 },
  { name: '91 TM [SI]: selected bits mixed, CC 1', code: '91c06000', regs: { 6: 0x2000 }, mem: { 0x2000: '80' }, outCc: 1 },
  { name: '91 TM [SI]: selected bits all ones, CC 3', code: '91c06000', regs: { 6: 0x2000 }, mem: { 0x2000: 'c1' }, outCc: 3 },
  { name: '91 TM [SI]: mask zero gives CC 0 even for a byte of ones', code: '91006000', regs: { 6: 0x2000 }, mem: { 0x2000: 'ff' }, cc: 3, outCc: 0, outMem: { 0x2000: 'ff' } },
  { name: '91 TM [SI]: mask zero still fetches the byte (addressing exception)', code: '91006000', regs: { 6: 0x0001_0000 }, program: ADDRESSING },
  { name: '93 TS [S]: leftmost bit zero sets CC 0 and the byte to ones', code: '93006000', regs: { 6: 0x2000 }, mem: { 0x2000: '7f' }, cc: 1, outMem: { 0x2000: 'ff' }, outCc: 0 },
  { name: '93 TS [S]: leftmost bit one sets CC 1 and the byte to ones', code: '93006000', regs: { 6: 0x2000 }, mem: { 0x2000: '80' }, outMem: { 0x2000: 'ff' }, outCc: 1 },
]);

table('COMPARE AND SWAP, COMPARE DOUBLE AND SWAP', [
  { name: 'BA CS [RS]: equal, R3 is stored, CC 0', code: 'ba136000', regs: { 1: 0x1111_1111, 3: 0x2222_2222, 6: 0x2000 }, mem: { 0x2000: '11111111' }, cc: 1, outMem: { 0x2000: '22222222' }, outRegs: { 1: 0x1111_1111 }, outCc: 0 },
  { name: 'BA CS [RS]: unequal, the operand is loaded into R1, CC 1', code: 'ba136000', regs: { 1: 0x1111_1111, 3: 0x2222_2222, 6: 0x2000 }, mem: { 0x2000: '33333333' }, outMem: { 0x2000: '33333333' }, outRegs: { 1: 0x3333_3333 }, outCc: 1 },
  { name: 'BA CS [RS]: an operand off a word boundary is a specification exception', code: 'ba136002', regs: { 1: 0x1111_1111, 6: 0x2000 }, mem: { 0x2002: '11111111' }, program: SPECIFICATION, outMem: { 0x2002: '11111111' } },
  { name: 'BB CDS [RS]: equal doubleword, R3 and R3+1 are stored, CC 0', code: 'bb246000', regs: { 2: 0x1111_1111, 3: 0x2222_2222, 4: 0xaaaa_aaaa, 5: 0xbbbb_bbbb, 6: 0x2000 }, mem: { 0x2000: '1111111122222222' }, outMem: { 0x2000: 'aaaaaaaabbbbbbbb' }, outCc: 0 },
  { name: 'BB CDS [RS]: unequal in the second word, the doubleword is loaded into R1, R1+1, CC 1', code: 'bb246000', regs: { 2: 0x1111_1111, 3: 0x2222_2222, 4: 0xaaaa_aaaa, 5: 0xbbbb_bbbb, 6: 0x2000 }, mem: { 0x2000: '1111111133333333' }, outMem: { 0x2000: '1111111133333333' }, outRegs: { 2: 0x1111_1111, 3: 0x3333_3333 }, outCc: 1 },
  { name: 'BB CDS [RS]: an odd R1 is a specification exception', code: 'bb346000', regs: { 6: 0x2000 }, program: SPECIFICATION },
  { name: 'BB CDS [RS]: an odd R3 is a specification exception', code: 'bb256000', regs: { 6: 0x2000 }, program: SPECIFICATION },
  { name: 'BB CDS [RS]: an operand on a word but not a doubleword boundary is a specification exception', code: 'bb246004', regs: { 6: 0x2000 }, program: SPECIFICATION },
]);

table('Logical shifts', [
  { name: '88 SRL [RS]: shift right 4, zeros enter on the left, CC unchanged', code: '88100004', regs: { 1: 0x8000_0001 }, cc: 2, outRegs: { 1: 0x0800_0000 }, outCc: 2 },
  { name: '88 SRL [RS]: shift right 31 leaves the sign bit in bit 31', code: '8810001f', regs: { 1: 0x8000_0000 }, outRegs: { 1: 1 } },
  { name: '88 SRL [RS]: shift right 32 clears the register', code: '88100020', regs: { 1: -1 }, outRegs: { 1: 0 } },
  { name: '88 SRL [RS]: only the low six bits of the address count (X\'44\' shifts 4)', code: '88100044', regs: { 1: 0x0000_00f0 }, outRegs: { 1: 0x0000_000f } },
  { name: '88 SRL [RS]: the amount comes from base plus displacement', code: '88106001', regs: { 1: 0x0000_0080, 6: 0x00ff_ffc1 }, outRegs: { 1: 0x0000_0020 } },
  { name: '89 SLL [RS]: shift left 4, bits shifted out are lost', code: '89100004', regs: { 1: 0x8000_0001 }, cc: 1, outRegs: { 1: 0x0000_0010 }, outCc: 1 },
  { name: '89 SLL [RS]: shift left 63 clears the register', code: '8910003f', regs: { 1: -1 }, outRegs: { 1: 0 } },
  { name: '89 SLL [RS]: an amount of 64 is 0 (low six bits)', code: '89100040', regs: { 1: 0x1234_5678 }, outRegs: { 1: 0x1234_5678 } },
  { name: '8C SRDL [RS]: shift the pair right 4', code: '8c200004', regs: { 2: 0x1234_5678, 3: 0x9abc_def0 }, cc: 3, outRegs: { 2: 0x0123_4567, 3: 0x89ab_cdef }, outCc: 3 },
  { name: '8C SRDL [RS]: shift right 32 moves R1 into R1+1', code: '8c200020', regs: { 2: 0x1234_5678, 3: 0x9abc_def0 }, outRegs: { 2: 0, 3: 0x1234_5678 } },
  { name: '8C SRDL [RS]: shift right 36', code: '8c200024', regs: { 2: 0x1234_5678, 3: 0x9abc_def0 }, outRegs: { 2: 0, 3: 0x0123_4567 } },
  { name: '8C SRDL [RS]: shift right 63 leaves bit 0 of R1 in bit 31 of R1+1', code: '8c20003f', regs: { 2: 0x8000_0000, 3: -1 }, outRegs: { 2: 0, 3: 1 } },
  { name: '8C SRDL [RS]: shift 0 changes nothing', code: '8c200000', regs: { 2: 0x1234_5678, 3: 0x9abc_def0 }, outRegs: { 2: 0x1234_5678, 3: 0x9abc_def0 } },
  { name: '8C SRDL [RS]: an odd R1 is a specification exception', code: '8c300004', regs: { 3: 0x1234_5678 }, program: SPECIFICATION, outRegs: { 3: 0x1234_5678 } },
  { name: '8D SLDL [RS]: shift the pair left 4', code: '8d200004', regs: { 2: 0x1234_5678, 3: 0x9abc_def0 }, cc: 1, outRegs: { 2: 0x2345_6789, 3: 0xabcd_ef00 }, outCc: 1 },
  { name: '8D SLDL [RS]: shift left 32 moves R1+1 into R1', code: '8d200020', regs: { 2: 0x1234_5678, 3: 0x9abc_def0 }, outRegs: { 2: 0x9abc_def0, 3: 0 } },
  { name: '8D SLDL [RS]: shift left 36', code: '8d200024', regs: { 2: 0x1234_5678, 3: 0x9abc_def0 }, outRegs: { 2: 0xabcd_ef00, 3: 0 } },
  { name: '8D SLDL [RS]: shift left 63 leaves bit 31 of R1+1 in bit 0 of R1', code: '8d20003f', regs: { 2: -1, 3: 1 }, outRegs: { 2: 0x8000_0000, 3: 0 } },
  { name: '8D SLDL [RS]: an odd R1 is a specification exception', code: '8d700001', program: SPECIFICATION },
]);

table('Storage-to-storage moves and logical operations', [
  { name: 'D2 MVC [SS]: moves L+1 bytes, CC unchanged', code: 'd20760007000', regs: { 6: 0x2000, 7: 0x3000 }, mem: { 0x3000: '0102030405060708', 0x2008: '99' }, cc: 3, outMem: { 0x2000: '010203040506070899' }, outCc: 3 },
  { name: 'D2 MVC [SS]: overlap one byte to the right propagates the first byte', code: 'd20660016000', regs: { 6: 0x2000 }, mem: { 0x2000: 'c1c2c3c4c5c6c7c8' }, outMem: { 0x2000: 'c1c1c1c1c1c1c1c1' } },
  { name: 'D2 MVC [SS]: overlap two bytes to the right repeats the first two bytes', code: 'd20560026000', regs: { 6: 0x2000 }, mem: { 0x2000: 'c1c2c3c4c5c6c7c8' }, outMem: { 0x2000: 'c1c2c1c2c1c2c1c2' } },
  { name: 'D2 MVC [SS]: overlap to the left shifts the field left', code: 'd20660006001', regs: { 6: 0x2000 }, mem: { 0x2000: 'c1c2c3c4c5c6c7c8' }, outMem: { 0x2000: 'c2c3c4c5c6c7c8c8' } },
  { name: 'D2 MVC [SS]: 256 bytes propagate a blank through the whole field', code: 'd2ff60016000', regs: { 6: 0x2000 }, mem: { 0x2000: '40' + '11'.repeat(256) }, outMem: { 0x2000: '40'.repeat(257) } },
  { name: 'D2 MVC [SS]: operands crossing 2K boundaries', code: 'd20f60007000', regs: { 6: 0x27f8, 7: 0x2ff4 }, mem: { 0x2ff4: '000102030405060708090a0b0c0d0e0f' }, outMem: { 0x27f8: '000102030405060708090a0b0c0d0e0f' } },
  { name: 'D2 MVC [SS]: a second operand running past the end of storage stores nothing (addressing)', code: 'd20f60007000', regs: { 6: 0x2000, 7: 0xfff8 }, mem: { 0x2000: '11'.repeat(16) }, program: ADDRESSING, outMem: { 0x2000: '11'.repeat(16) } },
  { name: 'D2 MVC [SS]: a first operand running past the end of storage stores nothing (addressing)', code: 'd20f60007000', regs: { 6: 0xfff8, 7: 0x3000 }, mem: { 0x3000: '22'.repeat(16), 0xfff8: '11'.repeat(8) }, program: ADDRESSING, outMem: { 0xfff8: '11'.repeat(8) } },
  { name: 'D1 MVN [SS]: rightmost four bits of each byte, zones unchanged', code: 'd10360007000', regs: { 6: 0x2000, 7: 0x3000 }, mem: { 0x2000: 'c1c2c3c4', 0x3000: 'f9f8f7f6' }, cc: 2, outMem: { 0x2000: 'c9c8c7c6', 0x3000: 'f9f8f7f6' }, outCc: 2 },
  { name: 'D1 MVN [SS]: overlap one byte to the right propagates the first numeric', code: 'd10260016000', regs: { 6: 0x2000 }, mem: { 0x2000: 'f1f2f3f4' }, outMem: { 0x2000: 'f1f1f1f1' } },
  { name: 'D3 MVZ [SS]: leftmost four bits of each byte, numerics unchanged', code: 'd30360007000', regs: { 6: 0x2000, 7: 0x3000 }, mem: { 0x2000: 'c1c2c3c4', 0x3000: 'f9f8f7f6' }, cc: 1, outMem: { 0x2000: 'f1f2f3f4' }, outCc: 1 },
  { name: 'D3 MVZ [SS]: operands crossing 2K boundaries', code: 'd30360007000', regs: { 6: 0x27fe, 7: 0x2ffe }, mem: { 0x27fe: '01020304', 0x2ffe: 'a0b0c0d0' }, outMem: { 0x27fe: 'a1b2c3d4' } },
  { name: 'D4 NC [SS]: AND of each byte, CC 1 not zero', code: 'd40360007000', regs: { 6: 0x2000, 7: 0x3000 }, mem: { 0x2000: 'ff0f00ff', 0x3000: '0fff0f00' }, outMem: { 0x2000: '0f0f0000' }, outCc: 1 },
  { name: 'D4 NC [SS]: result all zeros, CC 0', code: 'd40360007000', regs: { 6: 0x2000, 7: 0x3000 }, mem: { 0x2000: 'f0f0f0f0', 0x3000: '0f0f0f0f' }, cc: 1, outMem: { 0x2000: '00000000' }, outCc: 0 },
  { name: 'D6 OC [SS]: OR of each byte, CC 1 not zero', code: 'd60360007000', regs: { 6: 0x2000, 7: 0x3000 }, mem: { 0x2000: '01000000', 0x3000: '00000080' }, outMem: { 0x2000: '01000080' }, outCc: 1 },
  { name: 'D6 OC [SS]: zeros with zeros, CC 0', code: 'd60360007000', regs: { 6: 0x2000, 7: 0x3000 }, cc: 1, outCc: 0 },
  { name: 'D7 XC [SS]: a field with itself is cleared, CC 0', code: 'd70760006000', regs: { 6: 0x2000 }, mem: { 0x2000: '0123456789abcdef' }, cc: 1, outMem: { 0x2000: '0000000000000000' }, outCc: 0 },
  { name: 'D7 XC [SS]: exclusive OR of each byte, CC 1', code: 'd70160007000', regs: { 6: 0x2000, 7: 0x3000 }, mem: { 0x2000: '0f0f', 0x3000: 'ff0f' }, outMem: { 0x2000: 'f000' }, outCc: 1 },
  { name: 'D7 XC [SS]: overlap one byte to the right uses each result byte as the next source', code: 'd70260016000', regs: { 6: 0x2000 }, mem: { 0x2000: 'ff000000' }, outMem: { 0x2000: 'ffffffff' }, outCc: 1 },
  { name: 'D7 XC [SS]: a field crossing a 2K boundary with itself is cleared', code: 'd70f60006000', regs: { 6: 0x27f8 }, mem: { 0x27f8: 'ff'.repeat(16) }, outMem: { 0x27f8: '00'.repeat(16) }, outCc: 0 },
]);

const descendingTable = Array.from({ length: 256 }, (_, i) => (255 - i).toString(16).padStart(2, '0')).join('');
const testTable = (() => {
  const t = new Array<string>(256).fill('00');
  t[0x40] = '04';
  t[0x5c] = '08';
  return t.join('');
})();

table('TRANSLATE, TRANSLATE AND TEST', [
  { name: 'DC TR [SS]: each byte replaced by the table byte it indexes, CC unchanged', code: 'dc0360007000', regs: { 6: 0x2000, 7: 0x3000 }, mem: { 0x2000: '00010280', 0x3000: descendingTable }, cc: 2, outMem: { 0x2000: 'fffefd7f' }, outCc: 2 },
  { name: 'DC TR [SS]: a field overlapping its table uses each result byte as stored', code: 'dc0170007000', regs: { 7: 0x3000 }, mem: { 0x3000: '0100' }, outMem: { 0x3000: '0000' } },
  { name: 'DC TR [SS]: first operand crossing a 2K boundary', code: 'dc0360007000', regs: { 6: 0x27fe, 7: 0x3000 }, mem: { 0x27fe: '00ff1020', 0x3000: descendingTable }, outMem: { 0x27fe: 'ff00efdf' } },
  { name: 'DC TR [SS]: a table running past the end of storage is fine when only entries inside are used', code: 'dc0260007000', regs: { 6: 0x2000, 7: 0xff80 }, mem: { 0x2000: '00017f', 0xff80: 'c1c2', 0xffff: 'c9' }, outMem: { 0x2000: 'c1c2c9' } },
  { name: 'DC TR [SS]: a table entry beyond the end of storage is an addressing exception, nothing translated', code: 'dc0260007000', regs: { 6: 0x2000, 7: 0xff80 }, mem: { 0x2000: '000180' }, program: ADDRESSING, outMem: { 0x2000: '000180' } },
  { name: 'DD TRT [SS]: all function bytes zero, CC 0, registers unchanged', code: 'dd0360007000', regs: { 1: 0x1111_1111, 2: 0x2222_2222, 6: 0x2000, 7: 0x3000 }, mem: { 0x2000: 'c1c2c3c4', 0x3000: testTable }, cc: 3, outRegs: { 1: 0x1111_1111, 2: 0x2222_2222 }, outCc: 0 },
  { name: 'DD TRT [SS]: a nonzero function byte before the last, GR1 gets the address, GR2 the function byte, CC 1', code: 'dd0360007000', regs: { 1: 0xaa11_1111, 2: 0x1234_5678, 6: 0x2000, 7: 0x3000 }, mem: { 0x2000: 'c1405cc2', 0x3000: testTable }, outRegs: { 1: 0xaa00_2001, 2: 0x1234_5604 }, outCc: 1, outMem: { 0x2000: 'c1405cc2' } },
  { name: 'DD TRT [SS]: a nonzero function byte for the last argument, CC 2', code: 'dd0360007000', regs: { 1: 0, 2: -1, 6: 0x2000, 7: 0x3000 }, mem: { 0x2000: 'c1c2c35c', 0x3000: testTable }, outRegs: { 1: 0x0000_2003, 2: 0xffff_ff08 }, outCc: 2 },
  { name: 'DD TRT [SS]: the first nonzero function byte far into a 16-byte field stops the scan, CC 1', code: 'dd0f60007000', regs: { 1: 0, 2: 0, 6: 0x2000, 7: 0x3000 }, mem: { 0x2000: 'c1'.repeat(9) + '5c40' + 'c1'.repeat(5), 0x3000: testTable }, outRegs: { 1: 0x0000_2009, 2: 8 }, outCc: 1 },
  { name: 'DD TRT [SS]: first operand crossing a 2K boundary', code: 'dd0360007000', regs: { 1: 0, 2: 0, 6: 0x27fe, 7: 0x3000 }, mem: { 0x27fe: 'c1c240c2', 0x3000: testTable }, outRegs: { 1: 0x0000_2800, 2: 4 }, outCc: 1 },
  { name: 'DD TRT [SS]: a table running past the end of storage is fine when only entries inside are used', code: 'dd0160007000', regs: { 6: 0x2000, 7: 0xff80 }, mem: { 0x2000: '007f', 0xffff: '01' }, outRegs: { 1: 0x2001, 2: 1 }, outCc: 2 },
]);

function mvcl(name: string, c: Omit<Case, 'name' | 'code'> & { code?: string }): Case {
  return { name, code: '0e24', ...c };
}
function clcl(name: string, c: Omit<Case, 'name' | 'code'> & { code?: string }): Case {
  return { name, code: '0f24', ...c };
}

table('0E MVCL Move Long [RR]', [
  mvcl('equal lengths move the operand, CC 0, registers advanced', { regs: { 2: 0x2000, 3: 4, 4: 0x3000, 5: 4 }, mem: { 0x3000: '01020304' }, outMem: { 0x2000: '01020304' }, outRegs: { 2: 0x2004, 3: 0, 4: 0x3004, 5: 0 }, outCc: 0 }),
  mvcl('a shorter second operand is padded, CC 2', { regs: { 2: 0x2000, 3: 6, 4: 0x3000, 5: 0x4000_0002 }, mem: { 0x3000: 'c1c2c3', 0x2006: '99' }, outMem: { 0x2000: 'c1c240404040' + '99' }, outRegs: { 2: 0x2006, 3: 0, 4: 0x3002, 5: 0x4000_0000 }, outCc: 2 }),
  mvcl('a longer second operand is truncated, CC 1', { regs: { 2: 0x2000, 3: 2, 4: 0x3000, 5: 4 }, mem: { 0x3000: 'c1c2c3c4' }, outMem: { 0x2000: 'c1c20000' }, outRegs: { 2: 0x2002, 3: 0, 4: 0x3002, 5: 2 }, outCc: 1 }),
  mvcl('a first-operand length of zero moves nothing and clears bits 0-7 of R1 and R2', { regs: { 2: 0xff00_2000, 3: 0xee00_0000, 4: 0xdd00_3000, 5: 0xc100_0003 }, mem: { 0x3000: 'c1c2c3' }, outMem: { 0x2000: '000000' }, outRegs: { 2: 0x2000, 3: 0xee00_0000, 4: 0x3000, 5: 0xc100_0003 }, outCc: 1 }),
  mvcl('a second-operand length of zero fills with the pad across 2K blocks', { regs: { 2: 0x2001, 3: 0x1800, 4: 0x9000, 5: 0x5500_0000 }, outMem: { 0x2000: '00' + '55'.repeat(8), 0x37f9: '55'.repeat(8) + '00' }, outRegs: { 2: 0x3801, 3: 0, 4: 0x9000, 5: 0x5500_0000 }, outCc: 2 }),
  // Hercules 3.13 (S/370): R2=AA001001 R3=00000010 R4=BB001000 R5=40000010, MVCL 2,4 → CC 3, R2=00001001, R4=00001000.
  mvcl('destructive overlap (first operand one byte right) sets CC 3, moves nothing, clears bits 0-7 of R1 and R2', { regs: { 2: 0xaa00_1001 + 0x1000, 3: 0x10, 4: 0xbb00_2000, 5: 0x4000_0010 }, mem: { 0x2000: '0102030405060708090a0b0c0d0e0f10' }, outMem: { 0x2000: '0102030405060708090a0b0c0d0e0f10' }, outRegs: { 2: 0x2001, 3: 0x10, 4: 0x2000, 5: 0x4000_0010 }, outCc: 3 }),
  mvcl('destructive overlap wrapping from X\'FFFFFF\' to 0 sets CC 3 without touching storage', { regs: { 2: 0x0000_0008, 3: 0x20, 4: 0x00ff_fff0, 5: 0x20 }, outRegs: { 2: 8, 3: 0x20, 4: 0xff_fff0, 5: 0x20 }, outCc: 3 }),
  mvcl('the same address for both operands is not destructive overlap, CC 0', { regs: { 2: 0x2000, 3: 4, 4: 0x2000, 5: 4 }, mem: { 0x2000: 'c1c2c3c4' }, outMem: { 0x2000: 'c1c2c3c4' }, outRegs: { 2: 0x2004, 4: 0x2004 }, outCc: 0 }),
  mvcl('overlap with the first operand to the left moves as left to right', { regs: { 2: 0x2000, 3: 6, 4: 0x2002, 5: 6 }, mem: { 0x2000: 'c1c2c3c4c5c6c7c8' }, outMem: { 0x2000: 'c3c4c5c6c7c8c7c8' }, outCc: 0 }),
  mvcl('overlap only counts the participating second-operand bytes (the smaller length)', { regs: { 2: 0x2004, 3: 4, 4: 0x2000, 5: 8 }, mem: { 0x2000: 'c1c2c3c4c5c6c7c8' }, outMem: { 0x2000: 'c1c2c3c4c1c2c3c4' }, outRegs: { 2: 0x2008, 3: 0, 4: 0x2004, 5: 4 }, outCc: 1 }),
  mvcl('a first operand just right of the participating bytes then padded, CC 2', { regs: { 2: 0x2004, 3: 8, 4: 0x2000, 5: 0x4000_0004 }, mem: { 0x2000: 'c1c2c3c4' }, outMem: { 0x2000: 'c1c2c3c4c1c2c3c440404040' }, outCc: 2 }),
  mvcl('the same register pair for both operands moves the field onto itself, CC 0', { code: '0e22', regs: { 2: 0xff00_2000, 3: 4 }, mem: { 0x2000: 'c1c2c3c4' }, cc: 2, outMem: { 0x2000: 'c1c2c3c4' }, outRegs: { 2: 0x2004, 3: 0 }, outCc: 0 }),
  mvcl('an odd R1 is a specification exception', { code: '0e34', regs: { 3: 0x2000, 4: 0x3000, 5: 4 }, program: SPECIFICATION }),
  mvcl('an odd R2 is a specification exception', { code: '0e25', regs: { 2: 0x2000, 3: 4, 5: 0x3000 }, program: SPECIFICATION }),
  mvcl('an addressing exception part way leaves the registers at the first byte not moved', { regs: { 2: 0xfff0, 3: 0x20, 4: 0x3000, 5: 0xee00_0000 }, program: ADDRESSING, outMem: { 0xfff0: 'ee'.repeat(16) }, outRegs: { 2: 0x1_0000, 3: 0x10, 4: 0x3000, 5: 0xee00_0000 } }),
]);

table('0F CLCL Compare Logical Long [RR]', [
  clcl('equal operands of equal length, CC 0, registers advanced to the ends', { regs: { 2: 0x2000, 3: 4, 4: 0x3000, 5: 4 }, mem: { 0x2000: 'c1c2c3c4', 0x3000: 'c1c2c3c4' }, cc: 2, outRegs: { 2: 0x2004, 3: 0, 4: 0x3004, 5: 0 }, outCc: 0 }),
  clcl('the shorter operand is extended with the pad, equal, CC 0', { regs: { 2: 0x2000, 3: 4, 4: 0x3000, 5: 0x4000_0002 }, mem: { 0x2000: 'c1c24040', 0x3000: 'c1c2' }, cc: 1, outRegs: { 2: 0x2004, 3: 0, 4: 0x3002, 5: 0x4000_0000 }, outCc: 0 }),
  // Hercules 3.13 (S/370): R2=FF003000 R3=EE000006 R4=DD003010 R5=C4000003, 3000: C1C2C3C4C5C6, 3010: C1C2C3
  // → CC 2, R2=00003004 R3=EE000002 R4=00003013 R5=C4000000.
  clcl('an inequality against the pad leaves R1 at the unequal byte and R2 at its end, CC 2', { regs: { 2: 0xff00_3000, 3: 0xee00_0006, 4: 0xdd00_3010, 5: 0xc400_0003 }, mem: { 0x3000: 'c1c2c3c4c5c6', 0x3010: 'c1c2c3' }, outRegs: { 2: 0x3004, 3: 0xee00_0002, 4: 0x3013, 5: 0xc400_0000 }, outCc: 2 }),
  clcl('first operand low, both registers address the unequal bytes, CC 1', { regs: { 2: 0x2000, 3: 2, 4: 0x3000, 5: 2 }, mem: { 0x2000: 'c1c2', 0x3000: 'c1c3' }, outRegs: { 2: 0x2001, 3: 1, 4: 0x3001, 5: 1 }, outCc: 1 }),
  clcl('the pad compared with a longer second operand, first operand high, CC 2', { regs: { 2: 0x2000, 3: 1, 4: 0x3000, 5: 0x4000_0002 }, mem: { 0x2000: 'c1', 0x3000: 'c100' }, outRegs: { 2: 0x2001, 3: 0, 4: 0x3001, 5: 0x4000_0001 }, outCc: 2 }),
  clcl('both lengths zero, CC 0, bits 0-7 of R1 and R2 cleared', { regs: { 2: 0xff00_2000, 3: 0, 4: 0xff00_3000, 5: 0x4000_0000 }, cc: 1, outRegs: { 2: 0x2000, 4: 0x3000 }, outCc: 0 }),
  clcl('an inequality several 2K blocks in is found', { regs: { 2: 0x2001, 3: 0x2000, 4: 0x5003, 5: 0x2000 }, mem: { 0x3235: '01' }, outRegs: { 2: 0x3235, 3: 0x0dcc, 4: 0x6237, 5: 0x0dcc }, outCc: 2 }),
  clcl('the same register pair for both operands compares equal, CC 0', { code: '0f22', regs: { 2: 0x2000, 3: 0x10 }, mem: { 0x2000: '0123456789' }, cc: 1, outRegs: { 2: 0x2010, 3: 0 }, outCc: 0 }),
  clcl('an odd R2 is a specification exception', { code: '0f23', program: SPECIFICATION }),
  clcl('an addressing exception part way leaves the registers at the first byte not compared', { regs: { 2: 0xfff0, 3: 0x20, 4: 0x3000, 5: 0x20 }, program: ADDRESSING, outRegs: { 2: 0x1_0000, 3: 0x10, 4: 0x3010, 5: 0x10 } }),
]);

describe('MVCL over long operands', () => {
  it('0E MVCL [RR]: a long unaligned move across many 2K blocks equals a byte-by-byte copy', () => {
    const cpu = machine();
    const source = Uint8Array.from({ length: 0x1234 }, (_, i) => (i * 7 + 3) & 255);
    cpu.mem.set(source, 0x5803);
    cpu.gpr[2] = 0x2001;
    cpu.gpr[3] = 0x1234;
    cpu.gpr[4] = 0x5803;
    cpu.gpr[5] = 0x1234;
    execute(cpu, '0e24');
    expect(cpu.mem.subarray(0x2001, 0x2001 + 0x1234)).toEqual(source);
    expect(cpu.mem[0x2000]).toBe(0);
    expect(cpu.mem[0x2001 + 0x1234]).toBe(0);
    expect(cpu.cc).toBe(0);
    expect(reg(cpu, 2)).toBe(hex8(0x3235));
    expect(reg(cpu, 4)).toBe(hex8(0x6a37));
  });
});

describe('storage protection', () => {
  it('D2 MVC [SS]: a first operand crossing into a block of another key stores nothing (protection)', () => {
    const cpu = machine();
    cpu.keys[4] = 0x10;
    cpu.keys[5] = 0x20;
    cpu.key = 1;
    poke(cpu, 0x27f8, '11'.repeat(16));
    poke(cpu, 0x3000, '22'.repeat(16));
    cpu.gpr[6] = 0x27f8;
    cpu.gpr[7] = 0x3000;
    const stop = execute(cpu, 'd20f60007000');
    expect([stop.kind, stop.code]).toEqual(['program', PROTECTION]);
    expect(peek(cpu, 0x27f8, 16)).toBe('11'.repeat(16));
  });

  it('D2 MVC [SS]: a fetch-protected second operand of another key is a protection exception', () => {
    const cpu = machine();
    cpu.keys[4] = 0x10;
    cpu.keys[6] = 0x28;
    cpu.key = 1;
    poke(cpu, 0x3000, '22');
    cpu.gpr[6] = 0x2000;
    cpu.gpr[7] = 0x3000;
    const stop = execute(cpu, 'd20060007000');
    expect([stop.kind, stop.code]).toEqual(['program', PROTECTION]);
    expect(peek(cpu, 0x2000, 1)).toBe('00');
  });

  it('D2 MVC [SS]: a matching key stores, and sets the change bit of the first operand block', () => {
    const cpu = machine();
    cpu.keys[4] = 0x18;
    cpu.keys[6] = 0x20;
    cpu.key = 1;
    cpu.gpr[6] = 0x2000;
    cpu.gpr[7] = 0x3000;
    poke(cpu, 0x3000, 'abcd');
    expect(execute(cpu, 'd20160007000').kind).toBe('budget');
    expect(peek(cpu, 0x2000, 2)).toBe('abcd');
    expect(cpu.keys[4]! & 0x06).toBe(0x06);
    expect(cpu.keys[6]! & 0x06).toBe(0x04);
  });

  it('95 CLI [SI]: fetching from a block of another key without fetch protection is allowed', () => {
    const cpu = machine();
    cpu.keys[4] = 0x20;
    cpu.key = 1;
    cpu.gpr[6] = 0x2000;
    poke(cpu, 0x2000, 'c1');
    expect(execute(cpu, '95c16000').kind).toBe('budget');
    expect(cpu.cc).toBe(0);
  });

  const storeProtected: [string, string][] = [
    ['92 MVI [SI]', '92ff6000'],
    ['94 NI [SI]', '94006000'],
    ['96 OI [SI]', '96ff6000'],
    ['97 XI [SI]', '97ff6000'],
    ['93 TS [S]', '93006000'],
    ['42 STC [RX]', '42106000'],
    ['BE STCM [RS]', 'be1f6000'],
    ['D7 XC [SS]', 'd70060006000'],
    ['DC TR [SS]', 'dc0060006000'],
  ];
  for (const [name, code] of storeProtected) {
    it(`${name}: storing into a block of another key is a protection exception, the byte unchanged`, () => {
      const cpu = machine();
      cpu.keys[4] = 0x20;
      cpu.key = 1;
      cpu.gpr[1] = -1;
      cpu.gpr[6] = 0x2000;
      poke(cpu, 0x2000, '5a');
      const stop = execute(cpu, code);
      expect([stop.kind, stop.code]).toEqual(['program', PROTECTION]);
      expect(peek(cpu, 0x2000, 1)).toBe('5a');
    });
  }

  it('BA CS [RS]: the operand is subject to store protection even when unequal', () => {
    const cpu = machine();
    cpu.keys[4] = 0x20;
    cpu.key = 1;
    cpu.gpr[1] = 0x1111_1111;
    cpu.gpr[6] = 0x2000;
    poke(cpu, 0x2000, '33333333');
    const stop = execute(cpu, 'ba136000');
    expect([stop.kind, stop.code]).toEqual(['program', PROTECTION]);
    expect(reg(cpu, 1)).toBe('11111111');
  });

  it('DC TR [SS]: a table crossing into a fetch-protected block is fine while no entry there is used', () => {
    const cpu = machine();
    cpu.keys[4] = 0x10;
    cpu.keys[7] = 0x98;
    cpu.key = 1;
    cpu.gpr[6] = 0x2000;
    cpu.gpr[7] = 0x3780;
    poke(cpu, 0x2000, '00017f');
    poke(cpu, 0x3780, 'c1c2');
    poke(cpu, 0x37ff, 'c9');
    expect(execute(cpu, 'dc0260007000').kind).toBe('budget');
    expect(peek(cpu, 0x2000, 3)).toBe('c1c2c9');
    poke(cpu, 0x2000, '000180');
    const stop = execute(cpu, 'dc0260007000');
    expect([stop.kind, stop.code]).toEqual(['program', PROTECTION]);
    expect(peek(cpu, 0x2000, 3)).toBe('000180');
  });

  it('0E MVCL [RR]: a protection exception part way leaves the registers describing the rest', () => {
    const cpu = machine();
    cpu.keys[4] = 0x10;
    cpu.keys[5] = 0x20;
    cpu.keys[6] = 0x10;
    cpu.key = 1;
    const source = Uint8Array.from({ length: 0x800 }, (_, i) => (i + 1) & 255);
    cpu.mem.set(source, 0x3000);
    cpu.gpr[2] = 0x2400;
    cpu.gpr[3] = 0x800;
    cpu.gpr[4] = 0x3000;
    cpu.gpr[5] = 0x4000_0800;
    const stop = execute(cpu, '0e24');
    expect([stop.kind, stop.code]).toEqual(['program', PROTECTION]);
    expect(cpu.mem.subarray(0x2400, 0x2800)).toEqual(source.subarray(0, 0x400));
    expect(cpu.mem[0x2800]).toBe(0);
    expect([reg(cpu, 2), reg(cpu, 3), reg(cpu, 4), reg(cpu, 5)]).toEqual(['00002800', '00000400', '00003400', '40000400']);
    // Resuming after the key is fixed completes the move.
    cpu.keys[5] = 0x10;
    expect(execute(cpu, '0e24').kind).toBe('budget');
    expect(cpu.mem.subarray(0x2400, 0x2c00)).toEqual(source);
    expect(cpu.cc).toBe(0);
  });

  it('0F CLCL [RR]: a fetch-protected block part way leaves the registers at the block boundary', () => {
    const cpu = machine();
    cpu.keys[7] = 0x98;
    cpu.key = 1;
    cpu.gpr[2] = 0x2700;
    cpu.gpr[3] = 0x200;
    cpu.gpr[4] = 0x3700;
    cpu.gpr[5] = 0x200;
    const stop = execute(cpu, '0f24');
    expect([stop.kind, stop.code]).toEqual(['program', PROTECTION]);
    expect([reg(cpu, 2), reg(cpu, 3), reg(cpu, 4), reg(cpu, 5)]).toEqual(['00002800', '00000100', '00003800', '00000100']);
  });

  it('D2 MVC [SS]: low-address protection forbids storing into locations 0-511', () => {
    const cpu = machine();
    cpu.cr[0] = cpu.cr[0]! | 0x1000_0000;
    cpu.stateChanged();
    cpu.gpr[6] = 0x1f8;
    cpu.gpr[7] = 0x3000;
    poke(cpu, 0x3000, 'ff'.repeat(16));
    const stop = execute(cpu, 'd20f60007000');
    expect([stop.kind, stop.code]).toEqual(['program', PROTECTION]);
    expect(peek(cpu, 0x1f8, 16)).toBe('00'.repeat(16));
  });
});

describe('operands wrapping at 16M', () => {
  it('D2 MVC [SS]: a first operand wraps from X\'FFFFFF\' to location 0', () => {
    const cpu = machine({ storageSize: 16 * 1024 * 1024 });
    poke(cpu, 0x3000, '0102030405060708');
    cpu.gpr[6] = 0xff_fffc;
    cpu.gpr[7] = 0x3000;
    execute(cpu, 'd20760007000');
    expect(peek(cpu, 0xff_fffc, 4)).toBe('01020304');
    expect(peek(cpu, 0, 4)).toBe('05060708');
  });

  it('D5 CLC [SS]: operands wrapping at 16M compare byte by byte', () => {
    const cpu = machine({ storageSize: 16 * 1024 * 1024 });
    poke(cpu, 0xff_fffe, 'c1c2');
    poke(cpu, 0, 'c3c4');
    poke(cpu, 0x3000, 'c1c2c3c5');
    cpu.gpr[6] = 0xff_fffe;
    cpu.gpr[7] = 0x3000;
    execute(cpu, 'd50360007000');
    expect(cpu.cc).toBe(1);
  });
});

// DAT: 64K segments, 4K pages. Virtual pages map to the same frames except 3 → X'A000' and
// 4 → X'6000' (so an operand crossing X'4000' is not contiguous in real storage); page 5 is invalid.
function datMachine(): Cpu {
  const cpu = machine();
  const segmentTable = 0x8000;
  const pageTable = 0x8100;
  cpu.mem.set(hexBytes('f0008100'), segmentTable);
  for (let page = 0; page < 16; page++) {
    const frame = page === 3 ? 0xa : page === 4 ? 6 : page;
    const entry = page === 5 ? 0x0008 : frame << 4;
    cpu.mem[pageTable + page * 2] = entry >>> 8;
    cpu.mem[pageTable + page * 2 + 1] = entry & 255;
  }
  cpu.cr[0] = 0x0080_0000;
  cpu.cr[1] = segmentTable;
  cpu.ecMode = true;
  cpu.sysMask = 0x04;
  cpu.stateChanged();
  return cpu;
}

describe('operands under DAT', () => {
  it('D2 MVC [SS]: a first operand crossing into a page in another frame goes byte by byte', () => {
    const cpu = datMachine();
    poke(cpu, 0x2000, '000102030405060708090a0b0c0d0e0f');
    cpu.gpr[6] = 0x3ff8;
    cpu.gpr[7] = 0x2000;
    expect(execute(cpu, 'd20f60007000').kind).toBe('budget');
    expect(peek(cpu, 0xaff8, 8)).toBe('0001020304050607');
    expect(peek(cpu, 0x6000, 8)).toBe('08090a0b0c0d0e0f');
  });

  it('DC TR [SS]: a table crossing into a page in another frame', () => {
    const cpu = datMachine();
    cpu.mem.set(hexBytes(descendingTable).subarray(0, 0x80), 0xaf80);
    cpu.mem.set(hexBytes(descendingTable).subarray(0x80), 0x6000);
    poke(cpu, 0x2000, '007f80ff');
    cpu.gpr[6] = 0x2000;
    cpu.gpr[7] = 0x3f80;
    expect(execute(cpu, 'dc0360007000').kind).toBe('budget');
    expect(peek(cpu, 0x2000, 4)).toBe('ff807f00');
  });

  it('D5 CLC [SS]: operands crossing pages compare the translated bytes', () => {
    const cpu = datMachine();
    poke(cpu, 0xaffe, 'c1c2');
    poke(cpu, 0x6000, 'c3c4');
    poke(cpu, 0x2000, 'c1c2c3c4');
    cpu.gpr[6] = 0x3ffe;
    cpu.gpr[7] = 0x2000;
    execute(cpu, 'd50360007000');
    expect(cpu.cc).toBe(0);
  });

  it('D2 MVC [SS]: an invalid page under the end of the first operand nullifies the instruction, nothing stored', () => {
    const cpu = datMachine();
    poke(cpu, 0x2000, 'ff'.repeat(16));
    cpu.gpr[6] = 0x4ff8;
    cpu.gpr[7] = 0x2000;
    const stop = execute(cpu, 'd20f60007000');
    expect([stop.kind, stop.code]).toEqual(['program', PAGE_TRANSLATION]);
    expect(cpu.ia).toBe(CODE_AT);
    expect(peek(cpu, 0x6ff8, 8)).toBe('00'.repeat(8));
  });

  it('0E MVCL [RR]: a page-translation exception part way is resumed by executing the instruction again', () => {
    const cpu = datMachine();
    const source = Uint8Array.from({ length: 0x100 }, (_, i) => i);
    cpu.mem.set(source, 0x2000);
    cpu.gpr[2] = 0x4f80;
    cpu.gpr[3] = 0x100;
    cpu.gpr[4] = 0x2000;
    cpu.gpr[5] = 0x100;
    const stop = execute(cpu, '0e24');
    expect([stop.kind, stop.code]).toEqual(['program', PAGE_TRANSLATION]);
    expect(cpu.ia).toBe(CODE_AT);
    expect(cpu.mem.subarray(0x6f80, 0x7000)).toEqual(source.subarray(0, 0x80));
    expect([reg(cpu, 2), reg(cpu, 3), reg(cpu, 4), reg(cpu, 5)]).toEqual(['00005000', '00000080', '00002080', '00000080']);
    // The page comes in (mapped to frame 7): the same instruction finishes the move.
    cpu.mem[0x8100 + 10] = 0x00;
    cpu.mem[0x8100 + 11] = 0x70;
    cpu.tlbPage.fill(-1);
    expect(execute(cpu, '0e24').kind).toBe('budget');
    expect(cpu.mem.subarray(0x7000, 0x7080)).toEqual(source.subarray(0x80));
    expect(cpu.cc).toBe(0);
  });
});
