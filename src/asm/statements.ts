// Statement dispatch and the statements that generate text: machine instructions, DC, DS, CCW and
// literal pools. Assembler directives that only steer the assembly live in directives.ts.

import type { Assembly } from './assembly.ts';
import { processDc, measureLiteral, type DcContext } from './dc.ts';
import { directive } from './directives.ts';
import { isComplex, ZERO, type Value } from './expressions.ts';
import { encodeInstruction, encodeSConstant, lengthOf, lookupInstruction, type InstructionContext } from './instructions.ts';
import { isOrdinarySymbol, isSymbolStart, splitOperands, type Statement } from './source.ts';

/** Assembles one statement (every pass). */
export function handleStatement(a: Assembly, st: Statement): void {
  if (st.comment) return;
  if (a.ended) {
    if (!a.afterEndWarned) a.error('IEV170');
    a.afterEndWarned = true;
    return;
  }
  for (const e of st.errors) a.error(e.code, e.detail);
  if (st.name && !st.name.startsWith('.') && !isOrdinarySymbol(st.name)) {
    a.error(isSymbolStart(st.name[0]) && st.name.length > 63 ? 'IEV147' : 'IEV143', st.name);
  }
  if (!st.op) {
    a.error('IEV057', 'OPERATION CODE MISSING');
    return;
  }
  if (directive(a, st)) return;
  switch (st.op) {
    case 'DC':
      data(a, st, false);
      return;
    case 'DS':
      data(a, st, true);
      return;
    case 'CCW':
      ccw(a, st);
      return;
    case 'LTORG':
      ltorg(a, st);
      return;
  }
  if (lookupInstruction(st.op)) {
    machine(a, st);
    return;
  }
  a.error('IEV057', st.op);
}

/** The name field symbol, if it is a valid ordinary symbol. */
export function label(st: Statement): string {
  return st.name && !st.name.startsWith('.') && isOrdinarySymbol(st.name) ? st.name : '';
}

/** Base and displacement from the USING table, with IBM's addressability rules. */
function resolveAddress(a: Assembly, v: Value): { base: number; displacement: number } | undefined {
  if (isComplex(v)) {
    a.error('IEV078');
    return undefined;
  }
  const r = a.usings.resolve(v);
  if (!r) a.error('IEV034');
  return r;
}

function literalUse(a: Assembly, text: string): { value: Value; length: number } | undefined {
  const star = a.starOverride ?? a.here();
  const r = a.literals.use(text, star, a.st.stmt, (operand) => {
    const saved = a.final;
    a.final = false; // a literal's errors are reported where its pool is placed
    try {
      return measureLiteral(operand, dcContext(a, star));
    } finally {
      a.final = saved;
    }
  });
  if (!r.address) {
    if (a.final) a.error('IEV080', text);
    return undefined;
  }
  return { value: r.address, length: r.literal.lengthAttribute };
}

export function instructionContext(a: Assembly): InstructionContext {
  return {
    error: (code, detail) => a.error(code, detail),
    expr: a,
    report: (r) => a.report(r),
    literal: (text) => literalUse(a, text),
    resolve: (v) => resolveAddress(a, v),
  };
}

function machine(a: Assembly, st: Statement): void {
  const found = lookupInstruction(st.op)!;
  const len = lengthOf(found.entry);
  a.align(2, true);
  const s = a.section();
  const loc = s.loc;
  a.defineLabel(label(st), a.relocatable(s.id, loc), len, 'I');
  a.starLength = len;
  const enc = encodeInstruction(st.op, st.operands, instructionContext(a))!;
  if (a.rec) {
    a.rec.loc = a.addressIn(s, loc);
    if (enc.addr1) a.rec.addr1 = a.addressOf(enc.addr1);
    if (enc.addr2) a.rec.addr2 = a.addressOf(enc.addr2);
  }
  a.emit(loc, enc.bytes);
  a.advance(len);
}

/** A V-type constant's operand: an external symbol (an ER made on first use) ± an absolute term. */
function externalValue(a: Assembly, text: string): Value {
  const m = /^([A-Za-z@#$_][A-Za-z0-9@#$_]*)(.*)$/.exec(text.trim());
  if (!m) {
    a.error('IEV062', text);
    return ZERO;
  }
  const name = m[1].toUpperCase();
  if (name.length > 8) a.error('IEV152', name);
  let sec = a.sections.find(name);
  if (sec && sec.kind === 'DSECT') {
    a.error('IEV155', name);
    return ZERO;
  }
  if (!sec) {
    sec = a.sections.create(name, 'ER', a.st.stmt, a.pass);
    sec.implicit = true;
  }
  let offset = 0;
  if (m[2].trim() !== '') offset = a.absolute(`0${m[2].trim()}`, false) ?? 0;
  return a.relocatable(sec.id, offset);
}

export function dcContext(a: Assembly, star?: Value): DcContext {
  return {
    error: (code, detail) => a.error(code, detail),
    absolute: (text) => a.absolute(text, true),
    expression: (text, at) => {
      const saved = a.starOverride;
      a.starOverride = star ?? a.relocatable(a.section().id, at);
      try {
        const r = a.evaluate(text, false);
        return a.report(r) ? r.value : ZERO;
      } finally {
        a.starOverride = saved;
      }
    },
    external: (text) => externalValue(a, text),
  };
}

/** Generates DC pieces at their offsets: bytes, address constants (with RLD items) and S-constants. */
function generate(a: Assembly, operands: string, isDs: boolean, star?: Value): { labelAt: number; length: number; type: string } {
  const s = a.section();
  const r = processDc(operands, isDs, s.loc, dcContext(a, star));
  if (!isDs) {
    for (const p of r.pieces) {
      if ('bytes' in p) a.emit(p.offset, p.bytes, p.offset >= r.labelAt);
      else if ('adcon' in p) a.adcon(p.offset, p.adcon, p.length, p.value);
      else {
        const saved = a.starOverride;
        a.starOverride = star ?? a.relocatable(s.id, p.offset);
        const sc = encodeSConstant(p.text, instructionContext(a));
        a.starOverride = saved;
        a.emit(p.offset, Uint8Array.of(sc >> 8, sc & 0xff));
      }
    }
  }
  a.setLocation(r.end);
  return r;
}

function data(a: Assembly, st: Statement, isDs: boolean): void {
  const s = a.section();
  const r = generate(a, st.operands, isDs);
  a.defineLabel(label(st), a.relocatable(s.id, r.labelAt), r.length, r.type);
  if (a.rec) {
    a.rec.loc = a.addressIn(s, r.labelAt);
    a.rec.data = true;
  }
}

/** CCW command,data address,flags,count: a doubleword channel command word (format 0). */
function ccw(a: Assembly, st: Statement): void {
  a.align(8, true);
  const s = a.section();
  const loc = s.loc;
  a.defineLabel(label(st), a.relocatable(s.id, loc), 8, 'W');
  a.starLength = 8;
  const ops = splitOperands(st.operands);
  if (ops.length !== 4) a.error(ops.length < 4 ? 'IEV040' : 'IEV062', 'CCW');
  const field = (text: string | undefined, max: number): number => {
    if (text === undefined || text.trim() === '') return 0;
    const v = a.absolute(text, false);
    if (v === undefined) return 0;
    if (v < 0 || v > max) {
      a.error('IEV072', text);
      return 0;
    }
    return v;
  };
  const cmd = field(ops[0], 255);
  a.emit(loc, Uint8Array.of(cmd));
  const r = a.evaluate(ops[1] ?? '0', false);
  a.adcon(loc + 1, 'A', 3, a.report(r) ? r.value : ZERO);
  const flags = field(ops[2], 255);
  const count = field(ops[3], 65535);
  a.emit(loc + 4, Uint8Array.of(flags, 0, count >> 8, count & 0xff));
  if (a.rec) {
    a.rec.loc = a.addressIn(s, loc);
    a.rec.data = true;
  }
  a.advance(8);
}

/** Places the current literal pool here (the name field, if any, names its start). */
function ltorg(a: Assembly, st: Statement): void {
  a.align(8, false);
  const s = a.section();
  a.defineLabel(label(st), a.relocatable(s.id, s.loc), 1, 'U');
  if (a.rec) a.rec.loc = a.addressIn(s, s.loc);
  placePool(a);
}

/** Generates the pending literals, each with its own listing line. */
export function placePool(a: Assembly): void {
  a.placeLiterals((operand, _offset, star, text) => {
    const saved = a.rec;
    const line = a.literalLine(text, a.section().loc);
    if (line) a.rec = line;
    try {
      generate(a, operand, false, star);
    } finally {
      a.rec = saved;
    }
  });
}
