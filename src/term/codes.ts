// 3270 data stream codes (IBM 3270 Information Display System Data Stream Programmer's Reference,
// GA23-0059: "Commands", "Orders", "Attention Identifiers", "Field Attributes", "Extended Field
// Attributes", "Structured Fields"). Pure data: no behaviour lives here.

/**
 * Write and read commands. A channel-attached (local non-SNA) 3270 receives the CCW command codes;
 * over SNA and TN3270 the first byte of a record carries the SNA code. The model accepts both.
 */
export const Command = {
  write: 0x01,
  eraseWrite: 0x05,
  eraseWriteAlternate: 0x0d,
  readBuffer: 0x02,
  readModified: 0x06,
  eraseAllUnprotected: 0x0f,
  writeStructuredField: 0x11,
  // SNA command codes
  snaWrite: 0xf1,
  snaEraseWrite: 0xf5,
  snaEraseWriteAlternate: 0x7e,
  snaReadBuffer: 0xf2,
  snaReadModified: 0xf6,
  snaReadModifiedAll: 0x6e,
  snaEraseAllUnprotected: 0x6f,
  snaWriteStructuredField: 0xf3,
} as const;

/** What a command does, whichever code named it. */
export type CommandKind = 'W' | 'EW' | 'EWA' | 'RB' | 'RM' | 'RMA' | 'EAU' | 'WSF';

const COMMAND_KINDS: ReadonlyMap<number, CommandKind> = new Map<number, CommandKind>([
  [0x01, 'W'],
  [0xf1, 'W'],
  [0x05, 'EW'],
  [0xf5, 'EW'],
  [0x0d, 'EWA'],
  [0x7e, 'EWA'],
  [0x02, 'RB'],
  [0xf2, 'RB'],
  [0x06, 'RM'],
  [0xf6, 'RM'],
  [0x6e, 'RMA'],
  [0x0f, 'EAU'],
  [0x6f, 'EAU'],
  [0x11, 'WSF'],
  [0xf3, 'WSF'],
]);

export function commandKind(code: number): CommandKind | undefined {
  return COMMAND_KINDS.get(code);
}

/** Orders inside a write data stream. */
export const Order = {
  startField: 0x1d,
  startFieldExtended: 0x29,
  setBufferAddress: 0x11,
  setAttribute: 0x28,
  modifyField: 0x2c,
  insertCursor: 0x13,
  programTab: 0x05,
  repeatToAddress: 0x3c,
  eraseUnprotectedToAddress: 0x12,
  graphicEscape: 0x08,
} as const;

/** Format control characters that a write may store in the buffer (they are data, not orders). */
export const FormatControl = {
  null: 0x00,
  formFeed: 0x0c,
  carriageReturn: 0x0d,
  newLine: 0x15,
  endOfMedium: 0x19,
  dup: 0x1c,
  fieldMark: 0x1e,
  substitute: 0x3f,
  eightOnes: 0xff,
} as const;

/** Write control character bits (after the 6-bit code translation is removed). */
export const Wcc = {
  reset: 0x40,
  startPrinter: 0x08,
  alarm: 0x04,
  keyboardRestore: 0x02,
  resetMdt: 0x01,
} as const;

/** Field attribute bits. Protected + numeric together make an autoskip field. */
export const FieldAttribute = {
  protected: 0x20,
  numeric: 0x10,
  autoskip: 0x30,
  intensityMask: 0x0c,
  normal: 0x00,
  normalDetectable: 0x04,
  intensified: 0x08,
  nonDisplay: 0x0c,
  modified: 0x01,
} as const;

/** Attention identifiers: the first byte of every inbound record. */
export const Aid = {
  none: 0x60,
  structuredField: 0x88,
  readPartition: 0x61,
  enter: 0x7d,
  clear: 0x6d,
  pa1: 0x6c,
  pa2: 0x6e,
  pa3: 0x6b,
  sysReq: 0xf0,
  selectorPen: 0x7e,
  pf1: 0xf1,
  pf2: 0xf2,
  pf3: 0xf3,
  pf4: 0xf4,
  pf5: 0xf5,
  pf6: 0xf6,
  pf7: 0xf7,
  pf8: 0xf8,
  pf9: 0xf9,
  pf10: 0x7a,
  pf11: 0x7b,
  pf12: 0x7c,
  pf13: 0xc1,
  pf14: 0xc2,
  pf15: 0xc3,
  pf16: 0xc4,
  pf17: 0xc5,
  pf18: 0xc6,
  pf19: 0xc7,
  pf20: 0xc8,
  pf21: 0xc9,
  pf22: 0x4a,
  pf23: 0x4b,
  pf24: 0x4c,
} as const;

const PF_AIDS = [
  0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0x7a, 0x7b, 0x7c,
  0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0x4a, 0x4b, 0x4c,
];

/** The AID of PF key n (1-24). */
export function pfAid(n: number): number {
  const aid = PF_AIDS[n - 1];
  if (aid === undefined) throw new RangeError(`there is no PF${n} key (PF1-PF24)`);
  return aid;
}

/** The PF key number of an AID, or 0 when the AID is not a PF key. */
export function pfNumber(aid: number): number {
  return PF_AIDS.indexOf(aid) + 1;
}

/** The AID of PA key n (1-3). */
export function paAid(n: number): number {
  const aid = [Aid.pa1, Aid.pa2, Aid.pa3][n - 1];
  if (aid === undefined) throw new RangeError(`there is no PA${n} key (PA1-PA3)`);
  return aid;
}

/** PA keys and Clear send a short read: the AID alone (Read Modified, "Short Read Operation"). */
export function isShortReadAid(aid: number): boolean {
  return aid === Aid.pa1 || aid === Aid.pa2 || aid === Aid.pa3 || aid === Aid.clear;
}

/** A readable name for an AID: ENTER, PF1 … PF24, PA1 … PA3, CLEAR, SYSREQ. */
export function aidName(aid: number): string {
  const pf = pfNumber(aid);
  if (pf) return `PF${pf}`;
  switch (aid) {
    case Aid.enter:
      return 'ENTER';
    case Aid.clear:
      return 'CLEAR';
    case Aid.pa1:
      return 'PA1';
    case Aid.pa2:
      return 'PA2';
    case Aid.pa3:
      return 'PA3';
    case Aid.sysReq:
      return 'SYSREQ';
    case Aid.none:
      return 'NONE';
    case Aid.structuredField:
      return 'STRUCTURED-FIELD';
    case Aid.selectorPen:
      return 'SELECTOR-PEN';
    default:
      return `AID-${aid.toString(16).padStart(2, '0').toUpperCase()}`;
  }
}

/** Extended attribute types (SFE, SA, MF pairs). */
export const AttributeType = {
  all: 0x00,
  field: 0xc0,
  validation: 0xc1,
  outlining: 0xc2,
  highlighting: 0x41,
  foreground: 0x42,
  characterSet: 0x43,
  background: 0x45,
  transparency: 0x46,
} as const;

/** Extended highlighting values. 0x00 is the default (the field's, or none). */
export const Highlight = {
  default: 0x00,
  normal: 0xf0,
  blink: 0xf1,
  reverse: 0xf2,
  underscore: 0xf4,
} as const;

/** 3279 colour values. 0x00 is the default (base colour from the field attribute). */
export const Color = {
  default: 0x00,
  neutralBlack: 0xf0,
  blue: 0xf1,
  red: 0xf2,
  pink: 0xf3,
  green: 0xf4,
  turquoise: 0xf5,
  yellow: 0xf6,
  neutralWhite: 0xf7,
  black: 0xf8,
  deepBlue: 0xf9,
  orange: 0xfa,
  purple: 0xfb,
  paleGreen: 0xfc,
  paleTurquoise: 0xfd,
  grey: 0xfe,
  white: 0xff,
} as const;

/** Structured field identifiers (outbound) used by WSF. */
export const StructuredField = {
  readPartition: 0x01,
  eraseReset: 0x03,
  setReplyMode: 0x09,
  outbound3270ds: 0x40,
} as const;

/** Read Partition types. */
export const ReadPartitionType = {
  query: 0x02,
  queryList: 0x03,
  readModifiedAll: 0x6e,
  readBuffer: 0xf2,
  readModified: 0xf6,
} as const;

/** Query reply codes (inbound structured field 0x81 followed by one of these). */
export const QueryCode = {
  summary: 0x80,
  usableArea: 0x81,
  characterSets: 0x85,
  color: 0x86,
  highlighting: 0x87,
  replyModes: 0x88,
  implicitPartition: 0xa6,
  null: 0xff,
} as const;

/** Inbound reply modes (Set Reply Mode). */
export const ReplyMode = {
  field: 0x00,
  extendedField: 0x01,
  character: 0x02,
} as const;
