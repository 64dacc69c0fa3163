// The on-disk structures of the VM/370 Release 6 CMS 800-byte disk format, as the R6 sample
// minidisks hold them (see docs/cmsdisk.md for how each field was established):
//
//   block 1-2  IPL records (zeros on a CMS disk)
//   block 3    label: C'CMS=' and the 6-character volume label; the rest zeros
//   block 4    MFD: halfword block numbers of the FST blocks, X'FFFD' and the QMSK extension blocks
//              (or X'FFFF' when there are none); at X'16C' the fullwords ADTNUM, ADTUSED, ADTLEFT,
//              ADTLAST, ADTCYL; at X'180' the first 215 bytes of QMSK (blocks 1-1720)
//   FST block  20 FSTs of 40 bytes
//   QMSK block 800 more bytes of the allocation bitmap (6,400 blocks each)

import { fromEbcdic, toEbcdic } from '../../ebcdic/index.ts';
import { BLOCK_SIZE } from './geometry.ts';
import { corrupt } from './errors.ts';

export const LABEL_BLOCK = 3;
export const MFD_BLOCK = 4;
/** The first block a file or directory block may occupy (1-4 are the IPL records, label and MFD). */
export const FIRST_FREE_BLOCK = 5;

const LABEL_ID = Uint8Array.of(0xc3, 0xd4, 0xe2, 0x7e); // C'CMS='
const EDF_LABEL_ID = Uint8Array.of(0xc3, 0xd4, 0xe2, 0xf1); // C'CMS1', the VM/SP enhanced disk format

/** Bytes 0-X'16B' of the MFD: halfword block pointers. */
export const MFD_POINTER_BYTES = 0x16c;
const MFD_ADTNUM = 0x16c;
const MFD_ADTUSED = 0x170;
const MFD_ADTLEFT = 0x174;
const MFD_ADTLAST = 0x178;
const MFD_ADTCYL = 0x17c;
export const MFD_QMSK_OFFSET = 0x180;
/** QMSK bytes the MFD holds: bits for blocks 1-1720. */
export const MFD_QMSK_BYTES = 215;
/** A byte FORMAT leaves after the MFD's QMSK; X'0B' on every R6 sample disk, meaning not known. */
const MFD_TRAILER_OFFSET = 0x257;
const MFD_TRAILER_VALUE = 0x0b;

const POINTER_END = 0xffff;
const POINTER_QMSK = 0xfffd;

export const FST_SIZE = 40;
export const FSTS_PER_BLOCK = BLOCK_SIZE / FST_SIZE;

export function volumeLabel(block: Uint8Array, where: string): string {
  if (startsWith(block, EDF_LABEL_ID)) {
    throw corrupt(`${where}: block 3 holds a 'CMS1' label: a VM/SP enhanced-format disk, not a VM/370 800-byte CMS disk`);
  }
  if (!startsWith(block, LABEL_ID)) {
    const seen = Array.from(block.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join('');
    throw corrupt(`${where}: block 3 is not a CMS label (X'${seen}', not C'CMS=')`);
  }
  return fromEbcdic(block.subarray(4, 10)).replace(/[\s\0]+$/, '');
}

export function labelBlock(label: string): Uint8Array {
  const out = new Uint8Array(BLOCK_SIZE);
  out.set(LABEL_ID, 0);
  out.set(toEbcdic(label.padEnd(6, ' ')).subarray(0, 6), 4);
  return out;
}

export interface Mfd {
  fstBlocks: number[];
  qmskBlocks: number[];
  /** ADTNUM: blocks on the disk. */
  total: number;
  /** ADTUSED: bits set in QMSK. */
  used: number;
  /** ADTLEFT: total - used. */
  left: number;
  /** ADTLAST: offset in QMSK of the last byte with a bit set. */
  last: number;
  /** ADTCYL: cylinders formatted. */
  cylinders: number;
  /** QMSK bytes 0-214, kept in the MFD itself. */
  qmsk: Uint8Array;
  /** The whole block, so bytes of unknown meaning survive an update. */
  raw: Uint8Array;
}

export function parseMfd(block: Uint8Array, where: string): Mfd {
  const view = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const fstBlocks: number[] = [];
  const qmskBlocks: number[] = [];
  let list = fstBlocks;
  for (let at = 0; at < MFD_POINTER_BYTES; at += 2) {
    const p = view.getUint16(at);
    if (p === 0 || p === POINTER_END) break;
    if (p === POINTER_QMSK) {
      if (list === qmskBlocks) throw corrupt(`${where}: the MFD has two X'FFFD' markers`);
      list = qmskBlocks;
      continue;
    }
    if (p > POINTER_QMSK) throw corrupt(`${where}: the MFD holds the reserved pointer X'${p.toString(16)}'`);
    list.push(p);
  }
  return {
    fstBlocks,
    qmskBlocks,
    total: view.getUint32(MFD_ADTNUM),
    used: view.getUint32(MFD_ADTUSED),
    left: view.getUint32(MFD_ADTLEFT),
    last: view.getUint32(MFD_ADTLAST),
    cylinders: view.getUint32(MFD_ADTCYL),
    qmsk: block.slice(MFD_QMSK_OFFSET, MFD_QMSK_OFFSET + MFD_QMSK_BYTES),
    raw: block.slice(),
  };
}

/** Pointers the MFD has room for: FST blocks, the X'FFFD' or X'FFFF' marker, QMSK blocks. */
export function mfdHasRoom(fstBlocks: number, qmskBlocks: number): boolean {
  return fstBlocks + 1 + qmskBlocks <= MFD_POINTER_BYTES / 2;
}

/** The MFD block for these fields; bytes outside the known fields come from `base` (FORMAT: none). */
export function mfdBlock(mfd: Omit<Mfd, 'raw'>, base?: Uint8Array): Uint8Array {
  if (!mfdHasRoom(mfd.fstBlocks.length, mfd.qmskBlocks.length)) {
    throw new RangeError(`the MFD has no room for ${mfd.fstBlocks.length} FST and ${mfd.qmskBlocks.length} QMSK block pointers`);
  }
  const out = base ? base.slice() : new Uint8Array(BLOCK_SIZE);
  if (!base) out[MFD_TRAILER_OFFSET] = MFD_TRAILER_VALUE;
  const view = new DataView(out.buffer);
  out.fill(0, 0, MFD_POINTER_BYTES);
  const pointers = mfd.qmskBlocks.length > 0 ? [...mfd.fstBlocks, POINTER_QMSK, ...mfd.qmskBlocks] : [...mfd.fstBlocks, POINTER_END];
  pointers.forEach((p, i) => view.setUint16(i * 2, p));
  view.setUint32(MFD_ADTNUM, mfd.total);
  view.setUint32(MFD_ADTUSED, mfd.used);
  view.setUint32(MFD_ADTLEFT, mfd.left);
  view.setUint32(MFD_ADTLAST, mfd.last);
  view.setUint32(MFD_ADTCYL, mfd.cylinders);
  out.set(mfd.qmsk.subarray(0, MFD_QMSK_BYTES), MFD_QMSK_OFFSET);
  return out;
}

export type RecordFormat = 'F' | 'V';

/** One file status table entry (DMSFST / FSTD). */
export interface Fst {
  filename: string;
  filetype: string;
  /** The mode letter stored in the FST (CMS shows the letter the disk is accessed as instead). */
  modeLetter: string;
  /** The mode number, '0'-'5'. */
  modeNumber: string;
  /** FSTDATEW/FSTTIMEW as stored: packed decimal mmdd and hhmm. */
  date: number;
  time: number;
  /** FSTYEAR: two EBCDIC digits. */
  year: string;
  /** FSTWP and FSTRP: the write and read item pointers (records + 1 and 1 on a closed file). */
  writePointer: number;
  readPointer: number;
  records: number;
  /** FSTFCL: the first chain link's block. */
  firstChainLink: number;
  recfm: RecordFormat;
  flags: number;
  lrecl: number;
  /** FSTDATAB: data blocks, chain links not counted. */
  blocks: number;
}

export function parseFst(entry: Uint8Array, where: string): Fst {
  const view = new DataView(entry.buffer, entry.byteOffset, entry.byteLength);
  const recfmByte = entry[30]!;
  const recfm = recfmByte === 0xc6 ? 'F' : recfmByte === 0xe5 ? 'V' : undefined;
  const filename = fromEbcdic(entry.subarray(0, 8)).trimEnd();
  const filetype = fromEbcdic(entry.subarray(8, 16)).trimEnd();
  if (!recfm) throw corrupt(`${where}: file ${filename} ${filetype} has RECFM X'${recfmByte.toString(16)}', neither F nor V`);
  const mode = fromEbcdic(entry.subarray(24, 26));
  return {
    filename,
    filetype,
    modeLetter: mode[0]!,
    modeNumber: mode[1]!,
    date: view.getUint16(16),
    time: view.getUint16(18),
    writePointer: view.getUint16(20),
    readPointer: view.getUint16(22),
    records: view.getUint16(26),
    firstChainLink: view.getUint16(28),
    recfm,
    flags: entry[31]!,
    lrecl: view.getUint32(32),
    blocks: view.getUint16(36),
    year: fromEbcdic(entry.subarray(38, 40)),
  };
}

export function fstBytes(f: Fst): Uint8Array {
  const out = new Uint8Array(FST_SIZE);
  const view = new DataView(out.buffer);
  out.set(toEbcdic(f.filename.padEnd(8, ' ')).subarray(0, 8), 0);
  out.set(toEbcdic(f.filetype.padEnd(8, ' ')).subarray(0, 8), 8);
  view.setUint16(16, f.date);
  view.setUint16(18, f.time);
  view.setUint16(20, f.writePointer);
  view.setUint16(22, f.readPointer);
  out.set(toEbcdic(f.modeLetter + f.modeNumber).subarray(0, 2), 24);
  view.setUint16(26, f.records);
  view.setUint16(28, f.firstChainLink);
  out[30] = f.recfm === 'F' ? 0xc6 : 0xe5;
  out[31] = f.flags;
  view.setUint32(32, f.lrecl);
  view.setUint16(36, f.blocks);
  out.set(toEbcdic(f.year.padStart(2, '0')).subarray(0, 2), 38);
  return out;
}

/** An FST slot is free when its file name starts with X'00'. */
export function isEmptyFst(entry: Uint8Array): boolean {
  return entry[0] === 0;
}

/** FSTDATEW, FSTTIMEW and FSTYEAR for a moment in local time. */
export function fstStamp(when: Date): { date: number; time: number; year: string } {
  const bcd = (a: number, b: number) => (toBcd(a) << 8) | toBcd(b);
  return {
    date: bcd(when.getMonth() + 1, when.getDate()),
    time: bcd(when.getHours(), when.getMinutes()),
    year: String(when.getFullYear() % 100).padStart(2, '0'),
  };
}

function toBcd(n: number): number {
  return ((Math.floor(n / 10) % 10) << 4) | n % 10;
}

/** A packed-decimal halfword as its four digits ('0313'); a bad nibble shows as '?'. */
export function bcdDigits(halfword: number): string {
  let out = '';
  for (let shift = 12; shift >= 0; shift -= 4) {
    const d = (halfword >>> shift) & 0xf;
    out += d <= 9 ? String(d) : '?';
  }
  return out;
}

function startsWith(block: Uint8Array, prefix: Uint8Array): boolean {
  return prefix.every((b, i) => block[i] === b);
}
