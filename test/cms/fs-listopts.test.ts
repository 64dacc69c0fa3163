// LISTFILE's options and TYPE (HEX in our CMS (CMS Command and Macro Reference R6 GC20-1818; the option list and
// the column headings of R6 19D's LISTFILE HELPCMD): FNAME, FTYPE, FMODE, FORMAT, ALLOC, DATE and
// LABEL choose the columns (the most of them given wins), HEADER types the headings, EXEC and
// APPEND write the list into CMS EXEC A1. TYPE (HEX types records in hexadecimal.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from '../../src/cp/cmsdisk/index.ts';
import { buildUrCms, ebcdic, text, urMachine, type UrMachine } from './ur-helpers.ts';

const WHEN = new Date(2026, 0, 19, 9, 5, 0);

describe('LISTFILE options', () => {
  let m: UrMachine;
  beforeAll(() => {
    m = urMachine(buildUrCms(), [
      { fileId: 'ALPHA DATA A1', records: ebcdic(['ONE', 'TWO', 'THREE'].map((l) => l.padEnd(80))), recfm: 'F', lrecl: 80, when: WHEN },
      { fileId: 'BETA MEMO A2', records: ebcdic(['A SHORT LINE', 'A LINE OF TWENTY....']), recfm: 'V', lrecl: 20, when: WHEN },
    ]);
  });
  afterAll(() => m.close());

  it('FNAME lists the names only, FTYPE names and types, FMODE (the default) names, types and modes', () => {
    expect(m.run('LISTFILE * * A (FNAME')).toEqual({ lines: ['ALPHA', 'BETA'], rc: 0 });
    expect(m.run('LISTFILE * * A (FT)')).toEqual({ lines: ['ALPHA    DATA', 'BETA     MEMO'], rc: 0 });
    expect(m.run('LISTFILE (FMODE').lines).toEqual(['ALPHA    DATA     A1', 'BETA     MEMO     A2']);
    expect(m.run('LISTFILE').lines).toEqual(['ALPHA    DATA     A1', 'BETA     MEMO     A2']);
  });

  it('FORMAT adds the record format and length, ALLOC the records and blocks too', () => {
    expect(m.run('LISTFILE * * A (FORMAT').lines).toEqual(['ALPHA    DATA     A1  F    80', 'BETA     MEMO     A2  V    20']);
    expect(m.run('LISTFILE * * A (AL').lines).toEqual([
      'ALPHA    DATA     A1  F    80      3      1',
      'BETA     MEMO     A2  V    20      2      1',
    ]);
  });

  it('DATE adds the date and time, LABEL the disk label; the most information asked for wins', () => {
    expect(m.run('LISTFILE ALPHA DATA A (DATE').lines).toEqual(['ALPHA    DATA     A1  F    80      3      1  01/19/26    9:05']);
    expect(m.run('LISTFILE ALPHA DATA A (LABEL FNAME').lines).toEqual([
      'ALPHA    DATA     A1  F    80      3      1  01/19/26    9:05  UR0191',
    ]);
  });

  it('HEADER types the column headings over the columns shown; NOHEADER does not', () => {
    expect(m.run('LISTFILE BETA * A (HEADER').lines).toEqual(['Filename Filetype Fm', 'BETA     MEMO     A2']);
    expect(m.run('LISTFILE BETA * A (H FO').lines).toEqual(['Filename Filetype Fm  Format', 'BETA     MEMO     A2  V    20']);
    expect(m.run('LISTFILE BETA * A (LABEL HEADER').lines).toEqual([
      'Filename Filetype Fm  Format    Recs Blocks     Date    Time   Label',
      'BETA     MEMO     A2  V    20      2      1  01/19/26    9:05  UR0191',
    ]);
    expect(m.run('LISTFILE BETA * A (FN H NOH').lines).toEqual(['BETA']);
  });

  it('EXEC writes CMS EXEC A1 (replacing it); APPEND adds to its end', () => {
    expect(m.run('LISTFILE ALPHA * A (EXEC')).toEqual({ lines: [], rc: 0 });
    expect(m.run('LISTFILE BETA * A (APPEND')).toEqual({ lines: [], rc: 0 });
    const exec = readFile(m.disk, 'CMS EXEC A1');
    expect(exec.fst.recfm).toBe('F');
    expect(text(exec.records).map((r) => r.trimEnd())).toEqual([
      ' &1 &2 ALPHA    DATA      A1  F    80      3      1 01/19/26    9:05',
      ' &1 &2 BETA     MEMO      A2  V    20      2      1 01/19/26    9:05',
    ]);
    expect(m.run('LISTFILE BETA * A (EXEC')).toEqual({ lines: [], rc: 0 });
    expect(readFile(m.disk, 'CMS EXEC A1').records).toHaveLength(1);
  });

  it('an option that is not one, or too short to tell which (F), is rejected', () => {
    expect(m.run('LISTFILE * * A (FOO')).toEqual({ lines: ["DMSLST003E Invalid option 'FOO'."], rc: 24 });
    expect(m.run('LISTFILE * * A (F')).toEqual({ lines: ["DMSLST003E Invalid option 'F'."], rc: 24 });
    expect(m.run('LISTFILE * * A (DATES')).toEqual({ lines: ["DMSLST003E Invalid option 'DATES'."], rc: 24 });
  });
});

describe('TYPE (HEX', () => {
  let m: UrMachine;
  beforeAll(() => {
    const bytes = new Uint8Array([0x00, 0x01, 0x7f, 0xc1, 0xc2, 0x40, 0xf1, 0xf2, 0xff, 0x10, 0x20, 0x30, 0x4b, 0x5c, 0x81, 0x82, 0xc3, 0xc4]);
    m = urMachine(buildUrCms(), [
      { fileId: 'BIN DATA A1', records: [bytes, ebcdic(['ABCD'])[0]!], recfm: 'V', lrecl: 18, when: WHEN },
      { fileId: 'TEXT FILE A1', records: ebcdic(['FIRST', 'SECOND', 'THIRD']), recfm: 'V', lrecl: 6, when: WHEN },
    ]);
  });
  afterAll(() => m.close());

  it('each record: its number and length, then 16 bytes a line in hex and as characters', () => {
    expect(m.run('TYPE BIN DATA A (HEX')).toEqual({
      lines: [
        ' ',
        'RECORD     1  LENGTH    18',
        '0000  00017FC1 C240F1F2 FF102030 4B5C8182  *.."AB 12.....*ab*',
        '0010  C3C4                                 *CD              *',
        'RECORD     2  LENGTH     4',
        '0000  C1C2C3C4                             *ABCD            *',
      ],
      rc: 0,
    });
  });

  it('the record numbers choose the records as without HEX; the ) is optional', () => {
    expect(m.run('TYPE TEXT FILE A 2 2 (HEX)').lines).toEqual([' ', 'RECORD     2  LENGTH     6', '0000  E2C5C3D6 D5C4                        *SECOND          *']);
    expect(m.run('TYPE TEXT FILE A 3 (HEX').lines.slice(1, 2)).toEqual(['RECORD     3  LENGTH     5']);
    expect(m.run('TYPE TEXT FILE (HEX').lines).toHaveLength(7);
    expect(m.run('TYPE TEXT FILE A 2').lines).toEqual([' ', 'SECOND']);
  });

  it('an option other than HEX is rejected', () => {
    expect(m.run('TYPE TEXT FILE A (HEXX')).toEqual({ lines: ["DMSTYP003E Invalid option 'HEXX'."], rc: 24 });
  });
});
