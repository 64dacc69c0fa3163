// The CMS build: cms/nucleus assembled and linked into a saved-system file that IPL CMS loads;
// reproducible bytes; assembly and link errors reported with file and line.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CMS_MODULES } from '../../src/cms/build.ts';
import { bannerDate, buildCms, CMS_ROOT, CmsBuildError, nucleusSources, writeCmsBuild, type CmsBuild } from '../../src/cms/index.ts';
import { toEbcdic } from '../../src/ebcdic/index.ts';
import { SavedSystemRegistry } from '../../src/cp/nss/registry.ts';
import { NUCLEUS_ONLY } from './helpers.ts';

const word = (bytes: Uint8Array, at: number): number => ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;

/** A scratch copy of cms/ with only the command loop's sources (and the maclib). */
function scratchRoot(): string {
  const folder = mkdtempSync(join(tmpdir(), 'vm370-cms-build-'));
  const root = join(folder, 'cms');
  cpSync(join(CMS_ROOT, 'maclib'), join(root, 'maclib'), { recursive: true });
  cpSync(join(CMS_ROOT, 'nucleus'), join(root, 'nucleus'), { recursive: true, filter: (src) => !/[/\\]fs[^/\\]*\.assemble$/.test(src) });
  return root;
}

describe('buildCms', () => {
  let build: CmsBuild;
  beforeAll(() => {
    build = buildCms(NUCLEUS_ONLY);
  });

  it('links the low-core deck first, at 0, then the other sources in name order', () => {
    const sources = nucleusSources(CMS_ROOT, NUCLEUS_ONLY.include);
    expect(sources[0]).toBe('dmsnuc.assemble');
    expect(sources.slice(1)).toEqual([...sources.slice(1)].sort());
    expect(build.symbols.get('DMSNUC')).toBe(0);
    expect(build.sources).toEqual(sources.map((s) => `nucleus/${s}`));
  });

  it('EDIT, COPYFILE, HELP, ASSEMBLE, the unit-record commands and JOBSPLIT are MODULE files linked at the user area, not nucleus code', () => {
    expect(build.modules.map((m) => m.name)).toEqual(CMS_MODULES.map((m) => m.name));
    expect(build.sources.some((s) => /dms(edt|cpy|hlp|prgas|ur|bat)\./.test(s))).toBe(false);
    for (const name of ['DMSEDT', 'DMSCPY', 'DMSHLP', 'DMSASM', 'DMSPUN', 'DMSDSK', 'DMSBAT']) expect(build.symbols.has(name), name).toBe(false);
    for (const m of build.modules) {
      const header = new DataView(m.records[0]!.buffer);
      // GENMOD's header: A(entry), A(origin), A(end), A(end); then the image up to the end.
      expect(m.records[0]!.length).toBe(80);
      expect([header.getUint32(0), header.getUint32(4)]).toEqual([m.entry, build.userArea]);
      const size = m.records.slice(1).reduce((n, r) => n + r.length, 0);
      expect(header.getUint32(8)).toBe(build.userArea + size);
      expect(header.getUint32(12)).toBe(build.userArea + size);
      expect(m.records.slice(1).every((r) => r.length <= 65_535)).toBe(true);
    }
  });

  it('makes a saved-system file: a state page, then whole pages from address 0 to the end of the nucleus', () => {
    expect(build.address).toBe(0);
    expect(build.segment.length).toBe(4096 + Math.ceil(build.end / 4096) * 4096);
    expect(build.end).toBe(build.symbols.get('DMSNEND')! + 8);
    expect(build.end).toBeLessThanOrEqual(0x2_0000);
  });

  it('the state page starts DMSINI: BC mode, key 0, supervisor state, disabled', () => {
    expect(word(build.segment, 0)).toBe(0);
    expect(word(build.segment, 4)).toBe(build.entry);
    expect(build.entry).toBe(build.symbols.get('DMSINI'));
  });

  it('page 0 holds the new PSWs: SVC, program and I/O interruptions go to DMSITS', () => {
    const page = build.segment.subarray(4096);
    expect(word(page, 0x60 + 4)).toBe(build.symbols.get('DMSSVCH'));
    expect(word(page, 0x68 + 4)).toBe(build.symbols.get('DMSPGMH'));
    expect(word(page, 0x78 + 4)).toBe(build.symbols.get('DMSIOH'));
    expect(word(page, 0x58 + 4)).toBe(build.symbols.get('DMSEXTH'));
  });

  it('the same sources give the same bytes', () => {
    const again = buildCms(NUCLEUS_ONLY);
    expect(Buffer.compare(Buffer.from(again.segment), Buffer.from(build.segment))).toBe(0);
    expect(again.listing).toBe(build.listing);
  });

  it('the build date goes into the banner as mm/dd/yy hh:mm and changes the bytes', () => {
    const date = new Date(Date.UTC(2027, 2, 4, 5, 6));
    expect(bannerDate(date)).toBe('03/04/27 05:06');
    const dated = buildCms({ ...NUCLEUS_ONLY, date });
    expect(Buffer.from(dated.segment).includes(Buffer.from(toEbcdic('CMS VERSION 6.0 VM370 - 03/04/27 05:06')))).toBe(true);
    expect(Buffer.from(build.segment).includes(Buffer.from(toEbcdic('CMS VERSION 6.0 VM370 - 01/01/26 00:00')))).toBe(true);
  });

  it('the listing ends with the link map', () => {
    expect(build.listing).toMatch(/CMS NUCLEUS LINK MAP/);
    expect(build.listing).toMatch(/DMSINT\s+[0-9A-F]{6}/);
  });
});

describe('build errors', () => {
  let root: string;
  beforeAll(() => {
    root = scratchRoot();
  });
  afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  it('an assembly error fails the build with the file and line', () => {
    const bad = join(root, 'nucleus', 'dmszzz.assemble');
    writeFileSync(bad, 'DMSZZZ   CSECT\n         L     1,NOWHERE\n         END\n');
    try {
      let error: unknown;
      try {
        buildCms({ root, allowUnresolved: true });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CmsBuildError);
      expect((error as CmsBuildError).messages).toEqual(['cms/nucleus/dmszzz.assemble:2: IEV044 (8) UNDEFINED SYMBOL - NOWHERE']);
    } finally {
      rmSync(bad);
    }
  });

  it('an unresolved external reference fails the build unless allowed', () => {
    const bad = join(root, 'nucleus', 'dmszzz.assemble');
    writeFileSync(bad, 'DMSZZZ   CSECT\n         DC    V(NOSUCHEP)\n         END\n');
    try {
      expect(() => buildCms({ root, allowUnresolved: false })).toThrow(/unresolved external references: .*NOSUCHEP/);
      expect(buildCms({ root, allowUnresolved: true }).unresolved).toContain('NOSUCHEP');
    } finally {
      rmSync(bad);
    }
  });

  it('a missing low-core deck is an error', () => {
    expect(() => nucleusSources(join(root, 'nosuch'))).toThrow(CmsBuildError);
  });
});

describe('writeCmsBuild', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'vm370-cms-out-'));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes CMS.segment, CMS.listing and a manifest the registry reads; other manifest entries stay', () => {
    writeFileSync(join(out, 'saved-systems.json'), JSON.stringify([{ name: 'CMSSEG', address: 'F00000' }, { name: 'CMS', address: '100000', ipl: false }]));
    const written = writeCmsBuild(out, NUCLEUS_ONLY);
    expect(Buffer.compare(readFileSync(written.segment), Buffer.from(written.build.segment))).toBe(0);
    expect(readFileSync(written.listing, 'utf8')).toBe(written.build.listing);
    expect(JSON.parse(readFileSync(written.manifest, 'utf8'))).toEqual([
      { name: 'CMS', address: '0', ipl: true },
      { name: 'CMSSEG', address: 'F00000' },
    ]);
    const cms = SavedSystemRegistry.fromFolder(out).get('CMS');
    expect(cms?.address).toBe(0);
    expect(cms?.ipl).toBe(true);
    expect(cms?.pageCount).toBe(Math.ceil(written.build.end / 4096));
  });

  it('a manifest that is not a list of saved systems is an error, and nothing is written', () => {
    const bad = mkdtempSync(join(tmpdir(), 'vm370-cms-bad-'));
    try {
      writeFileSync(join(bad, 'saved-systems.json'), '{ not json');
      expect(() => writeCmsBuild(bad, NUCLEUS_ONLY)).toThrow(CmsBuildError);
      expect(existsSync(join(bad, 'CMS.segment'))).toBe(false);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});

describe('vm370 cms build', () => {
  const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/vm370.js');
  let root: string;
  let out: string;
  beforeAll(() => {
    // A copy of the whole CMS source tree (the error test adds a broken source to it).
    const folder = mkdtempSync(join(tmpdir(), 'vm370-cms-build-'));
    root = join(folder, 'cms');
    cpSync(CMS_ROOT, root, { recursive: true });
    out = join(root, '..', 'out');
  });
  afterAll(() => rmSync(join(root, '..'), { recursive: true, force: true }));

  it('writes the saved system into --out and says where the nucleus lies; exit code 0', () => {
    const run = spawnSync(process.execPath, [BIN, 'cms', 'build', '--out', out, '--root', root], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/CMS\.segment: \d+ sources, nucleus X'0'-X'[0-9A-F]+', entry X'[0-9A-F]+'/);
    for (const file of ['CMS.segment', 'CMS.listing', 'saved-systems.json']) expect(existsSync(join(out, file))).toBe(true);
  });

  it('an assembly error: the messages on stderr, exit code 8', () => {
    writeFileSync(join(root, 'nucleus', 'dmszzz.assemble'), 'DMSZZZ   CSECT\n         BALR  99,0\n         END\n');
    const run = spawnSync(process.execPath, [BIN, 'cms', 'build', '--out', out, '--root', root], { encoding: 'utf8' });
    expect(run.status).toBe(8);
    expect(run.stderr).toMatch(/^cms\/nucleus\/dmszzz\.assemble:2: IEV029 /m);
  });
});
