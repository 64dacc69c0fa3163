// PSW formats (Principles of Operation, "Program-Status Word": BC mode and EC mode).

import type { Cpu } from './cpu.ts';

/** Sets the PSW to all zeros (BC mode), as CPU reset does. */
export function resetPsw(cpu: Cpu): void {
  cpu.sysMask = 0;
  cpu.key = 0;
  cpu.ecMode = false;
  cpu.machineCheckMask = false;
  cpu.waitState = false;
  cpu.problemState = false;
  cpu.cc = 0;
  cpu.progMask = 0;
  cpu.ia = 0;
  cpu.invalidPsw = false;
}

/** EC-mode PSW bits that must be zero: byte 0 bits 0 and 2-4, byte 2 bits 16-17, bytes 3-4 (bits 24-39). */
const EC_SYSTEM_MASK_RESERVED = 0xb8;

/**
 * Loads the PSW from its two words. An EC-mode PSW with a one in a bit that must be zero (bits 0,
 * 2-4, 16-17, 24-39) is loaded anyway and marked invalid: the specification exception is recognized
 * when the next instruction would be fetched ("Early Exception Recognition"), with ILC 0, and the
 * old PSW stored then is the invalid one as loaded.
 */
export function loadPswFromWords(cpu: Cpu, w0: number, w1: number): void {
  const b0 = (w0 >>> 24) & 0xff;
  const b1 = (w0 >>> 16) & 0xff;
  const b2 = (w0 >>> 8) & 0xff;
  const b3 = w0 & 0xff;
  const b4 = (w1 >>> 24) & 0xff;
  cpu.sysMask = b0;
  cpu.key = b1 >>> 4;
  cpu.ecMode = (b1 & 0x08) !== 0;
  cpu.machineCheckMask = (b1 & 0x04) !== 0;
  cpu.waitState = (b1 & 0x02) !== 0;
  cpu.problemState = (b1 & 0x01) !== 0;
  if (cpu.ecMode) {
    cpu.cc = (b2 >>> 4) & 3;
    cpu.progMask = b2 & 0x0f;
    cpu.invalidPsw = (b0 & EC_SYSTEM_MASK_RESERVED) !== 0 || (b2 & 0xc0) !== 0 || b3 !== 0 || b4 !== 0;
  } else {
    cpu.cc = (b4 >>> 4) & 3;
    cpu.progMask = b4 & 0x0f;
    cpu.invalidPsw = false;
  }
  cpu.ia = w1 & 0xff_ffff;
  if (cpu.invalidPsw) {
    const raw = cpu.rawPsw;
    raw[0] = b0;
    raw[1] = b1;
    raw[2] = b2;
    raw[3] = b3;
    raw[4] = b4;
    raw[5] = w1 >>> 16;
    raw[6] = w1 >>> 8;
    raw[7] = w1;
    cpu.invalidPswIlc = 0;
    // The exception is recognized before the CPU could enter the wait state.
    cpu.waitState = false;
  }
  cpu.stateChanged();
}

/** Loads the PSW from 8 bytes (IPL, interruptions). */
export function loadPswFromBytes(cpu: Cpu, m: Uint8Array, at: number): void {
  loadPswFromWords(
    cpu,
    (m[at]! << 24) | (m[at + 1]! << 16) | (m[at + 2]! << 8) | m[at + 3]!,
    (m[at + 4]! << 24) | (m[at + 5]! << 16) | (m[at + 6]! << 8) | m[at + 7]!,
  );
}

/**
 * Replaces PSW bits 0-7 (SET SYSTEM MASK, STORE THEN AND/OR SYSTEM MASK). The value is not checked
 * before it is loaded; in EC mode a one in bit 0 or 2-4 makes the PSW invalid, and the specification
 * exception is recognized before the next instruction, with ILC 2 (the length of SSM/STOSM).
 */
export function setSystemMask(cpu: Cpu, mask: number): void {
  cpu.sysMask = mask & 0xff;
  if (cpu.ecMode && (mask & EC_SYSTEM_MASK_RESERVED) !== 0) {
    storePswBytes(cpu, cpu.rawPsw, 0, 0, 0);
    cpu.invalidPsw = true;
    cpu.invalidPswIlc = 2;
  }
  cpu.stateChanged();
}

/** Stores the current PSW. In BC mode the interruption code and ILC are part of the PSW. */
export function storePswBytes(cpu: Cpu, m: Uint8Array, at: number, code: number, ilc: number): void {
  if (cpu.invalidPsw) {
    m.set(cpu.rawPsw, at);
    return;
  }
  m[at] = cpu.sysMask;
  m[at + 1] =
    (cpu.key << 4) |
    (cpu.ecMode ? 0x08 : 0) |
    (cpu.machineCheckMask ? 0x04 : 0) |
    (cpu.waitState ? 0x02 : 0) |
    (cpu.problemState ? 0x01 : 0);
  if (cpu.ecMode) {
    m[at + 2] = (cpu.cc << 4) | cpu.progMask;
    m[at + 3] = 0;
    m[at + 4] = 0;
  } else {
    m[at + 2] = code >>> 8;
    m[at + 3] = code;
    m[at + 4] = ((ilc & 3) << 6) | (cpu.cc << 4) | cpu.progMask;
  }
  m[at + 5] = cpu.ia >>> 16;
  m[at + 6] = cpu.ia >>> 8;
  m[at + 7] = cpu.ia;
}

/** The current PSW as 16 hex digits (BC-mode code and ILC zero). */
export function pswHex(cpu: Cpu): string {
  const bytes = new Uint8Array(8);
  storePswBytes(cpu, bytes, 0, 0, 0);
  return Buffer.from(bytes).toString('hex');
}

/** Parses 16 hex digits into a PSW and loads it. */
export function setPswHex(cpu: Cpu, hex: string): void {
  if (!/^[0-9a-fA-F]{16}$/.test(hex)) throw new Error(`a PSW is 16 hex digits, not '${hex}'`);
  loadPswFromBytes(cpu, Uint8Array.from(Buffer.from(hex, 'hex')), 0);
}
