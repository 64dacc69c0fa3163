// A job's output as text, and the comparison with the expected files.
//
// Printer: every print file the job closed, in the order they were closed, as the 1403 prints it
// (carriage control resolved: a line feed per line spaced, a form feed for a skip to a new page; no
// separator pages), then the batch machine's console as CP's SPOOL CONSOLE would print it: the
// console file is closed at LOGOFF, so it comes last. Punch: every card of every punch file, one
// line of 80 columns each, trailing blanks removed; a card with bytes that are not printable
// characters (an object deck's) is written X'hh...' as a text deck writes binary cards, so that a
// punched deck can be run again.

import { renderPrintFile, type SpoolFileMeta, type SpoolRecord } from '../cp/spool/index.ts';
import { fromEbcdic } from '../ebcdic/index.ts';

export interface SpoolOutput {
  meta: SpoolFileMeta;
  records: SpoolRecord[];
}

/** The printer text of a job: its print files, then its console lines. */
export function printerText(files: readonly SpoolOutput[], console: readonly string[]): string {
  let out = '';
  for (const f of files) {
    // renderPrintFile without separators ends each file with a skip to a new page.
    const text = renderPrintFile({ ...f.meta, copies: 1 }, f.records, { device: 'PRT 00E', at: new Date(0), systemId: 'VM370' }, false);
    // The 1403's text ends a line written without spacing with a carriage return; before the
    // spacing that follows it is noise. A carriage return left means overprinting (ASA '+').
    out += text.replace(/\r(?=[\n\f]|$)/g, '');
  }
  for (const line of console) out += `${line.replace(/ +$/, '')}\n`;
  return out;
}

/** The characters a punched card may show as text: printable ASCII and the EBCDIC cent and not signs. */
const PRINTABLE = /^[\x20-\x7e¢¬]*$/;

/** One card as a line of the punch text. */
export function punchLine(card: Uint8Array): string {
  const text = fromEbcdic(card);
  if (PRINTABLE.test(text)) return text.replace(/ +$/, '');
  return `X'${Buffer.from(card).toString('hex').toUpperCase()}'`;
}

/** The punch text of a job: a line per card of its punch files. */
export function punchText(files: readonly SpoolOutput[]): string {
  let out = '';
  for (const f of files) for (const r of f.records) out += `${punchLine(r.data)}\n`;
  return out;
}

/**
 * A unified diff (diff -u style, 3 lines of context) of two texts, or '' when they are the same.
 * Longest common subsequence over lines; fine for the few thousand lines of a job's output.
 */
export function unifiedDiff(expected: string, actual: string, expectedName: string, actualName: string): string {
  if (expected === actual) return '';
  const a = expected.split('\n');
  const b = actual.split('\n');
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the LCS of a[i..] and b[j..], in one typed array.
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * w + j] = a[i] === b[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    }
  }
  type Op = { kind: ' ' | '-' | '+'; text: string; ai: number; bi: number };
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: ' ', text: a[i]!, ai: i++, bi: j++ });
    else if (i < n && (j === m || lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) ops.push({ kind: '-', text: a[i]!, ai: i++, bi: j });
    else ops.push({ kind: '+', text: b[j]!, ai: i, bi: j++ });
  }
  const out = [`--- ${expectedName}`, `+++ ${actualName}`];
  const context = 3;
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.kind === ' ') {
      k++;
      continue;
    }
    let start = Math.max(0, k - context);
    let end = k;
    // Extend the hunk while changes are within 2*context of each other.
    for (let e = k; e < ops.length; e++) {
      if (ops[e]!.kind !== ' ') end = e;
      else if (e - end > 2 * context) break;
    }
    end = Math.min(ops.length - 1, end + context);
    const hunk = ops.slice(start, end + 1);
    const aStart = hunk[0]!.ai;
    const bStart = hunk[0]!.bi;
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    out.push(`@@ -${aStart + 1},${aLen} +${bStart + 1},${bLen} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.text.replace(/\f/g, '\\f')}`);
    k = end + 1;
    start = k;
  }
  return out.join('\n') + '\n';
}
