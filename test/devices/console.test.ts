import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ChannelStatus, UnitStatus } from '../../src/arch/channel.ts';
import { Console3215 } from '../../src/devices/console/console-3215.ts';
import { fromEbcdic, toEbcdic } from '../../src/ebcdic/index.ts';
import { drain } from '../channel/fake-device.ts';
import { machineWith, run, sense } from './channel-rig.ts';

const CE_DE = UnitStatus.channelEnd | UnitStatus.deviceEnd;

function console3215(input?: NodeJS.ReadableStream, prompt?: string) {
  let printed = '';
  const device = new Console3215({ input, output: { write: (t: string) => (printed += t) }, prompt });
  const rig = machineWith({ 0x009: device });
  return { device, rig, printed: () => printed };
}

describe('3215 console', () => {
  it('write with carrier return prints a line; without, the line stays open', () => {
    const c = console3215();
    c.rig.storage.load(0x2000, toEbcdic('READY;'));
    run(c.rig, 0x009, [[0x01, 0x2000, 0x40, 3], [0x09, 0x2003, 0, 3]]);
    expect(c.printed()).toBe('READY;\n');
  });

  it('read takes a typed line in EBCDIC; a short line is incorrect length without SLI', () => {
    const c = console3215();
    c.device.typeLine('ipl 190');
    const end = run(c.rig, 0x009, [[0x0a, 0x2000, 0, 20]]);
    expect(end.csw).toMatchObject({ unitStatus: CE_DE, channelStatus: ChannelStatus.incorrectLength, count: 13 });
    expect(fromEbcdic(c.rig.storage.read(0x2000, 7))).toBe('ipl 190');
  });

  it('a read waits for the host stream, showing the prompt, and completes when a line comes', async () => {
    const input = new PassThrough();
    const c = console3215(input, '> ');
    c.rig.storage.writeWord(0x48, 0x1000);
    c.rig.storage.load(0x1000, Uint8Array.of(0x0a, 0, 0x20, 0, 0x20, 0, 0, 80));
    expect(c.rig.channels.startIo(0x009, false)).toBe(0);
    drain(c.rig.channels);
    expect(c.rig.channels.waitingForHost()).toBe(true);
    expect(c.printed()).toBe('> ');
    const activity = c.rig.channels.whenActivity();
    input.write('hello\n');
    await activity;
    drain(c.rig.channels);
    expect(c.rig.channels.acceptInterruption(-1)).toBe(0x009);
    expect(fromEbcdic(c.rig.storage.read(0x2000, 5))).toBe('hello');
    c.device.close();
  });

  it('a read after the input has ended is intervention required', () => {
    const c = console3215();
    expect(run(c.rig, 0x009, [[0x0a, 0x2000, 0, 80]]).csw.unitStatus).toBe(CE_DE | UnitStatus.unitCheck);
    expect(sense(c.rig, 0x009, 1)).toEqual([0x40]);
  });

  it('the alarm rings the bell; the request key presents attention', () => {
    const c = console3215();
    expect(run(c.rig, 0x009, [[0x0b, 0, 0, 1]]).cc).toBe(1);
    expect(c.printed()).toBe('\x07');
    c.device.requestKey();
    expect(c.rig.channels.acceptInterruption(-1)).toBe(0x009);
    expect(c.rig.storage.bytes[0x44]).toBe(UnitStatus.attention);
  });

  it('rejects commands a 3215 does not have', () => {
    const c = console3215();
    expect(run(c.rig, 0x009, [[0x02, 0x2000, 0, 80]]).csw.unitStatus).toBe(CE_DE | UnitStatus.unitCheck);
    expect(sense(c.rig, 0x009, 1)).toEqual([0x80]);
  });
});
