// Taking interruptions: old PSW stored, new PSW loaded, codes placed as the PSW mode requires
// (Principles of Operation, "Interruptions": program, SVC, external, I/O, restart).

import { LowCore } from '../arch/low-core.ts';
import type { Cpu } from './cpu.ts';

function swap(cpu: Cpu, oldAt: number, newAt: number, code: number, ilc: number): void {
  cpu.storePsw(oldAt, code, ilc);
  cpu.keys[0] = cpu.keys[0]! | 0x06;
  cpu.loadPsw(newAt);
}

export function takeProgramInterruption(cpu: Cpu, code: number): void {
  const ilc = cpu.ilc;
  if (cpu.ecMode) {
    const m = cpu.mem;
    m[LowCore.programIlc] = 0;
    m[LowCore.programIlc + 1] = ilc << 1;
    m[LowCore.programCode] = code >>> 8;
    m[LowCore.programCode + 1] = code;
  }
  swap(cpu, LowCore.programOldPsw, LowCore.programNewPsw, code, ilc);
}

export function takeSvcInterruption(cpu: Cpu, number: number): void {
  const ilc = cpu.ilc;
  if (cpu.ecMode) {
    const m = cpu.mem;
    m[LowCore.svcIlc] = 0;
    m[LowCore.svcIlc + 1] = ilc << 1;
    m[LowCore.svcCode] = 0;
    m[LowCore.svcCode + 1] = number;
  }
  swap(cpu, LowCore.svcOldPsw, LowCore.svcNewPsw, number, ilc);
}

function takeExternal(cpu: Cpu, code: number): void {
  if (cpu.ecMode) {
    cpu.storage.writeHalf(LowCore.externalCpuAddress, 0);
    cpu.storage.writeHalf(LowCore.externalCode, code);
  }
  swap(cpu, LowCore.externalOldPsw, LowCore.externalNewPsw, code, 0);
}

function takeIo(cpu: Cpu, device: number): void {
  if (cpu.ecMode) {
    cpu.storage.writeWord(LowCore.ioAddress, device & 0xffff);
  }
  swap(cpu, LowCore.ioOldPsw, LowCore.ioNewPsw, device & 0xffff, 0);
}

/** Channels enabled for I/O interruptions, bit (31 - channel) per channel. */
export function enabledChannels(cpu: Cpu): number {
  const sm = cpu.sysMask;
  if (cpu.ecMode) return (sm & 0x02) !== 0 ? cpu.cr[2]! | 0 : 0;
  return ((sm & 0xfc) << 24) | ((sm & 0x02) !== 0 ? 0x03ff_ffff : 0);
}

/** The highest-priority enabled external condition's code, or -1; clears one-shot conditions. */
function pendingExternal(cpu: Cpu): number {
  if ((cpu.sysMask & 0x01) === 0) return -1;
  const cr0 = cpu.cr[0]!;
  const clock = cpu.clock;
  if ((cr0 & 0x800) !== 0 && clock.comparatorPending()) return 0x1004;
  if ((cr0 & 0x400) !== 0 && clock.cpuTimerPending()) return 0x1005;
  if ((cr0 & 0x80) !== 0 && clock.intervalPending) {
    clock.intervalPending = false;
    return 0x0080;
  }
  let code = 0;
  if ((cr0 & 0x40) !== 0 && cpu.interruptKeyPending) {
    cpu.interruptKeyPending = false;
    code |= 0x0040;
  }
  if ((cr0 & 0x20) !== 0 && cpu.externalSignals !== 0) {
    // Signals on lines 2-7 appear in code bits 10-15 (0x20 for line 2 ... 0x01 for line 7).
    for (let line = 2; line <= 7; line++) if ((cpu.externalSignals & (1 << line)) !== 0) code |= 0x20 >>> (line - 2);
    cpu.externalSignals = 0;
  }
  return code !== 0 ? code : -1;
}

/**
 * Between instructions: updates the timers and takes every pending interruption the PSW allows,
 * external before I/O, until the current PSW is disabled for what remains.
 */
export function serviceInterruptions(cpu: Cpu): void {
  cpu.clock.updateIntervalTimer();
  for (let taken = 0; taken < 16; taken++) {
    if (cpu.restartPending) {
      cpu.restartPending = false;
      swap(cpu, LowCore.restartOldPsw, LowCore.restartNewPsw, 0, 0);
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
    return;
  }
}
