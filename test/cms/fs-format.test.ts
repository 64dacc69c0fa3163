// FORMAT cuu mode: our CMS formats a minidisk through CP (DIAGNOSE X'20' track writes, DIAGNOSE
// X'18' for the label, MFD and FST block) and leaves exactly what the host tool's format writes,
// which is what R6 FORMAT left on CMSUSER 195 (docs/cmsdisk.md).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatImage, listFiles, readFile } from '../../src/cp/cmsdisk/index.ts';
import { createCkdImage } from '../../src/devices/dasd/ckd-image.ts';
import { toEbcdic } from '../../src/ebcdic/index.ts';
import { scratchImage } from '../cp/vm/r6-fixture.ts';
import { BUFFER, FsBench, fscb } from './fs-harness.ts';

const CONFIRM = "DMSFOR603R FORMAT WILL ERASE ALL FILES ON DISK 'A(191)'. DO YOU WISH TO CONTINUE? (YES|NO):";

function sameBytes(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) return -1;
  let differences = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differences++;
  return differences;
}

describe('FORMAT', () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'vm370-fsformat-'));
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('FORMAT 191 A on a new 3350 minidisk: the prompts, the messages, and the disk is accessed', () => {
    const volume = join(folder, 'new3350.ckd');
    createCkdImage(volume, '3350', 5);
    const bench = new FsBench([{ address: 0x191, image: volume }]);
    try {
      bench.call('DMSFSINI', 0);
      bench.input(['yes', 'my191']);
      expect(bench.command('FORMAT 191 A')).toMatchObject({
        rc: 0,
        lines: [CONFIRM, 'DMSFOR605R ENTER DISK LABEL:', "DMSFOR733I FORMATTING DISK 'A'.", "DMSFOR732I 5 CYLINDERS FORMATTED ON DISK 'A(191)'."],
      });
      expect(bench.command('QUERY SEARCH').lines).toEqual(['MY191  191  A   R/W']);
      expect(bench.command('QUERY DISK A').lines).toEqual(['A (191): 0 FILES; 5 REC IN USE, 2845 LEFT (of 2850), 1% FULL (5 CYL), 3350, R/W']);
    } finally {
      bench.close();
    }
    const host = join(folder, 'host3350.ckd');
    formatImage(host, { label: 'MY191', type: '3350', cylinders: 5 });
    expect(sameBytes(readFileSync(volume), readFileSync(host))).toBe(0);
  });

  it('a 3330 minidisk (14 blocks a track) comes out as the host tool formats it', () => {
    const volume = join(folder, 'new3330.ckd');
    createCkdImage(volume, '3330', 3);
    const bench = new FsBench([{ address: 0x191, image: volume }]);
    try {
      bench.call('DMSFSINI', 0);
      bench.input(['YES', 'D3330']);
      expect(bench.command('FORMAT 191 A').lines.at(-1)).toBe("DMSFOR732I 3 CYLINDERS FORMATTED ON DISK 'A(191)'.");
    } finally {
      bench.close();
    }
    const host = join(folder, 'host3330.ckd');
    formatImage(host, { label: 'D3330', type: '3330', cylinders: 3 });
    expect(sameBytes(readFileSync(volume), readFileSync(host))).toBe(0);
  });

  it('a file written right after FORMAT is there for the host reader', () => {
    const volume = join(folder, 'write.ckd');
    createCkdImage(volume, '3350', 2);
    const bench = new FsBench([{ address: 0x191, image: volume }]);
    try {
      bench.call('DMSFSINI', 0);
      bench.input(['yes', 'work']);
      expect(bench.command('FORMAT 191 A').rc).toBe(0);
      const record = toEbcdic('HELLO FROM A FRESH DISK'.padEnd(80));
      bench.vm.storage.bytes.set(record, BUFFER);
      expect(bench.call('DMSFWRIT', fscb('WRBUF', 'FIRST FILE A1', { buffer: BUFFER, size: 80, recfm: 'F' })).rc).toBe(0);
      expect(bench.call('DMSFCLOS', fscb('FSCLOSE', 'FIRST FILE A1')).rc).toBe(0);
      expect(readFile(volume, 'FIRST FILE').records).toEqual([record]);
      // The blocks R6 used for the one file on CMSUSER 195: FCL 6, data 7.
      expect(readFile(volume, 'FIRST FILE').fst.firstChainLink).toBe(6);
    } finally {
      bench.close();
    }
  });

  it('FORMAT of an R6 disk (CMSUSER 195) erases its files; NO as the answer changes nothing', () => {
    const disk = scratchImage('cmsuser-195');
    const bench = new FsBench([{ address: 0x191, image: disk.path }]);
    try {
      bench.call('DMSFSINI', 0);
      const before = readFileSync(disk.path);
      bench.input(['no']);
      expect(bench.command('FORMAT 191 A')).toMatchObject({ rc: 0, lines: [CONFIRM] });
      expect(sameBytes(readFileSync(disk.path), before)).toBe(0);
      expect(listFiles(disk.path).files).toHaveLength(1);
      bench.input(['yes', 'empty']);
      expect(bench.command('FORMAT 191 A').rc).toBe(0);
      expect(listFiles(disk.path)).toMatchObject({ label: 'EMPTY', files: [] });
      expect(bench.command('LISTFILE').lines).toEqual(['DMSLST002E File not found.']);
    } finally {
      bench.close();
      disk.remove();
    }
  });

  it('FORMAT errors: a read-only link, no such device, a bad address or mode', () => {
    const volume = join(folder, 'ro.ckd');
    createCkdImage(volume, '3350', 1);
    const bench = new FsBench([{ address: 0x192, image: volume, readOnly: true }]);
    try {
      bench.call('DMSFSINI', 0);
      expect(bench.command('FORMAT 192 B')).toMatchObject({ rc: 36, lines: ["DMSFOR037E DISK 'B(192)' IS READ/ONLY"] });
      expect(bench.command('FORMAT 191 A')).toMatchObject({ rc: 100, lines: ['DMSFOR113S A(191) NOT ATTACHED'] });
      expect(bench.command('FORMAT 19G A')).toMatchObject({ rc: 24, lines: ["DMSFOR017E INVALID DEVICE ADDRESS '19G'"] });
      expect(bench.command('FORMAT 192 BB')).toMatchObject({ rc: 24, lines: ["DMSFOR048E INVALID MODE 'BB'"] });
      expect(bench.command('FORMAT 192 B 10')).toMatchObject({ rc: 24, lines: ["DMSFOR070E INVALID PARAMETER '10'"] });
    } finally {
      bench.close();
    }
  });
});
