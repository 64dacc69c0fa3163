// AWS tape images (the format of P/390 AWSTAPE, which Hercules reads and writes): the tape is a
// sequence of chunks, each a 6-byte header and its data. Header: the chunk's data length
// (little-endian halfword), the previous chunk's data length (little-endian halfword), flag byte 1,
// flag byte 2 (zero). Flags: X'80' beginning of a record, X'20' end of a record (a record in one
// chunk has X'A0'), X'40' a tape mark (no data).

import { closeSync, existsSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';

const HEADER = 6;
const BEGIN_RECORD = 0x80;
const TAPE_MARK = 0x40;
const END_RECORD = 0x20;
/** The largest chunk this writer makes (records longer than that are split). */
const MAX_CHUNK = 0xffff;

export interface TapeBlock {
  /** File offset of the block's first header. */
  offset: number;
  /** File offset just after the block. */
  end: number;
  tapeMark: boolean;
  /** Data length (0 for a tape mark). */
  length: number;
  /** Data length of the block's last chunk (the next chunk's "previous length"). */
  lastChunk: number;
}

export class CorruptTapeError extends Error {}

export class AwsTape {
  private fd: number | null;
  /** The blocks on the tape, in order. */
  blocks: TapeBlock[] = [];

  private constructor(readonly path: string, fd: number, readonly readOnly: boolean) {
    this.fd = fd;
  }

  /** Opens an image; a missing file is created empty unless `readOnly`. */
  static open(path: string, readOnly = false): AwsTape {
    let fd: number;
    try {
      fd = openSync(path, readOnly ? 'r' : existsSync(path) ? 'r+' : 'w+');
    } catch (e) {
      throw new Error(`cannot open the tape image ${path}: ${(e as Error).message}`);
    }
    const tape = new AwsTape(path, fd, readOnly);
    try {
      tape.index();
    } catch (e) {
      closeSync(fd);
      throw e;
    }
    return tape;
  }

  /** Reads the data of a block. */
  read(block: TapeBlock): Uint8Array {
    const out = new Uint8Array(block.length);
    let at = block.offset;
    let filled = 0;
    const header = new Uint8Array(HEADER);
    while (filled < block.length) {
      readSync(this.handle(), header, 0, HEADER, at);
      const length = header[0]! | (header[1]! << 8);
      readSync(this.handle(), out, filled, length, at + HEADER);
      filled += length;
      at += HEADER + length;
    }
    return out;
  }

  /** Writes a block (or a tape mark) as block number `index`: what followed on the tape is gone. */
  write(index: number, data: Uint8Array | 'tapeMark'): void {
    if (this.readOnly) throw new Error(`${this.path} is read-only`);
    const before = index > 0 ? this.blocks[index - 1]! : null;
    const offset = before ? before.end : 0;
    let previous = before ? before.lastChunk : 0;
    const chunks: Uint8Array[] = [];
    let lastChunk = 0;
    if (data === 'tapeMark') {
      chunks.push(header(0, previous, TAPE_MARK));
    } else {
      for (let at = 0; at < data.length || at === 0; at += MAX_CHUNK) {
        const part = data.subarray(at, Math.min(data.length, at + MAX_CHUNK));
        const flags = (at === 0 ? BEGIN_RECORD : 0) | (at + MAX_CHUNK >= data.length ? END_RECORD : 0);
        chunks.push(header(part.length, previous, flags), part);
        previous = part.length;
        lastChunk = part.length;
        if (data.length === 0) break;
      }
    }
    const bytes = Buffer.concat(chunks);
    ftruncateSync(this.handle(), offset);
    let done = 0;
    while (done < bytes.length) done += writeSync(this.handle(), bytes, done, bytes.length - done, offset + done);
    this.blocks.length = index;
    this.blocks.push({
      offset,
      end: offset + bytes.length,
      tapeMark: data === 'tapeMark',
      length: data === 'tapeMark' ? 0 : data.length,
      lastChunk,
    });
  }

  sync(): void {
    if (this.fd !== null && !this.readOnly) fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }

  private handle(): number {
    if (this.fd === null) throw new Error(`${this.path} is closed`);
    return this.fd;
  }

  /** Builds the block list, checking the chain of headers. */
  private index(): void {
    const size = fstatSync(this.handle()).size;
    const h = new Uint8Array(HEADER);
    let at = 0;
    let previous = 0;
    let open: TapeBlock | null = null;
    while (at < size) {
      if (at + HEADER > size || readSync(this.handle(), h, 0, HEADER, at) !== HEADER) {
        throw new CorruptTapeError(`${this.path}: a block header at offset ${at} is cut short`);
      }
      const length = h[0]! | (h[1]! << 8);
      const prior = h[2]! | (h[3]! << 8);
      const flags = h[4]!;
      if (prior !== previous) throw new CorruptTapeError(`${this.path}: the header at offset ${at} does not follow the one before it`);
      if (at + HEADER + length > size) throw new CorruptTapeError(`${this.path}: the block at offset ${at} runs past the end of the file`);
      if ((flags & TAPE_MARK) !== 0) {
        if (open) throw new CorruptTapeError(`${this.path}: a tape mark at offset ${at} inside a record`);
        this.blocks.push({ offset: at, end: at + HEADER, tapeMark: true, length: 0, lastChunk: 0 });
      } else {
        if ((flags & BEGIN_RECORD) !== 0) {
          if (open) throw new CorruptTapeError(`${this.path}: a record at offset ${at} starts inside another`);
          open = { offset: at, end: at, tapeMark: false, length: 0, lastChunk: 0 };
        } else if (!open) {
          throw new CorruptTapeError(`${this.path}: the chunk at offset ${at} continues no record`);
        }
        open.length += length;
        open.end = at + HEADER + length;
        open.lastChunk = length;
        if ((flags & END_RECORD) !== 0) {
          this.blocks.push(open);
          open = null;
        }
      }
      previous = length;
      at += HEADER + length;
    }
    if (open) throw new CorruptTapeError(`${this.path}: the last record has no end`);
  }
}

function header(length: number, previous: number, flags: number): Uint8Array {
  return Uint8Array.of(length & 0xff, length >>> 8, previous & 0xff, previous >>> 8, flags, 0);
}
