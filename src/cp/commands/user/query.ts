// QUERY operands of the general user (VM/370 CP Command Reference for General Users R6, QUERY;
// DMKCQY, DMKCQR, DMKCQG): NAMES, USERS, STORAGE, TERMINAL, SET, PF / PFnn, CPUID, LOGMSG,
// CPLEVEL. QUERY TIME, VIRTUAL, USERID and QUERY userid are the standard ones
// (src/cp/vm/cp-commands.ts); RDR/PRT/PUN/FILES, DASD/LINKS and SYSTEM belong to other parts of CP.
// Minimum abbreviations and classes as in DMKCFC's QRYLIST.
//
// Response layouts (R6 as remembered; [mem] = not verified against a transcript):
//   QUERY NAMES     MAINT    - 0C0 , OPERATOR - SYSC, GUEST    - DSC        four to a line [mem]
//   QUERY USERS     005 USERS, 000 DIALED                                   [mem]
//   QUERY STORAGE   STORAGE = 01024K
//   QUERY SET       MSG ON , WNG ON , EMSG ON , ACNT OFF, RUN OFF ...         four lines [mem]
//   QUERY PF        PF01 IMMED QUERY TIME ... PF24 UNDEFINED: all 24 keys    [mem; as emx370]
//   QUERY CPUID     CPUID = FF0103703148 0000                                [mem]
//   QUERY LOGMSG    the operator's log message lines, or NO LOGMSG           [mem]
//   QUERY CPLEVEL   VM/370 RELEASE 6 (VM370 IN TYPESCRIPT)                    (CE's operand; ours)

import type { CpUser } from '../../control-program.ts';
import { terminalName, type CpCommandContext, type CpOperandDefinition } from '../../vm/cp-commands.ts';
import { describeTerminal } from './terminal.ts';
import { settingOf } from './settings.ts';

/** QUERY NAMES: every logged-on user with its terminal, four to a line. */
function queryNames(ctx: CpCommandContext, operands: string[]): number {
  if (operands.length > 0) return ctx.error('DMKCQY003E', `INVALID OPTION - ${operands[0]}`);
  const users = ctx.cp ? [...ctx.cp.users.values()] : [];
  if (users.length === 0) {
    // A lone machine: itself, without a terminal CP knows of.
    ctx.reply(`${ctx.vm.userid.padEnd(8)} - DSC`);
    return 0;
  }
  const entries = users.map((u) => `${u.userid.padEnd(8)} - ${terminalName(u).padEnd(4)}`);
  for (let i = 0; i < entries.length; i += 4) ctx.reply(entries.slice(i, i + 4).join(', ').trimEnd());
  return 0;
}

/** QUERY USERS: how many users are logged on (and dialed to a multi-access machine: none here). */
function queryUsers(ctx: CpCommandContext, operands: string[]): number {
  if (operands.length > 0) return ctx.error('DMKCQY003E', `INVALID OPTION - ${operands[0]}`);
  const count = ctx.cp ? ctx.cp.users.size : 1;
  ctx.reply(`${String(count).padStart(3, '0')} USERS, 000 DIALED`);
  return 0;
}

/** QUERY STORAGE (class G): the virtual machine's storage size. */
function queryStorage(ctx: CpCommandContext, operands: string[]): number {
  if (operands.length > 0) return ctx.error('DMKCQG003E', `INVALID OPTION - ${operands[0]}`);
  ctx.reply(`STORAGE = ${String(ctx.vm.storageSize >>> 10).padStart(5, '0')}K`);
  return 0;
}

/** QUERY TERMINAL: the TERMINAL settings. */
function queryTerminal(ctx: CpCommandContext, operands: string[]): number {
  if (operands.length > 0) return ctx.error('DMKCQR003E', `INVALID OPTION - ${operands[0]}`);
  if (ctx.user === undefined) return ctx.error('DMKCQR003E', 'INVALID OPTION - TERMINAL');
  for (const line of describeTerminal(ctx.user)) ctx.reply(line);
  return 0;
}

/** ON/OFF padded to three, as QUERY SET aligns its values. */
const v3 = (value: string) => value.padEnd(3);

/** QUERY SET: the SET options of the virtual machine, in R6's four lines [mem]. */
function querySet(ctx: CpCommandContext, operands: string[]): number {
  if (operands.length > 0) return ctx.error('DMKCQR003E', `INVALID OPTION - ${operands[0]}`);
  const s = (name: string) => settingOf(ctx, name);
  ctx.reply(`MSG ${v3(s('MSG'))}, WNG ${v3(s('WNG'))}, EMSG ${v3(ctx.vm.emsg)}, ACNT ${v3(s('ACNT'))}, RUN ${s('RUN')}`);
  ctx.reply(`LINEDIT ${v3(s('LINEDIT'))}, TIMER ${v3(s('TIMER'))}, ISAM ${v3(s('ISAM'))}, ECMODE ${s('ECMODE')}`);
  ctx.reply(`ASSIST ${v3(s('ASSIST'))}, PAGEX ${v3(s('PAGEX'))}, AUTOPOLL ${s('AUTOPOLL')}`);
  ctx.reply(`IMSG ${v3(s('IMSG'))}, SMSG ${v3(s('SMSG'))}, AFFINITY ${s('AFFINITY')}, NOTRANS ${s('NOTRANS')}`);
  return 0;
}

const pfName = (n: number) => `PF${String(n).padStart(2, '0')}`;

/** The PF key numbers: 1-24. */
export function pfNumber(word: string): number | null {
  const m = /^PF(\d{1,2})$/.exec(word);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 24 ? n : null;
}

function describePf(user: CpUser, n: number): string {
  const setting = user.pfKeys.get(n);
  return setting === undefined ? `${pfName(n)} UNDEFINED` : `${pfName(n)} ${setting}`;
}

/** QUERY PF [nn] (and QUERY PFnn): the settings of every PF key, or of one. */
function queryPf(ctx: CpCommandContext, operands: string[], key?: number): number {
  const user = ctx.user;
  if (user === undefined) return ctx.error('DMKCQY003E', 'INVALID OPTION - PF');
  let n = key;
  if (n === undefined && operands[0] !== undefined) {
    n = /^\d{1,2}$/.test(operands[0]) ? Number(operands[0]) : NaN;
    if (!(n >= 1 && n <= 24)) return ctx.error('DMKCQY003E', `INVALID OPTION - ${operands[0]}`);
  }
  if (n !== undefined) {
    ctx.reply(describePf(user, n));
    return 0;
  }
  for (let k = 1; k <= 24; k++) ctx.reply(describePf(user, k));
  return 0;
}

/** QUERY CPUID: the CPU identification STIDP stores in this machine. */
function queryCpuid(ctx: CpCommandContext, operands: string[]): number {
  if (operands.length > 0) return ctx.error('DMKCQY003E', `INVALID OPTION - ${operands[0]}`);
  const id = ctx.vm.cpu.cpuId;
  const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');
  ctx.reply(`CPUID = ${hex(id.version, 2)}${hex(id.serial, 6)}${hex(id.model, 4)}0000`);
  return 0;
}

/** QUERY LOGMSG: the log message the operator set (SET LOGMSG, class B; ControlProgram.logMessages). */
function queryLogmsg(ctx: CpCommandContext, operands: string[]): number {
  if (operands.length > 0) return ctx.error('DMKCQY003E', `INVALID OPTION - ${operands[0]}`);
  const lines = ctx.cp?.logMessages ?? [];
  if (lines.length === 0) ctx.reply('NO LOGMSG');
  for (const line of lines) ctx.reply(line);
  return 0;
}

/** QUERY CPLEVEL (VM/370 Community Edition's operand): the level of CP. */
function queryCplevel(ctx: CpCommandContext, operands: string[]): number {
  if (operands.length > 0) return ctx.error('DMKCQY003E', `INVALID OPTION - ${operands[0]}`);
  ctx.reply('VM/370 RELEASE 6 (VM370 IN TYPESCRIPT)');
  return 0;
}

/** QUERY PFnn for every key number: separate operands, as CP's table has no patterns. */
const PF_KEY_QUERIES: CpOperandDefinition[] = Array.from({ length: 24 }, (_, i) => i + 1).flatMap((n) => {
  const names = n < 10 ? [`PF${n}`, pfName(n)] : [pfName(n)];
  return names.map((name) => ({ name, minimum: name.length, classes: 'G', handler: (ctx: CpCommandContext, ops: string[]) => queryPf(ctx, ops, n) }));
});

/** In QRYLIST order where abbreviations could collide. */
export const USER_QUERIES: readonly CpOperandDefinition[] = [
  { name: 'STORAGE', minimum: 4, classes: 'G', handler: queryStorage },
  { name: 'SET', minimum: 1, classes: 'G', handler: querySet },
  { name: 'TERMINAL', minimum: 4, classes: 'G', handler: queryTerminal },
  { name: 'LOGMSG', minimum: 3, classes: 'ABCDEFG', handler: queryLogmsg },
  { name: 'NAMES', minimum: 1, classes: 'ABCDEFG', handler: queryNames },
  { name: 'USERS', minimum: 1, classes: 'ABCDEFG', handler: queryUsers },
  { name: 'PF', minimum: 2, classes: 'G', handler: (ctx, ops) => queryPf(ctx, ops) },
  ...PF_KEY_QUERIES,
  { name: 'CPUID', minimum: 3, classes: 'G', handler: queryCpuid },
  { name: 'CPLEVEL', minimum: 2, classes: 'G', handler: queryCplevel },
];
