// Hexadecimal floating-point arithmetic (Principles of Operation, "Floating-Point Instructions").
//
// Formats: sign bit, 7-bit characteristic (exponent of 16, excess 64), fraction of 6 (short),
// 14 (long) or 28 (extended) hex digits. An extended operand is a register pair (0/2 or 4/6);
// the low-order part's sign and characteristic are ignored on input and on output are the high
// part's sign and characteristic minus 14 (modulo 128).
//
// All fraction arithmetic is exact integer arithmetic on small limbs held in Numbers (never JS
// floating-point rounding, never BigInt). Results are written straight into cpu.fpr; the caller's
// register numbers are already checked. Every function stores its result first and then throws the
// program exception, as the manual requires (the result is "completed" before the interruption).

import { ProgramCode } from '../arch/interruptions.ts';
import type { Cpu } from './cpu.ts';
import type { HfpScratch } from './scratch.ts';

export const TWO32 = 0x1_0000_0000;
/** Program mask bits (PSW bits 38 and 39). */
export const EXPONENT_UNDERFLOW_MASK = 0x2;
export const SIGNIFICANCE_MASK = 0x1;

// -------------------------------------------------------------------------------------------------
// Per-CPU scratch limbs for the extended formats (no allocation per instruction, no module state
// beyond this WeakMap keyed by the Cpu instance).

export type Scratch = HfpScratch;

export function scratch(cpu: Cpu): Scratch {
  return cpu.scratch.hfp;
}

// -------------------------------------------------------------------------------------------------
// Results: exponent overflow wraps the characteristic (128 too small) and is always taken;
// exponent underflow wraps it (128 too large) when the mask allows, else the result is a true zero.

/** Stores a short result; returns the program-interruption code to raise, 0 for none. */
function putShort(cpu: Cpu, r: number, sign: number, c: number, f: number): number {
  let code = 0;
  if (c > 127) {
    c -= 128;
    code = ProgramCode.exponentOverflow;
  } else if (c < 0) {
    if ((cpu.progMask & EXPONENT_UNDERFLOW_MASK) === 0) {
      cpu.fpr[r] = 0;
      return 0;
    }
    c += 128;
    code = ProgramCode.exponentUnderflow;
  }
  cpu.fpr[r] = (sign << 31) | (c << 24) | f;
  return code;
}

/** Stores a long result (fraction fh: digits 1-6, fl: digits 7-14); returns the interruption code. */
export function putLong(cpu: Cpu, r: number, sign: number, c: number, fh: number, fl: number): number {
  let code = 0;
  if (c > 127) {
    c -= 128;
    code = ProgramCode.exponentOverflow;
  } else if (c < 0) {
    if ((cpu.progMask & EXPONENT_UNDERFLOW_MASK) === 0) {
      cpu.fpr[r] = 0;
      cpu.fpr[r + 1] = 0;
      return 0;
    }
    c += 128;
    code = ProgramCode.exponentUnderflow;
  }
  cpu.fpr[r] = (sign << 31) | (c << 24) | fh;
  cpu.fpr[r + 1] = fl;
  return code;
}

/** CC after an add or subtract: 0 fraction zero, 1 less than zero, 2 greater than zero. */
function resultCc(cpu: Cpu, r: number, long: boolean): number {
  const hi = cpu.fpr[r]!;
  const zero = (hi & 0xff_ffff) === 0 && (!long || cpu.fpr[r + 1] === 0);
  return zero ? 0 : hi >>> 31 === 1 ? 1 : 2;
}

// -------------------------------------------------------------------------------------------------
// Add and subtract (short, long): the operand with the smaller characteristic is shifted right,
// keeping one guard digit; digits shifted beyond it are lost. A carry shifts the sum right one
// digit. Normalized forms shift left (the guard digit participates); unnormalized forms drop the
// guard digit. A zero intermediate fraction is a significance exception (mask bit 0x1), else the
// result is a true zero.

/**
 * AER/AE/SER/SE (normalize) and AUR/AU/SUR/SU: adds the short operand b to FPR r1.
 * Subtraction passes b with its sign inverted. Sets the condition code.
 */
export function addShort(cpu: Cpu, r1: number, b: number, normalize: boolean): void {
  const fpr = cpu.fpr;
  const a = fpr[r1]!;
  const ca = (a >>> 24) & 0x7f;
  const cb = (b >>> 24) & 0x7f;
  // Fractions with the guard digit appended: 7 hex digits in 28 bits.
  let fa = (a & 0xff_ffff) << 4;
  let fb = (b & 0xff_ffff) << 4;
  let c = ca;
  if (ca > cb) {
    const d = ca - cb;
    fb = d > 6 ? 0 : fb >>> (4 * d);
  } else if (cb > ca) {
    const d = cb - ca;
    fa = d > 6 ? 0 : fa >>> (4 * d);
    c = cb;
  }
  const sa = a >>> 31;
  const sb = b >>> 31;
  let s: number;
  let f: number;
  if (sa === sb) {
    f = fa + fb;
    s = sa;
  } else if (fa >= fb) {
    f = fa - fb;
    s = sa;
  } else {
    f = fb - fa;
    s = sb;
  }
  if (f > 0x0fff_ffff) {
    f >>>= 4;
    c++;
  } else if (normalize) {
    if (f === 0) return zeroSum(cpu, r1, c, false);
    const d = (Math.clz32(f) - 4) >>> 2;
    f <<= 4 * d;
    c -= d;
  }
  f >>>= 4;
  if (!normalize && f === 0) return zeroSum(cpu, r1, c, false);
  const code = putShort(cpu, r1, s, c, f);
  cpu.cc = resultCc(cpu, r1, false);
  if (code !== 0) throw cpu.fault.set(code);
}

/** The sum's fraction is zero: significance exception when masked on (the characteristic kept), else a true zero. */
function zeroSum(cpu: Cpu, r1: number, c: number, long: boolean): void {
  cpu.cc = 0;
  const on = (cpu.progMask & SIGNIFICANCE_MASK) !== 0;
  cpu.fpr[r1] = on ? c << 24 : 0;
  if (long) cpu.fpr[r1 + 1] = 0;
  if (on) throw cpu.fault.set(ProgramCode.significance);
}

/**
 * ADR/AD/SDR/SD (normalize) and AWR/AW/SWR/SW: adds the long operand (bh, bl) to FPR r1.
 * Each fraction with its guard digit is held as u (digits 1-7, 28 bits) and l (digits 8-14 and
 * the guard digit, 32 bits).
 */
export function addLong(cpu: Cpu, r1: number, bh: number, bl: number, normalize: boolean): void {
  const fpr = cpu.fpr;
  const ah = fpr[r1]!;
  const al = fpr[r1 + 1]!;
  const ca = (ah >>> 24) & 0x7f;
  const cb = (bh >>> 24) & 0x7f;
  let ua = ((ah & 0xff_ffff) << 4) | (al >>> 28);
  let la = (al << 4) >>> 0;
  let ub = ((bh & 0xff_ffff) << 4) | (bl >>> 28);
  let lb = (bl << 4) >>> 0;
  let c = ca;
  if (ca > cb) {
    const d = ca - cb;
    if (d >= 15) {
      ub = 0;
      lb = 0;
    } else if (d >= 8) {
      lb = ub >>> (4 * d - 32);
      ub = 0;
    } else {
      lb = ((lb >>> (4 * d)) | (ub << (32 - 4 * d))) >>> 0;
      ub >>>= 4 * d;
    }
  } else if (cb > ca) {
    const d = cb - ca;
    if (d >= 15) {
      ua = 0;
      la = 0;
    } else if (d >= 8) {
      la = ua >>> (4 * d - 32);
      ua = 0;
    } else {
      la = ((la >>> (4 * d)) | (ua << (32 - 4 * d))) >>> 0;
      ua >>>= 4 * d;
    }
    c = cb;
  }
  const sa = ah >>> 31;
  const sb = bh >>> 31;
  let s: number;
  let u: number;
  let l: number;
  if (sa === sb) {
    l = la + lb;
    u = ua + ub;
    if (l >= TWO32) {
      l -= TWO32;
      u++;
    }
    s = sa;
  } else if (ua > ub || (ua === ub && la >= lb)) {
    l = la - lb;
    u = ua - ub;
    if (l < 0) {
      l += TWO32;
      u--;
    }
    s = sa;
  } else {
    l = lb - la;
    u = ub - ua;
    if (l < 0) {
      l += TWO32;
      u--;
    }
    s = sb;
  }
  if (u > 0x0fff_ffff) {
    // Carry out of the leftmost digit: shift right one digit.
    l = ((l >>> 4) | (u << 28)) >>> 0;
    u >>>= 4;
    c++;
  } else if (normalize) {
    if (u === 0) {
      if (l === 0) return zeroSum(cpu, r1, c, true);
      while (u === 0) {
        u = l >>> 4;
        l = (l << 28) >>> 0;
        c -= 7;
      }
    }
    const d = (Math.clz32(u) - 4) >>> 2;
    if (d !== 0) {
      u = (u << (4 * d)) | (l >>> (32 - 4 * d));
      l = (l << (4 * d)) >>> 0;
      c -= d;
    }
  }
  const fh = u >>> 4;
  const fl = ((u << 28) | (l >>> 4)) >>> 0;
  if (!normalize && fh === 0 && fl === 0) return zeroSum(cpu, r1, c, true);
  const code = putLong(cpu, r1, s, c, fh, fl);
  cpu.cc = resultCc(cpu, r1, true);
  if (code !== 0) throw cpu.fault.set(code);
}

// -------------------------------------------------------------------------------------------------
// Compare: the operands are compared as a normalized subtraction would (guard digit included),
// without exceptions; fractions that are both zero compare equal whatever the signs and
// characteristics. CC 0 equal, 1 first low, 2 first high.

function compareCc(sa: number, sb: number, ua: number, la: number, ub: number, lb: number): number {
  const zeroA = ua === 0 && la === 0;
  const zeroB = ub === 0 && lb === 0;
  if (zeroA && zeroB) return 0;
  if (sa !== sb) return sa === 0 ? 2 : 1;
  if (ua === ub && la === lb) return 0;
  const aBigger = ua > ub || (ua === ub && la > lb);
  return aBigger !== (sa === 1) ? 2 : 1;
}

/** CER/CE: compares FPR r1 (short) with b. */
export function compareShort(cpu: Cpu, a: number, b: number): void {
  const ca = (a >>> 24) & 0x7f;
  const cb = (b >>> 24) & 0x7f;
  let fa = (a & 0xff_ffff) << 4;
  let fb = (b & 0xff_ffff) << 4;
  if (ca > cb) fb = ca - cb > 6 ? 0 : fb >>> (4 * (ca - cb));
  else if (cb > ca) fa = cb - ca > 6 ? 0 : fa >>> (4 * (cb - ca));
  cpu.cc = compareCc(a >>> 31, b >>> 31, fa, 0, fb, 0);
}

/** CDR/CD: compares the long operands (ah, al) and (bh, bl). */
export function compareLong(cpu: Cpu, ah: number, al: number, bh: number, bl: number): void {
  const ca = (ah >>> 24) & 0x7f;
  const cb = (bh >>> 24) & 0x7f;
  let ua = ((ah & 0xff_ffff) << 4) | (al >>> 28);
  let la = (al << 4) >>> 0;
  let ub = ((bh & 0xff_ffff) << 4) | (bl >>> 28);
  let lb = (bl << 4) >>> 0;
  if (ca > cb) {
    const d = ca - cb;
    if (d >= 15) {
      ub = 0;
      lb = 0;
    } else if (d >= 8) {
      lb = ub >>> (4 * d - 32);
      ub = 0;
    } else {
      lb = ((lb >>> (4 * d)) | (ub << (32 - 4 * d))) >>> 0;
      ub >>>= 4 * d;
    }
  } else if (cb > ca) {
    const d = cb - ca;
    if (d >= 15) {
      ua = 0;
      la = 0;
    } else if (d >= 8) {
      la = ua >>> (4 * d - 32);
      ua = 0;
    } else {
      la = ((la >>> (4 * d)) | (ua << (32 - 4 * d))) >>> 0;
      ua >>>= 4 * d;
    }
  }
  cpu.cc = compareCc(ah >>> 31, bh >>> 31, ua, la, ub, lb);
}

// -------------------------------------------------------------------------------------------------
// Halve: the fraction is shifted right one bit into the guard digit, then normalized (the guard
// digit participates); a zero fraction gives a true zero. Exponent underflow as for other results.

/** HER: FPR r1 (short) = FPR r2 / 2. */
export function halveShort(cpu: Cpu, r1: number, v: number): void {
  let f = (v & 0xff_ffff) << 3;
  if (f === 0) {
    cpu.fpr[r1] = 0;
    return;
  }
  let c = (v >>> 24) & 0x7f;
  const d = (Math.clz32(f) - 4) >>> 2;
  f <<= 4 * d;
  c -= d;
  const code = putShort(cpu, r1, v >>> 31, c, f >>> 4);
  if (code !== 0) throw cpu.fault.set(code);
}

/** HDR: FPR r1 (long) = (vh, vl) / 2. */
export function halveLong(cpu: Cpu, r1: number, vh: number, vl: number): void {
  // u: digits 1-7 and l: digits 8-14 plus guard, after the one-bit right shift.
  let u = ((vh & 0xff_ffff) << 3) | (vl >>> 29);
  let l = (vl << 3) >>> 0;
  if (u === 0 && l === 0) {
    cpu.fpr[r1] = 0;
    cpu.fpr[r1 + 1] = 0;
    return;
  }
  let c = (vh >>> 24) & 0x7f;
  while (u === 0) {
    u = l >>> 4;
    l = (l << 28) >>> 0;
    c -= 7;
  }
  const d = (Math.clz32(u) - 4) >>> 2;
  if (d !== 0) {
    u = (u << (4 * d)) | (l >>> (32 - 4 * d));
    l = (l << (4 * d)) >>> 0;
    c -= d;
  }
  const code = putLong(cpu, r1, vh >>> 31, c, u >>> 4, ((u << 28) | (l >>> 4)) >>> 0);
  if (code !== 0) throw cpu.fault.set(code);
}

// -------------------------------------------------------------------------------------------------
// Load Rounded: a one is added to the leftmost bit of the dropped part and the result truncated.
// A carry out of the fraction shifts it right one digit (characteristic + 1); no normalization.

/** LRER: FPR r1 (short) = (vh, vl) rounded. */
export function loadRoundedShort(cpu: Cpu, r1: number, vh: number, vl: number): void {
  let f = (vh & 0xff_ffff) + (vl >>> 31);
  let c = (vh >>> 24) & 0x7f;
  if (f > 0xff_ffff) {
    f = 0x10_0000;
    c++;
  }
  const code = putShort(cpu, r1, vh >>> 31, c, f);
  if (code !== 0) throw cpu.fault.set(code);
}

// -------------------------------------------------------------------------------------------------
// Multiply: both operands are prenormalized; the characteristic is ca + cb - 64; the product
// fraction is normalized (at most one digit) and truncated. A zero fraction in either operand
// gives a true zero with no exception.

/** MER/ME: FPR r1 (long result) = FPR r1 (short) × b (short). */
export function multiplyShortToLong(cpu: Cpu, r1: number, b: number): void {
  const a = cpu.fpr[r1]!;
  let fa = a & 0xff_ffff;
  let fb = b & 0xff_ffff;
  if (fa === 0 || fb === 0) {
    cpu.fpr[r1] = 0;
    cpu.fpr[r1 + 1] = 0;
    return;
  }
  let c = ((a >>> 24) & 0x7f) + ((b >>> 24) & 0x7f) - 64;
  let d = (Math.clz32(fa) - 8) >>> 2;
  fa <<= 4 * d;
  c -= d;
  d = (Math.clz32(fb) - 8) >>> 2;
  fb <<= 4 * d;
  c -= d;
  // 12-digit product, exact in a Number (below 2**48).
  let p = fa * fb;
  if (p < 0x1000_0000_0000) {
    p *= 16;
    c--;
  }
  const high = Math.floor(p / 0x100_0000);
  const low = p - high * 0x100_0000;
  const code = putLong(cpu, r1, (a ^ b) >>> 31, c, high, low * 256);
  if (code !== 0) throw cpu.fault.set(code);
}

/** MDR/MD: FPR r1 (long) = FPR r1 × (bh, bl), product of 14-bit limbs truncated to 14 digits. */
export function multiplyLong(cpu: Cpu, r1: number, bh: number, bl: number): void {
  const fpr = cpu.fpr;
  const ah = fpr[r1]!;
  let xh = ah & 0xff_ffff;
  let xl = fpr[r1 + 1]!;
  let yh = bh & 0xff_ffff;
  let yl = bl;
  if ((xh === 0 && xl === 0) || (yh === 0 && yl === 0)) {
    fpr[r1] = 0;
    fpr[r1 + 1] = 0;
    return;
  }
  let c = ((ah >>> 24) & 0x7f) + ((bh >>> 24) & 0x7f) - 64;
  // Prenormalize both fractions.
  while (xh === 0) {
    xh = xl >>> 8;
    xl = (xl << 24) >>> 0;
    c -= 6;
  }
  let d = (Math.clz32(xh) - 8) >>> 2;
  if (d !== 0) {
    xh = (xh << (4 * d)) | (xl >>> (32 - 4 * d));
    xl = (xl << (4 * d)) >>> 0;
    c -= d;
  }
  while (yh === 0) {
    yh = yl >>> 8;
    yl = (yl << 24) >>> 0;
    c -= 6;
  }
  d = (Math.clz32(yh) - 8) >>> 2;
  if (d !== 0) {
    yh = (yh << (4 * d)) | (yl >>> (32 - 4 * d));
    yl = (yl << (4 * d)) >>> 0;
    c -= d;
  }
  // 14-bit limbs, least significant first.
  const a0 = xl & 0x3fff;
  const a1 = (xl >>> 14) & 0x3fff;
  const a2 = ((xh & 0x3ff) << 4) | (xl >>> 28);
  const a3 = xh >>> 10;
  const b0 = yl & 0x3fff;
  const b1 = (yl >>> 14) & 0x3fff;
  const b2 = ((yh & 0x3ff) << 4) | (yl >>> 28);
  const b3 = yh >>> 10;
  // Column sums stay below 2**31: exact in int32 arithmetic.
  let t = a0 * b0;
  t = (t >>> 14) + a0 * b1 + a1 * b0;
  t = (t >>> 14) + a0 * b2 + a1 * b1 + a2 * b0;
  t = (t >>> 14) + a0 * b3 + a1 * b2 + a2 * b1 + a3 * b0;
  const r3 = t & 0x3fff;
  t = (t >>> 14) + a1 * b3 + a2 * b2 + a3 * b1;
  const r4 = t & 0x3fff;
  t = (t >>> 14) + a2 * b3 + a3 * b2;
  const r5 = t & 0x3fff;
  t = (t >>> 14) + a3 * b3;
  const r6 = t & 0x3fff;
  const r7 = t >>> 14;
  // Product limbs r7..r3 (bits 111-42); limbs 0-2 only carry into them.
  let fh: number;
  let fl: number;
  if (r7 >>> 10 === 0) {
    // Leading digit zero: shift left one digit.
    fh = ((r7 & 0x3ff) << 14) | r6;
    fl = ((r5 << 18) | (r4 << 4) | (r3 >>> 10)) >>> 0;
    c--;
  } else {
    fh = (r7 << 10) | (r6 >>> 4);
    fl = (((r6 & 0xf) << 28) | (r5 << 14) | r4) >>> 0;
  }
  const code = putLong(cpu, r1, (ah ^ bh) >>> 31, c, fh, fl);
  if (code !== 0) throw cpu.fault.set(code);
}

// -------------------------------------------------------------------------------------------------
// Divide: a zero divisor fraction is a floating-point-divide exception (the operation is
// suppressed); a zero dividend fraction gives a true zero. Both operands are prenormalized; when
// the dividend fraction is not less than the divisor's, it is shifted right one digit
// (characteristic + 1); the characteristic is ca - cb + 64 and the quotient is truncated.

/** DER/DE: FPR r1 (short) = FPR r1 / b. */
export function divideShort(cpu: Cpu, r1: number, b: number): void {
  let fb = b & 0xff_ffff;
  if (fb === 0) throw cpu.fault.set(ProgramCode.floatingPointDivide);
  const a = cpu.fpr[r1]!;
  let fa = a & 0xff_ffff;
  if (fa === 0) {
    cpu.fpr[r1] = 0;
    return;
  }
  let c = ((a >>> 24) & 0x7f) - ((b >>> 24) & 0x7f) + 64;
  let d = (Math.clz32(fa) - 8) >>> 2;
  fa <<= 4 * d;
  c -= d;
  d = (Math.clz32(fb) - 8) >>> 2;
  fb <<= 4 * d;
  c += d;
  // The dividend scaled by 16**6 (or 16**5 after the one-digit shift) stays below 2**53, and the
  // quotient below 2**24: the Number division's floor is the exact truncated quotient.
  let n: number;
  if (fa >= fb) {
    n = fa * 0x10_0000;
    c++;
  } else {
    n = fa * 0x100_0000;
  }
  const q = Math.floor(n / fb);
  const code = putShort(cpu, r1, (a ^ b) >>> 31, c, q);
  if (code !== 0) throw cpu.fault.set(code);
}

/** DDR/DD: FPR r1 (long) = FPR r1 / (bh, bl), by restoring binary division (56 quotient bits). */
export function divideLong(cpu: Cpu, r1: number, bh: number, bl: number): void {
  const fpr = cpu.fpr;
  let vh = bh & 0xff_ffff;
  let vl = bl;
  if (vh === 0 && vl === 0) throw cpu.fault.set(ProgramCode.floatingPointDivide);
  const ah = fpr[r1]!;
  let rh = ah & 0xff_ffff;
  let rl = fpr[r1 + 1]!;
  if (rh === 0 && rl === 0) {
    fpr[r1] = 0;
    fpr[r1 + 1] = 0;
    return;
  }
  let c = ((ah >>> 24) & 0x7f) - ((bh >>> 24) & 0x7f) + 64;
  while (rh === 0) {
    rh = rl >>> 8;
    rl = (rl << 24) >>> 0;
    c -= 6;
  }
  let d = (Math.clz32(rh) - 8) >>> 2;
  if (d !== 0) {
    rh = (rh << (4 * d)) | (rl >>> (32 - 4 * d));
    rl = (rl << (4 * d)) >>> 0;
    c -= d;
  }
  while (vh === 0) {
    vh = vl >>> 8;
    vl = (vl << 24) >>> 0;
    c += 6;
  }
  d = (Math.clz32(vh) - 8) >>> 2;
  if (d !== 0) {
    vh = (vh << (4 * d)) | (vl >>> (32 - 4 * d));
    vl = (vl << (4 * d)) >>> 0;
    c += d;
  }
  if (rh > vh || (rh === vh && rl >= vl)) {
    // Dividend fraction not less than the divisor's: divide by 16 × divisor instead.
    vh = (vh << 4) | (vl >>> 28);
    vl = (vl << 4) >>> 0;
    c++;
  }
  let qh = 0;
  let ql = 0;
  for (let i = 0; i < 56; i++) {
    rh = rh * 2 + (rl >>> 31);
    rl = (rl << 1) >>> 0;
    let bit = 0;
    if (rh > vh || (rh === vh && rl >= vl)) {
      rl -= vl;
      rh -= vh;
      if (rl < 0) {
        rl += TWO32;
        rh--;
      }
      bit = 1;
    }
    if (i < 24) qh = qh * 2 + bit;
    else ql = ql * 2 + bit;
  }
  const code = putLong(cpu, r1, (ah ^ bh) >>> 31, c, qh, ql);
  if (code !== 0) throw cpu.fault.set(code);
}
