// HELP in our CMS (cms/nucleus/dmshlp): the help files of cms/help on MAINT's 19D (written by
// src/cms/disks.ts as the system creation writes them), typed by HELP as IBM's R6 19D lays them
// out: 'name HELPCMD' for a CP or CMS command, 'name HELPCMD2' for its usage notes and responses.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CMS_ROOT, type CmsBuild } from '../../src/cms/build.ts';
import { helpFiles } from '../../src/cms/disks.ts';
import { COMMAND_GROUPS } from '../../src/cp/commands/index.ts';
import { STANDARD_COMMANDS } from '../../src/cp/vm/cp-commands.ts';
import { readFile } from '../../src/cp/cmsdisk/index.ts';
import { fromEbcdic } from '../../src/ebcdic/index.ts';
import { r6Image } from '../cp/vm/r6-fixture.ts';
import { buildOurCms, READY } from './helpers.ts';
import { helpUser, HELP_NUCLEUS, type HelpUser } from './help-harness.ts';

/** The lines of a help source as HELP types them (trailing blanks off). */
function source(name: string): string[] {
  const text = readFileSync(join(CMS_ROOT, 'help', name), 'utf8');
  const lines = text.split('\n').map((l) => l.trimEnd());
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/** The help files there are, as 'NAME HELPCMD'. */
const FILES = new Set(helpFiles().map((f) => f.fileId.split(' ').slice(0, 2).join(' ')));

/** Names in the nucleus command table: DC CL8'NAME',V(ENTRY) lines of dmsits and the *CMDS members. */
function cmsCommandTable(): string[] {
  const nucleus = join(CMS_ROOT, 'nucleus');
  const names: string[] = [];
  for (const file of readdirSync(nucleus).filter((f) => f.endsWith('CMDS.copy') || f === 'dmsits.assemble')) {
    for (const m of readFileSync(join(nucleus, file), 'utf8').matchAll(/^\s+DC\s+CL8'([^']+)',V\(\w+\)/gm)) names.push(m[1]!.trim());
  }
  return [...new Set(names)];
}

/**
 * Entries of the command table that are not commands a user types: the SVC 202 functions behind
 * the WRTERM, RDTERM, FSREAD and FSWRITE macros, ACC (an abbreviation R6 PROFILE EXECs use), and
 * the nucleus's own hooks, whose names hold a '$' no typed command has ($MODULE$).
 */
const NOT_COMMANDS = new Set(['TYPLIN', 'WAITRD', 'RDBUF', 'WRBUF', 'ACC', 'CARDRD', 'RDCARD', 'CARDPH', 'PRINTR']);
const isCommand = (name: string): boolean => !NOT_COMMANDS.has(name) && !name.includes('$');

/** The commands issue 8 asks of our CMS (some are still being written by other parts). */
const CMS_COMMANDS = [
  'ACCESS', 'RELEASE', 'FORMAT', 'QUERY', 'SET', 'LISTFILE', 'TYPE', 'COPYFILE', 'RENAME', 'ERASE', 'STATE', 'STATEW',
  'EXEC', 'CP', 'READCARD', 'PUNCH', 'PRINT', 'DISK', 'EDIT', 'ASSEMBLE', 'LOAD', 'INCLUDE', 'START', 'GENMOD',
  'LOADMOD', 'GLOBAL', 'FILEDEF', 'HELP', 'SYNONYM', 'HX', 'HT', 'RT',
];

/** A CP command whose name is also a CMS command has its help under another name (R6 19D's way). */
const CP_HELP_NAME: Record<string, string> = { QUERY: 'CPQUERY', SET: 'CPSET', START: 'CPSTART' };

describe('the help files (cms/help)', () => {
  it('every command of the CMS command table has a help file', () => {
    const missing = cmsCommandTable().filter((n) => isCommand(n) && !FILES.has(`${n} HELPCMD`));
    expect(missing).toEqual([]);
  });

  it('every CMS command of the issue, and the immediate commands, has a help file', () => {
    expect(CMS_COMMANDS.filter((n) => !FILES.has(`${n} HELPCMD`))).toEqual([]);
  });

  it('every CP command has a help file (QUERY, SET and START of CP as CPQUERY, CPSET, CPSTART)', () => {
    const names = new Set<string>(['LOGON', 'LOGIN']);
    for (const c of STANDARD_COMMANDS) names.add(c.name);
    for (const g of COMMAND_GROUPS) for (const c of g.commands ?? []) names.add(c.name);
    const missing = [...names].map((n) => CP_HELP_NAME[n] ?? n).filter((n) => !FILES.has(`${n} HELPCMD`));
    expect(missing).toEqual([]);
    expect(names.size).toBeGreaterThan(30);
  });

  it('a HELPCMD2 file belongs to a HELPCMD file', () => {
    const orphans = [...FILES].filter((id) => id.endsWith(' HELPCMD2') && !FILES.has(id.replace(/2$/, '')));
    expect(orphans).toEqual([]);
  });

  it('the command lists name only commands that have help files', () => {
    for (const list of ['cmscmds.helpcmd', 'cpcmds.helpcmd']) {
      const named = source(list).map((l) => /^([A-Z]{2,8}) {2,}/.exec(l)?.[1]).filter((n): n is string => n !== undefined);
      expect(named.length, list).toBeGreaterThan(25);
      const cp = list.startsWith('cp');
      expect(named.filter((n) => !FILES.has(`${(cp ? CP_HELP_NAME[n] : undefined) ?? n} HELPCMD`)), list).toEqual([]);
    }
  });

  it('a help file starts with a title line, the kind of command right-aligned to column 79', () => {
    const names = readdirSync(join(CMS_ROOT, 'help')).filter((n) => n.endsWith('.helpcmd'));
    expect(names.length).toBeGreaterThan(60);
    for (const name of names) {
      const first = source(name)[0]!;
      expect(first.length, name).toBe(79);
      expect(first, name).toMatch(/^[A-Z][A-Z ]* {2,}\S.*(command|help|commands)( \(.*\))?$/);
    }
  });

  it('help lines are at most 79 characters (a 3270 line)', () => {
    const long = helpFiles().filter((f) => f.records.some((r) => r.length > 79)).map((f) => f.fileId);
    expect(long).toEqual([]);
  });
});

describe('HELP on a CMS user with MAINT 19D linked', () => {
  let build: CmsBuild;
  let user: HelpUser;

  /** A command's lines up to its Ready message (which must be R; or R(nnnnn);). */
  const run = (command: string): { lines: string[]; ready: string } => {
    const out = user.session.type(command).map((l) => l.trimEnd());
    const ready = out.at(-1) ?? '';
    expect(ready, `${command}: ${out.join(' | ')}`).toMatch(READY);
    const lines = out.slice(0, -1);
    return { lines, ready };
  };
  /** TYPE types a blank line before a file: the files' lines without those blank lines. */
  const typed = (lines: string[]): string[] => lines.filter((l, i) => !(l === '' && (i === 0 || lines[i - 1] === undefined)));

  beforeAll(() => {
    build = buildOurCms(HELP_NUCLEUS);
    user = helpUser(build);
  });
  afterAll(() => user.close());

  it('IPL does not access 19D: the search order is A and S (190, the MODULE files)', () => {
    expect(run('QUERY SEARCH').lines).toEqual(['USR191 191  A   R/W', 'MNT190 190  S   R/O']);
  });

  it('HELP with no operand types the help menu, and 19D is accessed as U for it', () => {
    const { lines, ready } = run('HELP');
    expect(typed(lines)).toEqual(source('menu.helpcmd'));
    expect(ready).toMatch(/^R; /);
    expect(run('QUERY SEARCH').lines).toEqual(['USR191 191  A   R/W', 'MNT190 190  S   R/O', 'MNT19D 19D  U   R/O']);
  });

  it('HELP TYPE types TYPE HELPCMD', () => {
    expect(typed(run('HELP TYPE').lines)).toEqual(source('type.helpcmd'));
  });

  it('HELP LISTFILE types LISTFILE HELPCMD and says that there is more', () => {
    expect(typed(run('HELP LISTFILE').lines)).toEqual([...source('listfile.helpcmd'), 'More help: HELP LISTFILE (MORE']);
  });

  it('HELP LISTFILE (MORE types only LISTFILE HELPCMD2', () => {
    expect(typed(run('HELP LISTFILE (MORE').lines)).toEqual(source('listfile.helpcmd2'));
  });

  it('HELP ACCESS ( ALL ) types both files', () => {
    const lines = run('HELP ACCESS ( ALL )').lines;
    expect(lines.filter((l) => l !== '')).toEqual([...source('access.helpcmd'), ...source('access.helpcmd2')].filter((l) => l !== ''));
  });

  it('HELP of a CP command types its help: HELP LINK, HELP CPQUERY', () => {
    expect(typed(run('HELP LINK').lines)).toEqual([...source('link.helpcmd'), 'More help: HELP LINK (MORE']);
    expect(typed(run('HELP CPQUERY').lines)[0]).toMatch(/^QUERY +CP command \(class G\)$/);
  });

  it('HELP of a name with no help file: DMSHLP001E, return code 28', () => {
    const out = user.session.type('HELP NOSUCH');
    expect(out[0]).toBe("DMSHLP001E NO HELP AVAILABLE FOR 'NOSUCH'");
    expect(out.at(-1)).toMatch(/^R\(00028\); /);
  });

  it('a name with a pattern character is no topic: HELP * and HELP L% give DMSHLP001E', () => {
    expect(user.session.type('HELP *')[0]).toBe("DMSHLP001E NO HELP AVAILABLE FOR '*'");
    expect(user.session.type('HELP L%')[0]).toBe("DMSHLP001E NO HELP AVAILABLE FOR 'L%'");
  });

  it('HELP TYPE (MORE when TYPE has no HELPCMD2: DMSHLP002E, return code 28', () => {
    const out = user.session.type('HELP TYPE (MORE');
    expect(out[0]).toBe("DMSHLP002E NO MORE HELP AVAILABLE FOR 'TYPE'");
    expect(out.at(-1)).toMatch(/^R\(00028\); /);
  });

  it('an unknown option: DMSHLP003E, return code 24', () => {
    const out = user.session.type('HELP TYPE (SHORT');
    expect(out[0]).toBe("DMSHLP003E INVALID OPTION 'SHORT'");
    expect(out.at(-1)).toMatch(/^R\(00024\); /);
  });

  it('a second operand: DMSHLP070E, return code 24', () => {
    const out = user.session.type('HELP TYPE LISTFILE');
    expect(out[0]).toBe("DMSHLP070E INVALID PARAMETER 'LISTFILE'");
    expect(out.at(-1)).toMatch(/^R\(00024\); /);
  });
});

describe('HELP and the disks it finds', () => {
  let build: CmsBuild;
  beforeAll(() => {
    build = buildOurCms(HELP_NUCLEUS);
  });

  it('19D accessed by the user as D: HELP reads it there and accesses nothing', () => {
    const user = helpUser(build);
    try {
      const access = user.session.type('ACCESS 19D D');
      expect(access.at(-1)).toMatch(READY);
      const out = user.session.type('HELP ERASE');
      expect(out.at(-1)).toMatch(/^R; /);
      expect(out.filter((l) => l.trim() !== '').slice(0, -1)).toEqual(source('erase.helpcmd').filter((l) => l !== ''));
      expect(user.session.type('QUERY SEARCH').slice(0, -1)).toEqual(['USR191 191  A   R/W', 'MNT19D 19D  D   R/O', 'MNT190 190  S   R/O']);
    } finally {
      user.close();
    }
  });

  it('a user without 19D: DMSHLP001E for every topic, the menu too', () => {
    const user = helpUser(build, { help: false });
    try {
      const out = user.session.type('HELP');
      expect(out[0]).toBe("DMSHLP001E NO HELP AVAILABLE FOR 'MENU'");
      expect(out.at(-1)).toMatch(/^R\(00028\); /);
      expect(user.session.type('QUERY SEARCH').slice(0, -1)).toEqual(['USR191 191  A   R/W', 'MNT190 190  S   R/O']);
    } finally {
      user.close();
    }
  });
});

describe("HELP on IBM's R6 19D (MAINT's help disk of the R6 material)", () => {
  it('HELP ACCESS types R6 ACCESS HELPCMD, and (MORE its HELPCMD2: the same file layout', () => {
    const image = r6Image('maint-19d');
    const user = helpUser(buildOurCms(HELP_NUCLEUS), { helpImage: image });
    try {
      const expected = (id: string) => readFile(image, id).records.map((r) => fromEbcdic(r).trimEnd());
      const brief = user.session.type('HELP ACCESS').map((l) => l.trimEnd());
      expect(brief.at(-1)).toMatch(/^R; /);
      expect(brief.slice(0, -2).filter((l) => l !== '')).toEqual(expected('ACCESS HELPCMD').filter((l) => l !== ''));
      expect(brief.at(-2)).toBe('More help: HELP ACCESS (MORE');
      // R6's 19D holds HELP EXEC (SixPack's HELP), which CMS finds before the nucleus's HELP once
      // the disk is accessed, when SET IMPEX is ON.
      expect(user.session.type('SET IMPEX OFF').at(-1)).toMatch(/^R; /);
      const more = user.session.type('HELP ACCESS (MORE').map((l) => l.trimEnd());
      expect(more.slice(0, -1).filter((l) => l !== '')).toEqual(expected('ACCESS HELPCMD2').filter((l) => l !== ''));
    } finally {
      user.close();
    }
  });
});
