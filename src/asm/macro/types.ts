// The contract between the macro processor (src/asm/macro: conditional assembly, macro expansion,
// COPY) and the assembler proper (src/asm: symbols, encoding, object deck, listing).
// The macro phase runs first over the whole source and hands the assembler plain statements.

/** One line of source as read: 80-column card image text (sequence field included if present). */
export interface SourceLine {
  text: string;
  /** File the line came from (the main source, a COPY member or a macro library member). */
  file: string;
  /** 1-based line number within that file. */
  line: number;
}

/** A statement for the assembler after macro processing. */
export interface ExpandedLine extends SourceLine {
  /**
   * 'source' an open-code statement; 'generated' produced by a macro expansion (the listing marks it
   * with '+'); 'copy' read from a COPY member; 'comment' a macro-definition or conditional-assembly
   * statement kept only for the listing (the assembler does not assemble it).
   */
  kind: 'source' | 'generated' | 'copy' | 'comment';
  /** Macro nesting depth (0 in open code). */
  depth: number;
  /** The macro whose expansion produced the line, if any. */
  macro?: string;
  /**
   * True on the cards of a macro instruction that the macro phase expanded (kind 'source', 'copy' or
   * 'generated'): the listing shows it, the assembler does not assemble it; its expansion follows.
   * An operation the phase could not resolve to a macro is passed through without this mark.
   */
  macroCall?: boolean;
}

/** A diagnostic from the macro phase, placed under the statement it belongs to in the listing. */
export interface MacroMessage {
  file: string;
  line: number;
  /** IBM severity: 0 informational ... 4 warning, 8 error, 12 severe, 16 terminal (MNOTE severity as written). */
  severity: number;
  /** IBM-style message text, e.g. "IEV089 ... UNDEFINED MACRO" or an MNOTE's text. */
  text: string;
  /** Index into ExpandedResult.lines of the statement it belongs to (-1 if none). */
  at: number;
}

/** What the macro phase may ask the assembler about ordinary symbols (L', T', S', I', D' in open code). */
export interface SymbolAttributes {
  type: string;
  length: number;
  scale: number;
  integer: number;
  defined: boolean;
}

export interface MacroOptions {
  /** Folders searched, in order, for macro definitions (MEMBER.mac, MEMBER.copy or MEMBER, one per file). */
  maclibs: string[];
  /** &SYSPARM. */
  sysparm?: string;
  /** Reads a file's text; defaults to the file system. Returns undefined if absent. */
  readFile?: (path: string) => string | undefined;
}

export interface ExpandedResult {
  lines: ExpandedLine[];
  messages: MacroMessage[];
  /** Highest severity seen in the macro phase. */
  maxSeverity: number;
}
