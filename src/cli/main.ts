// The vm370 command line. Each file in ./commands registers one command (or a group) with commander;
// this is the only place that wires the project's modules together.

import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';

export interface CommandModule {
  register(program: Command): void;
}

export async function buildProgram(): Promise<Command> {
  const program = new Command();
  program
    .name('vm370')
    .description("IBM's VM/370 re-created in TypeScript: a System/370 machine, CP, CMS and 3270 terminals")
    .version('0.1.0')
    // Set before the commands are added so that every subcommand inherits it.
    .exitOverride();
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'commands');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
  for (const file of files) {
    const mod = (await import(pathToFileURL(join(dir, file)).href)) as Partial<CommandModule>;
    if (typeof mod.register === 'function') mod.register(program);
  }
  return program;
}

export async function main(argv: string[]): Promise<void> {
  // ink draws nothing live when it thinks it runs under CI (CI or CONTINUOUS_INTEGRATION set). The
  // local 3270 terminal is interactive by definition, so on a TTY `vm370 start` says it is not —
  // before any command module (and so ink) is loaded.
  if (argv[2] === 'start' && !argv.includes('--headless') && process.stdout.isTTY) {
    process.env.CI = 'false';
    process.env.CONTINUOUS_INTEGRATION = 'false';
  }
  // A reader that goes away (`vm370 ... | head`) is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  const program = await buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; usage errors exit 2 as documented.
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    throw e;
  }
}
