// ATTACH (VM/370 CP Command Reference for System Operators R6, ATTACH; class B) gives a logged-on
// user a whole real DASD volume of the configuration as a dedicated device:
//
//   ATTACH raddr [TO] userid [AS] vaddr [R/O]
//     operator: DASD 131 ATTACHED TO MAINT 181 [mem]        user: DASD 181 ATTACHED [mem]
//
// CP keeps what it owns: the system residence volume (CP OWNED) cannot be attached, nor a volume
// while any user has a minidisk on it linked; while a volume is attached, LINKs to minidisks on it
// are refused (DMKLNK108E ... VOLID volser NOT MOUNTED: the volume is not the system's). DETACH
// raddr FROM userid (detach.ts) gives it back, as does the user's LOGOFF or DETACH vaddr.
//
// QUERY DASD (any class here; R6 gives the real DASD list to class B) shows the real volumes:
//   DASD 130 CP OWNED VMSRES 004      the system volume; users with links on it
//   DASD 140 R6C191 001               a volume with minidisks; users with links on it
//   DASD 131 ATTACHED TO MAINT 181    attached to a user
// (the layout is from memory of R6's QUERY DASD [mem]).
//
// Messages [mem]: DMKATT040E DEV raddr DOES NOT EXIST; DMKATT045E userid NOT LOGGED ON;
//   DMKATT128E DEV raddr IN USE BY SYSTEM; DMKATT132E DEV raddr ALREADY ATTACHED TO userid;
//   DMKATT141E DEV vaddr ALREADY DEFINED; DMKATT026E OPERAND MISSING OR INVALID.

import type { CpCommandContext } from '../../vm/cp-commands.ts';
import { hex3, parseAddress, underCp } from './common.ts';

export function attach(ctx: CpCommandContext, operands: string[]): number {
  const cp = underCp(ctx);
  if (cp === undefined) return ctx.error('DMKCFC001E', '?CP: ATTACH');
  const words = operands.filter((w) => w !== 'TO' && w !== 'AS');
  const readOnly = words[words.length - 1] === 'R/O';
  if (readOnly) words.pop();
  const raddr = parseAddress(words[0]);
  const userid = words[1];
  const vaddr = parseAddress(words[2]);
  if (raddr === undefined || userid === undefined || vaddr === undefined || words.length > 3) {
    return ctx.error('DMKATT026E', 'OPERAND MISSING OR INVALID');
  }
  const system = cp.cp.system;
  const volume = system.volumes.atAddress(raddr);
  if (volume === undefined) return ctx.error('DMKATT040E', `DEV ${hex3(raddr)} DOES NOT EXIST`);
  const target = cp.cp.user(userid);
  if (target === undefined) return ctx.error('DMKATT045E', `${userid} NOT LOGGED ON`);
  const holder = system.attached.get(raddr);
  if (holder !== undefined) return ctx.error('DMKATT132E', `DEV ${hex3(raddr)} ALREADY ATTACHED TO ${holder.userid}`);
  const linked = system.links.list().some((l) => system.minidiskExtent(l.owner, l.ownerVaddr)?.volser === volume.volser);
  if (volume.volser === system.systemVolume()?.volser || linked) return ctx.error('DMKATT128E', `DEV ${hex3(raddr)} IN USE BY SYSTEM`);
  if (target.vm.io.entry(vaddr) !== undefined) return ctx.error('DMKATT141E', `DEV ${hex3(vaddr)} ALREADY DEFINED`);
  const image = system.volumes.get(volume.volser);
  if (typeof image === 'string') return ctx.error('DMKATT040E', `DEV ${hex3(raddr)} DOES NOT EXIST`);
  system.attached.set(raddr, { userid: target.userid, vaddr });
  const release = () => {
    if (system.attached.get(raddr)?.userid === target.userid) system.attached.delete(raddr);
  };
  try {
    target.vm.attachMinidisk({
      address: vaddr, image: image.path, volume: image, start: 0, cylinders: image.cylinders,
      readOnly: readOnly || volume.readOnly, volser: volume.volser, onClose: release,
    });
  } catch (e) {
    release();
    return ctx.error('DMKATT040E', `DEV ${hex3(raddr)} DOES NOT EXIST (${e instanceof Error ? e.message : String(e)})`);
  }
  if (target !== cp.user) target.writeLine(`DASD ${hex3(vaddr)} ATTACHED`, 'cp');
  ctx.reply(`DASD ${hex3(raddr)} ATTACHED TO ${target.userid} ${hex3(vaddr)}`);
  return 0;
}

/** QUERY DASD [raddr]: the real volumes and who has them. */
export function queryDasd(ctx: CpCommandContext, operands: string[]): number {
  const cp = underCp(ctx);
  if (cp === undefined) return ctx.error('DMKCQG026E', 'OPERAND MISSING OR INVALID');
  const system = cp.cp.system;
  const only = operands[0] === undefined ? undefined : parseAddress(operands[0]);
  if (operands[0] !== undefined && only === undefined) return ctx.error('DMKCQG026E', 'OPERAND MISSING OR INVALID');
  const volumes = system.config.dasd.filter((v) => only === undefined || v.address === only);
  if (volumes.length === 0) return ctx.error('DMKCQG040E', `DEV ${hex3(only!)} DOES NOT EXIST`);
  const usersOn = (volser: string) =>
    new Set(system.links.list().filter((l) => system.minidiskExtent(l.owner, l.ownerVaddr)?.volser === volser).map((l) => l.userid)).size;
  for (const v of [...volumes].sort((a, b) => a.address - b.address)) {
    const attached = system.attached.get(v.address);
    const count = String(usersOn(v.volser)).padStart(3, '0');
    if (attached !== undefined) ctx.reply(`DASD ${hex3(v.address)} ATTACHED TO ${attached.userid} ${hex3(attached.vaddr)}`);
    else if (v.volser === system.systemVolume()?.volser) ctx.reply(`DASD ${hex3(v.address)} CP OWNED ${v.volser.padEnd(6)} ${count}`);
    else ctx.reply(`DASD ${hex3(v.address)} ${v.volser.padEnd(6)} ${count}`);
  }
  return 0;
}

/**
 * QUERY LINKS [vaddr]: who is linked to the minidisk the issuer has at vaddr (every linked minidisk
 * of the issuer without one), four to a line: `MAINT    190 R/W, GUEST    190 R/O` [mem].
 */
export function queryLinks(ctx: CpCommandContext, operands: string[]): number {
  const cp = underCp(ctx);
  if (cp === undefined) return ctx.error('DMKCQG026E', 'OPERAND MISSING OR INVALID');
  const links = cp.cp.system.links;
  let mine = links.of(ctx.vm.userid);
  if (operands[0] !== undefined) {
    const vaddr = parseAddress(operands[0]);
    if (vaddr === undefined || operands.length > 1) return ctx.error('DMKCQG022E', 'VADDR MISSING OR INVALID');
    mine = mine.filter((l) => l.vaddr === vaddr);
    if (mine.length === 0) return ctx.error('DMKCQG040E', `DEV ${hex3(vaddr)} DOES NOT EXIST`);
  }
  for (const own of mine) {
    const entries = links.to(own.owner, own.ownerVaddr).map((l) => `${l.userid.padEnd(8)} ${hex3(l.vaddr)} ${l.access}`);
    for (let i = 0; i < entries.length; i += 4) ctx.reply(entries.slice(i, i + 4).join(', '));
  }
  return 0;
}
