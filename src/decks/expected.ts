// Where a deck's expected output lives, and the exit code a run comes to.
//
// A deck NAME.job (any extension) has its expected printer output in NAME.printer.txt and its
// expected punch output in NAME.punch.txt beside it; a missing file is not compared.

import { existsSync, readFileSync } from 'node:fs';
import type { DeckResult, DeckStatus } from './runner.ts';

/** The expected-output files of a deck file. */
export function expectedFiles(deckPath: string): { printer: string; punch: string } {
  const base = deckPath.replace(/\.[^./\\]*$/, '');
  return { printer: `${base}.printer.txt`, punch: `${base}.punch.txt` };
}

/**
 * The expected texts of a deck, where the files exist. When one of them exists and the other does
 * not, the other is expected empty (a deck with an expected printer file that suddenly punches
 * fails); when neither exists, nothing is compared.
 */
export function readExpected(deckPath: string, overrides: { printer?: string; punch?: string } = {}): { printer?: string; punch?: string } {
  const defaults = expectedFiles(deckPath);
  const files = { printer: overrides.printer ?? defaults.printer, punch: overrides.punch ?? defaults.punch };
  const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : undefined);
  const printer = read(files.printer);
  const punch = read(files.punch);
  if (printer === undefined && punch === undefined) return {};
  return { printer: printer ?? '', punch: punch ?? '' };
}

/** Exit codes of `vm370 deck run` (2 is a usage error). */
export const DeckExit = { passed: 0, mismatch: 1, usage: 2, timeout: 3, abend: 4, malformed: 5, error: 6 } as const;

const CODE: Record<DeckStatus, number> = {
  passed: DeckExit.passed, ran: DeckExit.passed, mismatch: DeckExit.mismatch, timeout: DeckExit.timeout,
  abend: DeckExit.abend, malformed: DeckExit.malformed, error: DeckExit.error,
};

/** The run's exit code: the highest of its decks' codes (a system error outranks everything). */
export function deckExitCode(results: readonly DeckResult[]): number {
  return Math.max(0, ...results.map((r) => CODE[r.status]));
}
