// Cross-checks program tests on Hercules (Debian package `hercules`, S/370 mode): each program's core
// image is loaded with `loadcore`, started through the restart new PSW, run to its disabled wait (or
// to a breakpoint at its *STOP AT address), and Hercules' registers, storage and program
// interruptions are compared with the file's *EXPECT cards by the same checker the suite uses.
// A tool for whoever writes or doubts an expectation; the suite itself does not need Hercules.
//
//   npx tsx test/programs/hercules/compare.ts [NAME.assemble ...]     (default: every program)

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve as resolvePath } from 'node:path';
import { assemble } from '../../../src/asm/index.ts';
import { Cpu } from '../../../src/cpu/cpu.ts';
import { setPswHex } from '../../../src/cpu/psw.ts';
import { parseProgramTest, type ProgramTest } from '../expectations.ts';
import { checkExpectations, resolve, type ProgramRun } from '../runner.ts';

const PROGRAMS = resolvePath(import.meta.dirname, '..');
const hex = (v: number, digits: number) => (v >>> 0).toString(16).padStart(digits, '0');

/** Storage ranges the expectations look at. */
function dumpRanges(test: ProgramTest, assembly: ReturnType<typeof assemble>): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const e of test.expectations) if (e.kind === 'mem') ranges.push([resolve(e.at, assembly), e.bytes.length]);
  return ranges;
}

/** Runs one program on Hercules; returns the machine as Hercules left it, in a Cpu, and the log. */
export function runOnHercules(file: string, seconds = 2): { run: ProgramRun; test: ProgramTest; assembly: ReturnType<typeof assemble>; log: string } {
  const source = readFileSync(file, 'utf8');
  const test = parseProgramTest(source);
  const assembly = assemble(source, { file: basename(file) });
  const dir = mkdtempSync(join(tmpdir(), 'vm370-herc-prog-'));
  const core = join(dir, 'core.bin');
  writeFileSync(core, assembly.core.bytes);
  const word1 = test.psw ? (test.psw.word1.address ?? resolve(test.psw.word1, assembly)) : assembly.core.entry;
  const psw = test.psw ? hex(test.psw.word0, 8) + hex(word1, 8) : '00000000' + hex(word1, 8);
  // Hercules' smallest S/370 storage is 2M: a program that needs a smaller machine should put
  // its addressing exceptions above 2M too.
  const mainsize = Math.max(2, Math.ceil(test.storageSize / (1024 * 1024)));
  writeFileSync(join(dir, 'herc.cnf'), ['ARCHMODE S/370', `MAINSIZE ${mainsize}`, 'NUMCPU 1', 'CPUMODEL 3158', 'OSTAILOR NULL', '0009 3215', ''].join('\n'));
  const rc = [`loadcore ${core} ${hex(assembly.core.origin, 6)}`, `r 0=${psw}`];
  if (test.stopAt) rc.push(`b ${hex(resolve(test.stopAt, assembly), 6)}`);
  rc.push('restart', `pause ${seconds}`, 'stop', 'psw', 'gpr', 'fpr', 'cr');
  for (const [address, length] of dumpRanges(test, assembly)) rc.push(`r ${hex(address, 6)}.${hex(length, 4)}`);
  rc.push('pause 1', 'quit', '');
  writeFileSync(join(dir, 'herc.rc'), rc.join('\n'));
  const r = spawnSync('hercules', ['-d', '-f', join(dir, 'herc.cnf')], {
    cwd: dir,
    env: { ...process.env, HERCULES_RC: join(dir, 'herc.rc') },
    encoding: 'latin1',
    maxBuffer: 512 * 1024 * 1024,
    timeout: 60_000 + seconds * 1000,
    killSignal: 'SIGKILL',
  });
  if (r.error) throw r.error;
  const log = r.stdout + r.stderr;

  const cpu = new Cpu({ storageSize: test.storageSize });
  const run: ProgramRun = { cpu, status: 'limit', interruptions: [] };
  if (/HHCCP011I CPU0000: Disabled wait state/.test(log)) run.status = 'wait';
  const lines = log.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const pgm = /HHCCP014I CPU0000: .* CODE=([0-9A-F]{4}) ILC=(\d)/.exec(line);
    if (pgm) {
      const m = /PSW=([0-9A-F]{8}) ([0-9A-F]{8})/.exec(lines[i + 1] ?? '');
      const code = parseInt(pgm[1]!, 16);
      const ilc = Number(pgm[2]);
      if (m) {
        const ia = parseInt(m[2]!, 16) & 0xff_ffff;
        const nullified = code === 0x10 || code === 0x11;
        run.interruptions.push({ code: code & 0xff, address: nullified ? ia : (ia - ilc) & 0xff_ffff });
      }
    }
  }
  // The state after the run: the last displays.
  const pswLine = [...log.matchAll(/^PSW=([0-9A-F]{8}) ([0-9A-F]{8})\s*$/gm)].at(-1);
  if (pswLine) {
    const w0 = parseInt(pswLine[1]!, 16);
    const w1 = parseInt(pswLine[2]!, 16);
    const ec = (w0 & 0x0008_0000) !== 0;
    // BC mode: Hercules shows the ILC in bits 32-33; the loader ignores it.
    setPswHex(cpu, hex(w0, 8) + hex(ec ? w1 : w1 & 0x3fff_ffff, 8));
  }
  // Stopped by the breakpoint: the CPU stands at the *STOP AT address.
  if (test.stopAt && run.status !== 'wait' && cpu.ia === resolve(test.stopAt, assembly)) run.status = 'stop';
  const tail = log.slice(log.lastIndexOf('\ngpr'));
  for (const m of tail.matchAll(/GR(\d\d)=([0-9A-F]{8})/g)) cpu.gpr[Number(m[1])] = parseInt(m[2]!, 16) | 0;
  for (const m of tail.matchAll(/CR(\d\d)=([0-9A-F]{8})/g)) cpu.cr[Number(m[1])] = parseInt(m[2]!, 16) >>> 0;
  for (const m of tail.matchAll(/FPR(\d)=([0-9A-F]{8}) ([0-9A-F]{8})/g)) {
    cpu.fpr[Number(m[1])] = parseInt(m[2]!, 16) >>> 0;
    cpu.fpr[Number(m[1]) + 1] = parseInt(m[3]!, 16) >>> 0;
  }
  // `r ADDR.LEN` shows 16 bytes a line from ADDR, grouped on word boundaries, then the characters.
  for (const m of tail.matchAll(/^R:([0-9A-F]{8}):K:[0-9A-F]{2}=([0-9A-F ]+)/gm)) {
    const digits = m[2]!.replace(/ /g, '').slice(0, 32);
    cpu.mem.set(Buffer.from(digits, 'hex'), parseInt(m[1]!, 16));
  }
  return { run, test, assembly, log };
}

function main(): void {
  const args = process.argv.slice(2);
  const files = (args.length > 0 ? args : readdirSync(PROGRAMS).filter((f) => f.endsWith('.assemble')).sort()).map((f) => (f.includes('/') ? f : join(PROGRAMS, f)));
  let failed = 0;
  for (const file of files) {
    const { run, test, assembly, log } = runOnHercules(file);
    const mismatches = checkExpectations(test, assembly, run);
    if (process.env.HERCULES_LOG) writeFileSync(process.env.HERCULES_LOG, log);
    console.log(`${mismatches.length === 0 ? 'same  ' : 'DIFFER'} ${basename(file)}`);
    for (const m of mismatches) console.log(`       ${m}`);
    if (mismatches.length > 0) failed++;
  }
  process.exitCode = failed > 0 ? 1 : 0;
}

main();
