// Initial program loading, the channel's part (Principles of Operation, "Initial Program Loading").
//
// The channel reads from the IPL device as if a CCW at location 0 said: Read (X'02'; for DASD the
// control unit makes it Read IPL: seek to cylinder 0 head 0 and read record 1), data address 0,
// count 24, command chaining and SLI on. The 24 bytes go to locations 0-23; command chaining then
// goes on from the CCW at location 8 (or 16 when the device presents status modifier). PCI flags
// in the IPL channel program are ignored. When the channel program has ended with nothing but
// channel end, device end and status modifier, the I/O address of the device is stored: in bytes 2-3
// of the IPL PSW when it is a BC-mode PSW, at locations 186-187 (X'BA', with zeros at 184-185) when
// it is an EC-mode PSW. The caller then loads the PSW from location 0; if device end comes
// separately after channel end, it becomes an ordinary I/O interruption condition.

import { UnitStatus } from '../arch/channel.ts';
import { CcwFlag } from '../arch/channel.ts';
import { LowCore } from '../arch/low-core.ts';
import type { ChannelSubsystem } from './channel-subsystem.ts';

export type IplResult = { ok: true } | { ok: false; reason: string };

const ALLOWED = UnitStatus.channelEnd | UnitStatus.deviceEnd | UnitStatus.statusModifier;

/** The channel's part of IPL from `deviceAddress`. On success, location 0 holds the PSW to load. */
export function iplFromDevice(channels: ChannelSubsystem, deviceAddress: number): IplResult {
  const where = deviceAddress.toString(16).padStart(3, '0').toUpperCase();
  const implicit = { address: 0, command: 0x02, dataAddress: 0, flags: CcwFlag.chainCommand | CcwFlag.suppressLength, count: 24 };
  const started = channels.startWithCcw(deviceAddress, 0, implicit, true);
  if (started === null) return { ok: false, reason: `no device at ${where}` };
  let csw = started.csw;
  if (started.cc === 0) {
    const end = channels.runToEnd(deviceAddress);
    if (end === 'waiting') return { ok: false, reason: `the IPL device ${where} is waiting for input` };
    if (end === 'looping') return { ok: false, reason: `the IPL channel program on ${where} does not end` };
    csw = channels.takeInterruption(deviceAddress) ?? undefined;
  } else if (started.cc !== 1) {
    return { ok: false, reason: `the IPL device ${where} is busy or not operational (condition code ${started.cc})` };
  }
  if (!csw) return { ok: false, reason: `the IPL channel program on ${where} presented no status` };
  if ((csw.unitStatus & ~ALLOWED) !== 0 || csw.channelStatus !== 0) {
    const hex2 = (v: number) => v.toString(16).padStart(2, '0').toUpperCase();
    return {
      ok: false,
      reason: `IPL from ${where} failed: unit status X'${hex2(csw.unitStatus)}', channel status X'${hex2(csw.channelStatus)}', CCW address X'${csw.ccwAddress.toString(16).toUpperCase()}'`,
    };
  }
  const storage = channels.storage;
  const ecMode = (storage.bytes[1]! & 0x08) !== 0;
  if (ecMode) {
    storage.writeHalf(LowCore.ioAddress, 0);
    storage.writeHalf(LowCore.ioAddress + 2, deviceAddress & 0xffff);
  } else {
    storage.writeHalf(2, deviceAddress & 0xffff);
  }
  return { ok: true };
}
