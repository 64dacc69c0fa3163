// Storage with holes (Principles of Operation, "Addressing Exception": a location that is not
// available in the configuration). A virtual machine of VM/370 has its defined storage from 0 up to
// its size, and above it only the saved segments it has loaded (CMSSEG at X'F00000' for a 1M CMS
// machine: VM/370 System Programmer's Guide R6, "Saved Segments"); every other address up to 16M
// is not available. The array is as large as the highest segment needs; `addressLimit` is the
// defined storage and `ranges` the loaded segments above it.
//
// The CPU compares addresses with the limit on its fast paths as it does with the storage size,
// and asks isAddressable() only for an address at or above the limit; the channel (src/channel/
// storage-access.ts) applies the same rule to channel programs through the same two members.
// Clearing storage (IPL, SYSTEM CLEAR) also releases the segments.

import { Storage } from '../storage/storage.ts';

/** Ranges are kept on 2K boundaries, the unit of storage keys and of the channel's checks. */
const BLOCK = 0x800;

export class SegmentedStorage extends Storage {
  /** The defined storage: every address below it is available. */
  readonly addressLimit: number;
  /** Available ranges above the limit, as [start, end) pairs (ascending, not overlapping). */
  private ranges: number[] = [];

  constructor(size: number, addressLimit: number) {
    super(size);
    if (!Number.isInteger(addressLimit) || addressLimit <= 0 || addressLimit > size || addressLimit % BLOCK !== 0) {
      throw new RangeError(`address limit ${addressLimit} must be a multiple of 2K within the ${size}-byte storage`);
    }
    this.addressLimit = addressLimit;
  }

  /** True when the real address is available: below the limit, or in a range above it. */
  isAddressable(address: number): boolean {
    if (address < this.addressLimit) return address >= 0;
    const r = this.ranges;
    for (let i = 0; i < r.length; i += 2) if (address >= r[i]! && address < r[i + 1]!) return true;
    return false;
  }

  /** True when every address from `address` to `address + length - 1` is available. */
  isRangeAddressable(address: number, length: number): boolean {
    if (length <= 0) return true;
    const last = address + length - 1;
    if (last < this.addressLimit) return address >= 0;
    for (let block = Math.floor(address / BLOCK) * BLOCK; block <= last; block += BLOCK) {
      if (!this.isAddressable(Math.max(block, address))) return false;
    }
    return true;
  }

  /** Makes [start, end) available (a saved segment was loaded); the part below the limit is already. */
  addRange(start: number, end: number): void {
    const from = Math.max(Math.floor(start / BLOCK) * BLOCK, this.addressLimit);
    const to = Math.min(Math.ceil(end / BLOCK) * BLOCK, this.size);
    if (from >= to) return;
    const pairs: Array<[number, number]> = [[from, to]];
    for (let i = 0; i < this.ranges.length; i += 2) pairs.push([this.ranges[i]!, this.ranges[i + 1]!]);
    pairs.sort((a, b) => a[0] - b[0]);
    const merged: number[] = [];
    for (const [s, e] of pairs) {
      const n = merged.length;
      if (n > 0 && s <= merged[n - 1]!) merged[n - 1] = Math.max(merged[n - 1]!, e);
      else merged.push(s, e);
    }
    this.ranges = merged;
  }

  /** Makes [start, end) unavailable again above the limit (the segment was purged). */
  removeRange(start: number, end: number): void {
    const from = Math.floor(start / BLOCK) * BLOCK;
    const to = Math.ceil(end / BLOCK) * BLOCK;
    const kept: number[] = [];
    for (let i = 0; i < this.ranges.length; i += 2) {
      const s = this.ranges[i]!;
      const e = this.ranges[i + 1]!;
      if (e <= from || s >= to) kept.push(s, e);
      else {
        if (s < from) kept.push(s, from);
        if (e > to) kept.push(to, e);
      }
    }
    this.ranges = kept;
  }

  /** The available ranges above the limit, as [start, end) pairs. */
  availableRanges(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (let i = 0; i < this.ranges.length; i += 2) out.push([this.ranges[i]!, this.ranges[i + 1]!]);
    return out;
  }

  /** Every address above the limit becomes unavailable again (the machine's segments are gone). */
  releaseRanges(): void {
    this.ranges = [];
  }

  /** Clears storage and keys, and releases the segments above the limit (IPL, SYSTEM CLEAR). */
  override clear(): void {
    super.clear();
    this.releaseRanges();
  }
}
