// Substitution of variable symbols in model statements (Assembler Language, "Model statements",
// "Rules for concatenation"): &NAME is replaced by its value, a period right after a variable symbol
// (or its subscript) is a concatenation mark and disappears, && is kept as && for the assembler,
// which pairs it in DC, MNOTE and similar operands.

import { Diagnostics } from './messages.ts';
import { ExpressionError, ExpressionParser, type EvalEnv } from './evaluator.ts';
import { isNameStart } from './statement.ts';
import { valueText } from './variables.ts';

/** Replaces the variable symbols in one field of a model statement. */
export function substitute(text: string, env: EvalEnv): string {
  if (!text.includes('&')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '&') {
      out += c;
      i++;
      continue;
    }
    if (text[i + 1] === '&') {
      out += '&&';
      i += 2;
      continue;
    }
    if (!isNameStart(text[i + 1])) {
      env.report(Diagnostics.illegalAmpersand(text));
      out += c;
      i++;
      continue;
    }
    const parser = new ExpressionParser(text, env, i);
    try {
      const ref = parser.readVariable(true);
      out += valueText(parser.valueOf(ref));
      i = parser.p;
      if (text[i] === '.') i++;
    } catch (e) {
      if (!(e instanceof ExpressionError)) throw e;
      env.report(e.diagnostic);
      return out + text.slice(i);
    }
  }
  return out;
}

/** Whether a field holds anything to substitute. */
export function needsSubstitution(text: string): boolean {
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 2)) {
    if (text[i + 1] !== '&') return true;
  }
  return false;
}
