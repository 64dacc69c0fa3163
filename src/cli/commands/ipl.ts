// `vm370 ipl`: the bare machine with its standard devices, loaded from a device or a deck file and run
// headless to a disabled wait (docs/devices.md).

import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { ProgramCode } from '../../arch/interruptions.ts';
import { ChannelSubsystem } from '../../channel/channel-subsystem.ts';
import { iplFromDevice } from '../../channel/ipl.ts';
import { Cpu } from '../../cpu/cpu.ts';
import { pswHex } from '../../cpu/psw.ts';
import {
  attachStandardDevices,
  parseAddressAssignment,
  STANDARD_ADDRESSES,
  type StandardConfiguration,
} from '../../devices/configuration.ts';
import type { Console3215Options } from '../../devices/console/console-3215.ts';
import type { OutputSink } from '../../devices/output-file.ts';
import { parseFcb } from '../../devices/printer/fcb.ts';
import { Storage } from '../../storage/storage.ts';
import { parseStorageSize, UsageError } from '../bare-machine.ts';

export interface IplOptions {
  /** A device address (hex) to IPL from, or a deck file to IPL from the reader. */
  target: string;
  decks?: string[];
  printer?: string;
  printerFormat?: 'text' | 'raw';
  printerSink?: OutputSink;
  fcb?: string;
  punch?: string;
  punchFormat?: 'binary' | 'text';
  punchSink?: OutputSink;
  dasd?: string[];
  tapes?: string[];
  virtualTime?: boolean;
  maxInstructions?: number;
  storageSize?: number;
  console?: Console3215Options;
}

export type IplStatus = 'wait' | 'checkstop' | 'limit' | 'hang' | 'ipl-failed';

export interface IplRunResult {
  status: IplStatus;
  /** Disabled wait: the low 12 bits of the wait PSW's instruction address. */
  waitCode?: number;
  psw: string;
  instructions: number;
  reason?: string;
  /** Devices the program started I/O on (and the IPL device), with their START I/O counts. */
  devices: Array<{ address: number; type: string; starts: number }>;
}

/** Exit codes of `vm370 ipl` (2 is a usage or file error, from the command itself). */
export const IplExit = { success: 0, waitCode: 1, usage: 2, iplFailed: 3, limit: 4, checkstop: 5, hang: 6 } as const;

export function iplExitCode(result: IplRunResult): number {
  switch (result.status) {
    case 'wait':
      return result.waitCode === 0 ? IplExit.success : IplExit.waitCode;
    case 'ipl-failed':
      return IplExit.iplFailed;
    case 'limit':
      return IplExit.limit;
    case 'checkstop':
      return IplExit.checkstop;
    default:
      return IplExit.hang;
  }
}

const SLICE = 1_000_000;

/** Builds the machine, IPLs and runs it. File and usage problems throw UsageError. */
export async function runIpl(options: IplOptions): Promise<IplRunResult> {
  const realTime = !options.virtualTime;
  const storage = new Storage(options.storageSize ?? 16 * 1024 * 1024);
  const channels = new ChannelSubsystem({ storage, timeMode: realTime ? 'real' : 'virtual' });
  const isAddress = /^[0-9a-fA-F]{1,3}$/.test(options.target) && !existsSync(options.target);
  const iplAddress = isAddress ? parseInt(options.target, 16) : STANDARD_ADDRESSES.reader;
  try {
    const config: StandardConfiguration = {
      decks: [...(isAddress ? [] : [options.target]), ...(options.decks ?? [])],
      printer: { file: options.printer, sink: options.printerSink, format: options.printerFormat, fcb: options.fcb ? parseFcb(options.fcb) : undefined },
      punch: { file: options.punch, sink: options.punchSink, format: options.punchFormat },
      console: options.console ?? { input: process.stdin, output: process.stdout },
      dasd: (options.dasd ?? []).map((spec) => parseAddressAssignment(spec, '--dasd')),
      tapes: (options.tapes ?? []).map((spec) => parseAddressAssignment(spec, '--tape')),
    };
    attachStandardDevices(channels, config);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const cpu = new Cpu({ storage, io: channels, timeMode: realTime ? 'real' : 'virtual', idleSkip: !realTime });
  try {
    const loaded = iplFromDevice(channels, iplAddress);
    if (!loaded.ok) return summary(cpu, channels, iplAddress, 'ipl-failed', loaded.reason);
    cpu.loadPsw(0);
    if (!realTime) cpu.ticks = channels.now();
    return await runToEnd(cpu, channels, iplAddress, options.maxInstructions ?? 100_000_000, realTime);
  } finally {
    channels.close();
  }
}

async function runToEnd(cpu: Cpu, channels: ChannelSubsystem, iplAddress: number, limit: number, realTime: boolean): Promise<IplRunResult> {
  let remaining = limit;
  for (;;) {
    const before = cpu.instructions;
    const stop = cpu.run(Math.min(remaining, SLICE));
    remaining -= cpu.instructions - before;
    if (stop.kind === 'diagnose') {
      // No control program: DIAGNOSE has no function on the bare machine.
      cpu.recognizeProgramException(ProgramCode.specification, false);
      continue;
    }
    if (stop.kind === 'checkstop') return summary(cpu, channels, iplAddress, 'checkstop', stop.reason);
    if (stop.kind === 'wait') {
      if (stop.disabled) return summary(cpu, channels, iplAddress, 'wait');
      const externalEnabled = (cpu.sysMask & 0x01) !== 0;
      if (channels.waitingForHost() || (realTime && (channels.nextScheduled() || externalEnabled))) {
        await Promise.race([channels.whenActivity(), sleep(realTime ? 5 : 1000)]);
        continue;
      }
      return summary(cpu, channels, iplAddress, 'hang', 'an enabled wait that nothing can end');
    }
    if (remaining <= 0) return summary(cpu, channels, iplAddress, 'limit');
    // Let host input and real-time device events in.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function summary(cpu: Cpu, channels: ChannelSubsystem, iplAddress: number, status: IplStatus, reason?: string): IplRunResult {
  return {
    status,
    ...(status === 'wait' ? { waitCode: cpu.ia & 0xfff } : {}),
    psw: pswHex(cpu),
    instructions: cpu.instructions,
    ...(reason ? { reason } : {}),
    devices: channels
      .devices()
      .filter((d) => d.starts > 0 || d.address === iplAddress)
      .map((d) => ({ address: d.address, type: d.device.type, starts: d.starts })),
  };
}

export function formatIplSummary(result: IplRunResult): string {
  const hex3 = (n: number) => n.toString(16).padStart(3, '0').toUpperCase();
  const what =
    result.status === 'wait'
      ? `disabled wait, code ${hex3(result.waitCode ?? 0)}`
      : result.status === 'limit'
        ? 'instruction limit reached'
        : result.status === 'checkstop'
          ? `check-stop: ${result.reason ?? ''}`
          : result.status === 'ipl-failed'
            ? `IPL failed: ${result.reason ?? ''}`
            : (result.reason ?? 'hang');
  const devices = result.devices.map((d) => `${hex3(d.address)} ${d.type} ${d.starts} SIO`).join(', ');
  const psw = result.psw.toUpperCase();
  return `vm370 ipl: ${what}; ${result.instructions} instructions; PSW ${psw.slice(0, 8)} ${psw.slice(8)}; devices: ${devices || 'none'}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function register(program: Command): void {
  program
    .command('ipl')
    .description('IPL the bare machine from a device or a deck and run it until a disabled wait')
    .argument('<device-or-file>', 'a device address (such as 00C or 190) or a deck file to IPL from the reader')
    .option('--reader <DECK>', 'a deck for the reader 00C, after the IPL deck (repeatable; text:FILE, binary:FILE)', collect)
    .option('--printer <FILE>', 'printer 00E output file')
    .option('--printer-format <FORMAT>', 'text or raw', 'text')
    .option('--fcb <LINES>', 'printer carriage tape: twelve line numbers for channels 1-12')
    .option('--punch <FILE>', 'punch 00D output file')
    .option('--punch-format <FORMAT>', 'binary (80-byte cards) or text', 'binary')
    .option('--dasd <CUU=IMAGE>', 'a 3330/3350 Hercules CKD image at a device address (repeatable)', collect)
    .option('--tape <CUU=IMAGE>', 'a 3420 with an AWS tape image at a device address (repeatable)', collect)
    .option('--virtual-time', 'deterministic virtual time (default: real time)')
    .option('--max-instructions <N>', 'stop after this many instructions', '100000000')
    .option('--storage <SIZE>', 'storage size with K or M suffix', '16M')
    .addHelpText(
      'after',
      '\nDevices: console 009 (3215, standard input and output), reader 00C, punch 00D, printer 00E.\n' +
        'Exit codes: 0 disabled wait with wait code 0 (the low 12 bits of the wait PSW address), 1 disabled\n' +
        'wait with another code, 2 bad arguments or files, 3 IPL failed, 4 instruction limit, 5 check-stop,\n' +
        '6 an enabled wait that nothing can end. A summary line goes to standard error.',
    )
    .action(async (target: string, opts: Record<string, string | string[] | boolean | undefined>) => {
      try {
        const max = Number(opts.maxInstructions);
        if (!Number.isSafeInteger(max) || max <= 0) throw new UsageError(`--max-instructions wants a positive whole number, not '${String(opts.maxInstructions)}'`);
        const printerFormat = opts.printerFormat as string;
        if (printerFormat !== 'text' && printerFormat !== 'raw') throw new UsageError(`--printer-format is text or raw, not '${printerFormat}'`);
        const punchFormat = opts.punchFormat as string;
        if (punchFormat !== 'binary' && punchFormat !== 'text') throw new UsageError(`--punch-format is binary or text, not '${punchFormat}'`);
        const result = await runIpl({
          target,
          decks: opts.reader as string[] | undefined,
          printer: opts.printer as string | undefined,
          printerFormat,
          fcb: opts.fcb as string | undefined,
          punch: opts.punch as string | undefined,
          punchFormat,
          dasd: opts.dasd as string[] | undefined,
          tapes: opts.tape as string[] | undefined,
          virtualTime: opts.virtualTime === true,
          maxInstructions: max,
          storageSize: parseStorageSize(opts.storage as string),
        });
        process.stderr.write(formatIplSummary(result) + '\n');
        process.exitCode = iplExitCode(result);
      } catch (e) {
        if (e instanceof UsageError) {
          process.stderr.write(`vm370 ipl: ${e.message}\n`);
          process.exitCode = IplExit.usage;
          return;
        }
        throw e;
      }
    });
}
