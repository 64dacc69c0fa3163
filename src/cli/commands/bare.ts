// `vm370 bare`: run the processor with no CP and no devices (interface kept stable for conformance checks).

import type { Command } from 'commander';
import {
  bareExitCode,
  formatBare,
  parseDump,
  parseLoad,
  parseStorageSize,
  runBare,
  UsageError,
  type BareDump,
  type BareLoad,
} from '../bare-machine.ts';


export function register(program: Command): void {
  program
    .command('bare')
    .description('run a program on the bare S/370 machine (no CP, no devices) until a disabled wait, check-stop or limit')
    .option('--load <FILE@HEXADDR>', 'load a binary file into storage at a hex address (repeatable)', (v, p: string[] = []) => [...p, v])
    .option('--psw <HEX16>', 'initial PSW (default: BC mode, disabled, key 0, supervisor, at the first load address)')
    .option('--max-instructions <N>', 'stop after this many instructions', '100000000')
    .option('--dump <mem=HEXADDR.HEXLEN>', 'show storage at the end (repeatable)', (v, p: string[] = []) => [...p, v])
    .option('--storage <SIZE>', 'storage size with K or M suffix', '16M')
    .option('--real-time', 'follow the host clock instead of deterministic virtual time')
    .option('--json', 'print the final state as one JSON object')
    .addHelpText(
      'after',
      '\nExit codes: 0 disabled wait, 1 check-stop, instruction limit or an enabled wait nothing can end, 2 bad arguments.',
    )
    .action((opts: { load?: string[]; psw?: string; maxInstructions: string; dump?: string[]; storage: string; realTime?: boolean; json?: boolean }) => {
      try {
        const loads: BareLoad[] = (opts.load ?? []).map(parseLoad);
        const dumps: BareDump[] = (opts.dump ?? []).map(parseDump);
        const max = Number(opts.maxInstructions);
        if (!Number.isSafeInteger(max) || max <= 0) throw new UsageError(`--max-instructions wants a positive whole number, not '${opts.maxInstructions}'`);
        const result = runBare({
          loads,
          dumps,
          psw: opts.psw,
          maxInstructions: max,
          storageSize: parseStorageSize(opts.storage),
          realTime: opts.realTime,
        });
        const { disabledWait: _d, ...json } = result;
        process.stdout.write((opts.json ? JSON.stringify(json) : formatBare(result)) + '\n');
        process.exitCode = bareExitCode(result);
      } catch (e) {
        if (e instanceof UsageError) {
          process.stderr.write(`vm370 bare: ${e.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw e;
      }
    });
}

