// Temporary disks (T-disks): `DEFINE T3330 AS 192 CYL 5`, or `MDISK 192 3330 T-DISK 5` in the
// directory (VM/370 CP Command Reference for General Users R6, DEFINE; Planning and System
// Generation Guide, "Temporary disk space"). CP takes the cylinders from its T-disk space; the disk
// is the user's alone, holds whatever the space held (CMS must FORMAT it before use) and is given
// back at DETACH or LOGOFF. Here each T-disk is an image file of its own in the CP system's T-disk
// folder (emptied at every start) or the host's temporary folder, removed when the disk goes.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCkdImage } from '../../devices/dasd/ckd-image.ts';
import type { CkdType } from '../../devices/dasd/geometry.ts';
import type { MinidiskLink } from '../vm/virtual-machine.ts';

/** T-disk device types DEFINE knows: T3330, T3350 (and T2314 is not emulated). */
export const TDISK_TYPES: Readonly<Record<string, CkdType>> = { T3330: '3330', T3350: '3350' };

/** The most cylinders one T-disk may have here (the host's disk is not CP's T-disk space). */
export const MAX_TDISK_CYLINDERS = 100;

/**
 * Creates a T-disk image and returns the link that attaches it; closing the device removes the
 * image. `folder` is where the image goes (default: a new folder in the host's temporary folder).
 */
export function createTemporaryDisk(
  type: CkdType,
  cylinders: number,
  vaddr: number,
  options: { folder?: string; userid?: string; onClose?: () => void } = {},
): MinidiskLink {
  if (!Number.isInteger(cylinders) || cylinders < 1 || cylinders > MAX_TDISK_CYLINDERS) {
    throw new RangeError(`a T-disk has 1 to ${MAX_TDISK_CYLINDERS} cylinders here, not ${cylinders}`);
  }
  const folder = mkdtempSync(join(options.folder ?? tmpdir(), `tdisk-${(options.userid ?? 'vm').toLowerCase()}-`));
  const image = join(folder, `${vaddr.toString(16).padStart(3, '0')}.${type}`);
  try {
    createCkdImage(image, type, cylinders);
  } catch (e) {
    rmSync(folder, { recursive: true, force: true });
    throw e;
  }
  return {
    address: vaddr,
    image,
    cylinders,
    volser: '(TEMP)',
    onClose: () => {
      rmSync(folder, { recursive: true, force: true });
      options.onClose?.();
    },
  };
}
