// The virtual console of a virtual machine: a 3215 in line mode (IBM 3210/3215 Console
// Printer-Keyboard Component Description) as CP presents it (VM/370 CP Command Reference,
// "Terminal Characteristics"): what the guest writes goes to the user's terminal; a Read puts the
// terminal in VM READ state and completes when the user enters a line.
//
// The user's side is a ConsoleTerminal: a line-mode sink, or a 3270 screen that also takes the
// full-area writes of DIAGNOSE X'58' (display) and may tell the guest it is a 3277 (graphic).
// The device never blocks: a Read with no line waiting is answered later (DEFERRED) and the
// virtual machine's run() reports 'console-read' so that a dispatcher can park it until input
// arrives.
//
// Commands: Write (X'01'), Write with carrier return (X'09'), Read inquiry (X'0A'), Audible alarm
// (X'0B'), No operation (X'03'), Sense (X'04'). Any other command: unit check, command reject.

import { Sense0, UnitStatus } from '../../arch/channel.ts';
import { DEFERRED, type Device, type DeviceCommand, type DeviceHost, type DeviceResult } from '../../channel/device.ts';
import { fromEbcdic, toEbcdic, type CodePage } from '../../ebcdic/index.ts';

const CE_DE = UnitStatus.channelEnd | UnitStatus.deviceEnd;
/** EBCDIC X'15' (NL) as code page 037 decodes it. */
const NEW_LINE = '\u0085';

/** The state of the terminal, as a 3270's status area would show it. */
export type ConsoleStatus = 'RUNNING' | 'VM READ' | 'CP READ';

/** The user's side of a virtual console. */
export interface ConsoleTerminal {
  /** A complete output line from the guest or from CP. */
  writeLine(text: string, source: 'guest' | 'cp'): void;
  /** The terminal's status changed (VM READ when the guest waits for a line). */
  status?(status: ConsoleStatus): void;
  /**
   * A display terminal (a 3270) shows full-area writes (DIAGNOSE X'58' CCW X'19', VM/370 System
   * Programmer's Guide R6, "DIAGNOSE Code X'58'"): `lines` (at most one a row) replace the rows of
   * the output area from `firstLine` (0 the top); `erase` blanks the whole output area first. What
   * it shows stays until the next line-mode output or the next display write. A terminal without
   * it is a line-mode one: the console gives it the lines with writeLine.
   */
  display?(lines: readonly string[], firstLine: number, erase: boolean): void;
  /**
   * Whether the guest is told its console is on a display (DIAGNOSE X'24': the 3277's RDEV words)
   * and gets an attention for a line entered while it has no read up, as CP does for a 3270
   * console [mem]. Default: true for a terminal with display.
   */
  readonly graphic?: boolean;
}

/** A terminal that keeps every line, for tests and transcripts. */
export class TranscriptTerminal implements ConsoleTerminal {
  readonly lines: string[] = [];
  writeLine(text: string): void {
    this.lines.push(text);
  }
}

export class VirtualConsole implements Device {
  readonly type = '3215';
  /** Virtual time per command and per byte (ticks; ten ticks are a microsecond of virtual time). */
  readonly timing = { command: 200, perByte: 1 };
  private host: DeviceHost | null = null;
  private readonly input: string[] = [];
  private pendingRead: DeviceCommand | null = null;
  /** Text written without a carrier return, waiting for the end of its line. */
  private partial = '';
  private sense = 0;

  constructor(
    readonly terminal: ConsoleTerminal,
    private readonly codePage: CodePage = 'cp037',
  ) {}

  attach(host: DeviceHost): void {
    this.host = host;
  }

  /** True while the guest waits for a line (VM READ). */
  get readPending(): boolean {
    return this.pendingRead !== null;
  }

  /** Lines typed ahead and not yet read. */
  get queued(): number {
    return this.input.length;
  }

  /**
   * The user enters a line: it completes a pending Read, or waits for the next one. On a display
   * the guest also gets an attention when no Read is up: IBM's R6 CMS told its console is a 3277
   * waits for it before it reads (observed under our CP: the status area shows RUNNING, not VM
   * READ, at its Ready message).
   */
  enter(line: string): void {
    this.input.push(line);
    if (this.pendingRead === null && this.onDisplay) this.attention();
    this.deliver();
  }

  /** The guest is told its console is a display (ConsoleTerminal.graphic). */
  get onDisplay(): boolean {
    const screen = this.displayTerminal;
    return screen !== null && screen.graphic !== false;
  }

  /** The user presses the attention key (REQUEST on a 3215; ENTER while RUNNING on a 3270). */
  attention(): void {
    this.host?.unsolicited(UnitStatus.attention);
  }

  /** The terminal that takes full-area writes (a 3270), or null for a line-mode terminal. */
  get displayTerminal(): ConsoleTerminal | null {
    const own = this.terminal;
    if (own.display !== undefined) return own;
    // CP's logged-on user passes everything on to the terminal connected now (CpUser.terminal,
    // null while disconnected): display writes and the real device type are that terminal's.
    const connected = (own as { terminal?: unknown }).terminal as ConsoleTerminal | null | undefined;
    return typeof connected?.display === 'function' ? connected : null;
  }

  /**
   * DIAGNOSE X'58' display write: rows of the output area. Text the guest left without a carrier
   * return is written first; a line-mode terminal gets each row as a line (trailing blanks gone).
   */
  display(lines: readonly string[], firstLine: number, erase: boolean): void {
    this.flushPartial();
    const screen = this.displayTerminal;
    if (screen !== null) screen.display!(lines, firstLine, erase);
    else for (const line of lines) this.terminal.writeLine(line.trimEnd(), 'guest');
  }

  /** CP writes a line of its own (responses, messages) to the terminal. */
  cpWrite(line: string): void {
    this.flushPartial();
    this.terminal.writeLine(line, 'cp');
  }

  startCommand(command: DeviceCommand, data: Uint8Array | null): DeviceResult | typeof DEFERRED {
    const code = command.command;
    if (code === 0x04) {
      const sense = Uint8Array.of(this.sense);
      this.sense = 0;
      return { status: CE_DE, data: sense.subarray(0, command.count), more: command.count < 1 };
    }
    this.sense = 0;
    switch (code) {
      case 0x01:
      case 0x09:
        this.write(data ?? new Uint8Array(0), code === 0x09);
        return { status: CE_DE };
      case 0x0a:
        return this.read(command);
      case 0x0b:
      case 0x03:
        return { status: CE_DE, immediate: true };
      default:
        this.sense = Sense0.commandReject;
        return { status: CE_DE | UnitStatus.unitCheck, immediate: true };
    }
  }

  /**
   * Printing: the new-line character X'15' ends a line; the automatic carrier return of X'09' ends
   * the line being printed (a carrier already at the left margin after a new line stays there).
   */
  private write(bytes: Uint8Array, carrierReturn: boolean): void {
    const pieces = fromEbcdic(bytes, this.codePage).split(NEW_LINE);
    this.partial += pieces[0]!;
    for (let i = 1; i < pieces.length; i++) {
      this.terminal.writeLine(this.partial, 'guest');
      this.partial = pieces[i]!;
    }
    const atMargin = pieces.length > 1 && this.partial.length === 0;
    if (carrierReturn && !atMargin) {
      const line = this.partial;
      this.partial = '';
      this.terminal.writeLine(line, 'guest');
    }
  }

  private flushPartial(): void {
    if (this.partial.length === 0) return;
    const line = this.partial;
    this.partial = '';
    this.terminal.writeLine(line, 'guest');
  }

  private read(command: DeviceCommand): DeviceResult | typeof DEFERRED {
    this.flushPartial();
    const line = this.input.shift();
    if (line !== undefined) return this.lineResult(command, line);
    this.pendingRead = command;
    this.terminal.status?.('VM READ');
    return DEFERRED;
  }

  private lineResult(command: DeviceCommand, line: string): DeviceResult {
    const bytes = toEbcdic(line, this.codePage);
    return { status: CE_DE, data: bytes.subarray(0, command.count), more: bytes.length > command.count };
  }

  private deliver(): void {
    const command = this.pendingRead;
    if (command === null) return;
    const line = this.input.shift();
    if (line === undefined) return;
    this.pendingRead = null;
    this.terminal.status?.('RUNNING');
    this.host?.complete(this.lineResult(command, line));
  }

  halt(): void {
    this.pendingRead = null;
  }

  reset(): void {
    this.pendingRead = null;
    this.sense = 0;
    this.flushPartial();
  }

  snapshot(): unknown {
    return { input: [...this.input], partial: this.partial, sense: this.sense };
  }

  restore(state: unknown): void {
    const s = state as { input: string[]; partial: string; sense: number };
    this.input.splice(0, this.input.length, ...s.input);
    this.partial = s.partial;
    this.sense = s.sense;
    this.pendingRead = null;
  }
}
