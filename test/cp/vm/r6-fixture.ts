// IBM's VM/370 R6 CMS material for the tests, read at run time from ../shared/vm370r6 beside the
// repository (the project ships none of it). The .ckd.gz minidisk images are gunzipped once into a
// cache folder shared by the test processes; tests that write get their own scratch copy.

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { ConsoleSession, type SessionMinidisk } from '../../../src/cp/vm/session.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const R6_FOLDER = resolve(REPO_ROOT, '../shared/vm370r6');
export const r6Available = existsSync(join(R6_FOLDER, 'CMS.segment')) && existsSync(join(R6_FOLDER, 'cmsuser-191.ckd.gz'));

const CACHE = join(tmpdir(), 'vm370-test-r6-images');

/** These tests need ../shared/vm370r6: its absence is a failure with a clear message, not a skip. */
export function requireR6(): void {
  if (!r6Available) {
    throw new Error(`IBM's VM/370 R6 CMS material is missing: expected CMS.segment and the .ckd.gz images in ${R6_FOLDER}`);
  }
}

/** The gunzipped image of ../shared/vm370r6/NAME.ckd.gz (read-only use: it is shared). */
export function r6Image(name: string): string {
  requireR6();
  const source = join(R6_FOLDER, `${name}.ckd.gz`);
  const target = join(CACHE, `${name}.ckd`);
  const stamp = `${target}.from`;
  const sourceStamp = String(statSync(source).mtimeMs);
  if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === sourceStamp) return target;
  mkdirSync(CACHE, { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, gunzipSync(readFileSync(source)));
  renameSync(partial, target);
  writeFileSync(stamp, sourceStamp);
  return target;
}

/** A private, writable copy of an image; removed by the returned cleanup. */
export function scratchImage(name: string): { path: string; remove(): void } {
  const folder = mkdtempSync(join(tmpdir(), 'vm370-scratch-'));
  const path = join(folder, `${name}.ckd`);
  copyFileSync(r6Image(name), path);
  return { path, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** 1 April 1981, 09:00:00 GMT: virtual time starts here, so the clock reads the same on every run. */
export const EPOCH = new Date(Date.UTC(1981, 3, 1, 9, 0, 0));

/** A CMSUSER machine of 15M (CMSSEG loads at 15M) with the given minidisks, IPLed from CMS. */
export function cmsSession(minidisks: SessionMinidisk[]): ConsoleSession {
  requireR6();
  return new ConsoleSession({
    userid: 'CMSUSER',
    storage: '15M',
    ipl: 'CMS',
    savedSystems: R6_FOLDER,
    time: { mode: 'virtual', epoch: EPOCH },
    minidisks,
  });
}

/** A CMS ready message: 'Ready;' or 'Ready(nnnnn);', CPU times, and the time of day. */
export const READY = /^Ready(\(-?\d{5}\))?; T=\d+\.\d\d\/\d+\.\d\d \d\d:\d\d:\d\d$/;
