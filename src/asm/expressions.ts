// Expressions of the assembler language: terms (symbols, self-defining terms, the location counter *,
// length attributes L'sym), operators + - * / with parentheses, and the relocatability rules
// (Assembler Language, "Terms and expressions"): a value is an absolute part plus, for each control
// section or external symbol, how many times its relocatable origin is added (paired terms cancel).

import { toEbcdic } from '../ebcdic/index.ts';
import { isSymbolChar, isSymbolStart } from './source.ts';

/** A value: abs, plus rel[id] times the origin of relocation base id (a section or an external symbol). */
export interface Value {
  abs: number;
  rel?: ReadonlyMap<number, number>;
}

export const ZERO: Value = { abs: 0 };

export function absolute(n: number): Value {
  return { abs: n };
}

export function relocatable(base: number, offset: number): Value {
  return { abs: offset, rel: new Map([[base, 1]]) };
}

export function isAbsolute(v: Value): boolean {
  return v.rel === undefined || v.rel.size === 0;
}

/** The relocation base of a simply relocatable value (one base, count +1), else undefined. */
export function simpleBase(v: Value): number | undefined {
  if (!v.rel || v.rel.size !== 1) return undefined;
  const [[base, count]] = v.rel;
  return count === 1 ? base : undefined;
}

export function isComplex(v: Value): boolean {
  return !isAbsolute(v) && simpleBase(v) === undefined;
}

export function combine(a: Value, b: Value, sign: 1 | -1): Value {
  const abs = a.abs + sign * b.abs;
  if (!b.rel || b.rel.size === 0) return { abs, rel: a.rel };
  const rel = new Map(a.rel ?? []);
  for (const [k, n] of b.rel) {
    const c = (rel.get(k) ?? 0) + sign * n;
    if (c === 0) rel.delete(k);
    else rel.set(k, c);
  }
  return rel.size === 0 ? { abs } : { abs, rel };
}

export function addOffset(v: Value, n: number): Value {
  return { abs: v.abs + n, rel: v.rel };
}

export function sameValue(a: Value, b: Value): boolean {
  if (a.abs !== b.abs) return false;
  const ra = a.rel?.size ?? 0;
  const rb = b.rel?.size ?? 0;
  if (ra !== rb) return false;
  if (ra === 0) return true;
  for (const [k, n] of a.rel!) if (b.rel!.get(k) !== n) return false;
  return true;
}

export function valueKey(v: Value): string {
  if (!v.rel || v.rel.size === 0) return String(v.abs);
  let s = String(v.abs);
  for (const [k, n] of v.rel) s += `/${k}:${n}`;
  return s;
}

/** What an expression may know about an ordinary symbol. */
export interface SymbolInfo {
  value: Value;
  length: number;
  type: string;
}

export interface ExprContext {
  /** The symbol's attributes, or undefined if it is not (yet) defined. */
  symbol(name: string): SymbolInfo | undefined;
  /** The value of the location counter '*'. */
  location(): Value;
  /** L'* : the length of the statement being assembled. */
  starLength: number;
}

export interface ExprError {
  code: string;
  detail?: string;
}

export interface ExprResult {
  value: Value;
  /** Length attribute of the expression (that of its leftmost term). */
  length: number;
  /** Symbols referred to but not defined. */
  undefinedSymbols: string[];
  error?: ExprError;
  /** Index just past the expression. */
  end: number;
}

const INT_MIN = -0x8000_0000;
const INT_MAX = 0x7fff_ffff;

class ExpressionParser {
  pos: number;
  undefinedSymbols: string[] = [];
  error: ExprError | undefined;
  leftLength = -1;

  constructor(
    readonly text: string,
    start: number,
    readonly ctx: ExprContext,
  ) {
    this.pos = start;
  }

  fail(code: string, detail?: string): void {
    if (!this.error) this.error = { code, detail };
  }

  expression(depth: number): Value {
    if (depth > 50) {
      this.fail('IEV074', 'NESTING TOO DEEP');
      return ZERO;
    }
    let v = this.term(depth);
    for (;;) {
      const c = this.text[this.pos];
      if (c !== '+' && c !== '-') return v;
      this.pos++;
      const r = this.term(depth);
      v = this.checked(combine(v, r, c === '+' ? 1 : -1));
    }
  }

  term(depth: number): Value {
    let v = this.factor(depth);
    for (;;) {
      const c = this.text[this.pos];
      if (c !== '*' && c !== '/') return v;
      this.pos++;
      const r = this.factor(depth);
      if (!isAbsolute(v) || !isAbsolute(r)) {
        this.fail('IEV032', 'MULTIPLY OR DIVIDE');
        v = { abs: 0 };
        continue;
      }
      if (c === '*') v = this.checked({ abs: v.abs * r.abs });
      else v = { abs: r.abs === 0 ? 0 : Math.trunc(v.abs / r.abs) };
    }
  }

  factor(depth: number): Value {
    const c = this.text[this.pos];
    if (c === '+' || c === '-') {
      this.pos++;
      const v = this.factor(depth + 1);
      return c === '+' ? v : this.checked(combine(ZERO, v, -1));
    }
    return this.primary(depth);
  }

  checked(v: Value): Value {
    if (v.abs < INT_MIN || v.abs > INT_MAX) {
      this.fail('IEV075');
      return { abs: v.abs | 0, rel: v.rel };
    }
    return v;
  }

  setLength(n: number): void {
    if (this.leftLength < 0) this.leftLength = n;
  }

  primary(depth: number): Value {
    const t = this.text;
    const c = t[this.pos];
    if (c === undefined) {
      this.fail('IEV041', 'END OF EXPRESSION');
      return ZERO;
    }
    if (c === '(') {
      this.pos++;
      const v = this.expression(depth + 1);
      if (t[this.pos] !== ')') {
        this.fail('IEV074', 'MISSING RIGHT PARENTHESIS');
        return v;
      }
      this.pos++;
      return v;
    }
    if (c === '*') {
      this.pos++;
      this.setLength(this.ctx.starLength);
      return this.ctx.location();
    }
    if (c >= '0' && c <= '9') return this.decimal();
    const next = t[this.pos + 1];
    if (next === "'") {
      const u = c.toUpperCase();
      if (u === 'X' || u === 'B' || u === 'C') return this.selfDefining(u);
      if (u === 'L') return this.lengthAttribute();
    }
    if (isSymbolStart(c)) return this.symbolTerm();
    if (c === '=') {
      this.fail('IEV030');
      return ZERO;
    }
    this.fail('IEV041', t.slice(this.pos, this.pos + 8));
    return ZERO;
  }

  decimal(): Value {
    const t = this.text;
    const start = this.pos;
    while (t[this.pos] >= '0' && t[this.pos] <= '9') this.pos++;
    if (isSymbolChar(t[this.pos])) {
      this.fail('IEV037', t.slice(start, this.pos + 1));
      while (isSymbolChar(t[this.pos])) this.pos++;
      return ZERO;
    }
    const n = Number(t.slice(start, this.pos));
    this.setLength(1);
    if (n > INT_MAX) {
      this.fail('IEV146', t.slice(start, this.pos));
      return ZERO;
    }
    return { abs: n };
  }

  /** X'..', B'..', C'..' self-defining terms (at most 4 bytes; C'' in EBCDIC, right-justified). */
  selfDefining(kind: string): Value {
    const t = this.text;
    const open = this.pos + 1;
    let close = -1;
    let body = '';
    if (kind === 'C') {
      let j = open + 1;
      for (;;) {
        const k = t.indexOf("'", j);
        if (k < 0) break;
        if (t[k + 1] === "'") {
          body += t.slice(j, k) + "'";
          j = k + 2;
          continue;
        }
        body += t.slice(j, k);
        close = k;
        break;
      }
      body = body.replace(/&&/g, '&');
    } else {
      close = t.indexOf("'", open + 1);
      if (close >= 0) body = t.slice(open + 1, close);
    }
    this.setLength(1);
    if (close < 0) {
      this.fail('IEV148', t.slice(this.pos));
      this.pos = t.length;
      return ZERO;
    }
    this.pos = close + 1;
    let n = 0;
    if (kind === 'X') {
      if (!/^[0-9A-Fa-f]+$/.test(body)) return this.badTerm(body);
      if (body.replace(/^0+/, '').length > 8) return this.tooLarge(body);
      n = parseInt(body, 16) | 0;
    } else if (kind === 'B') {
      if (!/^[01]+$/.test(body)) return this.badTerm(body);
      if (body.replace(/^0+/, '').length > 32) return this.tooLarge(body);
      n = parseInt(body, 2) | 0;
    } else {
      if (body.length === 0) return this.badTerm(body);
      if (body.length > 4) return this.tooLarge(body);
      for (const b of toEbcdic(body)) n = ((n << 8) | b) >>> 0;
      n |= 0;
    }
    return { abs: n };
  }

  badTerm(body: string): Value {
    this.fail('IEV148', body);
    return ZERO;
  }

  tooLarge(body: string): Value {
    this.fail('IEV146', body);
    return ZERO;
  }

  lengthAttribute(): Value {
    const t = this.text;
    this.pos += 2;
    this.setLength(1);
    if (t[this.pos] === '*') {
      this.pos++;
      return { abs: this.ctx.starLength };
    }
    const name = this.symbolName();
    if (name === undefined) {
      this.fail('IEV041', "L'");
      return ZERO;
    }
    const s = this.ctx.symbol(name);
    if (!s) {
      this.undefinedSymbols.push(name);
      return { abs: 1 };
    }
    return { abs: s.length };
  }

  symbolName(): string | undefined {
    const t = this.text;
    const start = this.pos;
    if (!isSymbolStart(t[this.pos])) return undefined;
    while (isSymbolChar(t[this.pos])) this.pos++;
    return t.slice(start, this.pos).toUpperCase();
  }

  symbolTerm(): Value {
    const name = this.symbolName()!;
    if (name.length > 63) this.fail('IEV147', name);
    const s = this.ctx.symbol(name);
    if (!s) {
      this.undefinedSymbols.push(name);
      this.setLength(1);
      return ZERO;
    }
    this.setLength(s.length);
    return s.value;
  }
}

/**
 * Parses and evaluates the expression starting at text[start]; stops at the first character that cannot
 * continue it (a comma, a blank, a parenthesis that closes an enclosing list ...).
 */
export function parseExpression(text: string, start: number, ctx: ExprContext): ExprResult {
  const p = new ExpressionParser(text, start, ctx);
  let value = p.expression(0);
  if (p.error) value = { abs: 0, rel: value.rel };
  return {
    value,
    length: p.leftLength < 0 ? 1 : p.leftLength,
    undefinedSymbols: p.undefinedSymbols,
    error: p.error,
    end: p.pos,
  };
}

/** Evaluates a whole operand as one expression; anything left over is an error. */
export function evaluate(text: string, ctx: ExprContext): ExprResult {
  if (text.length === 0) {
    return { value: ZERO, length: 1, undefinedSymbols: [], error: { code: 'IEV040' }, end: 0 };
  }
  const r = parseExpression(text, 0, ctx);
  if (!r.error && r.end < text.length) {
    const c = text[r.end];
    r.error = c === ')' ? { code: 'IEV074', detail: 'UNBALANCED PARENTHESES' } : { code: 'IEV145', detail: text.slice(r.end, r.end + 8) };
  }
  return r;
}
