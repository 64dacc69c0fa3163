// Extended hexadecimal floating point (Principles of Operation, "Floating-Point Instructions"):
// AXR/SXR, MXR/MXDR/MXD and LRDR, on 28-bit limbs. An extended operand is the register pair 0/2 or
// 4/6; the low-order part's characteristic is the high part's minus 14 (mod 128), sign the same.
// The short and long arithmetic, and the result helpers shared with it, are in hfp-arith.ts.

import { ProgramCode } from '../arch/interruptions.ts';
import type { Cpu } from './cpu.ts';
import { EXPONENT_UNDERFLOW_MASK, putLong, scratch, SIGNIFICANCE_MASK, TWO32, type Scratch } from './hfp-arith.ts';

/** Stores an extended result from 28-bit limbs x[0..3]; returns the interruption code. */
function putExtended(cpu: Cpu, r: number, sign: number, c: number, x: Int32Array): number {
  let code = 0;
  if (c > 127) {
    c -= 128;
    code = ProgramCode.exponentOverflow;
  } else if (c < 0) {
    if ((cpu.progMask & EXPONENT_UNDERFLOW_MASK) === 0) {
      putExtendedZero(cpu, r);
      return 0;
    }
    c += 128;
    code = ProgramCode.exponentUnderflow;
  }
  const fpr = cpu.fpr;
  fpr[r] = (sign << 31) | (c << 24) | (x[0]! >>> 4);
  fpr[r + 1] = (x[0]! << 28) | x[1]!;
  fpr[r + 2] = (sign << 31) | (((c - 14) & 0x7f) << 24) | (x[2]! >>> 4);
  fpr[r + 3] = (x[2]! << 28) | x[3]!;
  return code;
}

function putExtendedZero(cpu: Cpu, r: number): void {
  const fpr = cpu.fpr;
  fpr[r] = 0;
  fpr[r + 1] = 0;
  fpr[r + 2] = 0;
  fpr[r + 3] = 0;
}

// -------------------------------------------------------------------------------------------------
// Extended add (AXR, SXR) on 28-bit limbs: x[0..3] are digits 1-28, x[4] holds the guard digit
// (digit 29) in its leftmost four bits.

function loadExtended(fpr: Uint32Array, r: number, x: Int32Array): void {
  const w0 = fpr[r]!;
  const w1 = fpr[r + 1]!;
  const w2 = fpr[r + 2]!;
  const w3 = fpr[r + 3]!;
  x[0] = ((w0 & 0xff_ffff) << 4) | (w1 >>> 28);
  x[1] = w1 & 0x0fff_ffff;
  x[2] = ((w2 & 0xff_ffff) << 4) | (w3 >>> 28);
  x[3] = w3 & 0x0fff_ffff;
  x[4] = 0;
}

/** Shifts five 28-bit limbs right by `digits` hex digits; digits shifted out of limb 4 are lost. */
function shiftRightDigits(x: Int32Array, digits: number): void {
  if (digits >= 35) {
    x.fill(0);
    return;
  }
  const limbs = (digits / 7) | 0;
  const bits = (digits % 7) * 4;
  if (limbs !== 0) {
    for (let i = 4; i >= 0; i--) x[i] = i >= limbs ? x[i - limbs]! : 0;
  }
  if (bits !== 0) {
    for (let i = 4; i > 0; i--) x[i] = (x[i]! >>> bits) | ((x[i - 1]! << (28 - bits)) & 0x0fff_ffff);
    x[0] = x[0]! >>> bits;
  }
}

/** Shifts five 28-bit limbs left by `digits` hex digits (zeros enter on the right). */
function shiftLeftDigits(x: Int32Array, digits: number): void {
  const limbs = (digits / 7) | 0;
  const bits = (digits % 7) * 4;
  if (limbs !== 0) {
    for (let i = 0; i < 5; i++) x[i] = i + limbs < 5 ? x[i + limbs]! : 0;
  }
  if (bits !== 0) {
    for (let i = 0; i < 4; i++) x[i] = ((x[i]! << bits) & 0x0fff_ffff) | (x[i + 1]! >>> (28 - bits));
    x[4] = (x[4]! << bits) & 0x0fff_ffff;
  }
}

/** Leading zero hex digits of five 28-bit limbs (35 when all are zero). */
function leadingZeroDigits(x: Int32Array): number {
  for (let i = 0; i < 5; i++) {
    const v = x[i]!;
    if (v !== 0) return i * 7 + ((Math.clz32(v) - 4) >>> 2);
  }
  return 35;
}

/** AXR/SXR: adds the extended operand in FPRs r2/r2+2 (sign inverted when `subtract`) to r1/r1+2. */
export function addExtended(cpu: Cpu, r1: number, r2: number, subtract: boolean): void {
  const fpr = cpu.fpr;
  const { x, y } = scratch(cpu);
  const ha = fpr[r1]!;
  const hb = fpr[r2]!;
  const ca = (ha >>> 24) & 0x7f;
  const cb = (hb >>> 24) & 0x7f;
  const sa = ha >>> 31;
  const sb = (hb >>> 31) ^ (subtract ? 1 : 0);
  loadExtended(fpr, r1, x);
  loadExtended(fpr, r2, y);
  let c = ca;
  if (ca > cb) {
    shiftRightDigits(y, ca - cb);
    y[4] = y[4]! & 0x0f00_0000;
  } else if (cb > ca) {
    shiftRightDigits(x, cb - ca);
    x[4] = x[4]! & 0x0f00_0000;
    c = cb;
  }
  let s = sa;
  if (sa === sb) {
    let carry = 0;
    for (let i = 4; i > 0; i--) {
      const t = x[i]! + y[i]! + carry;
      x[i] = t & 0x0fff_ffff;
      carry = t >>> 28;
    }
    x[0] = x[0]! + y[0]! + carry;
  } else {
    let i = 0;
    while (i < 5 && x[i] === y[i]) i++;
    // Subtract the smaller magnitude from the larger; the result takes the larger one's sign.
    const big = i === 5 || x[i]! > y[i]! ? x : y;
    const small = big === x ? y : x;
    if (big === y) s = sb;
    let borrow = 0;
    for (let k = 4; k >= 0; k--) {
      let t = big[k]! - small[k]! - borrow;
      borrow = 0;
      if (t < 0) {
        t += 0x1000_0000;
        borrow = 1;
      }
      x[k] = t;
    }
  }
  if (x[0]! > 0x0fff_ffff) {
    shiftRightDigits(x, 1);
    c++;
  } else {
    const d = leadingZeroDigits(x);
    if (d === 35) {
      cpu.cc = 0;
      if ((cpu.progMask & SIGNIFICANCE_MASK) !== 0) {
        fpr[r1] = c << 24;
        fpr[r1 + 1] = 0;
        fpr[r1 + 2] = ((c - 14) & 0x7f) << 24;
        fpr[r1 + 3] = 0;
        throw cpu.fault.set(ProgramCode.significance);
      }
      putExtendedZero(cpu, r1);
      return;
    }
    if (d !== 0) {
      shiftLeftDigits(x, d);
      c -= d;
    }
  }
  const code = putExtended(cpu, r1, s, c, x);
  // The normalized fraction is nonzero unless exponent underflow made the result a true zero.
  cpu.cc = fpr[r1] === 0 && fpr[r1 + 1] === 0 ? 0 : s === 1 ? 1 : 2;
  if (code !== 0) throw cpu.fault.set(code);
}

/** LRDR: FPR r1 (long) = the extended operand in r2/r2+2 rounded (bit 8 of the low-order part). */
export function loadRoundedLong(cpu: Cpu, r1: number, r2: number): void {
  const fpr = cpu.fpr;
  const vh = fpr[r2]!;
  let fh = vh & 0xff_ffff;
  let fl = fpr[r2 + 1]! + ((fpr[r2 + 2]! >>> 23) & 1);
  let c = (vh >>> 24) & 0x7f;
  if (fl === TWO32) {
    fl = 0;
    fh++;
    if (fh > 0xff_ffff) {
      fh = 0x10_0000;
      c++;
    }
  }
  const code = putLong(cpu, r1, vh >>> 31, c, fh, fl);
  if (code !== 0) throw cpu.fault.set(code);
}

/** Prenormalizes four 28-bit limbs in x (limb 4 zero); returns the digit count shifted. */
function prenormalize(x: Int32Array): number {
  const d = leadingZeroDigits(x);
  if (d !== 0) shiftLeftDigits(x, d);
  return d;
}

/** product (2n limbs of 28 bits, most significant first) = x × y (n limbs each). */
function multiplyLimbs(s: Scratch, n: number): void {
  const { x, y, x14, y14, columns, product } = s;
  for (let i = 0; i < n; i++) {
    // Limb n-1-i of x is the least significant i-th 28-bit limb.
    const xv = x[n - 1 - i]!;
    const yv = y[n - 1 - i]!;
    x14[2 * i] = xv & 0x3fff;
    x14[2 * i + 1] = xv >>> 14;
    y14[2 * i] = yv & 0x3fff;
    y14[2 * i + 1] = yv >>> 14;
  }
  const m = 2 * n;
  columns.fill(0);
  for (let i = 0; i < m; i++) {
    const xv = x14[i]!;
    if (xv === 0) continue;
    for (let j = 0; j < m; j++) columns[i + j] = columns[i + j]! + xv * y14[j]!;
  }
  let carry = 0;
  for (let k = 0; k < 2 * m; k += 2) {
    const t0 = columns[k]! + carry;
    const lo = t0 % 0x4000;
    const t1 = columns[k + 1]! + (t0 - lo) / 0x4000;
    const hi = t1 % 0x4000;
    carry = (t1 - hi) / 0x4000;
    product[2 * n - 1 - k / 2] = hi * 0x4000 + lo;
  }
}

/** MXD/MXDR: FPRs r1/r1+2 (extended) = FPR r1 (long) × (bh, bl); the 28-digit product is exact. */
export function multiplyLongToExtended(cpu: Cpu, r1: number, bh: number, bl: number): void {
  const fpr = cpu.fpr;
  const s = scratch(cpu);
  const { x, y, product } = s;
  const ah = fpr[r1]!;
  const al = fpr[r1 + 1]!;
  x[0] = ((ah & 0xff_ffff) << 4) | (al >>> 28);
  x[1] = al & 0x0fff_ffff;
  x[2] = 0;
  x[3] = 0;
  x[4] = 0;
  y[0] = ((bh & 0xff_ffff) << 4) | (bl >>> 28);
  y[1] = bl & 0x0fff_ffff;
  y[2] = 0;
  y[3] = 0;
  y[4] = 0;
  if ((x[0] === 0 && x[1] === 0) || (y[0] === 0 && y[1] === 0)) {
    putExtendedZero(cpu, r1);
    return;
  }
  let c = ((ah >>> 24) & 0x7f) + ((bh >>> 24) & 0x7f) - 64;
  c -= prenormalize(x);
  c -= prenormalize(y);
  multiplyLimbs(s, 2);
  x[0] = product[0]!;
  x[1] = product[1]!;
  x[2] = product[2]!;
  x[3] = product[3]!;
  x[4] = 0;
  if (x[0]! < 0x100_0000) {
    shiftLeftDigits(x, 1);
    c--;
  }
  const code = putExtended(cpu, r1, (ah ^ bh) >>> 31, c, x);
  if (code !== 0) throw cpu.fault.set(code);
}

/** MXR: FPRs r1/r1+2 = r1/r1+2 × r2/r2+2 (extended), truncated to 28 digits. */
export function multiplyExtended(cpu: Cpu, r1: number, r2: number): void {
  const fpr = cpu.fpr;
  const s = scratch(cpu);
  const { x, y, product } = s;
  const ah = fpr[r1]!;
  const bh = fpr[r2]!;
  loadExtended(fpr, r1, x);
  loadExtended(fpr, r2, y);
  if (leadingZeroDigits(x) === 35 || leadingZeroDigits(y) === 35) {
    putExtendedZero(cpu, r1);
    return;
  }
  let c = ((ah >>> 24) & 0x7f) + ((bh >>> 24) & 0x7f) - 64;
  c -= prenormalize(x);
  c -= prenormalize(y);
  multiplyLimbs(s, 4);
  for (let i = 0; i < 5; i++) x[i] = product[i]!;
  if (x[0]! < 0x100_0000) {
    shiftLeftDigits(x, 1);
    c--;
  }
  const code = putExtended(cpu, r1, (ah ^ bh) >>> 31, c, x);
  if (code !== 0) throw cpu.fault.set(code);
}
