import { describe, expect, it } from 'vitest';
import { continued, expand, generated, messages } from './helpers.ts';

const SHOW = `
         MACRO
&NAME    SHOW  &A,&B,&KEY=DEF,&LIST=(X,Y)
&NAME    DC    C'A=&A B=&B KEY=&KEY LIST2=&LIST(2)'
         MEND
`;

describe('prototype: positional, keyword and name-field parameters', () => {
  it('binds positional operands in order and the name field to the name parameter', () => {
    const r = expand(`${SHOW}LAB      SHOW  ONE,TWO\n`);
    expect(generated(r)).toEqual(["LAB      DC    C'A=ONE B=TWO KEY=DEF LIST2=Y'"]);
    expect(messages(r)).toEqual([]);
  });

  it('uses keyword defaults unless the call gives the keyword, in any position', () => {
    const r = expand(`${SHOW}         SHOW  KEY=K1,ONE,LIST=(P,Q,R)\n`);
    expect(generated(r)).toEqual(["         DC    C'A=ONE B= KEY=K1 LIST2=Q'"]);
  });

  it('gives omitted positional operands the null string', () => {
    const r = expand(`${SHOW}         SHOW  ,TWO\n         SHOW\n`);
    expect(generated(r)).toEqual([
      "         DC    C'A= B=TWO KEY=DEF LIST2=Y'",
      "         DC    C'A= B= KEY=DEF LIST2=Y'",
    ]);
  });

  it('treats an undefined keyword as positional with IEV017 (severity 4)', () => {
    const r = expand(`${SHOW}         SHOW  OTHER=1\n`);
    expect(generated(r)).toEqual(["         DC    C'A=OTHER=1 B= KEY=DEF LIST2=Y'"]);
    expect(messages(r)).toEqual([
      '4 IEV017 UNDEFINED KEYWORD PARAMETER; DEFAULT TO POSITIONAL, INCLUDING KEYWORD - OTHER',
    ]);
    expect(r.maxSeverity).toBe(4);
  });

  it('uses the last of duplicate keywords and reports IEV018', () => {
    const r = expand(`${SHOW}         SHOW  KEY=1,KEY=2\n`);
    expect(generated(r)).toEqual(["         DC    C'A= B= KEY=2 LIST2=Y'"]);
    expect(messages(r)[0]).toMatch(/^12 IEV018 .* - KEY$/);
  });

  it('keeps quoted operands whole, commas and blanks included', () => {
    const r = expand(`${SHOW}         SHOW  'A, B',(1,'2,3')\n`);
    expect(generated(r)).toEqual(["         DC    C'A='A, B' B=(1,'2,3') KEY=DEF LIST2=Y'"]);
  });

  it('marks the macro instruction statement (kept as source) and its expansion', () => {
    const r = expand(`${SHOW}X        SHOW  1\n`);
    const call = r.lines.find((l) => l.text.startsWith('X        SHOW'));
    expect(call).toMatchObject({ kind: 'source', macroCall: true, depth: 0 });
    const gen = r.lines.filter((l) => l.kind === 'generated');
    expect(gen).toHaveLength(1);
    expect(gen[0]).toMatchObject({ depth: 1, macro: 'SHOW', file: 'TEST ASSEMBLE', line: 3 });
  });

  it('lists the definition as comment lines the assembler skips', () => {
    const r = expand(SHOW);
    expect(r.lines.map((l) => l.kind)).toEqual(['comment', 'comment', 'comment', 'comment']);
  });

  it('a sequence symbol in the name field of a call is not passed to &NAME', () => {
    const r = expand(`${SHOW}.HERE    SHOW  1\n`);
    expect(generated(r)).toEqual(["         DC    C'A=1 B= KEY=DEF LIST2=Y'"]);
  });
});

describe('sublists and N\'', () => {
  const SUB = `
         MACRO
         SUB   &P,&Q
&N       SETA  N'&P
&M       SETA  N'&P(3)
         DC    C'&N &M &P(1) &P(3,2) &P(4) &Q(1) &Q(2)'
         MEND
`;
  it('selects sublist entries, nested ones too, and counts them', () => {
    const r = expand(`${SUB}         SUB   (A,B,(C,D,E)),PLAIN\n`);
    expect(generated(r)).toEqual(["         DC    C'3 3 A D  PLAIN '"]);
  });

  it('N\' is 1 for a plain operand and 0 for an omitted one', () => {
    const r = expand(`${SUB}         SUB   X\n         SUB\n`);
    expect(generated(r)).toEqual(["         DC    C'1 0 X    '", "         DC    C'0 0     '"]);
  });
});

describe('system variable symbols', () => {
  it('&SYSNDX is a new 4-digit number for every macro instruction', () => {
    const r = expand(`
         MACRO
         NDX
L&SYSNDX DC    C'&SYSNDX'
         MEND
         NDX
         NDX
         NDX
`);
    expect(generated(r)).toEqual(["L0001    DC    C'0001'", "L0002    DC    C'0002'", "L0003    DC    C'0003'"]);
  });

  it('&SYSLIST(n), &SYSLIST(n,m), &SYSLIST(0) and N\'&SYSLIST cover positional operands only', () => {
    const r = expand(`
         MACRO
&N       LIST  &K=1
&C       SETA  N'&SYSLIST
&E       SETA  N'&SYSLIST(2)
         DC    C'&C &E &SYSLIST(0) &SYSLIST(1) &SYSLIST(2,2)'
         DC    C'&SYSLIST(3)'
         MEND
HERE     LIST  A,(B,C),K=9,,D
`);
    expect(generated(r)).toEqual(["         DC    C'4 2 HERE A C'", "         DC    C''"]);
  });

  it('&SYSLIST(N\'&SYSLIST) picks the last operand, inside a quoted string too', () => {
    const r = expand(`
         MACRO
         LAST
&C       SETC  '&SYSLIST(N'&SYSLIST)'
         DC    C'&C'
         MEND
         LAST  A,B,LASTONE
`);
    expect(generated(r)).toEqual(["         DC    C'LASTONE'"]);
  });

  it('&SYSECT follows CSECT, DSECT and START in open code and in generated statements', () => {
    const r = expand(`
         MACRO
         SECT  &NEW
         DC    C'IN &SYSECT'
         AIF   ('&NEW' EQ '').END
&NEW     CSECT
         INNER
.END     MEND
         MACRO
         INNER
         DC    C'INNER &SYSECT'
         MEND
         SECT
FIRST    START 0
         SECT
AREA     DSECT
         SECT
MAIN     CSECT
         SECT  MADE
         SECT
`);
    expect(generated(r).filter((t) => t.includes("C'"))).toEqual([
      "         DC    C'IN '",
      "         DC    C'IN FIRST'",
      "         DC    C'IN AREA'",
      "         DC    C'IN MAIN'",
      "         DC    C'INNER MADE'",
      "         DC    C'IN MADE'",
    ]);
  });

  it('&SYSPARM is the sysparm option, null when none is given', () => {
    const src = `
         MACRO
         PARM
         DC    C'&SYSPARM'
         MEND
         PARM
`;
    expect(generated(expand(src, { sysparm: 'DEBUG,LEVEL2' }))).toEqual(["         DC    C'DEBUG,LEVEL2'"]);
    expect(generated(expand(src))).toEqual(["         DC    C''"]);
  });

  it('&SYSNEST and &SYSMAC tell the nesting level and the macro name', () => {
    const r = expand(`
         MACRO
         OUT
         DC    C'&SYSMAC &SYSNEST'
         IN
         MEND
         MACRO
         IN
         DC    C'&SYSMAC &SYSNEST'
         MEND
         OUT
`);
    expect(generated(r).filter((t) => t.includes('DC'))).toEqual(["         DC    C'OUT 1'", "         DC    C'IN 2'"]);
  });
});

describe('continued macro instructions', () => {
  const TWO = `
         MACRO
         TWO   &A,&B,&C
         DC    C'&A|&B|&C'
         MEND
`;
  it('joins a call continued in column 72 and resumed in column 16', () => {
    const first = `         TWO   FIRST,${'S'.repeat(50)}`;
    expect(first).toHaveLength(71);
    const r = expand(`${TWO}${first}X\n               ECOND,THIRD\n`);
    // The generated statement is longer than 71 columns: it comes back as two continued cards.
    const whole = `         DC    C'FIRST|${'S'.repeat(50)}ECOND|THIRD'`;
    expect(generated(r)).toEqual([`${whole.slice(0, 71)}X`, `${' '.repeat(15)}${whole.slice(71)}`]);
    const calls = r.lines.filter((l) => l.macroCall);
    expect(calls).toHaveLength(2);
  });

  it('accepts the macro continuation form: comma, blank, remarks, operands go on in column 16', () => {
    const r = expand(`${TWO}${continued('         TWO   ALPHA,       first operand')}
${continued('               BETA,        second operand')}
               GAMMA        last one
`);
    expect(generated(r)).toEqual(["         DC    C'ALPHA|BETA|GAMMA'"]);
    expect(messages(r)).toEqual([]);
  });
});
