// Virtual unit-record devices (VM/370 CP Command Reference, "Spooling"): a reader that reads the
// spool files queued for it, and a punch and a printer whose output is collected into spool files
// when CP closes them. The spool itself (classes, holding, transfer between users, the real
// printer) belongs to the future spool manager; these queues are the virtual machine's end of it.
//
// Reader: Read (X'02', with stacker bits), Feed (X'23'), NOP (X'03'), Sense (X'04'). At the end of
// a file: unit exception; with no file: unit check, intervention required (as a spooled reader
// with nothing to read).
// Punch: Write, feed (X'01', X'41', X'81', X'C1'), NOP, Sense. Printer: Write without spacing
// (X'01'), write and space 1-3 (X'09', X'11', X'19'), write and skip (X'89'-X'D9' family), space /
// skip immediate (X'0B'-X'1B', X'8B'-X'DB'), NOP, Sense.

import { Sense0, UnitStatus } from '../../arch/channel.ts';
import type { Device, DeviceCommand, DeviceHost, DeviceResult } from '../../channel/device.ts';
import { fromEbcdic, type CodePage } from '../../ebcdic/index.ts';

const CE_DE = UnitStatus.channelEnd | UnitStatus.deviceEnd;

/** A closed spool file: card images (80 bytes each) or print lines. */
export interface SpoolFile {
  kind: 'punch' | 'print';
  records: Uint8Array[];
  name?: string;
}

abstract class UnitRecordDevice implements Device {
  abstract readonly type: string;
  readonly timing = { command: 500, perByte: 1 };
  protected host: DeviceHost | null = null;
  protected sense = 0;

  attach(host: DeviceHost): void {
    this.host = host;
  }

  startCommand(command: DeviceCommand, data: Uint8Array | null): DeviceResult {
    if ((command.command & 0x0f) === 0x04) {
      const sense = Uint8Array.of(this.sense);
      this.sense = 0;
      return { status: CE_DE, data: sense.subarray(0, command.count) };
    }
    this.sense = 0;
    if (command.command === 0x03) return { status: CE_DE, immediate: true };
    return this.execute(command, data);
  }

  protected abstract execute(command: DeviceCommand, data: Uint8Array | null): DeviceResult;

  protected reject(): DeviceResult {
    this.sense = Sense0.commandReject;
    return { status: CE_DE | UnitStatus.unitCheck, immediate: true };
  }

  reset(): void {
    this.sense = 0;
  }

  snapshot(): unknown {
    return { sense: this.sense };
  }

  restore(state: unknown): void {
    this.sense = (state as { sense: number }).sense;
  }
}

/** The virtual card reader: reads the spool files queued for it, one after the other. */
export class VirtualReader extends UnitRecordDevice {
  readonly type = '2540R';
  private readonly files: Uint8Array[][] = [];
  private card = 0;

  /** Queues a file of card images (each padded or cut to 80 bytes). */
  queue(cards: readonly Uint8Array[]): void {
    const wasEmpty = this.files.length === 0;
    this.files.push(cards.map((c) => {
      const card = new Uint8Array(80).fill(0x40);
      card.set(c.subarray(0, 80));
      return card;
    }));
    // A reader that had nothing becomes ready: device end (CP's "RDR FILE ... " arrival).
    if (wasEmpty) this.host?.unsolicited(UnitStatus.deviceEnd);
  }

  get filesQueued(): number {
    return this.files.length;
  }

  protected execute(command: DeviceCommand): DeviceResult {
    const code = command.command;
    if ((code & 0x3f) !== 0x02 && (code & 0x3f) !== 0x23) return this.reject();
    const file = this.files[0];
    if (file === undefined) {
      this.sense = Sense0.interventionRequired;
      return { status: CE_DE | UnitStatus.unitCheck, immediate: true };
    }
    if (this.card >= file.length) {
      // End of the spool file: unit exception, and the next file (if any) is next.
      this.files.shift();
      this.card = 0;
      return { status: CE_DE | UnitStatus.unitException, immediate: true };
    }
    const card = file[this.card++]!;
    if ((code & 0x3f) === 0x23) return { status: CE_DE, immediate: true };
    return { status: CE_DE, data: card.subarray(0, command.count), more: command.count < 80 };
  }
}

/** The virtual punch: cards are collected until CP closes the file. */
export class VirtualPunch extends UnitRecordDevice {
  readonly type = '2540P';
  private cards: Uint8Array[] = [];

  constructor(private readonly spool: (file: SpoolFile) => void) {
    super();
  }

  protected execute(command: DeviceCommand, data: Uint8Array | null): DeviceResult {
    if ((command.command & 0x3f) !== 0x01) return this.reject();
    const card = new Uint8Array(80).fill(0x40);
    card.set((data ?? new Uint8Array(0)).subarray(0, 80));
    this.cards.push(card);
    return { status: CE_DE };
  }

  /** CP CLOSE: the cards punched so far become a spool file. */
  close(name?: string): void {
    if (this.cards.length === 0) return;
    this.spool({ kind: 'punch', records: this.cards, name });
    this.cards = [];
  }
}

/** The virtual printer: lines are collected until CP closes the file. */
export class VirtualPrinter extends UnitRecordDevice {
  readonly type = '1403';
  private lines: Uint8Array[] = [];

  constructor(
    private readonly spool: (file: SpoolFile) => void,
    private readonly codePage: CodePage = 'cp037',
  ) {
    super();
  }

  protected execute(command: DeviceCommand, data: Uint8Array | null): DeviceResult {
    const code = command.command;
    if ((code & 0x07) === 0x01) {
      this.lines.push((data ?? new Uint8Array(0)).slice());
      return { status: CE_DE };
    }
    // Space or skip immediate.
    if ((code & 0x07) === 0x03) return { status: CE_DE, immediate: true };
    return this.reject();
  }

  /** The lines printed since the last close, as text. */
  text(): string[] {
    return this.lines.map((l) => fromEbcdic(l, this.codePage).trimEnd());
  }

  /** CP CLOSE: the lines printed so far become a spool file. */
  close(name?: string): void {
    if (this.lines.length === 0) return;
    this.spool({ kind: 'print', records: this.lines, name });
    this.lines = [];
  }
}
