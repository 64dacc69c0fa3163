// Small pieces every device uses: the usual ending status and the sense command.

import { UnitStatus } from '../arch/channel.ts';
import type { DeviceCommand, DeviceResult } from '../channel/device.ts';

export const CE_DE = UnitStatus.channelEnd | UnitStatus.deviceEnd;
export const CE_DE_UC = CE_DE | UnitStatus.unitCheck;
export const CE_DE_UE = CE_DE | UnitStatus.unitException;

/** Normal end of a command with no data. */
export function done(): DeviceResult {
  return { status: CE_DE };
}

/** Normal end of a command that takes no data and no time: status at initial selection. */
export function immediate(): DeviceResult {
  return { status: CE_DE, immediate: true };
}

/** Input data for a command: at most `count` bytes; `more` when the device had more to send. */
export function input(command: DeviceCommand, bytes: Uint8Array, status = CE_DE): DeviceResult {
  return { status, data: bytes.subarray(0, command.count), more: bytes.length > command.count };
}

/** Unit check at initial selection (command reject, intervention required before any motion). */
export function rejected(): DeviceResult {
  return { status: CE_DE_UC, immediate: true };
}

/** Hex of a byte for messages. */
export function hex2(value: number): string {
  return value.toString(16).padStart(2, '0').toUpperCase();
}
