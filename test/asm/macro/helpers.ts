// Helpers for the macro-phase tests: sources written as template text, results reduced to what a
// test compares (generated statement texts, message texts).

import { expandSource } from '../../../src/asm/macro/index.ts';
import type { ExpandedResult, MacroOptions, SourceLine } from '../../../src/asm/macro/types.ts';

/** Source lines from text; a leading newline (template literal style) is dropped. */
export function sourceLines(text: string, file = 'TEST ASSEMBLE'): SourceLine[] {
  const raw = text.startsWith('\n') ? text.slice(1) : text;
  const parts = raw.split('\n');
  if (parts[parts.length - 1].trim() === '') parts.pop();
  return parts.map((t, k) => ({ text: t, file, line: k + 1 }));
}

export function expand(text: string, options: Partial<MacroOptions> = {}): ExpandedResult {
  return expandSource(sourceLines(text), { maclibs: [], ...options });
}

/** Texts of the generated lines, trailing blanks removed. */
export function generated(r: ExpandedResult): string[] {
  return r.lines.filter((l) => l.kind === 'generated').map((l) => l.text.trimEnd());
}

/** Texts of the lines the assembler will assemble (source, copy and generated, macro calls excluded). */
export function assembled(r: ExpandedResult): string[] {
  return r.lines.filter((l) => l.kind !== 'comment' && !l.macroCall).map((l) => l.text.trimEnd());
}

/** Message texts with their severities, e.g. '8 IEV003 ...'. */
export function messages(r: ExpandedResult): string[] {
  return r.messages.map((m) => `${m.severity} ${m.text}`);
}

/** A card with the given statement text in columns 1-71 and a continuation mark in column 72. */
export function continued(text: string): string {
  return `${text.padEnd(71)}X`;
}
