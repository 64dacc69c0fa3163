// The server side of one TN3270 connection, independent of sockets so tests can drive it with a
// fake transport. Negotiation (RFC 1576 traditional TN3270, RFC 2355 TN3270E):
//
//   server: DO TN3270E
//   client WILL TN3270E → SEND DEVICE-TYPE; client DEVICE-TYPE REQUEST type [CONNECT name];
//     server DEVICE-TYPE IS type CONNECT name (or REJECT); client FUNCTIONS REQUEST list;
//     server FUNCTIONS IS (or REQUEST a subset, which the client confirms with IS). Then records
//     carry the five-byte TN3270E header; BINARY and EOR are implied.
//   client WONT TN3270E → DO TERMINAL-TYPE; SB TERMINAL-TYPE SEND; client IS IBM-3278-2;
//     DO/WILL EOR and DO/WILL BINARY both ways. Then records are plain 3270 data.
//
// Anything else before the session is ready (data bytes, broken subnegotiations, a refused
// option we need) fails the session; the caller drops the connection and logs the reason.
//
// Line mode (option lineMode, for a host that takes line-mode terminals): a client that is no
// 3270 at all (`telnet host 3270`, a script on a socket) says so by refusing TERMINAL-TYPE, by
// naming only types that are not IBM-327x, or by sending text before negotiation has finished; the
// connection (on a timeout) may decide the same. The session then becomes an NVT connection
// (RFC 854): data bytes are lines of text, and only ECHO and SUPPRESS-GO-AHEAD are negotiated
// (ECHO is how a password is read without being shown).

import { parseTerminalType, terminalModel, type TerminalModel } from './models.ts';
import {
  negotiationBytes,
  subnegotiationBytes,
  Telnet,
  TelnetOption,
  TelnetParser,
  TerminalTypeCode,
  frameRecord,
  escapeIac,
  type NegotiationVerb,
  type TelnetLimits,
} from './telnet.ts';
import {
  decodeHeader,
  deviceTypeIs,
  deviceTypeReject,
  encodeHeader,
  functionsIs,
  functionsRequest,
  parseTn3270e,
  sendDeviceType,
  Tn3270eDataType,
  Tn3270eFunction,
  Tn3270eReason,
} from './tn3270e.ts';

export interface SessionTransport {
  write(bytes: Uint8Array): void;
}

export type Allocation =
  | { ok: true; address: number; name: string }
  | { ok: false; reason: 'in-use' | 'invalid-name' | 'none-free' };

/** Hands out device addresses; `requested` is a TN3270E CONNECT name. */
export interface DeviceAllocator {
  allocate(requested?: string): Allocation;
  release(address: number): void;
}

export interface SessionEvents {
  /** Negotiation finished; records can flow. */
  ready(): void;
  /** An inbound 3270 record (TN3270E header removed). */
  record(data: Uint8Array): void;
  /** Attn: IAC BRK or IAC IP. */
  attention(): void;
  /** Protocol error or a client we cannot serve: drop the connection. */
  failed(reason: string): void;
  /** The client is a line-mode (NVT) terminal; the device address is allocated. */
  lineMode?(reason: string): void;
  /** Text from a line-mode client (raw bytes, IACs undoubled). */
  text?(bytes: Uint8Array): void;
  /** telnet EC / EL from a line-mode client. */
  erase?(what: 'character' | 'line'): void;
}

export interface SessionOptions {
  /** Offer TN3270E (default true). */
  tn3270e?: boolean;
  limits?: TelnetLimits;
  /** A client that is not a 3270 becomes a line-mode terminal instead of being dropped. */
  lineMode?: boolean;
}

/** The TN3270E functions this server agrees to. */
const SUPPORTED_FUNCTIONS = new Set<number>([Tn3270eFunction.responses]);
const MAX_ROUNDS = 8;

type Phase = 'start' | 'tn3270e-offered' | 'device-type' | 'functions' | 'terminal-type' | 'binary-eor' | 'ready' | 'line' | 'failed';

export class Tn3270Session {
  phase: Phase = 'start';
  /** The terminal type the client announced. */
  terminalType = '';
  /** The model it implies (IBM-DYNAMIC: a 3278-2 until a query says otherwise). */
  model: TerminalModel = terminalModel(3278, 2);
  dynamic = false;
  tn3270e = false;
  functions: number[] = [];
  device: { address: number; name: string } | null = null;
  private readonly parser: TelnetParser;
  /** Options the client has enabled on its side (WILL) and we on ours (DO received and agreed). */
  private readonly him = new Set<number>();
  private readonly us = new Set<number>();
  private readonly askedHim = new Set<number>();
  private readonly askedUs = new Set<number>();
  private rounds = 0;
  private sequence = 0;
  private lastTypeOffered = '';
  /** A device name asked for in TERMINAL-TYPE (TYPE@NAME, RFC 1646). */
  private requestedDevice: string | undefined;

  constructor(
    private readonly transport: SessionTransport,
    private readonly allocator: DeviceAllocator,
    private readonly events: SessionEvents,
    private readonly options: SessionOptions = {},
  ) {
    this.parser = new TelnetParser(
      {
        record: (bytes) => this.onRecord(bytes),
        negotiation: (verb, option) => this.onNegotiation(verb, option),
        subnegotiation: (option, bytes) => this.onSubnegotiation(option, bytes),
        command: (code) => this.onCommand(code),
        error: (reason) => this.fail(reason),
        text: (bytes) => this.events.text?.(bytes),
      },
      options.limits,
    );
  }

  get ready(): boolean {
    return this.phase === 'ready';
  }

  start(): void {
    if (this.options.tn3270e === false) {
      this.offerTerminalType();
      return;
    }
    this.phase = 'tn3270e-offered';
    this.ask('DO', TelnetOption.tn3270e);
  }

  receive(chunk: Uint8Array): void {
    if (this.phase === 'failed') return;
    this.parser.feed(chunk);
    // Bytes of a record still open when negotiation is unfinished are not 3270 data.
    if (this.parser.pending > 0 && !(['ready', 'line', 'failed'] as Phase[]).includes(this.phase)) {
      this.notA3270('data before negotiation finished');
    }
  }

  get isLineMode(): boolean {
    return this.phase === 'line';
  }

  /**
   * The client is not a 3270: with lineMode it becomes a line-mode terminal (a device address is
   * allocated, text starts to flow), without it the session fails with `reason`.
   */
  notA3270(reason: string): void {
    if (this.phase === 'failed' || this.phase === 'line' || this.phase === 'ready') return;
    if (!this.options.lineMode) {
      this.fail(reason);
      return;
    }
    if (this.device) this.allocator.release(this.device.address);
    this.device = null;
    this.tn3270e = false;
    const allocation = this.allocator.allocate();
    if (!allocation.ok) {
      this.fail('no free terminal address');
      return;
    }
    this.device = { address: allocation.address, name: allocation.name };
    this.phase = 'line';
    this.events.lineMode?.(reason);
    this.parser.streamMode();
  }

  /** Sends text to a line-mode client (IACs doubled). */
  sendText(bytes: Uint8Array): void {
    if (this.phase !== 'line') return;
    this.transport.write(escapeIac(bytes));
  }

  /**
   * Line mode: the server echoes (WILL ECHO, and then echoes nothing, so what is typed is not
   * shown: a password) or lets the client echo locally (WONT ECHO).
   */
  setServerEcho(on: boolean): void {
    if (this.phase !== 'line') return;
    if (on === this.us.has(TelnetOption.echo)) return;
    if (on) {
      this.us.add(TelnetOption.echo);
      this.askedUs.add(TelnetOption.echo);
      this.send(negotiationBytes('WILL', TelnetOption.echo));
    } else {
      this.us.delete(TelnetOption.echo);
      this.askedUs.add(TelnetOption.echo);
      this.send(negotiationBytes('WONT', TelnetOption.echo));
    }
  }

  /** Sends an outbound 3270 record. */
  sendRecord(data: Uint8Array): void {
    if (this.phase !== 'ready') return;
    if (this.tn3270e) {
      const header = encodeHeader({ dataType: Tn3270eDataType.data3270, requestFlag: 0, responseFlag: 0, sequence: this.nextSequence() });
      const whole = new Uint8Array(header.length + data.length);
      whole.set(header);
      whole.set(data, header.length);
      this.transport.write(frameRecord(whole));
    } else {
      this.transport.write(frameRecord(data));
    }
  }

  private nextSequence(): number {
    if (!this.functions.includes(Tn3270eFunction.responses)) return 0;
    const s = this.sequence;
    this.sequence = (this.sequence + 1) & 0x7fff;
    return s;
  }

  private fail(reason: string): void {
    if (this.phase === 'failed') return;
    this.phase = 'failed';
    this.events.failed(reason);
  }

  private send(bytes: Uint8Array): void {
    this.transport.write(bytes);
  }

  private ask(verb: 'DO' | 'WILL', option: number): void {
    (verb === 'DO' ? this.askedHim : this.askedUs).add(option);
    this.send(negotiationBytes(verb, option));
  }

  private offerTerminalType(): void {
    this.phase = 'terminal-type';
    this.ask('DO', TelnetOption.terminalType);
  }

  // ---- option negotiation (RFC 854; replies only when the state changes, so no loops) -------

  private onNegotiation(verb: NegotiationVerb, option: number): void {
    if (this.phase === 'line') {
      this.onLineNegotiation(verb, option);
      return;
    }
    if (verb === 'WILL' || verb === 'WONT') {
      const asked = this.askedHim.delete(option);
      if (verb === 'WILL') {
        if (this.him.has(option)) return;
        if (asked || this.acceptableHim(option)) {
          this.him.add(option);
          if (!asked) this.send(negotiationBytes('DO', option));
        } else {
          this.send(negotiationBytes('DONT', option));
          return;
        }
      } else {
        const was = this.him.delete(option);
        if (was && !asked) this.send(negotiationBytes('DONT', option));
      }
      this.himChanged(option, verb === 'WILL');
    } else {
      const asked = this.askedUs.delete(option);
      if (verb === 'DO') {
        if (this.us.has(option)) return;
        if (asked || this.acceptableUs(option)) {
          this.us.add(option);
          if (!asked) this.send(negotiationBytes('WILL', option));
        } else {
          this.send(negotiationBytes('WONT', option));
          return;
        }
      } else {
        const was = this.us.delete(option);
        if (was && !asked) this.send(negotiationBytes('WONT', option));
      }
      this.usChanged(option, verb === 'DO');
    }
  }

  /**
   * Negotiation of a line-mode connection (RFC 854, replies only when a state changes): the server
   * may ECHO and SUPPRESS-GO-AHEAD; the client may SUPPRESS-GO-AHEAD; everything else is refused.
   */
  private onLineNegotiation(verb: NegotiationVerb, option: number): void {
    if (verb === 'WILL' || verb === 'WONT') {
      const asked = this.askedHim.delete(option);
      if (verb === 'WILL') {
        if (this.him.has(option)) return;
        if (option === TelnetOption.suppressGoAhead) {
          this.him.add(option);
          if (!asked) this.send(negotiationBytes('DO', option));
        } else if (!asked) this.send(negotiationBytes('DONT', option));
      } else if (this.him.delete(option) && !asked) {
        this.send(negotiationBytes('DONT', option));
      }
      return;
    }
    const asked = this.askedUs.delete(option);
    if (verb === 'DO') {
      if (this.us.has(option) || asked) return;
      if (option === TelnetOption.suppressGoAhead) {
        this.us.add(option);
        this.send(negotiationBytes('WILL', option));
      } else this.send(negotiationBytes('WONT', option));
    } else if (this.us.delete(option) && !asked) {
      this.send(negotiationBytes('WONT', option));
    }
  }

  private acceptableHim(option: number): boolean {
    if (option === TelnetOption.tn3270e) return this.options.tn3270e !== false && this.phase === 'tn3270e-offered';
    return option === TelnetOption.terminalType || option === TelnetOption.binary || option === TelnetOption.endOfRecord;
  }

  private acceptableUs(option: number): boolean {
    return option === TelnetOption.binary || option === TelnetOption.endOfRecord;
  }

  private himChanged(option: number, enabled: boolean): void {
    if (option === TelnetOption.tn3270e) {
      if (this.phase === 'tn3270e-offered') {
        if (enabled) {
          this.tn3270e = true;
          this.phase = 'device-type';
          this.send(subnegotiationBytes(TelnetOption.tn3270e, sendDeviceType()));
        } else {
          this.offerTerminalType();
        }
      } else if (!enabled && this.tn3270e) {
        if (this.phase === 'ready') {
          this.fail('client turned TN3270E off');
          return;
        }
        // RFC 2355: after a REJECT (or at any point before the session starts) a client may fall
        // back to traditional TN3270 with WONT TN3270E.
        if (this.device) this.allocator.release(this.device.address);
        this.device = null;
        this.tn3270e = false;
        this.offerTerminalType();
      }
      return;
    }
    if (option === TelnetOption.terminalType && this.phase === 'terminal-type') {
      if (enabled) this.send(subnegotiationBytes(TelnetOption.terminalType, [TerminalTypeCode.SEND]));
      else this.notA3270('client refuses TERMINAL-TYPE');
      return;
    }
    if ((option === TelnetOption.binary || option === TelnetOption.endOfRecord) && this.phase === 'binary-eor') {
      if (!enabled) this.fail(`client refuses ${option === TelnetOption.binary ? 'BINARY' : 'END-OF-RECORD'}`);
      else this.checkTraditionalReady();
    }
  }

  private usChanged(option: number, enabled: boolean): void {
    if ((option === TelnetOption.binary || option === TelnetOption.endOfRecord) && this.phase === 'binary-eor') {
      if (!enabled) this.fail(`client refuses ${option === TelnetOption.binary ? 'BINARY' : 'END-OF-RECORD'}`);
      else this.checkTraditionalReady();
    }
  }

  private checkTraditionalReady(): void {
    const both = (o: number) => this.him.has(o) && this.us.has(o);
    if (both(TelnetOption.binary) && both(TelnetOption.endOfRecord)) {
      const allocation = this.allocator.allocate(this.requestedDevice);
      if (!allocation.ok) {
        const reasons = {
          'none-free': 'no free terminal address',
          'in-use': `terminal ${this.requestedDevice} is in use`,
          'invalid-name': `there is no terminal ${this.requestedDevice}`,
        };
        this.fail(reasons[allocation.reason]);
        return;
      }
      this.device = { address: allocation.address, name: allocation.name };
      this.becomeReady();
    }
  }

  private becomeReady(): void {
    this.phase = 'ready';
    this.events.ready();
  }

  // ---- subnegotiations --------------------------------------------------------------------

  private onSubnegotiation(option: number, body: Uint8Array): void {
    // A late answer to a question asked before the session became line mode means nothing now.
    if (this.phase === 'line') return;
    if (option === TelnetOption.terminalType) {
      this.onTerminalType(body);
      return;
    }
    if (option === TelnetOption.tn3270e) {
      this.onTn3270e(body);
      return;
    }
    // Subnegotiations of options we never agreed to are ignored (RFC 855).
  }

  private onTerminalType(body: Uint8Array): void {
    if (this.phase !== 'terminal-type' || body[0] !== TerminalTypeCode.IS) {
      this.fail('unexpected TERMINAL-TYPE subnegotiation');
      return;
    }
    // RFC 1646: a client may name the device it wants as TYPE@NAME.
    const [name = '', device] = String.fromCharCode(...body.subarray(1)).split('@', 2);
    const parsed = parseTerminalType(name);
    if (parsed.kind === 'unsupported') {
      // RFC 1091: asking again makes the client offer its next type; a repeat ends the list.
      if (name === this.lastTypeOffered || ++this.rounds > MAX_ROUNDS) {
        this.notA3270(`${parsed.reason}`);
        return;
      }
      this.lastTypeOffered = name;
      this.send(subnegotiationBytes(TelnetOption.terminalType, [TerminalTypeCode.SEND]));
      return;
    }
    this.setType(name, parsed.kind === 'model' ? parsed.model : undefined);
    this.requestedDevice = device || undefined;
    this.phase = 'binary-eor';
    for (const option of [TelnetOption.endOfRecord, TelnetOption.binary]) {
      if (!this.him.has(option)) this.ask('DO', option);
      if (!this.us.has(option)) this.ask('WILL', option);
    }
    this.checkTraditionalReady();
  }

  private setType(name: string, model: TerminalModel | undefined): void {
    this.terminalType = name;
    this.dynamic = model === undefined;
    this.model = model ?? terminalModel(3278, 2, true);
  }

  private onTn3270e(body: Uint8Array): void {
    const message = parseTn3270e(body);
    if (++this.rounds > MAX_ROUNDS * 2) {
      this.fail('TN3270E negotiation does not converge');
      return;
    }
    if (message.kind === 'device-type-request' && this.phase === 'device-type') {
      const parsed = parseTerminalType(message.deviceType);
      const reject = (reason: number) => this.send(subnegotiationBytes(TelnetOption.tn3270e, deviceTypeReject(reason)));
      if (parsed.kind === 'unsupported') return reject(Tn3270eReason.invDeviceType);
      if (message.associate !== undefined) return reject(Tn3270eReason.unsupportedReq);
      const allocation = this.allocator.allocate(message.connect || undefined);
      if (!allocation.ok) {
        if (allocation.reason === 'none-free') {
          this.fail('no free terminal address');
          return;
        }
        return reject(allocation.reason === 'in-use' ? Tn3270eReason.deviceInUse : Tn3270eReason.invName);
      }
      this.device = { address: allocation.address, name: allocation.name };
      this.setType(message.deviceType.toUpperCase(), parsed.kind === 'model' ? parsed.model : undefined);
      this.phase = 'functions';
      this.send(subnegotiationBytes(TelnetOption.tn3270e, deviceTypeIs(this.terminalType, allocation.name)));
      return;
    }
    if (message.kind === 'functions-request' && (this.phase === 'functions' || this.phase === 'ready')) {
      // In the ready phase this is a renegotiation (RFC 2355 allows it); the session stays up.
      const agreed = message.functions.filter((f) => SUPPORTED_FUNCTIONS.has(f));
      if (agreed.length === message.functions.length) {
        this.functions = agreed;
        this.send(subnegotiationBytes(TelnetOption.tn3270e, functionsIs(agreed)));
        if (this.phase === 'functions') this.becomeReady();
      } else {
        this.send(subnegotiationBytes(TelnetOption.tn3270e, functionsRequest(agreed)));
      }
      return;
    }
    if (message.kind === 'functions-is' && (this.phase === 'functions' || this.phase === 'ready')) {
      if (!message.functions.every((f) => SUPPORTED_FUNCTIONS.has(f))) {
        this.fail('client insists on TN3270E functions this server does not support');
        return;
      }
      this.functions = message.functions;
      if (this.phase === 'functions') this.becomeReady();
      return;
    }
    this.fail('unexpected TN3270E subnegotiation');
  }

  // ---- records and commands ------------------------------------------------------------------

  private onRecord(bytes: Uint8Array): void {
    if (this.phase === 'line') return;
    if (this.phase !== 'ready') {
      this.fail('record before negotiation finished');
      return;
    }
    if (!this.tn3270e) {
      this.events.record(bytes);
      return;
    }
    const split = decodeHeader(bytes);
    if (!split) {
      this.fail('TN3270E record shorter than its header');
      return;
    }
    // Responses, NVT data and SSCP-LU data are not part of this server's LU-LU session: ignore them.
    if (split.header.dataType === Tn3270eDataType.data3270) this.events.record(split.data);
  }

  private onCommand(code: number): void {
    if (code === Telnet.BRK || code === Telnet.IP) {
      if (this.phase === 'ready' || this.phase === 'line') this.events.attention();
    } else if ((code === Telnet.EC || code === Telnet.EL) && this.phase === 'line') {
      this.events.erase?.(code === Telnet.EC ? 'character' : 'line');
    }
    // NOP, AYT, GA and the rest carry nothing for a 3270 session.
  }
}
