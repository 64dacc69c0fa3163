// The same commands on the same disk: IBM's R6 CMS (../shared/vm370r6, run under our CP in a
// ConsoleSession) and ours answer in the same format. The disk is CMSUSER's R6 191 with our
// EXEC files and assembler sources put on it; our CMS assembles the sources there (so R6 LOADs TEXT
// decks our ASSEMBLE wrote), then each CMS gets its own copy of that disk and the command list.
//
// What both can run: R6's nucleus without its S-disk (no LISTFILE, TYPE, QUERY, SET, ACCESS there)
// has STATE/STATEW, ERASE, EXEC, CP, LOAD, INCLUDE, START, GENMOD, LOADMOD, MODULEs, the Ready
// message, the unknown-command message and the program-check exit. R6 here is the "SixPack 1.2"
// build (vm370-features.md section 4, "What CE/SixPack added"), and the comparison maps what
// differs only in form, and nothing else:
//   - `Ready;` / `Ready(nnnnn);`: the issue asks for R6's `R;` / `R(nnnnn);`;
//   - letter case and a final period of message texts (R6 here has many texts in mixed case and
//     ends its DMS messages with a period; ours do so in the file system's messages only);
//   - `DMSLIO740I Execution begins...` where ours types R6's `EXECUTION BEGINS...`;
//   - the CPU times of the Ready message.
// The program-check tests leave out the address of DMSITP141T: R6 types the old PSW's (past the
// failing instruction), ours the failing instruction's.

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textToRecords, writeFiles } from '../../src/cp/cmsdisk/index.ts';
import type { ConsoleSession } from '../../src/cp/vm/session.ts';
import { cmsSession, scratchImage } from '../cp/vm/r6-fixture.ts';
import type { CmsBuild } from '../../src/cms/index.ts';
import { buildOurCms, EPOCH, ourCmsSession } from './helpers.ts';

/** Card images (F 80), as R6's EDIT keeps EXEC and ASSEMBLE files. */
function cards(lines: readonly string[]) {
  const { records } = textToRecords(lines.join('\n'), { recfm: 'F', lrecl: 80 });
  return { records, recfm: 'F' as const, lrecl: 80, when: EPOCH };
}

const SOURCES: Record<string, string[]> = {
  HELLO1: ['HELLO1   CSECT', '         USING *,15', "         WRTERM 'HELLO, WORLD'", '         SR    15,15', '         BR    14', '         END'],
  RC8: ['RC8      CSECT', '         LA    15,8', '         BR    14', '         END'],
  PCHECK: ['PCHECK   CSECT', '         LR    1,1', "         DC    H'0'", '         BR    14', '         END'],
  DIVIDE: ['DIVIDE   CSECT', '         SR    2,2', '         SR    3,3', '         DR    2,2', '         BR    14', '         END'],
};

const EXECS: Record<string, string[]> = {
  // Arguments, a loop with a label, arithmetic, a CMS command and its return code, &EXIT.
  EX1: [
    '&CONTROL OFF',
    '&TYPE ARGS &INDEX &1 &2',
    '&I = 0',
    '-LOOP &I = &I + 1',
    '&TYPE PASS &I',
    '&IF &I LT 3 &GOTO -LOOP',
    'STATE NOSUCH FILE',
    '&TYPE RETCODE &RETCODE',
    '&EXIT &I',
  ],
  // &CONTROL as R6 starts an EXEC: commands typed, +++ R(nnnnn) +++ after a non-zero return code;
  // an EXEC calls another.
  EX3: ['HELLO1', '&TYPE RC &RETCODE'],
  // The EXEC 1 language, statement by statement (R6's DMSEXT072E numbers and texts).
  BUILTIN: [
    '&CONTROL OFF',
    '&X = &CONCAT AB CD EF',
    '&TYPE &X &LENGTH &X',
    '&Y = &SUBSTR ABCDEF 2 3',
    '&TYPE &Y',
    '&TYPE &DATATYPE 123 &DATATYPE A1',
    '&Z = 7 * 6 - 2 / 4',
    '&TYPE &Z',
    '&TYPE &LITERAL &X',
    '&EXIT &Z',
  ],
  IFS: ['&IF &INDEX EQ 0 &TYPE NO ARGS', '&IF &1 = X &TYPE ONE IS X', '&LOOP 2 3', '&TYPE IN LOOP', '&TYPE AGAIN', '&TYPE DONE &0', '&SKIP 1', '&TYPE SKIPPED', '&TYPE END'],
  IFNULLB: ['&IF &1 EQ &2 &TYPE EQUAL', '&TYPE NOT AN ERROR'],
  ONERROR: ['&ERROR &EXIT 99', 'STATE NOSUCH FILE', '&TYPE NOT HERE'],
  ERRGOTO: ['&ERROR &GOTO -NOWHERE', 'STATE NOSUCH FILE'],
  CONTROLS: ['&CONTROL ALL', 'STATE EX1 EXEC', '&TYPE TYPED', 'STATE NOSUCH FILE', '&CONTROL ERROR', 'STATE EX1 EXEC', 'STATE NOSUCH FILE', '&CONTROL CMS', 'STATE EX1 EXEC', '&CONTROL OFF', 'CP QUERY USERID', '&EXIT'],
  STACKS: ['&ARGS P Q R', '&TYPE &INDEX &1 &2 &3', '&BEGSTACK', 'LINE ONE', '&END', '&READ ARGS', '&TYPE READ &INDEX &1 &2', '&STACK HELLO THERE', '&READ VARS &A &B', '&TYPE &A &B', '&RETCODE = 5', '&TYPE &RETCODE', '&EXIT &RETCODE'],
  BEGTYPE: ['&BEGTYPE', 'SOME TEXT & MORE', '  INDENTED', '&END', '&TYPE &DISKZ &DISKA &READFLAG &LINENUM'],
  NEGEXIT: ['&EXIT -5'],
  NOWORD: ['&FOO BAR'],
  BADGOTO: ['&GOTO -NOWHERE'],
  BADSET: ['&X = 1 +', '&TYPE NOT HERE'],
  BADNUM: ['&X = A + 1'],
  BADDIV: ['&X = 5 / 0'],
  BADOVER: ['&X = 99999999 * 99'],
  BADSPEC: ['&INDEX = 3'],
  BADSUBS: ['&X = &SUBSTR ABC 0 1'],
  BADCTL: ['&CONTROL SOMETIMES'],
  BADTIME: ['&TIME SOMETIMES'],
  DEEP: ['&CONTROL OFF', '&LOOP 5 1', '&LOOP 4 1', '&LOOP 3 1', '&LOOP 2 1', '&LOOP 1 1', '&TYPE TOO DEEP'],
  EX2: ['STATE EX1 EXEC', 'STATE NOSUCH EXEC', 'EXEC EX1 FROM EX2', '&TYPE EX1 GAVE &RETCODE', '&EXIT 0'],
};

/** A Ready message's return code, in either form: `R;`/`Ready;` is 0, `R(00028);` 28. */
const READY_LINE = /^(?:R|Ready)(?:\((-?\d+)\))?; T=\d+\.\d\d\/\d+\.\d\d (\d\d:\d\d:\d\d)$/;

/** A line as R6 would have typed it: the SixPack cosmetics (see the top) mapped away. */
function normalize(line: string): string {
  const ready = READY_LINE.exec(line);
  if (ready) return `R${ready[1] === undefined ? '' : `(${ready[1]})`}; T=*/* ${ready[2]}`;
  if (line === 'DMSLIO740I Execution begins...') return 'EXECUTION BEGINS...';
  const upper = line.toUpperCase();
  return /^DMS[A-Z]{3}\d{3}[IWEST] /.test(upper) ? upper.replace(/\.$/, '') : upper;
}

/** The program-check message with its address left out (see the test that uses it). */
const withoutAddress = (line: string) => line.replace(/^(DMSITP141T .* OCCURRED AT )[0-9A-F]{6}( IN ROUTINE .*)$/, '$1xxxxxx$2');

/** Every line each command typed, for R6 and for us. */
interface Transcript {
  r6: string[][];
  ours: string[][];
}

function runBoth(commands: readonly string[], r6: ConsoleSession, ours: ConsoleSession): Transcript {
  return { r6: commands.map((c) => r6.type(c)), ours: commands.map((c) => ours.type(c)) };
}

describe('the same commands on the same disk: IBM R6 CMS and ours answer in the same format', () => {
  let folder: string;
  let disk: { path: string; remove(): void };
  let r6: ConsoleSession;
  let ours: ConsoleSession;
  let assembled: string[][];
  let build: CmsBuild;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'vm370-compare-r6-'));
    disk = scratchImage('cmsuser-191');
    writeFiles(disk.path, [
      ...Object.entries(SOURCES).map(([fn, lines]) => ({ fileId: `${fn} ASSEMBLE A1`, ...cards(lines) })),
      ...Object.entries(EXECS).map(([fn, lines]) => ({ fileId: `${fn} EXEC A1`, ...cards(lines) })),
    ]);
    build = buildOurCms();
    // Our ASSEMBLE writes the TEXT decks onto the R6 disk.
    const assembler = ourCmsSession(build, { storage: '2M', minidisks: [{ address: '191', image: disk.path }] });
    try {
      assembler.runUntilRead();
      assembler.type('ACCESS (NOPROF');
      assembled = Object.keys(SOURCES).map((fn) => assembler.type(`ASSEMBLE ${fn}`));
      assembled.push(assembler.type('LOAD HELLO1'), assembler.type('GENMOD HELLO1'));
    } finally {
      assembler.close();
    }
    // Each CMS on its own copy: the disk as assembled stays for freshPair.
    const r6Copy = join(folder, 'r6-191.ckd');
    const ourCopy = join(folder, 'ours-191.ckd');
    copyFileSync(disk.path, r6Copy);
    copyFileSync(disk.path, ourCopy);
    r6 = cmsSession([{ address: '191', image: r6Copy }]);
    ours = ourCmsSession(build, { storage: '2M', minidisks: [{ address: '191', image: ourCopy }] });
    // IPL, then the first line runs PROFILE EXEC (R6's profile on that disk: both fail alike
    // where R6's S-disk is missing, which this comparison does not look at).
    for (const s of [r6, ours]) {
      s.runUntilRead();
      s.type('');
    }
  }, 120_000);

  /** Both CMSes IPLed afresh, each on a copy of the disk as beforeAll left it, past PROFILE EXEC. */
  function freshPair(tag: string): { r6: ConsoleSession; ours: ConsoleSession } {
    const r6Copy = join(folder, `r6-${tag}.ckd`);
    const ourCopy = join(folder, `ours-${tag}.ckd`);
    copyFileSync(disk.path, r6Copy);
    copyFileSync(disk.path, ourCopy);
    const pair = {
      r6: cmsSession([{ address: '191', image: r6Copy }]),
      ours: ourCmsSession(build, { storage: '2M', minidisks: [{ address: '191', image: ourCopy }] }),
    };
    for (const s of [pair.r6, pair.ours]) {
      s.runUntilRead();
      s.type('');
    }
    return pair;
  }

  afterAll(() => {
    r6?.close();
    ours?.close();
    disk?.remove();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('our ASSEMBLE wrote the TEXT decks: no statement flagged', () => {
    for (const out of assembled.slice(0, -2)) expect(out).toEqual(['ASSEMBLER DONE', 'NO STATEMENTS FLAGGED IN THIS ASSEMBLY', expect.stringMatching(/^R; /)]);
    expect(assembled.slice(-2)).toEqual([[expect.stringMatching(/^R; /)], [expect.stringMatching(/^R; /)]]);
  });

  it('STATE, STATEW and ERASE: found, not found, bad file ids, a disk not accessed; the Ready message and its return code', () => {
    const t = runBoth(
      [
        'STATE PROFILE EXEC',
        'STATE NOSUCH FILE',
        'STATE',
        'STATE NOSUCH',
        'STATE NOSUCH FILE Z',
        'STATE * EXEC',
        'STATEW CMS EXEC',
        'STATEW NOSUCH EXEC',
        'ERASE',
        'ERASE NOSUCH FILE',
        'STATE HELLO TEXT A',
        'ERASE HELLO TEXT A',
        'STATE HELLO TEXT A',
      ],
      r6,
      ours,
    );
    expect(t.ours.map((lines) => lines.map(normalize))).toEqual(t.r6.map((lines) => lines.map(normalize)));
    // What the mapping leaves alone is compared as typed: R6's file system texts are ours.
    expect(t.ours[1]).toEqual(["DMSSTT002E File 'NOSUCH FILE' not found.", expect.stringMatching(/^R\(00028\); T=/)]);
    expect(t.r6[1]).toEqual(["DMSSTT002E File 'NOSUCH FILE' not found.", expect.stringMatching(/^Ready\(00028\); T=/)]);
  });

  it('EXEC: arguments, a loop, arithmetic, &RETCODE, &EXIT; commands typed with +++ R(nnnnn) +++; an EXEC calling another', () => {
    const t = runBoth(['EXEC EX1 A B', 'EX1 ONE', 'EX2', 'EXEC NOSUCH'], r6, ours);
    expect(t.ours.map((lines) => lines.map(normalize))).toEqual(t.r6.map((lines) => lines.map(normalize)));
    expect(t.ours[0]!.slice(0, -1)).toEqual(['ARGS 2 A B', 'PASS 1', 'PASS 2', 'PASS 3', "DMSSTT002E File 'NOSUCH FILE' not found.", 'RETCODE 28']);
    expect(t.ours[0]!.at(-1)).toMatch(/^R\(00003\); /);
  });

  it('CP commands: CP QUERY through DIAGNOSE 8, a CP error as R(-0001), an unknown command without a Ready message', () => {
    const t = runBoth(['CP QUERY USERID', 'CP QUERY VIRTUAL 009', 'CP FOOBAR', 'FOOBAR'], r6, ours);
    expect(t.ours.map((lines) => lines.map(normalize))).toEqual(t.r6.map((lines) => lines.map(normalize)));
    expect(t.ours[3]).toEqual(['UNKNOWN CP/CMS COMMAND']);
  });

  it('LOAD and START of TEXT decks our ASSEMBLE wrote: the program\'s output and return code; START of an entry not loaded', () => {
    const t = runBoth(['START NOSUCH', 'LOAD HELLO1', 'START', 'LOAD RC8', 'START', 'LOAD HELLO1', 'START HELLO1', 'START NOSUCH', 'LOAD RC8 (XYZ', 'LOAD', 'INCLUDE'], r6, ours);
    expect(t.ours.map((lines) => lines.map(normalize))).toEqual(t.r6.map((lines) => lines.map(normalize)));
    expect(t.ours[0]![0]).toBe("DMSLIO021E ENTRY POINT 'NOSUCH' NOT FOUND");
    expect(t.ours[2]!.slice(0, 2)).toEqual(['EXECUTION BEGINS...', 'HELLO, WORLD']);
  });

  it('LOAD or INCLUDE of a TEXT file that is not there: DMSLIO201W names it, rc 4; it stays undefined for the next INCLUDE', () => {
    const t = runBoth(['LOAD NOSUCH', 'START', 'LOAD NOSUCH (NOAUTO', 'INCLUDE NOSUCH', 'INCLUDE RC8', 'LOAD HELLO1 NOSUCH RC8', 'LOAD HELLO1'], r6, ours);
    expect(t.ours.map((lines) => lines.map(normalize))).toEqual(t.r6.map((lines) => lines.map(normalize)));
    expect(t.ours[0]).toEqual(['DMSLIO201W THE FOLLOWING NAMES ARE UNDEFINED:', ' NOSUCH', expect.stringMatching(/^R\(00004\); /)]);
  });

  it('GENMOD without a file name names the MODULE after the entry point; LOADMOD without one: DMSMOD001E', () => {
    const t = runBoth(['ERASE HELLO1 MODULE', 'LOAD HELLO1', 'GENMOD', 'STATE HELLO1 MODULE', 'LOAD RC8', 'GENMOD (NOMAP', 'STATE RC8 MODULE', 'LOADMOD'], r6, ours);
    expect(t.ours.map((lines) => lines.map(normalize))).toEqual(t.r6.map((lines) => lines.map(normalize)));
    expect(t.ours[3]).toEqual([expect.stringMatching(/^R; /)]);
  });

  // One program check a session, and nothing after it on R6: its next command wants SVCTRACE MODULE
  // from the S-disk it does not have here, and it ends in DMSABN152T SYSTEM ABEND 0F3 ... 'UFDBUSY'
  // = 02 and a disabled wait. Ours goes on (the last line).
  it.each([
    ['DIVIDE', 'FIXED-POINT DIVIDE'],
    ['PCHECK', 'OPERATION'],
  ])('a program check in a STARTed program (%s): DMSITP141T with the exception and USER PGM, then CMS and no Ready message', (fn, exception) => {
    const { r6: r6Fresh, ours: oursFresh } = freshPair(fn);
    try {
      const t = runBoth([`LOAD ${fn}`, 'START'], r6Fresh, oursFresh);
      // R6 types the address the program old PSW holds (past the failing instruction), ours the
      // failing instruction's: reported, and left out of the comparison.
      const shape = (tr: string[][]) => tr.map((lines) => lines.map((l) => withoutAddress(normalize(l))));
      expect(shape(t.ours)).toEqual(shape(t.r6));
      expect(t.ours[1]).toEqual(['EXECUTION BEGINS...', expect.stringMatching(new RegExp(`^DMSITP141T ${exception} EXCEPTION OCCURRED AT 02[0-9A-F]{4} IN ROUTINE USER PGM\\.$`)), 'CMS']);
      expect(oursFresh.type('STATE PROFILE EXEC')).toEqual([expect.stringMatching(/^R; /)]);
    } finally {
      r6Fresh.close();
      oursFresh.close();
    }
  });

  // R6's CMS EXEC on that disk (LISTFILE * * A (EXEC wrote it) has a line per file; with no
  // arguments each line is a command named after a file. Line 'TESTCMD C A1 ...' runs TESTCMD
  // MODULE (an EXEC finds MODULEs as the command line does); the others are unknown: -3.
  it('a MODULE our GENMOD wrote runs under R6; a command in an EXEC that names a MODULE runs it, as at the terminal', () => {
    const { r6: r6Fresh, ours: oursFresh } = freshPair('module');
    try {
      // The HELLO1 MODULE our GENMOD wrote: both run it by name, and from an EXEC.
      const both = runBoth(['HELLO1', 'EXEC EX3'], r6Fresh, oursFresh);
      expect(both.ours.map((lines) => lines.map(normalize))).toEqual(both.r6.map((lines) => lines.map(normalize)));
      expect(both.ours[1]).toEqual(['HELLO1', 'HELLO, WORLD', 'RC 0', expect.stringMatching(/^R; /)]);
      const t = runBoth(['EXEC CMS'], r6Fresh, oursFresh);
      const afterTestcmd = (lines: string[]) => lines[lines.findIndex((l) => l.startsWith('TESTCMD C A1')) + 1];
      // R6: TESTCMD's own first line (it wants the GCC library); never +++ R(-0003) +++.
      expect(afterTestcmd(t.r6[0]!)).toMatch(/^DMSMOD104S ERROR '3' READING FILE 'RESLIB MODULE'/);
      expect(t.ours[0]!.slice(0, 10).map(normalize)).toEqual(t.r6[0]!.slice(0, 10).map(normalize));
      expect(afterTestcmd(t.ours[0]!)).not.toBe('+++ R(-0003) +++');
    } finally {
      r6Fresh.close();
      oursFresh.close();
    }
  });

  // Every statement of these EXECs as R6 runs it: output, DMSEXT072E (number, line, text) and
  // the return code (R6 returns 830 for a divide by zero, with 820's text).
  it('the EXEC 1 language: built-ins, &IF, &LOOP, &ERROR, &CONTROL, the stack, &RETCODE, special variables, and each DMSEXT072E error', () => {
    const commands = [
      'BUILTIN', 'IFS', 'IFS X Y', 'IFNULLB A', 'ONERROR', 'ERRGOTO', 'CONTROLS', 'STACKS A B', 'BEGTYPE', 'NEGEXIT', 'NOWORD',
      'BADGOTO', 'BADSET', 'BADNUM', 'BADDIV', 'BADOVER', 'BADSPEC', 'BADSUBS', 'BADCTL', 'BADTIME', 'DEEP', 'EXEC',
    ];
    const { r6: r6Fresh, ours: oursFresh } = freshPair('exec');
    try {
      const t = runBoth(commands, r6Fresh, oursFresh);
      expect(t.ours.map((lines) => lines.map(normalize))).toEqual(t.r6.map((lines) => lines.map(normalize)));
      const rcs = t.ours.map((lines) => READY_LINE.exec(lines.at(-1) ?? '')?.[1] ?? '0');
      expect(rcs.slice(11)).toEqual(['00802', '00809', '00812', '00830', '00818', '00810', '00814', '00807', '00807', '00805', '00024']);
      expect(t.ours.at(-1)![0]).toBe('DMSEXC001E NO FILENAME SPECIFIED');
      expect(t.ours[1]).toEqual(['NO ARGS', 'DMSEXT072E ERROR IN EXEC FILE IFS, LINE 2 - INVALID FORM OF CONDITION', expect.stringMatching(/^R\(00808\); /)]);
      expect(t.ours[0]!.slice(-2, -1)).toEqual(['&X']);
    } finally {
      r6Fresh.close();
      oursFresh.close();
    }
  });
});
