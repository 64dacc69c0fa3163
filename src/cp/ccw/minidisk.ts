// A minidisk: an extent of whole cylinders of a CKD volume, seen by its virtual machine as a disk of
// its own whose cylinders start at 0 (VM/370 Planning and System Generation Guide, "Minidisks";
// VM/370 System Logic, "CCW translation": seek arguments are relocated by the minidisk's first
// cylinder and checked against its size).
//
// CCW translation is done per command, between the channel (src/channel) and the real device
// (src/devices/dasd/ckd-dasd.ts): the channel walks the guest's channel program in the guest's own
// storage exactly as a real channel would (the virtual machine's storage is the storage the channel
// sees, so data addresses need no translation), and hands each command to this device, which
// relocates what carries a cylinder number and passes the command on:
//   - Seek, Seek Cylinder: the cylinder must lie inside the extent; it is moved by the start.
//   - Recalibrate, Read IPL: to the extent's cylinder 0 instead of the volume's.
//   - Search ID, Search HA, Write CKD/R0/HA arguments: the CC is moved by the start.
//   - Read Count, Read R0, Read CKD, Read Multiple CKD, Read HA, Sense: the CC the device returns
//     is moved back.
//   - Each channel program starts with a seek to the last virtual seek address, so a program that
//     searches without seeking first stays on its own cylinders.
// Write commands on a read-only link, and seeks outside the extent, end with unit check at initial
// selection and the sense bytes a 3830 presents when its file mask forbids the operation: command
// reject (byte 0 X'80') and file protected (byte 1 X'04'). For writes this is what R6 gives (CP
// protects a read-only link with the file mask); for seeks outside the extent R6's exact sense is
// not confirmed here (DIAGNOSE X'18' reports them as CC 1, R15 = 4, which is documented).

import { UnitStatus } from '../../arch/channel.ts';
import type { Device, DeviceCommand, DeviceHost, DeviceResult } from '../../channel/device.ts';
import type { CkdDasd } from '../../devices/dasd/ckd-dasd.ts';
import { DasdSense0, DasdSense1, senseBytes } from '../../devices/dasd/sense.ts';

const CE_DE = UnitStatus.channelEnd | UnitStatus.deviceEnd;

/** Commands that have a multitrack form (the X'80' bit), as the 3830 defines them. */
const MULTITRACK = new Set([0x06, 0x0e, 0x12, 0x16, 0x1a, 0x1e, 0x29, 0x31, 0x39, 0x49, 0x51, 0x69, 0x71]);

/**
 * First commands of a channel program that need no seek to the guest's cylinder first: the seeks
 * themselves, Recalibrate and Read IPL (they position the arm), and the commands that return the
 * sense bytes (a seek would clear them).
 */
const NO_PRESEEK = new Set([0x07, 0x0b, 0x13, 0x02, 0x04, 0x14, 0x94, 0xb4]);

/** Write commands (format writes and update writes). */
const WRITES = new Set([0x01, 0x05, 0x0d, 0x11, 0x15, 0x19, 0x1d]);

export interface MinidiskExtent {
  /** First cylinder of the extent on the volume. */
  start: number;
  /** Number of cylinders. */
  cylinders: number;
  /** The link is read-only: every write is rejected. */
  readOnly: boolean;
}

interface MinidiskState {
  cyl: number;
  head: number;
  sense: number[] | null;
  inner: unknown;
}

/** The base command of a CCW command code (the multitrack bit removed where there is one). */
export function baseCommand(code: number): number {
  return (code & 0x80) !== 0 && MULTITRACK.has(code & 0x7f) ? code & 0x7f : code;
}

/** True for a write command. */
export function isDasdWrite(code: number): boolean {
  return WRITES.has(baseCommand(code));
}

export class MinidiskDevice implements Device {
  readonly type: string;
  readonly timing: Device['timing'];
  /** The virtual seek address: cylinder (relative to the extent) and head. */
  private cyl = 0;
  private head = 0;
  /** Sense bytes of a condition this device raised itself (read by the next Sense). */
  private sense: Uint8Array | null = null;
  private onClose: (() => void) | null;

  /**
   * `onClose` runs once when the device is closed (DETACH, LOGOFF): CP lets go of the link, or a
   * temporary disk's space is given back.
   */
  constructor(
    readonly dasd: CkdDasd,
    readonly extent: MinidiskExtent,
    options: { onClose?: () => void } = {},
  ) {
    this.onClose = options.onClose ?? null;
    const image = dasd.image;
    if (!Number.isInteger(extent.start) || extent.start < 0 || extent.cylinders < 1 || extent.start + extent.cylinders > image.cylinders) {
      throw new RangeError(
        `a minidisk of ${extent.cylinders} cylinders at cylinder ${extent.start} does not fit the ${image.cylinders} cylinders of ${image.path}`,
      );
    }
    this.type = dasd.type;
    this.timing = dasd.timing;
  }

  get heads(): number {
    return this.dasd.image.heads;
  }

  attach(host: DeviceHost): void {
    this.dasd.attach(host);
  }

  startCommand(command: DeviceCommand, data: Uint8Array | null): DeviceResult {
    const code = command.command;
    const base = baseCommand(code);
    if (code === 0x04 && this.sense !== null) {
      const sense = this.sense;
      this.sense = null;
      return { status: CE_DE, data: sense.subarray(0, command.count), more: sense.length > command.count };
    }
    this.sense = null;
    if (this.extent.readOnly && WRITES.has(base)) return this.protect();
    if (!command.chained && !NO_PRESEEK.has(base)) {
      // A channel program begins where this virtual machine last left the arm.
      this.innerSeek(this.cyl, this.head);
    }
    switch (base) {
      case 0x07: // Seek
      case 0x0b: // Seek Cylinder
      case 0x1b: // Seek Head
        return this.seek(command, base, data);
      case 0x13: // Recalibrate: the extent's cylinder 0, head 0
        this.cyl = 0;
        this.head = 0;
        return this.pass(command, this.seekArgument(0, 0), 0x07, command.chained);
      case 0x02: { // Read IPL: record 1 of the extent's first track
        this.cyl = 0;
        this.head = 0;
        const seek = this.innerSeek(0, 0);
        if ((seek.status & UnitStatus.unitCheck) !== 0) return seek;
        return this.pass(command, null, 0x06, true);
      }
      case 0x31:
      case 0x51:
      case 0x71: // Search ID Equal / High / High or Equal: CCHHR
      case 0x39: // Search HA Equal: CCHH
      case 0x1d: // Write CKD: count field
      case 0x15: // Write R0: count field
        return this.dasd.startCommand(command, this.relocated(data, 0));
      case 0x19: // Write HA: flag byte, CC, HH
        return this.dasd.startCommand(command, this.relocated(data, 1));
      case 0x12: // Read Count
      case 0x16: // Read R0
      case 0x1e: // Read CKD
        return this.unrelocate(this.dasd.startCommand(command, data), 'count');
      case 0x5e: // Read Multiple CKD
        return this.unrelocate(this.dasd.startCommand(command, data), 'multiple');
      case 0x1a: // Read HA
        return this.unrelocate(this.dasd.startCommand(command, data), 'ha');
      case 0x04:
      case 0x14:
      case 0x94:
      case 0xb4: // Sense, and the reserve/release commands that return sense bytes
        return this.unrelocate(this.dasd.startCommand(command, data), 'sense');
      default:
        return this.dasd.startCommand(command, data);
    }
  }

  private seek(command: DeviceCommand, base: number, data: Uint8Array | null): DeviceResult {
    const arg = data ?? new Uint8Array(0);
    if (arg.length < 6) return this.dasd.startCommand(command, arg);
    const cyl = base === 0x1b ? this.cyl : (arg[2]! << 8) | arg[3]!;
    const head = (arg[4]! << 8) | arg[5]!;
    if (cyl >= this.extent.cylinders || (base !== 0x1b && (arg[0]! | arg[1]!) !== 0)) return this.protect();
    const result = this.dasd.startCommand(command, this.seekArgument(cyl, head));
    if ((result.status & UnitStatus.unitCheck) === 0) {
      this.cyl = cyl;
      this.head = head;
    }
    return result;
  }

  /** A seek argument BBCCHH for a virtual cylinder and head, relocated. */
  private seekArgument(cyl: number, head: number): Uint8Array {
    const real = cyl + this.extent.start;
    return Uint8Array.of(0, 0, real >>> 8, real, head >>> 8, head);
  }

  private innerSeek(cyl: number, head: number): DeviceResult {
    // Unchained, so that the device starts a fresh channel program (file mask cleared) before it.
    return this.dasd.startCommand({ command: 0x07, flags: 0, count: 6, chained: false }, this.seekArgument(cyl, head));
  }

  /** Passes a command on as another command code (Recalibrate as Seek, Read IPL as Read Data). */
  private pass(command: DeviceCommand, data: Uint8Array | null, code: number, chained: boolean): DeviceResult {
    const result = this.dasd.startCommand({ command: code, flags: command.flags, count: data ? data.length : command.count, chained }, data);
    if (code === 0x07) return { ...result, accepted: undefined };
    return result;
  }

  /** A copy of an argument with its two-byte cylinder at `at` moved by the extent's start. */
  private relocated(data: Uint8Array | null, at: number): Uint8Array | null {
    if (data === null || data.length < at + 2) return data;
    const copy = data.slice();
    const real = ((copy[at]! << 8) | copy[at + 1]!) + this.extent.start;
    copy[at] = real >>> 8;
    copy[at + 1] = real;
    return copy;
  }

  /** Moves the cylinder numbers in data the device returns back into the extent's numbering. */
  private unrelocate(result: DeviceResult, what: 'count' | 'multiple' | 'ha' | 'sense'): DeviceResult {
    const start = this.extent.start;
    if (start === 0 || result.data === undefined || result.data.length === 0) return result;
    const d = result.data.slice();
    const back = (at: number) => {
      if (at + 1 >= d.length) return;
      const v = ((d[at]! << 8) | d[at + 1]!) - start;
      d[at] = v >>> 8;
      d[at + 1] = v;
    };
    if (what === 'count') back(0);
    else if (what === 'ha') back(1);
    else if (what === 'multiple') {
      for (let i = 0; i + 8 <= d.length; i += 8 + d[i + 5]! + ((d[i + 6]! << 8) | d[i + 7]!)) back(i);
    } else if (d.length >= 7) {
      // Sense bytes 5-6: cylinder low byte, then the cylinder's high bits (5-7) and the head.
      const real = d[5]! | ((d[6]! >>> 5) << 8);
      const v = Math.max(0, real - start);
      d[5] = v & 0xff;
      d[6] = ((v >>> 8) << 5) | (d[6]! & 0x1f);
    }
    return { ...result, data: d };
  }

  /** Unit check at initial selection: command reject and file protected. */
  private protect(): DeviceResult {
    this.sense = senseBytes(DasdSense0.commandReject, DasdSense1.fileProtected, this.cyl, this.head);
    return { status: CE_DE | UnitStatus.unitCheck, immediate: true };
  }

  channelProgramEnd(): void {
    this.dasd.channelProgramEnd();
  }

  halt(): void {
    this.dasd.halt?.();
  }

  reset(): void {
    this.dasd.reset();
    this.sense = null;
  }

  snapshot(): MinidiskState {
    return { cyl: this.cyl, head: this.head, sense: this.sense ? [...this.sense] : null, inner: this.dasd.snapshot() };
  }

  restore(state: unknown): void {
    const s = state as MinidiskState;
    this.cyl = s.cyl;
    this.head = s.head;
    this.sense = s.sense ? Uint8Array.from(s.sense) : null;
    this.dasd.restore(s.inner);
  }

  close(): void {
    try {
      this.dasd.close();
    } finally {
      const onClose = this.onClose;
      this.onClose = null;
      onClose?.();
    }
  }
}
