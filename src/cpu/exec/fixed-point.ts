// Fixed-point arithmetic (Principles of Operation, "General Instructions").

import { ProgramCode } from '../../arch/interruptions.ts';
import type { Cpu } from '../cpu.ts';
import type { HandlerMap } from '../dispatch.ts';
import { rxAddress } from '../formats.ts';

/** CC after a signed add: 0 zero, 1 minus, 2 plus, 3 overflow (exception if the program mask allows). */
function addCc(cpu: Cpu, a: number, b: number, sum: number): void {
  if (((a ^ sum) & (b ^ sum)) < 0) {
    cpu.cc = 3;
    if ((cpu.progMask & 8) !== 0) throw cpu.fault.set(ProgramCode.fixedPointOverflow);
    return;
  }
  cpu.cc = sum === 0 ? 0 : sum < 0 ? 1 : 2;
}

export const fixedPointHandlers: HandlerMap = {
  /** 1A AR — Add [RR]: overflow sets CC 3; the sum is stored even when the exception is taken. */
  AR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const a = cpu.gpr[r1]!;
    const b = cpu.gpr[(w >>> 16) & 15]!;
    const sum = (a + b) | 0;
    cpu.gpr[r1] = sum;
    addCc(cpu, a, b, sum);
  },
  /** 41 LA — Load Address [RX]: the 24-bit address, high byte zero. */
  LA: (cpu, w) => {
    cpu.gpr[(w >>> 20) & 15] = rxAddress(cpu, w);
  },
};
