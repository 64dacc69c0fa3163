// Our CMS file system reading IBM's R6 minidisks (../shared/vm370r6): ACCESS of the disks,
// LISTFILE against LISTINGS.txt and the host's listing lines, FSREAD of every record against the
// host reader (src/cp/cmsdisk), and TYPE.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles, listLine, readFile } from '../../src/cp/cmsdisk/index.ts';
import { fromEbcdic } from '../../src/ebcdic/index.ts';
import { R6_FOLDER, r6Image, requireR6 } from '../cp/vm/r6-fixture.ts';
import { BUFFER, FsBench, fscb } from './fs-harness.ts';


/** The directory lines LISTINGS.txt gives for one disk: fn ft fm recfm lrecl records blocks date time. */
function listing(disk: string): string[][] {
  requireR6();
  const text = readFileSync(join(R6_FOLDER, 'LISTINGS.txt'), 'utf8');
  const start = text.indexOf(`=== ${disk}.ckd.gz ===`);
  if (start < 0) throw new Error(`LISTINGS.txt has no section for ${disk}`);
  const end = text.indexOf('\n===', start + 1);
  return text
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .filter((l) => /^\S+\s+\S+\s+[A-Z]\d [FV] /.test(l))
    .map((l) => l.trim().split(/\s+/));
}

/** A LISTFILE (DATE) line split into the same fields, the time as hh:mm. */
const fields = (line: string) => {
  const f = line.trim().split(/\s+/);
  f[8] = f[8]!.padStart(5, '0');
  return f;
};

function readAll(bench: FsBench, fileId: string): { records: Uint8Array[]; rc: number } {
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

describe('R6 minidisks accessed by our CMS', () => {
  let bench: FsBench;
  const disks = { '191': 'cmsuser-191', '193': 'cmsuser-193', '19D': 'maint-19d' } as const;

  beforeAll(() => {
    bench = new FsBench(
      Object.entries(disks).map(([address, name]) => ({ address: parseInt(address, 16), image: r6Image(name), readOnly: true })),
    );
    bench.call('DMSFSINI', 0);
    bench.command('ACCESS 193 E');
    bench.command('ACCESS 19D U');
  });

  afterAll(() => bench.close());

  it('LISTFILE * * A (DATE lists CMSUSER 191 as LISTINGS.txt does, in directory order', () => {
    const out = bench.command('LISTFILE * * A (DATE');
    expect(out.rc).toBe(0);
    expect(out.lines.map(fields)).toEqual(listing('cmsuser-191'));
  });

  it('LISTFILE * * E (DATE: CMSUSER 193, two FST blocks and QMSK extension blocks', () => {
    expect(bench.command('LISTFILE * * E (DATE').lines.map(fields)).toEqual(listing('cmsuser-193'));
  });

  it('LISTFILE * * U (DATE: MAINT 19D, 374 files in 19 FST blocks', () => {
    const lines = bench.command('LISTFILE * * U (DATE').lines;
    expect(lines).toHaveLength(374);
    expect(lines.map(fields)).toEqual(listing('maint-19d'));
  });

  it('LISTFILE (LABEL) lines are the host tool\'s LISTFILE lines character for character', () => {
    const host = listFiles(r6Image('cmsuser-193'));
    const expected = host.files.map((f) => listLine(f, host.label, 'E'));
    expect(bench.command('LISTFILE * * E (LABEL').lines).toEqual(expected);
  });

  it('LISTFILE without options: fn ft fm; patterns with * and %; fm * searches every disk', () => {
    expect(bench.command('LISTFILE').lines[0]).toBe('WORKLEN  TESTFILE A1');
    expect(bench.command('LISTFILE TEST* *').lines).toEqual(['TESTBLKS EXEC     A1', 'TESTCMD  C        A1', 'TESTCMD  MODULE   A1', 'TESTCMD  TEXT     A1']);
    expect(bench.command('LISTFILE HELL% C').lines).toEqual(['HELLO    C        A1']);
    const all = bench.command('LISTFILE * EXEC *').lines;
    expect(all.slice(0, 3)).toEqual(['PROFILE  EXEC     A1', 'TESTBLKS EXEC     A1', 'CMS      EXEC     A1']);
    expect(all).toContain('RUN$PXY  EXEC     E2');
  });

  it('LISTFILE of nothing: DMSLST002E File not found. (RC 28); a disk not accessed: DMSLST069E (RC 36)', () => {
    expect(bench.command('LISTFILE NOSUCH FILE')).toEqual(expect.objectContaining({ rc: 28, lines: ['DMSLST002E File not found.'] }));
    expect(bench.command('LISTFILE * * Q')).toEqual(expect.objectContaining({ rc: 36, lines: ["DMSLST069E Disk 'Q' not accessed."] }));
    expect(bench.command('LISTFILE * * A (FOO').lines).toEqual(["DMSLST003E Invalid option 'FOO'."]);
  });

  it('FSREAD reads every record of every file on CMSUSER 191 as the host reader does', () => {
    for (const f of listFiles(r6Image('cmsuser-191')).files) {
      const id = `${f.filename} ${f.filetype}`;
      const ours = readAll(bench, `${id} A`);
      expect(ours.rc, id).toBe(12);
      const host = readFile(r6Image('cmsuser-191'), id).records;
      expect(ours.records.map((r) => Buffer.from(r).toString('hex')), id).toEqual(host.map((r) => Buffer.from(r).toString('hex')));
    }
  });

  it('FSREAD of V records up to 65,535 bytes across chain links (IOPROXY MODULE, 656 blocks)', () => {
    const ours = readAll(bench, 'IOPROXY MODULE E');
    const host = readFile(r6Image('cmsuser-193'), 'IOPROXY MODULE').records;
    expect(ours.records.length).toBe(8);
    expect(ours.records.map((r) => Buffer.from(r).toString('hex'))).toEqual(host.map((r) => Buffer.from(r).toString('hex')));
  });

  it('FSREAD by item number: F records anywhere, several at once; V records forwards and back', () => {
    const host = readFile(r6Image('cmsuser-193'), 'NICOFLIB TXTLIB').records;
    let r = bench.call('DMSFREAD', fscb('RDBUF', 'NICOFLIB TXTLIB E', { item: 1000, buffer: BUFFER, size: 240, items: 3 }));
    expect([r.rc, r.r0]).toEqual([0, 240]);
    expect(Buffer.from(bench.bytes(BUFFER, 240))).toEqual(Buffer.concat(host.slice(999, 1002)));
    r = bench.call('DMSFREAD', fscb('RDBUF', 'NICOFLIB TXTLIB E', { item: 1028, buffer: BUFFER, size: 160, items: 2 }));
    expect([r.rc, r.r0]).toEqual([0, 80]); // only the last record is left
    r = bench.call('DMSFREAD', fscb('RDBUF', 'NICOFLIB TXTLIB E', { buffer: BUFFER, size: 80 }));
    expect(r.rc).toBe(12);
    bench.call('DMSFCLOS', fscb('FSCLOSE', 'NICOFLIB TXTLIB E'));

    const v = readFile(r6Image('cmsuser-193'), 'SOCKET H').records;
    for (const item of [700, 3, 750]) {
      r = bench.call('DMSFREAD', fscb('RDBUF', 'SOCKET H E', { item, buffer: BUFFER, size: 100 }));
      expect(r.rc).toBe(0);
      expect(fromEbcdic(bench.bytes(BUFFER, r.r0))).toBe(fromEbcdic(v[item - 1]!));
    }
    bench.call('DMSFCLOS', fscb('FSCLOSE', 'SOCKET H E'));
  });

  it('FSREAD codes: a record longer than the buffer is cut (8); a missing file (1); no buffer (2)', () => {
    const r = bench.call('DMSFREAD', fscb('RDBUF', 'PROFILE EXEC A', { buffer: BUFFER, size: 5 }));
    expect([r.rc, r.r0]).toEqual([8, 5]);
    expect(fromEbcdic(bench.bytes(BUFFER, 5))).toBe('&CONT');
    bench.call('DMSFCLOS', fscb('FSCLOSE', 'PROFILE EXEC A'));
    expect(bench.call('DMSFREAD', fscb('RDBUF', 'NOSUCH FILE A', { buffer: BUFFER, size: 80 })).rc).toBe(1);
    expect(bench.call('DMSFREAD', fscb('RDBUF', 'PROFILE EXEC A', { buffer: 0, size: 80 })).rc).toBe(2);
    bench.call('DMSFCLOS', fscb('FSCLOSE', 'PROFILE EXEC A'));
  });

  it('TYPE PROFILE EXEC types its records after a blank line [mem]', () => {
    const out = bench.command('TYPE PROFILE EXEC');
    const host = readFile(r6Image('cmsuser-191'), 'PROFILE EXEC').records.map((r) => fromEbcdic(r).trimEnd());
    expect(out.rc).toBe(0);
    expect(out.lines).toEqual([' ', ...host]);
    expect(out.lines[1]).toBe('&CONTROL OFF NOMSG');
  });

  it('TYPE fn ft fm rec1 rec2 types those records; rec2 * to the end', () => {
    const host = readFile(r6Image('cmsuser-191'), 'WORKLEN TESTFILE').records.map((r) => fromEbcdic(r).trimEnd());
    expect(bench.command('TYPE WORKLEN TESTFILE A 3 5').lines).toEqual([' ', ...host.slice(2, 5)]);
    expect(bench.command('TYPE WORKLEN TESTFILE A 100 *').lines).toEqual([' ', ...host.slice(99)]);
  });

  it('TYPE of a missing file: DMSTYP002E and RC 28', () => {
    expect(bench.command('TYPE NOSUCH FILE')).toEqual(expect.objectContaining({ rc: 28, lines: ["DMSTYP002E File 'NOSUCH FILE' not found."] }));
  });
});
