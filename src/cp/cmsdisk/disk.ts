// An 800-byte-format CMS disk read from a CKD image: label, MFD, FSTs, chain links and QMSK, all
// checked against each other before anything is trusted. Opening never writes.

import { corrupt } from './errors.ts';
import type { CkdBlocks, DiskExtent } from './ckd-blocks.ts';
import { BLOCK_SIZE, MAX_CMS_BLOCKS } from './geometry.ts';
import { decodeRecords, readFileBlocks, type FileBlocks } from './chain.ts';
import {
  FIRST_FREE_BLOCK,
  FST_SIZE,
  FSTS_PER_BLOCK,
  LABEL_BLOCK,
  MFD_BLOCK,
  isEmptyFst,
  parseFst,
  parseMfd,
  volumeLabel,
  type Fst,
  type Mfd,
} from './layout.ts';
import { Qmsk, qmskExtensionsFor } from './qmsk.ts';

export interface CmsFile extends FileBlocks {
  fst: Fst;
  /** The FST exactly as stored. */
  raw: Uint8Array;
}

export interface OpenOptions {
  /**
   * Report bitmap bookkeeping faults that do not endanger reading (blocks marked but owned by
   * nothing, wrong ADTUSED/ADTLEFT/ADTLAST) as warnings instead of refusing the disk. Never used
   * for writing.
   */
  lenient?: boolean;
  /** The disk is this extent of the image (a minidisk on a volume): cylinders relative to its start. */
  extent?: DiskExtent;
}

const SYSTEM = -1;
const FST_BLOCK = -2;
const QMSK_BLOCK = -3;

export class CmsDisk {
  private constructor(
    readonly image: CkdBlocks,
    readonly label: string,
    readonly mfd: Mfd,
    readonly qmsk: Qmsk,
    readonly files: CmsFile[],
    /** The FST blocks as read, in MFD order. */
    readonly fstBlockContents: Uint8Array[],
    readonly warnings: string[],
  ) {}

  static open(image: CkdBlocks, options: OpenOptions = {}): CmsDisk {
    const where = image.name;
    const label = volumeLabel(image.readBlock(LABEL_BLOCK), where);
    const mfd = parseMfd(image.readBlock(MFD_BLOCK), where);
    const warnings: string[] = [];
    const fault = (message: string) => {
      if (!options.lenient) throw corrupt(`${where}: ${message}`);
      warnings.push(message);
    };
    checkSize(image, mfd, where);
    const total = mfd.total;
    const files: CmsFile[] = [];

    // Who owns each block: nothing, the system, the directory, or file k (k + 1).
    const owner = new Int32Array(total + 1);
    const ownerName = (o: number): string =>
      o === SYSTEM ? 'the label/MFD' : o === FST_BLOCK ? 'the directory' : o === QMSK_BLOCK ? 'QMSK' : `file ${fileName(files[o - 1]!.fst)}`;
    const claim = (block: number, who: number, what: string) => {
      if (block < FIRST_FREE_BLOCK || block > total) throw corrupt(`${where}: ${what} points at block ${block}, outside the disk (5-${total})`);
      if (owner[block] !== 0) throw corrupt(`${where}: block ${block} is claimed twice, by ${ownerName(owner[block]!)} and by ${what}`);
      owner[block] = who;
    };
    for (let b = 1; b < FIRST_FREE_BLOCK; b++) owner[b] = SYSTEM;

    const expectedExtensions = qmskExtensionsFor(total);
    if (mfd.qmskBlocks.length !== 0 && mfd.qmskBlocks.length !== expectedExtensions) {
      throw corrupt(`${where}: the MFD lists ${mfd.qmskBlocks.length} QMSK blocks; a disk of ${total} blocks has 0 or ${expectedExtensions}`);
    }
    mfd.qmskBlocks.forEach((b, i) => claim(b, QMSK_BLOCK, `QMSK block ${i + 1} in the MFD`));
    const qmsk = new Qmsk(total, mfd.qmsk);
    mfd.qmskBlocks.forEach((b, i) => qmsk.loadExtension(i, image.readBlock(b)));

    if (mfd.fstBlocks.length === 0) throw corrupt(`${where}: the MFD lists no FST block`);
    mfd.fstBlocks.forEach((b, i) => claim(b, FST_BLOCK, `FST block ${i + 1} in the MFD`));
    const fstBlockContents = mfd.fstBlocks.map((b) => image.readBlock(b));
    const seen = new Map<string, number>();
    for (const block of fstBlockContents) {
      for (let slot = 0; slot < FSTS_PER_BLOCK; slot++) {
        const raw = block.slice(slot * FST_SIZE, (slot + 1) * FST_SIZE);
        if (isEmptyFst(raw)) continue;
        const fst = parseFst(raw, where);
        const id = fileName(fst);
        if (seen.has(id)) throw corrupt(`${where}: the directory holds ${id} twice`);
        seen.set(id, files.length);
        if (fst.lrecl < 1 || (fst.recfm === 'V' && fst.lrecl > 0xffff)) throw corrupt(`${where}: file ${id} has LRECL ${fst.lrecl}`);
        if (fst.records < 1) throw corrupt(`${where}: file ${id} has no records`);
        const blocks = readFileBlocks(fst, total, (n) => image.readBlock(n), where);
        if (fst.recfm === 'F' && fst.records * fst.lrecl > fst.blocks * BLOCK_SIZE) {
          throw corrupt(`${where}: file ${id}: ${fst.records} records of ${fst.lrecl} bytes do not fit its ${fst.blocks} blocks`);
        }
        files.push({ fst, raw, ...blocks });
        const who = files.length;
        blocks.chainLinks.forEach((b, i) => claim(b, who, `${i === 0 ? 'the first chain link' : `chain link ${i}`} of file ${id}`));
        blocks.dataBlocks.forEach((b, i) => claim(b, who, `data block ${i + 1} of file ${id}`));
      }
    }

    // QMSK must mark exactly the blocks somebody owns.
    let leaked = 0;
    let firstLeak = 0;
    for (let b = 1; b <= total; b++) {
      const marked = qmsk.isSet(b);
      if (owner[b] !== 0 && !marked) throw corrupt(`${where}: block ${b} belongs to ${ownerName(owner[b]!)} but QMSK marks it free`);
      if (owner[b] === 0 && marked) {
        if (leaked++ === 0) firstLeak = b;
      }
    }
    if (leaked > 0) fault(`QMSK marks ${leaked} block(s) in use that nothing owns (the first is block ${firstLeak})`);
    const beyond = qmsk.setBeyondTotal();
    if (beyond.length > 0) fault(`QMSK marks block ${beyond[0]} in use, past the disk's ${total} blocks`);
    const used = qmsk.count();
    if (mfd.used !== used) fault(`the MFD says ${mfd.used} blocks are used (ADTUSED), QMSK marks ${used}`);
    if (mfd.left !== total - mfd.used) fault(`the MFD says ${mfd.left} blocks are left (ADTLEFT), not ${total} - ${mfd.used}`);
    if (mfd.last !== qmsk.lastUsedByte()) fault(`ADTLAST is ${mfd.last}, the last QMSK byte in use is ${qmsk.lastUsedByte()}`);
    if (mfd.qmskBlocks.length === 0 && qmsk.anyBeyondMfd()) {
      throw corrupt(`${where}: blocks past 1720 are in use but the MFD lists no QMSK blocks`);
    }
    return new CmsDisk(image, label, mfd, qmsk, files, fstBlockContents, warnings);
  }

  /** The records of a file, each as stored (EBCDIC). */
  readRecords(file: CmsFile): Uint8Array[] {
    const stream = new Uint8Array(file.dataBlocks.length * BLOCK_SIZE);
    file.dataBlocks.forEach((b, i) => stream.set(this.image.readBlock(b), i * BLOCK_SIZE));
    return decodeRecords(file.fst, stream, this.image.name);
  }

  /** The file with this name and type (a disk holds one file of a name and type). */
  find(filename: string, filetype: string): CmsFile | undefined {
    const fn = filename.toUpperCase();
    const ft = filetype.toUpperCase();
    return this.files.find((f) => f.fst.filename === fn && f.fst.filetype === ft);
  }

  get used(): number {
    return this.mfd.used;
  }
}

export function fileName(fst: Fst): string {
  return `${fst.filename} ${fst.filetype}`;
}

/** ADTNUM and ADTCYL must fit the image's tracks; every MFD block must lie on the disk. */
function checkSize(image: CkdBlocks, mfd: Mfd, where: string): void {
  const { heads, blocksPerTrack } = image.device;
  if (mfd.cylinders < 1 || mfd.cylinders > image.cylinders) {
    throw corrupt(`${where}: the MFD says ${mfd.cylinders} cylinders (ADTCYL); the image has ${image.cylinders}`);
  }
  const most = Math.min(mfd.cylinders * heads * blocksPerTrack, MAX_CMS_BLOCKS);
  if (mfd.total < FIRST_FREE_BLOCK || mfd.total > most) {
    throw corrupt(`${where}: the MFD says the disk has ${mfd.total} blocks (ADTNUM); ${mfd.cylinders} cylinders hold at most ${most}`);
  }
  if (mfd.used > mfd.total) throw corrupt(`${where}: the MFD says ${mfd.used} of ${mfd.total} blocks are used`);
}
