// `vm370 vm run`: one program run twice, on the bare machine and in a CP virtual machine, and the
// two results compared (src/cp/vm/compare-run.ts; course chapter 4, docs/course/04-trap-and-emulate.md).

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { assemble, formatMessage, iplDeck } from '../../asm/index.ts';
import { compareJson, compareRun, formatCompare } from '../../cp/vm/compare-run.ts';
import { parseStorageSize, UsageError } from '../bare-machine.ts';

/** Exit codes of `vm370 vm run`. */
export const VmRunExit = { agree: 0, differ: 1, usage: 2 } as const;

/** The IPL deck for FILE: assembled if it ends in .asm, otherwise read as binary 80-byte cards. */
export function deckFor(file: string): Uint8Array {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  if (/\.asm$/i.test(file)) {
    const name = basename(file).replace(/\.asm$/i, '').toUpperCase().slice(0, 8);
    const asm = assemble(bytes.toString('utf8'), { file: name });
    if (asm.returnCode > 4) {
      const messages = asm.messages.map((m) => formatMessage(m)).join('\n');
      throw new UsageError(`${file} did not assemble (return code ${asm.returnCode})${messages ? `\n${messages}` : ''}`);
    }
    if (asm.core.bytes.length === 0) throw new UsageError(`${file} assembled no code`);
    return iplDeck(asm.core);
  }
  if (bytes.length === 0 || bytes.length % 80 !== 0) {
    throw new UsageError(`${file}: ${bytes.length} bytes is not a binary IPL deck of 80-byte cards`);
  }
  return new Uint8Array(bytes);
}

export interface VmRunOptions {
  storage?: string;
  maxInstructions?: string;
  json?: boolean;
}

/** Runs the command; returns its exit code and output (the action below prints them). */
export function vmRun(file: string, options: VmRunOptions): { code: number; stdout: string; stderr: string } {
  try {
    const storageSize = parseStorageSize(options.storage ?? '256K');
    const max = Number(options.maxInstructions ?? '10000000');
    if (!Number.isSafeInteger(max) || max <= 0) {
      throw new UsageError(`--max-instructions wants a positive whole number, not '${String(options.maxInstructions)}'`);
    }
    const deck = deckFor(file);
    const result = compareRun({ deck, storageSize, maxInstructions: max });
    const stdout = options.json ? JSON.stringify(compareJson(result), null, 2) : formatCompare(result);
    return { code: result.agree ? VmRunExit.agree : VmRunExit.differ, stdout: stdout + '\n', stderr: '' };
  } catch (e) {
    if (e instanceof UsageError || e instanceof RangeError) {
      return { code: VmRunExit.usage, stdout: '', stderr: `vm370 vm run: ${e.message}\n` };
    }
    throw e;
  }
}

export function register(program: Command): void {
  const vm = program.command('vm').description('CP virtual machines');
  vm.command('run')
    .description('run a program on the bare machine and in a CP virtual machine, and compare the results')
    .argument('<file>', 'assembler source (.asm, assembled into an IPL deck) or a binary IPL deck')
    .option('--storage <SIZE>', 'storage size of both machines, with K or M suffix', '256K')
    .option('--max-instructions <N>', 'instruction limit of each run', '10000000')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nBoth machines IPL the deck from a card reader at 00C (the virtual machine from its virtual\n' +
        "reader) and run with virtual time until a disabled wait. Compared: the wait PSW, GR0-GR15 and\n" +
        "storage from X'18' up. Also shown: the privileged instructions CP intercepted and simulated.\n" +
        'Exit codes: 0 the two runs agree, 1 they differ (or one did not reach a disabled wait), 2 bad\n' +
        'arguments or input.',
    )
    .action((file: string, opts: VmRunOptions) => {
      const out = vmRun(file, opts);
      process.stdout.write(out.stdout);
      process.stderr.write(out.stderr);
      process.exitCode = out.code;
    });
}
