// Conditional assembly and macro-definition instructions (Assembler Language, "Conditional assembly
// instructions", "MNOTE", "MEXIT", "COPY") and the binding of a macro instruction's operands to the
// prototype's parameters ("Macro instruction", "Sublists", "&SYSLIST").

import type { Fields, Statement } from './statement.ts';
import type { Frame, MacroProcessor } from './processor.ts';
import type { MacroDefinition } from './definition.ts';
import { SEQUENCE_SYMBOL, SYSTEM_VARIABLES } from './definition.ts';
import { Diagnostics } from './messages.ts';
import { evaluateArithmetic, evaluateCharacter, evaluateLogical } from './evaluator.ts';
import { buildStatement, nameLength, skipParens, splitTopLevel } from './statement.ts';
import { substitute } from './substitute.ts';
import {
  LocalScope,
  SetVariable,
  arithmetic,
  binary,
  character,
  type SetType,
  type Value,
} from './variables.ts';

/** Deepest macro call nesting before a call is refused (a macro calling itself without end). */
const MAX_NESTING = 100;
const MAX_SEVERITY = 255;

export function executeConditional(p: MacroProcessor, frame: Frame, st: Statement, f: Fields, op: string): void {
  switch (op) {
    case 'MACRO':
      p.defineMacro(frame, st);
      return;
    case 'MEND':
    case 'MEXIT':
      if (frame.kind === 'macro') frame.done = true;
      else p.report(Diagnostics.misplaced(op));
      return;
    case 'ANOP':
    case 'MHELP':
      return;
    case 'ACTR':
      frame.actr = evaluateArithmetic(f.operand, frame.env);
      return;
    case 'GBLA':
    case 'GBLB':
    case 'GBLC':
    case 'LCLA':
    case 'LCLB':
    case 'LCLC':
      declare(p, frame, f, op[3] as SetType, op.startsWith('G'));
      return;
    case 'SETA':
    case 'SETB':
    case 'SETC':
      assign(p, frame, f, op[3] as SetType);
      return;
    case 'AIF':
    case 'AIFB':
      conditionalBranch(p, frame, f.operand);
      return;
    case 'AGO':
    case 'AGOB':
      unconditionalBranch(p, frame, f.operand);
      return;
    case 'MNOTE':
      mnote(p, frame, st, f);
      return;
    case 'AREAD':
      aread(p, frame, f);
      return;
    case 'COPY':
      if (frame.kind === 'open' && !st.copied) p.insertCopy(frame, frame.pc - 1, st);
      return;
  }
}

const DECLARED = /^&([A-Za-z@#$][A-Za-z0-9@#$_]{0,62})(\((.*)\))?$/s;

/** GBLx / LCLx: declares SET symbols, scalar or dimensioned, in the current scope. */
function declare(p: MacroProcessor, frame: Frame, f: Fields, type: SetType, global: boolean): void {
  for (const item of splitTopLevel(f.operand)) {
    const m = DECLARED.exec(item.trim());
    if (!m) {
      p.report(Diagnostics.invalidVariable(item));
      continue;
    }
    const name = m[1].toUpperCase();
    const dimensioned = m[2] !== undefined;
    if (dimensioned && evaluateArithmetic(m[3], frame.env) < 1) p.report(Diagnostics.subscriptBelowOne(name));
    if (SYSTEM_VARIABLES.has(name)) {
      p.report(Diagnostics.systemRedefined(name));
      continue;
    }
    const existing = frame.scope.bindings.get(name);
    if (existing) {
      const same = existing.kind === 'set' && existing.variable.type === type && existing.variable.global === global;
      if (!same) p.report(Diagnostics.duplicateDeclaration(name));
      continue;
    }
    let variable: SetVariable;
    if (global) {
      const known = p.globals.get(name);
      if (!known) {
        variable = new SetVariable(name, type, dimensioned, true);
        p.globals.set(name, variable);
      } else {
        if (known.type !== type || known.dimensioned !== dimensioned) p.report(Diagnostics.inconsistentGlobal(name));
        variable = known;
      }
    } else variable = new SetVariable(name, type, dimensioned, false);
    frame.scope.bindings.set(name, { kind: 'set', variable });
  }
}

/** SETA / SETB / SETC, with implicit local declaration of an undeclared target (as Assembler H). */
function assign(p: MacroProcessor, frame: Frame, f: Fields, type: SetType): void {
  const env = frame.env;
  const m = DECLARED.exec(f.name);
  if (!m) {
    p.report(Diagnostics.illegalSet(f.name === '' ? 'NO SET SYMBOL IN NAME FIELD' : f.name));
    return;
  }
  const name = m[1].toUpperCase();
  const subscript = m[2] !== undefined ? evaluateArithmetic(m[3], env) : undefined;
  let binding = frame.scope.bindings.get(name);
  if (!binding && SYSTEM_VARIABLES.has(name)) {
    p.report(Diagnostics.notSettable(name));
    return;
  }
  if (!binding) {
    binding = { kind: 'set', variable: new SetVariable(name, type, subscript !== undefined, false) };
    frame.scope.bindings.set(name, binding);
  }
  if (binding.kind !== 'set') {
    p.report(Diagnostics.notSettable(name));
    return;
  }
  const variable = binding.variable;
  if (variable.type !== type) {
    p.report(Diagnostics.illegalSet(`&${name} IS A SET${variable.type} SYMBOL`));
    return;
  }
  let index = 0;
  if (variable.dimensioned) {
    index = subscript ?? 1;
    if (subscript === undefined) p.report(Diagnostics.targetDimension(name));
    else if (subscript < 1) {
      p.report(Diagnostics.subscriptBelowOne(name));
      index = 1;
    }
  } else if (subscript !== undefined) p.report(Diagnostics.targetDimension(name));
  const operands = splitTopLevel(f.operand);
  if (operands.length === 0) {
    p.report(Diagnostics.illegalSet(`NO OPERAND FOR &${name}`));
    return;
  }
  if (operands.length > 1 && !variable.dimensioned) p.report(Diagnostics.multipleOperands(name));
  operands.forEach((text, k) => {
    if (text === '') return;
    let value: Value;
    if (type === 'A') value = arithmetic(evaluateArithmetic(text, env));
    else if (type === 'B') value = binary(evaluateLogical(text, env));
    else value = character(evaluateCharacter(text, env));
    variable.set(variable.dimensioned ? index + k : 0, value);
  });
}

/** Reads '.SEQ' at s[i]; returns the symbol (upper-case) and the index after it, or undefined. */
function readSequence(s: string, i: number): { sequence: string; end: number } | undefined {
  if (s[i] !== '.') return undefined;
  const n = nameLength(s, i + 1);
  const sequence = s.slice(i, i + 1 + n).toUpperCase();
  return SEQUENCE_SYMBOL.test(sequence) ? { sequence, end: i + 1 + n } : undefined;
}

/** AIF (logical expression).SEQ[,(expression).SEQ ...]: branches on the first true expression. */
function conditionalBranch(p: MacroProcessor, frame: Frame, s: string): void {
  let i = 0;
  for (;;) {
    if (s[i] !== '(') {
      p.report(Diagnostics.invalidAif(s));
      return;
    }
    const close = skipParens(s, i);
    if (s[close - 1] !== ')') {
      p.report(Diagnostics.invalidAif(s));
      return;
    }
    const target = readSequence(s, close);
    if (!target) {
      p.report(Diagnostics.invalidSequence(s.slice(close)));
      return;
    }
    if (evaluateLogical(s.slice(i + 1, close - 1), frame.env)) {
      p.branch(frame, target.sequence);
      return;
    }
    if (target.end >= s.length) return;
    if (s[target.end] !== ',') {
      p.report(Diagnostics.invalidAif(s));
      return;
    }
    i = target.end + 1;
  }
}

/** AGO .SEQ, or the computed form AGO (expression).S1,.S2,... (Assembler H). */
function unconditionalBranch(p: MacroProcessor, frame: Frame, s: string): void {
  if (s.startsWith('(')) {
    const close = skipParens(s, 0);
    const n = evaluateArithmetic(s.slice(1, close - 1), frame.env);
    const targets = splitTopLevel(s.slice(close));
    for (const t of targets) {
      if (!SEQUENCE_SYMBOL.test(t)) {
        p.report(Diagnostics.invalidSequence(t));
        return;
      }
    }
    if (n >= 1 && n <= targets.length) p.branch(frame, targets[n - 1].toUpperCase());
    return;
  }
  const target = readSequence(s, 0);
  if (!target || target.end !== s.length) {
    p.report(Diagnostics.invalidSequence(s));
    return;
  }
  p.branch(frame, target.sequence);
}

/**
 * MNOTE [severity,]'message': severity omitted with its comma makes a comment, '*' a comment, an empty
 * severity means 1. The message is listed; with a severity it is also reported.
 */
function mnote(p: MacroProcessor, frame: Frame, st: Statement, f: Fields): void {
  const mark = p.messageCount;
  const operand = substitute(f.operand, frame.env);
  if (frame.kind === 'macro') {
    const at = p.emitText(buildStatement(f, '', f.op, operand, f.remarks), st, 'comment', frame.depth, frame.macro?.name);
    p.placeSince(mark, at);
  }
  const items = splitTopLevel(operand);
  let severityText: string | undefined;
  let messageText: string;
  if (items.length === 1 && items[0].startsWith("'")) messageText = items[0];
  else if (items.length >= 2) {
    severityText = items[0].trim();
    messageText = items.slice(1).join(',');
  } else {
    p.report(Diagnostics.mnoteOperands(operand));
    return;
  }
  const quoted = /^'(.*)'$/s.exec(messageText);
  if (!quoted) {
    p.report(Diagnostics.mnoteOperands(operand));
    return;
  }
  if (severityText === undefined || severityText === '*') return;
  let severity = severityText === '' ? 1 : evaluateArithmetic(severityText, frame.env);
  if (severity > MAX_SEVERITY) {
    p.report(Diagnostics.severityTooLarge(severity));
    severity = MAX_SEVERITY;
  }
  p.message(Math.max(0, severity), quoted[1].replace(/''/g, "'").replace(/&&/g, '&'));
}

/** &C AREAD: the next open-code record after the outermost macro instruction, as an 80-column value. */
function aread(p: MacroProcessor, frame: Frame, f: Fields): void {
  const open = p.openFrame;
  if (frame.kind !== 'macro' || !open) {
    p.report(Diagnostics.areadOutside());
    return;
  }
  const next = open.statements[open.pc];
  const text = next ? next.cards[0].text.slice(0, 80).padEnd(80) : ''.padEnd(80);
  if (next) {
    open.pc++;
    p.emitCards(next, 'comment');
  }
  const m = DECLARED.exec(f.name);
  if (!m) {
    p.report(Diagnostics.illegalSet(f.name));
    return;
  }
  const name = m[1].toUpperCase();
  let binding = frame.scope.bindings.get(name);
  if (!binding) {
    binding = { kind: 'set', variable: new SetVariable(name, 'C', false, false) };
    frame.scope.bindings.set(name, binding);
  }
  if (binding.kind !== 'set' || binding.variable.type !== 'C') {
    p.report(Diagnostics.notSettable(name));
    return;
  }
  binding.variable.set(binding.variable.dimensioned ? 1 : 0, character(text));
}

const KEYWORD = /^([A-Za-z@#$][A-Za-z0-9@#$_]{0,62})=(.*)$/s;

/**
 * Expands a macro instruction: binds the name field, positional and keyword operands, &SYSLIST,
 * &SYSNDX (a new 4-digit number per call), &SYSECT (the section at the call), &SYSNEST, &SYSMAC, then
 * interprets the body with its own local scope and ACTR.
 */
export function expandCall(p: MacroProcessor, def: MacroDefinition, name: string, operandField: string, depth: number): void {
  if (depth > MAX_NESTING) {
    p.report(Diagnostics.nestingTooDeep(def.name));
    return;
  }
  const positional: string[] = [];
  const keywords = new Map<string, string>();
  for (const item of splitTopLevel(operandField)) {
    const m = KEYWORD.exec(item);
    if (m) {
      const key = m[1].toUpperCase();
      if (def.keywords.has(key)) {
        if (keywords.has(key)) p.report(Diagnostics.duplicateKeyword(key));
        keywords.set(key, m[2]);
        continue;
      }
      p.report(Diagnostics.undefinedKeyword(key));
    }
    positional.push(item);
  }
  const ndx = ++p.sysndx;
  const scope = new LocalScope();
  const bind = scope.bindings;
  const nameValue = name.startsWith('.') ? '' : name;
  if (def.nameParameter) bind.set(def.nameParameter, { kind: 'param', value: nameValue });
  def.positional.forEach((param, k) => bind.set(param, { kind: 'param', value: positional[k] ?? '' }));
  for (const [key, value] of def.keywords) bind.set(key, { kind: 'param', value: keywords.get(key) ?? value });
  bind.set('SYSLIST', { kind: 'syslist', operands: [nameValue, ...positional] });
  bind.set('SYSNDX', { kind: 'system', value: character(String(ndx).padStart(4, '0')) });
  bind.set('SYSECT', { kind: 'system', value: character(p.section) });
  bind.set('SYSNEST', { kind: 'system', value: arithmetic(depth) });
  bind.set('SYSMAC', { kind: 'system', value: character(def.name) });
  p.runFrame(p.newFrame('macro', def.body as Statement[], scope, depth, def));
}
