// Conditional assembly expressions (Assembler Language, "Conditional assembly instructions"):
// arithmetic (SETA: + - * / on 32-bit signed values, division truncates, division by zero gives 0),
// logical (SETB and AIF: relations EQ NE LT GT LE GE; NOT binds tighter than AND, AND than OR/XOR), character (SETC: quoted strings
// with substitution, substrings '..'(e1,e2), concatenation with '.', duplication (n)'..') and
// attribute references (T' L' S' I' K' N' D' O'). A recursive-descent parser evaluates as it reads.

import type { Diagnostic } from './messages.ts';
import { Diagnostics } from './messages.ts';
import {
  compareCharacters,
  constantAttributes,
  operandType,
  selfDefiningValue,
  type SymbolInfo,
} from './attributes.ts';
import { isNameStart, isSymbol, nameLength, skipParens, skipString } from './statement.ts';
import {
  arithmetic,
  binary,
  character,
  MAX_CHARACTER,
  readBinding,
  selectSublist,
  sublistCount,
  subscriptable,
  valueText,
  type Binding,
  type Value,
} from './variables.ts';

/** What an expression can see: variable symbols, ordinary symbols' attributes, operation codes. */
export interface EvalEnv {
  /** Binding of a variable symbol (upper-case name without '&'). */
  binding(name: string): Binding | undefined;
  /** Attributes of an ordinary symbol (upper-case), by lookahead or as defined so far. */
  symbol(name: string): SymbolInfo | undefined;
  /** O' of an operation code. */
  opcodeAttribute(op: string): string;
  /** A non-fatal problem: the expression goes on with a default value. */
  report(d: Diagnostic): void;
}

/** A fatal problem: the statement is ignored. Caught by the statement's handler, never leaves the phase. */
export class ExpressionError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.text);
  }
}

export interface VariableRef {
  readonly name: string;
  readonly binding: Binding | undefined;
  readonly subscripts: number[] | undefined;
}

const RELATIONS = new Set(['EQ', 'NE', 'LT', 'GT', 'LE', 'GE']);
const MAX = 0x7fff_ffff;
const MIN = -0x8000_0000;

export class ExpressionParser {
  p: number;

  constructor(
    private readonly s: string,
    private readonly env: EvalEnv,
    start = 0,
  ) {
    this.p = start;
  }

  /** The whole text as one expression of any type. */
  expression(): Value {
    const v = this.logical();
    this.blanks();
    if (this.p < this.s.length) this.fail();
    return v;
  }

  private fail(): never {
    throw new ExpressionError(Diagnostics.syntax(this.s));
  }

  private blanks(): void {
    while (this.s[this.p] === ' ') this.p++;
  }

  private expect(c: string): void {
    this.blanks();
    if (this.s[this.p] !== c) this.fail();
    this.p++;
  }

  /** The operator word (letters only, standing alone) at the current position, upper-cased, or ''. */
  private peekWord(): string {
    let j = this.p;
    while (this.s[j] === ' ') j++;
    let k = j;
    while (k < this.s.length && /[A-Za-z]/.test(this.s[k])) k++;
    if (k === j || /[A-Za-z0-9@#$_]/.test(this.s[k] ?? ' ')) return '';
    return this.s.slice(j, k).toUpperCase();
  }

  private takeWord(word: string): void {
    this.blanks();
    this.p += word.length;
  }

  // --- logical level -----------------------------------------------------------------------------

  private logical(): Value {
    let v = this.conjunction();
    for (;;) {
      const w = this.peekWord();
      if (w !== 'OR' && w !== 'XOR') return v;
      this.takeWord(w);
      const r = this.toBool(this.conjunction());
      v = binary(w === 'OR' ? this.toBool(v) || r : this.toBool(v) !== r);
    }
  }

  private conjunction(): Value {
    let v = this.negation();
    for (;;) {
      if (this.peekWord() !== 'AND') return v;
      this.takeWord('AND');
      const r = this.toBool(this.negation());
      v = binary(this.toBool(v) && r);
    }
  }

  private negation(): Value {
    if (this.peekWord() === 'NOT') {
      this.takeWord('NOT');
      return binary(!this.toBool(this.negation()));
    }
    return this.relation();
  }

  private relation(): Value {
    const left = this.sum();
    const w = this.peekWord();
    if (!RELATIONS.has(w)) return left;
    this.takeWord(w);
    const right = this.sum();
    const c = this.characterRelation(left, right)
      ? compareCharacters(valueText(left), valueText(right))
      : this.toNumber(left) - this.toNumber(right);
    const result = { EQ: c === 0, NE: c !== 0, LT: c < 0, GT: c > 0, LE: c <= 0, GE: c >= 0 }[w as 'EQ'];
    return binary(result);
  }

  /**
   * A relation compares characters when both sides are character expressions, unless both are bare
   * variable symbols holding self-defining terms (then it is arithmetic, as with &P GT &Q).
   */
  private characterRelation(left: Value, right: Value): boolean {
    if (left.t !== 'C' || right.t !== 'C') return false;
    if (!left.raw || !right.raw) return true;
    const numeric = (v: string) => v === '' || selfDefiningValue(v) !== undefined;
    return !(numeric(left.v) && numeric(right.v));
  }

  // --- arithmetic level --------------------------------------------------------------------------

  /** An arithmetic expression (also used for subscripts and substring positions). */
  sum(): Value {
    let v = this.product();
    for (;;) {
      this.blanks();
      const c = this.s[this.p];
      if (c !== '+' && c !== '-') return v;
      this.p++;
      const r = this.toNumber(this.product());
      const l = this.toNumber(v);
      v = arithmetic(this.check(c === '+' ? l + r : l - r));
    }
  }

  private product(): Value {
    let v = this.unary();
    for (;;) {
      this.blanks();
      const c = this.s[this.p];
      if (c !== '*' && c !== '/') return v;
      this.p++;
      const r = this.toNumber(this.unary());
      const l = this.toNumber(v);
      v = arithmetic(c === '*' ? this.check(l * r) : r === 0 ? 0 : this.check(Math.trunc(l / r)));
    }
  }

  private unary(): Value {
    this.blanks();
    const c = this.s[this.p];
    if (c === '+' || c === '-') {
      this.p++;
      const v = this.toNumber(this.unary());
      return arithmetic(this.check(c === '-' ? -v : v));
    }
    return this.primary();
  }

  private check(n: number): number {
    if (n > MAX || n < MIN) {
      this.env.report(Diagnostics.overflow());
      return 0;
    }
    return n === 0 ? 0 : n;
  }

  private primary(): Value {
    this.blanks();
    const s = this.s;
    const c = s[this.p];
    if (c === undefined) this.fail();
    if (c === '(') {
      const close = skipParens(s, this.p);
      if (s[close] === "'") {
        this.p++;
        const n = this.toNumber(this.logical());
        this.expect(')');
        const str = this.stringExpression();
        const times = Math.min(n, Math.floor(MAX_CHARACTER / Math.max(1, str.length)));
        return character(n > 0 ? str.repeat(Math.max(0, times)) : '');
      }
      this.p++;
      const v = this.logical();
      this.expect(')');
      return v;
    }
    if (c === "'") return character(this.stringExpression());
    if (c === '&') return this.valueOf(this.readVariable(false));
    if (c >= '0' && c <= '9') {
      let j = this.p;
      while (j < s.length && s[j] >= '0' && s[j] <= '9') j++;
      const n = Number(s.slice(this.p, j));
      this.p = j;
      return arithmetic(this.check(n));
    }
    if (isNameStart(c)) {
      const letter = c.toUpperCase();
      if (s[this.p + 1] === "'") {
        if ('XBC'.includes(letter)) return this.selfDefining(letter);
        if ('LTKNISDO'.includes(letter)) return this.attribute(letter);
      }
      const n = nameLength(s, this.p);
      const word = s.slice(this.p, this.p + n).toUpperCase();
      const info = this.env.symbol(word);
      if (info?.value === undefined) this.fail();
      this.p += n;
      return arithmetic(info.value);
    }
    this.fail();
  }

  private selfDefining(letter: string): Value {
    this.p++;
    const content = this.quoted();
    const text = `${letter}'${content.replace(/'/g, "''")}'`;
    const v = selfDefiningValue(text);
    if (v === undefined) throw new ExpressionError(Diagnostics.syntax(text));
    return arithmetic(v);
  }

  // --- character level ---------------------------------------------------------------------------

  /** Quoted strings joined by '.', each optionally followed by a substring (e1,e2). */
  private stringExpression(): string {
    let out = '';
    for (;;) {
      let str = this.quoted();
      if (this.s[this.p] === '(') str = this.substring(str);
      out += str;
      if (this.s[this.p] === '.' && this.s[this.p + 1] === "'") {
        this.p++;
        continue;
      }
      return out;
    }
  }

  /**
   * The value of the quoted string at the current position: variable symbols substituted, '' gives
   * one apostrophe, && stays && (Assembler Language, "Evaluation of character expressions").
   */
  private quoted(): string {
    const s = this.s;
    this.p++;
    let out = '';
    for (;;) {
      const c = s[this.p];
      if (c === undefined) this.fail();
      if (c === "'") {
        if (s[this.p + 1] === "'") {
          out += "'";
          this.p += 2;
          continue;
        }
        this.p++;
        return out;
      }
      if (c === '&') {
        if (s[this.p + 1] === '&') {
          out += '&&';
          this.p += 2;
          continue;
        }
        if (!isNameStart(s[this.p + 1])) {
          this.env.report(Diagnostics.illegalAmpersand(s));
          out += '&';
          this.p++;
          continue;
        }
        out += valueText(this.valueOf(this.readVariable(true)));
        if (s[this.p] === '.') this.p++;
        continue;
      }
      out += c;
      this.p++;
    }
  }

  private substring(str: string): string {
    this.p++;
    const start = this.toNumber(this.sum());
    this.expect(',');
    this.blanks();
    let count: number;
    if (this.s[this.p] === '*') {
      this.p++;
      count = Math.max(0, str.length - start + 1);
    } else count = this.toNumber(this.sum());
    this.expect(')');
    if (count < 0) {
      this.env.report(Diagnostics.substringNegative(count));
      return '';
    }
    if (count === 0) return '';
    if (start < 1) {
      this.env.report(Diagnostics.substringBelowOne(start));
      return '';
    }
    if (start > str.length) {
      if (str.length > 0) this.env.report(Diagnostics.substringPastEnd(start));
      return '';
    }
    return str.substr(start - 1, count);
  }

  // --- variable symbols and attributes ------------------------------------------------------------

  /**
   * Reads the variable symbol at '&' and its subscripts. In model statements and quoted strings a
   * '(' is a subscript only where one makes sense (parameters, &SYSLIST, dimensioned SET symbols).
   */
  readVariable(model: boolean): VariableRef {
    const s = this.s;
    this.p++;
    const n = nameLength(s, this.p);
    if (n === 0 || !isNameStart(s[this.p])) throw new ExpressionError(Diagnostics.invalidVariable(s));
    const name = s.slice(this.p, this.p + n).toUpperCase();
    this.p += n;
    const binding = this.env.binding(name);
    let subscripts: number[] | undefined;
    if (s[this.p] === '(' && (!model || subscriptable(binding))) subscripts = this.subscripts();
    return { name, binding, subscripts };
  }

  private subscripts(): number[] {
    this.p++;
    const out: number[] = [];
    for (;;) {
      out.push(this.toNumber(this.sum()));
      this.blanks();
      const c = this.s[this.p];
      this.p++;
      if (c === ',') continue;
      if (c === ')') return out;
      throw new ExpressionError(Diagnostics.illegalSubscript(this.s));
    }
  }

  valueOf(ref: VariableRef): Value {
    if (!ref.binding) {
      this.env.report(Diagnostics.undeclared(ref.name));
      return { t: 'C', v: '', raw: true };
    }
    const v = readBinding(ref.name, ref.binding, ref.subscripts, (kind, name) => {
      if (kind === 'below-one') this.env.report(Diagnostics.subscriptBelowOne(name));
      else if (kind === 'syslist') this.env.report(Diagnostics.illegalSubscript(`&${name}`));
      else this.env.report(Diagnostics.referenceDimension(name));
    });
    return v.t === 'C' ? { t: 'C', v: v.v, raw: true } : v;
  }

  private attribute(letter: string): Value {
    this.p += 2;
    const s = this.s;
    if (s[this.p] === '&') return this.variableAttribute(letter, this.readVariable(false));
    if (isNameStart(s[this.p])) {
      const n = nameLength(s, this.p);
      const word = s.slice(this.p, this.p + n);
      this.p += n;
      return this.symbolAttribute(letter, word);
    }
    if (s[this.p] === '=') {
      let j = this.p + 1;
      while (j < s.length && !' ,)'.includes(s[j])) j = s[j] === "'" ? skipString(s, j) : j + 1;
      const literal = s.slice(this.p, j);
      this.p = j;
      return this.symbolAttribute(letter, literal);
    }
    this.fail();
  }

  private variableAttribute(letter: string, ref: VariableRef): Value {
    const b = ref.binding;
    if (!b) {
      this.env.report(Diagnostics.undeclared(ref.name));
      return letter === 'T' || letter === 'O' ? character('U') : arithmetic(0);
    }
    if (letter === 'N') {
      if (b.kind === 'syslist' && !ref.subscripts) return arithmetic(b.operands.length - 1);
      if (b.kind === 'set' && b.variable.dimensioned && !ref.subscripts) return arithmetic(b.variable.maxSubscript());
      if (b.kind === 'param') return arithmetic(sublistCount(selectSublist(b.value, ref.subscripts ?? [])));
      const v = this.valueOf(ref);
      return arithmetic(v.t === 'C' ? sublistCount(v.v) : 1);
    }
    const v = this.valueOf(ref);
    if (letter === 'K') return arithmetic(valueText(v).length);
    if (letter === 'T') {
      if (v.t !== 'C') return character('N');
      return character(operandType(v.v, (n) => this.env.symbol(n)));
    }
    return this.symbolAttribute(letter, valueText(v));
  }

  /** L' S' I' D' T' O' K' of an ordinary symbol (or of a literal, or of a macro operand's text). */
  private symbolAttribute(letter: string, name: string): Value {
    const upper = name.toUpperCase();
    if (letter === 'O') return character(this.env.opcodeAttribute(upper));
    if (letter === 'K') return arithmetic(name.length);
    if (letter === 'N') return arithmetic(sublistCount(name));
    let info: Omit<SymbolInfo, 'defined'> | undefined;
    let defined = false;
    if (isSymbol(name)) {
      const found = this.env.symbol(upper);
      info = found;
      defined = found?.defined ?? false;
    } else if (name.startsWith('=')) info = constantAttributes(name.slice(1));
    switch (letter) {
      case 'T':
        return character(info?.type ?? (name === '' ? 'O' : selfDefiningValue(name) !== undefined ? 'N' : 'U'));
      case 'L':
        if (info) return arithmetic(info.length);
        if (isSymbol(name)) this.env.report(Diagnostics.lengthUnavailable(upper));
        return arithmetic(name === '' ? 0 : 1);
      case 'S':
        return arithmetic(info?.scale ?? 0);
      case 'I':
        return arithmetic(info?.integer ?? 0);
      default:
        return arithmetic(defined ? 1 : 0);
    }
  }

  // --- conversions -------------------------------------------------------------------------------

  toNumber(v: Value): number {
    if (v.t === 'A') return v.v;
    if (v.t === 'B') return v.v ? 1 : 0;
    if (v.v === '') return 0;
    const n = selfDefiningValue(v.v);
    if (n !== undefined) return n;
    this.env.report(Diagnostics.notSelfDefining(v.v));
    return 0;
  }

  toBool(v: Value): boolean {
    if (v.t === 'B') return v.v;
    return this.toNumber(v) !== 0;
  }
}

/** Evaluates a SETA operand (or any arithmetic expression). */
export function evaluateArithmetic(text: string, env: EvalEnv): number {
  const parser = new ExpressionParser(text, env);
  return parser.toNumber(parser.expression());
}

/** Evaluates a SETB operand or the logical expression of an AIF. */
export function evaluateLogical(text: string, env: EvalEnv): boolean {
  const parser = new ExpressionParser(text, env);
  return parser.toBool(parser.expression());
}

/** Evaluates a SETC operand. */
export function evaluateCharacter(text: string, env: EvalEnv): string {
  return valueText(new ExpressionParser(text, env).expression()).slice(0, MAX_CHARACTER);
}
