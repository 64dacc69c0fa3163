// IBM 2540 card punch (2821 control unit): each Write punches one card. The output is a host file of
// 80-byte EBCDIC card images, or, on request, text: a line per card converted from EBCDIC with
// trailing blanks removed.
//
// Commands: Write, feed, select stacker (X'01', X'41', X'81'); Feed, select stacker (X'23', X'63',
// X'A3', a blank card); No operation (X'03'); Sense (X'04', one byte). A Write with fewer than 80
// bytes punches blanks in the remaining columns and is incorrect length unless SLI is on.

import { Sense0 } from '../../arch/channel.ts';
import type { Device, DeviceCommand, DeviceHost, DeviceResult } from '../../channel/device.ts';
import { EBCDIC_BLANK, fromEbcdic, type CodePage } from '../../ebcdic/index.ts';
import type { OutputSink } from '../output-file.ts';
import { CE_DE, immediate, input, rejected } from '../common.ts';
import { CARD_SIZE } from './deck.ts';

export type PunchFormat = 'binary' | 'text';

export interface Punch2540Options {
  format?: PunchFormat;
  codePage?: CodePage;
}

export class Punch2540 implements Device {
  readonly type = '2540P';
  /** Virtual time: a tenth of a real 2540's 200 ms a card. */
  readonly timing = { command: 200_000, perByte: 0 };
  private sense = 0;
  /** Cards punched, for the summary of a run. */
  punched = 0;
  private readonly format: PunchFormat;
  private readonly codePage: CodePage;

  constructor(private readonly output: OutputSink, options: Punch2540Options = {}) {
    this.format = options.format ?? 'binary';
    this.codePage = options.codePage ?? 'cp037';
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
    if ((code & 0x3f) === 0x01) {
      const bytes = data ?? new Uint8Array(0);
      const card = new Uint8Array(CARD_SIZE).fill(EBCDIC_BLANK);
      card.set(bytes.subarray(0, CARD_SIZE));
      this.punch(card);
      return { status: CE_DE, accepted: Math.min(bytes.length, CARD_SIZE), more: bytes.length < CARD_SIZE };
    }
    if (code === 0x03) return immediate();
    if ((code & 0x3f) === 0x23) {
      this.punch(new Uint8Array(CARD_SIZE).fill(EBCDIC_BLANK));
      return immediate();
    }
    this.sense = Sense0.commandReject;
    return rejected();
  }

  private punch(card: Uint8Array): void {
    this.punched++;
    if (this.format === 'binary') {
      this.output.write(card);
      return;
    }
    const line = fromEbcdic(card, this.codePage).replace(/ +$/, '');
    this.output.write(Buffer.from(line + '\n', 'utf8'));
  }

  reset(): void {
    this.sense = 0;
  }

  snapshot(): unknown {
    return { sense: this.sense, punched: this.punched };
  }

  restore(state: unknown): void {
    const s = state as { sense: number; punched: number };
    this.sense = s.sense;
    this.punched = s.punched;
  }

  close(): void {
    this.output.close();
  }
}
