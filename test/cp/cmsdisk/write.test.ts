// Writing and erasing files on a copy of a real R6 disk (CMSUSER 191, gunzipped once into a scratch
// folder): files come back identical, and erasing them restores the MFD, FST and QMSK blocks.

import { copyFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  binaryToRecords,
  CmsDiskError,
  diskInfo,
  erase,
  listFiles,
  readDisk,
  readFile,
  recordsToBinary,
  recordsToText,
  textToRecords,
  writeFile,
} from '../../../src/cp/cmsdisk/index.ts';
import { toEbcdic } from '../../../src/ebcdic/index.ts';
import { gunzipImage, requireR6, scratch, sha256, type Scratch } from './r6.ts';

requireR6();

let tmp: Scratch;
let original: string;
let copies = 0;

beforeAll(() => {
  tmp = scratch();
  original = tmp.file('cmsuser-191.ckd', gunzipImage('cmsuser-191'));
});

afterAll(() => tmp.remove());

function copyOf191(): string {
  const path = tmp.path(`work-${++copies}.ckd`);
  copyFileSync(original, path);
  return path;
}

/** The blocks a disk's structure lives in: label, MFD, FST blocks and QMSK blocks. */
function directoryBlocks(path: string): { mfd: Uint8Array; fst: Uint8Array[]; qmsk: Uint8Array[] } {
  return readDisk(path, (d) => ({
    mfd: d.image.readBlock(4),
    fst: d.mfd.fstBlocks.map((b) => d.image.readBlock(b)),
    qmsk: d.mfd.qmskBlocks.map((b) => d.image.readBlock(b)),
  }));
}

function expectKind(action: () => unknown, kind: CmsDiskError['kind']): void {
  try {
    action();
  } catch (e) {
    expect(e).toBeInstanceOf(CmsDiskError);
    expect((e as CmsDiskError).kind).toBe(kind);
    return;
  }
  throw new Error(`expected a ${kind} error`);
}

const text = (n: number, width = 80) =>
  Array.from({ length: n }, (_, i) => `LINE ${String(i + 1).padStart(6, '0')} ${'ABCDEFGHIJ'.repeat(8)}`.slice(0, width - (i % 7))).join('\n') + '\n';

describe('put and get on a real R6 disk', () => {
  it('F 80 text comes back identical, with the FST CMS writes', () => {
    const path = copyOf191();
    const body = text(30);
    const { records, lrecl } = textToRecords(body, { recfm: 'F' });
    const when = new Date(2024, 0, 2, 3, 4);
    const fst = writeFile(path, 'NEWFILE ASSEMBLE A1', records, { recfm: 'F', lrecl, when });
    expect(fst).toMatchObject({ recfm: 'F', lrecl: 80, records: 30, blocks: 3, writePointer: 31, readPointer: 1, modeLetter: 'A', modeNumber: '1', year: '24' });
    expect(fst.date).toBe(0x0102);
    expect(fst.time).toBe(0x0304);
    const back = readFile(path, 'NEWFILE ASSEMBLE A');
    expect(recordsToText('F', back.records)).toBe(body);
    const list = listFiles(path).files.map((f) => `${f.filename} ${f.filetype}`);
    expect(list.at(-1)).toBe('NEWFILE ASSEMBLE');
    expect(list.length).toBe(10);
  });

  it('V text keeps lines as they are; the LRECL is the longest line; an empty line is one blank', () => {
    const path = copyOf191();
    const body = 'first\n\n   indented   \nlast line of the file\n';
    const { records, lrecl } = textToRecords(body, { recfm: 'V' });
    expect(lrecl).toBe(21);
    writeFile(path, 'NOTES SCRIPT', records, { recfm: 'V', lrecl });
    const back = readFile(path, 'NOTES SCRIPT A1');
    expect(back.fst).toMatchObject({ recfm: 'V', lrecl: 21, records: 4, blocks: 1 });
    expect(recordsToText('V', back.records)).toBe('first\n \n   indented   \nlast line of the file\n');
  });

  it('a file of 10,000 records and 1,000 blocks (FCL and three chain links) round-trips, in F and in V', () => {
    const path = copyOf191();
    const lines = Array.from({ length: 10_000 }, (_, i) => `RECORD ${i + 1}`).join('\n') + '\n';
    const f = textToRecords(lines, { recfm: 'F' });
    const fstF = writeFile(path, 'BIG DATA', f.records, { recfm: 'F', lrecl: f.lrecl });
    expect(fstF).toMatchObject({ records: 10_000, blocks: 1000 });
    const v = textToRecords(lines, { recfm: 'V' });
    writeFile(path, 'BIGV DATA', v.records, { recfm: 'V', lrecl: v.lrecl });
    expect(recordsToText('F', readFile(path, 'BIG DATA').records)).toBe(lines);
    expect(recordsToText('V', readFile(path, 'BIGV DATA').records)).toBe(lines);
    readDisk(path, (d) => {
      expect(d.find('BIG', 'DATA')!.chainLinks.length).toBe(4);
      // 41 blocks before, plus 1000 + 4 for BIG DATA, plus BIGV DATA's data blocks and its FCL.
      const bigv = d.find('BIGV', 'DATA')!;
      expect(d.mfd.used).toBe(41 + 1004 + bigv.dataBlocks.length + bigv.chainLinks.length);
      expect(d.mfd.left).toBe(d.mfd.total - d.mfd.used);
    });
  });

  it('binary F and V files round-trip byte for byte (a real MODULE copied under a new name)', () => {
    const path = copyOf191();
    const module = readFile(path, 'TESTCMD MODULE');
    const bytes = recordsToBinary('V', module.records);
    const v = binaryToRecords(bytes, { recfm: 'V' });
    expect(v.lrecl).toBe(2552);
    writeFile(path, 'COPY MODULE', v.records, { recfm: 'V', lrecl: 2552 });
    expect(recordsToBinary('V', readFile(path, 'COPY MODULE').records)).toEqual(bytes);

    const blob = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7 + 3) & 0xff);
    const f = binaryToRecords(blob, { recfm: 'F', lrecl: 1000 });
    writeFile(path, 'BLOB BIN', f.records, { recfm: 'F', lrecl: 1000 });
    expect(recordsToBinary('F', readFile(path, 'BLOB BIN').records)).toEqual(blob);
  });

  it('erasing what was put gives back the MFD, FST and QMSK exactly', () => {
    const path = copyOf191();
    const before = directoryBlocks(path);
    const info = diskInfo(path);
    const lines = textToRecords(text(700), { recfm: 'F' });
    writeFile(path, 'ONE FILE', lines.records, { recfm: 'F', lrecl: 80 });
    writeFile(path, 'TWO FILE', toLines(['a', 'b']), { recfm: 'V', lrecl: 1 });
    expect(diskInfo(path).used).toBeGreaterThan(info.used);
    erase(path, 'ONE FILE');
    erase(path, 'TWO FILE A1');
    expect(directoryBlocks(path)).toEqual(before);
    const after = diskInfo(path);
    expect({ ...after, files: after.files.length }).toEqual({ ...info, files: info.files.length });
    expect(after.files).toEqual(info.files);
  });

  it('QMSK extension blocks appear when blocks past 1720 are used and go when they are freed', () => {
    const path = copyOf191();
    const before = directoryBlocks(path);
    const big = binaryToRecords(new Uint8Array(1800 * 800).fill(0xc1), { recfm: 'F', lrecl: 800 });
    writeFile(path, 'HUGE FILE', big.records, { recfm: 'F', lrecl: 800 });
    const grown = diskInfo(path);
    expect(grown.qmskBlocks.length).toBe(10);
    expect(grown.last).toBeGreaterThanOrEqual(215);
    expect(grown.used).toBe(41 + 1800 + 1 + 5 + 10);
    expect(readFile(path, 'HUGE FILE').records.every((r) => r.every((b) => b === 0xc1))).toBe(true);
    erase(path, 'HUGE FILE');
    expect(diskInfo(path).qmskBlocks).toEqual([]);
    expect(directoryBlocks(path)).toEqual(before);
  });

  it('a 21st file takes a new FST block; erasing keeps directory order and gives the block back', () => {
    const path = copyOf191();
    const before = directoryBlocks(path);
    for (let i = 1; i <= 13; i++) writeFile(path, `F${i} DATA A2`, toCards([`file ${i}`]), { recfm: 'F', lrecl: 80 });
    const full = diskInfo(path);
    expect(full.files.length).toBe(22);
    expect(full.fstBlocks.length).toBe(2);
    expect(full.files.map((f) => f.modeNumber).filter((m) => m === '2').length).toBe(13);
    erase(path, 'F3 DATA');
    const names = listFiles(path).files.map((f) => f.filename);
    expect(names.slice(9)).toEqual(['F1', 'F2', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12', 'F13']);
    expect(diskInfo(path).fstBlocks.length).toBe(2);
    erase(path, 'F13 DATA A2');
    expect(diskInfo(path).fstBlocks.length).toBe(1);
    for (const n of [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12]) erase(path, `F${n} DATA`);
    expect(directoryBlocks(path)).toEqual(before);
  });

  it('refuses to overwrite unless asked; --replace keeps the file in its place', () => {
    const path = copyOf191();
    const hash = sha256(path);
    expectKind(() => writeFile(path, 'HELLO TEXT', toCards(['x']), { recfm: 'F', lrecl: 80 }), 'exists');
    expect(sha256(path)).toBe(hash);
    writeFile(path, 'HELLO TEXT', toLines(['replaced']), { recfm: 'V', lrecl: 8, replace: true });
    const list = listFiles(path).files;
    expect(list[2]).toMatchObject({ filename: 'HELLO', filetype: 'TEXT', recfm: 'V', records: 1 });
    expect(list.length).toBe(9);
    expect(recordsToText('V', readFile(path, 'HELLO TEXT').records)).toBe('replaced\n');
    expect(diskInfo(path).used).toBe(41);
  });

  it('errors: not found, bad ids, overlong lines, mode number mismatch; no change and no scratch files left', () => {
    const path = copyOf191();
    const hash = sha256(path);
    expectKind(() => readFile(path, 'NOSUCH FILE'), 'not-found');
    expectKind(() => erase(path, 'NOSUCH FILE A'), 'not-found');
    expectKind(() => readFile(path, 'PROFILE EXEC A2'), 'not-found');
    expectKind(() => readFile(path, 'TOOLONGNAME EXEC'), 'usage');
    expectKind(() => readFile(path, 'PROFILE'), 'usage');
    expectKind(() => textToRecords('x'.repeat(81), { recfm: 'F' }), 'usage');
    expectKind(() => writeFile(path, 'EMPTY FILE', [], { recfm: 'F', lrecl: 80 }), 'usage');
    expectKind(() => writeFile(`${path}.gz`, 'A B', toLines(['x']), { recfm: 'V', lrecl: 1 }), 'usage');
    expect(sha256(path)).toBe(hash);
    expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a full disk refuses the file and stays as it was', () => {
    const path = copyOf191();
    const hash = sha256(path);
    // 16,060 data blocks is the most one file can have; 65,490 are free, so fill with several.
    const chunk = binaryToRecords(new Uint8Array(16_000 * 800), { recfm: 'F', lrecl: 800 });
    for (let i = 1; i <= 4; i++) writeFile(path, `FILL${i} DATA`, chunk.records, { recfm: 'F', lrecl: 800 });
    const filled = sha256(path);
    expect(filled).not.toBe(hash);
    const left = diskInfo(path).left;
    expect(left).toBeLessThan(2000);
    const tooBig = binaryToRecords(new Uint8Array(left * 800), { recfm: 'F', lrecl: 800 });
    expectKind(() => writeFile(path, 'LAST DATA', tooBig.records, { recfm: 'F', lrecl: 800 }), 'no-room');
    expect(sha256(path)).toBe(filled);
    const tooLong = binaryToRecords(new Uint8Array(16_061 * 800), { recfm: 'F', lrecl: 800 });
    const fresh = copyOf191();
    expectKind(() => writeFile(fresh, 'HUGE DATA', tooLong.records, { recfm: 'F', lrecl: 800 }), 'no-room');
    expect(sha256(fresh)).toBe(hash);
  });
});

/** V records of these lines. */
function toLines(lines: string[]): Uint8Array[] {
  return lines.map((l) => toEbcdic(l));
}

/** F 80 records of these lines. */
function toCards(lines: string[]): Uint8Array[] {
  return textToRecords(lines.join('\n'), { recfm: 'F' }).records;
}
