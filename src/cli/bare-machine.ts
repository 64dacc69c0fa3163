// The bare machine: the processor with no CP and no devices, like a real System/370 (or Hercules)
// after a load from the operator's console. Used by `vm370 bare` and by conformance checks.

import { readFileSync } from 'node:fs';
import { ProgramCode } from '../arch/interruptions.ts';
import { Cpu } from '../cpu/cpu.ts';
import { pswHex, setPswHex } from '../cpu/psw.ts';

export interface BareLoad {
  file: string;
  address: number;
}

export interface BareDump {
  /** The address as the user wrote it (the key in the JSON output). */
  label: string;
  address: number;
  length: number;
}

export interface BareOptions {
  loads: BareLoad[];
  psw?: string;
  maxInstructions: number;
  dumps: BareDump[];
  storageSize: number;
  realTime?: boolean;
}

export interface BareResult {
  status: 'wait' | 'checkstop' | 'limit';
  /** True for a wait state that no interruption can end. */
  disabledWait: boolean;
  psw: string;
  gpr: string[];
  fpr: string[];
  cr: string[];
  instructions: number;
  mem: Record<string, string>;
  reason?: string;
}

export class UsageError extends Error {}

const hex8 = (v: number) => (v >>> 0).toString(16).padStart(8, '0');

/** Parses FILE@HEXADDR. */
export function parseLoad(spec: string): BareLoad {
  const at = spec.lastIndexOf('@');
  if (at <= 0) throw new UsageError(`--load wants FILE@HEXADDR, not '${spec}'`);
  const address = parseHex(spec.slice(at + 1), '--load address');
  return { file: spec.slice(0, at), address };
}

/** Parses mem=HEXADDR.HEXLEN. */
export function parseDump(spec: string): BareDump {
  const m = /^mem=([0-9a-fA-F]+)\.([0-9a-fA-F]+)$/.exec(spec);
  if (!m) throw new UsageError(`--dump wants mem=HEXADDR.HEXLEN, not '${spec}'`);
  return { label: m[1]!, address: parseInt(m[1]!, 16), length: parseInt(m[2]!, 16) };
}

/** Parses a storage size such as 2M, 512K or 65536. */
export function parseStorageSize(text: string): number {
  const m = /^(\d+)([KkMm]?)$/.exec(text);
  if (!m) throw new UsageError(`--storage wants a size such as 512K or 2M, not '${text}'`);
  const n = Number(m[1]) * (m[2]!.toUpperCase() === 'K' ? 1024 : m[2]!.toUpperCase() === 'M' ? 1024 * 1024 : 1);
  if (n < 4096 || n > 16 * 1024 * 1024 || n % 2048 !== 0) {
    throw new UsageError(`--storage must be a multiple of 2K from 4K to 16M, not '${text}'`);
  }
  return n;
}

function parseHex(text: string, what: string): number {
  if (!/^[0-9a-fA-F]{1,6}$/.test(text)) throw new UsageError(`${what} must be 1 to 6 hex digits, not '${text}'`);
  return parseInt(text, 16);
}

/** Runs the bare machine to a disabled wait, a check-stop or the instruction limit. */
export function runBare(options: BareOptions): BareResult {
  if (options.loads.length === 0) throw new UsageError('at least one --load FILE@HEXADDR is needed');
  const cpu = new Cpu({
    storageSize: options.storageSize,
    timeMode: options.realTime ? 'real' : 'virtual',
    idleSkip: !options.realTime,
  });
  for (const load of options.loads) {
    let data: Uint8Array;
    try {
      data = readFileSync(load.file);
    } catch (e) {
      throw new UsageError(`cannot read ${load.file}: ${(e as Error).message}`);
    }
    if (load.address + data.length > cpu.memSize) {
      throw new UsageError(`${load.file} (${data.length} bytes) does not fit at ${load.address.toString(16)} in storage`);
    }
    cpu.storage.load(load.address, data);
  }
  for (const dump of options.dumps) {
    if (dump.address + dump.length > cpu.memSize) {
      throw new UsageError(`--dump mem=${dump.label}.${dump.length.toString(16)} is outside storage`);
    }
  }
  if (options.psw) {
    if (!/^[0-9a-fA-F]{16}$/.test(options.psw)) throw new UsageError(`--psw wants 16 hex digits, not '${options.psw}'`);
    setPswHex(cpu, options.psw);
  } else {
    cpu.ia = options.loads[0]!.address;
  }

  let remaining = options.maxInstructions;
  let status: BareResult['status'] = 'limit';
  let disabledWait = false;
  let reason: string | undefined;
  for (;;) {
    const before = cpu.instructions;
    const stop = cpu.run(remaining);
    remaining -= cpu.instructions - before;
    if (stop.kind === 'diagnose') {
      // No control program: DIAGNOSE has no defined function on this machine.
      cpu.recognizeProgramException(ProgramCode.specification, false);
      if (cpu.checkstopped) {
        status = 'checkstop';
        reason = cpu.stop.reason;
        break;
      }
      continue;
    }
    if (stop.kind === 'wait') {
      status = 'wait';
      disabledWait = stop.disabled;
      break;
    }
    if (stop.kind === 'checkstop') {
      status = 'checkstop';
      reason = stop.reason;
      break;
    }
    if (stop.kind === 'budget' || remaining <= 0) {
      status = 'limit';
      break;
    }
  }

  const fpr: string[] = [];
  for (let r = 0; r < 8; r += 2) fpr.push(hex8(cpu.fpr[r]!) + hex8(cpu.fpr[r + 1]!));
  const mem: Record<string, string> = {};
  for (const dump of options.dumps) {
    mem[dump.label] = Buffer.from(cpu.mem.subarray(dump.address, dump.address + dump.length)).toString('hex');
  }
  return {
    status,
    disabledWait,
    psw: pswHex(cpu),
    gpr: Array.from(cpu.gpr, hex8),
    fpr,
    cr: Array.from(cpu.cr, hex8),
    instructions: cpu.instructions,
    mem,
    ...(reason ? { reason } : {}),
  };
}

/** Exit code: 0 for a disabled wait, 1 for a check-stop, the limit, or a wait nothing can end. */
export function bareExitCode(result: BareResult): number {
  return result.status === 'wait' && result.disabledWait ? 0 : 1;
}

/** The human-readable form of a result. */
export function formatBare(result: BareResult): string {
  const lines: string[] = [];
  const what =
    result.status === 'wait'
      ? result.disabledWait
        ? 'disabled wait'
        : 'enabled wait with nothing to end it'
      : result.status === 'checkstop'
        ? `check-stop${result.reason ? ': ' + result.reason : ''}`
        : 'instruction limit reached';
  lines.push(`${what} after ${result.instructions} instructions`);
  lines.push(`PSW  ${result.psw.slice(0, 8)} ${result.psw.slice(8)}`);
  for (let i = 0; i < 16; i += 4) {
    lines.push(`GR${i.toString().padStart(2, '0')}-${(i + 3).toString().padStart(2, '0')} ${result.gpr.slice(i, i + 4).join(' ')}`);
  }
  lines.push(`FPR  ${result.fpr.join(' ')}`);
  for (let i = 0; i < 16; i += 4) {
    lines.push(`CR${i.toString().padStart(2, '0')}-${(i + 3).toString().padStart(2, '0')} ${result.cr.slice(i, i + 4).join(' ')}`);
  }
  for (const [address, bytes] of Object.entries(result.mem)) {
    for (let off = 0; off < bytes.length; off += 32) {
      const at = (parseInt(address, 16) + off / 2).toString(16).padStart(6, '0');
      lines.push(`${at}  ${bytes.slice(off, off + 32).replace(/(.{8})/g, '$1 ').trim()}`);
    }
  }
  return lines.join('\n');
}
