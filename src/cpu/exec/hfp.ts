// Floating-point instructions (Principles of Operation, "Floating-Point Instructions").
// Registers: FPR r (0, 2, 4, 6) is cpu.fpr[r] (high word) and cpu.fpr[r + 1] (low word); any other
// R field is a specification exception. Extended operands are the pairs 0/2 and 4/6 (R field 0 or
// 4). Short instructions use and change only the high word. Storage operands need no alignment
// (System/370 byte-oriented operands). The arithmetic lives in ../hfp-arith.ts and
// ../hfp-extended.ts.

import { ProgramCode } from '../../arch/interruptions.ts';
import type { Cpu } from '../cpu.ts';
import type { HandlerMap } from '../dispatch.ts';
import { rxAddress } from '../formats.ts';
import {
  addLong,
  addShort,
  compareLong,
  compareShort,
  divideLong,
  divideShort,
  halveLong,
  halveShort,
  loadRoundedShort,
  multiplyLong,
  multiplyShortToLong,
} from '../hfp-arith.ts';
import { addExtended, loadRoundedLong, multiplyExtended, multiplyLongToExtended } from '../hfp-extended.ts';

const SIGN = 0x8000_0000;

/** R1 of an RX instruction, checked to name a floating-point register. */
function rxR1(cpu: Cpu, w: number): number {
  const r1 = (w >>> 20) & 15;
  if ((r1 & 9) !== 0) throw cpu.fault.set(ProgramCode.specification);
  return r1;
}

/** Checks both R fields of an RR instruction (0, 2, 4, 6). */
function checkRR(cpu: Cpu, r1: number, r2: number): void {
  if (((r1 | r2) & 9) !== 0) throw cpu.fault.set(ProgramCode.specification);
}

/** Checks that r names an extended register pair (0 or 4). */
function checkExtended(cpu: Cpu, r: number): void {
  if ((r & 11) !== 0) throw cpu.fault.set(ProgramCode.specification);
}

/**
 * Real address of an 8-byte storage operand lying inside one 2K block (one translation and key
 * check covers it), or -1: then each word is fetched through the storage helpers.
 */
function longOperand(cpu: Cpu, a: number): number {
  return (a & 0x7ff) <= 0x7f8 ? cpu.realFetch(a) : -1;
}

/** Word `k` (0 high, 1 low) of the long operand at logical a, real r (see longOperand). */
function operandWord(cpu: Cpu, a: number, r: number, k: number): number {
  if (r < 0) return cpu.fetchWord((a + 4 * k) & 0xff_ffff) >>> 0;
  const m = cpu.mem;
  const i = r + 4 * k;
  return ((m[i]! << 24) | (m[i + 1]! << 16) | (m[i + 2]! << 8) | m[i + 3]!) >>> 0;
}

/** CC for a short operand: 0 fraction zero, 1 less than zero, 2 greater than zero. */
function ccShort(v: number): number {
  return (v & 0xff_ffff) === 0 ? 0 : v >>> 31 === 1 ? 1 : 2;
}

function ccLong(hi: number, lo: number): number {
  return (hi & 0xff_ffff) === 0 && lo === 0 ? 0 : hi >>> 31 === 1 ? 1 : 2;
}

/** Load-type RR instructions on long operands: FPR r1 = f(FPR r2 high word), low word copied. */
function loadLongRR(cpu: Cpu, w: number, set: number, clear: number, flip: number): void {
  const r1 = (w >>> 20) & 15;
  const r2 = (w >>> 16) & 15;
  checkRR(cpu, r1, r2);
  const fpr = cpu.fpr;
  const hi = (((fpr[r2]! & ~clear) | set) ^ flip) >>> 0;
  const lo = fpr[r2 + 1]!;
  fpr[r1] = hi;
  fpr[r1 + 1] = lo;
  cpu.cc = ccLong(hi, lo);
}

function loadShortRR(cpu: Cpu, w: number, set: number, clear: number, flip: number): void {
  const r1 = (w >>> 20) & 15;
  const r2 = (w >>> 16) & 15;
  checkRR(cpu, r1, r2);
  const v = (((cpu.fpr[r2]! & ~clear) | set) ^ flip) >>> 0;
  cpu.fpr[r1] = v;
  cpu.cc = ccShort(v);
}

export const hfpHandlers: HandlerMap = {
  // ----- Load, load and test, load complement, load positive, load negative --------------------

  /** 20 LPDR — Load Positive (long) [RR]: sign made plus; CC 0 fraction zero, 2 greater than zero. */
  LPDR: (cpu, w) => loadLongRR(cpu, w, 0, SIGN, 0),
  /** 21 LNDR — Load Negative (long) [RR]: sign made minus; CC 0 fraction zero, 1 less than zero. */
  LNDR: (cpu, w) => loadLongRR(cpu, w, SIGN, 0, 0),
  /** 22 LTDR — Load and Test (long) [RR]: copied unchanged; CC 0 fraction zero, 1 minus, 2 plus. */
  LTDR: (cpu, w) => loadLongRR(cpu, w, 0, 0, 0),
  /** 23 LCDR — Load Complement (long) [RR]: sign inverted, even for a zero fraction; CC as LTDR. */
  LCDR: (cpu, w) => loadLongRR(cpu, w, 0, 0, SIGN),
  /** 30 LPER — Load Positive (short) [RR]: sign made plus; the low word of R1 is unchanged. */
  LPER: (cpu, w) => loadShortRR(cpu, w, 0, SIGN, 0),
  /** 31 LNER — Load Negative (short) [RR]: sign made minus; CC 0 fraction zero, 1 less than zero. */
  LNER: (cpu, w) => loadShortRR(cpu, w, SIGN, 0, 0),
  /** 32 LTER — Load and Test (short) [RR]: copied unchanged; CC 0 fraction zero, 1 minus, 2 plus. */
  LTER: (cpu, w) => loadShortRR(cpu, w, 0, 0, 0),
  /** 33 LCER — Load Complement (short) [RR]: sign inverted, even for a zero fraction. */
  LCER: (cpu, w) => loadShortRR(cpu, w, 0, 0, SIGN),

  /** 28 LDR — Load (long) [RR]: both words copied; CC unchanged. */
  LDR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    cpu.fpr[r1] = cpu.fpr[r2]!;
    cpu.fpr[r1 + 1] = cpu.fpr[r2 + 1]!;
  },
  /** 38 LER — Load (short) [RR]: the high word copied; the low word of R1 unchanged; CC unchanged. */
  LER: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    cpu.fpr[r1] = cpu.fpr[r2]!;
  },
  /** 68 LD — Load (long) [RX]: eight bytes from storage; CC unchanged. */
  LD: (cpu, w) => {
    const r1 = rxR1(cpu, w);
    const a = rxAddress(cpu, w);
    const r = longOperand(cpu, a);
    const hi = operandWord(cpu, a, r, 0);
    const lo = operandWord(cpu, a, r, 1);
    cpu.fpr[r1] = hi;
    cpu.fpr[r1 + 1] = lo;
  },
  /** 78 LE — Load (short) [RX]: four bytes into the high word; CC unchanged. */
  LE: (cpu, w) => {
    const r1 = rxR1(cpu, w);
    cpu.fpr[r1] = cpu.fetchWord(rxAddress(cpu, w));
  },
  /** 60 STD — Store (long) [RX]: eight bytes; no byte is stored unless all can be. */
  STD: (cpu, w) => {
    const r1 = rxR1(cpu, w);
    const a = rxAddress(cpu, w);
    if ((a & 0x7ff) > 0x7f8) cpu.checkOperand(a, 8, true);
    cpu.storeWord(a, cpu.fpr[r1]!);
    cpu.storeWord((a + 4) & 0xff_ffff, cpu.fpr[r1 + 1]!);
  },
  /** 70 STE — Store (short) [RX]: the high word of R1. */
  STE: (cpu, w) => {
    const r1 = rxR1(cpu, w);
    cpu.storeWord(rxAddress(cpu, w), cpu.fpr[r1]!);
  },

  // ----- Halve, load rounded -------------------------------------------------------------------

  /** 24 HDR — Halve (long) [RR]: fraction shifted right one bit into the guard digit, normalized; exponent underflow. */
  HDR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    halveLong(cpu, r1, cpu.fpr[r2]!, cpu.fpr[r2 + 1]!);
  },
  /** 34 HER — Halve (short) [RR]: as HDR on the high word; exponent underflow. */
  HER: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    halveShort(cpu, r1, cpu.fpr[r2]!);
  },
  /** 25 LRDR — Load Rounded (extended to long) [RR]: R2 0 or 4; adds one at bit 8 of the low-order part; exponent overflow. */
  LRDR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    checkExtended(cpu, r2);
    loadRoundedLong(cpu, r1, r2);
  },
  /** 35 LRER — Load Rounded (long to short) [RR]: adds one at bit 32 and truncates; exponent overflow. */
  LRER: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    loadRoundedShort(cpu, r1, cpu.fpr[r2]!, cpu.fpr[r2 + 1]!);
  },

  // ----- Compare -------------------------------------------------------------------------------

  /** 29 CDR — Compare (long) [RR]: as a normalized subtraction; CC 0 equal, 1 low, 2 high; no exceptions. */
  CDR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    const f = cpu.fpr;
    compareLong(cpu, f[r1]!, f[r1 + 1]!, f[r2]!, f[r2 + 1]!);
  },
  /** 69 CD — Compare (long) [RX]: as CDR with a storage operand. */
  CD: (cpu, w) => {
    const r1 = rxR1(cpu, w);
    const a = rxAddress(cpu, w);
    const r = longOperand(cpu, a);
    const bh = operandWord(cpu, a, r, 0);
    const bl = operandWord(cpu, a, r, 1);
    compareLong(cpu, cpu.fpr[r1]!, cpu.fpr[r1 + 1]!, bh, bl);
  },
  /** 39 CER — Compare (short) [RR]: as a normalized subtraction; CC 0 equal, 1 low, 2 high; no exceptions. */
  CER: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    compareShort(cpu, cpu.fpr[r1]!, cpu.fpr[r2]!);
  },
  /** 79 CE — Compare (short) [RX]: as CER with a storage operand. */
  CE: (cpu, w) => {
    const r1 = rxR1(cpu, w);
    compareShort(cpu, cpu.fpr[r1]!, cpu.fetchWord(rxAddress(cpu, w)) >>> 0);
  },

  // ----- Add and subtract, long ----------------------------------------------------------------

  /** 2A ADR — Add Normalized (long) [RR]: exponent overflow always taken; underflow, significance by mask. */
  ADR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    addLong(cpu, r1, cpu.fpr[r2]!, cpu.fpr[r2 + 1]!, true);
  },
  /** 2B SDR — Subtract Normalized (long) [RR]: ADR with the second operand's sign inverted. */
  SDR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    addLong(cpu, r1, (cpu.fpr[r2]! ^ SIGN) >>> 0, cpu.fpr[r2 + 1]!, true);
  },
  /** 2E AWR — Add Unnormalized (long) [RR]: no normalization, guard digit dropped; overflow, significance. */
  AWR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    addLong(cpu, r1, cpu.fpr[r2]!, cpu.fpr[r2 + 1]!, false);
  },
  /** 2F SWR — Subtract Unnormalized (long) [RR]: AWR with the second operand's sign inverted. */
  SWR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    addLong(cpu, r1, (cpu.fpr[r2]! ^ SIGN) >>> 0, cpu.fpr[r2 + 1]!, false);
  },
  /** 6A AD — Add Normalized (long) [RX]: exponent overflow is always taken; underflow, significance by mask. */
  AD: (cpu, w) => {
    const r1 = rxR1(cpu, w);
    const a = rxAddress(cpu, w);
    const r = longOperand(cpu, a);
    const bh = operandWord(cpu, a, r, 0);
    addLong(cpu, r1, bh, operandWord(cpu, a, r, 1), true);
  },
  /** 6B SD — Subtract Normalized (long) [RX]: AD with the second operand's sign inverted. */
  SD: (cpu, w) => {
    const r1 = rxR1(cpu, w);
    const a = rxAddress(cpu, w);
    const r = longOperand(cpu, a);
    const bh = operandWord(cpu, a, r, 0);
    addLong(cpu, r1, (bh ^ SIGN) >>> 0, operandWord(cpu, a, r, 1), true);
  },
  /** 6E AW — Add Unnormalized (long) [RX]: as AWR with a storage operand. */
  AW: (cpu, w) => {
    const r1 = rxR1(cpu, w);
    const a = rxAddress(cpu, w);
    const r = longOperand(cpu, a);
    const bh = operandWord(cpu, a, r, 0);
    addLong(cpu, r1, bh, operandWord(cpu, a, r, 1), false);
  },
  /** 6F SW — Subtract Unnormalized (long) [RX]: AW with the second operand's sign inverted. */
  SW: (cpu, w) => {
    const r1 = rxR1(cpu, w);
    const a = rxAddress(cpu, w);
    const r = longOperand(cpu, a);
    const bh = operandWord(cpu, a, r, 0);
    addLong(cpu, r1, (bh ^ SIGN) >>> 0, operandWord(cpu, a, r, 1), false);
  },

  // ----- Add and subtract, short ---------------------------------------------------------------

  /** 3A AER — Add Normalized (short) [RR]: exponent overflow always taken; underflow, significance by mask. */
  AER: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    addShort(cpu, r1, cpu.fpr[r2]!, true);
  },
  /** 3B SER — Subtract Normalized (short) [RR]: AER with the second operand's sign inverted. */
  SER: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    addShort(cpu, r1, (cpu.fpr[r2]! ^ SIGN) >>> 0, true);
  },
  /** 3E AUR — Add Unnormalized (short) [RR]: no normalization, guard digit dropped; overflow, significance. */
  AUR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    addShort(cpu, r1, cpu.fpr[r2]!, false);
  },
  /** 3F SUR — Subtract Unnormalized (short) [RR]: AUR with the second operand's sign inverted. */
  SUR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    addShort(cpu, r1, (cpu.fpr[r2]! ^ SIGN) >>> 0, false);
  },
  /** 7A AE — Add Normalized (short) [RX]: exponent overflow always taken; underflow, significance by mask. */
  AE: (cpu, w) => {
    const r1 = rxR1(cpu, w);
    addShort(cpu, r1, cpu.fetchWord(rxAddress(cpu, w)) >>> 0, true);
  },
  /** 7B SE — Subtract Normalized (short) [RX]: AE with the second operand's sign inverted. */
  SE: (cpu, w) => {
    const r1 = rxR1(cpu, w);
    addShort(cpu, r1, (cpu.fetchWord(rxAddress(cpu, w)) ^ SIGN) >>> 0, true);
  },
  /** 7E AU — Add Unnormalized (short) [RX]: as AUR with a storage operand. */
  AU: (cpu, w) => {
    const r1 = rxR1(cpu, w);
    addShort(cpu, r1, cpu.fetchWord(rxAddress(cpu, w)) >>> 0, false);
  },
  /** 7F SU — Subtract Unnormalized (short) [RX]: AU with the second operand's sign inverted. */
  SU: (cpu, w) => {
    const r1 = rxR1(cpu, w);
    addShort(cpu, r1, (cpu.fetchWord(rxAddress(cpu, w)) ^ SIGN) >>> 0, false);
  },

  // ----- Add and subtract, extended ------------------------------------------------------------

  /** 36 AXR — Add Normalized (extended) [RR]: R1, R2 0 or 4; guard digit; overflow, underflow, significance. */
  AXR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkExtended(cpu, r1);
    checkExtended(cpu, r2);
    addExtended(cpu, r1, r2, false);
  },
  /** 37 SXR — Subtract Normalized (extended) [RR]: AXR with the second operand's sign inverted. */
  SXR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkExtended(cpu, r1);
    checkExtended(cpu, r2);
    addExtended(cpu, r1, r2, true);
  },

  // ----- Multiply ------------------------------------------------------------------------------

  /** 2C MDR — Multiply (long) [RR]: operands prenormalized, product truncated to 14 digits; overflow, underflow. */
  MDR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    multiplyLong(cpu, r1, cpu.fpr[r2]!, cpu.fpr[r2 + 1]!);
  },
  /** 6C MD — Multiply (long) [RX]: as MDR with a storage operand. */
  MD: (cpu, w) => {
    const r1 = rxR1(cpu, w);
    const a = rxAddress(cpu, w);
    const r = longOperand(cpu, a);
    const bh = operandWord(cpu, a, r, 0);
    multiplyLong(cpu, r1, bh, operandWord(cpu, a, r, 1));
  },
  /** 3C MER — Multiply (short to long) [RR]: the exact 12-digit product in long format; overflow, underflow. */
  MER: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    multiplyShortToLong(cpu, r1, cpu.fpr[r2]!);
  },
  /** 7C ME — Multiply (short to long) [RX]: as MER with a storage operand. */
  ME: (cpu, w) => {
    const r1 = rxR1(cpu, w);
    multiplyShortToLong(cpu, r1, cpu.fetchWord(rxAddress(cpu, w)) >>> 0);
  },
  /** 26 MXR — Multiply (extended) [RR]: R1, R2 0 or 4; product truncated to 28 digits; overflow, underflow. */
  MXR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkExtended(cpu, r1);
    checkExtended(cpu, r2);
    multiplyExtended(cpu, r1, r2);
  },
  /** 27 MXDR — Multiply (long to extended) [RR]: R1 0 or 4; the exact 28-digit product; overflow, underflow. */
  MXDR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    checkExtended(cpu, r1);
    multiplyLongToExtended(cpu, r1, cpu.fpr[r2]!, cpu.fpr[r2 + 1]!);
  },
  /** 67 MXD — Multiply (long to extended) [RX]: as MXDR with a storage operand. */
  MXD: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    checkExtended(cpu, r1);
    const a = rxAddress(cpu, w);
    const r = longOperand(cpu, a);
    const bh = operandWord(cpu, a, r, 0);
    multiplyLongToExtended(cpu, r1, bh, operandWord(cpu, a, r, 1));
  },

  // ----- Divide --------------------------------------------------------------------------------

  /** 2D DDR — Divide (long) [RR]: zero divisor fraction is a floating-point divide exception; overflow, underflow. */
  DDR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    divideLong(cpu, r1, cpu.fpr[r2]!, cpu.fpr[r2 + 1]!);
  },
  /** 6D DD — Divide (long) [RX]: as DDR with a storage operand. */
  DD: (cpu, w) => {
    const r1 = rxR1(cpu, w);
    const a = rxAddress(cpu, w);
    const r = longOperand(cpu, a);
    const bh = operandWord(cpu, a, r, 0);
    divideLong(cpu, r1, bh, operandWord(cpu, a, r, 1));
  },
  /** 3D DER — Divide (short) [RR]: zero divisor fraction is a floating-point divide exception; overflow, underflow. */
  DER: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    checkRR(cpu, r1, r2);
    divideShort(cpu, r1, cpu.fpr[r2]!);
  },
  /** 7D DE — Divide (short) [RX]: as DER with a storage operand. */
  DE: (cpu, w) => {
    const r1 = rxR1(cpu, w);
    divideShort(cpu, r1, cpu.fetchWord(rxAddress(cpu, w)) >>> 0);
  },
};
