// Literal pools (Assembler Language, "Literals" and "LTORG instruction"). A literal (=F'1', =C'AB',
// =A(X) ...) joins the pool that the next LTORG, or the end of the assembly, places. Identical literals
// in one pool share storage, except those whose value depends on the location counter. A pool is
// placed on a doubleword boundary: literals whose length is a multiple of 8 first, then of 4, of 2, the
// rest last, each group in order of first appearance.

import { valueKey, type Value } from './expressions.ts';
import { skipString, quoteOpensString } from './source.ts';

export interface Literal {
  /** The literal as written, '=' included. */
  readonly text: string;
  /** The DC operand (without '='). */
  readonly operand: string;
  /** The location counter of the statement that first used it (for '*' in the literal). */
  readonly star: Value;
  /** Bytes the literal occupies. */
  length: number;
  /** Its length attribute (one element of the constant). */
  lengthAttribute: number;
  /** Section offset assigned when the pool is placed (in the pass under way). */
  offset?: number;
  /** Statement that first used it. */
  readonly stmt: number;
}

export interface Pool {
  readonly index: number;
  readonly literals: Map<string, Literal>;
  /** Section the pool was placed in (relocation base), once placed. */
  base?: number;
}

/** Whether '*' (the location counter) occurs in the literal outside quoted strings. */
function usesLocationCounter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" && quoteOpensString(text, i)) {
      const e = skipString(text, i);
      if (e < 0) return false;
      i = e - 1;
    } else if (c === '*') return true;
  }
  return false;
}

export class LiteralPools {
  private pools: Pool[] = [];
  private current: Pool = { index: 0, literals: new Map() };
  /** Addresses found in the previous pass: pool index + key → value. */
  private previous = new Map<string, Value>();
  private placed = new Map<string, Value>();

  /** Starts a pass: the previous pass's placements become the lookup for forward references. */
  startPass(): void {
    this.previous = this.placed;
    this.placed = new Map();
    this.pools = [];
    this.current = { index: 0, literals: new Map() };
  }

  /** Registers a use of a literal; returns it with its (possibly previous-pass) address, if known. */
  use(
    text: string,
    star: Value,
    stmt: number,
    measure: (operand: string) => { length: number; lengthAttribute: number },
  ): { literal: Literal; address?: Value } {
    const star0 = usesLocationCounter(text.slice(1));
    const key = star0 ? `${text}@${valueKey(star)}` : text;
    let lit = this.current.literals.get(key);
    if (!lit) {
      const m = measure(text.slice(1));
      lit = { text, operand: text.slice(1), star, length: m.length, lengthAttribute: m.lengthAttribute, stmt };
      this.current.literals.set(key, lit);
    }
    const k = `${this.current.index}|${key}`;
    return { literal: lit, address: this.placed.get(k) ?? this.previous.get(k) };
  }

  /** Whether the current pool holds any literal. */
  get pending(): boolean {
    return this.current.literals.size > 0;
  }

  /**
   * Places the current pool at section offset `start` (already doubleword aligned) of section `base`;
   * returns its literals in placement order with offsets set, and opens the next pool.
   */
  place(base: number, start: number): Literal[] {
    const pool = this.current;
    const entries = [...pool.literals.entries()];
    const order: [string, Literal][] = [];
    const taken = new Set<string>();
    for (const m of [8, 4, 2, 1]) {
      for (const e of entries) {
        if (e[1].length % m === 0 && !taken.has(e[0])) {
          taken.add(e[0]);
          order.push(e);
        }
      }
    }
    let at = start;
    for (const [key, lit] of order) {
      lit.offset = at;
      this.placed.set(`${pool.index}|${key}`, { abs: at, rel: new Map([[base, 1]]) });
      at += lit.length;
    }
    pool.base = base;
    this.pools.push(pool);
    this.current = { index: pool.index + 1, literals: new Map() };
    return order.map((e) => e[1]);
  }

  /** A signature of all placements, to tell whether passes have converged. */
  signature(): string {
    let s = '';
    for (const [k, v] of this.placed) s += `${k}=${valueKey(v)};`;
    return s;
  }
}
