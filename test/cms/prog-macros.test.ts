// The R6 file system macros in cms/maclib (CMS Command and Macro Reference R6 GC20-1818: FSCB,
// FSWRITE, FSREAD, FSCLOSE, FSSTATE, FSERASE, and WRTERM), in a program assembled, loaded and
// started under our CMS.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cards, progSession, type ProgDisk } from './prog-harness.ts';

const READY = expect.stringMatching(/^R; T=/);

describe('the file system macros in a program', () => {
  let disk: ProgDisk;
  beforeAll(() => {
    disk = progSession({
      'FILES ASSEMBLE A1': cards([
        'FILES    CSECT',
        '         LR    12,15',
        '         USING FILES,12',
        "         FSWRITE 'OUT DATA A1',BUFFER=REC1,BSIZE=80,RECFM=F,ERROR=BAD",
        "         FSWRITE 'OUT DATA A1',BUFFER=REC2,BSIZE=80,RECFM=F,ERROR=BAD",
        "         FSCLOSE 'OUT DATA A1'",
        "         FSSTATE 'OUT DATA',ERROR=BAD",
        '         FSREAD FSCB=INFSCB,ERROR=BAD',
        '         WRTERM INBUF,8',
        '         LA    3,INBUF',
        '         FSREAD FSCB=INFSCB,BUFFER=(3),ERROR=BAD',
        '         WRTERM INBUF,8',
        '         FSREAD FSCB=INFSCB',
        '         C     15,=F\'12\'',
        '         BNE   BAD',
        '         FSCLOSE FSCB=INFSCB',
        "         LINEDIT TEXT='END  OF   FILE'",
        '         FSERASE OUTID,ERROR=BAD',
        "         FSSTATE 'OUT DATA'",
        '         BR    14',
        'BAD      LA    15,99',
        '         BR    14',
        "REC1     DC    CL80'LINE ONE'",
        "REC2     DC    CL80'LINE TWO'",
        "OUTID    DC    CL8'OUT',CL8'DATA',CL2'A1'",
        "INFSCB   FSCB  'OUT DATA',BUFFER=INBUF,BSIZE=80",
        'INBUF    DS    CL80',
        '         LTORG',
        '         END',
      ]),
    });
  });
  afterAll(() => disk?.close());

  it('the program assembles with the macros', () => {
    expect(disk.session.type('ASSEMBLE FILES')).toEqual(['ASSEMBLER DONE', 'NO STATEMENTS FLAGGED IN THIS ASSEMBLY', READY]);
  });

  it('FSWRITE, FSCLOSE, FSSTATE, FSREAD to the end (12), FSERASE, then FSSTATE 28 as the return code; LINEDIT', () => {
    expect(disk.session.type('LOAD FILES (START')).toEqual([
      'EXECUTION BEGINS...',
      'LINE ONE',
      'LINE TWO',
      'END OF FILE.',
      expect.stringMatching(/^R\(00028\); /),
    ]);
    expect(() => disk.read('OUT DATA A1')).toThrow(/not found/);
  });
});
