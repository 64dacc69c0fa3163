// The assembler listing, laid out as IBM's Assembler XF prints one: an external symbol dictionary, the
// source and object code (LOC, OBJECT CODE, ADDR1, ADDR2, STMT, SOURCE STATEMENT) with messages under
// the statement they concern, the symbol cross-reference, the relocation dictionary and the
// diagnostic summary. Pages have a heading (TITLE text and page number); EJECT, SPACE and TITLE steer
// the layout.
//
// Columns of a statement line (1-based):
//   1-6 LOC | 8-23 OBJECT CODE | 25-30 ADDR1 | 32-37 ADDR2 | 39-43 STMT | 44 '+' (generated) | 45- source

import { toEbcdic } from '../ebcdic/index.ts';
import type { ListingLine } from './assembly.ts';
import { listingMessage, type AsmMessage } from './messages.ts';
import type { EsdItem, RldItem } from './object-deck.ts';
import { rldFlag } from './object-deck.ts';
import type { SymbolSummary } from './types.ts';

export const COL = { loc: 1, object: 8, addr1: 25, addr2: 32, stmt: 39, generated: 44, source: 45 } as const;

export interface ListingInput {
  lines: ListingLine[];
  symbols: SymbolSummary[];
  esd: EsdItem[];
  rld: RldItem[];
  /** Messages not tied to a printed statement (end of input, macro phase without statement). */
  unattached: AsmMessage[];
  allMessages: AsmMessage[];
  maxSeverity: number;
  statements: number;
  linesPerPage: number;
  date: Date;
}

function hex(n: number, width: number): string {
  return (n >>> 0).toString(16).toUpperCase().padStart(width, '0').slice(-width);
}

function dec(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Writes text so that it starts at 1-based column col. */
function at(line: string, col: number, text: string): string {
  const padded = line.padEnd(col - 1, ' ');
  return padded.slice(0, col - 1) + text + padded.slice(col - 1 + text.length);
}

function objectText(bytes: number[], data: boolean): string {
  if (data) return bytes.slice(0, 8).map((b) => hex(b, 2)).join('');
  const h = bytes.map((b) => hex(b, 2)).join('');
  return (h.match(/.{1,4}/g) ?? []).join(' ');
}

class Printer {
  readonly out: string[] = [];
  private page = 0;
  private lineOnPage = 0;
  title = '';

  constructor(
    private readonly perPage: number,
    private readonly stamp: string,
    private heading: string,
  ) {}

  setHeading(h: string): void {
    this.heading = h;
  }

  newPage(): void {
    this.page++;
    this.out.push('\f' + at(this.title.padEnd(100, ' '), 104, `PAGE ${String(this.page).padStart(4, ' ')}`));
    this.out.push(at(this.heading, 100, this.stamp));
    this.out.push('');
    this.lineOnPage = 3;
  }

  /** A new title: a new page, or the current one re-headed if nothing is on it yet. */
  retitle(title: string): void {
    this.title = title;
    if (this.page > 0 && this.lineOnPage === 3) {
      this.out.splice(this.out.length - 3, 3);
      this.page--;
    }
    this.newPage();
  }

  /** Starts a new page unless the current one is still empty. */
  eject(): void {
    if (this.lineOnPage > 3 || this.page === 0) this.newPage();
  }

  line(text: string): void {
    if (this.page === 0 || this.lineOnPage >= this.perPage) this.newPage();
    this.out.push(text.trimEnd());
    this.lineOnPage++;
  }

  space(n: number): void {
    for (let i = 0; i < n && this.lineOnPage < this.perPage; i++) this.line('');
  }
}

export const SOURCE_HEADING = at(
  at(at(at(at(at('', COL.loc + 1, 'LOC'), COL.object, 'OBJECT CODE'), COL.addr1, 'ADDR1'), COL.addr2, 'ADDR2'), COL.stmt + 1, 'STMT'),
  COL.source,
  'SOURCE STATEMENT',
);

function visible(l: ListingLine): boolean {
  if (l.messages.length > 0) return true;
  if (!l.print.on) return false;
  if (l.generated && !l.print.gen) return false;
  return true;
}

function statementLines(l: ListingLine): string[] {
  const out: string[] = [];
  let first = '';
  if (l.loc !== undefined) first = at(first, COL.loc, hex(l.loc, 6));
  if (l.object.length > 0) first = at(first, COL.object, objectText(l.object, l.data));
  if (l.addr1 !== undefined) first = at(first, COL.addr1, hex(l.addr1, 6));
  if (l.addr2 !== undefined) first = at(first, COL.addr2, hex(l.addr2, 6));
  if (l.stmt > 0) first = at(first, COL.stmt, String(l.stmt).padStart(5, ' '));
  if (l.generated) first = at(first, COL.generated, '+');
  first = at(first, COL.source, l.cards[0] ?? '');
  out.push(first);
  for (let k = 1; k < l.cards.length; k++) out.push(at('', COL.source, l.cards[k]));
  // PRINT DATA: the rest of a constant, eight bytes a line.
  if (l.data && l.print.data && l.object.length > 8 && l.loc !== undefined) {
    for (let k = 8; k < l.object.length; k += 8) {
      out.push(at(at('', COL.loc, hex(l.loc + k, 6)), COL.object, objectText(l.object.slice(k, k + 8), true)));
    }
  }
  for (const m of l.messages) out.push(at('', COL.source, listingMessage(m)));
  return out;
}

/** EBCDIC collating order, as IBM sorts the cross-reference. */
function ebcdicCompare(x: Uint8Array, y: Uint8Array): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

function esdSection(p: Printer, esd: EsdItem[]): void {
  p.title = 'EXTERNAL SYMBOL DICTIONARY';
  p.setHeading('SYMBOL    TYPE  ID   ADDR   LENGTH  LD ID');
  p.newPage();
  for (const e of esd) {
    let l = at('', 1, e.name || ' ');
    l = at(l, 11, e.type === 'PC' ? 'PC' : e.type);
    if (e.esdid !== undefined) l = at(l, 15, hex(e.esdid, 4));
    if (e.type !== 'ER' && e.type !== 'WX') l = at(l, 20, hex(e.address, 6));
    if (e.length !== undefined && e.type !== 'LD') l = at(l, 27, hex(e.length, 6));
    if (e.ldid !== undefined) l = at(l, 35, hex(e.ldid, 4));
    p.line(l);
  }
}

function xrefSection(p: Printer, symbols: SymbolSummary[]): void {
  p.title = 'CROSS-REFERENCE';
  p.setHeading(at(at(at(at(at('', 1, 'SYMBOL'), 10, 'LEN'), 16, 'VALUE'), 24, 'DEFN'), 31, 'REFERENCES'));
  p.newPage();
  const keyed = symbols.map((s) => ({ s, key: toEbcdic(s.name) }));
  keyed.sort((a, b) => ebcdicCompare(a.key, b.key));
  const sorted = keyed.map((k) => k.s);
  for (const s of sorted) {
    // A name longer than eight characters gets a line of its own.
    if (s.name.length > 8) p.line(s.name);
    let line = at('', 1, s.name.length > 8 ? '' : s.name);
    line = at(line, 10, dec(Math.min(s.length, 99999), 5));
    line = at(line, 16, hex(s.value, 6));
    line = at(line, 24, s.defined ? dec(s.defined, 5) : '*****');
    let col = 31;
    for (const r of s.references) {
      if (col + 5 > 120) {
        p.line(line);
        line = '';
        col = 31;
      }
      line = at(line, col, dec(r, 5));
      col += 6;
    }
    p.line(line);
  }
}

function rldSection(p: Printer, rld: RldItem[]): void {
  if (rld.length === 0) return;
  p.title = 'RELOCATION DICTIONARY';
  p.setHeading('POS.ID   REL.ID   FLAGS   ADDRESS');
  p.newPage();
  for (const r of rld) {
    p.line(at(at(at(at('', 2, hex(r.position, 4)), 11, hex(r.relocation, 4)), 20, hex(rldFlag(r, false), 2)), 27, hex(r.address, 6)));
  }
}

function summarySection(p: Printer, input: ListingInput): void {
  p.title = 'DIAGNOSTIC CROSS REFERENCE AND ASSEMBLER SUMMARY';
  p.setHeading('');
  p.newPage();
  const flagged = new Map<number, number>();
  for (const m of input.allMessages) if (m.stmt > 0) flagged.set(m.stmt, Math.max(flagged.get(m.stmt) ?? 0, m.severity));
  if (flagged.size === 0 && input.unattached.length === 0) p.line('NO STATEMENTS FLAGGED IN THIS ASSEMBLY');
  else {
    p.line(`${String(flagged.size).padStart(5, ' ')} STATEMENTS FLAGGED IN THIS ASSEMBLY   ${input.maxSeverity} WAS HIGHEST SEVERITY CODE`);
    const list = [...flagged.entries()].sort((a, b) => a[0] - b[0]).map(([s, sev]) => `${s}(${sev})`);
    for (let k = 0; k < list.length; k += 10) p.line(`  STATEMENTS FLAGGED - ${list.slice(k, k + 10).join(' ')}`);
    for (const m of input.unattached) p.line(`  ${m.file}:${m.line}: ${listingMessage(m)}`);
  }
  p.line('');
  p.line(`${String(input.statements).padStart(5, ' ')} STATEMENTS ASSEMBLED`);
  p.line(`RETURN CODE ${input.maxSeverity <= 0 ? 0 : input.maxSeverity <= 4 ? 4 : input.maxSeverity <= 8 ? 8 : input.maxSeverity <= 12 ? 12 : 16}`);
}

export function formatListing(input: ListingInput): string {
  const d = input.date;
  const stamp = `VM370 ASM  ${String(d.getUTCFullYear() % 100).padStart(2, '0')}.${String(d.getUTCMonth() + 1).padStart(2, '0')}.${String(d.getUTCDate()).padStart(2, '0')}`;
  const p = new Printer(Math.max(10, input.linesPerPage), stamp, '');
  esdSection(p, input.esd);
  p.title = '';
  p.setHeading(SOURCE_HEADING);
  p.newPage();
  for (const l of input.lines) {
    const c = l.control;
    if (c && l.messages.length === 0 && l.print.on) {
      if (c.kind === 'title') p.retitle(c.text);
      else if (c.kind === 'eject') p.eject();
      else p.space(c.lines);
      continue;
    }
    if (c?.kind === 'title') p.title = c.text;
    if (!visible(l)) continue;
    for (const t of statementLines(l)) p.line(t);
  }
  xrefSection(p, input.symbols);
  rldSection(p, input.rld);
  summarySection(p, input);
  return p.out.join('\n') + '\n';
}
