// CMS blocks on a Hercules CKD image (the uncompressed CKD_P370 format).
//
// Image: a 512-byte header ('CKD_P370' in ASCII; heads and track size as little-endian u32 at 8 and
// 12; the device-type byte at 16), then every track of every cylinder, trackSize bytes each. A track
// is the 5-byte home address (flag, CC, HH), then records, each an 8-byte count (CC HH R KL DL)
// followed by its key and data, ended by eight X'FF' bytes.
//
// A CMS-formatted track holds R0 (8 data bytes) and R1-Rn of 800 bytes without keys. CMS block n
// (1-origin) is record ((n-1) % n_per_track) + 1 on relative track (n-1) / n_per_track.
//
// A CMS disk is either a whole image or an extent of one: a minidisk of whole cylinders on a real
// volume (VM/370 Planning and System Generation Guide, "Minidisks"). Tracks are then counted from
// the extent's first cylinder (its cylinder 0 holds the label), while the count fields on the
// volume carry the real cylinder numbers, as CP's CCW translation wrote them.

/** Cylinders of a volume that make one minidisk. */
export interface DiskExtent {
  /** First cylinder on the volume. */
  start: number;
  /** Number of cylinders. */
  cylinders: number;
}

import { BLOCK_SIZE, deviceFromHeader, type CmsDeviceGeometry } from './geometry.ts';
import { CmsDiskError, corrupt } from './errors.ts';
import type { ByteStore } from './store.ts';

export const HEADER_SIZE = 512;
const MAGIC = 'CKD_P370';

export class CkdBlocks {
  /** Data offsets in the image of R1..Rn, per track, found by walking the track's count fields. */
  private readonly recordOffsets = new Map<number, Int32Array>();

  private constructor(
    readonly store: ByteStore,
    readonly device: CmsDeviceGeometry,
    /** Cylinders of the disk: the extent's, or the whole image's. */
    readonly cylinders: number,
    /** The disk's first cylinder on the volume (0 for a whole image). */
    readonly start: number,
    /** Cylinders of the whole image. */
    readonly imageCylinders: number,
  ) {}

  /**
   * Checks the header and the image size; a bad image is a 'corrupt' CmsDiskError naming it. With
   * an extent, the disk is those cylinders of the image (a 'usage' error when they are not in it).
   */
  static open(store: ByteStore, extent?: DiskExtent): CkdBlocks {
    const name = store.name;
    if (store.size < HEADER_SIZE) throw corrupt(`${name}: ${store.size} bytes is too short for a CKD image`);
    const header = store.read(0, HEADER_SIZE);
    const magic = String.fromCharCode(...header.subarray(0, 8));
    if (magic === 'CKD_C370' || magic === 'CKD_S370') {
      throw corrupt(`${name}: a compressed (CCKD) image; convert it with Hercules' cckd2ckd first`);
    }
    if (magic !== MAGIC) throw corrupt(`${name}: not a Hercules CKD image (no ${MAGIC} header)`);
    const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
    const heads = view.getUint32(8, true);
    const trackSize = view.getUint32(12, true);
    const headerType = header[16]!;
    const cylinderBytes = heads * trackSize;
    if (cylinderBytes === 0) throw corrupt(`${name}: the header gives ${heads} heads of ${trackSize}-byte tracks`);
    const body = store.size - HEADER_SIZE;
    if (body === 0 || body % cylinderBytes !== 0) {
      throw corrupt(`${name}: truncated or padded: ${body} bytes of tracks is not a whole number of ${cylinderBytes}-byte cylinders`);
    }
    const cylinders = body / cylinderBytes;
    const device = deviceFromHeader(headerType, heads, cylinders);
    if (!device) {
      throw corrupt(`${name}: device type X'${headerType.toString(16).padStart(2, '0')}' with ${heads} heads is not a 3330 or 3350`);
    }
    if (trackSize !== device.trackSize) {
      throw corrupt(`${name}: a ${device.type} image has ${device.trackSize}-byte tracks, not ${trackSize}`);
    }
    if (extent === undefined) return new CkdBlocks(store, device, cylinders, 0, cylinders);
    const { start, cylinders: count } = extent;
    if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 1 || start + count > cylinders) {
      throw new CmsDiskError('usage', `${name}: an extent of ${count} cylinders at cylinder ${start} is not inside the image's ${cylinders} cylinders`);
    }
    return new CkdBlocks(store, device, count, start, cylinders);
  }

  /** The image's name, with the extent when the disk is one: 'vmsres.3350 (cylinders 62-91)'. */
  get name(): string {
    if (this.start === 0 && this.cylinders === this.imageCylinders) return this.store.name;
    return `${this.store.name} (cylinders ${this.start}-${this.start + this.cylinders - 1})`;
  }

  /** CMS blocks the image's tracks can hold. */
  get blocksInImage(): number {
    return this.cylinders * this.device.heads * this.device.blocksPerTrack;
  }

  readBlock(block: number): Uint8Array {
    return this.store.read(this.blockOffset(block), BLOCK_SIZE);
  }

  writeBlock(block: number, data: Uint8Array): void {
    if (data.length !== BLOCK_SIZE) throw new RangeError(`a CMS block is ${BLOCK_SIZE} bytes, not ${data.length}`);
    this.store.write(this.blockOffset(block), data);
  }

  /** Where block n's 800 data bytes are in the image. */
  private blockOffset(block: number): number {
    const perTrack = this.device.blocksPerTrack;
    if (!Number.isInteger(block) || block < 1 || block > this.blocksInImage) {
      throw corrupt(`${this.name}: CMS block ${block} is outside the image (1-${this.blocksInImage})`);
    }
    const track = Math.floor((block - 1) / perTrack);
    let offsets = this.recordOffsets.get(track);
    if (!offsets) {
      offsets = this.walkTrack(track);
      this.recordOffsets.set(track, offsets);
    }
    const offset = offsets[(block - 1) % perTrack]!;
    if (offset < 0) {
      const cyl = this.start + Math.floor(track / this.device.heads);
      const head = track % this.device.heads;
      throw corrupt(
        `${this.name}: cylinder ${cyl} head ${head} has no 800-byte record R${((block - 1) % perTrack) + 1} (CMS block ${block}); the track is not CMS-formatted`,
      );
    }
    return offset;
  }

  /** Finds R1..Rn on one track: each must carry the track's own (real) CC HH, no key and 800 data bytes. */
  private walkTrack(track: number): Int32Array {
    const { heads, trackSize, blocksPerTrack } = this.device;
    const cyl = this.start + Math.floor(track / heads);
    const head = track % heads;
    const base = HEADER_SIZE + (this.start * heads + track) * trackSize;
    const bytes = this.store.read(base, trackSize);
    const found = new Int32Array(blocksPerTrack).fill(-1);
    const where = `${this.name}: cylinder ${cyl} head ${head}`;
    let at = 5;
    for (;;) {
      if (at + 8 > trackSize) throw corrupt(`${where}: no end-of-track marker`);
      if (isEndMarker(bytes, at)) break;
      const cc = (bytes[at]! << 8) | bytes[at + 1]!;
      const hh = (bytes[at + 2]! << 8) | bytes[at + 3]!;
      const r = bytes[at + 4]!;
      const kl = bytes[at + 5]!;
      const dl = (bytes[at + 6]! << 8) | bytes[at + 7]!;
      const end = at + 8 + kl + dl;
      if (end > trackSize) throw corrupt(`${where}: record R${r} runs past the end of the track`);
      if (r >= 1 && r <= blocksPerTrack && kl === 0 && dl === BLOCK_SIZE && cc === cyl && hh === head) {
        found[r - 1] = base + at + 8;
      }
      at = end;
    }
    return found;
  }
}

function isEndMarker(bytes: Uint8Array, at: number): boolean {
  for (let i = 0; i < 8; i++) if (bytes[at + i] !== 0xff) return false;
  return true;
}

/** A CKD image header for a device. */
export function ckdHeader(device: CmsDeviceGeometry): Uint8Array {
  const header = new Uint8Array(HEADER_SIZE);
  for (let i = 0; i < MAGIC.length; i++) header[i] = MAGIC.charCodeAt(i);
  const view = new DataView(header.buffer);
  view.setUint32(8, device.heads, true);
  view.setUint32(12, device.trackSize, true);
  header[16] = device.headerType;
  return header;
}

/**
 * A track as CMS FORMAT leaves it: home address, R0 (eight zero bytes) and R1-Rn of 800 zero bytes,
 * the end marker, zero padding to the image's track size.
 */
export function cmsTrack(device: CmsDeviceGeometry, cyl: number, head: number): Uint8Array {
  const out = new Uint8Array(device.trackSize);
  const address = [cyl >>> 8, cyl & 0xff, head >>> 8, head & 0xff];
  out.set([0, ...address], 0);
  let at = 5;
  out.set([...address, 0, 0, 0, 8], at);
  at += 8 + 8;
  for (let r = 1; r <= device.blocksPerTrack; r++) {
    out.set([...address, r, 0, BLOCK_SIZE >>> 8, BLOCK_SIZE & 0xff], at);
    at += 8 + BLOCK_SIZE;
  }
  if (at + 8 > device.trackSize) throw new CmsDiskError('usage', `${device.blocksPerTrack} CMS blocks do not fit a ${device.type} track image`);
  out.fill(0xff, at, at + 8);
  return out;
}
