// Minidisk CCW translation: relocation by the extent's first cylinder, the extent's bounds, and
// read-only links, through the real channel subsystem and a real CKD image.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelSubsystem } from '../../../src/channel/channel-subsystem.ts';
import { MinidiskDevice } from '../../../src/cp/ccw/minidisk.ts';
import { CkdDasd } from '../../../src/devices/dasd/ckd-dasd.ts';
import { CkdImage, createCkdImage } from '../../../src/devices/dasd/ckd-image.ts';
import { Storage } from '../../../src/storage/storage.ts';

type Ccw = [command: number, data: number, flags: number, count: number];
const CC = 0x40;
const SLI = 0x20;
const UNIT_CHECK = 0x02;

interface Rig {
  storage: Storage;
  channels: ChannelSubsystem;
}

function rig(devices: Record<number, MinidiskDevice>): Rig {
  const storage = new Storage(64 * 1024);
  const channels = new ChannelSubsystem({ storage });
  for (const [address, device] of Object.entries(devices)) channels.attach(Number(address), device);
  return { storage, channels };
}

/** Runs a channel program at X'1000'; returns SIO's condition code and the ending unit status. */
function run(r: Rig, address: number, ccws: Ccw[]): { cc: number; unitStatus: number } {
  ccws.forEach(([command, data, flags, count], i) => {
    const at = 0x1000 + 8 * i;
    r.storage.bytes.set([command, data >>> 16, data >>> 8, data, flags, 0, count >>> 8, count], at);
  });
  r.storage.writeWord(0x48, 0x1000);
  const cc = r.channels.startIo(address, false);
  if (cc !== 0) return { cc, unitStatus: r.storage.bytes[0x44]! };
  r.channels.runToEnd(address);
  const csw = r.channels.takeInterruption(address)!;
  return { cc, unitStatus: csw.unitStatus };
}

function sense(r: Rig, address: number): number[] {
  run(r, address, [[0x04, 0x3000, SLI, 24]]);
  return [...r.storage.bytes.subarray(0x3000, 0x3008)];
}

function put(r: Rig, at: number, bytes: number[]): void {
  r.storage.bytes.set(bytes, at);
}

describe('minidisk CCW translation', () => {
  let folder: string;
  let path: string;
  let disk: MinidiskDevice;
  let readOnly: MinidiskDevice;
  let r: Rig;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'vm370-minidisk-'));
    path = join(folder, 'vol.ckd');
    createCkdImage(path, '3350', 10);
    // Cylinders 3-4 of the volume, as 291 (write) and 292 (read-only link).
    disk = new MinidiskDevice(new CkdDasd(CkdImage.open(path)), { start: 3, cylinders: 2, readOnly: false });
    readOnly = new MinidiskDevice(new CkdDasd(CkdImage.open(path, true)), { start: 3, cylinders: 2, readOnly: true });
    r = rig({ 0x291: disk, 0x292: readOnly });
  });

  afterAll(() => {
    disk.close();
    readOnly.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('a record written at virtual cylinder 1 lands on real cylinder 4, its count field relocated', () => {
    put(r, 0x2000, [0, 0, 0, 1, 0, 2]); // seek BBCCHH: cylinder 1, head 2
    put(r, 0x2010, [0, 1, 0, 2, 0]); // search ID: R0
    put(r, 0x2020, [0, 1, 0, 2, 1, 0, 0, 80]); // count: record 1, no key, 80 bytes
    r.storage.bytes.fill(0xc1, 0x2028, 0x2028 + 80);
    const end = run(r, 0x291, [
      [0x07, 0x2000, CC, 6],
      [0x31, 0x2010, CC, 5],
      [0x08, 0x1008, 0, 0],
      [0x1d, 0x2020, 0, 88],
    ]);
    expect(end).toEqual({ cc: 0, unitStatus: 0x0c });
    const check = CkdImage.open(path, true);
    const record = check.readTrack(4, 2).records[1]!;
    check.close();
    expect([record.cyl, record.head, record.record]).toEqual([4, 2, 1]);
    expect(record.data.every((b) => b === 0xc1)).toBe(true);
  });

  it('Read Count gives the guest its own cylinder number back', () => {
    const end = run(r, 0x291, [
      [0x07, 0x2000, CC, 6],
      [0x12, 0x2100, SLI, 8],
    ]);
    expect(end.unitStatus & UNIT_CHECK).toBe(0);
    expect([...r.storage.bytes.subarray(0x2100, 0x2108)]).toEqual([0, 1, 0, 2, 1, 0, 0, 80]);
  });

  it('a channel program without a seek stays where the guest left the arm, inside the extent', () => {
    // Search for record 1 of virtual cylinder 1 head 2 with no seek first: found, since the program
    // starts at the guest's last seek address (real cylinder 4), never at the arm's real position.
    put(r, 0x2200, [0, 1, 0, 2, 1]);
    const found = run(r, 0x291, [
      [0x31, 0x2200, CC, 5],
      [0x08, 0x1000, 0, 0],
      [0x06, 0x2300, SLI, 80],
    ]);
    expect(found).toEqual({ cc: 0, unitStatus: 0x0c });
    expect(r.storage.bytes[0x2300]).toBe(0xc1);
  });

  it('Recalibrate goes to the extent\'s first cylinder, not the volume\'s', () => {
    run(r, 0x291, [
      [0x13, 0x2400, CC | SLI, 1],
      [0x1a, 0x2410, SLI, 5],
    ]);
    // Read HA: flag, CC, HH as the guest sees them.
    expect([...r.storage.bytes.subarray(0x2410, 0x2415)]).toEqual([0, 0, 0, 0, 0]);
  });

  it('a seek outside the extent is rejected: unit check, command reject and file protected', () => {
    put(r, 0x2500, [0, 0, 0, 2, 0, 0]); // cylinder 2 of a 2-cylinder minidisk
    const end = run(r, 0x291, [[0x07, 0x2500, 0, 6]]);
    expect(end.cc).toBe(1);
    expect(end.unitStatus & UNIT_CHECK).toBe(UNIT_CHECK);
    expect(sense(r, 0x291).slice(0, 2)).toEqual([0x80, 0x04]);
  });

  it('a read-only link rejects a write: unit check, command reject and file protected; nothing is written', () => {
    const before = readFileSync(path);
    put(r, 0x2600, [0, 1, 0, 2, 1]);
    const end = run(r, 0x292, [
      [0x07, 0x2000, CC, 6],
      [0x31, 0x2600, CC, 5],
      [0x08, 0x1008, 0, 0],
      [0x05, 0x2028, 0, 80],
    ]);
    expect(end.unitStatus & UNIT_CHECK).toBe(UNIT_CHECK);
    expect(sense(r, 0x292).slice(0, 2)).toEqual([0x80, 0x04]);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('a minidisk that does not fit its volume is refused', () => {
    const image = CkdImage.open(path, true);
    expect(() => new MinidiskDevice(new CkdDasd(image), { start: 8, cylinders: 3, readOnly: true })).toThrow(/does not fit/);
    image.close();
  });
});
