// 3270 buffer addresses and the 6-bit code translation (Data Stream Programmer's Reference,
// "Buffer Addressing"). A 12-bit address is two bytes, each carrying six bits of the address put
// through the translation table, so the bytes are always graphic characters. A 14-bit address has
// 00 in the top two bits of its first byte: (address >> 8) & 0x3f, address & 0xff. The WCC and
// the field attribute byte use the same 6-bit translation.

/** The graphic byte for each 6-bit value (the "address characters" table). */
export const SIX_BIT_CODES: readonly number[] = [
  0x40, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f,
  0x50, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8, 0xd9, 0x5a, 0x5b, 0x5c, 0x5d, 0x5e, 0x5f,
  0x60, 0x61, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7, 0xe8, 0xe9, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f,
  0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f,
];

/** A 6-bit value as its graphic byte (for WCCs, attributes and 12-bit addresses). */
export function sixBitCode(value: number): number {
  return SIX_BIT_CODES[value & 0x3f]!;
}

/** Addressing mode: 12-bit addresses reach 4095 positions, 14-bit ones 16383. */
export type AddressMode = 12 | 14;

/** Encodes a buffer address in two bytes. */
export function encodeAddress(address: number, mode: AddressMode = 12): [number, number] {
  if (address < 0 || address > 0x3fff || (mode === 12 && address > 0xfff)) {
    throw new RangeError(`buffer address ${address} cannot be encoded in ${mode} bits`);
  }
  if (mode === 14) return [(address >> 8) & 0x3f, address & 0xff];
  return [sixBitCode(address >> 6), sixBitCode(address)];
}

/** The mode an outbound stream should use for a buffer of this many positions. */
export function addressModeFor(bufferSize: number): AddressMode {
  return bufferSize > 4096 ? 14 : 12;
}

/**
 * Decodes a two-byte buffer address. The top two bits of the first byte tell the form: 00 means
 * 14-bit binary, anything else 12-bit coded (only the low six bits of each byte count).
 */
export function decodeAddress(first: number, second: number): number {
  if ((first & 0xc0) === 0) return ((first & 0x3f) << 8) | (second & 0xff);
  return ((first & 0x3f) << 6) | (second & 0x3f);
}
