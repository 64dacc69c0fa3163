// A small program in the style of a CMS module, using the test macro library (maclib/: WRTERM, SAVE,
// RETURN written for these tests after the CMS and OS macro interfaces).

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { assembled, expand, messages } from './helpers.ts';

const MACLIB = fileURLToPath(new URL('./maclib', import.meta.url));

const PROGRAM = `
MAIN     CSECT
         SAVE  (14,12),,*
         BALR  12,0
         USING *,12
HELLO    WRTERM 'HELLO, WORLD'
         WRTERM BUFFER,80,COLOR=R
         RETURN (14,12),RC=0
BUFFER   DS    CL80
         END   MAIN
`;

describe('realistic expansions', () => {
  it('SAVE (14,12),,* branches around the section name and stores the registers', () => {
    const r = expand('MAIN     CSECT\n         SAVE  (14,12),,*\n', { maclibs: [MACLIB] });
    expect(assembled(r)).toEqual([
      'MAIN     CSECT',
      '         B     10(0,15)           BRANCH AROUND ID',
      '         DC    AL1(4)',
      "         DC    CL4'MAIN'          IDENTIFIER",
      '         STM   14,12,12(13)             SAVE REGISTERS',
    ]);
  });

  it('SAVE computes the save-area offset of the first register and takes a quoted identifier', () => {
    const r = expand("ENTRY2   SAVE  (5,10),,'ENTRY2 V1'\n         SAVE  (2)\n", { maclibs: [MACLIB] });
    expect(assembled(r)).toEqual([
      'ENTRY2   B     14(0,15)           BRANCH AROUND ID',
      '         DC    AL1(9)',
      "         DC    CL9'ENTRY2 V1'     IDENTIFIER",
      '         STM   5,10,40(13)              SAVE REGISTERS',
      '         ST    2,28(13)           SAVE REGISTER',
    ]);
  });

  it('WRTERM of a literal builds a TYPLIN parameter list with unique labels', () => {
    const r = expand(PROGRAM, { maclibs: [MACLIB] });
    expect(messages(r)).toEqual([]);
    expect(assembled(r)).toEqual([
      'MAIN     CSECT',
      '         B     10(0,15)           BRANCH AROUND ID',
      '         DC    AL1(4)',
      "         DC    CL4'MAIN'          IDENTIFIER",
      '         STM   14,12,12(13)             SAVE REGISTERS',
      '         BALR  12,0',
      '         USING *,12',
      'HELLO    LA    1,WRT0002P         PARAMETER LIST',
      '         SVC   202                CALL TYPLIN',
      '         DC    AL4(*+4)           NO ERROR EXIT',
      '         B     WRT0002E',
      "WRT0002P DC    CL8'TYPLIN',A(WRT0002T),C'B',AL3(L'WRT0002T)",
      "WRT0002T DC    C'HELLO, WORLD'",
      'WRT0002E DS    0H',
      '         LA    1,WRT0003P         PARAMETER LIST',
      '         SVC   202                CALL TYPLIN',
      '         DC    AL4(*+4)           NO ERROR EXIT',
      '         B     WRT0003E',
      "WRT0003P DC    CL8'TYPLIN',A(BUFFER),C'R',AL3(80)",
      'WRT0003E DS    0H',
      '         LM    14,12,12(13)',
      '         LA    15,0               RETURN CODE',
      '         BR    14',
      'BUFFER   DS    CL80',
      '         END   MAIN',
    ]);
    // Every macro instruction is listed, marked, and followed by its expansion at depth 1.
    const calls = r.lines.filter((l) => l.macroCall);
    expect(calls.map((l) => /^\S*\s+(\S+)/.exec(l.text)?.[1])).toEqual([
      'SAVE',
      'WRTERM',
      'WRTERM',
      'RETURN',
    ]);
    expect(new Set(r.lines.filter((l) => l.kind === 'generated').map((l) => l.depth))).toEqual(new Set([1]));
  });

  it('WRTERM checks its operands with MNOTE', () => {
    const r = expand('         WRTERM BUFFER\n         WRTERM\n         WRTERM \'X\',COLOR=G\n', { maclibs: [MACLIB] });
    expect(r.messages.map((m) => [m.severity, m.text])).toEqual([
      [8, 'LENGTH MISSING FOR BUFFER'],
      [8, 'LINE OPERAND MISSING'],
      [8, 'INVALID COLOR - G'],
    ]);
    expect(r.maxSeverity).toBe(8);
    for (const m of r.messages) expect(r.lines[m.at]).toMatchObject({ kind: 'comment', macro: 'WRTERM' });
  });

  it('RETURN with a return code in a register and no registers to restore', () => {
    const r = expand('EXIT     RETURN ,RC=(3)\n', { maclibs: [MACLIB] });
    expect(assembled(r)).toEqual([
      'EXIT     DS    0H',
      '         LR    15,3               RETURN CODE FROM REGISTER',
      '         BR    14',
    ]);
  });
});
