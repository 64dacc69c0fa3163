// One parser per directory control statement (GC20-1801-10, "Directory Control Statements").
// Operands are positional and blank-delimited; OPTION's are self-defining. Each parser reports what
// is wrong through the context and returns undefined when the statement cannot be used.

import { CONSOLE_TYPES, dasdType, isSpoolClass, spool2540Function, SPOOL_TYPES } from './device-types.ts';
import {
  DEFAULT_PRIVILEGE_CLASSES, emptyOptions, hex3, type AccountInfo, type ConsoleSpec, type ConsoleType, type DedicatedDevice,
  type IplSpec, type LineEditing, type LinkStatement, type Minidisk, type MinidiskPasswords, type ModeSpec,
  type SpecialDevice, type SpecialKind, type SpoolDevice, type UserEntry, type UserOptions,
} from './types.ts';
import {
  isAbbrev, parseAddress, parseClasses, parseDecimal, parseMode, parsePassword, parseStorageSize, parseUserid,
  parseVolser, type Parsed,
} from './values.ts';

export interface StatementContext {
  line: number;
  statement: string;
  error(message: string): void;
  warning(message: string): void;
}

/** The value, or undefined after reporting the message as an error. */
function take<T>(ctx: StatementContext, p: Parsed<T>): T | undefined {
  if (p.ok) return p.value;
  ctx.error(p.message);
  return undefined;
}

/** Data after the last possible operand is ignored by the Directory program; say so. */
function extra(ctx: StatementContext, ops: string[], used: number): void {
  if (ops.length > used) ctx.warning(`operands after the last one are ignored: ${ops.slice(used).join(' ')}`);
}

// --- DIRECTORY cuu devtype volser ----------------------------------------------------------------

export function parseDirectoryStatement(ctx: StatementContext, ops: string[]) {
  const vaddr = take(ctx, parseAddress(ops[0], 'directory device address'));
  const devtype = ops[1];
  let devOk = false;
  if (devtype === undefined) ctx.error('device type missing');
  else if (!dasdType(devtype)?.directoryResidence) {
    ctx.error(`device type '${devtype}' cannot hold the directory (2305, 2314, 2319, 3330, 3340 or 3350)`);
  } else devOk = true;
  const volser = take(ctx, parseVolser(ops[2]));
  extra(ctx, ops, 3);
  if (vaddr === undefined || !devOk || volser === undefined) return undefined;
  return { vaddr, devtype: devtype!, volser, line: ctx.line };
}

// --- USER userid password [stor [maxstor [classes [priority [linend [linedel [chardel [escape]]]]]]]]

export function parseUserStatement(ctx: StatementContext, ops: string[]): UserEntry | undefined {
  const userid = take(ctx, parseUserid(ops[0]));
  const password = take(ctx, parsePassword(ops[1], 'logon password'));
  const storage = ops[2] === undefined ? undefined : take(ctx, parseStorageSize(ops[2], 'storage size'));
  const maxStorage = ops[3] === undefined ? undefined : take(ctx, parseStorageSize(ops[3], 'maximum storage size'));
  if (storage !== undefined && maxStorage !== undefined && maxStorage < storage) {
    ctx.error(`maximum storage ${ops[3]} is smaller than the logon storage ${ops[2]}`);
  }
  const classes = ops[4] === undefined ? [...DEFAULT_PRIVILEGE_CLASSES] : take(ctx, parseClasses(ops[4]));
  const priority = ops[5] === undefined ? undefined : take(ctx, parseDecimal(ops[5], 'priority', 2, 1, 99));
  const lineEditing: LineEditing = {};
  const symbols = ['linend', 'linedel', 'chardel', 'escape'] as const;
  symbols.forEach((name, i) => {
    const word = ops[6 + i];
    if (word === undefined) return;
    if (word.length !== 1) ctx.error(`${name} symbol '${word}' is not one character`);
    else lineEditing[name] = word;
  });
  extra(ctx, ops, 10);
  if (userid === undefined || password === undefined || classes === undefined) return undefined;
  return {
    userid, password, storage, maxStorage, classes, priority, lineEditing, options: emptyOptions(),
    spool: [], special: [], dedicate: [], links: [], mdisks: [], line: ctx.line,
  };
}

// --- ACCOUNT number [distribution] ---------------------------------------------------------------

export function parseAccountStatement(ctx: StatementContext, ops: string[]): AccountInfo | undefined {
  const number = ops[0];
  if (number === undefined) { ctx.error('account number missing'); return undefined; }
  if (number.length > 8) { ctx.error(`account number '${number}' is longer than 8 characters`); return undefined; }
  const distribution = ops[1];
  if (distribution !== undefined && distribution.length > 8) {
    ctx.error(`distribution code '${distribution}' is longer than 8 characters`);
    return undefined;
  }
  extra(ctx, ops, 2);
  return { number, distribution, line: ctx.line };
}

// --- OPTION (self-defining: any order, several OPTION statements add up) --------------------------

type FlagOption = Exclude<keyof UserOptions, 'cpuid' | 'affinity'>;

/** Keyword, shortest abbreviation, flag. R6's format box capitalises Realtimer, Ecmode, Isam, Acct, Svcoff, AFFinity. */
const FLAG_OPTIONS: ReadonlyArray<readonly [string, number, FlagOption]> = [
  ['REALTIMER', 1, 'realtimer'],
  ['ECMODE', 1, 'ecmode'],
  ['ISAM', 1, 'isam'],
  ['VIRT=REAL', 9, 'virtEqualsReal'],
  ['ACCT', 1, 'acct'],
  ['SVCOFF', 1, 'svcoff'],
  ['BMX', 3, 'bmx'],
  ['LNKNOPAS', 8, 'lnknopas'],
  ['STFIRST', 7, 'stfirst'],
];

export function applyOptionStatement(ctx: StatementContext, ops: string[], options: UserOptions): void {
  if (ops.length === 0) ctx.warning('no options given');
  for (let i = 0; i < ops.length; i++) {
    const word = ops[i]!;
    const flag = FLAG_OPTIONS.find(([kw, min]) => isAbbrev(word, kw, min));
    if (flag) { options[flag[2]] = true; continue; }
    if (word === 'CPUID') {
      const id = ops[++i];
      if (id === undefined || !/^[0-9A-F]{6}$/.test(id)) ctx.error(`CPUID '${id ?? ''}' is not 6 hexadecimal digits`);
      else options.cpuid = id;
      continue;
    }
    if (isAbbrev(word, 'AFFINITY', 3)) {
      const n = take(ctx, parseDecimal(ops[++i], 'AFFINITY processor', 2, 0, 15));
      if (n !== undefined) options.affinity = n;
      continue;
    }
    ctx.error(`unknown option '${word}' (REALTIMER ECMODE ISAM VIRT=REAL ACCT SVCOFF BMX CPUID AFFINITY)`);
  }
}

// --- IPL name-or-address [PARM text] --------------------------------------------------------------

export function parseIplStatement(ctx: StatementContext, ops: string[]): IplSpec | undefined {
  const target = ops[0];
  if (target === undefined) { ctx.error('system name or device address missing'); return undefined; }
  const device = /^[0-9A-F]{1,3}$/.test(target);
  if (!device && !/^[A-Z0-9$#@]{1,8}$/.test(target)) {
    ctx.error(`'${target}' is neither a device address nor a 1 to 8 character system name`);
    return undefined;
  }
  let parm: string | undefined;
  if (ops[1] === 'PARM') {
    parm = ops.slice(2).join(' ');
    if (parm === '') ctx.warning('PARM without text');
  } else extra(ctx, ops, 1);
  return { target: device ? hex3(parseInt(target, 16)) : target, kind: device ? 'device' : 'system', parm, line: ctx.line };
}

// --- CONSOLE cuu devtype [class] -------------------------------------------------------------------

export function parseConsoleStatement(ctx: StatementContext, ops: string[]): ConsoleSpec | undefined {
  const vaddr = take(ctx, parseAddress(ops[0], 'console address'));
  const devtype = ops[1];
  let typeOk = false;
  if (devtype === undefined) ctx.error('console device type missing');
  else if (!(CONSOLE_TYPES as readonly string[]).includes(devtype)) {
    ctx.error(`console device type '${devtype}' is not one of ${CONSOLE_TYPES.join(' ')}`);
  } else typeOk = true;
  const cls = ops[2];
  if (cls !== undefined && !isSpoolClass(cls, 'console')) ctx.error(`spool class '${cls}' is not one of A-Z 0-9`);
  extra(ctx, ops, 3);
  if (vaddr === undefined || !typeOk || (cls !== undefined && !isSpoolClass(cls, 'console'))) return undefined;
  return { vaddr, devtype: devtype as ConsoleType, spoolClass: cls, line: ctx.line };
}

// --- SPOOL cuu devtype [READER|PUNCH] [class] ------------------------------------------------------

export function parseSpoolStatement(ctx: StatementContext, ops: string[]): SpoolDevice | undefined {
  const vaddr = take(ctx, parseAddress(ops[0], 'spool device address'));
  const devtype = ops[1];
  if (devtype === undefined) { ctx.error('spool device type missing'); return undefined; }
  const kind = Object.hasOwn(SPOOL_TYPES, devtype) ? SPOOL_TYPES[devtype] : undefined;
  if (kind === undefined) {
    ctx.error(`spool device type '${devtype}' is not one of ${Object.keys(SPOOL_TYPES).join(' ')}`);
    return undefined;
  }
  let next = 2;
  let fn = kind;
  if (kind === 'reader-or-punch') {
    const f = ops[2] === undefined ? undefined : spool2540Function(ops[2]);
    if (f === undefined) { ctx.error(`2540 must be followed by READER or PUNCH${ops[2] ? `, not '${ops[2]}'` : ''}`); return undefined; }
    fn = f;
    next = 3;
  }
  const spoolFn = fn as SpoolDevice['function'];
  const cls = ops[next];
  if (cls !== undefined && !isSpoolClass(cls, spoolFn)) {
    ctx.error(`spool class '${cls}' is not one of A-Z 0-9${spoolFn === 'reader' ? ' *' : ''}`);
    return undefined;
  }
  extra(ctx, ops, next + 1);
  if (vaddr === undefined) return undefined;
  return { vaddr, devtype, function: spoolFn, spoolClass: cls, line: ctx.line };
}

// --- SPECIAL cuu {3270 | TIMER | CTCA | 270x IBM|TELE} ----------------------------------------------

export function parseSpecialStatement(ctx: StatementContext, ops: string[]): SpecialDevice | undefined {
  const vaddr = take(ctx, parseAddress(ops[0], 'device address'));
  const kind = ops[1];
  if (kind === undefined) { ctx.error('device type missing (3270, TIMER, CTCA, 2701, 2702, 2703)'); return undefined; }
  if (['3270', 'TIMER', 'CTCA'].includes(kind)) {
    extra(ctx, ops, 2);
    return vaddr === undefined ? undefined : { vaddr, kind: kind as SpecialKind, line: ctx.line };
  }
  if (['2701', '2702', '2703'].includes(kind)) {
    const lineType = ops[2];
    if (lineType !== 'IBM' && lineType !== 'TELE') {
      ctx.error(`a ${kind} line needs the terminal type IBM or TELE${lineType ? `, not '${lineType}'` : ''}`);
      return undefined;
    }
    extra(ctx, ops, 3);
    return vaddr === undefined ? undefined : { vaddr, kind: kind as SpecialKind, lineType, line: ctx.line };
  }
  ctx.error(`device type '${kind}' is not one of 3270 TIMER CTCA 2701 2702 2703`);
  return undefined;
}

// --- DEDICATE cuu {rdev | [VOLID] volser} [R/O] [3330V] ---------------------------------------------

export function parseDedicateStatement(ctx: StatementContext, ops: string[]): DedicatedDevice | undefined {
  const vaddr = take(ctx, parseAddress(ops[0], 'virtual device address'));
  let i = 1;
  let real: number | undefined;
  let volser: string | undefined;
  if (ops[1] === undefined) { ctx.error('real device address or volume serial missing'); return undefined; }
  if (ops[1] === 'VOLID') {
    volser = take(ctx, parseVolser(ops[2]));
    i = 3;
  } else if (/^[0-9A-F]{1,3}$/.test(ops[1])) {
    real = parseInt(ops[1], 16);
    i = 2;
  } else {
    // Without VOLID a volume serial must be 4 to 6 characters, or it would read as an address.
    volser = take(ctx, parseVolser(ops[1]));
    i = 2;
  }
  let readOnly = false;
  let mss3330v = false;
  for (; i < ops.length; i++) {
    if (ops[i] === 'R/O' && !readOnly) readOnly = true;
    else if (ops[i] === '3330V' && !mss3330v) mss3330v = true;
    else { extra(ctx, ops, i); break; }
  }
  if (vaddr === undefined || (real === undefined && volser === undefined)) return undefined;
  return { vaddr, real, volser, readOnly, mss3330v, line: ctx.line };
}

// --- LINK userid cuu1 cuu2 [mode] -----------------------------------------------------------------

/** The mode a LINK statement without one gets [mem: R, as for the LINK command to another user]. */
const LINK_DEFAULT_MODE: ModeSpec = { mode: 'R', virtualReserve: false };

export function parseLinkStatement(ctx: StatementContext, ops: string[], self: string): LinkStatement | undefined {
  const owner = ops[0] === '*' ? self : take(ctx, parseUserid(ops[0]));
  const ownerVaddr = take(ctx, parseAddress(ops[1], "owner's device address"));
  const vaddr = take(ctx, parseAddress(ops[2], 'virtual device address'));
  const mode = ops[3] === undefined ? LINK_DEFAULT_MODE : take(ctx, parseMode(ops[3]));
  extra(ctx, ops, 4);
  if (owner === undefined || ownerVaddr === undefined || vaddr === undefined || mode === undefined) return undefined;
  return { owner, ownerVaddr, vaddr, mode, line: ctx.line };
}

// --- MDISK cuu devtype {cylr cyls volser [mode [pr [pw [pm]]]] | T-DISK cyls} -----------------------

/** The mode an MDISK statement without one gets (GC20-1801-10: "it defaults to W"). */
const MDISK_DEFAULT_MODE: ModeSpec = { mode: 'W', virtualReserve: false };

export function parseMdiskStatement(ctx: StatementContext, ops: string[]): Minidisk | undefined {
  const vaddr = take(ctx, parseAddress(ops[0], 'minidisk address'));
  const devtype = ops[1];
  if (devtype === undefined) { ctx.error('device type missing'); return undefined; }
  const dt = dasdType(devtype);
  if (!dt) { ctx.error(`device type '${devtype}' is not a DASD type (2305 2314 2319 3330 3340 3350 3380)`); return undefined; }
  if (ops[2] === 'T-DISK') {
    const cylinders = take(ctx, parseDecimal(ops[3], 'number of cylinders', 4, 1, dt.cylinders));
    extra(ctx, ops, 4);
    if (vaddr === undefined || cylinders === undefined) return undefined;
    return { vaddr, devtype, extent: { kind: 'tdisk', cylinders }, mode: MDISK_DEFAULT_MODE, passwords: {}, line: ctx.line };
  }
  const start = take(ctx, parseDecimal(ops[2], 'start cylinder', 4, 0, 9999));
  const cylinders = take(ctx, parseDecimal(ops[3], 'number of cylinders', 4, 1, 9999));
  const volser = take(ctx, parseVolser(ops[4]));
  const mode = ops[5] === undefined ? MDISK_DEFAULT_MODE : take(ctx, parseMode(ops[5]));
  const passwords: MinidiskPasswords = {};
  const names = ['read', 'write', 'multi'] as const;
  names.forEach((name, i) => {
    const word = ops[6 + i];
    if (word === undefined) return;
    const pw = take(ctx, parsePassword(word, `${name} password`));
    if (pw !== undefined) passwords[name] = pw;
  });
  extra(ctx, ops, 9);
  if (start !== undefined && cylinders !== undefined && start + cylinders > dt.cylinders) {
    ctx.error(`cylinders ${start}-${start + cylinders - 1} are beyond the ${dt.cylinders} cylinders of a ${devtype}`);
    return undefined;
  }
  if (vaddr === undefined || start === undefined || cylinders === undefined || volser === undefined || mode === undefined) return undefined;
  return {
    vaddr, devtype, extent: { kind: 'permanent', startCylinder: start, cylinders, volser }, mode, passwords, line: ctx.line,
  };
}
