// Shared helpers for the 3270 model tests.
import { toEbcdic } from '../../src/ebcdic/index.ts';
import { encodeAddress, sixBitCode } from '../../src/term/buffer-address.ts';
import { terminalModel, type ModelNumber } from '../../src/term/models.ts';
import { Screen3270 } from '../../src/term/screen-model.ts';

export function screen(model: ModelNumber = 2, family: 3278 | 3279 = 3279): Screen3270 {
  return new Screen3270({ model: terminalModel(family, model) });
}

export const e = (text: string): number[] => Array.from(toEbcdic(text));
export const sba = (address: number, mode: 12 | 14 = 12): number[] => [0x11, ...encodeAddress(address, mode)];
export const sf = (attribute: number): number[] => [0x1d, sixBitCode(attribute)];
export const wcc = (bits: number): number => sixBitCode(bits);
export const bytes = (...parts: (number | number[])[]): Uint8Array => Uint8Array.from(parts.flat());
