// CMS writes through DIAGNOSE X'18' to its minidisk: ERASE a file, then read the image back with an
// independent reader (src/cp/cmsdisk).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskInfo, listFiles } from '../../../src/cp/cmsdisk/index.ts';
import type { ConsoleSession } from '../../../src/cp/vm/session.ts';
import { cmsSession, scratchImage } from './r6-fixture.ts';

describe('ERASE on a scratch copy of CMSUSER 191', () => {
  let session: ConsoleSession;
  let disk: { path: string; remove(): void };

  beforeAll(() => {
    disk = scratchImage('cmsuser-191');
    session = cmsSession([{ address: '191', image: disk.path, mode: 'W' }]);
    session.runUntilRead();
    session.type('');
  });

  afterAll(() => {
    session.close();
    disk.remove();
  });

  it('the file is there before', () => {
    expect(session.type('STATE TESTBLKS EXEC')[0]).toMatch(/^Ready; /);
  });

  it('ERASE TESTBLKS EXEC: Ready, and STATE no longer finds it', () => {
    expect(session.type('ERASE TESTBLKS EXEC')[0]).toMatch(/^Ready; /);
    const out = session.type('STATE TESTBLKS EXEC A');
    expect(out[0]).toBe("DMSSTT002E File 'TESTBLKS EXEC A' not found.");
    expect(out[1]).toMatch(/^Ready\(00028\);/);
  });

  it('the image read back: the file is gone, the other eight are there, blocks 41 -> 39, and the disk is consistent', () => {
    const names = listFiles(disk.path).files.map((f) => `${f.filename} ${f.filetype}`).sort();
    expect(names).toEqual([
      'CMS EXEC', 'HELLO C', 'HELLO TEXT', 'PROFILE EXEC', 'TESTCMD C', 'TESTCMD MODULE', 'TESTCMD TEXT', 'WORKLEN TESTFILE',
    ]);
    // diskInfo refuses a disk whose allocation map and directory disagree.
    const info = diskInfo(disk.path);
    expect(info.used).toBe(39);
    expect(info.warnings).toEqual([]);
  });
});
