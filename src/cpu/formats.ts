// Instruction formats (Principles of Operation, "Instruction Formats").
// The run loop hands each handler the instruction as two numbers:
//   w  = bytes 0-3 (for RR instructions bytes 0-1 in the high half, the low half zero)
//   w2 = bytes 4-5 (SS instructions only)
// Fields: op = w >>> 24; R1/M1/L1 = (w >>> 20) & 15; R2/X2/R3/L2 = (w >>> 16) & 15;
// L (SS, 8 bits) and I2 (SI) = (w >>> 16) & 255; B = (w >>> 12) & 15; D = w & 0xfff;
// SS second operand: B2 = w2 >>> 12, D2 = w2 & 0xfff.

import type { Cpu } from './cpu.ts';

/** RX second-operand address: D2(X2,B2). */
export function rxAddress(cpu: Cpu, w: number): number {
  const x = (w >>> 16) & 15;
  const b = (w >>> 12) & 15;
  let a = w & 0xfff;
  if (x !== 0) a += cpu.gpr[x]!;
  if (b !== 0) a += cpu.gpr[b]!;
  return a & 0xff_ffff;
}

/** RS/SI/S/SS first-operand address: D(B) from the low 16 bits of w. */
export function baseAddress(cpu: Cpu, w: number): number {
  const b = (w >>> 12) & 15;
  return b === 0 ? w & 0xfff : (cpu.gpr[b]! + (w & 0xfff)) & 0xff_ffff;
}

/** SS second-operand address: D2(B2) from w2. */
export function ssAddress2(cpu: Cpu, w2: number): number {
  const b = w2 >>> 12;
  return b === 0 ? w2 & 0xfff : (cpu.gpr[b]! + (w2 & 0xfff)) & 0xff_ffff;
}
