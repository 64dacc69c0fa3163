// TRACE and ADSTOP on IBM's VM/370 R6 CMS in a 1M virtual machine (CMSSEG at 15M, a hole between).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEBUG_COMMANDS } from '../../../src/cp/commands/debug/index.ts';
import type { ConsoleSession } from '../../../src/cp/vm/session.ts';
import { ConsoleSession as Session } from '../../../src/cp/vm/session.ts';
import { EPOCH, R6_FOLDER, r6Image, READY, requireR6 } from '../vm/r6-fixture.ts';

describe('debugging R6 CMS', () => {
  let s: ConsoleSession;

  beforeEach(() => {
    requireR6();
    s = new Session({
      userid: 'CMSUSER',
      storage: '1M',
      ipl: 'CMS',
      savedSystems: R6_FOLDER,
      time: { mode: 'virtual', epoch: EPOCH },
      minidisks: [{ address: '191', image: r6Image('cmsuser-191'), mode: 'R' }],
    });
    for (const c of DEBUG_COMMANDS.commands ?? []) s.vm.commands.define(c);
    s.runUntilRead();
    s.type('');
  });
  afterEach(() => s.close());

  it('CMS runs code in CMSSEG at 15M while the storage between 1M and 15M is not addressable', () => {
    expect(s.vm.cpu.memSize).toBe(0x10_0000);
    expect(s.vm.cpu.isAddressable(0x80_0000)).toBe(false);
    expect(s.type('#CP DISPLAY 800000')).toEqual(['DMKCDB164E HEXLOC 800000 NON-ADDRESSABLE STORAGE']);
    // CMS loads CMSSEG (DIAGNOSE X'64') to run an EXEC and branches into it.
    s.type('#CP TRACE BRANCH RUN');
    const out = s.type('EXEC PROFILE');
    expect(out.some((l) => / ==> F0[0-9A-F]{4}$/.test(l))).toBe(true);
    expect(out.some((l) => READY.test(l))).toBe(true);
  });

  it('TRACE SVC RUN shows the SVC 202 calls of a CMS command, and the command completes', () => {
    expect(s.type('#CP TRACE SVC RUN')).toEqual(['TRACE STARTED']);
    const out = s.type('STATE PROFILE EXEC');
    expect(out.some((l) => /^\*\*\* [0-9A-F]{6} SVC  CA   ==> [0-9A-F]{6}$/.test(l))).toBe(true);
    expect(out.some((l) => READY.test(l))).toBe(true);
    expect(s.type('#CP TRACE END')).toEqual(['TRACE ENDED']);
    expect(s.type('STATE PROFILE EXEC')).toEqual([expect.stringMatching(READY)]);
  });

  it('ADSTOP at the SVC handler stops the command in CP READ; BEGIN completes it', () => {
    const svcHandler = s.vm.storage.readWord(0x64) & 0xff_ffff;
    s.type(`#CP ADSTOP ${svcHandler.toString(16)}`);
    const out = s.type('STATE PROFILE EXEC');
    expect(out.at(-1)).toBe(`ADSTOP AT ${svcHandler.toString(16).toUpperCase().padStart(6, '0')}`);
    expect(s.vm.state).toBe('cp-read');
    expect(s.vm.cpu.ia).toBe(svcHandler);
    expect(s.type('BEGIN').at(-1)).toMatch(READY);
  });
});
