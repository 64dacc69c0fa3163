// The program commands' tests: our CMS IPLed with a fresh 191 disk (formatImage) on which the
// sources were put beforehand with the host cmsdisk library, as a user would with `vm370 cmsdisk`.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CmsBuildError, type CmsBuild } from '../../src/cms/index.ts';
import { formatImage, readFile, textToRecords, writeFiles, type FileToWrite } from '../../src/cp/cmsdisk/index.ts';
import { fromEbcdic } from '../../src/ebcdic/index.ts';
import type { ConsoleSession } from '../../src/cp/vm/session.ts';
import { buildOurCms, EPOCH, ourCmsSession } from './helpers.ts';

/** A source text (lines) as F 80 card images. */
export function cards(lines: readonly string[]): Omit<FileToWrite, 'fileId'> {
  const { records } = textToRecords(lines.join('\n'), { recfm: 'F', lrecl: 80 });
  return { records, recfm: 'F', lrecl: 80, when: EPOCH };
}

export interface ProgDisk {
  folder: string;
  image: string;
  session: ConsoleSession;
  /** A file's records as text (F: trailing blanks kept). */
  read(fileId: string): { recfm: string; lrecl: number; lines: string[]; records: Uint8Array[] };
  close(): void;
}

let cached: CmsBuild | undefined;

/** The program commands' own sources: a build error in one of them always fails the tests. */
const OURS = /^(dmsprg|dmsldr|dmsmod)/;

/**
 * Our CMS, built once per test file. Other parts of cms/ are written at the same time by others: a
 * source of theirs that does not assemble is left out (its commands unresolved), never one of ours.
 */
export function progCms(): CmsBuild {
  if (cached) return cached;
  const left = new Set<string>();
  let lenient = false;
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      cached = buildOurCms(left.size === 0 && !lenient ? {} : { include: (f) => !left.has(f), allowUnresolved: true });
      return cached;
    } catch (e) {
      if (!(e instanceof CmsBuildError)) throw e;
      const failing = new Set(e.messages.map((m) => /([a-z0-9]+\.assemble):/.exec(m)?.[1]).filter((f): f is string => f !== undefined));
      if (failing.size === 0 && !lenient && e.messages.every((m) => m.startsWith('unresolved external references'))) {
        lenient = true; // someone's entry point is not written yet
        continue;
      }
      if (failing.size === 0 || [...failing].some((f) => OURS.test(f) || left.has(f))) throw e;
      for (const f of failing) left.add(f);
    }
  }
  throw new Error('the CMS build kept failing');
}

/** A 191 disk with the given files, our CMS IPLed on it (the banner read). */
export function progSession(files: Record<string, Omit<FileToWrite, 'fileId'>>, storage = '2M'): ProgDisk {
  const folder = mkdtempSync(join(tmpdir(), 'vm370-cms-prog-'));
  const image = join(folder, 'cmsuser-191.ckd');
  formatImage(image, { label: 'CMS191', type: '3350', cylinders: 5 });
  const list = Object.entries(files).map(([fileId, f]) => ({ fileId, ...f }));
  if (list.length > 0) writeFiles(image, list);
  const session = ourCmsSession(progCms(), { storage, minidisks: [{ address: '191', image, mode: 'W' }] });
  session.runUntilRead();
  return {
    folder,
    image,
    session,
    read(fileId) {
      // The session keeps the image open; reading it is safe once CMS has closed the file.
      const f = readFile(image, fileId);
      return {
        recfm: f.fst.recfm,
        lrecl: f.fst.lrecl,
        lines: f.records.map((r) => fromEbcdic(r)),
        records: f.records,
      };
    },
    close() {
      session.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The hello-world program of the manuals, our way (CMS User's Guide R6, "Assembler language"). */
export const HELLO = [
  'HELLO    CSECT',
  '         USING *,15',
  "         WRTERM 'HELLO, WORLD'",
  '         SR    15,15',
  '         BR    14',
  '         END',
];

/** NUCON's NUCFREE (cms/maclib/NUCON.copy): the head of the free storage chain. */
const NUCFREE = 0x224;

/** The free storage chain: [address, length] of each block (A(next), F(length) headers). */
export function freeBlocks(session: ConsoleSession): Array<[number, number]> {
  const m = session.vm.cpu.mem;
  const word = (a: number) => ((m[a]! << 24) | (m[a + 1]! << 16) | (m[a + 2]! << 8) | m[a + 3]!) >>> 0;
  const out: Array<[number, number]> = [];
  for (let b = word(NUCFREE); b !== 0 && out.length < 1000; b = word(b)) out.push([b, word(b + 4)]);
  return out;
}
