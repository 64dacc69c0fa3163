// Builds outbound 3270 records for a host: a command, a WCC and orders, with text converted to
// EBCDIC. Addresses are 12-bit unless the screen has more than 4096 positions.

import { toEbcdic, type CodePage } from '../ebcdic/index.ts';
import { addressModeFor, encodeAddress, sixBitCode, type AddressMode } from './buffer-address.ts';
import { AttributeType, Command, Order } from './codes.ts';

export interface BuilderOptions {
  columns?: number;
  rows?: number;
  codePage?: CodePage;
  /** Use SNA command codes (X'F1' …, the TN3270 custom) or CCW codes (X'01' …, a local channel). */
  sna?: boolean;
}

export class DataStreamBuilder {
  private readonly bytes: number[] = [];
  readonly columns: number;
  readonly rows: number;
  private readonly mode: AddressMode;
  private readonly codePage: CodePage;
  private readonly sna: boolean;

  constructor(options: BuilderOptions = {}) {
    this.columns = options.columns ?? 80;
    this.rows = options.rows ?? 24;
    this.mode = addressModeFor(this.columns * this.rows);
    this.codePage = options.codePage ?? 'cp037';
    this.sna = options.sna ?? true;
  }

  /** Write: the command byte and the WCC (Wcc bits). */
  write(wcc: number): this {
    this.bytes.push(this.sna ? Command.snaWrite : Command.write, sixBitCode(wcc));
    return this;
  }

  eraseWrite(wcc: number): this {
    this.bytes.push(this.sna ? Command.snaEraseWrite : Command.eraseWrite, sixBitCode(wcc));
    return this;
  }

  eraseWriteAlternate(wcc: number): this {
    this.bytes.push(this.sna ? Command.snaEraseWriteAlternate : Command.eraseWriteAlternate, sixBitCode(wcc));
    return this;
  }

  /** Set Buffer Address to a row and column (0-origin). */
  at(row: number, column: number): this {
    return this.sba(row * this.columns + column);
  }

  sba(address: number): this {
    this.bytes.push(Order.setBufferAddress, ...encodeAddress(address, this.mode));
    return this;
  }

  /** Start Field with attribute bits (FieldAttribute). */
  field(attribute: number): this {
    this.bytes.push(Order.startField, sixBitCode(attribute));
    return this;
  }

  /** Start Field Extended: the attribute plus colour and highlighting (0 = default, left out). */
  fieldExtended(attribute: number, color = 0, highlight = 0): this {
    const pairs = [AttributeType.field, sixBitCode(attribute)];
    if (color) pairs.push(AttributeType.foreground, color);
    if (highlight) pairs.push(AttributeType.highlighting, highlight);
    this.bytes.push(Order.startFieldExtended, pairs.length / 2, ...pairs);
    return this;
  }

  /** Set Attribute for the characters that follow (type 0 value 0 resets). */
  setAttribute(type: number, value: number): this {
    this.bytes.push(Order.setAttribute, type, value);
    return this;
  }

  insertCursor(): this {
    this.bytes.push(Order.insertCursor);
    return this;
  }

  programTab(): this {
    this.bytes.push(Order.programTab);
    return this;
  }

  repeatTo(address: number, character: string | number): this {
    const byte = typeof character === 'number' ? character : toEbcdic(character, this.codePage)[0]!;
    this.bytes.push(Order.repeatToAddress, ...encodeAddress(address, this.mode), byte);
    return this;
  }

  eraseUnprotectedTo(address: number): this {
    this.bytes.push(Order.eraseUnprotectedToAddress, ...encodeAddress(address, this.mode));
    return this;
  }

  text(text: string): this {
    this.bytes.push(...toEbcdic(text, this.codePage));
    return this;
  }

  raw(...bytes: number[]): this {
    this.bytes.push(...bytes);
    return this;
  }

  build(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}
