// A CMS user for the HELP tests: our CMS built from cms/, a fresh read/write 191 and MAINT's help
// disk 19D written from cms/help (src/cms/disks.ts), linked read-only as every user links it, and
// 190 with the build's MODULE files (HELP MODULE).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatImage, writeFiles } from '../../src/cp/cmsdisk/index.ts';
import { ConsoleSession } from '../../src/cp/vm/session.ts';
import type { CmsBuild } from '../../src/cms/build.ts';
import { helpFiles, type SystemDiskFile } from '../../src/cms/disks.ts';
import { cmsRegistry, EPOCH, withSystemDisk } from './helpers.ts';

/** 1 January 2026, the FST date of the files written. */
const WHEN = new Date(Date.UTC(2026, 0, 1, 12, 0, 0));

export interface HelpUser {
  session: ConsoleSession;
  /** The banner and anything typed at IPL. */
  banner: string[];
  folder: string;
  close(): void;
}

/** Writes files onto a fresh CMS disk image (3350, `cylinders` cylinders). */
export function diskWith(path: string, label: string, files: readonly SystemDiskFile[], cylinders = 3): void {
  formatImage(path, { label, type: '3350', cylinders });
  if (files.length > 0) writeFiles(path, files.map((f) => ({ fileId: f.fileId, records: f.records, recfm: f.recfm, lrecl: f.lrecl, when: WHEN })));
}

/** A user with 191 (empty, read/write) and, unless `help` is false, 19D (help files, read-only). */
export function helpUser(build: CmsBuild, options: { help?: boolean; files?: readonly SystemDiskFile[]; userid?: string; helpImage?: string } = {}): HelpUser {
  const folder = mkdtempSync(join(tmpdir(), 'vm370-help-'));
  const userid = options.userid ?? 'CMSUSER';
  // Labels as the default system gives them (src/cp/system/cp-system.ts): a user's 191 is
  // uuu191, MAINT's disks CMSvvv.
  diskWith(join(folder, 'a191.ckd'), options.userid === undefined ? 'USR191' : `${userid.slice(0, 3)}191`, [], 1);
  const minidisks = [{ address: '191', image: join(folder, 'a191.ckd') }];
  if (options.helpImage !== undefined) {
    minidisks.push({ address: '19D', image: options.helpImage, mode: 'RR' } as (typeof minidisks)[number]);
  } else if (options.help !== false) {
    const files = options.files ?? helpFiles();
    diskWith(join(folder, 'm19d.ckd'), options.userid === undefined ? 'MNT19D' : 'CMS19D', files);
    minidisks.push({ address: '19D', image: join(folder, 'm19d.ckd'), mode: 'RR' } as (typeof minidisks)[number]);
  }
  const session = new ConsoleSession({
    userid,
    storage: '1M',
    ipl: 'CMS',
    savedSystems: cmsRegistry(build),
    time: { mode: 'virtual', epoch: EPOCH },
    // 190 (S): the build's MODULE files, HELP MODULE among them.
    minidisks: withSystemDisk(build, minidisks),
  });
  const banner = session.runUntilRead();
  return { session, banner, folder, close: () => { session.close(); rmSync(folder, { recursive: true, force: true }); } };
}

/**
 * The nucleus HELP needs: the command loop, console, free storage, SET/QUERY, the file system and
 * DMSHLP. Other parts (EXEC, EDIT ...) are left out so that their changes do not stop these tests.
 */
export const HELP_NUCLEUS = {
  include: (file: string): boolean => /^(dms(nuc|int|its|con|fre|set|cwr|hlp)\.|fs)/.test(file),
  allowUnresolved: true,
};
