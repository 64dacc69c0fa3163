// The commands that begin and end a user's work with CP (VM/370 CP Command Reference for General
// Users R6): LOGOFF/LOGOUT, DISCONN, IPL. They act through the ControlProgram when there is one.

import type { CommandGroup } from './group.ts';
import type { CpCommandContext } from '../vm/cp-commands.ts';

function logoff(ctx: CpCommandContext): number {
  if (ctx.user === undefined) return ctx.error('DMKCFC001E', '?CP: LOGOFF');
  ctx.user.logoffRequested = true;
  ctx.vm.enterCpMode();
  return 0;
}

function disconnect(ctx: CpCommandContext): number {
  if (ctx.user === undefined) return ctx.error('DMKCFC001E', '?CP: DISCONN');
  ctx.user.disconnectRequested = true;
  return 0;
}

/** IPL name | vaddr: a saved system by name or a device (VM/370 CP Command Reference, IPL). */
function ipl(ctx: CpCommandContext, operands: string[]): number {
  const target = operands[0];
  if (target === undefined) return ctx.error('DMKCFG026E', 'OPERAND MISSING OR INVALID');
  try {
    ctx.vm.ipl(target);
  } catch (e) {
    ctx.reply(e instanceof Error ? e.message : String(e));
    return 22;
  }
  ctx.vm.console?.terminal.status?.('RUNNING');
  return 0;
}

export const SESSION_COMMANDS: CommandGroup = {
  commands: [
    { name: 'LOGOFF', minimum: 3, classes: '*', handler: logoff },
    { name: 'LOGOUT', minimum: 5, classes: '*', handler: logoff },
    { name: 'DISCONN', minimum: 4, classes: '*', handler: disconnect },
    { name: 'IPL', minimum: 1, handler: ipl },
  ],
};
