// The ways a CMS disk operation can fail. Each kind maps to one documented exit code of
// `vm370 cmsdisk` (see docs/cmsdisk.md); the library only names the kind.

export type CmsDiskErrorKind =
  /** The file (or no file matching a pattern) is not on the disk. */
  | 'not-found'
  /** A bad argument: file id, RECFM, LRECL, a compressed image opened for writing. */
  | 'usage'
  /** The image is not a sound CKD image holding a CMS 800-byte-format disk. */
  | 'corrupt'
  /** The disk, its directory or the file's chain links have no room for the file. */
  | 'no-room'
  /** The file already exists and replacing it was not asked for. */
  | 'exists'
  /** The host file system failed (cannot read, write or rename a host file). */
  | 'host-io';

export class CmsDiskError extends Error {
  constructor(
    readonly kind: CmsDiskErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'CmsDiskError';
  }
}

export function corrupt(message: string): CmsDiskError {
  return new CmsDiskError('corrupt', message);
}

export function usage(message: string): CmsDiskError {
  return new CmsDiskError('usage', message);
}
