// Telnet framing for TN3270 (RFC 854 commands and option negotiation, RFC 855 subnegotiation,
// RFC 856 BINARY, RFC 885 END-OF-RECORD, RFC 1091 TERMINAL-TYPE, RFC 2355 TN3270E). Records
// are delimited by IAC EOR; a data byte X'FF' travels doubled. The parser is incremental: a
// record, a command or a subnegotiation may be split across any number of TCP reads.

export const Telnet = {
  IAC: 0xff,
  DONT: 0xfe,
  DO: 0xfd,
  WONT: 0xfc,
  WILL: 0xfb,
  SB: 0xfa,
  GA: 0xf9,
  EL: 0xf8,
  EC: 0xf7,
  AYT: 0xf6,
  AO: 0xf5,
  IP: 0xf4,
  BRK: 0xf3,
  DM: 0xf2,
  NOP: 0xf1,
  SE: 0xf0,
  EOR: 0xef,
} as const;

export const TelnetOption = {
  binary: 0,
  echo: 1,
  suppressGoAhead: 3,
  terminalType: 24,
  endOfRecord: 25,
  tn3270e: 40,
} as const;

/** TERMINAL-TYPE subnegotiation codes. */
export const TerminalTypeCode = { IS: 0, SEND: 1 } as const;

export type NegotiationVerb = 'WILL' | 'WONT' | 'DO' | 'DONT';

const VERB_NAMES: Record<number, NegotiationVerb> = { 0xfb: 'WILL', 0xfc: 'WONT', 0xfd: 'DO', 0xfe: 'DONT' };
const VERB_CODES: Record<NegotiationVerb, number> = { WILL: 0xfb, WONT: 0xfc, DO: 0xfd, DONT: 0xfe };

export interface TelnetHandlers {
  /** A complete record (the bytes before IAC EOR, IACs undoubled). */
  record(bytes: Uint8Array): void;
  negotiation(verb: NegotiationVerb, option: number): void;
  subnegotiation(option: number, bytes: Uint8Array): void;
  /** Other commands: BRK, IP, AO, AYT, NOP … */
  command(code: number): void;
  /** The stream broke a limit or the framing rules; the caller should drop the connection. */
  error(reason: string): void;
  /** Data bytes of a stream-mode (NVT, line-mode) connection: what arrived in one chunk, IACs undoubled. */
  text?(bytes: Uint8Array): void;
}

export interface TelnetLimits {
  /** Largest record accepted (default 64 KiB). */
  maxRecord?: number;
  /** Largest subnegotiation accepted (default 1 KiB). */
  maxSubnegotiation?: number;
}

const enum State {
  Data,
  Iac,
  Verb,
  SbOption,
  SbData,
  SbIac,
  Failed,
}

/** An incremental telnet stream parser for one connection. */
export class TelnetParser {
  private state = State.Data;
  private verb = 0;
  private record: number[] = [];
  private sbOption = 0;
  private sb: number[] = [];
  private readonly maxRecord: number;
  private readonly maxSubnegotiation: number;
  /** NVT stream mode: data bytes are not records; they go to handlers.text as they come. */
  private stream = false;

  constructor(
    private readonly handlers: TelnetHandlers,
    limits: TelnetLimits = {},
  ) {
    this.maxRecord = limits.maxRecord ?? 65_536;
    this.maxSubnegotiation = limits.maxSubnegotiation ?? 1_024;
  }

  /** Bytes buffered for the record in progress (data not yet ended by IAC EOR). */
  get pending(): number {
    return this.record.length;
  }

  feed(chunk: Uint8Array): void {
    for (let i = 0; i < chunk.length; i++) {
      if (this.state === State.Failed) return;
      this.step(chunk[i]!);
    }
    if (this.stream) this.flushText();
  }

  /**
   * From now on data bytes are an NVT stream (a line-mode connection, RFC 854): they go to
   * handlers.text at the end of every chunk, and IAC EOR is just a command. Bytes of an unfinished
   * record received so far are delivered first.
   */
  streamMode(): void {
    if (this.stream) return;
    this.stream = true;
    this.flushText();
  }

  private flushText(): void {
    if (this.record.length === 0 || this.state === State.Failed) return;
    const bytes = Uint8Array.from(this.record);
    this.record = [];
    this.handlers.text?.(bytes);
  }

  private fail(reason: string): void {
    this.state = State.Failed;
    this.record = [];
    this.sb = [];
    this.handlers.error(reason);
  }

  private step(byte: number): void {
    switch (this.state) {
      case State.Data:
        if (byte === Telnet.IAC) this.state = State.Iac;
        else this.dataByte(byte);
        return;
      case State.Iac:
        this.state = State.Data;
        if (byte === Telnet.IAC) this.dataByte(byte);
        else if (byte === Telnet.EOR && !this.stream) {
          const bytes = Uint8Array.from(this.record);
          this.record = [];
          this.handlers.record(bytes);
        } else if (byte >= Telnet.WILL && byte <= Telnet.DONT) {
          this.verb = byte;
          this.state = State.Verb;
        } else if (byte === Telnet.SB) {
          this.state = State.SbOption;
        } else if (byte === Telnet.SE) {
          this.fail('IAC SE outside a subnegotiation');
        } else {
          this.handlers.command(byte);
        }
        return;
      case State.Verb:
        this.state = State.Data;
        this.handlers.negotiation(VERB_NAMES[this.verb]!, byte);
        return;
      case State.SbOption:
        this.sbOption = byte;
        this.sb = [];
        this.state = State.SbData;
        return;
      case State.SbData:
        if (byte === Telnet.IAC) this.state = State.SbIac;
        else this.sbByte(byte);
        return;
      case State.SbIac:
        if (byte === Telnet.IAC) {
          this.state = State.SbData;
          this.sbByte(byte);
        } else if (byte === Telnet.SE) {
          this.state = State.Data;
          const bytes = Uint8Array.from(this.sb);
          this.sb = [];
          this.handlers.subnegotiation(this.sbOption, bytes);
        } else {
          this.fail(`IAC ${byte} inside a subnegotiation`);
        }
        return;
      case State.Failed:
        return;
    }
  }

  private dataByte(byte: number): void {
    if (this.stream && this.record.length >= this.maxRecord) this.flushText();
    if (this.record.length >= this.maxRecord) {
      this.fail(`record longer than ${this.maxRecord} bytes`);
      return;
    }
    this.record.push(byte);
  }

  private sbByte(byte: number): void {
    if (this.sb.length >= this.maxSubnegotiation) {
      this.fail(`subnegotiation longer than ${this.maxSubnegotiation} bytes`);
      return;
    }
    this.sb.push(byte);
  }
}

/** Doubles every X'FF' so data can travel inside a telnet stream. */
export function escapeIac(data: Uint8Array): Uint8Array {
  let count = 0;
  for (const b of data) if (b === Telnet.IAC) count++;
  if (count === 0) return data;
  const out = new Uint8Array(data.length + count);
  let j = 0;
  for (const b of data) {
    out[j++] = b;
    if (b === Telnet.IAC) out[j++] = Telnet.IAC;
  }
  return out;
}

/** A record framed for the wire: IACs doubled, then IAC EOR. */
export function frameRecord(data: Uint8Array): Uint8Array {
  const escaped = escapeIac(data);
  const out = new Uint8Array(escaped.length + 2);
  out.set(escaped);
  out[escaped.length] = Telnet.IAC;
  out[escaped.length + 1] = Telnet.EOR;
  return out;
}

export function negotiationBytes(verb: NegotiationVerb, option: number): Uint8Array {
  return Uint8Array.of(Telnet.IAC, VERB_CODES[verb], option);
}

export function subnegotiationBytes(option: number, body: ArrayLike<number>): Uint8Array {
  const escaped = escapeIac(Uint8Array.from(body));
  return Uint8Array.of(Telnet.IAC, Telnet.SB, option, ...escaped, Telnet.IAC, Telnet.SE);
}

/** A readable form of a negotiation for logs: "WILL TN3270E". */
export function optionName(option: number): string {
  const entry = Object.entries(TelnetOption).find(([, code]) => code === option);
  return entry ? entry[0].replace(/[A-Z]/g, (c) => '-' + c).toUpperCase() : `OPTION-${option}`;
}
