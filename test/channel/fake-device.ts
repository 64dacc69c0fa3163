// A scriptable device for channel tests: it records every command it sees and answers from a
// function the test supplies.

import { UnitStatus } from '../../src/arch/channel.ts';
import { DEFERRED, type Device, type DeviceCommand, type DeviceHost, type DeviceResult } from '../../src/channel/device.ts';
import { ChannelSubsystem } from '../../src/channel/channel-subsystem.ts';
import { Storage } from '../../src/storage/storage.ts';

export const CE_DE = UnitStatus.channelEnd | UnitStatus.deviceEnd;

export type Answer = (command: DeviceCommand, data: Uint8Array | null) => DeviceResult | typeof DEFERRED;

export class FakeDevice implements Device {
  readonly type = 'FAKE';
  readonly timing = { command: 100, perByte: 1 };
  host: DeviceHost | null = null;
  readonly seen: Array<{ command: DeviceCommand; data: number[] | null }> = [];
  halted = 0;
  ended = 0;
  state = 0;

  constructor(public answer: Answer = () => ({ status: CE_DE })) {}

  attach(host: DeviceHost): void {
    this.host = host;
  }

  startCommand(command: DeviceCommand, data: Uint8Array | null): DeviceResult | typeof DEFERRED {
    this.seen.push({ command, data: data ? [...data] : null });
    return this.answer(command, data);
  }

  channelProgramEnd(): void {
    this.ended++;
  }

  halt(): void {
    this.halted++;
  }

  reset(): void {
    this.state = 0;
  }

  snapshot(): unknown {
    return { state: this.state };
  }

  restore(state: unknown): void {
    this.state = (state as { state: number }).state;
  }
}

/** A 64K machine's storage and channel subsystem with a fake device at 0x190. */
export function rig(answer?: Answer) {
  const storage = new Storage(64 * 1024);
  const channels = new ChannelSubsystem({ storage });
  const device = new FakeDevice(answer);
  channels.attach(0x190, device);
  return { storage, channels, device };
}

/** Writes a format-0 CCW at `at`. */
export function ccw(storage: Storage, at: number, command: number, dataAddress: number, flags: number, count: number): void {
  const m = storage.bytes;
  m[at] = command;
  m[at + 1] = dataAddress >>> 16;
  m[at + 2] = dataAddress >>> 8;
  m[at + 3] = dataAddress;
  m[at + 4] = flags;
  m[at + 5] = 0;
  m[at + 6] = count >>> 8;
  m[at + 7] = count;
}

export function setCaw(storage: Storage, key: number, address: number): void {
  storage.writeWord(0x48, ((key & 15) << 28) | address);
}

/** The CSW at X'40' as fields. */
export function csw(storage: Storage) {
  const m = storage.bytes;
  return {
    key: m[0x40]! >>> 4,
    ccwAddress: (m[0x41]! << 16) | (m[0x42]! << 8) | m[0x43]!,
    unitStatus: m[0x44]!,
    channelStatus: m[0x45]!,
    count: (m[0x46]! << 8) | m[0x47]!,
  };
}

/** Runs the channel until nothing is scheduled (virtual time). */
export function drain(channels: ChannelSubsystem): void {
  for (let i = 0; i < 10_000; i++) {
    const next = channels.nextEventTick();
    if (next === Infinity) return;
    channels.runUntil(next);
  }
  throw new Error('channel did not settle');
}

/** Runs to the end and accepts the interruption: returns the device address or -1. */
export function interruption(channels: ChannelSubsystem): number {
  drain(channels);
  return channels.acceptInterruption(-1);
}
