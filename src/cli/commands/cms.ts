// `vm370 cms build [--out DIR]`: assembles our CMS (cms/) into the CMS saved system and writes
// CMS.segment, CMS.listing and saved-systems.json into DIR, a folder `IPL CMS` can use. The work is
// in src/cms; this file parses and prints. Exit codes: 0 built, 8 assembly or link errors (the
// messages on stderr), 2 a host file error.

import type { Command } from 'commander';
import { CmsBuildError, writeCmsBuild } from '../../cms/index.ts';

export function register(program: Command): void {
  const cms = program.command('cms').description('our CMS: build the nucleus saved system from cms/');
  cms
    .command('build')
    .description('assemble cms/nucleus and link it into CMS.segment (with CMS.listing and saved-systems.json)')
    .option('--out <dir>', 'the folder to write into', 'build/cms')
    .option('--root <dir>', 'the cms/ source folder (default: the repository\'s)')
    .action((opts: { out: string; root?: string }) => {
      try {
        const out = writeCmsBuild(opts.out, { root: opts.root });
        const b = out.build;
        process.stdout.write(
          `${out.segment}: ${b.sources.length} sources, nucleus X'0'-X'${(b.end - 1).toString(16).toUpperCase()}', entry X'${b.entry.toString(16).toUpperCase()}'\n`,
        );
      } catch (e) {
        if (e instanceof CmsBuildError) {
          for (const m of e.messages) process.stderr.write(`${m}\n`);
          process.exitCode = 8;
        } else if (e instanceof Error && 'code' in e) {
          // A host file error (the output folder cannot be written ...).
          process.stderr.write(`vm370 cms build: ${e.message}\n`);
          process.exitCode = 2;
        } else {
          throw e;
        }
      }
    });
}
