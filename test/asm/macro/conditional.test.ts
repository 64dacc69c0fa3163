import { describe, expect, it } from 'vitest';
import { assembled, expand, generated, messages } from './helpers.ts';

/** Open code that sets symbols then shows one of them in a DC: returns the DC's nominal value. */
function shown(setStatements: string, show = '&R'): { value: string; messages: string[] } {
  const r = expand(`${setStatements}\n         DC    C'${show}'\n`);
  const dc = assembled(r).find((t) => t.includes(' DC '));
  return { value: /C'(.*)'$/.exec(dc ?? '')?.[1] ?? '?', messages: messages(r) };
}

describe('SETA arithmetic', () => {
  it.each([
    ['2+3*4', '14'],
    ['(2+3)*4', '20'],
    ['10/3', '3'],
    ['-7/2', '3'], // -3: a SETA value substitutes without its sign (Assembler H)
    ['7-10', '3'],
    ['5/0', '0'], // division by zero gives zero
    ["X'FF'+B'101'", '260'],
    ["C'A'", '193'], // EBCDIC
    ['((1+2)*(3+4))/2', '10'],
    ['+5', '5'],
  ])('&R SETA %s gives %s', (expr, value) => {
    const r = shown(`&R       SETA  ${expr}`);
    expect(r.value).toBe(value);
    expect(r.messages).toEqual([]);
  });

  it('keeps the sign inside further arithmetic', () => {
    expect(shown('&A       SETA  -7/2\n&R       SETA  &A*10+100').value).toBe('70');
  });

  it('reports overflow beyond 32 bits (IEV075) and uses 0', () => {
    const r = shown('&R       SETA  2147483647+1');
    expect(r.value).toBe('0');
    expect(r.messages).toEqual(['8 IEV075 ARITHMETIC OVERFLOW']);
  });

  it('converts a SETC that is a self-defining term, and reports one that is not (IEV102)', () => {
    expect(shown("&C       SETC  '25'\n&R       SETA  &C+1").value).toBe('26');
    const bad = shown("&C       SETC  'ABC'\n&R       SETA  &C+1");
    expect(bad.value).toBe('1');
    expect(bad.messages[0]).toMatch(/^8 IEV102 /);
  });

  it('reports a malformed expression (IEV074) and leaves the symbol unchanged', () => {
    const r = shown('&R       SETA  5\n&R       SETA  (1+');
    expect(r.value).toBe('5');
    expect(r.messages).toEqual(['8 IEV074 ILLEGAL SYNTAX IN EXPRESSION - (1+']);
  });
});

describe('SETB logical and relational expressions', () => {
  it.each([
    ['(1 EQ 1)', '1'],
    ['(3 LT 2)', '0'],
    ['(2 LE 2 AND 3 GE 4)', '0'],
    ['(2 LE 2 OR 3 GE 4)', '1'],
    ['(NOT (1 EQ 2))', '1'],
    ['(1 EQ 1 AND NOT 0)', '1'],
    ['(1 XOR 1)', '0'],
    ['(0 OR NOT 1 AND 0)', '0'], // NOT binds tightest, then AND
    ['(1 OR 0 AND 0)', '1'],
    ['(NOT 0 AND 0)', '0'],
    ["('ABC' EQ 'ABC')", '1'],
    ["('ABC' LT 'ABD')", '1'],
    ["('B' GT 'AAAA')", '0'], // the shorter string is always lower
    ["('a' LT 'A')", '1'], // EBCDIC: lower case sorts before upper case
    ["('Z' LT '0')", '1'], // and letters before digits
    ['1', '1'],
    ['0', '0'],
  ])('&R SETB %s gives %s', (expr, value) => {
    const r = shown(`&R       SETB  ${expr}`);
    expect(r.value).toBe(value);
    expect(r.messages).toEqual([]);
  });

  it('compares arithmetic values of SET symbols and parameters', () => {
    expect(shown('&A       SETA  10\n&R       SETB  (&A GT 9 AND &A NE 11)').value).toBe('1');
  });

  it('compares bare parameters arithmetically, quoted ones as characters', () => {
    const r = expand(`
         MACRO
         CMP   &P,&Q
&A       SETB  (&P EQ &Q)
&C       SETB  ('&P' EQ '&Q')
         DC    C'&A&C'
         MEND
         CMP   10,010
         CMP   ABC,ABC
`);
    expect(generated(r)).toEqual(["         DC    C'10'", "         DC    C'11'"]);
  });
});

describe('SETC character expressions', () => {
  it.each([
    ["'HELLO'", 'HELLO'],
    ["'HELLO'(2,3)", 'ELL'],
    ["'ABCDEF'(3,*)", 'CDEF'],
    ["'ABC'(2,5)", 'BC'], // a length past the end gives the rest
    ["'AB'.'CD'", 'ABCD'],
    ["(3)'AB'", 'ABABAB'],
    ["'IT''S'", "IT'S"], // two apostrophes give one
    ["'A&&B'", 'A&&B'], // && stays double in a SETC value
    ["''", ''],
  ])('&R SETC %s gives %s', (expr, value) => {
    const r = shown(`&R       SETC  ${expr}`);
    expect(r.value).toBe(value);
    expect(r.messages).toEqual([]);
  });

  it('substitutes variable symbols, with the period as concatenation mark', () => {
    const r = shown("&A       SETC  'AB'\n&N       SETA  12\n&R       SETC  '&A.X-&N..&A&A'");
    expect(r.value).toBe('ABX-12.ABAB');
  });

  it('gives the decimal value of a SETA symbol, without sign', () => {
    expect(shown("&A       SETA  -42\n&R       SETC  '&A'").value).toBe('42');
  });

  it('reports a substring start below 1 (IEV093) or past the end (IEV092), giving null', () => {
    const low = shown("&R       SETC  'ABC'(0,2)");
    expect(low.value).toBe('');
    expect(low.messages[0]).toMatch(/^8 IEV093 /);
    const high = shown("&R       SETC  'ABC'(4,1)");
    expect(high.value).toBe('');
    expect(high.messages[0]).toMatch(/^8 IEV092 /);
  });

  it('K\' counts characters of a SETC value', () => {
    expect(shown("&C       SETC  'L''SYM'\n&R       SETA  K'&C").value).toBe('5');
  });
});

describe('AIF, AGO and sequence symbols', () => {
  it('loops with AIF back to a sequence symbol in a macro', () => {
    const r = expand(`
         MACRO
         TIMES &N
         LCLA  &I
.LOOP    ANOP
&I       SETA  &I+1
         DC    F'&I'
         AIF   (&I LT &N).LOOP
         MEND
         TIMES 3
`);
    expect(generated(r)).toEqual(["         DC    F'1'", "         DC    F'2'", "         DC    F'3'"]);
  });

  it('AGO skips forward; a sequence symbol on a model statement is not generated', () => {
    const r = expand(`
         MACRO
         SKIP
         AGO   .THERE
         DC    C'SKIPPED'
.THERE   DC    C'HERE'
         MEND
         SKIP
`);
    expect(generated(r)).toEqual(["         DC    C'HERE'"]);
  });

  it('AIF with several (expression).SEQ pairs branches on the first true one', () => {
    const src = (n: number) => `
         MACRO
         PICK  &N
         AIF   (&N EQ 1).ONE,(&N EQ 2).TWO
         DC    C'OTHER'
         MEXIT
.ONE     DC    C'ONE'
         MEXIT
.TWO     DC    C'TWO'
         MEND
         PICK  ${n}
`;
    expect(generated(expand(src(1)))).toEqual(["         DC    C'ONE'"]);
    expect(generated(expand(src(2)))).toEqual(["         DC    C'TWO'"]);
    expect(generated(expand(src(3)))).toEqual(["         DC    C'OTHER'"]);
  });

  it('computed AGO goes to the n-th sequence symbol, or falls through when n is out of range', () => {
    const src = (n: number) => `
         MACRO
         CASE  &N
         AGO   (&N).A,.B
         DC    C'NONE'
         MEXIT
.A       DC    C'A'
         MEXIT
.B       DC    C'B'
         MEND
         CASE  ${n}
`;
    expect(generated(expand(src(2)))).toEqual(["         DC    C'B'"]);
    expect(generated(expand(src(5)))).toEqual(["         DC    C'NONE'"]);
  });

  it('an undefined sequence symbol in a macro aborts the expansion (IEV012)', () => {
    const r = expand(`
         MACRO
         BAD
         DC    C'BEFORE'
         AGO   .NOWHERE
         DC    C'AFTER'
         MEND
         BAD
`);
    expect(generated(r)).toEqual(["         DC    C'BEFORE'"]);
    expect(messages(r)).toEqual(['12 IEV012 UNDEFINED SEQUENCE SYMBOL - .NOWHERE; MACRO ABORTED']);
  });

  it('works in open code too: forward, backward, with the sequence symbol field blanked', () => {
    const r = expand(`
&I       SETA  0
.AGAIN   ANOP
&I       SETA  &I+1
.LAB     DC    F'&I'
         AIF   (&I LT 2).AGAIN
         AGO   .OVER
         DC    C'SKIPPED'
.OVER    DC    C'END'
`);
    expect(assembled(r)).toEqual(["         DC    F'1'", "         DC    F'2'", "         DC    C'END'"]);
    expect(messages(r)).toEqual([]);
  });

  it('an undefined sequence symbol in open code is reported (IEV168) and the statement ignored', () => {
    const r = expand("         AGO   .NONE\n         DC    C'NEXT'\n");
    expect(assembled(r)).toEqual(["         DC    C'NEXT'"]);
    expect(messages(r)).toEqual(['16 IEV168 UNDEFINED SEQUENCE SYMBOL - .NONE']);
    expect(r.messages[0].at).toBe(0);
  });
});

describe('ACTR', () => {
  const LOOP = (actr: string) => `
         MACRO
         LOOP  &N
${actr}
&I       SETA  0
.TOP     ANOP
&I       SETA  &I+1
         DC    F'&I'
         AIF   (&I LT &N).TOP
         MEND
         LOOP  10
`;
  it('allows as many branches as ACTR says, then ends the expansion (IEV013)', () => {
    const r = expand(LOOP('         ACTR  4'));
    expect(generated(r)).toEqual(["         DC    F'1'", "         DC    F'2'", "         DC    F'3'", "         DC    F'4'", "         DC    F'5'"]);
    expect(messages(r)).toEqual(['12 IEV013 ACTR COUNTER EXCEEDED - LOOP']);
  });

  it('defaults to 4096 branches per expansion', () => {
    const r = expand(LOOP('.* no ACTR').replace('LOOP  10', 'LOOP  5000'));
    expect(generated(r)).toHaveLength(4097);
    expect(messages(r)).toEqual(['12 IEV013 ACTR COUNTER EXCEEDED - LOOP']);
  });
});

describe('MNOTE', () => {
  const NOTE = (operand: string) => `
         MACRO
         NOTE  &V
         MNOTE ${operand}
         MEND
         NOTE  VALUE
`;
  it('reports the message with its severity, quotes and ampersands paired', () => {
    const r = expand(NOTE("8,'BAD ''&V'' && WORSE'"));
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]).toMatchObject({ severity: 8, text: "BAD 'VALUE' & WORSE" });
    expect(r.maxSeverity).toBe(8);
    const line = r.lines[r.messages[0].at];
    expect(line).toMatchObject({ kind: 'comment', depth: 1, macro: 'NOTE' });
    expect(line.text).toBe("         MNOTE 8,'BAD ''VALUE'' && WORSE'");
  });

  it('an empty severity means 1', () => {
    expect(expand(NOTE(",'ONE'")).messages.map((m) => m.severity)).toEqual([1]);
  });

  it("'*' or no severity makes a comment: listed, not reported", () => {
    for (const operand of ["*,'JUST A COMMENT'", "'ALSO A COMMENT'"]) {
      const r = expand(NOTE(operand));
      expect(r.messages).toEqual([]);
      expect(r.maxSeverity).toBe(0);
      expect(r.lines.filter((l) => l.kind === 'comment' && l.depth === 1)).toHaveLength(1);
    }
  });

  it('the severity may be an expression; above 255 it is reported and cut to 255', () => {
    expect(expand(NOTE("2*2,'FOUR'")).messages.map((m) => m.severity)).toEqual([4]);
    const r = expand(NOTE("300,'BIG'"));
    expect(messages(r)).toEqual(['8 IEV047 SEVERITY CODE TOO LARGE - 300', '255 BIG']);
  });

  it('works in open code', () => {
    const r = expand("         MNOTE 4,'OPEN CODE NOTE'\n");
    expect(r.lines.map((l) => l.kind)).toEqual(['comment']);
    expect(r.messages).toEqual([{ file: 'TEST ASSEMBLE', line: 1, severity: 4, text: 'OPEN CODE NOTE', at: 0 }]);
  });
});

describe('conditional-assembly statements in the output', () => {
  it('are listed as comments in open code, and not generated inside expansions', () => {
    const r = expand(`
         MACRO
         M
         LCLA  &A
&A       SETA  1
         AIF   (&A EQ 0).X
         ANOP
.X       DC    F'&A'
         MEND
&B       SETB  1
         M
`);
    expect(r.lines.map((l) => l.kind)).toEqual([
      ...Array<string>(8).fill('comment'), // MACRO ... MEND
      'comment', // &B SETB 1
      'source', // M
      'generated', // DC F'1' only
    ]);
    expect(generated(r)).toEqual(["         DC    F'1'"]);
  });
});

describe('AREAD and the date and time variables', () => {
  it('AREAD takes the next open-code record as an 80-column value', () => {
    const r = expand(`
         MACRO
         READIT
&CARD    AREAD
&WORD    SETC  '&CARD'(10,4)
         DC    C'&WORD'
         MEND
         READIT
DATA     TEXT  IS NOT ASSEMBLED
         DC    C'NEXT'
`);
    expect(generated(r)).toEqual(["         DC    C'TEXT'"]);
    expect(assembled(r)).toEqual(["         DC    C'TEXT'", "         DC    C'NEXT'"]);
    expect(r.lines.find((l) => l.text.startsWith('DATA'))?.kind).toBe('comment');
  });

  it('&SYSDATE is MM/DD/YY and &SYSTIME HH.MM', () => {
    const r = expand("         DC    C'&SYSDATE &SYSTIME'\n");
    expect(assembled(r)[0]).toMatch(/^ {9}DC {4}C'\d\d\/\d\d\/\d\d \d\d\.\d\d'$/);
  });
});
