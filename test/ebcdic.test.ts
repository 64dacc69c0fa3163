import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { codePage, decodeStream, ebcdicField, fromEbcdic, toEbcdic } from '../src/ebcdic/index.ts';

describe('EBCDIC code pages', () => {
  it('037 encodes letters, digits and blank as IBM defines them', () => {
    expect(Buffer.from(toEbcdic('A0 a')).toString('hex')).toBe('c1f04081');
    expect(fromEbcdic(Uint8Array.from([0xc8, 0x85, 0x93, 0x93, 0x96]))).toBe('Hello');
  });

  it('037 and 1047 differ in brackets and not-sign', () => {
    expect(Buffer.from(toEbcdic('[]^', 'cp037')).toString('hex')).toBe('babbb0');
    expect(Buffer.from(toEbcdic('[]^', 'cp1047')).toString('hex')).toBe('adbd5f');
    expect(fromEbcdic(Uint8Array.from([0x5f]), 'cp037')).toBe('\u00ac');
  });

  it('every byte round-trips in each page', () => {
    for (const page of ['cp037', 'cp500', 'cp1047'] as const) {
      const all = Uint8Array.from({ length: 256 }, (_, i) => i);
      expect(Array.from(toEbcdic(fromEbcdic(all, page), page))).toEqual(Array.from(all));
    }
  });

  it('is reachable through iconv-lite by name, streams included', async () => {
    expect(iconv.encodingExists('ibm037')).toBe(true);
    expect(codePage('1047')).toBe('cp1047');
    const stream = decodeStream('cp037');
    const chunks: string[] = [];
    stream.on('data', (c: string) => chunks.push(c));
    const done = new Promise((r) => stream.on('end', r));
    stream.write(Buffer.from([0xc1]));
    stream.end(Buffer.from([0xc2]));
    await done;
    expect(chunks.join('')).toBe('AB');
  });

  it('pads fixed fields with EBCDIC blanks', () => {
    expect(Buffer.from(ebcdicField('AB', 4)).toString('hex')).toBe('c1c24040');
  });
});
