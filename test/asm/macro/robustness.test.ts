// Bad input gives messages, never exceptions: mutated sources (a seeded generator, so every run is
// the same) must come back with consistent results and no internal errors.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expandSource } from '../../../src/asm/macro/index.ts';
import type { ExpandedResult } from '../../../src/asm/macro/types.ts';
import { expand, messages, sourceLines } from './helpers.ts';

const MACLIB = fileURLToPath(new URL('./maclib', import.meta.url));

const SEED_SOURCE = `
         MACRO
&N       GEN   &A,&B,&K=(X,Y),&C=
         LCLA  &I
         LCLC  &S(4)
         GBLB  &FLAG
&I       SETA  N'&B+K'&A
&S(1)    SETC  '&A'(1,2).'&K(2)'
         AIF   (T'&C EQ 'O' AND NOT &FLAG).LOOP
         MNOTE 4,'C IS &C'
.LOOP    ANOP
&I       SETA  &I-1
&N       DC    C'&S(1)&SYSNDX',AL1(L'&N)
         AIF   (&I GT 0).LOOP
         AGO   (&I+2).A,.B
.A       MEXIT
.B       DC    C'&SYSLIST(N'&SYSLIST)'
         MEND
MAIN     CSECT
         SAVE  (14,12),,*
X        GEN   HELLO,(1,2,3),K=(P,Q)
         WRTERM 'HI THERE'
&V       SETC  (2)'AB'
         DC    C'&V'
         RETURN (14,12),RC=0
         END
`;

/** Every message placed at an existing line (or -1), no internal error, the highest severity right. */
function check(r: ExpandedResult): void {
  const misplaced = r.messages.filter((m) => m.at < -1 || m.at >= r.lines.length);
  expect(misplaced).toEqual([]);
  expect(r.messages.filter((m) => m.text.includes('IEV999'))).toEqual([]);
  expect(r.maxSeverity).toBe(Math.max(0, ...r.messages.map((m) => m.severity)));
  expect(r.lines.every((l) => typeof l.text === 'string' && l.depth >= 0)).toBe(true);
}

function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fff_ffff;
    return s / 0x7fff_ffff;
  };
}

describe('robustness', () => {
  it('the seed source itself expands cleanly', () => {
    const r = expand(SEED_SOURCE, { maclibs: [MACLIB] });
    check(r);
    expect(messages(r)).toEqual([]);
  });

  it('survives random character edits, deletions and line swaps', () => {
    const rnd = generator(370);
    const alphabet = "&'(),.=* +-/ABCKLNTX0123456789";
    for (let iteration = 0; iteration < 300; iteration++) {
      let text = SEED_SOURCE;
      const edits = 1 + Math.floor(rnd() * 5);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rnd() * text.length);
        const kind = rnd();
        if (kind < 0.4) text = text.slice(0, at) + alphabet[Math.floor(rnd() * alphabet.length)] + text.slice(at);
        else if (kind < 0.8) text = text.slice(0, at) + text.slice(at + 1);
        else {
          const lines = text.split('\n');
          const a = Math.floor(rnd() * lines.length);
          const b = Math.floor(rnd() * lines.length);
          [lines[a], lines[b]] = [lines[b], lines[a]];
          text = lines.join('\n');
        }
      }
      let r: ExpandedResult | undefined;
      expect(() => {
        r = expandSource(sourceLines(text), { maclibs: [MACLIB] });
      }).not.toThrow();
      check(r!);
    }
  });

  it('survives random token soup', () => {
    const rnd = generator(1970);
    const tokens = ['&A', '&B(', ')', '(', "'", "''", '&&', '.L', 'AIF', 'AGO', 'SETA', 'SETB', 'SETC', 'MACRO',
      'MEND', 'MEXIT', 'LCLA', 'GBLC', 'N\'', "T'", 'K\'', 'EQ', 'AND', 'NOT', ',', ' ', '=', '1', '99999999999',
      "X'F", "C'A'", '*', '/', '+', '-', '.*', 'COPY', 'ACTR', 'MNOTE', "(3)'A'", "'ABC'(2,", '&SYSLIST(', 'AREAD'];
    for (let iteration = 0; iteration < 300; iteration++) {
      const lines: string[] = [];
      const count = 1 + Math.floor(rnd() * 20);
      for (let i = 0; i < count; i++) {
        let t = rnd() < 0.3 ? '&V ' : rnd() < 0.3 ? '.S ' : ' ';
        const n = Math.floor(rnd() * 8);
        for (let j = 0; j < n; j++) t += tokens[Math.floor(rnd() * tokens.length)] + (rnd() < 0.3 ? ' ' : '');
        if (rnd() < 0.05) t = `${t.padEnd(71)}X`;
        lines.push(t);
      }
      let r: ExpandedResult | undefined;
      expect(() => {
        r = expandSource(sourceLines(lines.join('\n')), { maclibs: ['/nonexistent/folder'] });
      }).not.toThrow();
      check(r!);
    }
  });

  it('an endless open-code loop ends at ACTR and stops the phase', () => {
    const r = expand(".L       ANOP\n         AGO   .L\n         DC    C'NEVER'\n");
    expect(messages(r)).toEqual(['12 IEV013 ACTR COUNTER EXCEEDED - OPEN CODE']);
    expect(r.lines.filter((l) => l.kind !== 'comment')).toEqual([]);
  });

  it('unterminated definitions and stray MEND/MEXIT are reported', () => {
    expect(messages(expand('         MEND\n         MEXIT\n'))).toEqual([
      '8 IEV140 MEND STATEMENT OUTSIDE MACRO DEFINITION IGNORED',
      '8 IEV140 MEXIT STATEMENT OUTSIDE MACRO DEFINITION IGNORED',
    ]);
    expect(messages(expand('         MACRO\n         OPEN  &A\n         DC    C\'&A\'\n'))).toEqual([
      '12 IEV139 END OF DATA IN MACRO DEFINITION; MEND ASSUMED - OPEN',
    ]);
    expect(messages(expand('         MACRO\n         MEND\n'))).toEqual([
      '12 IEV141 MACRO STATEMENT NOT FOLLOWED BY A VALID PROTOTYPE; DEFINITION IGNORED',
    ]);
  });

  it('reports bad prototype operands and keeps the good ones', () => {
    const r = expand(`
         MACRO
         PROTO &A,B,&A,&SYSNDX,&K=1
         DC    C'&A&K'
         MEND
         PROTO X
`);
    expect(messages(r)).toEqual([
      '12 IEV025 INVALID MACRO PROTOTYPE OPERAND - B',
      '8 IEV031 DUPLICATE SYMBOLIC PARAMETER OR SET SYMBOL - &A',
      '12 IEV009 SYSTEM VARIABLE SYMBOL ILLEGALLY RE-DEFINED - &SYSNDX',
    ]);
    expect(r.lines[r.lines.length - 1].text).toBe("         DC    C'X1'");
  });

  it('holds no state between calls', () => {
    const src = `
         MACRO
         ONCE
         GBLA  &N
&N       SETA  &N+1
         DC    C'&N &SYSNDX'
         MEND
         ONCE
`;
    const a = expand(src);
    const b = expand(src);
    expect(a).toEqual(b);
    expect(a.lines[a.lines.length - 1].text).toBe("         DC    C'1 0001'");
  });
});
