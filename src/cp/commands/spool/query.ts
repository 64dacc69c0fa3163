// QUERY of the spool (VM/370 CP Command Reference R6, QUERY, as IBM's R6 HELP files give it):
//
//   Query Reader|Printer|PUnch [userid|SYSTEM (class D)] [ALL|spoolid]
//     OWNERID  FILE CLASS RECDS  CPY HOLD  DATE  TIME      NAME     TYPE     DIST
//     GUEST    0005 A PUN 000003  01 NONE 01/19 13:10:22  PROFILE  EXEC     GUEST
//   The first seven columns always; DATE to DIST with ALL or a spool id. The user is the one who
//   created the file; class D naming a user sees the heading ORIGINID (Operator's Guide R6). HOLD
//   is NONE or USER. Column positions follow the R6 HELP layout; the record count's width and
//   `NO RDR FILES` for an empty queue are [mem].
//   Query FILES [CLass c]    FILES: nnn RDR, NO PRT, nnn PUN
//   Query HOLD (class D)     every held file, in the ALL layout [mem]

import type { CommandGroup } from '../group.ts';
import type { CpCommandContext } from '../../vm/cp-commands.ts';
import { spoolId, type SpoolFileMeta, type SpoolQueue } from '../../spool/index.ts';
import { isClass, isWord } from './operands.ts';

const two = (n: number) => String(n).padStart(2, '0');

/** Words at fixed columns, as CP's response lines are laid out. */
function columns(fields: ReadonlyArray<[number, string]>): string {
  let line = '';
  for (const [at, text] of fields) line = line.padEnd(at) + text;
  return line.trimEnd();
}

export function fileHeader(all: boolean, heading = 'OWNERID'): string {
  const basic: Array<[number, string]> = [[0, heading], [9, 'FILE'], [14, 'CLASS'], [20, 'RECDS'], [27, 'CPY'], [31, 'HOLD']];
  return columns(all ? [...basic, [38, 'DATE'], [44, 'TIME'], [52, 'NAME'], [61, 'TYPE'], [70, 'DIST']] : basic);
}

/** One file's line of QUERY RDR/PRT/PUN (with ALL: the date, time, name, type and distribution). */
export function fileLine(f: SpoolFileMeta, all: boolean): string {
  const basic: Array<[number, string]> = [
    [0, f.origin], [9, spoolId(f.id)], [14, f.spoolClass], [16, f.device], [20, String(f.records).padStart(6, '0')],
    [28, two(f.copies)], [31, f.hold ? 'USER' : 'NONE'],
  ];
  if (!all) return columns(basic);
  const t = new Date(f.created);
  const date = `${two(t.getUTCMonth() + 1)}/${two(t.getUTCDate())}`;
  const time = `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())}`;
  return columns([...basic, [36, date], [42, time], [52, f.name], [61, f.type], [70, f.dist]]);
}

function countText(n: number, queue: SpoolQueue): string {
  return n === 0 ? `NO ${queue}` : `${String(n).padStart(3, '0')} ${queue}`;
}

function queryQueue(queue: SpoolQueue) {
  return (ctx: CpCommandContext, operands: string[]): number => {
    const spool = ctx.cp?.spool;
    let owner: string | undefined = ctx.vm.userid;
    let heading = 'OWNERID';
    let all = false;
    let id: number | undefined;
    for (const w of operands) {
      if (w === 'ALL') all = true;
      else if (/^\d{1,4}$/.test(w) && id === undefined) id = Number(w);
      else if (ctx.classes.includes('D') && w === 'SYSTEM') owner = undefined;
      else if (ctx.classes.includes('D') && (w === '*' || ctx.cp?.system.user(w) !== undefined)) {
        owner = w === '*' ? ctx.vm.userid : w;
        heading = 'ORIGINID';
      } else return ctx.error('DMKCQG003E', `INVALID OPTION - ${w}`);
    }
    let files = spool?.list(queue, owner) ?? [];
    if (id !== undefined) {
      files = files.filter((f) => f.id === id);
      if (files.length === 0) return ctx.error('DMKCQG042E', `SPOOLID ${spoolId(id)} DOES NOT EXIST`);
      all = true;
    }
    if (files.length === 0) {
      ctx.reply(`NO ${queue} FILES`);
      return 0;
    }
    ctx.reply(fileHeader(all, heading));
    for (const f of files) ctx.reply(fileLine(f, all));
    return 0;
  };
}

function queryFiles(ctx: CpCommandContext, operands: string[]): number {
  let spoolClass: string | undefined;
  if (operands.length > 0) {
    if (!isWord(operands[0], 'CLASS', 2) || !isClass(operands[1]) || operands.length > 2) return ctx.error('DMKCQG003E', `INVALID OPTION - ${operands[0]}`);
    spoolClass = operands[1];
  }
  const spool = ctx.cp?.spool;
  const n = (q: SpoolQueue) => countText((spool?.list(q, ctx.vm.userid) ?? []).filter((f) => spoolClass === undefined || f.spoolClass === spoolClass).length, q);
  ctx.reply(`FILES: ${n('RDR')}, ${n('PRT')}, ${n('PUN')}`);
  return 0;
}

function queryHold(ctx: CpCommandContext, operands: string[]): number {
  if (operands.length > 0) return ctx.error('DMKCQG003E', `INVALID OPTION - ${operands[0]}`);
  const held = (ctx.cp?.spool.list() ?? []).filter((f) => f.hold);
  if (held.length === 0) {
    ctx.reply('NO FILES HELD');
    return 0;
  }
  ctx.reply(fileHeader(true, 'ORIGINID'));
  for (const f of held) ctx.reply(fileLine(f, true));
  return 0;
}

export const SPOOL_QUERIES: CommandGroup = {
  queries: [
    { name: 'READER', minimum: 1, handler: queryQueue('RDR') },
    { name: 'RDR', minimum: 3, handler: queryQueue('RDR') },
    { name: 'PRINTER', minimum: 1, handler: queryQueue('PRT') },
    { name: 'PRT', minimum: 3, handler: queryQueue('PRT') },
    { name: 'PUNCH', minimum: 2, handler: queryQueue('PUN') },
    { name: 'PCH', minimum: 3, handler: queryQueue('PUN') },
    { name: 'PUN', minimum: 3, handler: queryQueue('PUN') },
    { name: 'FILES', minimum: 3, handler: queryFiles },
    { name: 'HOLD', minimum: 4, classes: 'D', handler: queryHold },
  ],
};
