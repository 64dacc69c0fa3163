import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskInfo, formatImage, listFiles, readFile, recordsToText, writeFile, textToRecords } from '../../../src/cp/cmsdisk/index.ts';
import { CpSystem } from '../../../src/cp/system/cp-system.ts';
import { CkdImage } from '../../../src/devices/dasd/ckd-image.ts';
import { CHEAP_SCRYPT, requireR6, tempDataDir } from '../terminal/helpers.ts';

const fresh = tempDataDir;

describe('the CP system data folder', () => {
  it('first start creates the default system: config, directory with hashed passwords, the system volume', () => {
    const dataDir = fresh();
    const system = CpSystem.open({ dataDir, scrypt: CHEAP_SCRYPT });
    for (const f of ['system.json', 'user.direct', 'directory.json', 'nss/saved-systems.json', 'dasd/vmsres.3350']) expect(existsSync(join(dataDir, f))).toBe(true);
    const compiled = readFileSync(join(dataDir, 'directory.json'), 'utf8');
    expect(compiled).not.toContain('CPCMS');
    expect(compiled).toContain('scrypt');
    expect(system.checkLogon('MAINT', 'cpcms')).toBe('ok');
    expect(system.checkLogon('MAINT', 'wrong')).toBe('incorrect');
    expect(system.checkLogon('NOBODY', 'x')).toBe('unknown');
  });

  it('the system volume is one 3350 image of the configured 50 cylinders (29 MB), labelled VMSRES, and no other image is made', () => {
    const dataDir = fresh();
    const system = CpSystem.open({ dataDir, scrypt: CHEAP_SCRYPT });
    const image = CkdImage.open(join(dataDir, 'dasd', 'vmsres.3350'), true);
    expect([image.geometry.type, image.cylinders]).toEqual(['3350', 50]);
    expect(image.readTrack(0, 0).records.map((r) => r.record)).toEqual([0, 1, 2, 3]);
    image.close();
    expect(statSync(join(dataDir, 'dasd', 'vmsres.3350')).size).toBeLessThan(30 * 1024 * 1024);
    expect(existsSync(join(dataDir, 'dasd', 'cmsuser-191.3350'))).toBe(false);
    expect(system.systemVolume()?.volser).toBe('VMSRES');
  });

  it('every minidisk on VMSRES is an extent of it, CMS-formatted in place: MAINT 190, 19D, 19E and each 191', () => {
    const dataDir = fresh();
    const system = CpSystem.open({ dataDir, scrypt: CHEAP_SCRYPT });
    const expected: Array<[string, number, string, number, number]> = [
      ['MAINT', 0x190, 'CMS190', 1, 10], ['MAINT', 0x19d, 'CMS19D', 16, 5], ['MAINT', 0x19e, 'CMS19E', 21, 10],
      ['MAINT', 0x191, 'MAI191', 11, 5], ['OPERATOR', 0x191, 'OPE191', 31, 3], ['GUEST', 0x191, 'GUE191', 34, 5],
      ['CMSUSER', 0x191, 'CMS191', 39, 5],
    ];
    for (const [userid, vaddr, label, start, cylinders] of expected) {
      const extent = system.minidiskExtent(userid, vaddr)!;
      expect(extent).toEqual({ image: join(dataDir, 'dasd', 'vmsres.3350'), volser: 'VMSRES', type: '3350', start, cylinders });
      const info = diskInfo(extent.image, { extent });
      expect([info.label, info.cylinders, info.start, info.files.length]).toEqual([label, cylinders, start, 0]);
    }
    expect(system.minidiskExtent('GUEST', 0x192)).toBeUndefined();
  });

  it('files written into MAINT 190 through minidiskExtent stay on its cylinders and its neighbours keep theirs', () => {
    const dataDir = fresh();
    const system = CpSystem.open({ dataDir, scrypt: CHEAP_SCRYPT });
    const s190 = system.minidiskExtent('MAINT', 0x190)!;
    writeFile(s190.image, 'SYSPROF EXEC S2', textToRecords('&TRACE OFF\n', { recfm: 'F' }).records, { recfm: 'F', lrecl: 80, extent: s190 });
    expect(listFiles(s190.image, '* *', { extent: s190 }).files.map((f) => `${f.filename} ${f.filetype}`)).toEqual(['SYSPROF EXEC']);
    const m191 = system.minidiskExtent('MAINT', 0x191)!;
    expect(listFiles(m191.image, '* *', { extent: m191 }).files).toEqual([]);
  });

  it('writeMinidiskFiles fills MAINT 19D before users log on, and refuses once the volume is in use', () => {
    const dataDir = fresh();
    const system = CpSystem.open({ dataDir, scrypt: CHEAP_SCRYPT });
    const records = textToRecords('help\n', { recfm: 'F' }).records;
    const [fst] = system.writeMinidiskFiles('MAINT', 0x19d, [{ fileId: 'CP HELPCMS S2', records, recfm: 'F', lrecl: 80 }]);
    expect([fst!.filename, fst!.filetype, fst!.records]).toEqual(['CP', 'HELPCMS', 1]);
    expect(() => system.writeMinidiskFiles('GUEST', 0x19d, [])).toThrow('GUEST 19D is not a minidisk on a volume of this system');
    const links = system.minidisksFor(system.user('GUEST')!);
    expect(() => system.writeMinidiskFiles('MAINT', 0x19d, [])).toThrow(/VMSRES is in use by virtual machines/);
    for (const r of links) if (r.ok) r.link.onClose?.();
    system.close();
  });

  it('a warm start reuses the folder and its volume; a cold start recompiles the directory and keeps the volume', () => {
    const dataDir = fresh();
    CpSystem.open({ dataDir, scrypt: CHEAP_SCRYPT });
    const compiled = join(dataDir, 'directory.json');
    const before = readFileSync(compiled, 'utf8');
    const volume = statSync(join(dataDir, 'dasd', 'vmsres.3350')).mtimeMs;
    CpSystem.open({ dataDir, scrypt: CHEAP_SCRYPT });
    expect(readFileSync(compiled, 'utf8')).toBe(before);
    const cold = CpSystem.open({ dataDir, scrypt: CHEAP_SCRYPT, cold: true });
    expect(readFileSync(compiled, 'utf8')).not.toBe(before); // fresh salts
    expect(cold.notes).toContain('cold start: spool emptied');
    expect(statSync(join(dataDir, 'dasd', 'vmsres.3350')).mtimeMs).toBe(volume);
  });

  it('more cylinders for VMSRES in system.json extend the image at the next start; the minidisks keep their files', () => {
    const dataDir = fresh();
    const first = CpSystem.open({ dataDir, scrypt: CHEAP_SCRYPT });
    const guest = first.minidiskExtent('GUEST', 0x191)!;
    writeFile(guest.image, 'KEEP ME A1', textToRecords('kept\n', { recfm: 'F' }).records, { recfm: 'F', lrecl: 80, extent: guest });
    const configFile = join(dataDir, 'system.json');
    writeFileSync(configFile, readFileSync(configFile, 'utf8').replace('"cylinders": 50', '"cylinders": 60'));
    const second = CpSystem.open({ dataDir, scrypt: CHEAP_SCRYPT });
    expect(second.notes).toContain('extended VMSRES by 10 cylinders to 60');
    const image = CkdImage.open(join(dataDir, 'dasd', 'vmsres.3350'), true);
    expect(image.cylinders).toBe(60);
    expect(image.readTrack(59, 29).records.map((r) => [r.cyl, r.head, r.record])).toEqual([[59, 29, 0]]);
    image.close();
    expect(listFiles(guest.image, '* *', { extent: guest }).files.map((f) => f.filename)).toEqual(['KEEP']);
  });

  it('a missing system volume is created again at start (a data folder from before volumes)', () => {
    const dataDir = fresh();
    CpSystem.open({ dataDir, scrypt: CHEAP_SCRYPT });
    const volume = join(dataDir, 'dasd', 'vmsres.3350');
    rmSync(volume);
    const again = CpSystem.open({ dataDir, scrypt: CHEAP_SCRYPT });
    expect(again.notes.some((n) => n.startsWith('created VMSRES'))).toBe(true);
    expect(diskInfo(volume, { extent: again.minidiskExtent('GUEST', 0x191)! }).label).toBe('GUE191');
  });

  it('a data folder of the old layout (one image per minidisk) gets its 191 files copied into the new extents', () => {
    const dataDir = fresh();
    CpSystem.open({ dataDir, scrypt: CHEAP_SCRYPT }).close();
    rmSync(join(dataDir, 'dasd', 'vmsres.3350'));
    const old = join(dataDir, 'dasd', 'guest-191.3350');
    formatImage(old, { label: 'OLD191', cylinders: 2 });
    writeFile(old, 'NOTES TEXT A1', textToRecords('kept across the upgrade\n', { recfm: 'F' }).records, { recfm: 'F', lrecl: 80 });
    formatImage(join(dataDir, 'dasd', 'cmsuser-191.3350'), { label: 'BIG191', cylinders: 6 }); // larger than its 5-cylinder extent
    const system = CpSystem.open({ dataDir, scrypt: CHEAP_SCRYPT });
    expect(system.notes).toContain('copied the old image of GUEST 191 (cylinders 34-38 of VMSRES)');
    const guest = system.minidiskExtent('GUEST', 0x191)!;
    const info = diskInfo(guest.image, { extent: guest });
    expect([info.label, info.cylinders]).toEqual(['OLD191', 2]);
    expect(recordsToText('F', readFile(guest.image, 'NOTES TEXT', { extent: guest }).records)).toBe('kept across the upgrade\n');
    const cmsuser = system.minidiskExtent('CMSUSER', 0x191)!;
    expect(diskInfo(cmsuser.image, { extent: cmsuser }).label).toBe('CMS191');
  });

  it('with R6: CMS is a saved system, and CMSUSER gets the R6 disks as volumes of their own, gunzipped on first use', () => {
    const dataDir = fresh();
    const system = CpSystem.open({ dataDir, r6Folder: requireR6(), scrypt: CHEAP_SCRYPT });
    expect(system.savedSystems.get('CMS')?.ipl).toBe(true);
    const links = system.minidisksFor(system.user('CMSUSER')!);
    const ok = links.flatMap((r) => (r.ok ? [r.link] : []));
    expect(ok.map((l) => l.address.toString(16))).toEqual(expect.arrayContaining(['191', '192', '19d', '190', '19e']));
    const own = ok.find((l) => l.address === 0x191)!;
    expect(own.image).toBe(join(dataDir, 'dasd', 'cmsuser-191.ckd'));
    expect([own.start, own.cylinders, own.volser]).toEqual([0, 115, 'R6C191']);
    expect(existsSync(own.image)).toBe(true);
    const s190 = ok.find((l) => l.address === 0x190)!;
    expect([s190.volser, s190.start, s190.readOnly]).toEqual(['VMSRES', 1, true]);
    for (const l of ok) l.onClose?.();
    expect(system.links.list()).toEqual([]);
    system.close();
  });
});
