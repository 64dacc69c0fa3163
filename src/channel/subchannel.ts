// One subchannel and its device: the channel program walk (Principles of Operation, "Input/Output
// Operations": Chaining, Channel Command Word, Transfer in Channel, Incorrect Length, Skip,
// Program-Controlled Interruption, Channel-Status Word). Every device has its own nonshared
// subchannel, so a channel is never "working" for another device.
//
// The channel runs one command at a time: at the start of a command it validates the CCWs of the
// data chain, moves the data between storage and the device, and computes the ending status; the
// command's time then passes (a 'step' event), after which the channel chains to the next command or
// ends the channel program with an interruption condition.

import { CcwFlag, ChannelStatus, UnitStatus } from '../arch/channel.ts';
import type { Storage } from '../storage/storage.ts';
import { commandKind, DEFERRED, isInput, type CommandKind, type Device, type DeviceResult } from './device.ts';
import type { EventKind } from './events.ts';
import { channelAddressable, DataCursor, fetchCcw, type Ccw } from './storage-access.ts';

/** The fields of a channel-status word. */
export interface Csw {
  key: number;
  ccwAddress: number;
  unitStatus: number;
  channelStatus: number;
  count: number;
}

/** What an I/O instruction found: its condition code, and what to store at X'40'. */
export interface InstructionOutcome {
  cc: number;
  csw?: Csw;
  /** Only bytes 4-5 of the CSW (unit and channel status) are stored. */
  statusOnly?: boolean;
}

/** The services a subchannel needs from the channel subsystem. */
export interface SubchannelContext {
  readonly storage: Storage;
  now(): number;
  schedule(address: number, kind: EventKind, delay: number): void;
  unschedule(address: number): void;
  /** The subchannel's interruption state may have changed. */
  changed(address: number): void;
}

/** One storage area of a data chain. */
interface Segment {
  ccwAddress: number;
  dataAddress: number;
  count: number;
  flags: number;
}

interface ChainError {
  channelStatus: number;
  cswAddress: number;
}

/** The command being executed. Plain data, so that a snapshot can hold it. */
interface ActiveCommand {
  command: number;
  kind: CommandKind;
  chained: boolean;
  segments: Segment[];
  /** A CCW later in the data chain that cannot be used. */
  chainError: ChainError | null;
  /** The command was not started: a CCW or its data address is invalid. */
  rejected: boolean;
  deferred: boolean;
  immediate: boolean;
  unitStatus: number;
  channelStatus: number;
  cswAddress: number;
  residual: number;
  time: number;
  deviceEndDelay: number;
}

interface Program {
  key: number;
  ignorePci: boolean;
  current: ActiveCommand;
}

const ERRORS = ChannelStatus.incorrectLength | ChannelStatus.programCheck | ChannelStatus.protectionCheck |
  ChannelStatus.channelDataCheck | ChannelStatus.channelControlCheck | ChannelStatus.interfaceControlCheck |
  ChannelStatus.chainingCheck;
const CE_DE = UnitStatus.channelEnd | UnitStatus.deviceEnd;

export interface SubchannelState {
  program: Program | null;
  pending: Csw | null;
  pci: Csw | null;
  deviceStatus: number[];
  deviceBusy: boolean;
  device: unknown;
}

export class Subchannel {
  private program: Program | null = null;
  /** Interruption condition from a concluded channel program. */
  private pending: Csw | null = null;
  /** PCI interruption condition while the channel program goes on. */
  private pci: Csw | null = null;
  /** Interruption conditions the device holds (attention, device end after channel end). */
  private deviceStatus: number[] = [];
  /** The device is still working after channel end; device end comes with a 'deviceEnd' event. */
  private deviceBusy = false;

  constructor(
    readonly address: number,
    readonly device: Device,
    private readonly ctx: SubchannelContext,
  ) {}

  get working(): boolean {
    return this.program !== null;
  }

  /** The device answered DEFERRED and the channel waits for it to complete the command. */
  get waitingForHost(): boolean {
    return this.program?.current.deferred === true;
  }

  /** True when an interruption condition can be presented for this subchannel. */
  hasInterruption(): boolean {
    return this.pci !== null || this.pending !== null || (this.program === null && this.deviceStatus.length > 0);
  }

  /** Takes the interruption condition with the highest priority (I/O interruption, TEST I/O). */
  takeInterruption(): Csw | null {
    let csw: Csw | null = null;
    if (this.pci !== null) {
      csw = this.pci;
      this.pci = null;
    } else if (this.pending !== null) {
      csw = this.pending;
      this.pending = null;
    } else if (this.program === null && this.deviceStatus.length > 0) {
      csw = { key: 0, ccwAddress: 0, unitStatus: this.deviceStatus.shift()!, channelStatus: 0, count: 0 };
    }
    if (csw) this.ctx.changed(this.address);
    return csw;
  }

  // ---------------------------------------------------------------------------------------------
  // I/O instructions

  /** START I/O with the CAW. */
  startIo(caw: number): InstructionOutcome {
    const busy = this.busyOutcome();
    if (busy) return busy;
    const key = caw >>> 28;
    const address = caw & 0xff_ffff;
    if ((caw & 0x0f00_0000) !== 0) return programCheckAtStart(key, address, ChannelStatus.programCheck);
    // The CCW the CAW designates must be a command: a TIC there is a program check.
    const ccw = this.fetchFollowingTic(key, address, false);
    if (!isCcw(ccw)) return programCheckAtStart(key, ccw.cswAddress - 8, ccw.channelStatus);
    return this.startProgram(key, ccw, false);
  }

  /** Starts a channel program with a CCW already fetched (START I/O; the implicit IPL CCW). */
  startProgram(key: number, ccw: Ccw, ignorePci: boolean): InstructionOutcome {
    const program: Program = { key, ignorePci, current: this.begin(key, ignorePci, ccw, false) };
    const c = program.current;
    if (c.rejected) {
      this.pci = null;
      return { cc: 1, csw: { key, ccwAddress: c.cswAddress, unitStatus: 0, channelStatus: c.channelStatus, count: 0 } };
    }
    this.program = program;
    if (c.deferred) return { cc: 0 };
    if (c.immediate && !this.chains(c)) {
      // An immediate command that ends the program: the status goes in the CSW START I/O stores.
      const csw = this.conclude(c);
      this.ctx.changed(this.address);
      return { cc: 1, csw };
    }
    this.ctx.schedule(this.address, 'step', c.time);
    this.ctx.changed(this.address);
    return { cc: 0 };
  }

  /** TEST I/O (and the TEST I/O function of CLEAR I/O). */
  testIo(): InstructionOutcome {
    if (this.program !== null) return { cc: 2 };
    if (this.pending !== null || this.deviceStatus.length > 0) return { cc: 1, csw: this.takeInterruption()! };
    if (this.deviceBusy) return { cc: 1, csw: statusCsw(UnitStatus.busy), statusOnly: true };
    return { cc: 0 };
  }

  /** HALT I/O and HALT DEVICE: a working subchannel is ended with channel end and device end. */
  haltIo(): InstructionOutcome {
    if (this.program !== null) {
      const c = this.terminate();
      c.unitStatus |= CE_DE;
      this.pending = this.conclude(c);
      this.ctx.changed(this.address);
      return { cc: 1, csw: statusCsw(0), statusOnly: true };
    }
    if (this.pending !== null) return { cc: 0 };
    return { cc: 1, csw: statusCsw(0), statusOnly: true };
  }

  /** CLEAR I/O: a working subchannel is made available and its CSW stored; otherwise TEST I/O. */
  clearIo(): InstructionOutcome {
    if (this.program === null) return this.testIo();
    const csw = this.conclude(this.terminate());
    csw.unitStatus = 0;
    csw.channelStatus &= ERRORS;
    this.ctx.changed(this.address);
    return { cc: 1, csw };
  }

  // ---------------------------------------------------------------------------------------------
  // Events

  /** The current command's time is over. */
  step(): void {
    const program = this.program;
    if (program === null || program.current.deferred) return;
    const c = program.current;
    if (!this.chains(c)) {
      this.pending = this.conclude(c);
      this.ctx.changed(this.address);
      return;
    }
    if (c.deviceEndDelay > 0) {
      // Command chaining waits for device end.
      c.unitStatus |= UnitStatus.deviceEnd;
      const delay = c.deviceEndDelay;
      c.deviceEndDelay = 0;
      this.ctx.schedule(this.address, 'step', delay);
      return;
    }
    const last = c.segments[c.segments.length - 1]!;
    const nextAddress = last.ccwAddress + ((c.unitStatus & UnitStatus.statusModifier) !== 0 ? 16 : 8);
    const next = this.fetchFollowingTic(program.key, nextAddress & 0xff_ffff, true);
    if (!isCcw(next)) {
      c.channelStatus |= next.channelStatus;
      c.cswAddress = next.cswAddress;
      c.residual = 0;
      c.unitStatus = CE_DE;
      this.pending = this.conclude(c);
      this.ctx.changed(this.address);
      return;
    }
    const n = this.begin(program.key, program.ignorePci, next, true);
    program.current = n;
    if (n.rejected) {
      n.unitStatus = CE_DE;
      this.pending = this.conclude(n);
      this.ctx.changed(this.address);
      return;
    }
    if (!n.deferred) this.ctx.schedule(this.address, 'step', n.time);
  }

  /** Device end for a device that presented channel end earlier. */
  deviceEnd(): void {
    this.deviceBusy = false;
    this.deviceStatus.push(UnitStatus.deviceEnd);
    this.ctx.changed(this.address);
  }

  /** DeviceHost.unsolicited: an attention or device-end condition from the device. */
  unsolicited(status: number): void {
    this.deviceStatus.push(status & 0xff);
    this.ctx.changed(this.address);
  }

  /** DeviceHost.complete: the deferred command's result arrived. */
  complete(result: DeviceResult): void {
    const program = this.program;
    if (program === null || !program.current.deferred) return;
    const c = program.current;
    c.deferred = false;
    this.finish(program.key, c, result, null);
    this.ctx.schedule(this.address, 'step', c.time);
  }

  /** System reset: no program, no interruption conditions; the device resets itself. */
  reset(): void {
    this.program = null;
    this.pending = null;
    this.pci = null;
    this.deviceStatus = [];
    this.deviceBusy = false;
    this.device.reset();
    this.ctx.changed(this.address);
  }

  snapshot(): SubchannelState {
    return structuredClone({
      program: this.program,
      pending: this.pending,
      pci: this.pci,
      deviceStatus: this.deviceStatus,
      deviceBusy: this.deviceBusy,
      device: this.device.snapshot(),
    });
  }

  restore(state: SubchannelState): void {
    const s = structuredClone(state);
    this.program = s.program;
    this.pending = s.pending;
    this.pci = s.pci;
    this.deviceStatus = s.deviceStatus;
    this.deviceBusy = s.deviceBusy;
    this.device.restore(s.device);
    // A command waiting for the host is issued again: its request did not survive.
    const c = this.program?.current;
    if (c?.deferred) {
      this.program!.current = this.begin(this.program!.key, true, this.segmentCcw(c), c.chained);
      if (!this.program!.current.deferred) this.ctx.schedule(this.address, 'step', this.program!.current.time);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The channel program walk

  /** SIO's answer when the subchannel or device cannot start now, or null. */
  private busyOutcome(): InstructionOutcome | null {
    if (this.program !== null || this.pending !== null) return { cc: 2 };
    if (this.deviceStatus.length > 0) {
      const status = this.deviceStatus.shift()!;
      this.ctx.changed(this.address);
      return { cc: 1, csw: statusCsw(UnitStatus.busy | status), statusOnly: true };
    }
    if (this.deviceBusy) return { cc: 1, csw: statusCsw(UnitStatus.busy), statusOnly: true };
    return null;
  }

  /** Whether the command chains on: command chaining on its last CCW and nothing unusual. */
  private chains(c: ActiveCommand): boolean {
    const last = c.segments[c.segments.length - 1]!;
    if ((last.flags & CcwFlag.chainCommand) === 0 || (c.channelStatus & ERRORS) !== 0) return false;
    return (c.unitStatus & (UnitStatus.unitCheck | UnitStatus.unitException | UnitStatus.busy)) === 0;
  }

  /** Ends the channel program: the CSW of the last command; device end may follow later. */
  private conclude(c: ActiveCommand): Csw {
    const key = this.program?.key ?? 0;
    let channelStatus = c.channelStatus;
    if (this.pci !== null) {
      channelStatus |= ChannelStatus.programControlledInterruption;
      this.pci = null;
    }
    this.program = null;
    if (c.deviceEndDelay > 0) {
      this.deviceBusy = true;
      this.ctx.schedule(this.address, 'deviceEnd', c.deviceEndDelay);
    }
    this.device.channelProgramEnd?.();
    return { key, ccwAddress: c.cswAddress & 0xff_ffff, unitStatus: c.unitStatus, channelStatus, count: c.residual };
  }

  /** Stops the current command (HALT I/O, CLEAR I/O); returns it with chaining turned off. */
  private terminate(): ActiveCommand {
    const c = this.program!.current;
    this.ctx.unschedule(this.address);
    if (c.deferred) {
      this.device.halt?.();
      c.deferred = false;
    }
    c.deviceEndDelay = 0;
    return c;
  }

  /** Fetches the CCW at `address`, following a TIC (Principles of Operation, "Transfer in Channel"). */
  private fetchFollowingTic(key: number, address: number, ticAllowed: boolean): Ccw | ChainError {
    const first = fetchCcw(this.ctx.storage, key, address);
    if (typeof first === 'number') return { channelStatus: first, cswAddress: address + 8 };
    if (commandKind(first.command) !== 'tic') return first;
    if (!ticAllowed) return { channelStatus: ChannelStatus.programCheck, cswAddress: address + 8 };
    const target = fetchCcw(this.ctx.storage, key, first.dataAddress);
    if (typeof target === 'number') return { channelStatus: target, cswAddress: address + 8 };
    if (commandKind(target.command) === 'tic') return { channelStatus: ChannelStatus.programCheck, cswAddress: target.address + 8 };
    return target;
  }

  /** Starts one command: checks its data chain, moves output data, runs the device. */
  private begin(key: number, ignorePci: boolean, ccw: Ccw, chained: boolean): ActiveCommand {
    const kind = commandKind(ccw.command);
    const c: ActiveCommand = {
      command: ccw.command, kind, chained, segments: [segmentOf(ccw)], chainError: null, rejected: false,
      deferred: false, immediate: false, unitStatus: 0, channelStatus: 0, cswAddress: ccw.address + 8,
      residual: ccw.count, time: 0, deviceEndDelay: 0,
    };
    if (kind === 'invalid' || ccw.count === 0 || (ccw.flags & 0x03) !== 0 || !this.dataAddressValid(ccw)) {
      c.rejected = true;
      c.channelStatus = ChannelStatus.programCheck;
      return c;
    }
    // Collect the data chain.
    let last = ccw;
    while ((last.flags & CcwFlag.chainData) !== 0) {
      const next = this.fetchFollowingTic(key, (last.address + 8) & 0xff_ffff, true);
      if (!isCcw(next)) {
        c.chainError = next;
        break;
      }
      if (next.count === 0 || (next.flags & 0x03) !== 0) {
        c.chainError = { channelStatus: ChannelStatus.programCheck, cswAddress: next.address + 8 };
        break;
      }
      c.segments.push(segmentOf(next));
      last = next;
    }
    if (!ignorePci && this.pci === null && c.segments.some((s) => (s.flags & CcwFlag.pci) !== 0)) {
      this.pci = { key, ccwAddress: c.cswAddress, unitStatus: 0, channelStatus: ChannelStatus.programControlledInterruption, count: ccw.count };
    }
    const total = c.segments.reduce((sum, s) => sum + s.count, 0);
    let output: Uint8Array | null = null;
    let outputError = 0;
    if (!isInput(kind)) {
      // Output: the bytes up to the first one the channel may not fetch go to the device.
      const gathered = this.gather(key, c.segments, total);
      output = gathered.data;
      outputError = gathered.error;
      if (outputError !== 0 && output.length === 0) {
        c.rejected = true;
        c.channelStatus = outputError;
        return c;
      }
    }
    const result = this.device.startCommand(
      { command: ccw.command, flags: ccw.flags, count: output ? output.length : total, chained },
      output,
    );
    if (result === DEFERRED) {
      c.deferred = true;
      return c;
    }
    this.finish(key, c, result, output, outputError);
    return c;
  }

  /** A command's device result: stores input data, works out count, CCW address and status. */
  private finish(key: number, c: ActiveCommand, result: DeviceResult, output: Uint8Array | null, outputError = 0): void {
    const segments = c.segments;
    const total = segments.reduce((sum, s) => sum + s.count, 0);
    let transferred: number;
    let storageError = outputError;
    if (isInput(c.kind)) {
      const data = result.immediate ? new Uint8Array(0) : (result.data ?? new Uint8Array(0));
      const stored = this.scatter(key, segments, data.subarray(0, total), c.kind === 'readBackward');
      transferred = stored.count;
      storageError = stored.error;
    } else {
      transferred = Math.min(result.accepted ?? output?.length ?? 0, output?.length ?? 0);
    }
    if (result.immediate) transferred = 0;
    // The CCW in which the transfer ended (with data chaining, the next one when a count ran out).
    let index = 0;
    let position = transferred;
    while (index < segments.length - 1 && position >= segments[index]!.count) {
      position -= segments[index]!.count;
      index++;
    }
    const seg = segments[index]!;
    c.cswAddress = seg.ccwAddress + 8;
    c.residual = Math.max(0, seg.count - position);
    c.unitStatus = result.status & 0xff;
    c.immediate = result.immediate === true;
    c.deviceEndDelay = result.deviceEndDelay ?? 0;
    c.time = this.device.timing.command + this.device.timing.perByte * transferred + (result.time ?? 0);
    if (storageError !== 0) {
      c.channelStatus |= storageError;
      return;
    }
    if (c.chainError !== null && transferred >= total) {
      // The channel reached the next CCW of the data chain, which cannot be used.
      c.channelStatus |= c.chainError.channelStatus;
      c.cswAddress = c.chainError.cswAddress;
      c.residual = 0;
      return;
    }
    if (c.immediate) return;
    const short = transferred < total;
    if (short || result.more) {
      const suppressed = (seg.flags & CcwFlag.suppressLength) !== 0 && (seg.flags & CcwFlag.chainData) === 0;
      if (!suppressed) c.channelStatus |= ChannelStatus.incorrectLength;
    }
  }

  /** Fetches the output bytes of a data chain; stops at the first byte the channel may not fetch. */
  private gather(key: number, segments: Segment[], total: number): { data: Uint8Array; error: number } {
    const out = new Uint8Array(total);
    const m = this.ctx.storage.bytes;
    let n = 0;
    for (const s of segments) {
      const cursor = new DataCursor(this.ctx.storage, key, s.dataAddress, false, false, (s.flags & CcwFlag.ida) !== 0);
      for (let i = 0; i < s.count; i++) {
        const a = cursor.next();
        if (a < 0) return { data: out.subarray(0, n), error: -a };
        out[n++] = m[a]!;
      }
    }
    return { data: out, error: 0 };
  }

  /** Stores input bytes over the data chain (descending for read backward); skip stores nothing. */
  private scatter(key: number, segments: Segment[], data: Uint8Array, backward: boolean): { count: number; error: number } {
    const m = this.ctx.storage.bytes;
    let n = 0;
    for (const s of segments) {
      if (n >= data.length) break;
      const take = Math.min(s.count, data.length - n);
      if ((s.flags & CcwFlag.skip) !== 0) {
        n += take;
        continue;
      }
      const cursor = new DataCursor(this.ctx.storage, key, s.dataAddress, true, backward, (s.flags & CcwFlag.ida) !== 0);
      for (let i = 0; i < take; i++) {
        const a = cursor.next();
        if (a < 0) return { count: n, error: -a };
        m[a] = data[n++]!;
      }
    }
    return { count: n, error: 0 };
  }

  /** The first byte of the CCW's data area (or its first IDAW) must be in storage. */
  private dataAddressValid(ccw: Ccw): boolean {
    if ((ccw.flags & CcwFlag.skip) !== 0 && isInput(commandKind(ccw.command))) return true;
    if ((ccw.flags & CcwFlag.ida) !== 0) return (ccw.dataAddress & 3) === 0 && channelAddressable(this.ctx.storage, ccw.dataAddress, 4);
    return channelAddressable(this.ctx.storage, ccw.dataAddress);
  }

  private segmentCcw(c: ActiveCommand): Ccw {
    const s = c.segments[0]!;
    return { address: s.ccwAddress, command: c.command, dataAddress: s.dataAddress, flags: s.flags, count: s.count };
  }
}

function segmentOf(ccw: Ccw): Segment {
  return { ccwAddress: ccw.address, dataAddress: ccw.dataAddress, count: ccw.count, flags: ccw.flags };
}

function isCcw(x: Ccw | ChainError): x is Ccw {
  return (x as Ccw).command !== undefined;
}

function statusCsw(unitStatus: number): Csw {
  return { key: 0, ccwAddress: 0, unitStatus, channelStatus: 0, count: 0 };
}

function programCheckAtStart(key: number, ccwAddress: number, channelStatus: number): InstructionOutcome {
  return { cc: 1, csw: { key, ccwAddress: (ccwAddress + 8) & 0xff_ffff, unitStatus: 0, channelStatus, count: 0 } };
}
