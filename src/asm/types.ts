// Public types of the assembler: options, results and the records its outputs are built from.

import type { AsmMessage } from './messages.ts';
import type { SectionKind } from './symbols.ts';

export interface AssembleOptions {
  /** Name of the main source file, for messages (default 'SOURCE'). */
  file?: string;
  /** Macro libraries (folders) for the macro phase. */
  maclibs?: string[];
  /** &SYSPARM for the macro phase. */
  sysparm?: string;
  /** Reads a file's text (COPY members, macro libraries); defaults to the file system. */
  readFile?: (path: string) => string | undefined;
  /** Deck ID for columns 73-80 of the object deck (default: the name of the first named TITLE). */
  deckId?: string;
  /** Date printed in the listing heading and the END card's IDR field (default: now). */
  date?: Date;
  /** Lines per listing page (default 60). */
  linesPerPage?: number;
}

export interface SectionSummary {
  name: string;
  kind: SectionKind;
  /** ESD id (0 for DSECTs). */
  esdid: number;
  /** Assembled origin. */
  origin: number;
  length: number;
}

export interface SymbolSummary {
  name: string;
  /** Address (origin + offset) for relocatable symbols, the value for absolute ones. */
  value: number;
  /** Section name for relocatable symbols ('' private code); undefined when absolute or complex. */
  section?: string;
  length: number;
  type: string;
  /** Defining statement (0 if never defined). */
  defined: number;
  references: number[];
}

/** A flat image of the assembled text: bytes from the lowest to the highest address assembled. */
export interface CoreImage {
  /** Address of bytes[0]. */
  origin: number;
  bytes: Uint8Array;
  /** Entry point: the END operand, else the first control section's origin. */
  entry: number;
}

export interface AssemblyResult {
  /** IBM return code 0, 4, 8, 12 or 16. */
  returnCode: number;
  /** Highest severity of any message (macro phase included). */
  maxSeverity: number;
  messages: AsmMessage[];
  /** The object deck: 80-byte EBCDIC card images (ESD, TXT, RLD, END), concatenated. */
  object: Uint8Array;
  /** The listing text. */
  listing: string;
  sections: SectionSummary[];
  symbols: SymbolSummary[];
  /** The flat core image of the control sections' text. */
  core: CoreImage;
  /** Number of statements assembled. */
  statements: number;
}
