// DISK DUMP and DISK LOAD in our CMS (CMS Command and Macro Reference R6 GC20-1818, DISK): a whole
// CMS file, F or V, punched as cards and loaded back from the reader identical.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from '../../src/cp/cmsdisk/index.ts';
import { toEbcdic } from '../../src/ebcdic/index.ts';
import { buildUrCms, ebcdic, text, urMachine, type UrMachine } from './ur-helpers.ts';

const WHEN = new Date(2026, 0, 19, 13, 42, 0);
/** V records of every length 1..300, some bytes not printable. */
const V_RECORDS = Array.from({ length: 300 }, (_, i) => Uint8Array.from({ length: i + 1 }, (_, j) => (i * 7 + j) & 0xff));
const F_RECORDS = Array.from({ length: 123 }, (_, i) => toEbcdic(`RECORD ${i + 1}`.padEnd(133, '.')));

describe('DISK DUMP and DISK LOAD', () => {
  let m: UrMachine;
  beforeAll(() => {
    m = urMachine(buildUrCms(), [
      { fileId: 'FIXED DATA A1', records: F_RECORDS, recfm: 'F', lrecl: 133, when: WHEN },
      { fileId: 'VARY DATA A3', records: V_RECORDS, recfm: 'V', lrecl: 300, when: WHEN },
    ]);
  });
  afterAll(() => m.close());

  const dumpAndLoad = (fileId: string) => {
    const before = readFile(m.disk, fileId);
    const out = m.run(`DISK DUMP ${fileId}`);
    expect(out).toEqual({ lines: ['PUN FILE 0001 TO CMSUSER COPY 01 NOHOLD'.replace('0001', String(m.session.vm.spoolFiles.length).padStart(4, '0'))], rc: 0 });
    const cards = m.session.vm.spoolFiles.at(-1)!.records;
    expect(cards.every((c) => c.length === 80 && c[0] === 0x02 && text([c.subarray(1, 4)])[0] === 'CMS')).toBe(true);
    expect(text([cards.at(-1)!.subarray(4, 5)])).toEqual(['N']);
    expect(m.run(`ERASE ${fileId}`).rc).toBe(0);
    m.session.vm.reader!.queue(cards);
    return { before, cards, load: m.run('DISK LOAD') };
  };

  it('an F file: DISK DUMP punches 50 bytes a card and an end card; DISK LOAD makes the same file', () => {
    const { before, cards, load } = dumpAndLoad('FIXED DATA A1');
    expect(cards).toHaveLength(Math.ceil((123 * 133) / 50) + 1);
    expect(text([cards[0]!.subarray(55, 79)])).toEqual(['F00133FIXED   DATA    A1']);
    expect(load).toEqual({ lines: ["FILE 'FIXED DATA A1' COPIED"], rc: 0 });
    const after = readFile(m.disk, 'FIXED DATA A1');
    expect(after.fst.recfm).toBe('F');
    expect(after.fst.lrecl).toBe(133);
    expect(after.records).toEqual(before.records);
  });

  it('a V file with records of every length keeps its records and its mode number', () => {
    const { before, load } = dumpAndLoad('VARY DATA A3');
    expect(load).toEqual({ lines: ["FILE 'VARY DATA A3' COPIED"], rc: 0 });
    const after = readFile(m.disk, 'VARY DATA A3');
    expect(after.fst.recfm).toBe('V');
    expect(after.fst.lrecl).toBe(300);
    expect(after.records).toEqual(before.records);
  });

  it('one reader file holding two dumps (CP SPOOL PUNCH CONT): DISK LOAD loads both', () => {
    expect(m.run('DISK DUMP FIXED DATA A').rc).toBe(0);
    expect(m.run('DISK DUMP VARY DATA A').rc).toBe(0);
    const both = [...m.session.vm.spoolFiles.at(-2)!.records, ...m.session.vm.spoolFiles.at(-1)!.records];
    const before = [readFile(m.disk, 'FIXED DATA A').records, readFile(m.disk, 'VARY DATA A').records];
    expect(m.run('ERASE * DATA A').rc).toBe(0);
    m.session.vm.reader!.queue(both);
    expect(m.run('DISK LOAD')).toEqual({ lines: ["FILE 'FIXED DATA A1' COPIED", "FILE 'VARY DATA A3' COPIED"], rc: 0 });
    expect([readFile(m.disk, 'FIXED DATA A').records, readFile(m.disk, 'VARY DATA A').records]).toEqual(before);
  });

  it('DISK LOAD of cards that are not a DISK DUMP: DMSDSK078E, the reader file kept', () => {
    m.session.vm.reader!.queue(ebcdic(['NOT A DUMP CARD']));
    expect(m.run('DISK LOAD')).toEqual({ lines: ['DMSDSK078E Invalid card in reader file.'], rc: 32 });
    // CMS asked CP to keep the file (CLOSE 00C HOLD); a lone machine's CP lets the reader keep it
    // open instead, so the test closes it.
    m.session.vm.reader!.close();
  });

  it('DISK LOAD of a card with X\'02\' CMS but no valid RECFM and LRECL: DMSDSK078E, nothing written', () => {
    const card = toEbcdic(' CMS '.padEnd(80, 'X'));
    card[0] = 0x02;
    m.session.vm.reader!.queue([card]);
    expect(m.run('DISK LOAD')).toEqual({ lines: ['DMSDSK078E Invalid card in reader file.'], rc: 32 });
  });

  it('errors: no function, a bad function, a missing file', () => {
    expect(m.run('DISK')).toEqual({ lines: ['DMSDSK047E No function specified.'], rc: 24 });
    expect(m.run('DISK COPY')).toEqual({ lines: ["DMSDSK070E Invalid parameter 'COPY'."], rc: 24 });
    expect(m.run('DISK DUMP NOSUCH FILE A')).toEqual({ lines: ["DMSDSK002E File 'NOSUCH FILE A' not found."], rc: 28 });
  });
});
