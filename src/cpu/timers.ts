// TOD clock, clock comparator, CPU timer and interval timer (Principles of Operation, "Timing").
// Time is kept in microseconds (TOD bit 51). In 'virtual' mode it is derived from the CPU's tick
// count, so a program sees the same times on every run; in 'real' mode it follows the host clock.

import { LowCore } from '../arch/low-core.ts';
import type { Cpu } from './cpu.ts';

export type TimeMode = 'virtual' | 'real';

/** Microseconds from 1900-01-01 (the TOD epoch) to 1970-01-01. */
export const TOD_UNIX_EPOCH_MICROS = 2_208_988_800 * 1_000_000;
/** Default start of virtual time: 1979-06-01 00:00:00 UTC (the era of VM/370 Release 6). */
export const DEFAULT_VIRTUAL_EPOCH_MICROS = TOD_UNIX_EPOCH_MICROS + Date.UTC(1979, 5, 1) * 1000;
/** The interval timer: bit 23 steps at 300 Hz, so its bit 31 steps 76,800 times a second. */
const INTERVAL_UNITS_PER_MICRO = 0.0768;
/** In real-time mode the CPU looks at the clock at least this often (instructions). */
const REAL_TIME_CHUNK = 20_000;

export class Clock {
  readonly mode: TimeMode;
  readonly virtualEpochMicros: number;
  readonly ticksPerMicrosecond: number;
  /** Added to the time source by SET CLOCK. */
  todOffset = 0;
  /** Absolute time (µs) at which the CPU timer reaches zero. */
  cpuTimerZeroAt = 0;
  /** The clock comparator, in µs. */
  comparator = 0;
  /** Time of the last interval-timer update. */
  intervalUpdatedAt = 0;
  intervalPending = false;
  /** Low-order TOD bits handed out for uniqueness of STORE CLOCK values. */
  private lastTodHigh = -1;
  private lastTodLow = -1;

  constructor(
    private readonly cpu: Cpu,
    mode: TimeMode,
    virtualEpochMicros = DEFAULT_VIRTUAL_EPOCH_MICROS,
    ticksPerMicrosecond = 10,
  ) {
    this.mode = mode;
    this.virtualEpochMicros = virtualEpochMicros;
    this.ticksPerMicrosecond = ticksPerMicrosecond;
  }

  reset(): void {
    const now = this.sourceMicros();
    this.intervalUpdatedAt = now;
    this.intervalPending = false;
    this.cpuTimerZeroAt = now;
    this.comparator = 0;
  }

  /** The time source without SET CLOCK's offset. */
  sourceMicros(): number {
    if (this.mode === 'virtual') return this.virtualEpochMicros + this.cpu.ticks / this.ticksPerMicrosecond;
    return TOD_UNIX_EPOCH_MICROS + (performance.timeOrigin + performance.now()) * 1000;
  }

  /** The TOD clock in µs (may carry a fraction). */
  nowMicros(): number {
    return this.sourceMicros() + this.todOffset;
  }

  /** STORE CLOCK: the TOD clock as two words, unique on each call (bits beyond 51 step). */
  readTod(out: Uint32Array): void {
    const micros = Math.floor(this.nowMicros());
    let high = Math.floor(micros / 0x10_0000);
    let low = (micros - high * 0x10_0000) * 4096;
    if (high < this.lastTodHigh || (high === this.lastTodHigh && low <= this.lastTodLow)) {
      high = this.lastTodHigh;
      low = this.lastTodLow + 1;
      if (low > 0xffff_ffff) {
        low = 0;
        high++;
      }
    }
    this.lastTodHigh = high;
    this.lastTodLow = low;
    out[0] = high >>> 0;
    out[1] = low >>> 0;
  }

  /** SET CLOCK from two words. */
  setTod(high: number, low: number): void {
    const micros = (high >>> 0) * 0x10_0000 + Math.floor((low >>> 0) / 4096);
    this.todOffset = micros - this.sourceMicros();
    this.lastTodHigh = -1;
    this.lastTodLow = -1;
  }

  setComparator(high: number, low: number): void {
    this.comparator = (high >>> 0) * 0x10_0000 + (low >>> 0) / 4096;
  }

  readComparator(out: Uint32Array): void {
    splitMicros(this.comparator, out);
  }

  /** SET CPU TIMER: a signed 64-bit value, bit 51 = 1 µs. */
  setCpuTimer(high: number, low: number): void {
    this.cpuTimerZeroAt = this.nowMicros() + ((high | 0) * 0x10_0000 + (low >>> 0) / 4096);
  }

  readCpuTimer(out: Uint32Array): void {
    splitMicros(this.cpuTimerZeroAt - this.nowMicros(), out);
  }

  /** CPU-timer interruption condition: the timer is negative. */
  cpuTimerPending(): boolean {
    return this.nowMicros() > this.cpuTimerZeroAt;
  }

  /** Clock-comparator interruption condition: the TOD clock is above the comparator. */
  comparatorPending(): boolean {
    return this.nowMicros() > this.comparator;
  }

  /** Steps the interval timer at X'50' for the time passed since the last update. */
  updateIntervalTimer(): void {
    const now = this.nowMicros();
    const units = Math.floor((now - this.intervalUpdatedAt) * INTERVAL_UNITS_PER_MICRO);
    if (units <= 0) return;
    this.intervalUpdatedAt += units / INTERVAL_UNITS_PER_MICRO;
    const storage = this.cpu.storage;
    const before = storage.readWord(LowCore.intervalTimer) | 0;
    const after = (before - units) | 0;
    // Pending when the value goes from positive or zero to negative.
    if (before >= 0 && (after < 0 || units > before + 0x8000_0000)) this.intervalPending = true;
    storage.writeWord(LowCore.intervalTimer, after);
  }

  /** Microseconds until the next timer event the CPU could be interrupted by (Infinity if none). */
  private microsToNextTimerEvent(): number {
    const cpu = this.cpu;
    const cr0 = cpu.cr[0]!;
    const now = this.nowMicros();
    let next = Infinity;
    if ((cr0 & 0x800) !== 0 && this.comparator >= now) next = Math.min(next, this.comparator - now);
    if ((cr0 & 0x400) !== 0 && this.cpuTimerZeroAt >= now) next = Math.min(next, this.cpuTimerZeroAt - now);
    if ((cr0 & 0x80) !== 0 && !this.intervalPending) {
      const value = cpu.storage.readWord(LowCore.intervalTimer) | 0;
      if (value >= 0) next = Math.min(next, (value + 1) / INTERVAL_UNITS_PER_MICRO);
    }
    return next;
  }

  /** How many instructions may run before something time-related could need attention. */
  ticksToNextEvent(): number {
    if (this.mode === 'real') return REAL_TIME_CHUNK;
    const micros = this.microsToNextTimerEvent();
    const timerTicks = micros === Infinity ? Infinity : Math.ceil(micros * this.ticksPerMicrosecond) + 1;
    const ioTicks = this.cpu.io.nextEventTick() - this.cpu.ticks;
    const ticks = Math.min(timerTicks, ioTicks, 1_000_000);
    return Math.max(1, ticks);
  }

  /**
   * Virtual time, CPU waiting: moves the clock on to the next event that could end the wait.
   * Returns false when no event is coming (a wait nothing will end).
   */
  idleToNextEvent(): boolean {
    if (this.mode !== 'virtual') return false;
    const cpu = this.cpu;
    const micros = this.microsToNextTimerEvent();
    const timerTicks = micros === Infinity ? Infinity : Math.ceil(micros * this.ticksPerMicrosecond) + 1;
    const ioTick = cpu.io.nextEventTick();
    const target = Math.min(cpu.ticks + timerTicks, ioTick);
    if (target === Infinity) return false;
    cpu.ticks = Math.max(cpu.ticks + 1, target);
    cpu.io.runUntil(cpu.ticks);
    return true;
  }
}

/** Splits a signed µs count into the two words of a 64-bit timer value (bit 51 = 1 µs). */
function splitMicros(micros: number, out: Uint32Array): void {
  const units = Math.floor(micros * 4096);
  const high = Math.floor(units / 0x1_0000_0000);
  out[0] = high >>> 0;
  out[1] = (units - high * 0x1_0000_0000) >>> 0;
}
