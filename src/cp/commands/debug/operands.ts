// Operands of DISPLAY, STORE and ADSTOP (VM/370 CP Command Reference for General Users R6):
// storage locations and ranges, register numbers and ranges, hex data.
//
//   hexloc               1-6 hex digits
//   hexloc1-hexloc2      a range (':' also separates); '-hexloc2' starts at 0; 'hexloc1-' or
//   hexloc1-END          goes to the end of storage
//   hexloc1.bytecount    a length in hex ('.END' to the end)
//   reg1[-reg2|.count]   registers, 0-15 in decimal or 0-F in hex; '-END' to the last one
//
// Messages [mem]: DMKCDB004E INVALID HEXDATA - data, DMKCDB005E INVALID HEXLOC - loc,
// DMKCDB009E INVALID RANGE - range, DMKCDB010E INVALID REGISTER - reg,
// DMKCDB160E HEXLOC loc EXCEEDS STORAGE, DMKCDB164E HEXLOC loc NON-ADDRESSABLE STORAGE.

import type { VirtualMachine } from '../../vm/virtual-machine.ts';

export interface Range {
  first: number;
  /** Last location or register included. */
  last: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; id: string; text: string };

const fail = (id: string, text: string): { ok: false; id: string; text: string } => ({ ok: false, id, text });

/** A hexloc: 1-6 hex digits. */
export function parseHexloc(text: string): number | null {
  return /^[0-9A-F]{1,6}$/.test(text) ? parseInt(text, 16) : null;
}

/**
 * A storage range after its prefix letter. `endFor(first)` is the last byte of the storage that
 * holds `first` (for END and open ranges); an empty text means all of the defined storage. A lone hexloc gives the `single` bytes (4 or 16,
 * aligned) that hold it.
 */
export function parseStorageRange(text: string, endFor: (first: number) => number, single: number, prefix: string): Parsed<Range> {
  if (text === '') return { ok: true, value: { first: 0, last: endFor(0) } };
  const m = /^([0-9A-F]*)(?:([-:.])(.*))?$/.exec(text);
  if (m === null) return fail('DMKCDB005E', `INVALID HEXLOC - ${prefix}${text}`);
  const [, a, sep, b] = m;
  const first = a === '' ? 0 : parseHexloc(a!);
  if (first === null) return fail('DMKCDB005E', `INVALID HEXLOC - ${prefix}${text}`);
  // A lone location: the word (or X'10' line) that holds it.
  if (sep === undefined) return { ok: true, value: { first, last: first - (first % single) + single - 1 } };
  if (b === '' || b === 'END') return { ok: true, value: { first, last: Math.max(first, endFor(first)) } };
  const n = parseHexloc(b!);
  if (n === null) return fail('DMKCDB009E', `INVALID RANGE - ${prefix}${text}`);
  if (sep === '.') {
    if (n === 0) return fail('DMKCDB009E', `INVALID RANGE - ${prefix}${text}`);
    return { ok: true, value: { first, last: first + n - 1 } };
  }
  if (n < first) return fail('DMKCDB009E', `INVALID RANGE - ${prefix}${text}`);
  return { ok: true, value: { first, last: n } };
}

/** A register number: 0-15 in decimal or 0-F in hex. */
export function parseRegister(text: string): number | null {
  if (/^[0-9]{1,2}$/.test(text)) {
    const n = Number(text);
    return n <= 15 ? n : null;
  }
  return /^[A-F]$/.test(text) ? parseInt(text, 16) : null;
}

/** A register range after its prefix letter (G, X, Y); empty: all registers. */
export function parseRegisterRange(text: string, prefix: string): Parsed<Range> {
  if (text === '') return { ok: true, value: { first: 0, last: 15 } };
  const m = /^([0-9A-F]*)(?:([-:.])(.*))?$/.exec(text);
  const first = m === null ? null : m[1] === '' ? 0 : parseRegister(m[1]!);
  if (m === null || first === null) return fail('DMKCDB010E', `INVALID REGISTER - ${prefix}${text}`);
  const [, , sep, b] = m;
  if (sep === undefined) return { ok: true, value: { first, last: first } };
  if (b === '' || b === 'END') return { ok: true, value: { first, last: 15 } };
  const n = parseRegister(b!);
  if (n === null) return fail('DMKCDB010E', `INVALID REGISTER - ${prefix}${text}`);
  const last = sep === '.' ? first + n - 1 : n;
  if (last < first || last > 15 || (sep === '.' && n === 0)) return fail('DMKCDB009E', `INVALID RANGE - ${prefix}${text}`);
  return { ok: true, value: { first, last } };
}

/**
 * Why the machine's storage at `address` cannot be used, as a message, or null when it can: beyond
 * the storage, or in a hole between the defined storage and a loaded segment.
 */
export function storageProblem(vm: VirtualMachine, address: number, module: string): { id: string; text: string } | null {
  const cpu = vm.cpu;
  if (cpu.isAddressable(address) && address < cpu.storage.size) return null;
  const loc = address.toString(16).toUpperCase().padStart(6, '0');
  if (address >= cpu.storage.size || cpu.segmented === null) return { id: `${module}160E`, text: `HEXLOC ${loc} EXCEEDS STORAGE` };
  return { id: `${module}164E`, text: `HEXLOC ${loc} NON-ADDRESSABLE STORAGE` };
}

/**
 * The last byte END means for a range starting at `first`: the end of the defined storage, or of
 * the loaded segment that holds `first`.
 */
export function storageEnd(vm: VirtualMachine, first: number): number {
  const cpu = vm.cpu;
  if (first < cpu.memSize || cpu.segmented === null) return cpu.memSize - 1;
  const range = cpu.segmented.availableRanges().find(([start, end]) => first >= start && first < end);
  return range === undefined ? cpu.memSize - 1 : range[1] - 1;
}
