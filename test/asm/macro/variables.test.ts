import { describe, expect, it } from 'vitest';
import { assembled, expand, generated, messages } from './helpers.ts';

describe('global and local SET symbols', () => {
  it('a global keeps its value across calls; a local starts fresh in each expansion', () => {
    const r = expand(`
         MACRO
         COUNT
         GBLA  &TOTAL
         LCLA  &MINE
&TOTAL   SETA  &TOTAL+1
&MINE    SETA  &MINE+1
         DC    C'&TOTAL/&MINE'
         MEND
         COUNT
         COUNT
         COUNT
`);
    expect(generated(r)).toEqual(["         DC    C'1/1'", "         DC    C'2/1'", "         DC    C'3/1'"]);
  });

  it('globals are shared with open code that declares them; undeclared ones are not visible', () => {
    const r = expand(`
         MACRO
         SETG
         GBLC  &FLAG
&FLAG    SETC  'SET BY MACRO'
         MEND
         MACRO
         PEEK
         DC    C'&FLAG'
         MEND
         GBLC  &FLAG
         SETG
         DC    C'&FLAG'
         PEEK
`);
    expect(assembled(r)).toEqual(["         DC    C'SET BY MACRO'", "         DC    C''"]);
    expect(messages(r)).toEqual(['8 IEV003 UNDECLARED VARIABLE SYMBOL; DEFAULT=0, NULL, OR TYPE=U - &FLAG']);
    // The message sits under the generated statement that used the symbol.
    expect(r.lines[r.messages[0].at].kind).toBe('generated');
  });

  it('a global keeps its type: a conflicting declaration is reported (IEV030), the first kept', () => {
    const r = expand(`
         GBLA  &G
&G       SETA  5
         MACRO
         OTHER
         GBLC  &G
         DC    C'&G'
         MEND
         OTHER
`);
    expect(generated(r)).toEqual(["         DC    C'5'"]);
    expect(messages(r)).toEqual(['8 IEV030 INCONSISTENT GLOBAL DECLARATIONS; FIRST IS USED - &G']);
  });

  it('SETx declares an undeclared symbol as local of its type (Assembler H)', () => {
    const r = expand(`
&X       SETA  4
&Y       SETB  (&X GT 3)
&Z       SETC  'Z&X'
         DC    C'&X &Y &Z'
`);
    expect(assembled(r)).toEqual(["         DC    C'4 1 Z4'"]);
    expect(messages(r)).toEqual([]);
  });

  it('a SETx of the wrong type, or to a parameter or system variable, is refused', () => {
    const r = expand(`
         MACRO
         M     &P
         LCLA  &A
&A       SETC  'X'
&P       SETC  'Y'
&SYSNDX  SETC  'Z'
         DC    C'&A &P'
         MEND
         M     Q
`);
    expect(generated(r)).toEqual(["         DC    C'0 Q'"]);
    expect(messages(r)).toEqual([
      '8 IEV021 ILLEGAL SET STATEMENT - &A IS A SETA SYMBOL',
      '8 IEV032 SYMBOLIC PARAMETER OR SYSTEM VARIABLE USED AS SET TARGET - &P',
      '8 IEV032 SYMBOLIC PARAMETER OR SYSTEM VARIABLE USED AS SET TARGET - &SYSNDX',
    ]);
  });

  it('an undeclared symbol in a model statement is flagged (IEV003) and substitutes as null', () => {
    const r = expand("         DC    C'<&NOPE>'\n");
    expect(assembled(r)).toEqual(["         DC    C'<>'"]);
    expect(messages(r)).toEqual(['8 IEV003 UNDECLARED VARIABLE SYMBOL; DEFAULT=0, NULL, OR TYPE=U - &NOPE']);
    expect(r.messages[0].at).toBe(0);
  });

  it('declaring a system variable symbol is refused (IEV009)', () => {
    expect(messages(expand('         LCLC  &SYSECT\n'))).toEqual([
      '12 IEV009 SYSTEM VARIABLE SYMBOL ILLEGALLY RE-DEFINED - &SYSECT',
    ]);
  });
});

describe('subscripted SET symbols', () => {
  it('stores and reads elements; unset ones have the initial value', () => {
    const r = expand(`
         LCLA  &A(10)
         LCLC  &C(5)
&A(3)    SETA  30
&I       SETA  2
&C(&I)   SETC  'TWO'
&A(&I+5) SETA  &A(3)+1
         DC    C'&A(1) &A(3) &A(7) &C(2) <&C(1)>'
`);
    expect(assembled(r)).toEqual(["         DC    C'0 30 31 TWO <>'"]);
    expect(messages(r)).toEqual([]);
  });

  it('a SETx with several operands fills consecutive elements; N\' is the highest subscript', () => {
    const r = expand(`
         GBLB  &B(8)
&B(2)    SETB  1,0,(2 GT 1)
&N       SETA  N'&B
         DC    C'&B(1)&B(2)&B(3)&B(4) &N'
`);
    expect(assembled(r)).toEqual(["         DC    C'0101 4'"]);
  });

  it('a subscript may go beyond the declared dimension (as Assembler H); below 1 is reported', () => {
    const r = expand(`
         LCLA  &A(2)
&A(5)    SETA  5
&A(0)    SETA  9
         DC    C'&A(5) &A(1)'
`);
    expect(assembled(r)).toEqual(["         DC    C'5 9'"]);
    expect(messages(r)).toEqual(['8 IEV100 SUBSCRIPT LESS THAN 1; DEFAULT TO SUBSCRIPT=1 - &A']);
  });

  it('several operands for a scalar are reported (IEV109), the last one kept', () => {
    const r = expand("&S       SETC  'A','B'\n         DC    C'&S'\n");
    expect(assembled(r)).toEqual(["         DC    C'B'"]);
    expect(messages(r)).toEqual(['8 IEV109 MULTIPLE SET OPERANDS FOR UNDIMENSIONED SET SYMBOL; GETS LAST OPERAND - &S']);
  });

  it('a global array is shared between expansions', () => {
    const r = expand(`
         MACRO
         PUSH  &V
         GBLC  &STACK(20)
         GBLA  &TOP
&TOP     SETA  &TOP+1
&STACK(&TOP) SETC '&V'
         MEND
         MACRO
         DUMP
         GBLC  &STACK(20)
         GBLA  &TOP
         DC    C'&STACK(1)-&STACK(&TOP)'
         MEND
         PUSH  FIRST
         PUSH  SECOND
         PUSH  THIRD
         DUMP
`);
    expect(generated(r)).toEqual(["         DC    C'FIRST-THIRD'"]);
  });
});
