// What CP's debugging commands print (VM/370 CP Command Reference for General Users R6, DISPLAY and
// TRACE): hex fields, instructions with their mnemonics, and a look at guest storage that never
// disturbs the guest (no reference bits, no exceptions; DAT applied when the guest runs with it).

import type { Cpu } from '../../cpu/cpu.ts';
import { translate } from '../../cpu/dat.ts';
import { instructionLength, lookupOpcode } from '../../cpu/opcodes.ts';
import { fromEbcdic } from '../../ebcdic/index.ts';

/** n as `digits` upper-case hex digits. */
export function hex(n: number, digits: number): string {
  return (n >>> 0).toString(16).toUpperCase().padStart(digits, '0').slice(-digits);
}

/** Bytes as upper-case hex, no spaces. */
export function hexBytes(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += hex(b, 2);
  return s;
}

/**
 * The real address of logical address a as the CPU would use it now (DAT when on), or -1 when it
 * cannot be reached (translation exception, beyond storage, a hole). Nothing in the guest changes.
 */
export function realAddress(cpu: Cpu, a: number): number {
  let r = a & 0xff_ffff;
  if (cpu.datOn) {
    try {
      r = translate(cpu, r, false);
    } catch {
      return -1;
    }
  }
  return cpu.isAddressable(r) && r < cpu.storage.size ? r : -1;
}

/** `length` bytes at logical address a, or null when any of them cannot be reached. */
export function peek(cpu: Cpu, a: number, length: number): Uint8Array | null {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const r = realAddress(cpu, (a + i) & 0xff_ffff);
    if (r < 0) return null;
    out[i] = cpu.mem[r]!;
  }
  return out;
}

/** The instruction at logical address a (its 2, 4 or 6 bytes), or null when it cannot be fetched. */
export function peekInstruction(cpu: Cpu, a: number): Uint8Array | null {
  const first = peek(cpu, a, 1);
  if (first === null) return null;
  return peek(cpu, a, instructionLength(first[0]!));
}

/** The mnemonic of an instruction ('????' for an invalid operation code). */
export function mnemonicOf(bytes: Uint8Array): string {
  return lookupOpcode(bytes[0]!, bytes[1] ?? 0)?.mnemonic ?? '????';
}

/** An instruction as TRACE shows it: the first word, then bytes 4-5 of a 6-byte one ('xxxxxxxx xxxx'). */
export function instructionHex(bytes: Uint8Array): string {
  const h = hexBytes(bytes);
  return h.length > 8 ? `${h.slice(0, 8)} ${h.slice(8)}` : h;
}

/** True for the instructions that can transfer control (BRANCH tracing). */
export function isBranch(mnemonic: string): boolean {
  return BRANCHES.has(mnemonic);
}

const BRANCHES = new Set(['BALR', 'BCTR', 'BCR', 'BAL', 'BCT', 'BC', 'BXH', 'BXLE', 'BAS', 'BASR']);

/**
 * One byte as DISPLAY T shows it: the character when the EBCDIC code is a graphic one
 * (code page 037), else a period.
 */
export function graphic(byte: number): string {
  if (byte < 0x40 || byte === 0xff) return '.';
  const c = fromEbcdic(Uint8Array.of(byte));
  return c.length === 1 && c >= ' ' && c <= '~' ? c : '.';
}

/** A PSW from its 8 bytes as 'xxxxxxxx xxxxxxxx'. */
export function pswWords(bytes: Uint8Array): string {
  return `${hexBytes(bytes.subarray(0, 4))} ${hexBytes(bytes.subarray(4, 8))}`;
}

/** The current PSW of the CPU as 8 bytes (with condition code and program mask). */
export function currentPsw(cpu: Cpu): Uint8Array {
  const out = new Uint8Array(8);
  if (cpu.invalidPsw) out.set(cpu.rawPsw);
  else cpu.storePsw(0, 0, 0, out);
  return out;
}

/** The instruction address in a PSW's 8 bytes. */
export function pswAddress(bytes: Uint8Array): number {
  return ((bytes[5]! << 16) | (bytes[6]! << 8) | bytes[7]!) >>> 0;
}
