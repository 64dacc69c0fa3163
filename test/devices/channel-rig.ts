// Runs channel programs against real devices through the channel subsystem.

import { ChannelSubsystem } from '../../src/channel/channel-subsystem.ts';
import type { Device } from '../../src/channel/device.ts';
import { Storage } from '../../src/storage/storage.ts';
import { ccw, csw, drain, setCaw } from '../channel/fake-device.ts';

export type CcwSpec = [command: number, dataAddress: number, flags: number, count: number];

export interface Rig {
  storage: Storage;
  channels: ChannelSubsystem;
}

export function machineWith(devices: Record<number, Device>): Rig {
  const storage = new Storage(1024 * 1024);
  const channels = new ChannelSubsystem({ storage });
  for (const [address, device] of Object.entries(devices)) channels.attach(Number(address), device);
  return { storage, channels };
}

export interface ProgramEnd {
  cc: number;
  csw: ReturnType<typeof csw>;
}

/** Places the CCWs at X'1000', starts them and returns the condition code and the final CSW. */
export function run(rig: Rig, address: number, ccws: CcwSpec[]): ProgramEnd {
  ccws.forEach(([command, data, flags, count], i) => ccw(rig.storage, 0x1000 + 8 * i, command, data, flags, count));
  setCaw(rig.storage, 0, 0x1000);
  const cc = rig.channels.startIo(address, false);
  if (cc !== 0) return { cc, csw: csw(rig.storage) };
  drain(rig.channels);
  const taken = rig.channels.acceptInterruption(-1);
  if (taken !== address) throw new Error(`expected an interruption from ${address.toString(16)}, got ${taken}`);
  return { cc, csw: csw(rig.storage) };
}

/** Sense bytes after a unit check. */
export function sense(rig: Rig, address: number, count = 24): number[] {
  const end = run(rig, address, [[0x04, 0x8000, 0x20, count]]);
  if (end.cc !== 0) throw new Error(`sense got condition code ${end.cc}`);
  return [...rig.storage.read(0x8000, count)];
}

export const ebcdicHello = [0xc8, 0xc5, 0xd3, 0xd3, 0xd6];
