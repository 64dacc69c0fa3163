// Several virtual machines in one process, each run in slices: nothing is shared between them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleSession } from '../../../src/cp/vm/session.ts';
import { cmsSession, READY, scratchImage } from './r6-fixture.ts';

describe('two CMS machines side by side', () => {
  const disks: Array<{ path: string; remove(): void }> = [];
  let a: ConsoleSession;
  let b: ConsoleSession;

  beforeAll(async () => {
    disks.push(scratchImage('cmsuser-191'), scratchImage('cmsuser-191'));
    a = cmsSession([{ address: '191', image: disks[0]!.path, mode: 'W' }]);
    b = cmsSession([{ address: '191', image: disks[1]!.path, mode: 'W' }]);
    await Promise.all([a.runUntilReadAsync(), b.runUntilReadAsync()]);
    await Promise.all([a.typeAsync(''), b.typeAsync('')]);
  });

  afterAll(() => {
    a.close();
    b.close();
    for (const d of disks) d.remove();
  });

  it('interleaved commands go to their own machine and disk', async () => {
    const [outA, outB] = await Promise.all([a.typeAsync('ERASE HELLO C'), b.typeAsync('STATE HELLO C')]);
    expect(outA).toEqual([expect.stringMatching(READY)]);
    expect(outB).toEqual([expect.stringMatching(/^Ready; /)]);
    expect(a.type('STATE HELLO C A')[0]).toBe("DMSSTT002E File 'HELLO C A' not found.");
    expect(b.type('STATE HELLO C A')[0]).toMatch(/^Ready; /);
  });

  it('each machine has its own clock, storage and counters', () => {
    expect(a.vm.storage).not.toBe(b.vm.storage);
    expect(a.vm.cpu.instructions).not.toBe(b.vm.cpu.instructions);
  });
});
