// The file system inside our whole CMS: the nucleus built from cms/ (src/cms/build.ts), IPLed under
// our CP with IBM's R6 CMSUSER disks, the file commands typed at the console as a user types them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCms } from '../../src/cms/build.ts';
import { listFiles } from '../../src/cp/cmsdisk/index.ts';
import { SavedSystemRegistry } from '../../src/cp/nss/registry.ts';
import { SavedSystem } from '../../src/cp/nss/saved-system.ts';
import { ConsoleSession } from '../../src/cp/vm/session.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCkdImage } from '../../src/devices/dasd/ckd-image.ts';
import { r6Image, scratchImage } from '../cp/vm/r6-fixture.ts';

/** What our CMS ends a command with: R; or R(nnnnn); then the times. */
const READY = /^R(\(-?\d{4,5}\))?; T=/;

describe('our CMS, IPLed, on IBM R6 minidisks', () => {
  let disk: { path: string; remove(): void };
  let session: ConsoleSession;
  let banner: string[];
  let folder: string;

  /** The lines a command writes, without the Ready message (which must be there). */
  const run = (command: string): string[] => {
    const out = session.type(command);
    expect(out.at(-1), `${command}: ${out.join(' | ')}`).toMatch(READY);
    return out.slice(0, -1);
  };

  beforeAll(() => {
    const build = buildCms();
    disk = scratchImage('cmsuser-191');
    folder = mkdtempSync(join(tmpdir(), 'vm370-fscms-'));
    createCkdImage(join(folder, 'blank.ckd'), '3350', 2);
    session = new ConsoleSession({
      userid: 'CMSUSER',
      storage: '1M',
      ipl: 'CMS',
      savedSystems: new SavedSystemRegistry([new SavedSystem({ name: 'CMS', address: 0, ipl: true }, build.segment)]),
      time: { mode: 'virtual', epoch: new Date(Date.UTC(1981, 3, 1, 9, 0, 0)) },
      minidisks: [
        { address: '191', image: disk.path },
        { address: '192', image: r6Image('cmsuser-192'), mode: 'RR' },
        { address: '193', image: join(folder, 'blank.ckd') },
      ],
    });
    banner = session.runUntilRead();
    session.type('ACCESS (NOPROF');
  });

  afterAll(() => {
    session.close();
    disk.remove();
    rmSync(folder, { recursive: true, force: true });
  });

  it('IPL accesses 191 as A quietly (read/write)', () => {
    expect(banner.filter((l) => l.startsWith('DMS'))).toEqual([]);
    expect(run('QUERY SEARCH')).toEqual(['CMS191 191  A   R/W']);
  });

  it('LISTFILE lists the A-disk in directory order', () => {
    expect(run('LISTFILE')).toEqual(listFiles(disk.path).files.map((f) => `${f.filename.padEnd(8)} ${f.filetype.padEnd(8)} A1`));
  });

  it('STATE: found (R;) and not found (DMSSTT002E, R(00028);)', () => {
    expect(run('STATE PROFILE EXEC')).toEqual([]);
    const out = session.type('STATE NOSUCH FILE');
    expect(out[0]).toBe("DMSSTT002E File 'NOSUCH FILE' not found.");
    expect(out[1]).toMatch(/^R\(00028\); /);
  });

  it('TYPE PROFILE EXEC A 1 2', () => {
    expect(run('TYPE PROFILE EXEC A 1 2').filter((l) => l.trim() !== '')).toEqual([
      '&CONTROL OFF NOMSG',
      'GLOBAL TXTLIB PDPCLIB CMSLIB PLILIB FORTLIB TSOLIB',
    ]);
  });

  it('ACCESS 192 B, LISTFILE with a pattern there, RELEASE B', () => {
    expect(run('ACCESS 192 B')).toEqual(['DMSACC723I B (192) R/O']);
    expect(run('LISTFILE FSQ* MODULE B (LABEL')).toEqual(['FSQRY    MODULE   B1  V 65535      4    138  03/13/18   22:05  CMS192']);
    expect(run('RELEASE B')).toEqual([]);
    expect(run('QUERY SEARCH')).toEqual(['CMS191 191  A   R/W']);
  });

  it('ERASE and RENAME change the disk as the host reader sees it', () => {
    expect(run('ERASE TESTBLKS EXEC')).toEqual([]);
    expect(run('RENAME HELLO C A HELLO2 C A')).toEqual([]);
    const names = listFiles(disk.path).files.map((f) => `${f.filename} ${f.filetype}`);
    expect(names).not.toContain('TESTBLKS EXEC');
    expect(names).toContain('HELLO2 C');
  });

  it('FORMAT 193 C asks at the console, formats, and the disk is there as C', () => {
    expect(session.type('FORMAT 193 C')).toEqual(["DMSFOR603R FORMAT WILL ERASE ALL FILES ON DISK 'C(193)'. DO YOU WISH TO CONTINUE? (YES|NO):"]);
    expect(session.type('yes')).toEqual(['DMSFOR605R ENTER DISK LABEL:']);
    const out = session.type('new193');
    expect(out.slice(0, 2)).toEqual(["DMSFOR733I FORMATTING DISK 'C'.", "DMSFOR732I 2 CYLINDERS FORMATTED ON DISK 'C(193)'."]);
    expect(out[2]).toMatch(READY);
    expect(run('QUERY SEARCH')).toEqual(['CMS191 191  A   R/W', 'NEW193 193  C   R/W']);
    expect(listFiles(join(folder, 'blank.ckd')).label).toBe('NEW193');
  });
});
