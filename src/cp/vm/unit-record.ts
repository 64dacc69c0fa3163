// Virtual unit-record devices (VM/370 CP Command Reference, "Spooling"; VM/370 System Logic R6,
// DMKVSP/DMKSPL): a reader that reads spool files, and a punch and a printer whose output is
// collected into a spool file when CP closes them. Each device carries its spool options (SPOOL
// command: CLASS, CONT/NOCONT, HOLD/NOHOLD, COPY, TO, NAME). A lone virtual machine keeps its files
// in memory (the reader's own queue, vm.spoolFiles); under CP the spool manager (src/cp/spool)
// binds the devices to the system spool: the reader's files come from the user's reader queue and
// closed files go to the spool.
//
// Reader: Read (X'02', with stacker bits), Feed (X'23'), NOP (X'03'), Sense (X'04'). At the end of
// a file: unit exception (EOF; with NOEOF unit check, intervention required; with CONT the next
// file follows without either); with no file: unit check, intervention required (as a spooled
// reader with nothing to read). What becomes of a file the reader is done with follows the table
// in the R6 CLOSE command's usage notes: released (purged) with NOHOLD, saved with HOLD, put in
// user hold with HOLD and CONT; CLOSE HOLD saves it, CLOSE NOHOLD releases it.
// Punch: Write, feed (X'01', X'41', X'81', X'C1'), NOP, Sense. Printer: Write without spacing
// (X'01'), write and space 1-3 (X'09', X'11', X'19'), write and skip (X'89'-X'D9' family), space /
// skip immediate (X'0B'-X'1B', X'8B'-X'DB'), NOP, Sense. The printer keeps each record's command
// code, the carriage control the real printer obeys when the file is printed.

import { Sense0, UnitStatus } from '../../arch/channel.ts';
import type { Device, DeviceCommand, DeviceHost, DeviceResult } from '../../channel/device.ts';
import { fromEbcdic, type CodePage } from '../../ebcdic/index.ts';

const CE_DE = UnitStatus.channelEnd | UnitStatus.deviceEnd;

/** A closed spool file: card images (80 bytes each) or print lines. */
export interface SpoolFile {
  kind: 'punch' | 'print';
  records: Uint8Array[];
  /** The CCW command code of each record (the printer's carriage control; X'41' for cards). */
  commands?: number[];
  name?: string;
  type?: string;
}

/** The SPOOL options of a virtual punch or printer (VM/370 CP Command Reference, SPOOL). */
export interface OutputSpoolOptions {
  /** Spool class A-Z or 0-9. */
  spoolClass: string;
  /** CONT: guest-issued closes do not end the file; only CP CLOSE (or NOCONT) does. */
  cont: boolean;
  /** HOLD: the file is held (user hold) when closed. */
  hold: boolean;
  /** COPY n: copies the real device prints (1-99). */
  copies: number;
  /** TO userid: files go to that user's reader; null: to the real device. */
  to: string | null;
  /** FOR userid: the output goes to the real device as that user's (owner and distribution). */
  forUser?: string | null;
  /** NAME fn ft for the next file closed (CLOSE NAME overrides). */
  name?: string;
  type?: string;
  /** DIST code for the separator page (default: the user's id). */
  dist?: string;
}

/** The SPOOL options of a virtual reader. */
export interface ReaderSpoolOptions {
  /** The class read: A-Z, 0-9, or * (any). */
  spoolClass: string;
  /** CONT: read file after file without unit exception between them. */
  cont: boolean;
  /** HOLD: a file read to its end is saved instead of purged (with CONT: put in user hold). */
  hold: boolean;
  /** EOF (default): unit exception at the end of each file; NOEOF: unit check, intervention required. */
  eof: boolean;
}

/** What becomes of a reader file the reader is done with. */
export type ReaderDisposition = 'release' | 'save' | 'hold';

/** A file a reader reads. */
export interface ReaderFile {
  /** The spool id (0 for a lone machine's own queue). */
  id: number;
  records: readonly Uint8Array[];
}

/** Where a reader's files come from (the lone machine's queue, or the user's spool reader queue). */
export interface ReaderSource {
  /** Takes the next readable file, or undefined when there is none. */
  open(options: ReaderSpoolOptions): ReaderFile | undefined;
  /** The reader is done with a file (read to its end, or CLOSE RDR): purge, keep, or hold it. */
  finish(file: ReaderFile, disposition: ReaderDisposition): void;
  /** Files waiting (not counting the open one). */
  count(): number;
}

/** Where a punch's or printer's closed files go; returns the spool id given (0 in memory). */
export type SpoolSink = (file: SpoolFile, options: OutputSpoolOptions) => number;

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

/** A lone machine's reader queue: files queued by the host (tests, `vm370 vm run`). */
class LocalReaderQueue implements ReaderSource {
  readonly files: Uint8Array[][] = [];

  open(): ReaderFile | undefined {
    const records = this.files.shift();
    return records === undefined ? undefined : { id: 0, records };
  }

  finish(): void {}

  count(): number {
    return this.files.length;
  }
}

/** Pads or cuts a card image to 80 bytes. */
function cardImage(c: Uint8Array): Uint8Array {
  const card = new Uint8Array(80).fill(0x40);
  card.set(c.subarray(0, 80));
  return card;
}

/** The virtual card reader: reads the spool files queued for it, one after the other. */
export class VirtualReader extends UnitRecordDevice {
  readonly type = '2540R';
  options: ReaderSpoolOptions = { spoolClass: '*', cont: false, hold: false, eof: true };
  private readonly local = new LocalReaderQueue();
  private source: ReaderSource = this.local;
  private current: ReaderFile | null = null;
  private card = 0;

  /** Queues a file of card images (each padded or cut to 80 bytes) on a lone machine's reader. */
  queue(cards: readonly Uint8Array[]): void {
    this.local.files.push(cards.map(cardImage));
    this.fileArrived();
  }

  /** CP binds the reader to the user's spool reader queue. */
  bind(source: ReaderSource): void {
    this.source = source;
  }

  /**
   * A file arrived: a reader that had nothing to read becomes ready, which the guest sees as
   * device end (VM/370 CP Command Reference, "Spooling": the reader is made ready).
   */
  fileArrived(): void {
    if (this.current === null && this.source.count() === 1) this.host?.unsolicited(UnitStatus.deviceEnd);
  }

  get filesQueued(): number {
    return this.source.count() + (this.current === null ? 0 : 1);
  }

  /** The spool id of the file being read, if any. */
  get openFile(): number | null {
    return this.current?.id ?? null;
  }

  /**
   * CLOSE RDR [HOLD|NOHOLD]: the file being read is given up. Without an operand the reader's
   * SPOOL options decide, as at the end of a file.
   */
  close(operand?: 'HOLD' | 'NOHOLD'): void {
    if (this.current === null) return;
    const disposition: ReaderDisposition = operand === 'HOLD' ? 'save' : operand === 'NOHOLD' ? 'release' : this.atEnd();
    this.source.finish(this.current, disposition);
    this.current = null;
    this.card = 0;
  }

  /** A file finished under the reader's options: NOHOLD releases, HOLD saves, HOLD and CONT hold. */
  private atEnd(): ReaderDisposition {
    if (!this.options.hold) return 'release';
    return this.options.cont ? 'hold' : 'save';
  }

  protected execute(command: DeviceCommand): DeviceResult {
    const code = command.command;
    if ((code & 0x3f) !== 0x02 && (code & 0x3f) !== 0x23) return this.reject();
    if (this.current === null) {
      this.current = this.source.open(this.options) ?? null;
      this.card = 0;
    }
    let file = this.current;
    if (file === null) {
      this.sense = Sense0.interventionRequired;
      return { status: CE_DE | UnitStatus.unitCheck, immediate: true };
    }
    while (this.card >= file.records.length) {
      // End of the spool file: it is finished; with CONT the next one follows at once.
      this.source.finish(file, this.atEnd());
      this.current = null;
      this.card = 0;
      const next = this.options.cont ? this.source.open(this.options) : undefined;
      if (next === undefined) {
        if (this.options.eof) return { status: CE_DE | UnitStatus.unitException, immediate: true };
        this.sense = Sense0.interventionRequired;
        return { status: CE_DE | UnitStatus.unitCheck, immediate: true };
      }
      this.current = file = next;
    }
    const card = file.records[this.card++]!;
    if ((code & 0x3f) === 0x23) return { status: CE_DE, immediate: true };
    return { status: CE_DE, data: card.subarray(0, command.count), more: command.count < 80 };
  }
}

/** What the punch and printer share: collected records, spool options, a sink for closed files. */
abstract class SpoolOutputDevice extends UnitRecordDevice {
  options: OutputSpoolOptions = { spoolClass: 'A', cont: false, hold: false, copies: 1, to: null, forUser: null };
  protected records: Uint8Array[] = [];
  protected commands: number[] = [];
  private sink: SpoolSink;

  constructor(sink: SpoolSink) {
    super();
    this.sink = sink;
  }

  protected abstract readonly kind: 'punch' | 'print';

  /** CP binds the device to the system spool. */
  bind(sink: SpoolSink): void {
    this.sink = sink;
  }

  /** Records collected for the open file. */
  get recordCount(): number {
    return this.records.length;
  }

  /**
   * CP CLOSE: the records so far become a spool file (none: nothing happens, as CP closes no empty
   * file). Returns the spool id (0 for a lone machine), or null when there was nothing to close.
   * A sink that throws (spool full, host error) leaves the records in place.
   */
  close(overrides: Partial<OutputSpoolOptions> = {}): number | null {
    if (this.records.length === 0) return null;
    const options = { ...this.options, ...overrides };
    const file: SpoolFile = { kind: this.kind, records: this.records, commands: this.commands, name: options.name, type: options.type };
    const id = this.sink(file, options);
    this.records = [];
    this.commands = [];
    // NAME applies to one file (VM/370 CP Command Reference, CLOSE NAME).
    this.options = { ...this.options, name: undefined, type: undefined };
    return id;
  }

  /** CLOSE PURGE: the open file is discarded. */
  purge(): void {
    this.records = [];
    this.commands = [];
  }
}

/** The virtual punch: cards are collected until CP closes the file. */
export class VirtualPunch extends SpoolOutputDevice {
  readonly type = '2540P';
  protected readonly kind = 'punch';

  protected execute(command: DeviceCommand, data: Uint8Array | null): DeviceResult {
    if ((command.command & 0x3f) !== 0x01) return this.reject();
    this.records.push(cardImage(data ?? new Uint8Array(0)));
    this.commands.push(command.command);
    return { status: CE_DE };
  }
}

/** The virtual printer: lines are collected until CP closes the file. */
export class VirtualPrinter extends SpoolOutputDevice {
  readonly type = '1403';
  protected readonly kind = 'print';

  constructor(
    sink: SpoolSink,
    private readonly codePage: CodePage = 'cp037',
  ) {
    super(sink);
  }

  protected execute(command: DeviceCommand, data: Uint8Array | null): DeviceResult {
    const code = command.command;
    if ((code & 0x07) === 0x01) {
      this.records.push((data ?? new Uint8Array(0)).slice(0, 204));
      this.commands.push(code);
      return { status: CE_DE };
    }
    // Space or skip immediate: kept as a record without data, so that the real printer moves its
    // carriage as the guest asked.
    if ((code & 0x07) === 0x03) {
      if (code !== 0x03) {
        this.records.push(new Uint8Array(0));
        this.commands.push(code);
      }
      return { status: CE_DE, immediate: true };
    }
    return this.reject();
  }

  /** The lines printed since the last close, as text. */
  text(): string[] {
    return this.records.filter((_, i) => (this.commands[i]! & 0x07) === 0x01).map((l) => fromEbcdic(l, this.codePage).trimEnd());
  }
}
