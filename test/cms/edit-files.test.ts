// EDIT on existing files: files copied from IBM's VM/370 R6 minidisks (../shared/vm370r6) open
// and FILE writes them back identical byte for byte; a file of thousands of records; and FILE
// failing (a full disk, a read-only disk) keeps the old file and the edit, as R6's work file does.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCms, type CmsBuild } from '../../src/cms/build.ts';
import { formatImage, listFiles, readFile, writeFiles, type FileToWrite } from '../../src/cp/cmsdisk/index.ts';
import { fromEbcdic, toEbcdic } from '../../src/ebcdic/index.ts';
import type { ConsoleSession } from '../../src/cp/vm/session.ts';
import { cmsSession, r6Image } from '../cp/vm/r6-fixture.ts';
import { READY, ourCmsSession } from './helpers.ts';

const EDIT_NUCLEUS = ['dmsnuc', 'dmsint', 'dmsits', 'dmscon', 'dmsfre', 'dmsset', 'dmscwr', 'dmsedt', 'fs'];
const buildEditCms = (): CmsBuild =>
  buildCms({ include: (file) => EDIT_NUCLEUS.some((name) => file.startsWith(name)), allowUnresolved: true });

/** R6 files to copy: [disk, fileid on it, fileid on ours]. */
const R6_FILES: [string, string, string][] = [
  ['cmsuser-192', 'CX58V108 ASSEMBLE P1', 'CX58V108 ASSEMBLE A1'],
  ['cmsuser-192', 'EEMAIN C P1', 'EEMAIN C A1'],
  ['cmsuser-192', 'EBCDIC MEMO P1', 'EBCDIC MEMO A1'],
  ['cmsuser-192', 'CHK3270 LISTING P1', 'CHK3270 LISTING A1'],
  ['cmsuser-191', 'PROFILE EXEC A1', 'PROFILE EXEC A1'],
  ['cmsuser-191', 'CMS EXEC A1', 'CMS EXEC A1'],
];

const hex = (records: readonly Uint8Array[]) => records.map((r) => Buffer.from(r).toString('hex'));
const fRecords = (count: number, text: (i: number) => string) => Array.from({ length: count }, (_, i) => toEbcdic(text(i + 1).padEnd(80)));

describe('EDIT of existing files', () => {
  let build: CmsBuild;
  let folder: string;
  let image: string;
  let small: string;
  let readOnly: string;
  let session: ConsoleSession;
  const originals = new Map<string, ReturnType<typeof readFile>>();

  const keys = (...lines: string[]): string[] => lines.flatMap((line) => session.type(line));

  beforeAll(() => {
    build = buildEditCms();
    folder = mkdtempSync(join(tmpdir(), 'vm370-edit-files-'));
    image = join(folder, 'a.ckd');
    small = join(folder, 'c.ckd');
    readOnly = join(folder, 'b.ckd');
    formatImage(image, { label: 'EDT191', type: '3350', cylinders: 10 });
    formatImage(small, { label: 'SMALL', type: '3350', cylinders: 1 });
    formatImage(readOnly, { label: 'RONLY', type: '3350', cylinders: 1 });
    const files: FileToWrite[] = R6_FILES.map(([disk, from, to]) => {
      const file = readFile(r6Image(disk), from);
      return { fileId: to, records: file.records, recfm: file.fst.recfm, lrecl: file.fst.lrecl };
    });
    files.push({ fileId: 'BIG DATA A1', records: fRecords(5000, (i) => `RECORD ${i}`), recfm: 'F', lrecl: 80 });
    files.push({ fileId: 'WIDE DATA A1', records: [toEbcdic('W'.repeat(200))], recfm: 'F', lrecl: 200 });
    writeFiles(image, files);
    // 4,000 F 80 records: 400 of the small disk's 565 free blocks, so a second copy cannot fit.
    writeFiles(small, [{ fileId: 'FILLER DATA C1', records: fRecords(4000, (i) => `FILLER ${i}`), recfm: 'F', lrecl: 80 }]);
    writeFiles(readOnly, [{ fileId: 'LOCKED MEMO B1', records: [toEbcdic('DO NOT CHANGE')], recfm: 'V', lrecl: 13 }]);
    for (const [, , to] of R6_FILES) originals.set(to, readFile(image, to));
    session = ourCmsSession(build, {
      storage: '4M',
      minidisks: [
        { address: '191', image, mode: 'W' },
        { address: '192', image: readOnly, mode: 'RR' },
        { address: '193', image: small, mode: 'W' },
      ],
    });
    session.runUntilRead();
    expect(session.type('ACCESS 192 B')[0]).toBe('DMSACC723I B (192) R/O');
    expect(session.type('ACCESS 193 C').at(-1)).toMatch(READY);
  });
  afterAll(() => {
    session.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it.each(R6_FILES.map(([, , to]) => to))('%s from an R6 disk: FILE writes the same records, RECFM and LRECL', (fileId) => {
    const [fn, ft] = fileId.split(' ');
    expect(session.type(`EDIT ${fn} ${ft}`)).toEqual(['EDIT:']);
    expect(session.type('FILE')[0]).toMatch(READY);
    const before = originals.get(fileId)!;
    const after = readFile(image, fileId);
    expect([after.fst.recfm, after.fst.lrecl, after.fst.records, after.fst.modeNumber]).toEqual([
      before.fst.recfm,
      before.fst.lrecl,
      before.fst.records,
      before.fst.modeNumber,
    ]);
    expect(hex(after.records)).toEqual(hex(before.records));
  });

  it('an R6 file: BOTTOM, TYPE and LOCATE see the lines the disk holds', () => {
    const lines = originals.get('PROFILE EXEC A1')!.records.map((r) => fromEbcdic(r).trimEnd());
    expect(keys('EDIT PROFILE EXEC', 'BOTTOM')).toEqual(['EDIT:', lines.at(-1)]);
    expect(session.type('TOP')).toEqual(['TOF:']);
    expect(session.type('LOCATE /GLOBAL/')).toEqual([lines.find((l) => l.includes('GLOBAL'))]);
    expect(session.type('QUIT')[0]).toMatch(READY);
  });

  it('a file of 5,000 records: BOTTOM, CHANGE on the last line, FILE keeps the other 4,999', () => {
    expect(keys('EDIT BIG DATA', 'BOTTOM')).toEqual(['EDIT:', 'RECORD 5000']);
    expect(session.type('C/5000/LAST/')).toEqual(['RECORD LAST']);
    expect(session.type('UP 4998')).toEqual(['RECORD 2']);
    expect(session.type('FILE')[0]).toMatch(READY);
    const file = readFile(image, 'BIG DATA A');
    expect(file.fst.records).toBe(5000);
    expect(fromEbcdic(file.records[4999]!).trimEnd()).toBe('RECORD LAST');
    expect(hex(file.records.slice(0, 4999))).toEqual(hex(fRecords(4999, (i) => `RECORD ${i}`)));
  });

  it('a file of records longer than 160: DMSEDI132S, R(00088), and CMS goes on', () => {
    const out = session.type('EDIT WIDE DATA');
    expect(out[0]).toBe("DMSEDI132S FILE 'WIDE DATA A1' TOO LARGE");
    expect(out[1]).toMatch(/^R\(00088\); /);
    expect(session.type('EDIT BIG DATA')).toEqual(['EDIT:']);
    expect(session.type('QUIT')[0]).toMatch(READY);
  });

  it('FILE on a full disk: DMSEDI105S, the edit goes on, and QUIT leaves the old file whole', () => {
    const before = readFile(small, 'FILLER DATA C');
    expect(keys('EDIT FILLER DATA C', 'NEXT', 'REPLACE CHANGED')).toEqual(['EDIT:', 'FILLER 1']);
    const out = session.type('FILE');
    expect(out).toEqual(["DMSEDI105S ERROR 13 WRITING FILE 'FILLER DATA C1' ON DISK"]);
    expect(session.type('TYPE')).toEqual(['CHANGED']);
    expect(session.type('QUIT')[0]).toMatch(READY);
    const after = readFile(small, 'FILLER DATA C');
    expect(after.fst).toEqual(before.fst);
    expect(hex(after.records)).toEqual(hex(before.records));
    expect(listFiles(small).files.map((f) => `${f.filename} ${f.filetype}`)).toEqual(['FILLER DATA']);
  });

  it('FILE on a read-only disk: DMSEDI037E; FMODE A then FILE writes it to the A-disk', () => {
    expect(keys('EDIT LOCKED MEMO B', 'NEXT')).toEqual(['EDIT:', 'DO NOT CHANGE']);
    expect(session.type('FILE')).toEqual(["DMSEDI037E DISK 'B' IS READ/ONLY"]);
    expect(keys('FMODE A', 'FMODE')).toEqual(['A1']);
    expect(session.type('FILE')[0]).toMatch(READY);
    expect(readFile(image, 'LOCKED MEMO A').records.map((r) => fromEbcdic(r))).toEqual(['DO NOT CHANGE']);
    expect(readFile(readOnly, 'LOCKED MEMO B').fst.records).toBe(1);
  });
});

describe('IBM R6 CMS runs an EXEC made with our EDIT', () => {
  let folder: string;
  let image: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'vm370-edit-r6-'));
    image = join(folder, 'a.ckd');
    formatImage(image, { label: 'EDT191', type: '3350', cylinders: 2 });
    const ours = ourCmsSession(buildEditCms(), { storage: '2M', minidisks: [{ address: '191', image, mode: 'W' }] });
    try {
      ours.runUntilRead();
      for (const line of ['EDIT GREET EXEC', 'INPUT', '&CONTROL OFF', '&TYPE HELLO FROM &1', '&EXIT 3', '', 'FILE']) ours.type(line);
    } finally {
      ours.close();
    }
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('EXEC GREET OURS under R6: the &TYPE line and return code 3', () => {
    const r6 = cmsSession([{ address: '191', image }]);
    try {
      r6.runUntilRead();
      r6.type(''); // past the IPL (R6 runs its PROFILE EXEC step at the first line)
      const out = r6.type('EXEC GREET OURS');
      expect(out[0]).toBe('HELLO FROM OURS');
      expect(out[1]).toMatch(/^Ready\(00003\);/);
    } finally {
      r6.close();
    }
  });
});
