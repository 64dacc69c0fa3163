// Data attributes of ordinary symbols as conditional assembly sees them (Assembler Language, "Data
// attributes": type T', length L', scaling S', integer I', defined D'), worked out from the statement
// that defines a symbol, plus self-defining terms and the type attribute of macro operands.

import { CP037 } from '../../ebcdic/tables.ts';
import type { SymbolAttributes } from './types.ts';
import type { Fields } from './statement.ts';
import { isSymbol, splitTopLevel } from './statement.ts';
import { ASSEMBLER_OPS, CONDITIONAL_OPS, SECTION_OPS, machineLength } from './operations.ts';

/** Attributes plus, for an EQU of a self-defining term, its value (usable in SETA as Assembler H allows). */
export interface SymbolInfo extends SymbolAttributes {
  value?: number;
}

/** Unicode character to EBCDIC (code page 037) code point; constant table. */
const TO_EBCDIC: ReadonlyMap<string, number> = new Map(Array.from(CP037, (ch, code) => [ch, code] as const).reverse());

export function ebcdicCode(ch: string): number {
  return TO_EBCDIC.get(ch) ?? 0x6f;
}

export function ebcdicChar(code: number): string {
  return CP037[code & 0xff];
}

/** Compares two character values as conditional assembly does: a shorter string is always lower. */
export function compareCharacters(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) {
    const diff = ebcdicCode(a[i]) - ebcdicCode(b[i]);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** Characters of a C'..' nominal value: '' and && each stand for one character. */
export function characterContent(inner: string): string {
  return inner.replace(/''/g, "'").replace(/&&/g, '&');
}

/**
 * Value of a self-defining term: decimal, X'hex', B'binary' or C'chars' (EBCDIC), as a signed 32-bit
 * number; undefined if the text is not one.
 */
export function selfDefiningValue(text: string): number | undefined {
  const t = text.trim();
  if (/^[+-]?\d+$/.test(t)) {
    const v = Number(t);
    return v > 0x7fff_ffff || v < -0x8000_0000 ? undefined : v;
  }
  const m = /^([XBCxbc])'(.*)'$/s.exec(t);
  if (!m) return undefined;
  const kind = m[1].toUpperCase();
  const inner = m[2];
  if (kind === 'X') {
    if (!/^[0-9A-Fa-f]{1,8}$/.test(inner)) return undefined;
    return parseInt(inner, 16) | 0;
  }
  if (kind === 'B') {
    if (!/^[01]{1,32}$/.test(inner)) return undefined;
    return parseInt(inner, 2) | 0;
  }
  if (inner.replace(/''/g, '').includes("'")) return undefined;
  const chars = characterContent(inner);
  if (chars.length < 1 || chars.length > 4) return undefined;
  let v = 0;
  for (const ch of chars) v = v * 256 + ebcdicCode(ch);
  return v | 0;
}

export function isSelfDefining(text: string): boolean {
  return selfDefiningValue(text) !== undefined;
}

const IMPLICIT_LENGTH: Record<string, number> = {
  C: 1, X: 1, B: 1, P: 1, Z: 1, H: 2, F: 4, E: 4, D: 8, L: 16, A: 4, V: 4, S: 2, Y: 2, Q: 4,
};

/**
 * Type, length, scaling and integer attributes of the first operand of a DC or DS statement (or a
 * literal without its '='), e.g. CL8' ', 3F'0', 0D, PL4'12.50', XL2'00', AL3(X). Undefined if the
 * operand holds variable symbols or is not a constant.
 */
export function constantAttributes(operandField: string): Omit<SymbolInfo, 'defined'> | undefined {
  const first = splitTopLevel(operandField)[0] ?? '';
  if (first.includes('&')) return undefined;
  const m = /^(\d+|\([^)]*\))?([A-Za-z])/.exec(first);
  if (!m) return undefined;
  const type = m[2].toUpperCase();
  if (!(type in IMPLICIT_LENGTH)) return undefined;
  let rest = first.slice(m[0].length);
  let length: number | undefined;
  let scale: number | undefined;
  for (;;) {
    const mod = /^([LSElse])(\.?)([+-]?\d+|\([^)]*\))/.exec(rest);
    if (!mod) break;
    const letter = mod[1].toUpperCase();
    const n = /^[+-]?\d+$/.test(mod[3]) ? Number(mod[3]) : undefined;
    if (letter === 'L' && mod[2] === '' && n !== undefined) length = n;
    if (letter === 'S' && n !== undefined) scale = n;
    rest = rest.slice(mod[0].length);
  }
  let nominal: string | undefined;
  const q = /^'((?:[^']|'')*)'/.exec(rest);
  if (q) nominal = q[1];
  if (length === undefined) length = implicitLength(type, nominal);
  if (scale === undefined) scale = (type === 'P' || type === 'Z') && nominal ? decimalPlaces(nominal) : 0;
  return { type, length, scale, integer: integerAttribute(type, length, scale) };
}

function implicitLength(type: string, nominal: string | undefined): number {
  if (nominal === undefined) return IMPLICIT_LENGTH[type];
  const first = type === 'C' ? nominal : nominal.split(',')[0];
  switch (type) {
    case 'C':
      return Math.max(1, characterContent(first).length);
    case 'X':
      return Math.max(1, Math.ceil(first.replace(/[^0-9A-Fa-f]/g, '').length / 2));
    case 'B':
      return Math.max(1, Math.ceil(first.replace(/[^01]/g, '').length / 8));
    case 'P':
      return Math.max(1, Math.ceil((first.replace(/[^0-9]/g, '').length + 1) / 2));
    case 'Z':
      return Math.max(1, first.replace(/[^0-9]/g, '').length);
    default:
      return IMPLICIT_LENGTH[type];
  }
}

function decimalPlaces(nominal: string): number {
  const first = nominal.split(',')[0];
  const dot = first.indexOf('.');
  return dot < 0 ? 0 : first.slice(dot + 1).replace(/[^0-9]/g, '').length;
}

/** Integer attribute (Assembler Language, "Integer attribute"): only for numeric constant types. */
function integerAttribute(type: string, length: number, scale: number): number {
  switch (type) {
    case 'H':
    case 'F':
      return 8 * length - scale - 1;
    case 'E':
    case 'D':
      return 2 * (length - 1) - scale;
    case 'L':
      return 2 * (length - 2) - scale;
    case 'P':
      return 2 * length - scale - 1;
    case 'Z':
      return length - scale;
    default:
      return 0;
  }
}

/** Looks up ordinary symbols already known (for EQU of another symbol). */
export type SymbolLookup = (name: string) => SymbolInfo | undefined;

/**
 * The symbols a statement defines and their attributes: the name of a DC/DS, EQU, machine
 * instruction, section (J), CCW (W), macro instruction (M), and the operands of EXTRN/WXTRN (T).
 */
export function definedSymbols(
  f: Fields,
  lookup: SymbolLookup,
  isMacro: (op: string) => boolean,
): Array<[string, Omit<SymbolInfo, 'defined'>]> {
  if (f.kind !== 'statement') return [];
  const op = f.op.toUpperCase();
  if (op === 'EXTRN' || op === 'WXTRN') {
    return splitTopLevel(f.operand)
      .filter(isSymbol)
      .map((s) => [s.toUpperCase(), { type: 'T', length: 1, scale: 0, integer: 0 }]);
  }
  const name = f.name.toUpperCase();
  if (!isSymbol(name)) return [];
  const plain = { scale: 0, integer: 0 };
  let attrs: Omit<SymbolInfo, 'defined'> | undefined;
  const instruction = machineLength(op);
  if (instruction !== undefined) attrs = { type: 'I', length: instruction, ...plain };
  else if (op === 'DC' || op === 'DS') attrs = constantAttributes(f.operand) ?? { type: 'U', length: 1, ...plain };
  else if (op === 'EQU') attrs = equAttributes(f.operand, lookup);
  else if (SECTION_OPS.has(op)) attrs = { type: 'J', length: 1, ...plain };
  else if (op === 'CCW' || op === 'CCW0' || op === 'CCW1') attrs = { type: 'W', length: 8, ...plain };
  else if (op === 'DXD') attrs = { type: 'T', length: 1, ...plain };
  else if (!ASSEMBLER_OPS.has(op) && !CONDITIONAL_OPS.has(op) && isMacro(op)) attrs = { type: 'M', length: 1, ...plain };
  return attrs ? [[name, attrs]] : [];
}

function equAttributes(operandField: string, lookup: SymbolLookup): Omit<SymbolInfo, 'defined'> {
  const [value = '', len = '', type = ''] = splitTopLevel(operandField);
  const info: Omit<SymbolInfo, 'defined'> = { type: 'U', length: 1, scale: 0, integer: 0 };
  const v = selfDefiningValue(value);
  if (v !== undefined) info.value = v;
  else if (isSymbol(value)) {
    const other = lookup(value.toUpperCase());
    if (other) info.length = other.length;
  }
  const l = selfDefiningValue(len);
  if (l !== undefined) info.length = l;
  const t = selfDefiningValue(type);
  if (t !== undefined) info.type = ebcdicChar(t);
  return info;
}

/**
 * Type attribute of a macro instruction operand (Assembler Language, "Type attribute"): 'O' omitted,
 * 'N' self-defining term, the symbol's type for a symbol ('U' if undefined), the constant type for a
 * literal, 'U' for anything else.
 */
export function operandType(value: string, lookup: SymbolLookup): string {
  if (value === '') return 'O';
  if (isSelfDefining(value)) return 'N';
  if (isSymbol(value)) return lookup(value.toUpperCase())?.type ?? 'U';
  if (value.startsWith('=')) return constantAttributes(value.slice(1))?.type ?? 'U';
  return 'U';
}
