// TOD clock, clock comparator, CPU timer and interval timer (Principles of Operation, "Timing").
//
// Time is counted in whole microseconds (TOD-clock bit 51) on a local time line that starts at 0
// when the CPU is created. In 'virtual' mode local time is derived from the CPU's tick count
// (instructions executed plus idle time skipped in waits), so a program sees the same times on
// every run; in 'real' mode it follows the host clock. All the numbers kept here are integers
// well inside 2^53, so comparisons are exact:
// - TOD clock (µs)          = todBase + local
// - clock-comparator request: local > comparatorLocal   (TOD bits 0-51 greater than the comparator's)
// - CPU-timer request:        local > cpuTimerZeroLocal (the timer has gone negative)
// - interval timer (X'50'):   one is subtracted from bit 23 (256 from bit 31) 300 times a second,
//   at local µs ceil(k * 10000 / 3) for step k, as the manual defines the timer's rate.
//
// The CPU advances cpu.ticks only between chunks of instructions. So that a timing instruction
// (SCK, STCK, SPT, STPT) sees the exact time in virtual mode, its handler checks its operand, hands
// the operation to timingInstruction() and ends the chunk; the run loop then calls
// completeTimingInstruction() (from serviceInterruptions) before anything else happens, when
// cpu.ticks counts exactly the instructions up to and including it. An instruction observes the
// time of the ticks before it.

import { LowCore } from '../arch/low-core.ts';
import type { Cpu } from './cpu.ts';

export type TimeMode = 'virtual' | 'real';

/** Microseconds from 1900-01-01 (the TOD epoch) to 1970-01-01. */
export const TOD_UNIX_EPOCH_MICROS = 2_208_988_800 * 1_000_000;
/** Default start of virtual time: 1979-06-01 00:00:00 UTC (the era of VM/370 Release 6). */
export const DEFAULT_VIRTUAL_EPOCH_MICROS = TOD_UNIX_EPOCH_MICROS + Date.UTC(1979, 5, 1) * 1000;
/** In real-time mode the CPU looks at the clock at least this often (instructions). */
const REAL_TIME_CHUNK = 20_000;
/** The longest chunk of instructions run without looking at timers and I/O. */
const MAX_CHUNK = 1_000_000;
/** Interval timer: 300 steps a second, each subtracting one from bit 23. */
const INTERVAL_STEP_UNITS = 256;
/** 2^20: TOD bit 31 is 2^20 µs; the high word of a 64-bit timer value holds µs / 2^20. */
const TWO_20 = 0x10_0000;

// CR0 external subclass masks (Principles of Operation, "Control Registers").
const CR0_CLOCK_COMPARATOR = 0x800;
const CR0_CPU_TIMER = 0x400;
const CR0_INTERVAL_TIMER = 0x80;

/** Timing instructions whose time-dependent part waits for the end of the chunk (virtual mode). */
export const TimingOperation = {
  none: 0,
  setClock: 1,
  storeClock: 2,
  setCpuTimer: 3,
  storeCpuTimer: 4,
} as const;
export type TimingOperationCode = (typeof TimingOperation)[keyof typeof TimingOperation];

export interface ClockState {
  comparatorWords: [number, number];
  intervalPending: boolean;
  todBase: number;
  comparatorLocal: number;
  cpuTimerZeroLocal: number;
  cpuTimerFraction: number;
  intervalSteps: number;
  lastTodHigh: number;
  lastTodLow: number;
}

export class Clock {
  readonly mode: TimeMode;
  readonly virtualEpochMicros: number;
  readonly ticksPerMicrosecond: number;
  /** Scratch for the timing instructions: the two words of a 64-bit clock value (no allocation). */
  readonly words = new Uint32Array(2);
  /** The clock comparator as last set (bits 0-31, 32-63), returned unchanged by STCKC. */
  readonly comparatorWords = new Uint32Array(2);
  /** Interval timer: an interruption request is pending (cleared when taken and by CPU reset). */
  intervalPending = false;

  /** TOD clock (µs) at local time 0; SET CLOCK moves it. */
  private todBase: number;
  /** The comparator's µs value on the local time line. */
  private comparatorLocal: number;
  /** Local µs at which the CPU timer reads zero, and its bits 52-63 (below one µs, kept as set). */
  private cpuTimerZeroLocal = 0;
  private cpuTimerFraction = 0;
  /** Interval-timer steps applied to X'50' so far. */
  private intervalSteps = 0;
  /** The last value stored by STORE CLOCK, for uniqueness. */
  private lastTodHigh = -1;
  private lastTodLow = -1;
  /** Real mode: performance.now() at local time 0. */
  private readonly realOrigin: number;
  /** A timing instruction waiting for the end of its chunk: the operation, its operand, where to store. */
  private deferred: TimingOperationCode = TimingOperation.none;
  private deferredHigh = 0;
  private deferredLow = 0;
  private deferredReal0 = 0;
  private deferredSplit = 8;
  private deferredReal1 = 0;

  constructor(
    private readonly cpu: Cpu,
    mode: TimeMode,
    virtualEpochMicros = DEFAULT_VIRTUAL_EPOCH_MICROS,
    ticksPerMicrosecond = 10,
  ) {
    if (!(ticksPerMicrosecond > 0)) throw new RangeError('ticksPerMicrosecond must be positive');
    this.mode = mode;
    this.virtualEpochMicros = Math.floor(virtualEpochMicros);
    this.ticksPerMicrosecond = ticksPerMicrosecond;
    this.realOrigin = mode === 'real' ? performance.now() : 0;
    this.todBase =
      mode === 'real'
        ? TOD_UNIX_EPOCH_MICROS + Math.floor((performance.timeOrigin + this.realOrigin) * 1000)
        : this.virtualEpochMicros;
    this.comparatorLocal = -this.todBase;
  }

  /** The clock's state, for a CPU snapshot (the time base itself is part of the CPU's tick count). */
  snapshot(): ClockState {
    return {
      comparatorWords: [this.comparatorWords[0]!, this.comparatorWords[1]!],
      intervalPending: this.intervalPending,
      todBase: this.todBase,
      comparatorLocal: this.comparatorLocal,
      cpuTimerZeroLocal: this.cpuTimerZeroLocal,
      cpuTimerFraction: this.cpuTimerFraction,
      intervalSteps: this.intervalSteps,
      lastTodHigh: this.lastTodHigh,
      lastTodLow: this.lastTodLow,
    };
  }

  restore(state: ClockState): void {
    this.comparatorWords[0] = state.comparatorWords[0];
    this.comparatorWords[1] = state.comparatorWords[1];
    this.intervalPending = state.intervalPending;
    this.todBase = state.todBase;
    this.comparatorLocal = state.comparatorLocal;
    this.cpuTimerZeroLocal = state.cpuTimerZeroLocal;
    this.cpuTimerFraction = state.cpuTimerFraction;
    this.intervalSteps = state.intervalSteps;
    this.lastTodHigh = state.lastTodHigh;
    this.lastTodLow = state.lastTodLow;
    this.deferred = TimingOperation.none;
  }

  /** Initial CPU reset: the clock comparator and CPU timer become zero; the interval request is cleared. */
  reset(): void {
    this.setComparator(0, 0);
    this.setCpuTimer(0, 0);
    this.intervalPending = false;
  }

  /** Microseconds on the local time line (an integer). */
  localMicros(): number {
    if (this.mode === 'virtual') return Math.floor(this.cpu.ticks / this.ticksPerMicrosecond);
    return Math.floor((performance.now() - this.realOrigin) * 1000);
  }

  /**
   * A timing instruction, its operand checked: SCK and SPT pass the operand (high, low); STCK and
   * STPT pass where the 8 bytes go in real storage (the first `split` bytes at real0, the rest at
   * real1, for an operand that crosses a 2K block). Done now in real mode; in virtual mode at the
   * end of the chunk, which this ends.
   */
  timingInstruction(op: TimingOperationCode, high: number, low: number, real0: number, split: number, real1: number): void {
    this.deferred = op;
    this.deferredHigh = high;
    this.deferredLow = low;
    this.deferredReal0 = real0;
    this.deferredSplit = split;
    this.deferredReal1 = real1;
    if (this.mode === 'virtual') this.cpu.chunkLimit = 0;
    else this.completeTimingInstruction();
  }

  /** Completes a deferred timing instruction at the time it was executed (called between instructions). */
  completeTimingInstruction(): void {
    const op = this.deferred;
    if (op === TimingOperation.none) return;
    this.deferred = TimingOperation.none;
    const local =
      this.mode === 'virtual' ? Math.floor(Math.max(0, this.cpu.ticks - 1) / this.ticksPerMicrosecond) : this.localMicros();
    switch (op) {
      case TimingOperation.setClock:
        this.setTodAt(local, this.deferredHigh, this.deferredLow);
        return;
      case TimingOperation.setCpuTimer:
        this.setCpuTimerAt(local, this.deferredHigh, this.deferredLow);
        return;
      case TimingOperation.storeClock:
        this.readTodAt(local, this.words);
        break;
      case TimingOperation.storeCpuTimer:
        this.readCpuTimerAt(local, this.words);
        break;
    }
    const m = this.cpu.mem;
    const words = this.words;
    for (let i = 0; i < 8; i++) {
      const byte = words[i >>> 2]! >>> (24 - (i & 3) * 8);
      m[i < this.deferredSplit ? this.deferredReal0 + i : this.deferredReal1 + i - this.deferredSplit] = byte;
    }
  }

  /** The TOD clock in whole µs (bits 0-51). */
  nowMicros(): number {
    return this.todBase + this.localMicros();
  }

  /**
   * STORE CLOCK: the TOD clock as two words. Bits 52-63 are zero, except that when the clock has
   * not advanced since the last store, the value is stepped in its rightmost bit so that every
   * value stored is unique and larger than the one before.
   */
  readTod(out: Uint32Array): void {
    this.readTodAt(this.localMicros(), out);
  }

  private readTodAt(local: number, out: Uint32Array): void {
    const micros = this.todBase + local;
    let high = Math.floor(micros / TWO_20);
    let low = (micros - high * TWO_20) * 4096;
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

  /** SET CLOCK from two words; bits to the right of bit 51 are ignored (the clock's resolution is 1 µs). */
  setTod(high: number, low: number): void {
    this.setTodAt(this.localMicros(), high, low);
  }

  private setTodAt(local: number, high: number, low: number): void {
    this.todBase = (high >>> 0) * TWO_20 + Math.floor((low >>> 0) / 4096) - local;
    this.lastTodHigh = -1;
    this.lastTodLow = -1;
    this.setComparator(this.comparatorWords[0]!, this.comparatorWords[1]!);
  }

  /** SET CLOCK COMPARATOR. */
  setComparator(high: number, low: number): void {
    this.comparatorWords[0] = high;
    this.comparatorWords[1] = low;
    this.comparatorLocal = (high >>> 0) * TWO_20 + Math.floor((low >>> 0) / 4096) - this.todBase;
  }

  /** STORE CLOCK COMPARATOR. */
  readComparator(out: Uint32Array): void {
    out[0] = this.comparatorWords[0]!;
    out[1] = this.comparatorWords[1]!;
  }

  /** SET CPU TIMER: a signed 64-bit value, bit 51 = 1 µs. */
  setCpuTimer(high: number, low: number): void {
    this.setCpuTimerAt(this.localMicros(), high, low);
  }

  private setCpuTimerAt(local: number, high: number, low: number): void {
    this.cpuTimerZeroLocal = local + (high | 0) * TWO_20 + Math.floor((low >>> 0) / 4096);
    this.cpuTimerFraction = low & 0xfff;
  }

  /** STORE CPU TIMER: the current value, decremented in bit 51 once a microsecond. */
  readCpuTimer(out: Uint32Array): void {
    this.readCpuTimerAt(this.localMicros(), out);
  }

  private readCpuTimerAt(local: number, out: Uint32Array): void {
    const micros = this.cpuTimerZeroLocal - local;
    const high = Math.floor(micros / TWO_20);
    out[0] = high >>> 0;
    out[1] = ((micros - high * TWO_20) * 4096 + this.cpuTimerFraction) >>> 0;
  }

  /** CPU-timer interruption condition: the timer is negative. */
  cpuTimerPending(): boolean {
    return this.localMicros() > this.cpuTimerZeroLocal;
  }

  /** Clock-comparator interruption condition: the TOD clock is greater than the comparator. */
  comparatorPending(): boolean {
    return this.localMicros() > this.comparatorLocal;
  }

  /**
   * Steps the interval timer at X'50' for the time passed since the last update. The request is made
   * when the value goes from positive or zero to negative.
   */
  updateIntervalTimer(): void {
    const steps = Math.floor((this.localMicros() * 3) / 10_000);
    const due = steps - this.intervalSteps;
    if (due <= 0) return;
    this.intervalSteps = steps;
    const storage = this.cpu.storage;
    const before = storage.readWord(LowCore.intervalTimer) | 0;
    const after = before - due * INTERVAL_STEP_UNITS;
    if (before >= 0 && after < 0) this.intervalPending = true;
    storage.writeWord(LowCore.intervalTimer, after | 0);
  }

  /** Local µs at which interval-timer step k happens. */
  private intervalStepAt(k: number): number {
    return Math.ceil((k * 10_000) / 3);
  }

  /**
   * Local µs of the next moment something time-related needs the CPU's attention, or Infinity.
   * Running (forWait false): the next interval-timer step (so X'50' is always current), the clock
   * comparator and the CPU timer when their subclass masks are on. Waiting: only the events that
   * could end the wait, so time can jump straight there.
   */
  private nextTimerEvent(forWait: boolean): number {
    const cpu = this.cpu;
    const cr0 = cpu.cr[0]!;
    const local = this.localMicros();
    let next = Infinity;
    if (forWait && (cpu.sysMask & 0x01) === 0) return next;
    if ((cr0 & CR0_CLOCK_COMPARATOR) !== 0 && local <= this.comparatorLocal) next = this.comparatorLocal + 1;
    if ((cr0 & CR0_CPU_TIMER) !== 0 && local <= this.cpuTimerZeroLocal) {
      next = Math.min(next, this.cpuTimerZeroLocal + 1);
    }
    if (!forWait) {
      next = Math.min(next, this.intervalStepAt(this.intervalSteps + 1));
    } else if ((cr0 & CR0_INTERVAL_TIMER) !== 0 && !this.intervalPending) {
      const value = cpu.storage.readWord(LowCore.intervalTimer) | 0;
      if (value >= 0) {
        next = Math.min(next, this.intervalStepAt(this.intervalSteps + Math.floor(value / INTERVAL_STEP_UNITS) + 1));
      }
    }
    return next;
  }

  /** The first tick count at which local time reaches `micros`. */
  private tickAt(micros: number): number {
    let t = Math.ceil(micros * this.ticksPerMicrosecond);
    while (Math.floor(t / this.ticksPerMicrosecond) < micros) t++;
    while (t > 0 && Math.floor((t - 1) / this.ticksPerMicrosecond) >= micros) t--;
    return t;
  }

  /** How many instructions may run before something time-related or an I/O event needs attention. */
  ticksToNextEvent(): number {
    if (this.mode === 'real') return REAL_TIME_CHUNK;
    const cpu = this.cpu;
    const micros = this.nextTimerEvent(false);
    const timerTicks = micros === Infinity ? Infinity : this.tickAt(micros) - cpu.ticks;
    const ioTicks = cpu.io.nextEventTick() - cpu.ticks;
    return Math.max(1, Math.min(timerTicks, ioTicks, MAX_CHUNK));
  }

  /**
   * Virtual time, CPU waiting: moves the clock on to the next event that could end the wait.
   * Returns false when no event is coming (a wait nothing will end).
   */
  idleToNextEvent(): boolean {
    if (this.mode !== 'virtual') return false;
    const cpu = this.cpu;
    const micros = this.nextTimerEvent(true);
    const timerTick = micros === Infinity ? Infinity : this.tickAt(micros);
    const target = Math.min(timerTick, cpu.io.nextEventTick());
    if (target === Infinity) return false;
    cpu.ticks = Math.max(cpu.ticks + 1, target);
    cpu.io.runUntil(cpu.ticks);
    return true;
  }
}
