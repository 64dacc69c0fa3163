// ASSEMBLE of a source bigger than the storage its outputs would need at once: the DIAGNOSE gives
// the records in pieces and ASSEMBLE writes them as they come (cms/nucleus/dmsprgas).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assemble } from '../../src/asm/index.ts';
import { cards, progSession, type ProgDisk } from './prog-harness.ts';

/** A program of n statements: constants with their own labels. */
function bigSource(n: number): string[] {
  const lines = ['BIG      CSECT', '         USING *,15', '         SR    15,15', '         BR    14'];
  for (let i = 0; i < n; i++) lines.push(`C${String(i).padStart(5, '0')}   DC    CL8'${String(i).padStart(8, '0')}'`);
  lines.push('         END');
  return lines;
}

describe('ASSEMBLE of a big source in a small virtual machine', () => {
  const source = bigSource(3000);
  let disk: ProgDisk;
  beforeAll(() => {
    disk = progSession({ 'BIG ASSEMBLE A1': cards(source) }, '768K');
  });
  afterAll(() => disk?.close());

  it('the listing (more than the free storage holds) and the object deck are written whole', () => {
    const out = disk.session.type('ASSEMBLE BIG', 500_000_000);
    expect(out).toEqual(['ASSEMBLER DONE', 'NO STATEMENTS FLAGGED IN THIS ASSEMBLY', expect.stringMatching(/^R; /)]);
    const host = assemble(source.join('\n'), { file: 'BIG ASSEMBLE' });
    const listingLines = host.listing.split('\n').filter((l, i, all) => i < all.length - 1 || l !== '').length;
    expect(listingLines * 121).toBeGreaterThan(768 * 1024 - 0x2_0000);
    const listing = disk.read('BIG LISTING A1');
    expect(listing.records.length).toBe(listingLines);
    expect(listing.lines.at(-1)!.trimEnd()).toBe(' RETURN CODE 0');
    const text = disk.read('BIG TEXT A1');
    expect(text.records.length * 80).toBe(host.object.length);
  });
});
