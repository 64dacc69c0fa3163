// The commands that begin and end a user's work with CP (VM/370 CP Command Reference for General
// Users R6): LOGOFF/LOGOUT, DISCONN, IPL. They act through the ControlProgram when there is one.
//
// Messages (R6 numbers; [mem] not verified against the manual):
//   DMKCFG026E OPERAND MISSING OR INVALID        IPL without a device or system [mem]
//   DMKCFG003E INVALID OPTION - xxx              (also CLEAR/NOCLEAR/STOP with a system name) [mem]
//   DMKCFG040E DEV cuu DOES NOT EXIST            [mem]
//   DMKCFG022E VADDR MISSING OR INVALID          neither a device nor a saved system [mem]

import type { CommandGroup } from './group.ts';
import type { CpCommandContext } from '../vm/cp-commands.ts';
import type { VirtualMachine } from '../vm/virtual-machine.ts';
import { toEbcdic } from '../../ebcdic/index.ts';

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

/** The longest PARM string: sixteen registers of four characters. */
const PARM_LIMIT = 64;

/**
 * IPL vaddr [CLEAR | NOCLEAR] [STOP] [PARM text] | IPL systemname [PARM text] (VM/370 CP Command
 * Reference, IPL): a device or a saved system. CLEAR, NOCLEAR and STOP are for a device only.
 * This CP's IPL always clears storage, so CLEAR and NOCLEAR are accepted and change nothing.
 * STOP: the machine is loaded and stays in CP READ, its IPL PSW loaded; BEGIN starts it. PARM: the
 * rest of the line as typed (after the one blank that follows PARM), at most 64 characters, goes
 * into general registers 0-15 from the high-order byte of register 0, four EBCDIC characters to a
 * register; the bytes of the last register that the text does not reach are left as they were.
 */
function ipl(ctx: CpCommandContext, operands: string[]): number {
  const target = operands[0];
  if (target === undefined) return ctx.error('DMKCFG026E', 'OPERAND MISSING OR INVALID');
  const vm = ctx.vm;
  const named = vm.savedSystems.get(target) !== undefined;
  let stop = false;
  let clear = false;
  let parm: string | null = null;
  for (let i = 1; i < operands.length && parm === null; i++) {
    const word = operands[i]!;
    const deviceOnly = (word.length >= 2 && 'CLEAR'.startsWith(word)) || (word.length >= 4 && 'NOCLEAR'.startsWith(word)) || word === 'STOP';
    if (deviceOnly && !named) {
      stop ||= word === 'STOP';
      if (word.length >= 2 && 'CLEAR'.startsWith(word)) clear = true;
    }
    else if (word === 'PARM') parm = parmText(ctx.rest);
    else return ctx.error('DMKCFG003E', `INVALID OPTION - ${word}`);
  }
  if (parm !== null && parm.length > PARM_LIMIT) return ctx.error('DMKCFG003E', 'INVALID OPTION - PARM');
  const refused = iplTargetError(vm, target);
  if (refused !== null) return ctx.error(refused.id, refused.text);
  try {
    vm.ipl(target, { clear });
  } catch (e) {
    ctx.reply(e instanceof Error ? e.message : String(e));
    return 22;
  }
  if (parm !== null) loadParm(ctx, parm);
  if (stop) vm.toCpRead();
  else vm.console?.terminal.status?.('RUNNING');
  return 0;
}

/**
 * Why IPL of `target` cannot even begin (no such device, no such saved system), as CP's message;
 * null when the target exists. LOGON's automatic IPL can use it too.
 */
export function iplTargetError(vm: VirtualMachine, target: string): { id: string; text: string } | null {
  const name = target.toUpperCase();
  if (vm.savedSystems.get(name) !== undefined) return null;
  if (!/^[0-9A-F]{1,4}$/.test(name)) return { id: 'DMKCFG022E', text: 'VADDR MISSING OR INVALID' };
  if (vm.io.entry(parseInt(name, 16)) === undefined) return { id: 'DMKCFG040E', text: `DEV ${name.padStart(3, '0')} DOES NOT EXIST` };
  return null;
}

/** The text after the word PARM and the one blank that follows it, as typed. */
function parmText(rest: string): string {
  const m = /(^|\s)PARM( |$)/i.exec(rest);
  return m ? rest.slice(m.index + m[0].length) : '';
}

function loadParm(ctx: CpCommandContext, parm: string): void {
  const bytes = toEbcdic(parm, 'cp037');
  const gpr = ctx.vm.cpu.gpr;
  for (let i = 0; i < bytes.length; i++) {
    const r = i >> 2;
    const shift = 24 - 8 * (i & 3);
    gpr[r] = (gpr[r]! & ~(0xff << shift)) | (bytes[i]! << shift);
  }
}

export const SESSION_COMMANDS: CommandGroup = {
  commands: [
    { name: 'LOGOFF', minimum: 3, classes: '*', handler: logoff },
    { name: 'LOGOUT', minimum: 5, classes: '*', handler: logoff },
    { name: 'DISCONN', minimum: 4, classes: '*', handler: disconnect },
    { name: 'IPL', minimum: 1, staysInCp: true, handler: ipl },
  ],
};
