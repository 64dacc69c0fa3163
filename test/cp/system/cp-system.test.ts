import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskInfo } from '../../../src/cp/cmsdisk/index.ts';
import { CpSystem } from '../../../src/cp/system/cp-system.ts';
import { CHEAP_SCRYPT, requireR6, tempDataDir } from '../terminal/helpers.ts';

const fresh = tempDataDir;

describe('the CP system data folder', () => {
  it('first start creates the default system: config, directory with hashed passwords, formatted 191s', () => {
    const dataDir = fresh();
    const system = CpSystem.open({ dataDir, scrypt: CHEAP_SCRYPT, maxNewMinidiskCylinders: 2 });
    for (const f of ['system.json', 'user.direct', 'directory.json', 'nss/saved-systems.json']) expect(existsSync(join(dataDir, f))).toBe(true);
    const compiled = readFileSync(join(dataDir, 'directory.json'), 'utf8');
    expect(compiled).not.toContain('CPCMS');
    expect(compiled).toContain('scrypt');
    expect(system.checkLogon('MAINT', 'cpcms')).toBe('ok');
    expect(system.checkLogon('MAINT', 'wrong')).toBe('incorrect');
    expect(system.checkLogon('NOBODY', 'x')).toBe('unknown');
    const image = system.systemMinidiskImage('CMSUSER', 0x191);
    const info = diskInfo(image);
    expect(info.label).toBe('CMS191');
    expect(info.cylinders).toBe(2);
    expect(system.minidisksFor(system.user('CMSUSER')!).filter((r) => r.ok).map((r) => r.ok && r.link.address)).toEqual([0x191]);
  });

  it('a warm start reuses the folder; a cold start recompiles the directory', () => {
    const dataDir = fresh();
    CpSystem.open({ dataDir, scrypt: CHEAP_SCRYPT, maxNewMinidiskCylinders: 1 });
    const compiled = join(dataDir, 'directory.json');
    const before = readFileSync(compiled, 'utf8');
    const image = statSync(join(dataDir, 'dasd', 'cmsuser-191.3350')).mtimeMs;
    CpSystem.open({ dataDir, scrypt: CHEAP_SCRYPT });
    expect(readFileSync(compiled, 'utf8')).toBe(before);
    const cold = CpSystem.open({ dataDir, scrypt: CHEAP_SCRYPT, cold: true });
    expect(readFileSync(compiled, 'utf8')).not.toBe(before); // fresh salts
    expect(cold.notes).toContain('cold start: spool emptied');
    expect(statSync(join(dataDir, 'dasd', 'cmsuser-191.3350')).mtimeMs).toBe(image);
  });

  it('with R6: CMS is a saved system, and CMSUSER gets the R6 disks, gunzipped into the folder on first use', () => {
    const dataDir = fresh();
    const system = CpSystem.open({ dataDir, r6Folder: requireR6(), scrypt: CHEAP_SCRYPT, maxNewMinidiskCylinders: 1 });
    expect(system.savedSystems.get('CMS')?.ipl).toBe(true);
    const links = system.minidisksFor(system.user('CMSUSER')!);
    const ok = links.flatMap((r) => (r.ok ? [r.link] : []));
    expect(ok.map((l) => l.address.toString(16))).toEqual(expect.arrayContaining(['191', '192', '19d']));
    const own = ok.find((l) => l.address === 0x191)!;
    expect(own.image).toBe(join(dataDir, 'dasd', 'cmsuser-191.ckd'));
    expect(existsSync(own.image)).toBe(true);
  });
});
