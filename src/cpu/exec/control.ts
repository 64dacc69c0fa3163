// Control instructions (Principles of Operation, "Control Instructions"; GA22-7000): PSW and
// system-mask handling, storage keys, DAT support, control registers, timing, CPU signalling.
// Privileged-operation exceptions come from the opcode table (dispatch.ts); the semiprivileged
// SPKA and IPK check their authority here.

import { Cr0, ProgramCode } from '../../arch/interruptions.ts';
import { LowCore } from '../../arch/low-core.ts';
import type { Cpu } from '../cpu.ts';
import { purgeTlb, walk } from '../dat.ts';
import type { HandlerMap } from '../dispatch.ts';
import { baseAddress, rxAddress } from '../formats.ts';
import { loadPswFromWords, setSystemMask, storePswBytes } from '../psw.ts';
import { TimingOperation, type TimingOperationCode } from '../timers.ts';

const REFERENCE = 0x04;
const CHANGE = 0x02;

/** Doubleword operands of LPSW, STIDP, SCK, SCKC, STCKC, SPT, STPT must be 8-byte aligned. */
function checkDoubleword(cpu: Cpu, a: number): void {
  if ((a & 7) !== 0) throw cpu.exception(ProgramCode.specification);
}

/** Stores two words at a after checking that all 8 bytes can be stored (nothing is stored otherwise). */
function storeDoubleword(cpu: Cpu, a: number, high: number, low: number): void {
  cpu.checkOperand(a, 8, true);
  cpu.storeWord(a, high);
  cpu.storeWord((a + 4) & 0xff_ffff, low);
}

/**
 * STCK, STPT: the 8-byte operand is checked for access now; the clock value is stored when the
 * clock completes the instruction at its exact time (timers.ts, timingInstruction).
 */
function storeTimingValue(cpu: Cpu, a: number, op: TimingOperationCode): void {
  const real0 = cpu.realStore(a);
  const split = 0x800 - (a & 0x7ff);
  const real1 = split < 8 ? cpu.realStore((a + split) & 0xff_ffff) : 0;
  cpu.clock.timingInstruction(op, 0, 0, real0, split < 8 ? split : 8, real1);
  cpu.chunkLimit = 0;
}

/**
 * SSK/ISK operand: R2 bits 8-20 designate a 2K block of real storage (not translated, not subject
 * to protection); bits 0-7 and 21-27 are ignored and bits 28-31 must be zero. Returns the block.
 */
function keyBlock(cpu: Cpu, w: number): number {
  const r2 = cpu.gpr[(w >>> 16) & 15]!;
  if ((r2 & 0x0f) !== 0) throw cpu.exception(ProgramCode.specification);
  const real = r2 & 0x00ff_f800;
  if (!cpu.isAddressable(real)) throw cpu.exception(ProgramCode.addressing);
  return real >>> 11;
}

/** RS register range R1 through R3, wrapping from 15 to 0: the number of registers. */
function registerCount(w: number): number {
  return ((((w >>> 16) & 15) - ((w >>> 20) & 15)) & 15) + 1;
}

// SIGNAL PROCESSOR order codes and status bits (GA22-7000, "CPU Signaling and Response").
const SIGP_SENSE = 0x01;
const SIGP_EXTERNAL_CALL = 0x02;
const SIGP_EMERGENCY_SIGNAL = 0x03;
const SIGP_START = 0x04;
const SIGP_STOP = 0x05;
const SIGP_RESTART = 0x06;
const SIGP_INITIAL_PROGRAM_RESET = 0x07;
const SIGP_PROGRAM_RESET = 0x08;
const SIGP_STOP_AND_STORE_STATUS = 0x09;
const SIGP_INITIAL_CPU_RESET = 0x0b;
const SIGP_CPU_RESET = 0x0c;
const STATUS_EXTERNAL_CALL_PENDING = 0x80;
const STATUS_INVALID_ORDER = 0x02;

/** Store status (GA22-7000, "Store Status"): timers, PSW and registers to their assigned locations. */
function storeStatus(cpu: Cpu): void {
  const storage = cpu.storage;
  const words = cpu.clock.words;
  cpu.clock.readCpuTimer(words);
  storage.writeWord(LowCore.cpuTimerSaveArea, words[0]!);
  storage.writeWord(LowCore.cpuTimerSaveArea + 4, words[1]!);
  cpu.clock.readComparator(words);
  storage.writeWord(LowCore.clockComparatorSaveArea, words[0]!);
  storage.writeWord(LowCore.clockComparatorSaveArea + 4, words[1]!);
  storePswBytes(cpu, cpu.mem, LowCore.fixedLoggingArea, 0, 0);
  for (let i = 0; i < 8; i++) storage.writeWord(LowCore.registerSaveArea + i * 4, cpu.fpr[i]!);
  for (let i = 0; i < 16; i++) storage.writeWord(LowCore.registerSaveArea + 32 + i * 4, cpu.gpr[i]!);
  for (let i = 0; i < 16; i++) storage.writeWord(LowCore.registerSaveArea + 96 + i * 4, cpu.cr[i]!);
}

/**
 * SIGP addressed to this CPU (the only one: any other address is not operational, CC 3). Returns
 * the condition code; status, when any, is placed in R1.
 */
function signalSelf(cpu: Cpu, order: number, r1: number): number {
  switch (order) {
    case SIGP_SENSE:
      if (cpu.externalCallPending) {
        cpu.gpr[r1] = STATUS_EXTERNAL_CALL_PENDING;
        return 1;
      }
      return 0;
    case SIGP_EXTERNAL_CALL:
      // Only one external call can be pending at a time.
      if (cpu.externalCallPending) {
        cpu.gpr[r1] = STATUS_EXTERNAL_CALL_PENDING;
        return 1;
      }
      cpu.externalCallPending = true;
      return 0;
    case SIGP_EMERGENCY_SIGNAL:
      cpu.emergencySignalPending = true;
      return 0;
    case SIGP_START:
      // The CPU is already in the operating state.
      return 0;
    case SIGP_STOP:
      cpu.requestStop('stopped');
      return 0;
    case SIGP_RESTART:
      cpu.restart();
      return 0;
    case SIGP_STOP_AND_STORE_STATUS:
      cpu.requestStop('stopped');
      storeStatus(cpu);
      return 0;
    case SIGP_INITIAL_PROGRAM_RESET:
    case SIGP_PROGRAM_RESET:
    case SIGP_INITIAL_CPU_RESET:
    case SIGP_CPU_RESET:
      // The reset leaves the CPU in the stopped state. The initial resets also give the PSW and
      // control registers their initial values; the program resets also reset the I/O system.
      if (order === SIGP_INITIAL_PROGRAM_RESET || order === SIGP_INITIAL_CPU_RESET) cpu.initialCpuReset();
      else cpu.clearPendingInterruptions();
      if (order === SIGP_INITIAL_PROGRAM_RESET || order === SIGP_PROGRAM_RESET) cpu.io.reset();
      cpu.requestStop('stopped');
      return 0;
    default:
      // Unassigned orders, and initial microprogram load (not provided).
      cpu.gpr[r1] = STATUS_INVALID_ORDER;
      return 1;
  }
}

export const controlHandlers: HandlerMap = {
  /** 08 SSK — Set Storage Key [RR]: R1 bits 24-30 (key, fetch-protection, reference, change) become the 2K block's key. */
  SSK: (cpu, w) => {
    const block = keyBlock(cpu, w);
    cpu.keys[block] = cpu.gpr[(w >>> 20) & 15]! & 0xfe;
  },

  /**
   * 09 ISK — Insert Storage Key [RR]: EC mode puts the 7-bit key in R1 bits 24-30 and zero in 31;
   * BC mode puts key bits 0-4 (access key, fetch protection) in bits 24-28 and zeros in 29-31.
   */
  ISK: (cpu, w) => {
    const block = keyBlock(cpu, w);
    const r1 = (w >>> 20) & 15;
    const key = cpu.keys[block]! & (cpu.ecMode ? 0xfe : 0xf8);
    cpu.gpr[r1] = (cpu.gpr[r1]! & ~0xff) | key;
  },

  /** 0A SVC — Supervisor Call [RR]: SVC interruption with instruction bits 8-15 as the code. */
  SVC: (cpu, w) => {
    cpu.svc((w >>> 16) & 0xff);
  },

  /**
   * 80 SSM — Set System Mask [S]: the byte at the operand replaces PSW bits 0-7. With the
   * SSM-suppression bit (CR0 bit 1) on, a special-operation exception suppresses the instruction.
   */
  SSM: (cpu, w) => {
    if ((cpu.cr[0]! & Cr0.ssmSuppression) !== 0) throw cpu.exception(ProgramCode.specialOperation);
    setSystemMask(cpu, cpu.fetchByte(baseAddress(cpu, w)));
  },

  /**
   * 82 LPSW — Load PSW [S]: the doubleword operand becomes the current PSW. Specification if not
   * on a doubleword boundary; an invalid EC-mode PSW is loaded and recognized before the next
   * instruction (ILC 0).
   */
  LPSW: (cpu, w) => {
    const a = baseAddress(cpu, w);
    checkDoubleword(cpu, a);
    const w0 = cpu.fetchWord(a);
    const w1 = cpu.fetchWord((a + 4) & 0xff_ffff);
    loadPswFromWords(cpu, w0, w1);
  },

  /** 83 DIAG — Diagnose: model-dependent; here it always stops the CPU for the control program. */
  DIAG: (cpu, w, w2) => {
    cpu.intercept('diagnose', w, w2);
  },

  /** 84 WRD — Write Direct [SI]: the direct-control feature is not installed: operation exception. */
  WRD: (cpu) => {
    throw cpu.exception(ProgramCode.operation);
  },

  /** 85 RDD — Read Direct [SI]: the direct-control feature is not installed: operation exception. */
  RDD: (cpu) => {
    throw cpu.exception(ProgramCode.operation);
  },

  /** AC STNSM — Store Then And System Mask [SI]: PSW bits 0-7 stored, then ANDed with I2. */
  STNSM: (cpu, w) => {
    const mask = cpu.sysMask;
    cpu.storeByte(baseAddress(cpu, w), mask);
    setSystemMask(cpu, mask & ((w >>> 16) & 0xff));
  },

  /** AD STOSM — Store Then Or System Mask [SI]: PSW bits 0-7 stored, then ORed with I2. */
  STOSM: (cpu, w) => {
    const mask = cpu.sysMask;
    cpu.storeByte(baseAddress(cpu, w), mask);
    setSystemMask(cpu, mask | ((w >>> 16) & 0xff));
  },

  /**
   * AE SIGP — Signal Processor [RS]: order in bits 24-31 of the second-operand address, CPU address
   * in R3 bits 16-31. CC 0 accepted, 1 status stored in R1, 2 busy, 3 not operational.
   */
  SIGP: (cpu, w) => {
    const order = baseAddress(cpu, w) & 0xff;
    const target = cpu.gpr[(w >>> 16) & 15]! & 0xffff;
    cpu.cc = target === cpu.cpuAddress ? signalSelf(cpu, order, (w >>> 20) & 15) : 3;
    cpu.chunkLimit = 0;
  },

  /**
   * AF MC — Monitor Call [SI]: I2 bits 12-15 are the monitor class (bits 8-11 must be zero). When the
   * class's mask bit in CR8 (bits 16-31) is one, a monitor-event program interruption (X'40')
   * follows the completed instruction, with the class at X'94' and the first-operand address at X'9C'.
   */
  MC: (cpu, w) => {
    const i2 = (w >>> 16) & 0xff;
    if ((i2 & 0xf0) !== 0) throw cpu.exception(ProgramCode.specification);
    const monitorClass = i2 & 0x0f;
    if ((cpu.cr[8]! & (0x8000 >>> monitorClass)) === 0) return;
    cpu.storage.writeHalf(LowCore.monitorClass, monitorClass);
    cpu.storage.writeWord(LowCore.monitorCode, baseAddress(cpu, w));
    throw cpu.exception(ProgramCode.monitorEvent);
  },

  /**
   * B1 LRA — Load Real Address [RX]: translates the operand address through the tables (never the
   * TLB), whatever the PSW says about DAT. CC 0: real address in R1; CC 1: segment-table entry
   * invalid, CC 2: page-table entry invalid, R1 = the entry's real address; CC 3: segment- or
   * page-table length exceeded, R1 = the address of the entry that would have been used.
   */
  LRA: (cpu, w) => {
    const r1 = (w >>> 20) & 15;
    const a = rxAddress(cpu, w);
    const result = walk(cpu, a);
    switch (result.cc) {
      case 0: {
        const offset = (cpu.cr[0]! & Cr0.pageSize) === 0x0040_0000 ? 0x7ff : 0xfff;
        cpu.gpr[r1] = result.value | (a & offset);
        cpu.cc = 0;
        return;
      }
      case 4:
        throw cpu.exception(ProgramCode.translationSpecification);
      case 5:
        cpu.gpr[r1] = result.value;
        cpu.cc = 3;
        return;
      default:
        cpu.gpr[r1] = result.value;
        cpu.cc = result.cc;
    }
  },

  /**
   * B202 STIDP — Store CPU ID [S]: version code (bits 0-7), CPU identification number (8-31), model
   * number (32-47) and the machine-check extended-logout length (48-63, zero here) at a doubleword.
   */
  STIDP: (cpu, w) => {
    const a = baseAddress(cpu, w);
    checkDoubleword(cpu, a);
    const id = cpu.cpuId;
    storeDoubleword(cpu, a, ((id.version & 0xff) << 24) | (id.serial & 0xff_ffff), (id.model & 0xffff) << 16);
  },

  /** B204 SCK — Set Clock [S]: the doubleword operand becomes the TOD clock; CC 0 (clock set). */
  SCK: (cpu, w) => {
    const a = baseAddress(cpu, w);
    checkDoubleword(cpu, a);
    const high = cpu.fetchWord(a);
    const low = cpu.fetchWord((a + 4) & 0xff_ffff);
    cpu.clock.timingInstruction(TimingOperation.setClock, high, low, 0, 8, 0);
    cpu.cc = 0;
    cpu.chunkLimit = 0;
  },

  /** B205 STCK — Store Clock [S]: the TOD clock, unique on every store; CC 0 (clock in set state). No alignment rule. */
  STCK: (cpu, w) => {
    storeTimingValue(cpu, baseAddress(cpu, w), TimingOperation.storeClock);
    cpu.cc = 0;
  },

  /** B206 SCKC — Set Clock Comparator [S]: doubleword operand. */
  SCKC: (cpu, w) => {
    const a = baseAddress(cpu, w);
    checkDoubleword(cpu, a);
    const high = cpu.fetchWord(a);
    const low = cpu.fetchWord((a + 4) & 0xff_ffff);
    cpu.clock.setComparator(high, low);
    cpu.chunkLimit = 0;
  },

  /** B207 STCKC — Store Clock Comparator [S]: doubleword operand. */
  STCKC: (cpu, w) => {
    const a = baseAddress(cpu, w);
    checkDoubleword(cpu, a);
    const words = cpu.clock.words;
    cpu.clock.readComparator(words);
    storeDoubleword(cpu, a, words[0]!, words[1]!);
  },

  /** B208 SPT — Set CPU Timer [S]: doubleword operand, a signed value with bit 51 = 1 µs. */
  SPT: (cpu, w) => {
    const a = baseAddress(cpu, w);
    checkDoubleword(cpu, a);
    const high = cpu.fetchWord(a);
    const low = cpu.fetchWord((a + 4) & 0xff_ffff);
    cpu.clock.timingInstruction(TimingOperation.setCpuTimer, high, low, 0, 8, 0);
    cpu.chunkLimit = 0;
  },

  /** B209 STPT — Store CPU Timer [S]: doubleword operand. */
  STPT: (cpu, w) => {
    const a = baseAddress(cpu, w);
    checkDoubleword(cpu, a);
    storeTimingValue(cpu, a, TimingOperation.storeCpuTimer);
  },

  /**
   * B20A SPKA — Set PSW Key from Address [S]: bits 24-27 of the operand address become the PSW key.
   * In the problem state the key's bit in the PSW-key mask (CR3 bits 0-15) must be one, otherwise
   * privileged-operation exception.
   */
  SPKA: (cpu, w) => {
    const key = (baseAddress(cpu, w) >>> 4) & 15;
    if (cpu.problemState && (cpu.cr[3]! & (0x8000_0000 >>> key)) === 0) {
      throw cpu.exception(ProgramCode.privilegedOperation);
    }
    cpu.key = key;
  },

  /**
   * B20B IPK — Insert PSW Key [S]: the PSW key goes to GR2 bits 24-27, zeros to 28-31. In the problem
   * state the extraction-authority control (CR0 bit 4) must be one.
   */
  IPK: (cpu) => {
    if (cpu.problemState && (cpu.cr[0]! & 0x0800_0000) === 0) {
      throw cpu.exception(ProgramCode.privilegedOperation);
    }
    cpu.gpr[2] = (cpu.gpr[2]! & ~0xff) | (cpu.key << 4);
  },

  /** B20D PTLB — Purge TLB [S]: every TLB entry is cleared. */
  PTLB: (cpu) => {
    purgeTlb(cpu);
  },

  /** B212 STAP — Store CPU Address [S]: the 16-bit CPU address at a halfword boundary. */
  STAP: (cpu, w) => {
    const a = baseAddress(cpu, w);
    if ((a & 1) !== 0) throw cpu.exception(ProgramCode.specification);
    cpu.storeHalf(a, cpu.cpuAddress);
  },

  /**
   * B213 RRB — Reset Reference Bit [S]: the 2K block at the (real) operand address has its reference
   * bit set to zero. CC: 0 R=0 C=0, 1 R=0 C=1, 2 R=1 C=0, 3 R=1 C=1 (before the reset).
   */
  RRB: (cpu, w) => {
    const a = baseAddress(cpu, w);
    if (!cpu.isAddressable(a)) throw cpu.exception(ProgramCode.addressing);
    const block = a >>> 11;
    const kb = cpu.keys[block]!;
    cpu.cc = ((kb & REFERENCE) !== 0 ? 2 : 0) | ((kb & CHANGE) !== 0 ? 1 : 0);
    cpu.keys[block] = kb & ~REFERENCE;
  },

  /** B6 STCTL — Store Control [RS]: CR R1 through R3 at consecutive words; word boundary. */
  STCTL: (cpu, w) => {
    const a = baseAddress(cpu, w);
    if ((a & 3) !== 0) throw cpu.exception(ProgramCode.specification);
    const count = registerCount(w);
    cpu.checkOperand(a, count * 4, true);
    let r = (w >>> 20) & 15;
    for (let i = 0; i < count; i++) {
      cpu.storeWord((a + i * 4) & 0xff_ffff, cpu.cr[r]!);
      r = (r + 1) & 15;
    }
  },

  /**
   * B7 LCTL — Load Control [RS]: CR R1 through R3 from consecutive words; word boundary. Loading CR0
   * or CR1 purges the TLB; DAT, masks and pending interruptions are re-evaluated.
   */
  LCTL: (cpu, w) => {
    const a = baseAddress(cpu, w);
    if ((a & 3) !== 0) throw cpu.exception(ProgramCode.specification);
    const count = registerCount(w);
    cpu.checkOperand(a, count * 4, false);
    let r = (w >>> 20) & 15;
    let translationChanged = false;
    for (let i = 0; i < count; i++) {
      cpu.cr[r] = cpu.fetchWord((a + i * 4) & 0xff_ffff);
      if (r <= 1) translationChanged = true;
      r = (r + 1) & 15;
    }
    if (translationChanged) purgeTlb(cpu);
    cpu.stateChanged();
  },
};
