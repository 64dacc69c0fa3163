// LOAD, INCLUDE and START (CMS Command and Macro Reference R6 GC20-1818): TEXT decks our ASSEMBLE
// wrote, loaded at X'20000', relocated and linked; the program started with standard linkage.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toEbcdic } from '../../src/ebcdic/index.ts';
import { EPOCH, wordAt } from './helpers.ts';
import { cards, freeBlocks, HELLO, progCms, progSession, type ProgDisk } from './prog-harness.ts';

const READY = expect.stringMatching(/^R; T=/);

/** An object deck of nonsense: each card type with its counts and ids out of range. */
function junkDeck(): Uint8Array[] {
  const card = (kind: string, fill: (c: Uint8Array) => void): Uint8Array => {
    const c = new Uint8Array(80).fill(0xff);
    c[0] = 0x02;
    c.set(toEbcdic(kind), 1);
    fill(c);
    return c;
  };
  return [
    card('ESD', (c) => c.set([0x7f, 0xff, 0x40, 0x40, 0x00, 0x01], 10)),
    card('ESD', (c) => {
      c.set([0x00, 0x10, 0x40, 0x40, 0x00, 0x01], 10);
      c.set(toEbcdic('JUNK    '), 16);
      c.set([0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10], 24); // SD at 0, length 16
    }),
    card('TXT', (c) => c.set([0x00, 0xff, 0xff, 0xf0, 0x40, 0x40, 0x00, 0x38, 0x40, 0x40, 0x00, 0x01], 2)),
    card('RLD', (c) => c.set([0x7f, 0xff, 0x40, 0x40, 0x40, 0x40, 0xff, 0xff, 0x00, 0x01], 10)),
    card('END', () => undefined),
  ];
}

describe('LOAD, INCLUDE, START', () => {
  let disk: ProgDisk;
  beforeAll(() => {
    disk = progSession({
      'HELLO ASSEMBLE A1': cards(HELLO),
      // Two control sections in one deck, the second reached through a V-type constant; the
      // second deck's entry name (ENTRY) resolved from the first.
      'MAIN ASSEMBLE A1': cards([
        'MAIN     CSECT',
        '         STM   14,12,12(13)',
        '         LR    12,15',
        '         USING MAIN,12',
        '         LA    11,SAVE',
        '         ST    13,4(,11)',
        '         LR    13,11',
        '         L     15,=V(SUB)',
        '         BALR  14,15',
        '         L     15,=V(PRINT)',
        '         BALR  14,15',
        '         L     13,4(,13)',
        '         LM    14,12,12(13)',
        '         LA    15,7',
        '         BR    14',
        'SAVE     DS    18F',
        '         LTORG',
        'SUB      CSECT',
        '         USING SUB,15',
        "         WRTERM 'IN SUB'",
        '         BR    14',
        '         END   MAIN',
      ]),
      'PRINTER ASSEMBLE A1': cards([
        'PRINTER  CSECT',
        '         ENTRY PRINT',
        'PRINT    DS    0H',
        '         USING PRINT,15',
        "         WRTERM 'IN PRINT'",
        '         BR    14',
        '         END',
      ]),
      // Calls SUBR, which no deck names: LOAD finds SUBR TEXT by itself (AUTO).
      'CALLER ASSEMBLE A1': cards([
        'CALLER   CSECT',
        '         LR    12,14',
        '         LR    11,15',
        '         USING CALLER,11',
        '         L     15,=V(SUBR)',
        '         BALR  14,15',
        '         LR    14,12',
        '         LA    15,5',
        '         BR    14',
        '         LTORG',
        '         END',
      ]),
      'SUBR ASSEMBLE A1': cards(['SUBR     CSECT', '         USING SUBR,15', "         WRTERM 'IN SUBR'", '         BR    14', '         END']),
      'ARGS ASSEMBLE A1': cards([
        'ARGS     CSECT',
        '         LR    12,15',
        '         USING ARGS,12',
        '         MVC   FIRST,8(1)',
        '         MVC   SECOND,16(1)',
        '         WRTERM FIRST,8',
        '         LA    2,SECOND',
        '         LA    3,8',
        '         WRTERM (2),(3)',
        '         SR    15,15',
        '         BR    14',
        'FIRST    DS    CL8',
        'SECOND   DS    CL8',
        '         END',
      ]),
      // Cards a loader must survive: ESD and RLD byte counts beyond the card, ESD ids out of
      // range, text outside any section.
      'JUNK TEXT A1': { records: junkDeck(), recfm: 'F', lrecl: 80, when: EPOCH },
      'LOOP ASSEMBLE A1': cards(['LOOP     CSECT', '         USING *,15', '         B     *', '         END']),
      'BOOM ASSEMBLE A1': cards(['BOOM     CSECT', '         DC    H\'0\'', '         END']),
    });
    for (const fn of ['HELLO', 'MAIN', 'PRINTER', 'ARGS', 'BOOM', 'CALLER', 'SUBR', 'LOOP']) expect([fn, disk.session.type(`ASSEMBLE ${fn}`).at(-1)]).toEqual([fn, READY]);
  });
  afterAll(() => disk?.close());

  it('LOAD HELLO, then START: EXECUTION BEGINS..., the program\'s line, R;', () => {
    expect(disk.session.type('LOAD HELLO')).toEqual([READY]);
    expect(disk.session.type('START')).toEqual(['EXECUTION BEGINS...', 'HELLO, WORLD', READY]);
  });

  it('the program is loaded at X\'20000\' (LOAD MAP A5: HELLO SD 020000)', () => {
    const map = disk.read('LOAD MAP A5');
    expect(map.recfm).toBe('F');
    expect(map.lrecl).toBe(100);
    expect(map.lines.map((l) => l.trimEnd())).toEqual([' HELLO   SD 020000']);
  });

  it('the program\'s storage is out of the free storage chain: no free block lies under it', () => {
    // DMSLDRST: A(origin), A(end), A(entry) ...
    const state = progCms().symbols.get('DMSLDRST')!;
    expect(wordAt(disk.session, state)).toBe(0x2_0000);
    const end = wordAt(disk.session, state + 4);
    expect(end).toBeGreaterThan(0x2_0000);
    const blocks = freeBlocks(disk.session);
    expect(blocks.length).toBeGreaterThan(0);
    for (const [address, length] of blocks) expect(address + length <= 0x2_0000 || address >= end).toBe(true);
  });

  it('LOAD fn (START loads and starts', () => {
    expect(disk.session.type('LOAD HELLO (START')).toEqual(['EXECUTION BEGINS...', 'HELLO, WORLD', READY]);
  });

  it('two CSECTs and an external reference resolved by INCLUDE: the return code is the program\'s', () => {
    const load = disk.session.type('LOAD MAIN');
    expect(load).toEqual(['DMSLIO201W THE FOLLOWING NAMES ARE UNDEFINED:', ' PRINT', expect.stringMatching(/^R\(00004\); /)]);
    expect(disk.session.type('INCLUDE PRINTER')).toEqual([READY]);
    expect(disk.session.type('START *')).toEqual(['EXECUTION BEGINS...', 'IN SUB', 'IN PRINT', expect.stringMatching(/^R\(00007\); /)]);
    const map = disk.read('LOAD MAP A5').lines.map((l) => l.trimEnd());
    expect(map).toEqual([' MAIN    SD 020000', ' SUB     SD ' + map[1]!.slice(12), ' PRINTER SD ' + map[2]!.slice(12), ' PRINT      ' + map[2]!.slice(12)]);
    // The V-type constant for SUB in MAIN's literal pool holds SUB's load address.
    const sub = parseInt(map[1]!.slice(12), 16);
    expect(sub).toBeGreaterThan(0x2_0000);
    const session = disk.session;
    const image = session.vm.cpu.mem.subarray(0x2_0000, sub);
    const words = [];
    for (let a = 0; a + 4 <= image.length; a += 4) words.push(wordAt(session, 0x2_0000 + a));
    expect(words).toContain(sub);
  });

  it('a name no deck defines is loaded from name TEXT (AUTO); NOAUTO leaves it undefined', () => {
    expect(disk.session.type('LOAD CALLER (NOAUTO')).toEqual(['DMSLIO201W THE FOLLOWING NAMES ARE UNDEFINED:', ' SUBR', expect.stringMatching(/^R\(00004\); /)]);
    expect(disk.session.type('LOAD CALLER (START')).toEqual(['EXECUTION BEGINS...', 'IN SUBR', expect.stringMatching(/^R\(00005\); /)]);
    expect(disk.read('LOAD MAP A5').lines.map((l) => l.trimEnd().slice(0, 11))).toEqual([' CALLER  SD', ' SUBR    SD']);
  });

  it('START entry args: R1 -> the entry token, then the arguments', () => {
    expect(disk.session.type('LOAD ARGS')).toEqual([READY]);
    expect(disk.session.type('START ARGS ONE TWO')).toEqual(['EXECUTION BEGINS...', 'ONE     ', 'TWO     ', READY]);
  });

  it('a program check in a STARTed program: DMSITP141T ... USER PGM, CMS goes on', () => {
    expect(disk.session.type('LOAD BOOM')).toEqual([READY]);
    expect(disk.session.type('START')).toEqual([
      'EXECUTION BEGINS...',
      'DMSITP141T OPERATION EXCEPTION OCCURRED AT 020000 IN ROUTINE USER PGM.',
      'CMS',
    ]);
    expect(disk.session.type('LOAD HELLO (START')).toEqual(['EXECUTION BEGINS...', 'HELLO, WORLD', READY]);
  });

  it('a STARTed program runs enabled: attention and HX end a loop (CMS, no Ready)', () => {
    expect(disk.session.type('LOAD LOOP')).toEqual([READY]);
    disk.session.enter('START');
    expect(disk.session.vm.run(200_000).outcome).toBe('budget');
    disk.session.vm.console?.attention();
    disk.session.enter('HX');
    expect(disk.session.runUntilRead()).toEqual(['EXECUTION BEGINS...', 'CMS']);
    expect(disk.session.type('LOAD HELLO (START')).toEqual(['EXECUTION BEGINS...', 'HELLO, WORLD', READY]);
  });

  it('a deck of nonsense cards loads without harm to CMS', () => {
    const out = disk.session.type('LOAD JUNK');
    expect(out.at(-1)).toMatch(/^R(\(\d+\))?; /);
    expect(disk.session.type('LOAD HELLO (START')).toEqual(['EXECUTION BEGINS...', 'HELLO, WORLD', READY]);
  });

  it('START an entry that is not loaded: DMSLIO021E', () => {
    expect(disk.session.type('START NOSUCH')).toEqual(["DMSLIO021E ENTRY POINT 'NOSUCH' NOT FOUND", expect.stringMatching(/^R\(00040\); /)]);
  });

  it('LOAD a file that is not there: DMSLIO201W (as R6); no file name: DMSLIO001E; a bad option: DMSLIO003E', () => {
    expect(disk.session.type('LOAD NOSUCH')).toEqual(['DMSLIO201W THE FOLLOWING NAMES ARE UNDEFINED:', ' NOSUCH', expect.stringMatching(/^R\(00004\); /)]);
    expect(disk.session.type('LOAD')).toEqual(['DMSLIO001E NO FILENAME SPECIFIED', expect.stringMatching(/^R\(00024\); /)]);
    expect(disk.session.type('LOAD HELLO (FOO')).toEqual(["DMSLIO003E INVALID OPTION 'FOO'", expect.stringMatching(/^R\(00024\); /)]);
  });
});
