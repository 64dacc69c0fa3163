// Card decks from host files (see docs/devices.md):
// - a text deck has a card per line, at most 80 characters, converted to EBCDIC and padded with
//   blanks; a longer line is an error that names the file and the line;
// - a binary deck is 80-byte EBCDIC card images back to back; its size must be a multiple of 80.

import { readFileSync } from 'node:fs';
import { EBCDIC_BLANK, toEbcdic, type CodePage } from '../../ebcdic/index.ts';

export const CARD_SIZE = 80;

export type DeckFormat = 'text' | 'binary';

export interface Deck {
  /** Where the deck came from (a file name), for messages. */
  readonly name: string;
  readonly cards: Uint8Array[];
}

export class DeckError extends Error {}

/** Text lines as cards. */
export function textDeck(name: string, text: string, page: CodePage = 'cp037'): Deck {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const cards = lines.map((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const length = [...line].length;
    if (length > CARD_SIZE) {
      throw new DeckError(`${name}:${i + 1}: the line has ${length} characters; a card holds ${CARD_SIZE}`);
    }
    const card = new Uint8Array(CARD_SIZE).fill(EBCDIC_BLANK);
    card.set(toEbcdic(line, page));
    return card;
  });
  return { name, cards };
}

/** 80-byte EBCDIC card images as cards. */
export function binaryDeck(name: string, bytes: Uint8Array): Deck {
  if (bytes.length % CARD_SIZE !== 0) {
    throw new DeckError(`${name}: ${bytes.length} bytes is not a whole number of 80-byte cards`);
  }
  const cards: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += CARD_SIZE) cards.push(bytes.slice(at, at + CARD_SIZE));
  return { name, cards };
}

/**
 * Reads a deck file. `spec` is FILE, text:FILE or binary:FILE; without a prefix a name ending in
 * .txt is a text deck and anything else a binary deck.
 */
export function readDeck(spec: string, page: CodePage = 'cp037'): Deck {
  let format: DeckFormat;
  let file = spec;
  const prefix = /^(text|binary):(.+)$/.exec(spec);
  if (prefix) {
    format = prefix[1] as DeckFormat;
    file = prefix[2]!;
  } else {
    format = /\.txt$/i.test(spec) ? 'text' : 'binary';
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new DeckError(`cannot read the deck ${file}: ${(e as Error).message}`);
  }
  if (format === 'text') return textDeck(file, Buffer.from(bytes).toString('utf8'), page);
  try {
    return binaryDeck(file, bytes);
  } catch (e) {
    throw new DeckError(`${(e as Error).message} (name it text:${file} if it is a text deck)`);
  }
}
