// Dynamic address translation (Principles of Operation, "Dynamic Address Translation"):
// CR0 bits 8-9 page size (01 = 2K, 10 = 4K), bits 10-12 segment size (000 = 64K, 010 = 1M);
// CR1 bits 0-7 segment-table length in units of 16 entries, bits 8-25 segment-table origin.
// Segment-table entry: bits 0-3 page-table length (in 1/16 of the largest table), 4-7 zero,
// 8-28 page-table origin (8-byte aligned), 31 invalid. Page-table entry (halfword): 4K pages bits
// 0-11 frame, 12 invalid, 13-14 zero; 2K pages bits 0-12 frame, 13 invalid, 14 zero.
// Order of recognition (GA22-7000, "Handling of Access Exceptions"): CR0 format; segment-table
// length; STE address; STE invalid; STE format; page-table length; PTE address; PTE invalid;
// PTE format. A format error is recognized only in an entry that is valid. Segment- and page-
// translation exceptions nullify and store the virtual address at X'90'; translation specification
// and addressing of a table entry suppress.

import { LowCore } from '../arch/low-core.ts';
import { ProgramCode } from '../arch/interruptions.ts';
import type { Cpu } from './cpu.ts';

export const TLB_SIZE = 256;

export function purgeTlb(cpu: Cpu): void {
  cpu.tlbPage.fill(-1);
}

/** Translates a logical address through the TLB, walking the tables on a miss. */
export function translate(cpu: Cpu, a: number, _store: boolean): number {
  const shift = cpu.pageShift;
  const page = a >>> shift;
  const i = page & (TLB_SIZE - 1);
  if (cpu.tlbPage[i] === page) return cpu.tlbFrame[i]! | (a & ((1 << shift) - 1));
  const result = walk(cpu, a);
  if (result.cc !== 0) {
    const code =
      result.cc === 4
        ? ProgramCode.translationSpecification
        : result.cc === 1 || result.cc === 5
          ? ProgramCode.segmentTranslation
          : ProgramCode.pageTranslation;
    if (code !== ProgramCode.translationSpecification) {
      cpu.storage.writeWord(LowCore.translationExceptionAddress, a & 0xff_ffff);
    }
    throw cpu.fault.set(code, code !== ProgramCode.translationSpecification);
  }
  cpu.tlbPage[i] = page;
  cpu.tlbFrame[i] = result.value;
  return result.value | (a & ((1 << shift) - 1));
}

/**
 * The outcome of a table walk. cc: 0 translated (value = page frame real address); 1 segment entry
 * invalid (value = entry address); 2 page entry invalid (value = entry address); 3 page-table length
 * exceeded (value = PTE address that would have been used); 5 segment-table length exceeded
 * (value = STE address); 4 translation specification. LRA maps 5 to CC 3.
 */
export interface WalkResult {
  cc: number;
  value: number;
}

export function walk(cpu: Cpu, a: number, out: WalkResult = cpu.walkResult): WalkResult {
  const cr0 = cpu.cr[0]!;
  const pageSize = (cr0 >>> 22) & 3;
  const segmentSize = (cr0 >>> 19) & 7;
  if ((pageSize !== 1 && pageSize !== 2) || (segmentSize !== 0 && segmentSize !== 2)) {
    out.cc = 4;
    out.value = 0;
    return out;
  }
  const cr1 = cpu.cr[1]!;
  const stl = cr1 >>> 24;
  const sto = cr1 & 0x00ff_ffc0;
  const seg1M = segmentSize === 2;
  const page2K = pageSize === 1;
  const sx = seg1M ? (a >>> 20) & 0x0f : (a >>> 16) & 0xff;
  const steAddress = (sto + sx * 4) & 0xff_ffff;
  if (sx >>> 4 > stl) {
    out.cc = 5;
    out.value = steAddress;
    return out;
  }
  if (steAddress + 4 > cpu.memSize && !cpu.isAddressable(steAddress)) throw cpu.fault.set(ProgramCode.addressing);
  const ste = cpu.storage.readWord(steAddress);
  if ((ste & 1) !== 0) {
    out.cc = 1;
    out.value = steAddress;
    return out;
  }
  if ((ste & 0x0f00_0000) !== 0) {
    out.cc = 4;
    out.value = 0;
    return out;
  }
  const ptl = ste >>> 28;
  const pto = ste & 0x00ff_fff8;
  const pxBits = seg1M ? (page2K ? 9 : 8) : page2K ? 5 : 4;
  const px = (a >>> (page2K ? 11 : 12)) & ((1 << pxBits) - 1);
  const pteAddress = (pto + px * 2) & 0xff_ffff;
  if (px >>> (pxBits - 4) > ptl) {
    out.cc = 3;
    out.value = pteAddress;
    return out;
  }
  if (pteAddress + 2 > cpu.memSize && !cpu.isAddressable(pteAddress)) throw cpu.fault.set(ProgramCode.addressing);
  const pte = cpu.storage.readHalf(pteAddress);
  if (page2K) {
    if ((pte & 0x0004) !== 0) {
      out.cc = 2;
      out.value = pteAddress;
      return out;
    }
    if ((pte & 0x0002) !== 0) {
      out.cc = 4;
      out.value = 0;
      return out;
    }
    out.cc = 0;
    out.value = (pte >>> 3) << 11;
    return out;
  }
  if ((pte & 0x0008) !== 0) {
    out.cc = 2;
    out.value = pteAddress;
    return out;
  }
  if ((pte & 0x0006) !== 0) {
    out.cc = 4;
    out.value = 0;
    return out;
  }
  out.cc = 0;
  out.value = (pte >>> 4) << 12;
  return out;
}
