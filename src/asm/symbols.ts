// The symbol table and the sections (control sections, dummy sections, common, external symbols).
// A symbol's value is section-relative (see expressions.ts); a section's assembled origin is fixed
// only once all lengths are known, so passes never depend on it.

import type { Value } from './expressions.ts';

/**
 * CSECT a named control section (ESD SD), PC private code (unnamed CSECT), DSECT a dummy section (no
 * ESD, no text), COM common (CM), ER / WX external references (EXTRN / WXTRN, V-type constants).
 */
export type SectionKind = 'CSECT' | 'PC' | 'DSECT' | 'COM' | 'ER' | 'WX';

export interface Section {
  /** Relocation base id (1-based), used in Value.rel. */
  readonly id: number;
  readonly name: string;
  /** An ER created by a V-type constant may turn out to be a control section of this assembly. */
  kind: SectionKind;
  /** Created by a V-type constant rather than declared. */
  implicit: boolean;
  /** Current location counter (offset within the section) in the pass under way. */
  loc: number;
  /** Highest offset reached: the section's length. */
  high: number;
  /** Assembled origin: where offset 0 lies in the listing and object deck (0 for DSECT, COM, ER, WX). */
  origin: number;
  /** ESD id (0 for a DSECT). */
  esdid: number;
  /** Statement that first declared it. */
  stmt: number;
  /** Pass in which it was last declared or resumed. */
  pass: number;
}

export interface SymbolEntry {
  readonly name: string;
  value: Value;
  length: number;
  /** Type attribute (T'): C X F ... for DC/DS, I instruction, J section, T external, U undefined/EQU. */
  type: string;
  /** Defining statement. */
  stmt: number;
  /** Pass in which the symbol was (last) defined. */
  pass: number;
  /** Statements that refer to it (collected in the final pass). */
  refs: number[];
}

export class SymbolTable {
  private readonly map = new Map<string, SymbolEntry>();

  get(name: string): SymbolEntry | undefined {
    return this.map.get(name);
  }

  /**
   * Defines name in pass `pass`. Returns false if it was already defined in this pass (a duplicate:
   * the first definition stands).
   */
  define(name: string, pass: number, stmt: number, value: Value, length: number, type: string): boolean {
    const e = this.map.get(name);
    if (e) {
      if (e.pass === pass && e.stmt !== stmt) return false;
      e.value = value;
      e.length = length;
      e.type = type;
      e.stmt = stmt;
      e.pass = pass;
      return true;
    }
    this.map.set(name, { name, value, length, type, stmt, pass, refs: [] });
    return true;
  }

  reference(name: string, stmt: number): void {
    const e = this.map.get(name);
    if (e && e.refs[e.refs.length - 1] !== stmt) e.refs.push(stmt);
  }

  all(): SymbolEntry[] {
    return [...this.map.values()];
  }

  get size(): number {
    return this.map.size;
  }
}

export class SectionTable {
  readonly list: Section[] = [];
  private readonly byName = new Map<string, Section>();

  /** Finds a named section or external (private code has the name ''). */
  find(name: string, kinds?: readonly SectionKind[]): Section | undefined {
    const s = this.byName.get(name);
    if (s && kinds && !kinds.includes(s.kind)) return undefined;
    return s;
  }

  byId(id: number): Section | undefined {
    return this.list[id - 1];
  }

  create(name: string, kind: SectionKind, stmt: number, pass: number): Section {
    const s: Section = { id: this.list.length + 1, name, kind, implicit: false, loc: 0, high: 0, origin: 0, esdid: 0, stmt, pass };
    this.list.push(s);
    // Blank COM and private code share the name '' but not the kind: key them apart.
    this.byName.set(kind === 'COM' && name === '' ? ' COM' : name, s);
    return s;
  }

  findBlankCommon(): Section | undefined {
    return this.byName.get(' COM');
  }
}

/** Rounds n up to a multiple of the power of two a. */
export function alignUp(n: number, a: number): number {
  return a <= 1 ? n : Math.ceil(n / a) * a;
}
