// Writing files to and erasing files from an open CMS disk, keeping the directory the way R6 CMS
// keeps it: FSTs packed in directory order, 20 to a block, in the blocks the MFD lists (reused in
// place, a new one allocated when the last is full, the last given back when it empties); QMSK
// marking exactly the blocks in use; ADTUSED, ADTLEFT and ADTLAST recomputed; QMSK extension blocks
// present exactly while blocks past 1720 are in use. Blocks are taken lowest first.
//
// The caller runs this on a copy of the image and renames the copy over the original only when the
// whole update has been written and synced (see transaction.ts), so a failure part way never leaves
// a damaged image. Within the copy, data blocks and chain links are written first, then FST and
// QMSK blocks, the MFD last.

import { CmsDiskError } from './errors.ts';
import { BLOCK_SIZE } from './geometry.ts';
import {
  allocateFileBlocks,
  chainLinkBlocks,
  chainLinksFor,
  encodeRecords,
  MAX_FILE_BLOCKS,
  MAX_RECORDS,
  MAX_V_LRECL,
} from './chain.ts';
import { fileName, type CmsDisk, type CmsFile } from './disk.ts';
import { FST_SIZE, FSTS_PER_BLOCK, fstBytes, fstStamp, mfdBlock, mfdHasRoom, MFD_BLOCK, type Fst, type RecordFormat } from './layout.ts';
import { qmskExtensionsFor, type Qmsk } from './qmsk.ts';

export interface NewFile {
  filename: string;
  filetype: string;
  /** Stored in the FST; CMS shows the letter the disk is accessed as. */
  modeLetter: string;
  modeNumber: string;
  recfm: RecordFormat;
  /** F: the record length; V: the longest record allowed (at least the longest record). */
  lrecl: number;
  records: readonly Uint8Array[];
  /** The FST date and time (local time). */
  when: Date;
}

export interface PutOptions {
  /** Replace a file of the same name and type (it keeps its place in the directory). */
  replace?: boolean;
}

/** Writes a file; returns its FST as stored. */
export function putFile(disk: CmsDisk, file: NewFile, options: PutOptions = {}): Fst {
  checkNewFile(file);
  const edit = new DirectoryEdit(disk);
  const existing = disk.find(file.filename, file.filetype);
  let slot = edit.entries.length;
  if (existing) {
    if (!options.replace) throw new CmsDiskError('exists', `${fileName(existing.fst)} is already on the disk (replace it to overwrite)`);
    slot = disk.files.indexOf(existing);
    edit.release(existing);
  }
  const stream = encodeRecords(file.recfm, file.records);
  const dataBlocks = stream.length / BLOCK_SIZE;
  if (dataBlocks > MAX_FILE_BLOCKS) {
    throw new CmsDiskError('no-room', `the file needs ${dataBlocks} data blocks; an 800-byte-format CMS file holds at most ${MAX_FILE_BLOCKS}`);
  }
  const free = disk.mfd.total - edit.qmsk.count();
  if (dataBlocks + 1 + chainLinksFor(dataBlocks) > free) {
    throw new CmsDiskError('no-room', `the disk is full: the file needs ${dataBlocks + 1 + chainLinksFor(dataBlocks)} blocks, ${free} are free`);
  }
  const blocks = allocateFileBlocks(dataBlocks, () => edit.qmsk.allocate());
  chainLinkBlocks(blocks).forEach((content, i) => edit.write(blocks.chainLinks[i]!, content));
  blocks.dataBlocks.forEach((b, i) => edit.write(b, stream.subarray(i * BLOCK_SIZE, (i + 1) * BLOCK_SIZE)));

  const stamp = fstStamp(file.when);
  const fst: Fst = {
    filename: file.filename,
    filetype: file.filetype,
    modeLetter: file.modeLetter,
    modeNumber: file.modeNumber,
    ...stamp,
    writePointer: file.records.length + 1,
    readPointer: 1,
    records: file.records.length,
    firstChainLink: blocks.chainLinks[0]!,
    recfm: file.recfm,
    flags: 0,
    lrecl: file.lrecl,
    blocks: dataBlocks,
  };
  if (slot === edit.entries.length) edit.entries.push(fstBytes(fst));
  else edit.entries[slot] = fstBytes(fst);
  edit.commit();
  return fst;
}

/** Erases a file: its blocks go back to QMSK and the FSTs after it move up one place. */
export function eraseFile(disk: CmsDisk, file: CmsFile): void {
  const edit = new DirectoryEdit(disk);
  const slot = disk.files.indexOf(file);
  if (slot < 0) throw new Error('the file is not on this disk');
  edit.release(file);
  edit.entries.splice(slot, 1);
  edit.commit();
}

function checkNewFile(file: NewFile): void {
  const bad = (message: string) => new CmsDiskError('usage', message);
  if (file.records.length === 0) throw bad('a CMS file has at least one record');
  if (file.records.length > MAX_RECORDS) throw bad(`a CMS file holds at most ${MAX_RECORDS} records, not ${file.records.length}`);
  if (file.recfm === 'F') {
    if (!Number.isInteger(file.lrecl) || file.lrecl < 1 || file.lrecl > MAX_V_LRECL) throw bad(`LRECL ${file.lrecl} is not 1-${MAX_V_LRECL}`);
    const wrong = file.records.findIndex((r) => r.length !== file.lrecl);
    if (wrong >= 0) throw bad(`record ${wrong + 1} is ${file.records[wrong]!.length} bytes, not the LRECL ${file.lrecl}`);
  } else {
    const longest = file.records.reduce((m, r) => Math.max(m, r.length), 0);
    if (longest > MAX_V_LRECL) throw bad(`a V record is at most ${MAX_V_LRECL} bytes, not ${longest}`);
    if (file.lrecl < longest || file.lrecl > MAX_V_LRECL) throw bad(`LRECL ${file.lrecl} is less than the longest record (${longest})`);
  }
}

/** Pending changes to one disk: block contents, the FST list and the bitmap, committed at once. */
class DirectoryEdit {
  readonly qmsk: Qmsk;
  /** The raw FSTs in directory order, no gaps. */
  readonly entries: Uint8Array[];
  private readonly writes = new Map<number, Uint8Array>();

  constructor(private readonly disk: CmsDisk) {
    this.qmsk = disk.qmsk.copy();
    this.entries = disk.files.map((f) => f.raw);
  }

  write(block: number, content: Uint8Array): void {
    this.writes.set(block, content.slice());
  }

  /** Gives a file's blocks back. */
  release(file: CmsFile): void {
    for (const b of [...file.chainLinks, ...file.dataBlocks]) this.qmsk.clear(b);
  }

  commit(): void {
    const { disk, qmsk } = this;
    const mfd = disk.mfd;

    // FST blocks: keep the MFD's blocks in order, add or give back blocks at the end.
    const needed = Math.max(1, Math.ceil(this.entries.length / FSTS_PER_BLOCK));
    const fstBlocks = mfd.fstBlocks.slice(0, needed);
    for (const surplus of mfd.fstBlocks.slice(needed)) qmsk.clear(surplus);
    while (fstBlocks.length < needed) fstBlocks.push(qmsk.allocate());
    const fstContents: Uint8Array[] = [];
    for (let i = 0; i < needed; i++) {
      const content = new Uint8Array(BLOCK_SIZE);
      this.entries.slice(i * FSTS_PER_BLOCK, (i + 1) * FSTS_PER_BLOCK).forEach((e, k) => content.set(e, k * FST_SIZE));
      fstContents.push(content);
    }

    // QMSK extension blocks exist while blocks past the MFD's part of the bitmap are in use.
    let qmskBlocks = mfd.qmskBlocks.slice();
    const beyond = qmsk.anyBeyondMfd(qmskBlocks);
    if (beyond && qmskBlocks.length === 0) {
      const count = qmskExtensionsFor(mfd.total);
      for (let i = 0; i < count; i++) qmskBlocks.push(qmsk.allocate());
    } else if (!beyond && qmskBlocks.length > 0) {
      for (const b of qmskBlocks) qmsk.clear(b);
      qmskBlocks = [];
    }
    if (!mfdHasRoom(fstBlocks.length, qmskBlocks.length)) {
      throw new CmsDiskError('no-room', `the directory is full: the MFD has no room for ${fstBlocks.length} FST blocks`);
    }

    const used = qmsk.count();
    const mfdContent = mfdBlock(
      { fstBlocks, qmskBlocks, total: mfd.total, used, left: mfd.total - used, last: qmsk.lastUsedByte(), cylinders: mfd.cylinders, qmsk: qmsk.mfdPart() },
      mfd.raw,
    );

    // Data and chain links, then the directory and bitmap blocks that changed, then the MFD.
    const image = disk.image;
    for (const [block, content] of this.writes) image.writeBlock(block, content);
    fstBlocks.forEach((b, i) => {
      const old = mfd.fstBlocks[i] === b ? disk.fstBlockContents[i] : undefined;
      if (!old || !sameBytes(old, fstContents[i]!)) image.writeBlock(b, fstContents[i]!);
    });
    qmskBlocks.forEach((b, i) => {
      const unchanged = mfd.qmskBlocks[i] === b && sameBytes(disk.qmsk.extension(i), qmsk.extension(i));
      if (!unchanged) image.writeBlock(b, qmsk.extension(i));
    });
    image.writeBlock(MFD_BLOCK, mfdContent);
    image.store.sync();
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
