import { describe, expect, it } from 'vitest';
import { fromEbcdic } from '../../src/ebcdic/index.ts';
import { asm, cards, hex, st } from './helpers.ts';

const source = [
  st('', 'TITLE', "'DECK TEST'"),
  st('PROG', 'TITLE', "'DECK TEST'"),
  st('MAIN', 'START', "X'100'"),
  st('', 'ENTRY', 'ALT'),
  st('', 'EXTRN', 'EXT'),
  st('', 'WXTRN', 'WEAK'),
  st('', 'BALR', '12,0'),
  st('', 'USING', '*,12'),
  st('ALT', 'L', '15,=V(SUBR)'),
  st('', 'DC', 'A(EXT,WEAK,MAIN)'),
  st('', 'DC', 'AL3(MAIN+2)'),
  st('SECOND', 'CSECT'),
  st('', 'DC', "C'XYZ'"),
  st('', 'END', 'ALT'),
];

function field(card: Uint8Array, from: number, to: number): Uint8Array {
  return card.subarray(from - 1, to);
}

describe('object deck', () => {
  const r = asm(source);
  const deck = cards(r);

  it('is 80-byte cards: X\'02\' and ESD/TXT/RLD/END, deck ID and sequence in 73-80', () => {
    expect(r.returnCode).toBe(0);
    expect(r.object.length % 80).toBe(0);
    expect(deck.map((c) => c[0])).toEqual(deck.map(() => 0x02));
    expect(deck.map((c) => fromEbcdic(field(c, 2, 4)))).toEqual(['ESD', 'ESD', 'TXT', 'TXT', 'TXT', 'RLD', 'END']);
    expect(deck.map((c) => fromEbcdic(field(c, 73, 80)))).toEqual(['PROG0001', 'PROG0002', 'PROG0003', 'PROG0004', 'PROG0005', 'PROG0006', 'PROG0007']);
  });

  it('ESD: count in 11-12, first ESD id in 15-16, 16-byte items from column 17', () => {
    const [e1, e2] = deck;
    expect(hex(field(e1, 5, 16))).toBe('404040404040' + '0030' + '4040' + '0001');
    // MAIN: SD at X'100', length X'1C' (its literal pool included); EXT: ER; WEAK: WX.
    expect(hex(field(e1, 17, 32))).toBe('D4C1C9D540404040' + '00' + '000100' + '00' + '00001C');
    expect(hex(field(e1, 33, 48))).toBe('C5E7E34040404040' + '02' + '000000' + '40' + '404040');
    expect(hex(field(e1, 49, 64))).toBe('E6C5C1D240404040' + '0A' + '000000' + '40' + '404040');
    expect(hex(field(e1, 65, 72))).toBe('4040404040404040');
    // SECOND: SD at X'120'; SUBR: ER (from the V-constant in the end-of-assembly pool); ALT: LD at X'102'
    // in section 1.
    expect(hex(field(e2, 11, 16))).toBe('0030' + '4040' + '0004');
    expect(hex(field(e2, 17, 32))).toBe('E2C5C3D6D5C44040' + '00' + '000120' + '00' + '000003');
    expect(hex(field(e2, 33, 48))).toBe('E2E4C2D940404040' + '02' + '000000' + '40' + '404040');
    expect(hex(field(e2, 49, 64))).toBe('C1D3E34040404040' + '01' + '000102' + '40' + '000001');
  });

  it('TXT: address in 6-8, count in 11-12, ESD id in 15-16, text from 17', () => {
    const t1 = deck[2];
    expect(hex(field(t1, 5, 16))).toBe('40' + '000100' + '4040' + '0017' + '4040' + '0001');
    // BALR; L 15,=V(SUBR) (pool at X'118'); 2 bytes of alignment; A(EXT,WEAK,MAIN); AL3(MAIN+2).
    expect(hex(field(t1, 17, 17 + 22))).toBe('05C0' + '58F0C016' + '0000' + '00000000' + '00000000' + '00000100' + '000102');
    expect(hex(field(t1, 40, 72))).toBe('40'.repeat(33));
    const t2 = deck[3];
    expect(hex(field(t2, 5, 16))).toBe('40' + '000120' + '4040' + '0003' + '4040' + '0004');
    expect(hex(field(t2, 17, 19))).toBe('E7E8E9');
    expect(hex(field(t2, 20, 72))).toBe('40'.repeat(53));
    const t3 = deck[4];
    expect(hex(field(t3, 5, 20))).toBe('40' + '000118' + '4040' + '0004' + '4040' + '0001' + '00000000');
  });

  it('RLD: R and P ids, flag, address; items with the same R and P share them (flag bit 7)', () => {
    const rld = deck[5];
    expect(hex(field(rld, 5, 16))).toBe('404040404040' + '0024' + '40404040');
    // Sorted by P then R: (R1,P1) A(MAIN) and AL3(MAIN+2) share pointers; then EXT, WEAK, SUBR (V).
    expect(hex(field(rld, 17, 44))).toBe(
      '0001' + '0001' + '0D' + '000110' + '08' + '000114' + '0002' + '0001' + '0C' + '000108' + '0003' + '0001' + '0C' + '00010C',
    );
  });

  it('RLD of the V-constant in the literal pool is a 4-byte V item', () => {
    const rld = deck[5];
    expect(hex(field(rld, 45, 52))).toBe('0005' + '0001' + '1C' + '000118');
    expect(hex(field(rld, 53, 72))).toBe('40'.repeat(20));
  });

  it('END: entry address in 6-8 and its ESD id in 15-16, one IDR item', () => {
    const end = deck[6];
    expect(hex(field(end, 5, 16))).toBe('40' + '000102' + '404040404040' + '0001');
    expect(fromEbcdic(field(end, 33, 52))).toBe('1VM370ASM  010079073');
    expect(hex(field(end, 53, 72))).toBe('40'.repeat(20));
  });

  it('without a named TITLE the sequence number fills columns 73-80', () => {
    const plain = asm([st('', 'DC', "C'A'"), st('', 'END')]);
    expect(cards(plain).map((c) => fromEbcdic(field(c, 73, 80)))).toEqual(['00000001', '00000002', '00000003']);
  });

  it('an external entry point makes a type 2 END card with the name in 17-24', () => {
    const ext = asm([st('', 'EXTRN', 'GO'), st('', 'DC', "C'A'"), st('', 'END', 'GO')]);
    const end = cards(ext).at(-1)!;
    expect(hex(field(end, 6, 8))).toBe('404040');
    expect(hex(field(end, 15, 16))).toBe('4040');
    expect(fromEbcdic(field(end, 17, 24))).toBe('GO      ');
  });

  it('text longer than 56 bytes spans cards', () => {
    const big = asm([st('', 'DC', '100X\'AA\''), st('', 'END')]);
    const txt = cards(big).filter((c) => fromEbcdic(field(c, 2, 4)) === 'TXT');
    expect(txt.map((c) => hex(field(c, 6, 12)))).toEqual(['0000004040' + '0038', '0000384040' + '002C']);
  });
});
