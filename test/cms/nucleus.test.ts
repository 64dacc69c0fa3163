// Our CMS nucleus in a virtual machine: IPL by name, the banner, the command loop with its Ready
// message, the CP command and implied CP, SET/QUERY IMPCP, SVC 202 from a program (nested calls,
// the error-address word), and a program check that ends the command, not CMS.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assemble } from '../../src/asm/index.ts';
import { join } from 'node:path';
import { CMS_ROOT, type CmsBuild } from '../../src/cms/index.ts';
import type { ConsoleSession } from '../../src/cp/vm/session.ts';
import { addCommand, buildOurCms, NUCLEUS_ONLY, ourCmsSession, READY, wordAt } from './helpers.ts';

const NUCSTOR = 0x208;

/** Assembles a small program for the user area; its bytes from `origin`. */
function program(source: string): Uint8Array {
  const result = assemble(source, { file: 'program.assemble', maclibs: [join(CMS_ROOT, 'maclib')] });
  if (result.returnCode > 0) throw new Error(result.messages.map((m) => `${m.line}: ${m.code} ${m.text}`).join('\n'));
  return result.core.bytes;
}

let build: CmsBuild;
beforeAll(() => {
  build = buildOurCms(NUCLEUS_ONLY);
});

describe('IPL CMS (our nucleus) in a 1M virtual machine', () => {
  let session: ConsoleSession;
  beforeAll(() => {
    session = ourCmsSession(build, { storage: '1M' });
  });
  afterAll(() => session.close());

  it('types the banner and puts the console in VM READ', () => {
    expect(session.runUntilRead()).toEqual(['CMS VERSION 6.0 VM370 - 01/01/26 00:00']);
    expect(session.outcome).toBe('console-read');
    expect(session.consoleStatus).toBe('VM READ');
  });

  it('IPL to the first console read is a short path: under 5,000 instructions (npm run bench times it)', () => {
    expect(session.vm.cpu.instructions).toBeLessThan(5_000);
  });

  it('asked CP for its storage size (DIAGNOSE X\'60\') and keeps it in NUCON', () => {
    expect(session.vm.counts.diagnose.get(0x60)).toBe(1);
    expect(wordAt(session, NUCSTOR)).toBe(1024 * 1024);
  });

  it('CP QUERY USERID: CP\'s response, then R; with the CPU times and the time of day', () => {
    const out = session.type('CP QUERY USERID');
    expect(out).toEqual(['CMSUSER AT VM370', expect.stringMatching(READY)]);
    expect(out[1]).toMatch(/^R; T=\d+\.\d\d\/\d+\.\d\d 09:00:00$/);
  });

  it('a command typed in lower case with extra blanks is upper-cased and tokenized', () => {
    expect(session.type('   cp   query userid  ')).toEqual(['CMSUSER AT VM370', expect.stringMatching(/^R; /)]);
  });

  it('a CP error comes back as the return code: R(00045)', () => {
    expect(session.type('CP QUERY XYZZY')).toEqual(['DMKCQG045E XYZZY NOT LOGGED ON', expect.stringMatching(/^R\(00045\); T=/)]);
  });

  it('CP with a command CP does not know: R(-0001), as R6 CMS shows it', () => {
    expect(session.type('CP FOO')).toEqual([expect.stringMatching(/^R\(-0001\); T=/)]);
  });

  it('an unknown command goes to CP (IMPCP); CP does not know it either: UNKNOWN CP/CMS COMMAND, no Ready', () => {
    expect(session.type('FOO')).toEqual(['UNKNOWN CP/CMS COMMAND']);
    expect(session.outcome).toBe('console-read');
  });

  it('implied CP: a CP command typed without CP (CLOSE is no CMS command; Q is QUERY, a CMS one)', () => {
    expect(session.type('close 00e')).toEqual([expect.stringMatching(/^R; /)]);
    expect(session.type('cp query userid')).toEqual(['CMSUSER AT VM370', expect.stringMatching(/^R; /)]);
    expect(session.type('q userid')).toEqual(["DMSQRY070E INVALID PARAMETER 'USERID'", expect.stringMatching(/^R\(00024\); /)]);
  });

  it('SET RDYMSG SMSG gives the short Ready message R;, LMSG the long one; QUERY RDYMSG says which', () => {
    expect(session.type('QUERY RDYMSG')).toEqual(['RDYMSG = LMSG', expect.stringMatching(/^R; T=/)]);
    expect(session.type('SET RDYMSG SMSG')).toEqual(['R;']);
    expect(session.type('QUERY RDYMSG')).toEqual(['RDYMSG = SMSG', 'R;']);
    expect(session.type('SET RDYMSG BOTH')).toEqual(["DMSSET070E INVALID PARAMETER 'BOTH'", 'R(00024);']);
    expect(session.type('SET RDYMSG LMSG')).toEqual([expect.stringMatching(/^R; T=\d+\.\d\d\/\d+\.\d\d \d\d:\d\d:\d\d$/)]);
  });

  it('QUERY with a function neither CMS nor the file system knows: DMSQRY070E', () => {
    expect(session.type('QUERY TIME')).toEqual(["DMSQRY070E INVALID PARAMETER 'TIME'", expect.stringMatching(/^R\(00024\); /)]);
  });

  it('an empty line types CMS; a line of blanks does nothing', () => {
    expect(session.type('')).toEqual(['CMS']);
    expect(session.type('    ')).toEqual([]);
  });

  it('CP alone enters CP mode; BEGIN comes back with R;', () => {
    expect(session.type('CP')).toEqual([]);
    expect(session.outcome).toBe('cp-read');
    expect(session.type('BEGIN')).toEqual([expect.stringMatching(/^R; /)]);
  });

  it('QUERY and SET IMPCP; with IMPCP OFF an unknown command is UNKNOWN CMS COMMAND', () => {
    expect(session.type('QUERY IMPCP')).toEqual(['IMPCP = ON', expect.stringMatching(/^R; /)]);
    expect(session.type('SET IMPCP OFF')).toEqual([expect.stringMatching(/^R; /)]);
    expect(session.type('QUERY IMPCP')).toEqual(['IMPCP = OFF', expect.stringMatching(/^R; /)]);
    expect(session.type('FOO')).toEqual(['UNKNOWN CMS COMMAND']);
    expect(session.type('SET IMPCP ON')).toEqual([expect.stringMatching(/^R; /)]);
    expect(session.type('FOO')).toEqual(['UNKNOWN CP/CMS COMMAND']);
  });

  it('SET and QUERY errors: DMSSET070E, DMSSET047E, return code 24', () => {
    expect(session.type('SET IMPEX MAYBE')).toEqual(["DMSSET070E INVALID PARAMETER 'MAYBE'", expect.stringMatching(/^R\(00024\); /)]);
    expect(session.type('SET')).toEqual(['DMSSET047E NO FUNCTION SPECIFIED', expect.stringMatching(/^R\(00024\); /)]);
  });

  it('error messages follow CP SET EMSG (DIAGNOSE X\'5C\'): TEXT drops the code, OFF drops the message', () => {
    session.type('CP SET EMSG TEXT');
    expect(session.type('SET')).toEqual(['NO FUNCTION SPECIFIED', expect.stringMatching(/^R\(00024\); /)]);
    expect(session.type('FOO')).toEqual(['UNKNOWN CP/CMS COMMAND']);
    session.type('CP SET EMSG OFF');
    expect(session.type('SET')).toEqual([expect.stringMatching(/^R\(00024\); /)]);
    session.type('CP SET EMSG ON');
    expect(session.type('SET')[0]).toBe('DMSSET047E NO FUNCTION SPECIFIED');
  });

  it('a program that returns 28: R(00028)', () => {
    addCommand(session, build, 'FAIL', program(' START X\'20000\'\n LA 15,28\n BR 14\n END'), 0x2_0000, 0x2_0f00);
    expect(session.type('FAIL')).toEqual([expect.stringMatching(/^R\(00028\); T=\d+\.\d\d\/\d+\.\d\d \d\d:\d\d:\d\d$/)]);
  });

  it('T= counts the CPU time since the last Ready: a long loop shows, the next command starts from 0', () => {
    const burn = program(" START X'20C00'\n USING *,15\n L 1,=F'2000000'\n BCT 1,*\n SR 15,15\n BR 14\n LTORG\n END");
    addCommand(session, build, 'BURN', burn, 0x2_0c00, 0x2_0f60);
    const [ready] = session.type('BURN');
    const m = /^R; T=(\d+\.\d\d)\/(\d+\.\d\d) \d\d:\d\d:\d\d$/.exec(ready!);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(0);
    expect(Number(m![2])).toBeGreaterThanOrEqual(Number(m![1]));
    expect(session.type('CP QUERY USERID')[1]).toMatch(/^R; T=0\.00\/0\.0\d /);
  });

  it('a program check in a program ends it: DMSITP141T, CMS, and no Ready (as R6 CMS does); CMS goes on', () => {
    addCommand(session, build, 'BOOM', program(' START X\'20100\'\n LA 1,1\n DC H\'0\'\n END'), 0x2_0100, 0x2_0f10);
    expect(session.type('BOOM')).toEqual(['DMSITP141T OPERATION EXCEPTION OCCURRED AT 020104 IN ROUTINE USER PGM.', 'CMS']);
    expect(session.outcome).toBe('console-read');
    expect(session.type('CP QUERY USERID')).toEqual(['CMSUSER AT VM370', expect.stringMatching(/^R; /)]);
    // And again: the abend left nothing behind (SVC nesting, the program-check exit).
    expect(session.type('BOOM')).toEqual(['DMSITP141T OPERATION EXCEPTION OCCURRED AT 020104 IN ROUTINE USER PGM.', 'CMS']);
    expect(session.type('FAIL')).toEqual([expect.stringMatching(/^R\(00028\); /)]);
  });

  it('a program check in the nucleus names the module that holds the address (the build\'s module map)', () => {
    const dmsfree = build.symbols.get('DMSFREE')!;
    const source = `
BADSAVE  START X'20300'
         USING BADSAVE,12
         LR    12,15
         L     13,=A(X'F00000')    a save area beyond storage
         LA    0,8
         L     15,=A(X'${dmsfree.toString(16)}')
         BALR  14,15
         BR    14
         LTORG
         END`;
    addCommand(session, build, 'BADSAVE', program(source), 0x2_0300, 0x2_0f70);
    const at = (dmsfree + 4).toString(16).toUpperCase().padStart(6, '0');
    expect(session.type('BADSAVE')).toEqual([`DMSITP141T ADDRESSING EXCEPTION OCCURRED AT ${at} IN ROUTINE DMSFRE.`, 'CMS']);
    expect(session.type('CP QUERY USERID')).toEqual(['CMSUSER AT VM370', expect.stringMatching(/^R; /)]);
  });

  it('an SVC CMS does not simulate, and SVC 202 calls nested too deep, end the program with DMSABN148T', () => {
    addCommand(session, build, 'OSEXIT', program(" START X'20380'\n SVC 99\n BR 14\n END"), 0x2_0380, 0x2_0f80);
    expect(session.type('OSEXIT')).toEqual(['DMSABN148T SYSTEM ABEND 0F0 CALLED FROM 020382', 'CMS']);
    const recurse = program(" START X'203C0'\n USING *,15\n LA 1,PL\n SVC 202\n BR 14\nPL DC CL8'RECURSE',8X'FF'\n END");
    addCommand(session, build, 'RECURSE', recurse, 0x2_03c0, 0x2_0f50);
    expect(session.type('RECURSE')).toEqual(['DMSABN148T SYSTEM ABEND 0CA CALLED FROM 0203C6', 'CMS']);
    expect(session.type('CP QUERY USERID')).toEqual(['CMSUSER AT VM370', expect.stringMatching(/^R; /)]);
  });

  it('WRTERM and RDTERM (the R6 macros, SVC 202 TYPLIN and WAITRD): R0 is the length read', () => {
    const source = `
HELLO    START X'20500'
         USING HELLO,12
         LR    12,15
         WRTERM 'HELLO, WORLD'
         RDTERM BUFFER
         LR    3,0
         WRTERM BUFFER,5
         RDTERM BUFFER,EDIT=NO
         WRTERM BUFFER,5
         SR    15,15
         CH    3,=H'9'
         BER   14
         LA    15,1
         BR    14
         LTORG
BUFFER   DS    CL130
         END`;
    addCommand(session, build, 'HELLO', program(source), 0x2_0500, 0x2_0f40);
    expect(session.type('hello')).toEqual(['HELLO, WORLD']);
    expect(session.type('abcde xyz')).toEqual(['ABCDE']);
    expect(session.type('abcde xyz')).toEqual(['abcde', expect.stringMatching(/^R; /)]);
  });

  it('SVC 202 from a program: a nested CP command, the error-address word, R15 = -3 for no such command', () => {
    const source = `
NEST     START X'20200'
         STM   14,12,12(13)
         LR    12,15
         USING NEST,12
         LA    1,PL1               CP QUERY USERID: R15 = 0
         SVC   202
         DC    AL4(BAD)            not taken: R15 is 0
         LA    1,PL2               no such command: R15 = -3
         SVC   202
         DC    AL4(GOOD)           taken
         LA    15,99
         B     RET
GOOD     C     15,=F'-3'
         BNE   BAD
         LA    1,PL2               no error address: back with -3
         SVC   202
         C     15,=F'-3'
         BNE   BAD
         LA    15,7
RET      L     14,12(,13)
         LM    0,12,20(13)
         BR    14
BAD      LA    15,98
         B     RET
PL1      DC    CL8'CP',CL8'QUERY',CL8'USERID',8X'FF'
PL2      DC    CL8'NOSUCH',8X'FF'
         LTORG
         END`;
    addCommand(session, build, 'NEST', program(source), 0x2_0200, 0x2_0f20);
    expect(session.type('NEST')).toEqual(['CMSUSER AT VM370', expect.stringMatching(/^R\(00007\); /)]);
  });
});

describe('IPL CMS in a 15M virtual machine with the console at 01F', () => {
  let session: ConsoleSession;
  beforeAll(() => {
    session = ourCmsSession(build, { storage: '15M', consoleAddress: 0x01f });
  });
  afterAll(() => session.close());

  it('finds its storage and its console (DIAGNOSE X\'24\') and runs commands', () => {
    expect(session.runUntilRead()).toEqual(['CMS VERSION 6.0 VM370 - 01/01/26 00:00']);
    expect(wordAt(session, NUCSTOR)).toBe(15 * 1024 * 1024);
    expect(session.type('CP QUERY USERID')).toEqual(['CMSUSER AT VM370', expect.stringMatching(READY)]);
  });
});

describe('nucleus services for programs: DMSFREE, DMSFRET, DMSCMD', () => {
  let session: ConsoleSession;
  const RESULTS = 0x2_0800;
  beforeAll(() => {
    session = ourCmsSession(build, { storage: '1M' });
    session.runUntilRead();
  });
  afterAll(() => session.close());

  it('DMSFREE gives doubleword-aligned storage below the user area, DMSFRET takes it back; DMSCMD runs command lines', () => {
    const at = (name: string): string => `X'${build.symbols.get(name)!.toString(16).toUpperCase()}'`;
    const source = `
SVCS     START X'20400'
         STM   14,12,12(13)
         LR    12,15
         USING SVCS,12
         LR    11,13
         LA    13,SAVE
         LA    0,100               100 bytes
         L     15,=A(${at('DMSFREE')})
         BALR  14,15
         ST    15,RES              +0 rc
         ST    1,RES+4             +4 address
         L     0,=F'16000000'      more than there is
         L     15,=A(${at('DMSFREE')})
         BALR  14,15
         ST    15,RES+8
         L     1,RES+4             give the 100 bytes back
         LA    0,100
         L     15,=A(${at('DMSFRET')})
         BALR  14,15
         ST    15,RES+12
         L     1,RES+4             and again: not allocated
         LA    0,100
         L     15,=A(${at('DMSFRET')})
         BALR  14,15
         ST    15,RES+16
         LA    1,CMD1              a command line
         LA    0,L'CMD1
         L     15,=A(${at('DMSCMD')})
         BALR  14,15
         ST    15,RES+20
         LA    1,CMD2              an unknown one
         LA    0,L'CMD2
         L     15,=A(${at('DMSCMD')})
         BALR  14,15
         ST    15,RES+24
         LR    13,11
         L     14,12(,13)
         LM    0,12,20(13)
         SR    15,15
         BR    14
CMD1     DC    C'cp query userid'
CMD2     DC    C'nosuch'
         LTORG
SAVE     DS    18F
         ORG   SVCS+X'400'
RES      DS    8F
         END`;
    const bytes = assemble(source, { file: 'svcs.assemble' });
    expect(bytes.messages).toEqual([]);
    addCommand(session, build, 'SVCS', bytes.core.bytes, 0x2_0400, 0x2_0f30);
    expect(session.type('SVCS')).toEqual(['CMSUSER AT VM370', 'UNKNOWN CP/CMS COMMAND', expect.stringMatching(/^R; /)]);
    const result = (i: number): number => wordAt(session, RESULTS + 4 * i) | 0;
    expect(result(0)).toBe(0);
    const address = result(1);
    expect(address % 8).toBe(0);
    expect(address).toBeGreaterThanOrEqual(build.end);
    expect(address + 104).toBeLessThanOrEqual(0x2_0000);
    expect(result(2)).toBe(4);
    expect(result(3)).toBe(0);
    expect(result(4)).toBe(8);
    expect(result(5)).toBe(0);
    expect(result(6)).toBe(-3);
  });
});

describe('attention while a program runs: HX and stacked lines', () => {
  let session: ConsoleSession;
  beforeAll(() => {
    session = ourCmsSession(build, { storage: '1M' });
    session.runUntilRead();
    addCommand(session, build, 'LOOP', program(" START X'20000'\n USING *,15\n B *\n END"), 0x2_0000, 0x2_0f00);
    const count = program(" START X'20100'\n USING *,15\n L 1,=F'300000'\n BCT 1,*\n SR 15,15\n BR 14\n LTORG\n END");
    addCommand(session, build, 'COUNT', count, 0x2_0100, 0x2_0f10);
  });
  afterAll(() => session.close());

  it('HX after an attention ends a looping program: CMS, then the command loop (no Ready)', () => {
    session.enter('LOOP');
    expect(session.vm.run(100_000).outcome).toBe('budget');
    session.vm.console?.attention();
    session.enter('hx');
    expect(session.runUntilRead()).toEqual(['CMS']);
    expect(session.type('CP QUERY USERID')).toEqual(['CMSUSER AT VM370', expect.stringMatching(/^R; /)]);
  });

  it('HX ends a program that keeps writing to the console (the attention comes while CMS waits for a write)', () => {
    const source = `
TICKS    START X'20200'
         USING TICKS,12
         LR    12,15
         LA    13,SAVE
LOOP     LA    1,TEXT
         LA    0,4
         L     15,=A(X'${build.symbols.get('DMSWRT')!.toString(16)}')
         BALR  14,15
         B     LOOP
TEXT     DC    C'TICK'
         LTORG
SAVE     DS    18F
         END`;
    addCommand(session, build, 'TICKS', program(source), 0x2_0200, 0x2_0f20);
    // The attention lands at a different instruction each time: in the program, in DMSWRT, in
    // the wait for the write, or as status pending when the next SIO comes.
    for (let offset = 0; offset < 60; offset += 3) {
      session.enter('TICKS');
      expect(session.vm.run(20_000 + offset).outcome).toBe('budget');
      expect(session.takeOutput()).toContain('TICK');
      session.vm.console?.attention();
      session.enter('HX');
      const out = session.runUntilRead();
      expect(out.at(-1)).toBe('CMS');
      expect(out.slice(0, -1).every((line) => line === 'TICK')).toBe(true);
    }
    expect(session.type('CP QUERY USERID')).toEqual(['CMSUSER AT VM370', expect.stringMatching(/^R; /)]);
  });

  it('HT halts the program\'s typing, RT resumes it; HX still ends it', () => {
    session.enter('TICKS');
    session.vm.run(20_000);
    session.vm.console?.attention();
    session.enter('ht');
    session.vm.run(20_000);
    session.takeOutput();
    expect(session.vm.run(50_000).outcome).toBe('budget');
    expect(session.takeOutput()).toEqual([]);
    session.vm.console?.attention();
    session.enter('RT');
    session.vm.run(20_000);
    expect(session.takeOutput()).toContain('TICK');
    session.vm.console?.attention();
    session.enter('HT');
    session.vm.run(20_000);
    session.vm.console?.attention();
    session.enter('HX');
    expect(session.runUntilRead().at(-1)).toBe('CMS');
    // Typing is back for the next command.
    expect(session.type('CP QUERY USERID')).toEqual(['CMSUSER AT VM370', expect.stringMatching(/^R; /)]);
  });

  it('another line typed after an attention runs when the program has ended', () => {
    session.enter('COUNT');
    expect(session.vm.run(10_000).outcome).toBe('budget');
    session.vm.console?.attention();
    session.enter('CP QUERY USERID');
    // CMS read the line at once (into its stack) while the program goes on.
    expect(session.vm.run(10_000).outcome).toBe('budget');
    expect(session.vm.console?.queued).toBe(0);
    expect(session.runUntilRead()).toEqual([expect.stringMatching(/^R; /), 'CMSUSER AT VM370', expect.stringMatching(/^R; /)]);
  });
});
