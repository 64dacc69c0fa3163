// FILEDEF, GLOBAL, SYNONYM and the system abbreviations in our CMS (CMS Command and Macro Reference
// R6): typed at the console, and the entries other parts use (DMSGBLQ for ASSEMBLE and LOAD,
// DMSSYNX for the command loop, DMSOSQRY for QUERY FILEDEF/MACLIB/TXTLIB/SYNONYM).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../src/asm/index.ts';
import { CMS_ROOT, type CmsBuild } from '../../src/cms/index.ts';
import { formatImage, textToRecords, writeFiles } from '../../src/cp/cmsdisk/index.ts';
import { toEbcdic } from '../../src/ebcdic/index.ts';
import type { ConsoleSession } from '../../src/cp/vm/session.ts';
import { addCommand, buildOurCms, EPOCH, ourCmsSession, READY, wordAt } from './helpers.ts';

/** The nucleus modules these tests need (others' modules may be mid-change). */
const OS_BUILD = (file: string): boolean =>
  /^(dmsnuc|dmsint|dmsits|dmscon|dmsfre|dmsset|dmscwr|dmsos|dmsosq|dmsfld|dmsgbl|dmssyn|fs\w*)\.assemble$/.test(file);

function program(source: string): Uint8Array {
  const result = assemble(source, { file: 'program.assemble', maclibs: [join(CMS_ROOT, 'maclib')] });
  if (result.returnCode > 0) throw new Error(result.messages.map((m) => `${m.line}: ${m.code} ${m.text}`).join('\n'));
  return result.core.bytes;
}

const card = (lines: string[]) => {
  const { records } = textToRecords(lines.join('\n'), { recfm: 'F', lrecl: 80 });
  return { records, recfm: 'F' as const, lrecl: 80, when: EPOCH };
};

/** A command of the extension chain (A(next), CL8 name, A(entry)) for a nucleus entry point. */
function linkCommand(session: ConsoleSession, build: CmsBuild, name: string, entry: string, entryAt: number): void {
  const m = session.vm.cpu.mem;
  const put = (address: number, value: number): void => {
    m[address] = value >>> 24;
    m[address + 1] = (value >>> 16) & 0xff;
    m[address + 2] = (value >>> 8) & 0xff;
    m[address + 3] = value & 0xff;
  };
  const xtab = build.symbols.get('DMSXTAB')!;
  put(entryAt, wordAt(session, xtab));
  m.set(toEbcdic(name.padEnd(8, ' ')), entryAt + 4);
  put(entryAt + 12, build.symbols.get(entry)!);
  put(xtab, entryAt);
}

/**
 * SYNX word [operands]: what the command loop is asked to do with a command word: DMSSYNX maps it
 * (its full name is typed as '=> NAME'), then SVC 202 runs it with the rest of the plist.
 */
const SYNX = (dmssynx: number): string => `
SYNX     START X'32000'
         STM   14,12,12(13)
         LR    12,15
         USING SYNX,12
         LR    11,13
         LA    13,SAVE
         LA    9,8(,1)             the word and what follows
         LR    1,9
         L     15,=A(X'${dmssynx.toString(16)}')
         BALR  14,15
         LTR   15,15
         BNZ   RUN
         MVC   0(8,9),0(1)         the full name
         MVC   LINE+3(8),0(1)
         LA    4,LINE+10           the name's last non-blank
TRIM     CLI   0(4),C' '
         BNE   TYPE
         BCT   4,TRIM
TYPE     LA    0,LINE-1
         SR    4,0
         STCM  4,7,PL+13
         LA    1,PL
         SVC   202
RUN      LR    1,9
         SVC   202
         LR    13,11
         L     14,12(,13)
         LM    0,12,20(13)
         BR    14
SAVE     DC    18F'0'
LINE     DC    CL11'=> '
PL       DC    CL8'TYPLIN',AL1(1),AL3(LINE),C'B',AL3(0)
         LTORG
         END`;

/** GLOBALQ: types the lists DMSGBLQ returns ('M name ...', 'T name ...'). */
const GLOBALQ = (dmsgblq: number): string => `
GLOBALQ  START X'33000'
         STM   14,12,12(13)
         LR    12,15
         USING GLOBALQ,12
         LR    11,13
         LA    13,SAVE
         L     15,=A(X'${dmsgblq.toString(16)}')
         BALR  14,15
         LR    8,0
         MVI   LINE,C'M'
         BAL   10,LIST
         LR    1,8
         MVI   LINE,C'T'
         BAL   10,LIST
         LR    13,11
         L     14,12(,13)
         LM    0,12,20(13)
         SR    15,15
         BR    14
LIST     LH    2,0(,1)             count, then the names
         LA    3,4(,1)
         LA    4,LINE+2
         LTR   2,2
         BZ    LIST2
LIST1    MVC   0(8,4),0(3)
         LA    3,8(,3)
         LA    4,9(,4)
         BCT   2,LIST1
LIST2    BCTR  4,0               the last non-blank
         CLI   0(4),C' '
         BE    LIST2
         LA    0,LINE-1
         SR    4,0
         STCM  4,7,PL+13
         LA    1,PL
         SVC   202
         MVI   LINE,C' '
         MVC   LINE+1(L'LINE-1),LINE
         BR    10
SAVE     DC    18F'0'
PL       DC    CL8'TYPLIN',AL1(1),AL3(LINE),C'B',AL3(0)
LINE     DC    CL80' '
         LTORG
         END`;

let build: CmsBuild;
let folder: string;
let session: ConsoleSession;

beforeAll(() => {
  build = buildOurCms({ include: OS_BUILD, allowUnresolved: true });
  folder = mkdtempSync(join(tmpdir(), 'vm370-cms-oscmd-'));
  const image = join(folder, 'cmsuser-191.ckd');
  formatImage(image, { label: 'CMS191', type: '3350', cylinders: 5 });
  writeFiles(image, [
    { fileId: 'CMSLIB MACLIB A2', ...card(['* a library']) },
    { fileId: 'OSMACRO MACLIB A2', ...card(['* another']) },
    { fileId: 'TEXTLIB TXTLIB A2', ...card(['* text']) },
    { fileId: 'MY SYNONYM A1', ...card(['* my synonyms', 'FILEDEF  FDEF 2', 'LISTFILE LF', '', 'BADLINE']) },
  ]);
  session = ourCmsSession(build, { storage: '2M', minidisks: [{ address: '191', image, mode: 'W' }] });
  session.runUntilRead();
  linkCommand(session, build, 'OSQUERY', 'DMSOSQRY', 0x3_0f00);
  addCommand(session, build, 'SYNX', program(SYNX(build.symbols.get('DMSSYNX')!)), 0x3_2000, 0x3_0f20);
  addCommand(session, build, 'GLOBALQ', program(GLOBALQ(build.symbols.get('DMSGBLQ')!)), 0x3_3000, 0x3_0f40);
});
afterAll(() => {
  session.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('FILEDEF and QUERY FILEDEF', () => {
  it('no definitions: NO USER DEFINED FILEDEF\'S IN EFFECT', () => {
    expect(session.type('OSQUERY FILEDEF')).toEqual(["NO USER DEFINED FILEDEF'S IN EFFECT", expect.stringMatching(READY)]);
  });

  it('DISK with a fileid and options, DISK with none (FILE ddname A1), TERMINAL, PRINTER: one line each', () => {
    expect(session.type('FILEDEF INFILE DISK INPUT DATA B (RECFM FB LRECL 80 BLOCK 800 PERM')).toEqual([expect.stringMatching(READY)]);
    session.type('FILEDEF SYSUT2 DISK');
    session.type('filedef sysprint terminal');
    session.type('FILEDEF OUT PRINTER');
    expect(session.type('OSQUERY FILEDEF')).toEqual([
      'INFILE   DISK     INPUT    DATA     B1 RECFM FB  LRECL 80 BLKSIZE 800 PERM',
      'SYSUT2   DISK     FILE     SYSUT2   A1',
      'SYSPRINT TERMINAL',
      'OUT      PRINTER',
      expect.stringMatching(READY),
    ]);
  });

  it('FILEDEF with no operands lists them too; a new definition replaces the old; CLEAR removes one', () => {
    session.type('FILEDEF OUT PUNCH');
    session.type('FILEDEF SYSUT2 CLEAR');
    expect(session.type('FILEDEF')).toEqual([
      'INFILE   DISK     INPUT    DATA     B1 RECFM FB  LRECL 80 BLKSIZE 800 PERM',
      'SYSPRINT TERMINAL',
      'OUT      PUNCH',
      expect.stringMatching(READY),
    ]);
  });

  it('FILEDEF * CLEAR removes them all', () => {
    session.type('FILEDEF * CLEAR');
    expect(session.type('FILEDEF')).toEqual(["NO USER DEFINED FILEDEF'S IN EFFECT", expect.stringMatching(READY)]);
  });

  it('errors: invalid device, option, option value, mode, a fileid without its type, no device; return code 24', () => {
    const rc24 = expect.stringMatching(/^R\(00024\); /);
    expect(session.type('FILEDEF X DRUM')).toEqual(["DMSFLD027E INVALID DEVICE 'DRUM'", rc24]);
    expect(session.type('FILEDEF X DISK A B (FOO')).toEqual(["DMSFLD003E INVALID OPTION 'FOO'", rc24]);
    expect(session.type('FILEDEF X DISK A B (LRECL ABC')).toEqual(["DMSFLD029E INVALID PARAMETER 'ABC' IN THE OPTION 'LRECL' FIELD", rc24]);
    expect(session.type('FILEDEF X DISK A B (RECFM Q')).toEqual(["DMSFLD029E INVALID PARAMETER 'Q' IN THE OPTION 'RECFM' FIELD", rc24]);
    expect(session.type('FILEDEF X DISK A B 9')).toEqual(["DMSFLD048E INVALID MODE '9'", rc24]);
    expect(session.type('FILEDEF X DISK A')).toEqual(['DMSFLD054E INCOMPLETE FILEID SPECIFIED', rc24]);
    expect(session.type('FILEDEF X')).toEqual(['DMSFLD050E PARAMETER MISSING AFTER DDNAME', rc24]);
    expect(session.type('FILEDEF * DISK')).toEqual(["DMSFLD070E INVALID PARAMETER '*'", rc24]);
    expect(session.type('FILEDEF X DISK A B C D')).toEqual(["DMSFLD070E INVALID PARAMETER 'D'", rc24]);
    expect(session.type('FILEDEF')).toEqual(["NO USER DEFINED FILEDEF'S IN EFFECT", expect.stringMatching(READY)]);
  });
});

describe('GLOBAL, QUERY MACLIB/TXTLIB/LIBRARY and DMSGBLQ', () => {
  it('none yet: MACLIB = NONE, TXTLIB = NONE', () => {
    expect(session.type('OSQUERY LIBRARY')).toEqual(['MACLIB = NONE', 'TXTLIB = NONE', expect.stringMatching(READY)]);
  });

  it('GLOBAL MACLIB names the libraries in order; QUERY MACLIB lists them; DMSGBLQ gives them to programs', () => {
    expect(session.type('GLOBAL MACLIB CMSLIB OSMACRO')).toEqual([expect.stringMatching(READY)]);
    expect(session.type('GLOBAL TXTLIB TEXTLIB')).toEqual([expect.stringMatching(READY)]);
    expect(session.type('OSQUERY MACLIB')).toEqual(['MACLIB = CMSLIB OSMACRO', expect.stringMatching(READY)]);
    expect(session.type('OSQUERY TXTLIB')).toEqual(['TXTLIB = TEXTLIB', expect.stringMatching(READY)]);
    expect(session.type('GLOBALQ')).toEqual(['M CMSLIB   OSMACRO', 'T TEXTLIB', expect.stringMatching(READY)]);
  });

  it('a library that is not on a disk: DMSGLB002W, left out, return code 28', () => {
    expect(session.type('GLOBAL MACLIB NOSUCH CMSLIB')).toEqual(["DMSGLB002W FILE 'NOSUCH MACLIB' NOT FOUND", expect.stringMatching(/^R\(00028\); /)]);
    expect(session.type('OSQUERY MACLIB')).toEqual(['MACLIB = CMSLIB', expect.stringMatching(READY)]);
  });

  it('GLOBAL MACLIB with no names empties the list; errors: no function, a bad one, nine names', () => {
    session.type('GLOBAL MACLIB');
    expect(session.type('OSQUERY MACLIB')).toEqual(['MACLIB = NONE', expect.stringMatching(READY)]);
    const rc24 = expect.stringMatching(/^R\(00024\); /);
    expect(session.type('GLOBAL')).toEqual(['DMSGLB047E NO FUNCTION SPECIFIED', rc24]);
    expect(session.type('GLOBAL DOSLIB X')).toEqual(["DMSGLB014E INVALID FUNCTION 'DOSLIB'", rc24]);
    expect(session.type('GLOBAL TXTLIB A B C D E F G H I')).toEqual(["DMSGLB070E INVALID PARAMETER 'I'", rc24]);
    expect(session.type('OSQUERY TXTLIB')).toEqual(['TXTLIB = TEXTLIB', expect.stringMatching(READY)]);
  });

  it('QUERY with a function of none of ours: DMSQRY070E', () => {
    expect(session.type('OSQUERY BLIP')).toEqual(["DMSQRY070E INVALID PARAMETER 'BLIP'", expect.stringMatching(/^R\(00024\); /)]);
  });
});

describe('system abbreviations and SYNONYM (DMSSYNX, QUERY SYNONYM)', () => {
  it('DMSSYNX maps the R6 abbreviations to the command: FI is FILEDEF, FILED too; a full name maps to nothing', () => {
    expect(session.type('SYNX FI X TERMINAL')).toEqual(['=> FILEDEF', expect.stringMatching(READY)]);
    expect(session.type('SYNX FILED')).toEqual(['=> FILEDEF', 'X        TERMINAL', expect.stringMatching(READY)]);
    expect(session.type('SYNX FILEDEF')).toEqual(['X        TERMINAL', expect.stringMatching(READY)]);
    expect(session.type('SYNX F')).toEqual([expect.stringMatching(/^R\(-0003\); /)]);
  });

  it('QUERY SYNONYM SYSTEM lists the abbreviations; no user synonyms yet', () => {
    const out = session.type('OSQUERY SYNONYM SYSTEM');
    expect(out.slice(0, 2)).toEqual(['SYSTEM   SYSTEM', 'COMMAND  ABBREV']);
    expect(out).toContain('LISTFILE LISTF');
    expect(out).toContain('QUERY    Q');
    expect(session.type('OSQUERY SYNONYM USER')).toEqual(['NO USER DEFINED SYNONYMS', expect.stringMatching(READY)]);
  });

  it('SYNONYM fn: the file\'s synonyms with their counts; FD (2 of FDEF) is FILEDEF, LF is LISTFILE', () => {
    expect(session.type('SYNONYM MY')).toEqual([expect.stringMatching(READY)]);
    expect(session.type('OSQUERY SYNONYM USER')).toEqual([
      'SYSTEM   USER     USER',
      'COMMAND  SYNONYM  ABBREV',
      'FILEDEF  FDEF     2',
      'LISTFILE LF       2',
      expect.stringMatching(READY),
    ]);
    expect(session.type('SYNX FD')).toEqual(['=> FILEDEF', 'X        TERMINAL', expect.stringMatching(READY)]);
    expect(session.type('SYNX FDEFX')).toEqual([expect.stringMatching(/^R\(-0003\); /)]);
  });

  it('NOSTD turns the system abbreviations off, STD on; CLEAR empties the user table', () => {
    session.type('SYNONYM (NOSTD');
    expect(session.type('SYNX FI')).toEqual([expect.stringMatching(/^R\(-0003\); /)]);
    expect(session.type('SYNX FD')[0]).toBe('=> FILEDEF');
    session.type('SYNONYM (STD CLEAR');
    expect(session.type('SYNX FI')[0]).toBe('=> FILEDEF');
    expect(session.type('SYNX FD')).toEqual([expect.stringMatching(/^R\(-0003\); /)]);
  });

  it('SET ABBREV OFF (through the nucleus SET): synonyms only in full, no system abbreviations; QUERY ABBREV', () => {
    session.type('SYNONYM MY');
    expect(session.type('OSQUERY ABBREV')).toEqual(['ABBREV = ON', expect.stringMatching(READY)]);
    expect(session.type('SET ABBREV OFF')).toEqual([expect.stringMatching(READY)]);
    expect(session.type('OSQUERY ABBREV')).toEqual(['ABBREV = OFF', expect.stringMatching(READY)]);
    expect(session.type('SYNX FD')).toEqual([expect.stringMatching(/^R\(-0003\); /)]);
    expect(session.type('SYNX FDEF')[0]).toBe('=> FILEDEF');
    expect(session.type('SYNX FI')).toEqual([expect.stringMatching(/^R\(-0003\); /)]);
    expect(session.type('SET ABBREV ON')).toEqual([expect.stringMatching(READY)]);
    expect(session.type('SYNX FD')[0]).toBe('=> FILEDEF');
    expect(session.type('SET ABBREV MAYBE')).toEqual(["DMSSET070E INVALID PARAMETER 'MAYBE'", expect.stringMatching(/^R\(00024\); /)]);
    expect(session.type('SET NOSUCH')).toEqual(["DMSSET070E INVALID PARAMETER 'NOSUCH'", expect.stringMatching(/^R\(00024\); /)]);
    session.type('SYNONYM (CLEAR');
  });

  it('errors: a file that is not there, a bad option, nothing to do', () => {
    expect(session.type('SYNONYM NOSUCH')).toEqual(["DMSSYN002E FILE 'NOSUCH SYNONYM *' NOT FOUND", expect.stringMatching(/^R\(00028\); /)]);
    expect(session.type('SYNONYM MY (FOO')).toEqual(["DMSSYN003E INVALID OPTION 'FOO'", expect.stringMatching(/^R\(00024\); /)]);
    expect(session.type('SYNONYM')).toEqual(['DMSSYN054E INCOMPLETE FILEID SPECIFIED', expect.stringMatching(/^R\(00024\); /)]);
  });
});
