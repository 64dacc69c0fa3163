import { describe, expect, it } from 'vitest';
import { assembled, expand, generated, messages } from './helpers.ts';

/** Open code: evaluates one attribute reference into &R and returns its substituted value. */
function attribute(reference: string, definitions: string, type: 'SETA' | 'SETC' = 'SETC'): string {
  const r = expand(`&R       ${type}  ${reference}\n         DC    C'&R'\n${definitions}`);
  return /C'(.*)'/.exec(assembled(r)[0])?.[1] ?? '?';
}

const DEFS = `
MAIN     CSECT
CODE     MVC   FIELD,=CL8' '
SHORT    LR    1,2
JUMP     BNE   CODE
FIELD    DC    CL8'ABC'
TEXT     DC    C'HELLO'
HEX      DC    X'0A0B0C'
HALF     DC    H'1'
WORDS    DS    3F
DBL      DS    0D
PACKED   DC    PL4'12.50'
ZONED    DC    Z'1234'
ADDR     DC    AL3(CODE)
SCALED   DC    FS4'1.5'
LEN      EQU   *,20,C'X'
ABS      EQU   42
SAME     EQU   FIELD
AREA     DSECT
CMD      CCW   2,0,0,0
         EXTRN EXT
`;

describe('attributes of ordinary symbols in open code (lookahead)', () => {
  it.each([
    ["T'FIELD", 'C'],
    ["T'CODE", 'I'],
    ["T'JUMP", 'I'],
    ["T'MAIN", 'J'],
    ["T'AREA", 'J'],
    ["T'CMD", 'W'],
    ["T'EXT", 'T'],
    ["T'HALF", 'H'],
    ["T'WORDS", 'F'],
    ["T'DBL", 'D'],
    ["T'PACKED", 'P'],
    ["T'ADDR", 'A'],
    ["T'LEN", 'X'],
    ["T'ABS", 'U'],
    ["T'UNDEFINED", 'U'],
  ])('%s is %s', (reference, value) => {
    expect(attribute(reference, DEFS)).toBe(value);
  });

  it.each([
    ["L'FIELD", '8'],
    ["L'TEXT", '5'],
    ["L'HEX", '3'],
    ["L'HALF", '2'],
    ["L'WORDS", '4'],
    ["L'DBL", '8'],
    ["L'CODE", '6'],
    ["L'SHORT", '2'],
    ["L'JUMP", '4'],
    ["L'PACKED", '4'],
    ["L'ZONED", '4'],
    ["L'ADDR", '3'],
    ["L'LEN", '20'],
    ["L'ABS", '1'],
    ["L'SAME", '8'],
    ["L'CMD", '8'],
    ["S'PACKED", '2'],
    ["I'PACKED", '5'],
    ["S'SCALED", '4'],
    ["I'SCALED", '27'],
    ["I'HALF", '15'],
  ])('%s is %s', (reference, value) => {
    expect(attribute(reference, DEFS, 'SETA')).toBe(value);
  });

  it("an absolute EQU of a self-defining term can be used in SETA (as Assembler H)", () => {
    expect(attribute('ABS+1', DEFS, 'SETA')).toBe('43');
  });

  it("L' of an undefined symbol is reported (IEV042) and is 1", () => {
    const r = expand("&R       SETA  L'NOPE\n");
    expect(messages(r)).toEqual(['8 IEV042 LENGTH ATTRIBUTE OF SYMBOL IS UNAVAILABLE; DEFAULT=1 - NOPE']);
  });

  it("D' is 1 only once the symbol has been defined", () => {
    const r = expand(`
&A       SETA  D'LATER
LATER    DC    F'0'
&B       SETA  D'LATER
         DC    C'&A&B'
`);
    expect(assembled(r)).toEqual(["LATER    DC    F'0'", "         DC    C'01'"]);
  });

  it("O' tells machine, extended, assembler, macro and undefined operation codes apart", () => {
    const r = expand(`
         MACRO
         MINE
         MEND
&A       SETC  O'MVC
&B       SETC  O'BNE
&C       SETC  O'DC
&D       SETC  O'MINE
&E       SETC  O'NOSUCH
         DC    C'&A&B&C&D&E'
`);
    expect(assembled(r)).toEqual(["         DC    C'OEAMU'"]);
  });

  it('symbols defined by generated statements are known to later attribute references', () => {
    const r = expand(`
         MACRO
&N       DEFINE &L
&N       DS    CL&L
         MEND
BUF      DEFINE 132
&T       SETC  T'BUF
&L       SETA  L'BUF
         DC    C'&T&L'
`);
    expect(assembled(r)).toEqual(['BUF      DS    CL132', "         DC    C'C132'"]);
  });
});

describe('attributes of macro instruction operands', () => {
  const SHOW = `
         MACRO
         SHOW  &P
&T       SETC  T'&P
&L       SETA  L'&P
&K       SETA  K'&P
&N       SETA  N'&P
         DC    C'&T &L &K &N'
         MEND
FIELD    DC    CL8' '
`;
  it.each([
    ['FIELD', "C'C 8 5 1'"], // a symbol: its attributes
    ['12', "C'N 1 2 1'"], // a self-defining term
    ["X'FF'", "C'N 1 5 1'"],
    ['', "C'O 0 0 0'"], // omitted
    ['(A,B,C)', "C'U 1 7 3'"], // a sublist
    ['=F\'1\'', "C'F 4 5 1'"], // a literal: the constant's type and length
    ['NOTDEFINED', "C'U 1 10 1'"],
  ])('SHOW %s', (operand, dc) => {
    const r = expand(`${SHOW}         SHOW  ${operand}\n`);
    expect(generated(r)).toEqual([`         DC    ${dc}`]);
  });

  it("T' of SET symbols: arithmetic and binary are N", () => {
    const r = expand(`
         MACRO
         TS
         LCLA  &A
         LCLC  &C
&C       SETC  'FIELD'
&T       SETC  T'&A
&U       SETC  T'&C
         DC    C'&T&U'
         MEND
FIELD    DC    F'0'
         TS
`);
    expect(generated(r)).toEqual(["         DC    C'NF'"]);
  });

  it("tests T'&P EQ 'O' to supply a default, the usual idiom", () => {
    const r = expand(`
         MACRO
         DEF   &R
         AIF   (T'&R NE 'O').GIVEN
         LA    1,0
         MEXIT
.GIVEN   LA    1,&R
         MEND
         DEF
         DEF   4
`);
    expect(generated(r)).toEqual(['         LA    1,0', '         LA    1,4']);
  });
});
