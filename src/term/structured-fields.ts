// Write Structured Field and the query replies (Data Stream Programmer's Reference, "Structured
// Fields" and "Query Replies"; 3174 Functional Description for the reply layouts). A structured
// field is a two-byte length (0 = to the end of the data), an identifier and its parameters.
// Outbound: Read Partition (Query, Query List, RB/RM/RMA), Erase/Reset, Set Reply Mode and
// Outbound 3270DS. Inbound: AID X'88' followed by query replies, each X'81' + a query code.

import { Aid, QueryCode, ReadPartitionType, ReplyMode, StructuredField } from './codes.ts';
import { writeOrders, eraseAllUnprotected } from './outbound.ts';
import type { Screen3270 } from './screen-model.ts';
import type { TerminalModel } from './models.ts';

/** Runs the structured fields of a WSF; returns the inbound reply of a Read Partition, if any. */
export function processStructuredFields(screen: Screen3270, data: Uint8Array): Uint8Array | null {
  let reply: Uint8Array | null = null;
  let i = 0;
  while (i + 3 <= data.length) {
    const declared = (data[i]! << 8) | data[i + 1]!;
    const length = declared === 0 ? data.length - i : declared;
    if (length < 3 || i + length > data.length) break;
    const id = data[i + 2]!;
    const body = data.subarray(i + 3, i + length);
    const answer = structuredField(screen, id, body);
    if (answer && !reply) reply = answer;
    i += length;
  }
  return reply;
}

function structuredField(screen: Screen3270, id: number, body: Uint8Array): Uint8Array | null {
  switch (id) {
    case StructuredField.readPartition: {
      const partition = body[0];
      const type = body[1];
      if (partition === 0xff && (type === ReadPartitionType.query || type === ReadPartitionType.queryList)) {
        return queryReply(screen.model);
      }
      if (partition !== 0x00) return null;
      if (type === ReadPartitionType.readBuffer) return screen.readBuffer();
      if (type === ReadPartitionType.readModified) return screen.readModified(false);
      if (type === ReadPartitionType.readModifiedAll) return screen.readModified(true);
      return null;
    }
    case StructuredField.eraseReset:
      screen.eraseAll(((body[0] ?? 0) & 0x80) !== 0);
      screen.replyMode = ReplyMode.field;
      screen.replyAttributeTypes = [];
      return null;
    case StructuredField.setReplyMode:
      if (body[0] !== 0x00 || body.length < 2) return null;
      if (body[1]! <= ReplyMode.character) {
        screen.replyMode = body[1]!;
        screen.replyAttributeTypes = Array.from(body.subarray(2));
      }
      return null;
    case StructuredField.outbound3270ds: {
      if (body[0] !== 0x00 || body.length < 2) return null;
      const command = body[1]!;
      const rest = body.subarray(2);
      if (command === 0xf1 || command === 0x01) writeOrders(screen, rest, false);
      else if (command === 0xf5 || command === 0x05 || command === 0x7e || command === 0x0d) {
        const alternate = command === 0x7e || command === 0x0d;
        screen.eraseAll(alternate);
        writeOrders(screen, rest, true);
      } else if (command === 0x6f || command === 0x0f) eraseAllUnprotected(screen);
      return null;
    }
    default:
      return null;
  }
}

function sf(code: number, body: number[]): number[] {
  const length = body.length + 4;
  return [length >> 8, length & 0xff, 0x81, code, ...body];
}

const u16 = (n: number): [number, number] => [(n >> 8) & 0xff, n & 0xff];

/** The query codes this terminal answers, in the order of its Summary reply. */
export function supportedQueries(model: TerminalModel): number[] {
  return [
    QueryCode.summary,
    QueryCode.usableArea,
    QueryCode.characterSets,
    ...(model.color ? [QueryCode.color] : []),
    QueryCode.highlighting,
    QueryCode.replyModes,
    QueryCode.implicitPartition,
  ];
}

/**
 * The reply to Read Partition Query: AID X'88' and the query replies a 3278/3279 with the
 * extended data stream gives (Summary, Usable Area, Character Sets, Color, Highlighting, Reply
 * Modes, Implicit Partition).
 */
export function queryReply(model: TerminalModel): Uint8Array {
  const rows = model.alternateRows;
  const columns = model.alternateColumns;
  const out: number[] = [Aid.structuredField];
  out.push(...sf(QueryCode.summary, supportedQueries(model)));
  // Usable Area: 12/14-bit addressing, no variable cells; width, height; units mm; Xr, Yr
  // (distance between points as a fraction); cell width and height in points; buffer size.
  out.push(
    ...sf(QueryCode.usableArea, [
      0x01, 0x00, ...u16(columns), ...u16(rows), 0x01, 0x00, 0x0a, 0x02, 0xe5, 0x00, 0x02, 0x00, 0x6f, 0x09, 0x0c,
      ...u16(rows * columns),
    ]),
  );
  // Character Sets: graphic-escape capable, CGCSGID present; cell 9x12; no load formats; one
  // descriptor of 7 bytes: set 0, flags, LCID 0, CGCSGID 697/37 (the cp037 character set).
  out.push(...sf(QueryCode.characterSets, [0x82, 0x00, 0x09, 0x0c, 0x00, 0x00, 0x00, 0x00, 0x07, 0x00, 0x10, 0x00, 0x02, 0xb9, 0x00, 0x25]));
  if (model.color) {
    // Color: eight pairs, the default (00) shows green.
    out.push(...sf(QueryCode.color, [0x00, 0x08, 0x00, 0xf4, 0xf1, 0xf1, 0xf2, 0xf2, 0xf3, 0xf3, 0xf4, 0xf4, 0xf5, 0xf5, 0xf6, 0xf6, 0xf7, 0xf7]));
  }
  // Highlighting: default is normal; blink, reverse, underscore.
  out.push(...sf(QueryCode.highlighting, [0x04, 0x00, 0xf0, 0xf1, 0xf1, 0xf2, 0xf2, 0xf4, 0xf4]));
  out.push(...sf(QueryCode.replyModes, [ReplyMode.field, ReplyMode.extendedField, ReplyMode.character]));
  // Implicit Partition: one self-defining parameter (length 11, id 1): default and alternate sizes.
  out.push(
    ...sf(QueryCode.implicitPartition, [0x00, 0x00, 0x0b, 0x01, 0x00, ...u16(80), ...u16(24), ...u16(columns), ...u16(rows)]),
  );
  return Uint8Array.from(out);
}

/** What a host learns from a client's query replies. */
export interface QueryResult {
  readonly codes: number[];
  readonly usableArea?: { rows: number; columns: number };
  readonly implicitPartition?: { defaultRows: number; defaultColumns: number; alternateRows: number; alternateColumns: number };
  readonly color: boolean;
  readonly highlighting: boolean;
}

/** Reads an inbound query reply record (AID X'88' first). */
export function parseQueryReplies(record: Uint8Array): QueryResult | null {
  if (record[0] !== Aid.structuredField) return null;
  const codes: number[] = [];
  let usableArea: QueryResult['usableArea'];
  let implicitPartition: QueryResult['implicitPartition'];
  let color = false;
  let highlighting = false;
  let i = 1;
  while (i + 4 <= record.length) {
    const length = (record[i]! << 8) | record[i + 1]!;
    if (length < 4 || i + length > record.length) break;
    if (record[i + 2] === 0x81) {
      const code = record[i + 3]!;
      const body = record.subarray(i + 4, i + length);
      const word = (k: number) => ((body[k] ?? 0) << 8) | (body[k + 1] ?? 0);
      codes.push(code);
      if (code === QueryCode.usableArea && body.length >= 6) usableArea = { columns: word(2), rows: word(4) };
      if (code === QueryCode.color) color = (body[1] ?? 0) > 2;
      if (code === QueryCode.highlighting) highlighting = true;
      if (code === QueryCode.implicitPartition && body.length >= 13 && body[3] === 0x01) {
        implicitPartition = {
          defaultColumns: word(5),
          defaultRows: word(7),
          alternateColumns: word(9),
          alternateRows: word(11),
        };
      }
    }
    i += length;
  }
  return { codes, usableArea, implicitPartition, color, highlighting };
}

/** The outbound WSF record asking for a Read Partition Query (command byte first). */
export function readPartitionQuery(snaCommand = true): Uint8Array {
  return Uint8Array.of(snaCommand ? 0xf3 : 0x11, 0x00, 0x05, StructuredField.readPartition, 0xff, ReadPartitionType.query);
}
