// Branching instructions (Principles of Operation, "General Instructions": BRANCH AND LINK,
// BRANCH ON CONDITION, BRANCH ON COUNT, BRANCH ON INDEX, EXECUTE, SET PROGRAM MASK).
//
// While an instruction executes, cpu.ia already holds the address of the next one (the "updated
// instruction address"); a branch replaces it. Every branch address is formed before any register
// is changed, so R1 may also be the base, index or R2 register.

import { ProgramCode } from '../../arch/interruptions.ts';
import type { Cpu } from '../cpu.ts';
import type { HandlerMap } from '../dispatch.ts';
import { baseAddress, rxAddress } from '../formats.ts';

/** Opcode of EXECUTE, which may not be the target of an EXECUTE. */
const EX_OPCODE = 0x44;

/**
 * The BRANCH AND LINK link word: ILC (bits 0-1), CC (2-3), program mask (4-7) and the updated
 * instruction address (8-31). Under EXECUTE the ILC is the EX's (2) and the address follows the EX.
 */
function linkWord(cpu: Cpu): number {
  return (cpu.ilc << 30) | (cpu.cc << 28) | (cpu.progMask << 24) | cpu.ia;
}

export const branchHandlers: HandlerMap = {
  /** 04 SPM — Set Program Mask [RR]: bits 2-3 of R1 become the CC, bits 4-7 the program mask. */
  SPM: (cpu, w) => {
    const v = cpu.gpr[(w >>> 20) & 15]!;
    cpu.cc = (v >>> 28) & 3;
    cpu.progMask = (v >>> 24) & 15;
  },
  /** 05 BALR — Branch and Link [RR]: link word to R1, then branch to R2; R2 = 0 links without branching. */
  BALR: (cpu, w) => {
    const r2 = (w >>> 16) & 15;
    const target = cpu.gpr[r2]! & 0xff_ffff;
    cpu.gpr[(w >>> 20) & 15] = linkWord(cpu);
    if (r2 !== 0) cpu.ia = target;
  },
  /** 06 BCTR — Branch on Count [RR]: R1 - 1; branch to R2 when not zero; R2 = 0 decrements only. */
  BCTR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    const target = cpu.gpr[r2]! & 0xff_ffff;
    if ((cpu.gpr[r1] = cpu.gpr[r1]! - 1) !== 0 && r2 !== 0) cpu.ia = target;
  },
  /** 07 BCR — Branch on Condition [RR]: branch to R2 when the M1 bit for the CC is one; R2 = 0 means no branch. */
  BCR: (cpu, w) => {
    const r2 = (w >>> 16) & 15;
    if (r2 !== 0 && (((w >>> 20) & 15) & (8 >>> cpu.cc)) !== 0) cpu.ia = cpu.gpr[r2]! & 0xff_ffff;
  },
  /**
   * 44 EX — Execute [RX]: runs the halfword-aligned target (odd address: specification) with bits 8-15
   * ORed with bits 24-31 of R1 (R1 not 0); a target EX is an execute exception. The target is fetched
   * with data-fetch rules and runs with the EX's ILC and address; a branch in it branches normally.
   */
  EX: (cpu, w) => {
    const a = rxAddress(cpu, w);
    if ((a & 1) !== 0) throw cpu.fault.set(ProgramCode.specification);
    const first = cpu.fetchHalf(a) & 0xffff;
    const op = first >>> 8;
    if (op === EX_OPCODE) throw cpu.fault.set(ProgramCode.execute);
    let tw = first << 16;
    let tw2 = 0;
    if (op >= 0x40) {
      tw |= cpu.fetchHalf((a + 2) & 0xff_ffff) & 0xffff;
      if (op >= 0xc0) tw2 = cpu.fetchHalf((a + 4) & 0xff_ffff) & 0xffff;
    }
    const r1 = (w >>> 20) & 15;
    if (r1 !== 0) tw |= (cpu.gpr[r1]! & 0xff) << 16;
    cpu.handlerFor(op)(cpu, tw, tw2);
  },
  /** 45 BAL — Branch and Link [RX]: link word (ILC, CC, program mask, next address) to R1, then branch. */
  BAL: (cpu, w) => {
    const target = rxAddress(cpu, w);
    cpu.gpr[(w >>> 20) & 15] = linkWord(cpu);
    cpu.ia = target;
  },
  /** 46 BCT — Branch on Count [RX]: R1 - 1; branch when the result is not zero. */
  BCT: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const target = rxAddress(cpu, w);
    if ((cpu.gpr[r1] = cpu.gpr[r1]! - 1) !== 0) cpu.ia = target;
  },
  /** 47 BC — Branch on Condition [RX]: branch when the mask bit for the current CC is one. */
  BC: (cpu, w) => {
    if ((((w >>> 20) & 15) & (8 >>> cpu.cc)) !== 0) cpu.ia = rxAddress(cpu, w);
  },
  /**
   * 86 BXH — Branch on Index High [RS]: R1 + R3 to R1; branch when the sum is above the compare value
   * (R3 + 1 for an even R3, R3 itself for an odd one), taken before R1 changes. Overflow is ignored.
   */
  BXH: (cpu, w) => {
    const gpr = cpu.gpr;
    const r1 = (w >>> 20) & 15;
    const r3 = (w >>> 16) & 15;
    const target = baseAddress(cpu, w);
    const compare = gpr[r3 | 1]!;
    const sum = (gpr[r1]! + gpr[r3]!) | 0;
    gpr[r1] = sum;
    if (sum > compare) cpu.ia = target;
  },
  /** 87 BXLE — Branch on Index Low or Equal [RS]: as BXH, branching when the sum is at most the compare value. */
  BXLE: (cpu, w) => {
    const gpr = cpu.gpr;
    const r1 = (w >>> 20) & 15;
    const r3 = (w >>> 16) & 15;
    const target = baseAddress(cpu, w);
    const compare = gpr[r3 | 1]!;
    const sum = (gpr[r1]! + gpr[r3]!) | 0;
    gpr[r1] = sum;
    if (sum <= compare) cpu.ia = target;
  },
};
