// The regression decks of decks/jobs: every deck runs on the CMS batch machines (four at a time,
// one system, virtual time) and its printer and punch output must be byte for byte the expected
// files beside it (NAME.printer.txt, NAME.punch.txt). The deck that punches a deck has its punched
// deck run as a job too.

import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readExpected, runDecks, type DeckInput, type RunSummary } from '../../src/decks/index.ts';

const JOBS = resolve(import.meta.dirname, '../../decks/jobs');
const deckFiles = readdirSync(JOBS).filter((f) => /\.(job|ebcdic)$/.test(f)).sort();

describe('the regression decks of decks/jobs', () => {
  let summary: RunSummary;
  beforeAll(async () => {
    const decks: DeckInput[] = deckFiles.map((f) => {
      const path = join(JOBS, f);
      const expected = readExpected(path);
      return { name: f, path, expectPrinter: expected.printer, expectPunch: expected.punch };
    });
    summary = await runDecks(decks, { jobs: 4, timeoutSeconds: 60 });
  }, 180_000);

  it('there are at least 20 decks, each with an expected printer file', () => {
    expect(deckFiles.length).toBeGreaterThanOrEqual(20);
    for (const f of deckFiles) expect(readExpected(join(JOBS, f)).printer, f).toBeDefined();
  });

  it.each(deckFiles)('%s gives its expected printer and punch output', (file) => {
    const result = summary.results.find((r) => r.deck === file)!;
    expect(result.message ?? '', file).toBe('');
    expect(result.diff, file).toBe('');
    expect(result.status).toBe('passed');
  });

  it('the deck punched by punchdeck.job is a job that runs: its program types its greeting', async () => {
    const punched = summary.results.find((r) => r.deck === 'punchdeck.job')!.punch;
    expect(punched.split('\n')[0]).toBe('/JOB CHILD');
    const child = await runDecks([{ name: 'child', text: punched }], { jobs: 1 });
    expect(child.results[0]!.status).toBe('ran');
    expect(child.results[0]!.console).toContain('PUNCHED BY A DECK');
  }, 60_000);
});
