// A spool file as CP keeps it (VM/370 System Logic R6, "Spooling": the SFBLOK spool file block
// and the spool buffers on the spooling volumes; here a host file per spool file).
//
// On disk (DATA/spool/NNNN.spf): a signature line, a JSON header line (the SFBLOK fields plus the
// length and SHA-256 of the data), then the records: per record the CCW command code (one byte),
// the length (two bytes, big-endian) and the data. The header's length and hash let a start find
// a damaged file and set it aside instead of reading garbage into a user's reader.

import { createHash } from 'node:crypto';

/** Where a spool file is: a user's reader, or the system queue of the real printer or punch. */
export type SpoolQueue = 'RDR' | 'PRT' | 'PUN';

/** The virtual device that made the file (QUERY RDR ALL shows it after the class). */
export type SpoolOrigin = 'PRT' | 'PUN';

export interface SpoolFileMeta {
  /** Spool id, 1-9900. */
  id: number;
  queue: SpoolQueue;
  /** RDR: the user whose reader holds the file; PRT/PUN: the user the output belongs to. */
  owner: string;
  /** The user whose virtual device produced the file (ORIGINID). */
  origin: string;
  device: SpoolOrigin;
  spoolClass: string;
  copies: number;
  /** User hold (HOLD option, CHANGE HOLD, a reader with HOLD). */
  hold: boolean;
  name: string;
  type: string;
  dist: string;
  records: number;
  /** ISO time of the close. */
  created: string;
  /** Creation order: the order of a queue when the index is lost. */
  seq: number;
}

export interface SpoolRecord {
  /** The CCW command code the record was written with (carriage control for print). */
  command: number;
  data: Uint8Array;
}

const SIGNATURE = 'VM370-SPOOL-FILE 1\n';

/** The bytes of a spool file on disk. */
export function encodeSpoolFile(meta: SpoolFileMeta, records: readonly SpoolRecord[]): Buffer {
  let length = 0;
  for (const r of records) length += 3 + r.data.length;
  const data = Buffer.alloc(length);
  let at = 0;
  for (const r of records) {
    data[at] = r.command & 0xff;
    data.writeUInt16BE(r.data.length, at + 1);
    data.set(r.data, at + 3);
    at += 3 + r.data.length;
  }
  const header = JSON.stringify({ ...meta, dataLength: length, sha256: hash(data) });
  return Buffer.concat([Buffer.from(SIGNATURE + header + '\n', 'utf8'), data]);
}

/** The header of a spool file (throws with the reason when the file is damaged). */
export function decodeSpoolHeader(bytes: Buffer): { meta: SpoolFileMeta; dataOffset: number; dataLength: number; sha256: string } {
  if (!bytes.subarray(0, SIGNATURE.length).equals(Buffer.from(SIGNATURE))) throw new Error('not a spool file (signature missing)');
  const end = bytes.indexOf(0x0a, SIGNATURE.length);
  if (end < 0) throw new Error('header not complete');
  let header: unknown;
  try {
    header = JSON.parse(bytes.subarray(SIGNATURE.length, end).toString('utf8'));
  } catch {
    throw new Error('header is not valid JSON');
  }
  const h = header as Record<string, unknown>;
  const str = (k: string) => {
    if (typeof h[k] !== 'string') throw new Error(`header field ${k} missing`);
    return h[k] as string;
  };
  const num = (k: string) => {
    if (typeof h[k] !== 'number' || !Number.isInteger(h[k])) throw new Error(`header field ${k} missing`);
    return h[k] as number;
  };
  const queue = str('queue');
  const device = str('device');
  if (queue !== 'RDR' && queue !== 'PRT' && queue !== 'PUN') throw new Error(`bad queue ${queue}`);
  if (device !== 'PRT' && device !== 'PUN') throw new Error(`bad device ${device}`);
  const meta: SpoolFileMeta = {
    id: num('id'), queue, owner: str('owner'), origin: str('origin'), device, spoolClass: str('spoolClass'),
    copies: num('copies'), hold: h.hold === true, name: str('name'), type: str('type'), dist: str('dist'),
    records: num('records'), created: str('created'), seq: num('seq'),
  };
  if (meta.id < 1 || meta.id > 9999) throw new Error(`bad spool id ${meta.id}`);
  return { meta, dataOffset: end + 1, dataLength: num('dataLength'), sha256: str('sha256') };
}

/** A whole spool file read back: header checked against the data (length, hash, record count). */
export function decodeSpoolFile(bytes: Buffer): { meta: SpoolFileMeta; records: SpoolRecord[] } {
  const { meta, dataOffset, dataLength, sha256 } = decodeSpoolHeader(bytes);
  const data = bytes.subarray(dataOffset);
  if (data.length !== dataLength) throw new Error(`data is ${data.length} bytes, header says ${dataLength}`);
  if (hash(data) !== sha256) throw new Error('data does not match its checksum');
  const records: SpoolRecord[] = [];
  let at = 0;
  while (at < data.length) {
    if (at + 3 > data.length) throw new Error('record header cut short');
    const length = data.readUInt16BE(at + 1);
    if (at + 3 + length > data.length) throw new Error('record cut short');
    records.push({ command: data[at]!, data: new Uint8Array(data.subarray(at + 3, at + 3 + length)) });
    at += 3 + length;
  }
  if (records.length !== meta.records) throw new Error(`${records.length} records, header says ${meta.records}`);
  return { meta, records };
}

function hash(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** nnnn, as CP writes spool ids. */
export const spoolId = (id: number) => String(id).padStart(4, '0');
