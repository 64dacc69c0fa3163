// The program-test harness itself (docs/program-tests.md): the cards parse as documented, bad
// cards are refused, and a machine that differs from the cards is reported, not passed.

import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/asm/index.ts';
import { ExpectationSyntaxError, parseProgramTest } from './expectations.ts';
import { checkExpectations, runProgram } from './runner.ts';

const card = (text: string) => text;

/** A small program: R1 = 10, R2 = -1, a string and a program interruption, then a disabled wait. */
const PROGRAM = [
  card('* A SMALL PROGRAM FOR THE HARNESS'),
  card('*EXPECT WAIT 000000'),
  card('*EXPECT R1=0000000A R2=FFFFFFFF'),
  card("*EXPECT MEM TEXT=C'HELLO'"),
  card('*EXPECT PGM=0001 AT BAD'),
  card('TEST     START 0'),
  card("         ORG   TEST+X'68'"),
  card("         DC    X'00000000',A(BACK)"),
  card("         ORG   TEST+X'200'"),
  card('BEGIN    BALR  12,0'),
  card('         USING *,12'),
  card('         LA    1,10'),
  card('         L     2,=F\'-1\''),
  card("BAD      DC    X'0000'"),
  card('BACK     LPSW  OKPSW'),
  card('         DS    0D'),
  card("OKPSW    DC    X'0002000000000000'"),
  card("TEXT     DC    C'HELLO'"),
  card('         LTORG'),
  card('         END   BEGIN'),
].join('\n');

function run(source: string) {
  const test = parseProgramTest(source);
  const assembly = assemble(source, { file: 'HARNESS' });
  expect(assembly.returnCode).toBe(0);
  return checkExpectations(test, assembly, runProgram(test, assembly));
}

describe('program-test cards', () => {
  it('parses the title, options, start PSW, stop address and expectations', () => {
    const t = parseProgramTest(
      [
        '* THE TITLE',
        '*OPTION RC=4 STORAGE=64K LIMIT=500',
        '*PSW 00080000 BEGIN+4',
        '*STOP AT DONE',
        "*EXPECT R15=A CR0=E0 FPR2=41100000 00000000 CC=2 PSW=00083000 00001000",
        "*EXPECT MEM 1A00=C1C2 X+X'10'=C'It''s' Y-2=X'00'",
        '*EXPECT PGM=11 AT 2000',
      ].join('\n'),
    );
    expect(t.title).toBe('THE TITLE');
    expect([t.maxReturnCode, t.storageSize, t.limit]).toEqual([4, 65536, 500]);
    expect(t.psw).toEqual({ word0: 0x0008_0000, word1: { text: 'BEGIN+4', symbol: 'BEGIN', offset: 4 } });
    expect(t.stopAt?.symbol).toBe('DONE');
    const kinds = t.expectations.map((e) => e.kind);
    expect(kinds).toEqual(['gpr', 'cr', 'fpr', 'cc', 'psw', 'mem', 'mem', 'mem', 'pgm']);
    const mem = t.expectations.filter((e) => e.kind === 'mem');
    expect(mem.map((e) => (e.kind === 'mem' ? [e.at.address ?? e.at.symbol, e.at.offset, Buffer.from(e.bytes).toString('hex')] : []))).toEqual([
      [0x1a00, 0, 'c1c2'],
      ['X', 16, 'c9a37da2'],
      ['Y', -2, '00'],
    ]);
  });

  it.each([
    ['no title', '*EXPECT WAIT'],
    ['nothing expected', '* TITLE'],
    ['an unknown item', '* T\n*EXPECT R1=1 Q=2'],
    ['a register out of range', '* T\n*EXPECT R16=1'],
    ['an odd FPR', '* T\n*EXPECT FPR1=41100000'],
    ['an odd number of hex digits', '* T\n*EXPECT MEM X=ABC'],
    ['an unended string', "* T\n*EXPECT MEM X=C'AB"],
    ['a bad storage size', '* T\n*OPTION STORAGE=3000\n*EXPECT WAIT'],
    ['PGM without AT', '* T\n*EXPECT PGM=0001'],
    ['a directive past column 71', `* T\n*EXPECT WAIT${' '.repeat(60)}X`],
    ['a comment card reaching column 72', `* T\n*${'-'.repeat(71)}\n*EXPECT WAIT`],
  ])('refuses %s', (_name, source) => {
    expect(() => parseProgramTest(source)).toThrow(ExpectationSyntaxError);
  });
});

describe('program-test runner', () => {
  it('passes a program whose machine matches its cards', () => {
    expect(run(PROGRAM)).toEqual([]);
  });

  it('reports every card the machine does not match', () => {
    const wrong = PROGRAM.replace('R1=0000000A', 'R1=0000000B')
      .replace("C'HELLO'", "C'HELLA'")
      .replace('*EXPECT WAIT 000000', '*EXPECT WAIT 000BAD')
      .replace('*EXPECT PGM=0001 AT BAD', '*EXPECT PGM=0006 AT BAD');
    const mismatches = run(wrong);
    expect(mismatches).toHaveLength(4);
    expect(mismatches.join('\n')).toMatch(/R1: expected 0000000b, got 0000000a/);
    expect(mismatches.join('\n')).toMatch(/MEM TEXT .*expected c8c5d3d3c1, got c8c5d3d3d6/);
    expect(mismatches.join('\n')).toMatch(/WAIT 000BAD: expected wait address 000bad, got 000000/);
    expect(mismatches.join('\n')).toMatch(/program interruptions: expected \[0006 at .*\], got \[0001 at /);
  });

  it('reports a program interruption no card announced', () => {
    const mismatches = run(PROGRAM.replace('*EXPECT PGM=0001 AT BAD\n', ''));
    expect(mismatches).toEqual([expect.stringMatching(/program interruptions: expected \[\], got \[0001 at 00020a\]/)]);
  });

  it('stops at the *STOP AT address and compares the PSW of the running program', () => {
    const stopped = PROGRAM.replace('*EXPECT WAIT 000000', '*STOP AT BAD')
      .replace('*EXPECT PGM=0001 AT BAD\n', '')
      .replace('*EXPECT R1=0000000A R2=FFFFFFFF', '*EXPECT R1=0000000A CC=0 PSW=00000000 0000020A');
    expect(run(stopped)).toEqual([]);
  });
});
