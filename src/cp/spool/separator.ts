// The separators the real printer and punch put before each file (VM/370 Operator's Guide R6,
// "Operator spooling functions": unless a device was STARTed with NOSEP, VM/370 prints a two-page
// separator before each printer file and punches a four-card separator before each punch file; the
// pages show the owner's user id and distribution code in block letters with the spool file's
// characteristics and the real device's data; no separator comes between copies of a file). The
// layout of the page below is this project's close look-alike, not IBM's page: a line of
// asterisks, the user id and the distribution code in 7-line block letters, the details in plain
// text, another line of asterisks; the same page twice.

import type { SpoolFileMeta } from './spool-file.ts';
import { spoolId } from './spool-file.ts';

/** 5x7 block letters: each glyph is seven rows of five cells. */
const FONT: Record<string, readonly string[]> = {
  A: [' XXX ', 'X   X', 'X   X', 'XXXXX', 'X   X', 'X   X', 'X   X'],
  B: ['XXXX ', 'X   X', 'X   X', 'XXXX ', 'X   X', 'X   X', 'XXXX '],
  C: [' XXX ', 'X   X', 'X    ', 'X    ', 'X    ', 'X   X', ' XXX '],
  D: ['XXXX ', 'X   X', 'X   X', 'X   X', 'X   X', 'X   X', 'XXXX '],
  E: ['XXXXX', 'X    ', 'X    ', 'XXXX ', 'X    ', 'X    ', 'XXXXX'],
  F: ['XXXXX', 'X    ', 'X    ', 'XXXX ', 'X    ', 'X    ', 'X    '],
  G: [' XXX ', 'X   X', 'X    ', 'X XXX', 'X   X', 'X   X', ' XXX '],
  H: ['X   X', 'X   X', 'X   X', 'XXXXX', 'X   X', 'X   X', 'X   X'],
  I: [' XXX ', '  X  ', '  X  ', '  X  ', '  X  ', '  X  ', ' XXX '],
  J: ['  XXX', '   X ', '   X ', '   X ', '   X ', 'X  X ', ' XX  '],
  K: ['X   X', 'X  X ', 'X X  ', 'XX   ', 'X X  ', 'X  X ', 'X   X'],
  L: ['X    ', 'X    ', 'X    ', 'X    ', 'X    ', 'X    ', 'XXXXX'],
  M: ['X   X', 'XX XX', 'X X X', 'X X X', 'X   X', 'X   X', 'X   X'],
  N: ['X   X', 'XX  X', 'X X X', 'X  XX', 'X   X', 'X   X', 'X   X'],
  O: [' XXX ', 'X   X', 'X   X', 'X   X', 'X   X', 'X   X', ' XXX '],
  P: ['XXXX ', 'X   X', 'X   X', 'XXXX ', 'X    ', 'X    ', 'X    '],
  Q: [' XXX ', 'X   X', 'X   X', 'X   X', 'X X X', 'X  X ', ' XX X'],
  R: ['XXXX ', 'X   X', 'X   X', 'XXXX ', 'X X  ', 'X  X ', 'X   X'],
  S: [' XXXX', 'X    ', 'X    ', ' XXX ', '    X', '    X', 'XXXX '],
  T: ['XXXXX', '  X  ', '  X  ', '  X  ', '  X  ', '  X  ', '  X  '],
  U: ['X   X', 'X   X', 'X   X', 'X   X', 'X   X', 'X   X', ' XXX '],
  V: ['X   X', 'X   X', 'X   X', 'X   X', 'X   X', ' X X ', '  X  '],
  W: ['X   X', 'X   X', 'X   X', 'X X X', 'X X X', 'XX XX', 'X   X'],
  X: ['X   X', 'X   X', ' X X ', '  X  ', ' X X ', 'X   X', 'X   X'],
  Y: ['X   X', 'X   X', ' X X ', '  X  ', '  X  ', '  X  ', '  X  '],
  Z: ['XXXXX', '    X', '   X ', '  X  ', ' X   ', 'X    ', 'XXXXX'],
  '0': [' XXX ', 'X   X', 'X  XX', 'X X X', 'XX  X', 'X   X', ' XXX '],
  '1': ['  X  ', ' XX  ', '  X  ', '  X  ', '  X  ', '  X  ', ' XXX '],
  '2': [' XXX ', 'X   X', '    X', '   X ', '  X  ', ' X   ', 'XXXXX'],
  '3': ['XXXXX', '   X ', '  X  ', '   X ', '    X', 'X   X', ' XXX '],
  '4': ['   X ', '  XX ', ' X X ', 'X  X ', 'XXXXX', '   X ', '   X '],
  '5': ['XXXXX', 'X    ', 'XXXX ', '    X', '    X', 'X   X', ' XXX '],
  '6': ['  XX ', ' X   ', 'X    ', 'XXXX ', 'X   X', 'X   X', ' XXX '],
  '7': ['XXXXX', '    X', '   X ', '  X  ', ' X   ', ' X   ', ' X   '],
  '8': [' XXX ', 'X   X', 'X   X', ' XXX ', 'X   X', 'X   X', ' XXX '],
  '9': [' XXX ', 'X   X', 'X   X', ' XXXX', '    X', '   X ', ' XX  '],
  '$': ['  X  ', ' XXXX', 'X X  ', ' XXX ', '  X X', 'XXXX ', '  X  '],
  '#': [' X X ', ' X X ', 'XXXXX', ' X X ', 'XXXXX', ' X X ', ' X X '],
  '@': [' XXX ', 'X   X', 'X XXX', 'X X X', 'X XXX', 'X    ', ' XXX '],
  ' ': ['     ', '     ', '     ', '     ', '     ', '     ', '     '],
};

/** Text in block letters: seven lines, each cell drawn with the letter itself (as VM's pages do). */
export function blockLetters(text: string): string[] {
  const rows: string[] = ['', '', '', '', '', '', ''];
  for (const ch of text.toUpperCase()) {
    const glyph = FONT[ch] ?? FONT[' ']!;
    for (let r = 0; r < 7; r++) rows[r] += glyph[r]!.replace(/X/g, ch === ' ' ? ' ' : ch) + '  ';
  }
  return rows.map((r) => `     ${r.trimEnd()}`);
}

const two = (n: number) => String(n).padStart(2, '0');

/** mm/dd/yy hh:mm:ss of a time (GMT, as CP's clock). */
export function separatorTime(t: Date): string {
  return `${two(t.getUTCMonth() + 1)}/${two(t.getUTCDate())}/${two(t.getUTCFullYear() % 100)} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())}`;
}

/** Where and when a file is printed: the real device's data on the separator. */
export interface PrintedOn {
  device: string;
  at: Date;
  systemId: string;
}

/** One separator page's lines (the page then ends with a skip to a new page). */
export function separatorPage(meta: SpoolFileMeta, on: PrintedOn): string[] {
  const stars = '*'.repeat(132);
  return [
    stars,
    '',
    ...blockLetters(meta.owner),
    '',
    ...blockLetters(meta.dist),
    '',
    `     USERID ${meta.owner.padEnd(8)}  DIST ${meta.dist.padEnd(8)}  ORIGIN ${meta.origin.padEnd(8)}  SPOOLID ${spoolId(meta.id)}  CLASS ${meta.spoolClass}  ${meta.device}  RECDS ${String(meta.records).padStart(6, '0')}  COPY ${two(meta.copies)}`,
    `     NAME ${meta.name.padEnd(8)} ${meta.type.padEnd(8)}  CLOSED ${separatorTime(new Date(meta.created))}`,
    `     PRINTED ${separatorTime(on.at)} GMT ON ${on.device}  SYSTEM ${on.systemId}`,
    '',
    stars,
  ];
}

/** The four separator cards before a punched deck (80 columns each). */
export function separatorCards(meta: SpoolFileMeta, punched: Date): string[] {
  const card = `*** ${meta.owner.padEnd(8)} DIST ${meta.dist.padEnd(8)} FILE ${spoolId(meta.id)} CLASS ${meta.spoolClass} ${meta.name.padEnd(8)} ${meta.type.padEnd(8)} ${separatorTime(punched)}`.slice(0, 80);
  return [card, card, card, card];
}
