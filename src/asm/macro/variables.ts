// Variable symbols (Assembler Language, "Variable symbols"): SET symbols (SETA arithmetic, SETB
// binary, SETC character; scalar or subscripted; local or global), symbolic parameters and the system
// variable symbols (&SYSNDX, &SYSECT, &SYSLIST, &SYSPARM ...). All of it lives in per-call objects.

import { sublistItems } from './statement.ts';

export type SetType = 'A' | 'B' | 'C';

/**
 * A value in conditional assembly: arithmetic (32-bit signed), binary, or character. A character
 * value read straight from a variable symbol (not written as a quoted string) is marked raw: two raw
 * values compare arithmetically when both are self-defining terms, as unquoted operands do.
 */
export type Value =
  | { readonly t: 'A'; readonly v: number }
  | { readonly t: 'B'; readonly v: boolean }
  | { readonly t: 'C'; readonly v: string; readonly raw?: boolean };

/** Longest SETC value kept (far beyond Assembler H's 255; a guard against runaway doubling loops). */
export const MAX_CHARACTER = 65_535;

export const arithmetic = (v: number): Value => ({ t: 'A', v });
export const binary = (v: boolean): Value => ({ t: 'B', v });
export const character = (v: string): Value => ({ t: 'C', v });

/** A SET symbol: scalar (subscript 0) or dimensioned (subscripts from 1, dimension not enforced, as H). */
export class SetVariable {
  private readonly values = new Map<number, Value>();

  constructor(
    readonly name: string,
    readonly type: SetType,
    readonly dimensioned: boolean,
    readonly global: boolean,
  ) {}

  initial(): Value {
    return this.type === 'A' ? arithmetic(0) : this.type === 'B' ? binary(false) : character('');
  }

  get(subscript: number): Value {
    return this.values.get(subscript) ?? this.initial();
  }

  set(subscript: number, value: Value): void {
    this.values.set(subscript, value);
  }

  /** N' of a dimensioned SET symbol: the highest subscript assigned so far. */
  maxSubscript(): number {
    let max = 0;
    for (const k of this.values.keys()) if (k > max) max = k;
    return max;
  }
}

/** What a variable symbol name stands for in one scope. */
export type Binding =
  | { readonly kind: 'set'; readonly variable: SetVariable }
  | { readonly kind: 'param'; readonly value: string }
  /** &SYSLIST: entry 0 is the name field, then the positional operands. */
  | { readonly kind: 'syslist'; readonly operands: readonly string[] }
  | { readonly kind: 'system'; readonly value: Value };

/** Whether a '(' right after the variable symbol is a subscript (sublist reference or array element). */
export function subscriptable(b: Binding | undefined): boolean {
  if (!b) return false;
  if (b.kind === 'set') return b.variable.dimensioned;
  return b.kind === 'param' || b.kind === 'syslist';
}

/** The local dictionary of one macro expansion (or of open code). */
export class LocalScope {
  readonly bindings = new Map<string, Binding>();
}

/** Number of entries of a (possibly) sublist value: N'. Not a sublist: 1, or 0 if omitted. */
export function sublistCount(value: string): number {
  const items = sublistItems(value);
  if (items) return items.length;
  return value === '' ? 0 : 1;
}

/** Selects a sublist entry by subscripts (&P(2), &P(2,1)); a non-sublist value is its own entry 1. */
export function selectSublist(value: string, subscripts: readonly number[]): string {
  let v = value;
  for (const s of subscripts) {
    const items = sublistItems(v);
    if (items) v = items[s - 1] ?? '';
    else v = s === 1 ? v : '';
  }
  return v;
}

/** The text a value substitutes as: SETA without sign (as Assembler H), SETB 0 or 1, SETC as is. */
export function valueText(v: Value): string {
  if (v.t === 'A') return String(Math.abs(v.v));
  if (v.t === 'B') return v.v ? '1' : '0';
  return v.v;
}

/**
 * Reads a binding with optional subscripts. Problems (inconsistent dimension, subscript below 1) are
 * reported through `report` and default values used, as the assembler does.
 */
export function readBinding(
  name: string,
  b: Binding,
  subscripts: readonly number[] | undefined,
  report: (kind: 'dimension' | 'below-one' | 'syslist', name: string) => void,
): Value {
  switch (b.kind) {
    case 'set': {
      const variable = b.variable;
      if (!variable.dimensioned) {
        if (subscripts) report('dimension', name);
        return variable.get(0);
      }
      if (!subscripts || subscripts.length !== 1) {
        report('dimension', name);
        return variable.initial();
      }
      let s = subscripts[0];
      if (s < 1) {
        report('below-one', name);
        s = 1;
      }
      return variable.get(s);
    }
    case 'param':
      return character(subscripts ? selectSublist(b.value, subscripts) : b.value);
    case 'syslist': {
      if (!subscripts || subscripts.length === 0) {
        report('syslist', name);
        return character('');
      }
      const [first, ...rest] = subscripts;
      if (first < 0) {
        report('below-one', name);
        return character('');
      }
      return character(selectSublist(b.operands[first] ?? '', rest));
    }
    case 'system':
      return b.value;
  }
}
