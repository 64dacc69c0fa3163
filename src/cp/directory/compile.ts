// The compiled directory: what DIRECT would write to the directory volume, here a JSON document CP
// loads at IPL. It is the parsed directory with every password replaced by its salted scrypt hash
// (passwords.ts): no clear password appears in it. NOLOG and ALL stay as markers.

import {
  DEFAULT_SCRYPT, isPasswordHash, storeDiskPassword, storeLogonPassword, type ScryptParams, type StoredDiskPassword,
  type StoredLogonPassword,
} from './passwords.ts';
import type {
  AccountInfo, ConsoleSpec, DedicatedDevice, Directory, IplSpec, LinkStatement, Minidisk, MinidiskPasswords,
  UserEntry, SpecialDevice, SpoolDevice,
} from './types.ts';

export const COMPILED_FORMAT = 'vm370-directory';
export const COMPILED_VERSION = 1;

type WithoutLine<T> = Omit<T, 'line'>;

export interface CompiledMinidisk extends WithoutLine<Omit<Minidisk, 'passwords'>> {
  passwords: MinidiskPasswords<StoredDiskPassword>;
}

export interface CompiledUser extends WithoutLine<Omit<UserEntry,
  'password' | 'mdisks' | 'account' | 'ipl' | 'console' | 'spool' | 'special' | 'dedicate' | 'links'>> {
  logon: StoredLogonPassword;
  account?: WithoutLine<AccountInfo>;
  ipl?: WithoutLine<IplSpec>;
  console?: WithoutLine<ConsoleSpec>;
  spool: WithoutLine<SpoolDevice>[];
  special: WithoutLine<SpecialDevice>[];
  dedicate: WithoutLine<DedicatedDevice>[];
  links: WithoutLine<LinkStatement>[];
  mdisks: CompiledMinidisk[];
}

export interface CompiledDirectory {
  format: typeof COMPILED_FORMAT;
  version: typeof COMPILED_VERSION;
  location: { vaddr: number; devtype: string; volser: string };
  users: CompiledUser[];
}

export interface CompileOptions {
  scrypt?: ScryptParams;
}

function stripLine<T extends { line: number }>(item: T): WithoutLine<T> {
  const { line: _line, ...rest } = item;
  return rest;
}

export function compileDirectory(directory: Directory, options: CompileOptions = {}): CompiledDirectory {
  const params = options.scrypt ?? DEFAULT_SCRYPT;
  return {
    format: COMPILED_FORMAT,
    version: COMPILED_VERSION,
    location: { vaddr: directory.location.vaddr, devtype: directory.location.devtype, volser: directory.location.volser },
    users: directory.users.map((u) => compileUser(u, params)),
  };
}

function compileUser(u: UserEntry, params: ScryptParams): CompiledUser {
  const { password, line: _line, mdisks, account, ipl, console, spool, special, dedicate, links, ...rest } = u;
  return {
    ...rest,
    classes: [...rest.classes],
    lineEditing: { ...rest.lineEditing },
    options: { ...rest.options },
    logon: storeLogonPassword(password, params),
    account: account && stripLine(account),
    ipl: ipl && stripLine(ipl),
    console: console && stripLine(console),
    spool: spool.map(stripLine),
    special: special.map(stripLine),
    dedicate: dedicate.map(stripLine),
    links: links.map((l) => ({ ...stripLine(l), mode: { ...l.mode } })),
    mdisks: mdisks.map((m) => compileMinidisk(m, params)),
  };
}

function compileMinidisk(m: Minidisk, params: ScryptParams): CompiledMinidisk {
  const { passwords, line: _line, ...rest } = m;
  const stored: MinidiskPasswords<StoredDiskPassword> = {};
  for (const which of ['read', 'write', 'multi'] as const) {
    const clear = passwords[which];
    if (clear !== undefined) stored[which] = storeDiskPassword(clear, params);
  }
  return { ...rest, extent: { ...rest.extent }, mode: { ...rest.mode }, passwords: stored };
}

export function compiledToJson(compiled: CompiledDirectory): string {
  return JSON.stringify(compiled, null, 2) + '\n';
}

/**
 * Reads a compiled directory back, checking its shape and every password record. Throws an Error
 * naming the first field that is wrong.
 */
export function readCompiledDirectory(json: string): CompiledDirectory {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new Error(`compiled directory is not JSON: ${(e as Error).message}`);
  }
  const d = data as Partial<CompiledDirectory>;
  if (typeof d !== 'object' || d === null || d.format !== COMPILED_FORMAT) throw new Error(`format: expected '${COMPILED_FORMAT}'`);
  if (d.version !== COMPILED_VERSION) throw new Error(`version: expected ${COMPILED_VERSION}, found ${String(d.version)}`);
  if (!d.location || typeof d.location.volser !== 'string') throw new Error('location: missing');
  if (!Array.isArray(d.users)) throw new Error('users: expected an array');
  d.users.forEach((u, i) => {
    const at = `users[${i}]`;
    if (typeof u?.userid !== 'string') throw new Error(`${at}.userid: missing`);
    if (!(u.logon?.kind === 'nolog' || isPasswordHash(u.logon))) throw new Error(`${at}.logon: not a password hash or NOLOG`);
    if (!Array.isArray(u.mdisks)) throw new Error(`${at}.mdisks: expected an array`);
    u.mdisks.forEach((m, j) => {
      for (const which of ['read', 'write', 'multi'] as const) {
        const p = m.passwords?.[which];
        if (p !== undefined && !(p.kind === 'all' || isPasswordHash(p))) {
          throw new Error(`${at}.mdisks[${j}].passwords.${which}: not a password hash or ALL`);
        }
      }
    });
    for (const list of ['spool', 'special', 'dedicate', 'links'] as const) {
      if (!Array.isArray(u[list])) throw new Error(`${at}.${list}: expected an array`);
    }
  });
  return d as CompiledDirectory;
}

export function findUser(directory: CompiledDirectory, userid: string): CompiledUser | undefined {
  const id = userid.toUpperCase();
  return directory.users.find((u) => u.userid === id);
}

export function findMinidisk(user: CompiledUser, vaddr: number): CompiledMinidisk | undefined {
  return user.mdisks.find((m) => m.vaddr === vaddr);
}
