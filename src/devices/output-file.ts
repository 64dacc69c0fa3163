// An output file on the host for unit-record devices (punch, printer): written through at once, so
// that what a device has produced is on disk when the channel program ends.

import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

/** Where a device's output goes: a host file, or anything else with the same two methods (tests). */
export interface OutputSink {
  write(bytes: Uint8Array): void;
  close(): void;
}

export class OutputFile implements OutputSink {
  private fd: number | null;

  /** Opens (and empties, unless `append`) the file. */
  constructor(readonly path: string, append = false) {
    try {
      this.fd = openSync(path, append ? 'a' : 'w');
    } catch (e) {
      throw new Error(`cannot open ${path} for output: ${(e as Error).message}`);
    }
  }

  write(bytes: Uint8Array): void {
    if (this.fd === null) throw new Error(`${this.path} is closed`);
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done);
  }

  /** Makes what was written durable. */
  sync(): void {
    if (this.fd !== null) fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }
}

/** An in-memory sink (tests, and callers that collect output themselves). */
export class MemorySink implements OutputSink {
  private chunks: Uint8Array[] = [];

  write(bytes: Uint8Array): void {
    this.chunks.push(bytes.slice());
  }

  close(): void {}

  bytes(): Uint8Array {
    return Buffer.concat(this.chunks);
  }

  text(): string {
    return Buffer.from(this.bytes()).toString('utf8');
  }
}
