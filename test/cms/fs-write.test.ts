// Our CMS file system writing: FSWRITE and FSCLOSE on a fresh disk and on a copy of an R6 disk,
// read back by our FSREAD and by the host's reader (src/cp/cmsdisk), and compared byte for byte
// with what the host tool writes for the same records; ERASE and RENAME seen from the host.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskInfo, formatImage, listFiles, readFile, writeFile } from '../../src/cp/cmsdisk/index.ts';
import { fromEbcdic, toEbcdic } from '../../src/ebcdic/index.ts';
import { scratchImage } from '../cp/vm/r6-fixture.ts';
import { BUFFER, FsBench, fscb } from './fs-harness.ts';

const EPOCH = new Date(Date.UTC(1981, 3, 1, 9, 30, 0));
/** The same wall-clock time for the host tool, which stamps FSTs in local time. */
const HOST_WHEN = new Date(EPOCH.getTime() + EPOCH.getTimezoneOffset() * 60_000);

const fRecord = (i: number) => toEbcdic(`RECORD ${i}`.padEnd(80));
const vRecord = (i: number) => toEbcdic(`LINE ${i} ${'X'.repeat(i % 37)}`);

function writeRecords(bench: FsBench, fileId: string, recfm: 'F' | 'V', records: Uint8Array[]): number[] {
  const codes: number[] = [];
  for (const r of records) {
    bench.vm.storage.bytes.set(r, BUFFER);
    codes.push(bench.call('DMSFWRIT', fscb('WRBUF', fileId, { buffer: BUFFER, size: r.length, recfm })).rc);
  }
  codes.push(bench.call('DMSFCLOS', fscb('FSCLOSE', fileId)).rc);
  return codes;
}

function readRecords(bench: FsBench, fileId: string): { records: Uint8Array[]; rc: number } {
  const records: Uint8Array[] = [];
  for (;;) {
    const r = bench.call('DMSFREAD', fscb('RDBUF', fileId, { buffer: BUFFER, size: 65535 }));
    if (r.rc !== 0) {
      bench.call('DMSFCLOS', fscb('FSCLOSE', fileId));
      return { records, rc: r.rc };
    }
    records.push(bench.bytes(BUFFER, r.r0));
  }
}

const hex = (records: readonly Uint8Array[]) => records.map((r) => Buffer.from(r).toString('hex'));

describe('FSWRITE and FSCLOSE on a freshly formatted disk', () => {
  let folder: string;
  let ours: string;
  let host: string;
  let bench: FsBench;
  const fRecords = Array.from({ length: 200 }, (_, i) => fRecord(i + 1));
  // 3,000 V records: 112 data blocks, so a chain link after the first 60.
  const vRecords = Array.from({ length: 3000 }, (_, i) => vRecord(i + 1));
  // Records of 8,000 bytes: 1,701 blocks, past block 1,720 of a 2,850-block disk (QMSK extension).
  const bigRecords = Array.from({ length: 170 }, (_, i) => toEbcdic(`BIG ${i + 1} `.padEnd(8000, String.fromCharCode(65 + (i % 26)))));

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'vm370-fswrite-'));
    ours = join(folder, 'ours.ckd');
    host = join(folder, 'host.ckd');
    formatImage(ours, { label: 'FRESH1', type: '3350', cylinders: 5 });
    formatImage(host, { label: 'FRESH1', type: '3350', cylinders: 5 });
    bench = new FsBench([{ address: 0x191, image: ours }], EPOCH);
    bench.call('DMSFSINI', 0);
  });

  afterAll(() => {
    bench.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes an F 80 file record by record: every FSWRITE and the FSCLOSE return 0', () => {
    expect(new Set(writeRecords(bench, 'TEST DATA A1', 'F', fRecords))).toEqual(new Set([0]));
  });

  it('writes a V file of 3,000 records (a chain link after 60 data blocks)', () => {
    expect(new Set(writeRecords(bench, 'BIG FILE A', 'V', vRecords))).toEqual(new Set([0]));
  });

  it('the host reader finds both files with R6 FSTs (records, LRECL, blocks, date written)', () => {
    const files = listFiles(ours).files;
    expect(files.map((f) => [f.filename, f.filetype, f.modeLetter + f.modeNumber, f.recfm, f.lrecl, f.records, f.blocks])).toEqual([
      ['TEST', 'DATA', 'A1', 'F', 80, 200, 20],
      ['BIG', 'FILE', 'A1', 'V', 46, 3000, 112],
    ]);
    expect(files[0]!.writePointer).toBe(201);
    expect(files[0]!.readPointer).toBe(1);
    // DIAGNOSE X'0C' gave 04/01/81 09:30: packed mmdd and hhmm.
    expect([files[0]!.date, files[0]!.time, files[0]!.year]).toEqual([0x0401, 0x0930, '81']);
  });

  it('the host reader reads back every record as written', () => {
    expect(hex(readFile(ours, 'TEST DATA').records)).toEqual(hex(fRecords));
    expect(hex(readFile(ours, 'BIG FILE').records)).toEqual(hex(vRecords));
  });

  it('our FSREAD reads them back too, then end of file (12)', () => {
    const f = readRecords(bench, 'TEST DATA A');
    expect(f.rc).toBe(12);
    expect(hex(f.records)).toEqual(hex(fRecords));
    const v = readRecords(bench, 'BIG FILE');
    expect(v.rc).toBe(12);
    expect(hex(v.records)).toEqual(hex(vRecords));
  });

  it('a file past block 1,720 brings in the QMSK extension blocks', () => {
    expect(new Set(writeRecords(bench, 'HUGE FILE A1', 'V', bigRecords))).toEqual(new Set([0]));
    const info = diskInfo(ours);
    expect(info.qmskBlocks.length).toBe(1);
    expect(hex(readFile(ours, 'HUGE FILE').records)).toEqual(hex(bigRecords));
  });

  it('the image is byte for byte what the host tool writes for the same files', () => {
    writeFile(host, 'TEST DATA A1', fRecords, { recfm: 'F', lrecl: 80, when: HOST_WHEN });
    writeFile(host, 'BIG FILE A1', vRecords, { recfm: 'V', lrecl: 46, when: HOST_WHEN });
    writeFile(host, 'HUGE FILE A1', bigRecords, { recfm: 'V', lrecl: 8000, when: HOST_WHEN });
    const a = readFileSync(ours);
    const b = readFileSync(host);
    expect(a.length).toBe(b.length);
    let differences = 0;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differences++;
    expect(differences).toBe(0);
  });

  it('ERASE gives the blocks back: the host no longer sees the file and the bitmap is exact', () => {
    const before = diskInfo(ours).used;
    expect(bench.command('ERASE HUGE FILE A')).toMatchObject({ rc: 0, lines: [] });
    const info = diskInfo(ours);
    expect(info.qmskBlocks).toEqual([]);
    // 170 records of 2 + 8,000 bytes: 1,701 data blocks, the FCL, 5 chain links, the QMSK extension.
    expect(before - info.used).toBe(1701 + 1 + 5 + 1);
    expect(listFiles(ours).files.map((f) => f.filename)).toEqual(['TEST', 'BIG']);
  });
});

describe('writing on a copy of an R6 disk (CMSUSER 191)', () => {
  let disk: { path: string; remove(): void };
  let bench: FsBench;

  beforeAll(() => {
    disk = scratchImage('cmsuser-191');
    bench = new FsBench([{ address: 0x191, image: disk.path }], EPOCH);
    bench.call('DMSFSINI', 0);
  });

  afterAll(() => {
    bench.close();
    disk.remove();
  });

  it('appending to an existing V file (PROFILE EXEC) keeps its records and adds one', () => {
    const old = readFile(disk.path, 'PROFILE EXEC').records;
    const line = toEbcdic('* APPENDED BY OUR CMS');
    expect(writeRecords(bench, 'PROFILE EXEC A1', 'V', [line])).toEqual([0, 0]);
    const now = readFile(disk.path, 'PROFILE EXEC');
    expect(hex(now.records)).toEqual(hex([...old, line]));
    expect(now.fst.records).toBe(14);
  });

  it('rewriting record 2 of an F file in place (item number 2)', () => {
    const record = toEbcdic('REPLACED'.padEnd(80));
    bench.vm.storage.bytes.set(record, BUFFER);
    expect(bench.call('DMSFWRIT', fscb('WRBUF', 'WORKLEN TESTFILE A1', { item: 2, buffer: BUFFER, size: 80, recfm: 'F' })).rc).toBe(0);
    expect(bench.call('DMSFCLOS', fscb('FSCLOSE', 'WORKLEN TESTFILE A1')).rc).toBe(0);
    const file = readFile(disk.path, 'WORKLEN TESTFILE');
    expect(file.records).toHaveLength(102);
    expect(fromEbcdic(file.records[1]!).trimEnd()).toBe('REPLACED');
  });

  it('FSWRITE codes: RECFM differs (16), not the next V record (7), bad RECFM (11), wrong F length (15)', () => {
    bench.vm.storage.bytes.set(toEbcdic('X'.repeat(80)), BUFFER);
    expect(bench.call('DMSFWRIT', fscb('WRBUF', 'PROFILE EXEC A1', { buffer: BUFFER, size: 80, recfm: 'F' })).rc).toBe(16);
    expect(bench.call('DMSFWRIT', fscb('WRBUF', 'HELLO C A1', { item: 2, buffer: BUFFER, size: 10, recfm: 'V' })).rc).toBe(7);
    expect(bench.call('DMSFCLOS', fscb('FSCLOSE', 'HELLO C A1')).rc).toBe(0);
    expect(bench.call('DMSFWRIT', fscb('WRBUF', 'NEW FILE A1', { buffer: BUFFER, size: 80, recfm: 'X' })).rc).toBe(11);
    expect(bench.call('DMSFWRIT', fscb('WRBUF', 'TESTBLKS EXEC A1', { buffer: BUFFER, size: 40, recfm: 'F' })).rc).toBe(15);
    expect(bench.call('DMSFCLOS', fscb('FSCLOSE', 'TESTBLKS EXEC A1')).rc).toBe(0);
    expect(bench.call('DMSFCLOS', fscb('FSCLOSE', 'NOT OPEN A1')).rc).toBe(6);
  });

  it('RENAME HELLO C A HELLO2 = =: the host sees the new name in the same place', () => {
    expect(bench.command('RENAME HELLO C A HELLO2 = =')).toMatchObject({ rc: 0, lines: [] });
    const names = listFiles(disk.path).files.map((f) => `${f.filename} ${f.filetype}`);
    expect(names[1]).toBe('HELLO2 C');
    expect(names).not.toContain('HELLO C');
  });

  it('RENAME to a name that exists: DMSRNM024E, and of a missing file: DMSRNM002E', () => {
    expect(bench.command('RENAME HELLO2 C A PROFILE EXEC A')).toEqual(
      expect.objectContaining({ rc: 28, lines: ["DMSRNM024E File 'PROFILE EXEC A' already exists."] }),
    );
    expect(bench.command('RENAME NOSUCH C A OTHER C A')).toEqual(
      expect.objectContaining({ rc: 28, lines: ["DMSRNM002E File 'NOSUCH C A' not found."] }),
    );
  });

  it('ERASE TESTBLKS EXEC: blocks used 41 -> 39 as R6 left it, and the disk stays consistent', () => {
    const used = diskInfo(disk.path).used;
    expect(bench.command('ERASE TESTBLKS EXEC')).toMatchObject({ rc: 0, lines: [] });
    expect(diskInfo(disk.path).used).toBe(used - 2);
    expect(listFiles(disk.path).files.map((f) => f.filename)).not.toContain('TESTBLKS');
    expect(bench.command('STATE TESTBLKS EXEC').rc).toBe(28);
  });

  it('ERASE with a pattern erases every match; none left: DMSERS002E', () => {
    expect(bench.command('ERASE TESTCMD *').rc).toBe(0);
    expect(listFiles(disk.path).files.map((f) => f.filename)).not.toContain('TESTCMD');
    expect(bench.command('ERASE TESTCMD *')).toEqual(expect.objectContaining({ rc: 28, lines: ["DMSERS002E File 'TESTCMD *' not found."] }));
  });

  it('FSERASE of a file (rc 0), then of the same file again (28)', () => {
    expect(bench.call('DMSFERAS', fscb('FSERASE', 'HELLO TEXT A')).rc).toBe(0);
    expect(bench.call('DMSFERAS', fscb('FSERASE', 'HELLO TEXT A')).rc).toBe(28);
  });
});

describe('RELEASE of a disk with a file open for writing', () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'vm370-fsrelease-'));
    formatImage(join(folder, 'b.ckd'), { label: 'SCRTCH', type: '3330', cylinders: 3 });
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('closes the file first: the host then reads it from a 3330 disk', () => {
    const bench = new FsBench([{ address: 0x192, image: join(folder, 'b.ckd') }], EPOCH);
    try {
      bench.call('DMSFSINI', 0);
      expect(bench.command('ACCESS 192 B').rc).toBe(0);
      const records = Array.from({ length: 900 }, (_, i) => fRecord(i + 1));
      for (const r of records) {
        bench.vm.storage.bytes.set(r, BUFFER);
        expect(bench.call('DMSFWRIT', fscb('WRBUF', 'OPEN FILE B1', { buffer: BUFFER, size: 80, recfm: 'F' })).rc).toBe(0);
      }
      expect(bench.command('RELEASE B').rc).toBe(0);
      expect(bench.call('DMSFCLOS', fscb('FSCLOSE', 'OPEN FILE B1')).rc).toBe(6);
      expect(hex(readFile(join(folder, 'b.ckd'), 'OPEN FILE').records)).toEqual(hex(records));
    } finally {
      bench.close();
    }
  });
});

describe('mode numbers', () => {
  it('FSWRITE to A keeps an existing file\'s mode number; A5 sets it; a new file without one is A1', () => {
    const disk = scratchImage('cmsuser-191');
    const bench = new FsBench([{ address: 0x191, image: disk.path }], EPOCH);
    try {
      bench.call('DMSFSINI', 0);
      bench.vm.storage.bytes.set(toEbcdic('X'.repeat(80)), BUFFER);
      const put = (id: string) => {
        expect(bench.call('DMSFWRIT', fscb('WRBUF', id, { buffer: BUFFER, size: 80, recfm: 'F' })).rc).toBe(0);
        expect(bench.call('DMSFCLOS', fscb('FSCLOSE', id)).rc).toBe(0);
      };
      put('TESTBLKS EXEC A5');
      put('TESTBLKS EXEC A');
      put('NEWONE DATA A');
      const modes = new Map(listFiles(disk.path).files.map((f) => [`${f.filename} ${f.filetype}`, f.modeLetter + f.modeNumber]));
      expect(modes.get('TESTBLKS EXEC')).toBe('A5');
      expect(modes.get('NEWONE DATA')).toBe('A1');
      expect(bench.command('LISTFILE TESTBLKS EXEC A5').lines).toEqual(['TESTBLKS EXEC     A5']);
      expect(bench.command('LISTFILE TESTBLKS EXEC A1').rc).toBe(28);
    } finally {
      bench.close();
      disk.remove();
    }
  });
});

describe('a file open for writing while another is erased', () => {
  it('FSCLOSE finds the file\'s FST where the ERASE moved it', () => {
    const disk = scratchImage('cmsuser-191');
    const bench = new FsBench([{ address: 0x191, image: disk.path }], EPOCH);
    try {
      bench.call('DMSFSINI', 0);
      const line = toEbcdic('* ONE MORE LINE');
      bench.vm.storage.bytes.set(line, BUFFER);
      expect(bench.call('DMSFWRIT', fscb('WRBUF', 'TESTCMD C A1', { buffer: BUFFER, size: line.length, recfm: 'V' })).rc).toBe(0);
      expect(bench.command('ERASE HELLO C').rc).toBe(0); // before TESTCMD C in the directory
      expect(bench.call('DMSFCLOS', fscb('FSCLOSE', 'TESTCMD C A1')).rc).toBe(0);
      const files = listFiles(disk.path).files;
      expect(files.find((f) => f.filename === 'TESTCMD' && f.filetype === 'C')!.records).toBe(71);
      expect(files.find((f) => f.filename === 'HELLO' && f.filetype === 'TEXT')!.records).toBe(9);
      expect(readFile(disk.path, 'TESTCMD C').records.at(-1)).toEqual(line);
    } finally {
      bench.close();
      disk.remove();
    }
  });
});
