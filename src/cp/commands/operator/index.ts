// The operator commands of CP (VM/370 Operator's Guide R6 and CP Command Reference, class A and B):
// SHUTDOWN, FORCE, AUTOLOG, ENABLE/DISABLE, QUERY SYSTEM and SET LOGMSG (QUERY LOGMSG is the user
// commands'; it shows ControlProgram.logMessages, which the SystemOperator provides). They act
// through the SystemOperator of the issuer's ControlProgram (src/cp/operator). A user without the
// class is told the command is unknown (DMKCFM's table search skips it). WARNING and MSG ALL are
// the user commands' (src/cp/commands/user).
//
// Minimum abbreviations and messages ([mem]: from memory of R6, not verified):
//   SHUTDOWN (no abbreviation) · FORCE (FORCE) · AUTOLOG (AUTOL) · ENABLE (ENA) · DISABLE (DISA)  [mem]
//   DMKCFC001E ?CP: cmd                              (no CP: a lone virtual machine)
//   DMKCFC026E OPERAND MISSING OR INVALID            [mem]
//   DMKCFC003E INVALID OPTION - option               [mem]
//   DMKUSO045E userid NOT LOGGED ON                  [mem]
//   DMKLOG053E userid NOT IN CP DIRECTORY            [mem]
//   DMKLOG050E PASSWORD INCORRECT                    [mem]
//   DMKLOG054E ALREADY LOGGED ON LINE cuu / CONSOLE  (from ControlProgram.logon)
//   COMMAND COMPLETE

import type { CommandGroup } from '../group.ts';
import type { CpCommandContext } from '../../vm/cp-commands.ts';
import { operatorOf } from '../../operator/system-operator.ts';
import { UNIT_RECORD_TYPES } from '../../config/types.ts';

const USERID = /^[A-Z0-9@#$]{1,8}$/;

/** The commands need the whole CP; a lone virtual machine does not know them. */
function noCp(ctx: CpCommandContext, name: string): number | null {
  if (ctx.cp === undefined) return ctx.error('DMKCFC001E', `?CP: ${name}`);
  return null;
}

function issuerOf(ctx: CpCommandContext): string {
  return ctx.user?.userid ?? ctx.vm.userid;
}

/** SHUTDOWN [REIPL]: every user forced off, the spool closed, the system ends (the CLI ends the process). */
function shutdown(ctx: CpCommandContext, operands: string[]): number {
  const none = noCp(ctx, 'SHUTDOWN');
  if (none !== null) return none;
  const extra = operands.find((o) => o !== 'REIPL');
  if (extra !== undefined) return ctx.error('DMKCFC003E', `INVALID OPTION - ${extra}`);
  const op = operatorOf(ctx.cp!);
  void op.requestShutdown(issuerOf(ctx));
  return 0;
}

/** FORCE userid: the user is told and logged off. */
function force(ctx: CpCommandContext, operands: string[]): number {
  const none = noCp(ctx, 'FORCE');
  if (none !== null) return none;
  const userid = operands[0];
  if (userid === undefined || !USERID.test(userid)) return ctx.error('DMKCFC026E', 'OPERAND MISSING OR INVALID');
  if (operands.length > 1) return ctx.error('DMKCFC003E', `INVALID OPTION - ${operands[1]}`);
  const target = ctx.cp!.user(userid);
  if (target === undefined) return ctx.error('DMKUSO045E', `${userid} NOT LOGGED ON`);
  operatorOf(ctx.cp!).force(target, issuerOf(ctx), ctx.user);
  return 0;
}

/** AUTOLOG userid password: logs the user on disconnected; the directory's IPL runs. */
function autolog(ctx: CpCommandContext, operands: string[]): number {
  const none = noCp(ctx, 'AUTOLOG');
  if (none !== null) return none;
  const [userid, password] = operands;
  if (userid === undefined || !USERID.test(userid) || password === undefined) return ctx.error('DMKCFC026E', 'OPERAND MISSING OR INVALID');
  if (operands.length > 2) return ctx.error('DMKCFC003E', `INVALID OPTION - ${operands[2]}`);
  const cp = ctx.cp!;
  // The password as typed (CP folds it to upper case, as LOGON does).
  const check = cp.system.checkLogon(userid, password);
  if (check === 'unknown') return ctx.error('DMKLOG053E', `${userid} NOT IN CP DIRECTORY`);
  if (check !== 'ok') return ctx.error('DMKLOG050E', 'PASSWORD INCORRECT');
  const op = operatorOf(cp);
  const result = op.autolog(userid, issuerOf(ctx));
  if (Array.isArray(result)) {
    const first = result[0] ?? 'DMKLOG999E LOGON FAILED';
    const m = /^(DMK[A-Z]{3}\d{3}[A-Z]) (.*)$/.exec(first);
    return m ? ctx.error(m[1]!, m[2]!) : (ctx.reply(first), 1);
  }
  // The console log already says AUTO LOGON; an issuer elsewhere gets CP's completion.
  if (ctx.user?.terminal !== op.console || op.console === null) ctx.reply('COMMAND COMPLETE');
  return 0;
}

/** ENABLE / DISABLE [ALL]: terminals may (not) log on; the system console always may. */
function enableOrDisable(enable: boolean) {
  return (ctx: CpCommandContext, operands: string[]): number => {
    const none = noCp(ctx, enable ? 'ENABLE' : 'DISABLE');
    if (none !== null) return none;
    const what = operands[0];
    if (what !== undefined && what !== 'ALL') return ctx.error('DMKCFC003E', `INVALID OPTION - ${what}`);
    operatorOf(ctx.cp!).enabled = enable;
    ctx.reply('COMMAND COMPLETE');
    return 0;
  };
}

/** QUERY SYSTEM: the real devices the system owns, and who is logged on how. */
function querySystem(ctx: CpCommandContext): number {
  const none = noCp(ctx, 'QUERY');
  if (none !== null) return none;
  const cp = ctx.cp!;
  const config = cp.system.config;
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(3, '0');
  ctx.reply(`SYSTEM ${config.systemName}  STORAGE = ${String(config.storage >>> 10).padStart(5, '0')}K`);
  ctx.reply(`CONS ${hex(config.operatorConsole.address)} SYSTEM CONSOLE ${config.operatorConsole.type}`);
  for (const d of config.dasd) ctx.reply(`DASD ${hex(d.address)} CP SYSTEM ${d.volser.padEnd(6)} ${d.type}${d.readOnly ? ' R/O' : ''}`);
  const kinds = { reader: 'RDR', punch: 'PUN', printer: 'PRT' } as const;
  for (const u of config.unitRecord) ctx.reply(`${kinds[UNIT_RECORD_TYPES[u.type]]} ${hex(u.address)} SYSTEM ${u.type}`);
  let dsc = 0;
  for (const user of cp.users.values()) if (user.terminal === null) dsc++;
  const op = operatorOf(cp);
  ctx.reply(`USERS = ${String(cp.users.size).padStart(3, '0')}, DSC = ${String(dsc).padStart(3, '0')}, LOGONS ${op.enabled ? 'ENABLED' : 'DISABLED'}`);
  return 0;
}

/**
 * SET LOGMSG text | nn text | nn | NULL  [mem]: the whole message as one line, line nn (1-20) of
 * it, line nn removed, or no message. The text keeps its case.
 */
function setLogmsg(ctx: CpCommandContext, operands: string[]): number {
  const none = noCp(ctx, 'SET');
  if (none !== null) return none;
  const op = operatorOf(ctx.cp!);
  const text = ctx.rest.replace(/^\S+\s*/, '');
  const first = operands[0];
  if (first === undefined) return ctx.error('DMKCFS026E', 'OPERAND MISSING OR INVALID');
  if (first === 'NULL' && operands.length === 1) {
    op.logMessage.length = 0;
    return 0;
  }
  if (/^\d{1,2}$/.test(first)) {
    const n = Number(first);
    if (n < 1 || n > 20) return ctx.error('DMKCFS026E', 'OPERAND MISSING OR INVALID');
    const lineText = text.replace(/^\S+\s*/, '');
    while (op.logMessage.length < n) op.logMessage.push('');
    if (lineText === '') op.logMessage.splice(n - 1, 1);
    else op.logMessage[n - 1] = lineText;
    while (op.logMessage.length > 0 && op.logMessage[op.logMessage.length - 1] === '') op.logMessage.pop();
    return 0;
  }
  op.logMessage.length = 0;
  op.logMessage.push(text);
  return 0;
}

export const OPERATOR_COMMANDS: CommandGroup = {
  commands: [
    { name: 'SHUTDOWN', minimum: 8, classes: 'A', handler: shutdown },
    { name: 'FORCE', minimum: 5, classes: 'A', handler: force },
    { name: 'AUTOLOG', minimum: 5, classes: 'AB', handler: autolog },
    { name: 'ENABLE', minimum: 3, classes: 'AB', handler: enableOrDisable(true) },
    { name: 'DISABLE', minimum: 4, classes: 'AB', handler: enableOrDisable(false) },
  ],
  queries: [
    { name: 'SYSTEM', minimum: 3, classes: 'B', handler: querySystem },
  ],
  settings: [{ name: 'LOGMSG', minimum: 3, classes: 'B', handler: setLogmsg }],
};
