// The S/370 assembler: macro phase (./macro), then the assembler proper (assembler.ts). Entry points:
// assemble(sourceText, options) for a whole source, assembleExpanded(lines, ...) for statements that
// have been through (or need no) macro processing, the loader, the disassembler and the IPL deck.

import { readFileSync } from 'node:fs';
import { assembleExpanded } from './assembler.ts';
import { expandSource } from './macro/index.ts';
import { sourceLines } from './source.ts';
import type { AssembleOptions, AssemblyResult } from './types.ts';

/** Assembles a source text: the macro phase first, then the assembler proper. */
export function assemble(sourceText: string, options: AssembleOptions = {}): AssemblyResult {
  const file = options.file ?? 'SOURCE';
  const lines = sourceLines(sourceText, file);
  const readFile =
    options.readFile ??
    ((path: string): string | undefined => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    });
  const expanded = expandSource(lines, { maclibs: options.maclibs ?? [], sysparm: options.sysparm, readFile });
  return assembleExpanded(expanded.lines, options, { messages: expanded.messages, maxSeverity: expanded.maxSeverity });
}

export { assembleExpanded, assembleSource } from './assembler.ts';
export { loadObjectDecks, type LoadOptions, type LoadResult, type LoadedSection } from './loader.ts';
export { disassemble, disassembleOne, type Disassembled, type DisassembleOptions } from './disassembler.ts';
export { iplDeck, bcPsw, type IplDeckOptions } from './ipl-deck.ts';
export { formatMessage, type AsmMessage } from './messages.ts';
export type { AssembleOptions, AssemblyResult, CoreImage, SectionSummary, SymbolSummary } from './types.ts';
