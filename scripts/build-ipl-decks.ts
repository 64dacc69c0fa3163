// Assembles the standalone IPL decks in decks/ with the project's assembler: for every deck in
// decks/manifest.json, its source (NAME.asm) becomes the IPL card deck (NAME.deck, iplDeck() of the
// core image, as `vm370 asm --ipl-deck` writes it) and the listing (NAME.lst) next to it.
// Run: node --import tsx scripts/build-ipl-decks.ts
//
// The listing's heading carries a fixed date so that rebuilding an unchanged source changes nothing.
// Decks and expected output are described in decks/README.md.

import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble, formatMessage, iplDeck, type AssemblyResult } from '../src/asm/index.ts';

export const DECK_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'decks');

/** The date in the listings' headings. */
export const LISTING_DATE = new Date(Date.UTC(2025, 0, 1));

/** One deck of decks/manifest.json (paths relative to decks/). */
export interface ManifestDeck {
  name: string;
  /** The assembler source. */
  source: string;
  /** The IPL deck assembled from it (80-byte EBCDIC cards). */
  deck: string;
  /** The assembler listing. */
  listing: string;
  /** Data cards read after the deck (text decks). */
  reader?: string[];
  dasd?: { address: string; type: '3330' | '3330-11' | '3350'; cylinders: number };
  tape?: { address: string };
  expect: { printer?: string; punch?: string; tape?: string };
}

export function readManifest(): ManifestDeck[] {
  return (JSON.parse(readFileSync(join(DECK_DIR, 'manifest.json'), 'utf8')) as { decks: ManifestDeck[] }).decks;
}

export interface AssembledDeck {
  result: AssemblyResult;
  /** The IPL deck: card images back to back. */
  deck: Uint8Array;
  listing: string;
}

/** COPY members the decks share (DOIO), like a macro library: `vm370 asm --maclib decks/common`. */
export const COMMON_DIR = join(DECK_DIR, 'common');

/** Assembles a deck's source (a path relative to decks/) into its IPL deck and listing. */
export function assembleDeck(source: string): AssembledDeck {
  const text = readFileSync(join(DECK_DIR, source), 'utf8');
  const result = assemble(text, { file: basename(source), date: LISTING_DATE, maclibs: [COMMON_DIR] });
  return { result, deck: iplDeck(result.core), listing: result.listing };
}

function main(): void {
  let failed = false;
  for (const d of readManifest()) {
    const { result, deck, listing } = assembleDeck(d.source);
    for (const m of result.messages) process.stderr.write(formatMessage(m) + '\n');
    if (result.returnCode !== 0 || result.messages.length > 0) {
      process.stderr.write(`decks/${d.source}: return code ${result.returnCode}; decks/${d.deck} not written\n`);
      failed = true;
      continue;
    }
    writeFileSync(join(DECK_DIR, d.deck), deck);
    writeFileSync(join(DECK_DIR, d.listing), listing);
    const { origin, bytes, entry } = result.core;
    process.stdout.write(
      `decks/${d.deck}: ${deck.length / 80} cards, ${bytes.length} bytes at X'${origin.toString(16).toUpperCase()}', entry X'${entry.toString(16).toUpperCase()}'\n`,
    );
  }
  if (failed) process.exitCode = 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main();
