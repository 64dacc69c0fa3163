// Branching instructions (Principles of Operation, "General Instructions": BC, BCT, BAL, BXH ...).

import type { HandlerMap } from '../dispatch.ts';
import { rxAddress } from '../formats.ts';

export const branchHandlers: HandlerMap = {
  /** 47 BC — Branch on Condition [RX]: branch when the mask bit for the current CC is one. */
  BC: (cpu, w) => {
    if ((((w >>> 20) & 15) & (8 >>> cpu.cc)) !== 0) cpu.ia = rxAddress(cpu, w);
  },
  /** 07 BCR — Branch on Condition [RR]: R2 = 0 means no branch. */
  BCR: (cpu, w) => {
    const r2 = (w >>> 16) & 15;
    if (r2 !== 0 && (((w >>> 20) & 15) & (8 >>> cpu.cc)) !== 0) cpu.ia = cpu.gpr[r2]! & 0xff_ffff;
  },
  /** 46 BCT — Branch on Count [RX]: R1 - 1; branch when the result is not zero. */
  BCT: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const target = rxAddress(cpu, w);
    if ((cpu.gpr[r1] = cpu.gpr[r1]! - 1) !== 0) cpu.ia = target;
  },
};
