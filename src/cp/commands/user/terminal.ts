// TERMINAL: the characteristics of the user's terminal (VM/370 CP Command Reference for General
// Users R6, TERMINAL and "Logical Line Editing"), and the line editing they drive.
//
// A physical line typed at the terminal is edited by CP before anyone sees it:
//   - the line-end character (LINEND, default '#') ends one logical line and begins the next;
//   - the character-delete character (CHARDEL, default '@') deletes the character before it;
//   - the line-delete character (LINEDEL, default '¢') deletes the logical line typed so far;
//   - the escape character (ESCAPE, default '"') makes the next character an ordinary one.
// The directory's USER statement may give other defaults (linend, linedel, chardel, escape). SET
// LINEDIT OFF leaves lines for the virtual machine unedited (CP commands are always edited).
//
// The settings live in CpUser.terminalSettings, one key per operand: LINEND, LINEDEL, CHARDEL,
// ESCAPE (the character, or OFF), LINESIZE (a number), MODE (VM | CP), APL, ATTN, MASK, TEXT (ON |
// OFF). The terminal code reads LINEND from there and splits lines with splitLogicalLines.
//
// Messages (R6 numbers; [mem] not verified against the manual):
//   DMKCFT026E OPERAND MISSING OR INVALID      [mem]
//   DMKCFT003E INVALID OPTION - xxx            an operand TERMINAL does not know [mem]
//   DMKCFT002E INVALID OPERAND - xxx           a value the operand does not take [mem]

import type { CpUser } from '../../control-program.ts';
import { findByAbbreviation, type CpCommandContext } from '../../vm/cp-commands.ts';

/** R6's defaults for the editing characters [mem: CP Command Reference, TERMINAL]. */
const EDIT_DEFAULTS = { LINEND: '#', LINEDEL: '¢', CHARDEL: '@', ESCAPE: '"' } as const;
type EditKey = keyof typeof EDIT_DEFAULTS;

const SWITCH_DEFAULTS = { APL: 'OFF', ATTN: 'ON', MASK: 'OFF', TEXT: 'OFF' } as const;

/** Anything with terminal settings and a directory entry (a CpUser). */
export type TerminalOwner = Pick<CpUser, 'terminalSettings' | 'entry'> & { readonly terminal?: CpUser['terminal'] };

/** The user's editing character for LINEND, LINEDEL, CHARDEL or ESCAPE ('' when OFF). */
export function editCharacter(user: TerminalOwner, key: EditKey): string {
  const set = user.terminalSettings.get(key);
  const fromDirectory = user.entry.lineEditing?.[key.toLowerCase() as 'linend'];
  const value = set ?? fromDirectory ?? EDIT_DEFAULTS[key];
  if (value === '' || value.toUpperCase() === 'OFF') return '';
  return value[0]!;
}

/** LINESIZE: the terminal's line length (the 3270's width unless set). */
export function lineSize(user: TerminalOwner): number {
  const set = Number(user.terminalSettings.get('LINESIZE'));
  if (Number.isInteger(set) && set > 0) return set;
  return user.terminal?.kind === 'console' ? 130 : 80;
}

/**
 * Splits a physical line into its logical lines, edited: LINEND separates them, CHARDEL deletes a
 * character, LINEDEL the logical line so far, ESCAPE takes the next character as it is. With SET
 * LINEDIT OFF and the machine running (the line is for the guest) the line is left as typed,
 * unless `options.forCp` says it is for CP (the rest of a '#CP' line).
 * An empty line stays one empty logical line (an attention on a running machine).
 */
export function splitLogicalLines(user: CpUser, text: string, options: { forCp?: boolean } = {}): string[] {
  if (options.forCp !== true && user.vm?.settings.get('LINEDIT') === 'OFF' && user.vm.state === 'running') return [text];
  const end = editCharacter(user, 'LINEND');
  const lineDelete = editCharacter(user, 'LINEDEL');
  const charDelete = editCharacter(user, 'CHARDEL');
  const escape = editCharacter(user, 'ESCAPE');
  const lines: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (escape !== '' && c === escape) {
      // The escape character at the end of the line has nothing to escape and is dropped.
      if (i + 1 < text.length) current += text[++i]!;
    } else if (end !== '' && c === end) {
      lines.push(current);
      current = '';
    } else if (charDelete !== '' && c === charDelete) {
      current = current.slice(0, -1);
    } else if (lineDelete !== '' && c === lineDelete) {
      current = '';
    } else {
      current += c;
    }
  }
  lines.push(current);
  return lines;
}

/** The QUERY TERMINAL lines (R6 layout [mem]). */
export function describeTerminal(user: TerminalOwner): string[] {
  const show = (key: EditKey) => editCharacter(user, key) || 'OFF';
  const flag = (key: keyof typeof SWITCH_DEFAULTS) => user.terminalSettings.get(key) ?? SWITCH_DEFAULTS[key];
  return [
    `LINEND ${show('LINEND')}, LINEDEL ${show('LINEDEL')}, CHARDEL ${show('CHARDEL')}, ESCAPE ${show('ESCAPE')}`,
    `LINESIZE ${String(lineSize(user)).padStart(3, '0')}, ATTN ${flag('ATTN')}, APL ${flag('APL')}, TEXT ${flag('TEXT')}, MODE ${user.terminalSettings.get('MODE') ?? 'VM'}, MASK ${flag('MASK')}`,
  ];
}

interface TerminalOperand {
  name: string;
  minimum: number;
  /** Checks the value (already upper case; `raw` as typed) and returns what to store, or null. */
  value(upper: string, raw: string): string | null;
}

/** An editing character: one character that is not a letter, a digit or a blank, or OFF. */
function editValue(upper: string, raw: string): string | null {
  if (upper === 'OFF') return 'OFF';
  if (raw.length !== 1 || /[A-Za-z0-9\s]/.test(raw)) return null;
  return raw;
}

const onOff = (upper: string): string | null => (upper === 'ON' || upper === 'OFF' ? upper : null);

const TERMINAL_OPERANDS: readonly TerminalOperand[] = [
  { name: 'LINEND', minimum: 5, value: editValue },
  { name: 'LINEDEL', minimum: 5, value: editValue },
  { name: 'CHARDEL', minimum: 5, value: editValue },
  { name: 'ESCAPE', minimum: 3, value: editValue },
  {
    name: 'LINESIZE',
    minimum: 5,
    value: (upper) => {
      if (upper === 'OFF') return '255';
      if (!/^\d{1,3}$/.test(upper)) return null;
      const n = Number(upper);
      return n >= 38 && n <= 255 ? String(n) : null;
    },
  },
  { name: 'MODE', minimum: 4, value: (upper) => (upper === 'VM' || upper === 'CP' ? upper : null) },
  { name: 'APL', minimum: 3, value: onOff },
  { name: 'ATTN', minimum: 4, value: onOff },
  { name: 'MASK', minimum: 4, value: onOff },
  { name: 'TEXT', minimum: 4, value: onOff },
];

/**
 * TERMINAL operand value [operand value ...]: every pair is checked before any takes effect, so a
 * wrong operand changes nothing.
 */
export function terminalCommand(ctx: CpCommandContext, operands: string[]): number {
  if (ctx.user === undefined) return ctx.error('DMKCFC001E', '?CP: TERMINAL');
  if (operands.length === 0) return ctx.error('DMKCFT026E', 'OPERAND MISSING OR INVALID');
  // The values as typed: an editing character keeps its case-free identity, but '¢' and the like
  // must not be upper-cased away.
  const raw = ctx.rest.split(/\s+/).filter((w) => w.length > 0);
  const changes: Array<[string, string]> = [];
  for (let i = 0; i < operands.length; i += 2) {
    const operand = findByAbbreviation(TERMINAL_OPERANDS, operands[i]!);
    if (operand === undefined) return ctx.error('DMKCFT003E', `INVALID OPTION - ${operands[i]}`);
    const upper = operands[i + 1];
    if (upper === undefined) return ctx.error('DMKCFT026E', 'OPERAND MISSING OR INVALID');
    const value = operand.value(upper, raw[i + 1] ?? upper);
    if (value === null) return ctx.error('DMKCFT002E', `INVALID OPERAND - ${raw[i + 1] ?? upper}`);
    changes.push([operand.name, value]);
  }
  for (const [key, value] of changes) ctx.user.terminalSettings.set(key, value);
  return 0;
}
