// The hello world of the CMS User's Guide R6 ("Assembler language"), end to end: the source put on a
// fresh 191 disk with the host cmsdisk library, then ASSEMBLE, LOAD, START, GENMOD and the MODULE
// run by name, and the files left on the disk read back from the image.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../../src/cp/cmsdisk/index.ts';
import { cards, HELLO, progSession, type ProgDisk } from './prog-harness.ts';

const READY = expect.stringMatching(/^R; T=\d+\.\d\d\/\d+\.\d\d \d\d:\d\d:\d\d$/);

describe('hello world: ASSEMBLE, LOAD, START, GENMOD, run by name', () => {
  let disk: ProgDisk;
  beforeAll(() => {
    disk = progSession({ 'HELLO ASSEMBLE A1': cards(HELLO) });
  });
  afterAll(() => disk?.close());

  it('types what R6 CMS types at each step', () => {
    const s = disk.session;
    expect(s.type('ASSEMBLE HELLO')).toEqual(['ASSEMBLER DONE', 'NO STATEMENTS FLAGGED IN THIS ASSEMBLY', READY]);
    expect(s.type('LOAD HELLO')).toEqual([READY]);
    expect(s.type('START')).toEqual(['EXECUTION BEGINS...', 'HELLO, WORLD', READY]);
    expect(s.type('GENMOD HELLO')).toEqual([READY]);
    expect(s.type('$MODULE$ HELLO')).toEqual(['HELLO, WORLD', READY]);
  });

  it('leaves HELLO TEXT, LISTING and MODULE on the A disk, and LOAD MAP A5', () => {
    const files = listFiles(disk.image).files.map((f) => `${f.filename.trim()} ${f.filetype.trim()} ${f.recfm} ${f.lrecl}`);
    expect(files).toEqual(
      expect.arrayContaining(['HELLO ASSEMBLE F 80', 'HELLO TEXT F 80', 'HELLO LISTING F 121', 'HELLO MODULE V 80', 'LOAD MAP F 100']),
    );
  });
});
