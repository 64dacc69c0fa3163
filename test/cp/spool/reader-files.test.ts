// Closed spool files (VM/370 CP Command Reference R6: ORDER, CHANGE, PURGE, TRANSFER) and what a
// reader's HOLD and CONT options do with the files it reads (the table in R6 CLOSE's usage notes).

import { describe, expect, it } from 'vitest';
import { cp, punch, readFile, startSite } from './helpers.ts';

/** GUEST sends three files (ids 1, 2, 3) to its own reader. */
function threeFiles() {
  const site = startSite();
  const guest = site.logon('GUEST');
  cp(guest.user, 'SPOOL PUN TO *');
  for (const name of ['FIRST', 'SECOND', 'THIRD']) {
    punch(guest.user, [name]);
    cp(guest.user, `CLOSE PUN NAME ${name} DATA`);
  }
  return { site, guest };
}

const ids = (lines: string[]) => lines.slice(1).map((l) => l.slice(9, 13));

describe('ORDER, CHANGE, PURGE', () => {
  it('ORDER RDR puts the files named first, in that order, and says how many it ordered', () => {
    const { guest } = threeFiles();
    expect(cp(guest.user, 'ORDER RDR 3 2')).toEqual({ rc: 0, lines: ['0002 FILES ORDERED'] });
    expect(ids(cp(guest.user, 'Q RDR').lines)).toEqual(['0003', '0002', '0001']);
    expect(readFile(guest.user)).toEqual(['THIRD', 'EOF']);
    expect(readFile(guest.user)).toEqual(['SECOND', 'EOF']);
    expect(readFile(guest.user)).toEqual(['FIRST', 'EOF']);
    expect(cp(guest.user, 'ORDER RDR 9')).toEqual({ rc: 42, lines: ['DMKCSU042E SPOOLID 0009 DOES NOT EXIST'] });
  });

  it('ORDER mixes classes and spool ids in the order given', () => {
    const { guest } = threeFiles();
    cp(guest.user, 'CHANGE RDR 3 CLASS C');
    cp(guest.user, 'CHANGE RDR 1 CLASS C');
    expect(cp(guest.user, 'ORD R 2 CL C').lines).toEqual(['0003 FILES ORDERED']);
    expect(ids(cp(guest.user, 'Q RDR').lines)).toEqual(['0002', '0001', '0003']);
  });

  it('CHANGE RDR id HOLD keeps a file from being read until CHANGE ... NOHOLD; QUERY shows USER hold', () => {
    const { guest } = threeFiles();
    expect(cp(guest.user, 'CHANGE RDR 1 HOLD CLASS X COPY 2').lines).toEqual(['0001 FILES CHANGED']);
    expect(cp(guest.user, 'Q RDR ALL').lines[1]).toBe('GUEST    0001 X PUN 000001  02 USER 01/19 13:10:22  FIRST    DATA     GUEST');
    expect(readFile(guest.user)).toEqual(['SECOND', 'EOF']);
    expect(cp(guest.user, 'CH RDR ALL NOHOLD').lines).toEqual(['0002 FILES CHANGED']);
    expect(readFile(guest.user)).toEqual(['FIRST', 'EOF']);
    expect(cp(guest.user, 'CHANGE RDR 3 NAME NEW NAME').lines).toEqual(['0001 FILES CHANGED']);
    expect(cp(guest.user, 'Q RDR 3').lines[1]).toContain('NEW      NAME');
  });

  it('PURGE RDR id, CLASS c and ALL remove files and say how many', () => {
    const { guest } = threeFiles();
    expect(cp(guest.user, 'PURGE RDR 2').lines).toEqual(['0001 FILES PURGED']);
    cp(guest.user, 'CHANGE RDR 3 CLASS Q');
    expect(cp(guest.user, 'PUR R CLASS Q').lines).toEqual(['0001 FILES PURGED']);
    expect(cp(guest.user, 'PURGE READER').lines).toEqual(['0001 FILES PURGED']);
    expect(cp(guest.user, 'PURGE ALL').lines).toEqual(['NO FILES PURGED']);
    expect(cp(guest.user, 'QUERY FILES').lines).toEqual(['FILES: NO RDR, NO PRT, NO PUN']);
  });
});

describe('what the reader does with a file it has read', () => {
  it('NOHOLD: the file is released (purged) at its end', () => {
    const { guest } = threeFiles();
    expect(readFile(guest.user)).toEqual(['FIRST', 'EOF']);
    expect(ids(cp(guest.user, 'Q RDR').lines)).toEqual(['0002', '0003']);
  });

  it('HOLD NOCONT: the file is saved: neither purged nor held, so the next read reads it again', () => {
    const { guest } = threeFiles();
    cp(guest.user, 'SPOOL RDR HOLD');
    expect(readFile(guest.user)).toEqual(['FIRST', 'EOF']);
    expect(readFile(guest.user)).toEqual(['FIRST', 'EOF']);
    expect(cp(guest.user, 'Q RDR').lines[1]).toBe('GUEST    0001 A PUN 000001  01 NONE');
  });

  it('HOLD CONT: each file read is put in user hold, and reading goes on to the next', () => {
    const { guest } = threeFiles();
    cp(guest.user, 'SPOOL RDR HOLD CONT');
    expect(readFile(guest.user)).toEqual(['FIRST', 'SECOND', 'THIRD', 'EOF']);
    expect(cp(guest.user, 'Q RDR').lines.slice(1).map((l) => l.slice(31))).toEqual(['USER', 'USER', 'USER']);
  });

  it('CLOSE RDR releases a file read only in part; CLOSE RDR HOLD saves it', () => {
    const { guest } = threeFiles();
    const read = () => guest.user.vm.reader!.startCommand({ command: 0x02, flags: 0x20, count: 80, chained: false }, null);
    read();
    expect(cp(guest.user, 'CLOSE RDR HOLD').lines).toEqual([]);
    expect(ids(cp(guest.user, 'Q RDR').lines)).toEqual(['0001', '0002', '0003']);
    read();
    cp(guest.user, 'CLOSE RDR');
    expect(ids(cp(guest.user, 'Q RDR').lines)).toEqual(['0002', '0003']);
  });
});

describe('TRANSFER', () => {
  it('TRANSFER moves reader files to another user: RDR FILE nnnn TRANSFERRED TO / FROM', () => {
    const { site, guest } = threeFiles();
    const maint = site.logon('MAINT');
    expect(cp(guest.user, 'TRANSFER RDR 1 2 TO MAINT').lines).toEqual([
      'RDR FILE 0001 TRANSFERRED TO MAINT',
      'RDR FILE 0002 TRANSFERRED TO MAINT',
      '0002 FILES TRANSFERRED',
    ]);
    expect(maint.terminal.lines).toEqual(expect.arrayContaining(['RDR FILE 0001 TRANSFERRED FROM GUEST', 'RDR FILE 0002 TRANSFERRED FROM GUEST']));
    expect(ids(cp(guest.user, 'Q RDR').lines)).toEqual(['0003']);
    // The creator stays the OWNERID column's user.
    expect(cp(maint.user, 'Q RDR').lines[1]).toBe('GUEST    0001 A PUN 000001  01 NONE');
    expect(readFile(maint.user)).toEqual(['FIRST', 'EOF']);
  });

  it('TRANSFER ... FROM userid reclaims files you sent; the To keyword may be left out', () => {
    const { site, guest } = threeFiles();
    site.logon('MAINT');
    expect(cp(guest.user, 'TRAN CLASS A MAINT').lines.at(-1)).toBe('0003 FILES TRANSFERRED');
    expect(cp(guest.user, 'TRANSFER 2 FROM MAINT').lines).toEqual(['0001 FILES TRANSFERRED']);
    expect(ids(cp(guest.user, 'Q RDR').lines)).toEqual(['0002']);
    expect(cp(guest.user, 'TRANSFER ALL FROM ALL').lines).toEqual(['0002 FILES TRANSFERRED']);
    expect(ids(cp(guest.user, 'Q RDR').lines)).toEqual(['0002', '0001', '0003']);
  });

  it('class D: QUERY RDR userid ALL, PURGE userid RDR, TRANSFER another user\'s files, QUERY HOLD', () => {
    const { site, guest } = threeFiles();
    const maint = site.logon('MAINT');
    cp(guest.user, 'CHANGE RDR 3 HOLD');
    expect(cp(maint.user, 'QUERY RDR GUEST ALL').lines[0]).toMatch(/^ORIGINID FILE CLASS RECDS/);
    expect(cp(maint.user, 'QUERY RDR GUEST ALL').lines).toHaveLength(4);
    expect(cp(maint.user, 'QUERY HOLD').lines).toEqual([
      'ORIGINID FILE CLASS RECDS  CPY HOLD   DATE  TIME    NAME     TYPE     DIST',
      'GUEST    0003 A PUN 000001  01 USER 01/19 13:10:22  THIRD    DATA     GUEST',
    ]);
    expect(cp(maint.user, 'TRANSFER GUEST RDR 1 TO *').lines.at(-1)).toBe('0001 FILES TRANSFERRED');
    expect(cp(maint.user, 'PURGE GUEST RDR ALL').lines).toEqual(['0002 FILES PURGED']);
    expect(cp(guest.user, 'QUERY FILES').lines).toEqual(['FILES: NO RDR, NO PRT, NO PUN']);
    expect(cp(maint.user, 'QUERY FILES').lines).toEqual(['FILES: 001 RDR, NO PRT, NO PUN']);
  });
});
