// Nominal values of the numeric DC types: decimal numbers with a point and an exponent, converted
// exactly (BigInt rationals) to fixed-point binary (F, H) and hexadecimal floating point (E, D, L)
// as System/370 Principles of Operation, "Floating-Point Instructions: data format" defines it.

export interface DecimalNumber {
  negative: boolean;
  /** All digits, point removed. */
  digits: bigint;
  /** Value = digits × 10^exponent. */
  exponent: number;
  /** Number of digits written after the point (the scale attribute of P and Z constants). */
  fractionDigits: number;
  /** Number of digits written. */
  digitCount: number;
}

const NUMBER = /^([+-]?)(\d*)(?:\.(\d*))?(?:[Ee]([+-]?\d+))?$/;

/** Parses '+12.5E-3' and the like; undefined if malformed. */
export function parseDecimal(text: string): DecimalNumber | undefined {
  const m = NUMBER.exec(text.trim());
  if (!m) return undefined;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (int.length + frac.length === 0) return undefined;
  const exp = m[4] ? Number(m[4]) : 0;
  if (!Number.isFinite(exp) || Math.abs(exp) > 400) return undefined;
  return {
    negative: m[1] === '-',
    digits: BigInt(int + frac || '0'),
    exponent: exp - frac.length,
    fractionDigits: frac.length,
    digitCount: int.length + frac.length,
  };
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** The rational value num/den of a decimal number times 10^extraExponent × 2^binaryScale (magnitude). */
function rational(d: DecimalNumber, extraExponent: number, binaryScale: number): [bigint, bigint] {
  let num = d.digits;
  let den = 1n;
  const e = d.exponent + extraExponent;
  if (e >= 0) num *= pow10(e);
  else den = pow10(-e);
  if (binaryScale >= 0) num <<= BigInt(binaryScale);
  else den <<= BigInt(-binaryScale);
  return [num, den];
}

/**
 * Fixed-point value for F/H constants: the number times 10^exponentModifier × 2^scale, rounded to the
 * nearest integer (halves away from zero). Returns a BigInt (signed).
 */
export function fixedValue(d: DecimalNumber, exponentModifier: number, scale: number): bigint {
  const [num, den] = rational(d, exponentModifier, scale);
  const q = (2n * num + den) / (2n * den);
  return d.negative ? -q : q;
}

/** Bytes of a signed integer in `length` bytes (two's complement), or undefined if it does not fit. */
export function twosComplement(v: bigint, length: number): Uint8Array | undefined {
  const bits = BigInt(length * 8);
  const min = -(1n << (bits - 1n));
  const max = (1n << (bits - 1n)) - 1n;
  if (v < min || v > max) return undefined;
  let u = v < 0n ? (1n << bits) + v : v;
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(u & 0xffn);
    u >>= 8n;
  }
  return out;
}

export type FloatResult = { bytes: Uint8Array } | { error: 'IEV064' | 'IEV070' };

/**
 * Hexadecimal floating point: E (4 bytes, 6 hex digits), D (8, 14 digits), L (16: two longs, the low-order
 * characteristic 14 less than the high-order). The fraction is rounded to the nearest digit. A scale
 * modifier unnormalizes by that many hex digits.
 */
export function hexFloat(d: DecimalNumber, length: number, exponentModifier: number, scale: number): FloatResult {
  const digitsTotal = length >= 9 ? 28 : length > 4 ? 14 : 6;
  const [num, den] = rational(d, exponentModifier, 0);
  const out = new Uint8Array(length);
  if (num === 0n) {
    if (d.negative && length <= 8) out[0] = 0x80;
    return { bytes: out };
  }
  // Find e with 16^(e-1) <= num/den < 16^e.
  let e = Math.floor((bitLength(num) - bitLength(den)) / 4);
  while (cmpScaled(num, den, e) >= 0) e++; // value >= 16^e
  while (cmpScaled(num, den, e - 1) < 0) e--; // value < 16^(e-1)
  if (scale < 0 || scale >= digitsTotal) return { error: 'IEV070' };
  const shift = digitsTotal - scale; // hex digits of fraction kept
  e += scale;
  // fraction = value / 16^e; keep `shift` digits... computed as round(value * 16^(shift-e)).
  const p = shift - e;
  let n = num;
  let dd = den;
  if (p >= 0) n <<= BigInt(4 * p);
  else dd <<= BigInt(-4 * p);
  let f = (2n * n + dd) / (2n * dd);
  const full = 1n << BigInt(4 * digitsTotal);
  if (f >= full) {
    f >>= 4n;
    e++;
  }
  const characteristic = e + 64;
  if (characteristic < 0 || characteristic > 127) return { error: 'IEV064' };
  const sign = d.negative ? 0x80 : 0;
  if (length >= 9) {
    const high = f >> 56n;
    const low = f & ((1n << 56n) - 1n);
    writeLong(out, 0, sign | characteristic, high);
    writeLong(out, 8, sign | ((characteristic - 14) & 0x7f), low);
    // Only the first `length` bytes are kept when an explicit length is shorter than 16.
    return { bytes: out.subarray(0, length) };
  }
  const bytesLen = length > 4 ? 8 : 4;
  const full8 = new Uint8Array(bytesLen);
  writeFraction(full8, sign | characteristic, f, bytesLen);
  // An explicit length shorter than the type's keeps the leftmost bytes.
  return { bytes: full8.subarray(0, length).slice() };
}

function writeLong(out: Uint8Array, at: number, first: number, fraction: bigint): void {
  out[at] = first;
  let f = fraction;
  for (let i = 7; i >= 1; i--) {
    out[at + i] = Number(f & 0xffn);
    f >>= 8n;
  }
}

function writeFraction(out: Uint8Array, first: number, fraction: bigint, length: number): void {
  out[0] = first;
  let f = fraction;
  for (let i = length - 1; i >= 1; i--) {
    out[i] = Number(f & 0xffn);
    f >>= 8n;
  }
}

function bitLength(n: bigint): number {
  return n.toString(2).length;
}

/** Compares num/den with 16^e. */
function cmpScaled(num: bigint, den: bigint, e: number): number {
  let a = num;
  let b = den;
  if (e >= 0) b <<= BigInt(4 * e);
  else a <<= BigInt(-4 * e);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Packed decimal: digits and a sign nibble (C plus, D minus), padded or truncated on the left. */
export function packed(d: DecimalNumber, length: number | undefined): Uint8Array {
  const digits = d.digits.toString().padStart(d.digitCount, '0');
  const nibbles = [...digits].map(Number);
  nibbles.push(d.negative ? 0xd : 0xc);
  if (nibbles.length % 2) nibbles.unshift(0);
  const natural = nibbles.length / 2;
  const len = length ?? natural;
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) {
    const k = natural - len + i;
    if (k < 0) continue;
    out[i] = (nibbles[2 * k] << 4) | nibbles[2 * k + 1];
  }
  return out;
}

/** Zoned decimal: F0-F9 per digit, the last digit's zone C (plus) or D (minus). */
export function zoned(d: DecimalNumber, length: number | undefined): Uint8Array {
  const digits = d.digits.toString().padStart(d.digitCount, '0');
  const natural = digits.length;
  const len = length ?? natural;
  const out = new Uint8Array(len).fill(0xf0);
  for (let i = 0; i < len; i++) {
    const k = natural - len + i;
    if (k >= 0) out[i] = 0xf0 | Number(digits[k]);
  }
  if (len > 0) out[len - 1] = ((d.negative ? 0xd : 0xc) << 4) | (out[len - 1] & 0x0f);
  return out;
}

/** Implied length of a packed constant. */
export function packedLength(d: DecimalNumber): number {
  return Math.floor(d.digitCount / 2) + 1;
}
