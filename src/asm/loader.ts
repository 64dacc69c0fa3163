// A relocating loader for object decks in the OS/360 object module format (ESD, TXT, RLD, END cards),
// in the manner of the OS loader: control sections are placed one after another on doubleword
// boundaries from a load origin, common sections after them, external references (ER, WX) are
// resolved against section names (SD) and entry names (LD) of every deck, and address constants are
// relocated as the RLD items say. An unresolved WXTRN is zero without complaint. With `externals`
// (for example a nucleus's link map), references no deck defines resolve to those addresses, which
// are not loaded: a program linked against a resident nucleus, as CMS's MODULE files are.

import { fromEbcdic } from '../ebcdic/index.ts';
import { cardsOf } from './object-deck.ts';

export interface LoadOptions {
  /** Load address of the first control section (rounded up to a doubleword). */
  origin: number;
  /** Storage to load into (addresses are indexes into it). */
  storage?: Uint8Array;
  /** Or: a callback that receives the loaded bytes. */
  write?: (address: number, bytes: Uint8Array) => void;
  /**
   * Names already in storage (a nucleus's sections and entries) with their addresses: external
   * references that no deck defines resolve to them; nothing of theirs is loaded or listed.
   */
  externals?: ReadonlyMap<string, number>;
}

export interface LoadedSection {
  name: string;
  type: 'SD' | 'PC' | 'CM';
  address: number;
  length: number;
  /** Index of the deck it came from. */
  deck: number;
}

export interface LoadResult {
  /** Entry point: the first END card that names one, else the first section's address. */
  entry: number;
  sections: LoadedSection[];
  /** Section and entry names with their loaded addresses. */
  symbols: Map<string, number>;
  /** External references (ER) that nothing defines. */
  unresolved: string[];
  /** Problems found: bad cards, duplicate names, RLD items that point nowhere. */
  messages: string[];
  /** The loaded image: bytes from `origin` to the end of the last section. */
  origin: number;
  image: Uint8Array;
}

interface EsdEntry {
  type: number;
  name: string;
  address: number;
  length: number;
  /** Relocation factor (loaded minus assembled address) for sections; the address for resolved externals. */
  value?: number;
}

interface Deck {
  esd: Map<number, EsdEntry>;
  lds: { name: string; address: number; ldid: number }[];
  cards: { kind: string; card: Uint8Array }[];
}

const BLANK2 = 0x4040;

function u16(c: Uint8Array, col: number): number {
  return (c[col - 1] << 8) | c[col];
}

function u24(c: Uint8Array, col: number): number {
  return (c[col - 1] << 16) | (c[col] << 8) | c[col + 1];
}

function text(c: Uint8Array, col: number, len: number): string {
  return fromEbcdic(c.subarray(col - 1, col - 1 + len)).trimEnd();
}

function parseDeck(deck: Uint8Array, index: number, messages: string[]): Deck {
  const d: Deck = { esd: new Map(), lds: [], cards: [] };
  for (const card of cardsOf(deck)) {
    if (card[0] !== 0x02) continue; // control statements, blank cards: not object cards
    const kind = text(card, 2, 3);
    if (kind === 'ESD') {
      const count = Math.min(48, u16(card, 11));
      const firstId = u16(card, 15);
      let id = firstId === BLANK2 ? 0 : firstId;
      for (let k = 0; k + 16 <= count; k += 16) {
        const at = 17 + k;
        const type = card[at + 7];
        const name = text(card, at, 8);
        const address = u24(card, at + 9);
        if (type === 0x01) {
          d.lds.push({ name, address, ldid: u24(card, at + 13) & 0xffff });
          continue;
        }
        const length = type === 0x02 || type === 0x0a ? 0 : u24(card, at + 13);
        d.esd.set(id, { type, name, address, length });
        id++;
      }
    } else if (kind === 'TXT' || kind === 'RLD' || kind === 'END') d.cards.push({ kind, card });
    else messages.push(`deck ${index + 1}: unknown object card '${kind}' ignored`);
  }
  return d;
}

const SD = 0x00;
const PC = 0x04;
const CM = 0x05;
const ER = 0x02;
const WX = 0x0a;

/** Loads object decks; see the file comment. */
export function loadObjectDecks(decks: readonly Uint8Array[], options: LoadOptions): LoadResult {
  const messages: string[] = [];
  const parsed = decks.map((deck, k) => parseDeck(deck, k, messages));
  const origin = Math.ceil(options.origin / 8) * 8;
  const sections: LoadedSection[] = [];
  const symbols = new Map<string, number>();
  const define = (name: string, address: number): void => {
    if (!name) return;
    if (symbols.has(name)) messages.push(`duplicate external name ${name}: the first definition is used`);
    else symbols.set(name, address);
  };

  // Place control sections in deck order, then common sections (each name once, its longest length).
  let next = origin;
  parsed.forEach((d, k) => {
    for (const e of d.esd.values()) {
      if (e.type !== SD && e.type !== PC) continue;
      const address = Math.ceil(next / 8) * 8;
      e.value = address - e.address;
      next = address + e.length;
      sections.push({ name: e.name, type: e.type === SD ? 'SD' : 'PC', address, length: e.length, deck: k });
      if (e.type === SD) define(e.name, address);
    }
  });
  const commons = new Map<string, LoadedSection>();
  parsed.forEach((d, k) => {
    for (const e of d.esd.values()) {
      if (e.type !== CM) continue;
      const c = commons.get(e.name);
      if (c) c.length = Math.max(c.length, e.length);
      else commons.set(e.name, { name: e.name, type: 'CM', address: 0, length: e.length, deck: k });
    }
  });
  for (const c of commons.values()) {
    c.address = Math.ceil(next / 8) * 8;
    next = c.address + c.length;
    sections.push(c);
    if (c.name) define(c.name, c.address);
  }
  for (const d of parsed) {
    for (const e of d.esd.values()) if (e.type === CM) e.value = commons.get(e.name)!.address - e.address;
  }
  parsed.forEach((d) => {
    for (const ld of d.lds) {
      const sec = d.esd.get(ld.ldid);
      if (!sec || sec.value === undefined) {
        messages.push(`entry ${ld.name}: its section (ESD id ${ld.ldid}) is not in the deck`);
        continue;
      }
      define(ld.name, ld.address + sec.value);
    }
  });
  // Resolve external references.
  const unresolved = new Set<string>();
  for (const d of parsed) {
    for (const e of d.esd.values()) {
      if (e.type !== ER && e.type !== WX) continue;
      const v = symbols.get(e.name) ?? options.externals?.get(e.name);
      if (v !== undefined) e.value = v;
      else {
        e.value = 0;
        if (e.type === ER) unresolved.add(e.name);
      }
    }
  }

  const image = new Uint8Array(Math.max(0, next - origin));
  const inImage = (address: number, length: number): boolean => address >= origin && address + length <= next;
  let entry: number | undefined;
  parsed.forEach((d, k) => {
    for (const { kind, card } of d.cards) {
      if (kind === 'TXT') {
        const esdid = u16(card, 15);
        const sec = d.esd.get(esdid);
        const count = Math.min(56, u16(card, 11));
        if (!sec || sec.value === undefined || (sec.type !== SD && sec.type !== PC && sec.type !== CM)) {
          messages.push(`deck ${k + 1}: TXT for unknown ESD id ${esdid}`);
          continue;
        }
        const address = u24(card, 6) + sec.value;
        if (!inImage(address, count)) {
          messages.push(`deck ${k + 1}: TXT at ${address.toString(16)} outside its section`);
          continue;
        }
        image.set(card.subarray(16, 16 + count), address - origin);
      } else if (kind === 'RLD') {
        relocate(card, d, k, image, origin, inImage, messages);
      } else if (kind === 'END' && entry === undefined) {
        const esdid = u16(card, 15);
        const name = text(card, 17, 8);
        if (esdid !== BLANK2 && u24(card, 6) !== 0x40_4040) {
          const sec = d.esd.get(esdid);
          if (sec?.value !== undefined) entry = u24(card, 6) + sec.value;
        } else if (name) {
          const v = symbols.get(name);
          if (v !== undefined) entry = v;
          else messages.push(`entry point ${name} is not defined`);
        }
      }
    }
  });
  if (options.storage) {
    if (origin + image.length > options.storage.length) throw new RangeError(`program (${(origin + image.length).toString(16)}) does not fit in storage`);
    options.storage.set(image, origin);
  }
  options.write?.(origin, image);
  return {
    entry: entry ?? sections[0]?.address ?? origin,
    sections,
    symbols,
    unresolved: [...unresolved],
    messages,
    origin,
    image,
  };
}

/** Applies one RLD card: each item adds (or subtracts) the relocation value to an address constant. */
function relocate(
  card: Uint8Array,
  d: Deck,
  k: number,
  image: Uint8Array,
  origin: number,
  inImage: (a: number, l: number) => boolean,
  messages: string[],
): void {
  const count = Math.min(56, u16(card, 11));
  let i = 16;
  let r = 0;
  let p = 0;
  let shared = false;
  while (i < 16 + count) {
    if (!shared) {
      r = (card[i] << 8) | card[i + 1];
      p = (card[i + 2] << 8) | card[i + 3];
      i += 4;
    }
    const flag = card[i];
    const address = (card[i + 1] << 16) | (card[i + 2] << 8) | card[i + 3];
    i += 4;
    shared = (flag & 0x01) !== 0;
    const length = ((flag >> 2) & 3) + 1;
    const negative = (flag & 0x02) !== 0;
    const rel = d.esd.get(r);
    const pos = d.esd.get(p);
    if (!rel || rel.value === undefined || !pos || pos.value === undefined) {
      messages.push(`deck ${k + 1}: RLD item with unknown ESD id (R ${r}, P ${p})`);
      continue;
    }
    const at = address + pos.value;
    if (!inImage(at, length)) {
      messages.push(`deck ${k + 1}: RLD address ${at.toString(16)} outside the program`);
      continue;
    }
    let v = 0;
    for (let b = 0; b < length; b++) v = v * 256 + image[at - origin + b];
    v = negative ? v - rel.value : v + rel.value;
    const mod = 2 ** (8 * length);
    v = ((v % mod) + mod) % mod;
    for (let b = length - 1; b >= 0; b--) {
      image[at - origin + b] = v % 256;
      v = Math.floor(v / 256);
    }
  }
}
