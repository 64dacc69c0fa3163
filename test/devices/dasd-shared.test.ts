// Two devices over one open CKD image (CP's virtual machines sharing a volume): each keeps its own
// position, a write by one is read by the other, and closing a device that shares the image leaves
// the image open.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UnitStatus } from '../../src/arch/channel.ts';
import type { DeviceCommand } from '../../src/channel/device.ts';
import { CkdDasd } from '../../src/devices/dasd/ckd-dasd.ts';
import { CkdImage, createCkdImage, extendCkdImage } from '../../src/devices/dasd/ckd-image.ts';
import { emptyTrack } from '../../src/devices/dasd/track.ts';

let folder: string | null = null;
afterEach(() => {
  if (folder !== null) rmSync(folder, { recursive: true, force: true });
  folder = null;
});

function sharedImage(): CkdImage {
  folder = mkdtempSync(join(tmpdir(), 'vm370-shared-'));
  const path = join(folder, 'vol.3350');
  createCkdImage(path, '3350', 3);
  const image = CkdImage.open(path);
  const track = emptyTrack(1, 2);
  track.records.push({ cyl: 1, head: 2, record: 1, key: new Uint8Array(0), data: new Uint8Array(16).fill(0xaa) });
  image.writeTrack(1, 2, track);
  return image;
}

const cmd = (command: number, count: number, chained: boolean): DeviceCommand => ({ command, flags: 0x40, count, chained });

/** Seek to cylinder 1 head 2, Search ID Equal R1, then `last` (Read Data or Write Data). */
function program(dasd: CkdDasd, last: 'read' | 'write', data?: Uint8Array): Uint8Array | undefined {
  expect(dasd.startCommand(cmd(0x07, 6, false), Uint8Array.of(0, 0, 0, 1, 0, 2)).status & UnitStatus.unitCheck).toBe(0);
  // Search ID Equal, TIC *-8: the search goes round until R1 comes by.
  let found = false;
  for (let i = 0; i < 3 && !found; i++) found = (dasd.startCommand(cmd(0x31, 5, true), Uint8Array.of(0, 1, 0, 2, 1)).status & UnitStatus.statusModifier) !== 0;
  expect(found).toBe(true);
  const result = last === 'read' ? dasd.startCommand(cmd(0x06, 16, true), null) : dasd.startCommand(cmd(0x05, 16, true), data!);
  expect(result.status & UnitStatus.unitCheck).toBe(0);
  dasd.channelProgramEnd();
  return result.data;
}

describe('devices sharing one CKD image', () => {
  it('a record written through one device is read through the other, which had read the track before', () => {
    const image = sharedImage();
    const a = new CkdDasd(image, { sharedImage: true });
    const b = new CkdDasd(image, { sharedImage: true });
    expect([...program(a, 'read')!]).toEqual(new Array(16).fill(0xaa));
    program(b, 'write', new Uint8Array(16).fill(0x55));
    expect([...program(a, 'read')!]).toEqual(new Array(16).fill(0x55));
    a.close();
    b.close();
    image.close();
  });

  it('closing a device that shares the image syncs it and leaves it open for the others', () => {
    const image = sharedImage();
    const a = new CkdDasd(image, { sharedImage: true });
    const b = new CkdDasd(image, { sharedImage: true });
    a.close();
    expect(image.closed).toBe(false);
    expect([...program(b, 'read')!]).toEqual(new Array(16).fill(0xaa));
    const own = new CkdDasd(image);
    own.close();
    expect(image.closed).toBe(true);
  });

  it('every write through the image counts, so that held tracks are known to be stale', () => {
    const image = sharedImage();
    const before = image.writes;
    image.writeTrack(0, 1, emptyTrack(0, 1));
    expect(image.writes).toBe(before + 1);
    expect(() => image.readTrack(3, 0)).toThrow(/outside the image/);
    image.close();
  });

  it('an image is extended with empty cylinders; one large enough is left alone', () => {
    const image = sharedImage();
    const path = image.path;
    image.close();
    expect(extendCkdImage(path, 5)).toBe(2);
    expect(extendCkdImage(path, 4)).toBe(0);
    const again = CkdImage.open(path, true);
    expect(again.cylinders).toBe(5);
    expect(again.readTrack(4, 29)).toEqual(emptyTrack(4, 29));
    expect(again.readTrack(1, 2).records.length).toBe(2);
    again.close();
    expect(() => extendCkdImage(path, 600)).toThrow(/a 3350 has 1 to 560 cylinders/);
  });
});
