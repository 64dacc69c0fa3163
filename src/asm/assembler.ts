// The assembler proper: statements after the macro phase to an object deck, a listing, a core image
// and messages. assembleExpanded() runs the passes (assembly.ts) and builds the outputs; assemble()
// in index.ts runs the macro phase first.

import { Assembly } from './assembly.ts';
import { placeEndPool } from './directives.ts';
import { simpleBase } from './expressions.ts';
import { coreImage } from './ipl-deck.ts';
import { formatListing } from './listing.ts';
import type { ExpandedLine, MacroMessage } from './macro/types.ts';
import { messageSeverity, messageText, returnCode, type AsmMessage } from './messages.ts';
import { buildObjectDeck, type EsdItem, type RldItem, type TextRun } from './object-deck.ts';
import { sourceLines, splitStatements } from './source.ts';
import { handleStatement } from './statements.ts';
import type { AssembleOptions, AssemblyResult, SectionSummary, SymbolSummary } from './types.ts';

export interface MacroPhaseOutput {
  messages: MacroMessage[];
  maxSeverity: number;
}

/** End of the source: literals still pending, END missing, ENTRY names checked. */
function finishPass(a: Assembly): void {
  if (!a.ended) {
    const saved = a.rec;
    a.rec = undefined;
    a.error('IEV140');
    a.rec = saved;
    placeEndPool(a);
  }
  if (!a.final) return;
  for (const e of a.entries) {
    const sym = a.symbols.get(e.name);
    const base = sym ? simpleBase(sym.value) : undefined;
    const sec = base === undefined ? undefined : a.sections.byId(base);
    if (!sec || (sec.kind !== 'CSECT' && sec.kind !== 'PC')) {
      const rec = a.lines.find((l) => l.stmt === e.stmt);
      const m: AsmMessage = { file: e.file, line: e.line, stmt: e.stmt, code: 'IEV048', severity: messageSeverity('IEV048'), text: messageText('IEV048', e.name) };
      rec?.messages.push(m);
      a.messages.push(m);
    }
  }
}

/** Assembles statements that have been through the macro phase (or need none). */
export function assembleExpanded(lines: ExpandedLine[], options: AssembleOptions = {}, macro?: MacroPhaseOutput): AssemblyResult {
  const statements = splitStatements(lines);
  const a = new Assembly(statements, options, handleStatement, finishPass);
  if (statements.length === 0) {
    a.st = { stmt: 0, file: options.file ?? 'SOURCE', line: 0, at: 0, cards: [], kind: 'source', comment: true, name: '', op: '', operands: '', errors: [] };
  }
  a.run();

  // Macro-phase messages go under the statement their line belongs to.
  const lineToStmt = new Map<number, number>();
  for (const st of statements) for (let k = 0; k < st.cards.length; k++) lineToStmt.set(st.at + k, st.stmt);
  const attached = new Set<AsmMessage>();
  for (const l of a.lines) for (const m of l.messages) attached.add(m);
  const unattached: AsmMessage[] = a.messages.filter((m) => !attached.has(m));
  const macroMessages: AsmMessage[] = [];
  for (const mm of macro?.messages ?? []) {
    const stmt = mm.at >= 0 ? (lineToStmt.get(mm.at) ?? 0) : 0;
    const code = /^([A-Z]{3}\d{3})/.exec(mm.text)?.[1] ?? 'MNOTE';
    const m: AsmMessage = { file: mm.file, line: mm.line, stmt, code, severity: mm.severity, text: mm.text.replace(/^[A-Z]{3}\d{3}[A-Z]?\s*/, '') };
    macroMessages.push(m);
    const rec = stmt > 0 ? a.lines.find((l) => l.stmt === stmt) : undefined;
    if (rec) rec.messages.push(m);
    else unattached.push(m);
  }
  const messages = [...macroMessages, ...a.messages].sort((x, y) => (x.stmt || Infinity) - (y.stmt || Infinity));
  const maxSeverity = Math.max(0, macro?.maxSeverity ?? 0, ...messages.map((m) => m.severity));

  // ESD ids in order of appearance; an empty private section is left out when named ones exist.
  const named = a.sections.list.some((s) => s.kind === 'CSECT');
  let esdid = 0;
  for (const s of a.sections.list) {
    s.esdid = 0;
    if (s.kind === 'DSECT') continue;
    if (s.kind === 'PC' && named && s.high === 0 && !a.text.some((t) => t.section === s)) continue;
    s.esdid = ++esdid;
  }
  const esd: EsdItem[] = [];
  for (const s of a.sections.list) {
    if (!s.esdid) continue;
    const type = s.kind === 'CSECT' ? 'SD' : s.kind === 'COM' ? 'CM' : s.kind;
    const sized = s.kind === 'CSECT' || s.kind === 'PC' || s.kind === 'COM';
    esd.push({ type: type as EsdItem['type'], name: s.name, esdid: s.esdid, address: s.origin, length: sized ? s.high : undefined });
  }
  for (const e of a.entries) {
    const sym = a.symbols.get(e.name);
    const base = sym ? simpleBase(sym.value) : undefined;
    const sec = base === undefined ? undefined : a.sections.byId(base);
    if (!sym || !sec || !sec.esdid || (sec.kind !== 'CSECT' && sec.kind !== 'PC')) continue;
    if (esd.some((x) => x.type === 'LD' && x.name === e.name)) continue;
    esd.push({ type: 'LD', name: e.name, address: sec.origin + sym.value.abs, ldid: sec.esdid });
  }
  const text: TextRun[] = a.text.filter((t) => t.section.esdid).map((t) => ({ esdid: t.section.esdid, address: t.section.origin + t.offset, bytes: t.bytes }));
  const rld: RldItem[] = a.rld
    .filter((r) => r.position.esdid && r.relocation.esdid)
    .map((r) => ({
      relocation: r.relocation.esdid,
      position: r.position.esdid,
      address: r.position.origin + r.offset,
      length: r.length,
      vcon: r.vcon,
      negative: r.negative,
    }));
  let entryAddress: number | undefined;
  let endEntry: { esdid: number; address: number } | undefined;
  const ep = a.entryPoint;
  if (ep?.value) {
    const base = simpleBase(ep.value)!;
    const sec = a.sections.byId(base)!;
    entryAddress = a.addressOf(ep.value);
    if (sec.esdid) endEntry = { esdid: sec.esdid, address: entryAddress };
  }
  const date = options.date ?? new Date();
  const object = buildObjectDeck({ esd, text, rld, end: { entry: endEntry, entryName: ep?.external, date }, deckId: a.deckId });

  const sections: SectionSummary[] = a.sections.list.map((s) => ({ name: s.name, kind: s.kind, esdid: s.esdid, origin: s.origin, length: s.high }));
  const symbols: SymbolSummary[] = a.symbols.all().map((s) => {
    const base = simpleBase(s.value);
    const sec = base === undefined ? undefined : a.sections.byId(base);
    return {
      name: s.name,
      value: a.addressOf(s.value),
      section: sec?.name,
      length: s.length,
      type: s.type,
      defined: s.stmt,
      references: s.refs,
    };
  });
  const first = a.firstControlSection();
  const core = coreImage(a.text, entryAddress, first?.origin ?? 0);
  const listing = formatListing({
    lines: a.lines,
    symbols,
    esd,
    rld,
    unattached,
    allMessages: messages,
    maxSeverity,
    statements: statements.length,
    linesPerPage: options.linesPerPage ?? 60,
    date,
  });
  return { returnCode: returnCode(maxSeverity), maxSeverity, messages, object, listing, sections, symbols, core, statements: statements.length };
}

/** Assembles source text as it stands, without the macro phase (for sources that use no macros). */
export function assembleSource(source: string, options: AssembleOptions = {}): AssemblyResult {
  return assembleExpanded(sourceLines(source, options.file ?? 'SOURCE'), options);
}
