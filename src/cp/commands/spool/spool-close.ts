// SPOOL and CLOSE (VM/370 CP Command Reference for General Users R6, as IBM's R6 HELP files give
// them): the spool options of a virtual reader, punch or printer, and the end of a spool file.
//
//   SPool  Reader|vaddr          [CLass c|*] [CONt|NOCont] [HOld|NOHold] [EOF|NOEof]
//   SPool  Printer|PUnch|vaddr   [CLOSE|PURGE] [CLass c] [CONt|NOCont] [HOld|NOHold] [COpy nn]
//                                [OFF | [To|For] userid|*|SYSTEM] [NAME fn [ft]] [DIst code]
//   CLOSE  Reader|vaddr          [HOLD|NOHOLD]
//   CLOSE  Printer|PUnch|vaddr   [PUrge] [HOld|NOHold] [DIst code] [Name fn [ft]]
//
// (NAME and DIST on SPOOL, for the next file, are this project's additions.) A punch or printer
// spooled CONT ignores every CLOSE until NOCONT; SPOOL ... CLOSE or PURGE closes it regardless.
// CLOSE answers `PRT|PUN FILE spoolid TO|FOR userid COPY nn HOLD|NOHOLD` only when the file has
// several copies, goes to a user's reader, or is held, and not under SET IMSG OFF; the answer comes
// after the file is on disk. CLOSE of the reader ends the file being read (see unit-record.ts).

import type { CommandGroup } from '../group.ts';
import type { CpCommandContext } from '../../vm/cp-commands.ts';
import type { OutputSpoolOptions } from '../../vm/unit-record.ts';
import { spoolId } from '../../spool/index.ts';
import { findSpoolDevice, informational, isClass, isWord, queueWord, spoolFailure, type SpoolDevice } from './operands.ts';

/** The device an operand names, or the error code issued. */
function device(ctx: CpCommandContext, word: string | undefined): SpoolDevice | number {
  if (word === undefined) return ctx.error('DMKCSP022E', 'VADDR MISSING OR INVALID');
  const d = findSpoolDevice(ctx, word);
  if (d === 'no-device') {
    if (/^[0-9A-F]{1,4}$/.test(word)) return ctx.error('DMKCSP040E', `DEV ${word.padStart(3, '0')} DOES NOT EXIST`);
    if (queueWord(word) !== undefined) return ctx.error('DMKCSP040E', `DEV ${word} DOES NOT EXIST`);
    return ctx.error('DMKCSP022E', 'VADDR MISSING OR INVALID');
  }
  if (d === 'not-spool') return ctx.error('DMKCSP022E', 'VADDR MISSING OR INVALID');
  return d;
}

/** A user id for TO or FOR: * is the issuer, SYSTEM none (the real device); others must be in the directory. */
function userOperand(ctx: CpCommandContext, word: string): string | null | number {
  if (word === '*') return ctx.vm.userid;
  if (word === 'SYSTEM') return null;
  if (!/^[A-Z0-9@#$]{1,8}$/.test(word)) return ctx.error('DMKCSP020E', 'USERID MISSING OR INVALID');
  if (ctx.cp !== undefined && ctx.cp.system.user(word) === undefined) return ctx.error('DMKCSP053E', `${word} NOT IN CP DIRECTORY`);
  return word;
}

/** The option words of SPOOL and CLOSE, with their shortest abbreviations. */
const OPTION_WORDS: ReadonlyArray<[string, number]> = [
  ['CLASS', 2], ['CONT', 3], ['NOCONT', 3], ['HOLD', 2], ['NOHOLD', 3], ['EOF', 3], ['NOEOF', 3], ['COPY', 2],
  ['OFF', 3], ['TO', 1], ['FOR', 1], ['CLOSE', 5], ['PURGE', 2], ['NAME', 1], ['DIST', 2],
];
const optionWord = (w: string | undefined): string | undefined => OPTION_WORDS.find(([name, min]) => isWord(w, name, min))?.[0];

function spool(ctx: CpCommandContext, operands: string[]): number {
  const d = device(ctx, operands[0]);
  if (typeof d === 'number') return d;
  if (operands.length < 2) return ctx.error('DMKCSP026E', 'OPERAND MISSING OR INVALID');
  const reader = d.kind === 'reader';
  const o = { ...d.device.options, eof: d.kind === 'reader' ? d.device.options.eof : true } as OutputSpoolOptions & { eof: boolean };
  let action: 'CLOSE' | 'PURGE' | null = null;
  const readerOnly = new Set(['EOF', 'NOEOF']);
  const outputOnly = new Set(['COPY', 'OFF', 'TO', 'FOR', 'CLOSE', 'PURGE', 'NAME', 'DIST']);
  for (let i = 1; i < operands.length; i++) {
    const w = operands[i]!;
    const value = operands[i + 1];
    let option = optionWord(w);
    // SPOOL PUNCH userid: TO may be left out (the user id may then not be TO or T).
    if (option === undefined && !reader) {
      const who = userOperand(ctx, w);
      if (typeof who === 'number') return who;
      o.to = who;
      if (who !== null) o.forUser = null;
      continue;
    }
    if (option === undefined || (reader && outputOnly.has(option)) || (!reader && readerOnly.has(option))) {
      return ctx.error('DMKCSP003E', `INVALID OPTION - ${w}`);
    }
    switch (option) {
      case 'CLASS':
        if (!isClass(value) && !(reader && value === '*')) return ctx.error('DMKCSP026E', 'OPERAND MISSING OR INVALID');
        o.spoolClass = value!;
        i++;
        break;
      case 'CONT': o.cont = true; break;
      case 'NOCONT': o.cont = false; break;
      case 'HOLD': o.hold = true; break;
      case 'NOHOLD': o.hold = false; break;
      case 'EOF': o.eof = true; break;
      case 'NOEOF': o.eof = false; break;
      case 'COPY':
        if (value === undefined || !/^\d{1,2}$/.test(value) || Number(value) < 1) return ctx.error('DMKCSP026E', 'OPERAND MISSING OR INVALID');
        o.copies = Number(value);
        i++;
        break;
      case 'OFF':
        o.to = null;
        o.forUser = null;
        break;
      case 'TO':
      case 'FOR': {
        if (value === undefined) return ctx.error('DMKCSP026E', 'OPERAND MISSING OR INVALID');
        const who = userOperand(ctx, value);
        if (typeof who === 'number') return who;
        if (option === 'TO') {
          o.to = who;
          if (who !== null) o.forUser = null;
        } else {
          o.to = null;
          o.forUser = who === ctx.vm.userid ? null : who;
        }
        i++;
        break;
      }
      case 'CLOSE':
      case 'PURGE':
        if (action !== null && action !== option) return ctx.error('DMKCSP003E', `INVALID OPTION - ${w}`);
        action = option;
        break;
      case 'NAME': {
        if (value === undefined) return ctx.error('DMKCSP026E', 'OPERAND MISSING OR INVALID');
        o.name = value.slice(0, 8);
        i++;
        const type = operands[i + 1];
        if (type !== undefined && optionWord(type) === undefined) {
          o.type = type.slice(0, 8);
          i++;
        }
        break;
      }
      case 'DIST':
        if (value === undefined) return ctx.error('DMKCSP026E', 'OPERAND MISSING OR INVALID');
        o.dist = value.slice(0, 8);
        i++;
        break;
    }
  }
  if (d.kind === 'reader') {
    d.device.options = { spoolClass: o.spoolClass, cont: o.cont, hold: o.hold, eof: o.eof };
    // A reader that may now read a waiting file (another class ...) is made ready.
    if (ctx.cp) d.device.fileArrived();
    return 0;
  }
  const { eof: _eof, ...output } = o;
  d.device.options = output;
  if (action === 'PURGE') {
    d.device.purge();
    return 0;
  }
  return action === 'CLOSE' ? closeOutput(ctx, d, {}) : 0;
}

/** Closes a punch or printer file and, when R6 would, says where it went. */
function closeOutput(ctx: CpCommandContext, d: SpoolDevice, overrides: Partial<OutputSpoolOptions>): number {
  if (d.kind === 'reader') return 0;
  const options = { ...d.device.options, ...overrides };
  let id: number | null;
  try {
    id = d.device.close(overrides);
  } catch (e) {
    return spoolFailure(ctx, e);
  }
  if (id === null || !informational(ctx)) return 0;
  if (options.copies > 1 || options.to !== null || options.hold) {
    const whose = options.to !== null ? `TO ${options.to}` : `FOR ${options.forUser ?? ctx.vm.userid}`;
    ctx.reply(`${d.kind === 'punch' ? 'PUN' : 'PRT'} FILE ${spoolId(id)} ${whose} COPY ${String(options.copies).padStart(2, '0')} ${options.hold ? 'HOLD' : 'NOHOLD'}`);
  }
  return 0;
}

function close(ctx: CpCommandContext, operands: string[]): number {
  const d = device(ctx, operands[0]);
  if (typeof d === 'number') return d;
  const overrides: Partial<OutputSpoolOptions> = {};
  let purge = false;
  let hold: 'HOLD' | 'NOHOLD' | undefined;
  for (let i = 1; i < operands.length; i++) {
    const w = operands[i]!;
    const value = operands[i + 1];
    const option = optionWord(w);
    if (option === 'HOLD' || option === 'NOHOLD') {
      hold = option;
      overrides.hold = option === 'HOLD';
    } else if (option === 'PURGE' && d.kind !== 'reader') purge = true;
    else if (option === 'NAME' && d.kind !== 'reader') {
      if (value === undefined) return ctx.error('DMKCSP026E', 'OPERAND MISSING OR INVALID');
      overrides.name = value.slice(0, 8);
      i++;
      const type = operands[i + 1];
      if (type !== undefined && optionWord(type) === undefined) {
        overrides.type = type.slice(0, 8);
        i++;
      }
    } else if (option === 'DIST' && d.kind !== 'reader') {
      if (value === undefined) return ctx.error('DMKCSP026E', 'OPERAND MISSING OR INVALID');
      overrides.dist = value.slice(0, 8);
      i++;
    } else return ctx.error('DMKCSP003E', `INVALID OPTION - ${w}`);
  }
  if (d.kind === 'reader') {
    d.device.close(hold);
    return 0;
  }
  // CONT: every CLOSE is ignored until NOCONT (SPOOL ... CLOSE or PURGE closes regardless).
  if (d.device.options.cont) return 0;
  if (purge) {
    d.device.purge();
    return 0;
  }
  return closeOutput(ctx, d, overrides);
}

export const SPOOL_DEVICE_COMMANDS: CommandGroup = {
  commands: [
    { name: 'SPOOL', minimum: 2, handler: spool },
    // R6 HELP CLOSE: the command has no abbreviation.
    { name: 'CLOSE', minimum: 5, handler: close },
  ],
};
