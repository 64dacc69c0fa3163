// The deck runner's own rules (docs/testers-guide.md): malformed decks are refused before anything
// runs, a job that loops is ended at the timeout, an abend that the /JOB card does not expect is an
// abend, a difference is a unified diff, the same deck gives the same output on every machine, and
// the exit code is the worst deck's.

import { describe, expect, it } from 'vitest';
import { toEbcdic } from '../../src/ebcdic/index.ts';
import {
  binaryCards, compileJob, DeckExit, deckExitCode, MalformedDeckError, punchLine, runDecks, textDeckCards, unifiedDiff, type DeckResult,
} from '../../src/decks/index.ts';

const compile = (text: string) => compileJob('t.job', textDeckCards('t.job', text));
const malformed = (text: string): string => {
  try {
    compile(text);
  } catch (e) {
    if (e instanceof MalformedDeckError) return e.message;
    throw e;
  }
  return 'not malformed';
};

describe('reading and compiling a deck', () => {
  it('a text deck is a card a line, blank-padded to 80 columns of EBCDIC', () => {
    const [card] = textDeckCards('t', 'AB\n');
    expect(card!.length).toBe(80);
    expect([...card!.subarray(0, 3)]).toEqual([0xc1, 0xc2, 0x40]);
  });

  it("a line X'hh...' is a binary card: its bytes, the rest blanks", () => {
    const [card] = textDeckCards('t', "X'02C5E2C4'");
    expect([...card!.subarray(0, 5)]).toEqual([0x02, 0xc5, 0xe2, 0xc4, 0x40]);
  });

  it('control cards become the commands of BATCHJOB EXEC; the deck goes to the reader as it is', () => {
    const job = compile('/JOB DEMO\n/ASSEMBLE PROG\n X\n/RUN * A B\n/DATA IN DATA\n1\n/PUNCH\nP\n/PRINT IN DATA CC\n/EXEC\n&TYPE HI\n/END\n');
    expect(job.name).toBe('DEMO');
    expect(job.exec).toEqual([
      '&TYPE JOB DEMO', 'ASSEMBLE PROG', 'PRINT PROG LISTING A (CC', 'LOAD PROG', 'START * A B',
      'PUNCH PUNCH1 CARDS A ( NOHEADER', 'PRINT IN DATA A (CC', 'EXEC JOBEXEC1',
    ]);
    expect(job.cards.map((c) => punchLine(c))).toEqual(['/JOB DEMO', '/ASSEMBLE PROG', ' X', '/RUN * A B', '/DATA IN DATA', '1', '/PUNCH', 'P', '/PRINT IN DATA CC', '/EXEC', '&TYPE HI', '/END']);
  });

  it('an over-long card, a tab, a character EBCDIC lacks and a bad binary card are malformed', () => {
    expect(malformed(`/JOB A\n/DATA X Y\n${'Z'.repeat(81)}\n`)).toBe('t.job: card 3: over-long card: 81 columns (at most 80)');
    expect(malformed('/JOB A\n/DATA X Y\n\tZ\n')).toMatch(/card 3: a tab/);
    expect(malformed('/JOB A\n/DATA X Y\n€\n')).toMatch(/card 3: a character that is not EBCDIC/);
    expect(malformed("/JOB A\n/DATA X Y\nX'ABC'\n")).toMatch(/card 3: a binary card/);
  });

  it('an unknown control card, a deck without /JOB first, cards after /END and bad names are malformed', () => {
    expect(malformed('/JOB A\n/FROB\n')).toBe('t.job: card 2: unknown control card /FROB');
    expect(malformed('/ASSEMBLE X\n')).toMatch(/card 1: the first card must be \/JOB name/);
    expect(malformed('/JOB A\n/END\n/RUN X\n')).toMatch(/card 3: a card after \/END/);
    expect(malformed('/JOB A\n/ASSEMBLE TOOLONGNAME\n')).toMatch(/card 2: \/ASSEMBLE: the file name must be 1-8/);
    expect(malformed('/JOB A\n/RUN\n')).toMatch(/card 2: \/RUN: no program yet/);
    expect(malformed('/JOB A\nSTRAY\n')).toMatch(/card 2: a card that belongs to no control card/);
    expect(malformed('')).toMatch(/an empty deck/);
  });

  it('a binary deck that is not whole 80-byte cards is malformed', () => {
    expect(() => binaryCards('b.ebcdic', new Uint8Array(81))).toThrow(/card 2: a binary deck is 80-byte cards/);
    expect(binaryCards('b.ebcdic', new Uint8Array(160))).toHaveLength(2);
  });

  it('a punched card with bytes that are not characters is shown as a binary card', () => {
    const card = new Uint8Array(80).fill(0x40);
    card.set(toEbcdic('HI'));
    expect(punchLine(card)).toBe('HI');
    card[5] = 0x02;
    expect(punchLine(card)).toBe(`X'C8C9404040${'02'}${'40'.repeat(74)}'`);
  });
});

describe('unified diffs', () => {
  it('equal texts have no diff; a changed line shows as - and + with context', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', 'e', 'a')).toBe('');
    expect(unifiedDiff('a\nb\nc\n', 'a\nB\nc\n', 'expected', 'actual')).toBe('--- expected\n+++ actual\n@@ -1,4 +1,4 @@\n a\n-b\n+B\n c\n \n');
  });
});

describe('exit codes', () => {
  const r = (status: DeckResult['status']) => ({ status }) as DeckResult;
  it('the worst deck decides: 0 passed or ran, 1 mismatch, 3 timeout, 4 abend, 5 malformed, 6 error', () => {
    expect(deckExitCode([r('passed'), r('ran')])).toBe(DeckExit.passed);
    expect(deckExitCode([r('passed'), r('mismatch')])).toBe(1);
    expect(deckExitCode([r('mismatch'), r('timeout')])).toBe(3);
    expect(deckExitCode([r('abend'), r('timeout')])).toBe(4);
    expect(deckExitCode([r('malformed'), r('abend')])).toBe(5);
    expect(deckExitCode([r('error'), r('malformed')])).toBe(6);
  });
});

const LOOP = `/JOB LOOP
/ASSEMBLE LOOP
LOOP     CSECT
         USING *,15
         WRTERM 'LOOPING'
         BALR  2,0
         BR    2
         END   LOOP
/RUN
/END
`;
const CHECK = `/JOB CHECK
/ASSEMBLE CHECK
CHECK    CSECT
         USING *,15
         DC    H'0'
         END   CHECK
/RUN
/END
`;
const HELLO = `/JOB HI
/ASSEMBLE HI
HI       CSECT
         USING *,15
         WRTERM 'HELLO FROM A DECK'
         SR    15,15
         BR    14
         END   HI
/RUN
/PUNCH
CARD
/END
`;

describe('running decks', () => {
  it('timeout, abend, malformed, mismatch and identical output on two batch machines', async () => {
    const summary = await runDecks(
      [
        { name: 'loop', text: LOOP, timeoutSeconds: 3 },
        { name: 'check', text: CHECK },
        { name: 'bad', text: '/JOB BAD\n/SPOOL\n' },
        { name: 'hello1', text: HELLO },
        { name: 'hello2', text: HELLO, expectPrinter: 'nothing\n', expectPunch: 'CARD\n' },
      ],
      { jobs: 3, timeoutSeconds: 120 },
    );
    const [loop, check, bad, hello1, hello2] = summary.results;
    expect(loop!.status).toBe('timeout');
    expect(loop!.console).toContain('LOOPING');
    expect(check!.status).toBe('abend');
    expect(check!.message).toBe('DMSITP141T OPERATION EXCEPTION OCCURRED AT 020000 IN ROUTINE USER PGM.');
    expect(bad!.status).toBe('malformed');
    expect(bad!.message).toBe('bad: card 2: unknown control card /SPOOL');
    expect(hello1!.status).toBe('ran');
    expect(hello1!.console).toContain('HELLO FROM A DECK');
    expect(hello2!.status).toBe('mismatch');
    expect(hello2!.diff).toMatch(/^--- hello2 expected printer\n\+\+\+ hello2 printer\n@@ /);
    expect(hello2!.diff).not.toMatch(/punch/);
    expect(hello2!.printer).toBe(hello1!.printer);
    expect(hello1!.punch).toBe('CARD\n');
    // The same deck on another batch machine (which machine ran which deck above depends on the
    // host's timing): byte-identical printer and punch output.
    const other = hello1!.user === 'BATCH1' ? 'BATCH2' : 'BATCH1';
    const again = await runDecks([{ name: 'hello3', text: HELLO }], { jobs: 1, users: [other], timeoutSeconds: 120 });
    expect(again.results[0]!.user).toBe(other);
    expect(again.results[0]!.printer).toBe(hello1!.printer);
    expect(again.results[0]!.punch).toBe(hello1!.punch);
  }, 240_000);
});
