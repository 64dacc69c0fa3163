import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChannelStatus, UnitStatus } from '../../src/arch/channel.ts';
import { CkdDasd } from '../../src/devices/dasd/ckd-dasd.ts';
import { CkdImage, createCkdImage } from '../../src/devices/dasd/ckd-image.ts';
import { CorruptImageError } from '../../src/devices/dasd/track.ts';
import { fromEbcdic, toEbcdic } from '../../src/ebcdic/index.ts';
import { machineWith, run, sense, type CcwSpec } from './channel-rig.ts';

const CE_DE = UnitStatus.channelEnd | UnitStatus.deviceEnd;
const UC = UnitStatus.unitCheck;
const CC = 0x40;
const SLI = 0x20;
const tmp = () => mkdtempSync(join(tmpdir(), 'vm370-dasd-'));

/** Seek argument, search IDs and record images written into storage. */
function bytes(rig: ReturnType<typeof machineWith>, at: number, values: number[] | Uint8Array): number {
  rig.storage.load(at, Uint8Array.from(values));
  return at;
}

function disk(type: '3330' | '3350' = '3330', cylinders = 3) {
  const file = join(tmp(), 'disk.ckd');
  createCkdImage(file, type, cylinders);
  const dasd = new CkdDasd(CkdImage.open(file));
  const rig = machineWith({ 0x191: dasd });
  return { file, dasd, rig };
}

const SEEK = 0x3000; // BBCCHH
const ID = 0x3010; // CCHHR

/** Writes R1..Rn (key 'Kn', data length dl) on cylinder 0 head `head`. */
function format(rig: ReturnType<typeof machineWith>, head: number, records: number, dl = 100): ReturnType<typeof run> {
  bytes(rig, SEEK, [0, 0, 0, 0, 0, head]);
  bytes(rig, ID, [0, 0, 0, head, 0]);
  bytes(rig, 0x3018, [0xc0]);
  const program: CcwSpec[] = [[0x07, SEEK, CC, 6], [0x1f, 0x3018, CC, 1], [0x31, ID, CC, 5], [0x08, 0x1010, 0, 0]];
  for (let r = 1; r <= records; r++) {
    const at = 0x4000 + r * 0x200;
    const image = new Uint8Array(8 + 2 + dl);
    image.set([0, 0, 0, head, r, 2, dl >>> 8, dl & 0xff]);
    image.set(toEbcdic(`K${r}`), 8);
    image.set(toEbcdic(`RECORD ${r} ON HEAD ${head}`).subarray(0, dl), 10);
    bytes(rig, at, image);
    program.push([0x1d, at, r < records ? CC : 0, image.length]);
  }
  return run(rig, 0x191, program);
}

describe('CKD images', () => {
  it('a new image has the CKD_P370 header and a home address and R0 on every track', () => {
    const { file } = disk('3350', 2);
    const data = readFileSync(file);
    expect(data.length).toBe(512 + 2 * 30 * 19456);
    expect(data.subarray(0, 8).toString('latin1')).toBe('CKD_P370');
    expect(data.readUInt32LE(8)).toBe(30);
    expect(data.readUInt32LE(12)).toBe(19456);
    expect(data[16]).toBe(0x50);
    const track = 512 + (1 * 30 + 2) * 19456; // cylinder 1 head 2
    expect(data.subarray(track, track + 29).toString('hex')).toBe('0000010002' + '0001000200000008' + '0000000000000000' + 'ffffffffffffffff');
  });

  it('knows 3330-11 from 3330 by the number of cylinders', () => {
    const file = join(tmp(), 'big.ckd');
    createCkdImage(file, '3330-11', 412);
    expect(CkdImage.open(file).geometry.type).toBe('3330-11');
  });

  it('a corrupt image is a clear error naming the file', () => {
    const dir = tmp();
    const bad = join(dir, 'bad.ckd');
    writeFileSync(bad, Buffer.alloc(1000));
    expect(() => CkdImage.open(bad)).toThrow(new CorruptImageError(`${bad}: not a Hercules CKD image (no CKD_P370 header)`));
    const good = join(dir, 'good.ckd');
    createCkdImage(good, '3330', 1);
    const cut = readFileSync(good).subarray(0, 512 + 1000);
    writeFileSync(bad, cut);
    expect(() => CkdImage.open(bad)).toThrow(/not a whole number of 252928-byte cylinders/);
    const compressed = Buffer.from(readFileSync(good));
    compressed.write('CKD_C370', 0, 'latin1');
    writeFileSync(bad, compressed);
    expect(() => CkdImage.open(bad)).toThrow(/compressed \(CCKD\) image/);
    const broken = Buffer.from(readFileSync(good));
    broken.fill(0xee, 512 + 5, 512 + 13312); // a count whose lengths run past the track
    writeFileSync(bad, broken);
    expect(() => CkdImage.open(bad).readTrack(0, 0)).toThrow(/bad\.ckd: cylinder 0 head 0: record 0 runs past the end of the track/);
  });
});

describe('3330 channel programs', () => {
  it('Seek, Set File Mask, Search ID Equal R0 with a TIC loop, then Write CKD R1-R3', () => {
    const { rig } = disk();
    const end = format(rig, 1, 3);
    expect(end.csw).toMatchObject({ unitStatus: CE_DE, channelStatus: 0 });
  });

  it('Search ID Equal loops over the track until R3, then Read Data', () => {
    const { rig } = disk();
    format(rig, 1, 3);
    bytes(rig, ID, [0, 0, 0, 1, 3]);
    const end = run(rig, 0x191, [[0x07, SEEK, CC, 6], [0x31, ID, CC, 5], [0x08, 0x1008, 0, 0], [0x06, 0x5000, 0, 100]]);
    expect(end.csw).toMatchObject({ unitStatus: CE_DE, channelStatus: 0, count: 0, ccwAddress: 0x1020 });
    expect(fromEbcdic(rig.storage.read(0x5000, 17))).toBe('RECORD 3 ON HEAD ');
  });

  it('Search Key Equal finds a record by its key, then Read Data reads its data', () => {
    const { rig } = disk();
    format(rig, 1, 3);
    bytes(rig, 0x3030, toEbcdic('K2'));
    const end = run(rig, 0x191, [[0x07, SEEK, CC, 6], [0x29, 0x3030, CC, 2], [0x08, 0x1008, 0, 0], [0x06, 0x5000, 0, 100]]);
    expect(end.csw.channelStatus).toBe(0);
    expect(fromEbcdic(rig.storage.read(0x5000, 8))).toBe('RECORD 2');
  });

  it('Read Key and Data after Search ID Equal reads that record\'s key and data', () => {
    const { rig } = disk();
    format(rig, 1, 3);
    bytes(rig, ID, [0, 0, 0, 1, 2]);
    const end = run(rig, 0x191, [[0x07, SEEK, CC, 6], [0x31, ID, CC, 5], [0x08, 0x1008, 0, 0], [0x0e, 0x5000, 0, 102]]);
    expect(end.csw.channelStatus).toBe(0);
    expect(fromEbcdic(rig.storage.read(0x5000, 10))).toBe('K2RECORD 2');
  });

  it('a Search HA Equal loop that never matches ends with no record found', () => {
    const { rig } = disk();
    bytes(rig, SEEK, [0, 0, 0, 0, 0, 1]);
    bytes(rig, 0x3030, [0, 0, 0, 2]);
    const end = run(rig, 0x191, [[0x07, SEEK, CC, 6], [0x39, 0x3030, CC, 4], [0x08, 0x1008, 0, 0], [0x1a, 0x5000, 0, 5]]);
    expect(end.csw.unitStatus).toBe(CE_DE | UC);
    expect(sense(rig, 0x191)[1]).toBe(0x08);
  });

  it('Search ID High and High-or-Equal', () => {
    const { rig } = disk();
    format(rig, 1, 3);
    bytes(rig, ID, [0, 0, 0, 1, 1]);
    run(rig, 0x191, [[0x07, SEEK, CC, 6], [0x51, ID, CC, 5], [0x08, 0x1008, 0, 0], [0x12, 0x5000, 0, 8]]);
    expect([...rig.storage.read(0x5000, 8)]).toEqual([0, 0, 0, 1, 3, 2, 0, 100]); // R2 satisfied "high"; Read Count reads R3
    run(rig, 0x191, [[0x07, SEEK, CC, 6], [0x71, ID, CC, 5], [0x08, 0x1008, 0, 0], [0x06, 0x5000, SLI, 200]]);
    expect(fromEbcdic(rig.storage.read(0x5000, 8))).toBe('RECORD 1');
  });

  it('Read Count, Read CKD and Read Multiple CKD from the index point (R0 passed over)', () => {
    const { rig } = disk();
    format(rig, 1, 2, 10);
    run(rig, 0x191, [[0x07, SEEK, CC, 6], [0x12, 0x5000, CC, 8], [0x1e, 0x5010, 0, 20]]);
    expect([...rig.storage.read(0x5000, 8)]).toEqual([0, 0, 0, 1, 1, 2, 0, 10]);
    expect([...rig.storage.read(0x5010, 8)]).toEqual([0, 0, 0, 1, 2, 2, 0, 10]);
    const end = run(rig, 0x191, [[0x07, SEEK, CC, 6], [0x5e, 0x6000, SLI, 1000]]);
    expect(end.csw.count).toBe(1000 - 40);
    expect(rig.storage.bytes[0x6000 + 4]).toBe(1);
    expect(rig.storage.bytes[0x6000 + 20 + 4]).toBe(2);
  });

  it('Read HA, Read R0', () => {
    const { rig } = disk();
    bytes(rig, SEEK, [0, 0, 0, 2, 0, 7]);
    run(rig, 0x191, [[0x07, SEEK, CC, 6], [0x1a, 0x5000, CC, 5], [0x16, 0x5010, 0, 16]]);
    expect([...rig.storage.read(0x5000, 5)]).toEqual([0, 0, 2, 0, 7]);
    expect([...rig.storage.read(0x5010, 16)]).toEqual([0, 2, 0, 7, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('Write Data updates a record in place; the data survive reopening the image', () => {
    const { rig, file, dasd } = disk();
    format(rig, 1, 2);
    bytes(rig, ID, [0, 0, 0, 1, 2]);
    bytes(rig, 0x5000, toEbcdic('UPDATED'));
    const end = run(rig, 0x191, [[0x07, SEEK, CC, 6], [0x31, ID, CC, 5], [0x08, 0x1008, 0, 0], [0x05, 0x5000, SLI, 7]]);
    expect(end.csw).toMatchObject({ unitStatus: CE_DE, channelStatus: 0 });
    dasd.close();
    const track = CkdImage.open(file).readTrack(0, 1);
    expect(fromEbcdic(track.records[2]!.data.subarray(0, 8))).toBe('UPDATED\0');
    expect(track.records[2]!.data).toHaveLength(100);
  });

  it('Read IPL reads record 1 of cylinder 0 head 0', () => {
    const { rig } = disk();
    format(rig, 0, 1, 24);
    run(rig, 0x191, [[0x02, 0x5000, 0, 24]]);
    expect(fromEbcdic(rig.storage.read(0x5000, 8))).toBe('RECORD 1');
  });

  it('multitrack: Search ID Equal MT goes on to the next head; Read CKD MT crosses tracks', () => {
    const { rig } = disk();
    format(rig, 0, 1, 10);
    format(rig, 1, 1, 10);
    bytes(rig, SEEK, [0, 0, 0, 0, 0, 0]);
    bytes(rig, ID, [0, 0, 0, 1, 1]);
    const end = run(rig, 0x191, [[0x07, SEEK, CC, 6], [0xb1, ID, CC, 5], [0x08, 0x1008, 0, 0], [0x06, 0x5000, 0, 10]]);
    expect(end.csw.channelStatus).toBe(0);
    expect(fromEbcdic(rig.storage.read(0x5000, 10))).toBe('RECORD 1 O');
    run(rig, 0x191, [[0x07, SEEK, CC, 6], [0x9e, 0x6000, CC, 20], [0x9e, 0x6100, 0, 20]]);
    expect([...rig.storage.read(0x6100, 5)]).toEqual([0, 0, 0, 1, 1]);
  });

  it('multitrack at the last head: end of cylinder', () => {
    const { rig } = disk();
    bytes(rig, SEEK, [0, 0, 0, 0, 0, 18]);
    const end = run(rig, 0x191, [[0x07, SEEK, CC, 6], [0x9e, 0x6000, 0, 20]]);
    expect(end.csw.unitStatus).toBe(CE_DE | UC);
    expect(sense(rig, 0x191)[1]).toBe(0x20);
  });

  it('no record found after the index point passes twice; 24 sense bytes with the seek address', () => {
    const { rig } = disk();
    format(rig, 1, 2);
    bytes(rig, ID, [0, 0, 0, 1, 9]);
    const end = run(rig, 0x191, [[0x07, SEEK, CC, 6], [0x31, ID, CC, 5], [0x08, 0x1008, 0, 0], [0x06, 0x5000, 0, 100]]);
    expect(end.csw).toMatchObject({ unitStatus: CE_DE | UC, ccwAddress: 0x1010 });
    const s = sense(rig, 0x191);
    expect(s).toHaveLength(24);
    expect(s[0]).toBe(0);
    expect(s[1]).toBe(0x08);
    expect(s[6]).toBe(1); // head 1
  });

  it('the file mask: writes inhibited is file protected; a seek the mask forbids is rejected', () => {
    const { rig } = disk();
    format(rig, 1, 1);
    bytes(rig, 0x3018, [0x40]);
    bytes(rig, ID, [0, 0, 0, 1, 1]);
    const end = run(rig, 0x191, [[0x07, SEEK, CC, 6], [0x1f, 0x3018, CC, 1], [0x31, ID, CC, 5], [0x08, 0x1010, 0, 0], [0x05, 0x5000, 0, 100]]);
    expect(end.csw.unitStatus).toBe(CE_DE | UC);
    expect(sense(rig, 0x191).slice(0, 2)).toEqual([0x80, 0x04]);
    bytes(rig, 0x3018, [0x18]);
    const seek = run(rig, 0x191, [[0x1f, 0x3018, CC, 1], [0x07, SEEK, 0, 6]]);
    expect(seek.csw.unitStatus).toBe(CE_DE | UC);
    expect(sense(rig, 0x191)[1]).toBe(0x04);
  });

  it('Write R0 needs a file mask that allows all writes', () => {
    const { rig } = disk();
    bytes(rig, SEEK, [0, 0, 0, 0, 0, 1]);
    bytes(rig, 0x3030, [0, 0, 0, 1]);
    bytes(rig, 0x3040, [0, 0, 0, 1, 0, 0, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8]);
    const without = run(rig, 0x191, [[0x07, SEEK, CC, 6], [0x39, 0x3030, CC, 4], [0x08, 0x1008, 0, 0], [0x15, 0x3040, 0, 16]]);
    expect(without.csw.unitStatus).toBe(CE_DE | UC);
    bytes(rig, 0x3018, [0xc0]);
    const withMask = run(rig, 0x191, [[0x07, SEEK, CC, 6], [0x1f, 0x3018, CC, 1], [0x39, 0x3030, CC, 4], [0x08, 0x1010, 0, 0], [0x15, 0x3040, 0, 16]]);
    expect(withMask.csw).toMatchObject({ unitStatus: CE_DE, channelStatus: 0 });
    run(rig, 0x191, [[0x07, SEEK, CC, 6], [0x16, 0x5000, 0, 16]]);
    expect([...rig.storage.read(0x5008, 8)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('a write that does not follow a search is an invalid sequence: command reject at START I/O', () => {
    const { rig } = disk();
    const end = run(rig, 0x191, [[0x07, SEEK, CC, 6], [0x05, 0x5000, 0, 10]]);
    expect(end.csw.unitStatus).toBe(CE_DE | UC);
    const s = sense(rig, 0x191);
    expect(s[0]).toBe(0x80);
    expect(s[7]).toBe(0x02);
  });

  it('a record that does not fit on the track is invalid track format', () => {
    const { rig } = disk();
    bytes(rig, SEEK, [0, 0, 0, 0, 0, 1]);
    bytes(rig, 0x3018, [0xc0]);
    bytes(rig, ID, [0, 0, 0, 1, 0]);
    rig.storage.load(0x8000, Uint8Array.from([0, 0, 0, 1, 1, 0, 0x33, 0x00])); // DL 13056 > 13030
    const end = run(rig, 0x191, [[0x07, SEEK, CC, 6], [0x1f, 0x3018, CC, 1], [0x31, ID, CC, 5], [0x08, 0x1010, 0, 0], [0x1d, 0x8000, 0, 8 + 0x3300]]);
    expect(end.csw.unitStatus).toBe(CE_DE | UC);
    expect(sense(rig, 0x191)[1]).toBe(0x40);
  });

  it('a seek beyond the last cylinder is a seek check; a head beyond the last is command reject', () => {
    const { rig } = disk();
    bytes(rig, SEEK, [0, 0, 0, 9, 0, 0]);
    expect(run(rig, 0x191, [[0x07, SEEK, 0, 6]]).csw.unitStatus).toBe(CE_DE | UC);
    expect(sense(rig, 0x191)[0]).toBe(0x01);
    bytes(rig, SEEK, [0, 0, 0, 0, 0, 19]);
    expect(run(rig, 0x191, [[0x07, SEEK, 0, 6]]).cc).toBe(1);
    expect(sense(rig, 0x191)[0]).toBe(0x80);
  });

  it('Read Data with a short count is incorrect length unless SLI', () => {
    const { rig } = disk();
    format(rig, 1, 1);
    bytes(rig, ID, [0, 0, 0, 1, 1]);
    const end = run(rig, 0x191, [[0x07, SEEK, CC, 6], [0x31, ID, CC, 5], [0x08, 0x1008, 0, 0], [0x06, 0x5000, 0, 50]]);
    expect(end.csw.channelStatus).toBe(ChannelStatus.incorrectLength);
  });

  it('data written by a completed channel program survive the host process being killed', () => {
    const dir = tmp();
    const file = join(dir, 'kill.ckd');
    createCkdImage(file, '3330', 1);
    const root = resolve(import.meta.dirname, '../..');
    const script = join(dir, 'writer.ts');
    writeFileSync(
      script,
      `import { CkdDasd } from ${JSON.stringify(join(root, 'src/devices/dasd/ckd-dasd.ts'))};
import { CkdImage } from ${JSON.stringify(join(root, 'src/devices/dasd/ckd-image.ts'))};
import { machineWith, run } from ${JSON.stringify(join(root, 'test/devices/channel-rig.ts'))};
const rig = machineWith({ 0x191: new CkdDasd(CkdImage.open(${JSON.stringify(file)})) });
rig.storage.load(0x3000, Uint8Array.from([0, 0, 0, 0, 0, 0, 0xc0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
rig.storage.load(0x4000, Uint8Array.from([0, 0, 0, 0, 1, 0, 0, 4, 0xde, 0xad, 0xbe, 0xef]));
run(rig, 0x191, [[0x07, 0x3000, 0x40, 6], [0x1f, 0x3006, 0x40, 1], [0x31, 0x3010, 0x40, 5], [0x08, 0x1010, 0, 0], [0x1d, 0x4000, 0, 12]]);
process.kill(process.pid, 'SIGKILL');
`,
    );
    expect(() => execFileSync(process.execPath, ['--import', 'tsx', script], { cwd: root, stdio: 'pipe' })).toThrow();
    const track = CkdImage.open(file).readTrack(0, 0);
    expect(track.records).toHaveLength(2);
    expect([...track.records[1]!.data]).toEqual([0xde, 0xad, 0xbe, 0xef]);
  });

  it('snapshot and restore keep the seek address', () => {
    const { rig, dasd, file } = disk();
    bytes(rig, SEEK, [0, 0, 0, 2, 0, 5]);
    run(rig, 0x191, [[0x07, SEEK, 0, 6]]);
    const saved = dasd.snapshot();
    dasd.close();
    const again = new CkdDasd(CkdImage.open(file));
    again.restore(saved);
    const other = machineWith({ 0x191: again });
    run(other, 0x191, [[0x1a, 0x5000, 0, 5]]);
    expect([...other.storage.read(0x5000, 5)]).toEqual([0, 0, 2, 0, 5]);
  });
});
