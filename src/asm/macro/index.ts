// The macro phase of the assembler: conditional assembly, macro expansion and COPY, run over the
// whole source before assembly proper (see types.ts for the contract with the assembler).

import { MacroProcessor } from './processor.ts';
import type { ExpandedResult, MacroOptions, SourceLine } from './types.ts';

export type { ExpandedLine, ExpandedResult, MacroMessage, MacroOptions, SourceLine, SymbolAttributes } from './types.ts';

/**
 * Expands a source: open-code statements come back as kind 'source' (or 'copy'), macro expansions as
 * 'generated', macro definitions and conditional-assembly statements as 'comment'. Never throws on bad
 * input: problems come back as messages.
 */
export function expandSource(lines: SourceLine[], options: MacroOptions): ExpandedResult {
  return new MacroProcessor(options).run(lines);
}
