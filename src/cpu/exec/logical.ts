// Logical instructions (Principles of Operation, "General Instructions": AND, OR, EXCLUSIVE OR,
// COMPARE LOGICAL, the character moves, TRANSLATE, the logical shifts, the mask instructions,
// TEST AND SET, COMPARE AND SWAP, MOVE LONG and COMPARE LOGICAL LONG).
//
// Storage-to-storage instructions check both ends of each operand before anything is changed
// (an operand of at most 256 bytes spans at most two 2K blocks or pages), then work on the storage
// array directly when the operand is contiguous in real storage, else byte by byte. Results are
// always those of processing one byte at a time, left to right, each result byte stored before the
// next operand byte is fetched ("when the operands overlap, the result is obtained as if the
// operands were processed one byte at a time").

import { ProgramCode } from '../../arch/interruptions.ts';
import type { Cpu } from '../cpu.ts';
import type { HandlerMap } from '../dispatch.ts';
import { baseAddress, rxAddress, ssAddress2 } from '../formats.ts';

const ADDRESS_MASK = 0x00ff_ffff;

/**
 * Checks 1-256 bytes at logical address a for fetch or store (store includes fetch: a store-key
 * match also allows fetching). Returns the real address of the first byte when the operand is
 * contiguous in real storage (within one 2K block, or any operand with DAT off that does not wrap
 * at 16M), else -1.
 */
function operand(cpu: Cpu, a: number, length: number, store: boolean): number {
  const r = cpu.checkOperand(a, length, store);
  if (r >= 0 || cpu.datOn || a + length > 0x100_0000) return r;
  return a;
}

/** Moves n bytes in real storage as if one byte at a time, left to right. */
function moveBytes(mem: Uint8Array, d: number, s: number, n: number): void {
  if (d <= s || d >= s + n) {
    // No later source byte is changed before it is fetched: a block move gives the same result.
    if (n <= 16) for (let i = 0; i < n; i++) mem[d + i] = mem[s + i]!;
    else mem.copyWithin(d, s, s + n);
  } else if (d === s + 1) {
    // The propagation idiom: every result byte is the first source byte.
    mem.fill(mem[s]!, d, d + n);
  } else {
    for (let i = 0; i < n; i++) mem[d + i] = mem[s + i]!;
  }
}

/** Compares n bytes in real storage left to right: CC 0 equal, 1 first low, 2 first high. */
function compareBytes(mem: Uint8Array, p: number, q: number, n: number): number {
  let i = 0;
  // Four bytes a step while they are equal (measured faster), then byte by byte to the inequality.
  for (; i + 4 <= n; i += 4) {
    if (
      mem[p + i] !== mem[q + i] ||
      mem[p + i + 1] !== mem[q + i + 1] ||
      mem[p + i + 2] !== mem[q + i + 2] ||
      mem[p + i + 3] !== mem[q + i + 3]
    ) {
      break;
    }
  }
  for (; i < n; i++) {
    const x = mem[p + i]!;
    const y = mem[q + i]!;
    if (x !== y) return x < y ? 1 : 2;
  }
  return 0;
}

/** Translates n bytes at real address d through the table at real address t, one byte at a time. */
function translateBytes(mem: Uint8Array, d: number, t: number, n: number): void {
  const end = d + n;
  let j = d;
  // Unrolled four times (measured faster); each byte is still stored before the next is translated.
  for (; j + 4 <= end; j += 4) {
    mem[j] = mem[t + mem[j]!]!;
    mem[j + 1] = mem[t + mem[j + 1]!]!;
    mem[j + 2] = mem[t + mem[j + 2]!]!;
    mem[j + 3] = mem[t + mem[j + 3]!]!;
  }
  for (; j < end; j++) mem[j] = mem[t + mem[j]!]!;
}

/** The word at a checked real address (CS, CDS). */
function realWord(mem: Uint8Array, r: number): number {
  return (mem[r]! << 24) | (mem[r + 1]! << 16) | (mem[r + 2]! << 8) | mem[r + 3]!;
}

function setRealWord(mem: Uint8Array, r: number, v: number): void {
  mem[r] = v >>> 24;
  mem[r + 1] = v >>> 16;
  mem[r + 2] = v >>> 8;
  mem[r + 3] = v;
}

/** CC of a logical comparison of two unsigned values: 0 equal, 1 first low, 2 first high. */
function compareCc(a: number, b: number): number {
  return a === b ? 0 : a < b ? 1 : 2;
}

/** Number of one bits in a 4-bit mask. */
function maskBytes(m: number): number {
  return (m & 1) + ((m >>> 1) & 1) + ((m >>> 2) & 1) + (m >>> 3);
}

/** SS AND/OR/EXCLUSIVE OR CHARACTERS (op 0 and, 1 or, 2 xor): CC 0 result zero, 1 not zero. */
function bitwiseCharacters(cpu: Cpu, w: number, w2: number, op: number): void {
  const n = ((w >>> 16) & 255) + 1;
  const a1 = baseAddress(cpu, w);
  const a2 = ssAddress2(cpu, w2);
  const d = operand(cpu, a1, n, true);
  const s = operand(cpu, a2, n, false);
  let acc = 0;
  if ((d | s) >= 0) {
    const mem = cpu.mem;
    if (op === 0) {
      for (let i = 0; i < n; i++) acc |= mem[d + i] = mem[d + i]! & mem[s + i]!;
    } else if (op === 1) {
      for (let i = 0; i < n; i++) acc |= mem[d + i] = mem[d + i]! | mem[s + i]!;
    } else if (d === s) {
      mem.fill(0, d, d + n);
    } else {
      for (let i = 0; i < n; i++) acc |= mem[d + i] = mem[d + i]! ^ mem[s + i]!;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const x = (a1 + i) & ADDRESS_MASK;
      const v = cpu.fetchByte(x);
      const y = cpu.fetchByte((a2 + i) & ADDRESS_MASK);
      const r = op === 0 ? v & y : op === 1 ? v | y : v ^ y;
      cpu.storeByte(x, r);
      acc |= r;
    }
  }
  cpu.cc = acc === 0 ? 0 : 1;
}

/** MVN (keep 0xf0 of op 1) and MVZ (keep 0x0f of op 1): the other half of each byte from op 2. */
function moveHalves(cpu: Cpu, w: number, w2: number, keep: number): void {
  const n = ((w >>> 16) & 255) + 1;
  const a1 = baseAddress(cpu, w);
  const a2 = ssAddress2(cpu, w2);
  const d = operand(cpu, a1, n, true);
  const s = operand(cpu, a2, n, false);
  const take = ~keep & 0xff;
  if ((d | s) >= 0) {
    const mem = cpu.mem;
    for (let i = 0; i < n; i++) mem[d + i] = (mem[d + i]! & keep) | (mem[s + i]! & take);
    return;
  }
  for (let i = 0; i < n; i++) {
    const x = (a1 + i) & ADDRESS_MASK;
    const v = cpu.fetchByte(x);
    cpu.storeByte(x, (v & keep) | (cpu.fetchByte((a2 + i) & ADDRESS_MASK) & take));
  }
}

/**
 * The even-odd register pair R and R+1 of MOVE LONG and COMPARE LOGICAL LONG after a unit of work:
 * address with bits 0-7 zero, length in bits 8-31 (bits 0-7 of R+1 unchanged: the pad in R2+1).
 */
function updatePair(gpr: Int32Array, r: number, address: number, length: number): void {
  gpr[r] = address;
  gpr[r + 1] = (gpr[r + 1]! & 0xff00_0000) | length;
}

export const logicalHandlers: HandlerMap = {
  // ---------------------------------------------------------------------------------------------
  // AND, OR, EXCLUSIVE OR: CC 0 result zero, 1 result not zero.

  /** 14 NR — And [RR]: CC 0 zero, 1 not zero. */
  NR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    cpu.cc = (cpu.gpr[r1] &= cpu.gpr[(w >>> 16) & 15]!) === 0 ? 0 : 1;
  },
  /** 16 OR — Or [RR]: CC 0 zero, 1 not zero. */
  OR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    cpu.cc = (cpu.gpr[r1] |= cpu.gpr[(w >>> 16) & 15]!) === 0 ? 0 : 1;
  },
  /** 17 XR — Exclusive Or [RR]: CC 0 zero, 1 not zero. */
  XR: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    cpu.cc = (cpu.gpr[r1] ^= cpu.gpr[(w >>> 16) & 15]!) === 0 ? 0 : 1;
  },
  /** 54 N — And [RX]: word operand, no alignment required; CC 0 zero, 1 not zero. */
  N: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    cpu.cc = (cpu.gpr[r1] &= cpu.fetchWord(rxAddress(cpu, w))) === 0 ? 0 : 1;
  },
  /** 56 O — Or [RX]: word operand, no alignment required; CC 0 zero, 1 not zero. */
  O: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    cpu.cc = (cpu.gpr[r1] |= cpu.fetchWord(rxAddress(cpu, w))) === 0 ? 0 : 1;
  },
  /** 57 X — Exclusive Or [RX]: word operand, no alignment required; CC 0 zero, 1 not zero. */
  X: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    cpu.cc = (cpu.gpr[r1] ^= cpu.fetchWord(rxAddress(cpu, w))) === 0 ? 0 : 1;
  },
  /** 94 NI — And Immediate [SI]: byte AND I2, fetch and store; CC 0 zero, 1 not zero. */
  NI: (cpu, w) => {
    const r = cpu.realStore(baseAddress(cpu, w));
    cpu.cc = (cpu.mem[r] &= (w >>> 16) & 255) === 0 ? 0 : 1;
  },
  /** 96 OI — Or Immediate [SI]: byte OR I2, fetch and store; CC 0 zero, 1 not zero. */
  OI: (cpu, w) => {
    const r = cpu.realStore(baseAddress(cpu, w));
    cpu.cc = (cpu.mem[r] |= (w >>> 16) & 255) === 0 ? 0 : 1;
  },
  /** 97 XI — Exclusive Or Immediate [SI]: byte XOR I2, fetch and store; CC 0 zero, 1 not zero. */
  XI: (cpu, w) => {
    const r = cpu.realStore(baseAddress(cpu, w));
    cpu.cc = (cpu.mem[r] ^= (w >>> 16) & 255) === 0 ? 0 : 1;
  },
  /** D4 NC — And Characters [SS]: left to right, byte at a time; CC 0 zero, 1 not zero. */
  NC: (cpu, w, w2) => bitwiseCharacters(cpu, w, w2, 0),
  /** D6 OC — Or Characters [SS]: left to right, byte at a time; CC 0 zero, 1 not zero. */
  OC: (cpu, w, w2) => bitwiseCharacters(cpu, w, w2, 1),
  /** D7 XC — Exclusive Or Characters [SS]: left to right, byte at a time; CC 0 zero, 1 not zero. */
  XC: (cpu, w, w2) => bitwiseCharacters(cpu, w, w2, 2),

  // ---------------------------------------------------------------------------------------------
  // COMPARE LOGICAL: unsigned, CC 0 equal, 1 first operand low, 2 first operand high.

  /** 15 CLR — Compare Logical [RR]: unsigned; CC 0 equal, 1 low, 2 high. */
  CLR: (cpu, w) => {
    cpu.cc = compareCc(cpu.gpr[(w >>> 20) & 15]! >>> 0, cpu.gpr[(w >>> 16) & 15]! >>> 0);
  },
  /** 55 CL — Compare Logical [RX]: unsigned word, no alignment required; CC 0 equal, 1 low, 2 high. */
  CL: (cpu, w) => {
    cpu.cc = compareCc(cpu.gpr[(w >>> 20) & 15]! >>> 0, cpu.fetchWord(rxAddress(cpu, w)) >>> 0);
  },
  /** 95 CLI — Compare Logical Immediate [SI]: storage byte against I2; CC 0 equal, 1 low, 2 high. */
  CLI: (cpu, w) => {
    cpu.cc = compareCc(cpu.fetchByte(baseAddress(cpu, w)), (w >>> 16) & 255);
  },
  /**
   * D5 CLC — Compare Logical Characters [SS]: left to right until unequal; CC 0 equal, 1 low,
   * 2 high. Access exceptions beyond the unequal byte are unpredictable: both operands are checked whole.
   */
  CLC: (cpu, w, w2) => {
    const n = ((w >>> 16) & 255) + 1;
    const a1 = baseAddress(cpu, w);
    const a2 = ssAddress2(cpu, w2);
    const p = operand(cpu, a1, n, false);
    const q = operand(cpu, a2, n, false);
    if ((p | q) >= 0) {
      cpu.cc = compareBytes(cpu.mem, p, q, n);
      return;
    }
    for (let i = 0; i < n; i++) {
      const x = cpu.fetchByte((a1 + i) & ADDRESS_MASK);
      const y = cpu.fetchByte((a2 + i) & ADDRESS_MASK);
      if (x !== y) {
        cpu.cc = x < y ? 1 : 2;
        return;
      }
    }
    cpu.cc = 0;
  },
  /**
   * BD CLM — Compare Logical Characters under Mask [RS]: register bytes selected by M3 against
   * contiguous storage bytes; CC 0 equal or mask zero, 1 low, 2 high. Mask zero: access
   * exceptions for one byte.
   */
  CLM: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const m = (w >>> 16) & 15;
    const a = baseAddress(cpu, w);
    if (m === 0) {
      cpu.realFetch(a);
      cpu.cc = 0;
      return;
    }
    const n = maskBytes(m);
    const p = operand(cpu, a, n, false);
    const v = cpu.gpr[r1]!;
    let k = 0;
    for (let bit = 8, shift = 24; bit !== 0; bit >>>= 1, shift -= 8) {
      if ((m & bit) === 0) continue;
      const x = (v >>> shift) & 255;
      const y = p >= 0 ? cpu.mem[p + k]! : cpu.fetchByte((a + k) & ADDRESS_MASK);
      k++;
      if (x !== y) {
        cpu.cc = x < y ? 1 : 2;
        return;
      }
    }
    cpu.cc = 0;
  },

  // ---------------------------------------------------------------------------------------------
  // Moves and inserts of characters. The condition code is unchanged unless stated.

  /** 42 STC — Store Character [RX]: bits 24-31 of R1 to storage; CC unchanged. */
  STC: (cpu, w) => {
    cpu.storeByte(rxAddress(cpu, w), cpu.gpr[(w >>> 20) & 15]!);
  },
  /** 43 IC — Insert Character [RX]: byte into bits 24-31 of R1, bits 0-23 unchanged; CC unchanged. */
  IC: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const b = cpu.fetchByte(rxAddress(cpu, w));
    cpu.gpr[r1] = (cpu.gpr[r1]! & ~0xff) | b;
  },
  /**
   * BF ICM — Insert Characters under Mask [RS]: contiguous bytes into the positions selected by M3;
   * CC 0 all inserted bits zero or mask zero, 1 leftmost inserted bit one, 2 otherwise.
   * Mask zero: access exceptions for one byte, no insertion.
   */
  ICM: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const m = (w >>> 16) & 15;
    const a = baseAddress(cpu, w);
    if (m === 0) {
      cpu.realFetch(a);
      cpu.cc = 0;
      return;
    }
    const n = maskBytes(m);
    const p = operand(cpu, a, n, false);
    let v = cpu.gpr[r1]!;
    let k = 0;
    let first = 0;
    let any = 0;
    for (let bit = 8, shift = 24; bit !== 0; bit >>>= 1, shift -= 8) {
      if ((m & bit) === 0) continue;
      const b = p >= 0 ? cpu.mem[p + k]! : cpu.fetchByte((a + k) & ADDRESS_MASK);
      if (k === 0) first = b;
      k++;
      any |= b;
      v = (v & ~(255 << shift)) | (b << shift);
    }
    cpu.gpr[r1] = v;
    cpu.cc = any === 0 ? 0 : (first & 0x80) !== 0 ? 1 : 2;
  },
  /**
   * BE STCM — Store Characters under Mask [RS]: register bytes selected by M3 to contiguous storage;
   * CC unchanged. Mask zero: nothing is stored and no access exception is indicated.
   */
  STCM: (cpu, w) => {
    const m = (w >>> 16) & 15;
    if (m === 0) return;
    const v = cpu.gpr[(w >>> 20) & 15]!;
    const a = baseAddress(cpu, w);
    const p = operand(cpu, a, maskBytes(m), true);
    let k = 0;
    for (let bit = 8, shift = 24; bit !== 0; bit >>>= 1, shift -= 8) {
      if ((m & bit) === 0) continue;
      if (p >= 0) cpu.mem[p + k] = v >>> shift;
      else cpu.storeByte((a + k) & ADDRESS_MASK, v >>> shift);
      k++;
    }
  },
  /** 92 MVI — Move Immediate [SI]: I2 to the storage byte; CC unchanged. */
  MVI: (cpu, w) => {
    cpu.storeByte(baseAddress(cpu, w), w >>> 16);
  },
  /** D2 MVC — Move Characters [SS]: left to right, byte at a time (overlap propagates); CC unchanged. */
  MVC: (cpu, w, w2) => {
    const n = ((w >>> 16) & 255) + 1;
    const a1 = baseAddress(cpu, w);
    const a2 = ssAddress2(cpu, w2);
    const d = operand(cpu, a1, n, true);
    const s = operand(cpu, a2, n, false);
    if ((d | s) >= 0) {
      moveBytes(cpu.mem, d, s, n);
      return;
    }
    for (let i = 0; i < n; i++) {
      cpu.storeByte((a1 + i) & ADDRESS_MASK, cpu.fetchByte((a2 + i) & ADDRESS_MASK));
    }
  },
  /** D1 MVN — Move Numerics [SS]: rightmost four bits of each byte, left to right; CC unchanged. */
  MVN: (cpu, w, w2) => moveHalves(cpu, w, w2, 0xf0),
  /** D3 MVZ — Move Zones [SS]: leftmost four bits of each byte, left to right; CC unchanged. */
  MVZ: (cpu, w, w2) => moveHalves(cpu, w, w2, 0x0f),

  // ---------------------------------------------------------------------------------------------
  // TEST UNDER MASK, TEST AND SET, COMPARE AND SWAP.

  /** 91 TM — Test under Mask [SI]: CC 0 selected bits zero or mask zero, 1 mixed, 3 all ones (always fetches). */
  TM: (cpu, w) => {
    const mask = (w >>> 16) & 255;
    const selected = cpu.fetchByte(baseAddress(cpu, w)) & mask;
    cpu.cc = selected === 0 ? 0 : selected === mask ? 3 : 1;
  },
  /** 93 TS — Test and Set [S]: CC = leftmost bit of the byte; the byte is set to all ones (interlocked). */
  TS: (cpu, w) => {
    const r = cpu.realStore(baseAddress(cpu, w));
    cpu.cc = cpu.mem[r]! >>> 7;
    cpu.mem[r] = 0xff;
  },
  /**
   * BA CS — Compare and Swap [RS]: word operand on a word boundary (specification exception);
   * equal: R3 stored, CC 0; unequal: the operand loaded into R1, CC 1. Store access either way.
   */
  CS: (cpu, w) => {
    const a = baseAddress(cpu, w);
    if ((a & 3) !== 0) throw cpu.fault.set(ProgramCode.specification);
    const r = cpu.realStore(a);
    const mem = cpu.mem;
    const r1 = (w >>> 20) & 15;
    const v = realWord(mem, r);
    if (v === cpu.gpr[r1]) {
      setRealWord(mem, r, cpu.gpr[(w >>> 16) & 15]!);
      cpu.cc = 0;
    } else {
      cpu.gpr[r1] = v;
      cpu.cc = 1;
    }
  },
  /**
   * BB CDS — Compare Double and Swap [RS]: even R1 and R3, doubleword boundary (specification);
   * equal: R3, R3+1 stored, CC 0; unequal: the operand loaded into R1, R1+1, CC 1.
   */
  CDS: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r3 = (w >>> 16) & 15;
    const a = baseAddress(cpu, w);
    if (((r1 | r3) & 1) !== 0 || (a & 7) !== 0) throw cpu.fault.set(ProgramCode.specification);
    const r = cpu.realStore(a);
    const mem = cpu.mem;
    const hi = realWord(mem, r);
    const lo = realWord(mem, r + 4);
    const gpr = cpu.gpr;
    if (hi === gpr[r1] && lo === gpr[r1 + 1]) {
      setRealWord(mem, r, gpr[r3]!);
      setRealWord(mem, r + 4, gpr[r3 + 1]!);
      cpu.cc = 0;
    } else {
      gpr[r1] = hi;
      gpr[r1 + 1] = lo;
      cpu.cc = 1;
    }
  },

  // ---------------------------------------------------------------------------------------------
  // Logical shifts: the amount is the low six bits of the second-operand address; CC unchanged.

  /** 88 SRL — Shift Right Single Logical [RS]: zeros enter on the left; 32 or more clears R1. */
  SRL: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const n = baseAddress(cpu, w) & 63;
    cpu.gpr[r1] = n > 31 ? 0 : cpu.gpr[r1]! >>> n;
  },
  /** 89 SLL — Shift Left Single Logical [RS]: zeros enter on the right; 32 or more clears R1. */
  SLL: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const n = baseAddress(cpu, w) & 63;
    cpu.gpr[r1] = n > 31 ? 0 : cpu.gpr[r1]! << n;
  },
  /** 8C SRDL — Shift Right Double Logical [RS]: the 64-bit pair R1, R1+1; R1 must be even (specification). */
  SRDL: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    if ((r1 & 1) !== 0) throw cpu.fault.set(ProgramCode.specification);
    const n = baseAddress(cpu, w) & 63;
    if (n === 0) return;
    const gpr = cpu.gpr;
    const hi = gpr[r1]!;
    if (n < 32) {
      gpr[r1 + 1] = (gpr[r1 + 1]! >>> n) | (hi << (32 - n));
      gpr[r1] = hi >>> n;
    } else {
      gpr[r1 + 1] = hi >>> (n - 32);
      gpr[r1] = 0;
    }
  },
  /** 8D SLDL — Shift Left Double Logical [RS]: the 64-bit pair R1, R1+1; R1 must be even (specification). */
  SLDL: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    if ((r1 & 1) !== 0) throw cpu.fault.set(ProgramCode.specification);
    const n = baseAddress(cpu, w) & 63;
    if (n === 0) return;
    const gpr = cpu.gpr;
    const lo = gpr[r1 + 1]!;
    if (n < 32) {
      gpr[r1] = (gpr[r1]! << n) | (lo >>> (32 - n));
      gpr[r1 + 1] = lo << n;
    } else {
      gpr[r1] = lo << (n - 32);
      gpr[r1 + 1] = 0;
    }
  },

  // ---------------------------------------------------------------------------------------------
  // TRANSLATE and TRANSLATE AND TEST. Access exceptions for the table (second operand) are
  // recognized only for the bytes actually used.

  /** DC TR — Translate [SS]: each byte replaced by the table byte it indexes, left to right; CC unchanged. */
  TR: (cpu, w, w2) => {
    const n = ((w >>> 16) & 255) + 1;
    const a1 = baseAddress(cpu, w);
    const t = ssAddress2(cpu, w2);
    const d = operand(cpu, a1, n, true);
    const mem = cpu.mem;
    let rt: number;
    if ((t & 0x7ff) <= 0x700) {
      // The whole table is in one 2K block (and one page): it is accessible exactly when one byte is.
      rt = cpu.realFetch(t);
    } else {
      // The table crosses a block: check the lowest and highest entries the arguments select.
      let lo = 255;
      let hi = 0;
      for (let i = 0; i < n; i++) {
        const b = d >= 0 ? mem[d + i]! : cpu.fetchByte((a1 + i) & ADDRESS_MASK);
        if (b < lo) lo = b;
        if (b > hi) hi = b;
      }
      const rlo = cpu.realFetch((t + lo) & ADDRESS_MASK);
      const rhi = cpu.realFetch((t + hi) & ADDRESS_MASK);
      rt = !cpu.datOn && t + 256 <= 0x100_0000 ? t : rhi - rlo === hi - lo ? rlo - lo : -1;
    }
    if ((d | rt) >= 0) {
      translateBytes(mem, d, rt, n);
      return;
    }
    for (let i = 0; i < n; i++) {
      const x = (a1 + i) & ADDRESS_MASK;
      cpu.storeByte(x, cpu.fetchByte((t + cpu.fetchByte(x)) & ADDRESS_MASK));
    }
  },
  /**
   * DD TRT — Translate and Test [SS]: left to right until a nonzero table byte: GR1 bits 8-31 =
   * argument address, GR2 bits 24-31 = function byte; CC 0 all zero, 1 before the last byte, 2 at
   * the last byte. Storage is not changed.
   */
  TRT: (cpu, w, w2) => {
    const n = ((w >>> 16) & 255) + 1;
    const a1 = baseAddress(cpu, w);
    const t = ssAddress2(cpu, w2);
    const p = operand(cpu, a1, n, false);
    const rt = (t & 0x7ff) <= 0x700 ? cpu.realFetch(t) : -1;
    const mem = cpu.mem;
    let i = 0;
    let f = 0;
    if ((p | rt) >= 0) {
      // Four arguments a step while their function bytes are all zero, then byte by byte.
      for (; i + 4 <= n; i += 4) {
        const any =
          mem[rt + mem[p + i]!]! | mem[rt + mem[p + i + 1]!]! | mem[rt + mem[p + i + 2]!]! | mem[rt + mem[p + i + 3]!]!;
        if (any !== 0) break;
      }
      for (; i < n; i++) if ((f = mem[rt + mem[p + i]!]!) !== 0) break;
    } else {
      for (; i < n; i++) {
        const b = p >= 0 ? mem[p + i]! : cpu.fetchByte((a1 + i) & ADDRESS_MASK);
        if ((f = cpu.fetchByte((t + b) & ADDRESS_MASK)) !== 0) break;
      }
    }
    if (i === n) {
      cpu.cc = 0;
      return;
    }
    const gpr = cpu.gpr;
    gpr[1] = (gpr[1]! & 0xff00_0000) | ((a1 + i) & ADDRESS_MASK);
    gpr[2] = (gpr[2]! & ~0xff) | f;
    cpu.cc = i === n - 1 ? 2 : 1;
  },

  // ---------------------------------------------------------------------------------------------
  // MOVE LONG and COMPARE LOGICAL LONG: interruptible. The registers are brought up to date after
  // every 2K unit, so an access exception leaves them describing the work that remains.

  /**
   * 0E MVCL — Move Long [RR]: even R1, R2 (specification); pad from R2+1 bits 0-7; CC 0 lengths
   * equal, 1 first shorter, 2 first longer, 3 destructive overlap (nothing moved).
   */
  MVCL: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    if (((r1 | r2) & 1) !== 0) throw cpu.fault.set(ProgramCode.specification);
    const gpr = cpu.gpr;
    let a1 = gpr[r1]! & ADDRESS_MASK;
    let l1 = gpr[r1 + 1]! & ADDRESS_MASK;
    let a2 = gpr[r2]! & ADDRESS_MASK;
    let l2 = gpr[r2 + 1]! & ADDRESS_MASK;
    const pad = gpr[r2 + 1]! >>> 24;
    const cc = compareCc(l1, l2);
    gpr[r1] = a1;
    gpr[r2] = a2;
    // Destructive overlap: the leftmost first-operand byte coincides with a participating
    // second-operand byte other than the leftmost (addresses wrap from 16M-1 to 0).
    const offset = (a1 - a2) & ADDRESS_MASK;
    if (offset !== 0 && offset < (l1 < l2 ? l1 : l2)) {
      cpu.cc = 3;
      return;
    }
    const mem = cpu.mem;
    while (l1 > 0) {
      let n = 0x800 - (a1 & 0x7ff);
      if (n > l1) n = l1;
      const d = cpu.realStore(a1);
      if (l2 > 0) {
        const m = 0x800 - (a2 & 0x7ff);
        if (n > m) n = m;
        if (n > l2) n = l2;
        moveBytes(mem, d, cpu.realFetch(a2), n);
        a2 = (a2 + n) & ADDRESS_MASK;
        l2 -= n;
        updatePair(gpr, r2, a2, l2);
      } else {
        mem.fill(pad, d, d + n);
      }
      a1 = (a1 + n) & ADDRESS_MASK;
      l1 -= n;
      updatePair(gpr, r1, a1, l1);
    }
    cpu.cc = cc;
  },
  /**
   * 0F CLCL — Compare Logical Long [RR]: even R1, R2 (specification); the shorter operand is
   * extended with the pad from R2+1 bits 0-7; CC 0 equal (or both lengths zero), 1 first low,
   * 2 first high. At an inequality the registers address the unequal bytes.
   */
  CLCL: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const r2 = (w >>> 16) & 15;
    if (((r1 | r2) & 1) !== 0) throw cpu.fault.set(ProgramCode.specification);
    const gpr = cpu.gpr;
    let a1 = gpr[r1]! & ADDRESS_MASK;
    let l1 = gpr[r1 + 1]! & ADDRESS_MASK;
    let a2 = gpr[r2]! & ADDRESS_MASK;
    let l2 = gpr[r2 + 1]! & ADDRESS_MASK;
    const pad = gpr[r2 + 1]! >>> 24;
    gpr[r1] = a1;
    gpr[r2] = a2;
    const mem = cpu.mem;
    let cc = 0;
    while (l1 > 0 || l2 > 0) {
      // One unit: up to the end of the 2K block of each operand not yet exhausted.
      let n = l1 > l2 ? l1 : l2;
      let p = -1;
      let q = -1;
      if (l1 > 0) {
        const m = 0x800 - (a1 & 0x7ff);
        if (n > m) n = m;
        if (n > l1) n = l1;
        p = cpu.realFetch(a1);
      }
      if (l2 > 0) {
        const m = 0x800 - (a2 & 0x7ff);
        if (n > m) n = m;
        if (n > l2) n = l2;
        q = cpu.realFetch(a2);
      }
      let i = 0;
      if (p >= 0 && q >= 0) {
        for (; i < n; i++) if (mem[p + i] !== mem[q + i]) break;
        if (i < n) cc = mem[p + i]! < mem[q + i]! ? 1 : 2;
      } else if (p >= 0) {
        for (; i < n; i++) if (mem[p + i] !== pad) break;
        if (i < n) cc = mem[p + i]! < pad ? 1 : 2;
      } else {
        for (; i < n; i++) if (mem[q + i] !== pad) break;
        if (i < n) cc = pad < mem[q + i]! ? 1 : 2;
      }
      if (p >= 0) {
        a1 = (a1 + i) & ADDRESS_MASK;
        l1 -= i;
        updatePair(gpr, r1, a1, l1);
      }
      if (q >= 0) {
        a2 = (a2 + i) & ADDRESS_MASK;
        l2 -= i;
        updatePair(gpr, r2, a2, l2);
      }
      if (cc !== 0) break;
    }
    cpu.cc = cc;
  },
};
