// USER DIRECT → Directory. The rules of the Directory program (GC20-1801-10): only columns 1-71 are
// inspected (72-80 hold sequence numbers); operands are blank-delimited; blank lines and lines whose
// first operand starts with * are comments; DIRECTORY must be the first statement and occurs once;
// every other statement belongs to the USER statement before it. There are no continuation lines:
// a user whose options do not fit writes several OPTION statements. Input is translated to upper
// case, as CP and CMS EDIT (CASE U) would have it.
//
// Like DMKDIR, the parser checks every statement before it gives up, so one run reports all errors.

import {
  applyOptionStatement, parseAccountStatement, parseConsoleStatement, parseDedicateStatement, parseDirectoryStatement,
  parseIplStatement, parseLinkStatement, parseMdiskStatement, parseSpecialStatement, parseSpoolStatement,
  parseUserStatement, type StatementContext,
} from './statements.ts';
import { emptyOptions, type Diagnostic, type Directory, type DirectoryLocation, type UserEntry, type VolumeInfo } from './types.ts';
import { validateDirectory } from './validate.ts';
import { isAbbrev } from './values.ts';

export interface ParseOptions {
  /** Real volumes by volser: MDISK extents are checked against them (see validate.ts). */
  volumes?: readonly VolumeInfo[];
}

export interface ParseResult {
  /** The directory; undefined only when there is no usable DIRECTORY statement. */
  directory?: Directory;
  diagnostics: Diagnostic[];
  /** True when there is a directory and no diagnostic is an error. */
  ok: boolean;
}

/** Only these columns of a card are read. */
export const INSPECTED_COLUMNS = 71;

type StatementName =
  | 'DIRECTORY' | 'USER' | 'ACCOUNT' | 'OPTION' | 'IPL' | 'CONSOLE' | 'SPOOL' | 'SPECIAL' | 'DEDICATE' | 'LINK' | 'MDISK';

/**
 * Statement keywords with their shortest abbreviation. DIRectory is from the R6 format box; the
 * others follow the same capitalisation convention [mem: Ipl, Console, Mdisk, Dedicate are in the
 * format boxes; SPOOL/SPECIAL share S, so SPECIAL needs SPE].
 */
const KEYWORDS: ReadonlyArray<readonly [StatementName, number]> = [
  ['DIRECTORY', 3], ['USER', 1], ['ACCOUNT', 1], ['OPTION', 1], ['IPL', 1], ['CONSOLE', 1], ['SPOOL', 1],
  ['SPECIAL', 3], ['DEDICATE', 1], ['LINK', 1], ['MDISK', 1],
];

/** Statements that define devices; ACCOUNT, OPTION and IPL must come before the first of them. */
const DEVICE_STATEMENTS: ReadonlySet<StatementName> = new Set(['CONSOLE', 'SPOOL', 'SPECIAL', 'DEDICATE', 'LINK', 'MDISK']);

export function statementKeyword(word: string): StatementName | undefined {
  return KEYWORDS.find(([kw, min]) => isAbbrev(word, kw, min))?.[0];
}

/** The operands of one card: columns 1-71, upper case, split at blanks (tabs count as blanks). */
export function tokenize(card: string): string[] {
  const text = card.replace(/\r$/, '').slice(0, INSPECTED_COLUMNS).replace(/\t/g, ' ').toUpperCase();
  return text.split(' ').filter((t) => t !== '');
}

export function parseUserDirect(text: string, options: ParseOptions = {}): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();

  let location: DirectoryLocation | undefined;
  let sawDirectory = false;
  let sawStatement = false;
  let firstLine = 1;
  const users: UserEntry[] = [];
  let user: UserEntry | undefined;
  let userSkipped = false; // the current USER statement was bad: its statements are checked but not kept
  let devicesStarted = false;

  lines.forEach((card, index) => {
    const line = index + 1;
    const tokens = tokenize(card);
    if (tokens.length === 0 || tokens[0]!.startsWith('*')) return;
    const word = tokens[0]!;
    const ops = tokens.slice(1);
    const name = statementKeyword(word);
    const ctx: StatementContext = {
      line,
      statement: name ?? word,
      error: (message) => diagnostics.push({ line, severity: 'error', statement: name ?? word, message }),
      warning: (message) => diagnostics.push({ line, severity: 'warning', statement: name ?? word, message }),
    };
    if (name === undefined) {
      ctx.error(`unknown statement '${word}' (DIRECTORY USER ACCOUNT OPTION IPL CONSOLE SPOOL SPECIAL DEDICATE LINK MDISK)`);
      if (!sawStatement) firstLine = line;
      sawStatement = true;
      return;
    }
    if (name === 'DIRECTORY') {
      if (sawDirectory) ctx.error('a second DIRECTORY statement; there must be exactly one, the first statement');
      else if (sawStatement) ctx.error('DIRECTORY must be the first statement');
      else location = parseDirectoryStatement(ctx, ops);
      sawDirectory = true;
      sawStatement = true;
      return;
    }
    if (!sawStatement) firstLine = line;
    sawStatement = true;
    if (name === 'USER') {
      user = parseUserStatement(ctx, ops);
      userSkipped = user === undefined;
      if (user) users.push(user);
      devicesStarted = false;
      return;
    }
    if (user === undefined && !userSkipped) {
      ctx.error(`${name} must follow a USER statement`);
      return;
    }
    if (DEVICE_STATEMENTS.has(name)) devicesStarted = true;
    else if (devicesStarted) ctx.warning(`${name} should come before the first device statement of the user`);
    // After a USER statement in error the statements are still checked, against a scratch entry.
    applyStatement(name, ctx, ops, user ?? scratchUser(line));
  });

  if (!sawDirectory) {
    diagnostics.push({
      line: firstLine, severity: 'error', statement: 'DIRECTORY',
      message: 'the first statement must be DIRECTORY cuu devtype volser',
    });
  }
  const directory = location ? { location, users } : undefined;
  if (directory) diagnostics.push(...validateDirectory(directory, options.volumes));
  diagnostics.sort((a, b) => a.line - b.line);
  return { directory, diagnostics, ok: directory !== undefined && !diagnostics.some((d) => d.severity === 'error') };
}

function applyStatement(name: StatementName, ctx: StatementContext, ops: string[], user: UserEntry): void {
  switch (name) {
    case 'ACCOUNT': {
      if (user.account) { ctx.error(`a second ACCOUNT statement for ${user.userid} (the first is on line ${user.account.line})`); return; }
      user.account = parseAccountStatement(ctx, ops);
      return;
    }
    case 'OPTION':
      applyOptionStatement(ctx, ops, user.options);
      return;
    case 'IPL': {
      if (user.ipl) { ctx.error(`a second IPL statement for ${user.userid} (the first is on line ${user.ipl.line})`); return; }
      user.ipl = parseIplStatement(ctx, ops);
      return;
    }
    case 'CONSOLE': {
      if (user.console) { ctx.error(`only one CONSOLE may be specified (the first is on line ${user.console.line})`); return; }
      user.console = parseConsoleStatement(ctx, ops);
      return;
    }
    case 'SPOOL': push(user.spool, parseSpoolStatement(ctx, ops)); return;
    case 'SPECIAL': push(user.special, parseSpecialStatement(ctx, ops)); return;
    case 'DEDICATE': push(user.dedicate, parseDedicateStatement(ctx, ops)); return;
    case 'LINK': push(user.links, parseLinkStatement(ctx, ops, user.userid)); return;
    case 'MDISK': push(user.mdisks, parseMdiskStatement(ctx, ops)); return;
    default:
      return;
  }
}

function scratchUser(line: number): UserEntry {
  return {
    userid: '*', password: '', classes: [], lineEditing: {}, options: emptyOptions(), spool: [], special: [], dedicate: [],
    links: [], mdisks: [], line,
  };
}

function push<T>(list: T[], item: T | undefined): void {
  if (item !== undefined) list.push(item);
}
