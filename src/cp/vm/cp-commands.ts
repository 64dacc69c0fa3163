// CP commands a virtual machine's user or guest can issue (VM/370 CP Command Reference for General
// Users R6): a small, extensible table. DIAGNOSE X'08' and the console in CP mode both come here.
// Other parts of CP add their commands with CpCommandSet.define (LINK, SPOOL, LOGOFF ...).
//
// Abbreviations follow CP's rule: a command may be shortened to any length not below its minimum.
// A handler returns CP's completion code: 0, or the number of the error message it issued (that
// is what DIAGNOSE X'08' returns in Ry and CMS shows as R(nnnnn)).
//
// Messages (R6 formats; the ones marked [mem] are from memory of R6 transcripts, not verified):
//   DMKCFC001E ?CP: cmd                         unknown command (CE capture, same module in R6)
//   DMKCQG045E user NOT LOGGED ON               QUERY of an unknown operand (QUERY userid) [mem]
//   DMKCFS003E INVALID OPTION - xxx             SET of an unknown operand [mem]
//   DMKCSP040E DEV vaddr DOES NOT EXIST         CLOSE [mem]
//   DMKCFC026E OPERAND MISSING OR INVALID       [mem]
//   TIME IS hh:mm:ss zzz weekday mm/dd/yy       QUERY TIME [mem]
//   CONNECT= hh:mm:ss VIRTCPU= mmm:ss.hh TOTCPU= mmm:ss.hh   (reference: a CE logoff line)

import type { VirtualMachine } from './virtual-machine.ts';
import type { ControlProgram, CpUser } from '../control-program.ts';

export type EmsgSetting = 'ON' | 'OFF' | 'CODE' | 'TEXT';

export interface CpCommandContext {
  readonly vm: VirtualMachine;
  /** The whole CP (other users, spool, operator), when the machine runs under one; absent for a lone machine. */
  readonly cp?: ControlProgram;
  /** The logged-on user issuing the command (directory entry, terminal, settings), when under a CP. */
  readonly user?: CpUser;
  /** The issuer's privilege classes (A-G), e.g. 'G' or 'ABCDEFG'. */
  readonly classes: string;
  /** The command line as typed, after the command word (case kept: MSG text, STORE ...). */
  readonly rest: string;
  /** True when the command came from the guest through DIAGNOSE X'08'. */
  readonly fromDiagnose: boolean;
  /** Writes a response line (to the terminal, or to the DIAGNOSE X'08' response buffer). */
  reply(line: string): void;
  /** Issues an error message as SET EMSG says; returns its number (the completion code). */
  error(id: string, text: string): number;
}

export type CpCommandHandler = (ctx: CpCommandContext, operands: string[]) => number;

export interface CpCommandDefinition {
  name: string;
  /** The shortest abbreviation accepted. */
  minimum: number;
  /**
   * True for commands that leave the machine in CP READ on purpose (SYSTEM, DEFINE, IPL STOP, SLEEP
   * ...): SET RUN ON does not resume the machine after them.
   */
  staysInCp?: boolean;
  /**
   * Privilege classes that may issue it (any one suffices): 'G', 'ABCDEFG', 'A' ...; '*' for any
   * user, also before LOGON. Default 'G'. A user without the class is told the command is unknown,
   * as CP's command table search skips commands outside the user's classes (DMKCFM).
   */
  classes?: string;
  handler: CpCommandHandler;
}

/**
 * An operand of QUERY or SET (QUERY NAMES, SET MSG ...): each part of CP adds its own with
 * defineQuery / defineSet. The handler gets the operands after the operand word.
 */
export interface CpOperandDefinition {
  name: string;
  minimum: number;
  classes?: string;
  handler: CpCommandHandler;
}

/** True when a user with `have` classes may use something for `need` classes. */
export function hasClass(have: string, need: string | undefined): boolean {
  const want = need ?? 'G';
  if (want === '*') return true;
  for (const c of want) if (have.includes(c)) return true;
  return false;
}

/** What a message looks like under SET EMSG: the 10-character code, the text, both or neither. */
export function editMessage(setting: EmsgSetting, id: string, text: string): string | null {
  switch (setting) {
    case 'ON':
      return `${id} ${text}`;
    case 'TEXT':
      return text;
    case 'CODE':
      return id;
    default:
      return null;
  }
}

export class CpCommandSet {
  private readonly commands: CpCommandDefinition[] = [];
  /** QUERY operands: the built-in ones (TIME, VIRTUAL, USERID), then those the parts of CP add. */
  readonly queries: CpOperandDefinition[] = [];
  /** SET operands: the built-in EMSG, then those the parts of CP add. */
  readonly settings: CpOperandDefinition[] = [];
  /**
   * Called with every line the user enters before it is run (SLEEP ends when the user presses
   * ENTER). One table serves one virtual machine, so this is that machine's state, not global.
   */
  onInput: ((line: string) => void) | null = null;

  constructor(definitions: readonly CpCommandDefinition[] = STANDARD_COMMANDS) {
    for (const d of definitions) this.define(d);
    for (const q of STANDARD_QUERIES) this.defineQuery(q);
    for (const s of STANDARD_SETTINGS) this.defineSet(s);
  }

  /** Adds or replaces a command. */
  define(definition: CpCommandDefinition): void {
    replaceOrAdd(this.commands, definition);
  }

  /** Adds or replaces a QUERY operand. */
  defineQuery(definition: CpOperandDefinition): void {
    replaceOrAdd(this.queries, definition);
  }

  /** Adds or replaces a SET operand. */
  defineSet(definition: CpOperandDefinition): void {
    replaceOrAdd(this.settings, definition);
  }

  /** The command a word names for a user with `classes` (default: any class). */
  find(word: string, classes?: string): CpCommandDefinition | undefined {
    return findByAbbreviation(this.commands, word, classes);
  }

  /** Every command, for HELP-like listings and tests. */
  list(): readonly CpCommandDefinition[] {
    return this.commands;
  }

  /**
   * Runs one command line. Returns the completion code. An unknown command gives code 1; its
   * message is shown only when the command was typed (CMS reports unknown commands it passed to
   * CP itself, as UNKNOWN CP/CMS COMMAND).
   */
  execute(
    vm: VirtualMachine,
    line: string,
    reply: (line: string) => void,
    fromDiagnose: boolean,
    issuer: { cp?: ControlProgram; user?: CpUser; classes?: string } = {},
  ): number {
    if (!fromDiagnose && this.onInput !== null) this.onInput(line);
    const trimmed = line.trim();
    const words = trimmed.split(/\s+/).filter((w) => w.length > 0);
    // An empty line, and a comment ('*' in column one of the command: CP ignores the line).
    if (words.length === 0 || trimmed.startsWith('*')) return 0;
    const classes = issuer.classes ?? 'ABCDEFG';
    const ctx: CpCommandContext = {
      vm,
      cp: issuer.cp,
      user: issuer.user,
      classes,
      rest: trimmed.slice(words[0]!.length).trim(),
      fromDiagnose,
      reply,
      error: (id, text) => {
        const edited = editMessage(vm.emsg, id, text);
        if (edited !== null) reply(edited);
        return Number(id.slice(6, 9)) || 1;
      },
    };
    const name = words[0]!.toUpperCase();
    const command = this.find(name, classes);
    if (command === undefined) {
      if (fromDiagnose) return 1;
      return ctx.error('DMKCFC001E', `?CP: ${name}`);
    }
    // SET RUN ON: a command typed in CP READ (after PA1 or an attention) lets the machine run on
    // once CP has done it (VM/370 CP Command Reference, SET RUN).
    // A machine stopped by a disabled wait or a check stop would only stop again at once.
    const stuck = vm.cpu.checkstopped || (vm.cpu.waitState && vm.cpu.sysMask === 0);
    const resume = !fromDiagnose && issuer.user?.run === true && vm.state === 'cp-read' && command.staysInCp !== true && !stuck;
    const code = command.handler(ctx, words.slice(1).map((w) => w.toUpperCase()));
    if (resume && issuer.user?.run === true && vm.state === 'cp-read' && issuer.user.logoffRequested !== true) {
      vm.state = 'running';
      vm.console?.terminal.status?.('RUNNING');
    }
    return code;
  }
}

function replaceOrAdd<T extends { name: string }>(list: T[], definition: T): void {
  const at = list.findIndex((c) => c.name === definition.name);
  if (at >= 0) list[at] = definition;
  else list.push(definition);
}

/** CP's abbreviation rule: any truncation not shorter than the minimum; first match in table order. */
export function findByAbbreviation<T extends { name: string; minimum: number; classes?: string }>(
  list: readonly T[],
  word: string,
  classes?: string,
): T | undefined {
  const w = word.toUpperCase();
  return list.find((c) => w.length >= c.minimum && c.name.startsWith(w) && (classes === undefined || hasClass(classes, c.classes)));
}

// -------------------------------------------------------------------------------------------------
// QUERY and SET: the general-user operands the virtual machine itself can answer.

const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];

const two = (n: number) => String(n).padStart(2, '0');

/** hh:mm:ss of a duration in microseconds. */
function clock(micros: number): string {
  const s = Math.floor(micros / 1_000_000);
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

/** mmm:ss.hh of a CPU time in microseconds. */
function cpuTime(micros: number): string {
  const hundredths = Math.floor(micros / 10_000);
  const s = Math.floor(hundredths / 100);
  return `${String(Math.floor(s / 60)).padStart(3, '0')}:${two(s % 60)}.${two(hundredths % 100)}`;
}

function queryTime(ctx: CpCommandContext): number {
  const vm = ctx.vm;
  const t = vm.localTime();
  const date = `${two(t.getUTCMonth() + 1)}/${two(t.getUTCDate())}/${two(t.getUTCFullYear() % 100)}`;
  const time = `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())}`;
  ctx.reply(`TIME IS ${time} ${vm.timeZone.name} ${WEEKDAYS[t.getUTCDay()]} ${date}`);
  ctx.reply(`CONNECT= ${clock(vm.connectMicros())} VIRTCPU= ${cpuTime(vm.virtualCpuMicros())} TOTCPU= ${cpuTime(vm.totalCpuMicros())}`);
  return 0;
}

/**
 * QUERY VIRTUAL [ALL | STORAGE | CONSOLE | UR | READER | PUNCH | PRINTER | DASD | TAPES | GRAF |
 * LINES | CTCA | vaddr]: the machine's storage and devices, one line per device as R6 lays them out.
 * A class of device the machine has none of gets 'NO xxx' [mem].
 */
function queryVirtual(ctx: CpCommandContext, operands: string[]): number {
  const vm = ctx.vm;
  const what = operands[0];
  const devices = vm.io.list();
  const storage = () => ctx.reply(`STORAGE = ${String(vm.storageSize >>> 10).padStart(5, '0')}K`);
  if (operands.length > 1) return ctx.error('DMKCQG003E', `INVALID OPTION - ${operands[1]}`);
  if (what === undefined || what === 'ALL') {
    storage();
    for (const d of devices) ctx.reply(d.describe());
    return 0;
  }
  if ('STORAGE'.startsWith(what) && what.length >= 4) {
    storage();
    return 0;
  }
  const group = VIRTUAL_CLASSES.find((c) => c.words.some(([word, minimum]) => word.startsWith(what) && what.length >= minimum));
  if (group !== undefined) {
    const chosen = devices.filter((d) => group.matches(d.kind, d.describe()));
    if (chosen.length === 0) ctx.reply(`NO ${group.none}`);
    for (const d of chosen) ctx.reply(d.describe());
    return 0;
  }
  if (/^[0-9A-F]{1,3}$/.test(what)) {
    const d = vm.io.entry(parseInt(what, 16));
    if (d === undefined) return ctx.error('DMKCQG040E', `DEV ${what.padStart(3, '0')} DOES NOT EXIST`);
    ctx.reply(d.describe());
    return 0;
  }
  return ctx.error('DMKCQG003E', `INVALID OPTION - ${what}`);
}

/** QUERY VIRTUAL's device classes: the operand words (with minimum lengths) and what they select. */
const VIRTUAL_CLASSES: ReadonlyArray<{ words: Array<[string, number]>; none: string; matches(kind: string, line: string): boolean }> = [
  { words: [['CONSOLE', 3], ['CONS', 4]], none: 'CONSOLE', matches: (k) => k === 'console' },
  { words: [['UR', 2]], none: 'UR', matches: (k) => k === 'reader' || k === 'punch' || k === 'printer' },
  { words: [['READER', 1], ['RDR', 3]], none: 'READER', matches: (k) => k === 'reader' },
  { words: [['PUNCH', 2], ['PUN', 3], ['PCH', 3]], none: 'PUNCH', matches: (k) => k === 'punch' },
  { words: [['PRINTER', 2], ['PRT', 3]], none: 'PRINTER', matches: (k) => k === 'printer' },
  { words: [['DASD', 2]], none: 'DASD', matches: (k) => k === 'dasd' },
  { words: [['TAPES', 2]], none: 'TAPES', matches: (k, line) => k === 'other' && line.startsWith('TAPE') },
  { words: [['GRAF', 2]], none: 'GRAF', matches: (k, line) => k === 'other' && line.startsWith('GRAF') },
  { words: [['LINES', 5]], none: 'LINES', matches: (k, line) => k === 'other' && line.startsWith('LINE') },
  { words: [['CTCA', 4]], none: 'CTCA', matches: (k, line) => k === 'other' && line.startsWith('CTCA') },
];

/**
 * QUERY: the operand is looked up among the QUERY operands the user's classes allow, in table
 * order; a word that names none of them is taken as a user id (QUERY userid).
 */
function query(ctx: CpCommandContext, operands: string[]): number {
  const what = operands[0];
  if (what === undefined) return ctx.error('DMKCQG026E', 'OPERAND MISSING OR INVALID');
  const operand = findByAbbreviation(ctx.vm.commands.queries, what, ctx.classes);
  if (operand !== undefined) return operand.handler(ctx, operands.slice(1));
  return queryUser(ctx, what);
}

/** The terminal column of QUERY NAMES / QUERY userid: the terminal's address, SYSC or DSC. */
export function terminalName(user: CpUser): string {
  const terminal = user.terminal;
  if (terminal === null) return 'DSC';
  if (terminal.address === null) return 'SYSC';
  return terminal.address.toString(16).toUpperCase().padStart(3, '0');
}

/**
 * QUERY userid: 'userid - cuu' for a user logged on at a terminal, 'userid - DSC' for a
 * disconnected one (R6 layout [mem]); otherwise DMKCQG045E. A lone machine knows only itself.
 */
export function queryUser(ctx: CpCommandContext, what: string): number {
  const userid = what.toUpperCase();
  if (ctx.cp !== undefined) {
    const user = ctx.cp.user(userid);
    if (user === undefined) return ctx.error('DMKCQG045E', `${userid} NOT LOGGED ON`);
    ctx.reply(`${user.userid} - ${terminalName(user)}`);
    return 0;
  }
  if (userid === ctx.vm.userid) {
    ctx.reply(`${ctx.vm.userid} - DSC`);
    return 0;
  }
  return ctx.error('DMKCQG045E', `${userid} NOT LOGGED ON`);
}

/** SET: the operand among the SET operands the user's classes allow; any other is refused. */
function set(ctx: CpCommandContext, operands: string[]): number {
  const what = operands[0];
  if (what === undefined) return ctx.error('DMKCFS026E', 'OPERAND MISSING OR INVALID');
  const operand = findByAbbreviation(ctx.vm.commands.settings, what, ctx.classes);
  if (operand !== undefined) return operand.handler(ctx, operands.slice(1));
  if (ctx.cp === undefined) {
    // A lone machine (no CP behind it) records what it cannot honour (SET PF12 RETRIEVE from a
    // PROFILE EXEC), so that a guest's SETs do not fail there.
    ctx.vm.settings.set(what, ctx.rest.replace(/^\S+\s*/, ''));
    return 0;
  }
  return ctx.error('DMKCFS003E', `INVALID OPTION - ${what}`);
}

/** SET EMSG ON | OFF | CODE | TEXT: how CP shows error messages (code, text, both or neither). */
function setEmsg(ctx: CpCommandContext, operands: string[]): number {
  const value = operands[0];
  if (value !== 'ON' && value !== 'OFF' && value !== 'CODE' && value !== 'TEXT') return ctx.error('DMKCFS026E', 'OPERAND MISSING OR INVALID');
  if (operands.length > 1) return ctx.error('DMKCFS003E', `INVALID OPTION - ${operands[1]}`);
  ctx.vm.emsg = value;
  return 0;
}

/** QUERY SET of a lone machine: its EMSG setting (under CP the user commands answer in full). */
function querySetLone(ctx: CpCommandContext): number {
  ctx.reply(`EMSG ${ctx.vm.emsg}`);
  return 0;
}

function queryUserid(ctx: CpCommandContext): number {
  ctx.reply(`${ctx.vm.userid} AT ${ctx.vm.systemId}`);
  return 0;
}

/** The QUERY operands a lone virtual machine answers by itself (QRYLIST minimum abbreviations). */
export const STANDARD_QUERIES: readonly CpOperandDefinition[] = Object.freeze([
  { name: 'VIRTUAL', minimum: 1, classes: 'G', handler: queryVirtual },
  { name: 'TIME', minimum: 1, classes: 'G', handler: queryTime },
  { name: 'USERID', minimum: 5, classes: 'G', handler: queryUserid },
  { name: 'SET', minimum: 1, classes: 'G', handler: querySetLone },
]);

/** The SET operands a lone virtual machine honours by itself. */
export const STANDARD_SETTINGS: readonly CpOperandDefinition[] = Object.freeze([
  { name: 'EMSG', minimum: 4, classes: 'G', handler: setEmsg },
]);

/**
 * CLOSE vaddr | READER | PUNCH | PRINTER: the punch's or printer's records become a spool file, and
 * CP says where it went (R6: 'PRT FILE nnnn TO userid COPY 01 NOHOLD'); a reader's current file is
 * given up. Other CLOSE operands (NAME, HOLD, PURGE ...) belong to the spool manager.
 */
function close(ctx: CpCommandContext, operands: string[]): number {
  const what = operands[0];
  if (what === undefined) return ctx.error('DMKCSP022E', 'VADDR MISSING OR INVALID');
  const names: Record<string, string> = { READER: 'reader', RDR: 'reader', PUNCH: 'punch', PUN: 'punch', PRINTER: 'printer', PRT: 'printer' };
  const vm = ctx.vm;
  const entry = names[what] !== undefined
    ? vm.io.list().find((d) => d.kind === names[what])
    : /^[0-9A-F]{1,3}$/.test(what) ? vm.io.entry(parseInt(what, 16)) : undefined;
  if (entry === undefined) return ctx.error('DMKCSP040E', `DEV ${what} DOES NOT EXIST`);
  if (entry.kind === 'reader') {
    // The reader's current file is given up (NOHOLD: gone) or kept for a later read (HOLD).
    const option = operands[1];
    vm.reader?.close(option === 'HOLD' ? 'HOLD' : option === 'NOHOLD' ? 'NOHOLD' : undefined);
    return 0;
  }
  const device = entry.kind === 'punch' ? vm.punch : entry.kind === 'printer' ? vm.printer : null;
  if (device === null || device === undefined || entry.device !== device) return ctx.error('DMKCSP022E', 'VADDR MISSING OR INVALID');
  const before = vm.spoolFiles.length;
  device.close();
  if (vm.spoolFiles.length > before) {
    const id = String(vm.spoolFiles.length).padStart(4, '0');
    ctx.reply(`${entry.kind === 'punch' ? 'PUN' : 'PRT'} FILE ${id} TO ${vm.userid} COPY 01 NOHOLD`);
  }
  return 0;
}

export const STANDARD_COMMANDS: readonly CpCommandDefinition[] = Object.freeze([
  { name: 'QUERY', minimum: 1, classes: '*', handler: query },
  { name: 'SET', minimum: 3, classes: '*', handler: set },
  { name: 'CLOSE', minimum: 1, handler: close },
]);
