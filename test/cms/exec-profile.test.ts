// PROFILE EXEC and IBM's own EXEC files under our CMS: R6 runs PROFILE EXEC before the first line
// typed after IPL (an empty line runs only it; ACCESS (NOPROF skips it), System Programmer's
// Guide R6, CMS command processing; test/cp/vm/cms.test.ts shows IBM's R6 CMS doing so.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CmsBuild } from '../../src/cms/build.ts';
import type { ConsoleSession } from '../../src/cp/vm/session.ts';
import { r6Image, scratchImage } from '../cp/vm/r6-fixture.ts';
import { buildExecCms, execDisk, execSession, run } from './exec-fixture.ts';

describe('PROFILE EXEC', () => {
  let build: CmsBuild;
  let disk: { path: string; remove(): void };
  let session: ConsoleSession | undefined;
  beforeAll(() => {
    build = buildExecCms();
    disk = execDisk({ PROFILE: ['&TYPE PROFILE RAN', 'CP QUERY USERID', '&EXIT 3'] });
  });
  afterAll(() => {
    session?.close();
    disk.remove();
  });

  it('IPL types only the banner: the profile waits for the first line', () => {
    session = execSession(build, disk.path);
    expect(session.consoleStatus).toBe('VM READ');
  });

  it('an empty first line runs PROFILE EXEC, then the Ready message with its return code', () => {
    expect(run(session!, '')).toEqual({ out: ['PROFILE RAN', 'CP QUERY USERID', 'CMSUSER AT VM370'], rc: 3 });
  });

  it('it runs once: the next empty line types CMS', () => {
    expect(session!.type('')).toEqual(['CMS']);
  });

  it('a first command runs after the profile; the Ready message is the command\'s', () => {
    session!.close();
    session = execSession(build, disk.path);
    expect(run(session, 'STATE PROFILE EXEC')).toEqual({ out: ['PROFILE RAN', 'CP QUERY USERID', 'CMSUSER AT VM370'], rc: 0 });
  });

  it('ACCESS (NOPROF as the first line: no profile', () => {
    session!.close();
    session = execSession(build, disk.path);
    expect(run(session, 'ACCESS (NOPROF')).toEqual({ out: [], rc: 0 });
    expect(run(session, 'PROFILE')).toEqual({ out: ['PROFILE RAN', 'CP QUERY USERID', 'CMSUSER AT VM370'], rc: 3 });
  });
});

describe('IBM R6 EXEC files (CMSUSER 191) under our CMS', () => {
  let disk: { path: string; remove(): void };
  let session: ConsoleSession;
  beforeAll(() => {
    disk = scratchImage('cmsuser-191');
    session = execSession(buildExecCms(), disk.path, ['193', '194', '195'].map((a) => ({ address: a, image: r6Image(`cmsuser-${a}`), mode: 'RR' as const })));
  });
  afterAll(() => {
    session.close();
    disk.remove();
  });

  it('R6\'s PROFILE EXEC: &CONTROL OFF NOMSG, CP SET PFnn, ACC 193-195, EXEC HELP WELCOME not found', () => {
    const { out, rc } = run(session, '');
    expect(rc).toBe(0);
    // No 19D here (R6's S-disk commands GLOBAL are not ours: -3, quietly under &CONTROL OFF).
    expect(out).toEqual([
      'DMSACC113S U(19D) NOT ATTACHED',
      'DMSACC723I E (193) R/O',
      'DMSACC723I F (194) R/O',
      'DMSACC723I G (195) R/O',
      // IBM's R6 CMS shows this line too (test/cp/vm/cms.test.ts)
      'DMSEXT072E ERROR IN EXEC FILE HELP, LINE 0 - FILE NOT FOUND',
    ]);
    expect(session.vm.settings.get('PF12')).toBe('RETRIEVE');
    expect(session.vm.settings.get('PF8')).toBe('IMMED DOWN 8');
  });

  it('R6\'s CMS EXEC (made by LISTFILE (EXEC, F 80): EXEC CMS &TYPE and EXEC CMS STATE', () => {
    const typed = run(session, 'EXEC CMS &TYPE').out;
    expect(typed).toHaveLength(8);
    expect(typed[0]).toBe('WORKLEN TESTFILE A1 F 80 102 11 03/13/18 22:08');
    const states = run(session, 'EXEC CMS STATE');
    expect(states.rc).toBe(0);
    expect(states.out).toEqual(typed.map((l) => `STATE ${l}`));
  });
});
