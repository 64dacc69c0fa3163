// A virtual machine's I/O configuration: its own channel subsystem over its own storage (the
// storage the guest thinks is real), with virtual devices attached at the guest's addresses. The
// CPU reaches it through IoSystem, so a guest's SIO, TIO, HIO, CLRIO, TCH and STIDC, which CP
// intercepts, are simulated by running the CPU's own I/O instructions against this system: the
// channel program is walked in virtual storage as a channel would, and each command reaches the
// virtual device (minidisk relocation and protection happen there, src/cp/ccw/minidisk.ts).
//
// Besides the I/O instructions, CP runs channel programs synchronously for DIAGNOSE X'18' and
// X'20' (runSync): no interruption is left for the guest.

import { LowCore } from '../../arch/low-core.ts';
import { ChannelSubsystem } from '../../channel/channel-subsystem.ts';
import type { Device } from '../../channel/device.ts';
import type { IoSystem } from '../../cpu/io-system.ts';
import type { Storage } from '../../storage/storage.ts';

export type VirtualDeviceKind = 'console' | 'dasd' | 'reader' | 'punch' | 'printer' | 'other';

export interface VirtualDeviceEntry {
  address: number;
  kind: VirtualDeviceKind;
  device: Device;
  /** DIAGNOSE X'24' Ry: VDEVTYPC, VDEVTYPE, VDEVSTAT, VDEVFLAG. */
  vdevInfo: number;
  /** DIAGNOSE X'24' Ry+1: RDEVTYPC, RDEVTYPE, RDEVMDL, RDEVFTR (or the line length of a console). */
  rdevInfo: number;
  /** The device's line in QUERY VIRTUAL. */
  describe(): string;
}

/** The end of a channel program CP ran for a DIAGNOSE. */
export interface SyncResult {
  /** 0 the program ran and ended; 1 status stored at once; 2 busy; 3 not operational. */
  cc: number;
  unitStatus: number;
  channelStatus: number;
  /** The CSW as 8 bytes (key, CCW address, status, residual count). */
  csw: Uint8Array;
  /** 'waiting': a command waits for the host (a console read) and the program did not end. */
  outcome: 'done' | 'waiting' | 'looping';
}

export class VirtualChannelSubsystem implements IoSystem {
  readonly channels: ChannelSubsystem;
  private readonly entries = new Map<number, VirtualDeviceEntry>();

  constructor(readonly storage: Storage) {
    this.channels = new ChannelSubsystem({ storage, timeMode: 'virtual' });
  }

  attach(entry: VirtualDeviceEntry): void {
    this.channels.attach(entry.address, entry.device);
    this.entries.set(entry.address, entry);
  }

  /** Removes a virtual device (DETACH); returns its entry. The device is not closed. */
  detach(address: number): VirtualDeviceEntry | undefined {
    const entry = this.entries.get(address & 0xffff);
    if (entry === undefined) return undefined;
    this.channels.detach(entry.address);
    this.entries.delete(entry.address);
    return entry;
  }

  entry(address: number): VirtualDeviceEntry | undefined {
    return this.entries.get(address & 0xffff);
  }

  /** Every virtual device, by address. */
  list(): VirtualDeviceEntry[] {
    return [...this.entries.values()].sort((a, b) => a.address - b.address);
  }

  // ---------------------------------------------------------------------------------------------
  // IoSystem: the guest's I/O instructions

  get pendingChannels(): number {
    return this.channels.pendingChannels;
  }

  startIo(deviceAddress: number, fast: boolean): number {
    return this.channels.startIo(deviceAddress, fast);
  }

  testIo(deviceAddress: number): number {
    return this.channels.testIo(deviceAddress);
  }

  haltIo(deviceAddress: number): number {
    return this.channels.haltIo(deviceAddress);
  }

  haltDevice(deviceAddress: number): number {
    return this.channels.haltDevice(deviceAddress);
  }

  clearIo(deviceAddress: number): number {
    return this.channels.clearIo(deviceAddress);
  }

  testChannel(channel: number): number {
    return this.channels.testChannel(channel);
  }

  storeChannelId(channel: number): number {
    return this.channels.storeChannelId(channel);
  }

  acceptInterruption(enabledChannels: number): number {
    return this.channels.acceptInterruption(enabledChannels);
  }

  nextEventTick(): number {
    return this.channels.nextEventTick();
  }

  runUntil(tick: number): void {
    this.channels.runUntil(tick);
  }

  reset(): void {
    this.channels.reset();
  }

  /** The channel subsystem's time (ticks), which a synchronous program moves on. */
  now(): number {
    return this.channels.now();
  }

  /** True when a device waits for input from the host (the console has a read outstanding). */
  waitingForHost(): boolean {
    return this.channels.waitingForHost();
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Runs the channel program at `ccwAddress` (protection key `key`) on a device to its end, as CP
   * does for DIAGNOSE X'18' and X'20', and takes its ending status so that no interruption reaches
   * the guest. The guest's CAW and CSW at X'40'-X'4F' are left as they were.
   */
  runSync(address: number, ccwAddress: number, key: number): SyncResult {
    const m = this.storage.bytes;
    const saved = m.slice(LowCore.csw, LowCore.caw + 4);
    this.storage.writeWord(LowCore.caw, ((key & 0x0f) << 28) | (ccwAddress & 0xff_ffff));
    let result: SyncResult;
    try {
      const cc = this.channels.startIo(address, false);
      if (cc !== 0) {
        result = { cc, unitStatus: m[LowCore.csw + 4]!, channelStatus: m[LowCore.csw + 5]!, csw: m.slice(LowCore.csw, LowCore.csw + 8), outcome: 'done' };
      } else {
        const outcome = this.channels.runToEnd(address);
        const csw = this.channels.takeInterruption(address);
        const bytes = new Uint8Array(8);
        if (csw) {
          bytes[0] = (csw.key & 0x0f) << 4;
          bytes[1] = csw.ccwAddress >>> 16;
          bytes[2] = csw.ccwAddress >>> 8;
          bytes[3] = csw.ccwAddress;
          bytes[4] = csw.unitStatus;
          bytes[5] = csw.channelStatus;
          bytes[6] = csw.count >>> 8;
          bytes[7] = csw.count;
        }
        result = { cc: 0, unitStatus: csw?.unitStatus ?? 0, channelStatus: csw?.channelStatus ?? 0, csw: bytes, outcome };
      }
    } finally {
      m.set(saved, LowCore.csw);
    }
    return result;
  }

  close(): void {
    this.channels.close();
  }
}
