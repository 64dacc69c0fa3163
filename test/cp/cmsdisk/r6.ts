// Helpers for the cmsdisk tests: where the real VM/370 R6 minidisks are (../shared/vm370r6 beside
// the repository; never copied into it), what LISTINGS.txt says about them, and scratch folders.

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const R6_DIR = resolve(REPO, '../shared/vm370r6');

/** Fails the test file at once, with the reason, when the R6 material is missing. */
export function requireR6(): void {
  if (!existsSync(join(R6_DIR, 'LISTINGS.txt'))) {
    throw new Error(`the VM/370 R6 sample disks are missing: expected ${R6_DIR}/LISTINGS.txt and *.ckd.gz (../shared/vm370r6 beside the repository)`);
  }
}

export function r6Image(disk: string): string {
  return join(R6_DIR, `${disk}.ckd.gz`);
}

export function gunzipImage(disk: string): Uint8Array {
  return gunzipSync(readFileSync(r6Image(disk)));
}

export interface ListedDisk {
  disk: string;
  volid: string;
  cylinders: number;
  devtype: number;
  total: number;
  used: number;
  left: number;
  last: number;
  mfdCylinders: number;
  fstBlocks: number[];
  qmskBlocks: number[];
  files: number;
  dataBlocks: number;
  /** File lines as listed: fn ft fm recfm lrecl records blocks date time. */
  lines: string[];
}

/** The per-disk sections of LISTINGS.txt. */
export function listedDisks(): ListedDisk[] {
  const text = readFileSync(join(R6_DIR, 'LISTINGS.txt'), 'latin1');
  const out: ListedDisk[] = [];
  const sections = text.split(/^=== /m).slice(1);
  for (const section of sections) {
    const head = /^(\S+)\.ckd\.gz ===\n/.exec(section);
    if (!head) continue;
    const body = section.slice(head[0].length).split('\n');
    const find = (re: RegExp) => {
      for (const line of body) {
        const m = re.exec(line);
        if (m) return m;
      }
      throw new Error(`LISTINGS.txt section ${head[1]} lacks ${re}`);
    };
    const vol = find(/^volid (\S+)\s+cyls\(image\) (\d+)\s+heads 30\s+blocks\/track 19\s+devtype 0x([0-9a-f]+)/);
    const mfd = find(/^MFD: total (\d+) used (\d+) left (\d+) qmsk-last (\d+) cyls (\d+)/);
    const blocks = find(/^FST blocks \[([^\]]*)\]\s+QMSK blocks \[([^\]]*)\]/);
    const files = find(/^files (\d+)\s+data blocks (\d+)/);
    const list = (s: string) => (s.trim() === '' ? [] : s.split(',').map((x) => Number(x.trim())));
    out.push({
      disk: head[1]!,
      volid: vol[1]!,
      cylinders: Number(vol[2]),
      devtype: parseInt(vol[3]!, 16),
      total: Number(mfd[1]),
      used: Number(mfd[2]),
      left: Number(mfd[3]),
      last: Number(mfd[4]),
      mfdCylinders: Number(mfd[5]),
      fstBlocks: list(blocks[1]!),
      qmskBlocks: list(blocks[2]!),
      files: Number(files[1]),
      dataBlocks: Number(files[2]),
      lines: body.filter((l) => /^\S+\s+\S+\s+[A-Z][0-9] [FV] /.test(l)),
    });
  }
  return out;
}

/** The lines LISTINGS.txt prints between two headings (e.g. the TYPE PROFILE EXEC section). */
export function listingsSection(heading: string): string[] {
  const text = readFileSync(join(R6_DIR, 'LISTINGS.txt'), 'latin1');
  const start = text.indexOf(`=== ${heading}`);
  if (start < 0) throw new Error(`LISTINGS.txt has no section '${heading}'`);
  const rest = text.slice(text.indexOf('\n', start) + 1);
  const end = rest.search(/^(=== |byte-for-byte)/m);
  return (end < 0 ? rest : rest.slice(0, end)).split('\n').filter((l) => l !== '');
}

export interface Scratch {
  dir: string;
  path(name: string): string;
  /** Writes bytes to a new file in the folder and returns its path. */
  file(name: string, bytes: Uint8Array | string): string;
  remove(): void;
}

export function scratch(): Scratch {
  const dir = mkdtempSync(join(tmpdir(), 'cmsdisk-test-'));
  return {
    dir,
    path: (name) => join(dir, name),
    file: (name, bytes) => {
      const p = join(dir, name);
      writeFileSync(p, bytes);
      return p;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
