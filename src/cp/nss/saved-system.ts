// Named saved systems and saved segments (VM/370 System Programmer's Guide R6, "Saved Systems";
// DIAGNOSE X'64'): an image of pages saved from a virtual machine, loaded back at the same address,
// with the machine state saved with it so that IPL by name can resume the system.
//
// File format (the one ../shared/vm370r6 uses): the first 4096 bytes are the saved state, then the
// pages follow.
//   offset   0  PSW (8 bytes)
//   offset   8  GPR 0-15 (64 bytes)
//   offset  72  FPR 0, 2, 4, 6 (32 bytes)
//   offset 104  CR 0-15 (64 bytes)
//   offset 168  one storage-key byte per 2K block of the saved pages (KKKKFRC0)
// The file does not say where the pages belong: the registry (registry.ts) knows the load address.

import { loadPswFromBytes } from '../../cpu/psw.ts';
import type { Cpu } from '../../cpu/cpu.ts';

export const PAGE_SIZE = 4096;
const STATE_SIZE = 4096;
const KEYS_AT = 168;

export interface SavedSystemDefinition {
  /** The name used with IPL and DIAGNOSE X'64' (1-8 characters, upper case). */
  name: string;
  /** Virtual address of the first page (a multiple of 4K). */
  address: number;
  /** True when the system can be IPLed by name (the state is loaded); false for a segment. */
  ipl: boolean;
}

export class SavedSystem {
  readonly name: string;
  readonly address: number;
  readonly ipl: boolean;
  /** The saved pages, a whole number of 4K pages. */
  readonly pages: Uint8Array;
  /** The saved state page. */
  readonly state: Uint8Array;

  constructor(definition: SavedSystemDefinition, bytes: Uint8Array) {
    if (!/^[A-Z0-9$#@]{1,8}$/.test(definition.name)) throw new Error(`'${definition.name}' is not a saved system name`);
    if (definition.address % PAGE_SIZE !== 0 || definition.address < 0 || definition.address >= 0x100_0000) {
      throw new RangeError(`saved system ${definition.name}: address ${definition.address.toString(16)} is not a page of the 16M address space`);
    }
    if (bytes.length <= STATE_SIZE || (bytes.length - STATE_SIZE) % PAGE_SIZE !== 0) {
      throw new Error(`saved system ${definition.name}: ${bytes.length} bytes is not a state page followed by whole pages`);
    }
    this.name = definition.name;
    this.address = definition.address;
    this.ipl = definition.ipl;
    this.state = bytes.subarray(0, STATE_SIZE);
    this.pages = bytes.subarray(STATE_SIZE);
    if (this.end > 0x100_0000) throw new RangeError(`saved system ${definition.name} runs past 16M`);
  }

  /** Number of 4K pages. */
  get pageCount(): number {
    return this.pages.length / PAGE_SIZE;
  }

  /** The first address past the system. */
  get end(): number {
    return this.address + this.pages.length;
  }

  /** The highest address of the system (FINDSYS returns it in Ry). */
  get lastAddress(): number {
    return this.end - 1;
  }

  /**
   * Copies the pages into storage with their storage keys. Pages above the machine's defined
   * storage become addressable (storage with holes: src/cpu/segmented-storage.ts).
   */
  loadPages(cpu: Cpu): void {
    if (this.end > cpu.storage.size || (this.end > cpu.memSize && cpu.segmented === null)) {
      throw new RangeError(`saved system ${this.name} (${this.address.toString(16)}-${this.lastAddress.toString(16)}) is beyond the virtual machine's storage`);
    }
    if (this.end > cpu.memSize) cpu.segmented!.addRange(this.address, this.end);
    cpu.mem.set(this.pages, this.address);
    const firstBlock = this.address >>> 11;
    const blocks = this.pages.length >>> 11;
    for (let i = 0; i < blocks; i++) cpu.keys[firstBlock + i] = this.state[KEYS_AT + i]! & 0xfe;
  }

  /** Loads the saved registers and control registers, then the PSW (IPL by name). */
  loadState(cpu: Cpu): void {
    const s = this.state;
    const view = new DataView(s.buffer, s.byteOffset, s.byteLength);
    for (let i = 0; i < 16; i++) cpu.gpr[i] = view.getInt32(8 + i * 4);
    for (let i = 0; i < 8; i++) cpu.fpr[i] = view.getUint32(72 + i * 4);
    for (let i = 0; i < 16; i++) cpu.cr[i] = view.getUint32(104 + i * 4);
    loadPswFromBytes(cpu, s, 0);
  }
}
