import { describe, expect, it } from 'vitest';
import { loadObjectDecks } from '../../src/asm/loader.ts';
import { asm, st } from './helpers.ts';

function word(mem: Uint8Array, at: number): number {
  return ((mem[at] << 24) | (mem[at + 1] << 16) | (mem[at + 2] << 8) | mem[at + 3]) >>> 0;
}

const deck1 = asm([
  st('MAIN', 'CSECT'),
  st('', 'ENTRY', 'MDATA'),
  st('', 'EXTRN', 'SUBENT'),
  st('', 'WXTRN', 'MISSING'),
  st('', 'DC', 'V(SUB)'), // +0
  st('', 'DC', 'A(SUBENT+4)'), // +4
  st('', 'DC', 'A(MDATA)'), // +8
  st('', 'DC', 'A(MISSING)'), // +12
  st('', 'DC', 'AL3(MDATA)'), // +16
  st('', 'DC', 'AL1(0)'),
  st('MDATA', 'DC', "C'MAINDATA'"), // +20
  st('', 'END', 'MAIN+4'),
]);
const deck2 = asm([
  st('SUB', 'CSECT'),
  st('', 'EXTRN', 'MDATA'),
  st('', 'ENTRY', 'SUBENT'),
  st('', 'DC', 'A(SUB)'), // +0
  st('SUBENT', 'DC', 'A(MDATA)'), // +4
  st('', 'DC', 'A(SUBENT-SUB)'), // +8 absolute
  st('', 'END'),
]);

describe('loader', () => {
  it('places sections on doubleword boundaries from the origin and relocates across decks', () => {
    expect([deck1.returnCode, deck2.returnCode]).toEqual([0, 0]);
    const mem = new Uint8Array(0x10000);
    const r = loadObjectDecks([deck1.object, deck2.object], { origin: 0x2004, storage: mem });
    // MAIN at X'2008' (28 bytes), SUB at X'2028'.
    expect(r.sections.map((s) => [s.name, s.address, s.length])).toEqual([
      ['MAIN', 0x2008, 28],
      ['SUB', 0x2028, 12],
    ]);
    expect(r.symbols.get('MDATA')).toBe(0x2008 + 20);
    expect(r.symbols.get('SUBENT')).toBe(0x2028 + 4);
    expect(word(mem, 0x2008)).toBe(0x2028); // V(SUB)
    expect(word(mem, 0x200c)).toBe(0x2028 + 8); // A(SUBENT+4)
    expect(word(mem, 0x2010)).toBe(0x201c); // A(MDATA), same deck
    expect(word(mem, 0x2014)).toBe(0); // unresolved WXTRN: zero, no complaint
    expect(word(mem, 0x2018) >>> 8).toBe(0x201c); // AL3
    expect(word(mem, 0x2028)).toBe(0x2028); // A(SUB)
    expect(word(mem, 0x202c)).toBe(0x201c); // A(MDATA) across decks
    expect(word(mem, 0x2030)).toBe(4); // absolute: untouched
    expect(Buffer.from(mem.subarray(0x201c, 0x2024)).toString('latin1')).not.toBe('MAINDATA');
    expect(mem[0x201c]).toBe(0xd4); // EBCDIC M
    expect(r.unresolved).toEqual([]);
    expect(r.messages).toEqual([]);
    expect(r.entry).toBe(0x200c); // END MAIN+4
  });

  it('reports unresolved external references and loads them as zero', () => {
    const r = loadObjectDecks([deck2.object], { origin: 0 });
    expect(r.unresolved).toEqual(['MDATA']);
    expect(word(r.image, 4)).toBe(0);
    expect(r.entry).toBe(0);
  });

  it('resolves external references against given symbols without loading them', () => {
    const externals = new Map([['MDATA', 0x1234], ['SUB', 0x9999]]);
    const r = loadObjectDecks([deck2.object], { origin: 0x20000, externals });
    expect(r.unresolved).toEqual([]);
    expect(word(r.image, 4)).toBe(0x1234); // A(MDATA) from the given symbols
    expect(word(r.image, 0)).toBe(0x20000); // A(SUB): the deck's own section wins over the given one
    expect(r.sections.map((s) => s.name)).toEqual(['SUB']);
    expect(r.symbols.has('MDATA')).toBe(false);
    expect(r.image.length).toBe(12);
  });

  it('delivers the image through a callback', () => {
    const writes: [number, number][] = [];
    loadObjectDecks([deck1.object], { origin: 0x1000, write: (a, b) => writes.push([a, b.length]) });
    expect(writes).toEqual([[0x1000, 28]]);
  });

  it('loads an assembly at another origin than it was assembled for', () => {
    const d = asm([st('P', 'START', "X'8000'"), st('', 'DC', 'A(X)'), st('X', 'DC', 'A(P)'), st('', 'END', 'X')]);
    const r = loadObjectDecks([d.object], { origin: 0x400 });
    expect([word(r.image, 0), word(r.image, 4)]).toEqual([0x404, 0x400]);
    expect(r.entry).toBe(0x404);
  });

  it('negative relocation and complex relocatable constants', () => {
    const d = asm([st('A', 'CSECT'), st('', 'DC', 'A(A+A+1)'), st('', 'DC', 'A(8-A)'), st('', 'END')]);
    const r = loadObjectDecks([d.object], { origin: 0x100 });
    expect([word(r.image, 0), word(r.image, 4)]).toEqual([0x201, (8 - 0x100) >>> 0]);
  });

  it('common sections go after the control sections, at their longest length', () => {
    const a = asm([st('A', 'CSECT'), st('', 'DC', 'A(BLK)'), st('BLK', 'COM'), st('', 'DS', 'CL16'), st('', 'END')]);
    const b = asm([st('B', 'CSECT'), st('', 'DC', 'A(BLK+4)'), st('BLK', 'COM'), st('', 'DS', 'CL40'), st('', 'END')]);
    const r = loadObjectDecks([a.object, b.object], { origin: 0 });
    expect(r.sections.map((s) => [s.name, s.type, s.address, s.length])).toEqual([
      ['A', 'SD', 0, 4],
      ['B', 'SD', 8, 4],
      ['BLK', 'CM', 16, 40],
    ]);
    expect([word(r.image, 0), word(r.image, 8)]).toEqual([16, 20]);
  });

  it('survives damaged decks: bad ids, counts and addresses become messages', () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
    for (let round = 0; round < 200; round++) {
      const deck = Uint8Array.from(deck1.object);
      for (let k = 0; k < 20; k++) deck[Math.floor(next() * deck.length)] = Math.floor(next() * 256);
      expect(() => loadObjectDecks([deck, deck2.object], { origin: 0x100 })).not.toThrow();
    }
  });

  it('refuses a program that does not fit in storage', () => {
    expect(() => loadObjectDecks([deck1.object], { origin: 0xfff0, storage: new Uint8Array(0x10000) })).toThrow(RangeError);
  });
});
