// The spooling operator's START and DRAIN of the real printer and punch (VM/370 Operator's Guide
// R6; class D):
//
//   START {cuu|PRINTER|PUNCH|ALL} [CLASS classes] [SEP|NOSEP]
//                                                     the device writes waiting files (of those classes;
//                                                     NOSEP: without separator pages or cards)
//   DRAIN {cuu|PRINTER|PUNCH|ALL}                     the device stops after the current file; new
//                                                     files wait in the spool until START
//
// Responses `PRT 00E STARTED` / `PRT 00E DRAINED` [mem]. The real devices are the configuration's
// unit-record printer and punch (system.json unitRecord); their output goes to DATA/printer/ and
// DATA/punch/ (src/cp/spool/real-devices.ts). The state survives a restart (the spool index).

import type { CommandGroup } from '../group.ts';
import type { CpCommandContext } from '../../vm/cp-commands.ts';
import type { RealDeviceKind } from '../../spool/index.ts';

/** The real device a cuu names (the configuration's printer and punch, 00E and 00D by default). */
function deviceAt(ctx: CpCommandContext, address: number): RealDeviceKind | undefined {
  const spool = ctx.cp!.spool;
  for (const kind of ['printer', 'punch'] as const) if (parseInt(spool.realAddress(kind), 16) === address) return kind;
  return undefined;
}

function devices(ctx: CpCommandContext, word: string | undefined): RealDeviceKind[] | number {
  if (word === undefined) return ctx.error('DMKCSO026E', 'OPERAND MISSING OR INVALID');
  if (word === 'ALL') return ['printer', 'punch'];
  if (word === 'PRT' || (word.length >= 2 && 'PRINTER'.startsWith(word))) return ['printer'];
  if (word === 'PUN' || word === 'PCH' || (word.length >= 3 && 'PUNCH'.startsWith(word))) return ['punch'];
  if (/^[0-9A-F]{1,4}$/.test(word)) {
    const kind = deviceAt(ctx, parseInt(word, 16));
    if (kind !== undefined) return [kind];
    return ctx.error('DMKCSO040E', `DEV ${word.padStart(3, '0')} DOES NOT EXIST`);
  }
  return ctx.error('DMKCSO022E', 'RDEV MISSING OR INVALID');
}

const label = (kind: RealDeviceKind, ctx: CpCommandContext) => `${kind === 'printer' ? 'PRT' : 'PUN'} ${ctx.cp!.spool.realAddress(kind)}`;

function start(ctx: CpCommandContext, operands: string[]): number {
  const spool = ctx.cp?.spool;
  if (spool === undefined) return ctx.error('DMKCFC001E', '?CP: START');
  const kinds = devices(ctx, operands[0]);
  if (typeof kinds === 'number') return kinds;
  let classes: string | undefined;
  let separator: boolean | undefined;
  for (let i = 1; i < operands.length; i++) {
    const w = operands[i]!;
    if ((w === 'CLASS' || w === 'CL') && operands[i + 1] !== undefined && /^([A-Z0-9]{1,8}|\*)$/.test(operands[i + 1]!)) {
      classes = operands[++i];
    } else if (w === 'SEP' || w === 'NOSEP') separator = w === 'SEP';
    else return ctx.error('DMKCSO003E', `INVALID OPTION - ${w}`);
  }
  for (const kind of kinds) {
    spool.start(kind, classes, separator);
    ctx.reply(`${label(kind, ctx)} STARTED`);
  }
  return 0;
}

function drain(ctx: CpCommandContext, operands: string[]): number {
  const spool = ctx.cp?.spool;
  if (spool === undefined) return ctx.error('DMKCFC001E', '?CP: DRAIN');
  const kinds = devices(ctx, operands[0]);
  if (typeof kinds === 'number') return kinds;
  if (operands.length > 1) return ctx.error('DMKCSO003E', `INVALID OPTION - ${operands[1]}`);
  for (const kind of kinds) {
    spool.drain(kind);
    ctx.reply(`${label(kind, ctx)} DRAINED`);
  }
  return 0;
}

export const SPOOL_OPERATOR_COMMANDS: CommandGroup = {
  commands: [
    { name: 'START', minimum: 3, classes: 'D', handler: start },
    { name: 'DRAIN', minimum: 3, classes: 'D', handler: drain },
  ],
};
