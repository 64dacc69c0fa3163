// Taking interruptions: old PSW stored, new PSW loaded, codes placed as the PSW mode requires
// (Principles of Operation, "Interruptions": program, SVC, external, I/O, restart).
// BC mode: the interruption code goes in bits 16-31 of the old PSW, the ILC in bits 32-33.
// EC mode: the codes go to fixed locations (external X'86', SVC X'8A', program X'8E', I/O device X'BA').

import { LowCore } from '../arch/low-core.ts';
import type { Cpu, InterruptionClass } from './cpu.ts';

function swap(cpu: Cpu, oldAt: number, newAt: number, code: number, ilc: number, kind: InterruptionClass): void {
  cpu.storePsw(oldAt, code, ilc);
  // Block 0 is referenced and changed by the interruption itself.
  cpu.keys[0] = cpu.keys[0]! | 0x06;
  cpu.loadPsw(newAt);
  // An observer (CP's TRACE) sees the interruption once both PSWs are in place.
  const observer = cpu.onInterruption;
  if (observer !== null) observer(kind, code, oldAt);
}

/** Program interruption: code and ILC in the old PSW (BC) or at X'8C'-X'8F' (EC). */
export function takeProgramInterruption(cpu: Cpu, code: number): void {
  const ilc = cpu.ilc;
  if (cpu.ecMode) {
    const m = cpu.mem;
    m[LowCore.programIlc] = 0;
    m[LowCore.programIlc + 1] = ilc << 1;
    m[LowCore.programCode] = code >>> 8;
    m[LowCore.programCode + 1] = code;
  }
  swap(cpu, LowCore.programOldPsw, LowCore.programNewPsw, code, ilc, 'program');
}

/** Supervisor-call interruption: the 8-bit I field as code; ILC 1 (2 when executed by EX). */
export function takeSvcInterruption(cpu: Cpu, number: number): void {
  const ilc = cpu.ilc;
  if (cpu.ecMode) {
    const m = cpu.mem;
    m[LowCore.svcIlc] = 0;
    m[LowCore.svcIlc + 1] = ilc << 1;
    m[LowCore.svcCode] = 0;
    m[LowCore.svcCode + 1] = number;
  }
  swap(cpu, LowCore.svcOldPsw, LowCore.svcNewPsw, number, ilc, 'svc');
}

const MALFUNCTION_ALERT = 0x1200;
const EMERGENCY_SIGNAL = 0x1201;
const EXTERNAL_CALL = 0x1202;

/**
 * External interruption. The processor address of the CPU that signalled is stored at X'84' for
 * malfunction alert, emergency signal and external call; in EC mode zeros are stored there for the
 * other conditions and the code goes to X'86'.
 */
function takeExternal(cpu: Cpu, code: number): void {
  if (code === EMERGENCY_SIGNAL || code === EXTERNAL_CALL || code === MALFUNCTION_ALERT) {
    cpu.storage.writeHalf(LowCore.externalCpuAddress, cpu.cpuAddress);
  } else if (cpu.ecMode) {
    cpu.storage.writeHalf(LowCore.externalCpuAddress, 0);
  }
  if (cpu.ecMode) cpu.storage.writeHalf(LowCore.externalCode, code);
  swap(cpu, LowCore.externalOldPsw, LowCore.externalNewPsw, code, 0, 'external');
}

/** I/O interruption: the device address in the old PSW (BC) or at X'BA' with zeros at X'B8' (EC). */
function takeIo(cpu: Cpu, device: number): void {
  if (cpu.ecMode) cpu.storage.writeWord(LowCore.ioAddress, device & 0xffff);
  swap(cpu, LowCore.ioOldPsw, LowCore.ioNewPsw, device & 0xffff, 0, 'io');
}

/**
 * Channels enabled for I/O interruptions, bit (31 - channel) per channel. BC mode: PSW bits 0-5 mask
 * channels 0-5, bit 6 channels 6 and up. EC mode: PSW bit 6 and the channel masks in CR2.
 */
export function enabledChannels(cpu: Cpu): number {
  const sm = cpu.sysMask;
  if (cpu.ecMode) return (sm & 0x02) !== 0 ? cpu.cr[2]! | 0 : 0;
  return ((sm & 0xfc) << 24) | ((sm & 0x02) !== 0 ? 0x03ff_ffff : 0);
}

/**
 * The code of the external interruption to take now, or -1; clears the one-shot conditions it
 * reports. Priority (GA22-7000, "External Interruption"): first the set of interval timer,
 * interrupt key and external signals 2-7, all of which pending and enabled are indicated together
 * in one code; then, one at a time, emergency signal, external call, clock comparator, CPU timer.
 */
function pendingExternal(cpu: Cpu): number {
  if ((cpu.sysMask & 0x01) === 0) return -1;
  const cr0 = cpu.cr[0]!;
  const clock = cpu.clock;
  let code = 0;
  if ((cr0 & 0x80) !== 0 && clock.intervalPending) code |= 0x0080;
  if ((cr0 & 0x40) !== 0 && cpu.interruptKeyPending) code |= 0x0040;
  if ((cr0 & 0x20) !== 0 && cpu.externalSignals !== 0) {
    // Signals on lines 2-7 appear in code bits 10-15 (0x20 for line 2 ... 0x01 for line 7).
    for (let line = 2; line <= 7; line++) if ((cpu.externalSignals & (1 << line)) !== 0) code |= 0x20 >>> (line - 2);
  }
  if (code !== 0) {
    if ((code & 0x80) !== 0) clock.intervalPending = false;
    if ((code & 0x40) !== 0) cpu.interruptKeyPending = false;
    if ((code & 0x3f) !== 0) cpu.externalSignals = 0;
    return code;
  }
  if ((cr0 & 0x4000) !== 0 && cpu.emergencySignalPending) {
    cpu.emergencySignalPending = false;
    return EMERGENCY_SIGNAL;
  }
  if ((cr0 & 0x2000) !== 0 && cpu.externalCallPending) {
    cpu.externalCallPending = false;
    return EXTERNAL_CALL;
  }
  // Clock comparator and CPU timer are not cleared by the interruption: they stay pending while
  // the condition lasts.
  if ((cr0 & 0x800) !== 0 && clock.comparatorPending()) return 0x1004;
  if ((cr0 & 0x400) !== 0 && clock.cpuTimerPending()) return 0x1005;
  return -1;
}

/** At most this many interruptions are taken between two instructions (new PSWs enabled for themselves). */
const MAX_INTERRUPTIONS_AT_ONCE = 16;

/** Machine-check interruption-code bits (word 0 of the code at X'E8'). */
export const McicBit = {
  systemDamage: 0x8000_0000,
  instructionProcessingDamage: 0x4000_0000,
  systemRecovery: 0x2000_0000,
  externalDamage: 0x0400_0000,
  degradation: 0x0100_0000,
  warning: 0x0080_0000,
} as const;

/**
 * Machine-check interruption (Principles of Operation, "Machine-Check Handling"): exigent
 * conditions (system or instruction-processing damage) are taken when PSW bit 13 is one, and
 * check-stop the CPU when it is zero and CR14's check-stop control is on; repressible conditions
 * wait for PSW bit 13 and their CR14 subclass mask. The CPU timer, clock comparator and registers
 * go to their save areas, the code to X'E8', then the PSWs swap at X'30'/X'70'.
 * Returns true when the interruption was taken (or the CPU check-stopped).
 */
function takeMachineCheck(cpu: Cpu): boolean {
  const high = cpu.machineCheckCodeHigh;
  const cr14 = cpu.cr[14]!;
  const exigent = (high & (McicBit.systemDamage | McicBit.instructionProcessingDamage)) !== 0;
  if (!cpu.machineCheckMask) {
    if (exigent && (cr14 & 0x8000_0000) !== 0) {
      cpu.machineCheckPending = false;
      cpu.checkstop('exigent machine check while machine checks are disabled');
      return true;
    }
    return false;
  }
  if (!exigent) {
    const enabled =
      ((high & McicBit.systemRecovery) !== 0 && (cr14 & 0x0800_0000) !== 0) ||
      ((high & McicBit.degradation) !== 0 && (cr14 & 0x0400_0000) !== 0) ||
      ((high & McicBit.externalDamage) !== 0 && (cr14 & 0x0200_0000) !== 0) ||
      ((high & McicBit.warning) !== 0 && (cr14 & 0x0100_0000) !== 0);
    if (!enabled) return false;
  }
  const storage = cpu.storage;
  const words = cpu.clock.words;
  cpu.clock.readCpuTimer(words);
  storage.writeWord(LowCore.cpuTimerSaveArea, words[0]!);
  storage.writeWord(LowCore.cpuTimerSaveArea + 4, words[1]!);
  cpu.clock.readComparator(words);
  storage.writeWord(LowCore.clockComparatorSaveArea, words[0]!);
  storage.writeWord(LowCore.clockComparatorSaveArea + 4, words[1]!);
  storage.writeWord(LowCore.machineCheckInterruptionCode, high);
  storage.writeWord(LowCore.machineCheckInterruptionCode + 4, cpu.machineCheckCodeLow);
  storage.writeWord(LowCore.failingStorageAddress, 0);
  for (let i = 0; i < 8; i++) storage.writeWord(LowCore.registerSaveArea + i * 4, cpu.fpr[i]!);
  for (let r = 0; r < 16; r++) storage.writeWord(LowCore.gprSaveArea + r * 4, cpu.gpr[r]!);
  for (let r = 0; r < 16; r++) storage.writeWord(LowCore.crSaveArea + r * 4, cpu.cr[r]!);
  cpu.machineCheckPending = false;
  swap(cpu, LowCore.machineCheckOldPsw, LowCore.machineCheckNewPsw, 0, 0, 'machine-check');
  return true;
}

/**
 * Between instructions: completes a timing instruction that waited for the exact time (timers.ts),
 * updates the interval timer and takes the pending interruptions the PSW
 * allows, external before I/O, and restart last (GA22-7000, "Priority of Interruptions"): each new
 * PSW may enable the next class, so the routine of the last one taken runs first.
 */
export function serviceInterruptions(cpu: Cpu): void {
  cpu.clock.completeTimingInstruction();
  cpu.clock.updateIntervalTimer();
  for (let taken = 0; taken < MAX_INTERRUPTIONS_AT_ONCE; taken++) {
    if (cpu.machineCheckPending && takeMachineCheck(cpu)) {
      if (cpu.checkstopped) return;
      continue;
    }
    const ext = pendingExternal(cpu);
    if (ext >= 0) {
      takeExternal(cpu, ext);
      continue;
    }
    const io = cpu.io;
    if (io.pendingChannels !== 0) {
      const enabled = enabledChannels(cpu);
      if ((io.pendingChannels & enabled) !== 0) {
        const device = io.acceptInterruption(enabled);
        if (device >= 0) {
          takeIo(cpu, device);
          continue;
        }
      }
    }
    if (cpu.restartPending) {
      cpu.restartPending = false;
      swap(cpu, LowCore.restartOldPsw, LowCore.restartNewPsw, 0, 0, 'restart');
      continue;
    }
    return;
  }
}
