// The spool on the host: DATA/spool/ holds a file per spool file (NNNN.spf, spool-file.ts) and an
// index (index.json: the order of the queues, the next spool id, the state of the real printer and
// punch). VM/370 keeps this on its spooling volumes and in the warm start data (DMKCKP, DMKWRM);
// a host process can be killed at any instruction, so every write here is atomic: the bytes go to
// a temporary file, are flushed (fsync), and the file is renamed over the old one, and the folder
// is flushed too. A start therefore finds either the old or the new version of every file, never a
// mixture; a temporary file left behind belongs to a write that was never acknowledged and is
// removed. The index is only a cache of order: a spool file not in it (a kill between writing the
// file and the index) is taken in, and a damaged index is rebuilt from the files.

import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSpoolFile, decodeSpoolHeader, encodeSpoolFile, spoolId, type SpoolFileMeta, type SpoolRecord } from './spool-file.ts';

/** The state of a real printer or punch (START / DRAIN, the classes it selects). */
export interface RealDeviceState {
  started: boolean;
  /** Classes selected, e.g. 'A' or 'ABC'; '*' all. */
  classes: string;
  /** Separators before each file (START ... SEP, the default; NOSEP: none). */
  separator: boolean;
}

export interface SpoolIndex {
  nextId: number;
  seq: number;
  /** Every spool file's id, in queue order. */
  order: number[];
  devices: { printer: RealDeviceState; punch: RealDeviceState };
}

export interface LoadedSpool {
  index: SpoolIndex;
  files: SpoolFileMeta[];
  /** What the start found and did (damaged files set aside, unfinished writes removed ...). */
  log: string[];
}

const INDEX = 'index.json';

/** Writes a file atomically and durably: temp file, fsync, rename, fsync of the folder. */
export function writeAtomic(path: string, bytes: Uint8Array): void {
  const temp = `${path}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  syncFolder(path.slice(0, path.lastIndexOf('/')) || '.');
}

function syncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems cannot fsync a folder; the rename itself is still atomic.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

export class SpoolStore {
  constructor(readonly folder: string) {
    mkdirSync(folder, { recursive: true });
  }

  path(id: number): string {
    return join(this.folder, `${spoolId(id)}.spf`);
  }

  /** Writes a spool file; when this returns the file survives a kill of the process. */
  write(meta: SpoolFileMeta, records: readonly SpoolRecord[]): void {
    writeAtomic(this.path(meta.id), encodeSpoolFile(meta, records));
  }

  /** Rewrites a spool file's header (CHANGE, TRANSFER, ORDER ...), keeping its records. */
  rewrite(meta: SpoolFileMeta): void {
    this.write(meta, this.records(meta.id));
  }

  records(id: number): SpoolRecord[] {
    return decodeSpoolFile(readFileSync(this.path(id))).records;
  }

  remove(id: number): void {
    rmSync(this.path(id), { force: true });
    syncFolder(this.folder);
  }

  writeIndex(index: SpoolIndex): void {
    writeAtomic(join(this.folder, INDEX), Buffer.from(JSON.stringify(index, null, 1) + '\n'));
  }

  /** Warm start: the spool as the last run left it, repaired where a kill or damage requires. */
  load(): LoadedSpool {
    const log: string[] = [];
    const names = readdirSync(this.folder);
    for (const name of names.filter((n) => n.endsWith('.tmp'))) {
      rmSync(join(this.folder, name), { force: true });
      log.push(`spool: removed ${name}, an unfinished write (never acknowledged)`);
    }
    const files: SpoolFileMeta[] = [];
    for (const name of names.filter((n) => /^\d{4}\.spf$/.test(n)).sort()) {
      const path = join(this.folder, name);
      try {
        const { meta } = decodeSpoolFile(readFileSync(path));
        if (spoolId(meta.id) !== name.slice(0, 4)) throw new Error(`it says it is spool file ${spoolId(meta.id)}`);
        files.push(meta);
      } catch (e) {
        const aside = `${path}.damaged`;
        renameSync(path, aside);
        log.push(`spool: spool file ${name.slice(0, 4)} is damaged (${(e as Error).message}); set aside as ${aside}`);
      }
    }
    let index = this.readIndex(log);
    const known = new Map(files.map((f) => [f.id, f]));
    if (index === null) {
      if (files.length > 0 && !existsSync(join(this.folder, INDEX))) log.push(`spool: no index; rebuilt from ${files.length} spool files`);
      index = { nextId: 1, seq: 0, order: [], devices: { printer: { started: true, classes: '*', separator: true }, punch: { started: true, classes: '*', separator: true } } };
    }
    // Queue order: the index's, then files it does not know (written just before a kill) by age.
    const position = new Map(index.order.map((id, i) => [id, i]));
    const missing = index.order.filter((id) => !known.has(id));
    if (missing.length > 0) log.push(`spool: ${missing.length} spool files in the index are gone (${missing.map(spoolId).join(' ')})`);
    files.sort((a, b) => (position.get(a.id) ?? Infinity) - (position.get(b.id) ?? Infinity) || a.seq - b.seq);
    const maxSeq = files.reduce((m, f) => Math.max(m, f.seq), 0);
    index.seq = Math.max(index.seq, maxSeq);
    if (!(index.nextId >= 1 && index.nextId <= 9900)) index.nextId = (files.reduce((m, f) => Math.max(m, f.id), 0) % 9900) + 1;
    index.order = files.map((f) => f.id);
    return { index, files, log };
  }

  private readIndex(log: string[]): SpoolIndex | null {
    const path = join(this.folder, INDEX);
    if (!existsSync(path)) return null;
    try {
      const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<SpoolIndex>;
      const device = (d: unknown): RealDeviceState => {
        const o = d as Partial<RealDeviceState> | undefined;
        return { started: o?.started !== false, classes: typeof o?.classes === 'string' ? o.classes : '*', separator: o?.separator !== false };
      };
      if (typeof raw !== 'object' || raw === null || !Array.isArray(raw.order) || !raw.order.every((n) => Number.isInteger(n))) throw new Error('no queue order');
      return {
        nextId: Number.isInteger(raw.nextId) ? raw.nextId! : 0,
        seq: Number.isInteger(raw.seq) ? raw.seq! : 0,
        order: raw.order,
        devices: { printer: device(raw.devices?.printer), punch: device(raw.devices?.punch) },
      };
    } catch (e) {
      const aside = `${path}.damaged`;
      renameSync(path, aside);
      log.push(`spool: the spool index is damaged (${(e as Error).message}); set aside as ${aside}, rebuilt from the spool files`);
      return null;
    }
  }

  /** The header of one spool file, read straight from disk (tests, tools). */
  header(id: number): SpoolFileMeta {
    return decodeSpoolHeader(readFileSync(this.path(id))).meta;
  }
}
