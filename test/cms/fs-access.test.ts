// Our CMS's disks: DMSFSINI at IPL (191 as A, 190 as S), ACCESS and RELEASE with their messages,
// the search order A..Z, QUERY SEARCH and QUERY DISK, STATE/STATEW and FSSTATE.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatImage } from '../../src/cp/cmsdisk/index.ts';
import { fromEbcdic } from '../../src/ebcdic/index.ts';
import { r6Image } from '../cp/vm/r6-fixture.ts';
import { FsBench, fscb } from './fs-harness.ts';

describe('DMSFSINI: the disks CMS accesses at IPL', () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'vm370-fsaccess-'));
    formatImage(join(folder, 'a.ckd'), { label: 'USR191', type: '3350', cylinders: 2 });
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('191 read/write as A, 190 as S, quietly; QUERY SEARCH shows them in order', () => {
    const bench = new FsBench([
      { address: 0x191, image: join(folder, 'a.ckd') },
      { address: 0x190, image: r6Image('cmsuser-195'), readOnly: true },
    ]);
    try {
      expect(bench.call('DMSFSINI', 0)).toMatchObject({ rc: 0, lines: [] });
      expect(bench.command('QUERY SEARCH').lines).toEqual(['USR191 191  A   R/W', 'DSK195 190  S   R/O']);
      expect(bench.command('QUERY DISK A').lines).toEqual(['A (191): 0 FILES; 5 REC IN USE, 1135 LEFT (of 1140), 1% FULL (2 CYL), 3350, R/W']);
    } finally {
      bench.close();
    }
  });

  it('a read-only 191: DMSACC723I A (191) R/O', () => {
    const bench = new FsBench([{ address: 0x191, image: r6Image('cmsuser-191'), readOnly: true }]);
    try {
      expect(bench.call('DMSFSINI', 0)).toMatchObject({ rc: 0, lines: ['DMSACC723I A (191) R/O'] });
    } finally {
      bench.close();
    }
  });

  it('no disks at all: nothing accessed, RC 0; STATE then finds nothing', () => {
    const bench = new FsBench([]);
    try {
      expect(bench.call('DMSFSINI', 0)).toMatchObject({ rc: 0, lines: [] });
      expect(bench.command('QUERY SEARCH').lines).toEqual([]);
      expect(bench.command('STATE PROFILE EXEC')).toMatchObject({ rc: 28 });
      expect(bench.command('STATE PROFILE EXEC A')).toMatchObject({ rc: 36, lines: ["DMSSTT069E Disk 'A' not accessed."] });
    } finally {
      bench.close();
    }
  });
});

describe('ACCESS, RELEASE and the search order', () => {
  let bench: FsBench;

  beforeAll(() => {
    bench = new FsBench([
      { address: 0x191, image: r6Image('cmsuser-191'), readOnly: true },
      { address: 0x192, image: r6Image('cmsuser-192'), readOnly: true },
      { address: 0x201, image: r6Image('gcccms-201'), readOnly: true },
    ]);
    bench.call('DMSFSINI', 0);
  });

  afterAll(() => bench.close());

  it('ACCESS 192 B: R/O, the disk label and its counts', () => {
    expect(bench.command('ACCESS 192 B')).toMatchObject({ rc: 0, lines: ['DMSACC723I B (192) R/O'] });
    expect(bench.command('QUERY DISK B').lines).toEqual([
      'B (192): 129 FILES; 4501 REC IN USE, 61030 LEFT (of 65531), 7% FULL (115 CYL), 3350, R/O',
    ]);
  });

  it('QUERY SEARCH lists A before B before Z', () => {
    expect(bench.command('ACCESS 201 Z').rc).toBe(0);
    expect(bench.command('QUERY SEARCH').lines).toEqual(['CMS191 191  A   R/O', 'CMS192 192  B   R/O', 'GCC201 201  Z   R/O']);
  });

  it('a file on two disks: STATE fm * finds the one first in the search order', () => {
    const a = bench.call('DMSSTATE', fscb('STATE', 'PROFILE EXEC *'));
    expect(a.rc).toBe(0);
    expect(fromEbcdic(bench.bytes(a.r1 + 24, 2))).toBe('A1');
  });

  it('ACCESS of the same device as another letter moves it; RELEASE frees the letter', () => {
    expect(bench.command('ACCESS 201 C').rc).toBe(0);
    expect(bench.command('QUERY SEARCH').lines).toEqual(['CMS191 191  A   R/O', 'CMS192 192  B   R/O', 'GCC201 201  C   R/O']);
    expect(bench.command('RELEASE C')).toMatchObject({ rc: 0, lines: [] });
    expect(bench.command('RELEASE 192')).toMatchObject({ rc: 0, lines: [] });
    expect(bench.command('QUERY SEARCH').lines).toEqual(['CMS191 191  A   R/O']);
  });

  it('ACC 192 B/A (as R6 PROFILE EXECs write it) accesses 192 as B', () => {
    expect(bench.command('ACC 192 B/A')).toMatchObject({ rc: 0, lines: ['DMSACC723I B (192) R/O'] });
    expect(bench.command('QUERY SEARCH').lines).toEqual(['CMS191 191  A   R/O', 'CMS192 192  B   R/O']);
    expect(bench.command('RELEASE B').rc).toBe(0);
    expect(bench.command('ACCESS 192 B/9')).toMatchObject({ rc: 24, lines: ["DMSACC048E INVALID MODE 'B/9'"] });
  });

  it('RELEASE of a disk not accessed: DMSARE069E (RC 36)', () => {
    expect(bench.command('RELEASE B')).toMatchObject({ rc: 36, lines: ["DMSARE069E DISK 'B' NOT ACCESSED"] });
  });

  it('ACCESS errors: no such device (DMSACC113S), bad address (017E), bad mode (048E)', () => {
    expect(bench.command('ACCESS 333 C')).toMatchObject({ rc: 100, lines: ['DMSACC113S C(333) NOT ATTACHED'] });
    expect(bench.command('ACCESS 19X C')).toMatchObject({ rc: 24, lines: ["DMSACC017E INVALID DEVICE ADDRESS '19X'"] });
    expect(bench.command('ACCESS 192 CC')).toMatchObject({ rc: 24, lines: ["DMSACC048E INVALID MODE 'CC'"] });
    expect(bench.command('ACCESS 192')).toMatchObject({ rc: 24, lines: ["DMSACC048E INVALID MODE ''"] });
  });

  it('storage comes back: RELEASE returns every buffer ACCESS took', () => {
    const before = bench.word('FREECNT');
    bench.command('ACCESS 192 B');
    expect(bench.word('FREECNT')).toBeGreaterThan(before);
    bench.command('RELEASE B');
    expect(bench.word('FREECNT')).toBe(before);
  });
});

describe('STATE and STATEW: the R6 messages', () => {
  let bench: FsBench;

  beforeAll(() => {
    bench = new FsBench([{ address: 0x191, image: r6Image('cmsuser-191'), readOnly: true }]);
    bench.call('DMSFSINI', 0);
  });

  afterAll(() => bench.close());

  it('STATE of files that exist: RC 0 and no output', () => {
    for (const file of ['PROFILE EXEC', 'WORKLEN TESTFILE A', 'TESTCMD MODULE A1', '* EXEC', 'TEST* MODULE *']) {
      expect(bench.command(`STATE ${file}`), file).toMatchObject({ rc: 0, lines: [] });
    }
  });

  it.each([
    ['STATE NOSUCH FILE', 28, "DMSSTT002E File 'NOSUCH FILE' not found."],
    ['STATE NOSUCH FILE *', 28, "DMSSTT002E File 'NOSUCH FILE *' not found."],
    ['STATE NOSUCH FILE A', 28, "DMSSTT002E File 'NOSUCH FILE A' not found."],
    ['STATE PROFILE EXEC A2', 28, "DMSSTT002E File 'PROFILE EXEC A2' not found."],
    ['STATE NOSUCH', 24, 'DMSSTT054E Incomplete fileID specified.'],
    ['STATE NOSUCH FILE Q', 36, "DMSSTT069E Disk 'Q' not accessed."],
    ['STATE NOSUCH FILE A9', 24, "DMSSTT048E Invalid mode 'A9'."],
    ['STATE A B C D', 24, "DMSSTT070E Invalid parameter 'D'."],
    // STATEW looks at read/write disks only: this A-disk is linked read-only.
    ['STATEW PROFILE EXEC', 28, "DMSSTT002E File 'PROFILE EXEC' not found."],
  ])('%s: RC %i, %s', (command, rc, message) => {
    expect(bench.command(command)).toMatchObject({ rc, lines: [message] });
  });

  it('FSSTATE returns a copy of the 40-byte FST with the disk\'s letter', () => {
    const r = bench.call('DMSSTATE', fscb('STATE', 'WORKLEN TESTFILE A'));
    expect(r.rc).toBe(0);
    const fst = bench.bytes(r.r1, 40);
    expect(fromEbcdic(fst.subarray(0, 16))).toBe('WORKLEN TESTFILE');
    expect(fromEbcdic(fst.subarray(24, 26))).toBe('A1');
    const view = new DataView(fst.buffer);
    expect([view.getUint16(26), fromEbcdic(fst.subarray(30, 31)), view.getUint32(32), view.getUint16(36)]).toEqual([102, 'F', 80, 11]);
    expect(fromEbcdic(fst.subarray(38, 40))).toBe('18');
  });

  it('FSSTATE codes: 28 not found, 36 disk not accessed, 20 invalid mode', () => {
    expect(bench.call('DMSSTATE', fscb('STATE', 'NOSUCH FILE A')).rc).toBe(28);
    expect(bench.call('DMSSTATE', fscb('STATE', 'NOSUCH FILE K')).rc).toBe(36);
    expect(bench.call('DMSSTATE', fscb('STATE', 'NOSUCH FILE A8')).rc).toBe(20);
  });
});

describe('the functions behind the R6 macros, through the command table (SVC 202 names)', () => {
  let bench: FsBench;

  beforeAll(() => {
    bench = new FsBench([{ address: 0x191, image: r6Image('cmsuser-191'), readOnly: true }]);
    bench.call('DMSFSINI', 0);
  });

  afterAll(() => bench.close());

  /** A program's plist: CL8 name, fn, ft, CL2 fm, then other bytes (no fence). */
  const programPlist = (name: string, fileid: string) => {
    const plist = fscb(name, fileid);
    plist.fill(0x00, 26);
    return plist;
  };

  it('FSSTATE as a program calls it (STATE, no fence): R1 -> the FST, no message either way', () => {
    const entry = bench.commands.get('STATE')!;
    const found = bench.call(entry, programPlist('STATE', 'HELLO C A1'));
    expect(found).toMatchObject({ rc: 0, lines: [] });
    expect(fromEbcdic(bench.bytes(found.r1, 16))).toBe('HELLO   C       ');
    expect(bench.call(entry, programPlist('STATE', 'NOSUCH C A1'))).toMatchObject({ rc: 28, lines: [] });
  });

  it('STATE typed at the terminal also leaves R1 -> a copy of the FST', () => {
    const r = bench.command('STATE TESTCMD MODULE');
    expect(r.rc).toBe(0);
    expect(fromEbcdic(bench.bytes(r.r1, 16))).toBe('TESTCMD MODULE  ');
    expect(fromEbcdic(bench.bytes(r.r1 + 24, 2))).toBe('A1');
  });

  it('FSERASE as a program calls it (ERASE, no fence): RC 12 on a read-only disk, no message', () => {
    expect(bench.call(bench.commands.get('ERASE')!, programPlist('ERASE', 'HELLO C A1'))).toMatchObject({ rc: 12, lines: [] });
  });

  it('RDBUF, WRBUF and FINIS are FSREAD, FSWRITE and FSCLOSE', () => {
    expect([bench.commands.get('RDBUF'), bench.commands.get('WRBUF'), bench.commands.get('FINIS')]).toEqual(['DMSFREAD', 'DMSFWRIT', 'DMSFCLOS']);
  });
});
