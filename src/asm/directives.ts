// Assembler instructions that steer the assembly (Assembler Language, "Assembler instruction
// statements"): sectioning (START CSECT DSECT COM END), linkage (ENTRY EXTRN WXTRN), symbol definition
// (EQU), location counter (ORG CNOP), base registers (USING DROP), PUSH/POP and listing control (PRINT
// TITLE EJECT SPACE).

import { fromEbcdic } from '../ebcdic/index.ts';
import type { Assembly } from './assembly.ts';
import { addOffset, isAbsolute, isComplex, simpleBase } from './expressions.ts';
import { isOrdinarySymbol, skipString, splitOperands, type Statement } from './source.ts';
import { label, placePool } from './statements.ts';
import type { Section, SectionKind } from './symbols.ts';

type Handler = (a: Assembly, st: Statement) => void;

/** Runs the statement if it is one of these directives; false otherwise. */
export function directive(a: Assembly, st: Statement): boolean {
  const h = HANDLERS[st.op];
  if (!h) return false;
  h(a, st);
  return true;
}

/** A name field where none is allowed is ignored with a warning (sequence symbols are fine). */
function noName(a: Assembly, st: Statement): void {
  if (st.name && !st.name.startsWith('.')) a.error('IEV165', st.name);
}

function beginSection(a: Assembly, st: Statement, kind: SectionKind): Section | undefined {
  const name = label(st);
  if (st.name && !st.name.startsWith('.') && !name) return undefined;
  if (kind !== 'DSECT' && name.length > 8) a.error('IEV152', name);
  let sec = kind === 'COM' && name === '' ? a.sections.findBlankCommon() : a.sections.find(name, name === '' ? [kind] : undefined);
  if (sec && sec.kind !== kind) {
    if (sec.kind === 'ER' && sec.implicit && kind === 'CSECT') {
      sec.kind = 'CSECT';
      sec.implicit = false;
    } else {
      a.error('IEV155', name);
      return undefined;
    }
  }
  const first = !sec || sec.pass !== a.pass;
  if (!sec) sec = a.sections.create(name, kind, st.stmt, a.pass);
  sec.pass = a.pass;
  if (first && name) a.defineLabel(name, a.relocatable(sec.id, 0), 1, 'J');
  a.cur = sec;
  if (a.rec) a.rec.loc = a.addressIn(sec, sec.loc);
  return sec;
}

function start(a: Assembly, st: Statement): void {
  if (a.hasControlSection()) {
    a.error('IEV153');
    beginSection(a, st, label(st) ? 'CSECT' : 'PC');
    return;
  }
  let origin = 0;
  if (st.operands !== '') {
    const v = a.absolute(st.operands, true);
    if (v !== undefined) {
      if (v < 0 || v > 0xff_ffff) a.error('IEV039');
      else origin = v;
    }
  }
  a.startOrigin = origin;
  beginSection(a, st, label(st) ? 'CSECT' : 'PC');
}

function end(a: Assembly, st: Statement): void {
  noName(a, st);
  placeEndPool(a);
  if (st.operands !== '') {
    const r = a.evaluate(st.operands, false);
    if (a.report(r)) {
      const base = simpleBase(r.value);
      const sec = base === undefined ? undefined : a.sections.byId(base);
      if (!sec || sec.kind === 'DSECT' || sec.kind === 'COM') a.error('IEV157', st.operands);
      else if (sec.kind === 'ER' || sec.kind === 'WX') a.entryPoint = { external: sec.name };
      else a.entryPoint = { value: r.value };
      if (a.rec && sec) a.rec.addr2 = a.addressOf(r.value);
    }
  }
  a.ended = true;
}

/** Literals not placed by an LTORG go at the end of the first control section. */
export function placeEndPool(a: Assembly): void {
  if (!a.literals.pending) return;
  const saved = a.cur;
  const first = a.firstControlSection();
  if (first) {
    a.cur = first;
    a.setLocation(first.high);
  }
  placePool(a);
  a.cur = saved ?? a.cur;
}

function names(a: Assembly, st: Statement): string[] {
  const out: string[] = [];
  for (const raw of splitOperands(st.operands)) {
    const n = raw.trim().toUpperCase();
    if (!isOrdinarySymbol(n)) {
      a.error('IEV156', raw);
      continue;
    }
    if (n.length > 8) a.error('IEV152', n);
    out.push(n);
  }
  if (out.length === 0 && st.operands === '') a.error('IEV040');
  return out;
}

function external(kind: 'ER' | 'WX'): Handler {
  return (a, st) => {
    noName(a, st);
    for (const n of names(a, st)) {
      let sec = a.sections.find(n);
      if (sec && (sec.kind === 'ER' || sec.kind === 'WX') && (sec.implicit || sec.pass !== a.pass)) {
        sec.kind = kind;
        sec.implicit = false;
      } else if (sec) {
        if (sec.pass === a.pass && sec.kind === kind) continue;
        a.error('IEV155', n);
        continue;
      } else sec = a.sections.create(n, kind, st.stmt, a.pass);
      sec.pass = a.pass;
      a.defineLabel(n, a.relocatable(sec.id, 0), 1, 'T');
    }
  };
}

function entry(a: Assembly, st: Statement): void {
  noName(a, st);
  for (const n of names(a, st)) a.entries.push({ name: n, stmt: st.stmt, file: st.file, line: st.line });
}

function equ(a: Assembly, st: Statement): void {
  const name = label(st);
  if (!name) {
    a.error('IEV167');
    return;
  }
  const ops = splitOperands(st.operands);
  const r = a.evaluate(ops[0] ?? '', true);
  if (!a.report(r)) return;
  let length = r.length;
  if (ops[1] !== undefined && ops[1].trim() !== '') {
    const l = a.absolute(ops[1], true);
    if (l === undefined) return;
    if (l < 0 || l > 65535) a.error('IEV068', ops[1]);
    else length = l;
  }
  let type = 'U';
  if (ops[2] !== undefined && ops[2].trim() !== '') {
    const t = a.absolute(ops[2], true);
    if (t === undefined || t < 0 || t > 255) a.error('IEV037', ops[2]);
    else type = fromEbcdic(Uint8Array.of(t));
  }
  if (ops.length > 3) a.error('IEV062', 'EQU');
  a.defineLabel(name, r.value, length, type);
  if (a.rec) a.rec.addr2 = a.addressOf(r.value);
}

function org(a: Assembly, st: Statement): void {
  const s = a.section();
  if (st.operands === '') {
    a.setLocation(s.high);
  } else {
    const r = a.evaluate(st.operands, true);
    if (a.report(r)) {
      if (simpleBase(r.value) !== s.id) a.error(isAbsolute(r.value) ? 'IEV032' : 'IEV038', st.operands);
      else if (r.value.abs < 0) a.error('IEV039');
      else a.setLocation(r.value.abs);
    }
  }
  a.defineLabel(label(st), a.relocatable(s.id, s.loc), 1, 'U');
  if (a.rec) a.rec.loc = a.addressIn(s, s.loc);
}

function cnop(a: Assembly, st: Statement): void {
  const ops = splitOperands(st.operands);
  const b = ops[0] !== undefined ? a.absolute(ops[0], true) : undefined;
  const w = ops[1] !== undefined ? a.absolute(ops[1], true) : undefined;
  a.align(2, true);
  const s = a.section();
  if (a.rec) a.rec.loc = a.addressIn(s, s.loc);
  if (b === undefined || w === undefined || (w !== 4 && w !== 8) || b < 0 || b >= w || b % 2 !== 0) {
    a.error(ops.length < 2 ? 'IEV040' : 'IEV159');
  } else {
    // Fill with NOPR 0 (X'0700') up to the byte `b` of a `w`-byte boundary.
    while (s.loc % w !== b) {
      a.emit(s.loc, Uint8Array.of(0x07, 0x00));
      a.advance(2);
    }
  }
  a.defineLabel(label(st), a.relocatable(s.id, s.loc), 1, 'U');
}

function using(a: Assembly, st: Statement): void {
  noName(a, st);
  const ops = splitOperands(st.operands);
  if (ops.length < 2) {
    a.error('IEV040');
    return;
  }
  const r = a.evaluate(ops[0], false);
  if (!a.report(r)) return;
  if (isComplex(r.value)) {
    a.error('IEV078', ops[0]);
    return;
  }
  if (a.rec) a.rec.addr2 = a.addressOf(r.value);
  for (let k = 1; k < ops.length; k++) {
    const reg = a.absolute(ops[k], false);
    if (reg === undefined) continue;
    if (reg < 0 || reg > 15) {
      a.error('IEV029', ops[k]);
      continue;
    }
    a.usings.add(reg, addOffset(r.value, 4096 * (k - 1)), st.stmt);
  }
}

function drop(a: Assembly, st: Statement): void {
  noName(a, st);
  if (st.operands === '') {
    a.usings.dropAll();
    return;
  }
  for (const op of splitOperands(st.operands)) {
    const reg = a.absolute(op, false);
    if (reg === undefined) continue;
    if (reg < 0 || reg > 15) a.error('IEV029', op);
    else if (!a.usings.drop(reg)) a.error('IEV045', op);
  }
}

function pushPop(push: boolean): Handler {
  return (a, st) => {
    noName(a, st);
    for (const op of splitOperands(st.operands).map((o) => o.trim().toUpperCase())) {
      if (op === 'USING') {
        if (push) a.usingStack.push(a.usings.clone());
        else {
          const u = a.usingStack.pop();
          if (u) a.usings = u;
          else a.error('IEV079', 'USING');
        }
      } else if (op === 'PRINT') {
        if (push) a.printStack.push({ ...a.print });
        else {
          const p = a.printStack.pop();
          if (p) a.print = p;
          else a.error('IEV079', 'PRINT');
        }
      } else a.error('IEV062', op);
    }
  };
}

function print(a: Assembly, st: Statement): void {
  noName(a, st);
  for (const op of splitOperands(st.operands).map((o) => o.trim().toUpperCase())) {
    if (op === 'ON') a.print.on = true;
    else if (op === 'OFF') a.print.on = false;
    else if (op === 'GEN') a.print.gen = true;
    else if (op === 'NOGEN') a.print.gen = false;
    else if (op === 'DATA') a.print.data = true;
    else if (op === 'NODATA') a.print.data = false;
    else a.error('IEV062', op);
  }
  // The PRINT statement itself shows when listing was on before or after it.
  if (a.rec && a.print.on) a.rec.print = { ...a.print };
}

/** The text of a quoted operand ('' stands for one apostrophe). */
function quoted(text: string): string | undefined {
  if (text[0] !== "'") return undefined;
  const e = skipString(text, 0);
  if (e !== text.length) return undefined;
  return text.slice(1, -1).replace(/''/g, "'").replace(/&&/g, '&');
}

function title(a: Assembly, st: Statement): void {
  if (st.name && !st.name.startsWith('.')) {
    if (!a.options.deckId) {
      if (a.deckId === '') a.deckId = st.name.slice(0, 8);
      else a.error('IEV161');
    }
  }
  const t = quoted(st.operands);
  if (t === undefined) {
    a.error(st.operands === '' ? 'IEV040' : 'IEV063');
    return;
  }
  if (a.rec) a.rec.control = { kind: 'title', text: t.slice(0, 100) };
}

function eject(a: Assembly, st: Statement): void {
  noName(a, st);
  if (a.rec) a.rec.control = { kind: 'eject' };
}

function space(a: Assembly, st: Statement): void {
  noName(a, st);
  let n = 1;
  if (st.operands !== '') {
    const v = a.absolute(st.operands, false);
    if (v !== undefined && v >= 0) n = Math.min(v, 100);
  }
  if (a.rec) a.rec.control = { kind: 'space', lines: n };
}

const HANDLERS: Record<string, Handler> = {
  START: start,
  CSECT: (a, st) => void beginSection(a, st, label(st) ? 'CSECT' : 'PC'),
  DSECT: (a, st) => {
    if (!st.name || st.name.startsWith('.')) {
      a.error('IEV167');
      return;
    }
    beginSection(a, st, 'DSECT');
  },
  COM: (a, st) => void beginSection(a, st, 'COM'),
  END: end,
  ENTRY: entry,
  EXTRN: external('ER'),
  WXTRN: external('WX'),
  EQU: equ,
  ORG: org,
  CNOP: cnop,
  USING: using,
  DROP: drop,
  PUSH: pushPop(true),
  POP: pushPop(false),
  PRINT: print,
  TITLE: title,
  EJECT: eject,
  SPACE: space,
  // A conditional-assembly no-op that reaches the assembler (no macro phase) does nothing.
  ANOP: () => undefined,
};
