// Damaged images are refused with an error naming the fault, and no operation changes them.

import { copyFileSync, openSync, closeSync, readdirSync, truncateSync, writeSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CmsDiskError, erase, listFiles, readFile, textToRecords, writeFile } from '../../../src/cp/cmsdisk/index.ts';
import { gunzipImage, requireR6, scratch, sha256, type Scratch } from './r6.ts';

requireR6();

let tmp: Scratch;
let pristine: string;
let n = 0;

beforeAll(() => {
  tmp = scratch();
  pristine = tmp.file('gcccms-201.ckd', gunzipImage('gcccms-201'));
});
afterAll(() => tmp.remove());

/** Where block b's data is in a standard 3350 CMS image (R0, then 800-byte records). */
function blockOffset(block: number): number {
  const track = Math.floor((block - 1) / 19);
  const record = ((block - 1) % 19) + 1;
  return 512 + track * 19_456 + 5 + 16 + (record - 1) * 808 + 8;
}

function patch(path: string, offset: number, bytes: number[]): void {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, Uint8Array.from(bytes), 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

function damaged(change: (path: string) => void): string {
  const path = tmp.path(`bad-${++n}.ckd`);
  copyFileSync(pristine, path);
  change(path);
  return path;
}

function corruptError(action: () => unknown): string {
  try {
    action();
  } catch (e) {
    if (!(e instanceof CmsDiskError)) throw e;
    expect(e.kind).toBe('corrupt');
    return e.message;
  }
  throw new Error('expected the image to be refused as corrupt');
}

/** Every operation is refused with a message matching `why`, and the image stays byte for byte. */
function refusedEverywhere(path: string, why: RegExp): void {
  const before = sha256(path);
  const card = textToRecords('HELLO', { recfm: 'F' }).records;
  expect(corruptError(() => listFiles(path))).toMatch(why);
  expect(corruptError(() => readFile(path, 'STDIO H'))).toMatch(why);
  expect(corruptError(() => writeFile(path, 'NEW FILE A1', card, { recfm: 'F', lrecl: 80 }))).toMatch(why);
  expect(corruptError(() => erase(path, 'ASSERT H'))).toMatch(why);
  expect(sha256(path)).toBe(before);
  expect(readdirSync(tmp.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
}

// GCCCMS 201: FST block 5; the MFD (block 4) at 0x16C: ADTNUM 570, ADTUSED 88 ...; first FST
// __MEMMGR H with its first chain link at block 6.
const MFD = blockOffset(4);
const FST = blockOffset(5);

describe('corrupt images', () => {
  it('the pristine copy reads and writes (the faults below are the only difference)', () => {
    expect(listFiles(pristine).files.length).toBe(17);
    expect(readFile(pristine, 'STDIO H').records.length).toBe(202);
  });

  it('truncated image', () => {
    refusedEverywhere(damaged((p) => truncateSync(p, 584_192 - 1000)), /truncated/);
  });

  it('not a CKD image', () => {
    refusedEverywhere(damaged((p) => patch(p, 0, [0x58])), /not a Hercules CKD image/);
  });

  it('bad label', () => {
    refusedEverywhere(damaged((p) => patch(p, blockOffset(3), [0xe7, 0xe7, 0xe7, 0xe7])), /not a CMS label/);
  });

  it('MFD pointing at an FST block outside the disk', () => {
    refusedEverywhere(damaged((p) => patch(p, MFD, [0x03, 0x00])), /FST block 1 in the MFD points at block 768, outside the disk/);
  });

  it('MFD claiming more cylinders than the image has', () => {
    refusedEverywhere(damaged((p) => patch(p, MFD + 0x17c, [0, 0, 0, 2])), /2 cylinders \(ADTCYL\); the image has 1/);
  });

  it('FST pointing at a chain link outside the disk', () => {
    refusedEverywhere(damaged((p) => patch(p, FST + 28, [0x10, 0x00])), /__MEMMGR H: the FST points at block 4096, outside the disk/);
  });

  it('chain link pointing at a data block outside the disk', () => {
    refusedEverywhere(damaged((p) => patch(p, blockOffset(6) + 80, [0xff, 0x00])), /data block 1 in the FCL points at block 65280/);
  });

  it('two files sharing a chain link (a loop in the chains)', () => {
    refusedEverywhere(damaged((p) => patch(p, FST + 40 + 28, [0x00, 0x06])), /block 6 is claimed twice/);
  });

  it('a file whose data block is its own chain link', () => {
    refusedEverywhere(damaged((p) => patch(p, blockOffset(6) + 80, [0x00, 0x06])), /block 6 is claimed twice/);
  });

  it('a bitmap that marks a file block free', () => {
    // Block 6 is bit 5 of QMSK byte 0.
    refusedEverywhere(damaged((p) => patch(p, MFD + 0x180, [0xfb])), /block 6 belongs to file __MEMMGR H but QMSK marks it free/);
  });

  it('a bitmap that marks a block in use that nothing owns, or a wrong ADTUSED: refused, read with --lenient', () => {
    const leak = damaged((p) => patch(p, MFD + 0x180 + 60, [0x80]));
    refusedEverywhere(leak, /QMSK marks 1 block\(s\) in use that nothing owns/);
    const lenient = listFiles(leak, '* *', { lenient: true });
    expect(lenient.files.length).toBe(17);
    expect(lenient.warnings.join('\n')).toMatch(/nothing owns \(the first is block 481\)/);
    expect(readFile(leak, 'STDIO H', { lenient: true }).records.length).toBe(202);

    const counted = damaged((p) => patch(p, MFD + 0x170, [0, 0, 0, 89]));
    refusedEverywhere(counted, /says 89 blocks are used \(ADTUSED\), QMSK marks 88/);
    expect(listFiles(counted, '* *', { lenient: true }).warnings.length).toBeGreaterThan(0);
  });

  it('an FST with a RECFM that is neither F nor V', () => {
    refusedEverywhere(damaged((p) => patch(p, FST + 30, [0xc1])), /RECFM X'c1', neither F nor V/);
  });

  it('a track that is not CMS-formatted', () => {
    // Record 6 on track 0 (block 6) gets a 512-byte data length.
    refusedEverywhere(damaged((p) => patch(p, blockOffset(6) - 2, [0x02, 0x00])), /cylinder 0 head 0 has no 800-byte record R6 \(CMS block 6\); the track is not CMS-formatted/);
  });

  it('a .gz that is not gzip', () => {
    const path = tmp.file('junk.ckd.gz', 'not gzip at all');
    expect(corruptError(() => listFiles(path))).toMatch(/not a readable gzip file/);
  });
});
