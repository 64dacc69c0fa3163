// The TN3270 server: listens (127.0.0.1:3270 unless told otherwise), negotiates each connection,
// gives it a device address from the configured range and hands the terminal to the host
// application. A client that is not a 3270 (plain telnet, a script) becomes a line-mode terminal
// when the host takes those (onLineConnect). A client that does not finish negotiating in time,
// breaks the protocol, stops reading or vanishes is dropped with a log line; the other sessions
// never notice.

import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { CodePage } from '../ebcdic/index.ts';
import { AddressPool, parseAddressRange, type AddressRange } from './address-pool.ts';
import { silentLogger, type HostTerminal, type TermLogger, type TerminalHostApplication } from './host.ts';
import { Tn3270Connection } from './tn3270-terminal.ts';

export interface Tn3270ServerOptions {
  host: TerminalHostApplication;
  /** TCP port (default 3270; 0 picks a free one). */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  bindAddress?: string;
  /** Device addresses for the terminals (default 0C0-0DF). */
  addresses?: string | AddressRange;
  /** Milliseconds a client has to finish telnet negotiation (default 10 000). */
  negotiationTimeoutMs?: number;
  /**
   * A client that sends nothing for this long is a line-mode terminal (default 1 500), when the host
   * takes line-mode terminals (TerminalHostApplication.onLineConnect).
   */
  lineModeAfterMs?: number;
  /** Milliseconds an IBM-DYNAMIC client has to answer the query (default 5 000). */
  queryTimeoutMs?: number;
  /** Offer TN3270E (default true). */
  tn3270e?: boolean;
  /** Outbound bytes a client may leave unread before it is dropped (default 1 MiB). */
  maxUnreadBytes?: number;
  codePage?: CodePage;
  logger?: TermLogger;
}

export class Tn3270Server {
  private readonly server: Server;
  private readonly pool: AddressPool;
  private readonly logger: TermLogger;
  private readonly connections = new Map<Tn3270Connection, Socket>();
  private listening: AddressInfo | null = null;

  constructor(private readonly options: Tn3270ServerOptions) {
    const range = options.addresses ?? '0C0-0DF';
    this.pool = new AddressPool(typeof range === 'string' ? parseAddressRange(range) : range);
    this.logger = options.logger ?? silentLogger;
    this.server = createServer((socket) => this.accept(socket));
    this.server.on('error', (e) => this.logger.warn(`tn3270 server: ${e.message}`));
  }

  /** Starts listening; resolves with the port actually used. */
  listen(): Promise<{ port: number; address: string }> {
    const port = this.options.port ?? 3270;
    const host = this.options.bindAddress ?? '127.0.0.1';
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      this.server.once('error', onError);
      this.server.listen(port, host, () => {
        this.server.off('error', onError);
        this.listening = this.server.address() as AddressInfo;
        this.logger.info(`tn3270 server listening on ${this.listening.address}:${this.listening.port}`);
        resolve({ port: this.listening.port, address: this.listening.address });
      });
    });
  }

  get port(): number {
    return this.listening?.port ?? 0;
  }

  /** Terminals that have finished negotiating and belong to the host. */
  terminals(): HostTerminal[] {
    return [...this.connections.keys()].filter((c) => c.isAnnounced && c.connected && !c.isLineMode);
  }

  /**
   * Takes a device address from the server's range for a terminal that is not a TN3270 client
   * (the local UI terminal), so the two never share one. Null when the range is full.
   */
  reserveAddress(): number | null {
    const allocation = this.pool.allocate();
    return allocation.ok ? allocation.address : null;
  }

  releaseAddress(address: number): void {
    this.pool.release(address);
  }

  /** Connections, negotiating or not. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Stops listening and ends every session. */
  close(): Promise<void> {
    for (const connection of [...this.connections.keys()]) connection.disconnect('server shutting down');
    return new Promise((resolve) => {
      if (!this.server.listening) return resolve();
      this.server.close(() => resolve());
    });
  }

  private accept(socket: Socket): void {
    const peer = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    socket.setNoDelay(true);
    const maxUnread = this.options.maxUnreadBytes ?? 1_048_576;
    const connection: Tn3270Connection = new Tn3270Connection(
      {
        write: (bytes) => {
          if (socket.destroyed) return;
          if (socket.writableLength > maxUnread) {
            connection.transportClosed('client is not reading its output', true);
            return;
          }
          socket.write(bytes);
        },
        end: () => {
          socket.end();
          // A client that never reads can hold end() open; do not wait for it.
          setTimeout(() => socket.destroy(), 2_000).unref();
        },
      },
      this.pool,
      {
        peer,
        codePage: this.options.codePage,
        tn3270e: this.options.tn3270e,
        queryTimeoutMs: this.options.queryTimeoutMs,
        negotiationTimeoutMs: this.options.negotiationTimeoutMs,
        lineMode: this.options.host.onLineConnect !== undefined,
        lineModeAfterMs: this.options.lineModeAfterMs,
        onLineReady: (line) => {
          this.logger.info(`tn3270 ${peer}: a line-mode (telnet) terminal on ${line.info.deviceName}`);
          this.options.host.onLineConnect?.(line);
        },
        onReady: (terminal) => {
          const info = terminal.info;
          this.logger.info(
            `tn3270 ${peer}: ${info.terminalType} on ${info.deviceName} (${info.protocol === 'tn3270e' ? 'TN3270E' : 'TN3270'}, ` +
              `${info.model.alternateRows}x${info.model.alternateColumns})`,
          );
          try {
            this.options.host.onConnect(terminal);
          } catch (e) {
            terminal.transportClosed(`host error: ${e instanceof Error ? e.message : String(e)}`, true);
          }
        },
        onClosed: (terminal, reason, failure) => {
          if (terminal.session.device) this.pool.release(terminal.session.device.address);
          this.connections.delete(terminal);
          const where = terminal.session.device ? ` (${terminal.session.device.name})` : '';
          if (failure) this.logger.warn(`tn3270 ${peer}${where}: dropped: ${reason}`);
          else this.logger.info(`tn3270 ${peer}${where}: disconnected: ${reason}`);
        },
      },
    );
    this.connections.set(connection, socket);
    socket.on('data', (chunk: Buffer) => connection.receive(chunk));
    socket.on('end', () => connection.transportClosed('client closed the connection', !connection.isAnnounced));
    socket.on('error', (e) => connection.transportClosed(`socket error: ${e.message}`, true));
    socket.on('close', () => connection.transportClosed('connection closed', !connection.isAnnounced));
    connection.start();
  }
}
