import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  checkLogonPassword, clearPasswordsEqual, compileDirectory, compiledToJson, DEFAULT_SCRYPT, findMinidisk, findUser,
  hashPassword, parseUserDirect, readCompiledDirectory, storeDiskPassword, storeLogonPassword, verifyPassword,
  type PasswordHash, type ScryptParams,
} from '../../../src/cp/directory/index.ts';

/** A cheap cost for tests that hash many passwords; one test below uses the default. */
const FAST: ScryptParams = { N: 1024, r: 8, p: 1 };

describe('password hashes', () => {
  it('verify accepts the password and refuses any other', () => {
    const h = hashPassword('SECRET', FAST);
    expect(verifyPassword(h, 'SECRET')).toBe(true);
    expect(verifyPassword(h, 'SECRET2')).toBe(false);
    expect(verifyPassword(h, '')).toBe(false);
  });

  it('compares in upper case, as CP translates what a user types', () => {
    expect(verifyPassword(hashPassword('cpcms', FAST), 'CPCMS')).toBe(true);
    expect(verifyPassword(hashPassword('CPCMS', FAST), 'cpcms')).toBe(true);
  });

  it('each hash has its own random salt, so equal passwords give different records', () => {
    const a = hashPassword('SAME', FAST);
    const b = hashPassword('SAME', FAST);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(Buffer.from(a.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(a.hash, 'base64')).toHaveLength(32);
  });

  it('the record holds the scrypt parameters, and the default cost is N=16384 r=8 p=1', () => {
    const h = hashPassword('SECRET');
    expect([h.kind, h.N, h.r, h.p]).toEqual(['scrypt', 16384, 8, 1]);
    expect(DEFAULT_SCRYPT).toEqual({ N: 16384, r: 8, p: 1 });
    expect(verifyPassword(h, 'SECRET')).toBe(true);
  });

  it('a tampered or hostile record never verifies (and is not run with huge parameters)', () => {
    const h = hashPassword('SECRET', FAST);
    expect(verifyPassword({ ...h, hash: Buffer.alloc(32).toString('base64') }, 'SECRET')).toBe(false);
    expect(verifyPassword({ ...h, hash: 'c2hvcnQ=' }, 'SECRET')).toBe(false);
    expect(verifyPassword({ ...h, N: 1 << 30 }, 'SECRET')).toBe(false);
    expect(verifyPassword({ ...h, N: 1000 }, 'SECRET')).toBe(false);
    expect(verifyPassword({ kind: 'md5' } as unknown as PasswordHash, 'SECRET')).toBe(false);
    expect(() => hashPassword('X', { N: 3, r: 8, p: 1 })).toThrow('scrypt parameters out of range');
  });

  it('NOLOG: the user cannot log on, whatever is typed', () => {
    const stored = storeLogonPassword('NOLOG', FAST);
    expect(stored).toEqual({ kind: 'nolog' });
    expect(checkLogonPassword(stored, 'NOLOG')).toBe('nolog');
    expect(checkLogonPassword(stored, '')).toBe('nolog');
  });

  it('a logon password is checked against its hash', () => {
    const stored = storeLogonPassword('CPCMS', FAST);
    expect(checkLogonPassword(stored, 'CPCMS')).toBe('ok');
    expect(checkLogonPassword(stored, 'OPERATOR')).toBe('incorrect');
  });

  it('ALL: a minidisk password that is no password', () => {
    expect(storeDiskPassword('ALL', FAST)).toEqual({ kind: 'all' });
    expect(storeDiskPassword('all', FAST)).toEqual({ kind: 'all' });
    expect(storeDiskPassword('READ', FAST).kind).toBe('scrypt');
  });

  it('clear passwords of the source form compare in constant time, case-blind', () => {
    expect(clearPasswordsEqual('Rpass', 'RPASS')).toBe(true);
    expect(clearPasswordsEqual('RPASS', 'RPAS')).toBe(false);
    expect(clearPasswordsEqual('RPASS', 'RPASSX')).toBe(false);
    expect(clearPasswordsEqual('', '')).toBe(true);
  });
});

describe('the compiled directory', () => {
  const source = readFileSync(new URL('./fixtures/r6-sample.direct', import.meta.url), 'utf8');
  const directory = parseUserDirect(source).directory!;
  const compiled = compileDirectory(directory, { scrypt: FAST });
  const json = compiledToJson(compiled);

  /** Every clear password the sample's administrator wrote, except the markers NOLOG and ALL. */
  const clear = new Set<string>();
  for (const u of directory.users) {
    if (u.password !== 'NOLOG') clear.add(u.password);
    for (const m of u.mdisks) for (const p of Object.values(m.passwords)) if (p && p !== 'ALL') clear.add(p);
  }

  it('has no clear password anywhere in it', () => {
    expect([...clear]).toEqual(expect.arrayContaining(['CPCMS', 'MAINTRD', 'MAINTWR', 'MAINTMX', 'SYSWRITE', 'RPASS', 'WPASS', 'CMSWRITE', 'PASSWORD']));
    const userids = new Set(directory.users.map((u) => u.userid));
    for (const pw of clear) {
      // Where the password equals the userid (GUEST GUEST) the userid itself is public; look for it as a value only.
      if (userids.has(pw)) {
        expect(json).not.toMatch(new RegExp(`"(?!userid|owner)[a-z]+": "${pw}"`));
      } else {
        expect(json, `clear password ${pw} found in the compiled directory`).not.toContain(pw);
      }
    }
    expect(json).not.toMatch(/"password"/);
  });

  it('stores every logon password as a salted hash, NOLOG as a marker', () => {
    expect(findUser(compiled, '$ALLOC$')!.logon).toEqual({ kind: 'nolog' });
    const maint = findUser(compiled, 'maint')!;
    expect(maint.logon.kind).toBe('scrypt');
    expect(checkLogonPassword(maint.logon, 'CPCMS')).toBe('ok');
    expect(checkLogonPassword(maint.logon, 'CMSUSER')).toBe('incorrect');
  });

  it('stores minidisk read/write/multi passwords as hashes, ALL as a marker', () => {
    const d190 = findMinidisk(findUser(compiled, 'MAINT')!, 0x190)!;
    expect(d190.passwords.read).toEqual({ kind: 'all' });
    expect(verifyPassword(d190.passwords.write as PasswordHash, 'SYSWRITE')).toBe(true);
    expect(verifyPassword(d190.passwords.multi as PasswordHash, 'SYSMULT')).toBe(true);
    expect(verifyPassword(d190.passwords.multi as PasswordHash, 'SYSWRITE')).toBe(false);
    const op = findMinidisk(findUser(compiled, 'OPERATOR')!, 0x191)!;
    expect(Object.keys(op.passwords)).toEqual(['read', 'write']);
  });

  it('salts are never reused within a directory', () => {
    const salts = json.match(/"salt": "[^"]+"/g)!;
    expect(salts.length).toBeGreaterThan(10);
    expect(new Set(salts).size).toBe(salts.length);
  });

  it('keeps everything else of the entry', () => {
    const os = findUser(compiled, 'OSVS1')!;
    expect(os.options.cpuid).toBe('012345');
    expect(os.dedicate).toHaveLength(4);
    expect(os).not.toHaveProperty('line');
    expect(findUser(compiled, 'CMSUSER')!.ipl).toEqual({ target: 'CMS', kind: 'system', parm: 'AUTOCR' });
  });

  it('reads back from JSON', () => {
    const back = readCompiledDirectory(json);
    expect(back).toEqual(JSON.parse(json));
    expect(checkLogonPassword(findUser(back, 'OPERATOR')!.logon, 'OPERATOR')).toBe('ok');
  });

  it('refuses a compiled directory with a clear or malformed password, naming the field', () => {
    const data = JSON.parse(json);
    data.users[2].logon = { kind: 'clear', value: 'CPCMS' };
    expect(() => readCompiledDirectory(JSON.stringify(data))).toThrow('users[2].logon: not a password hash or NOLOG');
    const data2 = JSON.parse(json);
    data2.users[2].mdisks[0].passwords.write = 'SYSWRITE';
    expect(() => readCompiledDirectory(JSON.stringify(data2))).toThrow('users[2].mdisks[0].passwords.write: not a password hash or ALL');
    expect(() => readCompiledDirectory('{"format":"other"}')).toThrow("format: expected 'vm370-directory'");
    expect(() => readCompiledDirectory('not json')).toThrow('compiled directory is not JSON');
  });
});
