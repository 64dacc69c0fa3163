import { describe, expect, it } from 'vitest';
import { iplDeck } from '../../src/asm/ipl-deck.ts';
import { asm, st } from './helpers.ts';

/**
 * A card reader IPL as the channel performs it: the first card's 24 bytes go to locations 0-23, then the
 * CCW at 8 runs with command chaining (READ X'02' takes the next card, SLI, TIC X'08' branches); at the
 * end the PSW comes from location 0.
 */
function ipl(deck: Uint8Array, size = 0x10000): { mem: Uint8Array; psw: Uint8Array; cardsRead: number } {
  const cards: Uint8Array[] = [];
  for (let k = 0; k < deck.length; k += 80) cards.push(deck.subarray(k, k + 80));
  const mem = new Uint8Array(size);
  mem.set(cards[0].subarray(0, 24), 0);
  let next = 1;
  let at = 8;
  for (let steps = 0; steps < 10_000; steps++) {
    const cmd = mem[at];
    const addr = (mem[at + 1] << 16) | (mem[at + 2] << 8) | mem[at + 3];
    const flags = mem[at + 4];
    const count = (mem[at + 6] << 8) | mem[at + 7];
    if (cmd === 0x08) {
      at = addr;
      continue;
    }
    if (cmd !== 0x02) throw new Error(`unexpected CCW command ${cmd.toString(16)} at ${at.toString(16)}`);
    const card = cards[next++];
    if (!card) throw new Error('read past the end of the deck');
    if (count > 80 && !(flags & 0x20)) throw new Error('incorrect length');
    mem.set(card.subarray(0, Math.min(count, 80)), addr);
    if (!(flags & 0x40)) return { mem, psw: mem.slice(0, 8), cardsRead: next };
    at += 8;
  }
  throw new Error('channel program does not end');
}

describe('IPL deck', () => {
  it('loads the program into place and IPLs at its entry point', () => {
    const r = asm([
      st('P', 'START', "X'2000'"),
      st('', 'BALR', '12,0'),
      st('', 'USING', '*,12'),
      st('', 'L', "1,=F'1'"),
      st('', 'DS', '300C'),
      st('GO', 'LPSW', 'WAIT'),
      st('WAIT', 'DC', "X'000200000000ABCD'"),
      st('', 'END', 'GO'),
    ]);
    const deck = iplDeck(r.core);
    expect(deck.length % 80).toBe(0);
    const { mem, psw, cardsRead } = ipl(deck);
    expect(Buffer.from(mem.subarray(0x2000, 0x2000 + r.core.bytes.length))).toEqual(Buffer.from(r.core.bytes));
    expect(Buffer.from(psw).toString('hex')).toBe('00000000' + '00' + r.core.entry.toString(16).padStart(6, '0'));
    expect(r.core.entry).toBe(0x2132);
    expect(cardsRead).toBe(deck.length / 80);
  });

  it('uses several CCW cards for a long program (eight text cards each)', () => {
    const r = asm([st('P', 'START', "X'1000'"), st('', 'DC', "2000X'5A'"), st('', 'DC', "C'END'"), st('', 'END')]);
    const deck = iplDeck(r.core);
    // 2003 bytes: 26 text cards, 4 CCW cards, the IPL card.
    expect(deck.length / 80).toBe(1 + 4 + 26);
    const { mem } = ipl(deck);
    expect(mem.subarray(0x1000, 0x1000 + 2003)).toEqual(r.core.bytes);
    expect(mem[0x1000 + 2003]).toBe(0);
  });

  it('a program assembled at location 0 supplies its own IPL PSW', () => {
    const r = asm([st('P', 'START', '0'), st('', 'DC', "X'000A0000',A(GO)"), st('', 'DS', '30F'), st('GO', 'BR', '14'), st('', 'END')]);
    const { mem, psw } = ipl(iplDeck(r.core));
    expect(Buffer.from(psw).toString('hex')).toBe('000a0000' + '00000080');
    expect(mem[0x80]).toBe(0x07);
  });

  it('refuses a CCW area that overlaps the program', () => {
    const r = asm([st('P', 'START', '0'), st('', 'DC', "200X'00'"), st('', 'END')]);
    expect(() => iplDeck(r.core, { ccwArea: 64 })).toThrow(/overlaps/);
  });
});
