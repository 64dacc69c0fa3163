// `vm370 deck run` as CI runs it: the exit code says what happened, a mismatch prints a unified
// diff on stdout, --json prints one JSON result per deck, --accept writes the expected files.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const vm370 = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/vm370.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

const DECK = `/JOB CLI
/PUNCH
FIRST CARD
SECOND CARD
/END
`;

describe('vm370 deck run', () => {
  it('--accept writes the expected files; the next run matches (exit 0); a changed expectation is a diff (exit 1); --json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vm370-deck-cli-'));
    const deck = join(dir, 'cli.job');
    writeFileSync(deck, DECK);
    const accepted = vm370('deck', 'run', deck, '--accept', '--jobs', '1');
    expect(accepted.status).toBe(0);
    expect(readFileSync(join(dir, 'cli.punch.txt'), 'utf8')).toBe('FIRST CARD\nSECOND CARD\n');
    expect(readFileSync(join(dir, 'cli.printer.txt'), 'utf8')).toMatch(/^CMS VERSION 6\.0 /);
    const again = vm370('deck', 'run', deck);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^PASSED    .*cli\.job \(CLI on BATCH1, /);
    expect(again.stdout).toMatch(/1 decks: 1 passed; [\d.]+ decks per minute on 1 batch machines/);

    writeFileSync(join(dir, 'cli.punch.txt'), 'FIRST CARD\nOTHER CARD\n');
    const bad = join(dir, 'bad.job');
    writeFileSync(bad, '/JOB BAD\n/NOSUCH\n');
    const run = vm370('deck', 'run', deck, bad, '--json');
    // The worst deck decides: malformed (5) over the mismatch (1).
    expect(run.status).toBe(5);
    const results = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { deck: string; status: string; diff?: string; message?: string });
    const cli = results.find((r) => r.deck === deck)!;
    expect(cli.status).toBe('mismatch');
    expect(cli.diff).toContain('-OTHER CARD\n+SECOND CARD\n');
    expect(results.find((r) => r.deck === bad)!.message).toBe(`${bad}: card 2: unknown control card /NOSUCH`);

    const text = vm370('deck', 'run', deck);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain(`MISMATCH  ${deck}`);
    expect(text.stdout).toContain(`--- ${deck} expected punch\n+++ ${deck} punch\n`);
  }, 120_000);

  it('a bad option is a usage error (exit 2)', () => {
    const run = vm370('deck', 'run', 'nosuch.job');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('nosuch.job: no such file');
  });
});
