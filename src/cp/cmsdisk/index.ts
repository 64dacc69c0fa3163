// The VM/370 Release 6 CMS file system on minidisk images (Hercules CKD, 800-byte CMS blocks):
// list, read, write and erase files, format disks. The host tool `vm370 cmsdisk` is a thin layer
// over these functions; docs/cmsdisk.md describes the disk format as implemented.

import { CkdBlocks, type DiskExtent } from './ckd-blocks.ts';
import { CmsDisk, fileName, type CmsFile, type OpenOptions } from './disk.ts';
import { CmsDiskError } from './errors.ts';
import type { Fst, RecordFormat } from './layout.ts';
import { FileStore, MemoryStore } from './store.ts';
import { matchesFileId, parseFileId, type FileId } from './text.ts';
import { openForReading, updateImage } from './transaction.ts';
import { eraseFile, putFile } from './update.ts';

export { CmsDiskError, type CmsDiskErrorKind } from './errors.ts';
export { formatExtent, formatImage, type FormatOptions, type FormatResult } from './format.ts';
export type { DiskExtent } from './ckd-blocks.ts';
export { CMS_DEVICES, cmsDeviceType, type CmsDeviceType } from './geometry.ts';
export type { Fst, RecordFormat } from './layout.ts';
export {
  binaryToRecords,
  execLine,
  fstDate,
  fstTime,
  listLine,
  parseFileId,
  recordsToBinary,
  recordsToText,
  textToRecords,
  type FileId,
} from './text.ts';

export interface DiskInfo {
  label: string;
  device: string;
  /** ADTCYL: cylinders formatted for CMS. */
  cylinders: number;
  imageCylinders: number;
  /** The disk's first cylinder on the image (0 unless it is an extent). */
  start: number;
  /** ADTNUM, ADTUSED, ADTLEFT, ADTLAST. */
  total: number;
  used: number;
  left: number;
  last: number;
  fstBlocks: number[];
  qmskBlocks: number[];
  files: Fst[];
  /** Bookkeeping faults tolerated by a lenient open. */
  warnings: string[];
}

/**
 * The command line's form of an extent, START:CYLS (the minidisk's first cylinder on the volume and
 * its number of cylinders, decimal): `--extent 34:5` is GUEST 191 on the default VMSRES.
 */
export function parseExtentOption(text: string): DiskExtent {
  const m = /^\s*(\d{1,4})\s*:\s*(\d{1,4})\s*$/.exec(text);
  if (m === null || Number(m[2]) < 1) {
    throw new CmsDiskError('usage', `--extent is START:CYLS (first cylinder on the volume, number of cylinders), not '${text}'`);
  }
  return { start: Number(m[1]), cylinders: Number(m[2]) };
}

/** A CMS disk on an image already in memory (read-only), e.g. a gunzipped .ckd.gz. */
export function diskFromBytes(name: string, bytes: Uint8Array, options: OpenOptions = {}): CmsDisk {
  return CmsDisk.open(CkdBlocks.open(new MemoryStore(name, bytes)), options);
}

/** Opens an image read-only (a .gz in memory), runs `use` on its CMS disk, closes it. */
export function readDisk<T>(path: string, use: (disk: CmsDisk) => T, options: OpenOptions = {}): T {
  const store = openForReading(path);
  try {
    return use(CmsDisk.open(CkdBlocks.open(store, options.extent), options));
  } finally {
    store.close();
  }
}

export function diskInfo(path: string, options: OpenOptions = {}): DiskInfo {
  return readDisk(
    path,
    (disk) => ({
      label: disk.label,
      device: disk.image.device.type,
      cylinders: disk.mfd.cylinders,
      imageCylinders: disk.image.imageCylinders,
      start: disk.image.start,
      total: disk.mfd.total,
      used: disk.mfd.used,
      left: disk.mfd.left,
      last: disk.mfd.last,
      fstBlocks: [...disk.mfd.fstBlocks],
      qmskBlocks: [...disk.mfd.qmskBlocks],
      files: disk.files.map((f) => f.fst),
      warnings: [...disk.warnings],
    }),
    options,
  );
}

/** The FSTs matching a pattern ('* EXEC', 'PROF* *', 'A% * A1'; none: all), in directory order. */
export function listFiles(path: string, pattern = '* *', options: OpenOptions = {}): { label: string; files: Fst[]; warnings: string[] } {
  const id = parseFileId(pattern, true);
  return readDisk(
    path,
    (disk) => ({ label: disk.label, files: disk.files.filter((f) => matchesFileId(f.fst, id)).map((f) => f.fst), warnings: [...disk.warnings] }),
    options,
  );
}

/** A file's FST and records. */
export function readFile(path: string, fileId: string, options: OpenOptions = {}): { fst: Fst; records: Uint8Array[]; warnings: string[] } {
  const id = parseFileId(fileId);
  return readDisk(
    path,
    (disk) => {
      const file = findFile(disk, id);
      return { fst: file.fst, records: disk.readRecords(file), warnings: [...disk.warnings] };
    },
    options,
  );
}

export interface WriteOptions {
  recfm: RecordFormat;
  lrecl: number;
  replace?: boolean;
  /** The FST date; default now. */
  when?: Date;
  /** The disk is this extent of the image (a minidisk on a volume). */
  extent?: DiskExtent;
}

/** One file for writeFiles. */
export interface FileToWrite {
  fileId: string;
  records: readonly Uint8Array[];
  recfm: RecordFormat;
  lrecl: number;
  replace?: boolean;
  when?: Date;
}

/** Writes a file (the image must be uncompressed); returns its FST. */
export function writeFile(path: string, fileId: string, records: readonly Uint8Array[], options: WriteOptions): Fst {
  return writeFiles(path, [{ fileId, records, ...options }], { extent: options.extent })[0]!;
}

/**
 * Writes several files in one update of the image (one copy and rename for all of them: the way to
 * fill a minidisk on a large volume); returns their FSTs. Either every file is written or none.
 */
export function writeFiles(path: string, files: readonly FileToWrite[], options: { extent?: DiskExtent } = {}): Fst[] {
  return updateImage(path, (copy) =>
    // The disk is read afresh for each file: putFile works from the directory and QMSK it was given.
    files.map((f) =>
      onWritableDisk(
        copy,
        (disk) => {
          const id = parseFileId(f.fileId);
          return putFile(
            disk,
            {
              filename: id.filename,
              filetype: id.filetype,
              modeLetter: id.modeLetter ?? 'A',
              modeNumber: id.modeNumber ?? '1',
              recfm: f.recfm,
              lrecl: f.lrecl,
              records: f.records,
              when: f.when ?? new Date(),
            },
            { replace: f.replace },
          );
        },
        options.extent,
      ),
    ),
  );
}

/** Erases a file; returns the FST it had. */
export function erase(path: string, fileId: string, options: { extent?: DiskExtent } = {}): Fst {
  const id = parseFileId(fileId);
  return updateImage(path, (copy) =>
    onWritableDisk(
      copy,
      (disk) => {
        const file = findFile(disk, id);
        eraseFile(disk, file);
        return file.fst;
      },
      options.extent,
    ),
  );
}

function onWritableDisk<T>(file: string, use: (disk: CmsDisk) => T, extent?: DiskExtent): T {
  const store = new FileStore(file, true);
  try {
    return use(CmsDisk.open(CkdBlocks.open(store, extent)));
  } finally {
    store.close();
  }
}

function findFile(disk: CmsDisk, id: FileId): CmsFile {
  const file = disk.files.find((f) => matchesFileId(f.fst, id));
  if (!file) {
    const mode = id.modeLetter ? ` ${id.modeLetter}${id.modeNumber ?? ''}` : '';
    throw new CmsDiskError('not-found', `file '${id.filename} ${id.filetype}${mode}' not found on ${disk.image.name}`);
  }
  return file;
}

export { CmsDisk, fileName, type CmsFile, type OpenOptions };
