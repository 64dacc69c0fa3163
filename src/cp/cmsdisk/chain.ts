// A file's blocks and records on an 800-byte-format CMS disk.
//
// Chain links: the FST points at the first chain link (FCL). Its first 40 halfwords are the block
// numbers of the further chain links, the next 60 halfwords the first 60 data blocks; the rest of
// the block is zeros. Each further chain link holds 400 halfword data-block pointers. A file
// therefore has at most 60 + 40 x 400 = 16,060 data blocks. CMS writes a file's blocks in order:
// FCL, data blocks 1-60, chain link 1, data blocks 61-460, chain link 2, ...
//
// Records: the data blocks carry one byte stream. F files hold `records x lrecl` bytes; V files hold
// each record as a halfword length and the record's bytes (zero-length records occur). Records run
// on across block boundaries. V files' LRECL is at least the longest record, not always equal to it.

import { corrupt } from './errors.ts';
import { BLOCK_SIZE } from './geometry.ts';
import type { Fst } from './layout.ts';

export const FCL_LINKS = 40;
export const FCL_DATA_POINTERS = 60;
export const CHAIN_LINK_POINTERS = BLOCK_SIZE / 2;
export const MAX_FILE_BLOCKS = FCL_DATA_POINTERS + FCL_LINKS * CHAIN_LINK_POINTERS;
/** FSREAD/FSWRITE item numbers are halfwords; R6 files hold at most 65,533 records. */
export const MAX_RECORDS = 65_533;
/** A V record's length is a halfword. */
export const MAX_V_LRECL = 65_535;

/** Further chain links a file of this many data blocks needs besides the FCL. */
export function chainLinksFor(blocks: number): number {
  return blocks > FCL_DATA_POINTERS ? Math.ceil((blocks - FCL_DATA_POINTERS) / CHAIN_LINK_POINTERS) : 0;
}

export interface FileBlocks {
  /** The FCL first, then the further chain links. */
  chainLinks: number[];
  dataBlocks: number[];
}

/** Follows a file's chain links; every pointer is checked against the disk's size. */
export function readFileBlocks(fst: Fst, total: number, readBlock: (n: number) => Uint8Array, where: string): FileBlocks {
  const name = `${where}: file ${fst.filename} ${fst.filetype}`;
  const check = (block: number, what: string) => {
    if (block < 5 || block > total) throw corrupt(`${name}: ${what} points at block ${block}, outside the disk (5-${total})`);
  };
  if (fst.blocks < 1 || fst.blocks > MAX_FILE_BLOCKS) throw corrupt(`${name}: the FST gives ${fst.blocks} data blocks`);
  check(fst.firstChainLink, 'the FST');
  const fcl = readBlock(fst.firstChainLink);
  const fclView = new DataView(fcl.buffer, fcl.byteOffset, fcl.byteLength);
  const links = chainLinksFor(fst.blocks);
  const chainLinks = [fst.firstChainLink];
  for (let i = 0; i < links; i++) {
    const link = fclView.getUint16(i * 2);
    check(link, `chain link ${i + 1} in the FCL`);
    chainLinks.push(link);
  }
  const dataBlocks: number[] = [];
  const take = (view: DataView, from: number, count: number, what: string) => {
    for (let i = 0; i < count && dataBlocks.length < fst.blocks; i++) {
      const block = view.getUint16((from + i) * 2);
      check(block, `data block ${dataBlocks.length + 1} in ${what}`);
      dataBlocks.push(block);
    }
  };
  take(fclView, FCL_LINKS, FCL_DATA_POINTERS, 'the FCL');
  for (let i = 1; i < chainLinks.length; i++) {
    const link = readBlock(chainLinks[i]!);
    take(new DataView(link.buffer, link.byteOffset, link.byteLength), 0, CHAIN_LINK_POINTERS, `chain link ${i}`);
  }
  return { chainLinks, dataBlocks };
}

/** The chain-link blocks for a file whose blocks are already allocated. */
export function chainLinkBlocks(blocks: FileBlocks): Uint8Array[] {
  const out = blocks.chainLinks.map(() => new Uint8Array(BLOCK_SIZE));
  const fcl = new DataView(out[0]!.buffer);
  blocks.chainLinks.slice(1).forEach((link, i) => fcl.setUint16(i * 2, link));
  blocks.dataBlocks.forEach((block, i) => {
    if (i < FCL_DATA_POINTERS) {
      fcl.setUint16((FCL_LINKS + i) * 2, block);
    } else {
      const k = i - FCL_DATA_POINTERS;
      new DataView(out[1 + Math.floor(k / CHAIN_LINK_POINTERS)]!.buffer).setUint16((k % CHAIN_LINK_POINTERS) * 2, block);
    }
  });
  return out;
}

/**
 * Allocates a file's blocks in the order CMS writes them (FCL, 60 data blocks, chain link 1, 400
 * data blocks, ...), taking each from `allocate`.
 */
export function allocateFileBlocks(dataBlockCount: number, allocate: () => number): FileBlocks {
  const chainLinks = [allocate()];
  const dataBlocks: number[] = [];
  for (let i = 0; i < dataBlockCount; i++) {
    if (i >= FCL_DATA_POINTERS && (i - FCL_DATA_POINTERS) % CHAIN_LINK_POINTERS === 0) chainLinks.push(allocate());
    dataBlocks.push(allocate());
  }
  return { chainLinks, dataBlocks };
}

/** Data bytes a file's records occupy. */
export function streamLength(recfm: 'F' | 'V', records: readonly Uint8Array[]): number {
  let n = 0;
  for (const r of records) n += recfm === 'V' ? 2 + r.length : r.length;
  return n;
}

/** The byte stream of a file's records, padded with zeros to whole blocks. */
export function encodeRecords(recfm: 'F' | 'V', records: readonly Uint8Array[]): Uint8Array {
  const length = streamLength(recfm, records);
  const out = new Uint8Array(Math.ceil(length / BLOCK_SIZE) * BLOCK_SIZE);
  let at = 0;
  for (const r of records) {
    if (recfm === 'V') {
      out[at] = r.length >>> 8;
      out[at + 1] = r.length & 0xff;
      at += 2;
    }
    out.set(r, at);
    at += r.length;
  }
  return out;
}

/** Splits a file's byte stream into its records, checking it against the FST. */
export function decodeRecords(fst: Fst, stream: Uint8Array, where: string): Uint8Array[] {
  const name = `${where}: file ${fst.filename} ${fst.filetype}`;
  const records: Uint8Array[] = [];
  let at = 0;
  for (let i = 0; i < fst.records; i++) {
    let length = fst.lrecl;
    if (fst.recfm === 'V') {
      if (at + 2 > stream.length) throw corrupt(`${name}: record ${i + 1} starts past the file's ${fst.blocks} blocks`);
      length = (stream[at]! << 8) | stream[at + 1]!;
      at += 2;
      if (length > fst.lrecl) throw corrupt(`${name}: record ${i + 1} is ${length} bytes, longer than the LRECL ${fst.lrecl}`);
    }
    if (at + length > stream.length) throw corrupt(`${name}: record ${i + 1} runs past the file's ${fst.blocks} blocks`);
    records.push(stream.slice(at, at + length));
    at += length;
  }
  // The blocks may outnumber what the records need: CMS does not give back the blocks of a file
  // that is written again from record 1 with less data (e.g. SVC_TBLK H on CMSUSER 194).
  return records;
}
