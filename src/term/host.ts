// The interface between terminals and the host application that owns them (for now the demo host;
// later CP). A terminal, wherever it is (a TN3270 client, the local ink UI, a channel-attached
// display), lets the host write 3270 data streams and tells it about inbound records, attention
// and disconnection.

import type { TerminalModel } from './models.ts';
import type { Screen3270 } from './screen-model.ts';
import type { LineHostTerminal } from './line-terminal.ts';

/** Where src/term reports what happens; the CLI decides where the lines go. */
export interface TermLogger {
  info(message: string): void;
  warn(message: string): void;
}

/** A logger that drops everything (tests, embedders that do not care). */
export const silentLogger: TermLogger = { info: () => undefined, warn: () => undefined };

export interface TerminalInfo {
  /** Device address, e.g. 0x0c0. */
  readonly address: number;
  /** The address as CP prints it and as a TN3270E client may ask for it: '0C0'. */
  readonly deviceName: string;
  /** The terminal type the client sent (IBM-3278-2-E), or the local model's name. */
  readonly terminalType: string;
  readonly model: TerminalModel;
  readonly protocol: 'tn3270' | 'tn3270e' | 'local';
  /** 'host:port' of a TN3270 client, 'local' for the UI. */
  readonly peer: string;
}

export interface HostTerminal {
  readonly info: TerminalInfo;
  /** What the terminal shows: the real screen (local), or a shadow built from the data streams (TN3270). */
  readonly screen: Screen3270;
  readonly connected: boolean;
  /** Sends an outbound record: the command byte (CCW or SNA code), then WCC and orders or structured fields. */
  write(record: Uint8Array): void;
  /** Inbound records: AID records, and the replies to read commands and queries. */
  onInbound(listener: (record: Uint8Array) => void): () => void;
  /** The Attn key (telnet IAC BRK or IP). */
  onAttention(listener: () => void): () => void;
  /** The terminal went away (the client closed, a protocol error, or disconnect()). Called once. */
  onDisconnect(listener: (reason: string) => void): () => void;
  /** Ends the session from the host side. */
  disconnect(reason?: string): void;
}

/** What owns the terminals: receives each one as it connects. */
export interface TerminalHostApplication {
  onConnect(terminal: HostTerminal): void;
  /** A telnet client that is not a 3270, as a line-mode terminal. Without this it is dropped. */
  onLineConnect?(terminal: LineHostTerminal): void;
}

/** A small listener list (per instance; no module state). */
export class Listeners<A extends unknown[]> {
  private readonly set = new Set<(...args: A) => void>();

  add(listener: (...args: A) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(...args: A): void {
    for (const listener of [...this.set]) listener(...args);
  }

  clear(): void {
    this.set.clear();
  }
}

/** Formats a device address as three (or four) hex digits: 0C0. */
export function deviceName(address: number): string {
  return address.toString(16).toUpperCase().padStart(3, '0');
}
