// One assembly: the state every statement works on (symbols, sections and location counters, USING
// table, literal pools, PRINT and PUSH/POP stacks) and the passes. Sizing passes run until every
// symbol and location is stable (forward references in EQU, ORG, DS lengths); the final pass then
// generates text, relocation items, the listing and the messages.

import { absolute, isAbsolute, parseExpression, valueKey, type ExprContext, type ExprResult, type SymbolInfo, type Value } from './expressions.ts';
import { LiteralPools } from './literals.ts';
import { messageSeverity, messageText, type AsmMessage } from './messages.ts';
import type { Statement } from './source.ts';
import { SectionTable, SymbolTable, alignUp, type Section } from './symbols.ts';
import { UsingTable } from './using.ts';
import type { AssembleOptions } from './types.ts';

export interface PrintState {
  on: boolean;
  gen: boolean;
  data: boolean;
}

/** One line group of the listing: a statement (its cards) or a literal of a pool. */
export interface ListingLine {
  /** Statement number (0 for a literal-pool line). */
  stmt: number;
  loc?: number;
  object: number[];
  /** Object code printed as data (contiguous hex) rather than instruction halfwords. */
  data: boolean;
  addr1?: number;
  addr2?: number;
  cards: string[];
  generated: boolean;
  messages: AsmMessage[];
  print: PrintState;
  /** Listing control: EJECT, SPACE n, TITLE (not printed themselves). */
  control?: { kind: 'eject' } | { kind: 'space'; lines: number } | { kind: 'title'; text: string };
}

export interface TextPiece {
  section: Section;
  offset: number;
  bytes: Uint8Array;
}

export interface RldEntry {
  position: Section;
  relocation: Section;
  offset: number;
  length: number;
  vcon: boolean;
  negative: boolean;
}

export type StatementHandler = (a: Assembly, st: Statement) => void;

const MAX_SIZING_PASSES = 12;

export class Assembly implements ExprContext {
  readonly symbols = new SymbolTable();
  readonly sections = new SectionTable();
  readonly literals = new LiteralPools();
  pass = 0;
  final = false;
  /** Set when a value that decides sizes or symbol values was not yet known in this pass. */
  sizingUnknown = false;
  cur: Section | undefined;
  usings = new UsingTable();
  usingStack: UsingTable[] = [];
  print: PrintState = { on: true, gen: true, data: false };
  printStack: PrintState[] = [];
  ended = false;
  afterEndWarned = false;
  startOrigin: number | undefined;
  entryPoint: { value?: Value; external?: string } | undefined;
  entries: { name: string; stmt: number; file: string; line: number }[] = [];
  deckId = '';
  /** The statement being assembled. */
  st!: Statement;
  rec: ListingLine | undefined;
  /** L'* and the length attribute of '*' for the statement being assembled. */
  starLength = 1;
  /** '*' overridden (address constants, literals), else the location counter. */
  starOverride: Value | undefined;
  // Final-pass output.
  text: TextPiece[] = [];
  rld: RldEntry[] = [];
  lines: ListingLine[] = [];
  messages: AsmMessage[] = [];

  constructor(
    readonly statements: Statement[],
    readonly options: AssembleOptions,
    readonly handle: (a: Assembly, st: Statement) => void,
    readonly finishPass: (a: Assembly) => void,
  ) {
    if (options.deckId) this.deckId = options.deckId.toUpperCase().slice(0, 8);
  }

  // ---- passes ----

  run(): void {
    let previous = '';
    for (let n = 1; n <= MAX_SIZING_PASSES; n++) {
      this.runPass(false);
      const signature = this.signature();
      if (n === 1 && !this.sizingUnknown) break;
      if (n > 1 && signature === previous && !this.sizingUnknown) break;
      if (n > 1 && signature === previous && this.sizingUnknown) break; // unresolvable: report in the final pass
      previous = signature;
    }
    this.runPass(true);
  }

  private runPass(final: boolean): void {
    this.pass++;
    this.final = final;
    this.sizingUnknown = false;
    for (const s of this.sections.list) {
      s.loc = 0;
      s.high = 0;
    }
    this.cur = undefined;
    this.usings = new UsingTable();
    this.usingStack = [];
    this.print = { on: true, gen: true, data: false };
    this.printStack = [];
    this.ended = false;
    this.afterEndWarned = false;
    this.startOrigin = undefined;
    this.entryPoint = undefined;
    this.entries = [];
    this.literals.startPass();
    if (!this.options.deckId) this.deckId = '';
    if (final) {
      this.text = [];
      this.rld = [];
      this.lines = [];
      this.messages = [];
    }
    for (const st of this.statements) {
      this.st = st;
      this.starLength = 1;
      this.starOverride = undefined;
      this.rec = final ? this.newRecord(st) : undefined;
      if (this.rec) this.lines.push(this.rec);
      try {
        this.handle(this, st);
      } catch (e) {
        this.error('IEV999', e instanceof Error ? e.message.slice(0, 60).toUpperCase() : undefined);
      }
    }
    this.finishPass(this);
    this.assignOrigins();
  }

  private newRecord(st: Statement): ListingLine {
    return {
      stmt: st.stmt,
      object: [],
      data: false,
      cards: st.cards,
      generated: st.kind === 'generated',
      messages: [],
      print: { ...this.print },
    };
  }

  /** Control sections follow one another on doubleword boundaries from the START value (or 0). */
  assignOrigins(): void {
    let next: number | undefined;
    for (const s of this.sections.list) {
      if (s.kind !== 'CSECT' && s.kind !== 'PC') {
        s.origin = 0;
        continue;
      }
      s.origin = next === undefined ? alignUp(this.startOrigin ?? 0, 8) : alignUp(next, 8);
      next = s.origin + s.high;
    }
  }

  private signature(): string {
    let sig = '';
    for (const s of this.symbols.all()) sig += `${s.name}=${valueKey(s.value)},${s.length};`;
    for (const s of this.sections.list) sig += `${s.id}:${s.high};`;
    return sig + this.literals.signature();
  }

  // ---- messages ----

  error(code: string, detail?: string): void {
    if (!this.final) return;
    const text = messageText(code, detail);
    const st = this.st;
    const m: AsmMessage = { file: st.file, line: st.line, stmt: st.stmt, code, severity: messageSeverity(code), text };
    const list = this.rec ? this.rec.messages : this.messages;
    if (list.some((x) => x.code === code && x.text === text)) return;
    if (this.rec) this.rec.messages.push(m);
    this.messages.push(m);
  }

  /** Reports an expression's error or undefined symbols; true when the value is usable. */
  report(r: { undefinedSymbols: string[]; error?: { code: string; detail?: string } }): boolean {
    if (r.error) {
      this.error(r.error.code, r.error.detail);
      return false;
    }
    if (r.undefinedSymbols.length > 0) {
      for (const n of r.undefinedSymbols) this.error('IEV044', n);
      return false;
    }
    return true;
  }

  // ---- expression context ----

  symbol(name: string): SymbolInfo | undefined {
    const e = this.symbols.get(name);
    if (e && this.final) this.symbols.reference(name, this.st.stmt);
    return e;
  }

  location(): Value {
    if (this.starOverride) return this.starOverride;
    const s = this.section();
    return this.relocatable(s.id, s.loc);
  }

  private readonly unitTerms = new Map<number, ReadonlyMap<number, number>>();

  /** A simply relocatable value; the relocation maps are shared (values are never mutated). */
  relocatable(base: number, offset: number): Value {
    let rel = this.unitTerms.get(base);
    if (!rel) {
      rel = new Map([[base, 1]]);
      this.unitTerms.set(base, rel);
    }
    return { abs: offset, rel };
  }

  /** Evaluates a whole operand; sizing marks the pass unresolved when a symbol is not yet defined. */
  evaluate(text: string, sizing: boolean): ExprResult {
    const r = parseExpression(text, 0, this);
    if (!r.error && r.end < text.length) {
      r.error = text[r.end] === ')' ? { code: 'IEV074', detail: 'UNBALANCED PARENTHESES' } : { code: 'IEV035', detail: text.slice(r.end, r.end + 12) };
    }
    if (text.length === 0) r.error = { code: 'IEV040' };
    if (sizing && r.undefinedSymbols.length > 0) this.sizingUnknown = true;
    return r;
  }

  /** An absolute value, or undefined (reported in the final pass). */
  absolute(text: string, sizing: boolean): number | undefined {
    const r = this.evaluate(text, sizing);
    if (!this.report(r)) return undefined;
    if (!isAbsolute(r.value)) {
      this.error('IEV032', text);
      return undefined;
    }
    return r.value.abs;
  }

  // ---- sections and the location counter ----

  /** The current section; statements that need one before any CSECT or START begin private code. */
  section(): Section {
    if (!this.cur) {
      let pc = this.sections.find('', ['PC']);
      if (!pc) pc = this.sections.create('', 'PC', this.st?.stmt ?? 0, this.pass);
      pc.pass = this.pass;
      this.cur = pc;
    }
    return this.cur;
  }

  hasControlSection(): boolean {
    return this.sections.list.some((s) => (s.kind === 'CSECT' || s.kind === 'PC') && s.pass === this.pass);
  }

  firstControlSection(): Section | undefined {
    return this.sections.list.find((s) => s.kind === 'CSECT' || s.kind === 'PC');
  }

  here(): Value {
    const s = this.section();
    return this.relocatable(s.id, s.loc);
  }

  /** Moves the location counter to `offset`, keeping the section's length the highest reached. */
  setLocation(offset: number): void {
    const s = this.section();
    if (offset > 0xff_ffff || offset < 0) {
      this.error('IEV039');
      offset = Math.max(0, Math.min(offset, 0xff_ffff));
    }
    s.loc = offset;
    if (offset > s.high) s.high = offset;
  }

  advance(n: number): void {
    this.setLocation(this.section().loc + n);
  }

  /** Aligns the location counter; DC and instructions fill the skipped bytes with zeros. */
  align(boundary: number, fill: boolean): void {
    const s = this.section();
    const to = alignUp(s.loc, boundary);
    if (to > s.loc && fill) this.emit(s.loc, new Uint8Array(to - s.loc), false);
    if (to !== s.loc) this.setLocation(to);
  }

  /** Assembled address of a value: its absolute part plus the origins of its relocatable terms. */
  addressOf(v: Value): number {
    let n = v.abs;
    if (v.rel) for (const [id, count] of v.rel) n += count * (this.sections.byId(id)?.origin ?? 0);
    return n;
  }

  /** Address of a section offset, as the listing prints it. */
  addressIn(s: Section, offset: number): number {
    return s.origin + offset;
  }

  // ---- symbols ----

  /** Defines the statement's name field symbol; reports a duplicate (IEV043). */
  defineLabel(name: string, value: Value, length: number, type: string): void {
    if (!name) return;
    if (!this.symbols.define(name, this.pass, this.st.stmt, value, length, type)) this.error('IEV043', name);
  }

  /** The name field as an ordinary symbol, or '' (sequence symbols and bad names are dropped). */
  labelOf(st: Statement): string {
    const n = st.name;
    if (!n || n.startsWith('.')) return '';
    return n;
  }

  // ---- output ----

  /** Text bytes at a section offset; `listed` adds them to the statement's object code in the listing. */
  emit(offset: number, bytes: Uint8Array, listed = true): void {
    if (!this.final) return;
    const s = this.section();
    if (s.kind === 'CSECT' || s.kind === 'PC') this.text.push({ section: s, offset, bytes });
    if (listed && this.rec) for (const b of bytes) this.rec.object.push(b);
  }

  /**
   * An address constant of `length` bytes at `offset`: the assembled value plus one relocation item
   * for each relocatable term (paired terms have cancelled already; a negative count relocates with
   * the minus sign).
   */
  adcon(offset: number, kind: 'A' | 'Y' | 'V', length: number, value: Value): void {
    let n = value.abs;
    const s = this.section();
    let relocated = false;
    if (value.rel) {
      for (const [id, count] of value.rel) {
        const base = this.sections.byId(id);
        if (!base) continue;
        n += count * base.origin;
        if (base.kind === 'DSECT') continue;
        relocated = true;
        if (!this.final || (s.kind !== 'CSECT' && s.kind !== 'PC')) continue;
        for (let k = 0; k < Math.abs(count); k++) {
          this.rld.push({ position: s, relocation: base, offset, length, vcon: kind === 'V', negative: count < 0 });
        }
      }
    }
    if (relocated && length === 2) this.error('IEV066');
    if (relocated && length < 2) this.error('IEV047', 'RELOCATABLE CONSTANT SHORTER THAN 2 BYTES');
    if (!relocated && length < 4) {
      const limit = 2 ** (8 * length);
      if (n >= limit || n < -(limit / 2)) this.error('IEV072', String(n));
    }
    const bytes = new Uint8Array(length);
    let u = n;
    for (let i = length - 1; i >= 0; i--) {
      bytes[i] = ((u % 256) + 256) % 256;
      u = Math.floor(u / 256);
    }
    this.emit(offset, bytes);
  }

  /** Places the pending literal pool at the current location (LTORG) or at the end of a section. */
  placeLiterals(generate: (operand: string, offset: number, star: Value, text: string) => void): void {
    if (!this.literals.pending) return;
    const s = this.section();
    const start = alignUp(s.loc, 8);
    this.setLocation(start);
    const lits = this.literals.place(s.id, start);
    for (const lit of lits) {
      this.setLocation(lit.offset!);
      generate(lit.operand, lit.offset!, lit.star, lit.text);
      this.setLocation(lit.offset! + lit.length);
    }
  }

  /** A listing line for a literal placed in a pool. */
  literalLine(text: string, offset: number): ListingLine | undefined {
    if (!this.final) return undefined;
    const rec: ListingLine = {
      stmt: 0,
      loc: this.addressIn(this.section(), offset),
      object: [],
      data: true,
      cards: [text],
      generated: false,
      messages: [],
      print: { ...this.print },
    };
    this.lines.push(rec);
    return rec;
  }

  value(n: number): Value {
    return absolute(n);
  }
}
