// The real printer and punch the spool writes to (VM/370 Operator's Guide R6: the spooling
// operator's START and DRAIN): each printed file becomes a host file in DATA/printer/, each punched
// file one in DATA/punch/, named so that a folder listing shows the order they were produced in
// (NNNNNN-USERID-SPID.txt). The print file is rendered by the same 1403 the bare machine uses
// (carriage control from each record's CCW command code), after the two separator pages; a punch
// file is a text line per card after four separator cards (separator.ts). A device STARTed with
// NOSEP writes no separators.

import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Printer1403 } from '../../devices/printer/printer-1403.ts';
import { MemorySink } from '../../devices/output-file.ts';
import { fromEbcdic, toEbcdic } from '../../ebcdic/index.ts';
import { spoolId, type SpoolFileMeta, type SpoolRecord } from './spool-file.ts';
import { separatorCards, separatorPage, type PrintedOn } from './separator.ts';
import { writeAtomic } from './store.ts';

export type RealDeviceKind = 'printer' | 'punch';

/** Renders a print file (its separator pages unless NOSEP, then each copy) as the 1403 would print it. */
export function renderPrintFile(meta: SpoolFileMeta, records: readonly SpoolRecord[], on: PrintedOn, separator = true): string {
  const sink = new MemorySink();
  const printer = new Printer1403(sink);
  const write = (command: number, data: Uint8Array) => printer.startCommand({ command, flags: 0x20, count: data.length, chained: false }, data);
  const skipToPage = () => write(0x8b, new Uint8Array(0));
  for (let page = 0; separator && page < 2; page++) {
    if (page > 0) skipToPage();
    for (const line of separatorPage(meta, on)) write(0x09, toEbcdic(line));
  }
  for (let copy = 0; copy < Math.max(1, meta.copies); copy++) {
    if (separator || copy > 0) skipToPage();
    for (const r of records) {
      // A command the 1403 rejects (a skip to a channel with no punch) prints the line without motion.
      const result = write(r.command, r.data);
      if ((result.status & 0x02) !== 0) write(0x09, r.data);
    }
  }
  skipToPage();
  return sink.text();
}

/** Renders a punch file: the separator cards (unless NOSEP), then each card as a line of text. */
export function renderPunchFile(meta: SpoolFileMeta, records: readonly SpoolRecord[], punched: Date, separator = true): string {
  const lines = separator ? separatorCards(meta, punched) : [];
  for (let copy = 0; copy < Math.max(1, meta.copies); copy++) {
    for (const r of records) lines.push(fromEbcdic(r.data).replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trimEnd());
  }
  return lines.join('\n') + '\n';
}

/** The host folder of a real device's output, and the next file name in it. */
export class RealDeviceOutput {
  private next: number;

  constructor(readonly folder: string) {
    mkdirSync(folder, { recursive: true });
    this.next = 1;
    for (const name of readdirSync(folder)) {
      const n = Number(/^(\d{6})-/.exec(name)?.[1]);
      if (n >= this.next) this.next = n + 1;
    }
  }

  /** Writes one produced file durably; returns its path. */
  write(meta: SpoolFileMeta, text: string): string {
    const path = join(this.folder, `${String(this.next++).padStart(6, '0')}-${meta.owner.toLowerCase()}-${spoolId(meta.id)}.txt`);
    writeAtomic(path, Buffer.from(text, 'utf8'));
    return path;
  }
}
