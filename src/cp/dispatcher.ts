// The dispatcher (VM/370 System Logic R6, DMKDSP): runs every logged-on virtual machine in turn,
// a time slice each, on the host's event loop. A slice is a number of instructions sized from the
// machine's measured speed so that it lasts about `sliceMs` of host time (a guest of slow
// instructions, 256-byte MVCs, gets fewer of them); after `yieldMs` of host time the dispatcher
// yields (setImmediate) and the next turn goes on with the machine after the last one that ran,
// so terminals stay responsive and every machine gets its turn however many loop. A machine that waits for its
// console (VM READ), for CP (CP READ) or for nothing at all is parked and costs nothing until
// wake() is called (a line typed, BEGIN, PA2 that releases held output). A machine in an enabled
// wait for its timer (real time) is looked at again after a short host timer.

import type { RunOutcome, VirtualMachine } from './vm/virtual-machine.ts';

export interface DispatchedMachine {
  readonly vm: VirtualMachine;
  /** False while the machine must not run (its terminal holds output: MORE..., HOLDING). */
  canRun(): boolean;
  /** Called after every slice (the terminal flushes output, CP acts on LOGOFF ...). */
  afterRun(outcome: RunOutcome): void;
}

export interface DispatcherOptions {
  /** Instructions of a machine's first slice, before its speed is known (default 50,000). */
  slice?: number;
  /** Host time a slice aims at (ms; default 2). */
  sliceMs?: number;
  /** Host time after which a round yields to the event loop (ms; default 8). */
  yieldMs?: number;
  /** The host clock in milliseconds (tests give a fake one; default performance.now). */
  now?: () => number;
  /** How long a machine in a timer wait sleeps before it runs again (ms; default 10). */
  idleMs?: number;
}

interface Entry {
  machine: DispatchedMachine;
  parked: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  /** Instructions per millisecond of host time, measured (0 until the first full slice). */
  rate: number;
}

/** Bounds on a slice, whatever the measured speed says (instructions). */
const MIN_SLICE = 1_000;
const MAX_SLICE = 2_000_000;

export class Dispatcher {
  private readonly entries = new Map<VirtualMachine, Entry>();
  private scheduled: ReturnType<typeof setImmediate> | null = null;
  private readonly slice: number;
  private readonly sliceMs: number;
  private readonly yieldMs: number;
  private readonly idleMs: number;
  private readonly now: () => number;
  /** The machine the next turn starts with (the one after the last that ran). */
  private cursor: VirtualMachine | null = null;
  /** Slices run so far (statistics, tests). */
  slices = 0;

  constructor(options: DispatcherOptions = {}) {
    this.slice = options.slice ?? 50_000;
    this.sliceMs = options.sliceMs ?? 2;
    this.yieldMs = options.yieldMs ?? 8;
    this.idleMs = options.idleMs ?? 10;
    this.now = options.now ?? (() => performance.now());
  }

  get size(): number {
    return this.entries.size;
  }

  /** True while some machine is runnable (a round is scheduled). */
  get busy(): boolean {
    return this.scheduled !== null;
  }

  add(machine: DispatchedMachine): void {
    this.entries.set(machine.vm, { machine, parked: false, timer: null, rate: 0 });
    this.schedule();
  }

  remove(vm: VirtualMachine): void {
    const entry = this.entries.get(vm);
    if (entry?.timer) clearTimeout(entry.timer);
    this.entries.delete(vm);
  }

  /** Something happened that may let a parked machine go on. */
  wake(vm: VirtualMachine): void {
    const entry = this.entries.get(vm);
    if (entry === undefined) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    entry.parked = false;
    this.schedule();
  }

  /** Stops every timer (shutdown). */
  stop(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    for (const e of this.entries.values()) if (e.timer) clearTimeout(e.timer);
    this.entries.clear();
  }

  private schedule(): void {
    if (this.scheduled !== null) return;
    if (![...this.entries.values()].some((e) => !e.parked && e.machine.canRun())) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = null;
      this.round();
    });
  }

  /**
   * Slices for the runnable machines, starting after the last one that ran, until every one has
   * had a turn or `yieldMs` of host time has gone.
   */
  private round(): void {
    const order = [...this.entries.values()];
    let start = 0;
    if (this.cursor !== null) {
      const at = order.findIndex((e) => e.machine.vm === this.cursor);
      if (at >= 0) start = (at + 1) % order.length;
    }
    const began = this.now();
    for (let k = 0; k < order.length; k++) {
      const entry = order[(start + k) % order.length]!;
      if (entry.parked || !entry.machine.canRun()) continue;
      if (!this.entries.has(entry.machine.vm)) continue;
      this.cursor = entry.machine.vm;
      this.runSlice(entry);
      if (this.now() - began >= this.yieldMs) break;
    }
    this.schedule();
  }

  private runSlice(entry: Entry): void {
    const budget = entry.rate > 0 ? Math.max(MIN_SLICE, Math.min(MAX_SLICE, Math.round(entry.rate * this.sliceMs))) : this.slice;
    let outcome: RunOutcome;
    const t0 = this.now();
    try {
      const result = entry.machine.vm.run(budget);
      outcome = result.outcome;
      const ms = this.now() - t0;
      // A full slice measures the machine's speed (a slice cut short by a wait says little).
      if (outcome === 'budget' && result.instructions > 0 && ms > 0.05) {
        const rate = result.instructions / ms;
        entry.rate = entry.rate === 0 ? rate : entry.rate * 0.5 + rate * 0.5;
      }
    } catch (e) {
      // A machine CP cannot go on with is stopped; its terminal hears about it.
      entry.parked = true;
      entry.machine.vm.console?.cpWrite(`DMKDSP450W CP ENTERED; ${e instanceof Error ? e.message : String(e)}`);
      entry.machine.vm.enterCpMode();
      entry.machine.afterRun('cp-read');
      return;
    }
    this.slices++;
    if (outcome !== 'budget') entry.parked = true;
    if (outcome === 'idle' && entry.machine.vm.cpu.clock.mode === 'real') {
      entry.timer = setTimeout(() => {
        entry.timer = null;
        this.wake(entry.machine.vm);
      }, this.idleMs);
    }
    entry.machine.afterRun(outcome);
  }
}
