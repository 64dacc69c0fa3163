// IBM 2540 card reader (2821 control unit; IBM 2821 Component Description): decks queued in the
// hopper are read one card per Read command. After the last card the END OF FILE key's meaning
// applies: the next Read ends with unit exception and the reader goes not ready; a Read on a reader
// that is not ready gets unit check with intervention required.
//
// Commands: Read, feed, select stacker (X'02', X'42', X'82'); Feed, select stacker (X'23', X'63',
// X'A3'); No operation (X'03'); Sense (X'04', one byte). Card-image (column binary) mode is not
// supported: those commands are rejected.

import { Sense0, UnitStatus } from '../../arch/channel.ts';
import type { Device, DeviceCommand, DeviceHost, DeviceResult } from '../../channel/device.ts';
import { CE_DE, CE_DE_UC, CE_DE_UE, immediate, input, rejected } from '../common.ts';
import type { Deck } from './deck.ts';

export interface Reader2540Options {
  /** END OF FILE pressed: unit exception after the last card (default true). */
  endOfFile?: boolean;
}

interface ReaderState {
  cards: Uint8Array[];
  next: number;
  endOfFile: boolean;
  sense: number;
}

export class Reader2540 implements Device {
  readonly type = '2540R';
  /** Virtual time: a tenth of a real 2540's 60 ms a card (ten ticks are a microsecond). */
  readonly timing = { command: 60_000, perByte: 0 };
  private host: DeviceHost | null = null;
  private cards: Uint8Array[] = [];
  private next = 0;
  private endOfFile: boolean;
  private sense = 0;

  constructor(options: Reader2540Options = {}) {
    this.endOfFile = options.endOfFile ?? true;
  }

  attach(host: DeviceHost): void {
    this.host = host;
  }

  /** Puts a deck in the hopper behind the cards already there; a reader that was not ready signals device end. */
  load(deck: Deck, endOfFile = this.endOfFile): void {
    const wasReady = this.next < this.cards.length;
    this.cards = this.cards.slice(this.next).concat(deck.cards);
    this.next = 0;
    this.endOfFile = endOfFile;
    if (!wasReady && this.cards.length > 0) this.host?.unsolicited(UnitStatus.deviceEnd);
  }

  /** Cards still in the hopper. */
  get remaining(): number {
    return this.cards.length - this.next;
  }

  startCommand(command: DeviceCommand): DeviceResult {
    const code = command.command;
    if ((code & 0x0f) === 0x04) {
      const sense = Uint8Array.of(this.sense);
      this.sense = 0;
      return input(command, sense);
    }
    this.sense = 0;
    if ((code & 0x3f) === 0x02) return this.read(command);
    if (code === 0x03) return immediate();
    if ((code & 0x3f) === 0x23) {
      if (this.remaining === 0) return this.notReady();
      this.next++;
      return immediate();
    }
    this.sense = Sense0.commandReject;
    return rejected();
  }

  private read(command: DeviceCommand): DeviceResult {
    if (this.remaining > 0) return input(command, this.cards[this.next++]!, CE_DE);
    if (this.endOfFile) {
      // The END OF FILE key resets once unit exception has been presented.
      this.endOfFile = false;
      return { status: CE_DE_UE };
    }
    return this.notReady();
  }

  private notReady(): DeviceResult {
    this.sense = Sense0.interventionRequired;
    return { status: CE_DE_UC };
  }

  reset(): void {
    this.sense = 0;
  }

  snapshot(): ReaderState {
    return { cards: this.cards.slice(this.next), next: 0, endOfFile: this.endOfFile, sense: this.sense };
  }

  restore(state: unknown): void {
    const s = state as ReaderState;
    this.cards = s.cards.map((c) => c.slice());
    this.next = s.next;
    this.endOfFile = s.endOfFile;
    this.sense = s.sense;
  }
}


