// The spool manager (VM/370 System Logic R6, "Spooling": DMKSPL, DMKVSP, DMKCSO/DMKCSP/DMKCSU for
// the commands): every spool file of the system, its queue (a user's reader, or the real printer
// or punch), and the binding of each logged-on user's virtual reader, punch and printer to it.
//
// A file closed on a virtual punch or printer becomes a spool file with a spool id (1-9900,
// wrapping, never one in use: the R6 SPOOL command's usage notes). Spooled TO a user it goes to that user's reader: if the user is
// logged on, the terminal shows `RDR FILE nnnn FROM origin PUN COPY 01 NOHOLD` and the reader gets
// device end; otherwise it waits until the user logs on. Not spooled to a user, it goes to the real
// printer or punch, which write it to a host file unless the operator has drained them.
//
// Durability: create() returns only after the file is on disk (store.ts: temp file, fsync,
// rename), so CP acknowledges (`PUN FILE nnnn TO ...`) nothing that a kill could lose.

import { join } from 'node:path';
import type { CompiledUser } from '../directory/index.ts';
import type { CpUser } from '../control-program.ts';
import type { TermLogger } from '../../term/host.ts';
import type { OutputSpoolOptions, ReaderDisposition, ReaderFile, ReaderSource, ReaderSpoolOptions, SpoolFile } from '../vm/unit-record.ts';
import { RealDeviceOutput, renderPrintFile, renderPunchFile, type RealDeviceKind } from './real-devices.ts';
import { spoolId, type SpoolFileMeta, type SpoolQueue, type SpoolRecord } from './spool-file.ts';
import { SpoolStore, type RealDeviceState, type SpoolIndex } from './store.ts';

/** What the spool manager needs of the control program. */
export interface SpoolHost {
  readonly logger: TermLogger;
  readonly clock: () => Date;
  readonly systemId: string;
  readonly system: { user(userid: string): CompiledUser | undefined; config?: { unitRecord: ReadonlyArray<{ address: number; type: string }> } };
  readonly onLogoff: Array<(user: CpUser) => void>;
  user(userid: string): CpUser | undefined;
  wake(user: CpUser): void;
}

/** A spool operation CP refuses, with the R6 message that says why. */
export class SpoolError extends Error {
  constructor(
    readonly id: string,
    readonly text: string,
  ) {
    super(`${id} ${text}`);
  }
}

/** Spool ids run from 1 to 9900, then start again at 1 (CP Command Reference R6, SPOOL usage notes). */
export const MAX_SPOOL_ID = 9900;

export class SpoolManager {
  readonly store: SpoolStore;
  /** Every spool file, in queue order. */
  private files: SpoolFileMeta[];
  private readonly index: SpoolIndex;
  /** Reader files a virtual reader has open. */
  private readonly inUse = new Set<number>();
  private readonly output: Record<RealDeviceKind, RealDeviceOutput>;
  /** What the start found (damaged files, unfinished writes), also logged. */
  readonly startLog: string[];

  constructor(
    readonly dataDir: string,
    private readonly host: SpoolHost,
  ) {
    this.store = new SpoolStore(join(dataDir, 'spool'));
    const loaded = this.store.load();
    this.files = loaded.files;
    this.index = loaded.index;
    this.startLog = loaded.log;
    for (const line of loaded.log) host.logger.warn(line);
    if (loaded.log.length > 0) this.saveIndex();
    this.output = { printer: new RealDeviceOutput(join(dataDir, 'printer')), punch: new RealDeviceOutput(join(dataDir, 'punch')) };
    host.onLogoff.push((user) => this.logoff(user));
    this.pump();
  }

  // ---------------------------------------------------------------------------------------------
  // Looking at the spool

  /** Spool files in queue order, optionally of one queue and one owner. */
  list(queue?: SpoolQueue, owner?: string): SpoolFileMeta[] {
    return this.files.filter((f) => (queue === undefined || f.queue === queue) && (owner === undefined || f.owner === owner));
  }

  get(id: number): SpoolFileMeta | undefined {
    return this.files.find((f) => f.id === id);
  }

  records(id: number): SpoolRecord[] {
    return this.store.records(id);
  }

  deviceState(kind: RealDeviceKind): RealDeviceState {
    return { ...this.index.devices[kind] };
  }

  // ---------------------------------------------------------------------------------------------
  // A user's virtual devices

  /**
   * LOGON: the user's reader, punch and printer are bound to the spool, and waiting files are
   * announced (`FILES: nnn RDR, ...`, omitted when there are none; R6 shows it before LOGON AT).
   */
  connect(user: CpUser): void {
    const vm = user.vm;
    const classOf = (fn: string) => user.entry.spool.find((s) => s.function === fn)?.spoolClass;
    if (vm.reader) {
      vm.reader.options = { ...vm.reader.options, spoolClass: classOf('reader') ?? '*' };
      vm.reader.bind(this.readerSource(user.userid));
    }
    for (const device of [vm.punch, vm.printer]) {
      if (!device) continue;
      device.options = { ...device.options, spoolClass: classOf(device === vm.punch ? 'punch' : 'printer') ?? 'A' };
      device.bind((file, options) => this.create(user.userid, file, options));
    }
    const summary = this.summary(user.userid);
    if (summary !== null) user.writeLine(summary, 'cp');
  }

  /** `FILES: nnn RDR, nnn PRT, NO PUN` for a user, or null when the user has none. */
  summary(userid: string): string | null {
    const count = (q: SpoolQueue) => this.list(q, userid).length;
    const part = (q: SpoolQueue) => (count(q) === 0 ? `NO ${q}` : `${String(count(q)).padStart(3, '0')} ${q}`);
    if (count('RDR') + count('PRT') + count('PUN') === 0) return null;
    return `FILES: ${part('RDR')}, ${part('PRT')}, ${part('PUN')}`;
  }

  /** LOGOFF closes the open punch and printer files; a reader file being read stays in the reader. */
  private logoff(user: CpUser): void {
    const vm = user.vm;
    for (const device of [vm.punch, vm.printer]) {
      try {
        device?.close();
      } catch (e) {
        this.host.logger.warn(`spool: ${user.userid}'s open ${device?.type} file was lost at logoff: ${(e as Error).message}`);
      }
    }
    vm.reader?.close('HOLD');
  }

  /** The user's reader queue as a virtual reader reads it. */
  readerSource(userid: string): ReaderSource {
    const readable = (f: SpoolFileMeta, o: ReaderSpoolOptions) =>
      f.queue === 'RDR' && f.owner === userid && !f.hold && !this.inUse.has(f.id) && (o.spoolClass === '*' || o.spoolClass === f.spoolClass);
    return {
      open: (options) => {
        for (const f of this.files) {
          if (!readable(f, options)) continue;
          let records: SpoolRecord[];
          try {
            records = this.store.records(f.id);
          } catch (e) {
            this.host.logger.warn(`spool: cannot read spool file ${spoolId(f.id)}: ${(e as Error).message}`);
            continue;
          }
          this.inUse.add(f.id);
          return { id: f.id, records: records.map((r) => r.data) };
        }
        return undefined;
      },
      finish: (file: ReaderFile, disposition: ReaderDisposition) => {
        this.inUse.delete(file.id);
        const meta = this.get(file.id);
        // Purged or transferred while it was being read: it is no longer this reader's to finish.
        if (meta === undefined || meta.queue !== 'RDR' || meta.owner !== userid) return;
        if (disposition === 'hold') this.update(meta, { hold: true });
        else if (disposition === 'release') this.purge([file.id]);
      },
      count: () => this.files.filter((f) => readable(f, { spoolClass: '*', cont: false, hold: false, eof: true })).length,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Creating, moving and removing spool files

  /**
   * A virtual punch or printer closed a file: it becomes a spool file, on disk before this returns,
   * and goes to a reader or the real device. Throws SpoolError when the spool is full.
   */
  create(origin: string, file: SpoolFile, options: OutputSpoolOptions): number {
    const device = file.kind === 'punch' ? 'PUN' : 'PRT';
    const to = options.to;
    const owner = to ?? options.forUser ?? origin;
    const meta: SpoolFileMeta = {
      id: this.allocateId(),
      queue: to === null ? device : 'RDR',
      owner,
      origin,
      device,
      spoolClass: options.spoolClass,
      copies: options.copies,
      hold: options.hold,
      name: (options.name ?? file.name ?? '').toUpperCase(),
      type: (options.type ?? file.type ?? '').toUpperCase(),
      // The distribution code is the owner's (FOR userid), or the originator's for a file sent to a reader.
      dist: (options.dist ?? options.forUser ?? origin).toUpperCase(),
      records: file.records.length,
      created: this.host.clock().toISOString(),
      seq: ++this.index.seq,
    };
    const records = file.records.map((data, i) => ({ command: file.commands?.[i] ?? (file.kind === 'punch' ? 0x41 : 0x09), data }));
    this.store.write(meta, records);
    this.files.push(meta);
    this.saveIndex();
    this.host.logger.info(`spool: ${device} FILE ${spoolId(meta.id)} FROM ${origin} TO ${meta.queue === 'RDR' ? `${meta.owner} RDR` : `SYSTEM ${device}`}`);
    if (meta.queue === 'RDR') this.arrived(meta);
    else this.pump();
    return meta.id;
  }

  /**
   * TRANSFER: moves a file to a user's reader (the end of its queue). The receiver, if logged on, is
   * told `RDR FILE nnnn TRANSFERRED FROM sender` (R6 TRANSFER responses) and the reader made ready.
   */
  transfer(id: number, to: string, by: string): void {
    const updated = this.update(this.require(id), { queue: 'RDR', owner: to });
    this.files = [...this.files.filter((f) => f !== updated), updated];
    this.saveIndex();
    this.arrived(updated, `RDR FILE ${spoolId(id)} TRANSFERRED FROM ${by}`);
  }

  /** Removes spool files (PURGE, a reader file read to its end). */
  purge(ids: readonly number[]): number {
    let n = 0;
    for (const id of ids) {
      const meta = this.get(id);
      if (meta === undefined) continue;
      this.store.remove(id);
      this.files = this.files.filter((f) => f.id !== id);
      n++;
    }
    if (n > 0) this.saveIndex();
    return n;
  }

  /** CHANGE: new attributes for a file; a file no longer held may now be read or printed. */
  change(id: number, patch: Partial<Pick<SpoolFileMeta, 'spoolClass' | 'copies' | 'hold' | 'name' | 'type' | 'dist'>>): void {
    const meta = this.require(id);
    const released = meta.hold && patch.hold === false;
    const updated = this.update(meta, patch);
    if (updated.queue === 'RDR' && (released || patch.spoolClass !== undefined)) this.host.user(updated.owner)?.vm.reader?.fileArrived();
    if (updated.queue !== 'RDR') this.pump();
  }

  /** ORDER: the files named come first in the user's queue, in the order given. */
  order(userid: string, ids: readonly number[], queue: SpoolQueue = 'RDR'): void {
    const mine = this.files.filter((f) => f.queue === queue && f.owner === userid);
    const first = ids.map((id) => mine.find((f) => f.id === id)).filter((f): f is SpoolFileMeta => f !== undefined);
    const sorted = [...first, ...mine.filter((f) => !first.includes(f))];
    let k = 0;
    this.files = this.files.map((f) => (f.queue === queue && f.owner === userid ? sorted[k++]! : f));
    this.saveIndex();
  }

  // ---------------------------------------------------------------------------------------------
  // The real printer and punch (START, DRAIN)

  /** START: the device writes the waiting files (of `classes`), with separators unless `separator` is false. */
  start(kind: RealDeviceKind, classes?: string, separator?: boolean): void {
    const now = this.index.devices[kind];
    this.index.devices[kind] = { started: true, classes: classes ?? now.classes, separator: separator ?? now.separator };
    this.saveIndex();
    this.pump();
  }

  drain(kind: RealDeviceKind): void {
    this.index.devices[kind] = { ...this.index.devices[kind], started: false };
    this.saveIndex();
  }

  /** The started real devices print (punch) every file waiting for them that is not held. */
  pump(): void {
    for (const kind of ['printer', 'punch'] as const) {
      const state = this.index.devices[kind];
      if (!state.started) continue;
      const queue: SpoolQueue = kind === 'printer' ? 'PRT' : 'PUN';
      for (const meta of this.files.filter((f) => f.queue === queue && !f.hold && (state.classes === '*' || state.classes.includes(f.spoolClass)))) {
        try {
          const records = this.store.records(meta.id);
          const now = this.host.clock();
          const on = { device: `${kind === 'printer' ? 'PRT' : 'PUN'} ${this.realAddress(kind)}`, at: now, systemId: this.host.systemId };
          const text = kind === 'printer' ? renderPrintFile(meta, records, on, state.separator) : renderPunchFile(meta, records, now, state.separator);
          const path = this.output[kind].write(meta, text);
          this.purge([meta.id]);
          this.tellOperator(kind, meta);
          this.host.logger.info(`spool: ${queue} FILE ${spoolId(meta.id)} FOR ${meta.owner} ${kind === 'printer' ? 'PRINTED' : 'PUNCHED'} TO ${path}`);
        } catch (e) {
          this.host.logger.warn(`spool: ${queue} FILE ${spoolId(meta.id)} could not be ${kind === 'printer' ? 'printed' : 'punched'}: ${(e as Error).message}`);
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  require(id: number): SpoolFileMeta {
    const meta = this.get(id);
    if (meta === undefined) throw new SpoolError('DMKCSU042E', `SPOOLID ${spoolId(id)} DOES NOT EXIST`);
    return meta;
  }

  /**
   * The operator console is told when a real device starts a file (VM/370 Operator's Guide R6,
   * "Operator spooling functions": `PRT raddr OUTPUT OF userid FILE spoolid RECDS norecs COPY nn
   * class typ`; the field widths are [mem]).
   */
  private tellOperator(kind: RealDeviceKind, meta: SpoolFileMeta): void {
    const operator = this.host.user('OPERATOR');
    if (operator === undefined) return;
    const device = kind === 'printer' ? 'PRT' : 'PUN';
    operator.writeLine(
      `${device} ${this.realAddress(kind)} OUTPUT OF ${meta.owner.padEnd(8)} FILE ${spoolId(meta.id)} RECDS ${String(meta.records).padStart(6, '0')} COPY ${String(meta.copies).padStart(2, '0')} ${meta.spoolClass} ${meta.device}`,
      'cp',
    );
    operator.terminal?.refresh();
  }

  /** The real device's address (cuu): the configuration's first printer or punch. */
  realAddress(kind: RealDeviceKind): string {
    const types = kind === 'printer' ? ['1403', '3211'] : ['2540P', '3525'];
    const address = this.host.system.config?.unitRecord.find((u) => types.includes(u.type))?.address ?? (kind === 'printer' ? 0x00e : 0x00d);
    return address.toString(16).toUpperCase().padStart(3, '0');
  }

  /** Tells a logged-on user a file arrived in the reader: the message, device end, a wake-up. */
  private arrived(meta: SpoolFileMeta, notice?: string): void {
    const user = this.host.user(meta.owner);
    if (user === undefined) return;
    user.writeLine(notice ?? `RDR FILE ${spoolId(meta.id)} FROM ${meta.origin} ${meta.device} COPY ${String(meta.copies).padStart(2, '0')} ${meta.hold ? 'HOLD' : 'NOHOLD'}`, 'cp');
    user.terminal?.refresh();
    user.vm.reader?.fileArrived();
    this.host.wake(user);
  }

  private update(meta: SpoolFileMeta, patch: Partial<SpoolFileMeta>): SpoolFileMeta {
    const updated = { ...meta, ...patch };
    this.store.rewrite(updated);
    this.files = this.files.map((f) => (f === meta ? updated : f));
    return updated;
  }

  private allocateId(): number {
    for (let tries = 0; tries < MAX_SPOOL_ID; tries++) {
      const id = this.index.nextId;
      this.index.nextId = (id % MAX_SPOOL_ID) + 1;
      if (!this.files.some((f) => f.id === id)) return id;
    }
    throw new SpoolError('DMKCSO106E', 'SPOOL SPACE FULL; FILE CLOSED'); // [mem]
  }

  private saveIndex(): void {
    this.index.order = this.files.map((f) => f.id);
    this.store.writeIndex(this.index);
  }
}
