// EBCDIC conversion for the whole project: code pages 037, 500 and 1047 registered into iconv-lite
// (which ships no EBCDIC), so strings, buffers and streams all convert through one API.

import iconv from 'iconv-lite';
import { CP037, CP1047, CP500 } from './tables.ts';

export type CodePage = 'cp037' | 'cp500' | 'cp1047';

const TABLES: Record<CodePage, string> = { cp037: CP037, cp500: CP500, cp1047: CP1047 };
const ALIASES: Record<string, CodePage> = {
  cp037: 'cp037',
  ibm037: 'cp037',
  ibm37: 'cp037',
  '037': 'cp037',
  cp500: 'cp500',
  ibm500: 'cp500',
  '500': 'cp500',
  cp1047: 'cp1047',
  ibm1047: 'cp1047',
  '1047': 'cp1047',
};

/**
 * Makes the EBCDIC code pages known to iconv-lite. Idempotent: it adds constant tables to iconv-lite's
 * registry and holds no state of its own.
 */
export function registerEbcdic(): void {
  // iconv-lite loads its encoding registry on first use; make sure it exists before adding to it.
  iconv.encodingExists('utf8');
  const registry = (iconv as unknown as { encodings: Record<string, unknown> }).encodings;
  for (const [alias, page] of Object.entries(ALIASES)) {
    if (!registry[alias]) registry[alias] = { type: '_sbcs', chars: TABLES[page] };
  }
}

registerEbcdic();

export function codePage(name: string): CodePage {
  const page = ALIASES[name.toLowerCase()];
  if (!page) throw new Error(`unknown EBCDIC code page '${name}' (known: 037, 500, 1047)`);
  return page;
}

/** Unicode text to EBCDIC bytes. Characters the code page lacks become X'3F' (SUB). */
export function toEbcdic(text: string, page: CodePage = 'cp037'): Uint8Array {
  const buffer = iconv.encode(text, page);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}

/** EBCDIC bytes to Unicode text. */
export function fromEbcdic(bytes: Uint8Array, page: CodePage = 'cp037'): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), page);
}

/** A Transform stream that decodes EBCDIC to text. */
export function decodeStream(page: CodePage = 'cp037'): NodeJS.ReadWriteStream {
  return iconv.decodeStream(page);
}

/** A Transform stream that encodes text to EBCDIC. */
export function encodeStream(page: CodePage = 'cp037'): NodeJS.ReadWriteStream {
  return iconv.encodeStream(page);
}

/** A fixed-width EBCDIC field: text encoded, cut or padded with EBCDIC blanks (X'40') to length. */
export function ebcdicField(text: string, length: number, page: CodePage = 'cp037'): Uint8Array {
  const out = new Uint8Array(length).fill(0x40);
  const bytes = toEbcdic(text, page);
  out.set(bytes.subarray(0, length));
  return out;
}

export const EBCDIC_BLANK = 0x40;
