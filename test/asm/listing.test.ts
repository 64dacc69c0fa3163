import { describe, expect, it } from 'vitest';
import { assembleExpanded } from '../../src/asm/assembler.ts';
import { COL, SOURCE_HEADING } from '../../src/asm/listing.ts';
import type { ExpandedLine } from '../../src/asm/macro/types.ts';
import { asm, st } from './helpers.ts';

/** The columns of a listing line (1-based, inclusive). */
function cols(line: string, from: number, to: number): string {
  return line.padEnd(to, ' ').slice(from - 1, to);
}

function sourceLine(listing: string, text: string): string {
  const l = listing.split('\n').find((x) => x.slice(COL.source - 1).startsWith(text));
  if (!l) throw new Error(`no listing line for ${text}`);
  return l;
}

describe('listing', () => {
  const r = asm([
    st('', 'TITLE', "'LISTING TEST'"),
    st('TEST', 'START', "X'200'"),
    st('', 'BALR', '12,0'),
    st('', 'USING', '*,12'),
    st('', 'MVC', 'OUT,IN'),
    st('', 'L', '1,UNDEF'),
    st('IN', 'DC', "CL4'ABCD'"),
    st('OUT', 'DS', 'CL4'),
    st('TEN', 'EQU', '10'),
    st('', 'END', 'TEST'),
  ]);
  const listing = r.listing;

  it('has the source heading with the IBM column names', () => {
    expect(listing).toContain(SOURCE_HEADING);
    expect(cols(SOURCE_HEADING, COL.loc + 1, COL.loc + 3)).toBe('LOC');
    expect(cols(SOURCE_HEADING, COL.object, COL.object + 10)).toBe('OBJECT CODE');
    expect(cols(SOURCE_HEADING, COL.addr1, COL.addr1 + 4)).toBe('ADDR1');
    expect(cols(SOURCE_HEADING, COL.addr2, COL.addr2 + 4)).toBe('ADDR2');
    expect(cols(SOURCE_HEADING, COL.stmt + 1, COL.stmt + 4)).toBe('STMT');
    expect(cols(SOURCE_HEADING, COL.source, COL.source + 15)).toBe('SOURCE STATEMENT');
  });

  it('prints LOC, object code in halfwords, ADDR1, ADDR2, STMT and the card', () => {
    const l = sourceLine(listing, '         MVC   OUT,IN');
    expect(cols(l, 1, 6)).toBe('000202');
    expect(cols(l, 8, 21)).toBe('D203 C00E C00A');
    expect(cols(l, 25, 30)).toBe('000210');
    expect(cols(l, 32, 37)).toBe('00020C');
    expect(cols(l, 39, 43)).toBe('    5');
  });

  it('prints constants as contiguous hex and EQU values under ADDR2', () => {
    const dc = sourceLine(listing, "IN       DC    CL4'ABCD'");
    expect(cols(dc, 1, 23)).toBe('00020C C1C2C3C4        ');
    const equ = sourceLine(listing, 'TEN      EQU   10');
    expect(cols(equ, 1, 30)).toBe(' '.repeat(30));
    expect(cols(equ, 32, 37)).toBe('00000A');
  });

  it('puts messages under the statement they concern', () => {
    const lines = listing.split('\n');
    const k = lines.findIndex((x) => x.includes('L     1,UNDEF'));
    expect(lines[k + 1].trim()).toBe('** IEV044 *** ERROR *** UNDEFINED SYMBOL - UNDEF');
    expect(lines[k + 1].indexOf('**')).toBe(COL.source - 1);
  });

  it('has a cross-reference with LEN, VALUE, DEFN and REFERENCES', () => {
    const xref = listing.slice(listing.indexOf('CROSS-REFERENCE'));
    expect(xref).toMatch(/SYMBOL\s+LEN\s+VALUE\s+DEFN\s+REFERENCES/);
    const line = xref.split('\n').find((x) => x.startsWith('IN '))!;
    expect(cols(line, 1, 8)).toBe('IN      ');
    expect(cols(line, 10, 14)).toBe('00004');
    expect(cols(line, 16, 21)).toBe('00020C');
    expect(cols(line, 24, 28)).toBe('00007');
    expect(cols(line, 31, 35)).toBe('00005');
  });

  it('ends with the diagnostic summary', () => {
    expect(listing).toContain('1 STATEMENTS FLAGGED IN THIS ASSEMBLY   8 WAS HIGHEST SEVERITY CODE');
    expect(listing).toContain('STATEMENTS FLAGGED - 6(8)');
    expect(listing).toMatch(/RETURN CODE 8\n$/);
  });

  it('uses the TITLE text in the page heading and does not print TITLE itself', () => {
    expect(listing).toMatch(/\fLISTING TEST +PAGE +2/);
    expect(listing).not.toContain("TITLE 'LISTING TEST'");
  });

  it('lists the external symbol dictionary', () => {
    expect(listing).toMatch(/TEST +SD +0001 +000200 +000014/);
  });

  it('marks generated statements with + and shows continuation cards', () => {
    const lines: ExpandedLine[] = [
      { text: st('', 'DC', "C'A'"), file: 'M', line: 1, kind: 'generated', depth: 1, macro: 'MAC' },
      { text: st('', 'DC', "C'ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXY").padEnd(71, 'Z') + 'X', file: 'S', line: 2, kind: 'source', depth: 0 },
      { text: "               ZZ'", file: 'S', line: 3, kind: 'source', depth: 0 },
      { text: st('', 'END'), file: 'S', line: 4, kind: 'source', depth: 0 },
    ];
    const out = assembleExpanded(lines, { date: new Date(0) }).listing.split('\n');
    const g = out.find((x) => x.includes("DC    C'A'"))!;
    expect(cols(g, COL.generated, COL.generated)).toBe('+');
    const k = out.findIndex((x) => x.includes("DC    C'ABC"));
    expect(out[k + 1]).toBe(' '.repeat(COL.source - 1) + "               ZZ'");
  });

  it('PRINT OFF hides statements, PRINT NOGEN hides generated ones, PRINT DATA shows all of a constant', () => {
    const p = asm([
      st('', 'PRINT', 'OFF'),
      st('HIDDEN', 'DC', "C'H'"),
      st('', 'PRINT', 'ON,DATA'),
      st('SHOWN', 'DC', "CL20'S'"),
      st('', 'END'),
    ]).listing;
    expect(p).not.toContain("HIDDEN   DC");
    const lines = p.split('\n');
    const k = lines.findIndex((x) => x.includes('SHOWN    DC'));
    expect(lines[k + 1]).toBe('000009 4040404040404040');
    expect(lines[k + 2]).toBe('000011 40404040');
  });

  it('PUSH PRINT and POP PRINT save and restore the PRINT options', () => {
    const p = asm([
      st('', 'PUSH', 'PRINT'),
      st('', 'PRINT', 'OFF'),
      st('GONE', 'DC', "C'G'"),
      st('', 'POP', 'PRINT'),
      st('BACK', 'DC', "C'B'"),
      st('', 'END'),
    ]).listing;
    expect(p).not.toContain('GONE     DC');
    expect(p).toContain('BACK     DC');
  });

  it('SPACE adds blank lines and EJECT starts a page', () => {
    const p = asm([st('A', 'DC', "C'A'"), st('', 'SPACE', '2'), st('B', 'DC', "C'B'"), st('', 'EJECT'), st('C', 'DC', "C'C'"), st('', 'END')]).listing;
    const lines = p.split('\n');
    const a = lines.findIndex((x) => x.includes('A        DC'));
    expect(lines.slice(a + 1, a + 3)).toEqual(['', '']);
    expect(lines[a + 3]).toContain('B        DC');
    const c = lines.findIndex((x) => x.includes('C        DC'));
    expect(lines[c - 3].startsWith('\f')).toBe(true);
  });
});
