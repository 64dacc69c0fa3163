// The real DASD volumes of the configuration, each opened once per CP system and shared by every
// virtual machine with a minidisk on it (VM/370 Planning and System Generation Guide, "Minidisks":
// many minidisks, of many users, on one real volume). Each machine gets its own device over the
// shared image (its own arm position and orientation); a write by one machine goes to the image file
// at once, so the next read by any other machine sees it (src/devices/dasd/ckd-dasd.ts re-reads a
// track it holds once anything was written to the image since).
//
// Durability: a track is written to the file (the host's page cache) when the guest's write command
// executes, and the image is fsynced at the end of every channel program that wrote, when a machine
// detaches the disk or logs off, and at shutdown (close()). A channel program that has ended has
// its data on disk; a host crash in the middle of one may leave part of it written.
//
// R6 images (.ckd.gz) are gunzipped into DATA/dasd on first use and opened from there.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DasdVolume, SystemConfig } from '../config/index.ts';
import { CkdImage } from '../../devices/dasd/ckd-image.ts';

export class VolumeSet {
  private readonly open = new Map<string, CkdImage>();

  constructor(
    private readonly dataDir: string,
    private readonly config: SystemConfig,
  ) {}

  /** The volume of the configuration with this serial. */
  volume(volser: string): DasdVolume | undefined {
    return this.config.dasd.find((d) => d.volser === volser.toUpperCase());
  }

  /** The volume at a real device address (ATTACH, QUERY DASD). */
  atAddress(address: number): DasdVolume | undefined {
    return this.config.dasd.find((d) => d.address === address);
  }

  /** The image file a volume is read from (a .gz is named by its gunzipped copy in DATA/dasd). */
  imagePath(volume: DasdVolume): string {
    const image = resolve(this.dataDir, volume.image);
    return image.endsWith('.gz') ? join(this.dataDir, 'dasd', basename(image, '.gz')) : image;
  }

  /** True when the volume's image is there (or can be gunzipped): the volume is "mounted". */
  mounted(volser: string): boolean {
    const volume = this.volume(volser);
    if (volume === undefined) return false;
    return existsSync(this.imagePath(volume)) || existsSync(resolve(this.dataDir, volume.image));
  }

  /** The shared open image of a volume, opened on first use; a string says why it cannot be. */
  get(volser: string): CkdImage | string {
    const key = volser.toUpperCase();
    const already = this.open.get(key);
    if (already !== undefined && !already.closed) return already;
    const volume = this.volume(key);
    if (volume === undefined) return `volume ${key} is not in the system configuration`;
    const path = this.imagePath(volume);
    try {
      if (!existsSync(path)) {
        const source = resolve(this.dataDir, volume.image);
        if (source === path || !existsSync(source)) return `the image of volume ${key} (${source}) is missing`;
        writeFileSync(path, gunzipSync(readFileSync(source)));
      }
      const image = CkdImage.open(path, volume.readOnly);
      this.open.set(key, image);
      return image;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  }

  /** Volumes open now, by serial. */
  openVolumes(): ReadonlyMap<string, CkdImage> {
    return this.open;
  }

  /** Shutdown: every volume is synced and closed. */
  close(): void {
    for (const image of this.open.values()) {
      image.sync();
      image.close();
    }
    this.open.clear();
  }
}

/**
 * Copies a whole minidisk image (the layout of data folders made before minidisks were extents:
 * one image per minidisk, DATA/dasd/userid-vaddr.3350) into its extent of a volume, moving the
 * cylinder numbers of its home addresses and count fields by the extent's start, as CP's CCW
 * translation would have written them. False (nothing written) when the image does not fit the
 * extent or is of another device type.
 */
export function copyImageIntoExtent(from: string, volume: CkdImage, start: number, cylinders: number): boolean {
  const old = CkdImage.open(from, true);
  try {
    if (old.geometry.headerType !== volume.geometry.headerType || old.cylinders > cylinders || start + cylinders > volume.cylinders) return false;
    for (let cyl = 0; cyl < old.cylinders; cyl++) {
      for (let head = 0; head < old.heads; head++) {
        const track = old.readTrack(cyl, head);
        track.cyl += start;
        for (const r of track.records) r.cyl += start;
        volume.writeTrack(cyl + start, head, track);
      }
    }
    volume.sync();
    return true;
  } finally {
    old.close();
  }
}
