import { describe, expect, it } from 'vitest';
import { CcwFlag, UnitStatus } from '../../src/arch/channel.ts';
import { ChannelSubsystem } from '../../src/channel/channel-subsystem.ts';
import { DEFERRED } from '../../src/channel/device.ts';
import { iplFromDevice } from '../../src/channel/ipl.ts';
import { Storage } from '../../src/storage/storage.ts';
import { CE_DE, FakeDevice, ccw, csw, drain, interruption, rig, setCaw } from './fake-device.ts';

const channelBit = (channel: number) => 1 << (31 - channel);

function startWrite(r: ReturnType<typeof rig>): number {
  ccw(r.storage, 0x1000, 0x01, 0x2000, 0, 1);
  setCaw(r.storage, 0, 0x1000);
  return r.channels.startIo(0x190, false);
}

describe('condition codes', () => {
  it('every instruction answers 3 for a device that is not there or a channel above F', () => {
    const { channels } = rig();
    for (const address of [0x191, 0x1190]) {
      expect(channels.startIo(address, false)).toBe(3);
      expect(channels.testIo(address)).toBe(3);
      expect(channels.haltIo(address)).toBe(3);
      expect(channels.haltDevice(address)).toBe(3);
      expect(channels.clearIo(address)).toBe(3);
    }
    expect(channels.testChannel(0x10)).toBe(3);
    expect(channels.storeChannelId(0x10)).toBe(3);
  });

  it('START I/O: 2 while the subchannel is working and while its interruption is pending', () => {
    const r = rig();
    expect(startWrite(r)).toBe(0);
    expect(r.channels.startIo(0x190, false)).toBe(2);
    drain(r.channels);
    expect(r.channels.pendingChannels).toBe(channelBit(1));
    expect(r.channels.startIo(0x190, false)).toBe(2);
  });

  it('TEST I/O: 0 available, 2 working, 1 with the CSW of a pending interruption, which it clears', () => {
    const r = rig();
    expect(r.channels.testIo(0x190)).toBe(0);
    startWrite(r);
    expect(r.channels.testIo(0x190)).toBe(2);
    drain(r.channels);
    r.storage.writeWord(0x40, 0);
    expect(r.channels.testIo(0x190)).toBe(1);
    expect(csw(r.storage)).toMatchObject({ unitStatus: CE_DE, ccwAddress: 0x1008 });
    expect(r.channels.pendingChannels).toBe(0);
    expect(r.channels.testIo(0x190)).toBe(0);
  });

  it('HALT I/O on a working subchannel: 1, then an interruption with channel end and device end', () => {
    const r = rig();
    startWrite(r);
    r.storage.writeWord(0x44, 0xffff_ffff);
    expect(r.channels.haltIo(0x190)).toBe(1);
    expect(r.storage.readHalf(0x44)).toBe(0); // status portion stored, zero
    expect(r.channels.nextEventTick()).toBe(Infinity);
    expect(r.channels.acceptInterruption(-1)).toBe(0x190);
    expect(csw(r.storage).unitStatus).toBe(CE_DE);
  });

  it('HALT I/O: 0 with an interruption pending, 1 with the status zero when the device is available', () => {
    const r = rig();
    expect(r.channels.haltIo(0x190)).toBe(1);
    startWrite(r);
    drain(r.channels);
    expect(r.channels.haltIo(0x190)).toBe(0);
    expect(r.channels.pendingChannels).toBe(channelBit(1));
  });

  it('HALT I/O abandons a command waiting for the host', () => {
    const r = rig(() => DEFERRED);
    ccw(r.storage, 0x1000, 0x0a, 0x2000, 0, 10);
    setCaw(r.storage, 0, 0x1000);
    expect(r.channels.startIo(0x190, false)).toBe(0);
    expect(r.channels.waitingForHost()).toBe(true);
    expect(r.channels.haltDevice(0x190)).toBe(1);
    expect(r.device.halted).toBe(1);
    expect(r.channels.acceptInterruption(-1)).toBe(0x190);
    expect(csw(r.storage)).toMatchObject({ unitStatus: CE_DE, count: 10 });
  });

  it('CLEAR I/O on a working subchannel: 1 with the CSW, and no interruption follows', () => {
    const r = rig();
    startWrite(r);
    expect(r.channels.clearIo(0x190)).toBe(1);
    expect(csw(r.storage)).toMatchObject({ ccwAddress: 0x1008, unitStatus: 0 });
    drain(r.channels);
    expect(r.channels.pendingChannels).toBe(0);
    expect(r.channels.clearIo(0x190)).toBe(0);
  });

  it('TEST CHANNEL: 0 available, 1 with an interruption pending on the channel', () => {
    const r = rig();
    expect(r.channels.testChannel(1)).toBe(0);
    startWrite(r);
    drain(r.channels);
    expect(r.channels.testChannel(1)).toBe(1);
    expect(r.channels.testChannel(0)).toBe(0);
  });

  it('STORE CHANNEL ID: channel 0 is a byte multiplexer, the others block multiplexers', () => {
    const { storage, channels } = rig();
    expect(channels.storeChannelId(0)).toBe(0);
    expect(storage.readWord(0xa8)).toBe(0x1000_0000);
    expect(channels.storeChannelId(5)).toBe(0);
    expect(storage.readWord(0xa8)).toBe(0x2000_0000);
  });
});

describe('interruptions', () => {
  it('are taken only on enabled channels, lower channel first', () => {
    const storage = new Storage(64 * 1024);
    const channels = new ChannelSubsystem({ storage });
    channels.attach(0x30e, new FakeDevice());
    channels.attach(0x00c, new FakeDevice());
    ccw(storage, 0x1000, 0x01, 0x2000, 0, 1);
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x30e, false);
    channels.startIo(0x00c, false);
    drain(channels);
    expect(channels.pendingChannels).toBe(channelBit(0) | channelBit(3));
    expect(channels.acceptInterruption(channelBit(3))).toBe(0x30e);
    expect(channels.acceptInterruption(channelBit(3))).toBe(-1);
    expect(channels.acceptInterruption(-1)).toBe(0x00c);
    expect(channels.pendingChannels).toBe(0);
  });

  it('attention from the device: an interruption; START I/O meanwhile gets 1 with busy and attention', () => {
    const r = rig();
    r.device.host!.unsolicited(UnitStatus.attention);
    expect(r.channels.pendingChannels).toBe(channelBit(1));
    expect(r.channels.acceptInterruption(-1)).toBe(0x190);
    expect(csw(r.storage).unitStatus).toBe(UnitStatus.attention);
    r.device.host!.unsolicited(UnitStatus.attention);
    expect(startWrite(r)).toBe(1);
    expect(r.storage.bytes[0x44]).toBe(UnitStatus.busy | UnitStatus.attention);
    expect(r.channels.pendingChannels).toBe(0);
  });

  it('device end after channel end: START I/O sees busy until device end arrives as an interruption', () => {
    const r = rig(() => ({ status: UnitStatus.channelEnd, immediate: true, deviceEndDelay: 1000 }));
    ccw(r.storage, 0x1000, 0x07, 0, 0, 1);
    setCaw(r.storage, 0, 0x1000);
    expect(r.channels.startIo(0x190, false)).toBe(1);
    expect(csw(r.storage).unitStatus).toBe(UnitStatus.channelEnd);
    expect(r.channels.startIo(0x190, false)).toBe(1);
    expect(r.storage.bytes[0x44]).toBe(UnitStatus.busy);
    expect(r.channels.testIo(0x190)).toBe(1);
    expect(interruption(r.channels)).toBe(0x190);
    expect(csw(r.storage).unitStatus).toBe(UnitStatus.deviceEnd);
    expect(r.channels.testIo(0x190)).toBe(0);
  });

  it('a deferred command completes when the host answers', () => {
    const r = rig(() => DEFERRED);
    ccw(r.storage, 0x1000, 0x0a, 0x2000, CcwFlag.suppressLength, 10);
    setCaw(r.storage, 0, 0x1000);
    r.channels.startIo(0x190, false);
    drain(r.channels);
    expect(r.channels.pendingChannels).toBe(0);
    r.device.host!.complete({ status: CE_DE, data: Uint8Array.from([0xc8, 0xc9]) });
    expect(interruption(r.channels)).toBe(0x190);
    expect(csw(r.storage)).toMatchObject({ unitStatus: CE_DE, count: 8 });
    expect([...r.storage.read(0x2000, 2)]).toEqual([0xc8, 0xc9]);
  });

  it('in real time the interruption arrives from a host timer', async () => {
    const storage = new Storage(64 * 1024);
    const channels = new ChannelSubsystem({ storage, timeMode: 'real' });
    channels.attach(0x190, new FakeDevice());
    ccw(storage, 0x1000, 0x01, 0x2000, 0, 1);
    setCaw(storage, 0, 0x1000);
    expect(channels.startIo(0x190, false)).toBe(0);
    expect(channels.nextEventTick()).toBe(Infinity);
    await channels.whenActivity();
    expect(channels.pendingChannels).toBe(channelBit(1));
    channels.close();
  });

  it('reset clears programs and interruption conditions', () => {
    const r = rig();
    startWrite(r);
    r.channels.reset();
    expect(r.channels.testIo(0x190)).toBe(0);
    expect(r.channels.nextEventTick()).toBe(Infinity);
  });
});

describe('snapshot and restore', () => {
  it('a channel program restored mid-way ends the same way', () => {
    const r = rig();
    ccw(r.storage, 0x1000, 0x01, 0x2000, CcwFlag.chainCommand, 1);
    ccw(r.storage, 0x1008, 0x01, 0x2000, 0, 1);
    setCaw(r.storage, 0, 0x1000);
    r.channels.startIo(0x190, false);
    r.device.state = 42;
    const saved = r.channels.snapshot();
    const memory = r.storage.snapshot();
    drain(r.channels);
    r.channels.acceptInterruption(-1);
    const first = csw(r.storage);

    const again = rig();
    again.storage.restore(memory);
    again.channels.restore(saved);
    expect(again.device.state).toBe(42);
    expect(interruption(again.channels)).toBe(0x190);
    expect(csw(again.storage)).toEqual(first);
    expect(again.device.seen).toHaveLength(1); // the second command only
  });
});

describe('IPL', () => {
  it('reads 24 bytes to location 0, chains from location 8 and stores the device address in a BC PSW', () => {
    const card1 = new Uint8Array(80);
    card1.set([0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00]); // PSW: BC mode, X'400'
    card1.set([0x02, 0x00, 0x04, 0x00, 0x20, 0x00, 0x00, 0x50], 8); // read 80 bytes at X'400', SLI
    let n = 0;
    const r = rig(() => ({ status: CE_DE, data: n++ === 0 ? card1.subarray(0, 24) : new Uint8Array(80).fill(0x47), more: n === 1 }));
    expect(iplFromDevice(r.channels, 0x190)).toEqual({ ok: true });
    expect(r.device.seen.map((s) => [s.command.command, s.command.count])).toEqual([[0x02, 24], [0x02, 80]]);
    expect(r.storage.readWord(0)).toBe(0x0000_0190);
    expect(r.storage.readWord(4)).toBe(0x0000_0400);
    expect(r.storage.bytes[0x400]).toBe(0x47);
    expect(r.channels.pendingChannels).toBe(0);
  });

  it('stores the device address at X\'BA\' for an EC-mode PSW', () => {
    // PSW, then a no-operation CCW at location 8 that ends the chain.
    const record = Uint8Array.from([0, 8, 0, 0, 0, 0, 4, 0, 0x03, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    const r = rig(() => ({ status: CE_DE, data: record }));
    expect(iplFromDevice(r.channels, 0x190)).toEqual({ ok: true });
    expect(r.storage.readWord(0)).toBe(0x0008_0000);
    expect(r.storage.readWord(0xb8)).toBe(0x190);
  });

  it('fails on unit check and on a device that is not there', () => {
    const r = rig(() => ({ status: CE_DE | UnitStatus.unitCheck, immediate: true }));
    const result = iplFromDevice(r.channels, 0x190);
    expect(result.ok).toBe(false);
    expect(iplFromDevice(r.channels, 0x191)).toEqual({ ok: false, reason: 'no device at 191' });
  });
});
