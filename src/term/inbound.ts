// Inbound data stream: Read Buffer and Read Modified as the terminal produces them, and the parse
// of an inbound record as a host receives it (Data Stream Programmer's Reference, "Read
// Operations"). Inbound addresses are 12-bit unless the buffer exceeds 4096 positions.

import { addressModeFor, decodeAddress, encodeAddress, sixBitCode } from './buffer-address.ts';
import { Aid, AttributeType, FieldAttribute, isShortReadAid, Order, ReplyMode } from './codes.ts';
import type { Screen3270 } from './screen-model.ts';

/** SysReq in plain TN3270: the test request read heading (then fields, no cursor). */
export const TEST_REQUEST_HEADING = [0x01, 0x6c, 0x61, 0x02] as const;

function address(screen: Screen3270, a: number): [number, number] {
  return encodeAddress(a, addressModeFor(screen.size));
}

/** Read Buffer: AID, cursor, then all positions; attributes as SF (or SFE in extended field mode). */
export function readBuffer(screen: Screen3270): Uint8Array {
  const out: number[] = [screen.aid, ...address(screen, screen.cursor)];
  const size = screen.size;
  const extended = screen.replyMode !== ReplyMode.field;
  const character = screen.replyMode === ReplyMode.character;
  let color = 0;
  let highlight = 0;
  for (let p = 0; p < size; p++) {
    const attr = screen.attrs[p]!;
    if (attr >= 0) {
      if (extended) {
        const pairs: number[] = [AttributeType.field, sixBitCode(attr)];
        if (screen.fieldHighlight[p]) pairs.push(AttributeType.highlighting, screen.fieldHighlight[p]!);
        if (screen.fieldColor[p]) pairs.push(AttributeType.foreground, screen.fieldColor[p]!);
        out.push(Order.startFieldExtended, pairs.length / 2, ...pairs);
      } else {
        out.push(Order.startField, sixBitCode(attr));
      }
      continue;
    }
    if (character) {
      if (screen.charColor[p] !== color) {
        color = screen.charColor[p]!;
        out.push(Order.setAttribute, AttributeType.foreground, color);
      }
      if (screen.charHighlight[p] !== highlight) {
        highlight = screen.charHighlight[p]!;
        out.push(Order.setAttribute, AttributeType.highlighting, highlight);
      }
    }
    out.push(screen.chars[p]!);
  }
  return Uint8Array.from(out);
}

/**
 * Read Modified: the AID, the cursor address, then for every field with MDT on an SBA to its first
 * data position and its data with nulls left out. An unformatted screen sends all its non-null
 * data without SBA. PA keys and Clear read short (the AID alone) unless this is Read Modified All.
 * SysReq sends the test request heading and the fields, with no cursor address.
 */
export function readModified(screen: Screen3270, all: boolean): Uint8Array {
  const aid = screen.aid;
  if (!all && isShortReadAid(aid)) return Uint8Array.of(aid);
  const out: number[] =
    aid === Aid.sysReq && !all ? [...TEST_REQUEST_HEADING] : [aid, ...address(screen, screen.cursor)];
  const size = screen.size;
  if (!screen.isFormatted()) {
    for (let p = 0; p < size; p++) if (screen.chars[p] !== 0) out.push(screen.chars[p]!);
    return Uint8Array.from(out);
  }
  for (const field of screen.fields()) {
    if ((field.attribute & FieldAttribute.modified) === 0) continue;
    out.push(Order.setBufferAddress, ...address(screen, field.start));
    for (let k = 0, p = field.start; k < field.length; k++, p = (p + 1) % size) {
      if (screen.chars[p] !== 0) out.push(screen.chars[p]!);
    }
  }
  return Uint8Array.from(out);
}

/** A modified field as the host receives it: where it starts and the bytes typed (no nulls). */
export interface InboundField {
  /** The first data position (the SBA address). */
  readonly address: number;
  readonly data: Uint8Array;
}

/** An inbound record taken apart. */
export interface InboundRecord {
  readonly aid: number;
  /** The cursor address, absent in a short read. */
  readonly cursor?: number;
  readonly fields: InboundField[];
  /** Data before the first SBA: an unformatted screen's contents. */
  readonly unformatted?: Uint8Array;
  /** The record as received (AID first). */
  readonly raw: Uint8Array;
}

/** Takes an inbound Read Modified (or short read, or test request) record apart. */
export function parseInbound(record: Uint8Array): InboundRecord {
  if (record.length === 0) return { aid: Aid.none, fields: [], raw: record };
  let i: number;
  let aid: number;
  let cursor: number | undefined;
  if (record[0] === TEST_REQUEST_HEADING[0] && record[1] === TEST_REQUEST_HEADING[1]) {
    aid = Aid.sysReq;
    i = 4;
  } else {
    aid = record[0]!;
    i = 1;
    if (record.length >= 3 && aid !== Aid.structuredField) {
      cursor = decodeAddress(record[1]!, record[2]!);
      i = 3;
    }
  }
  const fields: InboundField[] = [];
  let unformatted: Uint8Array | undefined;
  let start = i;
  while (i < record.length && record[i] !== Order.setBufferAddress) i++;
  if (i > start) unformatted = record.slice(start, i);
  while (i + 2 < record.length && record[i] === Order.setBufferAddress) {
    const a = decodeAddress(record[i + 1]!, record[i + 2]!);
    i += 3;
    start = i;
    while (i < record.length && record[i] !== Order.setBufferAddress) i++;
    fields.push({ address: a, data: record.slice(start, i) });
  }
  return { aid, cursor, fields, unformatted, raw: record };
}

/**
 * Folds an inbound record into a shadow screen: the client has locked its keyboard, moved its
 * cursor and changed fields; Clear has erased its screen.
 */
export function applyInboundRecord(screen: Screen3270, record: Uint8Array): void {
  const parsed = parseInbound(record);
  if (parsed.aid === Aid.structuredField) return;
  screen.aid = parsed.aid;
  if (parsed.aid !== Aid.sysReq) screen.lock = 'system';
  if (parsed.aid === Aid.clear) {
    screen.eraseAll(false);
    return;
  }
  const size = screen.size;
  if (parsed.cursor !== undefined && parsed.cursor < size) screen.cursor = parsed.cursor;
  const fields = screen.fields();
  for (const field of parsed.fields) {
    if (field.address >= size) continue;
    const fa = screen.fieldAddress(field.address);
    const target = fields.find((f) => f.address === fa);
    if (!target || fa === field.address) continue;
    const offset = (field.address - target.start + size) % size;
    for (let k = offset; k < target.length; k++) {
      const index = k - offset;
      screen.chars[(target.start + k) % size] = index < field.data.length ? field.data[index]! : 0;
    }
    screen.attrs[fa] = screen.attrs[fa]! | FieldAttribute.modified;
  }
}
