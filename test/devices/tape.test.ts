import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChannelStatus, UnitStatus } from '../../src/arch/channel.ts';
import { AwsTape, CorruptTapeError } from '../../src/devices/tape/aws-tape.ts';
import { Tape3420 } from '../../src/devices/tape/tape-3420.ts';
import { drain } from '../channel/fake-device.ts';
import { machineWith, run, sense } from './channel-rig.ts';

const CE_DE = UnitStatus.channelEnd | UnitStatus.deviceEnd;
const UE = UnitStatus.unitException;
const SLI = 0x20;
const CC = 0x40;
const tmp = () => mkdtempSync(join(tmpdir(), 'vm370-tape-'));

function drive(file = join(tmp(), 'tape.aws')) {
  const tape = new Tape3420(AwsTape.open(file));
  const rig = machineWith({ 0x181: tape });
  return { file, tape, rig };
}

/** Writes blocks "AAA", "BBBB", a tape mark, "CC", a tape mark. */
function writeSample(rig: ReturnType<typeof machineWith>) {
  rig.storage.load(0x2000, Uint8Array.from([0xc1, 0xc1, 0xc1, 0xc2, 0xc2, 0xc2, 0xc2, 0xc3, 0xc3]));
  return run(rig, 0x181, [[0x01, 0x2000, CC, 3], [0x01, 0x2003, CC, 4], [0x1f, 0, CC, 1], [0x01, 0x2007, CC, 2], [0x1f, 0, 0, 1]]);
}

describe('AWS tape images', () => {
  it('blocks are written with 6-byte headers: length, previous length (little-endian), flags', () => {
    const { file, rig } = drive();
    expect(writeSample(rig).csw).toMatchObject({ unitStatus: CE_DE, channelStatus: 0 });
    expect(readFileSync(file).toString('hex')).toBe(
      '03000000a000' + 'c1c1c1' + '04000300a000' + 'c2c2c2c2' + '000004004000' + '02000000a000' + 'c3c3' + '000002004000',
    );
  });

  it('a corrupt image is a clear error', () => {
    const file = join(tmp(), 'bad.aws');
    writeFileSync(file, Buffer.from('05000000a000c1c1', 'hex'));
    expect(() => AwsTape.open(file)).toThrow(new CorruptTapeError(`${file}: the block at offset 0 runs past the end of the file`));
  });

  it('records longer than a chunk are read back whole', () => {
    const file = join(tmp(), 'split.aws');
    const chunks = Buffer.concat([
      Buffer.from('020000008000', 'hex'), Buffer.from('c1c2', 'hex'),
      Buffer.from('030002002000', 'hex'), Buffer.from('c3c4c5', 'hex'),
    ]);
    writeFileSync(file, chunks);
    const tape = AwsTape.open(file);
    expect(tape.blocks).toHaveLength(1);
    expect([...tape.read(tape.blocks[0]!)]).toEqual([0xc1, 0xc2, 0xc3, 0xc4, 0xc5]);
  });
});

describe('3420 tape', () => {
  it('round trip: write, rewind, read blocks, unit exception at the tape mark', () => {
    const { rig } = drive();
    writeSample(rig);
    const rewind = run(rig, 0x181, [[0x07, 0, 0, 1]]);
    expect(rewind.cc).toBe(1);
    expect(rewind.csw.unitStatus).toBe(UnitStatus.channelEnd);
    expect(rig.channels.startIo(0x181, false)).toBe(1); // busy rewinding
    expect(rig.storage.bytes[0x44]).toBe(UnitStatus.busy);
    drain(rig.channels);
    expect(rig.channels.acceptInterruption(-1)).toBe(0x181);
    expect(rig.storage.bytes[0x44]).toBe(UnitStatus.deviceEnd);
    expect(run(rig, 0x181, [[0x02, 0x3000, SLI, 100]]).csw).toMatchObject({ unitStatus: CE_DE, count: 97 });
    expect(run(rig, 0x181, [[0x02, 0x3000, 0, 100]]).csw).toMatchObject({ channelStatus: ChannelStatus.incorrectLength, count: 96 });
    expect([...rig.storage.read(0x3000, 4)]).toEqual([0xc2, 0xc2, 0xc2, 0xc2]);
    expect(run(rig, 0x181, [[0x02, 0x3000, SLI, 100]]).csw.unitStatus).toBe(CE_DE | UE);
    expect(run(rig, 0x181, [[0x02, 0x3000, SLI, 100]]).csw.count).toBe(98);
  });

  it('the image survives reopening', () => {
    const { file, rig, tape } = drive();
    writeSample(rig);
    tape.close();
    const again = drive(file);
    expect(run(again.rig, 0x181, [[0x02, 0x3000, SLI, 100]]).csw.count).toBe(97);
  });

  it('forward space block and file, backspace block and file', () => {
    const { rig } = drive();
    writeSample(rig);
    drain(rig.channels);
    rig.channels.acceptInterruption(-1);
    run(rig, 0x181, [[0x07, 0, 0, 1]]);
    drain(rig.channels);
    rig.channels.acceptInterruption(-1);
    expect(run(rig, 0x181, [[0x37, 0, 0, 1]]).csw.unitStatus).toBe(CE_DE);
    expect(run(rig, 0x181, [[0x37, 0, 0, 1]]).csw.unitStatus).toBe(CE_DE);
    expect(run(rig, 0x181, [[0x37, 0, 0, 1]]).csw.unitStatus).toBe(CE_DE | UE); // over the tape mark
    expect(run(rig, 0x181, [[0x27, 0, 0, 1]]).csw.unitStatus).toBe(CE_DE | UE); // back over it
    expect(run(rig, 0x181, [[0x27, 0, 0, 1]]).csw.unitStatus).toBe(CE_DE);
    expect(run(rig, 0x181, [[0x3f, 0, 0, 1]]).csw.unitStatus).toBe(CE_DE); // to after the first tape mark
    run(rig, 0x181, [[0x02, 0x3000, SLI, 10]]);
    expect([...rig.storage.read(0x3000, 2)]).toEqual([0xc3, 0xc3]);
    run(rig, 0x181, [[0x2f, 0, 0, 1]]); // back before the first tape mark
    expect(run(rig, 0x181, [[0x02, 0x3000, SLI, 10]]).csw.unitStatus).toBe(CE_DE | UE);
  });

  it('read backward transfers the block in reverse into descending addresses', () => {
    const { rig } = drive();
    rig.storage.load(0x2000, Uint8Array.from([1, 2, 3, 4, 5]));
    run(rig, 0x181, [[0x01, 0x2000, 0, 5]]);
    expect(run(rig, 0x181, [[0x0c, 0x3009, SLI, 10]]).csw).toMatchObject({ unitStatus: CE_DE, count: 5 });
    expect([...rig.storage.read(0x3005, 5)]).toEqual([1, 2, 3, 4, 5]);
    expect(run(rig, 0x181, [[0x0c, 0x3009, 0, 10]]).csw.unitStatus).toBe(CE_DE | UnitStatus.unitCheck); // at load point
    expect(sense(rig, 0x181)[1]! & 0x08).toBe(0x08);
  });

  it('writing in the middle of the tape ends the tape there', () => {
    const { rig } = drive();
    writeSample(rig);
    run(rig, 0x181, [[0x07, 0, 0, 1]]);
    drain(rig.channels);
    rig.channels.acceptInterruption(-1);
    run(rig, 0x181, [[0x37, 0, 0, 1]]);
    rig.storage.load(0x2000, Uint8Array.from([9]));
    run(rig, 0x181, [[0x01, 0x2000, 0, 1]]);
    expect(run(rig, 0x181, [[0x02, 0x3000, SLI, 10]]).csw.unitStatus).toBe(CE_DE | UnitStatus.unitCheck);
  });

  it('rewind unload leaves the unit not ready', () => {
    const { rig } = drive();
    writeSample(rig);
    run(rig, 0x181, [[0x0f, 0, 0, 1]]);
    drain(rig.channels);
    rig.channels.acceptInterruption(-1);
    expect(run(rig, 0x181, [[0x02, 0x3000, 0, 10]]).csw.unitStatus).toBe(CE_DE | UnitStatus.unitCheck);
    expect(sense(rig, 0x181)[0]).toBe(0x40);
  });

  it('mode set and no operation are immediate; unknown commands are rejected', () => {
    const { rig } = drive();
    expect(run(rig, 0x181, [[0xc3, 0, 0, 1]]).cc).toBe(1);
    expect(run(rig, 0x181, [[0x03, 0, 0, 1]]).cc).toBe(1);
    expect(run(rig, 0x181, [[0x09, 0, 0, 1]]).csw.unitStatus).toBe(CE_DE | UnitStatus.unitCheck);
    expect(sense(rig, 0x181)[0]).toBe(0x80);
  });

  it('snapshot and restore keep the tape position', () => {
    const { rig, tape, file } = drive();
    writeSample(rig);
    run(rig, 0x181, [[0x07, 0, 0, 1]]);
    drain(rig.channels);
    rig.channels.acceptInterruption(-1);
    run(rig, 0x181, [[0x37, 0, 0, 1]]);
    const saved = tape.snapshot();
    tape.close();
    const again = new Tape3420(AwsTape.open(file));
    again.restore(saved);
    const other = machineWith({ 0x181: again });
    run(other, 0x181, [[0x02, 0x3000, SLI, 10]]);
    expect([...other.storage.read(0x3000, 4)]).toEqual([0xc2, 0xc2, 0xc2, 0xc2]);
  });
});
