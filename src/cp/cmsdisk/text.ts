// Host-side views of CMS files: file ids and patterns, LISTFILE lines, and conversion between
// records and host text or bytes.

import { fromEbcdic, toEbcdic, EBCDIC_BLANK, type CodePage } from '../../ebcdic/index.ts';
import { CmsDiskError, usage } from './errors.ts';
import { bcdDigits, type Fst, type RecordFormat } from './layout.ts';

export interface FileId {
  filename: string;
  filetype: string;
  /** The mode letter, when given. */
  modeLetter?: string;
  /** The mode number, when given. */
  modeNumber?: string;
}

const NAME = /^[A-Z0-9$#@+\-:_]{1,8}$/;
const PATTERN = /^[A-Z0-9$#@+\-:_*%]{1,8}$/;

/**
 * 'FN FT [FM]' (blanks or dots between). With `patterns`, '*' matches any run of characters and
 * '%' one character, as LISTFILE's patterns do; the mode may then be '*' too.
 */
export function parseFileId(text: string, patterns = false): FileId {
  const parts = text.trim().toUpperCase().split(/[\s.]+/).filter((p) => p !== '');
  const allowed = patterns ? PATTERN : NAME;
  if (patterns && parts.length === 0) return { filename: '*', filetype: '*' };
  if (parts.length < (patterns ? 1 : 2) || parts.length > 3) throw usage(`'${text}' is not a CMS file id (FN FT [FM])`);
  const [filename, filetype = '*', mode] = parts as [string, string?, string?];
  for (const name of [filename, filetype]) {
    if (!allowed.test(name)) throw usage(`'${name}' is not a CMS file name or type (1-8 of A-Z 0-9 $ # @ + - : _)`);
  }
  const id: FileId = { filename, filetype };
  if (mode !== undefined && mode !== '*') {
    const m = /^([A-Z])([0-5])?$/.exec(mode);
    if (!m) throw usage(`'${mode}' is not a CMS file mode (a letter and a digit 0-5, e.g. A1)`);
    id.modeLetter = m[1];
    if (m[2] !== undefined) id.modeNumber = m[2];
  }
  return id;
}

/** Whether a file matches a file id or pattern. The mode letter is the disk's, so only the number counts. */
export function matchesFileId(fst: Fst, id: FileId): boolean {
  return glob(id.filename, fst.filename) && glob(id.filetype, fst.filetype) && (id.modeNumber === undefined || id.modeNumber === fst.modeNumber);
}

function glob(pattern: string, name: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('%')) return pattern === name;
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '.*').replace(/%/g, '.')}$`);
  return re.test(name);
}

/** mm/dd/yy from the FST. */
export function fstDate(fst: Fst): string {
  const d = bcdDigits(fst.date);
  return `${d.slice(0, 2)}/${d.slice(2)}/${fst.year}`;
}

/** h:mm from the FST, the hour without a leading zero as LISTFILE shows it. */
export function fstTime(fst: Fst): string {
  const t = bcdDigits(fst.time);
  return `${t[0] === '0' ? '' : t[0]}${t[1]}:${t.slice(2)}`;
}

function mode(fst: Fst, letter?: string): string {
  return `${letter ?? fst.modeLetter}${fst.modeNumber}`;
}

/**
 * A LISTFILE (LABEL) line: fn ft fm recfm lrecl records blocks date time label, spaced as CMS
 * shows it, e.g. 'HELLO    LISTING  A1  F   120     19      3  01/09/26   23:39  CMS191'.
 */
export function listLine(fst: Fst, label: string, letter?: string): string {
  return (
    `${fst.filename.padEnd(8)} ${fst.filetype.padEnd(8)} ${mode(fst, letter)}  ${fst.recfm} ${String(fst.lrecl).padStart(5)} ` +
    `${String(fst.records).padStart(6)} ${String(fst.blocks).padStart(6)}  ${fstDate(fst)} ${fstTime(fst).padStart(7)}  ${label}`
  );
}

/**
 * A record of the CMS EXEC that R6 `LISTFILE ... (EXEC` writes, without its trailing blanks:
 * ' &1 &2 WORKLEN  TESTFILE  A1  F    80    102     11 03/13/18   22:08'.
 */
export function execLine(fst: Fst, letter?: string): string {
  return (
    ` &1 &2 ${fst.filename.padEnd(8)} ${fst.filetype.padEnd(8)}  ${mode(fst, letter)}  ${fst.recfm} ${String(fst.lrecl).padStart(5)} ` +
    `${String(fst.records).padStart(6)} ${String(fst.blocks).padStart(6)} ${fstDate(fst)} ${fstTime(fst).padStart(7)}`
  );
}

/** Records as host text: one line each; F records lose their trailing blanks. */
export function recordsToText(recfm: RecordFormat, records: readonly Uint8Array[], page: CodePage = 'cp037'): string {
  const lines = records.map((r) => {
    const text = fromEbcdic(r, page);
    return recfm === 'F' ? text.replace(/ +$/, '') : text;
  });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

export interface TextLayout {
  recfm: RecordFormat;
  /** F: the record length (default 80). V: the largest record allowed (default: the longest line). */
  lrecl?: number;
  /** The EBCDIC code page for text (default 037). */
  codePage?: CodePage;
}

/**
 * Host text as records. F lines are blank-padded to the LRECL (longer lines are an error); an empty
 * V line becomes one blank, as CMS EDIT stores it.
 */
export function textToRecords(text: string, layout: TextLayout): { records: Uint8Array[]; lrecl: number } {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const encoded = lines.map((l) => toEbcdic(l, layout.codePage ?? 'cp037'));
  if (layout.recfm === 'F') {
    const lrecl = layout.lrecl ?? 80;
    const records = encoded.map((bytes, i) => {
      if (bytes.length > lrecl) throw usage(`line ${i + 1} is ${bytes.length} characters, longer than the LRECL ${lrecl} (use --recfm V or a larger --lrecl)`);
      const r = new Uint8Array(lrecl).fill(EBCDIC_BLANK);
      r.set(bytes);
      return r;
    });
    return { records, lrecl };
  }
  const records = encoded.map((bytes) => (bytes.length === 0 ? Uint8Array.of(EBCDIC_BLANK) : bytes));
  const longest = records.reduce((m, r) => Math.max(m, r.length), 0);
  if (layout.lrecl !== undefined && longest > layout.lrecl) {
    const i = records.findIndex((r) => r.length > layout.lrecl!);
    throw usage(`line ${i + 1} is ${records[i]!.length} characters, longer than the LRECL ${layout.lrecl}`);
  }
  return { records, lrecl: layout.lrecl ?? Math.max(longest, 1) };
}

/**
 * Records as host bytes: F records one after another; V records each after its halfword length,
 * the way CMS stores them, so that a V file survives a round trip.
 */
export function recordsToBinary(recfm: RecordFormat, records: readonly Uint8Array[]): Uint8Array {
  const length = records.reduce((n, r) => n + r.length + (recfm === 'V' ? 2 : 0), 0);
  const out = new Uint8Array(length);
  let at = 0;
  for (const r of records) {
    if (recfm === 'V') {
      out[at++] = r.length >>> 8;
      out[at++] = r.length & 0xff;
    }
    out.set(r, at);
    at += r.length;
  }
  return out;
}

/**
 * Host bytes as records: F cuts them into LRECL pieces (default 80), the last padded with zeros; V
 * reads halfword-length-prefixed records (what recordsToBinary writes).
 */
export function binaryToRecords(bytes: Uint8Array, layout: TextLayout): { records: Uint8Array[]; lrecl: number } {
  if (layout.recfm === 'F') {
    const lrecl = layout.lrecl ?? 80;
    const records: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; at += lrecl) {
      const r = new Uint8Array(lrecl);
      r.set(bytes.subarray(at, at + lrecl));
      records.push(r);
    }
    return { records, lrecl };
  }
  const records: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 2 > bytes.length) throw new CmsDiskError('usage', `the V data ends inside the length of record ${records.length + 1}`);
    const length = (bytes[at]! << 8) | bytes[at + 1]!;
    if (at + 2 + length > bytes.length) throw new CmsDiskError('usage', `V record ${records.length + 1} (${length} bytes) runs past the end of the data`);
    records.push(bytes.slice(at + 2, at + 2 + length));
    at += 2 + length;
  }
  const longest = records.reduce((m, r) => Math.max(m, r.length), 0);
  if (layout.lrecl !== undefined && longest > layout.lrecl) throw usage(`a record is ${longest} bytes, longer than the LRECL ${layout.lrecl}`);
  return { records, lrecl: layout.lrecl ?? Math.max(longest, 1) };
}
