// OS simulation in our CMS (CMS User's Guide R6, "OS macros under CMS"): OS-style programs
// assembled with the OS macros of cms/maclib (SAVE, RETURN, OPEN, GET, PUT, CLOSE, DCB, WTO,
// GETMAIN, FREEMAIN, TIME, ABEND) run as commands in the user area; their SVCs go from DMSITS to
// DMSOSSVC, and their files are named by FILEDEF.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../src/asm/index.ts';
import { CMS_ROOT, type CmsBuild } from '../../src/cms/index.ts';
import { formatImage, readFile, textToRecords, writeFiles } from '../../src/cp/cmsdisk/index.ts';
import { fromEbcdic, toEbcdic } from '../../src/ebcdic/index.ts';
import type { ConsoleSession } from '../../src/cp/vm/session.ts';
import { addCommand, buildOurCms, EPOCH, ourCmsSession, READY, wordAt } from './helpers.ts';

/** The nucleus modules these tests need (others' modules may be mid-change). */
const OS_BUILD = (file: string): boolean =>
  /^(dmsnuc|dmsint|dmsits|dmscon|dmsfre|dmsset|dmscwr|dmsos|dmsosq|dmsfld|dmsgbl|dmssyn|dmsurs|fs\w*)\.assemble$/.test(file);

/** Assembles a program for the user area; its bytes from its START address, and its symbols. */
function assembled(source: string): { bytes: Uint8Array; symbol: (name: string) => number } {
  const result = assemble(source, { file: 'program.assemble', maclibs: [join(CMS_ROOT, 'maclib')] });
  if (result.returnCode > 0) throw new Error(result.messages.map((m) => `${m.line}: ${m.code} ${m.text}`).join('\n'));
  const symbol = (name: string): number => {
    const found = result.symbols.find((x) => x.name === name);
    if (found === undefined) throw new Error(`no symbol ${name}`);
    return found.value;
  };
  return { bytes: result.core.bytes, symbol };
}
const program = (source: string): Uint8Array => assembled(source).bytes;

const card = (lines: string[]) => {
  const { records } = textToRecords(lines.join('\n'), { recfm: 'F', lrecl: 80 });
  return { records, recfm: 'F' as const, lrecl: 80, when: EPOCH };
};

/** The OS copy program of the manuals: OPEN two DCBs, GET/PUT until the end of the data, CLOSE. */
const OSCOPY = `
OSCOPY   START X'30000'
         SAVE  (14,12),,*
         LR    12,15
         USING OSCOPY,12
         ST    13,SAVEAREA+4
         LA    13,SAVEAREA
         WTO   'OSCOPY STARTING'
         OPEN  (INDCB,(INPUT),OUTDCB,(OUTPUT))
         SR    9,9                 records copied
LOOP     GET   INDCB,REC
         PUT   OUTDCB,REC
         LA    9,1(,9)
         B     LOOP
EOD      CLOSE (INDCB,,OUTDCB)
         WTO   'OSCOPY DONE'
         L     13,SAVEAREA+4
         LR    15,9
         RETURN (14,12),RC=(15)
SAVEAREA DC    18F'0'
REC      DS    CL80
INDCB    DCB   DDNAME=INMOVE,MACRF=GM,DSORG=PS,EODAD=EOD
OUTDCB   DCB   DDNAME=OUTMOVE,MACRF=PM,DSORG=PS,RECFM=F,LRECL=80
         LTORG
         END`;

/** GETMAIN and FREEMAIN (R and E forms), TIME, WAIT: return code 0 when all went as the manual says. */
const STORAGE = `
STOR     START X'31000'
         SAVE  (14,12)
         LR    12,15
         USING STOR,12
         ST    13,SAVEAREA+4
         LA    13,SAVEAREA
         GETMAIN R,LV=1000
         LR    5,1
         LR    2,5
         N     2,=F'7'             doubleword aligned
         BNZ   BAD
         MVC   0(8,5),=CL8'WRITTEN'
         FREEMAIN R,LV=1000,A=(5)
         GETMAIN EC,LV=400,A=ADDR
         LTR   15,15
         BNZ   BAD
         L     5,ADDR
         MVI   399(5),X'AA'
         FREEMAIN E,LV=400,A=ADDR
         GETMAIN EC,LV=X'F00000',A=ADDR  more than there is: R15 = 4
         C     15,=F'4'
         BNE   BAD
         TIME  DEC
         ST    0,TIMEDEC
         ST    1,DATE
         TIME  BIN
         ST    0,TIMEBIN
         WAIT  ECB=ECB
         SR    15,15
         B     RET
BAD      LA    15,99
RET      L     13,SAVEAREA+4
         RETURN (14,12),RC=(15)
SAVEAREA DC    18F'0'
ADDR     DC    F'0'
         DS    0F
ECB      DC    X'40000000'
TIMEDEC  DC    F'0'
DATE     DC    F'0'
TIMEBIN  DC    F'0'
         LTORG
         END`;

/** V records in locate mode: GET (GL) gives R1 -> the record with its descriptor word; PUT (PL) gives a buffer. */
const VCOPY = `
VCOPY    START X'32000'
         SAVE  (14,12)
         LR    12,15
         USING VCOPY,12
         ST    13,SAVEAREA+4
         LA    13,SAVEAREA
         OPEN  (INDCB,,OUTDCB,(OUTPUT))
LOOP     GET   INDCB
         LR    2,1                 R2 -> the record (RDW first)
         PUT   OUTDCB
         LH    3,0(,2)             its length, the RDW's too
         BCTR  3,0
         EX    3,MOVE              into the buffer PUT gave
         B     LOOP
EOD      CLOSE (INDCB,,OUTDCB)
         L     13,SAVEAREA+4
         RETURN (14,12),RC=0
MOVE     MVC   0(0,1),0(2)
SAVEAREA DC    18F'0'
INDCB    DCB   DDNAME=VIN,MACRF=GL,DSORG=PS,EODAD=EOD
OUTDCB   DCB   DDNAME=VOUT,MACRF=PL,DSORG=PS,RECFM=V,LRECL=104
         LTORG
         END`;

/** ABEND with a user code, a system code, SVC 3 (EXIT) with R15, and an SVC CMS does not simulate. */
const ENDS = (svc: string): string => `
ENDS     START X'34000'
         SAVE  (14,12)
         LR    12,15
         USING ENDS,12
         WTO   'BEFORE'
         ${svc}
         WTO   'AFTER'
         RETURN (14,12),RC=0
         LTORG
         END`;

let build: CmsBuild;
let folder: string;
let image: string;
let session: ConsoleSession;
let storage: ReturnType<typeof assembled>;
let oscopy: ReturnType<typeof assembled>;

beforeAll(() => {
  build = buildOurCms({ include: OS_BUILD, allowUnresolved: true });
  folder = mkdtempSync(join(tmpdir(), 'vm370-cms-os-'));
  image = join(folder, 'cmsuser-191.ckd');
  formatImage(image, { label: 'CMS191', type: '3350', cylinders: 5 });
  const v = textToRecords('SHORT\nA LONGER VARIABLE RECORD\nX', { recfm: 'V', lrecl: 100 });
  writeFiles(image, [
    { fileId: 'INPUT DATA A1', ...card(['FIRST RECORD', 'SECOND RECORD', 'THIRD RECORD']) },
    { fileId: 'VAR DATA A1', records: v.records, recfm: 'V', lrecl: 100, when: EPOCH },
  ]);
  session = ourCmsSession(build, { storage: '2M', minidisks: [{ address: '191', image, mode: 'W' }] });
  session.runUntilRead();
  oscopy = assembled(OSCOPY);
  addCommand(session, build, 'OSCOPY', oscopy.bytes, 0x3_0000, 0x3_0f00);
  storage = assembled(STORAGE);
  addCommand(session, build, 'STOR', storage.bytes, 0x3_1000, 0x3_0f20);
  addCommand(session, build, 'VCOPY', program(VCOPY), 0x3_2000, 0x3_0f40);
});
afterAll(() => {
  session.close();
  rmSync(folder, { recursive: true, force: true });
});

const lines = (fileId: string): string[] => readFile(image, fileId).records.map((r) => fromEbcdic(r).trimEnd());

describe('OS simulation: an OS copy program with FILEDEF, OPEN, GET, PUT, CLOSE, WTO', () => {
  it('FILEDEF ddname DISK fn ft fm names the files; the program copies every record and WTO types its messages', () => {
    expect(session.type('FILEDEF INMOVE DISK INPUT DATA A')).toEqual([expect.stringMatching(READY)]);
    expect(session.type('FILEDEF OUTMOVE DISK OUTPUT DATA A')).toEqual([expect.stringMatching(READY)]);
    expect(session.type('OSCOPY')).toEqual(['OSCOPY STARTING', 'OSCOPY DONE', expect.stringMatching(/^R\(00003\); /)]);
    const file = readFile(image, 'OUTPUT DATA A1');
    expect(file.fst.recfm).toBe('F');
    expect(file.fst.lrecl).toBe(80);
    expect(lines('OUTPUT DATA A1')).toEqual(['FIRST RECORD', 'SECOND RECORD', 'THIRD RECORD']);
  });

  it('OPEN merged the input file\'s RECFM F and LRECL 80 into the DCB that named neither (DCBRECFM, DCBLRECL)', () => {
    const indcb = oscopy.symbol('INDCB');
    const m = session.vm.cpu.mem;
    expect(m[indcb + 0x24]).toBe(0x80);
    expect((m[indcb + 0x52]! << 8) | m[indcb + 0x53]!).toBe(80);
  });

  it('OPEN for output replaces the file: running it again leaves three records, not six', () => {
    expect(session.type('OSCOPY')).toEqual(['OSCOPY STARTING', 'OSCOPY DONE', expect.stringMatching(/^R\(00003\); /)]);
    expect(lines('OUTPUT DATA A1')).toHaveLength(3);
  });

  it('FILEDEF ddname TERMINAL: GET reads console lines (upper-cased) until a null line, PUT types the records', () => {
    session.type('FILEDEF INMOVE TERMINAL');
    session.type('FILEDEF OUTMOVE TERMINAL');
    expect(session.type('OSCOPY')).toEqual(['OSCOPY STARTING']);
    expect(session.type('hello there')).toEqual(['HELLO THERE']);
    expect(session.type('')).toEqual(['OSCOPY DONE', expect.stringMatching(/^R\(00001\); /)]);
  });

  it('no FILEDEF: the default is DISK FILE ddname A1; an input file that is not there: DMSSOP036E, and GET abends 001', () => {
    session.type('FILEDEF * CLEAR');
    expect(session.type('OSCOPY')).toEqual([
      'OSCOPY STARTING',
      'DMSSOP036E OPEN ERROR CODE 01 ON INMOVE',
      expect.stringMatching(/^DMSABN148T SYSTEM ABEND 001 CALLED FROM [0-9A-F]{6}$/),
      'CMS',
    ]);
    expect(session.type('CP QUERY USERID')).toEqual(['CMSUSER AT VM370', expect.stringMatching(READY)]);
  });
});

describe('OS simulation: V records in locate mode, EXTEND, DUMMY', () => {
  it('GET (GL) gives each V record with its descriptor word; PUT (PL) writes them to a V file', () => {
    session.type('FILEDEF VIN DISK VAR DATA A');
    session.type('FILEDEF VOUT DISK VOUT DATA A');
    expect(session.type('VCOPY')).toEqual([expect.stringMatching(READY)]);
    const file = readFile(image, 'VOUT DATA A1');
    expect(file.fst.recfm).toBe('V');
    expect(file.records.map((r) => fromEbcdic(r))).toEqual(['SHORT', 'A LONGER VARIABLE RECORD', 'X']);
  });

  it('OPEN EXTEND appends to the file', () => {
    const extend = OSCOPY.replace('(OUTPUT)', '(EXTEND)').replace("START X'30000'", "START X'36000'");
    addCommand(session, build, 'OSAPPEND', program(extend), 0x3_6000, 0x3_0e00);
    session.type('FILEDEF INMOVE DISK INPUT DATA A');
    session.type('FILEDEF OUTMOVE DISK OUTPUT DATA A');
    session.type('OSCOPY');
    expect(session.type('OSAPPEND')).toEqual(['OSCOPY STARTING', 'OSCOPY DONE', expect.stringMatching(/^R\(00003\); /)]);
    expect(lines('OUTPUT DATA A1')).toHaveLength(6);
  });

  it('FILEDEF DUMMY for input gives no records: the output file is replaced by nothing (CMS keeps no empty file)', () => {
    session.type('FILEDEF INMOVE DUMMY');
    expect(session.type('OSCOPY')).toEqual(['OSCOPY STARTING', 'OSCOPY DONE', expect.stringMatching(READY)]);
    expect(() => readFile(image, 'OUTPUT DATA A1')).toThrow(/not found/);
  });
});

describe('OS simulation: GETMAIN, FREEMAIN, TIME, WAIT', () => {
  it('R and E forms get doubleword-aligned storage and give it back; EC for too much returns 4', () => {
    expect(session.type('STOR')).toEqual([expect.stringMatching(READY)]);
  });

  it('TIME DEC gives hhmmss00 and the date 00yydddF from CP\'s clock (1 April 1981 is day 091); BIN hundredths', () => {
    const word = (name: string): number => wordAt(session, storage.symbol(name));
    expect(word('DATE').toString(16)).toBe('81091f');
    expect(word('TIMEDEC') >>> 16).toBe(0x0900);
    expect(word('TIMEDEC') & 0xff).toBe(0);
    expect(Math.floor(word('TIMEBIN') / 6000)).toBe(9 * 60);
  });
});

describe('OS simulation: ABEND, EXIT and SVCs CMS does not simulate', () => {
  it('ABEND with a user code: DMSABN148T with the code in hex (123 is 07B), CMS, no Ready; CMS goes on', () => {
    addCommand(session, build, 'USERAB', program(ENDS('ABEND 123')), 0x3_4000, 0x3_0f60);
    expect(session.type('USERAB')).toEqual(['BEFORE', expect.stringMatching(/^DMSABN148T SYSTEM ABEND 07B CALLED FROM 034[0-9A-F]{3}$/), 'CMS']);
    expect(session.type('CP QUERY USERID')).toEqual(['CMSUSER AT VM370', expect.stringMatching(READY)]);
  });

  it('ABEND with a system code (,,,SYSTEM): DMSABN148T SYSTEM ABEND 0C1', () => {
    addCommand(session, build, 'SYSAB', program(ENDS("ABEND X'0C1',,,SYSTEM")), 0x3_4000, 0x3_0f80);
    expect(session.type('SYSAB')).toEqual(['BEFORE', expect.stringMatching(/^DMSABN148T SYSTEM ABEND 0C1 CALLED FROM 034[0-9A-F]{3}$/), 'CMS']);
  });

  it('ABEND closes the files the program left open: the output file has what was written', () => {
    const source = OSCOPY.replace('         PUT   OUTDCB,REC\n', "         PUT   OUTDCB,REC\n         ABEND 7\n").replace("START X'30000'", "START X'35000'");
    addCommand(session, build, 'HALFCOPY', program(source), 0x3_5000, 0x3_0fa0);
    session.type('FILEDEF INMOVE DISK INPUT DATA A');
    expect(session.type('HALFCOPY').slice(1)).toEqual([expect.stringMatching(/^DMSABN148T SYSTEM ABEND 007 /), 'CMS']);
    expect(lines('OUTPUT DATA A1')).toEqual(['FIRST RECORD']);
  });

  it('a GET on a closed DCB abends 001 (the DCB no longer leads to the GET routine); the DCB opens again', () => {
    const source = OSCOPY.replace('EOD      CLOSE (INDCB,,OUTDCB)\n', 'EOD      CLOSE (INDCB,,OUTDCB)\n         GET   INDCB,REC\n').replace("START X'30000'", "START X'37000'");
    addCommand(session, build, 'GETCLOSD', program(source), 0x3_7000, 0x3_0e20);
    session.type('FILEDEF INMOVE DISK INPUT DATA A');
    session.type('FILEDEF OUTMOVE DISK OUTPUT DATA A');
    expect(session.type('GETCLOSD')).toEqual(['OSCOPY STARTING', expect.stringMatching(/^DMSABN148T SYSTEM ABEND 001 CALLED FROM /), 'CMS']);
    expect(session.type('GETCLOSD')[1]).toMatch(/^DMSABN148T SYSTEM ABEND 001 /);
    expect(lines('OUTPUT DATA A1')).toHaveLength(3);
  });

  it('SVC 3 (EXIT) ends the program: its R15 is the return code', () => {
    addCommand(session, build, 'EXIT', program(ENDS('LA 15,5\n         SVC 3')), 0x3_4000, 0x3_0fc0);
    expect(session.type('EXIT')).toEqual(['BEFORE', expect.stringMatching(/^R\(00005\); /)]);
  });

  it('GETMAIN R for more than there is abends 80A; FREEMAIN R of storage that is not free storage abends 30A', () => {
    addCommand(session, build, 'GETBIG', program(ENDS("GETMAIN R,LV=X'F00000'")), 0x3_4000, 0x3_0e40);
    expect(session.type('GETBIG')).toEqual(['BEFORE', expect.stringMatching(/^DMSABN148T SYSTEM ABEND 80A CALLED FROM 034[0-9A-F]{3}$/), 'CMS']);
    addCommand(session, build, 'FREEBAD', program(ENDS('FREEMAIN R,LV=64,A=ENDS')), 0x3_4000, 0x3_0e60);
    expect(session.type('FREEBAD')).toEqual(['BEFORE', expect.stringMatching(/^DMSABN148T SYSTEM ABEND 30A CALLED FROM 034[0-9A-F]{3}$/), 'CMS']);
  });

  it('an SVC CMS does not simulate (SVC 99) abends 0F0', () => {
    addCommand(session, build, 'SVC99', program(ENDS('SVC 99')), 0x3_4000, 0x3_0fe0);
    expect(session.type('SVC99')).toEqual(['BEFORE', expect.stringMatching(/^DMSABN148T SYSTEM ABEND 0F0 CALLED FROM 034[0-9A-F]{3}$/), 'CMS']);
  });
});

describe('OS simulation: FILEDEF PUNCH, PRINTER and READER (the spool, through DMSURIO)', () => {
  it('PUT to the punch: an 80-byte card a record; CLOSE closes the spool file (CP CLOSE 00D)', () => {
    session.type('FILEDEF INMOVE DISK INPUT DATA A');
    session.type('FILEDEF OUTMOVE PUNCH');
    expect(session.type('OSCOPY')).toEqual(['OSCOPY STARTING', 'PUN FILE 0001 TO CMSUSER COPY 01 NOHOLD', 'OSCOPY DONE', expect.stringMatching(/^R\(00003\); /)]);
    const file = session.vm.spoolFiles.at(-1)!;
    expect(file.kind).toBe('punch');
    expect(file.records.map((r) => fromEbcdic(r))).toEqual(['FIRST RECORD', 'SECOND RECORD', 'THIRD RECORD'].map((l) => l.padEnd(80)));
  });

  it('PUT to the printer: a line a record (CP CLOSE 00E)', () => {
    session.type('FILEDEF OUTMOVE PRINTER');
    expect(session.type('OSCOPY')[1]).toBe('PRT FILE 0002 TO CMSUSER COPY 01 NOHOLD');
    const file = session.vm.spoolFiles.at(-1)!;
    expect(file.kind).toBe('print');
    expect(file.records.map((r) => fromEbcdic(r).trimEnd())).toEqual(['FIRST RECORD', 'SECOND RECORD', 'THIRD RECORD']);
  });

  it('GET from the reader: a card a record until the end of the spool file', () => {
    session.vm.reader!.queue(['CARD ONE', 'CARD TWO'].map((l) => toEbcdic(l.padEnd(80))));
    session.type('FILEDEF INMOVE READER');
    session.type('FILEDEF OUTMOVE DISK CARDS DATA A');
    expect(session.type('OSCOPY')).toEqual(['OSCOPY STARTING', 'OSCOPY DONE', expect.stringMatching(/^R\(00002\); /)]);
    expect(lines('CARDS DATA A1')).toEqual(['CARD ONE', 'CARD TWO']);
  });
});
