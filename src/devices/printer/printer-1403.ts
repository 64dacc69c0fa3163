// IBM 1403 printer (2821 control unit; IBM 1403 Printer Component Description), 132 print
// positions, carriage controlled by a twelve-channel carriage tape (the FCB).
//
// Commands (bits 0-4 give the carriage motion: 0 none, 1-3 space that many lines, X'11'-X'1C' skip
// to channel 1-12):
//   Write and then move the carriage: X'01' (no space), X'09', X'11', X'19' (space 1-3),
//     X'89' ... X'E1' (skip to channel 1-12).
//   Control, carriage motion now: X'03' (no operation), X'0B', X'13', X'1B', X'8B' ... X'E3'.
//   UCS and data-check controls (X'73', X'7B', X'F3', X'FB') are accepted and change nothing.
//   Sense X'04' (one byte).
// Spacing onto or past the channel 9 or channel 12 punch ends the command with unit exception, as
// the 1403 signals page overflow. A skip to a channel with no punch is rejected (command reject).
//
// Output: text, as Hercules writes print files: each print line converted from EBCDIC with
// trailing blanks removed, then "\n" for each line spaced, "\f" when a skip goes to a following page
// (then "\n" down to the channel's line), and "\r" after a print line the carriage does not space
// from (write without spacing; a skip that ejects or stays on the line). Or, on request, the raw
// command stream (per command: the command code, a two-byte length, the data).

import { Sense0, UnitStatus } from '../../arch/channel.ts';
import type { Device, DeviceCommand, DeviceHost, DeviceResult } from '../../channel/device.ts';
import { fromEbcdic, type CodePage } from '../../ebcdic/index.ts';
import { CE_DE, immediate, input, rejected } from '../common.ts';
import type { OutputSink } from '../output-file.ts';
import { DEFAULT_FCB, channelsAt, type Fcb } from './fcb.ts';

export type PrinterFormat = 'text' | 'raw';

export interface Printer1403Options {
  format?: PrinterFormat;
  fcb?: Fcb;
  codePage?: CodePage;
  /** Print positions (132 for the 1403 N1). */
  width?: number;
}

const OVERFLOW_CHANNELS = (1 << 9) | (1 << 12);
const UCS_AND_CHECK_CONTROLS = new Set([0x73, 0x7b, 0xf3, 0xfb]);

export class Printer1403 implements Device {
  readonly type = '1403';
  /** Virtual time: a tenth of a real 1403's 55 ms a line. */
  readonly timing = { command: 5_500, perByte: 0 };
  private readonly format: PrinterFormat;
  private readonly fcb: Fcb;
  private readonly codePage: CodePage;
  private readonly width: number;
  /** The line of the page the carriage is at (1-based). */
  private line = 1;
  /** Something was printed on the current line (a write without spacing). */
  private printedHere = false;
  private sense = 0;
  /** Lines printed, for the summary of a run. */
  printed = 0;

  constructor(private readonly output: OutputSink, options: Printer1403Options = {}) {
    this.format = options.format ?? 'text';
    this.fcb = options.fcb ?? DEFAULT_FCB;
    this.codePage = options.codePage ?? 'cp037';
    this.width = options.width ?? 132;
  }

  /** The device originates no status of its own. */
  attach(_host: DeviceHost): void {}

  startCommand(command: DeviceCommand, data: Uint8Array | null): DeviceResult {
    const code = command.command;
    if ((code & 0x0f) === 0x04) {
      const sense = Uint8Array.of(this.sense);
      this.sense = 0;
      return input(command, sense);
    }
    this.sense = 0;
    const motion = code >>> 3;
    const validMotion = motion <= 3 || (motion >= 0x11 && motion <= 0x1c);
    if ((code & 0x07) === 0x01 && validMotion) {
      if (!this.motionPossible(motion)) return this.reject();
      const bytes = (data ?? new Uint8Array(0)).subarray(0, this.width);
      if (this.format === 'raw') this.raw(code, bytes);
      else this.print(bytes);
      this.printed++;
      const status = CE_DE | this.move(motion, true);
      return { status, accepted: bytes.length };
    }
    if ((code & 0x07) === 0x03 && validMotion) {
      if (!this.motionPossible(motion)) return this.reject();
      if (this.format === 'raw') this.raw(code, new Uint8Array(0));
      const status = CE_DE | this.move(motion, false);
      return motion === 0 ? immediate() : { status, immediate: true };
    }
    if (UCS_AND_CHECK_CONTROLS.has(code)) return { status: CE_DE, accepted: data?.length ?? 0 };
    return this.reject();
  }

  private reject(): DeviceResult {
    this.sense = Sense0.commandReject;
    return rejected();
  }

  private motionPossible(motion: number): boolean {
    return motion < 0x11 || this.fcb.channelLines[motion - 0x11]! > 0;
  }

  /**
   * Moves the carriage after a print line (`afterPrint`) or by itself; returns unit exception when
   * spacing reached channel 9 or 12. A print line not followed by a line feed ends with a carriage
   * return. A skip to the channel of the current line moves to the next page only if something was
   * printed on the line (so that a skip to channel 1 at the top of a fresh page leaves no blank page).
   */
  private move(motion: number, afterPrint: boolean): number {
    const pageLines = this.fcb.linesPerPage;
    let status = 0;
    let out = '';
    if (motion === 0) {
      if (afterPrint) out = '\r';
    } else if (motion <= 3) {
      for (let i = 0; i < motion; i++) {
        this.line = this.line === pageLines ? 1 : this.line + 1;
        if ((channelsAt(this.fcb, this.line) & OVERFLOW_CHANNELS) !== 0) status = UnitStatus.unitException;
      }
      out = '\n'.repeat(motion);
    } else {
      const target = this.fcb.channelLines[motion - 0x11]!;
      const newPage = target < this.line || (target === this.line && this.printedHere);
      if (afterPrint && (newPage || target === this.line)) out = '\r';
      if (newPage) {
        out += '\f';
        this.line = 1;
      }
      out += '\n'.repeat(target - this.line);
      this.line = target;
    }
    this.printedHere = motion === 0 && (afterPrint || this.printedHere);
    this.emit(out);
    return status;
  }

  private print(bytes: Uint8Array): void {
    // Characters with no printable form print as blanks.
    this.emit(fromEbcdic(bytes, this.codePage).replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').replace(/ +$/, ''));
  }

  private emit(text: string): void {
    if (this.format === 'text' && text.length > 0) this.output.write(Buffer.from(text, 'utf8'));
  }

  private raw(code: number, bytes: Uint8Array): void {
    const record = new Uint8Array(3 + bytes.length);
    record[0] = code;
    record[1] = bytes.length >>> 8;
    record[2] = bytes.length;
    record.set(bytes, 3);
    this.output.write(record);
  }

  reset(): void {
    this.sense = 0;
  }

  snapshot(): unknown {
    return { line: this.line, printedHere: this.printedHere, sense: this.sense, printed: this.printed };
  }

  restore(state: unknown): void {
    const s = state as { line: number; printedHere: boolean; sense: number; printed: number };
    this.line = s.line;
    this.printedHere = s.printedHere;
    this.sense = s.sense;
    this.printed = s.printed;
  }

  close(): void {
    this.output.close();
  }
}
