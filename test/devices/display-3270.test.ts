import { describe, expect, it } from 'vitest';
import { UnitStatus } from '../../src/arch/channel.ts';
import { Display3270 } from '../../src/devices/display-3270/display-3270.ts';
import type { Screen3270, WriteCommand } from '../../src/devices/display-3270/screen.ts';
import { machineWith, run, sense } from './channel-rig.ts';

const CE_DE = UnitStatus.channelEnd | UnitStatus.deviceEnd;

/** A stand-in for the screen model: records writes, answers reads with fixed bytes. */
class RecordingScreen implements Screen3270 {
  writes: Array<[WriteCommand, number[]]> = [];
  erased = 0;
  write(command: WriteCommand, data: Uint8Array): void {
    this.writes.push([command, [...data]]);
  }
  eraseAllUnprotected(): void {
    this.erased++;
  }
  readBuffer(): Uint8Array {
    return Uint8Array.of(0x60, 0x40, 0x40, 0xc1, 0xc2);
  }
  readModified(): Uint8Array {
    return Uint8Array.of(0x7d, 0x40, 0x40, 0x11, 0x40, 0x40, 0xc8, 0xc9);
  }
}

function display() {
  const screen = new RecordingScreen();
  const device = new Display3270('3278-2', screen);
  const rig = machineWith({ 0x0c0: device });
  return { screen, device, rig };
}

describe('local 3270 display', () => {
  it('Write, Erase/Write and Erase/Write Alternate hand the data stream to the screen', () => {
    const d = display();
    d.rig.storage.load(0x2000, Uint8Array.of(0xc3, 0x11, 0x40, 0x40, 0xc8));
    run(d.rig, 0x0c0, [[0x05, 0x2000, 0x40, 5], [0x01, 0x2000, 0x40, 1], [0x0d, 0x2000, 0, 2]]);
    expect(d.screen.writes).toEqual([
      ['eraseWrite', [0xc3, 0x11, 0x40, 0x40, 0xc8]],
      ['write', [0xc3]],
      ['eraseWriteAlternate', [0xc3, 0x11]],
    ]);
  });

  it('an AID key presents attention; Read Modified then reads the AID, cursor and fields', () => {
    const d = display();
    d.device.aid();
    expect(d.rig.channels.acceptInterruption(-1)).toBe(0x0c0);
    expect(d.rig.storage.bytes[0x44]).toBe(UnitStatus.attention);
    const end = run(d.rig, 0x0c0, [[0x06, 0x2000, 0x20, 100]]);
    expect(end.csw).toMatchObject({ unitStatus: CE_DE, count: 92 });
    expect([...d.rig.storage.read(0x2000, 8)]).toEqual([0x7d, 0x40, 0x40, 0x11, 0x40, 0x40, 0xc8, 0xc9]);
  });

  it('Read Buffer, Erase All Unprotected, Select and No operation', () => {
    const d = display();
    expect(run(d.rig, 0x0c0, [[0x02, 0x2000, 0x20, 100]]).csw.count).toBe(95);
    expect(run(d.rig, 0x0c0, [[0x0f, 0, 0, 1]]).cc).toBe(1);
    expect(d.screen.erased).toBe(1);
    expect(run(d.rig, 0x0c0, [[0x0b, 0, 0, 1]]).cc).toBe(1);
    expect(run(d.rig, 0x0c0, [[0x03, 0, 0, 1]]).cc).toBe(1);
  });

  it('with no terminal connected: intervention required; connecting presents device end', () => {
    const device = new Display3270('3277-2');
    const rig = machineWith({ 0x0c1: device });
    const end = run(rig, 0x0c1, [[0x05, 0x2000, 0, 1]]);
    expect(end.csw.unitStatus).toBe(CE_DE | UnitStatus.unitCheck);
    expect(sense(rig, 0x0c1, 1)).toEqual([0x40]);
    device.connect(new RecordingScreen());
    expect(rig.channels.acceptInterruption(-1)).toBe(0x0c1);
    expect(rig.storage.bytes[0x44]).toBe(UnitStatus.deviceEnd);
  });

  it('rejects other commands', () => {
    const d = display();
    expect(run(d.rig, 0x0c0, [[0x09, 0x2000, 0, 1]]).cc).toBe(1);
    expect(sense(d.rig, 0x0c0, 1)).toEqual([0x80]);
  });
});
