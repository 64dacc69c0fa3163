import { describe, expect, it } from 'vitest';
import { CMSSEG_ADDRESS, generateDefaultSystem, parseSystemConfig, volumesOf } from '../../../src/cp/config/index.ts';
import {
  checkLogonPassword, compileDirectory, compiledToJson, findUser, parseUserDirect, type UserEntry,
} from '../../../src/cp/directory/index.ts';

/** The files of ../shared/vm370r6, given as a listing so the tests do not need the folder. */
const R6_FILES = [
  'CMS.segment', 'CMSSEG.segment', 'LISTINGS.txt', 'README.md', 'cmsuser-191.ckd.gz', 'cmsuser-192.ckd.gz',
  'cmsuser-193.ckd.gz', 'cmsuser-194.ckd.gz', 'cmsuser-195.ckd.gz', 'gcccms-201.ckd.gz', 'gcccms-202.ckd.gz',
  'maint-19d.ckd.gz',
];

const M = 1024 * 1024;

function user(users: readonly UserEntry[], id: string): UserEntry {
  const u = users.find((x) => x.userid === id);
  if (!u) throw new Error(`no user ${id}`);
  return u;
}

describe('the default system without IBM material', () => {
  const sys = generateDefaultSystem({ dataDir: '/data/vm' });

  it('the configuration file is valid and reads back as the same configuration', () => {
    const back = parseSystemConfig(sys.configJson);
    expect(back.ok && back.config).toEqual(sys.config);
  });

  it('has a 3350 system volume of 50 cylinders, the standard unit record devices and a tn3270 pool', () => {
    expect(sys.config.dasd).toEqual([{ volser: 'VMSRES', type: '3350', address: 0x130, image: 'dasd/vmsres.3350', cylinders: 50, readOnly: false }]);
    expect(sys.config.unitRecord.map((u) => [u.address, u.type])).toEqual([[0x00c, '2540R'], [0x00d, '2540P'], [0x00e, '1403']]);
    expect(sys.config.terminals.tn3270).toEqual({ host: '127.0.0.1', port: 3270, first: 0x0c0, last: 0x0df });
    expect(sys.config.savedSystems).toEqual([]);
  });

  it('the USER DIRECT text parses with no errors or warnings against the configured volumes', () => {
    const r = parseUserDirect(sys.userDirect, { volumes: volumesOf(sys.config) });
    expect(r.diagnostics).toEqual([]);
    expect(r.directory).toEqual(sys.directory);
  });

  it('MAINT (A-G) owns 190, 191, 19D, 19E; OPERATOR (A-G); GUEST and CMSUSER (G) link MAINT 190/19D/19E', () => {
    const users = sys.directory.users;
    expect(users.map((u) => u.userid)).toEqual(['MAINT', 'OPERATOR', 'GUEST', 'CMSUSER']);
    expect(user(users, 'MAINT').classes.join('')).toBe('ABCDEFG');
    expect(user(users, 'OPERATOR').classes.join('')).toBe('ABCDEFG');
    expect(user(users, 'GUEST').classes).toEqual(['G']);
    expect(user(users, 'MAINT').mdisks.map((m) => m.vaddr)).toEqual([0x190, 0x191, 0x19d, 0x19e]);
    for (const id of ['OPERATOR', 'GUEST', 'CMSUSER']) {
      expect(user(users, id).links.map((l) => [l.owner, l.ownerVaddr, l.mode.mode])).toEqual([['MAINT', 0x190, 'RR'], ['MAINT', 0x19d, 'RR'], ['MAINT', 0x19e, 'RR']]);
      expect(user(users, id).mdisks.map((m) => m.vaddr)).toEqual([0x191]);
    }
  });

  it('every user has a console, reader, punch and printer, and IPLs CMS', () => {
    for (const u of sys.directory.users) {
      expect(u.console?.vaddr).toBe(0x009);
      expect(u.spool.map((s) => [s.vaddr, s.function])).toEqual([[0x00c, 'reader'], [0x00d, 'punch'], [0x00e, 'printer']]);
      expect(u.ipl?.target).toBe('CMS');
    }
  });

  it("others may read MAINT's system disks (read password ALL); user disks have no passwords", () => {
    const maint = user(sys.directory.users, 'MAINT');
    expect(maint.mdisks.map((m) => m.passwords.read)).toEqual(['ALL', undefined, 'ALL', 'ALL']);
    expect(user(sys.directory.users, 'GUEST').mdisks[0]!.passwords).toEqual({});
  });

  it('says what is still to do', () => {
    expect(sys.notes).toContain('no saved system CMS is defined: IPL CMS fails until one is added to savedSystems');
  });

  it('lays the minidisks on VMSRES side by side after the label cylinder, inside the volume, none overlapping', () => {
    const extents = sys.directory.users.flatMap((u) =>
      u.mdisks.flatMap((m) => (m.extent.kind === 'permanent' ? [[u.userid, m.vaddr, m.extent.startCylinder, m.extent.cylinders] as const] : [])),
    );
    expect(extents).toEqual([
      ['MAINT', 0x190, 1, 10], ['MAINT', 0x191, 11, 5], ['MAINT', 0x19d, 16, 5], ['MAINT', 0x19e, 21, 10],
      ['OPERATOR', 0x191, 31, 3], ['GUEST', 0x191, 34, 5], ['CMSUSER', 0x191, 39, 5],
    ]);
    for (const [, , start, count] of extents) expect(start + count).toBeLessThanOrEqual(sys.config.dasd[0]!.cylinders);
  });

  it('names the files to write in the data folder', () => {
    expect(sys.files).toEqual({ config: '/data/vm/system.json', userDirect: '/data/vm/user.direct', compiledDirectory: '/data/vm/directory.json' });
  });

  it('passwords can be chosen; compiled, none of them is in clear', () => {
    const s = generateDefaultSystem({ passwords: { MAINT: 'M41NTPW', OPERATOR: 'OPER8PW', GUEST: 'GUESTPW', CMSUSER: 'CMSPW' } });
    expect(s.userDirect).toContain('USER MAINT M41NTPW 15M 16M ABCDEFG');
    const json = compiledToJson(compileDirectory(s.directory, { scrypt: { N: 1024, r: 8, p: 1 } }));
    for (const pw of ['M41NTPW', 'OPER8PW', 'GUESTPW', 'CMSPW']) expect(json).not.toContain(pw);
    const compiled = JSON.parse(json);
    expect(checkLogonPassword(findUser(compiled, 'MAINT')!.logon, 'M41NTPW')).toBe('ok');
  });
});

describe('the default system pointed at IBM VM/370 R6 CMS', () => {
  const sys = generateDefaultSystem({ dataDir: '/data/vm', r6: { folder: '/shared/vm370r6', files: R6_FILES } });
  const users = sys.directory.users;

  it('CMS is an IPLable saved system loaded at 0 with the PSW of its state page; CMSSEG loads at F00000', () => {
    expect(sys.config.savedSystems).toEqual([
      { name: 'CMS', segments: [{ file: '/shared/vm370r6/CMS.segment', loadAddress: 0 }], ipl: { from: 'state-page' } },
      { name: 'CMSSEG', segments: [{ file: '/shared/vm370r6/CMSSEG.segment', loadAddress: CMSSEG_ADDRESS }] },
    ]);
    expect(CMSSEG_ADDRESS).toBe(0xf00000);
  });

  it('every R6 minidisk image is a 3350 volume of its own with its cylinders, at its own address', () => {
    const r6 = sys.config.dasd.filter((d) => d.volser !== 'VMSRES');
    expect(r6.map((d) => [d.volser, d.cylinders, d.image])).toEqual([
      ['R6C191', 115, '/shared/vm370r6/cmsuser-191.ckd.gz'],
      ['R6C192', 115, '/shared/vm370r6/cmsuser-192.ckd.gz'],
      ['R6C193', 115, '/shared/vm370r6/cmsuser-193.ckd.gz'],
      ['R6C194', 115, '/shared/vm370r6/cmsuser-194.ckd.gz'],
      ['R6C195', 94, '/shared/vm370r6/cmsuser-195.ckd.gz'],
      ['R6G201', 1, '/shared/vm370r6/gcccms-201.ckd.gz'],
      ['R6G202', 1, '/shared/vm370r6/gcccms-202.ckd.gz'],
      ['R6M19D', 70, '/shared/vm370r6/maint-19d.ckd.gz'],
    ]);
    const addresses = sys.config.dasd.map((d) => d.address);
    expect(new Set(addresses).size).toBe(addresses.length);
    expect(parseSystemConfig(sys.configJson).ok).toBe(true);
  });

  it('CMSUSER IPLs CMS in 15M (so CMS finds CMSSEG) and owns the R6 disks 191-195 from cylinder 0', () => {
    const cmsuser = user(users, 'CMSUSER');
    expect([cmsuser.storage, cmsuser.maxStorage, cmsuser.ipl?.target, cmsuser.ipl?.kind]).toEqual([15 * M, 16 * M, 'CMS', 'system']);
    expect(cmsuser.storage!).toBeLessThanOrEqual(CMSSEG_ADDRESS);
    expect(cmsuser.mdisks.map((m) => m.extent.kind === 'permanent' && [m.vaddr, m.extent.startCylinder, m.extent.cylinders, m.extent.volser])).toEqual([
      [0x191, 0, 115, 'R6C191'], [0x192, 0, 115, 'R6C192'], [0x193, 0, 115, 'R6C193'], [0x194, 0, 115, 'R6C194'], [0x195, 0, 94, 'R6C195'],
    ]);
    expect(cmsuser.links.map((l) => `${l.owner} ${l.ownerVaddr.toString(16)}`)).toEqual(['MAINT 190', 'MAINT 19d', 'MAINT 19e', 'GCCCMS 201', 'GCCCMS 202']);
  });

  it("MAINT's 19D is R6's help disk; GCCCMS owns its disks and cannot log on", () => {
    const d19d = user(users, 'MAINT').mdisks.find((m) => m.vaddr === 0x19d)!;
    expect(d19d.extent).toEqual({ kind: 'permanent', startCylinder: 0, cylinders: 70, volser: 'R6M19D' });
    const gcc = user(users, 'GCCCMS');
    expect(gcc.password).toBe('NOLOG');
    expect(gcc.mdisks.map((m) => m.vaddr)).toEqual([0x201, 0x202]);
  });

  it('the directory has no errors or warnings against the generated volumes', () => {
    expect(parseUserDirect(sys.userDirect, { volumes: volumesOf(sys.config) }).diagnostics).toEqual([]);
  });

  it('R6 files inside the data folder are written relative to it', () => {
    const s = generateDefaultSystem({ dataDir: '/data/vm', r6: { folder: '/data/vm/r6', files: ['CMS.segment', 'maint-19d.ckd.gz'] } });
    expect(s.config.savedSystems[0]!.segments[0]!.file).toBe('r6/CMS.segment');
    expect(s.config.dasd[1]!.image).toBe('r6/maint-19d.ckd.gz');
    expect(s.notes.some((n) => n.includes('no CMS.segment'))).toBe(false);
  });

  it('images it does not know are left out with a note, unless their cylinders are given', () => {
    const files = ['CMS.segment', 'alice-191.ckd', 'bob-291.ckd.gz'];
    const s = generateDefaultSystem({ r6: { folder: '/r6', files, cylinders: { 'bob-291.ckd.gz': 20 } } });
    expect(s.notes).toContain('alice-191.ckd: cylinders unknown (give them in r6.cylinders); left out');
    expect(s.config.dasd.map((d) => d.volser)).toEqual(['VMSRES', 'R6B291']);
    expect(user(s.directory.users, 'BOB').mdisks[0]!.extent).toMatchObject({ cylinders: 20, volser: 'R6B291' });
    expect(user(s.directory.users, 'CMSUSER').links.map((l) => l.owner)).toContain('BOB');
  });

  it('two images whose volume serials would collide get distinct ones', () => {
    const s = generateDefaultSystem({ r6: { folder: '/r6', files: ['cat-191.ckd', 'cow-191.ckd'], cylinders: { 'cat-191.ckd': 5, 'cow-191.ckd': 5 } } });
    const volsers = s.config.dasd.map((d) => d.volser);
    expect(volsers).toEqual(['VMSRES', 'R6C191', 'R60000']);
    // CMSUSER has its own 191, so it links neither.
    expect(user(s.directory.users, 'CMSUSER').links.map((l) => l.owner)).toEqual(['MAINT', 'MAINT', 'MAINT']);
  });
});
