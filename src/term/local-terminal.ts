// A terminal whose screen lives in this process (the ink UI's terminal): host writes go straight
// into the model, and the operator's AID keys come back to the host as inbound records. Records
// are delivered on a microtask so a host never re-enters itself from inside write().

import { Listeners, deviceName, type HostTerminal, type TerminalInfo } from './host.ts';
import { terminalTypeName, type TerminalModel } from './models.ts';
import { pressAid } from './operator.ts';
import { Screen3270 } from './screen-model.ts';
import type { CodePage } from '../ebcdic/index.ts';

export interface LocalTerminalOptions {
  model: TerminalModel;
  address: number;
  codePage?: CodePage;
}

export class LocalTerminal implements HostTerminal {
  readonly info: TerminalInfo;
  readonly screen: Screen3270;
  private readonly inbound = new Listeners<[Uint8Array]>();
  private readonly attention = new Listeners<[]>();
  private readonly disconnected = new Listeners<[string]>();
  private closedReason: string | null = null;

  constructor(options: LocalTerminalOptions) {
    this.screen = new Screen3270({ model: options.model, codePage: options.codePage });
    this.info = {
      address: options.address,
      deviceName: deviceName(options.address),
      terminalType: terminalTypeName(options.model),
      model: options.model,
      protocol: 'local',
      peer: 'local',
    };
  }

  get connected(): boolean {
    return this.closedReason === null;
  }

  /** Why the terminal was disconnected (null while connected). */
  get disconnectReason(): string | null {
    return this.closedReason;
  }

  write(record: Uint8Array): void {
    if (!this.connected) return;
    const reply = this.screen.writeRecord(record);
    if (reply) this.deliver(reply);
  }

  onInbound(listener: (record: Uint8Array) => void): () => void {
    return this.inbound.add(listener);
  }

  onAttention(listener: () => void): () => void {
    return this.attention.add(listener);
  }

  onDisconnect(listener: (reason: string) => void): () => void {
    return this.disconnected.add(listener);
  }

  disconnect(reason = 'host disconnected'): void {
    if (this.closedReason !== null) return;
    this.closedReason = reason;
    this.screen.lock = 'system';
    this.screen.changed();
    this.disconnected.emit(reason);
  }

  /** The operator pressed an AID key; returns false when the keyboard is locked. */
  pressAid(aid: number): boolean {
    if (!this.connected) return false;
    const record = pressAid(this.screen, aid);
    if (!record) return false;
    this.deliver(record);
    return true;
  }

  /** The Attn key. */
  pressAttention(): void {
    if (this.connected) queueMicrotask(() => this.attention.emit());
  }

  private deliver(record: Uint8Array): void {
    queueMicrotask(() => {
      if (this.connected) this.inbound.emit(record);
    });
  }
}
