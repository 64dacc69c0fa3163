// Operand parsing the spool commands share (VM/370 CP Command Reference R6: SPOOL, CLOSE, PURGE,
// ORDER, CHANGE, TRANSFER, QUERY RDR/PRT/PUN): device names and addresses, spool id lists, the
// class D forms that name another user.
//
// Messages (R6 numbers; [mem] where the text is from memory of R6 transcripts):
//   DMKCSP003E INVALID OPTION - xxx             [mem]
//   DMKCSP022E VADDR MISSING OR INVALID         [mem]
//   DMKCSP026E OPERAND MISSING OR INVALID       [mem]
//   DMKCSP040E DEV vaddr DOES NOT EXIST         [mem]
//   DMKCSP053E userid NOT IN CP DIRECTORY       [mem]
//   DMKCSU042E SPOOLID nnnn DOES NOT EXIST      [mem]

import type { CpCommandContext } from '../../vm/cp-commands.ts';
import type { SpoolFileMeta, SpoolQueue } from '../../spool/index.ts';
import { VirtualPrinter, VirtualPunch, VirtualReader } from '../../vm/unit-record.ts';
import type { VirtualDeviceEntry } from '../../vm/virtual-io.ts';

export type SpoolDevice =
  | { kind: 'reader'; entry: VirtualDeviceEntry; device: VirtualReader }
  | { kind: 'punch'; entry: VirtualDeviceEntry; device: VirtualPunch }
  | { kind: 'printer'; entry: VirtualDeviceEntry; device: VirtualPrinter };

/**
 * The device words of the R6 spool commands: Reader|RDR, Printer|PRT, PUnch|PCH (capitals: the
 * shortest abbreviation; PUN is taken too, as the files' device type is written).
 */
export function queueWord(word: string | undefined): SpoolQueue | undefined {
  if (word === undefined) return undefined;
  if (word === 'RDR' || (word.length >= 1 && 'READER'.startsWith(word))) return 'RDR';
  if (word === 'PRT' || (word.length >= 1 && 'PRINTER'.startsWith(word))) return 'PRT';
  if (word === 'PCH' || word === 'PUN' || (word.length >= 2 && 'PUNCH'.startsWith(word))) return 'PUN';
  return undefined;
}

/** An R6 operand word with its shortest abbreviation (`CLass` is CL, CLA, CLAS, CLASS). */
export function isWord(word: string | undefined, name: string, minimum: number): boolean {
  return word !== undefined && word.length >= minimum && name.startsWith(word);
}

export const QUEUE_KIND: Record<SpoolQueue, SpoolDevice['kind']> = { RDR: 'reader', PRT: 'printer', PUN: 'punch' };

/** A virtual spool device by address or by type (the first of that type); undefined if none. */
export function findSpoolDevice(ctx: CpCommandContext, word: string): SpoolDevice | 'no-device' | 'not-spool' {
  const queue = queueWord(word);
  const vm = ctx.vm;
  let entry: VirtualDeviceEntry | undefined;
  if (queue !== undefined) entry = vm.io.list().find((d) => d.kind === QUEUE_KIND[queue]);
  else if (/^[0-9A-F]{1,4}$/.test(word)) entry = vm.io.entry(parseInt(word, 16));
  else return 'no-device';
  if (entry === undefined) return 'no-device';
  const d = entry.device;
  if (d instanceof VirtualReader) return { kind: 'reader', entry, device: d };
  if (d instanceof VirtualPunch) return { kind: 'punch', entry, device: d };
  if (d instanceof VirtualPrinter) return { kind: 'printer', entry, device: d };
  return 'not-spool';
}


/** A spool class: one of A-Z, 0-9. */
export const isClass = (w: string | undefined): w is string => w !== undefined && /^[A-Z0-9]$/.test(w);

/** Which files a command means: ALL, or any mix of CLASS c and spool ids (R6: `CLass c... spoolid...`). */
export type FileSelection = { all: true } | { classes: string[]; ids: number[] };

/**
 * Reads a file selection at operands[at...]: `ALL`, or one or more of `CLASS c` and spool ids.
 * Returns the selection and the index after it, or the code of the error already issued.
 */
export function readSelection(ctx: CpCommandContext, operands: string[], at: number, module: string): { selection: FileSelection; next: number } | number {
  const word = operands[at];
  if (word === undefined) return ctx.error(`${module}026E`, 'OPERAND MISSING OR INVALID');
  if (word === 'ALL') return { selection: { all: true }, next: at + 1 };
  const classes: string[] = [];
  const ids: number[] = [];
  let i = at;
  for (;;) {
    const w = operands[i];
    if (isWord(w, 'CLASS', 2)) {
      const c = operands[i + 1];
      if (!isClass(c)) return ctx.error(`${module}026E`, 'OPERAND MISSING OR INVALID');
      classes.push(c);
      i += 2;
    } else if (w !== undefined && /^\d{1,4}$/.test(w) && Number(w) >= 1) {
      ids.push(Number(w));
      i++;
    } else break;
  }
  if (classes.length === 0 && ids.length === 0) return ctx.error(`${module}003E`, `INVALID OPTION - ${word}`);
  return { selection: { classes, ids }, next: i };
}

/**
 * The files of a selection among `candidates`. Spool ids that are not there give DMKCSU042E
 * (returned as the code); ALL and CLASS may select nothing.
 */
export function selectFiles(ctx: CpCommandContext, candidates: SpoolFileMeta[], selection: FileSelection): SpoolFileMeta[] | number {
  if ('all' in selection) return candidates;
  const out: SpoolFileMeta[] = [];
  for (const c of selection.classes) for (const f of candidates) if (f.spoolClass === c && !out.includes(f)) out.push(f);
  for (const id of selection.ids) {
    const f = candidates.find((x) => x.id === id);
    if (f === undefined) return ctx.error('DMKCSU042E', `SPOOLID ${String(id).padStart(4, '0')} DOES NOT EXIST`);
    if (!out.includes(f)) out.push(f);
  }
  return out;
}

/**
 * The class D forms name whose files a command works on before the device word: `PURGE userid
 * RDR ...`, `PURGE SYSTEM PRT ALL`. Returns the owner ('*' = every user) and the index of the
 * device word, or an error code. A general user always works on their own files.
 */
export function readOwner(ctx: CpCommandContext, operands: string[], module: string): { owner: string; at: number } | number {
  const self = ctx.vm.userid;
  const first = operands[0];
  if (first === undefined) return ctx.error(`${module}026E`, 'OPERAND MISSING OR INVALID');
  if (queueWord(first) !== undefined || first === 'ALL' || /^\d{1,4}$/.test(first) || isWord(first, 'CLASS', 2)) return { owner: self, at: 0 };
  if (!ctx.classes.includes('D')) return ctx.error(`${module}003E`, `INVALID OPTION - ${first}`);
  if (first === 'SYSTEM') return { owner: '*', at: 1 };
  if (first !== self && ctx.cp?.system.user(first) === undefined) return ctx.error(`${module}053E`, `${first} NOT IN CP DIRECTORY`);
  return { owner: first, at: 1 };
}

/** `nnnn FILES PURGED` or `NO FILES PURGED` (R6 PURGE, CHANGE, ORDER, TRANSFER responses). */
export function filesDone(n: number, verb: string): string {
  return `${n === 0 ? 'NO' : String(n).padStart(4, '0')} FILES ${verb}`;
}

/** SET IMSG OFF suppresses the spool commands' informational responses. */
export function informational(ctx: CpCommandContext): boolean {
  return ctx.vm.settings.get('IMSG') !== 'OFF';
}

/** The error a SpoolError (or a host failure) becomes. */
export function spoolFailure(ctx: CpCommandContext, e: unknown): number {
  const id = (e as { id?: unknown }).id;
  const text = (e as { text?: unknown }).text;
  if (typeof id === 'string' && typeof text === 'string') return ctx.error(id, text);
  // A host failure (disk full ...): CP reports a spool error rather than crash [mem].
  return ctx.error('DMKCSO065E', `SPOOL ERROR: ${(e as Error).message ?? String(e)}`);
}
