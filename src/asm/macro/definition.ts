// Macro definitions (Assembler Language, "How to write macro definitions"): the MACRO header, the
// prototype statement (name-field parameter, positional parameters, keyword parameters with defaults),
// the body of model and conditional-assembly statements, and MEND. Inner definitions stay in the body
// as statements and are defined when the outer macro is expanded; COPY inside a definition is
// expanded when the definition is read.

import type { Diagnostic } from './messages.ts';
import { Diagnostics } from './messages.ts';
import { fieldsOf, isSymbol, splitTopLevel, type Statement } from './statement.ts';

export interface MacroDefinition {
  /** Operation code of the prototype, upper-case. */
  readonly name: string;
  /** Name-field parameter (without '&', upper-case). */
  readonly nameParameter?: string;
  readonly positional: readonly string[];
  /** Keyword parameters and their default values as written. */
  readonly keywords: ReadonlyMap<string, string>;
  /** Statements after the prototype, ending with the MEND statement. */
  readonly body: readonly Statement[];
  /** Sequence symbols of the body (outside inner definitions): index of their statement. */
  readonly sequence: ReadonlyMap<string, number>;
  readonly file: string;
  readonly line: number;
  readonly fromLibrary: boolean;
}

export interface DefinitionContext {
  /** Statements of a COPY member read inside a definition (undefined if missing; reported by the callee). */
  copyMember(member: string, from: Statement): Statement[] | undefined;
  report(d: Diagnostic, at: Statement): void;
}

/** Variable names the assembler reserves for its system variable symbols. */
export const SYSTEM_VARIABLES: ReadonlySet<string> = new Set([
  'SYSNDX', 'SYSECT', 'SYSLIST', 'SYSPARM', 'SYSDATE', 'SYSTIME', 'SYSNEST', 'SYSMAC', 'SYSLOC',
]);

export const SEQUENCE_SYMBOL = /^\.[A-Za-z@#$][A-Za-z0-9@#$_]{0,62}$/;

/**
 * Reads the definition whose MACRO statement is statements[start]. Returns the definition (undefined if
 * the prototype is unusable) and the index just past its MEND.
 */
export function collectDefinition(
  statements: readonly Statement[],
  start: number,
  ctx: DefinitionContext,
  fromLibrary: boolean,
): { definition?: MacroDefinition; end: number } {
  let i = start + 1;
  while (i < statements.length && fieldsOf(statements[i]).kind !== 'statement') i++;
  const header = statements[start];
  const prototype = statements[i];
  if (!prototype) {
    ctx.report(Diagnostics.missingMend('MACRO'), header);
    return { end: statements.length };
  }
  const protoOp = fieldsOf(prototype).op.toUpperCase();
  if (protoOp === 'MEND' || protoOp === 'MACRO') {
    ctx.report(Diagnostics.noPrototype(), prototype);
    return { end: protoOp === 'MEND' ? i + 1 : i };
  }
  i++;
  const body: Statement[] = [];
  const sequence = new Map<string, number>();
  let level = 0;
  let finished = false;
  let copyDepth = 0;

  const take = (st: Statement): void => {
    if (finished) return;
    const f = fieldsOf(st);
    if (f.kind === 'statement') {
      const op = f.op.toUpperCase();
      if (op === 'COPY') {
        if (copyDepth >= 16) {
          ctx.report(Diagnostics.copyTooDeep(f.operand), st);
          return;
        }
        const members = ctx.copyMember(f.operand, st);
        copyDepth++;
        for (const m of members ?? []) take(m);
        copyDepth--;
        return;
      }
      if (level === 0 && f.name.startsWith('.')) {
        const seq = f.name.toUpperCase();
        if (!SEQUENCE_SYMBOL.test(seq)) ctx.report(Diagnostics.invalidSequence(f.name), st);
        else if (sequence.has(seq)) ctx.report(Diagnostics.duplicateSequence(seq), st);
        else sequence.set(seq, body.length);
      }
      if (op === 'MACRO') level++;
      else if (op === 'MEND') {
        if (level === 0) finished = true;
        else level--;
      }
    }
    body.push(st);
  };

  while (i < statements.length && !finished) take(statements[i++]);
  const definition = parsePrototype(prototype, body, sequence, ctx, fromLibrary);
  if (!finished) ctx.report(Diagnostics.missingMend(definition?.name ?? protoOp), header);
  return { definition, end: i };
}

const PARAMETER = /^&([A-Za-z@#$][A-Za-z0-9@#$_]{0,62})(=(.*))?$/s;

function parsePrototype(
  prototype: Statement,
  body: Statement[],
  sequence: Map<string, number>,
  ctx: DefinitionContext,
  fromLibrary: boolean,
): MacroDefinition | undefined {
  const f = fieldsOf(prototype);
  const name = f.op.toUpperCase();
  if (!isSymbol(name)) {
    ctx.report(Diagnostics.noPrototype(), prototype);
    return undefined;
  }
  const seen = new Set<string>();
  const checkName = (param: string): boolean => {
    if (SYSTEM_VARIABLES.has(param)) {
      ctx.report(Diagnostics.systemRedefined(param), prototype);
      return false;
    }
    if (seen.has(param)) {
      ctx.report(Diagnostics.duplicateDeclaration(param), prototype);
      return false;
    }
    seen.add(param);
    return true;
  };
  let nameParameter: string | undefined;
  if (f.name !== '') {
    const m = PARAMETER.exec(f.name);
    if (m && m[2] === undefined) {
      const param = m[1].toUpperCase();
      if (checkName(param)) nameParameter = param;
    } else ctx.report(Diagnostics.invalidPrototype(f.name), prototype);
  }
  const positional: string[] = [];
  const keywords = new Map<string, string>();
  for (const item of splitTopLevel(f.operand)) {
    const m = PARAMETER.exec(item);
    if (!m) {
      ctx.report(Diagnostics.invalidPrototype(item === '' ? '(OMITTED)' : item), prototype);
      continue;
    }
    const param = m[1].toUpperCase();
    if (!checkName(param)) continue;
    if (m[2] !== undefined) keywords.set(param, m[3]);
    else positional.push(param);
  }
  const first = prototype.cards[0];
  return {
    name,
    nameParameter,
    positional,
    keywords,
    body,
    sequence,
    file: first.file,
    line: first.line,
    fromLibrary,
  };
}
