// Card images and statement fields for the macro phase (Assembler Language, "Coding conventions":
// statement in columns 1-71, continuation indicator column 72, continuation cards resume in column 16,
// sequence field 73-80), plus the lexical helpers every macro-phase module shares: quoted strings,
// attribute apostrophes, operand and sublist splitting.

import type { SourceLine } from './types.ts';

/** Exclusive end index of the statement field: columns 1-71. */
export const END_COLUMN = 71;
/** Index of column 16, where continuation cards resume. */
export const CONTINUE_COLUMN = 15;
/** Characters per continuation card (columns 16-71). */
const CONTINUED_WIDTH = END_COLUMN - CONTINUE_COLUMN;

/** One statement as read: its card images (a first card and its continuations). */
export interface Statement {
  readonly cards: readonly SourceLine[];
  /** Read from a COPY member (listed as kind 'copy' in open code). */
  readonly copy: boolean;
  /** COPY nesting level of the member the statement came from (0 for the main source). */
  readonly copyLevel: number;
  /** A COPY statement whose member has already been inserted after it. */
  copied?: boolean;
  /** Fields, parsed once on first use. */
  fields?: Fields;
}

/** The fields of a statement, with the columns they start in (in the joined logical text). */
export interface Fields {
  /** '*' comment, '.*' macro comment or blank statement: no name / operation / operand. */
  readonly kind: 'statement' | 'comment' | 'macro-comment' | 'blank';
  readonly name: string;
  readonly op: string;
  readonly operand: string;
  readonly remarks: string;
  readonly opColumn: number;
  readonly operandColumn: number;
  readonly remarksColumn: number;
}

/** Column 72 non-blank: the statement continues on the next card. */
export function isContinued(card: string): boolean {
  return card.length > END_COLUMN && card[END_COLUMN] !== ' ';
}

/** Groups card images into statements by their continuation indicators. */
export function groupStatements(lines: readonly SourceLine[], copy: boolean, copyLevel: number): Statement[] {
  const out: Statement[] = [];
  let i = 0;
  while (i < lines.length) {
    const cards: SourceLine[] = [lines[i]];
    while (isContinued(cards[cards.length - 1].text) && i + cards.length < lines.length) {
      cards.push(lines[i + cards.length]);
    }
    i += cards.length;
    out.push({ cards, copy, copyLevel });
  }
  return out;
}

/** Source text (LF or CRLF) as numbered lines of one file. */
export function splitLines(text: string, file: string): SourceLine[] {
  const raw = text.split(/\r?\n/);
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  return raw.map((t, k) => ({ text: t.replace(/\t/g, ' '), file, line: k + 1 }));
}

/** The joined statement text and where each card's part starts in it. */
export function logicalText(cards: readonly SourceLine[]): { text: string; starts: number[] } {
  let text = '';
  const starts: number[] = [];
  cards.forEach((card, k) => {
    starts.push(text.length);
    text += k === 0 ? card.text.slice(0, END_COLUMN) : card.text.slice(CONTINUE_COLUMN, END_COLUMN);
  });
  return { text: text.replace(/\s+$/, ''), starts };
}

const NAME_START = /[A-Za-z@#$]/;
const NAME_CHAR = /[A-Za-z0-9@#$_]/;

export function isNameStart(c: string | undefined): boolean {
  return c !== undefined && NAME_START.test(c);
}

export function isNameChar(c: string | undefined): boolean {
  return c !== undefined && NAME_CHAR.test(c);
}

/** An ordinary symbol: a letter (or @ # $) then up to 62 letters, digits, @ # $ _. */
export function isSymbol(s: string): boolean {
  return /^[A-Za-z@#$][A-Za-z0-9@#$_]{0,62}$/.test(s);
}

/** Length of the name (letters, digits, @ # $ _) starting at s[i]. */
export function nameLength(s: string, i: number): number {
  let j = i;
  while (j < s.length && isNameChar(s[j])) j++;
  return j - i;
}

const ATTRIBUTE_LETTERS = 'LTKNISDOltknisdo';
const DELIMITERS = " ,(+-*/=.)'";

/**
 * Whether the apostrophe at s[i] is the one of an attribute reference (L'SYM, T'&P, N'&SYSLIST) rather
 * than the opening of a quoted string (C'..', D'1.5', DC nominal values). An attribute letter stands
 * alone after a delimiter and is followed by a symbol or variable symbol that is not itself closed by
 * an apostrophe (which would make it a constant such as D'&X').
 */
export function isAttributeQuote(s: string, i: number): boolean {
  const letter = s[i - 1];
  if (letter === undefined || !ATTRIBUTE_LETTERS.includes(letter)) return false;
  if (i >= 2 && !DELIMITERS.includes(s[i - 2])) return false;
  const next = s[i + 1];
  if (next !== '&' && !isNameStart(next)) return false;
  let j = i + 1;
  while (j < s.length && (isNameChar(s[j]) || s[j] === '&' || s[j] === '.')) j++;
  return s[j] !== "'";
}

/**
 * Index just past the quoted string opening at s[i]. '' stands for one apostrophe, && for one
 * ampersand; a variable symbol's subscript inside the string is skipped as a whole (it may hold
 * attribute references: '&SYSLIST(N'&SYSLIST)'). Unterminated: s.length.
 */
export function skipString(s: string, i: number): number {
  let j = i + 1;
  while (j < s.length) {
    const c = s[j];
    if (c === "'") {
      if (s[j + 1] === "'") {
        j += 2;
        continue;
      }
      return j + 1;
    }
    if (c === '&') {
      if (s[j + 1] === '&') {
        j += 2;
        continue;
      }
      const n = nameLength(s, j + 1);
      j += 1 + n;
      if (n > 0 && s[j] === '(') j = skipParens(s, j);
      continue;
    }
    j++;
  }
  return s.length;
}

/** Index just past the parenthesis that closes the one at s[i] (s.length if unbalanced). */
export function skipParens(s: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < s.length) {
    const c = s[j];
    if (c === "'") {
      j = isAttributeQuote(s, j) ? j + 1 : skipString(s, j);
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  return s.length;
}

/** Splits at top-level commas (outside quotes and parentheses). '' gives no items. */
export function splitTopLevel(s: string): string[] {
  if (s === '') return [];
  const out: string[] = [];
  let start = 0;
  let j = 0;
  while (j < s.length) {
    const c = s[j];
    if (c === "'") j = isAttributeQuote(s, j) ? j + 1 : skipString(s, j);
    else if (c === '(') j = skipParens(s, j);
    else if (c === ',') {
      out.push(s.slice(start, j));
      start = ++j;
    } else j++;
  }
  out.push(s.slice(start));
  return out;
}

/** The entries of a sublist '(A,B,(C,D))', or undefined if the value is not a sublist. */
export function sublistItems(value: string): string[] | undefined {
  if (!value.startsWith('(') || skipParens(value, 0) !== value.length || !value.endsWith(')')) return undefined;
  return splitTopLevel(value.slice(1, -1));
}

/** Operations whose operand field may hold blanks inside parentheses (logical expressions). */
const PAREN_OPERANDS = new Set(['SETA', 'SETB', 'SETC', 'AIF', 'AIFB', 'AGO', 'AGOB', 'ACTR']);

/**
 * Splits a statement into name, operation, operand and remarks fields. The operand ends at the first
 * blank outside quoted strings (and, for conditional assembly, outside parentheses). A blank right
 * after a comma on a card that is continued starts remarks for that card only: the operand goes on
 * in column 16 of the next card (the macro instruction continuation format).
 */
export function parseFields(cards: readonly SourceLine[]): Fields {
  const { text, starts } = logicalText(cards);
  return parseText(text, starts);
}

/** Fields of a statement given as one logical text (starts: where each card's part begins). */
export function parseText(text: string, starts: readonly number[] = [0]): Fields {
  const empty = { name: '', op: '', operand: '', remarks: '', opColumn: -1, operandColumn: -1, remarksColumn: -1 };
  if (text.trim() === '') return { kind: 'blank', ...empty };
  if (text.startsWith('.*')) return { kind: 'macro-comment', ...empty };
  if (text[0] === '*') return { kind: 'comment', ...empty };
  let i = 0;
  while (i < text.length && text[i] !== ' ') i++;
  const name = text.slice(0, i);
  while (text[i] === ' ') i++;
  const opColumn = i;
  while (i < text.length && text[i] !== ' ') i++;
  const op = text.slice(opColumn, i);
  while (text[i] === ' ') i++;
  if (i >= text.length) {
    return { kind: 'statement', name, op, operand: '', remarks: '', opColumn, operandColumn: -1, remarksColumn: -1 };
  }
  const operandColumn = i;
  const parens = PAREN_OPERANDS.has(op.toUpperCase());
  let operand = '';
  let depth = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "'" && !isAttributeQuote(text, i)) {
      const j = skipString(text, i);
      operand += text.slice(i, j);
      i = j;
      continue;
    }
    if (c === ' ' && (!parens || depth <= 0)) {
      if (operand.endsWith(',')) {
        const card = cardOf(starts, i);
        if (card < starts.length - 1) {
          i = starts[card + 1];
          while (text[i] === ' ') i++;
          continue;
        }
      }
      break;
    }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    operand += c;
    i++;
  }
  while (text[i] === ' ') i++;
  const remarks = text.slice(i);
  return {
    kind: 'statement',
    name,
    op,
    operand: operand === ',' ? '' : operand,
    remarks,
    opColumn,
    operandColumn,
    remarksColumn: remarks === '' ? -1 : i,
  };
}

function cardOf(starts: readonly number[], offset: number): number {
  let k = 0;
  while (k + 1 < starts.length && starts[k + 1] <= offset) k++;
  return k;
}

/** The parsed fields of a statement (cached on it). */
export function fieldsOf(st: Statement): Fields {
  if (!st.fields) st.fields = parseFields(st.cards);
  return st.fields;
}

/**
 * Rebuilds a statement from (substituted) fields, keeping each field in the column it had in the model
 * statement when it still fits there, as Assembler H lays out generated statements.
 */
export function buildStatement(f: Fields, name: string, op: string, operand: string, remarks: string): string {
  let line = name;
  if (op !== '') line = line.padEnd(Math.max(line.length + 1, f.opColumn)) + op;
  if (operand !== '') line = line.padEnd(Math.max(line.length + 1, f.operandColumn)) + operand;
  if (remarks !== '') line = line.padEnd(Math.max(line.length + 1, f.remarksColumn)) + remarks;
  return line.replace(/\s+$/, '');
}

/**
 * A statement as 80-column card images: columns 1-71 on the first card, then continuation cards with
 * columns 1-15 blank and the text in columns 16-71, each continued card marked 'X' in column 72.
 */
export function toCards(text: string): string[] {
  const t = text.replace(/\s+$/, '');
  if (t.length <= END_COLUMN) return [t];
  const cards = [`${t.slice(0, END_COLUMN)}X`];
  let rest = t.slice(END_COLUMN);
  while (rest.length > CONTINUED_WIDTH) {
    cards.push(`${' '.repeat(CONTINUE_COLUMN)}${rest.slice(0, CONTINUED_WIDTH)}X`);
    rest = rest.slice(CONTINUED_WIDTH);
  }
  cards.push(`${' '.repeat(CONTINUE_COLUMN)}${rest}`);
  return cards;
}
