// ASSEMBLE fn (CMS Command and Macro Reference R6 GC20-1818): fn ASSEMBLE through DIAGNOSE X'100'
// to the host assembler, fn TEXT A1 (F 80) and fn LISTING A1 (F 121, ASA) written with FSWRITE.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textToRecords } from '../../src/cp/cmsdisk/index.ts';
import { EPOCH } from './helpers.ts';
import { cards, HELLO, progSession, type ProgDisk } from './prog-harness.ts';

describe('ASSEMBLE', () => {
  let disk: ProgDisk;
  beforeAll(() => {
    disk = progSession({
      'HELLO ASSEMBLE A1': cards(HELLO),
      // V records of any length: each a card, blank-padded to 80 columns.
      'VSRC ASSEMBLE A1': { ...textToRecords(HELLO.join('\n'), { recfm: 'V' }), recfm: 'V', when: EPOCH },
      'BAD ASSEMBLE A1': cards(['BAD      CSECT', '         L     1,NOSUCH', '         BR    14', '         END']),
    });
  });
  afterAll(() => disk?.close());

  it('assembles fn ASSEMBLE: ASSEMBLER DONE, no statements flagged, R;', () => {
    const out = disk.session.type('ASSEMBLE HELLO');
    expect(out).toEqual(['ASSEMBLER DONE', 'NO STATEMENTS FLAGGED IN THIS ASSEMBLY', expect.stringMatching(/^R; T=/)]);
  });

  it('writes fn TEXT A1, F 80: ESD, TXT, RLD and END cards', () => {
    const text = disk.read('HELLO TEXT A1');
    expect(text.recfm).toBe('F');
    expect(text.lrecl).toBe(80);
    const kinds = text.lines.map((l) => l.slice(1, 4));
    expect(kinds[0]).toBe('ESD');
    expect(kinds).toContain('TXT');
    expect(kinds.at(-1)).toBe('END');
    expect(text.records.every((r) => r[0] === 0x02)).toBe(true);
  });

  it('writes fn LISTING A1, F 121 with ASA carriage control', () => {
    const listing = disk.read('HELLO LISTING A1');
    expect(listing.recfm).toBe('F');
    expect(listing.lrecl).toBe(121);
    expect(listing.lines[0]![0]).toBe('1');
    expect(listing.lines.some((l) => /WRTERM 'HELLO, WORLD'/.test(l))).toBe(true);
  });

  it('an assembly error: the statement and its message at the terminal, return code 8', () => {
    const out = disk.session.type('ASSEMBLE BAD');
    expect(out).toEqual([
      '    2          L     1,NOSUCH',
      '** IEV044 *** ERROR *** UNDEFINED SYMBOL - NOSUCH',
      'ASSEMBLER DONE',
      '    1 STATEMENTS FLAGGED IN THIS ASSEMBLY',
      '    8 WAS HIGHEST SEVERITY CODE',
      expect.stringMatching(/^R\(00008\); T=/),
    ]);
    const listing = disk.read('BAD LISTING A1').lines.join('\n');
    expect(listing).toMatch(/\*\* IEV044 \*\*\* ERROR \*\*\* UNDEFINED SYMBOL - NOSUCH/);
  });

  it('a source of V records assembles as the same cards', () => {
    expect(disk.session.type('ASSEMBLE VSRC')).toEqual(['ASSEMBLER DONE', 'NO STATEMENTS FLAGGED IN THIS ASSEMBLY', expect.stringMatching(/^R; T=/)]);
    const text = (fn: string) => disk.read(`${fn} TEXT A1`).records.map((r) => Array.from(r.subarray(0, 72)));
    expect(text('VSRC')).toEqual(text('HELLO'));
  });

  it('a file that is not there: DMSASM002E, return code 28', () => {
    const out = disk.session.type('ASSEMBLE NOSUCH');
    expect(out).toEqual(["DMSASM002E FILE 'NOSUCH ASSEMBLE' NOT FOUND", expect.stringMatching(/^R\(00028\); T=/)]);
  });

  it('no file name: DMSASM001E, return code 24', () => {
    const out = disk.session.type('ASSEMBLE');
    expect(out).toEqual(['DMSASM001E NO FILENAME SPECIFIED', expect.stringMatching(/^R\(00024\); T=/)]);
  });
});
