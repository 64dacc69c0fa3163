import { describe, expect, it } from 'vitest';
import { Dispatcher, type DispatchedMachine } from '../../../src/cp/dispatcher.ts';
import type { RunOutcome, VirtualMachine } from '../../../src/cp/vm/virtual-machine.ts';

/** A stand-in machine: run() answers from a script of outcomes, then keeps the last one. */
function machine(outcomes: RunOutcome[]) {
  let runs = 0;
  const vm = {
    run: () => ({ outcome: outcomes[Math.min(runs++, outcomes.length - 1)]!, instructions: 1 }),
    cpu: { clock: { mode: 'virtual' } },
  } as unknown as VirtualMachine;
  const seen: RunOutcome[] = [];
  let allowed = true;
  const m: DispatchedMachine & { seen: RunOutcome[]; runs: () => number; allow(v: boolean): void } = {
    vm,
    canRun: () => allowed,
    afterRun: (o) => seen.push(o),
    seen,
    runs: () => runs,
    allow: (v) => { allowed = v; },
  };
  return m;
}

const tick = () => new Promise((r) => setImmediate(r));

describe('the dispatcher', () => {
  it('parks a machine that reads, and runs it again when woken', async () => {
    const d = new Dispatcher();
    const m = machine(['budget', 'console-read']);
    d.add(m);
    for (let i = 0; i < 5; i++) await tick();
    expect(m.seen).toEqual(['budget', 'console-read']);
    expect(d.busy).toBe(false);
    d.wake(m.vm);
    for (let i = 0; i < 3; i++) await tick();
    expect(m.seen).toEqual(['budget', 'console-read', 'console-read']);
    d.stop();
  });

  it('shares the event loop: a looping guest leaves room for other work, and machines take turns', async () => {
    const d = new Dispatcher();
    const loop = machine(['budget']);
    const other = machine(['budget']);
    d.add(loop);
    d.add(other);
    let otherWork = 0;
    for (let i = 0; i < 10; i++) {
      await tick();
      otherWork++;
    }
    expect(otherWork).toBe(10);
    expect(Math.abs(loop.runs() - other.runs())).toBeLessThanOrEqual(1);
    expect(loop.runs()).toBeGreaterThan(3);
    d.stop();
  });

  it('does not run a machine whose terminal holds output', async () => {
    const d = new Dispatcher();
    const m = machine(['budget']);
    m.allow(false);
    d.add(m);
    for (let i = 0; i < 3; i++) await tick();
    expect(m.runs()).toBe(0);
    expect(d.busy).toBe(false);
    m.allow(true);
    d.wake(m.vm);
    await tick();
    expect(m.runs()).toBe(1);
    d.stop();
  });
});

describe('time slices (DMKDSP: each machine a slice of host time, the event loop never held long)', () => {
  /** Machines whose run() costs fake host time: `perMs` instructions per millisecond. */
  function timed(clock: { t: number }, perMs: number, budgets: number[]) {
    const vm = {
      run: (budget: number) => {
        budgets.push(budget);
        clock.t += budget / perMs;
        return { outcome: 'budget' as RunOutcome, instructions: budget };
      },
      cpu: { clock: { mode: 'virtual' } },
    } as unknown as VirtualMachine;
    return { vm, canRun: () => true, afterRun: () => undefined } satisfies DispatchedMachine;
  }

  it('sizes a slice from the machine\'s measured speed, so a slow guest gets fewer instructions', async () => {
    const clock = { t: 0 };
    const d = new Dispatcher({ now: () => clock.t, slice: 10_000, sliceMs: 2, yieldMs: 1000 });
    const fast: number[] = [];
    const slow: number[] = [];
    d.add(timed(clock, 100_000, fast));
    d.add(timed(clock, 5_000, slow));
    for (let i = 0; i < 4; i++) await tick();
    d.stop();
    expect(fast[0]).toBe(10_000);
    expect(slow[0]).toBe(10_000);
    expect(fast.at(-1)).toBe(200_000);
    expect(slow.at(-1)).toBe(10_000);
  });

  it('yields once a round has used its time, and the next turn goes on with the next machine', async () => {
    const clock = { t: 0 };
    const d = new Dispatcher({ now: () => clock.t, slice: 10_000, sliceMs: 2, yieldMs: 8 });
    const runs: number[][] = [[], [], [], [], [], []];
    // Each slice costs 2 ms of fake time once measured: four machines per turn.
    for (const r of runs) d.add(timed(clock, 5_000, r));
    await tick();
    expect(runs.map((r) => r.length)).toEqual([1, 1, 1, 1, 0, 0]);
    await tick();
    expect(runs.map((r) => r.length)).toEqual([2, 2, 1, 1, 1, 1]);
    d.stop();
  });
});
