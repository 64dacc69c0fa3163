// The structured comments of a program test (docs/program-tests.md): how a test/programs/*.assemble
// file says how it is run (*OPTION, *PSW, *STOP) and what the machine must look like afterwards
// (*EXPECT). They are comment cards to the assembler, so a program test is an ordinary source.

import { toEbcdic } from '../../src/ebcdic/index.ts';

/** A storage location as written: a hex address (first character a digit) or SYMBOL[+-offset]. */
export interface Location {
  text: string;
  /** Absolute hex address, when written as one. */
  address?: number;
  symbol?: string;
  offset: number;
}

export type Expectation =
  | { kind: 'wait'; line: number; at?: Location }
  | { kind: 'gpr'; line: number; register: number; value: number }
  | { kind: 'cr'; line: number; register: number; value: number }
  | { kind: 'fpr'; line: number; register: number; hex: string }
  | { kind: 'cc'; line: number; value: number }
  | { kind: 'psw'; line: number; hex: string }
  | { kind: 'mem'; line: number; at: Location; bytes: Uint8Array }
  | { kind: 'pgm'; line: number; code: number; at: Location };

export interface ProgramTest {
  /** Text of the first ordinary comment card. */
  title: string;
  /** Highest assembler return code accepted (*OPTION RC=). */
  maxReturnCode: number;
  /** Storage size in bytes (*OPTION STORAGE=). */
  storageSize: number;
  /** Instruction limit (*OPTION LIMIT=). */
  limit: number;
  /** Start PSW (*PSW): first word, and the second word as a location (address or symbol). */
  psw?: { word0: number; word1: Location };
  /** Stop before the instruction at this location (*STOP AT). */
  stopAt?: Location;
  expectations: Expectation[];
}

export class ExpectationSyntaxError extends Error {}

const DEFAULT_STORAGE = 16 * 1024 * 1024;
const DEFAULT_LIMIT = 10_000_000;
const DIRECTIVE = /^\*(EXPECT|OPTION|PSW|STOP)(?:\s|$)/;

function fail(line: number, message: string): never {
  throw new ExpectationSyntaxError(`line ${line}: ${message}`);
}

function hexValue(line: number, text: string, maxDigits: number, what: string): number {
  if (!new RegExp(`^[0-9A-Fa-f]{1,${maxDigits}}$`).test(text)) fail(line, `${what} wants 1 to ${maxDigits} hex digits, not '${text}'`);
  return parseInt(text, 16) >>> 0;
}

/** Parses a location: 1A00 (hex: starts with a digit), SYMBOL, SYMBOL+12, SYMBOL-X'10'. */
export function parseLocation(line: number, text: string): Location {
  if (/^[0-9]/.test(text)) return { text, address: hexValue(line, text, 6, 'an address'), offset: 0 };
  const m = /^([A-Za-z@#$_][A-Za-z0-9@#$_]*)(?:([+-])(?:(\d+)|X'([0-9A-Fa-f]+)'))?$/.exec(text);
  if (!m) fail(line, `'${text}' is not a location (HEXADDR, SYMBOL, SYMBOL+n or SYMBOL+X'hh')`);
  const magnitude = m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? parseInt(m[4], 16) : 0;
  return { text, symbol: m[1]!.toUpperCase(), offset: m[2] === '-' ? -magnitude : magnitude };
}

/** Splits on blanks, keeping C'...' (with '' for a quote) in one token. */
function tokens(line: number, text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === ' ' || text[i] === '\t') {
      i++;
      continue;
    }
    let token = '';
    while (i < text.length && text[i] !== ' ' && text[i] !== '\t') {
      if (text[i] === "'") {
        // A quoted part runs to the next single quote; '' is a quote inside it.
        token += text[i++];
        for (;;) {
          if (i >= text.length) fail(line, `no ending quote in '${text}'`);
          if (text[i] === "'" && text[i + 1] === "'") {
            token += "''";
            i += 2;
          } else if (text[i] === "'") {
            token += text[i++];
            break;
          } else token += text[i++];
        }
      } else token += text[i++];
    }
    out.push(token);
  }
  return out;
}

/** A storage value: hex digits (even count), or C'text' in EBCDIC (code page 037). */
function parseBytes(line: number, text: string): Uint8Array {
  const c = /^C'(.*)'$/is.exec(text);
  if (c) return toEbcdic(c[1]!.replace(/''/g, "'"));
  const x = /^(?:X')?([0-9A-Fa-f]+)'?$/.exec(text);
  if (!x || x[1]!.length % 2 !== 0 || (text.startsWith("X'") !== text.endsWith("'"))) {
    fail(line, `'${text}' is not a storage value (an even number of hex digits, or C'text')`);
  }
  return Uint8Array.from(Buffer.from(x[1]!, 'hex'));
}

/** Parses a size such as 64K, 2M or 65536. */
function parseSize(line: number, text: string): number {
  const m = /^(\d+)([KM]?)$/i.exec(text);
  if (!m) fail(line, `STORAGE wants a size such as 64K or 2M, not '${text}'`);
  const unit = m[2]!.toUpperCase();
  const n = Number(m[1]) * (unit === 'K' ? 1024 : unit === 'M' ? 1024 * 1024 : 1);
  if (n < 4096 || n > DEFAULT_STORAGE || n % 2048 !== 0) fail(line, `STORAGE must be a multiple of 2K from 4K to 16M, not '${text}'`);
  return n;
}

/** Joins a value written as blank-separated groups of 8 hex digits (FPR, PSW). */
function hexGroups(line: number, first: string, rest: string[], digits: number, what: string): string {
  let hex = first;
  while (hex.length < digits && rest.length > 0 && /^[0-9A-Fa-f]{8}$/.test(rest[0]!)) hex += rest.shift();
  if (!/^[0-9A-Fa-f]+$/.test(hex)) fail(line, `${what} wants hex digits, not '${hex}'`);
  return hex.toLowerCase();
}

function parseExpect(line: number, text: string): Expectation[] {
  const words = tokens(line, text);
  const head = words[0]?.toUpperCase();
  if (head === undefined) fail(line, '*EXPECT with nothing to expect');
  if (head === 'WAIT') {
    if (words.length > 2) fail(line, '*EXPECT WAIT takes at most one location');
    return [{ kind: 'wait', line, ...(words[1] ? { at: parseLocation(line, words[1]) } : {}) }];
  }
  if (head === 'MEM') {
    if (words.length < 2) fail(line, '*EXPECT MEM wants LOCATION=VALUE');
    return words.slice(1).map((w) => {
      const eq = w.indexOf('=');
      if (eq <= 0) fail(line, `*EXPECT MEM wants LOCATION=VALUE, not '${w}'`);
      return { kind: 'mem', line, at: parseLocation(line, w.slice(0, eq)), bytes: parseBytes(line, w.slice(eq + 1)) };
    });
  }
  if (/^PGM=/.test(head)) {
    if (words.length !== 3 || words[1]!.toUpperCase() !== 'AT') fail(line, '*EXPECT PGM=CODE AT LOCATION');
    return [{ kind: 'pgm', line, code: hexValue(line, words[0]!.slice(4), 4, 'PGM='), at: parseLocation(line, words[2]!) }];
  }
  const out: Expectation[] = [];
  const rest = [...words];
  while (rest.length > 0) {
    const word = rest.shift()!;
    const m = /^(R|CR|FPR|CC|PSW)(\d*)=(.*)$/i.exec(word);
    if (!m) fail(line, `'${word}' is not an expectation (Rn=, CRn=, FPRn=, CC=, PSW=, or a WAIT, MEM or PGM line)`);
    const kind = m[1]!.toUpperCase();
    const n = m[2] === '' ? -1 : Number(m[2]);
    const value = m[3]!;
    if (kind === 'R' || kind === 'CR') {
      if (n < 0 || n > 15) fail(line, `${word}: register 0 to 15`);
      out.push({ kind: kind === 'R' ? 'gpr' : 'cr', line, register: n, value: hexValue(line, value, 8, word) });
    } else if (kind === 'FPR') {
      if (![0, 2, 4, 6].includes(n)) fail(line, `${word}: floating-point register 0, 2, 4 or 6`);
      const hex = hexGroups(line, value, rest, 16, word);
      if (hex.length !== 8 && hex.length !== 16) fail(line, `${word}: 8 or 16 hex digits`);
      out.push({ kind: 'fpr', line, register: n, hex });
    } else if (kind === 'CC') {
      if (n >= 0 || !/^[0-3]$/.test(value)) fail(line, `${word}: CC=0 to CC=3`);
      out.push({ kind: 'cc', line, value: Number(value) });
    } else {
      if (n >= 0) fail(line, `${word}: PSW=16 hex digits`);
      const hex = hexGroups(line, value, rest, 16, word);
      if (hex.length !== 16) fail(line, `${word}: PSW=16 hex digits`);
      out.push({ kind: 'psw', line, hex });
    }
  }
  return out;
}

/** Parses the structured comments of a program test. Throws ExpectationSyntaxError on a bad one. */
export function parseProgramTest(source: string): ProgramTest {
  const test: ProgramTest = { title: '', maxReturnCode: 0, storageSize: DEFAULT_STORAGE, limit: DEFAULT_LIMIT, expectations: [] };
  const cards = source.split(/\r?\n/);
  cards.forEach((card, index) => {
    const line = index + 1;
    const text = card.slice(0, 71).trimEnd();
    // A comment card with a character in column 72 would be continued: the assembler would take
    // the next card as part of the comment.
    if (card.startsWith('*') && (card[71] ?? ' ') !== ' ') fail(line, 'a comment card reaches column 72 (the continuation column)');
    const d = DIRECTIVE.exec(text);
    if (!d) {
      if (test.title === '' && text.startsWith('*') && text.slice(1).trim() !== '') test.title = text.slice(1).trim();
      return;
    }
    // Columns 72-80 are the continuation column and the sequence field: a directive stops at 71.
    if (card.slice(71).trim() !== '') fail(line, 'the directive goes past column 71');
    const body = text.slice(d[0].length).trim();
    switch (d[1]) {
      case 'EXPECT':
        test.expectations.push(...parseExpect(line, body));
        break;
      case 'OPTION':
        for (const w of tokens(line, body)) {
          const m = /^(RC|STORAGE|LIMIT)=(.+)$/i.exec(w);
          if (!m) fail(line, `'${w}' is not an option (RC=, STORAGE=, LIMIT=)`);
          const key = m[1]!.toUpperCase();
          if (key === 'RC') {
            if (!/^(0|4|8|12|16)$/.test(m[2]!)) fail(line, `RC=${m[2]}: 0, 4, 8, 12 or 16`);
            test.maxReturnCode = Number(m[2]);
          } else if (key === 'STORAGE') test.storageSize = parseSize(line, m[2]!);
          else {
            if (!/^\d+$/.test(m[2]!)) fail(line, `LIMIT=${m[2]}: a number of instructions`);
            test.limit = Number(m[2]);
          }
        }
        break;
      case 'PSW': {
        const w = tokens(line, body);
        if (w.length !== 2) fail(line, '*PSW wants two words: 8 hex digits, and 8 hex digits or a location');
        const word1 = /^[0-9A-Fa-f]{8}$/.test(w[1]!) ? { text: w[1]!, address: parseInt(w[1]!, 16) >>> 0, offset: 0 } : parseLocation(line, w[1]!);
        test.psw = { word0: hexValue(line, w[0]!, 8, '*PSW'), word1 };
        break;
      }
      case 'STOP': {
        const w = tokens(line, body);
        if (w.length !== 2 || w[0]!.toUpperCase() !== 'AT') fail(line, '*STOP AT LOCATION');
        test.stopAt = parseLocation(line, w[1]!);
        break;
      }
    }
  });
  if (test.title === '') throw new ExpectationSyntaxError('the first comment card (the test title) is missing');
  if (test.expectations.length === 0) throw new ExpectationSyntaxError('no *EXPECT: a test must assert something');
  return test;
}
