// Real storage with storage keys (Principles of Operation, "Storage", "Protection").
// One key per 2K block: bits 0-3 access-control key, bit 4 fetch protection,
// bit 5 reference, bit 6 change (stored here as KKKKFRC0).

export const KEY_BLOCK_SHIFT = 11;
export const KeyBits = {
  access: 0xf0,
  fetchProtection: 0x08,
  reference: 0x04,
  change: 0x02,
} as const;

export class Storage {
  readonly size: number;
  readonly bytes: Uint8Array;
  readonly keys: Uint8Array;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 4096 || size > 16 * 1024 * 1024 || size % 2048 !== 0) {
      throw new RangeError(`storage size must be a multiple of 2K between 4K and 16M, not ${size}`);
    }
    this.size = size;
    this.bytes = new Uint8Array(size);
    this.keys = new Uint8Array(size >>> KEY_BLOCK_SHIFT);
  }

  /** Copies host bytes into real storage (loaders, IPL, tests). No key checking. */
  load(address: number, data: Uint8Array): void {
    if (address < 0 || address + data.length > this.size) {
      throw new RangeError(`load of ${data.length} bytes at ${address.toString(16)} is outside storage`);
    }
    this.bytes.set(data, address);
  }

  read(address: number, length: number): Uint8Array {
    if (address < 0 || address + length > this.size) {
      throw new RangeError(`read of ${length} bytes at ${address.toString(16)} is outside storage`);
    }
    return this.bytes.slice(address, address + length);
  }

  readWord(address: number): number {
    const m = this.bytes;
    return ((m[address]! << 24) | (m[address + 1]! << 16) | (m[address + 2]! << 8) | m[address + 3]!) >>> 0;
  }

  writeWord(address: number, value: number): void {
    const m = this.bytes;
    m[address] = value >>> 24;
    m[address + 1] = value >>> 16;
    m[address + 2] = value >>> 8;
    m[address + 3] = value;
  }

  readHalf(address: number): number {
    return (this.bytes[address]! << 8) | this.bytes[address + 1]!;
  }

  writeHalf(address: number, value: number): void {
    this.bytes[address] = value >>> 8;
    this.bytes[address + 1] = value;
  }

  /** Clears storage and keys (system reset clear). */
  clear(): void {
    this.bytes.fill(0);
    this.keys.fill(0);
  }

  snapshot(): { bytes: Uint8Array; keys: Uint8Array } {
    return { bytes: this.bytes.slice(), keys: this.keys.slice() };
  }

  restore(state: { bytes: Uint8Array; keys: Uint8Array }): void {
    if (state.bytes.length !== this.size) throw new RangeError('snapshot is of a different storage size');
    this.bytes.set(state.bytes);
    this.keys.set(state.keys);
  }
}
