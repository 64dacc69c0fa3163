// Byte-level access to an image: in memory (a gunzipped .ckd.gz, read-only) or a host file. The CKD
// layer above reads and writes through this interface only, so list/get can never write: a store
// opened read-only has no way to.

import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { CmsDiskError } from './errors.ts';

export interface ByteStore {
  /** The image's name for messages (its path). */
  readonly name: string;
  readonly size: number;
  readonly writable: boolean;
  read(offset: number, length: number): Uint8Array;
  write(offset: number, bytes: Uint8Array): void;
  /** Makes the writes durable (fsync). */
  sync(): void;
  close(): void;
}

/** A read-only image held in memory. */
export class MemoryStore implements ByteStore {
  readonly writable = false;
  private readonly bytes: Uint8Array;

  constructor(
    readonly name: string,
    bytes: Uint8Array,
  ) {
    // A plain view, so that slices are copies even when given a Buffer.
    this.bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get size(): number {
    return this.bytes.length;
  }

  read(offset: number, length: number): Uint8Array {
    if (offset < 0 || offset + length > this.bytes.length) {
      throw new CmsDiskError('corrupt', `${this.name}: read of ${length} bytes at ${offset} is past the end of the image`);
    }
    return this.bytes.slice(offset, offset + length);
  }

  write(): void {
    throw new CmsDiskError('usage', `${this.name} is open read-only`);
  }

  sync(): void {}

  close(): void {}
}

/** A host file, read-only or read-write. */
export class FileStore implements ByteStore {
  private fd: number | null;
  readonly size: number;

  constructor(
    readonly name: string,
    readonly writable: boolean,
  ) {
    try {
      this.fd = openSync(name, writable ? 'r+' : 'r');
      this.size = fstatSync(this.fd).size;
    } catch (e) {
      throw new CmsDiskError('host-io', `cannot open ${name}: ${(e as Error).message}`);
    }
  }

  read(offset: number, length: number): Uint8Array {
    if (offset < 0 || offset + length > this.size) {
      throw new CmsDiskError('corrupt', `${this.name}: read of ${length} bytes at ${offset} is past the end of the image`);
    }
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const got = readSync(this.handle(), out, done, length - done, offset + done);
      if (got === 0) throw new CmsDiskError('corrupt', `${this.name}: the image ends at ${offset + done}`);
      done += got;
    }
    return out;
  }

  write(offset: number, bytes: Uint8Array): void {
    if (!this.writable) throw new CmsDiskError('usage', `${this.name} is open read-only`);
    let done = 0;
    while (done < bytes.length) done += writeSync(this.handle(), bytes, done, bytes.length - done, offset + done);
  }

  sync(): void {
    if (this.writable) fsyncSync(this.handle());
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }

  private handle(): number {
    if (this.fd === null) throw new Error(`${this.name} is closed`);
    return this.fd;
  }
}
