import { describe, expect, it } from 'vitest';
import { CcwFlag, ChannelStatus, UnitStatus } from '../../src/arch/channel.ts';
import { CE_DE, ccw, csw, drain, interruption, rig, setCaw } from './fake-device.ts';

const { chainData: CD, chainCommand: CC, suppressLength: SLI, skip: SKIP, pci: PCI, ida: IDA } = CcwFlag;

describe('a single CCW', () => {
  it('write: the device gets the bytes; channel end and device end end the program', () => {
    const { storage, channels, device } = rig();
    storage.load(0x2000, Uint8Array.from([1, 2, 3, 4]));
    ccw(storage, 0x1000, 0x01, 0x2000, 0, 4);
    setCaw(storage, 0, 0x1000);
    expect(channels.startIo(0x190, false)).toBe(0);
    expect(device.seen[0]!.data).toEqual([1, 2, 3, 4]);
    expect(device.seen[0]!.command).toEqual({ command: 0x01, flags: 0, count: 4, chained: false });
    expect(interruption(channels)).toBe(0x190);
    expect(csw(storage)).toEqual({ key: 0, ccwAddress: 0x1008, unitStatus: CE_DE, channelStatus: 0, count: 0 });
    expect(device.ended).toBe(1);
  });

  it('read: the bytes are stored and the residual count is the unused part', () => {
    const { storage, channels } = rig(() => ({ status: CE_DE, data: Uint8Array.from([9, 8, 7]) }));
    ccw(storage, 0x1000, 0x02, 0x2000, SLI, 10);
    setCaw(storage, 0, 0x1000);
    expect(channels.startIo(0x190, false)).toBe(0);
    interruption(channels);
    expect([...storage.read(0x2000, 4)]).toEqual([9, 8, 7, 0]);
    expect(csw(storage).count).toBe(7);
    expect(csw(storage).channelStatus).toBe(0);
  });

  it('the interruption comes a deterministic number of ticks later: command cost plus bytes', () => {
    const { storage, channels } = rig(() => ({ status: CE_DE, data: new Uint8Array(50) }));
    ccw(storage, 0x1000, 0x02, 0x2000, 0, 50);
    setCaw(storage, 0, 0x1000);
    channels.runUntil(1000);
    channels.startIo(0x190, false);
    expect(channels.nextEventTick()).toBe(1000 + 100 + 50);
    channels.runUntil(1149);
    expect(channels.pendingChannels).toBe(0);
    channels.runUntil(1150);
    expect(channels.pendingChannels).toBe(1 << (31 - 1));
  });

  it('read backward stores the bytes in descending addresses from the data address', () => {
    // The device sends the block last byte first.
    const { storage, channels } = rig(() => ({ status: CE_DE, data: Uint8Array.from([4, 3, 2, 1]) }));
    ccw(storage, 0x1000, 0x0c, 0x2003, 0, 4);
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x190, false);
    interruption(channels);
    expect([...storage.read(0x2000, 4)]).toEqual([1, 2, 3, 4]);
  });

  it('skip: a read moves no data to storage but uses the count', () => {
    const { storage, channels } = rig(() => ({ status: CE_DE, data: Uint8Array.from([5, 5, 5, 5]) }));
    ccw(storage, 0x1000, 0x02, 0x2000, SKIP, 4);
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x190, false);
    interruption(channels);
    expect([...storage.read(0x2000, 4)]).toEqual([0, 0, 0, 0]);
    expect(csw(storage).count).toBe(0);
    expect(csw(storage).channelStatus).toBe(0);
  });

  it('an immediate command without chaining ends START I/O with condition code 1 and the CSW', () => {
    const { storage, channels } = rig(() => ({ status: CE_DE, immediate: true }));
    ccw(storage, 0x1000, 0x03, 0, 0, 1);
    setCaw(storage, 0, 0x1000);
    expect(channels.startIo(0x190, false)).toBe(1);
    expect(csw(storage)).toEqual({ key: 0, ccwAddress: 0x1008, unitStatus: CE_DE, channelStatus: 0, count: 1 });
    expect(channels.pendingChannels).toBe(0);
  });
});

describe('data chaining', () => {
  it('output: the device sees one command with the data of every CCW of the chain', () => {
    const { storage, channels, device } = rig();
    storage.load(0x2000, Uint8Array.from([1, 2]));
    storage.load(0x3000, Uint8Array.from([3, 4, 5]));
    ccw(storage, 0x1000, 0x01, 0x2000, CD, 2);
    ccw(storage, 0x1008, 0x00, 0x3000, 0, 3); // the command code of a data-chained CCW is ignored
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x190, false);
    expect(device.seen).toHaveLength(1);
    expect(device.seen[0]!.data).toEqual([1, 2, 3, 4, 5]);
    expect(device.seen[0]!.command.count).toBe(5);
    interruption(channels);
    expect(csw(storage)).toMatchObject({ ccwAddress: 0x1010, count: 0, channelStatus: 0 });
  });

  it('input: the bytes are spread over the areas, through a TIC in the data chain', () => {
    const { storage, channels } = rig(() => ({ status: CE_DE, data: Uint8Array.from([1, 2, 3, 4, 5]) }));
    ccw(storage, 0x1000, 0x02, 0x2000, CD, 2);
    ccw(storage, 0x1008, 0x08, 0x1100, 0, 0);
    ccw(storage, 0x1100, 0x02, 0x3000, 0, 3);
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x190, false);
    interruption(channels);
    expect([...storage.read(0x2000, 2)]).toEqual([1, 2]);
    expect([...storage.read(0x3000, 3)]).toEqual([3, 4, 5]);
    expect(csw(storage)).toMatchObject({ ccwAddress: 0x1108, count: 0 });
  });

  it('a block that ends in a CCW with chain data is incorrect length even with SLI', () => {
    const { storage, channels } = rig(() => ({ status: CE_DE, data: Uint8Array.from([1]) }));
    ccw(storage, 0x1000, 0x02, 0x2000, CD | SLI, 2);
    ccw(storage, 0x1008, 0x02, 0x3000, SLI, 3);
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x190, false);
    interruption(channels);
    expect(csw(storage)).toMatchObject({ ccwAddress: 0x1008, count: 1, channelStatus: ChannelStatus.incorrectLength });
  });

  it('a block that ends in the last CCW of the chain obeys that CCW\'s SLI', () => {
    const { storage, channels } = rig(() => ({ status: CE_DE, data: Uint8Array.from([1, 2, 3]) }));
    ccw(storage, 0x1000, 0x02, 0x2000, CD, 2);
    ccw(storage, 0x1008, 0x02, 0x3000, SLI, 3);
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x190, false);
    interruption(channels);
    expect(csw(storage)).toMatchObject({ ccwAddress: 0x1010, count: 2, channelStatus: 0 });
  });
});

describe('incorrect length', () => {
  it('short block on input without SLI', () => {
    const { storage, channels } = rig(() => ({ status: CE_DE, data: new Uint8Array(80) }));
    ccw(storage, 0x1000, 0x02, 0x2000, 0, 100);
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x190, false);
    interruption(channels);
    expect(csw(storage)).toMatchObject({ count: 20, channelStatus: ChannelStatus.incorrectLength });
  });

  it('long block on input (the device had more) without SLI; SLI suppresses it', () => {
    for (const [flags, expected] of [[0, ChannelStatus.incorrectLength], [SLI, 0]] as const) {
      const { storage, channels } = rig(() => ({ status: CE_DE, data: new Uint8Array(40), more: true }));
      ccw(storage, 0x1000, 0x02, 0x2000, flags, 40);
      setCaw(storage, 0, 0x1000);
      channels.startIo(0x190, false);
      interruption(channels);
      expect(csw(storage)).toMatchObject({ count: 0, channelStatus: expected });
    }
  });

  it('output the device did not take all of is incorrect length', () => {
    const { storage, channels } = rig(() => ({ status: CE_DE, accepted: 132 }));
    ccw(storage, 0x1000, 0x01, 0x2000, 0, 150);
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x190, false);
    interruption(channels);
    expect(csw(storage)).toMatchObject({ count: 18, channelStatus: ChannelStatus.incorrectLength });
  });

  it('incorrect length stops command chaining unless SLI is on', () => {
    for (const [flags, commands] of [[CC, 1], [CC | SLI, 2]] as const) {
      const { storage, channels, device } = rig(() => ({ status: CE_DE, data: new Uint8Array(10) }));
      ccw(storage, 0x1000, 0x02, 0x2000, flags, 20);
      ccw(storage, 0x1008, 0x02, 0x3000, SLI, 20);
      setCaw(storage, 0, 0x1000);
      channels.startIo(0x190, false);
      interruption(channels);
      expect(device.seen).toHaveLength(commands);
    }
  });
});

describe('command chaining', () => {
  it('each command goes to the device in turn, marked as chained', () => {
    const { storage, channels, device } = rig();
    ccw(storage, 0x1000, 0x07, 0x2000, CC, 6);
    ccw(storage, 0x1008, 0x01, 0x2000, 0, 6);
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x190, false);
    expect(device.seen).toHaveLength(1);
    interruption(channels);
    expect(device.seen.map((s) => [s.command.command, s.command.chained])).toEqual([[0x07, false], [0x01, true]]);
    expect(csw(storage).ccwAddress).toBe(0x1010);
  });

  it('status modifier makes the channel skip a CCW (the TIC of a search loop)', () => {
    let n = 0;
    const { storage, channels, device } = rig(() => ({ status: CE_DE | (n++ === 0 ? UnitStatus.statusModifier : 0) }));
    ccw(storage, 0x1000, 0x31, 0x2000, CC, 5);
    ccw(storage, 0x1008, 0x08, 0x1000, 0, 0);
    ccw(storage, 0x1010, 0x06, 0x3000, SLI, 5);
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x190, false);
    interruption(channels);
    expect(device.seen.map((s) => s.command.command)).toEqual([0x31, 0x06]);
  });

  it('a TIC loop repeats the search until it succeeds', () => {
    let n = 0;
    const { storage, channels, device } = rig(() => ({ status: CE_DE | (++n === 3 ? UnitStatus.statusModifier : 0) }));
    ccw(storage, 0x1000, 0x31, 0x2000, CC, 5);
    ccw(storage, 0x1008, 0x08, 0x1000, 0, 0);
    ccw(storage, 0x1010, 0x06, 0x3000, SLI, 5);
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x190, false);
    interruption(channels);
    expect(device.seen.map((s) => s.command.command)).toEqual([0x31, 0x31, 0x31, 0x06]);
  });

  it('unit check ends the chain', () => {
    const { storage, channels, device } = rig(() => ({ status: CE_DE | UnitStatus.unitCheck }));
    ccw(storage, 0x1000, 0x01, 0x2000, CC, 1);
    ccw(storage, 0x1008, 0x01, 0x2000, 0, 1);
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x190, false);
    interruption(channels);
    expect(device.seen).toHaveLength(1);
    expect(csw(storage)).toMatchObject({ ccwAddress: 0x1008, unitStatus: CE_DE | UnitStatus.unitCheck });
  });

  it('command chaining waits for a device end that follows channel end', () => {
    const { storage, channels, device } = rig((c) =>
      c.command === 0x07 ? { status: UnitStatus.channelEnd, deviceEndDelay: 5000 } : { status: CE_DE },
    );
    ccw(storage, 0x1000, 0x07, 0x2000, CC, 1);
    ccw(storage, 0x1008, 0x01, 0x2000, 0, 1);
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x190, false);
    channels.runUntil(4000);
    expect(device.seen).toHaveLength(1);
    channels.runUntil(6000);
    expect(device.seen).toHaveLength(2);
  });
});

describe('program checks', () => {
  const startsWithProgramCheck = (setup: (s: ReturnType<typeof rig>['storage']) => void, ccwAddress: number) => {
    const { storage, channels, device } = rig();
    setup(storage);
    expect(channels.startIo(0x190, false)).toBe(1);
    expect(csw(storage)).toMatchObject({ channelStatus: ChannelStatus.programCheck, unitStatus: 0, ccwAddress });
    expect(device.seen).toHaveLength(0);
  };

  it('a CAW CCW address that is not on a doubleword boundary', () =>
    startsWithProgramCheck((s) => setCaw(s, 0, 0x1004), 0x100c));
  it('a CAW with bits 4-7 not zero', () =>
    startsWithProgramCheck((s) => s.writeWord(0x48, 0x0100_1000), 0x1008));
  it('a CAW CCW address outside storage', () => startsWithProgramCheck((s) => setCaw(s, 0, 0x20_0000), 0x20_0008));
  it('a TIC as the first CCW', () =>
    startsWithProgramCheck((s) => {
      ccw(s, 0x1000, 0x08, 0x1100, 0, 0);
      setCaw(s, 0, 0x1000);
    }, 0x1008));
  it('a count of zero', () =>
    startsWithProgramCheck((s) => {
      ccw(s, 0x1000, 0x01, 0x2000, 0, 0);
      setCaw(s, 0, 0x1000);
    }, 0x1008));
  it('an invalid command code (low four bits zero)', () =>
    startsWithProgramCheck((s) => {
      ccw(s, 0x1000, 0x10, 0x2000, 0, 1);
      setCaw(s, 0, 0x1000);
    }, 0x1008));
  it('a data address outside storage', () =>
    startsWithProgramCheck((s) => {
      ccw(s, 0x1000, 0x02, 0x10_0000, 0, 1);
      setCaw(s, 0, 0x1000);
    }, 0x1008));
  it('CCW flag bits 38-39 not zero', () =>
    startsWithProgramCheck((s) => {
      ccw(s, 0x1000, 0x01, 0x2000, 0x01, 1);
      setCaw(s, 0, 0x1000);
    }, 0x1008));

  it('a TIC to a TIC: the CSW addresses the second TIC', () => {
    const { storage, channels } = rig();
    ccw(storage, 0x1000, 0x01, 0x2000, CC, 1);
    ccw(storage, 0x1008, 0x08, 0x1100, 0, 0);
    ccw(storage, 0x1100, 0x08, 0x1000, 0, 0);
    setCaw(storage, 0, 0x1000);
    expect(channels.startIo(0x190, false)).toBe(0);
    interruption(channels);
    expect(csw(storage)).toMatchObject({ ccwAddress: 0x1108, channelStatus: ChannelStatus.programCheck, unitStatus: CE_DE });
  });

  it('a TIC to an address that is not a doubleword boundary: the CSW addresses the TIC', () => {
    const { storage, channels } = rig();
    ccw(storage, 0x1000, 0x01, 0x2000, CC, 1);
    ccw(storage, 0x1008, 0x08, 0x1104, 0, 0);
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x190, false);
    interruption(channels);
    expect(csw(storage)).toMatchObject({ ccwAddress: 0x1010, channelStatus: ChannelStatus.programCheck });
  });

  it('a count of zero in a chained CCW is a program check at the interruption', () => {
    const { storage, channels, device } = rig();
    ccw(storage, 0x1000, 0x01, 0x2000, CC, 1);
    ccw(storage, 0x1008, 0x01, 0x2000, 0, 0);
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x190, false);
    interruption(channels);
    expect(device.seen).toHaveLength(1);
    expect(csw(storage)).toMatchObject({ ccwAddress: 0x1010, channelStatus: ChannelStatus.programCheck });
  });

  it('a read that runs past the end of storage stops there with a program check', () => {
    const { storage, channels } = rig(() => ({ status: CE_DE, data: new Uint8Array(16).fill(7) }));
    ccw(storage, 0x1000, 0x02, 0xfff8, 0, 16);
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x190, false);
    interruption(channels);
    expect(csw(storage)).toMatchObject({ channelStatus: ChannelStatus.programCheck, count: 8 });
    expect(storage.bytes[0xffff]).toBe(7);
  });
});

describe('protection', () => {
  it('a read into storage of another key is a protection check; key 0 stores anywhere', () => {
    const { storage, channels } = rig(() => ({ status: CE_DE, data: Uint8Array.from([1, 2]) }));
    storage.keys[0x2000 >>> 11] = 0x50;
    ccw(storage, 0x1000, 0x02, 0x2000, 0, 2);
    setCaw(storage, 3, 0x1000);
    channels.startIo(0x190, false);
    interruption(channels);
    expect(csw(storage)).toMatchObject({ key: 3, channelStatus: ChannelStatus.protectionCheck, count: 2 });
    expect(storage.bytes[0x2000]).toBe(0);
    setCaw(storage, 5, 0x1000);
    channels.startIo(0x190, false);
    interruption(channels);
    expect(csw(storage).channelStatus).toBe(0);
    expect(storage.bytes[0x2000]).toBe(1);
    expect(storage.keys[0x2000 >>> 11]! & 0x06).toBe(0x06);
  });

  it('a write from fetch-protected storage of another key is a protection check', () => {
    const { storage, channels, device } = rig();
    storage.keys[0x2000 >>> 11] = 0x58;
    ccw(storage, 0x1000, 0x01, 0x2000, 0, 2);
    setCaw(storage, 3, 0x1000);
    expect(channels.startIo(0x190, false)).toBe(1);
    expect(csw(storage).channelStatus).toBe(ChannelStatus.protectionCheck);
    expect(device.seen).toHaveLength(0);
    storage.keys[0x2000 >>> 11] = 0x50; // not fetch protected
    expect(channels.startIo(0x190, false)).toBe(0);
  });
});

describe('program-controlled interruption', () => {
  it('interrupts while the channel program goes on, then the program ends', () => {
    const { storage, channels, device } = rig();
    ccw(storage, 0x1000, 0x01, 0x2000, CC | PCI, 1);
    ccw(storage, 0x1008, 0x01, 0x2000, CC, 1);
    ccw(storage, 0x1010, 0x01, 0x2000, 0, 1);
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x190, false);
    expect(channels.acceptInterruption(-1)).toBe(0x190);
    expect(csw(storage)).toMatchObject({ unitStatus: 0, channelStatus: ChannelStatus.programControlledInterruption, ccwAddress: 0x1008 });
    expect(channels.testIo(0x190)).toBe(2);
    expect(interruption(channels)).toBe(0x190);
    expect(device.seen).toHaveLength(3);
    expect(csw(storage)).toMatchObject({ unitStatus: CE_DE, channelStatus: 0, ccwAddress: 0x1018 });
  });

  it('a PCI not yet taken when the program ends shows in the final CSW', () => {
    const { storage, channels } = rig();
    ccw(storage, 0x1000, 0x01, 0x2000, PCI, 1);
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x190, false);
    drain(channels);
    expect(channels.acceptInterruption(-1)).toBe(0x190);
    expect(csw(storage)).toMatchObject({ unitStatus: CE_DE, channelStatus: ChannelStatus.programControlledInterruption });
    expect(channels.acceptInterruption(-1)).toBe(-1);
  });
});

describe('indirect data addressing', () => {
  it('a read goes through the IDAW list across a 2K boundary', () => {
    const { storage, channels } = rig(() => ({ status: CE_DE, data: Uint8Array.from([1, 2, 3, 4]) }));
    storage.writeWord(0x1800, 0x47fe);
    storage.writeWord(0x1804, 0x6000);
    ccw(storage, 0x1000, 0x02, 0x1800, IDA, 4);
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x190, false);
    interruption(channels);
    expect([...storage.read(0x47fe, 2)]).toEqual([1, 2]);
    expect([...storage.read(0x6000, 2)]).toEqual([3, 4]);
    expect(csw(storage).channelStatus).toBe(0);
  });

  it('a second IDAW that is not on a 2K boundary is a program check', () => {
    const { storage, channels } = rig(() => ({ status: CE_DE, data: Uint8Array.from([1, 2, 3, 4]) }));
    storage.writeWord(0x1800, 0x47fe);
    storage.writeWord(0x1804, 0x6001);
    ccw(storage, 0x1000, 0x02, 0x1800, IDA, 4);
    setCaw(storage, 0, 0x1000);
    channels.startIo(0x190, false);
    interruption(channels);
    expect(csw(storage)).toMatchObject({ channelStatus: ChannelStatus.programCheck, count: 2 });
  });
});
