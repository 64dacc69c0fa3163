// Both directions with IBM's VM/370 R6 CMS (../shared/vm370r6, run under our CP): what our CMS
// file system writes, R6 CMS reads (STATE, running an EXEC file, ERASE); what R6 CMS changes, ours
// reads; and the same commands give the same messages and return codes on both.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskInfo, listFiles, readFile } from '../../src/cp/cmsdisk/index.ts';
import { toEbcdic } from '../../src/ebcdic/index.ts';
import { cmsSession, r6Image, scratchImage } from '../cp/vm/r6-fixture.ts';
import type { ConsoleSession } from '../../src/cp/vm/session.ts';
import { BUFFER, FsBench, fscb } from './fs-harness.ts';

/** A Ready message's return code: 'Ready;' is 0, 'Ready(00028);' is 28. */
function readyCode(line: string | undefined): number {
  const m = /^Ready(?:\((-?\d+)\))?;/.exec(line ?? '');
  if (!m) throw new Error(`not a Ready message: ${line}`);
  return m[1] === undefined ? 0 : Number(m[1]);
}

/** IBM's R6 CMS on the disk as 191, past its PROFILE EXEC. */
function r6Cms(image: string): ConsoleSession {
  const session = cmsSession([{ address: '191', image }]);
  session.runUntilRead();
  session.type('');
  return session;
}

describe('IBM R6 CMS reads what our CMS wrote', () => {
  let disk: { path: string; remove(): void };
  let r6: ConsoleSession | undefined;
  const exec = ['&CONTROL OFF', '&TYPE WRITTEN BY OUR CMS', '&TYPE SECOND LINE &1', '&EXIT 7'];

  beforeAll(() => {
    disk = scratchImage('cmsuser-191');
    const bench = new FsBench([{ address: 0x191, image: disk.path }]);
    try {
      bench.call('DMSFSINI', 0);
      for (const line of exec) {
        const record = toEbcdic(line.padEnd(80));
        bench.vm.storage.bytes.set(record, BUFFER);
        const r = bench.call('DMSFWRIT', fscb('WRBUF', 'OURS EXEC A1', { buffer: BUFFER, size: 80, recfm: 'F' }));
        if (r.rc !== 0) throw new Error(`FSWRITE rc ${r.rc}`);
      }
      if (bench.call('DMSFCLOS', fscb('FSCLOSE', 'OURS EXEC A1')).rc !== 0) throw new Error('FSCLOSE failed');
      // Our ERASE too: R6 must find the directory with the FSTs moved up.
      if (bench.command('ERASE HELLO TEXT A').rc !== 0) throw new Error('ERASE failed');
    } finally {
      bench.close();
    }
    r6 = r6Cms(disk.path);
  });

  afterAll(() => {
    r6?.close();
    disk.remove();
  });

  it('R6 STATE finds the new file; the erased one is gone; the others are still there', () => {
    expect(readyCode(r6!.type('STATE OURS EXEC A')[0])).toBe(0);
    expect(r6!.type('STATE HELLO TEXT A')[0]).toBe("DMSSTT002E File 'HELLO TEXT A' not found.");
    for (const file of ['WORKLEN TESTFILE A', 'CMS EXEC A', 'TESTCMD MODULE A']) expect(readyCode(r6!.type(`STATE ${file}`)[0])).toBe(0);
  });

  it('R6 runs the EXEC our CMS wrote: its &TYPE lines and its return code', () => {
    const out = r6!.type('EXEC OURS HELLO');
    expect(out.slice(0, 2)).toEqual(['WRITTEN BY OUR CMS', 'SECOND LINE HELLO']);
    expect(readyCode(out[2])).toBe(7);
  });

  it('R6 ERASE of our file leaves a disk the host reader finds consistent', () => {
    expect(readyCode(r6!.type('ERASE OURS EXEC A')[0])).toBe(0);
    r6!.close();
    r6 = undefined;
    expect(listFiles(disk.path).files.map((f) => f.filename)).not.toContain('OURS');
    expect(() => diskInfo(disk.path)).not.toThrow();
  });

  it('our CMS reads the disk after R6 changed it', () => {
    const bench = new FsBench([{ address: 0x191, image: disk.path }]);
    try {
      bench.call('DMSFSINI', 0);
      expect(bench.command('STATE OURS EXEC').rc).toBe(28);
      const names = bench.command('LISTFILE').lines.map((l) => l.slice(0, 17).trimEnd());
      expect(names).toEqual(listFiles(disk.path).files.map((f) => `${f.filename.padEnd(8)} ${f.filetype}`));
    } finally {
      bench.close();
    }
  });
});

describe('the same commands on the same disk: R6 CMS and ours answer alike', () => {
  let disk: { path: string; remove(): void };
  const commands = [
    'STATE PROFILE EXEC',
    'STATE NOSUCH FILE',
    'STATE NOSUCH FILE *',
    'STATE NOSUCH',
    'STATE NOSUCH FILE Q',
    'STATE NOSUCH FILE A9',
    'STATE A B C D',
    'STATE * EXEC',
    'STATEW NOSUCH FILE',
    'ERASE NOSUCH',
    'ERASE X Y Z',
    'ERASE TESTBLKS EXEC',
    'STATE TESTBLKS EXEC A',
  ];
  const r6Answers: Array<{ lines: string[]; rc: number }> = [];

  beforeAll(() => {
    disk = scratchImage('cmsuser-191');
    const session = r6Cms(disk.path);
    try {
      for (const c of commands) {
        const out = session.type(c);
        r6Answers.push({ lines: out.slice(0, -1), rc: readyCode(out.at(-1)) });
      }
    } finally {
      session.close();
    }
    disk.remove();
    disk = scratchImage('cmsuser-191');
  });

  afterAll(() => disk.remove());

  it('every message and return code is the one R6 gives', () => {
    const bench = new FsBench([{ address: 0x191, image: disk.path }]);
    try {
      bench.call('DMSFSINI', 0);
      const ours = commands.map((c) => {
        const r = bench.command(c);
        return { lines: r.lines, rc: r.rc };
      });
      expect(ours).toEqual(r6Answers);
    } finally {
      bench.close();
    }
  });
});

describe('LISTFILE (EXEC: the CMS EXEC R6 wrote', () => {
  it('LISTFILE * * A (EXEC on CMSUSER 191 writes the records R6 LISTFILE wrote there, byte for byte', () => {
    const disk = scratchImage('cmsuser-191');
    const bench = new FsBench([{ address: 0x191, image: disk.path }]);
    try {
      bench.call('DMSFSINI', 0);
      expect(bench.command('LISTFILE * * A (EXEC')).toMatchObject({ rc: 0, lines: [] });
      const r6 = readFile(r6Image('cmsuser-191'), 'CMS EXEC');
      const ours = readFile(disk.path, 'CMS EXEC');
      expect([ours.fst.recfm, ours.fst.lrecl, ours.fst.records]).toEqual(['F', 80, 8]);
      expect(ours.records.map((r) => Buffer.from(r).toString('hex'))).toEqual(r6.records.map((r) => Buffer.from(r).toString('hex')));
    } finally {
      bench.close();
      disk.remove();
    }
  });
});
