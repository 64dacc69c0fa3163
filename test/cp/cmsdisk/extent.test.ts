// CMS disks that are extents of a volume (minidisks): FORMAT writes only the extent's cylinders
// with their real cylinder numbers and the label on the extent's cylinder 0; files go in and out
// through the extent; an extent outside the image is refused.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CmsDiskError, diskInfo, erase, formatExtent, listFiles, parseExtentOption, readFile, recordsToText, textToRecords, writeFiles,
} from '../../../src/cp/cmsdisk/index.ts';
import { CkdImage, createCkdImage } from '../../../src/devices/dasd/ckd-image.ts';

let folder: string | null = null;
afterEach(() => {
  if (folder !== null) rmSync(folder, { recursive: true, force: true });
  folder = null;
});

/** A 3350 volume of 12 cylinders, labelled VOL001. */
function volume(): string {
  folder = mkdtempSync(join(tmpdir(), 'vm370-extent-'));
  const path = join(folder, 'vol.3350');
  createCkdImage(path, '3350', 12, { volser: 'VOL001' });
  return path;
}

const A = { start: 2, cylinders: 3 };
const B = { start: 5, cylinders: 2 };

describe('CMS disks on extents of a volume', () => {
  it('FORMAT of an extent writes its cylinders only, with real cylinder numbers, the label on its cylinder 0', () => {
    const path = volume();
    const before = readFileSync(path);
    const r = formatExtent(path, A, 'DISKA');
    expect(r).toEqual({ device: '3350', cylinders: 3, blocks: 3 * 30 * 19, created: false });
    const after = readFileSync(path);
    const cylinderBytes = 30 * 19_456;
    const at = (cyl: number) => 512 + cyl * cylinderBytes;
    expect(after.subarray(0, at(2)).equals(before.subarray(0, at(2)))).toBe(true);
    expect(after.subarray(at(5)).equals(before.subarray(at(5)))).toBe(true);
    const image = CkdImage.open(path, true);
    expect(image.readTrack(2, 0).records.map((x) => [x.cyl, x.head, x.record, x.data.length]).slice(0, 3)).toEqual([[2, 0, 0, 8], [2, 0, 1, 800], [2, 0, 2, 800]]);
    expect(image.readTrack(0, 0).records.map((x) => x.record)).toEqual([0, 1, 2, 3]); // the volume label is still there
    image.close();
    const info = diskInfo(path, { extent: A });
    expect([info.label, info.cylinders, info.imageCylinders, info.start, info.total]).toEqual(['DISKA', 3, 12, 2, 1710]);
  });

  it('two minidisks side by side keep their files apart', () => {
    const path = volume();
    formatExtent(path, A, 'DISKA');
    formatExtent(path, B, 'DISKB');
    const text = (s: string) => textToRecords(s, { recfm: 'F' }).records;
    writeFiles(path, [
      { fileId: 'ONE EXEC A1', records: text('first\n'), recfm: 'F', lrecl: 80 },
      { fileId: 'TWO DATA A1', records: text('second\nthird\n'), recfm: 'F', lrecl: 80 },
    ], { extent: A });
    writeFiles(path, [{ fileId: 'OTHER FILE A1', records: text('b\n'), recfm: 'F', lrecl: 80 }], { extent: B });
    expect(listFiles(path, '* *', { extent: A }).files.map((f) => f.filename)).toEqual(['ONE', 'TWO']);
    expect(listFiles(path, '* *', { extent: B }).files.map((f) => f.filename)).toEqual(['OTHER']);
    expect(recordsToText('F', readFile(path, 'TWO DATA', { extent: A }).records)).toBe('second\nthird\n');
    erase(path, 'ONE EXEC', { extent: A });
    expect(listFiles(path, '* *', { extent: A }).files.map((f) => f.filename)).toEqual(['TWO']);
    expect(listFiles(path, '* *', { extent: B }).files.map((f) => f.filename)).toEqual(['OTHER']);
  });

  it('an extent read from the wrong cylinders is refused as not CMS-formatted, naming the cylinders', () => {
    const path = volume();
    formatExtent(path, A, 'DISKA');
    expect(() => diskInfo(path, { extent: { start: 3, cylinders: 2 } })).toThrow(/cylinders 3-4/);
  });

  it('an extent outside the image is a usage error', () => {
    const path = volume();
    const outside = () => formatExtent(path, { start: 10, cylinders: 5 }, 'X');
    expect(outside).toThrow(CmsDiskError);
    expect(outside).toThrow('an extent of 5 cylinders at cylinder 10 is not inside the image\'s 12 cylinders');
    expect(() => diskInfo(path, { extent: { start: -1, cylinders: 2 } })).toThrow(/not inside/);
  });

  it('the command line gives an extent as START:CYLS', () => {
    expect(parseExtentOption('34:5')).toEqual({ start: 34, cylinders: 5 });
    expect(parseExtentOption(' 0 : 12 ')).toEqual({ start: 0, cylinders: 12 });
    for (const bad of ['34', '34:0', 'a:b', '-1:2', '1:2:3']) expect(() => parseExtentOption(bad)).toThrow(/--extent is START:CYLS/);
  });
});
