// Card decks for the batch machine (docs/testers-guide.md, "Writing a deck"): reading a deck file
// into 80-column EBCDIC cards, checking it, and turning its control cards into the reader file the
// CMS batch machine processes.
//
// A text deck is one card a line (at most 80 characters, characters of code page 037). A card of
// any bytes (an object deck's ESD, TXT, RLD and END cards) is written in a text deck as a line
// X'hh...' (up to 160 hex digits; a short card is filled with EBCDIC blanks). A binary deck (a file
// named *.ebcdic or *.ebc) is 80-byte EBCDIC cards back to back.
//
// The deck goes into the batch machine's reader as it is. There the BATCH EXEC (cms/exec/batch.exec)
// reads it with READCARD into JOB DECK, and JOBSPLIT (cms/nucleus/dmsbat.assemble) reads the control
// cards: the cards after each go into a file, and the commands they stand for into BATCHJOB EXEC,
// which the BATCH EXEC runs. compileJob checks a deck on the host before it runs (a malformed deck is
// reported without running it) and gives the lines JOBSPLIT will write, by the same rules.

import { readFileSync } from 'node:fs';
import { fromEbcdic, toEbcdic } from '../ebcdic/index.ts';

export const CARD = 80;

/** Why a deck cannot run. */
export class MalformedDeckError extends Error {
  constructor(
    readonly deck: string,
    readonly card: number,
    readonly reason: string,
  ) {
    super(`${deck}: card ${card}: ${reason}`);
  }
}

/** A job compiled for the batch machine. */
export interface CompiledJob {
  /** The /JOB card's name. */
  name: string;
  /** /JOB name ABEND: the job is expected to end in an abend; its output is compared all the same. */
  expectAbend: boolean;
  /** The deck: 80-byte EBCDIC cards, for the reader. */
  cards: Uint8Array[];
  /** The lines JOBSPLIT writes into BATCHJOB EXEC. */
  exec: string[];
}

const EBCDIC_BLANK = 0x40;
/** The characters a text card may hold: printable ASCII and the code page 037 characters CMS shows. */
const TEXT_CARD = /^[\x20-\x7e¢¬¦±µ¿ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöøùúûüý]*$/;
const HEX_CARD = /^X'([0-9A-Fa-f]*)'$/;
/** A CMS file name or type: 1-8 of the characters file ids allow. */
const CMS_NAME = /^[A-Z0-9$#@+\-:_]{1,8}$/;

/** A card from an ASCII string (blank-padded to 80). */
function textCard(text: string): Uint8Array {
  const card = new Uint8Array(CARD).fill(EBCDIC_BLANK);
  card.set(toEbcdic(text).subarray(0, CARD));
  return card;
}

/** Reads a deck file: text (one card a line) or binary (*.ebcdic, *.ebc: 80-byte cards). */
export function readDeckFile(path: string): Uint8Array[] {
  const bytes = readFileSync(path);
  if (/\.ebcdic$|\.ebc$/i.test(path)) return binaryCards(path, bytes);
  return textDeckCards(path, bytes.toString('utf8'));
}

/** Cards of a binary deck; a length that is not a multiple of 80 is malformed. */
export function binaryCards(name: string, bytes: Uint8Array): Uint8Array[] {
  if (bytes.length % CARD !== 0) throw new MalformedDeckError(name, Math.floor(bytes.length / CARD) + 1, `a binary deck is 80-byte cards; the last one has ${bytes.length % CARD} bytes`);
  const cards: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += CARD) cards.push(new Uint8Array(bytes.subarray(at, at + CARD)));
  return cards;
}

/** Cards of a text deck. Over-long lines, tabs and characters EBCDIC has no code for are malformed. */
export function textDeckCards(name: string, text: string): Uint8Array[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line, i) => {
    const hex = HEX_CARD.exec(line);
    if (hex) {
      const digits = hex[1]!;
      if (digits.length % 2 !== 0 || digits.length > 2 * CARD) {
        throw new MalformedDeckError(name, i + 1, `a binary card X'...' holds 1 to 80 bytes in pairs of hex digits (${digits.length} digits)`);
      }
      const card = new Uint8Array(CARD).fill(EBCDIC_BLANK);
      for (let k = 0; k < digits.length; k += 2) card[k / 2] = parseInt(digits.slice(k, k + 2), 16);
      return card;
    }
    if (line.length > CARD) throw new MalformedDeckError(name, i + 1, `over-long card: ${line.length} columns (at most 80)`);
    if (line.includes('\t')) throw new MalformedDeckError(name, i + 1, 'a tab character (cards hold blanks)');
    if (!TEXT_CARD.test(line)) throw new MalformedDeckError(name, i + 1, 'a character that is not EBCDIC (code page 037); write binary cards as X\'hh...\'');
    return textCard(line);
  });
}

/** The card as text (code page 037), or undefined when it holds bytes that are not characters. */
function cardText(card: Uint8Array): string | undefined {
  const text = fromEbcdic(card);
  return /[\u0000-\u001f\u007f-\u009f]/.test(text) ? undefined : text.replace(/ +$/, '');
}

/** The control cards (docs/testers-guide.md, "Control cards"). */
const CONTROL = ['JOB', 'ASSEMBLE', 'TEXT', 'RUN', 'DATA', 'EXEC', 'PUNCH', 'PRINT', 'END'] as const;
type Control = (typeof CONTROL)[number];

/**
 * Checks a deck's cards and compiles its control cards. Throws MalformedDeckError for a deck
 * without a /JOB card first, an unknown control card, a bad operand, a binary card where a control
 * card is expected, or cards after /END.
 */
export function compileJob(deck: string, cards: readonly Uint8Array[]): CompiledJob {
  const bad = (i: number, reason: string): never => {
    throw new MalformedDeckError(deck, i + 1, reason);
  };
  const exec: string[] = [];
  let name = '';
  let expectAbend = false;
  let lastProgram = '';
  let open = false;
  let ended = false;
  let execs = 0;
  let punches = 0;
  cards.forEach((card, i) => {
    const text = cardText(card);
    const control = text !== undefined && text.startsWith('/') && !text.startsWith('/*') ? text : undefined;
    if (control === undefined) {
      if (ended) bad(i, 'a card after /END');
      if (i === 0) bad(i, 'the first card must be /JOB name');
      if (text !== undefined && text.startsWith('/*')) return; // a comment card
      if (!open) bad(i, `a card that belongs to no control card: ${text === undefined ? 'binary' : `'${text.slice(0, 20)}'`}`);
      return;
    }
    open = false;
    // JOBSPLIT reads a control card's words from columns 2-72 (73-80: sequence numbers).
    const words = control.slice(1, 72).trim().split(/\s+/).map((w) => w.toUpperCase());
    const keyword = words[0] ?? '';
    const operands = words.slice(1);
    if (!(CONTROL as readonly string[]).includes(keyword)) bad(i, `unknown control card /${keyword}`);
    if (ended) bad(i, 'a card after /END');
    if (i === 0 && keyword !== 'JOB') bad(i, 'the first card must be /JOB name');
    if (i > 0 && keyword === 'JOB') bad(i, 'a second /JOB card');
    const cmsName = (w: string | undefined, what: string): string => {
      if (w === undefined || !CMS_NAME.test(w)) bad(i, `/${keyword}: ${what} must be 1-8 letters, digits or $#@+-:_${w === undefined ? '' : `, not '${w}'`}`);
      return w!;
    };
    // A control card whose cards follow (JOBSPLIT writes them to the file fn ft A1).
    const section = (fn: string, ft: string): void => {
      open = CMS_NAME.test(fn) && CMS_NAME.test(ft);
    };
    switch (keyword as Control) {
      case 'JOB':
        name = cmsName(operands[0], 'the job name');
        expectAbend = operands.slice(1).includes('ABEND');
        if (operands.slice(1).some((o) => o !== 'ABEND')) bad(i, `/JOB: unknown option '${operands.slice(1).find((o) => o !== 'ABEND')}'`);
        exec.push(`&TYPE JOB ${name}`);
        break;
      case 'ASSEMBLE': {
        const fn = cmsName(operands[0], 'the file name');
        section(fn, 'ASSEMBLE');
        exec.push(`ASSEMBLE ${fn}`, `PRINT ${fn} LISTING A (CC`);
        lastProgram = fn;
        break;
      }
      case 'TEXT': {
        const fn = cmsName(operands[0], 'the file name');
        section(fn, 'TEXT');
        lastProgram = fn;
        break;
      }
      case 'RUN': {
        const fn = operands[0] === undefined || operands[0] === '*' ? lastProgram : cmsName(operands[0], 'the program');
        if (fn === '') bad(i, '/RUN: no program yet (an /ASSEMBLE or /TEXT card comes first, or name its TEXT file)');
        exec.push(`LOAD ${fn}`, `START * ${operands.slice(1).join(' ')}`.trimEnd());
        break;
      }
      case 'DATA':
        section(cmsName(operands[0], 'the file name'), cmsName(operands[1], 'the file type'));
        break;
      case 'EXEC': {
        const fn = operands[0] === undefined ? `JOBEXEC${++execs}` : cmsName(operands[0], 'the EXEC name');
        section(fn, 'EXEC');
        exec.push(`EXEC ${fn} ${operands.slice(1).join(' ')}`.trimEnd());
        break;
      }
      case 'PUNCH':
        if (operands.length === 0) {
          const fn = `PUNCH${++punches}`;
          section(fn, 'CARDS');
          exec.push(`PUNCH ${fn} CARDS A ( NOHEADER`);
        } else {
          exec.push(`PUNCH ${cmsName(operands[0], 'the file name')} ${cmsName(operands[1], 'the file type')} A ( NOHEADER`);
        }
        break;
      case 'PRINT':
        exec.push(`PRINT ${cmsName(operands[0], 'the file name')} ${cmsName(operands[1], 'the file type')} A${operands[2] === 'CC' ? ' (CC' : ''}`);
        break;
      case 'END':
        ended = true;
        break;
    }
  });
  if (cards.length === 0) throw new MalformedDeckError(deck, 1, 'an empty deck (the first card must be /JOB name)');
  return { name, expectAbend, cards: [...cards], exec };
}
