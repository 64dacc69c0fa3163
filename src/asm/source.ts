// Card images to statements: the 80-column fixed format of the S/370 assemblers (begin column 1, end
// column 71, continuation indicator column 72, continue column 16, sequence field 73-80), comment
// cards, the name / operation / operand / remarks fields, and operand splitting that respects quoted
// strings and parentheses (Assembler Language, "Coding conventions").

import type { ExpandedLine } from './macro/types.ts';

export interface LexError {
  code: string;
  detail?: string;
}

export interface Statement {
  /** Statement number (1-based) as the listing prints it. */
  stmt: number;
  file: string;
  line: number;
  /** Index of the statement's first card in the expanded line list (macro messages refer to it). */
  at: number;
  /** The card images that make up the statement, as read. */
  cards: string[];
  kind: ExpandedLine['kind'];
  /** A whole-line comment, a blank card, or a macro-phase line kept for the listing only. */
  comment: boolean;
  /** Name field as written ('' if none), upper-cased. */
  name: string;
  /** Operation field, upper-cased. */
  op: string;
  /** The operand field (continuations joined), case preserved. */
  operands: string;
  /** Lexical problems found while splitting fields. */
  errors: LexError[];
}

const BEGIN = 0;
const END = 71; // exclusive index: columns 1-71
const CONTINUE = 15; // column 16

function isBlank(c: string | undefined): boolean {
  return c === undefined || c === ' ';
}

/** Symbol characters of the assembler language: letters, digits, @ # $ and (as Assembler H) _. */
export function isSymbolChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  const k = c.charCodeAt(0);
  return (k >= 65 && k <= 90) || (k >= 97 && k <= 122) || (k >= 48 && k <= 57) || c === '@' || c === '#' || c === '$' || c === '_';
}

export function isSymbolStart(c: string | undefined): boolean {
  return isSymbolChar(c) && !(c! >= '0' && c! <= '9');
}

/** A valid ordinary symbol: 1-63 characters, first not a digit. */
export function isOrdinarySymbol(s: string): boolean {
  if (s.length === 0 || s.length > 63 || !isSymbolStart(s[0])) return false;
  for (let i = 1; i < s.length; i++) if (!isSymbolChar(s[i])) return false;
  return true;
}

const ATTRIBUTE_LETTERS = 'LTISKNDOltiskndo';

/**
 * Whether the apostrophe at text[i] begins a quoted string (C'..', X'..', a DC nominal value) rather than
 * an attribute reference (L'SYM). An attribute letter stands alone (not the end of a longer word) and
 * is followed by a symbol, a literal or '*'.
 */
export function quoteOpensString(text: string, i: number): boolean {
  const letter = text[i - 1];
  if (letter === undefined || !ATTRIBUTE_LETTERS.includes(letter)) return true;
  if (isSymbolChar(text[i - 2])) return true;
  const next = text[i + 1];
  return !(isSymbolStart(next) || next === '*' || next === '=');
}

/** Index just past the closing apostrophe of the string opening at text[i] ('' stands for one '), or -1. */
export function skipString(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const k = text.indexOf("'", j);
    if (k < 0) return -1;
    if (text[k + 1] === "'") {
      j = k + 2;
      continue;
    }
    return k + 1;
  }
}

/**
 * Splits a statement's cards into statements' fields. Cards: column 72 non-blank continues the statement
 * on the next card, whose columns 1-15 must be blank and whose text starts in column 16.
 */
export function splitStatements(lines: readonly ExpandedLine[]): Statement[] {
  const out: Statement[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = lines[i];
    const at = i;
    const cards: string[] = [first.text];
    const errors: LexError[] = [];
    const stmt = out.length + 1;
    const base: Omit<Statement, 'comment' | 'name' | 'op' | 'operands'> = {
      stmt,
      file: first.file,
      line: first.line,
      at,
      cards,
      kind: first.kind,
      errors,
    };
    i++;
    if (first.kind === 'comment') {
      out.push({ ...base, comment: true, name: '', op: '', operands: '' });
      continue;
    }
    const text = first.text;
    // Whole-line comments: '*' in column 1, '.*' in columns 1-2, or a blank card.
    if (text[0] === '*' || text.startsWith('.*') || text.trim() === '') {
      // A comment card may still be continued (its continuation is part of the comment).
      let t = text;
      while (isContinued(t, first.kind) && i < lines.length && lines[i].kind !== 'comment') {
        t = lines[i].text;
        cards.push(t);
        i++;
      }
      out.push({ ...base, comment: true, name: '', op: '', operands: '' });
      continue;
    }
    // Long generated lines are whole statements: the macro phase may hand over an unsplit line.
    const whole = text.length > 80 && first.kind === 'generated';
    let joined = whole ? text : text.slice(BEGIN, END);
    const segStarts: number[] = [0];
    let cont = !whole && isContinued(text, first.kind);
    while (cont) {
      if (i >= lines.length || lines[i].kind === 'comment') {
        errors.push({ code: 'IEV054', detail: 'CONTINUATION CARD MISSING' });
        break;
      }
      const c = lines[i].text;
      cards.push(c);
      i++;
      if (c.slice(0, CONTINUE).trim() !== '') errors.push({ code: 'IEV144' });
      segStarts.push(joined.length);
      joined += c.slice(CONTINUE, END).padEnd(END - CONTINUE, ' ');
      cont = isContinued(c, first.kind);
    }
    // A macro instruction the macro phase expanded is listed, not assembled: its expansion follows.
    if (first.macroCall) out.push({ ...base, comment: true, name: '', op: '', operands: '' });
    else out.push({ ...base, comment: false, ...fields(joined, segStarts, errors) });
  }
  return out;
}

function isContinued(text: string, _kind: ExpandedLine['kind']): boolean {
  return text.length > END && !isBlank(text[END]);
}

/** Splits one joined statement text into name, operation and operand fields. */
function fields(text: string, segStarts: number[], errors: LexError[]): Pick<Statement, 'name' | 'op' | 'operands'> {
  let name = '';
  let p = 0;
  if (!isBlank(text[0])) {
    while (p < text.length && text[p] !== ' ') p++;
    name = text.slice(0, p).toUpperCase();
  }
  while (p < text.length && text[p] === ' ') p++;
  const opStart = p;
  while (p < text.length && text[p] !== ' ') p++;
  const op = text.slice(opStart, p).toUpperCase();
  if (op === '') return { name, op, operands: '' };
  for (const c of op) {
    if (!isSymbolChar(c)) {
      errors.push({ code: 'IEV141', detail: op });
      break;
    }
  }
  while (p < text.length && text[p] === ' ') p++;
  const operands = scanOperands(text, p, segStarts);
  return { name, op, operands };
}

function nextSegmentAfter(segStarts: number[], p: number): number | undefined {
  for (const s of segStarts) if (s > p) return s;
  return undefined;
}

/**
 * The operand field: from p to the first blank outside a quoted string. A blank that follows a comma
 * when the statement is continued ends this card's part (the rest of the card is remarks) and the field
 * goes on in column 16 of the next card.
 */
export function scanOperands(text: string, p: number, segStarts: number[]): string {
  let out = '';
  let start = p;
  let i = p;
  while (i < text.length) {
    const c = text[i];
    if (c === "'") {
      if (quoteOpensString(text, i)) {
        const e = skipString(text, i);
        if (e < 0) {
          i = text.length;
          break;
        }
        i = e;
        continue;
      }
    } else if (c === ' ') {
      const next = nextSegmentAfter(segStarts, i);
      if (text[i - 1] === ',' && next !== undefined) {
        out += text.slice(start, i);
        i = next;
        while (i < text.length && text[i] === ' ') i++;
        start = i;
        continue;
      }
      break;
    }
    i++;
  }
  out += text.slice(start, i);
  return out;
}

/**
 * Splits an operand field at top-level commas (outside parentheses and quoted strings).
 * 'A,B(1,2),C'X,Y'' gives ['A', 'B(1,2)', "C'X,Y'"].
 */
export function splitOperands(text: string): string[] {
  if (text === '') return [];
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "'" && quoteOpensString(text, i)) {
      const e = skipString(text, i);
      if (e < 0) break;
      i = e;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
    i++;
  }
  out.push(text.slice(start));
  return out;
}

/** Lines of a source text (LF or CRLF) as expanded lines of kind 'source'. */
export function sourceLines(text: string, file: string): ExpandedLine[] {
  const raw = text.split(/\r?\n/);
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  return raw.map((t, k) => ({ text: t, file, line: k + 1, kind: 'source' as const, depth: 0 }));
}
