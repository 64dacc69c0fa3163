// The macro phase as one per-call object: it walks open code, executes conditional assembly, reads
// macro definitions (source, inner and library), expands macro instructions and COPY members, and
// hands the assembler plain statements (Assembler Language, "Macro language" and "Conditional
// assembly"). All state lives here; nothing is module-level.

import type { ExpandedLine, ExpandedResult, MacroMessage, MacroOptions, SourceLine } from './types.ts';
import { Diagnostics, type Diagnostic } from './messages.ts';
import { definedSymbols, type SymbolInfo } from './attributes.ts';
import { collectDefinition, type DefinitionContext, type MacroDefinition } from './definition.ts';
import { ExpressionError, type EvalEnv } from './evaluator.ts';
import { executeConditional, expandCall } from './conditional.ts';
import { Library } from './library.ts';
import {
  ASSEMBLER_OPS,
  CONDITIONAL_OPS,
  SECTION_OPS,
  isBuiltinOp,
  isExtendedMnemonic,
  machineLength,
} from './operations.ts';
import {
  buildStatement,
  fieldsOf,
  groupStatements,
  parseText,
  splitTopLevel,
  toCards,
  type Fields,
  type Statement,
} from './statement.ts';
import { needsSubstitution, substitute } from './substitute.ts';
import { LocalScope, character, type Binding, type SetVariable } from './variables.ts';

/** Default ACTR: branches allowed per macro expansion (and in open code). */
const DEFAULT_ACTR = 4096;
/** Statements the phase will process before it concludes the source loops without end. */
const STATEMENT_BUDGET = 1_000_000;
/** Messages after which the source is taken to be something other than assembler language. */
const MESSAGE_LIMIT = 20_000;
const COPY_NESTING = 16;

/** Where conditional assembly is running: open code, or one macro expansion. */
export interface Frame {
  readonly kind: 'open' | 'macro';
  readonly statements: Statement[];
  pc: number;
  readonly scope: LocalScope;
  actr: number;
  readonly depth: number;
  readonly macro?: MacroDefinition;
  readonly sequence: Map<string, number>;
  done: boolean;
  readonly env: EvalEnv;
}

type LineKind = ExpandedLine['kind'];

export class MacroProcessor {
  readonly lines: ExpandedLine[] = [];
  readonly messages: MacroMessage[] = [];
  readonly globals = new Map<string, SetVariable>();
  /** Source macro definitions (open code and inner definitions); they win over library members. */
  readonly definitions = new Map<string, MacroDefinition>();
  private readonly libraryDefinitions = new Map<string, MacroDefinition | null>();
  private readonly library: Library;
  private readonly symbols = new Map<string, SymbolInfo>();
  private lookaheadDone = false;
  private mainStatements: Statement[] = [];
  private maxSeverity = 0;
  private budget = STATEMENT_BUDGET;
  private where: SourceLine = { text: '', file: '', line: 0 };
  private lastIndex = -1;
  private readonly sysparm: string;
  private readonly sysdate: string;
  private readonly systime: string;
  /** Current control section name (&SYSECT). */
  section = '';
  /** Macro instructions processed so far (&SYSNDX). */
  sysndx = 0;
  stopped = false;
  openFrame: Frame | undefined;

  constructor(options: MacroOptions) {
    this.library = new Library(options.maclibs, options.readFile);
    this.sysparm = options.sysparm ?? '';
    const now = new Date();
    const two = (n: number) => String(n).padStart(2, '0');
    this.sysdate = `${two(now.getMonth() + 1)}/${two(now.getDate())}/${two(now.getFullYear() % 100)}`;
    this.systime = `${two(now.getHours())}.${two(now.getMinutes())}`;
  }

  run(lines: readonly SourceLine[]): ExpandedResult {
    this.mainStatements = groupStatements(lines, false, 0);
    const frame = this.newFrame('open', this.mainStatements.slice(), new LocalScope(), 0);
    this.openFrame = frame;
    try {
      this.runFrame(frame);
    } catch (e) {
      this.report(Diagnostics.internal(e instanceof Error ? e.message : String(e)));
    }
    return { lines: this.lines, messages: this.messages, maxSeverity: this.maxSeverity };
  }

  newFrame(kind: 'open' | 'macro', statements: Statement[], scope: LocalScope, depth: number, macro?: MacroDefinition): Frame {
    const env: EvalEnv = {
      binding: (name) => scope.bindings.get(name) ?? this.systemBinding(name),
      symbol: (name) => this.symbolInfo(name),
      opcodeAttribute: (op) => this.opcodeAttribute(op),
      report: (d) => this.report(d),
    };
    const sequence = macro ? new Map(macro.sequence) : new Map<string, number>();
    return { kind, statements, pc: 0, scope, actr: DEFAULT_ACTR, depth, macro, sequence, done: false, env };
  }

  private systemBinding(name: string): Binding | undefined {
    if (name === 'SYSPARM') return { kind: 'system', value: character(this.sysparm) };
    if (name === 'SYSDATE') return { kind: 'system', value: character(this.sysdate) };
    if (name === 'SYSTIME') return { kind: 'system', value: character(this.systime) };
    return undefined;
  }

  // --- messages and output -----------------------------------------------------------------------

  /** Reports at the statement being processed, placed under the line emitted last. */
  report(d: Diagnostic, at = this.lastIndex): void {
    this.message(d.severity, d.text, at);
  }

  message(severity: number, text: string, at = this.lastIndex): void {
    if (this.stopped) return;
    if (this.messages.length >= MESSAGE_LIMIT) {
      this.stopped = true;
      const d = Diagnostics.limitExceeded();
      this.messages.push({ file: this.where.file, line: this.where.line, severity: d.severity, text: d.text, at });
      this.maxSeverity = Math.max(this.maxSeverity, d.severity);
      return;
    }
    this.messages.push({ file: this.where.file, line: this.where.line, severity, text, at });
    if (severity > this.maxSeverity) this.maxSeverity = severity;
  }

  /** Places the messages reported since `mark` (while a statement was being built) under line `at`. */
  placeSince(mark: number, at: number): void {
    for (let k = mark; k < this.messages.length; k++) this.messages[k] = { ...this.messages[k], at };
  }

  get messageCount(): number {
    return this.messages.length;
  }

  /** Emits a statement's cards as read. Returns the index of its first card. */
  emitCards(st: Statement, kind: LineKind, depth = 0, macro?: string, macroCall = false): number {
    const first = this.lines.length;
    for (const card of st.cards) this.push({ text: card.text, file: card.file, line: card.line }, kind, depth, macro, macroCall);
    this.lastIndex = first;
    return first;
  }

  /** Emits statement text as card images (continued as needed), located at `st`. */
  emitText(text: string, st: Statement, kind: LineKind, depth: number, macro?: string, macroCall = false): number {
    const first = this.lines.length;
    const { file, line } = st.cards[0];
    for (const card of toCards(text)) this.push({ text: card, file, line }, kind, depth, macro, macroCall);
    this.lastIndex = first;
    return first;
  }

  private push(src: SourceLine, kind: LineKind, depth: number, macro: string | undefined, macroCall: boolean): void {
    const line: ExpandedLine = { ...src, kind, depth };
    if (macro !== undefined) line.macro = macro;
    if (macroCall) line.macroCall = true;
    this.lines.push(line);
  }

  // --- the statement loop ------------------------------------------------------------------------

  runFrame(frame: Frame): void {
    while (!frame.done && !this.stopped && frame.pc < frame.statements.length) {
      if (--this.budget < 0) {
        this.report(Diagnostics.limitExceeded());
        this.stopped = true;
        return;
      }
      const st = frame.statements[frame.pc++];
      this.where = st.cards[0];
      try {
        this.step(frame, st);
      } catch (e) {
        if (!(e instanceof ExpressionError)) throw e;
        this.where = st.cards[0];
        this.report(e.diagnostic);
      }
    }
  }

  private step(frame: Frame, st: Statement): void {
    const f = fieldsOf(st);
    const open = frame.kind === 'open';
    const origin: LineKind = st.copy ? 'copy' : 'source';
    if (f.kind === 'blank') {
      if (open) this.emitCards(st, origin);
      return;
    }
    if (f.kind === 'macro-comment') {
      if (open) this.emitCards(st, 'comment');
      return;
    }
    if (f.kind === 'comment') {
      if (open) this.emitCards(st, origin);
      else this.emitCards(st, 'generated', frame.depth, frame.macro?.name);
      return;
    }
    let sequence: string | undefined;
    if (f.name.startsWith('.')) {
      sequence = f.name.toUpperCase();
      if (open) this.recordOpenSequence(frame, sequence, frame.pc - 1);
    }
    const op = f.op.toUpperCase();
    if (CONDITIONAL_OPS.has(op) || op === 'COPY') {
      if (open && op !== 'MACRO') this.emitCards(st, 'comment');
      executeConditional(this, frame, st, f, op);
      return;
    }
    if (sequence !== undefined && op === '') return;
    this.modelStatement(frame, st, f, sequence);
  }

  /** A statement for the assembler (after substitution), or a macro instruction to expand. */
  private modelStatement(frame: Frame, st: Statement, f: Fields, sequence: string | undefined): void {
    const open = frame.kind === 'open';
    const name = sequence === undefined ? f.name : '';
    const substituted = needsSubstitution(name) || needsSubstitution(f.op) || needsSubstitution(f.operand);
    let text: string | undefined;
    let fields = f;
    const mark = this.messages.length;
    if (substituted || !open) {
      const env = frame.env;
      const newName = substitute(name, env);
      const newOp = substitute(f.op, env);
      const newOperand = substitute(f.operand, env);
      const remarks = newOperand === '' && f.operand !== '' ? '' : f.remarks;
      text = buildStatement(f, newName, newOp, newOperand, remarks);
      fields = parseText(text);
    }
    const op = fields.op.toUpperCase();
    const definition = op === '' ? undefined : this.findMacro(op);
    const kind: LineKind = open ? (st.copy ? 'copy' : 'source') : 'generated';
    const macroName = frame.macro?.name;
    let at: number;
    if (text !== undefined) at = this.emitText(text, st, kind, frame.depth, macroName, definition !== undefined);
    else if (sequence !== undefined) at = this.emitBlankedSequence(st, sequence, kind, definition !== undefined);
    else at = this.emitCards(st, kind, frame.depth, macroName, definition !== undefined);
    this.placeSince(mark, at);
    this.noteStatement(text === undefined && sequence !== undefined ? { ...fields, name: '' } : fields, definition !== undefined);
    if (definition) {
      expandCall(this, definition, fields.name, fields.operand, frame.depth + 1);
      this.lastIndex = Math.max(this.lastIndex, at);
    }
  }

  /** Open code with a sequence symbol in the name field: the assembler sees the field blank. */
  private emitBlankedSequence(st: Statement, sequence: string, kind: LineKind, macroCall: boolean): number {
    const [first, ...rest] = st.cards;
    const blanked = { ...first, text: ' '.repeat(sequence.length) + first.text.slice(sequence.length) };
    return this.emitCards({ ...st, cards: [blanked, ...rest] }, kind, 0, undefined, macroCall);
  }

  /** Tracks &SYSECT and records the attributes of the symbols a statement defines. */
  private noteStatement(f: Fields, macroCall: boolean): void {
    const op = f.op.toUpperCase();
    if (SECTION_OPS.has(op)) this.section = f.name.toUpperCase();
    for (const [name, attrs] of definedSymbols(f, (n) => this.symbols.get(n), () => macroCall)) {
      const existing = this.symbols.get(name);
      if (!existing || !existing.defined || existing.type === 'M') this.symbols.set(name, { ...attrs, defined: true });
    }
  }

  // --- open code: sequence symbols and COPY ------------------------------------------------------

  private recordOpenSequence(frame: Frame, sequence: string, index: number): void {
    const known = frame.sequence.get(sequence);
    if (known === undefined) frame.sequence.set(sequence, index);
    else if (known !== index) this.report(Diagnostics.duplicateSequence(sequence));
  }

  /** Index of a sequence symbol's statement: known ones, or (open code) by looking ahead. */
  findSequence(frame: Frame, sequence: string): number | undefined {
    const known = frame.sequence.get(sequence);
    if (known !== undefined || frame.kind === 'macro') return known;
    let level = 0;
    for (let i = frame.pc; i < frame.statements.length; i++) {
      const st = frame.statements[i];
      const f = fieldsOf(st);
      if (f.kind !== 'statement') continue;
      const op = f.op.toUpperCase();
      if (op === 'MACRO') level++;
      else if (op === 'MEND') level = Math.max(0, level - 1);
      if (level > 0 || op === 'MEND') continue;
      if (op === 'COPY' && !st.copied) this.insertCopy(frame, i, st);
      if (f.name.startsWith('.')) {
        const name = f.name.toUpperCase();
        if (!frame.sequence.has(name)) frame.sequence.set(name, i);
        if (name === sequence) return i;
      }
    }
    return undefined;
  }

  /** AIF/AGO branch: counts against ACTR, then moves the frame to the sequence symbol. */
  branch(frame: Frame, sequence: string): void {
    const target = this.findSequence(frame, sequence);
    if (target === undefined) {
      if (frame.kind === 'macro') {
        this.report(Diagnostics.undefinedSequenceInMacro(sequence));
        frame.done = true;
      } else this.report(Diagnostics.undefinedSequenceOpen(sequence));
      return;
    }
    if (--frame.actr < 0) {
      this.report(Diagnostics.actrExceeded(frame.macro?.name ?? 'OPEN CODE'));
      if (frame.kind === 'macro') frame.done = true;
      else this.stopped = true;
      return;
    }
    frame.pc = target;
  }

  /** Inserts a COPY member's statements after the COPY statement at statements[index] (once). */
  insertCopy(frame: Frame, index: number, st: Statement): void {
    st.copied = true;
    const members = this.copyStatements(fieldsOf(st).operand, st);
    if (members) frame.statements.splice(index + 1, 0, ...members);
  }

  private copyStatements(operand: string, from: Statement): Statement[] | undefined {
    const member = (splitTopLevel(operand)[0] ?? '').trim();
    if (from.copyLevel >= COPY_NESTING) {
      this.report(Diagnostics.copyTooDeep(member));
      return undefined;
    }
    const lines = member === '' ? undefined : this.library.member(member, 'copy');
    if (!lines) {
      this.report(Diagnostics.copyNotFound(member || '(NONE)'));
      return undefined;
    }
    return groupStatements(lines, true, from.copyLevel + 1);
  }

  // --- macro definitions -------------------------------------------------------------------------

  private definitionContext(): DefinitionContext {
    return {
      copyMember: (member, from) => {
        this.where = from.cards[0];
        return this.copyStatements(member, from);
      },
      report: (d, at) => {
        this.where = at.cards[0];
        this.report(d);
      },
    };
  }

  /** MACRO in open code or in a macro body: reads (and, in open code, lists) the definition. */
  defineMacro(frame: Frame, st: Statement): void {
    const start = frame.pc - 1;
    if (frame.kind === 'open') this.emitCards(st, 'comment');
    const { definition, end } = collectDefinition(frame.statements, start, this.definitionContext(), false);
    if (frame.kind === 'open') for (let k = start + 1; k < end; k++) this.emitCards(frame.statements[k], 'comment');
    frame.pc = end;
    if (definition) this.definitions.set(definition.name, definition);
  }

  /** A macro instruction's definition: source first, then the libraries (for unknown operations). */
  findMacro(op: string): MacroDefinition | undefined {
    const source = this.definitions.get(op);
    if (source) return source;
    if (isBuiltinOp(op)) return undefined;
    return this.libraryMacro(op);
  }

  private libraryMacro(op: string): MacroDefinition | undefined {
    const cached = this.libraryDefinitions.get(op);
    if (cached !== undefined) return cached ?? undefined;
    this.libraryDefinitions.set(op, null);
    const lines = this.library.member(op, 'macro');
    if (!lines) return undefined;
    const where = this.where;
    const statements = groupStatements(lines, false, 0);
    const ctx = this.definitionContext();
    let found: MacroDefinition | undefined;
    let first: MacroDefinition | undefined;
    for (let i = 0; i < statements.length; ) {
      const f = fieldsOf(statements[i]);
      if (f.kind !== 'statement' || f.op.toUpperCase() !== 'MACRO') {
        i++;
        continue;
      }
      const { definition, end } = collectDefinition(statements, i, ctx, true);
      i = Math.max(end, i + 1);
      if (!definition) continue;
      first ??= definition;
      if (definition.name === op) found = definition;
      else if (!this.libraryDefinitions.has(definition.name)) this.libraryDefinitions.set(definition.name, definition);
    }
    if (!found && first) {
      this.report(Diagnostics.libraryName(op, first.name));
      found = first;
    }
    this.where = where;
    this.libraryDefinitions.set(op, found ?? null);
    return found;
  }

  opcodeAttribute(op: string): string {
    if (this.definitions.has(op)) return 'M';
    if (machineLength(op) !== undefined) return isExtendedMnemonic(op) ? 'E' : 'O';
    if (ASSEMBLER_OPS.has(op) || CONDITIONAL_OPS.has(op)) return 'A';
    if (this.libraryDefinitions.get(op)) return 'M';
    return this.libraryMacro(op) ? 'S' : 'U';
  }

  // --- ordinary symbols --------------------------------------------------------------------------

  /** Attributes of an ordinary symbol: as defined so far, else by looking ahead in the source. */
  symbolInfo(name: string): SymbolInfo | undefined {
    if (!this.lookaheadDone) this.lookahead();
    return this.symbols.get(name);
  }

  /**
   * Lookahead (Assembler Language, "Lookahead"): scans open code, COPY members included and macro
   * definitions skipped, for statements defining symbols not yet met, and records their attributes.
   */
  private lookahead(): void {
    this.lookaheadDone = true;
    const where = this.where;
    const seen = new Set<string>();
    const scan = (statements: readonly Statement[], level: number): void => {
      let nesting = 0;
      for (const st of statements) {
        const f = fieldsOf(st);
        if (f.kind !== 'statement') continue;
        const op = f.op.toUpperCase();
        if (op === 'MACRO') nesting++;
        else if (op === 'MEND') nesting = Math.max(0, nesting - 1);
        if (nesting > 0 || op === 'MEND') continue;
        if (op === 'COPY' && level < COPY_NESTING) {
          const member = (splitTopLevel(f.operand)[0] ?? '').trim().toUpperCase();
          const lines = member === '' || seen.has(member) ? undefined : this.library.member(member, 'copy');
          seen.add(member);
          if (lines) scan(groupStatements(lines, true, level + 1), level + 1);
          continue;
        }
        if (f.name.includes('&') || f.operand.includes('&') && op !== 'DC' && op !== 'DS') continue;
        const isMacro = (o: string) => !isBuiltinOp(o);
        for (const [name, attrs] of definedSymbols(f, (n) => this.symbols.get(n), isMacro)) {
          if (!this.symbols.has(name)) this.symbols.set(name, { ...attrs, defined: false });
        }
      }
    };
    scan(this.mainStatements, 0);
    this.where = where;
  }
}
