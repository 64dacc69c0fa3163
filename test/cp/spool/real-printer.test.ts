// Printer and punch files not sent to a user go to the real printer and punch: a host file per
// spool file, after a separator page (card), in the order produced; the spooling operator's DRAIN
// keeps them in the spool and START lets them print.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockLetters } from '../../../src/cp/spool/separator.ts';
import { cp, print, punch, startSite } from './helpers.ts';

const outputs = (dataDir: string, device: 'printer' | 'punch') => readdirSync(join(dataDir, device)).sort();
const text = (dataDir: string, device: 'printer' | 'punch', name: string) => readFileSync(join(dataDir, device, name), 'utf8');

describe('the real printer', () => {
  it('a closed printer file is printed to DATA/printer/ after two separator pages: user id and distribution in block letters', () => {
    const site = startSite();
    const guest = site.logon('GUEST');
    print(guest.user, ['HELLO FROM THE PRINTER', 'SECOND LINE']);
    // One copy, not held, not sent to a user: CLOSE says nothing (R6 CLOSE responses).
    expect(cp(guest.user, 'CLOSE PRT NAME MY LISTING').lines).toEqual([]);
    expect(outputs(site.dataDir, 'printer')).toEqual(['000001-guest-0001.txt']);
    const page = text(site.dataDir, 'printer', '000001-guest-0001.txt');
    const [first, second, listing, end] = page.split('\f');
    expect(second).toBe(first);
    for (const row of blockLetters('GUEST')) expect(first).toContain(row);
    expect(first).toContain('USERID GUEST     DIST GUEST     ORIGIN GUEST     SPOOLID 0001  CLASS A  PRT  RECDS 000002  COPY 01');
    expect(first).toContain('NAME MY       LISTING   CLOSED 01/19/26 13:10:22');
    expect(first).toContain('PRINTED 01/19/26 13:10:22 GMT ON PRT 00E  SYSTEM VM370');
    expect(listing).toBe('HELLO FROM THE PRINTER\nSECOND LINE\n');
    expect(end).toBe('');
    // Printed files leave the spool.
    expect(cp(guest.user, 'QUERY PRT ALL').lines).toEqual(['NO PRT FILES']);
  });

  it('COPY 2 prints the file twice; a skip to channel 1 in the file starts a new page', () => {
    const site = startSite();
    const guest = site.logon('GUEST');
    cp(guest.user, 'SPOOL PRT COPY 2');
    print(guest.user, ['PAGE ONE']);
    guest.user.vm.printer!.startCommand({ command: 0x8b, flags: 0, count: 1, chained: false }, new Uint8Array(0));
    print(guest.user, ['PAGE TWO']);
    expect(cp(guest.user, 'CLOSE 00E').lines).toEqual(['PRT FILE 0001 FOR GUEST COPY 02 NOHOLD']);
    const pages = text(site.dataDir, 'printer', '000001-guest-0001.txt').split('\f');
    // Two separator pages, then the copies, with no separator between them.
    expect(pages.slice(2)).toEqual(['PAGE ONE\n', 'PAGE TWO\n', 'PAGE ONE\n', 'PAGE TWO\n', '']);
  });

  it('START PRINTER NOSEP prints without separator pages', () => {
    const site = startSite();
    const operator = site.logon('OPERATOR');
    const guest = site.logon('GUEST');
    expect(cp(operator.user, 'START PRINTER NOSEP').lines).toEqual(['PRT 00E STARTED']);
    print(guest.user, ['JUST THIS']);
    cp(guest.user, 'CLOSE PRT');
    expect(text(site.dataDir, 'printer', '000001-guest-0001.txt')).toBe('JUST THIS\n\f');
  });

  it('DRAIN keeps printer files in the spool (QUERY PRT ALL shows them); START prints them in order', () => {
    const site = startSite();
    const operator = site.logon('OPERATOR');
    const guest = site.logon('GUEST');
    expect(cp(operator.user, 'DRAIN PRINTER')).toEqual({ rc: 0, lines: ['PRT 00E DRAINED'] });
    for (const line of ['FIRST FILE', 'SECOND FILE']) {
      print(guest.user, [line]);
      cp(guest.user, 'CLOSE PRT');
    }
    expect(outputs(site.dataDir, 'printer')).toEqual([]);
    expect(cp(guest.user, 'QUERY PRT ALL').lines).toEqual([
      'OWNERID  FILE CLASS RECDS  CPY HOLD   DATE  TIME    NAME     TYPE     DIST',
      'GUEST    0001 A PRT 000001  01 NONE 01/19 13:10:22                    GUEST',
      'GUEST    0002 A PRT 000001  01 NONE 01/19 13:10:22                    GUEST',
    ]);
    // A held file does not print when the printer starts.
    cp(guest.user, 'CHANGE PRT 1 HOLD');
    expect(cp(operator.user, 'START 00E').lines).toEqual(['PRT 00E STARTED']);
    expect(outputs(site.dataDir, 'printer')).toEqual(['000001-guest-0002.txt']);
    // The operator console is told as the real printer starts the file (Operator's Guide R6).
    expect(operator.terminal.lines).toContain('PRT 00E OUTPUT OF GUEST    FILE 0002 RECDS 000001 COPY 01 A PRT');
    cp(guest.user, 'CHANGE PRT 1 NOHOLD');
    expect(outputs(site.dataDir, 'printer')).toEqual(['000001-guest-0002.txt', '000002-guest-0001.txt']);
    expect(text(site.dataDir, 'printer', '000002-guest-0001.txt')).toContain('FIRST FILE');
  });

  it('the drained state survives a restart; START CLASS selects the classes printed', () => {
    const site = startSite();
    const operator = site.logon('OPERATOR');
    cp(operator.user, 'DRAIN ALL');
    const guest = site.logon('GUEST');
    cp(guest.user, 'SPOOL PRT CLASS B');
    print(guest.user, ['CLASS B']);
    cp(guest.user, 'CLOSE PRT');
    site.stop();
    const again = startSite(site.dataDir);
    expect(outputs(again.dataDir, 'printer')).toEqual([]);
    const op = again.logon('OPERATOR');
    expect(cp(op.user, 'START PRT CLASS A').lines).toEqual(['PRT 00E STARTED']);
    expect(outputs(again.dataDir, 'printer')).toEqual([]);
    cp(op.user, 'START PRT CLASS AB');
    expect(outputs(again.dataDir, 'printer')).toEqual(['000001-guest-0001.txt']);
    expect(cp(op.user, 'START 123')).toEqual({ rc: 40, lines: ['DMKCSO040E DEV 123 DOES NOT EXIST'] });
  });

  it('a printer file can be sent to a user\'s reader instead (SPOOL PRT TO user)', () => {
    const site = startSite();
    const guest = site.logon('GUEST');
    const maint = site.logon('MAINT');
    cp(guest.user, 'SPOOL PRT TO MAINT');
    print(guest.user, ['A PRINT LINE']);
    expect(cp(guest.user, 'CLOSE PRT').lines).toEqual(['PRT FILE 0001 TO MAINT COPY 01 NOHOLD']);
    expect(maint.terminal.lines).toContain('RDR FILE 0001 FROM GUEST PRT COPY 01 NOHOLD');
    expect(outputs(site.dataDir, 'printer')).toEqual([]);
  });
});

describe('the real punch', () => {
  it('a punch file not sent to a user goes to DATA/punch/: four separator cards, then a line per card', () => {
    const site = startSite();
    const guest = site.logon('GUEST');
    punch(guest.user, ['//JOB CARD', 'DATA CARD']);
    expect(cp(guest.user, 'CLOSE PUN NAME DECK ONE DIST BIN7').lines).toEqual([]);
    expect(outputs(site.dataDir, 'punch')).toEqual(['000001-guest-0001.txt']);
    const separator = '*** GUEST    DIST BIN7     FILE 0001 CLASS A DECK     ONE      01/19/26 13:10:22\n';
    expect(text(site.dataDir, 'punch', '000001-guest-0001.txt')).toBe(`${separator.repeat(4)}//JOB CARD\nDATA CARD\n`);
  });
});

describe('LOGOFF', () => {
  it('closes the open punch file (it is sent), as CP does at logoff', () => {
    const site = startSite();
    const guest = site.logon('GUEST');
    const maint = site.logon('MAINT');
    cp(guest.user, 'SPOOL PUN TO MAINT');
    punch(guest.user, ['LEFT OPEN']);
    site.cp.logoff(guest.user);
    expect(maint.terminal.lines).toContain('RDR FILE 0001 FROM GUEST PUN COPY 01 NOHOLD');
  });
});
