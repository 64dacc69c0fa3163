// Reading IBM's own VM/370 R6 CMS minidisks: every disk in ../shared/vm370r6, listed in full and
// compared with LISTINGS.txt (an independent reader), and known files read back.

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diskFromBytes, execLine, fstDate, recordsToText, type CmsDisk, type Fst } from '../../../src/cp/cmsdisk/index.ts';
import { fromEbcdic } from '../../../src/ebcdic/index.ts';
import { gunzipImage, listedDisks, listingsSection, R6_DIR, requireR6 } from './r6.ts';

requireR6();

/** The mode letter CMSUSER's PROFILE EXEC accesses each disk as (LISTINGS.txt shows it). */
const ACCESS_LETTER: Record<string, string | undefined> = {
  'cmsuser-191': 'A',
  'cmsuser-193': 'E',
  'cmsuser-194': 'F',
  'cmsuser-195': 'G',
  'maint-19d': 'U',
};

/** A line in LISTINGS.txt's own layout. */
function listingsLine(f: Fst, letter: string | undefined): string {
  const time = `${(f.time >>> 12).toString(16)}${((f.time >>> 8) & 0xf).toString(16)}:${((f.time >>> 4) & 0xf).toString(16)}${(f.time & 0xf).toString(16)}`;
  return [
    f.filename.padEnd(8),
    f.filetype.padEnd(8),
    `${letter ?? f.modeLetter}${f.modeNumber}`,
    f.recfm,
    String(f.lrecl).padStart(5),
    String(f.records).padStart(5),
    String(f.blocks).padStart(5),
    fstDate(f),
    time,
  ].join(' ');
}

const listed = listedDisks();

describe('the R6 sample disks', () => {
  it('LISTINGS.txt covers every image in the folder, and the folder every disk it lists', () => {
    const images = readdirSync(R6_DIR)
      .filter((f) => f.endsWith('.ckd.gz'))
      .map((f) => f.replace(/\.ckd\.gz$/, ''))
      .sort();
    expect(images.length).toBe(8);
    expect(listed.map((d) => d.disk).sort()).toEqual(images);
  });

  for (const expected of listed) {
    describe(expected.disk, () => {
      // One decompression per disk; the disk object lives only while this block's tests run.
      let disk: CmsDisk | undefined;
      const open = (): CmsDisk => (disk ??= diskFromBytes(expected.disk, gunzipImage(expected.disk)));

      it('has the label, geometry and MFD counters LISTINGS.txt gives', () => {
        const d = open();
        expect(d.warnings).toEqual([]);
        expect(d.label).toBe(expected.volid);
        expect(d.image.cylinders).toBe(expected.cylinders);
        expect(d.image.device.headerType).toBe(expected.devtype);
        expect(d.image.device.blocksPerTrack).toBe(19);
        expect({ total: d.mfd.total, used: d.mfd.used, left: d.mfd.left, last: d.mfd.last, cylinders: d.mfd.cylinders }).toEqual({
          total: expected.total,
          used: expected.used,
          left: expected.left,
          last: expected.last,
          cylinders: expected.mfdCylinders,
        });
        expect(d.mfd.fstBlocks).toEqual(expected.fstBlocks);
        expect(d.mfd.qmskBlocks).toEqual(expected.qmskBlocks);
      });

      it('lists every file exactly as LISTINGS.txt does, in directory order', () => {
        const d = open();
        expect(d.files.length).toBe(expected.files);
        expect(d.files.reduce((n, f) => n + f.fst.blocks, 0)).toBe(expected.dataBlocks);
        expect(d.files.map((f) => listingsLine(f.fst, ACCESS_LETTER[expected.disk]))).toEqual(expected.lines);
      });

      it('accounts for every block: QMSK marks exactly the blocks the directory reaches', () => {
        const d = open();
        const reached = 4 + d.mfd.fstBlocks.length + d.mfd.qmskBlocks.length + d.files.reduce((n, f) => n + f.chainLinks.length + f.dataBlocks.length, 0);
        expect(reached).toBe(expected.used);
        expect(d.qmsk.count()).toBe(expected.used);
      });

      it('reads every record of every file', () => {
        const d = open();
        let records = 0;
        for (const f of d.files) {
          const r = d.readRecords(f);
          expect(r.length).toBe(f.fst.records);
          if (f.fst.recfm === 'F') expect(r.every((x) => x.length === f.fst.lrecl)).toBe(true);
          else expect(Math.max(...r.map((x) => x.length))).toBeLessThanOrEqual(f.fst.lrecl);
          records += r.length;
        }
        expect(records).toBe(d.files.reduce((n, f) => n + f.fst.records, 0));
        disk = undefined;
      });
    });
  }
});

describe('known files', () => {
  it('PROFILE EXEC on CMSUSER 191 reads as TYPE shows it', () => {
    const d = diskFromBytes('cmsuser-191', gunzipImage('cmsuser-191'));
    const file = d.find('PROFILE', 'EXEC')!;
    expect(file.fst.recfm).toBe('V');
    const text = recordsToText('V', d.readRecords(file));
    expect(text.split('\n').slice(0, -1).map((l) => l.trimEnd())).toEqual(listingsSection('TYPE PROFILE EXEC A'));

    // CMS EXEC was written by R6 LISTFILE * * A (EXEC: its 8 records are our EXEC lines for the 8
    // files before it, byte for byte once blank-padded to 80.
    const cmsExec = d.find('CMS', 'EXEC')!;
    const records = d.readRecords(cmsExec).map((r) => fromEbcdic(r));
    expect(records.length).toBe(8);
    expect(records).toEqual(d.files.slice(0, 8).map((f) => execLine(f.fst, 'A').padEnd(80)));
    expect(d.files.map((f) => execLine(f.fst, 'A'))).toEqual(listingsSection('cmsdir.py cmsuser-191.ckd.gz --mode A --exec'));
    expect(listingsSection('CMS EXEC A1 on cmsuser-191 as stored')).toEqual(records.map((r) => r.trimEnd()));

    const hello = d.find('HELLO', 'C')!;
    expect(recordsToText('V', d.readRecords(hello), 'cp1047')).toBe(
      '#include <stdio.h>\nint main(int argc, char * argv[]) {\nprintf("Good morning... from HELLO!\\n");\n}\n',
    );
  });

  it('a file of 656 blocks and two further chain links reads whole (IOPROXY MODULE on CMSUSER 193)', () => {
    const d = diskFromBytes('cmsuser-193', gunzipImage('cmsuser-193'));
    const file = d.find('IOPROXY', 'MODULE')!;
    expect(file.fst.blocks).toBe(656);
    expect(file.chainLinks.length).toBe(3);
    expect(file.dataBlocks.length).toBe(656);
    const records = d.readRecords(file);
    expect(records.length).toBe(8);
    expect(records.reduce((n, r) => n + r.length + 2, 0)).toBe(355_420);
    // The same header file on the E and F disks reads the same.
    const h193 = d.readRecords(d.find('INTRAPI', 'H')!);
    const d194 = diskFromBytes('cmsuser-194', gunzipImage('cmsuser-194'));
    const h194 = d194.readRecords(d194.find('INTRAPI', 'H')!);
    expect(h193.length).toBe(357);
    expect(h193.map((r) => fromEbcdic(r))).toEqual(h194.map((r) => fromEbcdic(r)));
  });
});
