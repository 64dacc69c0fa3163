// Our CMS for the tests: built once per test file from cms/ (buildCms), IPLed by name in a
// ConsoleSession on a virtual clock, so that times and dates read the same on every run.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toEbcdic } from '../../src/ebcdic/index.ts';
import { formatImage, writeFiles } from '../../src/cp/cmsdisk/index.ts';
import { moduleFiles } from '../../src/cms/disks.ts';
import { SavedSystem } from '../../src/cp/nss/saved-system.ts';
import { SavedSystemRegistry } from '../../src/cp/nss/registry.ts';
import { ConsoleSession, type SessionMinidisk } from '../../src/cp/vm/session.ts';
import { buildCms, type CmsBuild, type CmsBuildOptions } from '../../src/cms/build.ts';

/** 1 April 1981, 09:00:00 GMT: virtual time starts here. */
export const EPOCH = new Date(Date.UTC(1981, 3, 1, 9, 0, 0));

/** R6's Ready message: R; or R(nnnnn); (R(-nnnn); for a negative code), CPU times, time of day. */
export const READY = /^R(\(-?\d{4,5}\))?; T=\d+\.\d\d\/\d+\.\d\d \d\d:\d\d:\d\d$/;

/** A registry holding just our CMS. */
export function cmsRegistry(build: CmsBuild): SavedSystemRegistry {
  return new SavedSystemRegistry([new SavedSystem({ name: 'CMS', address: 0, ipl: true }, build.segment)]);
}

/** Builds our CMS (the options as buildCms takes them). */
export function buildOurCms(options: CmsBuildOptions = {}): CmsBuild {
  return buildCms(options);
}

export interface OurCmsSession {
  storage?: string;
  minidisks?: SessionMinidisk[];
  consoleAddress?: number;
  /** Attach the build's system disk (190, read-only: its MODULE files) unless `minidisks` has a 190. Default true. */
  systemDisk?: boolean;
}

/** The system disks made for builds (one image per build, read-only, shared by its sessions). */
const systemDisks = new WeakMap<CmsBuild, string>();

/**
 * A 190 disk image holding the build's MODULE files (EDIT, COPYFILE, HELP, ASSEMBLE ...), as MAINT
 * 190 holds them: the commands that are not nucleus code.
 */
export function systemDiskImage(build: CmsBuild): string {
  let image = systemDisks.get(build);
  if (image === undefined) {
    image = join(mkdtempSync(join(tmpdir(), 'cms190-')), 'maint190.ckd');
    formatImage(image, { label: 'MNT190', type: '3350', cylinders: 2 });
    writeFiles(image, moduleFiles(build).map((f) => ({ fileId: f.fileId, recfm: f.recfm, lrecl: f.lrecl, records: f.records })));
    systemDisks.set(build, image);
  }
  return image;
}

/** The minidisks of a session: the given ones, and the build's 190 unless one is given. */
export function withSystemDisk(build: CmsBuild, minidisks: readonly SessionMinidisk[] = []): SessionMinidisk[] {
  const has190 = minidisks.some((d) => (typeof d.address === 'number' ? d.address : parseInt(d.address, 16)) === 0x190);
  return has190 || build.modules.length === 0 ? [...minidisks] : [...minidisks, { address: 0x190, image: systemDiskImage(build), mode: 'RR' }];
}

/** A CMSUSER virtual machine that has IPLed our CMS (the banner not yet read). */
export function ourCmsSession(build: CmsBuild, options: OurCmsSession = {}): ConsoleSession {
  return new ConsoleSession({
    userid: 'CMSUSER',
    storage: options.storage ?? '1M',
    ipl: 'CMS',
    savedSystems: cmsRegistry(build),
    time: { mode: 'virtual', epoch: EPOCH },
    minidisks: options.systemDisk === false ? (options.minidisks ?? []) : withSystemDisk(build, options.minidisks),
    consoleAddress: options.consoleAddress,
  });
}

/** Only the command loop's own sources (dms*): the file system's may be mid-change. */
export const NUCLEUS_ONLY: CmsBuildOptions = { include: (file) => file.startsWith('dms'), allowUnresolved: true };

/** Big-endian word at an address of the virtual machine's storage. */
export function wordAt(session: ConsoleSession, address: number): number {
  const m = session.vm.cpu.mem;
  return ((m[address]! << 24) | (m[address + 1]! << 16) | (m[address + 2]! << 8) | m[address + 3]!) >>> 0;
}

/**
 * Puts a program into the user area and makes it a command: an entry of the nucleus's extension
 * chain (DMSXTAB: A(next), CL8 name, A(entry)) at `entryAt`, linked first.
 */
export function addCommand(session: ConsoleSession, build: CmsBuild, name: string, program: Uint8Array, at: number, entryAt: number): void {
  const m = session.vm.cpu.mem;
  m.set(program, at);
  const xtab = build.symbols.get('DMSXTAB');
  if (xtab === undefined) throw new Error('the nucleus has no DMSXTAB');
  const put = (address: number, value: number): void => {
    m[address] = value >>> 24;
    m[address + 1] = (value >>> 16) & 0xff;
    m[address + 2] = (value >>> 8) & 0xff;
    m[address + 3] = value & 0xff;
  };
  for (let e = wordAt(session, xtab); e !== 0; e = wordAt(session, e)) {
    if (e === entryAt) throw new Error(`X'${entryAt.toString(16)}' is already an entry of the chain`);
  }
  put(entryAt, wordAt(session, xtab));
  const padded = name.toUpperCase().padEnd(8, ' ');
  m.set(toEbcdic(padded), entryAt + 4);
  put(entryAt + 12, at);
  put(xtab, entryAt);
}

