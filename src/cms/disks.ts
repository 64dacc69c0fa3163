// The files of the CMS system disks, from cms/: what belongs on MAINT 190 (the S-disk: EXECs and
// other system files) and MAINT 19D (the help disk), as lists of CMS records in EBCDIC. The system
// creation writes them onto the minidisks (src/cp/cmsdisk); this module only reads cms/.
//
// Help files follow IBM's VM/370 R6 19D: the file name is the command, the file type HELPCMD for a
// CP or CMS command (HELPCMD2 for its usage notes and responses), variable-length records of at
// most 79 characters (they fit a 3270 line). Sources: cms/help/NAME.helpcmd and NAME.helpcmd2,
// text with one line a record.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toEbcdic } from '../ebcdic/index.ts';
import { buildCms, CMS_ROOT, CmsBuildError, type CmsBuild } from './build.ts';

/** One CMS file for a system disk. */
export interface SystemDiskFile {
  /** The minidisk's virtual address on MAINT: 0x190 (S) or 0x19d (help). */
  vaddr: number;
  /** 'FN FT FM', as src/cp/cmsdisk takes it. */
  fileId: string;
  recfm: 'F' | 'V';
  lrecl: number;
  records: Uint8Array[];
}

/** The longest line a help file may have: a 3270 line of 80 less one. */
export const HELP_WIDTH = 79;

/** Help file types: a command's help, and its second part (usage notes, responses). */
export const HELP_TYPES = ['HELPCMD', 'HELPCMD2'] as const;

/** File types of cms/exec that go on the S-disk. */
const S_DISK_TYPES = ['EXEC'];

/** A CMS name: 1-8 of the characters CMS file ids allow. */
const CMS_NAME = /^[A-Z0-9$#@+\-:_]{1,8}$/;

/** An error in a system disk source (bad name, line too long). */
export class SystemDiskError extends Error {}

/** The lines of a text file: no trailing blanks, no final empty line, tabs refused. */
function textLines(path: string): string[] {
  const text = readFileSync(path, 'utf8').replace(/\r\n/g, '\n');
  const lines = text.split('\n').map((l) => l.replace(/ +$/, ''));
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * Variable-length CMS records from lines: an empty line becomes one blank, as CMS EDIT stores it
 * (a V record is never empty).
 */
function vRecords(lines: readonly string[]): { records: Uint8Array[]; lrecl: number } {
  const records = lines.map((l) => toEbcdic(l === '' ? ' ' : l));
  const lrecl = Math.max(1, ...records.map((r) => r.length));
  return { records, lrecl };
}

/** The file id parts of a source name: 'access.helpcmd' is ACCESS HELPCMD. */
function fileIdParts(name: string): { fn: string; ft: string } | undefined {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return { fn: name.slice(0, dot).toUpperCase(), ft: name.slice(dot + 1).toUpperCase() };
}

/** One help file source checked and turned into records. */
function helpFile(path: string, fn: string, ft: string): SystemDiskFile {
  if (!CMS_NAME.test(fn)) throw new SystemDiskError(`${path}: '${fn}' is not a CMS file name`);
  const lines = textLines(path);
  lines.forEach((line, i) => {
    if (line.length > HELP_WIDTH) throw new SystemDiskError(`${path}:${i + 1}: line of ${line.length} characters (at most ${HELP_WIDTH})`);
    if (line.includes('\t')) throw new SystemDiskError(`${path}:${i + 1}: a tab (use blanks)`);
  });
  if (lines.length === 0) throw new SystemDiskError(`${path}: empty help file`);
  return { vaddr: 0x19d, fileId: `${fn} ${ft} U2`, recfm: 'V', ...vRecords(lines) };
}

/** The help files of cms/help, in name order. */
export function helpFiles(root: string = CMS_ROOT): SystemDiskFile[] {
  const dir = join(root, 'help');
  if (!existsSync(dir)) return [];
  const out: SystemDiskFile[] = [];
  for (const name of readdirSync(dir).sort()) {
    const id = fileIdParts(name);
    if (id === undefined || !(HELP_TYPES as readonly string[]).includes(id.ft)) continue;
    out.push(helpFile(join(dir, name), id.fn, id.ft));
  }
  return out;
}

/** The S-disk files of cms/exec (NAME.exec), in name order. */
export function sDiskFiles(root: string = CMS_ROOT): SystemDiskFile[] {
  const dir = join(root, 'exec');
  if (!existsSync(dir)) return [];
  const out: SystemDiskFile[] = [];
  for (const name of readdirSync(dir).sort()) {
    const id = fileIdParts(name);
    if (id === undefined || !S_DISK_TYPES.includes(id.ft)) continue;
    if (!CMS_NAME.test(id.fn)) throw new SystemDiskError(`${join(dir, name)}: '${id.fn}' is not a CMS file name`);
    out.push({ vaddr: 0x190, fileId: `${id.fn} ${id.ft} S2`, recfm: 'V', ...vRecords(textLines(join(dir, name))) });
  }
  return out;
}

/**
 * The MODULE files of a CMS build for 190: `NAME MODULE S2`, RECFM V as GENMOD writes them (the
 * 80-byte header, then the image), the commands R6 keeps on its S-disk (EDIT, COPYFILE ...).
 */
export function moduleFiles(build: Pick<CmsBuild, 'modules'>): SystemDiskFile[] {
  return build.modules.map((m) => ({
    vaddr: 0x190,
    fileId: `${m.name} MODULE S2`,
    recfm: 'V' as const,
    lrecl: Math.max(1, ...m.records.map((r) => r.length)),
    records: m.records,
  }));
}

/**
 * Every file that belongs on MAINT's system disks: 190 (S) first (the EXECs, then the MODULE
 * files of our CMS when `root` holds its nucleus: of `build`, or of a build made here), then 19D
 * (help). The system creation and start write them (replacing older copies); each entry names its
 * disk by `vaddr`.
 */
export function systemDiskFiles(root: string = CMS_ROOT, build?: Pick<CmsBuild, 'modules'>): SystemDiskFile[] {
  return [...sDiskFiles(root), ...moduleFiles(build ?? modulesOf(root)), ...helpFiles(root)];
}

/**
 * The MODULE files of a build of `root`: none when it has no nucleus, or when it does not build
 * (the system start logs that error where it builds the nucleus, src/cms/install.ts).
 */
function modulesOf(root: string): Pick<CmsBuild, 'modules'> {
  if (!existsSync(join(root, 'nucleus'))) return { modules: [] };
  try {
    return buildCms({ root });
  } catch (e) {
    if (e instanceof CmsBuildError) return { modules: [] };
    throw e;
  }
}
