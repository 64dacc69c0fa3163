// Messages between users (VM/370 CP Command Reference R6, MSG/MESSAGE, WARNING, MSGNOH; VM/370
// System Logic R6, DMKMSG):
//   MSG userid|*|OPERATOR|ALL text     classes B and G (ALL: classes A and B only)
//   WARNING userid|*|OPERATOR|ALL text classes A and B: a priority message, honours SET WNG
//   MSGNOH userid|*|OPERATOR|ALL text  classes A and B: the text alone, without the header
// CP writes the message to the receiver's terminal at once (a 3270 shows it even while its user
// types); the receiver's machine is not disturbed. '*' is the sender, OPERATOR (or OP [mem]) the
// system operator: the user at the system console. A disconnected user or one with SET MSG OFF
// (SET WNG OFF) does not get it and the sender is told; with ALL such users are passed over.
//
// Messages (R6 numbers; [mem] not verified against the manual):
//   hh:mm:ss MSG FROM userid  : text                 the userid padded to 8 [mem]
//   hh:mm:ss WNG FROM userid  : text                 [mem]
//   DMKMSG045E userid NOT LOGGED ON                  [mem]
//   DMKMSG057W userid NOT RECEIVING; MSG OFF         [mem]
//   DMKMSG057W userid NOT RECEIVING; WNG OFF         [mem]
//   DMKMSG057W userid NOT RECEIVING; DISCONNECTED    [mem]
//   DMKMSG020E USERID MISSING OR INVALID             [mem]

import type { CpUser } from '../../control-program.ts';
import { hasClass, type CpCommandContext, type CpCommandDefinition } from '../../vm/cp-commands.ts';

type Kind = 'MSG' | 'WNG' | 'MSGNOH';

/** The primary system operator's user id (VM/370 SYSOPR default). */
export const SYSTEM_OPERATOR = 'OPERATOR';

const two = (n: number) => String(n).padStart(2, '0');

function header(kind: Kind, sender: string, at: Date): string {
  if (kind === 'MSGNOH') return '';
  const time = `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}`;
  return `${time} ${kind} FROM ${sender.padEnd(8)}: `;
}

/** Why a user does not take this kind of message, or null when it does. */
function notReceiving(kind: Kind, user: CpUser): string | null {
  if (user.terminal === null) return 'DISCONNECTED';
  if (kind === 'WNG') return user.receiveWarnings ? null : 'WNG OFF';
  return user.receiveMessages ? null : 'MSG OFF';
}

/** Writes the message on the user's terminal now (no wake: the machine goes on as it was). */
function deliver(user: CpUser, line: string): void {
  user.writeLine(line, 'cp');
  user.terminal?.refresh();
}

/** The text after the target word, as typed (its case and inner spacing kept). */
function messageText(rest: string): string {
  return rest.replace(/^\S+\s?/, '');
}

/**
 * The system operator: the user logged on at the system console, or else the user OPERATOR (the
 * SYSOPR default of DMKSYS).
 */
function systemOperator(cp: CpCommandContext['cp']): string {
  for (const user of cp?.users.values() ?? []) if (user.terminal?.kind === 'console') return user.userid;
  return SYSTEM_OPERATOR;
}

function send(kind: Kind, ctx: CpCommandContext, operands: string[]): number {
  const target = operands[0];
  if (target === undefined || !/^[A-Z0-9@#$*]{1,8}$/.test(target)) return ctx.error('DMKMSG020E', 'USERID MISSING OR INVALID');
  const text = messageText(ctx.rest);
  const sender = ctx.user?.userid ?? ctx.vm.userid;
  const cp = ctx.cp;
  if (target === 'ALL' && hasClass(ctx.classes, 'AB')) {
    if (cp === undefined) return 0;
    const line = header(kind, sender, cp.clock()) + text;
    for (const user of cp.users.values()) if (notReceiving(kind, user) === null) deliver(user, line);
    return 0;
  }
  const toOperator = target === 'OPERATOR' || target === 'OP';
  const userid = target === '*' ? sender : toOperator ? systemOperator(cp) : target;
  if (cp === undefined) {
    // A lone machine can only talk to itself.
    if (userid !== ctx.vm.userid) return ctx.error('DMKMSG045E', `${userid} NOT LOGGED ON`);
    ctx.reply(header(kind, sender, new Date()) + text);
    return 0;
  }
  const user = cp.user(userid);
  if (user === undefined) return ctx.error('DMKMSG045E', `${userid} NOT LOGGED ON`);
  const refused = notReceiving(kind, user);
  if (refused !== null) return ctx.error('DMKMSG057W', `${user.userid} NOT RECEIVING; ${refused}`);
  deliver(user, header(kind, sender, cp.clock()) + text);
  return 0;
}

export const MESSAGE_COMMANDS: readonly CpCommandDefinition[] = [
  { name: 'MSG', minimum: 1, classes: 'BG', handler: (ctx, ops) => send('MSG', ctx, ops) },
  { name: 'MSGNOH', minimum: 6, classes: 'AB', handler: (ctx, ops) => send('MSGNOH', ctx, ops) },
  { name: 'MESSAGE', minimum: 2, classes: 'BG', handler: (ctx, ops) => send('MSG', ctx, ops) },
  { name: 'WNG', minimum: 1, classes: 'AB', handler: (ctx, ops) => send('WNG', ctx, ops) },
  { name: 'WARNING', minimum: 1, classes: 'AB', handler: (ctx, ops) => send('WNG', ctx, ops) },
];
