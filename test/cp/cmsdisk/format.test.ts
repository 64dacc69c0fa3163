// FORMAT: fresh CMS disks on 3350, 3330 and 3330-11 images, compared with what R6 FORMAT left on a
// real disk (CMSUSER 195 was formatted by R6 CMS and then got one file).

import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CkdBlocks, HEADER_SIZE } from '../../../src/cp/cmsdisk/ckd-blocks.ts';
import {
  CmsDiskError,
  diskFromBytes,
  diskInfo,
  formatImage,
  listFiles,
  readDisk,
  readFile,
  recordsToText,
  textToRecords,
  writeFile,
} from '../../../src/cp/cmsdisk/index.ts';
import { FileStore } from '../../../src/cp/cmsdisk/store.ts';
import { gunzipImage, requireR6, scratch, type Scratch } from './r6.ts';

requireR6();

let tmp: Scratch;
beforeAll(() => {
  tmp = scratch();
});
afterAll(() => tmp.remove());

function expectKind(action: () => unknown, kind: CmsDiskError['kind']): void {
  expect(action).toThrow(CmsDiskError);
  try {
    action();
  } catch (e) {
    expect((e as CmsDiskError).kind).toBe(kind);
  }
}

describe('format', () => {
  it('a new 3350 image: every track has R0 and 19 800-byte records; label, MFD and an empty FST block', () => {
    const path = tmp.path('new3350.ckd');
    const result = formatImage(path, { label: 'test01', type: '3350', cylinders: 3 });
    expect(result).toEqual({ device: '3350', cylinders: 3, blocks: 1710, created: true });
    expect(statSync(path).size).toBe(HEADER_SIZE + 3 * 30 * 19_456);
    const info = diskInfo(path);
    expect(info).toMatchObject({ label: 'TEST01', device: '3350', cylinders: 3, total: 1710, used: 5, left: 1705, last: 0, fstBlocks: [5], qmskBlocks: [] });
    expect(info.files).toEqual([]);
    const store = new FileStore(path, false);
    try {
      const image = CkdBlocks.open(store);
      for (let b = 1; b <= 1710; b++) {
        const block = image.readBlock(b);
        if (b !== 3 && b !== 4) expect(block.every((x) => x === 0)).toBe(true);
      }
      // The end of a track: record 19's data, then the end marker.
      const track = store.read(HEADER_SIZE + 19_456 * 31, 19_456);
      expect(Array.from(track.subarray(0, 5))).toEqual([0, 0, 1, 0, 1]);
      expect(Array.from(track.subarray(5, 13))).toEqual([0, 1, 0, 1, 0, 0, 0, 8]);
      const end = 5 + 16 + 19 * 808;
      expect(Array.from(track.subarray(end - 808, end - 800))).toEqual([0, 1, 0, 1, 19, 0, 3, 0x20]);
      expect(Array.from(track.subarray(end, end + 8))).toEqual(Array(8).fill(0xff));
    } finally {
      store.close();
    }
  });

  it('lays out a disk and its first file as R6 FORMAT and CMS did on CMSUSER 195', () => {
    const real = diskFromBytes('cmsuser-195', gunzipImage('cmsuser-195'));
    const path = tmp.path('dsk195.ckd');
    formatImage(path, { label: 'DSK195', cylinders: 94 });
    const source = real.files[0]!;
    const fileId = `${source.fst.filename} ${source.fst.filetype} ${source.fst.modeLetter}${source.fst.modeNumber}`;
    expect(fileId).toBe('TEST ASSEMBLE P1');
    writeFile(path, fileId, real.readRecords(source), { recfm: 'F', lrecl: 80, when: new Date(2015, 6, 31, 18, 29) });
    readDisk(path, (ours) => {
      // The MFD up to its trailer byte (after it, the real disk holds leftover storage).
      expect(ours.image.readBlock(4).subarray(0, 0x258)).toEqual(real.image.readBlock(4).subarray(0, 0x258));
      for (const b of [3, 5, 6, 7]) expect(ours.image.readBlock(b)).toEqual(real.image.readBlock(b));
    });
  });

  it('3330: 14 blocks a track, 266 a cylinder; files cross tracks and cylinders', () => {
    const path = tmp.path('new3330.ckd');
    expect(formatImage(path, { label: 'D3330', type: '3330', cylinders: 2 })).toEqual({ device: '3330', cylinders: 2, blocks: 532, created: true });
    expect(statSync(path).size).toBe(HEADER_SIZE + 2 * 19 * 13_312);
    const lines = Array.from({ length: 2500 }, (_, i) => `CARD ${i}`).join('\n') + '\n';
    const { records } = textToRecords(lines, { recfm: 'F' });
    writeFile(path, 'DECK DATA', records, { recfm: 'F', lrecl: 80 });
    expect(recordsToText('F', readFile(path, 'DECK DATA').records)).toBe(lines);
    expect(diskInfo(path)).toMatchObject({ device: '3330', used: 5 + 250 + 1 + 1, total: 532 });
  });

  it('3330-11: more than 411 cylinders; the block count stops at 65,531', () => {
    const path = tmp.path('new333011.ckd');
    expect(formatImage(path, { label: 'BIG', type: '3330-11', cylinders: 412 })).toEqual({ device: '3330-11', cylinders: 412, blocks: 65_531, created: true });
    const info = diskInfo(path);
    expect(info).toMatchObject({ device: '3330-11', cylinders: 412, total: 65_531, used: 5, left: 65_526 });
  });

  it('reformats an existing image, extending it to --cyls; its old files are gone', () => {
    const path = tmp.file('gcc201.ckd', gunzipImage('gcccms-201'));
    expect(listFiles(path).files.length).toBe(17);
    expect(formatImage(path, { label: 'NEW201', cylinders: 2 })).toEqual({ device: '3350', cylinders: 2, blocks: 1140, created: false });
    expect(statSync(path).size).toBe(HEADER_SIZE + 2 * 30 * 19_456);
    expect(diskInfo(path)).toMatchObject({ label: 'NEW201', total: 1140, used: 5, files: [] });
    expect(readDisk(path, (d) => d.image.readBlock(100).every((b) => b === 0))).toBe(true);
  });

  it('refuses bad requests without touching anything', () => {
    const path = tmp.path('never.ckd');
    expectKind(() => formatImage(path, { label: 'X' }), 'usage');
    expectKind(() => formatImage(path, { label: 'TOOLONGLABEL', cylinders: 1 }), 'usage');
    expectKind(() => formatImage(path, { label: 'X', type: '3350', cylinders: 561 }), 'usage');
    expectKind(() => formatImage(`${path}.gz`, { label: 'X', cylinders: 1 }), 'usage');
    expect(() => statSync(path)).toThrow();
    const existing = tmp.path('new3330.ckd');
    const before = statSync(existing).mtimeMs;
    expectKind(() => formatImage(existing, { label: 'X', type: '3350' }), 'usage');
    expect(statSync(existing).mtimeMs).toBe(before);
  });
});
