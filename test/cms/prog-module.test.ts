// GENMOD and LOADMOD (CMS Command and Macro Reference R6 GC20-1818) and the command search's MODULE
// step (DMSMODX, SVC 202 '$MODULE$'): fn MODULE A1 in R6's format, read back and run by name.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordAt } from './helpers.ts';
import { cards, HELLO, progCms, progSession, type ProgDisk } from './prog-harness.ts';

const READY = expect.stringMatching(/^R; T=/);

/** Zeroes the loaded program (DMSLDRST: A(origin), A(end)), so that what runs next came from disk. */
function wipeProgram(disk: ProgDisk): void {
  const state = progCms().symbols.get('DMSLDRST')!;
  disk.session.vm.cpu.mem.fill(0, wordAt(disk.session, state), wordAt(disk.session, state + 4));
}

function word(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

describe('GENMOD, LOADMOD and MODULEs run by name', () => {
  let disk: ProgDisk;
  beforeAll(() => {
    disk = progSession({
      'HELLO ASSEMBLE A1': cards(HELLO),
      // Prints its first argument and returns 3: R1 -> its name, then the arguments.
      'ECHO ASSEMBLE A1': cards([
        'ECHO     CSECT',
        '         LR    12,15',
        '         USING ECHO,12',
        '         MVC   ARG,8(1)',
        '         WRTERM ARG,8',
        '         LA    15,3',
        '         BR    14',
        'ARG      DS    CL8',
        '         END',
      ]),
    });
    for (const fn of ['HELLO', 'ECHO']) expect([fn, disk.session.type(`ASSEMBLE ${fn}`).at(-1)]).toEqual([fn, READY]);
  });
  afterAll(() => disk?.close());

  it('GENMOD with nothing loaded: DMSMOD040E', () => {
    expect(disk.session.type('GENMOD HELLO')).toEqual(['DMSMOD040E NO FILES LOADED', expect.stringMatching(/^R\(00040\); /)]);
  });

  it('GENMOD fn writes fn MODULE A1: V, an 80-byte header (entry, origin, end, end), then the image', () => {
    expect(disk.session.type('LOAD HELLO')).toEqual([READY]);
    expect(disk.session.type('GENMOD HELLO')).toEqual([READY]);
    const module = disk.read('HELLO MODULE A1');
    expect(module.recfm).toBe('V');
    const [header, image] = module.records;
    expect(header!.length).toBe(80);
    expect(word(header!, 0)).toBe(0x2_0000);
    expect(word(header!, 4)).toBe(0x2_0000);
    const end = word(header!, 8);
    expect(word(header!, 12)).toBe(end);
    expect(image!.length).toBe(end - 0x2_0000);
    expect(Array.from(image!)).toEqual(Array.from(disk.session.vm.cpu.mem.subarray(0x2_0000, end)));
  });

  it('the MODULE runs by name through the command search (SVC 202 $MODULE$): no EXECUTION BEGINS', () => {
    wipeProgram(disk);
    expect(disk.session.type('$MODULE$ HELLO')).toEqual(['HELLO, WORLD', READY]);
  });

  it('a MODULE gets R1 -> its name and arguments; its R15 is the return code', () => {
    expect(disk.session.type('LOAD ECHO')).toEqual([READY]);
    expect(disk.session.type('GENMOD ECHO MODULE A')).toEqual([READY]);
    expect(disk.session.type('$MODULE$ ECHO SOMETHING')).toEqual(['SOMETHIN', expect.stringMatching(/^R\(00003\); /)]);
  });

  it('no such MODULE: return code -3 and nothing typed, so the command search goes on', () => {
    expect(disk.session.type('$MODULE$ NOSUCH')).toEqual([expect.stringMatching(/^R\(-0003\); /)]);
    expect(disk.session.type('$MODULE$ HEL*')).toEqual([expect.stringMatching(/^R\(-0003\); /)]);
  });

  it('LOADMOD fn reads the image back; START runs it', () => {
    wipeProgram(disk);
    expect(disk.session.type('LOADMOD HELLO')).toEqual([READY]);
    expect(disk.session.type('START')).toEqual(['EXECUTION BEGINS...', 'HELLO, WORLD', READY]);
  });

  it('LOADMOD of a file that is not there: DMSMOD002E; GENMOD without a name: DMSMOD001E', () => {
    expect(disk.session.type('LOADMOD NOSUCH')).toEqual(['DMSMOD002E FILE NOSUCH MODULE NOT FOUND', expect.stringMatching(/^R\(00028\); /)]);
    expect(disk.session.type('GENMOD')).toEqual(['DMSMOD001E NO FILENAME SPECIFIED', expect.stringMatching(/^R\(00024\); /)]);
    expect(disk.session.type('GENMOD X TEXT')).toEqual(['DMSMOD032E INVALID FILETYPE TEXT', expect.stringMatching(/^R\(00024\); /)]);
  });
});
