// Outputs for standalone programs: the flat core image and an IPL card deck.
//
// IPL deck scheme (docs/assembler.md, "IPL deck"). An IPL from a card reader reads the first card's
// first 24 bytes into storage locations 0-23 and goes on, with command chaining, with the CCW at 8
// (System/370 Principles of Operation, "Initial program loading"); at the end it loads the PSW at 0.
//   card 1      bytes 0-7 the IPL PSW (BC mode, disabled, key 0, instruction address = entry point;
//               or the program's own bytes 0-7 if it assembles any there)
//               bytes 8-15  CCW1: READ 80 bytes into the CCW area C, command chaining, SLI
//               bytes 16-23 CCW2: TIC to C
//   CCW card    ten CCWs read into C: slots 0-7 READ the next text cards straight to their load
//               addresses (chained, SLI, count = the bytes wanted); slot 8 READs the next CCW card
//               into C; slot 9 is TIC C (after slot 8 overwrites C, the channel fetches slot 9 of the
//               new card, which sends it back to slot 0). The last text READ has no chaining flag.
//   text cards  80 bytes of the core image each (the last one shorter data, the rest of the card blank)
// C is the first doubleword after the program (or ccwArea); the program must not need C..C+79.

import type { CoreImage } from './types.ts';
import type { TextPiece } from './assembly.ts';

export const CCW_READ = 0x02;
export const CCW_TIC = 0x08;
export const CCW_CC = 0x40;
export const CCW_SLI = 0x20;

/** The flat image: text bytes from the lowest to the highest address assembled; gaps are zeros. */
export function coreImage(text: readonly TextPiece[], entry: number | undefined, defaultOrigin: number): CoreImage {
  let low = Infinity;
  let high = -Infinity;
  for (const p of text) {
    if (p.bytes.length === 0) continue;
    const a = p.section.origin + p.offset;
    low = Math.min(low, a);
    high = Math.max(high, a + p.bytes.length);
  }
  if (low === Infinity) return { origin: defaultOrigin, bytes: new Uint8Array(0), entry: entry ?? defaultOrigin };
  const bytes = new Uint8Array(high - low);
  for (const p of text) bytes.set(p.bytes, p.section.origin + p.offset - low);
  return { origin: low, bytes, entry: entry ?? low };
}

function ccw(command: number, address: number, flags: number, count: number): Uint8Array {
  return Uint8Array.of(command, (address >> 16) & 0xff, (address >> 8) & 0xff, address & 0xff, flags, 0, (count >> 8) & 0xff, count & 0xff);
}

/** A BC-mode PSW: disabled for all interruptions, key 0, supervisor state, instruction address `ia`. */
export function bcPsw(ia: number): Uint8Array {
  return Uint8Array.of(0, 0, 0, 0, 0, (ia >> 16) & 0xff, (ia >> 8) & 0xff, ia & 0xff);
}

export interface IplDeckOptions {
  /** The IPL PSW (8 bytes); default a BC-mode disabled PSW at the entry point. */
  psw?: Uint8Array;
  /** Where the CCW cards are read (doubleword aligned); default just past the program. */
  ccwArea?: number;
}

/** Builds the IPL deck (80-byte card images, binary) for a core image. */
export function iplDeck(core: CoreImage, options: IplDeckOptions = {}): Uint8Array {
  const end = core.origin + core.bytes.length;
  const area = options.ccwArea ?? Math.max(24, Math.ceil(end / 8) * 8);
  if (area % 8 !== 0 || area + 80 > 0x100_0000) throw new Error(`CCW area ${area.toString(16)} must be doubleword aligned below 16M`);
  if (area < end && area + 80 > core.origin) throw new Error('CCW area overlaps the program');
  const first = new Uint8Array(80).fill(0x40);
  let psw = options.psw ?? bcPsw(core.entry);
  if (!options.psw && core.origin === 0 && core.bytes.length >= 8) psw = core.bytes.subarray(0, 8);
  first.set(psw.subarray(0, 8), 0);
  first.set(ccw(CCW_READ, area, CCW_CC | CCW_SLI, 80), 8);
  first.set(ccw(CCW_TIC, area, 0, 0), 16);
  const texts: { address: number; data: Uint8Array }[] = [];
  for (let k = 0; k < core.bytes.length; k += 80) {
    texts.push({ address: core.origin + k, data: core.bytes.subarray(k, k + 80) });
  }
  const cards: Uint8Array[] = [first];
  for (let g = 0; g < Math.max(1, texts.length); g += 8) {
    const group = texts.slice(g, g + 8);
    const last = g + 8 >= texts.length;
    const c = new Uint8Array(80);
    group.forEach((t, k) => {
      const chained = !(last && k === group.length - 1);
      c.set(ccw(CCW_READ, t.address, (chained ? CCW_CC : 0) | CCW_SLI, t.data.length), k * 8);
    });
    if (!last) c.set(ccw(CCW_READ, area, CCW_CC | CCW_SLI, 80), 64);
    c.set(ccw(CCW_TIC, area, 0, 0), 72);
    if (group.length === 0) {
      // Nothing to load: a single READ of nothing ends the chain (a blank card, SLI).
      c.set(ccw(CCW_READ, area + 80, CCW_SLI, 1), 0);
    }
    cards.push(c);
    for (const t of group) {
      const card = new Uint8Array(80).fill(0x40);
      card.set(t.data);
      cards.push(card);
    }
  }
  if (texts.length === 0) cards.push(new Uint8Array(80).fill(0x40));
  const out = new Uint8Array(cards.length * 80);
  cards.forEach((c, k) => out.set(c, k * 80));
  return out;
}
