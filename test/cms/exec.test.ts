// The EXEC 1 language of our CMS (cms/nucleus/dmsexc, dmsexd, dmsexv; CMS Command and Macro
// Reference R6, section 5): EXEC files on a fresh disk, typed at the console as a user types them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CmsBuild } from '../../src/cms/build.ts';
import type { ConsoleSession } from '../../src/cp/vm/session.ts';
import { buildExecCms, EXEC_ENTRIES, execDisk, execSession, run } from './exec-fixture.ts';

const FILES = {
  HELLO: ['&TYPE HELLO &1 WORLD', '&X = 2', '&Y = &X + 3', '&Z = &Y * 4 - 1', '&TYPE &Y &Z &INDEX &0', '&EXIT &Y'],
  BRANCH: [
    '&CONTROL OFF',
    '* a comment: never run',
    '&IF .&1 = .GO &GOTO -JUMP',
    '&TYPE NOT JUMPED',
    '&EXIT 1',
    '-JUMP &TYPE JUMPED',
    '&SKIP 1',
    '&TYPE SKIPPED',
    '&IF &INDEX EQ 2 &TYPE SECOND IS &2',
    '&IF .&3 = . &TYPE NO THIRD',
    '&IF 10 > 9 &TYPE NUMBERS COMPARE AS NUMBERS',
    '&IF ABC < ABD &TYPE WORDS COMPARE AS WORDS',
    '&IF &* EQ B &TYPE SOME ARGUMENT IS B',
    '&IF &$ NE X &TYPE NO ARGUMENT IS X',
    '&GOTO 17',
    '&TYPE NOT LINE 17',
    '&TYPE LINE 17',
  ],
  LOOPS: [
    '&CONTROL OFF',
    '&I = 0',
    '&LOOP 2 3',
    '&I = &I + 1',
    '&TYPE PASS &I',
    '&LOOP -DONE &I GE 5',
    '&I = &I + 1',
    '-DONE &TYPE I IS &I',
    '&LOOP 1 0',
    '&TYPE NEVER',
    '&TYPE END',
  ],
  STK: [
    '&STACK FIRST LINE',
    '&STACK SECOND',
    '&STACK LIFO ZERO',
    '&TYPE &READFLAG',
    '&READ VARS &A &B',
    '&TYPE A=&A B=&B',
    '&READ ARGS',
    '&TYPE &INDEX &1 &2',
    '&READ VARS &C',
    '&TYPE C=&C &READFLAG',
  ],
  BLOCKS: ['&BEGTYPE', 'TYPED   AS IT IS &1', '&END', '&BEGSTACK', 'CP QUERY USERID', '&END', '&READ 1', '&TYPE RC &RETCODE'],
  CMDS: [
    'STATE CMDS EXEC',
    '&TYPE RC &RETCODE',
    'STATE NOSUCH EXEC',
    '&TYPE RC &RETCODE',
    'CP QUERY USERID',
    'NOSUCHC',
    '&TYPE RC &RETCODE',
    '&EXIT &RETCODE',
  ],
  CTL: [
    '&CONTROL ALL',
    '&X = 1',
    'STATE CTL EXEC',
    '&CONTROL ERROR',
    'STATE CTL EXEC',
    'STATE NONE EXEC',
    '&CONTROL CMS TIME',
    'STATE CTL EXEC',
    '&CONTROL OFF',
    'STATE NONE EXEC',
    '&TYPE END',
  ],
  NOMSG: ['&CONTROL OFF NOMSG', 'STATE NOSUCH EXEC', '&TYPE RC &RETCODE', 'ERASE NOSUCH EXEC', '&TYPE RC &RETCODE', '&CONTROL MSG', 'STATE NOSUCH EXEC'],
  ERR: ['&CONTROL OFF', '&ERROR &GOTO -FAIL', 'STATE ERR EXEC', 'STATE NOSUCH EXEC', '&TYPE NOT HERE', '-FAIL &TYPE FAILED &RETCODE', '&ERROR &CONTINUE', 'STATE NOSUCH EXEC', '&TYPE GOES ON'],
  OUTER: ['&CONTROL OFF', '&TYPE OUTER &GLOBAL', 'EXEC INNER X Y', '&TYPE BACK &RETCODE &GLOBAL'],
  INNER: ['&CONTROL OFF', '&TYPE INNER &GLOBAL &1 &2 &0', '&EXIT 7'],
  BUILTIN: [
    '&A = &CONCAT AB CD EF',
    '&L = &LENGTH &A',
    '&S = &SUBSTR &A 3 2',
    '&T = &DATATYPE &L',
    '&U = &DATATYPE &A',
    '&V = &LITERAL &A',
    '&TYPE &A &L &S &T &U &V',
    '&N = 7',
    '&P = N',
    '&TYPE INDIRECT &&P',
    '&I = 2',
    '&X&I = TWO',
    '&TYPE &X2',
  ],
  ARGS: ['&ARGS ONE TWO', '&TYPE &INDEX &1 &2 &3', '&1 = UNO', '&TYPE &1'],
  BADGOTO: ['&TYPE BEFORE', '&GOTO -NOWHERE', '&TYPE AFTER'],
  BADNUM: ['&X = A + 1'],
  BADCTL: ['&CONTROL SOMETIMES'],
  DEEP: ['&CONTROL OFF', '&LOOP 5 1', '&LOOP 4 1', '&LOOP 3 1', '&LOOP 2 1', '&LOOP 1 1', '&TYPE TOO DEEP'],
  ASK: ['&CONTROL OFF', '&TYPE WHAT IS YOUR NAME?', '&READ VARS &NAME', '&TYPE HELLO &NAME'],
  LEAVE: ['&CONTROL OFF', '&STACK CP QUERY USERID', '&TYPE LEAVING'],
  SEQ: { lines: ['&TYPE COLUMNS 1-72 ONLY'.padEnd(72) + 'SEQ00010', '&EXIT 3'.padEnd(72) + '00000020'], recfm: 'F' as const },
  FIXED: {
    lines: ['&BEGTYPE', 'SHORT'.padEnd(72) + 'SEQ00020', '&END', '&BEGTYPE ALL', 'WHOLE'.padEnd(72) + 'SEQ00040', '&END'],
    recfm: 'F' as const,
  },
  QUIET: ['&CONTROL OFF', '&TYPE LOUD', '&STACK HT', '&TYPE QUIET', 'STATE NOSUCH EXEC', '&STACK RT', '&TYPE LOUD AGAIN', '&TYPE &TYPEFLAG'],
  NULLS: ['&CONTROL OFF', '&BEGSTACK', '', '&END', '&STACK', '&READ VARS &A', '&TYPE A=&A', '&READ ARGS', '&TYPE &INDEX'],
  QUERY: ['&CONTROL OFF', '&TYPE MY OWN QUERY'],
  LONG: ['&A = ABCDEFGH', '&TYPE' + ' &A'.repeat(40)],
  TIMED: ['&CONTROL OFF', '&TIME ON', 'STATE TIMED EXEC', '&TIME OFF', 'STATE TIMED EXEC', '&TIME RESET', '&TIME TYPE', '&TIME SOMETIMES'],
  WIDE: { lines: ['&TYPE TOO WIDE'], recfm: 'F' as const, lrecl: 132 },
  SELF: ['&CONTROL OFF', 'EXEC SELF'],
  SPECIAL: [
    '&CONTROL OFF',
    '&TYPE &LINENUM &EXEC &GLOBAL &TYPEFLAG',
    '&SPACE 2',
    '&EMSG TST001E LONGERWORDS ARE CUT',
    '&CONTINUE',
    '&TYPE &LINENUM',
    '&BEGEMSG',
    'TST002W LONGERWORDS ARE NOT CUT HERE &1',
    '&END',
  ],
  FOREVER: ['&CONTROL OFF', '&N = 0', '-AGAIN &N = &N + 1', '&GOTO -AGAIN'],
  // the example of docs/cms/exec.md
  COUNT: [
    '&CONTROL OFF NOMSG',
    '&IF &INDEX EQ 0 &GOTO -USAGE',
    'STATE &1 EXEC',
    '&IF &RETCODE NE 0 &EXIT 28',
    '&N = 0',
    '-AGAIN &N = &N + 1',
    '&TYPE PASS &N OF &2',
    '&IF &N LT &2 &GOTO -AGAIN',
    '&EXIT 0',
    '-USAGE &TYPE USAGE: &0 NAME COUNT',
    '&EXIT 24',
  ],
};

describe('EXEC: the EXEC 1 language', () => {
  let build: CmsBuild;
  let disk: { path: string; remove(): void };
  let session: ConsoleSession;
  beforeAll(() => {
    build = buildExecCms();
    disk = execDisk(FILES);
    session = execSession(build, disk.path);
    // The first line after IPL runs PROFILE EXEC (there is none): an empty line just types CMS.
    expect(session.type('')).toEqual(['CMS']);
  });
  afterAll(() => {
    session.close();
    disk.remove();
  });

  it('the interpreter is linked: EXEC in the command table, no entry point unresolved', () => {
    for (const name of EXEC_ENTRIES) {
      expect(build.symbols.get(name), name).toBeGreaterThan(0);
      expect(build.unresolved).not.toContain(name);
    }
  });

  it('EXEC fn args: &TYPE, &1, assignment with integer arithmetic, &INDEX, &0; &EXIT rc is the Ready code', () => {
    expect(run(session, 'EXEC HELLO THERE')).toEqual({ out: ['HELLO THERE WORLD', '5 19 1 HELLO'], rc: 5 });
    expect(session.type('EXEC HELLO')[0]).toBe('HELLO WORLD');
  });

  it('implied EXEC: the file name alone runs the EXEC (SET IMPEX ON); with IMPEX OFF it goes to CP', () => {
    expect(run(session, 'HELLO AGAIN').out[0]).toBe('HELLO AGAIN WORLD');
    expect(run(session, 'SET IMPEX OFF').out).toEqual([]);
    expect(session.type('HELLO AGAIN')).toEqual(['UNKNOWN CP/CMS COMMAND']);
    expect(run(session, 'SET IMPEX ON').out).toEqual([]);
  });

  it('an EXEC file comes before a nucleus command of the same name (the R6 search order)', () => {
    expect(run(session, 'QUERY IMPEX')).toEqual({ out: ['MY OWN QUERY'], rc: 0 });
    expect(run(session, 'EXEC QUERY').out).toEqual(['MY OWN QUERY']);
  });

  it('&IF with numbers and words, &* and &$, &GOTO -label and line n, &SKIP, comments and labels', () => {
    expect(run(session, 'BRANCH GO B')).toEqual({
      out: [
        'JUMPED',
        'SECOND IS B',
        'NO THIRD',
        'NUMBERS COMPARE AS NUMBERS',
        'WORDS COMPARE AS WORDS',
        'SOME ARGUMENT IS B',
        'NO ARGUMENT IS X',
        'LINE 17',
      ],
      rc: 0,
    });
    expect(run(session, 'BRANCH')).toEqual({ out: ['NOT JUMPED'], rc: 1 });
  });

  it('&LOOP n m repeats n lines m times; &LOOP -label cond until the condition holds; m = 0 skips', () => {
    expect(run(session, 'LOOPS').out).toEqual(['PASS 1', 'PASS 2', 'PASS 3', 'I IS 4', 'I IS 5', 'END']);
  });

  it('&STACK FIFO and LIFO, then &READ VARS and &READ ARGS take the stacked lines; &READFLAG', () => {
    expect(run(session, 'STK').out).toEqual(['STACK', 'A=ZERO B=', '2 FIRST LINE', 'C=SECOND CONSOLE']);
  });

  it('&BEGTYPE types lines as they are; &BEGSTACK stacks them and &READ 1 runs the line read', () => {
    expect(run(session, 'BLOCKS X').out).toEqual(['TYPED   AS IT IS &1', 'CP QUERY USERID', 'CMSUSER AT VM370', 'RC 0']);
  });

  it('commands: typed first (&CONTROL CMS), &RETCODE, +++ R(nnnnn) +++, CP commands need CP', () => {
    expect(run(session, 'CMDS')).toEqual({
      out: [
        'STATE CMDS EXEC',
        'RC 0',
        'STATE NOSUCH EXEC',
        "DMSSTT002E File 'NOSUCH EXEC' not found.",
        '+++ R(00028) +++',
        'RC 28',
        'CP QUERY USERID',
        'CMSUSER AT VM370',
        'NOSUCHC',
        '+++ R(-0003) +++',
        'RC -3',
      ],
      rc: -3,
    });
  });

  it('&CONTROL ALL types statements too, ERROR only failing commands, TIME the time, OFF nothing', () => {
    expect(run(session, 'CTL').out).toEqual([
      '&X = 1',
      'STATE CTL EXEC',
      '&CONTROL ERROR',
      "DMSSTT002E File 'NONE EXEC' not found.",
      'STATE NONE EXEC',
      '+++ R(00028) +++',
      '09:00:00 STATE CTL EXEC',
      "DMSSTT002E File 'NONE EXEC' not found.",
      'END',
    ]);
  });

  it('&CONTROL NOMSG: no file-not-found message from STATE or ERASE; MSG: again', () => {
    expect(run(session, 'NOMSG').out).toEqual(['RC 28', 'RC 28', "DMSSTT002E File 'NOSUCH EXEC' not found."]);
  });

  it('&TIME ON types the CPU times after each command; &TIME TYPE now; a bad operand is an error', () => {
    const times = /^T=\d+\.\d\d\/\d+\.\d\d \d\d:\d\d:\d\d$/;
    const { out, rc } = run(session, 'TIMED');
    expect(out).toEqual([expect.stringMatching(times), expect.stringMatching(times), 'DMSEXT072E ERROR IN EXEC FILE TIMED, LINE 8 - INVALID SYNTAX']);
    expect(rc).toBe(807);
  });

  it('&ERROR runs its statement after a failing command; &ERROR &CONTINUE goes on', () => {
    expect(run(session, 'ERR').out).toEqual([
      "DMSSTT002E File 'NOSUCH EXEC' not found.",
      'FAILED 28',
      "DMSSTT002E File 'NOSUCH EXEC' not found.",
      'GOES ON',
    ]);
  });

  it('a nested EXEC: &GLOBAL is its level, its &EXIT code is the caller\'s &RETCODE', () => {
    expect(run(session, 'OUTER')).toEqual({ out: ['OUTER 1', 'INNER 2 X Y INNER', 'BACK 7 1'], rc: 0 });
  });

  it('built-in functions &CONCAT &LENGTH &SUBSTR &DATATYPE &LITERAL; && is a variable named by one; &X&I = assigns &X2', () => {
    expect(run(session, 'BUILTIN').out).toEqual(['ABCDEF 6 CD NUM ALPHA &A', 'INDIRECT 7', 'TWO']);
  });

  it('&LINENUM, &EXEC, &GLOBAL, &TYPEFLAG; &SPACE n types empty lines; &EMSG a DMS message (words cut to 8), &BEGEMSG lines as they are', () => {
    expect(run(session, 'SPECIAL').out).toEqual([
      '2 SPECIAL 1 RT',
      '',
      '',
      'DMSTST001E LONGERWO ARE CUT',
      '6',
      'DMSTST002W LONGERWORDS ARE NOT CUT HERE &1',
    ]);
  });

  it('&ARGS sets new arguments; &1 can be assigned', () => {
    expect(run(session, 'ARGS A B C').out).toEqual(['2 ONE TWO', 'UNO']);
  });

  it('an F 80 file is read in columns 1-72 (sequence numbers ignored)', () => {
    expect(run(session, 'SEQ')).toEqual({ out: ['COLUMNS 1-72 ONLY'], rc: 3 });
  });

  it('&BEGTYPE in an F 80 file types columns 1-72; &BEGTYPE ALL the whole line', () => {
    expect(run(session, 'FIXED').out).toEqual(['SHORT', `${'WHOLE'.padEnd(72)}SEQ00040`]);
  });

  it('&STACK HT halts the typing at once (commands run), &STACK RT resumes it; &TYPEFLAG', () => {
    expect(run(session, 'QUIET').out).toEqual(['LOUD', 'LOUD AGAIN', 'RT']);
  });

  it('a null line in &BEGSTACK stacks a blank, &STACK alone a null line', () => {
    expect(run(session, 'NULLS').out).toEqual(['A=', '0']);
  });

  it('&READ with nothing stacked reads the console (VM READ), upper-cased', () => {
    expect(session.type('ASK')).toEqual(['WHAT IS YOUR NAME?']);
    expect(session.consoleStatus).toBe('VM READ');
    expect(run(session, 'guest').out).toEqual(['HELLO GUEST']);
  });

  it('a line an EXEC leaves stacked is the command loop\'s next command', () => {
    const out = session.type('LEAVE');
    expect(out[0]).toBe('LEAVING');
    expect(out[1]).toMatch(/^R; /);
    expect(out[2]).toBe('CMSUSER AT VM370');
    expect(out[3]).toMatch(/^R; /);
    expect(out).toHaveLength(4);
  });

  it('errors end the EXEC with DMSEXT072E and 800 + n; CMS goes on', () => {
    expect(run(session, 'BADGOTO')).toEqual({ out: ['BEFORE', 'DMSEXT072E ERROR IN EXEC FILE BADGOTO, LINE 2 - &SKIP OR &GOTO ERROR'], rc: 802 });
    expect(run(session, 'BADNUM')).toEqual({ out: ['DMSEXT072E ERROR IN EXEC FILE BADNUM, LINE 1 - CONVERSION ERROR'], rc: 812 });
    expect(run(session, 'BADCTL')).toEqual({ out: ['DMSEXT072E ERROR IN EXEC FILE BADCTL, LINE 1 - INVALID SYNTAX'], rc: 807 });
    expect(run(session, 'DEEP')).toEqual({ out: ['DMSEXT072E ERROR IN EXEC FILE DEEP, LINE 6 - MAX DEPTH OF LOOP NESTING EXCEEDED'], rc: 805 });
    expect(run(session, 'EXEC NOSUCH')).toEqual({ out: ['DMSEXT072E ERROR IN EXEC FILE NOSUCH, LINE 0 - FILE NOT FOUND'], rc: 801 });
    expect(run(session, 'EXEC')).toEqual({ out: ['DMSEXC001E NO FILENAME SPECIFIED'], rc: 24 });
    expect(run(session, 'EXEC HELLO OK').out[0]).toBe('HELLO OK WORLD');
  });

  it('the example of the EXEC guide (docs/cms/exec.md)', () => {
    expect(run(session, 'COUNT COUNT 3')).toEqual({ out: ['PASS 1 OF 3', 'PASS 2 OF 3', 'PASS 3 OF 3'], rc: 0 });
    expect(run(session, 'COUNT NOSUCH 3')).toEqual({ out: [], rc: 28 });
    expect(run(session, 'COUNT')).toEqual({ out: ['USAGE: COUNT NAME COUNT'], rc: 24 });
  });

  it('HX after an attention ends an EXEC that loops without typing: CMS, no Ready', () => {
    session.enter('FOREVER');
    expect(session.vm.run(200_000).outcome).toBe('budget');
    session.vm.console?.attention();
    session.enter('hx');
    expect(session.runUntilRead()).toEqual(['CMS']);
    expect(run(session, 'EXEC HELLO AFTER').out[0]).toBe('HELLO AFTER WORLD');
  });

  it('a line substituted is 130 characters at most: the words after that are left out', () => {
    expect(run(session, 'LONG').out).toEqual([Array(14).fill('ABCDEFGH').join(' ')]);
  });

  it('a file of records longer than 130: BAD FILE FORMAT', () => {
    expect(run(session, 'WIDE')).toEqual({ out: ['DMSEXT072E ERROR IN EXEC FILE WIDE, LINE 0 - BAD FILE FORMAT'], rc: 803 });
  });

  it('an EXEC that calls itself without end: SVC calls nested too deep, DMSABN148T; CMS goes on', () => {
    const out = session.type('SELF');
    expect(out).toEqual([expect.stringMatching(/^DMSABN148T SYSTEM ABEND 0CA CALLED FROM [0-9A-F]{6}$/), 'CMS']);
    expect(run(session, 'EXEC HELLO STILL').out[0]).toBe('HELLO STILL WORLD');
  });

  it('more than 30 arguments: TOO MANY ARGUMENTS', () => {
    const args = Array.from({ length: 31 }, (_, i) => String(i % 10)).join(' ');
    expect(run(session, `EXEC HELLO ${args}`)).toEqual({ out: ['DMSEXT072E ERROR IN EXEC FILE HELLO, LINE 0 - TOO MANY ARGUMENTS'], rc: 804 });
  });
});
