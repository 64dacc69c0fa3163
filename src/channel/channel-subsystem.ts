// The channel subsystem of a System/370: channels 0-F, a subchannel per device, the I/O
// instructions and I/O interruptions (Principles of Operation, "Input/Output Operations",
// "Input/Output Instructions", "I/O Interruptions"). Channel 0 is a byte-multiplexer channel, the
// others block-multiplexer channels; every device has its own (nonshared) subchannel.
//
// Time: in virtual time a command completes a deterministic number of CPU ticks after it starts
// (the device's command cost plus a cost per byte); the CPU calls runUntil(tick) as its ticks pass,
// so the same program gets the same interruptions at the same instructions on every run. In real
// time the same events are driven by host timers, and devices may complete commands asynchronously
// (console input); the CPU sees the result in pendingChannels.

import { LowCore } from '../arch/low-core.ts';
import type { IoSystem } from '../cpu/io-system.ts';
import { KeyBits, type Storage } from '../storage/storage.ts';
import type { Device, DeviceHost, DeviceResult } from './device.ts';
import { EventQueue, type ChannelEvent, type EventKind } from './events.ts';
import type { Ccw } from './storage-access.ts';
import { Subchannel, type Csw, type InstructionOutcome, type SubchannelContext, type SubchannelState } from './subchannel.ts';

export type ChannelTimeMode = 'virtual' | 'real';

export interface ChannelSubsystemOptions {
  storage: Storage;
  timeMode?: ChannelTimeMode;
  /** Real time: CPU ticks per millisecond of host time (the CPU's default is 10 ticks per µs). */
  ticksPerMillisecond?: number;
}

/** The highest channel number installed: channels 0-F. */
export const LAST_CHANNEL = 0x0f;

/** STORE CHANNEL ID: channel type in bits 0-3 of the channel ID word. */
const CHANNEL_TYPE_BYTE_MULTIPLEXER = 0x1000_0000;
const CHANNEL_TYPE_BLOCK_MULTIPLEXER = 0x2000_0000;

export interface ChannelSubsystemState {
  tick: number;
  queue: ReturnType<EventQueue['snapshot']>;
  order: number[];
  subchannels: Record<string, SubchannelState>;
}

export class ChannelSubsystem implements IoSystem {
  /** Bit (31 - channel) for each channel with an interruption condition. */
  pendingChannels = 0;
  readonly storage: Storage;
  readonly timeMode: ChannelTimeMode;
  private readonly ticksPerMillisecond: number;
  private readonly subchannels = new Map<number, Subchannel>();
  private readonly queue = new EventQueue();
  /** Virtual time: the latest tick the CPU reported. */
  private tick = 0;
  /** Devices with an interruption condition, in the order the conditions arose. */
  private order: number[] = [];
  /** START I/O count per device, for the summary of a run. */
  private readonly starts = new Map<number, number>();
  private readonly waiters: Array<() => void> = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly origin = performance.now();
  private readonly context: SubchannelContext;

  constructor(options: ChannelSubsystemOptions) {
    this.storage = options.storage;
    this.timeMode = options.timeMode ?? 'virtual';
    this.ticksPerMillisecond = options.ticksPerMillisecond ?? 10_000;
    this.context = {
      storage: this.storage,
      now: () => this.now(),
      schedule: (address, kind, delay) => this.schedule(address, kind, delay),
      unschedule: (address) => this.queue.remove(address, 'step'),
      changed: (address) => this.changed(address),
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Configuration

  /** Attaches a device at a 16-bit device address (channel in the high byte). */
  attach(address: number, device: Device): void {
    if (!Number.isInteger(address) || address < 0 || address > 0xffff || address >>> 8 > LAST_CHANNEL) {
      throw new RangeError(`device address ${hex(address)} is not on channels 0-F`);
    }
    if (this.subchannels.has(address)) throw new Error(`a device is already attached at ${hex(address)}`);
    const sub = new Subchannel(address, device, this.context);
    this.subchannels.set(address, sub);
    const host: DeviceHost = {
      unsolicited: (status: number) => sub.unsolicited(status),
      complete: (result: DeviceResult) => {
        sub.complete(result);
        this.wake();
      },
    };
    device.attach(host);
  }

  device(address: number): Device | undefined {
    return this.subchannels.get(address)?.device;
  }

  /**
   * Removes the device at `address` (CP DETACH): its subchannel, any interruption condition it
   * had and any event scheduled for it are gone; the device is not closed (the caller owns it).
   * Returns false when nothing is attached there.
   */
  detach(address: number): boolean {
    const sub = this.subchannels.get(address);
    if (sub === undefined) return false;
    this.subchannels.delete(address);
    this.queue.remove(address);
    this.starts.delete(address);
    this.order = this.order.filter((a) => a !== address);
    this.recomputePending();
    return true;
  }

  /** Attached devices by address, ascending. */
  devices(): Array<{ address: number; device: Device; starts: number }> {
    return [...this.subchannels.keys()].sort((a, b) => a - b).map((address) => ({
      address,
      device: this.subchannels.get(address)!.device,
      starts: this.starts.get(address) ?? 0,
    }));
  }

  /** Releases the devices' host resources and stops real-time timers. */
  close(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    for (const sub of this.subchannels.values()) sub.device.close?.();
  }

  // ---------------------------------------------------------------------------------------------
  // I/O instructions (IoSystem)

  startIo(deviceAddress: number, _fast: boolean): number {
    // START I/O FAST RELEASE is executed as START I/O, which the architecture allows.
    const sub = this.subchannel(deviceAddress);
    if (!sub) return 3;
    this.starts.set(sub.address, (this.starts.get(sub.address) ?? 0) + 1);
    return this.store(sub.startIo(this.storage.readWord(LowCore.caw)));
  }

  testIo(deviceAddress: number): number {
    const sub = this.subchannel(deviceAddress);
    return sub ? this.store(sub.testIo()) : 3;
  }

  haltIo(deviceAddress: number): number {
    const sub = this.subchannel(deviceAddress);
    return sub ? this.store(sub.haltIo()) : 3;
  }

  haltDevice(deviceAddress: number): number {
    return this.haltIo(deviceAddress);
  }

  clearIo(deviceAddress: number): number {
    const sub = this.subchannel(deviceAddress);
    return sub ? this.store(sub.clearIo()) : 3;
  }

  testChannel(channel: number): number {
    if (channel < 0 || channel > LAST_CHANNEL) return 3;
    return (this.pendingChannels & (1 << (31 - channel))) !== 0 ? 1 : 0;
  }

  storeChannelId(channel: number): number {
    if (channel < 0 || channel > LAST_CHANNEL) return 3;
    // Channel type, model number 0, no I/O extended logout.
    this.storage.writeWord(LowCore.channelId, channel === 0 ? CHANNEL_TYPE_BYTE_MULTIPLEXER : CHANNEL_TYPE_BLOCK_MULTIPLEXER);
    return 0;
  }

  acceptInterruption(enabledChannels: number): number {
    for (let i = 0; i < this.order.length; i++) {
      const address = this.order[i]!;
      const channel = address >>> 8;
      if ((enabledChannels & (1 << (31 - channel))) === 0) continue;
      // Lower channel numbers first; within a channel, the oldest condition.
      let best = address;
      for (let j = i + 1; j < this.order.length; j++) {
        const other = this.order[j]!;
        if (other >>> 8 < best >>> 8 && (enabledChannels & (1 << (31 - (other >>> 8)))) !== 0) best = other;
      }
      const csw = this.subchannels.get(best)!.takeInterruption();
      if (csw === null) continue;
      this.storeCsw(csw, false);
      return best;
    }
    return -1;
  }

  nextEventTick(): number {
    return this.timeMode === 'virtual' ? this.queue.nextTick() : Infinity;
  }

  runUntil(tick: number): void {
    if (this.timeMode !== 'virtual') {
      this.runDue(this.now());
      return;
    }
    if (tick > this.tick) this.tick = tick;
    this.runDue(this.tick);
  }

  reset(): void {
    this.queue.clear();
    for (const sub of this.subchannels.values()) sub.reset();
    this.order = [];
    this.pendingChannels = 0;
  }

  // ---------------------------------------------------------------------------------------------
  // For the IPL procedure, the command line and tests

  /** The current time in ticks (virtual: the CPU's last reported tick). */
  now(): number {
    if (this.timeMode === 'virtual') return this.tick;
    return Math.floor((performance.now() - this.origin) * this.ticksPerMillisecond);
  }

  /** Starts a channel program at a CCW the caller supplies (the implicit CCW of IPL). */
  startWithCcw(deviceAddress: number, key: number, ccw: Ccw, ignorePci: boolean): InstructionOutcome | null {
    const sub = this.subchannel(deviceAddress);
    return sub ? sub.startProgram(key, ccw, ignorePci) : null;
  }

  /** Runs channel events, moving time on, until the device's channel program has ended. */
  runToEnd(deviceAddress: number, maxEvents = 1_000_000): 'done' | 'waiting' | 'looping' {
    const sub = this.subchannel(deviceAddress);
    for (let n = 0; sub?.working && n < maxEvents; n++) {
      const next = this.queue.nextTick();
      if (next === Infinity) return 'waiting';
      if (next > this.tick) this.tick = next;
      const event = this.queue.takeDue(next)!;
      this.dispatch(event);
    }
    return sub?.working ? 'looping' : 'done';
  }

  /** Takes the device's interruption condition without an interruption (IPL, tests). */
  takeInterruption(deviceAddress: number): Csw | null {
    return this.subchannel(deviceAddress)?.takeInterruption() ?? null;
  }

  /** True when a channel event is scheduled (a command or device end still to come). */
  nextScheduled(): boolean {
    return this.queue.nextTick() !== Infinity;
  }

  /** True when a device is waiting for input from the host (a console read). */
  waitingForHost(): boolean {
    for (const sub of this.subchannels.values()) if (sub.waitingForHost) return true;
    return false;
  }

  /** Resolves when the next interruption condition arises or a host-driven event happens. */
  whenActivity(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  snapshot(): ChannelSubsystemState {
    const subchannels: Record<string, SubchannelState> = {};
    for (const [address, sub] of this.subchannels) subchannels[address.toString(16)] = sub.snapshot();
    return { tick: this.tick, queue: this.queue.snapshot(), order: [...this.order], subchannels };
  }

  restore(state: ChannelSubsystemState): void {
    for (const key of Object.keys(state.subchannels)) {
      if (!this.subchannels.has(parseInt(key, 16))) throw new Error(`the snapshot has a device at ${key} that is not attached`);
    }
    this.tick = state.tick;
    this.queue.restore(state.queue);
    for (const [key, s] of Object.entries(state.subchannels)) this.subchannels.get(parseInt(key, 16))!.restore(s);
    this.order = state.order.filter((a) => this.subchannels.get(a)?.hasInterruption());
    this.recomputePending();
    this.arm();
  }

  // ---------------------------------------------------------------------------------------------

  private subchannel(deviceAddress: number): Subchannel | undefined {
    return this.subchannels.get(deviceAddress & 0xffff);
  }

  /** Stores what an instruction found at X'40' and returns its condition code. */
  private store(outcome: InstructionOutcome): number {
    if (outcome.csw) this.storeCsw(outcome.csw, outcome.statusOnly === true);
    return outcome.cc;
  }

  private storeCsw(csw: Csw, statusOnly: boolean): void {
    const m = this.storage.bytes;
    const at = LowCore.csw;
    if (!statusOnly) {
      m[at] = (csw.key & 0x0f) << 4;
      m[at + 1] = csw.ccwAddress >>> 16;
      m[at + 2] = csw.ccwAddress >>> 8;
      m[at + 3] = csw.ccwAddress;
      m[at + 6] = csw.count >>> 8;
      m[at + 7] = csw.count;
    }
    m[at + 4] = csw.unitStatus;
    m[at + 5] = csw.channelStatus;
    this.storage.keys[0]! |= KeyBits.reference | KeyBits.change;
  }

  private schedule(address: number, kind: EventKind, delay: number): void {
    this.queue.add(this.now() + Math.max(0, Math.floor(delay)), address, kind);
    this.arm();
  }

  private runDue(tick: number): void {
    for (let event = this.queue.takeDue(tick); event !== undefined; event = this.queue.takeDue(tick)) {
      // Events scheduled while handling this one are relative to its time, not the CPU's.
      const saved = this.tick;
      if (this.timeMode === 'virtual') this.tick = event.tick;
      this.dispatch(event);
      if (this.timeMode === 'virtual') this.tick = Math.max(saved, this.tick);
    }
    this.arm();
  }

  private dispatch(event: ChannelEvent): void {
    const sub = this.subchannels.get(event.address);
    if (!sub) return;
    if (event.kind === 'step') sub.step();
    else sub.deviceEnd();
    this.wake();
  }

  private changed(address: number): void {
    const sub = this.subchannels.get(address);
    const pending = sub?.hasInterruption() === true;
    const at = this.order.indexOf(address);
    if (pending && at < 0) this.order.push(address);
    if (!pending && at >= 0) this.order.splice(at, 1);
    this.recomputePending();
    if (pending) this.wake();
  }

  private recomputePending(): void {
    let bits = 0;
    for (const address of this.order) bits |= 1 << (31 - (address >>> 8));
    this.pendingChannels = bits;
  }

  private wake(): void {
    const waiters = this.waiters.splice(0);
    for (const w of waiters) w();
  }

  /** Real time: a host timer for the earliest event. */
  private arm(): void {
    if (this.timeMode !== 'real') return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const next = this.queue.nextTick();
    if (next === Infinity) return;
    const delay = Math.max(0, (next - this.now()) / this.ticksPerMillisecond);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.runDue(this.now());
    }, delay);
  }
}

function hex(address: number): string {
  return address.toString(16).padStart(3, '0').toUpperCase();
}
