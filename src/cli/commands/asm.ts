// `vm370 asm`: assemble an S/370 source file into an object deck, a listing, an IPL deck or a core image.
// The exit code is the assembler's return code (0, 4, 8, 12, 16).

import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { assemble, formatMessage, iplDeck } from '../../asm/index.ts';

interface AsmOptions {
  object?: string;
  list?: string;
  maclib?: string[];
  iplDeck?: string;
  core?: string;
  sysparm?: string;
}

function hex6(n: number): string {
  return n.toString(16).toUpperCase().padStart(6, '0');
}

export function register(program: Command): void {
  program
    .command('asm')
    .description('assemble an S/370 assembler source (Assembler F/XF language, macros included)')
    .argument('<file>', 'source file: 80-column card images, one per line')
    .option('--object <out>', 'write the object deck (80-byte EBCDIC ESD/TXT/RLD/END cards)')
    .option('--list <out>', 'write the listing (without it, messages go to stderr)')
    .option('--maclib <dir>', 'macro library folder (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--ipl-deck <out>', 'write a card deck that IPLs the program from a card reader')
    .option('--core <out>', 'write the flat core image (lowest to highest address assembled)')
    .option('--sysparm <s>', 'value of &SYSPARM')
    .addHelpText('after', '\nExit codes: the return code, 0 clean, 4 warnings, 8 errors, 12 severe errors, 16 terminal.')
    .action((file: string, opts: AsmOptions) => {
      let source: string;
      try {
        source = readFileSync(file, 'utf8');
      } catch (e) {
        process.stderr.write(`vm370 asm: cannot read ${file}: ${(e as Error).message}\n`);
        process.exitCode = 16;
        return;
      }
      const result = assemble(source, { file, maclibs: opts.maclib ?? [], sysparm: opts.sysparm });
      if (opts.object) writeFileSync(opts.object, result.object);
      if (opts.list) writeFileSync(opts.list, result.listing);
      else for (const m of result.messages) process.stderr.write(formatMessage(m) + '\n');
      if (opts.core) {
        writeFileSync(opts.core, result.core.bytes);
        process.stdout.write(
          `${opts.core}: ${result.core.bytes.length} bytes at X'${hex6(result.core.origin)}', entry X'${hex6(result.core.entry)}'\n`,
        );
      }
      if (opts.iplDeck) writeFileSync(opts.iplDeck, iplDeck(result.core));
      process.exitCode = result.returnCode;
    });
}
