// DETACH (VM/370 CP Command Reference for General Users R6, DETACH; class G) removes virtual
// devices from the issuer's machine:
//
//   DETACH vaddr [vaddr ...]          DASD 192 DETACHED (a link is given up; a T-disk is gone)
//
// and for the operator (class B, Command Reference for System Operators R6, DETACH) takes a real
// device back from the user it was ATTACHed to:
//
//   DETACH raddr [FROM] userid         DASD 131 DETACHED FROM MAINT   [mem]
//                                      (the user sees DASD 181 DETACHED BY OPERATOR [mem])
//
// Messages: DMKVDD040E DEV vaddr DOES NOT EXIST (src/cp/links/link-messages.ts);
//           DMKDET045E userid NOT LOGGED ON [mem]; DMKDET040E DEV raddr DOES NOT EXIST [mem];
//           DMKDET126E DEV raddr NOT ATTACHED TO userid [mem].

import { deviceDoesNotExistMessage } from '../../links/index.ts';
import { hasClass, type CpCommandContext } from '../../vm/cp-commands.ts';
import { deviceTypeName, fail, hex3, parseAddress, underCp } from './common.ts';

export function detach(ctx: CpCommandContext, operands: string[]): number {
  if (operands.length === 0) return ctx.error('DMKDET022E', 'VADDR MISSING OR INVALID');
  if (isRealDetach(ctx, operands)) return detachReal(ctx, operands);
  const addresses: number[] = [];
  for (const word of operands) {
    const address = parseAddress(word);
    if (address === undefined) return ctx.error('DMKDET022E', 'VADDR MISSING OR INVALID');
    addresses.push(address);
  }
  let code = 0;
  for (const address of addresses) {
    const entry = ctx.vm.io.entry(address);
    if (entry === undefined) {
      code = fail(ctx, deviceDoesNotExistMessage(address));
      continue;
    }
    ctx.vm.detachDevice(address);
    ctx.reply(`${deviceTypeName(entry.kind)} ${hex3(address)} DETACHED`);
  }
  return code;
}

/** DETACH raddr FROM userid, or DETACH raddr userid by a class B user naming a logged-on user. */
function isRealDetach(ctx: CpCommandContext, operands: string[]): boolean {
  if (!hasClass(ctx.classes, 'B') || ctx.cp === undefined) return false;
  if (operands.includes('FROM')) return true;
  return operands.length === 2 && ctx.cp.user(operands[1]!) !== undefined;
}

function detachReal(ctx: CpCommandContext, operands: string[]): number {
  const cp = underCp(ctx);
  if (cp === undefined) return ctx.error('DMKCFC001E', '?CP: DETACH');
  const words = operands.filter((w) => w !== 'FROM');
  const raddr = parseAddress(words[0]);
  const userid = words[1];
  if (raddr === undefined || userid === undefined || words.length > 2) return ctx.error('DMKDET026E', 'OPERAND MISSING OR INVALID');
  const system = cp.cp.system;
  if (system.volumes.atAddress(raddr) === undefined) return ctx.error('DMKDET040E', `DEV ${hex3(raddr)} DOES NOT EXIST`);
  const target = cp.cp.user(userid);
  if (target === undefined) return ctx.error('DMKDET045E', `${userid} NOT LOGGED ON`);
  const attachment = system.attached.get(raddr);
  if (attachment === undefined || attachment.userid !== target.userid) {
    return ctx.error('DMKDET126E', `DEV ${hex3(raddr)} NOT ATTACHED TO ${target.userid}`);
  }
  target.vm.detachDevice(attachment.vaddr);
  system.attached.delete(raddr);
  target.writeLine(`DASD ${hex3(attachment.vaddr)} DETACHED BY ${ctx.vm.userid}`, 'cp');
  ctx.reply(`DASD ${hex3(raddr)} DETACHED FROM ${target.userid}`);
  return 0;
}
