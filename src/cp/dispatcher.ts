// The dispatcher (VM/370 System Logic R6, DMKDSP): runs every logged-on virtual machine in turn,
// a time slice of instructions each, on the host's event loop. Between rounds it yields
// (setImmediate), so terminals stay responsive while a guest loops. A machine that waits for its
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
  /** Instructions per time slice (default 200,000). */
  slice?: number;
  /** How long a machine in a timer wait sleeps before it runs again (ms; default 10). */
  idleMs?: number;
}

interface Entry {
  machine: DispatchedMachine;
  parked: boolean;
  timer: ReturnType<typeof setTimeout> | null;
}

export class Dispatcher {
  private readonly entries = new Map<VirtualMachine, Entry>();
  private scheduled: ReturnType<typeof setImmediate> | null = null;
  private readonly slice: number;
  private readonly idleMs: number;
  /** Slices run so far (statistics, tests). */
  slices = 0;

  constructor(options: DispatcherOptions = {}) {
    this.slice = options.slice ?? 200_000;
    this.idleMs = options.idleMs ?? 10;
  }

  get size(): number {
    return this.entries.size;
  }

  /** True while some machine is runnable (a round is scheduled). */
  get busy(): boolean {
    return this.scheduled !== null;
  }

  add(machine: DispatchedMachine): void {
    this.entries.set(machine.vm, { machine, parked: false, timer: null });
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

  /** One slice for every runnable machine. */
  private round(): void {
    for (const entry of [...this.entries.values()]) {
      if (entry.parked || !entry.machine.canRun()) continue;
      if (!this.entries.has(entry.machine.vm)) continue;
      let outcome: RunOutcome;
      try {
        outcome = entry.machine.vm.run(this.slice).outcome;
      } catch (e) {
        // A machine CP cannot go on with is stopped; its terminal hears about it.
        entry.parked = true;
        entry.machine.vm.console?.cpWrite(`DMKDSP450W CP ENTERED; ${e instanceof Error ? e.message : String(e)}`);
        entry.machine.vm.enterCpMode();
        entry.machine.afterRun('cp-read');
        continue;
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
    this.schedule();
  }
}
