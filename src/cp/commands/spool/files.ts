// The commands on closed spool files (VM/370 CP Command Reference R6, as IBM's R6 HELP files give
// them; class G for one's own files, class D for any user's, naming the user or SYSTEM first):
//
//   PURge    [userid|SYSTEM] Reader|Printer|PUnch|ALL [ALL|CLass c...|spoolid...]
//   ORDer    [userid] Reader|Printer|PUnch {CLass c|spoolid}...
//   CHange   [userid|SYSTEM] Reader|Printer|PUnch CLass c|spoolid|ALL
//            [CLass c] [COpy nn] [HOld|NOHold] [DIst code] [NAME fn [ft]]
//   TRANsfer [userid|SYSTEM] [Reader|Printer|PUnch] spoolid|CLass c|ALL [To] userid|*
//   TRANsfer [Reader] spoolid|CLass c|ALL From userid|ALL      (reclaim files you sent)
//
// Responses (R6): `nnnn FILES PURGED|ORDERED|CHANGED|TRANSFERRED` or `NO FILES ...`, not under SET
// IMSG OFF; TRANSFER also says `RDR FILE spoolid TRANSFERRED TO userid` to the sender and
// `RDR FILE spoolid TRANSFERRED FROM userid` to the receiver. The printer and punch forms of
// TRANSFER (moving a waiting print file to a reader) are class D here.

import type { CommandGroup } from '../group.ts';
import type { CpCommandContext } from '../../vm/cp-commands.ts';
import type { SpoolFileMeta, SpoolManager, SpoolQueue } from '../../spool/index.ts';
import { filesDone, informational, isClass, isWord, queueWord, readOwner, readSelection, selectFiles, spoolFailure, type FileSelection } from './operands.ts';

/** The spool, or the error a lone machine (no CP, no spool) gives. */
function spoolOf(ctx: CpCommandContext, command: string): SpoolManager | number {
  return ctx.cp?.spool ?? ctx.error('DMKCFC001E', `?CP: ${command}`);
}

/** The candidates: a queue's files of one owner ('*': every owner). */
function filesOf(spool: SpoolManager, queue: SpoolQueue, owner: string): SpoolFileMeta[] {
  return spool.list(queue, owner === '*' ? undefined : owner);
}

/** `[userid|SYSTEM] device selection` as PURGE, CHANGE and ORDER take them. */
function target(ctx: CpCommandContext, operands: string[], module: string, needDevice: boolean, single = false) {
  const who = readOwner(ctx, operands, module);
  if (typeof who === 'number') return who;
  let at = who.at;
  let queue = queueWord(operands[at]);
  if (queue !== undefined) at++;
  else if (needDevice) return ctx.error(`${module}026E`, 'OPERAND MISSING OR INVALID');
  queue ??= 'RDR';
  const sel = single ? readOne(ctx, operands, at, module) : readSelection(ctx, operands, at, module);
  if (typeof sel === 'number') return sel;
  return { owner: who.owner, queue, selection: sel.selection, next: sel.next };
}

/** One selection (CHANGE): ALL, CLASS c or a spool id; the words after it are options. */
function readOne(ctx: CpCommandContext, operands: string[], at: number, module: string): { selection: FileSelection; next: number } | number {
  const w = operands[at];
  if (w === 'ALL') return { selection: { all: true }, next: at + 1 };
  if (isWord(w, 'CLASS', 2)) {
    const c = operands[at + 1];
    if (!isClass(c)) return ctx.error(`${module}026E`, 'OPERAND MISSING OR INVALID');
    return { selection: { classes: [c], ids: [] }, next: at + 2 };
  }
  if (w !== undefined && /^\d{1,4}$/.test(w) && Number(w) >= 1) return { selection: { classes: [], ids: [Number(w)] }, next: at + 1 };
  return ctx.error(`${module}026E`, 'OPERAND MISSING OR INVALID');
}

/** The response line, unless SET IMSG OFF. */
function done(ctx: CpCommandContext, n: number, verb: string): number {
  if (informational(ctx)) ctx.reply(filesDone(n, verb));
  return 0;
}

function purge(ctx: CpCommandContext, operands: string[]): number {
  const spool = spoolOf(ctx, 'PURGE');
  if (typeof spool === 'number') return spool;
  const who = readOwner(ctx, operands, 'DMKCSU');
  if (typeof who === 'number') return who;
  let files: SpoolFileMeta[];
  if (operands[who.at] === 'ALL') {
    // PURGE ALL: every reader, printer and punch file; other operands are ignored (R6).
    files = who.owner === '*' ? spool.list() : spool.list(undefined, who.owner);
  } else {
    const queue = queueWord(operands[who.at]);
    if (queue === undefined) return ctx.error('DMKCSU026E', 'OPERAND MISSING OR INVALID');
    let selection: FileSelection = { all: true };
    let next = who.at + 1;
    if (next < operands.length) {
      const sel = readSelection(ctx, operands, next, 'DMKCSU');
      if (typeof sel === 'number') return sel;
      selection = sel.selection;
      next = sel.next;
    }
    if (next < operands.length) return ctx.error('DMKCSU003E', `INVALID OPTION - ${operands[next]}`);
    const chosen = selectFiles(ctx, filesOf(spool, queue, who.owner), selection);
    if (typeof chosen === 'number') return chosen;
    files = chosen;
  }
  try {
    return done(ctx, spool.purge(files.map((f) => f.id)), 'PURGED');
  } catch (e) {
    return spoolFailure(ctx, e);
  }
}

function order(ctx: CpCommandContext, operands: string[]): number {
  const spool = spoolOf(ctx, 'ORDER');
  if (typeof spool === 'number') return spool;
  const who = readOwner(ctx, operands, 'DMKCSU');
  if (typeof who === 'number') return who;
  if (who.owner === '*') return ctx.error('DMKCSU003E', 'INVALID OPTION - SYSTEM');
  let at = who.at;
  const queue = queueWord(operands[at]);
  if (queue === undefined) return ctx.error('DMKCSU026E', 'OPERAND MISSING OR INVALID');
  at++;
  const mine = filesOf(spool, queue, who.owner);
  const ids: number[] = [];
  if (at >= operands.length) return ctx.error('DMKCSU026E', 'OPERAND MISSING OR INVALID');
  while (at < operands.length) {
    const w = operands[at]!;
    if (isWord(w, 'CLASS', 2)) {
      const c = operands[at + 1];
      if (!isClass(c)) return ctx.error('DMKCSU026E', 'OPERAND MISSING OR INVALID');
      for (const f of mine) if (f.spoolClass === c && !ids.includes(f.id)) ids.push(f.id);
      at += 2;
    } else if (/^\d{1,4}$/.test(w)) {
      const id = Number(w);
      if (!mine.some((f) => f.id === id)) return ctx.error('DMKCSU042E', `SPOOLID ${w.padStart(4, '0')} DOES NOT EXIST`);
      if (!ids.includes(id)) ids.push(id);
      at++;
    } else return ctx.error('DMKCSU003E', `INVALID OPTION - ${w}`);
  }
  try {
    spool.order(who.owner, ids, queue);
  } catch (e) {
    return spoolFailure(ctx, e);
  }
  return done(ctx, ids.length, 'ORDERED');
}

function change(ctx: CpCommandContext, operands: string[]): number {
  const spool = spoolOf(ctx, 'CHANGE');
  if (typeof spool === 'number') return spool;
  const t = target(ctx, operands, 'DMKCSU', true, true);
  if (typeof t === 'number') return t;
  const patch: Parameters<SpoolManager['change']>[1] = {};
  for (let i = t.next; i < operands.length; i++) {
    const w = operands[i]!;
    const value = operands[i + 1];
    if (isWord(w, 'CLASS', 2)) {
      if (!isClass(value)) return ctx.error('DMKCSU026E', 'OPERAND MISSING OR INVALID');
      patch.spoolClass = value;
      i++;
    } else if (isWord(w, 'COPY', 2)) {
      if (value === undefined || !/^\d{1,2}$/.test(value) || Number(value) < 1) return ctx.error('DMKCSU026E', 'OPERAND MISSING OR INVALID');
      patch.copies = Number(value);
      i++;
    } else if (isWord(w, 'HOLD', 2)) patch.hold = true;
    else if (isWord(w, 'NOHOLD', 3)) patch.hold = false;
    else if (w === 'NAME') {
      if (value === undefined) return ctx.error('DMKCSU026E', 'OPERAND MISSING OR INVALID');
      patch.name = value.slice(0, 8);
      i++;
      const type = operands[i + 1];
      if (type !== undefined && !['CLASS', 'CL', 'COPY', 'COP', 'HOLD', 'NOHOLD', 'DIST'].includes(type)) {
        patch.type = type.slice(0, 8);
        i++;
      }
    } else if (isWord(w, 'DIST', 2)) {
      if (value === undefined) return ctx.error('DMKCSU026E', 'OPERAND MISSING OR INVALID');
      patch.dist = value.slice(0, 8);
      i++;
    } else return ctx.error('DMKCSU003E', `INVALID OPTION - ${w}`);
  }
  if (Object.keys(patch).length === 0) return ctx.error('DMKCSU026E', 'OPERAND MISSING OR INVALID');
  const chosen = selectFiles(ctx, filesOf(spool, t.queue, t.owner), t.selection);
  if (typeof chosen === 'number') return chosen;
  try {
    for (const f of chosen) spool.change(f.id, patch);
  } catch (e) {
    return spoolFailure(ctx, e);
  }
  return done(ctx, chosen.length, 'CHANGED');
}

function transfer(ctx: CpCommandContext, operands: string[]): number {
  const spool = spoolOf(ctx, 'TRANSFER');
  if (typeof spool === 'number') return spool;
  // The last operands: [To] userid|* or From userid|ALL.
  const last = operands.length - 1;
  const keyword = operands[last - 1];
  const from = isWord(keyword, 'FROM', 1);
  const hasKeyword = from || isWord(keyword, 'TO', 1);
  const whoWord = operands[last];
  if (whoWord === undefined || last < 1) return ctx.error('DMKCSU026E', 'OPERAND MISSING OR INVALID');
  const who = whoWord === '*' ? ctx.vm.userid : whoWord;
  if (!(from && who === 'ALL') && ctx.cp?.system.user(who) === undefined) return ctx.error('DMKCSU053E', `${who} NOT IN CP DIRECTORY`);
  const head = operands.slice(0, hasKeyword ? last - 1 : last);
  if (from) {
    // Reclaim reader files you originated from another user's reader (or every user's).
    const device = queueWord(head[0]) === 'RDR' ? 1 : 0;
    const sel = readSelection(ctx, head, device, 'DMKCSU');
    if (typeof sel === 'number') return sel;
    if (sel.next < head.length) return ctx.error('DMKCSU003E', `INVALID OPTION - ${head[sel.next]}`);
    const mine = spool.list('RDR').filter((f) => f.origin === ctx.vm.userid && f.owner !== ctx.vm.userid && (who === 'ALL' || f.owner === who));
    const chosen = selectFiles(ctx, mine, sel.selection);
    if (typeof chosen === 'number') return chosen;
    try {
      for (const f of chosen) {
        spool.transfer(f.id, ctx.vm.userid, f.owner);
      }
    } catch (e) {
      return spoolFailure(ctx, e);
    }
    return done(ctx, chosen.length, 'TRANSFERRED');
  }
  const t = target(ctx, head, 'DMKCSU', false);
  if (typeof t === 'number') return t;
  if (t.next < head.length) return ctx.error('DMKCSU003E', `INVALID OPTION - ${head[t.next]}`);
  if (t.queue !== 'RDR' && !ctx.classes.includes('D')) return ctx.error('DMKCSU003E', `INVALID OPTION - ${head[0]}`);
  const chosen = selectFiles(ctx, filesOf(spool, t.queue, t.owner), t.selection);
  if (typeof chosen === 'number') return chosen;
  try {
    for (const f of chosen) {
      spool.transfer(f.id, who, ctx.vm.userid);
      if (informational(ctx)) ctx.reply(`RDR FILE ${String(f.id).padStart(4, '0')} TRANSFERRED TO ${who}`);
    }
  } catch (e) {
    return spoolFailure(ctx, e);
  }
  return done(ctx, chosen.length, 'TRANSFERRED');
}

export const SPOOL_FILE_COMMANDS: CommandGroup = {
  commands: [
    { name: 'PURGE', minimum: 3, classes: 'DG', handler: purge },
    { name: 'ORDER', minimum: 3, classes: 'DG', handler: order },
    { name: 'CHANGE', minimum: 2, classes: 'DG', handler: change },
    { name: 'TRANSFER', minimum: 4, classes: 'DG', handler: transfer },
  ],
};
