// JOBSPLIT, the batch machine's command (cms/nucleus/dmsbat.assemble), in our CMS: it reads JOB
// DECK A1 and writes each control card's cards into a file and its commands into BATCHJOB EXEC A1,
// the same lines the runner's check of the deck (compileJob) expects.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileJob, textDeckCards } from '../../src/decks/index.ts';
import { cards, progSession, type ProgDisk } from '../cms/prog-harness.ts';
import { READY } from '../cms/helpers.ts';

const DECK = [
  '/JOB SPLIT',
  '/* a comment card',
  '/DATA IN DATA',
  'FIRST',
  'SECOND',
  '/ASSEMBLE PROG',
  'PROG     CSECT',
  '/RUN * ONE TWO',
  '/exec',
  '&TYPE HI',
  '/EXEC NAMED ARG',
  '&TYPE NAMED',
  '/PUNCH',
  'PUNCHED',
  '/PUNCH IN DATA',
  '/PRINT IN DATA CC',
  '/TEXT OBJ',
  '/RUN',
  '/END',
  'IGNORED AFTER END',
];

describe('JOBSPLIT', () => {
  let disk: ProgDisk;
  beforeAll(() => {
    disk = progSession({ 'JOB DECK A1': cards(DECK) });
  });
  afterAll(() => disk?.close());

  it("writes BATCHJOB EXEC A1 with the lines the runner's check of the deck gives", () => {
    expect(disk.session.type('JOBSPLIT')).toEqual([expect.stringMatching(READY)]);
    const exec = disk.read('BATCHJOB EXEC A1');
    expect(exec.recfm).toBe('F');
    // compileJob refuses the card after /END; JOBSPLIT stops reading there.
    const expected = compileJob('split', textDeckCards('split', DECK.slice(0, -1).join('\n'))).exec;
    expect(exec.lines.map((l) => l.trimEnd())).toEqual(expected);
  });

  it('puts the cards after each section card into its file, F 80', () => {
    const text = (id: string) => disk.read(id).lines.map((l) => l.trimEnd());
    expect(text('IN DATA A1')).toEqual(['FIRST', 'SECOND']);
    expect(text('PROG ASSEMBLE A1')).toEqual(['PROG     CSECT']);
    expect(text('JOBEXEC1 EXEC A1')).toEqual(['&TYPE HI']);
    expect(text('NAMED EXEC A1')).toEqual(['&TYPE NAMED']);
    expect(text('PUNCH1 CARDS A1')).toEqual(['PUNCHED']);
    expect(disk.read('IN DATA A1').lrecl).toBe(80);
  });

  it("an unknown control card: DMSBAT070E INVALID CONTROL CARD '/x', return code 24", () => {
    const other = progSession({ 'JOB DECK A1': cards(['/JOB X', '/SPOOL PRT']) });
    try {
      expect(other.session.type('JOBSPLIT')).toEqual(["DMSBAT070E INVALID CONTROL CARD '/SPOOL'", expect.stringMatching(/^R\(00024\); /)]);
    } finally {
      other.close();
    }
  });

  it("no JOB DECK: DMSBAT002E FILE 'JOB DECK A1' NOT FOUND, return code 28", () => {
    const other = progSession({});
    try {
      expect(other.session.type('JOBSPLIT')).toEqual(["DMSBAT002E FILE 'JOB DECK A1' NOT FOUND", expect.stringMatching(/^R\(00028\); /)]);
    } finally {
      other.close();
    }
  });
});
