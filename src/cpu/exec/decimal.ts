// Decimal instructions (Principles of Operation, "Decimal Instructions"), with the conversions
// CONVERT TO BINARY / CONVERT TO DECIMAL and the packed-format moves PACK, UNPACK and MOVE WITH
// OFFSET ("General Instructions").
//
// Packed format: two digits a byte, the rightmost four bits a sign. Digit codes 0-9; sign codes
// A C E F plus, B D minus; results carry the preferred codes C and D. A field of n bytes holds
// 2n - 1 digits. Operands up to 8 bytes (15 digits) are held as doubles, which are exact there;
// longer ones are unpacked into a small per-CPU work area of digits.
//
// Every operand is checked for access before anything is stored, and every source operand for
// valid codes before anything is stored, so data, specification and decimal-divide exceptions
// suppress the operation (the manual permits suppression for all of them). The arithmetic
// instructions fetch both operands before storing the result, which gives the architected result
// for the overlaps the manual allows (coincident rightmost bytes; for ZAP, the first operand's
// rightmost byte at or right of the second's); other overlaps are unpredictable.

import { ProgramCode } from '../../arch/interruptions.ts';
import type { Cpu } from '../cpu.ts';
import type { HandlerMap } from '../dispatch.ts';
import { baseAddress, rxAddress, ssAddress2 } from '../formats.ts';

/** Sign codes B and D are minus: bit s of this mask. */
const MINUS_SIGNS = (1 << 0xb) | (1 << 0xd);
const PLUS = 0xc;
const MINUS = 0xd;

/** The value 0-99 of a byte holding two valid digit codes, else -1. */
const PAIR_VALUE = new Int8Array(256).fill(-1);
/** The byte holding the two digits of 0-99. */
const PAIR_BYTE = new Uint8Array(100);
for (let v = 0; v < 100; v++) {
  const byte = (Math.floor(v / 10) << 4) | v % 10;
  PAIR_VALUE[byte] = v;
  PAIR_BYTE[v] = byte;
}
/** Powers of ten as doubles (exact up to 10^22; beyond, only compared with smaller exact values). */
const POW10 = Array.from({ length: 32 }, (_, k) => 10 ** k);

// ---------------------------------------------------------------------------------------------
// Operand bytes: `real` from cpu.checkOperand (contiguous in real storage), or -1 to go through
// the byte helpers (operand crosses a 2K block; both ends were checked already).

function byteAt(cpu: Cpu, real: number, a: number, i: number): number {
  return real >= 0 ? cpu.mem[real + i]! : cpu.fetchByte((a + i) & 0xff_ffff);
}

function setByte(cpu: Cpu, real: number, a: number, i: number, v: number): void {
  if (real >= 0) cpu.mem[real + i] = v;
  else cpu.storeByte((a + i) & 0xff_ffff, v);
}

function dataException(cpu: Cpu): never {
  throw cpu.fault.set(ProgramCode.data);
}

/** True for -0 and negative numbers: a packed value's sign survives a zero magnitude. */
function isMinus(v: number): boolean {
  return v < 0 || (v === 0 && 1 / v < 0);
}

/** Decimal overflow: CC 3, and the interruption when the program mask's decimal-overflow bit is one. */
function decimalOverflow(cpu: Cpu): void {
  cpu.cc = 3;
  if ((cpu.progMask & 0x4) !== 0) throw cpu.fault.set(ProgramCode.decimalOverflow);
}

// ---------------------------------------------------------------------------------------------
// Operands of up to 8 bytes as doubles.

/** The signed value of a packed field of 1-8 bytes (-0 for a negative zero); data exception if invalid. */
function packedNumber(cpu: Cpu, real: number, a: number, n: number): number {
  let v = 0;
  let last: number;
  if (real >= 0) {
    // The common case, straight from real storage.
    const mem = cpu.mem;
    const end = real + n - 1;
    for (let i = real; i < end; i++) {
      const pair = PAIR_VALUE[mem[i]!]!;
      if (pair < 0) dataException(cpu);
      v = v * 100 + pair;
    }
    last = mem[end]!;
  } else {
    for (let i = 0; i < n - 1; i++) {
      const pair = PAIR_VALUE[cpu.fetchByte((a + i) & 0xff_ffff)]!;
      if (pair < 0) dataException(cpu);
      v = v * 100 + pair;
    }
    last = cpu.fetchByte((a + n - 1) & 0xff_ffff);
  }
  const sign = last & 15;
  if (last >= 0xa0 || sign < 10) dataException(cpu);
  v = v * 10 + (last >>> 4);
  return ((MINUS_SIGNS >>> sign) & 1) !== 0 ? -v : v;
}

/** Stores magnitude m (an integer below 10^16) in n packed bytes; digits that do not fit are lost. */
function storeNumber(cpu: Cpu, real: number, a: number, n: number, m: number, minus: boolean): void {
  // m = hi * 10^9 + lo: lo holds the units digit and the next four pairs, hi (below 10^7) the
  // rest. Both fit in 32 bits, so the digit loop runs on small integers.
  let hi = 0;
  let lo = m;
  if (m >= 1e9) {
    hi = Math.floor(m / 1e9);
    lo = m - hi * 1e9;
    if (lo < 0) {
      hi -= 1;
      lo += 1e9;
    } else if (lo >= 1e9) {
      hi += 1;
      lo -= 1e9;
    }
  }
  let rest = lo | 0;
  let next = (rest / 10) | 0;
  const last = ((rest - next * 10) << 4) | (minus ? MINUS : PLUS);
  rest = next;
  if (real >= 0) {
    // The common case, straight into real storage.
    const mem = cpu.mem;
    mem[real + n - 1] = last;
    for (let i = real + n - 2, k = 0; i >= real; i--, k++) {
      if (k === 4) rest = hi | 0;
      next = (rest / 100) | 0;
      mem[i] = PAIR_BYTE[rest - next * 100]!;
      rest = next;
    }
    return;
  }
  cpu.storeByte((a + n - 1) & 0xff_ffff, last);
  for (let i = n - 2, k = 0; i >= 0; i--, k++) {
    if (k === 4) rest = hi | 0;
    next = (rest / 100) | 0;
    cpu.storeByte((a + i) & 0xff_ffff, PAIR_BYTE[rest - next * 100]!);
    rest = next;
  }
}

/** Stores a sum of magnitude m and sets the CC, with the zero-sign and overflow rules of AP, SP, ZAP. */
function finishNumber(cpu: Cpu, real: number, a: number, n: number, m: number, minus: boolean): void {
  const capacity = POW10[2 * n - 1]!;
  if (m < capacity) {
    // In the absence of overflow a zero result is positive.
    storeNumber(cpu, real, a, n, m, minus && m !== 0);
    cpu.cc = m === 0 ? 0 : minus ? 1 : 2;
    return;
  }
  // Overflow: the truncated result keeps the sign of the correct (nonzero) result.
  storeNumber(cpu, real, a, n, m % capacity, minus);
  decimalOverflow(cpu);
}

// ---------------------------------------------------------------------------------------------
// Longer operands as digit arrays in a per-CPU work area: units digit first, 32 digits an operand.

const OP1 = 0;
const OP2 = 32;
const RES = 64;

function workArea(cpu: Cpu): Uint8Array {
  return cpu.scratch.decimal;
}

/** Unpacks n bytes into work[off..off+31], zeros above; returns true for a minus sign. Data exception if invalid. */
function unpackDigits(cpu: Cpu, real: number, a: number, n: number, work: Uint8Array, off: number): boolean {
  const last = byteAt(cpu, real, a, n - 1);
  const sign = last & 15;
  if (last >= 0xa0 || sign < 10) dataException(cpu);
  work[off] = last >>> 4;
  let k = off + 1;
  for (let i = n - 2; i >= 0; i--) {
    const b = byteAt(cpu, real, a, i);
    if (PAIR_VALUE[b]! < 0) dataException(cpu);
    work[k++] = b & 15;
    work[k++] = b >>> 4;
  }
  work.fill(0, k, off + 32);
  return ((MINUS_SIGNS >>> sign) & 1) !== 0;
}

/** Packs the digits work[off..off+2n-2] into n bytes with the preferred sign code. */
function packDigits(cpu: Cpu, real: number, a: number, n: number, work: Uint8Array, off: number, minus: boolean): void {
  setByte(cpu, real, a, n - 1, (work[off]! << 4) | (minus ? MINUS : PLUS));
  let k = off + 1;
  for (let i = n - 2; i >= 0; i--, k += 2) setByte(cpu, real, a, i, (work[k + 1]! << 4) | work[k]!);
}

function digitsZero(work: Uint8Array, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (work[k] !== 0) return false;
  return true;
}

/** Compares the 32-digit magnitudes at x and y: -1, 0 or 1. */
function compareDigits(work: Uint8Array, x: number, y: number): number {
  for (let k = 31; k >= 0; k--) {
    const d = work[x + k]! - work[y + k]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** work[r..r+31] = x + y (operands of at most 31 digits, so the sum fits in 32). */
function addDigits(work: Uint8Array, x: number, y: number, r: number): void {
  let carry = 0;
  for (let k = 0; k < 32; k++) {
    const s = work[x + k]! + work[y + k]! + carry;
    carry = s >= 10 ? 1 : 0;
    work[r + k] = s - carry * 10;
  }
}

/** work[r..r+31] = x - y, where x >= y. */
function subtractDigits(work: Uint8Array, x: number, y: number, r: number): void {
  let borrow = 0;
  for (let k = 0; k < 32; k++) {
    const s = work[x + k]! - work[y + k]! - borrow;
    borrow = s < 0 ? 1 : 0;
    work[r + k] = s + borrow * 10;
  }
}

/**
 * Stores the digits at off into the n-byte first operand and sets the CC: `lost` says nonzero
 * digits did not fit (overflow). Zero-sign rule of AP, SP, ZAP and SRP: a zero result is positive
 * unless overflow occurred, when it keeps the sign of the correct result.
 */
function finishDigits(cpu: Cpu, real: number, a: number, n: number, work: Uint8Array, off: number, minus: boolean, lost: boolean): void {
  if (lost) {
    packDigits(cpu, real, a, n, work, off, minus);
    decimalOverflow(cpu);
    return;
  }
  const zero = digitsZero(work, off, off + 2 * n - 1);
  packDigits(cpu, real, a, n, work, off, minus && !zero);
  cpu.cc = zero ? 0 : minus ? 1 : 2;
}

// ---------------------------------------------------------------------------------------------
// Shared bodies.

/** AP and SP: algebraic sum of the first operand and the (negated, for SP) second operand. */
function addDecimal(cpu: Cpu, w: number, w2: number, subtract: boolean): void {
  const n1 = ((w >>> 20) & 15) + 1;
  const n2 = ((w >>> 16) & 15) + 1;
  const a1 = baseAddress(cpu, w);
  const a2 = ssAddress2(cpu, w2);
  const r1 = cpu.checkOperand(a1, n1, true);
  const r2 = cpu.checkOperand(a2, n2, false);
  if (n1 <= 8 && n2 <= 8) {
    const x = packedNumber(cpu, r1, a1, n1);
    const y = packedNumber(cpu, r2, a2, n2);
    const sum = subtract ? x - y : x + y;
    finishNumber(cpu, r1, a1, n1, Math.abs(sum), sum < 0);
    return;
  }
  const work = workArea(cpu);
  const minus1 = unpackDigits(cpu, r1, a1, n1, work, OP1);
  const minus2 = unpackDigits(cpu, r2, a2, n2, work, OP2) !== subtract;
  let minus = minus1;
  if (minus1 === minus2) addDigits(work, OP1, OP2, RES);
  else if (compareDigits(work, OP1, OP2) >= 0) subtractDigits(work, OP1, OP2, RES);
  else {
    subtractDigits(work, OP2, OP1, RES);
    minus = minus2;
  }
  finishDigits(cpu, r1, a1, n1, work, RES, minus, !digitsZero(work, RES + 2 * n1 - 1, RES + 32));
}

/** MP and DP: L2 at most 7 (15 digits and sign) and less than L1, else specification exception. */
function checkMultiplyDivideLengths(cpu: Cpu, w: number): void {
  const l1 = (w >>> 20) & 15;
  const l2 = (w >>> 16) & 15;
  if (l2 > 7 || l2 >= l1) throw cpu.fault.set(ProgramCode.specification);
}

/** True when the `len + 1` digits of work at w + p are at least the divisor's (digit len of which is zero). */
function windowAtLeast(work: Uint8Array, w: number, p: number, divisor: number, len: number): boolean {
  for (let k = len; k >= 0; k--) {
    const d = work[w + p + k]! - work[divisor + k]!;
    if (d !== 0) return d > 0;
  }
  return true;
}

function windowSubtract(work: Uint8Array, w: number, p: number, divisor: number, len: number): void {
  let borrow = 0;
  for (let k = 0; k <= len; k++) {
    const s = work[w + p + k]! - work[divisor + k]! - borrow;
    borrow = s < 0 ? 1 : 0;
    work[w + p + k] = s + borrow * 10;
  }
}

/** ED and EDMK: edits the packed source into the pattern, left to right. */
function edit(cpu: Cpu, w: number, w2: number, mark: boolean): void {
  const length = ((w >>> 16) & 0xff) + 1;
  const a1 = baseAddress(cpu, w);
  const a2 = ssAddress2(cpu, w2);
  const r1 = cpu.checkOperand(a1, length, true);
  // First pass: fetch and check every source digit the pattern will use (a left digit must be
  // 0-9; a right half of A-F is a sign), so an invalid digit suppresses the operation.
  let source = a2;
  let rightNext = false;
  for (let i = 0; i < length; i++) {
    const p = byteAt(cpu, r1, a1, i);
    if (p !== 0x20 && p !== 0x21) continue;
    const b = cpu.fetchByte(source);
    if (rightNext) {
      rightNext = false;
      source = (source + 1) & 0xff_ffff;
    } else {
      if (b >= 0xa0) dataException(cpu);
      if ((b & 15) >= 10) source = (source + 1) & 0xff_ffff;
      else rightNext = true;
    }
  }
  // Second pass: the edit itself.
  const fill = byteAt(cpu, r1, a1, 0);
  let significance = false;
  let fieldZero = true;
  source = a2;
  rightNext = false;
  for (let i = 0; i < length; i++) {
    const p = byteAt(cpu, r1, a1, i);
    let result: number;
    if (p === 0x20 || p === 0x21) {
      const b = cpu.fetchByte(source);
      let digit: number;
      let sign = 0;
      if (rightNext) {
        digit = b & 15;
        rightNext = false;
        source = (source + 1) & 0xff_ffff;
      } else {
        digit = b >>> 4;
        if ((b & 15) >= 10) {
          sign = b & 15;
          source = (source + 1) & 0xff_ffff;
        } else rightNext = true;
      }
      if (digit !== 0) fieldZero = false;
      if (significance) result = 0xf0 | digit;
      else if (digit !== 0) {
        result = 0xf0 | digit;
        significance = true;
        // EDMK: the address of the first significant result byte, when a digit (not X'21') set it.
        if (mark) cpu.gpr[1] = (cpu.gpr[1]! & 0xff00_0000) | ((a1 + i) & 0xff_ffff);
      } else {
        result = fill;
        if (p === 0x21) significance = true;
      }
      // A plus sign after the left digit turns significance off; a minus sign leaves it.
      if (sign !== 0 && ((MINUS_SIGNS >>> sign) & 1) === 0) significance = false;
    } else if (p === 0x22) {
      // Field separator: a new field begins.
      result = fill;
      significance = false;
      fieldZero = true;
    } else {
      result = significance ? p : fill;
    }
    setByte(cpu, r1, a1, i, result);
  }
  cpu.cc = fieldZero ? 0 : significance ? 1 : 2;
}

// ---------------------------------------------------------------------------------------------

export const decimalHandlers: HandlerMap = {
  /** 4E CVD — Convert to Decimal [RX]: the signed register as 8 packed bytes, sign C or D; CC unchanged. */
  CVD: (cpu, w) => {
    const a = rxAddress(cpu, w);
    const v = cpu.gpr[(w >>> 20) & 15]!;
    storeNumber(cpu, cpu.checkOperand(a, 8, true), a, 8, Math.abs(v), v < 0);
  },

  /** 4F CVB — Convert to Binary [RX]: data exception if invalid; outside 32 bits the low 32 bits are loaded, then fixed-point divide. */
  CVB: (cpu, w) => {
    const a = rxAddress(cpu, w);
    const v = packedNumber(cpu, cpu.checkOperand(a, 8, false), a, 8);
    cpu.gpr[(w >>> 20) & 15] = v | 0;
    if (v > 0x7fff_ffff || v < -0x8000_0000) throw cpu.fault.set(ProgramCode.fixedPointDivide);
  },

  /** DE ED — Edit [SS]: fill, digit selector X'20', significance starter X'21', field separator X'22'; CC from the last field. */
  ED: (cpu, w, w2) => edit(cpu, w, w2, false),

  /** DF EDMK — Edit and Mark [SS]: as ED; GR1 bits 8-31 get the address of the first digit that set significance. */
  EDMK: (cpu, w, w2) => edit(cpu, w, w2, true),

  /** F0 SRP — Shift and Round Decimal [SS]: 6-bit signed shift, right shifts rounded by I3; left-shift overflow sets CC 3. */
  SRP: (cpu, w, w2) => {
    const n = ((w >>> 20) & 15) + 1;
    const rounding = (w >>> 16) & 15;
    const a1 = baseAddress(cpu, w);
    const amount = ssAddress2(cpu, w2) & 63;
    const r1 = cpu.checkOperand(a1, n, true);
    const work = workArea(cpu);
    const minus = unpackDigits(cpu, r1, a1, n, work, OP1);
    // The rounding digit is checked even when no rounding takes place.
    if (rounding > 9) dataException(cpu);
    const digits = 2 * n - 1;
    let lost = false;
    if (amount < 32) {
      for (let k = digits - amount; k < digits; k++) if (k >= 0 && work[OP1 + k] !== 0) lost = true;
      for (let k = 0; k < 32; k++) work[RES + k] = k >= amount ? work[OP1 + k - amount]! : 0;
    } else {
      const shift = 64 - amount;
      let carry = work[OP1 + shift - 1]! + rounding >= 10 ? 1 : 0;
      for (let k = 0; k < 32; k++) {
        const s = (k + shift < 32 ? work[OP1 + k + shift]! : 0) + carry;
        carry = s >= 10 ? 1 : 0;
        work[RES + k] = s - carry * 10;
      }
    }
    work.fill(0, RES + digits, RES + 32);
    finishDigits(cpu, r1, a1, n, work, RES, minus, lost);
  },

  /** F1 MVO — Move with Offset [SS]: operand 2 left of the first operand's rightmost four bits, right to left; no checking. */
  MVO: (cpu, w, w2) => {
    const n1 = ((w >>> 20) & 15) + 1;
    const n2 = ((w >>> 16) & 15) + 1;
    const a1 = baseAddress(cpu, w);
    const a2 = ssAddress2(cpu, w2);
    const r1 = cpu.checkOperand(a1, n1, true);
    const r2 = cpu.checkOperand(a2, n2, false);
    // Byte at a time, each result byte stored right after the operand bytes it needs are fetched.
    let j = n2 - 1;
    let b = byteAt(cpu, r2, a2, j--);
    setByte(cpu, r1, a1, n1 - 1, ((b & 15) << 4) | (byteAt(cpu, r1, a1, n1 - 1) & 15));
    for (let i = n1 - 2; i >= 0; i--) {
      const high = b >>> 4;
      b = j >= 0 ? byteAt(cpu, r2, a2, j--) : 0;
      setByte(cpu, r1, a1, i, ((b & 15) << 4) | high);
    }
  },

  /** F2 PACK — Pack [SS]: zoned to packed, right to left, the rightmost byte's halves swapped; no checking. */
  PACK: (cpu, w, w2) => {
    const n1 = ((w >>> 20) & 15) + 1;
    const n2 = ((w >>> 16) & 15) + 1;
    const a1 = baseAddress(cpu, w);
    const a2 = ssAddress2(cpu, w2);
    const r1 = cpu.checkOperand(a1, n1, true);
    const r2 = cpu.checkOperand(a2, n2, false);
    let j = n2 - 1;
    const last = byteAt(cpu, r2, a2, j--);
    setByte(cpu, r1, a1, n1 - 1, ((last << 4) | (last >>> 4)) & 0xff);
    for (let i = n1 - 2; i >= 0; i--) {
      const low = j >= 0 ? byteAt(cpu, r2, a2, j--) & 15 : 0;
      const high = j >= 0 ? byteAt(cpu, r2, a2, j--) & 15 : 0;
      setByte(cpu, r1, a1, i, (high << 4) | low);
    }
  },

  /** F3 UNPK — Unpack [SS]: packed to zoned (zone F), right to left, the rightmost byte's halves swapped; no checking. */
  UNPK: (cpu, w, w2) => {
    const n1 = ((w >>> 20) & 15) + 1;
    const n2 = ((w >>> 16) & 15) + 1;
    const a1 = baseAddress(cpu, w);
    const a2 = ssAddress2(cpu, w2);
    const r1 = cpu.checkOperand(a1, n1, true);
    const r2 = cpu.checkOperand(a2, n2, false);
    let j = n2 - 1;
    const last = byteAt(cpu, r2, a2, j--);
    setByte(cpu, r1, a1, n1 - 1, ((last << 4) | (last >>> 4)) & 0xff);
    for (let i = n1 - 2; i >= 0; ) {
      const b = j >= 0 ? byteAt(cpu, r2, a2, j--) : 0;
      setByte(cpu, r1, a1, i--, 0xf0 | (b & 15));
      if (i >= 0) setByte(cpu, r1, a1, i--, 0xf0 | (b >>> 4));
    }
  },

  /** F8 ZAP — Zero and Add [SS]: operand 2 (checked) replaces operand 1 (not fetched); CC 0 zero, 1 <0, 2 >0, 3 overflow. */
  ZAP: (cpu, w, w2) => {
    const n1 = ((w >>> 20) & 15) + 1;
    const n2 = ((w >>> 16) & 15) + 1;
    const a1 = baseAddress(cpu, w);
    const a2 = ssAddress2(cpu, w2);
    const r1 = cpu.checkOperand(a1, n1, true);
    const r2 = cpu.checkOperand(a2, n2, false);
    if (n2 <= 8) {
      const y = packedNumber(cpu, r2, a2, n2);
      finishNumber(cpu, r1, a1, n1, Math.abs(y), y < 0);
      return;
    }
    const work = workArea(cpu);
    const minus = unpackDigits(cpu, r2, a2, n2, work, OP2);
    finishDigits(cpu, r1, a1, n1, work, OP2, minus, !digitsZero(work, OP2 + 2 * n1 - 1, OP2 + 32));
  },

  /** F9 CP — Compare Decimal [SS]: algebraic, +0 equals -0; CC 0 equal, 1 first low, 2 first high. */
  CP: (cpu, w, w2) => {
    const n1 = ((w >>> 20) & 15) + 1;
    const n2 = ((w >>> 16) & 15) + 1;
    const a1 = baseAddress(cpu, w);
    const a2 = ssAddress2(cpu, w2);
    const r1 = cpu.checkOperand(a1, n1, false);
    const r2 = cpu.checkOperand(a2, n2, false);
    if (n1 <= 8 && n2 <= 8) {
      const x = packedNumber(cpu, r1, a1, n1);
      const y = packedNumber(cpu, r2, a2, n2);
      cpu.cc = x === y ? 0 : x < y ? 1 : 2;
      return;
    }
    const work = workArea(cpu);
    const minus1 = unpackDigits(cpu, r1, a1, n1, work, OP1) && !digitsZero(work, OP1, OP1 + 32);
    const minus2 = unpackDigits(cpu, r2, a2, n2, work, OP2) && !digitsZero(work, OP2, OP2 + 32);
    if (minus1 !== minus2) cpu.cc = minus1 ? 1 : 2;
    else {
      const c = minus1 ? -compareDigits(work, OP1, OP2) : compareDigits(work, OP1, OP2);
      cpu.cc = c === 0 ? 0 : c < 0 ? 1 : 2;
    }
  },

  /** FA AP — Add Decimal [SS]: CC 0 zero, 1 <0, 2 >0; overflow sets CC 3 and stores the truncated sum. */
  AP: (cpu, w, w2) => addDecimal(cpu, w, w2, false),

  /** FB SP — Subtract Decimal [SS]: CC 0 zero, 1 <0, 2 >0; overflow sets CC 3 and stores the truncated difference. */
  SP: (cpu, w, w2) => addDecimal(cpu, w, w2, true),

  /** FC MP — Multiply Decimal [SS]: L2 < 8 and L2 < L1; the multiplicand needs L2+1 bytes of leading zeros; CC unchanged. */
  MP: (cpu, w, w2) => {
    checkMultiplyDivideLengths(cpu, w);
    const n1 = ((w >>> 20) & 15) + 1;
    const n2 = ((w >>> 16) & 15) + 1;
    const a1 = baseAddress(cpu, w);
    const a2 = ssAddress2(cpu, w2);
    const r1 = cpu.checkOperand(a1, n1, true);
    const r2 = cpu.checkOperand(a2, n2, false);
    // Digits the multiplicand may have: all but its leftmost n2 bytes.
    const room = 2 * (n1 - n2) - 1;
    if (n1 <= 8) {
      const x = packedNumber(cpu, r1, a1, n1);
      const y = packedNumber(cpu, r2, a2, n2);
      const m = Math.abs(x);
      if (m >= POW10[room]!) dataException(cpu);
      // The sign follows the rules of algebra even for a zero product.
      storeNumber(cpu, r1, a1, n1, m * Math.abs(y), isMinus(x) !== isMinus(y));
      return;
    }
    const work = workArea(cpu);
    const minus1 = unpackDigits(cpu, r1, a1, n1, work, OP1);
    const minus2 = unpackDigits(cpu, r2, a2, n2, work, OP2);
    if (!digitsZero(work, OP1 + room, OP1 + 32)) dataException(cpu);
    work.fill(0, RES, RES + 64);
    for (let j = 0; j < 2 * n2 - 1; j++) {
      const d = work[OP2 + j]!;
      if (d === 0) continue;
      let carry = 0;
      let k = RES + j;
      for (let i = 0; i < room; i++, k++) {
        const s = work[k]! + work[OP1 + i]! * d + carry;
        carry = Math.floor(s / 10);
        work[k] = s - carry * 10;
      }
      for (; carry !== 0; k++) {
        const s = work[k]! + carry;
        carry = s >= 10 ? 1 : 0;
        work[k] = s - carry * 10;
      }
    }
    packDigits(cpu, r1, a1, n1, work, RES, minus1 !== minus2);
  },

  /** FD DP — Divide Decimal [SS]: quotient left (L1-L2 bytes), remainder right (L2+1 bytes, dividend's sign); zero divisor or quotient too large is a decimal-divide exception. */
  DP: (cpu, w, w2) => {
    checkMultiplyDivideLengths(cpu, w);
    const n1 = ((w >>> 20) & 15) + 1;
    const n2 = ((w >>> 16) & 15) + 1;
    const a1 = baseAddress(cpu, w);
    const a2 = ssAddress2(cpu, w2);
    const r1 = cpu.checkOperand(a1, n1, true);
    const r2 = cpu.checkOperand(a2, n2, false);
    const nq = n1 - n2;
    const quotientDigits = 2 * nq - 1;
    const rr = r1 >= 0 ? r1 + nq : -1;
    const ar = (a1 + nq) & 0xff_ffff;
    if (n1 <= 8) {
      const x = packedNumber(cpu, r1, a1, n1);
      const y = packedNumber(cpu, r2, a2, n2);
      const dividend = Math.abs(x);
      const divisor = Math.abs(y);
      if (divisor === 0) throw cpu.fault.set(ProgramCode.decimalDivide);
      let q = Math.floor(dividend / divisor);
      let r = dividend - q * divisor;
      if (r < 0) {
        q -= 1;
        r += divisor;
      } else if (r >= divisor) {
        q += 1;
        r -= divisor;
      }
      if (q >= POW10[quotientDigits]!) throw cpu.fault.set(ProgramCode.decimalDivide);
      // Quotient sign by the rules of algebra, remainder sign the dividend's, even when zero.
      storeNumber(cpu, r1, a1, nq, q, isMinus(x) !== isMinus(y));
      storeNumber(cpu, rr, ar, n2, r, isMinus(x));
      return;
    }
    const work = workArea(cpu);
    const minus1 = unpackDigits(cpu, r1, a1, n1, work, OP1);
    const minus2 = unpackDigits(cpu, r2, a2, n2, work, OP2);
    const divisorDigits = 2 * n2 - 1;
    if (digitsZero(work, OP2, OP2 + divisorDigits)) throw cpu.fault.set(ProgramCode.decimalDivide);
    // The quotient fits when the dividend is below divisor * 10^quotientDigits.
    if (windowAtLeast(work, OP1, quotientDigits, OP2, divisorDigits)) throw cpu.fault.set(ProgramCode.decimalDivide);
    for (let p = quotientDigits - 1; p >= 0; p--) {
      let q = 0;
      while (windowAtLeast(work, OP1, p, OP2, divisorDigits)) {
        windowSubtract(work, OP1, p, OP2, divisorDigits);
        q++;
      }
      work[RES + p] = q;
    }
    packDigits(cpu, r1, a1, nq, work, RES, minus1 !== minus2);
    packDigits(cpu, rr, ar, n2, work, OP1, minus1);
  },
};
