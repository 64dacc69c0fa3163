// Helpers for the assembler tests: source statements in the 80-column layout, assembly with a fixed
// date, and views of the output.

import { assembleSource } from '../../src/asm/assembler.ts';
import type { AssembleOptions, AssemblyResult } from '../../src/asm/types.ts';

export const DATE = new Date(Date.UTC(1979, 2, 14));

/** One statement: name in column 1, operation in column 10, operands in column 16. */
export function st(name: string, op: string, operands = '', remarks = ''): string {
  let line = name.padEnd(8, ' ') + ' ' + op;
  if (operands || remarks) line = line.padEnd(Math.max(15, line.length + 1), ' ') + operands;
  if (remarks) line += ' ' + remarks;
  return line;
}

/** Assembles statements (no macro phase) with a fixed date. */
export function asm(lines: string[] | string, options: AssembleOptions = {}): AssemblyResult {
  const text = Array.isArray(lines) ? lines.join('\n') + '\n' : lines;
  return assembleSource(text, { date: DATE, ...options });
}

/** The core image as upper-case hex. */
export function coreHex(r: AssemblyResult): string {
  return Buffer.from(r.core.bytes).toString('hex').toUpperCase();
}

/** Bytes of the core image from address `from` (absolute) for `n` bytes, as hex. */
export function bytesAt(r: AssemblyResult, from: number, n: number): string {
  const k = from - r.core.origin;
  return Buffer.from(r.core.bytes.subarray(k, k + n)).toString('hex').toUpperCase();
}

/** The codes of the messages, in order. */
export function codes(r: AssemblyResult): string[] {
  return r.messages.map((m) => m.code);
}

/** Address of a symbol. */
export function addr(r: AssemblyResult, name: string): number {
  const s = r.symbols.find((x) => x.name === name);
  if (!s) throw new Error(`no symbol ${name}`);
  return s.value;
}

/** Assembles a single instruction at location 0 (no USING) and gives its bytes as hex. */
export function one(op: string, operands: string): string {
  const r = asm([st('', op, operands), st('', 'END')]);
  if (r.returnCode > 0) throw new Error(r.messages.map((m) => `${m.code} ${m.text}`).join('; '));
  return coreHex(r);
}

/** The 80-byte cards of the object deck. */
export function cards(r: AssemblyResult): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let k = 0; k < r.object.length; k += 80) out.push(r.object.subarray(k, k + 80));
  return out;
}

export function hex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex').toUpperCase();
}
