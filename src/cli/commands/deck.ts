// `vm370 deck run DECK...`: card decks through CMS batch machines, their printer and punch output
// compared with the expected files (docs/testers-guide.md). The work is in src/decks; this file
// parses, prints and sets the exit code (DeckExit: 0 every deck matched, 1 a mismatch, 2 usage,
// 3 a timeout, 4 an abend, 5 a malformed deck, 6 a system error; the highest of the decks').

import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { CONTROL_SOCKET, socketAnswers } from '../../cp/operator/control-socket.ts';
import { DeckExit, deckExitCode, expectedFiles, readExpected, runDecks, runDecksRemote, type DeckInput, type DeckResult } from '../../decks/index.ts';

interface DeckRunOptions {
  user?: string;
  expectPrinter?: string;
  expectPunch?: string;
  timeout: string;
  json?: boolean;
  jobs: string;
  data?: string;
  accept?: boolean;
  reuse: boolean;
}

function usage(message: string): void {
  process.stderr.write(`vm370 deck run: ${message}\n`);
  process.exitCode = DeckExit.usage;
}

const LABEL: Record<DeckResult['status'], string> = {
  passed: 'PASSED', ran: 'RAN', mismatch: 'MISMATCH', timeout: 'TIMEOUT', abend: 'ABEND', malformed: 'MALFORMED', error: 'ERROR',
};

export function register(program: Command): void {
  const deck = program.command('deck').description('card-deck regression runs: decks through CMS batch machines, output compared');
  deck
    .command('run')
    .description('run card decks on CMS batch machines and compare their printer and punch output with the expected files')
    .argument('<decks...>', 'deck files: text (one card a line) or *.ebcdic (80-byte EBCDIC cards)')
    .option('--user <USERID>', 'the user whose reader gets the decks (default: batch users BATCH1..BATCHn)')
    .option('--expect-printer <FILE>', 'expected printer output (one deck; default DECK.printer.txt beside the deck)')
    .option('--expect-punch <FILE>', 'expected punch output (one deck; default DECK.punch.txt beside the deck)')
    .option('--timeout <SECONDS>', 'wall-clock seconds a deck may take', '60')
    .option('--json', 'one JSON result per deck on stdout (JSON Lines), nothing else')
    .option('--jobs <N>', 'batch machines running decks at the same time', '4')
    .option('--data <DIR>', 'data folder for the batch system (default: a temporary one)')
    .option('--no-reuse', 'start a system of its own even when one runs in the --data folder')
    .option('--accept', 'write each deck\'s output as its expected files (after review!) instead of comparing')
    .addHelpText(
      'after',
      '\nExit codes: 0 every deck matched (or ran, with nothing to compare), 1 an output differs (unified\n' +
        'diff on stdout), 3 a deck timed out, 4 a job abended, 5 a deck is malformed, 6 the system failed,\n' +
        '2 usage. With several decks, the highest code. With --data DIR, decks go to the system that\n' +
        '`vm370 start --data DIR` runs, when one does (its directory needs batch users). See docs/testers-guide.md.',
    )
    .action(async (paths: string[], opts: DeckRunOptions) => {
      const timeout = Number(opts.timeout);
      const jobs = Number(opts.jobs);
      if (!Number.isFinite(timeout) || timeout <= 0) return usage(`--timeout wants seconds, not '${opts.timeout}'`);
      if (!Number.isInteger(jobs) || jobs < 1 || jobs > 32) return usage(`--jobs wants 1 to 32, not '${opts.jobs}'`);
      if ((opts.expectPrinter || opts.expectPunch) && paths.length > 1) return usage('--expect-printer and --expect-punch name the files of one deck');
      for (const p of [...paths, opts.expectPrinter, opts.expectPunch]) {
        if (p !== undefined && !existsSync(p)) return usage(`${p}: no such file`);
      }
      const decks: DeckInput[] = paths.map((path) => {
        const expected = opts.accept ? {} : readExpected(path, { printer: opts.expectPrinter, punch: opts.expectPunch });
        return { name: path, path, expectPrinter: expected.printer, expectPunch: expected.punch };
      });
      const out = (s: string) => process.stdout.write(s);
      const onResult = (r: DeckResult) => {
        if (opts.json) {
          out(`${JSON.stringify({ deck: r.deck, job: r.job, status: r.status, user: r.user, message: r.message, seconds: Number(r.seconds.toFixed(3)), diff: r.diff || undefined, printer: r.printer, punch: r.punch })}\n`);
          return;
        }
        const where = r.user ? ` (${r.job} on ${r.user}, ${r.seconds.toFixed(2)} s)` : '';
        out(`${LABEL[r.status].padEnd(9)} ${r.deck}${where}${r.message ? `: ${r.message}` : ''}\n`);
        if (r.status === 'mismatch') out(r.diff);
        if (opts.accept && r.user) {
          const files = expectedFiles(r.deck);
          writeFileSync(opts.expectPrinter ?? files.printer, r.printer);
          // No punch output: no punch file (a missing one is expected empty).
          if (r.punch !== '') writeFileSync(opts.expectPunch ?? files.punch, r.punch);
          else rmSync(opts.expectPunch ?? files.punch, { force: true });
          out(`          wrote ${opts.expectPrinter ?? files.printer}${r.punch !== '' ? ` and ${opts.expectPunch ?? files.punch}` : ''}\n`);
        }
      };
      const run = { jobs, users: opts.user ? [opts.user] : undefined, timeoutSeconds: timeout, onResult };
      // A system that `vm370 start --data DIR` runs answers on DIR/vm370.sock: the decks go there.
      const socket = opts.data !== undefined ? join(opts.data, CONTROL_SOCKET) : undefined;
      const live = socket !== undefined && (await socketAnswers(socket));
      // Two systems on one data folder would share its spool and disks: never.
      if (live && !opts.reuse) return usage(`a system is running in ${opts.data}: --no-reuse needs another --data folder`);
      const reuse = live && socket !== undefined;
      if (reuse) process.stderr.write(`vm370 deck run: using the running system in ${opts.data}\n`);
      const summary = reuse ? await runDecksRemote(socket, decks, run) : await runDecks(decks, { ...run, dataDir: opts.data });
      if (!opts.json) {
        const counts = new Map<string, number>();
        for (const r of summary.results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
        const parts = [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
        out(
          `${summary.results.length} decks: ${parts}; ${summary.decksPerMinute.toFixed(1)} decks per minute on ${opts.user ? 1 : Math.min(jobs, paths.length)} batch machines ` +
            (reuse
              ? `(${summary.runSeconds.toFixed(1)} s running on the running system)\n`
              : `(${summary.runSeconds.toFixed(1)} s running, ${summary.seconds.toFixed(1)} s with the system start)\n`),
        );
      }
      process.exitCode = deckExitCode(summary.results);
    });
}
