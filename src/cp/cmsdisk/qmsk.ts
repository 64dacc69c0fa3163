// QMSK: the allocation bitmap of an 800-byte-format CMS disk. Bit n-1 (high-order bit first) stands
// for block n. The first 215 bytes (blocks 1-1720) live in the MFD; the rest, when a disk needs it,
// in QMSK extension blocks of 800 bytes (6,400 blocks each) that the MFD lists after X'FFFD'.
// Blocks 1-4 (IPL records, label, MFD) are always allocated.

import { CmsDiskError } from './errors.ts';
import { BLOCK_SIZE } from './geometry.ts';
import { FIRST_FREE_BLOCK, MFD_QMSK_BYTES } from './layout.ts';

/** QMSK extension blocks a disk of `total` blocks needs to map every block. */
export function qmskExtensionsFor(total: number): number {
  return Math.max(0, Math.ceil((Math.ceil(total / 8) - MFD_QMSK_BYTES) / BLOCK_SIZE));
}

/** The highest block the MFD's own part of QMSK maps. */
export const MFD_QMSK_LAST_BLOCK = MFD_QMSK_BYTES * 8;

export class Qmsk {
  /** Room for the MFD part and every extension block the disk could need. */
  readonly bytes: Uint8Array;
  /** No byte before this one has a free block (speeds up lowest-first allocation). */
  private searchFrom = 0;

  constructor(
    readonly total: number,
    bytes?: Uint8Array,
  ) {
    this.bytes = new Uint8Array(MFD_QMSK_BYTES + qmskExtensionsFor(total) * BLOCK_SIZE);
    if (bytes) this.bytes.set(bytes.subarray(0, this.bytes.length));
  }

  /** A fresh bitmap with blocks 1-4 allocated. */
  static formatted(total: number): Qmsk {
    const q = new Qmsk(total);
    for (let b = 1; b < FIRST_FREE_BLOCK; b++) q.set(b);
    return q;
  }

  copy(): Qmsk {
    return new Qmsk(this.total, this.bytes);
  }

  isSet(block: number): boolean {
    return (this.bytes[(block - 1) >>> 3]! & (0x80 >>> ((block - 1) & 7))) !== 0;
  }

  set(block: number): void {
    this.bytes[(block - 1) >>> 3]! |= 0x80 >>> ((block - 1) & 7);
  }

  clear(block: number): void {
    this.bytes[(block - 1) >>> 3]! &= ~(0x80 >>> ((block - 1) & 7));
    this.searchFrom = Math.min(this.searchFrom, (block - 1) >>> 3);
  }

  /** ADTUSED: bits set. */
  count(): number {
    let n = 0;
    for (const byte of this.bytes) {
      let b = byte;
      while (b) {
        b &= b - 1;
        n++;
      }
    }
    return n;
  }

  /** ADTLAST: the offset of the last byte with a bit set. */
  lastUsedByte(): number {
    for (let i = this.bytes.length - 1; i > 0; i--) if (this.bytes[i] !== 0) return i;
    return 0;
  }

  /** Blocks past ADTNUM that are marked (the bitmap's tail must be zero). */
  setBeyondTotal(): number[] {
    const out: number[] = [];
    for (let b = this.total + 1; b <= this.bytes.length * 8; b++) if (this.isSet(b)) out.push(b);
    return out;
  }

  /** Whether any block past the MFD's part is allocated, not counting `except`. */
  anyBeyondMfd(except: readonly number[] = []): boolean {
    for (let b = MFD_QMSK_LAST_BLOCK + 1; b <= this.total; b++) {
      if (this.isSet(b) && !except.includes(b)) return true;
    }
    return false;
  }

  /** Allocates the lowest free block, as CMS fills a disk from the front. */
  allocate(): number {
    for (let i = this.searchFrom; i < this.bytes.length; i++) {
      if (this.bytes[i] === 0xff) continue;
      for (let bit = 0; bit < 8; bit++) {
        const block = i * 8 + bit + 1;
        if (block > this.total) break;
        if (block >= FIRST_FREE_BLOCK && !this.isSet(block)) {
          this.set(block);
          this.searchFrom = i;
          return block;
        }
      }
    }
    throw new CmsDiskError('no-room', `the disk is full (all ${this.total} blocks are in use)`);
  }

  /** The part kept in the MFD. */
  mfdPart(): Uint8Array {
    return this.bytes.slice(0, MFD_QMSK_BYTES);
  }

  /** The content of extension block i (0-origin). */
  extension(i: number): Uint8Array {
    const from = MFD_QMSK_BYTES + i * BLOCK_SIZE;
    return this.bytes.slice(from, from + BLOCK_SIZE);
  }

  /** Loads extension block i's content. */
  loadExtension(i: number, block: Uint8Array): void {
    this.bytes.set(block.subarray(0, BLOCK_SIZE), MFD_QMSK_BYTES + i * BLOCK_SIZE);
  }
}
