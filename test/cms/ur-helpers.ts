// Our CMS for the unit record and COPYFILE tests: the command loop, the file system and the unit
// record modules (other parts are left out, so that their work in progress does not stop these
// tests), IPLed on a fresh 191 disk holding the files a test puts there first.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CmsBuild, CmsBuildOptions } from '../../src/cms/index.ts';
import { formatImage, writeFiles, type FileToWrite } from '../../src/cp/cmsdisk/index.ts';
import { fromEbcdic, toEbcdic } from '../../src/ebcdic/index.ts';
import type { ConsoleSession } from '../../src/cp/vm/session.ts';
import { buildOurCms, ourCmsSession, READY } from './helpers.ts';

const CORE = ['dmscon', 'dmscwr', 'dmsfre', 'dmsint', 'dmsits', 'dmsnuc', 'dmsset'];

/** The build options: the nucleus with the file system and the unit record and COPYFILE modules. */
export const UR_BUILD: CmsBuildOptions = {
  include: (file) => file.startsWith('fs') || CORE.some((c) => file === `${c}.assemble`) || /^dms(ur|cpy)/.test(file),
  allowUnresolved: true,
};

export function buildUrCms(): CmsBuild {
  return buildOurCms(UR_BUILD);
}

export const text = (records: readonly Uint8Array[]): string[] => records.map((r) => fromEbcdic(r));
export const ebcdic = (lines: readonly string[]): Uint8Array[] => lines.map((l) => toEbcdic(l));

export interface UrMachine {
  session: ConsoleSession;
  disk: string;
  /** Types a command; returns its lines and the Ready message's return code (null: none). */
  run(command: string): { lines: string[]; rc: number | null };
  close(): void;
}

/**
 * IPLs our CMS on a new 191 disk (A) with `files` on it; the banner is read. A second, empty disk
 * is linked read-only at 192 (not accessed).
 */
export function urMachine(build: CmsBuild, files: readonly FileToWrite[] = []): UrMachine {
  const folder = mkdtempSync(join(tmpdir(), 'vm370-cms-ur-'));
  const disk = join(folder, 'cmsuser-191.ckd');
  const readOnly = join(folder, 'cmsuser-192.ckd');
  formatImage(disk, { label: 'UR0191', type: '3350', cylinders: 5 });
  formatImage(readOnly, { label: 'UR0192', type: '3350', cylinders: 1 });
  if (files.length > 0) writeFiles(disk, files);
  const session = ourCmsSession(build, {
    storage: '2M',
    minidisks: [
      { address: '191', image: disk, mode: 'W' },
      { address: '192', image: readOnly, mode: 'RR' },
    ],
  });
  session.runUntilRead();
  return {
    session,
    disk,
    run(command) {
      const out = session.type(command);
      const last = out.at(-1) ?? '';
      if (!READY.test(last)) return { lines: out, rc: null };
      const m = /^R\((-?\d+)\)/.exec(last);
      return { lines: out.slice(0, -1), rc: m ? Number(m[1]) : 0 };
    },
    close() {
      session.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A command that must end with R; and write nothing. */
export function quiet(machine: UrMachine, command: string): void {
  expect(machine.run(command), command).toEqual({ lines: [], rc: 0 });
}
