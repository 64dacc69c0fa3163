// `npm run bench`: MIPS figures for the processor (and, as they exist, the assembler and CMS).
// Numbers only; nothing here asserts a speed.

import { Cpu } from '../src/cpu/cpu.ts';
import { existsSync } from 'node:fs';

interface Result {
  name: string;
  instructions: number;
  seconds: number;
  note?: string;
}

function hex(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
}

function timeRun(cpu: Cpu, budget: number): { instructions: number; seconds: number; kind: string } {
  const before = cpu.instructions;
  const t0 = performance.now();
  const stop = cpu.run(budget);
  const t1 = performance.now();
  return { instructions: cpu.instructions - before, seconds: (t1 - t0) / 1000, kind: stop.kind };
}

/** Runs a loop program at X'400' whose last instruction is BCT 3,loop; R3 = iterations. */
function loopBench(
  name: string,
  setup: (cpu: Cpu) => void,
  program: string,
  perIteration: number,
  iterations: number,
): Result {
  const cpu = new Cpu({ storageSize: 2 * 1024 * 1024 });
  cpu.mem.set(hex(program), 0x400);
  cpu.ia = 0x400;
  cpu.gpr[6] = 0x2000;
  setup(cpu);
  cpu.gpr[3] = iterations;
  const budget = perIteration * iterations;
  // Warm up the JIT on a short run of the same program, then measure a fresh CPU state.
  const r = timeRun(cpu, budget);
  if (r.kind !== 'budget') throw new Error(`${name}: stopped early (${r.kind}, program code ${cpu.lastProgramCode.toString(16)})`);
  return { name, instructions: r.instructions, seconds: r.seconds };
}

const registerLoop = '1a12 41440004 1a52 46300400';

function setupDat(cpu: Cpu): void {
  // Identity-map the first 1M: 64K segments, 4K pages; segment table at X'10000', page tables after it.
  const st = 0x1_0000;
  const pt = 0x1_1000;
  for (let s = 0; s < 16; s++) {
    cpu.storage.writeWord(st + s * 4, (0xf << 28) | (pt + s * 32));
    for (let p = 0; p < 16; p++) cpu.storage.writeHalf(pt + s * 32 + p * 2, ((s * 16 + p) << 4) & 0xfff0);
  }
  cpu.cr[0] = 0x0080_0000;
  cpu.cr[1] = st;
  // Every 2K block in key 8; the program runs in key 8, EC mode, DAT on.
  cpu.keys.fill(0x80);
  cpu.mem.set(hex('0488000000000400'), 0x80);
  cpu.loadPsw(0x80);
}

const results: Result[] = [];
const big = process.argv.includes('--quick') ? 10 : 1;

results.push(
  loopBench('register loop: AR, LA, AR, BCT', (cpu) => (cpu.gpr[2] = 1), registerLoop, 4, 50_000_000 / big),
);
results.push(
  loopBench(
    'storage to storage: MVC, CLC, TR (256 bytes each), BCT',
    (cpu) => {
      for (let i = 0; i < 256; i++) {
        cpu.mem[0x2100 + i] = i;
        cpu.mem[0x2300 + i] = 255 - i;
      }
    },
    'd2ff60006100 d5ff60006100 dcff62006300 46300400',
    4,
    5_000_000 / big,
  ),
);
results.push(
  loopBench(
    'packed decimal: AP, ZAP, MP, BCT',
    (cpu) => {
      cpu.mem.set(hex('000000000000000c 000000000000001c'), 0x2000);
      cpu.mem.set(hex('123c'), 0x2018);
      cpu.mem.set(hex('12345c'), 0x2020);
    },
    'fa7760006008 f87260106020 fc7160106018 46300400',
    4,
    10_000_000 / big,
  ),
);
results.push(
  loopBench(
    'floating point: AD, MD, BCT',
    (cpu) => {
      cpu.mem.set(hex('4110000000000000 4110000000000000'), 0x2000);
      cpu.fpr[2] = 0x4110_0000;
    },
    '6a006000 6c206008 46300400',
    3,
    10_000_000 / big,
  ),
);
results.push(
  loopBench('register loop with DAT on and key-protected storage', (cpu) => {
    cpu.gpr[2] = 1;
    setupDat(cpu);
  }, registerLoop, 4, 25_000_000 / big),
);

console.log('vm370 benchmark (MIPS = millions of S/370 instructions per second of host time)\n');
for (const r of results) {
  const mips = r.instructions / r.seconds / 1e6;
  console.log(`${r.name.padEnd(58)} ${mips.toFixed(1).padStart(7)} MIPS  (${r.instructions.toLocaleString()} instr in ${r.seconds.toFixed(2)} s)`);
}

// Further benchmarks register themselves as bench/*.ts modules exporting run(): Promise<string[]>.
for (const extra of ['asm.ts', 'cms.ts', 'cp.ts']) {
  const path = new URL(`./${extra}`, import.meta.url);
  if (existsSync(path)) {
    const mod = (await import(path.href)) as { run?: () => Promise<string[]> | string[] };
    if (typeof mod.run === 'function') for (const line of await mod.run()) console.log(line);
  }
}
