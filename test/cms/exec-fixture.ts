// EXEC files for the EXEC tests: a fresh CMS 191 disk written with the host cmsdisk library, our
// CMS built from the command loop, the console stack, the EXEC interpreter and the file system
// (the other helpers' modules are left out so that a change in them does not break these tests;
// the commands they add are then simply unknown).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CmsBuild, CmsBuildOptions } from '../../src/cms/build.ts';
import { formatImage, writeFiles } from '../../src/cp/cmsdisk/index.ts';
import type { ConsoleSession, SessionMinidisk } from '../../src/cp/vm/session.ts';
import { toEbcdic } from '../../src/ebcdic/index.ts';
import { buildOurCms, ourCmsSession, READY } from './helpers.ts';

/** The modules these tests need: page 0, console, free storage, command loop, SVC 202, SET, EXEC, files. */
export const EXEC_BUILD: CmsBuildOptions = {
  include: (file) => /^(dms(nuc|con|cwr|fre|int|its|set|exc|exd|exv)\.|fs)/.test(file),
  allowUnresolved: true,
};

/** Our entry points: none of them may be left unresolved. */
export const EXEC_ENTRIES = ['DMSEXC', 'DMSEXD', 'DMSEXV', 'DMSPROF', 'DMSSTKF', 'DMSSTKL', 'DMSSTKN'];

export function buildExecCms(): CmsBuild {
  return buildOurCms(EXEC_BUILD);
}

/** An EXEC file: its lines, and the record format (V 80 as EDIT makes them, or F 80; V longer for longer lines). */
export interface ExecFile {
  lines: string[];
  recfm?: 'F' | 'V';
  lrecl?: number;
}

/** A formatted 191 disk holding the files (name: lines, filetype EXEC); remove() deletes it. */
export function execDisk(files: Record<string, string[] | ExecFile>): { path: string; remove(): void } {
  const folder = mkdtempSync(join(tmpdir(), 'vm370-exec-'));
  const path = join(folder, 'cmsuser-191.ckd');
  formatImage(path, { label: 'EXC191', type: '3350', cylinders: 5 });
  writeFiles(
    path,
    Object.entries(files).map(([name, file]) => {
      const { lines, recfm = 'V', lrecl: given } = Array.isArray(file) ? { lines: file } : file;
      const text = recfm === 'F' ? lines.map((l) => l.padEnd(given ?? 80).slice(0, given ?? 80)) : lines;
      const lrecl = given ?? Math.max(80, ...text.map((l) => l.length));
      return { fileId: `${name} EXEC A1`, records: text.map((l) => toEbcdic(l)), recfm, lrecl, when: new Date(Date.UTC(1981, 3, 1)) };
    }),
  );
  return { path, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** Our CMS IPLed with the disk as 191 (and other minidisks); the banner is read. */
export function execSession(build: CmsBuild, disk: string, others: SessionMinidisk[] = []): ConsoleSession {
  const session = ourCmsSession(build, { storage: '2M', minidisks: [{ address: '191', image: disk, mode: 'W' }, ...others] });
  expect(session.runUntilRead()).toEqual(['CMS VERSION 6.0 VM370 - 01/01/26 00:00']);
  return session;
}

/** Types a line: what it wrote before its Ready message, and that message's return code. */
export function run(session: ConsoleSession, line: string): { out: string[]; rc: number } {
  const all = session.type(line);
  const ready = all.at(-1) ?? '';
  expect(ready, `${line}: ${all.join(' | ')}`).toMatch(READY);
  const code = /^R\((-?\d+)\);/.exec(ready);
  return { out: all.slice(0, -1), rc: code ? Number(code[1]) : 0 };
}
