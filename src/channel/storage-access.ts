// Channel access to storage: fetching CCWs and IDAWs, and moving data bytes, with the checks the
// channel makes (Principles of Operation, "Input/Output Operations": invalid CCW address, invalid
// data address, protection check, indirect data addressing). The channel uses the subchannel key
// from the CAW; key 0 matches every storage key. It sets the reference bit on every access and the
// change bit on every store, as the channel does for the CPU's storage keys.

import { ChannelStatus } from '../arch/channel.ts';
import { KeyBits, type Storage } from '../storage/storage.ts';

const BLOCK_SHIFT = 11;
const BLOCK_SIZE = 1 << BLOCK_SHIFT;

/**
 * Storage with holes (a virtual machine's defined storage plus the saved segments it loaded above
 * it; src/cpu/segmented-storage.ts): the channel applies the CPU's rule, every address below
 * `addressLimit` is available and above it only what isAddressable() says. Plain Storage has no
 * holes: its limit is its size.
 */
interface StorageWithHoles {
  readonly addressLimit: number;
  isAddressable(address: number): boolean;
}

function holes(storage: Storage): StorageWithHoles | null {
  const s = storage as Storage & Partial<StorageWithHoles>;
  return typeof s.addressLimit === 'number' && typeof s.isAddressable === 'function' ? (s as StorageWithHoles) : null;
}

/** The first address from which the channel must ask isAddressable(): the limit, or the size. */
export function channelAddressLimit(storage: Storage): number {
  return holes(storage)?.addressLimit ?? storage.size;
}

/**
 * True when the channel may use the `length` bytes at `address` (within one 2K block): they lie in
 * storage and are not in a hole (an invalid address gives a program check, as for a CCW or data
 * address beyond the end of storage).
 */
export function channelAddressable(storage: Storage, address: number, length = 1): boolean {
  if (address < 0 || address + length > storage.size) return false;
  const h = holes(storage);
  if (h === null || address + length <= h.addressLimit) return true;
  return h.isAddressable(address) && h.isAddressable(address + length - 1);
}

/** True when a store under `key` into the 2K block of `address` is allowed. */
export function storeAllowed(storage: Storage, key: number, address: number): boolean {
  if (key === 0) return true;
  return storage.keys[address >>> BLOCK_SHIFT]! >>> 4 === key;
}

/** True when a fetch under `key` from the 2K block of `address` is allowed. */
export function fetchAllowed(storage: Storage, key: number, address: number): boolean {
  if (key === 0) return true;
  const k = storage.keys[address >>> BLOCK_SHIFT]!;
  return (k & KeyBits.fetchProtection) === 0 || k >>> 4 === key;
}

/** A format-0 CCW as fetched. */
export interface Ccw {
  address: number;
  command: number;
  dataAddress: number;
  flags: number;
  count: number;
}

/**
 * Fetches the doubleword at `address` as a CCW. Returns the channel status of the failure instead
 * (program check for a bad address, protection check for a fetch-protected CCW).
 */
export function fetchCcw(storage: Storage, key: number, address: number): Ccw | number {
  if ((address & 7) !== 0 || !channelAddressable(storage, address, 8)) return ChannelStatus.programCheck;
  if (!fetchAllowed(storage, key, address)) return ChannelStatus.protectionCheck;
  const m = storage.bytes;
  storage.keys[address >>> BLOCK_SHIFT]! |= KeyBits.reference;
  return {
    address,
    command: m[address]!,
    dataAddress: (m[address + 1]! << 16) | (m[address + 2]! << 8) | m[address + 3]!,
    flags: m[address + 4]!,
    count: (m[address + 6]! << 8) | m[address + 7]!,
  };
}

/**
 * Walks the storage bytes of one CCW's data area in transfer order: ascending, or descending from
 * the data address for read backward; through an IDAW list when the CCW has the IDA flag.
 * next() answers the real address of the next byte, or a negative channel status on an error.
 */
export class DataCursor {
  private address: number;
  private blockChecked = -1;
  private idawAddress = 0;
  private started = false;
  /** Addresses below it need no hole check (see channelAddressable). */
  private readonly limit: number;

  constructor(
    private readonly storage: Storage,
    private readonly key: number,
    dataAddress: number,
    private readonly store: boolean,
    private readonly backward: boolean,
    private readonly indirect: boolean,
  ) {
    this.address = dataAddress;
    if (indirect) this.idawAddress = dataAddress;
    this.limit = channelAddressLimit(storage);
  }

  next(): number {
    let a: number;
    if (!this.started) {
      this.started = true;
      if (this.indirect) {
        const first = this.fetchIdaw(false);
        if (first < 0) return first;
        this.address = first;
      }
      a = this.address;
    } else {
      a = this.backward ? this.address - 1 : this.address + 1;
      const crossed = this.backward ? (a & (BLOCK_SIZE - 1)) === BLOCK_SIZE - 1 : (a & (BLOCK_SIZE - 1)) === 0;
      if (this.indirect && crossed) {
        const nextIdaw = this.fetchIdaw(true);
        if (nextIdaw < 0) return nextIdaw;
        a = nextIdaw;
      } else if (!this.indirect) {
        a &= 0xff_ffff;
      }
    }
    this.address = a;
    if (a < 0 || (a >= this.limit && !channelAddressable(this.storage, a))) return -ChannelStatus.programCheck;
    const block = a >>> BLOCK_SHIFT;
    if (block !== this.blockChecked) {
      if (!(this.store ? storeAllowed(this.storage, this.key, a) : fetchAllowed(this.storage, this.key, a))) {
        return -ChannelStatus.protectionCheck;
      }
      this.storage.keys[block]! |= this.store ? KeyBits.reference | KeyBits.change : KeyBits.reference;
      this.blockChecked = block;
    }
    return a;
  }

  /** Fetches the next IDAW; after the first, an IDAW must designate a 2K block boundary. */
  private fetchIdaw(later: boolean): number {
    const at = later ? this.idawAddress + 4 : this.idawAddress;
    if ((at & 3) !== 0 || !channelAddressable(this.storage, at, 4)) return -ChannelStatus.programCheck;
    if (!fetchAllowed(this.storage, this.key, at)) return -ChannelStatus.protectionCheck;
    this.idawAddress = at;
    const idaw = this.storage.readWord(at);
    if ((idaw & 0x8000_0000) !== 0) return -ChannelStatus.programCheck;
    if (later) {
      const boundary = this.backward ? (idaw & (BLOCK_SIZE - 1)) === BLOCK_SIZE - 1 : (idaw & (BLOCK_SIZE - 1)) === 0;
      if (!boundary) return -ChannelStatus.programCheck;
    }
    return idaw;
  }
}
