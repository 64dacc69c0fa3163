// IBM's VM/370 R6 CMS, unchanged, in a virtual machine: IPL by name, PROFILE EXEC, nucleus commands,
// CP commands, and what happens without the 190 S-disk (../shared/vm370r6/README.md).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleSession } from '../../../src/cp/vm/session.ts';
import { cmsSession, r6Image, READY, scratchImage } from './r6-fixture.ts';

describe('VM/370 R6 CMS in a virtual machine', () => {
  let session: ConsoleSession;
  let disk: { path: string; remove(): void };

  beforeAll(() => {
    disk = scratchImage('cmsuser-191');
    session = cmsSession([{ address: '191', image: disk.path, mode: 'MR', volser: 'VM50U0' }]);
  });

  afterAll(() => {
    session.close();
    disk.remove();
  });

  it('IPL CMS shows the CMS banner and puts the console in VM READ', () => {
    expect(session.runUntilRead()).toEqual(['CMS VERSION 6.0 - 09/30/10 21:03']);
    expect(session.outcome).toBe('console-read');
    expect(session.consoleStatus).toBe('VM READ');
  });

  it('waiting for console input costs nothing: run() returns at once', () => {
    const result = session.vm.run(1_000_000);
    expect(result).toEqual({ outcome: 'console-read', instructions: 0 });
  });

  it('the first line runs PROFILE EXEC: its CP SET commands reach CP, its S-disk commands fail, then Ready', () => {
    const out = session.type('');
    expect(out).toEqual([
      "DMSMOD104S ERROR '3' READING FILE 'GLOBAL MODULE' FROM DISK.",
      "DMSMOD104S ERROR '3' READING FILE 'GLOBAL MODULE' FROM DISK.",
      "DMSMOD104S ERROR '3' READING FILE 'ACCESS MODULE' FROM DISK.",
      "DMSMOD104S ERROR '3' READING FILE 'ACCESS MODULE' FROM DISK.",
      "DMSMOD104S ERROR '3' READING FILE 'ACCESS MODULE' FROM DISK.",
      "DMSMOD104S ERROR '3' READING FILE 'ACCESS MODULE' FROM DISK.",
      'DMSEXT072E Error in EXEC file HELP, line 0 - File not found',
      expect.stringMatching(/^Ready; T=\d+\.\d\d\/\d+\.\d\d 09:00:00$/),
    ]);
    // CP SET PF12 RETRIEVE, PF3, PF7, PF8 came through DIAGNOSE X'08'.
    expect(session.vm.settings.get('PF12')).toBe('RETRIEVE');
    expect(session.vm.settings.get('PF8')).toBe('IMMED DOWN 8');
    // CMS asked for its storage size (DIAGNOSE X'60': 15M) and used CMSSEG at 15M for the EXEC
    // (DIAGNOSE X'64' FINDSYS, LOADSYS, PURGESYS).
    expect(session.vm.counts.diagnose.get(0x60)).toBe(1);
    expect(session.vm.counts.diagnose.get(0x64)).toBeGreaterThanOrEqual(3);
  });

  it('STATE of an existing file: Ready', () => {
    for (const file of ['PROFILE EXEC', 'WORKLEN TESTFILE A', 'TESTCMD MODULE A1']) {
      const out = session.type(`STATE ${file}`);
      expect(out).toHaveLength(1);
      expect(out[0]).toMatch(/^Ready; /);
    }
  });

  it('STATE of a missing file: DMSSTT002E and Ready(00028)', () => {
    const out = session.type('STATE NOSUCH FILE A');
    expect(out[0]).toBe("DMSSTT002E File 'NOSUCH FILE A' not found.");
    expect(out[1]).toMatch(/^Ready\(00028\); T=/);
  });

  it('CP QUERY TIME answers with the virtual clock', () => {
    const out = session.type('CP QUERY TIME');
    expect(out[0]).toBe('TIME IS 09:00:00 GMT WEDNESDAY 04/01/81');
    expect(out[1]).toMatch(/^CONNECT= 00:00:00 VIRTCPU= 000:00\.\d\d TOTCPU= 000:00\.\d\d$/);
    expect(out[2]).toMatch(READY);
  });

  it('CP QUERY USERID and CP QUERY VIRTUAL', () => {
    expect(session.type('CP QUERY USERID')[0]).toBe('CMSUSER AT VM370');
    const out = session.type('CP QUERY VIRTUAL');
    expect(out).toContain('STORAGE = 15360K');
    expect(out).toContain('DASD 191 3350 VM50U0 R/W    115 CYL');
    expect(out.at(-1)).toMatch(READY);
  });

  it('an unknown command: CMS passes it to CP, which does not know it either', () => {
    expect(session.type('FOO')).toEqual(['Unknown CP/CMS command']);
    // Through the CMS CP command the CP completion code (1) comes back as the return code.
    expect(session.type('CP FOO')).toEqual([expect.stringMatching(/^Ready\(-0001\); T=/)]);
  });

  it('an S-disk module (LISTFILE) cannot be read: DMSMOD104S', () => {
    const out = session.type('LISTFILE');
    expect(out[0]).toBe("DMSMOD104S ERROR '3' READING FILE 'LISTFILE MODULE' FROM DISK.");
  });

  it('SET EMSG TEXT drops the message codes (DIAGNOSE X\'5C\')', () => {
    session.type('CP SET EMSG TEXT');
    expect(session.type('STATE NOSUCH FILE A')[0]).toBe("File 'NOSUCH FILE A' not found.");
    session.type('CP SET EMSG ON');
  });

  it('CP with no command enters CP mode; CP commands there; BEGIN returns to CMS', () => {
    expect(session.type('CP')).toEqual([]);
    expect(session.outcome).toBe('cp-read');
    expect(session.type('QUERY USERID')).toEqual(['CMSUSER AT VM370']);
    expect(session.type('NOSUCH')).toEqual(['DMKCFC001E ?CP: NOSUCH']);
    expect(session.type('BEGIN')).toEqual([expect.stringMatching(READY)]);
    expect(session.outcome).toBe('console-read');
  });

  it('#CP from VM READ goes straight to CP', () => {
    session.enter('#CP QUERY USERID');
    expect(session.runUntilRead()).toEqual(['CMSUSER AT VM370']);
    expect(session.type('STATE PROFILE EXEC')[0]).toMatch(/^Ready; /);
  });
});

describe('MODULE programs from a minidisk', () => {
  let session: ConsoleSession;

  beforeAll(() => {
    // CMSUSER's 192 (MECAFF tools), linked read-only as 191: without ACCESS (an S-disk module)
    // only the A-disk can be reached.
    session = cmsSession([{ address: '191', image: r6Image('cmsuser-192'), mode: 'RR' }]);
    session.runUntilRead();
  });

  afterAll(() => session.close());

  it('CMS sees the read-only link (DIAGNOSE X\'24\' VDEVRDO)', () => {
    expect(session.type('')).toEqual(['DMSACC723I A (191) R/O', expect.stringMatching(READY)]);
  });

  it('FSQRY MODULE loads, writes, reads a console line, and ends with its return code', () => {
    expect(session.type('FSQRY')).toEqual(['<{>}T Please press ENTER to cancel fullscreen operation']);
    expect(session.type('')).toEqual([
      '** no fullscreen support on terminal (3270?, DIAG58?, MECAFF-console?)',
      expect.stringMatching(/^Ready\(00001\); T=/),
    ]);
  });

  it('a GCC-compiled module that needs RESLIB (on the missing Y-disk) reports it and ends', () => {
    expect(session.type('IS-STALE')).toEqual([
      "DMSMOD104S ERROR '3' READING FILE 'RESLIB MODULE' FROM DISK.",
      expect.stringMatching(/^Ready\(00001\); T=/),
    ]);
  });
});
