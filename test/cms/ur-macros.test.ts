// The R6 unit record macros in a program (CMS Command and Macro Reference R6 GC20-1818: CARDRD,
// PUNCHC, PRINTL): assembled with our assembler, loaded and started under our CMS; the cards come
// from a file queued in the virtual reader, the punched cards and printed lines land in the spool
// files that CP CLOSE makes.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromEbcdic, toEbcdic } from '../../src/ebcdic/index.ts';
import { cards, progSession, type ProgDisk } from './prog-harness.ts';

const READY = expect.stringMatching(/^R; T=/);
const text = (records: readonly Uint8Array[]): string[] => records.map((r) => fromEbcdic(r));

// Reads every card (CARDRD until return code 1), punches each one back (PUNCHC) and prints it with
// single spacing (PRINTL, a blank carriage control byte before it), then a last line on a new page
// ('1'); the number of cards goes back as the return code (R15), after a bad length (5) is checked;
// a CARDRD error gives its return code + 100.
const PROGRAM = [
  'COPYDECK CSECT',
  '         LR    12,15',
  '         USING COPYDECK,12',
  '         ST    14,SAVE14',
  '         SR    4,4                     cards read',
  'LOOP     CARDRD CARD',
  '         C     15,=F\'1\'              end of file',
  '         BE    DONE',
  '         LTR   15,15',
  '         BNZ   RDBAD',
  '         C     0,=F\'80\'',
  '         BNE   BAD',
  '         LA    4,1(,4)',
  '         PUNCHC CARD',
  '         LTR   15,15',
  '         BNZ   BAD',
  '         LA    3,LINE',
  '         LA    5,81',
  '         PRINTL (3),(5)',
  '         LTR   15,15',
  '         BNZ   BAD',
  '         B     LOOP',
  'DONE     PRINTL LAST,10',
  '         PUNCHC CARD,200',
  '         C     15,=F\'5\'              a card holds 80',
  '         BNE   BAD',
  '         LR    15,4',
  '         L     14,SAVE14',
  '         BR    14',
  'RDBAD    LA    15,100(,15)             CARDRD\'s code + 100',
  '         L     14,SAVE14',
  '         BR    14',
  'BAD      LA    15,99',
  '         L     14,SAVE14',
  '         BR    14',
  'SAVE14   DS    F',
  "LINE     DC    C' '",
  'CARD     DS    CL80',
  "LAST     DC    CL10'1THE END'",
  '         LTORG',
  '         END',
];

describe('CARDRD, PUNCHC and PRINTL in a program', () => {
  let disk: ProgDisk;
  beforeAll(() => {
    disk = progSession({ 'COPYDECK ASSEMBLE A1': cards(PROGRAM) });
  });
  afterAll(() => disk?.close());

  it('the program assembles with the macros', () => {
    expect(disk.session.type('ASSEMBLE COPYDECK')).toEqual(['ASSEMBLER DONE', 'NO STATEMENTS FLAGGED IN THIS ASSEMBLY', READY]);
  });

  it('CARDRD reads the reader file card by card and gives return code 1 at its end', () => {
    disk.session.vm.reader!.queue(['FIRST CARD', 'SECOND CARD', 'THIRD CARD'].map((c) => toEbcdic(c.padEnd(80))));
    const out = disk.session.type('LOAD COPYDECK (START');
    expect(out).toEqual(['EXECUTION BEGINS...', expect.stringMatching(/^R\(00003\); T=/)]);
  });

  it('PUNCHC: each card punched is a card of the punch file CP CLOSE 00D makes', () => {
    expect(disk.session.type('CP CLOSE 00D')).toEqual([expect.stringMatching(/^PUN FILE \d{4} TO CMSUSER COPY 01 NOHOLD$/), READY]);
    const file = disk.session.vm.spoolFiles.at(-1)!;
    expect(file.kind).toBe('punch');
    expect(text(file.records).map((c) => c.trimEnd())).toEqual(['FIRST CARD', 'SECOND CARD', 'THIRD CARD']);
  });

  it('PRINTL: the first byte is carriage control (blank: space 1 line, 1: a new page) and is not printed', () => {
    expect(disk.session.type('CP CLOSE 00E')).toEqual([expect.stringMatching(/^PRT FILE \d{4} TO CMSUSER COPY 01 NOHOLD$/), READY]);
    const file = disk.session.vm.spoolFiles.at(-1)!;
    expect(file.kind).toBe('print');
    expect(file.commands).toEqual([0x0b, 0x01, 0x0b, 0x01, 0x0b, 0x01, 0x8b, 0x01]);
    const printed = text(file.records.filter((_, i) => file.commands![i] === 0x01)).map((l) => l.trimEnd());
    expect(printed).toEqual(['FIRST CARD', 'SECOND CARD', 'THIRD CARD', 'THE END']);
  });

  it('CARDRD with no file in the reader: return code 2 (unit check), nothing punched', () => {
    const files = disk.session.vm.spoolFiles.length;
    expect(disk.session.type('START')).toEqual(['EXECUTION BEGINS...', expect.stringMatching(/^R\(00102\); T=/)]);
    expect(disk.session.type('CP CLOSE 00D')).toEqual([READY]);
    expect(disk.session.vm.spoolFiles).toHaveLength(files);
  });

  it('typed as commands, the functions find no area and length of theirs: return code 5, no I/O', () => {
    const files = disk.session.vm.spoolFiles.length;
    for (const name of ['CARDRD', 'CARDPH XYZ', 'PRINTR A B C']) {
      expect(disk.session.type(name)).toEqual([expect.stringMatching(/^R\(00005\); T=/)]);
    }
    expect(disk.session.type('CP CLOSE 00E')).toEqual([READY]);
    expect(disk.session.vm.spoolFiles).toHaveLength(files);
  });
});
