// The 3270 display: the character buffer, field attributes, extended attributes, cursor, keyboard
// and operator information area (IBM 3270 Information Display System Data Stream Programmer's
// Reference, "Introduction to the 3270 Data Stream"). One instance per terminal; it holds no
// module-level state, so a process can run any number of terminals.
//
// The same model serves three users:
//  - a channel-attached local 3270 device: the CCW command code and data go to write(); a Read
//    Buffer or Read Modified CCW takes readBuffer() / readModified();
//  - the TN3270 server: a shadow of what each client shows (host writes are applied, inbound
//    records are folded in with applyInbound());
//  - the ink terminal UI: the operator types with the methods of operator.ts and each AID key
//    returns the inbound record for the host.
//
// The state arrays are public so that the data stream (outbound.ts, inbound.ts,
// structured-fields.ts), the keyboard (operator.ts) and renderers can work on one model; anything
// that changes them calls changed() so subscribers redraw.

import { fromEbcdic, type CodePage } from '../ebcdic/index.ts';
import { Aid, FieldAttribute, Highlight, Color, ReplyMode } from './codes.ts';
import { applyInboundRecord, readBuffer, readModified } from './inbound.ts';
import type { TerminalModel } from './models.ts';
import { eraseAllUnprotected, processOutbound } from './outbound.ts';

/** Write commands by name, as the channel-attached display device (src/devices/display-3270) names them. */
export type WriteCommandName = 'write' | 'eraseWrite' | 'eraseWriteAlternate';

const WRITE_CODES: Readonly<Record<WriteCommandName, number>> = { write: 0x01, eraseWrite: 0x05, eraseWriteAlternate: 0x0d };

/** Why the keyboard is locked: the host has it (X SYSTEM) or the operator made an error. */
export type KeyboardLock = 'system' | 'protected' | 'numeric' | 'overflow';

/** What a real 3270 shows in the operator information area, as text. */
export const LOCK_TEXT: Readonly<Record<KeyboardLock, string>> = {
  system: 'X SYSTEM',
  protected: 'X Protected',
  numeric: 'X Numeric',
  overflow: 'X Overflow',
};

/** The operator information area (the line under the screen). */
export interface OperatorInformation {
  readonly lock: KeyboardLock | null;
  /** 'X SYSTEM', 'X Protected' … or '' when the keyboard is free. */
  readonly lockText: string;
  readonly insertMode: boolean;
  /** 0-origin. */
  readonly cursorRow: number;
  readonly cursorColumn: number;
  readonly rows: number;
  readonly columns: number;
  readonly alternate: boolean;
  readonly formatted: boolean;
}

/** A field: its attribute position, its data area and its attributes. */
export interface Field {
  /** Position of the attribute byte. */
  readonly address: number;
  /** First data position (after the attribute, wrapping). */
  readonly start: number;
  /** Number of data positions (0 when two attributes are adjacent). */
  readonly length: number;
  /** Attribute bits: FieldAttribute.protected, numeric, intensity, modified. */
  readonly attribute: number;
  readonly color: number;
  readonly highlight: number;
}

export interface ScreenOptions {
  model: TerminalModel;
  codePage?: CodePage;
}

/** A cell as a renderer sees it. */
export interface Cell {
  /** The character to show ('' never: a blank for nulls, attributes and non-display fields). */
  readonly text: string;
  readonly attribute: boolean;
  /** The attribute bits of the governing field (0 on an unformatted screen). */
  readonly fieldAttribute: number;
  /** Effective colour: character colour, else field colour, else 0 (default). */
  readonly color: number;
  /** Effective highlighting, as Highlight values (0 default). */
  readonly highlight: number;
}

export class Screen3270 {
  readonly model: TerminalModel;
  readonly codePage: CodePage;
  /** Positions in the largest (alternate) screen. */
  readonly capacity: number;
  rows: number;
  columns: number;
  alternate = false;
  /** EBCDIC character codes; the value at an attribute position is meaningless. */
  readonly chars: Uint8Array;
  /** -1 where there is no field attribute, else the attribute bits (low six bits of the byte). */
  readonly attrs: Int16Array;
  /** Extended field attributes, at attribute positions. */
  readonly fieldColor: Uint8Array;
  readonly fieldHighlight: Uint8Array;
  /** Character attributes set by SA (0 = take the field's). */
  readonly charColor: Uint8Array;
  readonly charHighlight: Uint8Array;
  cursor = 0;
  insertMode = false;
  lock: KeyboardLock | null = null;
  /** The last AID sent (Aid.none until the operator presses one; cleared by keyboard restore). */
  aid: number = Aid.none;
  /** Inbound reply mode (Set Reply Mode) and, for character mode, the attribute types to report. */
  replyMode: number = ReplyMode.field;
  replyAttributeTypes: number[] = [];
  /** Counts sounded alarms: a renderer rings the bell when it changes. */
  alarms = 0;
  /** Counts changes; a renderer compares it to know when to redraw. */
  version = 0;
  private readonly listeners = new Set<() => void>();
  private readonly glyphs: string[];

  constructor(options: ScreenOptions) {
    this.model = options.model;
    this.codePage = options.codePage ?? 'cp037';
    this.rows = options.model.defaultRows;
    this.columns = options.model.defaultColumns;
    this.capacity = Math.max(
      options.model.defaultRows * options.model.defaultColumns,
      options.model.alternateRows * options.model.alternateColumns,
    );
    this.chars = new Uint8Array(this.capacity);
    this.attrs = new Int16Array(this.capacity).fill(-1);
    this.fieldColor = new Uint8Array(this.capacity);
    this.fieldHighlight = new Uint8Array(this.capacity);
    this.charColor = new Uint8Array(this.capacity);
    this.charHighlight = new Uint8Array(this.capacity);
    const all = new Uint8Array(256);
    for (let i = 0; i < 256; i++) all[i] = i;
    this.glyphs = Array.from(fromEbcdic(all, this.codePage));
  }

  /** Positions on the current screen. */
  get size(): number {
    return this.rows * this.columns;
  }

  // ---- change notification -------------------------------------------------------------------

  /** Calls the listener after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    this.version++;
    for (const listener of [...this.listeners]) listener();
  }

  // ---- the host side ---------------------------------------------------------------------------

  /**
   * Executes a command with its data (WCC and orders, or structured fields). `command` may be a
   * CCW code (X'01' Write …), an SNA code (X'F1' …) or a write command's name. Returns the
   * inbound data for read commands and for a Read Partition Query, else null.
   */
  write(command: number | WriteCommandName, data: Uint8Array): Uint8Array | null {
    const code = typeof command === 'number' ? command : WRITE_CODES[command];
    const reply = processOutbound(this, code, data);
    this.changed();
    return reply;
  }

  /** Erase All Unprotected (CCW X'0F'). */
  eraseAllUnprotected(): void {
    eraseAllUnprotected(this);
    this.changed();
  }

  /** A whole outbound record as TN3270 carries it: command byte first. */
  writeRecord(record: Uint8Array): Uint8Array | null {
    if (record.length === 0) return null;
    return this.write(record[0]!, record.subarray(1));
  }

  /** Read Buffer: AID, cursor address, then every position (attributes as SF orders). */
  readBuffer(): Uint8Array {
    return readBuffer(this);
  }

  /** Read Modified (or Read Modified All): the AID, cursor and modified fields; PA and Clear read short. */
  readModified(all = false): Uint8Array {
    return readModified(this, all);
  }

  /** Folds an inbound record (sent by a remote client that owns the real screen) into this copy. */
  applyInbound(record: Uint8Array): void {
    applyInboundRecord(this, record);
    this.changed();
  }

  /** Erase: nulls everywhere, no fields, cursor home; the size becomes default or alternate. */
  eraseAll(alternate: boolean): void {
    this.alternate = alternate;
    this.rows = alternate ? this.model.alternateRows : this.model.defaultRows;
    this.columns = alternate ? this.model.alternateColumns : this.model.defaultColumns;
    this.chars.fill(0);
    this.attrs.fill(-1);
    this.fieldColor.fill(0);
    this.fieldHighlight.fill(0);
    this.charColor.fill(0);
    this.charHighlight.fill(0);
    this.cursor = 0;
  }

  /** Keyboard restore (WCC bit): unlocks, clears the AID. */
  restoreKeyboard(): void {
    this.lock = null;
    this.aid = Aid.none;
  }

  // ---- fields ----------------------------------------------------------------------------------

  isFormatted(): boolean {
    const size = this.size;
    for (let i = 0; i < size; i++) if (this.attrs[i]! >= 0) return true;
    return false;
  }

  /** The attribute position governing a position (itself if it is one), or -1 when unformatted. */
  fieldAddress(position: number): number {
    const size = this.size;
    for (let i = 0; i < size; i++) {
      const p = (position - i + size) % size;
      if (this.attrs[p]! >= 0) return p;
    }
    return -1;
  }

  /** For every position, the address of its field's attribute (-1 everywhere when unformatted). */
  fieldMap(): Int32Array {
    const size = this.size;
    const map = new Int32Array(size).fill(-1);
    let current = -1;
    for (let i = size - 1; i >= 0 && current < 0; i--) if (this.attrs[i]! >= 0) current = i;
    if (current < 0) return map;
    for (let i = 0; i < size; i++) {
      if (this.attrs[i]! >= 0) current = i;
      map[i] = current;
    }
    return map;
  }

  /** The fields in buffer order. */
  fields(): Field[] {
    const size = this.size;
    const starts: number[] = [];
    for (let i = 0; i < size; i++) if (this.attrs[i]! >= 0) starts.push(i);
    return starts.map((address, index) => {
      const next = starts[(index + 1) % starts.length]!;
      const length = (next - address - 1 + size) % size;
      return {
        address,
        start: (address + 1) % size,
        length,
        attribute: this.attrs[address]!,
        color: this.fieldColor[address]!,
        highlight: this.fieldHighlight[address]!,
      };
    });
  }

  /** Is a position one where the operator may type? (Unformatted screens: everywhere.) */
  isInputPosition(position: number): boolean {
    if (this.attrs[position]! >= 0) return false;
    const fa = this.fieldAddress(position);
    return fa < 0 || (this.attrs[fa]! & FieldAttribute.protected) === 0;
  }

  /** Sets or clears the MDT bit of the field holding a position. */
  setModified(position: number, on = true): void {
    const fa = this.fieldAddress(position);
    if (fa < 0) return;
    this.attrs[fa] = on ? this.attrs[fa]! | FieldAttribute.modified : this.attrs[fa]! & ~FieldAttribute.modified;
  }

  // ---- text and cells --------------------------------------------------------------------------

  /** The Unicode character an EBCDIC byte shows as (controls as blanks, DUP as *, FM as ;). */
  glyph(byte: number): string {
    if (byte === 0x1c) return '*';
    if (byte === 0x1e) return ';';
    if (byte < 0x40 || byte === 0xff) return ' ';
    return this.glyphs[byte]!;
  }

  /** Every cell of the current screen, row by row, as a renderer needs it. */
  cells(): Cell[][] {
    const map = this.fieldMap();
    const out: Cell[][] = [];
    for (let r = 0; r < this.rows; r++) {
      const row: Cell[] = [];
      for (let c = 0; c < this.columns; c++) {
        const p = r * this.columns + c;
        const fa = map[p]!;
        const attribute = fa >= 0 ? this.attrs[fa]! : 0;
        const isAttr = fa === p;
        const hidden = isAttr || (attribute & FieldAttribute.intensityMask) === FieldAttribute.nonDisplay;
        const fieldColor = fa >= 0 ? this.fieldColor[fa]! : Color.default;
        const fieldHighlight = fa >= 0 ? this.fieldHighlight[fa]! : Highlight.default;
        row.push({
          text: hidden ? ' ' : this.glyph(this.chars[p]!),
          attribute: isAttr,
          fieldAttribute: attribute,
          color: isAttr ? fieldColor : this.charColor[p]! || fieldColor,
          highlight: isAttr ? Highlight.default : this.charHighlight[p]! || fieldHighlight,
        });
      }
      out.push(row);
    }
    return out;
  }

  /** The screen as text lines; non-display fields and attributes show as blanks (like s3270 Ascii()). */
  text(): string[] {
    return this.cells().map((row) => row.map((cell) => cell.text).join(''));
  }

  /** The characters of one row from a column (0-origin), like s3270's Ascii1 but 0-origin. */
  textAt(row: number, column: number, length: number): string {
    return this.text()[row]!.slice(column, column + length);
  }

  operatorInformation(): OperatorInformation {
    return {
      lock: this.lock,
      lockText: this.lock ? LOCK_TEXT[this.lock] : '',
      insertMode: this.insertMode,
      cursorRow: Math.floor(this.cursor / this.columns),
      cursorColumn: this.cursor % this.columns,
      rows: this.rows,
      columns: this.columns,
      alternate: this.alternate,
      formatted: this.isFormatted(),
    };
  }

  // ---- snapshot --------------------------------------------------------------------------------

  snapshot(): ScreenSnapshot {
    return {
      alternate: this.alternate,
      chars: Array.from(this.chars),
      attrs: Array.from(this.attrs),
      fieldColor: Array.from(this.fieldColor),
      fieldHighlight: Array.from(this.fieldHighlight),
      charColor: Array.from(this.charColor),
      charHighlight: Array.from(this.charHighlight),
      cursor: this.cursor,
      insertMode: this.insertMode,
      lock: this.lock,
      aid: this.aid,
      replyMode: this.replyMode,
      replyAttributeTypes: [...this.replyAttributeTypes],
    };
  }

  restore(state: ScreenSnapshot): void {
    this.eraseAll(state.alternate);
    this.chars.set(state.chars);
    this.attrs.set(state.attrs);
    this.fieldColor.set(state.fieldColor);
    this.fieldHighlight.set(state.fieldHighlight);
    this.charColor.set(state.charColor);
    this.charHighlight.set(state.charHighlight);
    this.cursor = state.cursor;
    this.insertMode = state.insertMode;
    this.lock = state.lock;
    this.aid = state.aid;
    this.replyMode = state.replyMode;
    this.replyAttributeTypes = [...state.replyAttributeTypes];
    this.changed();
  }
}

export interface ScreenSnapshot {
  alternate: boolean;
  chars: number[];
  attrs: number[];
  fieldColor: number[];
  fieldHighlight: number[];
  charColor: number[];
  charHighlight: number[];
  cursor: number;
  insertMode: boolean;
  lock: KeyboardLock | null;
  aid: number;
  replyMode: number;
  replyAttributeTypes: number[];
}
