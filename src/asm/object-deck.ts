// The object deck in the OS/360 object module format: 80-byte EBCDIC card images with X'02' in column 1
// and ESD, TXT, RLD or END in columns 2-4 (OS/VS Linkage Editor and Loader, "Object module input";
// HLASM Programmer's Guide, "Object deck output"). Columns 73-80 carry the deck ID and a sequence number.

import { ebcdicField, EBCDIC_BLANK } from '../ebcdic/index.ts';

export const CARD = 80;

/** ESD type codes. */
export const ESD_TYPE = { SD: 0x00, LD: 0x01, ER: 0x02, PC: 0x04, CM: 0x05, WX: 0x0a } as const;
export type EsdType = keyof typeof ESD_TYPE;

export interface EsdItem {
  type: EsdType;
  /** '' for private code. */
  name: string;
  /** ESD id (SD, PC, CM, ER, WX); LD items have none. */
  esdid?: number;
  address: number;
  /** Section length (SD, PC, CM). */
  length?: number;
  /** LD: the ESD id of the section that holds the label. */
  ldid?: number;
}

export interface TextRun {
  esdid: number;
  address: number;
  bytes: Uint8Array;
}

export interface RldItem {
  /** ESD id of the symbol whose address is added (R pointer). */
  relocation: number;
  /** ESD id of the section holding the address constant (P pointer). */
  position: number;
  address: number;
  length: number;
  vcon: boolean;
  negative: boolean;
}

export interface EndInfo {
  /** Entry point by address within a section. */
  entry?: { esdid: number; address: number };
  /** Entry point by external name (END operand an external symbol). */
  entryName?: string;
  /** IDR: assembly date. */
  date: Date;
}

export interface DeckInput {
  esd: EsdItem[];
  text: TextRun[];
  rld: RldItem[];
  end: EndInfo;
  deckId: string;
}

function blankCard(kind: string): Uint8Array {
  const c = new Uint8Array(CARD).fill(EBCDIC_BLANK);
  c[0] = 0x02;
  c.set(ebcdicField(kind, 3), 1);
  return c;
}

function put16(c: Uint8Array, col: number, v: number): void {
  c[col - 1] = (v >> 8) & 0xff;
  c[col] = v & 0xff;
}

function put24(c: Uint8Array, col: number, v: number): void {
  c[col - 1] = (v >> 16) & 0xff;
  c[col] = (v >> 8) & 0xff;
  c[col + 1] = v & 0xff;
}

/** Columns 73-80: the deck ID left-justified, the sequence number right-justified in what remains. */
function sequence(c: Uint8Array, deckId: string, n: number): void {
  const id = deckId.slice(0, 8);
  const width = 8 - id.length;
  const num = width > 0 ? String(n % 10 ** width).padStart(width, '0') : '';
  c.set(ebcdicField(id + num, 8), 72);
}

/** ESD cards: up to three 16-byte items each; columns 15-16 hold the ESD id of the first non-LD item. */
function esdCards(items: EsdItem[]): Uint8Array[] {
  const cards: Uint8Array[] = [];
  for (let i = 0; i < items.length; i += 3) {
    const group = items.slice(i, i + 3);
    const c = blankCard('ESD');
    put16(c, 11, group.length * 16);
    const firstId = group.find((g) => g.type !== 'LD')?.esdid;
    if (firstId !== undefined) put16(c, 15, firstId);
    group.forEach((it, k) => {
      const at = 16 + k * 16; // column 17 + 16k, 0-based
      c.set(ebcdicField(it.name, 8), at);
      c[at + 8] = ESD_TYPE[it.type];
      if (it.type === 'ER' || it.type === 'WX') {
        put24(c, at + 10, 0);
        c[at + 12] = EBCDIC_BLANK;
        // Length field left blank.
      } else if (it.type === 'LD') {
        put24(c, at + 10, it.address);
        c[at + 12] = EBCDIC_BLANK;
        put24(c, at + 14, it.ldid ?? 0);
      } else {
        put24(c, at + 10, it.address);
        c[at + 12] = 0x00; // AMODE 24, RMODE 24
        put24(c, at + 14, it.length ?? 0);
      }
    });
    cards.push(c);
  }
  return cards;
}

/** TXT cards: at most 56 bytes of contiguous text of one section each. */
function textCards(runs: TextRun[]): Uint8Array[] {
  const cards: Uint8Array[] = [];
  // Merge pieces that continue one another, then cut into 56-byte cards.
  const merged: TextRun[] = [];
  for (const r of runs) {
    if (r.bytes.length === 0) continue;
    const last = merged[merged.length - 1];
    if (last && last.esdid === r.esdid && last.address + last.bytes.length === r.address) {
      const b = new Uint8Array(last.bytes.length + r.bytes.length);
      b.set(last.bytes);
      b.set(r.bytes, last.bytes.length);
      last.bytes = b;
    } else merged.push({ ...r });
  }
  for (const r of merged) {
    for (let k = 0; k < r.bytes.length; k += 56) {
      const part = r.bytes.subarray(k, k + 56);
      const c = blankCard('TXT');
      put24(c, 6, r.address + k);
      put16(c, 11, part.length);
      put16(c, 15, r.esdid);
      c.set(part, 16);
      cards.push(c);
    }
  }
  return cards;
}

/** The RLD flag byte: type (bits 2-3: 0 A, 1 V), length - 1 (bits 4-5), sign (bit 6), same-R-and-P (bit 7). */
export function rldFlag(item: RldItem, continued: boolean): number {
  return (item.vcon ? 0x10 : 0) | (((item.length - 1) & 3) << 2) | (item.negative ? 0x02 : 0) | (continued ? 0x01 : 0);
}

/** RLD cards: items grouped by position and relocation id; a run shares the pointers (flag bit 7). */
function rldCards(items: RldItem[]): Uint8Array[] {
  const sorted = [...items].sort((x, y) => x.position - y.position || x.relocation - y.relocation || x.address - y.address);
  const cards: Uint8Array[] = [];
  let c: Uint8Array | undefined;
  let used = 0;
  let prevFlagAt = -1;
  let prev: RldItem | undefined;
  for (const it of sorted) {
    const same = prev !== undefined && prev.position === it.position && prev.relocation === it.relocation;
    const need = same ? 4 : 8;
    if (!c || used + need > 56 || (!same && used + 8 > 56)) {
      if (c) {
        put16(c, 11, used);
        cards.push(c);
      }
      c = blankCard('RLD');
      used = 0;
      prevFlagAt = -1;
    }
    const at = 16 + used;
    const shared = same && prevFlagAt >= 0;
    if (shared) c[prevFlagAt] |= 0x01;
    else {
      put16(c, at + 1, it.relocation);
      put16(c, at + 3, it.position);
    }
    const flagAt = shared ? at : at + 4;
    c[flagAt] = rldFlag(it, false);
    put24(c, flagAt + 2, it.address);
    used += shared ? 4 : 8;
    prevFlagAt = flagAt;
    prev = it;
  }
  if (c) {
    put16(c, 11, used);
    cards.push(c);
  }
  return cards;
}

/** Julian date yyddd of the IDR field. */
function julian(d: Date): string {
  const startOfYear = Date.UTC(d.getUTCFullYear(), 0, 1);
  const day = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - startOfYear) / 86_400_000) + 1;
  return String(d.getUTCFullYear() % 100).padStart(2, '0') + String(day).padStart(3, '0');
}

function endCard(end: EndInfo): Uint8Array {
  const c = blankCard('END');
  if (end.entry) {
    put24(c, 6, end.entry.address);
    put16(c, 15, end.entry.esdid);
  } else if (end.entryName) {
    c.set(ebcdicField(end.entryName, 8), 16);
  }
  // One IDR item: translator identification (10), version and release (4), date yyddd (5).
  c.set(ebcdicField('1', 1), 32);
  c.set(ebcdicField('VM370ASM  0100' + julian(end.date), 19), 33);
  return c;
}

/** The whole deck: ESD cards, TXT cards, RLD cards, the END card. */
export function buildObjectDeck(input: DeckInput): Uint8Array {
  const ids = input.esd.filter((e) => e.type !== 'LD');
  const lds = input.esd.filter((e) => e.type === 'LD');
  const cards = [...esdCards([...ids, ...lds]), ...textCards(input.text), ...rldCards(input.rld), endCard(input.end)];
  const out = new Uint8Array(cards.length * CARD);
  cards.forEach((c, k) => {
    sequence(c, input.deckId, k + 1);
    out.set(c, k * CARD);
  });
  return out;
}

/** Splits a deck into its 80-byte cards. */
export function cardsOf(deck: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let k = 0; k + CARD <= deck.length; k += CARD) out.push(deck.subarray(k, k + CARD));
  return out;
}
