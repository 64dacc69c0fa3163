// One TN3270 client as a host terminal: the negotiated session on a socket-like transport, plus a
// shadow screen that follows the host's writes and the client's inbound records. An IBM-DYNAMIC
// client is asked for its query replies first, so the host sees its real screen size.

import { commandKind, Aid } from './codes.ts';
import { Listeners, type HostTerminal, type TerminalInfo } from './host.ts';
import { dynamicModel, terminalTypeName } from './models.ts';
import { Screen3270 } from './screen-model.ts';
import { parseQueryReplies, readPartitionQuery } from './structured-fields.ts';
import { Tn3270Session, type DeviceAllocator, type SessionOptions } from './tn3270-session.ts';
import type { CodePage } from '../ebcdic/index.ts';
import { TelnetLineTerminal } from './line-terminal.ts';

/** The byte stream under a connection (a net.Socket in the server, a fake in tests). */
export interface ConnectionTransport {
  write(bytes: Uint8Array): void;
  /** Close the connection; the transport calls closed() when it has. */
  end(): void;
}

export interface Tn3270ConnectionOptions extends SessionOptions {
  peer: string;
  codePage?: CodePage;
  /** Called once when the terminal is ready for a host (after the query of an IBM-DYNAMIC client). */
  onReady(terminal: Tn3270Connection): void;
  /** Called once when the connection ends, with the reason and whether it was a failure. */
  onClosed(terminal: Tn3270Connection, reason: string, failure: boolean): void;
  /** Milliseconds to wait for an IBM-DYNAMIC client's query reply (default 5000). */
  queryTimeoutMs?: number;
  /** Milliseconds the client has to finish negotiating (default 10 000). */
  negotiationTimeoutMs?: number;
  /**
   * With lineMode: a client that has sent nothing at all after this many milliseconds is taken
   * for a line-mode terminal (a script on a socket; default 1 500). A client still negotiating
   * when negotiationTimeoutMs runs out becomes one too, instead of being dropped.
   */
  lineModeAfterMs?: number;
  /** With lineMode: the connection is a line-mode terminal, ready for a host. */
  onLineReady?(terminal: TelnetLineTerminal): void;
}

export class Tn3270Connection implements HostTerminal {
  readonly session: Tn3270Session;
  private shadow: Screen3270 | null = null;
  private terminalInfo: TerminalInfo | null = null;
  private readonly inbound = new Listeners<[Uint8Array]>();
  private readonly attention = new Listeners<[]>();
  private readonly disconnected = new Listeners<[string]>();
  private closedReason: string | null = null;
  private announced = false;
  private awaitingQuery: ReturnType<typeof setTimeout> | null = null;
  private negotiationTimer: ReturnType<typeof setTimeout> | null = null;
  /** The last read command the host sent: its reply is not folded into the shadow as a modified read. */
  private pendingRead: 'RB' | null = null;
  /** The line-mode terminal, once the client turned out not to be a 3270. */
  private line: TelnetLineTerminal | null = null;
  private silenceTimer: ReturnType<typeof setTimeout> | null = null;
  private heard = false;

  constructor(
    private readonly transport: ConnectionTransport,
    allocator: DeviceAllocator,
    private readonly options: Tn3270ConnectionOptions,
  ) {
    this.session = new Tn3270Session(
      { write: (bytes) => this.transport.write(bytes) },
      allocator,
      {
        ready: () => this.onSessionReady(),
        record: (data) => this.onRecord(data),
        attention: () => {
          if (this.line) this.line.attentionKey();
          else this.safely(() => this.attention.emit());
        },
        failed: (reason) => this.close(reason, true),
        lineMode: () => this.onLineMode(),
        text: (bytes) => this.line?.receive(bytes),
        erase: (what) => this.line?.erase(what),
      },
      options,
    );
  }

  get info(): TerminalInfo {
    if (!this.terminalInfo) throw new Error('terminal not ready: negotiation has not finished');
    return this.terminalInfo;
  }

  get screen(): Screen3270 {
    if (!this.shadow) throw new Error('terminal not ready: negotiation has not finished');
    return this.shadow;
  }

  get connected(): boolean {
    return this.closedReason === null;
  }

  get isAnnounced(): boolean {
    return this.announced;
  }

  /** The client is a line-mode terminal (not a 3270). */
  get isLineMode(): boolean {
    return this.line !== null;
  }

  get lineTerminal(): TelnetLineTerminal | null {
    return this.line;
  }

  /**
   * Starts negotiating; a client that has not finished within the timeout is dropped (or, with
   * lineMode, served as a line-mode terminal).
   */
  start(): void {
    this.negotiationTimer = setTimeout(() => {
      this.negotiationTimer = null;
      if (this.announced) return;
      if (this.options.lineMode && !this.session.ready) this.session.notA3270('negotiation timed out');
      else this.close('negotiation timed out', true);
    }, this.options.negotiationTimeoutMs ?? 10_000);
    if (this.options.lineMode) {
      this.silenceTimer = setTimeout(() => {
        this.silenceTimer = null;
        if (!this.heard && !this.announced) this.session.notA3270('the client does not negotiate');
      }, this.options.lineModeAfterMs ?? 1_500);
    }
    this.session.start();
  }

  /** Bytes from the network. */
  receive(chunk: Uint8Array): void {
    if (this.closedReason !== null) return;
    this.heard = true;
    this.session.receive(chunk);
  }

  private onLineMode(): void {
    const device = this.session.device!;
    this.line = new TelnetLineTerminal(
      { address: device.address, deviceName: device.name, peer: this.options.peer, protocol: 'telnet' },
      {
        sendText: (bytes) => {
          if (this.connected) this.session.sendText(bytes);
        },
        setServerEcho: (on) => this.session.setServerEcho(on),
        close: (reason) => this.close(reason, false),
      },
    );
    this.announced = true;
    this.clearTimers();
    try {
      this.options.onLineReady?.(this.line);
    } catch (e) {
      this.close(`host error: ${e instanceof Error ? e.message : String(e)}`, true);
    }
  }

  write(record: Uint8Array): void {
    if (!this.connected || !this.session.ready || record.length === 0) return;
    const kind = commandKind(record[0]!);
    this.pendingRead = kind === 'RB' ? 'RB' : null;
    // The shadow follows writes; its own answers to reads and queries are not needed (the client answers).
    this.shadow?.writeRecord(record);
    this.session.sendRecord(record);
  }

  onInbound(listener: (record: Uint8Array) => void): () => void {
    return this.inbound.add(listener);
  }

  onAttention(listener: () => void): () => void {
    return this.attention.add(listener);
  }

  onDisconnect(listener: (reason: string) => void): () => void {
    if (this.closedReason !== null) {
      const reason = this.closedReason;
      queueMicrotask(() => listener(reason));
      return () => undefined;
    }
    return this.disconnected.add(listener);
  }

  disconnect(reason = 'host disconnected'): void {
    this.close(reason, false);
  }

  /** The transport closed or failed underneath us. */
  transportClosed(reason: string, failure: boolean): void {
    this.close(reason, failure);
  }

  private close(reason: string, failure: boolean): void {
    if (this.closedReason !== null) return;
    this.closedReason = reason;
    this.clearTimers();
    try {
      this.transport.end();
    } finally {
      this.options.onClosed(this, reason, failure);
      if (this.line) this.line.closed(reason);
      else if (this.announced) this.safely(() => this.disconnected.emit(reason));
      this.inbound.clear();
      this.attention.clear();
      this.disconnected.clear();
    }
  }

  /** A listener's exception must end only its own terminal. */
  private safely(action: () => void): void {
    try {
      action();
    } catch (e) {
      this.close(`host error: ${e instanceof Error ? e.message : String(e)}`, true);
    }
  }

  private onSessionReady(): void {
    this.setModel();
    if (this.session.dynamic) {
      this.session.sendRecord(readPartitionQuery());
      this.awaitingQuery = setTimeout(() => {
        this.awaitingQuery = null;
        this.announce();
      }, this.options.queryTimeoutMs ?? 5_000);
      return;
    }
    this.announce();
  }

  private setModel(model = this.session.model): void {
    this.shadow = new Screen3270({ model, codePage: this.options.codePage });
    const device = this.session.device!;
    this.terminalInfo = {
      address: device.address,
      deviceName: device.name,
      terminalType: this.session.terminalType || terminalTypeName(model),
      model,
      protocol: this.session.tn3270e ? 'tn3270e' : 'tn3270',
      peer: this.options.peer,
    };
  }

  private clearTimers(): void {
    if (this.awaitingQuery) clearTimeout(this.awaitingQuery);
    if (this.negotiationTimer) clearTimeout(this.negotiationTimer);
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.awaitingQuery = null;
    this.negotiationTimer = null;
    this.silenceTimer = null;
  }

  private announce(): void {
    if (this.announced || this.closedReason !== null) return;
    this.announced = true;
    this.clearTimers();
    this.options.onReady(this);
  }

  private onRecord(data: Uint8Array): void {
    if (this.awaitingQuery && data[0] === Aid.structuredField) {
      clearTimeout(this.awaitingQuery);
      this.awaitingQuery = null;
      const result = parseQueryReplies(data);
      const area = result?.implicitPartition
        ? { rows: result.implicitPartition.alternateRows, columns: result.implicitPartition.alternateColumns }
        : result?.usableArea;
      if (area && area.rows >= 24 && area.columns >= 80 && area.rows * area.columns <= 16_383) {
        this.setModel(dynamicModel(area.rows, area.columns, result?.color ?? false));
      }
      this.announce();
      return;
    }
    if (!this.announced) return;
    if (this.pendingRead === 'RB') this.pendingRead = null;
    else if (data[0] !== Aid.structuredField) this.shadow?.applyInbound(data);
    this.safely(() => this.inbound.emit(data));
  }
}
