// Passwords as CP keeps them. The administrator writes clear passwords in USER DIRECT, as on a real
// VM/370 where DIRECT compiled them into the object directory; here every file the system writes
// holds a salted scrypt hash instead (node:crypto scryptSync, a fresh random salt per password),
// and checks compare in constant time. CP translates what a user types to upper case, so passwords
// are compared in upper case.
//
// Special values (GC20-1801-10): the logon password NOLOG means the user cannot log on; the
// minidisk password ALL means any user may link in that mode without a password.

import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { NOLOG, PASSWORD_ALL } from './types.ts';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
}

/** 2^14: about 50 ms per hash on a current machine. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 16384, r: 8, p: 1 };

/** Parameters a stored hash may ask for; larger ones are refused rather than run. */
const LIMITS = { maxN: 1 << 20, maxR: 16, maxP: 4, maxMemory: 256 * 1024 * 1024 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;

export interface PasswordHash {
  kind: 'scrypt';
  N: number;
  r: number;
  p: number;
  /** base64 */
  salt: string;
  /** base64 */
  hash: string;
}

/** A logon password as stored: a hash, or NOLOG. */
export type StoredLogonPassword = PasswordHash | { kind: 'nolog' };

/** A minidisk password as stored: a hash, or ALL. An absent password means no one may link in that mode. */
export type StoredDiskPassword = PasswordHash | { kind: 'all' };

export function normalizePassword(clear: string): string {
  return clear.toUpperCase();
}

export function hashPassword(clear: string, params: ScryptParams = DEFAULT_SCRYPT): PasswordHash {
  checkParams(params);
  const salt = randomBytes(SALT_BYTES);
  const hash = derive(normalizePassword(clear), salt, params);
  return { kind: 'scrypt', N: params.N, r: params.r, p: params.p, salt: salt.toString('base64'), hash: hash.toString('base64') };
}

/** True when `clear` is the password the hash was made from. Constant time in the comparison. */
export function verifyPassword(stored: PasswordHash, clear: string): boolean {
  if (!isPasswordHash(stored)) return false;
  const expected = Buffer.from(stored.hash, 'base64');
  const salt = Buffer.from(stored.salt, 'base64');
  if (expected.length !== KEY_BYTES || salt.length === 0) return false;
  const actual = derive(normalizePassword(clear), salt, stored);
  return timingSafeEqual(actual, expected);
}

export function storeLogonPassword(clear: string, params?: ScryptParams): StoredLogonPassword {
  return normalizePassword(clear) === NOLOG ? { kind: 'nolog' } : hashPassword(clear, params);
}

export function storeDiskPassword(clear: string, params?: ScryptParams): StoredDiskPassword {
  return normalizePassword(clear) === PASSWORD_ALL ? { kind: 'all' } : hashPassword(clear, params);
}

export type LogonCheck = 'ok' | 'nolog' | 'incorrect';

export function checkLogonPassword(stored: StoredLogonPassword, supplied: string): LogonCheck {
  if (stored.kind === 'nolog') return 'nolog';
  return verifyPassword(stored, supplied) ? 'ok' : 'incorrect';
}

/** Compares two clear strings in constant time (for the source form, before hashing). */
export function clearPasswordsEqual(a: string, b: string): boolean {
  const x = Buffer.from(normalizePassword(a));
  const y = Buffer.from(normalizePassword(b));
  // timingSafeEqual needs equal lengths; compare a padded copy so the time does not depend on the content.
  const n = Math.max(x.length, y.length, 8);
  const px = Buffer.alloc(n);
  const py = Buffer.alloc(n);
  x.copy(px);
  y.copy(py);
  return timingSafeEqual(px, py) && x.length === y.length;
}

export function isPasswordHash(v: unknown): v is PasswordHash {
  if (typeof v !== 'object' || v === null) return false;
  const h = v as Record<string, unknown>;
  return h.kind === 'scrypt' && typeof h.salt === 'string' && typeof h.hash === 'string'
    && typeof h.N === 'number' && typeof h.r === 'number' && typeof h.p === 'number'
    && paramsWithinLimits({ N: h.N, r: h.r, p: h.p });
}

function paramsWithinLimits(p: ScryptParams): boolean {
  return Number.isInteger(p.N) && p.N >= 2 && p.N <= LIMITS.maxN && (p.N & (p.N - 1)) === 0
    && Number.isInteger(p.r) && p.r >= 1 && p.r <= LIMITS.maxR
    && Number.isInteger(p.p) && p.p >= 1 && p.p <= LIMITS.maxP
    && 128 * p.N * p.r <= LIMITS.maxMemory;
}

function checkParams(p: ScryptParams): void {
  if (!paramsWithinLimits(p)) throw new Error(`scrypt parameters out of range: N=${p.N} r=${p.r} p=${p.p}`);
}

function derive(clear: string, salt: Buffer, p: ScryptParams): Buffer {
  return scryptSync(clear, salt, KEY_BYTES, { N: p.N, r: p.r, p: p.p, maxmem: 2 * LIMITS.maxMemory });
}
