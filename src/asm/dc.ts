// DC and DS: constants and storage (Assembler Language, "DC instruction"). An operand is
//   [duplication factor] type [Ln | L(expr)] [Sn] [En] [nominal value]
// with types C X B F H A Y V S P Z E D L. F H A Y V S E D L are aligned to their natural boundary unless
// a length is given; DC fills the bytes skipped for alignment with zeros, DS leaves them.

import { toEbcdic } from '../ebcdic/index.ts';
import type { Value } from './expressions.ts';
import { fixedValue, hexFloat, packed, packedLength, parseDecimal, twosComplement, zoned } from './decimal-values.ts';
import { skipString, splitOperands } from './source.ts';
import { alignUp } from './symbols.ts';

/** What DC/DS processing needs from the assembler. */
export interface DcContext {
  /** Report a problem (the assembler keeps only final-pass messages). */
  error(code: string, detail?: string): void;
  /** An absolute expression (duplication factor, length, modifiers); undefined if not available. */
  absolute(text: string): number | undefined;
  /** An address-constant expression evaluated with '*' at the given section offset. */
  expression(text: string, at: number): Value;
  /** A V-type constant's operand (an external symbol, possibly ± an absolute term). */
  external(text: string): Value;
}

export type DataPiece =
  | { offset: number; bytes: Uint8Array }
  | { offset: number; adcon: 'A' | 'Y' | 'V'; length: number; value: Value; text: string }
  | { offset: number; scon: Value; text: string };

export interface DcResult {
  /** Offset the name field symbol gets (after the first operand's alignment). */
  labelAt: number;
  /** Length attribute: length of one element of the first operand. */
  length: number;
  /** Type attribute. */
  type: string;
  /** Offset after the statement. */
  end: number;
  pieces: DataPiece[];
}

interface Operand {
  dup: number;
  type: string;
  length?: number;
  scale: number;
  exponent: number;
  /** Quoted nominal (without the quotes), or a parenthesized list's content, or undefined. */
  nominal?: string;
  quoted: boolean;
}

const TYPES = 'CXBFHAYVSPZEDL';
const NATURAL: Record<string, number> = { F: 4, H: 2, A: 4, Y: 2, V: 4, S: 2, E: 4, D: 8, L: 16 };
const ALIGN: Record<string, number> = { F: 4, H: 2, A: 4, Y: 2, V: 4, S: 2, E: 4, D: 8, L: 8 };
const MAX_LENGTH: Record<string, number> = {
  C: 65535, X: 65535, B: 65535, F: 8, H: 8, A: 4, Y: 2, V: 4, S: 2, P: 16, Z: 16, E: 8, D: 8, L: 16,
};
const PAREN_TYPES = 'AYVS';

/** Index of the ')' matching the '(' at text[i], or -1. */
export function matchParen(text: string, i: number): number {
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (c === "'") {
      // Quotes inside an address constant belong to self-defining terms: C'(' ...
      const prev = text[j - 1]?.toUpperCase();
      if (prev === 'C' || prev === 'X' || prev === 'B') {
        const e = skipString(text, j);
        if (e < 0) return -1;
        j = e - 1;
      }
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j;
  }
  return -1;
}

/** Reads a modifier value: decimal digits, or (expression); [value, next index]. */
function modifier(text: string, i: number, ctx: DcContext, signed: boolean): [number | undefined, number] {
  let j = i;
  if (text[j] === '(') {
    const e = matchParen(text, j);
    if (e < 0) return [undefined, text.length];
    return [ctx.absolute(text.slice(j + 1, e)), e + 1];
  }
  let sign = 1;
  if (signed && (text[j] === '+' || text[j] === '-')) {
    sign = text[j] === '-' ? -1 : 1;
    j++;
  }
  const start = j;
  while (text[j] >= '0' && text[j] <= '9') j++;
  if (j === start) return [undefined, j];
  return [sign * Number(text.slice(start, j)), j];
}

function parseOperand(text: string, ctx: DcContext, isDs: boolean): Operand | undefined {
  let i = 0;
  let dup = 1;
  if (text[0] === '(' || (text[0] >= '0' && text[0] <= '9')) {
    const [d, next] = modifier(text, 0, ctx, false);
    if (d === undefined || d < 0) {
      // A parenthesized expression that failed has been reported already.
      if (d !== undefined || text[0] !== '(') ctx.error('IEV067', text);
      return undefined;
    }
    dup = d;
    i = next;
  }
  const type = (text[i] ?? '').toUpperCase();
  if (!TYPES.includes(type) || type === '') {
    ctx.error('IEV065', text.slice(i, i + 1) || text);
    return undefined;
  }
  i++;
  const op: Operand = { dup, type, scale: 0, exponent: 0, quoted: false };
  if (text[i]?.toUpperCase() === 'L' && (text[i + 1] === '(' || (text[i + 1] >= '0' && text[i + 1] <= '9'))) {
    const [l, next] = modifier(text, i + 1, ctx, false);
    if (l === undefined || l < 1 || l > MAX_LENGTH[type] || (type === 'V' && l < 3)) {
      if (l !== undefined || text[i + 1] !== '(') ctx.error('IEV068', text);
      return undefined;
    }
    op.length = l;
    i = next;
  }
  if (text[i]?.toUpperCase() === 'S' && /[(+\-0-9]/.test(text[i + 1] ?? '')) {
    const [s, next] = modifier(text, i + 1, ctx, true);
    if (s === undefined) {
      if (text[i + 1] !== '(') ctx.error('IEV070', text);
      return undefined;
    }
    op.scale = s;
    i = next;
  }
  if (text[i]?.toUpperCase() === 'E' && /[(+\-0-9]/.test(text[i + 1] ?? '')) {
    const [e, next] = modifier(text, i + 1, ctx, true);
    if (e === undefined || Math.abs(e) > 85) {
      if (e !== undefined || text[i + 1] !== '(') ctx.error('IEV071', text);
      return undefined;
    }
    op.exponent = e;
    i = next;
  }
  if (i < text.length) {
    if (text[i] === "'") {
      if (PAREN_TYPES.includes(type)) {
        ctx.error('IEV062', text);
        return undefined;
      }
      const e = skipString(text, i);
      if (e < 0) {
        ctx.error('IEV063', text);
        return undefined;
      }
      op.nominal = text.slice(i + 1, e - 1);
      op.quoted = true;
      i = e;
    } else if (text[i] === '(') {
      if (!PAREN_TYPES.includes(type)) {
        ctx.error('IEV062', text);
        return undefined;
      }
      const e = matchParen(text, i);
      if (e < 0) {
        ctx.error('IEV035', text);
        return undefined;
      }
      op.nominal = text.slice(i + 1, e);
      i = e + 1;
    }
    if (i < text.length) {
      ctx.error('IEV035', text.slice(i));
      return undefined;
    }
  }
  if (op.nominal === undefined && !isDs) {
    ctx.error('IEV040', 'NOMINAL VALUE');
    return undefined;
  }
  return op;
}

/** The values of a nominal field: C is one string; the other quoted types split at commas. */
function values(op: Operand): string[] {
  if (op.nominal === undefined) return [];
  if (op.type === 'C') return [op.nominal.replace(/''/g, "'").replace(/&&/g, '&')];
  if (op.quoted) return op.nominal.split(',');
  return splitOperands(op.nominal);
}

function impliedLength(op: Operand, value: string | undefined): number {
  const natural = NATURAL[op.type];
  if (natural !== undefined) return natural;
  if (value === undefined) return 1;
  switch (op.type) {
    case 'C':
      return Math.max(1, value.length);
    case 'X':
      return Math.max(1, Math.ceil(value.trim().length / 2));
    case 'B':
      return Math.max(1, Math.ceil(value.trim().length / 8));
    case 'P': {
      const d = parseDecimal(value);
      return d ? packedLength(d) : 1;
    }
    case 'Z': {
      const d = parseDecimal(value);
      return d ? Math.max(1, d.digitCount) : 1;
    }
    default:
      return 1;
  }
}

/** Bytes of one quoted-type element. */
function element(op: Operand, value: string, length: number, ctx: DcContext): Uint8Array {
  const out = new Uint8Array(length);
  switch (op.type) {
    case 'C': {
      out.fill(0x40);
      out.set(toEbcdic(value).subarray(0, length));
      return out;
    }
    case 'X':
    case 'B': {
      const v = value.trim();
      const radixOk = op.type === 'X' ? /^[0-9A-Fa-f]*$/.test(v) : /^[01]*$/.test(v);
      if (!radixOk || v === '') {
        ctx.error('IEV148', value);
        return out;
      }
      const bitsPer = op.type === 'X' ? 4 : 1;
      // Right-justify digit by digit: the field is padded or truncated on the left.
      let bit = length * 8;
      for (let k = v.length - 1; k >= 0 && bit > 0; k--) {
        const d = parseInt(v[k], 16);
        for (let b = 0; b < bitsPer && bit > 0; b++) {
          bit--;
          if ((d >> b) & 1) out[bit >> 3] |= 0x80 >> (bit & 7);
        }
      }
      return out;
    }
    case 'F':
    case 'H': {
      const d = parseDecimal(value);
      if (!d) {
        ctx.error('IEV062', value);
        return out;
      }
      const b = twosComplement(fixedValue(d, op.exponent, op.scale), length);
      if (!b) {
        ctx.error('IEV072', value);
        return out;
      }
      return b;
    }
    case 'E':
    case 'D':
    case 'L': {
      const d = parseDecimal(value);
      if (!d) {
        ctx.error('IEV062', value);
        return out;
      }
      const r = hexFloat(d, length, op.exponent, op.scale);
      if ('error' in r) {
        ctx.error(r.error, value);
        return out;
      }
      out.set(r.bytes.subarray(0, length));
      return out;
    }
    case 'P':
    case 'Z': {
      const d = parseDecimal(value);
      if (!d || d.exponent + d.fractionDigits !== 0) {
        ctx.error('IEV062', value);
        return out;
      }
      return op.type === 'P' ? packed(d, length) : zoned(d, length);
    }
  }
  return out;
}

/**
 * Lays out and (for DC) generates one DC or DS statement's operands from section offset `start`.
 * Errors are reported through ctx; a bad operand contributes nothing.
 */
export function processDc(operandField: string, isDs: boolean, start: number, ctx: DcContext): DcResult {
  const texts = splitOperands(operandField);
  const result: DcResult = { labelAt: start, length: 1, type: isDs ? 'C' : 'C', end: start, pieces: [] };
  if (texts.length === 0) {
    ctx.error('IEV040');
    return result;
  }
  let loc = start;
  let first = true;
  for (const t of texts) {
    const op = parseOperand(t, ctx, isDs);
    if (!op) {
      if (first) {
        result.labelAt = loc;
        first = false;
      }
      continue;
    }
    const vals = values(op);
    if (!isDs && vals.length === 0) {
      ctx.error('IEV040', t);
      continue;
    }
    const align = op.length === undefined ? (ALIGN[op.type] ?? 1) : 1;
    const aligned = alignUp(loc, align);
    if (!isDs && aligned > loc) result.pieces.push({ offset: loc, bytes: new Uint8Array(aligned - loc) });
    loc = aligned;
    const firstLength = op.length ?? impliedLength(op, vals[0]);
    if (first) {
      result.labelAt = loc;
      result.length = firstLength;
      result.type = op.type;
      first = false;
    }
    if (isDs) {
      // DS reserves dup × the elements' lengths; the nominal value, if any, only sets lengths.
      let per = 0;
      if (vals.length === 0) per = firstLength;
      else for (const v of vals) per += op.length ?? impliedLength(op, v);
      loc += op.dup * per;
      if (loc > 0xff_ffff) {
        ctx.error('IEV039');
        loc = 0xff_ffff;
      }
      continue;
    }
    let per = 0;
    for (const v of vals) per += op.length ?? impliedLength(op, v);
    if (loc + op.dup * per > 0x100_0000) {
      ctx.error('IEV039');
      result.end = loc;
      return result;
    }
    for (let n = 0; n < op.dup; n++) {
      for (const v of vals) {
        const len = op.length ?? impliedLength(op, v);
        if (PAREN_TYPES.includes(op.type)) {
          if (op.type === 'S') {
            result.pieces.push({ offset: loc, scon: ctx.expression(v, loc), text: v });
          } else {
            const value = op.type === 'V' ? ctx.external(v) : ctx.expression(v, loc);
            result.pieces.push({ offset: loc, adcon: op.type as 'A' | 'Y' | 'V', length: len, value, text: v });
          }
        } else {
          if (op.type === 'C' && op.length === undefined && v.length > 256) ctx.error('IEV068', 'C CONSTANT LONGER THAN 256');
          // Generate once per distinct value; duplicates share the bytes.
          result.pieces.push({ offset: loc, bytes: n === 0 ? element(op, v, len, ctx) : element(op, v, len, silent) });
        }
        loc += len;
        if (loc > 0xff_ffff) {
          ctx.error('IEV039');
          result.end = loc;
          return result;
        }
      }
    }
  }
  result.end = loc;
  return result;
}

/** A context that swallows errors already reported for the first copy of a duplicated constant. */
const silent: DcContext = {
  error: () => undefined,
  absolute: () => undefined,
  expression: () => ({ abs: 0 }),
  external: () => ({ abs: 0 }),
};

/** Length of a literal's constant (as DS would reserve it), for ordering a literal pool. */
export function measureLiteral(operand: string, ctx: DcContext): { length: number; lengthAttribute: number } {
  const r = processDc(operand, true, 0, ctx);
  return { length: r.end - r.labelAt, lengthAttribute: r.length };
}
