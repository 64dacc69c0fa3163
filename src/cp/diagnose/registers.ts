// Register and operand helpers shared by the DIAGNOSE functions.

import type { Cpu } from '../../cpu/cpu.ts';

export const SPECIFICATION = 0x06;
export const ADDRESSING = 0x05;

/** Register value as an unsigned 32-bit number. */
export function reg(cpu: Cpu, r: number): number {
  return cpu.gpr[r]! >>> 0;
}

/** A 24-bit address from a register. */
export function address(cpu: Cpu, r: number): number {
  return cpu.gpr[r]! & 0xff_ffff;
}

/** Specification exception unless the address is a multiple of `alignment`. */
export function aligned(cpu: Cpu, a: number, alignment: number): number {
  if (a % alignment !== 0) throw cpu.exception(SPECIFICATION);
  return a;
}

/** Addressing exception unless [a, a + length) lies in the virtual machine's storage. */
export function inStorage(cpu: Cpu, a: number, length: number): number {
  if (a < 0) throw cpu.exception(ADDRESSING);
  if (a + length <= cpu.memSize) return a;
  // Beyond the defined storage only a loaded saved segment is addressable.
  if (cpu.segmented === null || !cpu.segmented.isRangeAddressable(a, length)) throw cpu.exception(ADDRESSING);
  return a;
}

