// Test helpers: a small machine, and a way to run instructions written in hex.

import { Cpu, type CpuOptions, type StopInfo } from '../../src/cpu/cpu.ts';

/** Where execute() places instructions. */
export const CODE_AT = 0x1000;

/** A CPU with 64K of storage that stops (instead of swapping PSWs) on program interruptions. */
export function machine(options: CpuOptions = {}): Cpu {
  return new Cpu({ storageSize: 64 * 1024, interceptProgram: true, ...options });
}

export function hexBytes(hex: string): Uint8Array {
  const clean = hex.replace(/[\s_]/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error(`bad hex: ${hex}`);
  return Uint8Array.from(Buffer.from(clean, 'hex'));
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/**
 * Places the instructions (hex, one string per instruction) at CODE_AT and runs exactly that many
 * instructions, or until a program exception stops the CPU (stop.kind 'program', stop.code).
 */
export function execute(cpu: Cpu, ...instructions: string[]): StopInfo {
  const bytes = hexBytes(instructions.join(''));
  cpu.mem.set(bytes, CODE_AT);
  cpu.ia = CODE_AT;
  cpu.stop.kind = 'none';
  return cpu.run(instructions.length);
}

/** Writes hex bytes into storage. */
export function poke(cpu: Cpu, address: number, hex: string): void {
  cpu.mem.set(hexBytes(hex), address);
}

/** Reads storage as hex. */
export function peek(cpu: Cpu, address: number, length: number): string {
  return toHex(cpu.mem.subarray(address, address + length));
}

/** Register value as unsigned 8 hex digits. */
export function reg(cpu: Cpu, r: number): string {
  return (cpu.gpr[r]! >>> 0).toString(16).padStart(8, '0');
}
