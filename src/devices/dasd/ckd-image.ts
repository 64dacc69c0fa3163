// Hercules uncompressed CKD image files (the CKD_P370 format Hercules' dasdinit writes): a 512-byte
// device header, then every track of every cylinder, each a fixed number of bytes.
//
// Header: bytes 0-7 "CKD_P370" (ASCII); 8-11 heads per cylinder and 12-15 track size, both
// little-endian; 16 the device-type byte (X'30' for 3330, X'50' for 3350); 17 the file sequence
// number (0: a single-file image); 18-19 the highest cylinder in the file (0: not recorded); the
// rest zeros. The number of cylinders follows from the file size.

import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { toEbcdic } from '../../ebcdic/index.ts';
import { GEOMETRIES, type CkdGeometry, type CkdType } from './geometry.ts';
import { buildTrack, CorruptImageError, emptyTrack, parseTrack, type Track } from './track.ts';

export const HEADER_SIZE = 512;
const MAGIC = 'CKD_P370';

export class CkdImage {
  private fd: number | null;
  private writeCount = 0;

  private constructor(
    readonly path: string,
    fd: number,
    readonly geometry: CkdGeometry,
    readonly cylinders: number,
    readonly trackSize: number,
    readonly readOnly: boolean,
  ) {
    this.fd = fd;
  }

  /** Opens an image, checking that it is one; a corrupt image is a CorruptImageError naming the file. */
  static open(path: string, readOnly = false): CkdImage {
    let fd: number;
    try {
      fd = openSync(path, readOnly ? 'r' : 'r+');
    } catch (e) {
      throw new Error(`cannot open the DASD image ${path}: ${(e as Error).message}`);
    }
    try {
      const size = fstatSync(fd).size;
      const header = new Uint8Array(HEADER_SIZE);
      if (size < HEADER_SIZE || readSync(fd, header, 0, HEADER_SIZE, 0) !== HEADER_SIZE) {
        throw new CorruptImageError(`${path}: too short for a CKD image`);
      }
      const magic = Buffer.from(header.subarray(0, 8)).toString('latin1');
      if (magic === 'CKD_C370' || magic === 'CKD_S370') {
        throw new CorruptImageError(`${path}: a compressed (CCKD) image; convert it with Hercules' cckd2ckd first`);
      }
      if (magic !== MAGIC) throw new CorruptImageError(`${path}: not a Hercules CKD image (no ${MAGIC} header)`);
      const view = new DataView(header.buffer);
      const heads = view.getUint32(8, true);
      const trackSize = view.getUint32(12, true);
      const headerType = header[16]!;
      if (header[17] !== 0) throw new CorruptImageError(`${path}: one file of a multi-file image; only single-file images are supported`);
      const known = Object.values(GEOMETRIES).find((g) => g.headerType === headerType && g.heads === heads);
      if (!known) {
        throw new CorruptImageError(`${path}: device type X'${headerType.toString(16)}' with ${heads} heads is not a 3330 or 3350`);
      }
      if (trackSize < 5 + 16 + 8 || trackSize > 0x10000) throw new CorruptImageError(`${path}: track size ${trackSize} is not possible`);
      const cylinderBytes = heads * trackSize;
      if ((size - HEADER_SIZE) % cylinderBytes !== 0 || size === HEADER_SIZE) {
        throw new CorruptImageError(`${path}: ${size - HEADER_SIZE} bytes of tracks is not a whole number of ${cylinderBytes}-byte cylinders`);
      }
      const cylinders = (size - HEADER_SIZE) / cylinderBytes;
      const limit = GEOMETRIES['3330'].cylinders + GEOMETRIES['3330'].alternateCylinders;
      const geometry = known.deviceType === 0x3330 && cylinders > limit ? GEOMETRIES['3330-11'] : known;
      return new CkdImage(path, fd, geometry, cylinders, trackSize, readOnly);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  get heads(): number {
    return this.geometry.heads;
  }

  /**
   * How many tracks have been written through this image so far. Several devices may share one
   * image (the virtual machines whose minidisks are on one volume): a device that keeps a track in
   * memory reads it again once this number has moved, so it never works on a stale copy.
   */
  get writes(): number {
    return this.writeCount;
  }

  /** True once close() has been called. */
  get closed(): boolean {
    return this.fd === null;
  }

  readTrack(cyl: number, head: number): Track {
    const bytes = new Uint8Array(this.trackSize);
    const got = readSync(this.handle(), bytes, 0, this.trackSize, this.offset(cyl, head));
    if (got !== this.trackSize) throw new CorruptImageError(`${this.path}: cylinder ${cyl} head ${head} is cut short`);
    return parseTrack(bytes, `${this.path}: cylinder ${cyl} head ${head}`);
  }

  /** Writes a track through to the file (the host's page cache; sync() makes it durable). */
  writeTrack(cyl: number, head: number, track: Track): void {
    if (this.readOnly) throw new Error(`${this.path} is read-only`);
    const bytes = buildTrack(track, this.trackSize);
    this.writeCount++;
    writeAll(this.handle(), bytes, this.offset(cyl, head));
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

  private offset(cyl: number, head: number): number {
    if (cyl < 0 || cyl >= this.cylinders || head < 0 || head >= this.geometry.heads) {
      throw new RangeError(`${this.path}: cylinder ${cyl} head ${head} is outside the image (${this.cylinders} cylinders)`);
    }
    return HEADER_SIZE + (cyl * this.geometry.heads + head) * this.trackSize;
  }
}

export interface CreateOptions {
  /** Write IPL1, IPL2 and a VOL1 label with this volume serial on track 0, as dasdinit does. */
  volser?: string;
  /** Replace an existing file. */
  force?: boolean;
  /** Called after each cylinder is written. */
  onProgress?: (cylindersDone: number, cylinders: number) => void;
}

/** Writes a new image: every track with a home address and a standard R0. */
export function createCkdImage(path: string, type: CkdType, cylinders: number, options: CreateOptions = {}): void {
  const g = GEOMETRIES[type];
  const most = g.cylinders + g.alternateCylinders;
  if (!Number.isInteger(cylinders) || cylinders < 1 || cylinders > most) {
    throw new RangeError(`a ${type} has 1 to ${most} cylinders, not ${cylinders}`);
  }
  if (options.volser !== undefined && !/^[A-Z0-9@#$]{1,6}$/i.test(options.volser)) {
    throw new RangeError(`a volume serial is 1 to 6 letters or digits, not '${options.volser}'`);
  }
  if (existsSync(path) && !options.force) throw new Error(`${path} exists (use --force to replace it)`);
  const fd = openSync(path, 'w');
  try {
    const header = new Uint8Array(HEADER_SIZE);
    header.set(Buffer.from(MAGIC, 'latin1'));
    const view = new DataView(header.buffer);
    view.setUint32(8, g.heads, true);
    view.setUint32(12, g.imageTrackSize, true);
    header[16] = g.headerType;
    writeAll(fd, header, 0);
    const cylinderBytes = g.heads * g.imageTrackSize;
    for (let cyl = 0; cyl < cylinders; cyl++) {
      const buffer = new Uint8Array(cylinderBytes);
      for (let head = 0; head < g.heads; head++) {
        const track = emptyTrack(cyl, head);
        if (cyl === 0 && head === 0 && options.volser !== undefined) track.records.push(...volumeLabelRecords(options.volser));
        buffer.set(buildTrack(track, g.imageTrackSize), head * g.imageTrackSize);
      }
      writeAll(fd, buffer, HEADER_SIZE + cyl * cylinderBytes);
      options.onProgress?.(cyl + 1, cylinders);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** IPL1 (a PSW for a disabled wait and a no-operation CCW), IPL2 (empty) and VOL1 on track 0. */
function volumeLabelRecords(volser: string): Track['records'] {
  const key = (text: string) => toEbcdic(text);
  const ipl1 = Uint8Array.from([0x00, 0x06, 0, 0, 0, 0, 0, 0x0f, 0x03, 0, 0, 0, 0, 0, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0]);
  const vol1 = new Uint8Array(80).fill(0x40);
  vol1.set(key('VOL1'), 0);
  vol1.set(key(volser.toUpperCase().padEnd(6, ' ')), 4);
  vol1.set([0, 0, 0, 1, 1], 11); // the VTOC at cylinder 0, head 1, record 1
  vol1.set(key('VM370'), 41);
  return [
    { cyl: 0, head: 0, record: 1, key: key('IPL1'), data: ipl1 },
    { cyl: 0, head: 0, record: 2, key: key('IPL2'), data: new Uint8Array(144) },
    { cyl: 0, head: 0, record: 3, key: key('VOL1'), data: vol1 },
  ];
}

function writeAll(fd: number, bytes: Uint8Array, position: number): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
}

/**
 * Adds empty cylinders (home address and a standard R0 on every track) to the end of an image
 * until it has `cylinders`; an image that has as many already is left alone. Returns the number of
 * cylinders added.
 */
export function extendCkdImage(path: string, cylinders: number): number {
  const image = CkdImage.open(path);
  const have = image.cylinders;
  const g = image.geometry;
  const trackSize = image.trackSize;
  const most = g.cylinders + g.alternateCylinders;
  image.close();
  if (cylinders <= have) return 0;
  if (!Number.isInteger(cylinders) || cylinders > most) throw new RangeError(`a ${g.type} has 1 to ${most} cylinders, not ${cylinders}`);
  const fd = openSync(path, 'r+');
  try {
    const cylinderBytes = g.heads * trackSize;
    for (let cyl = have; cyl < cylinders; cyl++) {
      const buffer = new Uint8Array(cylinderBytes);
      for (let head = 0; head < g.heads; head++) buffer.set(buildTrack(emptyTrack(cyl, head), trackSize), head * trackSize);
      writeAll(fd, buffer, HEADER_SIZE + cyl * cylinderBytes);
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return cylinders - have;
}
