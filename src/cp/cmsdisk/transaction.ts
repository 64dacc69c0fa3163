// Opening images for reading and updating them safely.
//
// Reading: a .ckd file is opened read-only; a .ckd.gz is gunzipped into memory. Neither can write.
// Updating: the image is copied next to itself, the copy is changed, synced and renamed over the
// original, and the directory is synced. A failure at any point before the rename leaves the
// original untouched and the copy is removed; the rename itself is atomic.

import { closeSync, copyFileSync, constants, existsSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CmsDiskError } from './errors.ts';
import { FileStore, MemoryStore, type ByteStore } from './store.ts';

export function isCompressedImage(path: string): boolean {
  return /\.gz$/i.test(path);
}

/** A read-only store for an image file, gunzipping a .gz image in memory. */
export function openForReading(path: string): ByteStore {
  if (!isCompressedImage(path)) return new FileStore(path, false);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new CmsDiskError('host-io', `cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    bytes = gunzipSync(bytes);
  } catch (e) {
    throw new CmsDiskError('corrupt', `${path}: not a readable gzip file: ${(e as Error).message}`);
  }
  return new MemoryStore(path, bytes);
}

/**
 * Runs `change` on a writable copy of the image and puts the copy in the image's place when
 * `change` returns; when it throws, the image is as it was.
 */
export function updateImage<T>(path: string, change: (copy: string) => T): T {
  if (isCompressedImage(path)) {
    throw new CmsDiskError('usage', `${path} is compressed; gunzip it to write to it (list and get read .gz images directly)`);
  }
  let real: string;
  try {
    real = realpathSync(path);
  } catch (e) {
    throw new CmsDiskError('host-io', `cannot open ${path}: ${(e as Error).message}`);
  }
  const copy = temporaryName(real);
  try {
    copyFileSync(real, copy, constants.COPYFILE_FICLONE);
  } catch (e) {
    removeQuietly(copy);
    throw new CmsDiskError('host-io', `cannot copy ${path} to update it: ${(e as Error).message}`);
  }
  return commit(real, copy, change);
}

/** Runs `build` on a new, empty file and puts it at `path` when `build` returns. */
export function createImage<T>(path: string, build: (file: string) => T): T {
  const copy = temporaryName(join(realDirectory(path), basename(path)));
  try {
    closeSync(openSync(copy, 'wx'));
  } catch (e) {
    throw new CmsDiskError('host-io', `cannot create ${copy}: ${(e as Error).message}`);
  }
  return commit(join(realDirectory(path), basename(path)), copy, build);
}

function commit<T>(target: string, copy: string, change: (copy: string) => T): T {
  let result: T;
  try {
    result = change(copy);
    syncFile(copy);
    renameSync(copy, target);
  } catch (e) {
    removeQuietly(copy);
    if (e instanceof CmsDiskError) throw e;
    throw new CmsDiskError('host-io', `cannot write ${target}: ${(e as Error).message}`);
  }
  syncDirectory(dirname(target));
  return result;
}

function temporaryName(real: string): string {
  return join(dirname(real), `.${basename(real)}.cmsdisk-${process.pid}-${Date.now().toString(36)}.tmp`);
}

function realDirectory(path: string): string {
  try {
    return realpathSync(dirname(path));
  } catch (e) {
    throw new CmsDiskError('host-io', `no folder for ${path}: ${(e as Error).message}`);
  }
}

function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncDirectory(path: string): void {
  try {
    const fd = openSync(path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems cannot sync a directory; the rename is done either way.
  }
}

function removeQuietly(path: string): void {
  try {
    if (existsSync(path)) unlinkSync(path);
  } catch {
    // Nothing more to do: the original image is untouched.
  }
}

/** Appends bytes at the end of a file. */
export function appendBytes(path: string, chunks: Iterable<Uint8Array>): void {
  const fd = openSync(path, 'r+');
  try {
    let at = statSync(path).size;
    for (const chunk of chunks) {
      let done = 0;
      while (done < chunk.length) done += writeSync(fd, chunk, done, chunk.length - done, at + done);
      at += chunk.length;
    }
  } finally {
    closeSync(fd);
  }
}
