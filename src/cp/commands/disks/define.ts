// DEFINE (VM/370 CP Command Reference for General Users R6, DEFINE; class G) changes the
// configuration of the issuer's own virtual machine:
//
//   DEFINE STORAGE [AS] nnnnnK | nnM       STORAGE = nnnnnK [mem]; the machine is reset (CP READ)
//   DEFINE vaddr1 [AS] vaddr2              a device at another address: DASD 291 DEFINED [mem]
//   DEFINE T3330 | T3350 [AS] vaddr [CYL] n   a temporary disk: DASD 192 DEFINED [mem]
//   DEFINE READER | PUNCH | PRINTER [AS] vaddr   a spooled unit-record device: RDR 01C DEFINED [mem]
//
// STORAGE may not exceed the directory's maximum (the USER statement's second size).
//
// Messages [mem]: DMKDEF026E OPERAND MISSING OR INVALID; DMKDEF022E VADDR MISSING OR INVALID;
//   DMKDEF040E DEV vaddr DOES NOT EXIST; DMKDEF041E DEV vaddr ALREADY DEFINED;
//   DMKDEF094E STORAGE EXCEEDS ALLOWED MAXIMUM; DMKDEF091E DASD vaddr NOT DEFINED; TEMP SPACE NOT
//   AVAILABLE; DMKDEF003E INVALID OPTION - CONSOLE (a second console is not supported here).

import { spoolDeviceEntry } from '../../spool/index.ts';
import { createTemporaryDisk, TDISK_TYPES } from '../../system/tdisk.ts';
import type { LinkOutcome } from '../../system/cp-system.ts';
import type { CpCommandContext } from '../../vm/cp-commands.ts';
import type { VirtualDeviceEntry } from '../../vm/virtual-io.ts';
import { deviceTypeName, fail, hex3, parseAddress } from './common.ts';

const MAX_STORAGE = 16 * 1024 * 1024;

export function define(ctx: CpCommandContext, operands: string[]): number {
  const what = operands[0];
  if (what === undefined) return ctx.error('DMKDEF026E', 'OPERAND MISSING OR INVALID');
  const rest = operands.slice(1).filter((w, i) => !(i === 0 && w === 'AS'));
  if (what.length >= 4 && 'STORAGE'.startsWith(what)) return defineStorage(ctx, rest);
  if (TDISK_TYPES[what] !== undefined) return defineTemporaryDisk(ctx, what, rest);
  const spool = ({ READER: 'reader', RDR: 'reader', PUNCH: 'punch', PUN: 'punch', PRINTER: 'printer', PRT: 'printer' } as const)[what as 'READER'];
  if (spool !== undefined) return defineSpoolDevice(ctx, spool, rest);
  if (what === 'CONSOLE' || what === 'CONS') return ctx.error('DMKDEF003E', `INVALID OPTION - ${what}`);
  const from = parseAddress(what);
  if (from !== undefined) return redefine(ctx, from, rest);
  return ctx.error('DMKDEF026E', 'OPERAND MISSING OR INVALID');
}

/** nnnnnK or nnM (a plain number is K), as DEFINE STORAGE and the directory write sizes. */
export function parseStorageSize(word: string | undefined): number | undefined {
  const m = word === undefined ? null : /^(\d{1,8})([KM]?)$/.exec(word);
  if (m === null) return undefined;
  const n = Number(m[1]);
  return m[2] === 'M' ? n * 1024 * 1024 : n * 1024;
}

function defineStorage(ctx: CpCommandContext, rest: string[]): number {
  const bytes = parseStorageSize(rest[0]);
  if (bytes === undefined || bytes === 0 || rest.length > 1) return ctx.error('DMKDEF026E', 'OPERAND MISSING OR INVALID');
  const entry = ctx.user?.entry;
  const most = Math.min(entry?.maxStorage ?? entry?.storage ?? MAX_STORAGE, MAX_STORAGE);
  if (bytes > most) return ctx.error('DMKDEF094E', 'STORAGE EXCEEDS ALLOWED MAXIMUM');
  ctx.vm.defineStorage(bytes);
  ctx.reply(`STORAGE = ${String(ctx.vm.storageSize >>> 10).padStart(5, '0')}K`);
  return 0;
}

function defineTemporaryDisk(ctx: CpCommandContext, type: string, rest: string[]): number {
  const words = rest.filter((w) => w !== 'CYL' && w !== 'CYLS');
  const vaddr = parseAddress(words[0]);
  if (vaddr === undefined) return ctx.error('DMKDEF022E', 'VADDR MISSING OR INVALID');
  const cylinders = words[1] !== undefined && /^\d{1,4}$/.test(words[1]) ? Number(words[1]) : undefined;
  if (cylinders === undefined || cylinders === 0 || words.length > 2) return ctx.error('DMKDEF026E', 'OPERAND MISSING OR INVALID');
  if (ctx.vm.io.entry(vaddr) !== undefined) return ctx.error('DMKDEF041E', `DEV ${hex3(vaddr)} ALREADY DEFINED`);
  const outcome: LinkOutcome = ctx.cp
    ? ctx.cp.system.temporaryDisk(ctx.vm.userid, vaddr, type, cylinders)
    : lonelyTemporaryDisk(ctx.vm.userid, vaddr, type, cylinders);
  if (outcome.outcome !== 'linked') {
    return outcome.outcome === 'not-linked' ? fail(ctx, outcome.message) : ctx.error('DMKDEF026E', 'OPERAND MISSING OR INVALID');
  }
  try {
    ctx.vm.attachMinidisk(outcome.link);
  } catch (e) {
    return ctx.error('DMKDEF091E', `DASD ${hex3(vaddr)} NOT DEFINED; ${e instanceof Error ? e.message : String(e)}`);
  }
  ctx.reply(`DASD ${hex3(vaddr)} DEFINED`);
  return 0;
}

/** A machine without a CP (tests, `vm370 vm run`) keeps its T-disks in the host's temporary folder. */
function lonelyTemporaryDisk(userid: string, vaddr: number, type: string, cylinders: number): LinkOutcome {
  try {
    return { outcome: 'linked', link: createTemporaryDisk(TDISK_TYPES[type]!, cylinders, vaddr, { userid }) };
  } catch {
    return { outcome: 'not-linked', message: { id: 'DMKDEF091E', text: `DASD ${hex3(vaddr)} NOT DEFINED; TEMP SPACE NOT AVAILABLE` } };
  }
}

function defineSpoolDevice(ctx: CpCommandContext, kind: 'reader' | 'punch' | 'printer', rest: string[]): number {
  const vaddr = parseAddress(rest[0]);
  if (vaddr === undefined || rest.length > 1) return ctx.error('DMKDEF022E', 'VADDR MISSING OR INVALID');
  if (ctx.vm.io.entry(vaddr) !== undefined) return ctx.error('DMKDEF041E', `DEV ${hex3(vaddr)} ALREADY DEFINED`);
  const entry = spoolDeviceEntry(kind, vaddr, ctx.user, ctx.cp?.spool);
  ctx.vm.attachDevice(entry);
  ctx.reply(`${deviceTypeName(entry.kind)} ${hex3(vaddr)} DEFINED`);
  return 0;
}

/** DEFINE vaddr1 AS vaddr2: the same device, another address; a link keeps its disk. */
function redefine(ctx: CpCommandContext, from: number, rest: string[]): number {
  const to = parseAddress(rest[0]);
  if (to === undefined || rest.length > 1) return ctx.error('DMKDEF022E', 'VADDR MISSING OR INVALID');
  const vm = ctx.vm;
  if (vm.io.entry(from) === undefined) return ctx.error('DMKDEF040E', `DEV ${hex3(from)} DOES NOT EXIST`);
  if (vm.io.entry(to) !== undefined) return ctx.error('DMKDEF041E', `DEV ${hex3(to)} ALREADY DEFINED`);
  const entry = vm.detachDevice(from, true)!;
  vm.attachDevice(readdressed(entry, to));
  ctx.cp?.system.links.moved(vm.userid, from, to);
  ctx.reply(`${deviceTypeName(entry.kind)} ${hex3(to)} DEFINED`);
  return 0;
}

/** The entry of a device at a new address: its QUERY VIRTUAL line names the new address. */
function readdressed(entry: VirtualDeviceEntry, address: number): VirtualDeviceEntry {
  const describe = entry.describe;
  return {
    ...entry,
    address,
    describe: () => describe().replace(/^(\S+\s+)[0-9A-F]{3}/, `$1${hex3(address)}`),
  };
}
