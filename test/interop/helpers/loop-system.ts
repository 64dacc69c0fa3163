// A CP system for many users at once: the default system plus LOOPnn users whose directory entry
// IPLs LOOP, a saved system built here with our assembler: a CPU-bound guest (a tight loop of
// register arithmetic, no I/O, interrupts disabled) that never waits. Used by the many-users
// interop test and by `npm run bench` (bench/cp.ts).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../../src/asm/index.ts';
import { generateDefaultSystem } from '../../../src/cp/config/default-system.ts';
import { SavedSystem, PAGE_SIZE } from '../../../src/cp/nss/saved-system.ts';
import { CpSystem } from '../../../src/cp/system/cp-system.ts';

/** The guest: counts in R2 forever. Loaded at X'200'; the saved PSW starts it there. */
export const LOOP_SOURCE = `
LOOP     START X'200'
         BALR  12,0
         USING *,12
         LA    1,1
AGAIN    AR    2,1
         LA    4,4(4)
         SR    5,5
         B     AGAIN
         END   LOOP
`;

/** A heavier guest: MVC, CLC and TR of 256 bytes each, round and round (slower per instruction). */
export const MOVE_LOOP_SOURCE = `
LOOP     START X'200'
         BALR  12,0
         USING *,12
AGAIN    MVC   A,B
         CLC   A,B
         TR    A,B
         B     AGAIN
A        DS    XL256
B        DC    256X'01'
         END   LOOP
`;

export const loopUserid = (n: number) => `LOOP${String(n).padStart(2, '0')}`;

/** The LOOP saved system: a state page (BC-mode PSW, key 0, disabled, at X'200'), then one page. */
export function loopSavedSystem(source = LOOP_SOURCE): SavedSystem {
  const result = assemble(source);
  if (result.returnCode > 0) throw new Error(`LOOP does not assemble:\n${result.listing}`);
  const bytes = new Uint8Array(2 * PAGE_SIZE);
  // PSW 00000000 00000200: BC mode, supervisor state, every interruption masked.
  bytes.set([0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00], 0);
  bytes.set(result.core.bytes, PAGE_SIZE + result.core.origin);
  return new SavedSystem({ name: 'LOOP', address: 0, ipl: true }, bytes);
}

export interface LoopSystem {
  system: CpSystem;
  dataDir: string;
  remove(): void;
}

/**
 * A data folder with the default system and `users` LOOPnn users (password = userid, 1M, class G,
 * IPL LOOP) and `idle` IDLEnn users (no IPL: they log on to CP READ and cost only their storage).
 */
export function openLoopSystem(users: number, idle = 0, source = LOOP_SOURCE): LoopSystem {
  const dataDir = mkdtempSync(join(tmpdir(), 'vm370-many-'));
  const generated = generateDefaultSystem({ dataDir });
  const entries: string[] = [];
  for (let n = 1; n <= users; n++) {
    const id = loopUserid(n);
    entries.push('', `USER ${id} ${id} 1M 1M G`, ' IPL LOOP', ' CONSOLE 009 3215');
  }
  for (let n = 1; n <= idle; n++) {
    const id = `IDLE${String(n).padStart(2, '0')}`;
    entries.push('', `USER ${id} ${id} 1M 1M G`, ' CONSOLE 009 3215');
  }
  writeFileSync(generated.files.config, generated.configJson);
  writeFileSync(generated.files.userDirect, generated.userDirect + entries.join('\n') + '\n');
  const system = CpSystem.open({ dataDir, scrypt: { N: 1024, r: 8, p: 1 }, maxNewMinidiskCylinders: 1 });
  system.savedSystems.add(loopSavedSystem(source));
  return { system, dataDir, remove: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/**
 * Instructions the machines ran during `ms` of wall time, as millions per second (all together),
 * and the longest the host's event loop was kept from other work meanwhile (ms): terminal input
 * waits at most that long before CP sees it.
 */
export async function aggregateMips(machines: Array<{ cpu: { instructions: number } }>, ms: number): Promise<number> {
  return (await runFor(machines, ms)).mips;
}

export async function runFor(machines: Array<{ cpu: { instructions: number } }>, ms: number): Promise<{ mips: number; maxBlockMs: number }> {
  const before = machines.map((m) => m.cpu.instructions);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, ms));
  const seconds = (performance.now() - t0) / 1000;
  delay.disable();
  const done = machines.reduce((sum, m, i) => sum + (m.cpu.instructions - before[i]!), 0);
  return { mips: done / seconds / 1e6, maxBlockMs: delay.max / 1e6 };
}

/**
 * Host memory per idle virtual machine: `count` IDLEnn users logged on disconnected (as AUTOLOG
 * does) in CP READ; the growth of the JavaScript heap plus array buffers (guest storage), divided
 * by `count`. Returns bytes.
 */
export function idleMemoryPerMachine(
  cp: { logon(userid: string, terminal: null): unknown; user(userid: string): unknown; logoff(user: never): void },
  count: number,
): number {
  const gc = collector();
  const used = () => {
    gc?.();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = used();
  const ids = Array.from({ length: count }, (_, i) => `IDLE${String(i + 1).padStart(2, '0')}`);
  for (const id of ids) {
    const result = cp.logon(id, null);
    if (Array.isArray(result)) throw new Error(`${id}: ${result.join(' / ')}`);
  }
  const after = used();
  for (const id of ids) cp.logoff(cp.user(id) as never);
  return (after - before) / count;
}

/** The garbage collector, made callable when the process was started without --expose-gc. */
function collector(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined; // the figure is rougher without it
  }
}
