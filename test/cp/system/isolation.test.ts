// Minidisks on one shared volume: each guest reaches only its own extent, cannot write through a
// read-only link, cannot reach another user's minidisk without LINK; what one machine writes the
// next read of another sees, and LOGOFF of one does not close the volume for the others.
import { describe, expect, it } from 'vitest';
import type { CpUser } from '../../../src/cp/control-program.ts';
import { useDiskTestCp } from '../links/cp-fixture.ts';

const setup = useDiskTestCp();

const CHAIN = 0x40;
const UNIT_CHECK = 0x02;
const CCWS = 0x1000;
const ARGS = 0x2000;
const BUFFER = 0x3000;

/**
 * Runs the CMS-style channel program Seek, Search ID Equal, TIC *-8, Read or Write Data (800 bytes)
 * for record `record` of cylinder `cyl`, head `head` of the guest's disk at `address`.
 */
function io(user: CpUser, address: number, op: 'read' | 'write', cyl: number, head: number, record: number) {
  const m = user.vm.storage.bytes;
  m.set([0, 0, cyl >>> 8, cyl, head >>> 8, head], ARGS);
  m.set([cyl >>> 8, cyl, head >>> 8, head, record], ARGS + 8);
  const ccw = (at: number, code: number, data: number, flags: number, count: number) =>
    m.set([code, data >>> 16, data >>> 8, data, flags, 0, count >>> 8, count], at);
  ccw(CCWS, 0x07, ARGS, CHAIN, 6);
  ccw(CCWS + 8, 0x31, ARGS + 8, CHAIN, 5);
  ccw(CCWS + 16, 0x08, CCWS + 8, 0, 0);
  ccw(CCWS + 24, op === 'read' ? 0x06 : 0x05, BUFFER, 0, 800);
  return user.vm.runChannelProgram(address, CCWS, 0);
}

function fill(user: CpUser, byte: number): void {
  user.vm.storage.bytes.fill(byte, BUFFER, BUFFER + 800);
}

const buffer = (user: CpUser) => user.vm.storage.bytes.slice(BUFFER, BUFFER + 800);

describe('minidisks on a shared volume', () => {
  it('every machine works on the one open VMSRES image, each with a device of its own', () => {
    const t = setup();
    const guest = t.logon('GUEST').user;
    const peter = t.logon('PETER').user;
    const volume = t.system.volumes.get('VMSRES');
    const a = guest.vm.io.entry(0x191)!.device as unknown as { dasd: { image: unknown } };
    const b = peter.vm.io.entry(0x191)!.device as unknown as { dasd: { image: unknown } };
    expect(a.dasd.image).toBe(volume);
    expect(b.dasd.image).toBe(volume);
    expect(a).not.toBe(b);
  });

  it('a write by the owner is seen by the next read of a user linked read-only, even one that read the track before', () => {
    const t = setup();
    const peter = t.logon('PETER').user;
    const paul = t.logon('PAUL').user;
    expect(t.command(paul, 'LINK PETER 191 291 RR RPASS').code).toBe(0);
    // PETER 191 was never formatted: give its track a record to write first (Write CKD after R0).
    const m = peter.vm.storage.bytes;
    m.set([0, 0, 0, 1, 0, 3], ARGS);
    m.set([0, 1, 0, 3, 0], ARGS + 8);
    m.set([0, 1, 0, 3, 1, 0, 3, 0x20], ARGS + 16);
    m.set([0x07, 0, ARGS >>> 8, ARGS, CHAIN, 0, 0, 6], CCWS);
    m.set([0x31, 0, (ARGS + 8) >>> 8, ARGS + 8, CHAIN, 0, 0, 5], CCWS + 8);
    m.set([0x08, 0, CCWS >>> 8, (CCWS + 8) & 0xff, 0, 0, 0, 0], CCWS + 16);
    m.set([0x1d, 0, (ARGS + 16) >>> 8, (ARGS + 16) & 0xff, 0, 0, 0x03, 0x28], CCWS + 24);
    fill(peter, 0x11);
    m.set(m.slice(BUFFER, BUFFER + 800), ARGS + 24);
    expect(peter.vm.runChannelProgram(0x191, CCWS, 0).unitStatus & UNIT_CHECK).toBe(0);

    expect(io(paul, 0x291, 'read', 1, 3, 1).unitStatus & UNIT_CHECK).toBe(0);
    expect(buffer(paul).every((b) => b === 0x11)).toBe(true);
    fill(peter, 0x22);
    expect(io(peter, 0x191, 'write', 1, 3, 1).unitStatus & UNIT_CHECK).toBe(0);
    fill(paul, 0);
    expect(io(paul, 0x291, 'read', 1, 3, 1).unitStatus & UNIT_CHECK).toBe(0);
    expect(buffer(paul).every((b) => b === 0x22)).toBe(true);
  });

  it('a guest cannot write through a read-only link: unit check, and the data stay', () => {
    const t = setup();
    const guest = t.logon('GUEST').user;
    fill(guest, 0x33);
    const r = io(guest, 0x190, 'write', 0, 0, 3);
    expect(r.unitStatus & UNIT_CHECK).toBe(UNIT_CHECK);
    fill(guest, 0);
    expect(io(guest, 0x190, 'read', 0, 0, 3).unitStatus & UNIT_CHECK).toBe(0);
    expect(buffer(guest).includes(0x33)).toBe(false);
    // The label block of MAINT 190 is still there: 'CMS=' and the label CMS190, in EBCDIC.
    expect([...buffer(guest).subarray(0, 10)]).toEqual([0xc3, 0xd4, 0xe2, 0x7e, 0xc3, 0xd4, 0xe2, 0xf1, 0xf9, 0xf0]);
  });

  it('a guest cannot seek past its extent into its neighbour, CMSUSER 191 on the next cylinders', () => {
    const t = setup();
    const guest = t.logon('GUEST').user;
    const cmsuser = t.logon('CMSUSER').user;
    fill(cmsuser, 0x44);
    expect(io(cmsuser, 0x191, 'write', 0, 0, 4).unitStatus & UNIT_CHECK).toBe(0);
    // GUEST 191 is 5 cylinders (34-38); virtual cylinder 5 would be CMSUSER's cylinder 0.
    fill(guest, 0);
    expect(io(guest, 0x191, 'read', 5, 0, 4).unitStatus & UNIT_CHECK).toBe(UNIT_CHECK);
    expect(io(guest, 0x191, 'write', 5, 0, 4).unitStatus & UNIT_CHECK).toBe(UNIT_CHECK);
    expect(buffer(guest).includes(0x44)).toBe(false);
    fill(cmsuser, 0);
    expect(io(cmsuser, 0x191, 'read', 0, 0, 4).unitStatus & UNIT_CHECK).toBe(0);
    expect(buffer(cmsuser).every((b) => b === 0x44)).toBe(true);
  });

  it('another user\'s minidisk cannot be reached without LINK: there is no device for it', () => {
    const t = setup();
    const guest = t.logon('GUEST').user;
    t.logon('CMSUSER');
    const used = new Set(guest.vm.io.list().map((e) => e.address));
    expect([...used].filter((a) => a >= 0x100).sort()).toEqual([0x190, 0x191, 0x19d, 0x19e]);
    expect(io(guest, 0x291, 'read', 0, 0, 1).cc).toBe(3);
  });

  it('LOGOFF of one user leaves the shared volume open for the others', () => {
    const t = setup();
    const guest = t.logon('GUEST').user;
    const maint = t.logon('MAINT').user;
    t.cp.logoff(maint);
    const volume = t.system.volumes.get('VMSRES');
    expect(typeof volume === 'string' ? volume : volume.closed).toBe(false);
    expect(io(guest, 0x190, 'read', 0, 0, 3).unitStatus & UNIT_CHECK).toBe(0);
  });
});
