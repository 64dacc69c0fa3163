// FORMAT: an empty 800-byte-format CMS disk, as R6 FORMAT leaves one.
//
// Every track of the disk's cylinders is written afresh (home address, R0, R1-Rn of 800 zero bytes).
// Block 3 gets the label, block 4 the MFD, block 5 an empty FST block: on the R6 sample disks the
// first FST block is block 5 and the first file's chain link block 6, also on CMSUSER 195, which
// R6 FORMAT made in an emx370 session before one file was written to it. QMSK marks blocks 1-5.

import { statSync } from 'node:fs';
import { CkdBlocks, ckdHeader, cmsTrack, HEADER_SIZE, type DiskExtent } from './ckd-blocks.ts';
import { CmsDiskError } from './errors.ts';
import { BLOCK_SIZE, CMS_DEVICES, cmsBlocksFor, type CmsDeviceGeometry, type CmsDeviceType } from './geometry.ts';
import { FIRST_FREE_BLOCK, LABEL_BLOCK, labelBlock, MFD_BLOCK, mfdBlock } from './layout.ts';
import { Qmsk } from './qmsk.ts';
import { FileStore } from './store.ts';
import { appendBytes, createImage, isCompressedImage, updateImage } from './transaction.ts';

export interface FormatOptions {
  /** The volume label, 1-6 characters. */
  label: string;
  /** For a new image: the device type (default 3350). For an existing one it must match. */
  type?: CmsDeviceType;
  /** Cylinders to format. A new image needs it; an existing image is extended to it if smaller. */
  cylinders?: number;
}

export interface FormatResult {
  device: CmsDeviceType;
  cylinders: number;
  blocks: number;
  created: boolean;
}

export function formatImage(path: string, options: FormatOptions): FormatResult {
  const label = checkLabel(options.label);
  if (isCompressedImage(path)) throw new CmsDiskError('usage', `${path} is compressed; format an uncompressed image`);
  let exists = false;
  try {
    exists = statSync(path).isFile();
  } catch {
    exists = false;
  }
  if (!exists) {
    const device = CMS_DEVICES[options.type ?? '3350'];
    const cylinders = checkCylinders(device, options.cylinders, 'a new image');
    return createImage(path, (file) => {
      appendBytes(file, [ckdHeader(device)]);
      appendBytes(file, tracks(device, 0, cylinders));
      return { ...formatDisk(file, label, cylinders, 0), created: true };
    });
  }
  return updateImage(path, (copy) => {
    const store = new FileStore(copy, false);
    let image: CkdBlocks;
    try {
      image = CkdBlocks.open(store);
    } finally {
      store.close();
    }
    const device = image.device;
    if (options.type && CMS_DEVICES[options.type].headerType !== device.headerType) {
      throw new CmsDiskError('usage', `${path} is a ${device.type} image, not a ${options.type}`);
    }
    const cylinders = checkCylinders(device, options.cylinders ?? image.cylinders, path);
    if (cylinders > image.cylinders) appendBytes(copy, tracks(device, image.cylinders, cylinders));
    return { ...formatDisk(copy, label, cylinders, Math.min(cylinders, image.cylinders)), created: false };
  });
}

/**
 * FORMAT of a minidisk that is an extent of a volume image: its cylinders are written afresh (with
 * their real cylinder numbers in the count fields) and the label goes on the extent's cylinder 0.
 * The rest of the volume is not touched. By default the image is updated through a copy, as every
 * other write here; `inPlace` writes the image itself (for a volume CP has just created, where
 * there is nothing to lose and copying would only cost time). Never use it on a volume that
 * virtual machines are using.
 */
export function formatExtent(path: string, extent: DiskExtent, label: string, options: { inPlace?: boolean } = {}): FormatResult {
  const checked = checkLabel(label);
  if (isCompressedImage(path)) throw new CmsDiskError('usage', `${path} is compressed; format an uncompressed image`);
  const run = (file: string) => ({ ...formatDisk(file, checked, extent.cylinders, extent.cylinders, extent), created: false });
  return options.inPlace ? run(path) : updateImage(path, run);
}

/**
 * Writes the empty CMS disk over the first `cylinders` cylinders of an image file (or of the
 * extent), rewriting the tracks of the first `rewrite` cylinders (the others are freshly formatted
 * already).
 */
function formatDisk(file: string, label: string, cylinders: number, rewrite: number, extent?: DiskExtent): Omit<FormatResult, 'created'> {
  const store = new FileStore(file, true);
  try {
    const image = CkdBlocks.open(store, extent);
    const device = image.device;
    const start = image.start;
    let at = HEADER_SIZE + start * device.heads * device.trackSize;
    for (const track of tracks(device, start, start + rewrite)) {
      store.write(at, track);
      at += track.length;
    }
    const total = cmsBlocksFor(device, cylinders);
    const qmsk = Qmsk.formatted(total);
    const fstBlock = FIRST_FREE_BLOCK;
    qmsk.set(fstBlock);
    const used = qmsk.count();
    image.writeBlock(LABEL_BLOCK, labelBlock(label));
    image.writeBlock(fstBlock, new Uint8Array(BLOCK_SIZE));
    image.writeBlock(
      MFD_BLOCK,
      mfdBlock({ fstBlocks: [fstBlock], qmskBlocks: [], total, used, left: total - used, last: qmsk.lastUsedByte(), cylinders, qmsk: qmsk.mfdPart() }),
    );
    store.sync();
    return { device: device.type, cylinders, blocks: total };
  } finally {
    store.close();
  }
}

/** The formatted tracks of cylinders [from, to), a cylinder at a time. */
function* tracks(device: CmsDeviceGeometry, from: number, to: number): Generator<Uint8Array> {
  for (let cyl = from; cyl < to; cyl++) {
    const cylinder = new Uint8Array(device.heads * device.trackSize);
    for (let head = 0; head < device.heads; head++) cylinder.set(cmsTrack(device, cyl, head), head * device.trackSize);
    yield cylinder;
  }
}

function checkLabel(label: string): string {
  const upper = label.toUpperCase();
  if (!/^[A-Z0-9@#$_-]{1,6}$/.test(upper)) throw new CmsDiskError('usage', `a CMS disk label is 1-6 letters or digits, not '${label}'`);
  return upper;
}

function checkCylinders(device: CmsDeviceGeometry, cylinders: number | undefined, what: string): number {
  if (cylinders === undefined) throw new CmsDiskError('usage', `give the number of cylinders for ${what}`);
  if (!Number.isInteger(cylinders) || cylinders < 1 || cylinders > device.maxCylinders) {
    throw new CmsDiskError('usage', `a ${device.type} has 1-${device.maxCylinders} cylinders, not ${cylinders}`);
  }
  return cylinders;
}
