// Fixed-point arithmetic (Principles of Operation, "General Instructions": LOAD, STORE, ADD,
// SUBTRACT, COMPARE, MULTIPLY, DIVIDE, the logical add and subtract, the arithmetic shifts, LOAD
// and STORE MULTIPLE).
//
// Operands are 32-bit signed integers held in an Int32Array; 64-bit operands live in an even/odd
// register pair (R1 even, else a specification exception). 64-bit products, quotients and shifts
// are computed on 16- and 32-bit pieces: no BigInt, nothing allocated.
//
// Fixed-point overflow: CC 3, the result is still stored, and the program interruption is taken only
// when the program-mask bit for fixed-point overflow (PSW bit 36, mask 0x8) is one.

import { ProgramCode } from '../../arch/interruptions.ts';
import type { Cpu } from '../cpu.ts';
import type { HandlerMap } from '../dispatch.ts';
import { baseAddress, rxAddress } from '../formats.ts';

/** Program-mask bit for fixed-point overflow. */
const FIXED_OVERFLOW_MASK = 0x8;

/** CC 3; the fixed-point-overflow interruption when the program mask allows it. */
function overflow(cpu: Cpu): void {
  cpu.cc = 3;
  if ((cpu.progMask & FIXED_OVERFLOW_MASK) !== 0) throw cpu.fault.set(ProgramCode.fixedPointOverflow);
}

/** CC of a signed result: 0 zero, 1 less than zero, 2 greater than zero. */
function signCc(v: number): number {
  return v === 0 ? 0 : v < 0 ? 1 : 2;
}

/** CC of a signed comparison: 0 equal, 1 first operand low, 2 first operand high. */
function compareCc(a: number, b: number): number {
  return a === b ? 0 : a < b ? 1 : 2;
}

/** R1 := R1 + b with the signed-add CC (0 zero, 1 minus, 2 plus, 3 overflow). */
function add(cpu: Cpu, r1: number, b: number): void {
  const a = cpu.gpr[r1]!;
  const sum = (a + b) | 0;
  cpu.gpr[r1] = sum;
  if (((a ^ sum) & (b ^ sum)) < 0) overflow(cpu);
  else cpu.cc = signCc(sum);
}

/** R1 := R1 - b with the signed-subtract CC (0 zero, 1 minus, 2 plus, 3 overflow). */
function subtract(cpu: Cpu, r1: number, b: number): void {
  const a = cpu.gpr[r1]!;
  const diff = (a - b) | 0;
  cpu.gpr[r1] = diff;
  if (((a ^ b) & (a ^ diff)) < 0) overflow(cpu);
  else cpu.cc = signCc(diff);
}

/** R1 := R1 + b unsigned. CC: 0 zero no carry, 1 not zero no carry, 2 zero carry, 3 not zero carry. */
function addLogical(cpu: Cpu, r1: number, b: number): void {
  const sum = (cpu.gpr[r1]! >>> 0) + (b >>> 0);
  const result = sum | 0;
  cpu.gpr[r1] = result;
  cpu.cc = (result !== 0 ? 1 : 0) | (sum > 0xffff_ffff ? 2 : 0);
}

/**
 * R1 := R1 - b unsigned, as R1 + ~b + 1. CC: 1 not zero no carry, 2 zero carry, 3 not zero carry
 * (a zero difference always has a carry, so CC 0 cannot occur).
 */
function subtractLogical(cpu: Cpu, r1: number, b: number): void {
  const a = cpu.gpr[r1]!;
  const result = (a - b) | 0;
  cpu.gpr[r1] = result;
  cpu.cc = (result !== 0 ? 1 : 0) | ((a >>> 0) >= (b >>> 0) ? 2 : 0);
}

/** The even register of a pair; an odd R1 is a specification exception. */
function evenRegister(cpu: Cpu, w: number): number {
  const r1 = (w >>> 20) & 15;
  if ((r1 & 1) !== 0) throw cpu.fault.set(ProgramCode.specification);
  return r1;
}

/**
 * MULTIPLY: the multiplicand in R1+1 times b, the 64-bit signed product in R1 (high) and R1+1 (low).
 * The unsigned 32x32 product is formed from 16-bit pieces (each partial product is below 2^32, exact
 * in a double); the signed high word is the unsigned one less b when the multiplicand is negative and
 * less the multiplicand when b is negative (mod 2^32).
 */
function multiply(cpu: Cpu, r1: number, b: number): void {
  const gpr = cpu.gpr;
  const a = gpr[r1 + 1]!;
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const middle = ((a0 * b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const high = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (middle >>> 16);
  gpr[r1] = (high - (a < 0 ? b : 0) - (b < 0 ? a : 0)) | 0;
  gpr[r1 + 1] = Math.imul(a, b);
}

/**
 * DIVIDE: the 64-bit dividend in R1 (high) and R1+1 (low) divided by d; quotient to R1+1, remainder
 * (with the dividend's sign) to R1. A zero divisor, or a quotient that is not a 32-bit signed
 * integer, is a fixed-point-divide exception with both registers unchanged.
 * Works on magnitudes: the quotient fits in 32 bits only when the high word of the dividend's
 * magnitude is below the divisor's; the division is then two 48-by-32-bit steps, each exact in a
 * double (quotient digits below 2^16, so Math.floor of the rounded quotient is the true digit).
 */
function divide(cpu: Cpu, r1: number, d: number): void {
  const gpr = cpu.gpr;
  let high = gpr[r1]!;
  let low = gpr[r1 + 1]!;
  const negativeDividend = high < 0;
  if (negativeDividend) {
    low = -low | 0;
    high = low === 0 ? -high | 0 : ~high;
  }
  const divisor = d < 0 ? -d >>> 0 : d;
  if (divisor === 0 || high >>> 0 >= divisor) throw cpu.fault.set(ProgramCode.fixedPointDivide);
  let t = (high >>> 0) * 0x1_0000 + (low >>> 16);
  const q1 = Math.floor(t / divisor);
  t = (t - q1 * divisor) * 0x1_0000 + (low & 0xffff);
  const q0 = Math.floor(t / divisor);
  const remainder = t - q0 * divisor;
  const quotient = q1 * 0x1_0000 + q0;
  const negativeQuotient = negativeDividend !== d < 0;
  if (quotient > (negativeQuotient ? 0x8000_0000 : 0x7fff_ffff)) {
    throw cpu.fault.set(ProgramCode.fixedPointDivide);
  }
  gpr[r1] = negativeDividend ? -remainder : remainder;
  gpr[r1 + 1] = negativeQuotient ? -quotient : quotient;
}

/**
 * SHIFT LEFT SINGLE: the 31 numeric bits move left n places (0-63), zeros enter on the right, the
 * sign stays. Overflow when a bit unlike the sign leaves bit position 1: for n below 32 when bits
 * 0-n are not all equal; for n of 32 or more (the entering zeros leave too) unless the value is 0.
 */
function shiftLeftSingle(cpu: Cpu, r1: number, n: number): void {
  const v = cpu.gpr[r1]!;
  const sign = v & 0x8000_0000;
  const result = n < 31 ? sign | ((v << n) & 0x7fff_ffff) : sign;
  cpu.gpr[r1] = result;
  if (n < 32 ? (v << n) >> n !== v : v !== 0) overflow(cpu);
  else cpu.cc = signCc(result);
}

/**
 * SHIFT LEFT DOUBLE: the 63 numeric bits of the pair move left n places (0-63), the sign stays.
 * Overflow when bits 0-n of the 64-bit operand are not all equal (n is at most 63, so only original
 * bits leave).
 */
function shiftLeftDouble(cpu: Cpu, r1: number, n: number): void {
  const gpr = cpu.gpr;
  const high = gpr[r1]!;
  const low = gpr[r1 + 1]!;
  const fill = high >> 31;
  const lost = n < 32 ? high >> (31 - n) !== fill : high !== fill || low >> (63 - n) !== fill;
  let h: number;
  let l: number;
  if (n === 0) {
    h = high;
    l = low;
  } else if (n < 32) {
    h = (high << n) | (low >>> (32 - n));
    l = low << n;
  } else {
    h = low << (n - 32);
    l = 0;
  }
  h = (h & 0x7fff_ffff) | (high & 0x8000_0000);
  gpr[r1] = h;
  gpr[r1 + 1] = l;
  if (lost) overflow(cpu);
  else cpu.cc = h < 0 ? 1 : (h | l) === 0 ? 0 : 2;
}

/** SHIFT RIGHT DOUBLE: the pair shifts right n places (0-63), the sign fills from the left. */
function shiftRightDouble(cpu: Cpu, r1: number, n: number): void {
  const gpr = cpu.gpr;
  const high = gpr[r1]!;
  let h: number;
  let l: number;
  if (n === 0) {
    h = high;
    l = gpr[r1 + 1]!;
  } else if (n < 32) {
    h = high >> n;
    l = (gpr[r1 + 1]! >>> n) | (high << (32 - n));
  } else {
    h = high >> 31;
    l = high >> (n - 32);
  }
  gpr[r1] = h;
  gpr[r1 + 1] = l;
  cpu.cc = h < 0 ? 1 : (h | l) === 0 ? 0 : 2;
}

/**
 * The storage operand of LOAD/STORE MULTIPLE, checked at both ends before any register or byte
 * changes (at most 64 bytes: two 2K blocks or pages at most). Returns its real address when it is
 * contiguous in real storage, else -1 (the caller goes word by word through DAT).
 */
function multipleOperand(cpu: Cpu, a: number, length: number, store: boolean): number {
  const r = cpu.checkOperand(a, length, store);
  if (r >= 0 || cpu.datOn || a + length > 0x100_0000) return r;
  return a;
}

export const fixedPointHandlers: HandlerMap = {
  /** 10 LPR — Load Positive [RR]: |R2|; CC 0 zero, 2 plus, 3 overflow (the maximum negative number stays). */
  LPR: (cpu, w) => {
    const v = cpu.gpr[(w >>> 16) & 15]!;
    const result = v < 0 ? -v | 0 : v;
    cpu.gpr[(w >>> 20) & 15] = result;
    if (result < 0) overflow(cpu);
    else cpu.cc = result === 0 ? 0 : 2;
  },
  /** 11 LNR — Load Negative [RR]: -|R2|; CC 0 zero, 1 minus; no overflow. */
  LNR: (cpu, w) => {
    const v = cpu.gpr[(w >>> 16) & 15]!;
    const result = v > 0 ? -v : v;
    cpu.gpr[(w >>> 20) & 15] = result;
    cpu.cc = result === 0 ? 0 : 1;
  },
  /** 12 LTR — Load and Test [RR]: CC 0 zero, 1 minus, 2 plus. */
  LTR: (cpu, w) => {
    const v = cpu.gpr[(w >>> 16) & 15]!;
    cpu.gpr[(w >>> 20) & 15] = v;
    cpu.cc = signCc(v);
  },
  /** 13 LCR — Load Complement [RR]: -R2; CC 0 zero, 1 minus, 2 plus, 3 overflow (maximum negative number). */
  LCR: (cpu, w) => {
    const v = cpu.gpr[(w >>> 16) & 15]!;
    const result = -v | 0;
    cpu.gpr[(w >>> 20) & 15] = result;
    if (v === -0x8000_0000) overflow(cpu);
    else cpu.cc = signCc(result);
  },
  /** 18 LR — Load [RR]: CC unchanged. */
  LR: (cpu, w) => {
    cpu.gpr[(w >>> 20) & 15] = cpu.gpr[(w >>> 16) & 15]!;
  },
  /** 19 CR — Compare [RR]: signed; CC 0 equal, 1 first low, 2 first high. */
  CR: (cpu, w) => {
    cpu.cc = compareCc(cpu.gpr[(w >>> 20) & 15]!, cpu.gpr[(w >>> 16) & 15]!);
  },
  /** 1A AR — Add [RR]: overflow sets CC 3; the sum is stored even when the exception is taken. */
  AR: (cpu, w) => {
    add(cpu, (w >>> 20) & 15, cpu.gpr[(w >>> 16) & 15]!);
  },
  /** 1B SR — Subtract [RR]: CC 0 zero, 1 minus, 2 plus, 3 overflow. */
  SR: (cpu, w) => {
    subtract(cpu, (w >>> 20) & 15, cpu.gpr[(w >>> 16) & 15]!);
  },
  /** 1C MR — Multiply [RR]: R1+1 times R2 into the pair R1, R1+1; odd R1 is a specification exception; CC unchanged. */
  MR: (cpu, w) => {
    multiply(cpu, evenRegister(cpu, w), cpu.gpr[(w >>> 16) & 15]!);
  },
  /** 1D DR — Divide [RR]: pair R1 by R2, remainder R1, quotient R1+1; divide exception changes nothing. */
  DR: (cpu, w) => {
    divide(cpu, evenRegister(cpu, w), cpu.gpr[(w >>> 16) & 15]!);
  },
  /** 1E ALR — Add Logical [RR]: CC 0 zero, 1 not zero (no carry), 2 zero, 3 not zero (carry). */
  ALR: (cpu, w) => {
    addLogical(cpu, (w >>> 20) & 15, cpu.gpr[(w >>> 16) & 15]!);
  },
  /** 1F SLR — Subtract Logical [RR]: CC 1 not zero (no carry), 2 zero, 3 not zero (carry). */
  SLR: (cpu, w) => {
    subtractLogical(cpu, (w >>> 20) & 15, cpu.gpr[(w >>> 16) & 15]!);
  },
  /** 40 STH — Store Halfword [RX]: bits 16-31 of R1. */
  STH: (cpu, w) => {
    cpu.storeHalf(rxAddress(cpu, w), cpu.gpr[(w >>> 20) & 15]!);
  },
  /** 41 LA — Load Address [RX]: the 24-bit address, high byte zero. */
  LA: (cpu, w) => {
    cpu.gpr[(w >>> 20) & 15] = rxAddress(cpu, w);
  },
  /** 48 LH — Load Halfword [RX]: sign-extended; CC unchanged. */
  LH: (cpu, w) => {
    cpu.gpr[(w >>> 20) & 15] = cpu.fetchHalf(rxAddress(cpu, w));
  },
  /** 49 CH — Compare Halfword [RX]: R1 with the sign-extended halfword; CC 0 equal, 1 low, 2 high. */
  CH: (cpu, w) => {
    const b = cpu.fetchHalf(rxAddress(cpu, w));
    cpu.cc = compareCc(cpu.gpr[(w >>> 20) & 15]!, b);
  },
  /** 4A AH — Add Halfword [RX]: CC 0 zero, 1 minus, 2 plus, 3 overflow. */
  AH: (cpu, w) => {
    add(cpu, (w >>> 20) & 15, cpu.fetchHalf(rxAddress(cpu, w)));
  },
  /** 4B SH — Subtract Halfword [RX]: CC 0 zero, 1 minus, 2 plus, 3 overflow. */
  SH: (cpu, w) => {
    subtract(cpu, (w >>> 20) & 15, cpu.fetchHalf(rxAddress(cpu, w)));
  },
  /** 4C MH — Multiply Halfword [RX]: the rightmost 32 bits of the product; no overflow; CC unchanged. */
  MH: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const b = cpu.fetchHalf(rxAddress(cpu, w));
    cpu.gpr[r1] = Math.imul(cpu.gpr[r1]!, b);
  },
  /** 50 ST — Store [RX]. */
  ST: (cpu, w) => {
    cpu.storeWord(rxAddress(cpu, w), cpu.gpr[(w >>> 20) & 15]!);
  },
  /** 58 L — Load [RX]: CC unchanged. */
  L: (cpu, w) => {
    cpu.gpr[(w >>> 20) & 15] = cpu.fetchWord(rxAddress(cpu, w));
  },
  /** 59 C — Compare [RX]: signed; CC 0 equal, 1 first low, 2 first high. */
  C: (cpu, w) => {
    const b = cpu.fetchWord(rxAddress(cpu, w));
    cpu.cc = compareCc(cpu.gpr[(w >>> 20) & 15]!, b);
  },
  /** 5A A — Add [RX]: overflow sets CC 3. */
  A: (cpu, w) => {
    add(cpu, (w >>> 20) & 15, cpu.fetchWord(rxAddress(cpu, w)));
  },
  /** 5B S — Subtract [RX]: overflow sets CC 3. */
  S: (cpu, w) => {
    subtract(cpu, (w >>> 20) & 15, cpu.fetchWord(rxAddress(cpu, w)));
  },
  /** 5C M — Multiply [RX]: R1+1 times the word into the pair R1, R1+1; odd R1 is a specification exception. */
  M: (cpu, w) => {
    const r1 = evenRegister(cpu, w);
    multiply(cpu, r1, cpu.fetchWord(rxAddress(cpu, w)));
  },
  /** 5D D — Divide [RX]: pair R1 by the word; zero divisor or quotient too large: divide exception, nothing changed. */
  D: (cpu, w) => {
    const r1 = evenRegister(cpu, w);
    divide(cpu, r1, cpu.fetchWord(rxAddress(cpu, w)));
  },
  /** 5E AL — Add Logical [RX]: CC 0-3 from zero/not zero and carry. */
  AL: (cpu, w) => {
    addLogical(cpu, (w >>> 20) & 15, cpu.fetchWord(rxAddress(cpu, w)));
  },
  /** 5F SL — Subtract Logical [RX]: CC 1-3 from zero/not zero and carry. */
  SL: (cpu, w) => {
    subtractLogical(cpu, (w >>> 20) & 15, cpu.fetchWord(rxAddress(cpu, w)));
  },
  /** 8A SRA — Shift Right Single [RS]: low 6 address bits; sign fills; CC 0 zero, 1 minus, 2 plus. */
  SRA: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const n = baseAddress(cpu, w) & 63;
    const result = cpu.gpr[r1]! >> (n < 31 ? n : 31);
    cpu.gpr[r1] = result;
    cpu.cc = signCc(result);
  },
  /** 8B SLA — Shift Left Single [RS]: sign kept; a bit unlike the sign shifted out is overflow (CC 3). */
  SLA: (cpu, w) => {
    shiftLeftSingle(cpu, (w >>> 20) & 15, baseAddress(cpu, w) & 63);
  },
  /** 8E SRDA — Shift Right Double [RS]: 64-bit pair; odd R1 is a specification exception; CC 0, 1, 2. */
  SRDA: (cpu, w) => {
    const r1 = evenRegister(cpu, w);
    shiftRightDouble(cpu, r1, baseAddress(cpu, w) & 63);
  },
  /** 8F SLDA — Shift Left Double [RS]: 64-bit pair, sign kept; odd R1 is a specification exception; CC 0-3. */
  SLDA: (cpu, w) => {
    const r1 = evenRegister(cpu, w);
    shiftLeftDouble(cpu, r1, baseAddress(cpu, w) & 63);
  },
  /** 90 STM — Store Multiple [RS]: R1 through R3, wrapping from R15 to R0, into consecutive words. */
  STM: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const count = ((((w >>> 16) & 15) - r1) & 15) + 1;
    const a = baseAddress(cpu, w);
    const gpr = cpu.gpr;
    const real = multipleOperand(cpu, a, count * 4, true);
    if (real >= 0) {
      const mem = cpu.mem;
      for (let i = 0, p = real; i < count; i++, p += 4) {
        const v = gpr[(r1 + i) & 15]!;
        mem[p] = v >>> 24;
        mem[p + 1] = v >>> 16;
        mem[p + 2] = v >>> 8;
        mem[p + 3] = v;
      }
    } else {
      for (let i = 0; i < count; i++) cpu.storeWord((a + i * 4) & 0xff_ffff, gpr[(r1 + i) & 15]!);
    }
  },
  /** 98 LM — Load Multiple [RS]: R1 through R3, wrapping from R15 to R0, from consecutive words. */
  LM: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const count = ((((w >>> 16) & 15) - r1) & 15) + 1;
    const a = baseAddress(cpu, w);
    const gpr = cpu.gpr;
    const real = multipleOperand(cpu, a, count * 4, false);
    if (real >= 0) {
      const mem = cpu.mem;
      for (let i = 0, p = real; i < count; i++, p += 4) {
        gpr[(r1 + i) & 15] = (mem[p]! << 24) | (mem[p + 1]! << 16) | (mem[p + 2]! << 8) | mem[p + 3]!;
      }
    } else {
      for (let i = 0; i < count; i++) gpr[(r1 + i) & 15] = cpu.fetchWord((a + i * 4) & 0xff_ffff);
    }
  },
};
