// A line-mode terminal on a telnet connection: what a client that is not a 3270 gets (`telnet
// localhost 3270`, a script on a socket). It plays the part of a typewriter terminal (a 3215, or a
// 2741/TTY on a real VM/370): the host writes lines, the user types lines.
//
// Text is NVT ASCII (RFC 854): a line ends with CR LF, CR NUL, or a lone CR or LF. A client in
// character mode may send backspace or DEL (the character before is erased); telnet's EC and EL
// commands erase a character and the line. Ctrl-C typed as data, ESC at the start of a line, and
// telnet's IP and BRK commands are the attention key. Other control characters are dropped; a line longer than the limit is cut.
// Nothing here is module-level; a broken stream only ends its own connection.

import { Listeners } from './host.ts';

export interface LineTerminalInfo {
  /** Device address, e.g. 0x0c0 (from the same range as the 3270s). */
  readonly address: number;
  /** The address as CP prints it: '0C0'. */
  readonly deviceName: string;
  /** 'host:port' of the client. */
  readonly peer: string;
  readonly protocol: 'telnet';
}

/** A line-mode terminal as the host application sees it. */
export interface LineHostTerminal {
  readonly info: LineTerminalInfo;
  readonly connected: boolean;
  /** Writes one line (CR LF is added). */
  writeLine(text: string): void;
  /** The next lines are read without being shown (telnet ECHO: the server echoes, and echoes nothing). */
  hideInput(hidden: boolean): void;
  onLine(listener: (line: string) => void): () => void;
  onAttention(listener: () => void): () => void;
  /** Called once when the connection ends. */
  onDisconnect(listener: (reason: string) => void): () => void;
  disconnect(reason?: string): void;
}

/** The connection under a line-mode terminal (the telnet session and the socket). */
export interface LineTransport {
  sendText(bytes: Uint8Array): void;
  setServerEcho(on: boolean): void;
  close(reason: string): void;
}

/** Longest line kept (characters); the rest of a longer line is dropped. */
export const MAX_LINE = 1024;

const CR = 0x0d;
const LF = 0x0a;
const NUL = 0x00;
const BS = 0x08;
const DEL = 0x7f;
const ETX = 0x03;
const ESC = 0x1b;

export class TelnetLineTerminal implements LineHostTerminal {
  private readonly lines = new Listeners<[string]>();
  private readonly attention = new Listeners<[]>();
  private readonly disconnected = new Listeners<[string]>();
  private closedReason: string | null = null;
  private current = '';
  /** The previous byte was a CR: a following LF or NUL belongs to the same line end. */
  private afterCr = false;

  constructor(
    readonly info: LineTerminalInfo,
    private readonly transport: LineTransport,
  ) {}

  get connected(): boolean {
    return this.closedReason === null;
  }

  writeLine(text: string): void {
    if (!this.connected) return;
    const bytes = new Uint8Array(text.length + 2);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      bytes[i] = c < 0x20 || (c >= 0x7f && c < 0xa0) || c > 0xff ? 0x3f : c;
    }
    bytes[text.length] = CR;
    bytes[text.length + 1] = LF;
    this.transport.sendText(bytes);
  }

  hideInput(hidden: boolean): void {
    if (this.connected) this.transport.setServerEcho(hidden);
  }

  onLine(listener: (line: string) => void): () => void {
    return this.lines.add(listener);
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
    this.transport.close(reason);
  }

  /** Text from the client. */
  receive(bytes: Uint8Array): void {
    for (const byte of bytes) {
      if (!this.connected) return;
      if (this.afterCr) {
        this.afterCr = false;
        if (byte === LF || byte === NUL) continue;
      }
      if (byte === CR || byte === LF) {
        this.afterCr = byte === CR;
        const line = this.current;
        this.current = '';
        this.safely(() => this.lines.emit(line));
      } else if (byte === BS || byte === DEL) {
        this.current = this.current.slice(0, -1);
      } else if (byte === ETX || (byte === ESC && this.current === '')) {
        this.current = '';
        this.safely(() => this.attention.emit());
      } else if (byte === 0x09) {
        this.add(' ');
      } else if (byte >= 0x20) {
        this.add(String.fromCharCode(byte));
      }
    }
  }

  /** telnet IP or BRK. */
  attentionKey(): void {
    this.current = '';
    this.safely(() => this.attention.emit());
  }

  /** telnet EC (erase character) and EL (erase line). */
  erase(what: 'character' | 'line'): void {
    this.current = what === 'line' ? '' : this.current.slice(0, -1);
  }

  /** The connection ended (called once by the connection). */
  closed(reason: string): void {
    if (this.closedReason !== null) return;
    this.closedReason = reason;
    this.disconnected.emit(reason);
    this.lines.clear();
    this.attention.clear();
    this.disconnected.clear();
  }

  private add(char: string): void {
    if (this.current.length < MAX_LINE) this.current += char;
  }

  /** A listener's exception ends only this terminal. */
  private safely(action: () => void): void {
    try {
      action();
    } catch (e) {
      this.transport.close(`host error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
