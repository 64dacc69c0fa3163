// Runs an assembled program test on a bare machine and compares the machine with the file's
// *EXPECT cards (docs/program-tests.md). The machine is the one `vm370 bare` builds (runBare in
// src/cli/bare-machine.ts): virtual time, idle waits skipped, no devices, DIAGNOSE a specification
// exception. In addition the runner keeps a log of the program interruptions taken, which PGM=
// expectations are compared with.

import { ProgramCode } from '../../src/arch/interruptions.ts';
import type { AssemblyResult } from '../../src/asm/index.ts';
import { Cpu } from '../../src/cpu/cpu.ts';
import { takeProgramInterruption } from '../../src/cpu/interruptions.ts';
import { loadPswFromWords, pswHex } from '../../src/cpu/psw.ts';
import type { Expectation, Location, ProgramTest } from './expectations.ts';

export interface ProgramInterruptionRecord {
  code: number;
  /** Address of the instruction that caused it (of the EX for an executed instruction). */
  address: number;
}

export interface ProgramRun {
  cpu: Cpu;
  /** How the run ended: a disabled wait, the *STOP AT address, the limit, an enabled wait nothing ends, a check-stop. */
  status: 'wait' | 'stop' | 'limit' | 'enabled-wait' | 'checkstop';
  reason?: string;
  interruptions: ProgramInterruptionRecord[];
}

/** More program interruptions than this mean a loop (a program new PSW that fails at once). */
const MAX_PROGRAM_INTERRUPTIONS = 10_000;

const hex = (v: number, digits: number) => (v >>> 0).toString(16).padStart(digits, '0');

/** Resolves a location against the assembly's symbols. */
export function resolve(at: Location, assembly: AssemblyResult): number {
  if (at.address !== undefined) return at.address;
  const sym = assembly.symbols.find((s) => s.name === at.symbol);
  if (!sym || sym.defined === 0) throw new Error(`${at.text}: no symbol ${at.symbol} in the assembly`);
  return (sym.value + at.offset) & 0xff_ffff;
}

/** Loads the core image, sets the start PSW and runs to the end condition. */
export function runProgram(test: ProgramTest, assembly: AssemblyResult): ProgramRun {
  const cpu = new Cpu({ storageSize: test.storageSize, timeMode: 'virtual', idleSkip: true, interceptProgram: true });
  const core = assembly.core;
  if (core.origin + core.bytes.length > cpu.memSize) throw new Error(`the program (${core.bytes.length} bytes at ${hex(core.origin, 6)}) does not fit in storage`);
  cpu.storage.load(core.origin, core.bytes);
  if (test.psw) loadPswFromWords(cpu, test.psw.word0 | 0, test.psw.word1.address ?? resolve(test.psw.word1, assembly));
  else cpu.ia = core.entry;
  const stopAt = test.stopAt ? resolve(test.stopAt, assembly) : -1;

  const interruptions: ProgramInterruptionRecord[] = [];
  const run: ProgramRun = { cpu, status: 'limit', interruptions };
  let remaining = test.limit;
  for (;;) {
    if (stopAt >= 0 && cpu.ia === stopAt && !cpu.waitState) {
      run.status = 'stop';
      break;
    }
    if (remaining <= 0) break;
    const before = cpu.instructions;
    // With *STOP AT the machine goes one instruction at a time so that it can stop at the address.
    const stop = cpu.run(stopAt >= 0 ? 1 : remaining);
    remaining -= cpu.instructions - before;
    let code = -1;
    if (stop.kind === 'program') code = stop.code;
    else if (stop.kind === 'diagnose') code = ProgramCode.specification;
    if (code >= 0) {
      // As runBare does: no CP, so DIAGNOSE is a specification exception (ILC 2, set by the fetch).
      interruptions.push({ code, address: cpu.curIa });
      takeProgramInterruption(cpu, code);
      if (interruptions.length > MAX_PROGRAM_INTERRUPTIONS) {
        run.status = 'checkstop';
        run.reason = 'program-interruption loop';
        break;
      }
      continue;
    }
    if (stop.kind === 'wait') {
      run.status = stop.disabled ? 'wait' : 'enabled-wait';
      break;
    }
    if (stop.kind === 'checkstop') {
      run.status = 'checkstop';
      run.reason = stop.reason;
      break;
    }
    if (stop.kind !== 'budget') throw new Error(`unexpected stop '${stop.kind}'`);
  }
  return run;
}

function describeStatus(run: ProgramRun): string {
  const psw = pswHex(run.cpu);
  switch (run.status) {
    case 'wait':
      return `disabled wait, PSW ${psw}`;
    case 'stop':
      return `stopped at ${hex(run.cpu.ia, 6)}, PSW ${psw}`;
    case 'enabled-wait':
      return `enabled wait that nothing ends, PSW ${psw}`;
    case 'checkstop':
      return `check-stop (${run.reason ?? ''}), PSW ${psw}`;
    case 'limit':
      return `instruction limit reached, PSW ${psw}`;
  }
}

/** Compares the machine with the expectations; returns one line per mismatch (empty: all met). */
export function checkExpectations(test: ProgramTest, assembly: AssemblyResult, run: ProgramRun): string[] {
  const cpu = run.cpu;
  const out: string[] = [];
  const at = (e: Expectation) => `line ${e.line}: `;
  const expectations = test.expectations;
  // The end condition: *STOP AT, or a disabled wait (at the address WAIT names, if it names one).
  const waits = expectations.filter((e) => e.kind === 'wait');
  if (test.stopAt) {
    if (run.status !== 'stop') out.push(`expected to stop at ${test.stopAt.text}: ${describeStatus(run)}`);
  } else if (run.status !== 'wait') {
    out.push(`expected a disabled wait: ${describeStatus(run)}`);
  }
  for (const e of expectations) {
    switch (e.kind) {
      case 'wait': {
        if (run.status !== 'wait') break; // already reported
        if (e.at) {
          const want = resolve(e.at, assembly);
          if (cpu.ia !== want) out.push(`${at(e)}WAIT ${e.at.text}: expected wait address ${hex(want, 6)}, got ${hex(cpu.ia, 6)} (PSW ${pswHex(cpu)})`);
        }
        break;
      }
      case 'gpr': {
        const got = cpu.gpr[e.register]! >>> 0;
        if (got !== e.value) out.push(`${at(e)}R${e.register}: expected ${hex(e.value, 8)}, got ${hex(got, 8)}`);
        break;
      }
      case 'cr': {
        const got = cpu.cr[e.register]! >>> 0;
        if (got !== e.value) out.push(`${at(e)}CR${e.register}: expected ${hex(e.value, 8)}, got ${hex(got, 8)}`);
        break;
      }
      case 'fpr': {
        const got = (hex(cpu.fpr[e.register]!, 8) + hex(cpu.fpr[e.register + 1]!, 8)).slice(0, e.hex.length);
        if (got !== e.hex) out.push(`${at(e)}FPR${e.register}: expected ${e.hex}, got ${got}`);
        break;
      }
      case 'cc':
        if (cpu.cc !== e.value) out.push(`${at(e)}CC: expected ${e.value}, got ${cpu.cc}`);
        break;
      case 'psw': {
        const got = pswHex(cpu);
        if (got !== e.hex) out.push(`${at(e)}PSW: expected ${e.hex}, got ${got}`);
        break;
      }
      case 'mem': {
        const address = resolve(e.at, assembly);
        if (address + e.bytes.length > cpu.memSize) {
          out.push(`${at(e)}MEM ${e.at.text}: ${hex(address, 6)} is outside storage`);
          break;
        }
        const got = Buffer.from(cpu.mem.subarray(address, address + e.bytes.length)).toString('hex');
        const want = Buffer.from(e.bytes).toString('hex');
        if (got !== want) out.push(`${at(e)}MEM ${e.at.text} (${hex(address, 6)}): expected ${want}, got ${got}`);
        break;
      }
      case 'pgm':
        break; // below, as a sequence
    }
  }
  // Program interruptions: exactly those the PGM cards list, in their order.
  const wanted = expectations.flatMap((e) => (e.kind === 'pgm' ? [{ code: e.code, address: resolve(e.at, assembly), text: e.at.text }] : []));
  const got = run.interruptions;
  const show = (r: { code: number; address: number }) => `${hex(r.code, 4)} at ${hex(r.address, 6)}`;
  const same = wanted.length === got.length && wanted.every((w, i) => w.code === got[i]!.code && w.address === got[i]!.address);
  if (!same) {
    out.push(
      `program interruptions: expected [${wanted.map((w) => `${show(w)} (${w.text})`).join(', ')}], got [${got.slice(0, 20).map(show).join(', ')}${got.length > 20 ? ', ...' : ''}]`,
    );
  }
  return out;
}

/** The machine state, for a failing test's message. */
export function machineSummary(run: ProgramRun): string {
  const cpu = run.cpu;
  const lines = [describeStatus(run) + `, ${cpu.instructions} instructions`];
  for (let i = 0; i < 16; i += 4) lines.push(`R${i}-R${i + 3}: ${Array.from(cpu.gpr.subarray(i, i + 4), (v) => hex(v, 8)).join(' ')}`);
  lines.push(`FPR: ${[0, 2, 4, 6].map((r) => hex(cpu.fpr[r]!, 8) + hex(cpu.fpr[r + 1]!, 8)).join(' ')}`);
  return lines.join('\n');
}
