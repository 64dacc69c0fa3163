// IBM 3330, 3330-11 and 3350 disk storage on a 3830 storage control: the count-key-data commands
// that OS and VM/370 use (IBM 3830 Storage Control Reference; 3330 Series / 3350 reference
// summaries), on a Hercules CKD image.
//
// The device keeps its seek address and its orientation on the track: at the index point, after
// the home address, or after the count, key or data area of a record. Searches compare the next
// count (or key) area with the argument the channel sends and add status modifier when the
// condition is met, so that the usual Search / TIC *-8 loop falls through to the next command.
// Passing the index point twice in a chain without reading or writing ends with No Record Found;
// multitrack (MT) commands go on to the next head instead, up to the end of the cylinder.
//
// Written tracks go straight to the image file; the file is synced at the end of each channel
// program that wrote (or after each write, on request), so a completed channel program's data
// survive the host process being killed.
//
// Several devices may share one image (CP gives every virtual machine its own device over the one
// open volume its minidisks live on): each keeps its own position and orientation, and the track
// it holds in memory is read again whenever any device has written to the image since.

import { UnitStatus } from '../../arch/channel.ts';
import type { Device, DeviceCommand, DeviceHost, DeviceResult } from '../../channel/device.ts';
import { CE_DE, CE_DE_UC, immediate, input } from '../common.ts';
import type { CkdImage } from './ckd-image.ts';
import { recordSpace } from './geometry.ts';
import { DasdSense0, DasdSense1, RejectMessage, senseBytes } from './sense.ts';
import { countField, recordId, type CkdRecord, type Track } from './track.ts';

type Area = 'index' | 'ha' | 'count' | 'key' | 'data';

/** What the previous command of the chain did, for the write commands' sequence rules. */
type LastOp = 'searchIdEqual' | 'searchKeyEqual' | 'searchHaEqual' | 'readHa' | 'writeHa' | 'writeR0' | 'writeCkd' | 'other';

export interface CkdDasdOptions {
  /** fsync after every write instead of at the end of the channel program. */
  syncEachWrite?: boolean;
  /** The image is shared with other devices: close() syncs it but leaves it open. */
  sharedImage?: boolean;
}

interface DasdState {
  cyl: number;
  head: number;
  rec: number;
  area: Area;
  mask: number;
  maskSet: boolean;
  indexPasses: number;
  last: LastOp;
  lastSatisfied: boolean;
  sense: number[];
}

// File mask (Set File Mask) fields.
const WRITE_CONTROL = 0xc0;
const UPDATE_WRITES_ONLY = 0x80;
const ALLOW_ALL_WRITES = 0xc0;
const SEEK_CONTROL = 0x18;
const SEEK_CYLINDER_AND_HEAD_ONLY = 0x08;
const SEEK_HEAD_ONLY = 0x10;
const NO_SEEKS_OR_MULTITRACK = 0x18;

/** Commands that have a multitrack form (the X'80' bit). */
const MULTITRACK = new Set([0x06, 0x0e, 0x12, 0x16, 0x1a, 0x1e, 0x29, 0x31, 0x39, 0x49, 0x51, 0x69, 0x71]);

class Failure {
  constructor(readonly result: DeviceResult) {}
}

export class CkdDasd implements Device {
  readonly type: string;
  readonly timing = { command: 1_000, perByte: 1 };
  private s: DasdState = initialState();
  private track: Track | null = null;
  private trackAt = -1;
  /** image.writes when the track was read: another device's write makes the copy stale. */
  private trackWrites = -1;
  private wrote = false;

  constructor(
    readonly image: CkdImage,
    private readonly options: CkdDasdOptions = {},
  ) {
    this.type = image.geometry.type;
  }

  /** The device originates no status of its own. */
  attach(_host: DeviceHost): void {}

  startCommand(command: DeviceCommand, data: Uint8Array | null): DeviceResult {
    const code = command.command;
    if (code === 0x04 || code === 0x14 || code === 0x94 || code === 0xb4) {
      // Sense; Unconditional Reserve, Release, Reserve also return the sense bytes.
      const sense = this.s.sense.length > 0 ? Uint8Array.from(this.s.sense) : senseBytes(0, 0, this.s.cyl, this.s.head);
      this.s.sense = [];
      return input(command, sense);
    }
    this.s.sense = [];
    if (!command.chained) {
      this.s.mask = 0;
      this.s.maskSet = false;
      this.s.indexPasses = 0;
      this.s.last = 'other';
      this.s.lastSatisfied = false;
    }
    const multitrack = (code & 0x80) !== 0 && MULTITRACK.has(code & 0x7f);
    const base = multitrack ? code & 0x7f : code;
    const arg = data ?? new Uint8Array(0);
    const last = this.s.last;
    const lastSatisfied = this.s.lastSatisfied;
    this.s.last = 'other';
    this.s.lastSatisfied = false;
    try {
      return this.execute(base, multitrack, command, arg, last, lastSatisfied);
    } catch (e) {
      if (e instanceof Failure) return e.result;
      throw e;
    }
  }

  private execute(code: number, mt: boolean, command: DeviceCommand, arg: Uint8Array, last: LastOp, lastSatisfied: boolean): DeviceResult {
    const s = this.s;
    switch (code) {
      case 0x03: // No operation
        return immediate();
      case 0x07: // Seek
      case 0x0b: // Seek Cylinder
      case 0x1b: // Seek Head
        return this.seek(code, arg);
      case 0x13: // Recalibrate
        this.permitSeek(0x07);
        return this.moveTo(0, 0);
      case 0x1f: // Set File Mask
        if (s.maskSet) throw this.reject(RejectMessage.invalidSequence);
        if (arg.length < 1) throw this.reject(RejectMessage.countTooSmall);
        s.mask = arg[0]!;
        s.maskSet = true;
        return { status: CE_DE, accepted: 1 };
      case 0x22: // Read Sector: the rotational position is not modelled
        return input(command, Uint8Array.of(0));
      case 0x23: // Set Sector: the next search starts at the index point
        s.area = 'index';
        return { status: CE_DE, accepted: Math.min(1, arg.length) };
      case 0x02: // Read IPL: seek to cylinder 0 head 0, read the data of record 1
        s.cyl = 0;
        s.head = 0;
        s.area = 'index';
        return this.readRecord(command, this.nextRecord(true, false), 'data');
      case 0x1a: // Read Home Address
        this.toIndex();
        s.area = 'ha';
        s.last = 'readHa';
        return input(command, this.homeAddress());
      case 0x39: { // Search Home Address Equal
        this.toIndex();
        s.area = 'ha';
        const satisfied = compare(arg, this.homeAddress().subarray(1)) === 0;
        return this.searched('searchHaEqual', satisfied);
      }
      case 0x16: { // Read R0
        if (s.area !== 'ha') this.toIndex();
        const track = this.currentTrack();
        if (track.records[0]?.record !== 0) throw this.fail(0, DasdSense1.noRecordFound);
        return this.readRecord(command, 0, 'count');
      }
      case 0x12: // Read Count
        return this.readRecord(command, this.nextRecord(true, mt), 'countOnly');
      case 0x06: // Read Data
        return this.readRecord(command, this.recordForArea(['count', 'key'], mt), 'data');
      case 0x0e: // Read Key and Data
        return this.readRecord(command, this.recordForArea(['count'], mt), 'key');
      case 0x1e: // Read Count, Key and Data
        return this.readRecord(command, this.nextRecord(true, mt), 'count');
      case 0x5e: // Read Multiple Count, Key and Data
        return this.readMultiple(command);
      case 0x31:
      case 0x51:
      case 0x71: { // Search ID Equal, High, High or Equal
        const r = this.currentTrack().records[this.nextRecord(false, mt)]!;
        const c = compare(arg, recordId(r));
        const satisfied = code === 0x31 ? c === 0 : code === 0x51 ? c < 0 : c <= 0;
        return this.searched(code === 0x31 ? 'searchIdEqual' : 'other', satisfied);
      }
      case 0x29:
      case 0x49:
      case 0x69: { // Search Key Equal, High, High or Equal
        const index = this.recordForArea(['count'], mt);
        const r = this.currentTrack().records[index]!;
        this.s.area = 'key';
        if (r.key.length === 0) return this.searched('other', false);
        const c = compare(arg, r.key);
        const satisfied = code === 0x29 ? c === 0 : code === 0x49 ? c < 0 : c <= 0;
        return this.searched(code === 0x29 ? 'searchKeyEqual' : 'other', satisfied);
      }
      case 0x05: // Write Data
        if (!(lastSatisfied && (last === 'searchIdEqual' || last === 'searchKeyEqual'))) throw this.reject(RejectMessage.invalidSequence);
        return this.writeInPlace(arg, false);
      case 0x0d: // Write Key and Data
        if (!(lastSatisfied && last === 'searchIdEqual')) throw this.reject(RejectMessage.invalidSequence);
        return this.writeInPlace(arg, true);
      case 0x1d: // Write Count, Key and Data
      case 0x11: { // Erase
        const searched = lastSatisfied && (last === 'searchIdEqual' || last === 'searchKeyEqual');
        if (!searched && last !== 'writeR0' && last !== 'writeCkd') throw this.reject(RejectMessage.invalidSequence);
        return this.writeFormat(code === 0x11 ? 'erase' : 'ckd', arg);
      }
      case 0x15: // Write R0
        if (!((last === 'searchHaEqual' && lastSatisfied) || last === 'readHa' || last === 'writeHa')) {
          throw this.reject(RejectMessage.invalidSequence);
        }
        return this.writeFormat('r0', arg);
      case 0x19: // Write Home Address
        return this.writeFormat('ha', arg);
      default:
        throw this.reject(RejectMessage.invalidCommand);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Seeking and orientation

  private seek(code: number, arg: Uint8Array): DeviceResult {
    if (arg.length < 6) throw this.reject(RejectMessage.countTooSmall);
    this.permitSeek(code);
    const bb = (arg[0]! << 8) | arg[1]!;
    let cyl = (arg[2]! << 8) | arg[3]!;
    const head = (arg[4]! << 8) | arg[5]!;
    if (code === 0x1b) cyl = this.s.cyl;
    if (bb !== 0 || head >= this.image.heads) throw this.reject(RejectMessage.invalidArgument);
    if (cyl >= this.image.cylinders) throw this.fail(DasdSense0.seekCheck, 0);
    const result = this.moveTo(cyl, head);
    result.accepted = 6;
    return result;
  }

  /** The file mask's seek control allows this seek. */
  private permitSeek(code: number): void {
    const control = this.s.mask & SEEK_CONTROL;
    const allowed =
      control === 0 ||
      (control === SEEK_CYLINDER_AND_HEAD_ONLY && (code === 0x0b || code === 0x1b)) ||
      (control === SEEK_HEAD_ONLY && code === 0x1b);
    if (!allowed) throw this.fileProtected(true);
  }

  private moveTo(cyl: number, head: number): DeviceResult {
    const distance = Math.abs(cyl - this.s.cyl);
    this.s.cyl = cyl;
    this.s.head = head;
    this.s.area = 'index';
    this.s.indexPasses = 0;
    return { status: CE_DE, time: distance * 100 };
  }

  /**
   * Turns to the index point (Read HA, Search HA, Read R0). Coming round from elsewhere on the
   * track passes it, which counts towards No Record Found.
   */
  private toIndex(): void {
    if (this.s.area !== 'index' && ++this.s.indexPasses >= 2) throw this.fail(0, DasdSense1.noRecordFound);
    this.s.area = 'index';
  }

  /**
   * Moves on to the next record's count area and returns the record's index on the track. R0 is
   * passed over when `skipR0`. At the end of the track a multitrack command goes on to the next
   * head; otherwise the index point is passed, and passing it twice is No Record Found.
   */
  private nextRecord(skipR0: boolean, mt: boolean): number {
    const s = this.s;
    for (;;) {
      const track = this.currentTrack();
      const next = s.area === 'index' || s.area === 'ha' ? 0 : s.rec + 1;
      if (next >= track.records.length) {
        if (mt) {
          if ((s.mask & SEEK_CONTROL) === NO_SEEKS_OR_MULTITRACK) throw this.fileProtected(false);
          if (s.head + 1 >= this.image.heads) throw this.fail(0, DasdSense1.endOfCylinder);
          s.head++;
          s.indexPasses = 0;
        } else if (++s.indexPasses >= 2) {
          throw this.fail(0, DasdSense1.noRecordFound);
        }
        s.area = 'index';
        continue;
      }
      s.rec = next;
      s.area = 'count';
      if (skipR0 && next === 0 && track.records[0]!.record === 0) continue;
      return next;
    }
  }

  /** The record whose count (or key) area was just passed, else the next record. */
  private recordForArea(areas: Area[], mt: boolean): number {
    if (areas.includes(this.s.area) && this.s.rec >= 0 && this.s.rec < this.currentTrack().records.length) return this.s.rec;
    return this.nextRecord(true, mt);
  }

  private searched(op: LastOp, satisfied: boolean): DeviceResult {
    this.s.last = op;
    this.s.lastSatisfied = satisfied;
    return { status: CE_DE | (satisfied ? UnitStatus.statusModifier : 0) };
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  /** Reads parts of a record: from its count, key or data area to the end of its data. */
  private readRecord(command: DeviceCommand, index: number, from: 'count' | 'key' | 'data' | 'countOnly'): DeviceResult {
    const r = this.currentTrack().records[index]!;
    let bytes: Uint8Array;
    if (from === 'countOnly') {
      bytes = countField(r);
      this.s.area = 'count';
    } else {
      const parts = from === 'count' ? [countField(r), r.key, r.data] : from === 'key' ? [r.key, r.data] : [r.data];
      bytes = concat(parts);
      this.s.area = 'data';
    }
    this.s.rec = index;
    this.s.indexPasses = 0;
    return input(command, bytes);
  }

  /** Read Multiple CKD: every record from here to the index point (R0 excepted). */
  private readMultiple(command: DeviceCommand): DeviceResult {
    const track = this.currentTrack();
    const first = this.s.area === 'index' || this.s.area === 'ha' ? 0 : this.s.rec + 1;
    const parts: Uint8Array[] = [];
    for (let i = first; i < track.records.length; i++) {
      const r = track.records[i]!;
      if (i === 0 && r.record === 0) continue;
      parts.push(countField(r), r.key, r.data);
    }
    this.s.area = 'index';
    this.s.indexPasses = 0;
    return input(command, concat(parts));
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  /** Write Data, Write Key and Data: the record keeps its lengths; a short count pads with zeros. */
  private writeInPlace(arg: Uint8Array, withKey: boolean): DeviceResult {
    this.checkWrite(false);
    const track = this.currentTrack();
    const r = track.records[this.s.rec]!;
    const wanted = (withKey ? r.key.length : 0) + r.data.length;
    const bytes = new Uint8Array(wanted);
    bytes.set(arg.subarray(0, wanted));
    if (withKey) r.key = bytes.slice(0, r.key.length);
    r.data = bytes.slice(withKey ? r.key.length : 0);
    this.store(track);
    this.s.area = 'data';
    this.s.indexPasses = 0;
    return { status: CE_DE, accepted: Math.min(arg.length, wanted), more: arg.length < wanted };
  }

  /** Write CKD, Erase, Write R0, Write HA: what follows on the track is erased. */
  private writeFormat(kind: 'ckd' | 'erase' | 'r0' | 'ha', arg: Uint8Array): DeviceResult {
    this.checkWrite(true, kind === 'r0' || kind === 'ha');
    const track = this.currentTrack();
    if (kind === 'ha') {
      if (arg.length < 5) throw this.reject(RejectMessage.countTooSmall);
      track.flag = arg[0]!;
      track.records = [];
      this.store(track);
      this.s.area = 'ha';
      this.s.last = 'writeHa';
      return { status: CE_DE, accepted: 5 };
    }
    if (arg.length < 8) throw this.reject(RejectMessage.countTooSmall);
    const kl = arg[5]!;
    const dl = (arg[6]! << 8) | arg[7]!;
    const wanted = 8 + kl + dl;
    const body = new Uint8Array(wanted);
    body.set(arg.subarray(0, wanted));
    const record: CkdRecord = {
      cyl: (arg[0]! << 8) | arg[1]!,
      head: (arg[2]! << 8) | arg[3]!,
      record: arg[4]!,
      key: body.slice(8, 8 + kl),
      data: body.slice(8 + kl),
    };
    const keep = kind === 'r0' ? 0 : this.s.rec + 1;
    const records = track.records.slice(0, keep);
    if (kind !== 'erase') records.push(record);
    const used = records.reduce((sum, r, i) => sum + (i === 0 && r.record === 0 ? 0 : recordSpace(this.image.geometry, r.key.length, r.data.length)), 0);
    const bytes = 5 + 8 + records.reduce((sum, r) => sum + 8 + r.key.length + r.data.length, 0);
    if (used > this.image.geometry.capacity || bytes > this.image.trackSize) {
      throw this.fail(0, DasdSense1.invalidTrackFormat);
    }
    track.records = records;
    this.store(track);
    if (kind === 'erase') {
      this.s.area = 'index';
      return { status: CE_DE, accepted: arg.length };
    }
    this.s.rec = records.length - 1;
    this.s.area = 'data';
    this.s.last = kind === 'r0' ? 'writeR0' : 'writeCkd';
    this.s.indexPasses = 0;
    return { status: CE_DE, accepted: Math.min(arg.length, wanted), more: arg.length < wanted };
  }

  /**
   * The file mask allows the write: X'C0' all writes, X'00' all but Write HA and Write R0, X'80'
   * only Write Data and Write Key and Data, X'40' none. A read-only image allows none.
   */
  private checkWrite(formatting: boolean, homeAddressOrR0 = false): void {
    const control = this.s.mask & WRITE_CONTROL;
    const allowed =
      control === ALLOW_ALL_WRITES ||
      (control === 0 && !homeAddressOrR0) ||
      (control === UPDATE_WRITES_ONLY && !formatting);
    if (!allowed || this.image.readOnly) throw this.fileProtected(true);
  }

  private store(track: Track): void {
    this.image.writeTrack(this.s.cyl, this.s.head, track);
    if (track === this.track) this.trackWrites = this.image.writes;
    this.wrote = true;
    if (this.options.syncEachWrite) this.image.sync();
  }

  /** Commands complete at once: there is nothing to abandon. */
  halt(): void {}

  channelProgramEnd(): void {
    if (!this.wrote) return;
    this.wrote = false;
    this.image.sync();
  }

  // ---------------------------------------------------------------------------------------------

  private currentTrack(): Track {
    const at = this.s.cyl * this.image.heads + this.s.head;
    if (this.track === null || this.trackAt !== at || this.trackWrites !== this.image.writes) {
      this.track = this.image.readTrack(this.s.cyl, this.s.head);
      this.trackAt = at;
      this.trackWrites = this.image.writes;
    }
    return this.track;
  }

  private homeAddress(): Uint8Array {
    const t = this.currentTrack();
    return Uint8Array.of(t.flag, t.cyl >>> 8, t.cyl, t.head >>> 8, t.head);
  }

  /** Command reject at initial selection, with a format 0 message. */
  private reject(message: number): Failure {
    this.s.sense = [...senseBytes(DasdSense0.commandReject, 0, this.s.cyl, this.s.head, message)];
    return new Failure({ status: CE_DE_UC, immediate: true });
  }

  private fileProtected(atSelection: boolean): Failure {
    this.s.sense = [...senseBytes(DasdSense0.commandReject, DasdSense1.fileProtected, this.s.cyl, this.s.head)];
    return new Failure({ status: CE_DE_UC, immediate: atSelection });
  }

  /** Unit check at the end of the command. */
  private fail(byte0: number, byte1: number): Failure {
    this.s.sense = [...senseBytes(byte0, byte1, this.s.cyl, this.s.head)];
    return new Failure({ status: CE_DE_UC });
  }

  reset(): void {
    this.s = { ...initialState(), cyl: this.s.cyl, head: this.s.head };
  }

  snapshot(): DasdState {
    return structuredClone(this.s);
  }

  restore(state: unknown): void {
    this.s = structuredClone(state as DasdState);
    this.track = null;
    this.trackAt = -1;
  }

  close(): void {
    if (this.image.closed) return;
    this.image.sync();
    if (!this.options.sharedImage) this.image.close();
  }
}

function initialState(): DasdState {
  return {
    cyl: 0, head: 0, rec: -1, area: 'index', mask: 0, maskSet: false, indexPasses: 0,
    last: 'other', lastSatisfied: false, sense: [],
  };
}

/** Compares a search argument with a field, over the argument's length (the channel's count). */
function compare(arg: Uint8Array, field: Uint8Array): number {
  const n = Math.min(arg.length, field.length);
  for (let i = 0; i < n; i++) if (arg[i] !== field[i]) return arg[i]! < field[i]! ? -1 : 1;
  return 0;
}

function concat(parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}
