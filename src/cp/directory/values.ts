// Operand values of directory statements. Each parser returns the value or a message saying what
// is wrong with the operand; statements.ts puts the line number to it.

import { ACCESS_MODES, PRIVILEGE_CLASSES, type AccessMode, type ModeSpec, type PrivilegeClass } from './types.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** Largest virtual storage of a System/370 virtual machine under VM/370 (24-bit addresses). */
export const MAX_VIRTUAL_STORAGE = 16 * 1024 * 1024;

/** A virtual or real device address: one to three hexadecimal digits (X'000'-X'FFF'). */
export function parseAddress(word: string | undefined, what = 'device address'): Parsed<number> {
  if (word === undefined) return bad(`${what} missing`);
  if (!/^[0-9A-F]{1,3}$/.test(word)) return bad(`${what} '${word}' is not 1 to 3 hexadecimal digits`);
  return ok(parseInt(word, 16));
}

/**
 * A storage size: a number of bytes with a K (1024) or M (1048576) suffix, e.g. 512K, 1M, 15M, in
 * whole 4K pages, from 4K up to 16M. A bare number is kilobytes, as the R6 examples write 256K.
 */
export function parseStorageSize(word: string | undefined, what = 'storage size'): Parsed<number> {
  if (word === undefined) return bad(`${what} missing`);
  const m = /^(\d{1,8})([KM]?)$/.exec(word);
  if (!m) return bad(`${what} '${word}' is not a number of K or M (for example 512K or 15M)`);
  const bytes = Number(m[1]) * (m[2] === 'M' ? 1024 * 1024 : 1024);
  if (bytes === 0) return bad(`${what} '${word}' is zero`);
  if (bytes % 4096 !== 0) return bad(`${what} '${word}' is not a multiple of 4K`);
  if (bytes > MAX_VIRTUAL_STORAGE) return bad(`${what} '${word}' is larger than 16M`);
  return ok(bytes);
}

/** Bytes as the directory writes them: M when whole megabytes, else K. */
export function formatStorageSize(bytes: number): string {
  const mb = 1024 * 1024;
  return bytes % mb === 0 ? `${bytes / mb}M` : `${bytes / 1024}K`;
}

/** A privilege class string such as G or ABCDEFG: each letter A-H, none twice. */
export function parseClasses(word: string): Parsed<PrivilegeClass[]> {
  const seen = new Set<string>();
  for (const ch of word) {
    if (!Object.hasOwn(PRIVILEGE_CLASSES, ch)) return bad(`privilege class '${ch}' in '${word}' is not one of A-H`);
    if (seen.has(ch)) return bad(`privilege class '${ch}' appears twice in '${word}'`);
    seen.add(ch);
  }
  return ok([...word].sort() as PrivilegeClass[]);
}

/** An access mode: R RR W WR M MR MW, optionally followed by V (virtual reserve/release). */
export function parseMode(word: string | undefined): Parsed<ModeSpec> {
  if (word === undefined) return bad('access mode missing');
  const virtualReserve = word.length > 1 && word.endsWith('V');
  const base = virtualReserve ? word.slice(0, -1) : word;
  if (!(ACCESS_MODES as readonly string[]).includes(base)) {
    return bad(`access mode '${word}' is not one of ${ACCESS_MODES.join(' ')} (optionally followed by V)`);
  }
  return ok({ mode: base as AccessMode, virtualReserve });
}

export function formatMode(m: ModeSpec): string {
  return m.mode + (m.virtualReserve ? 'V' : '');
}

/** A userid: 1 to 8 of A-Z 0-9 $ # @ (the system's pseudo-users such as $ALLOC$ use $). */
export function parseUserid(word: string | undefined): Parsed<string> {
  if (word === undefined) return bad('userid missing');
  if (!/^[A-Z0-9$#@]{1,8}$/.test(word)) return bad(`userid '${word}' is not 1 to 8 of A-Z 0-9 $ # @`);
  return ok(word);
}

/** A password: 1 to 8 characters, no blanks (the token splitter already ensures that). */
export function parsePassword(word: string | undefined, what = 'password'): Parsed<string> {
  if (word === undefined) return bad(`${what} missing`);
  if (word.length > 8) return bad(`${what} is longer than 8 characters`);
  return ok(word);
}

/**
 * A volume serial: 1 to 6 alphameric characters. VM/370 Community Edition volumes use a hyphen
 * (VM50-1), which CP accepts, so - is allowed too.
 */
export function parseVolser(word: string | undefined): Parsed<string> {
  if (word === undefined) return bad('volume serial missing');
  if (!/^[A-Z0-9$#@-]{1,6}$/.test(word)) return bad(`volume serial '${word}' is not 1 to 6 alphameric characters`);
  return ok(word);
}

/** A decimal number of at most `digits` digits within [min, max]. */
export function parseDecimal(word: string | undefined, what: string, digits: number, min: number, max: number): Parsed<number> {
  if (word === undefined) return bad(`${what} missing`);
  if (!new RegExp(`^\\d{1,${digits}}$`).test(word)) return bad(`${what} '${word}' is not a decimal number of 1 to ${digits} digits`);
  const n = Number(word);
  if (n < min || n > max) return bad(`${what} ${n} is outside ${min}-${max}`);
  return ok(n);
}

/** A keyword with its shortest accepted abbreviation: isAbbrev('DIR', 'DIRECTORY', 3). */
export function isAbbrev(word: string, keyword: string, minimum: number): boolean {
  return word.length >= minimum && word.length <= keyword.length && keyword.startsWith(word);
}
