// IBM 3215 console printer-keyboard in line mode (IBM 3210/3215 Console Printer-Keyboard Component
// Description), attached to host streams: what the program writes appears on the output stream, a
// Read takes the next line typed on the input stream.
//
// Commands: Write without carrier return X'01', Write with automatic carrier return X'09',
// Read inquiry X'0A', Audible alarm X'0B', No operation X'03', Sense X'04'. The REQUEST key
// (requestKey()) presents attention. A Read waits for a line: it completes when one is typed. When
// the input has ended, a Read gets unit check with intervention required.

import { Sense0, UnitStatus } from '../../arch/channel.ts';
import { DEFERRED, type Device, type DeviceCommand, type DeviceHost, type DeviceResult } from '../../channel/device.ts';
import { fromEbcdic, toEbcdic, type CodePage } from '../../ebcdic/index.ts';
import { CE_DE, CE_DE_UC, immediate, input, rejected } from '../common.ts';

export interface Console3215Options {
  /** Lines typed by the operator (default: none; the input has ended at once). */
  input?: NodeJS.ReadableStream;
  /** Where the console prints (default: nowhere). */
  output?: { write(text: string): unknown };
  /** Shown when a Read starts (the PROCEED light). Default: nothing. */
  prompt?: string;
  codePage?: CodePage;
}

export class Console3215 implements Device {
  readonly type = '3215';
  readonly timing = { command: 2_000, perByte: 10 };
  private host: DeviceHost | null = null;
  private readonly lines: string[] = [];
  private partial = '';
  private inputEnded: boolean;
  private waiting: DeviceCommand | null = null;
  private sense = 0;
  private readonly codePage: CodePage;
  private readonly onData = (chunk: Buffer | string) => this.received(chunk.toString());
  private readonly onEnd = () => this.ended();
  /** The input stream is only listened to from the first Read that has to wait for it. */
  private listening = false;

  constructor(private readonly options: Console3215Options = {}) {
    this.codePage = options.codePage ?? 'cp037';
    this.inputEnded = options.input === undefined;
  }

  attach(host: DeviceHost): void {
    this.host = host;
  }

  /** The operator types a line. */
  typeLine(text: string): void {
    this.lines.push(text);
    this.deliver();
  }

  /** The operator presses REQUEST. */
  requestKey(): void {
    this.host?.unsolicited(UnitStatus.attention);
  }

  startCommand(command: DeviceCommand, data: Uint8Array | null): DeviceResult | typeof DEFERRED {
    const code = command.command;
    if (code === 0x04) {
      const sense = Uint8Array.of(this.sense);
      this.sense = 0;
      return input(command, sense);
    }
    this.sense = 0;
    switch (code) {
      case 0x01:
      case 0x09: {
        // Bytes with no printable form (X'00' and the other controls) print nothing.
        const text = fromEbcdic(data ?? new Uint8Array(0), this.codePage).replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
        this.print(text + (code === 0x09 ? '\n' : ''));
        return { status: CE_DE };
      }
      case 0x0a:
        return this.read(command);
      case 0x0b:
        this.print('\x07');
        return immediate();
      case 0x03:
        return immediate();
      default:
        this.sense = Sense0.commandReject;
        return rejected();
    }
  }

  private read(command: DeviceCommand): DeviceResult | typeof DEFERRED {
    if (this.options.prompt) this.print(this.options.prompt);
    const line = this.lines.shift();
    if (line !== undefined) return this.lineResult(command, line);
    if (this.inputEnded) {
      this.sense = Sense0.interventionRequired;
      return { status: CE_DE_UC };
    }
    this.waiting = command;
    const stream = this.options.input!;
    if (!this.listening) {
      this.listening = true;
      stream.on('data', this.onData);
      stream.on('end', this.onEnd);
    }
    stream.resume();
    return DEFERRED;
  }

  private lineResult(command: DeviceCommand, line: string): DeviceResult {
    return input(command, toEbcdic(line, this.codePage));
  }

  private print(text: string): void {
    this.options.output?.write(text);
  }

  private received(chunk: string): void {
    const text = this.partial + chunk;
    const parts = text.split('\n');
    this.partial = parts.pop()!;
    for (const p of parts) this.lines.push(p.endsWith('\r') ? p.slice(0, -1) : p);
    this.deliver();
  }

  private ended(): void {
    if (this.partial.length > 0) this.lines.push(this.partial);
    this.partial = '';
    this.inputEnded = true;
    this.deliver();
  }

  /** Completes a waiting Read when a line is there (or the input ended). */
  private deliver(): void {
    const command = this.waiting;
    if (command === null) {
      if (this.listening) this.options.input?.pause();
      return;
    }
    const line = this.lines.shift();
    if (line === undefined && !this.inputEnded) return;
    this.waiting = null;
    this.options.input?.pause();
    if (line === undefined) {
      this.sense = Sense0.interventionRequired;
      this.host?.complete({ status: CE_DE_UC });
    } else {
      this.host?.complete(this.lineResult(command, line));
    }
  }

  halt(): void {
    this.waiting = null;
    if (this.listening) this.options.input?.pause();
  }

  reset(): void {
    this.halt();
    this.sense = 0;
  }

  snapshot(): unknown {
    return { lines: [...this.lines], sense: this.sense };
  }

  restore(state: unknown): void {
    const s = state as { lines: string[]; sense: number };
    this.lines.splice(0, this.lines.length, ...s.lines);
    this.sense = s.sense;
  }

  close(): void {
    this.halt();
    if (!this.listening) return;
    this.listening = false;
    this.options.input?.removeListener('data', this.onData);
    this.options.input?.removeListener('end', this.onEnd);
  }
}
