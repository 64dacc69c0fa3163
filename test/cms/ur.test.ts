// PUNCH, READCARD and PRINT in our CMS (CMS Command and Macro Reference R6 GC20-1818): the virtual
// punch's and printer's spool files as CP CLOSE makes them, and the virtual reader fed with them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CmsBuild } from '../../src/cms/index.ts';
import { listFiles, readFile } from '../../src/cp/cmsdisk/index.ts';
import { buildUrCms, ebcdic, text, urMachine, type UrMachine } from './ur-helpers.ts';

const WHEN = new Date(2026, 0, 19, 13, 42, 0);
const SOURCE = ['         PRINT NOGEN', 'HELLO    CSECT', '         BR    14', '         END'];

describe('PUNCH and READCARD', () => {
  let build: CmsBuild;
  let m: UrMachine;
  beforeAll(() => {
    build = buildUrCms();
    m = urMachine(build, [
      { fileId: 'HELLO ASSEMBLE A1', records: ebcdic(SOURCE.map((l) => l.padEnd(80))), recfm: 'F', lrecl: 80, when: WHEN },
      { fileId: 'NOTES MEMO A1', records: ebcdic(['SHORT', 'A LINE OF 80 ' + 'X'.repeat(67)]), recfm: 'V', lrecl: 80, when: WHEN },
      { fileId: 'WIDE MEMO A1', records: ebcdic(['A LINE OF 90 ' + 'X'.repeat(77)]), recfm: 'V', lrecl: 90, when: WHEN },
    ]);
  });
  afterAll(() => m.close());

  it('PUNCH fn ft: the :READ header card (R6 layout), the records, CP CLOSE 00D', () => {
    const out = m.run('PUNCH HELLO ASSEMBLE');
    expect(out).toEqual({ lines: ['PUN FILE 0001 TO CMSUSER COPY 01 NOHOLD'], rc: 0 });
    const file = m.session.vm.spoolFiles.at(-1)!;
    expect(file.kind).toBe('punch');
    const cards = text(file.records);
    expect(cards).toHaveLength(5);
    expect(cards[0]!.trimEnd()).toBe(':READ  HELLO    ASSEMBLE A1 UR0191 01/19/26  13:42');
    expect(cards.slice(1).map((c) => c.trimEnd())).toEqual(SOURCE);
    expect(cards.every((c) => c.length === 80)).toBe(true);
  });

  it('PUNCH (NOHEADER: only the records; V records blank padded', () => {
    expect(m.run('PUNCH NOTES MEMO A (NOH').rc).toBe(0);
    const cards = text(m.session.vm.spoolFiles.at(-1)!.records);
    expect(cards).toEqual(['SHORT'.padEnd(80), 'A LINE OF 80 ' + 'X'.repeat(67)]);
  });

  it('PUNCH rejects records longer than 80 and punches nothing', () => {
    const files = m.session.vm.spoolFiles.length;
    expect(m.run('PUNCH WIDE MEMO')).toEqual({ lines: ["DMSPUN033E File 'WIDE MEMO A1' has records longer than 80."], rc: 32 });
    expect(m.session.vm.spoolFiles).toHaveLength(files);
  });

  it('READCARD * names the file from the :READ card', () => {
    m.session.vm.reader!.queue(m.session.vm.spoolFiles[0]!.records);
    quietly(m.run('ERASE HELLO ASSEMBLE A'));
    expect(m.run('READCARD *')).toEqual({ lines: ['DMSRDC702I :READ  HELLO    ASSEMBLE A1 UR0191 01/19/26  13:42'], rc: 0 });
    const file = readFile(m.disk, 'HELLO ASSEMBLE A');
    expect(file.fst.recfm).toBe('F');
    expect(file.fst.lrecl).toBe(80);
    expect(text(file.records).map((r) => r.trimEnd())).toEqual(SOURCE);
  });

  it('READCARD fn ft fm keeps every card, :READ cards too', () => {
    m.session.vm.reader!.queue(m.session.vm.spoolFiles[0]!.records);
    expect(m.run('READCARD DECK DATA A2')).toEqual({ lines: [], rc: 0 });
    const file = readFile(m.disk, 'DECK DATA A2');
    expect(text(file.records)[0]).toMatch(/^:READ  HELLO/);
    expect(file.records).toHaveLength(5);
  });

  it('READCARD *: cards before a :READ card go to READCARD CMSUT1; two :READ cards make two files', () => {
    const deck = ebcdic(['FIRST', ':READ ONE DATA', 'ONE-1', 'ONE-2', ':READ TWO DATA B3', 'TWO-1']);
    m.session.vm.reader!.queue(deck);
    expect(m.run('READCARD *')).toEqual({
      lines: [
        'DMSRDC702I READ CONTROL CARD MISSING. FOLLOWING ASSUMED:',
        'DMSRDC702I :READ READCARD CMSUT1 A1',
        'DMSRDC702I :READ ONE DATA',
        'DMSRDC702I :READ TWO DATA B3',
      ],
      rc: 0,
    });
    expect(text(readFile(m.disk, 'READCARD CMSUT1 A').records).map((r) => r.trimEnd())).toEqual(['FIRST']);
    expect(text(readFile(m.disk, 'ONE DATA A').records).map((r) => r.trimEnd())).toEqual(['ONE-1', 'ONE-2']);
    expect(text(readFile(m.disk, 'TWO DATA A').records).map((r) => r.trimEnd())).toEqual(['TWO-1']);
    expect(readFile(m.disk, 'TWO DATA A').fst.modeNumber).toBe('3');
  });

  it('READCARD onto a read-only disk: DMSRDC037E, and the reader file is kept', () => {
    expect(m.run('ACCESS 192 C').lines).toEqual(['DMSACC723I C (192) R/O']);
    m.session.vm.reader!.queue(ebcdic(['A CARD']));
    expect(m.run('READCARD X Y C')).toEqual({ lines: ["DMSRDC037E Disk 'C' is read/only."], rc: 36 });
    expect(m.run('READCARD X Y D')).toEqual({ lines: ["DMSRDC069E Disk 'D' not accessed."], rc: 36 });
    expect(m.run('RELEASE C').rc).toBe(0);
    expect(m.run('READCARD X Y')).toEqual({ lines: [], rc: 0 });
    expect(text(readFile(m.disk, 'X Y A').records)).toEqual(['A CARD'.padEnd(80)]);
  });

  it('READCARD with nothing in the reader: DMSRDC701I NULL FILE', () => {
    expect(m.run('READCARD * ')).toEqual({ lines: ['DMSRDC701I NULL FILE'], rc: 0 });
  });

  it('READCARD replaces a file of the same name through its work file READCARD CMSUT2', () => {
    m.session.vm.reader!.queue(ebcdic(['NEW CONTENTS']));
    expect(m.run('READCARD DECK DATA A')).toEqual({ lines: [], rc: 0 });
    const file = readFile(m.disk, 'DECK DATA A');
    expect(text(file.records)).toEqual(['NEW CONTENTS'.padEnd(80)]);
    expect(file.fst.modeNumber).toBe('1');
    expect(listFiles(m.disk, 'READCARD CMSUT2').files).toEqual([]);
  });

  it('errors: a file not found, an incomplete fileid, a bad mode, a bad option', () => {
    expect(m.run('PUNCH NOSUCH FILE')).toEqual({ lines: ["DMSPUN002E File 'NOSUCH FILE' not found."], rc: 28 });
    expect(m.run('PUNCH NOSUCH')).toEqual({ lines: ['DMSPUN054E Incomplete fileID specified.'], rc: 24 });
    expect(m.run('PRINT A B C9')).toEqual({ lines: ["DMSPRT048E Invalid mode 'C9'."], rc: 24 });
    expect(m.run('PUNCH HELLO ASSEMBLE (FOO')).toEqual({ lines: ["DMSPUN003E Invalid option 'FOO'."], rc: 24 });
    expect(m.run('PUNCH HELLO ASSEMBLE B')).toEqual({ lines: ["DMSPUN069E Disk 'B' not accessed."], rc: 36 });
  });
});

describe('PRINT', () => {
  let m: UrMachine;
  beforeAll(() => {
    m = urMachine(buildUrCms(), [
      { fileId: 'REPORT MEMO A1', records: ebcdic(['1PAGE ONE', ' LINE TWO', '0LINE FOUR', '+OVER']), recfm: 'V', lrecl: 10, when: WHEN },
      { fileId: 'WIDE FILE A1', records: ebcdic(['W'.repeat(150)]), recfm: 'F', lrecl: 150, when: WHEN },
      { fileId: 'HELLO LISTING A1', records: ebcdic(['1Page one'.padEnd(121), ' lower case'.padEnd(121)]), recfm: 'F', lrecl: 121, when: WHEN },
    ]);
  });
  afterAll(() => m.close());

  it('PRINT fn ft: each record a line, then CP CLOSE 00E', () => {
    expect(m.run('PRINT REPORT MEMO')).toEqual({ lines: ['PRT FILE 0001 TO CMSUSER COPY 01 NOHOLD'], rc: 0 });
    const file = m.session.vm.spoolFiles.at(-1)!;
    expect(file.kind).toBe('print');
    expect(text(file.records)).toEqual(['1PAGE ONE', ' LINE TWO', '0LINE FOUR', '+OVER']);
    expect(file.commands).toEqual([0x09, 0x09, 0x09, 0x09]);
  });

  it('PRINT (CC: the first character is carriage control (skip to channel 1, space 1, 2, none)', () => {
    expect(m.run('PRINT REPORT MEMO A (CC').rc).toBe(0);
    const file = m.session.vm.spoolFiles.at(-1)!;
    expect(file.commands).toEqual([0x8b, 0x01, 0x0b, 0x01, 0x13, 0x01, 0x01]);
    expect(text(file.records.filter((_, i) => file.commands![i] === 0x01))).toEqual(['PAGE ONE', 'LINE TWO', 'LINE FOUR', 'OVER']);
  });

  it('PRINT of a LISTING assumes CC (NOCC does not); UPCASE prints lower case in upper case', () => {
    expect(m.run('PRINT HELLO LISTING (UP').rc).toBe(0);
    const file = m.session.vm.spoolFiles.at(-1)!;
    expect(file.commands).toEqual([0x8b, 0x01, 0x0b, 0x01]);
    expect(text(file.records.filter((_, i) => file.commands![i] === 0x01)).map((l) => l.trimEnd())).toEqual(['PAGE ONE', 'LOWER CASE']);
    expect(m.run('PRINT HELLO LISTING (NOCC').rc).toBe(0);
    expect(text(m.session.vm.spoolFiles.at(-1)!.records).map((l) => l.trimEnd())).toEqual(['1Page one', ' lower case']);
  });

  it('PRINT cuts lines at 132 characters', () => {
    expect(m.run('PRINT WIDE FILE').rc).toBe(0);
    expect(text(m.session.vm.spoolFiles.at(-1)!.records)).toEqual(['W'.repeat(132)]);
  });
});

function quietly(result: { lines: string[]; rc: number | null }): void {
  expect(result).toEqual({ lines: [], rc: 0 });
}
