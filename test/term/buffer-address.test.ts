import { describe, expect, it } from 'vitest';
import { addressModeFor, decodeAddress, encodeAddress, sixBitCode } from '../../src/term/buffer-address.ts';

describe('3270 buffer addresses', () => {
  it('12-bit: offset 0 is 40 40, row 2 column 1 is C1 50, offset 1919 is 5D 7F', () => {
    expect(encodeAddress(0)).toEqual([0x40, 0x40]);
    expect(encodeAddress(80)).toEqual([0xc1, 0x50]);
    expect(encodeAddress(1919)).toEqual([0x5d, 0x7f]);
  });

  it('14-bit: offset 1919 is 07 7F; 3563 (27x132 last) is 0D EB', () => {
    expect(encodeAddress(1919, 14)).toEqual([0x07, 0x7f]);
    expect(encodeAddress(3563, 14)).toEqual([0x0d, 0xeb]);
  });

  it('decodes both forms by the top two bits of the first byte', () => {
    for (let a = 0; a < 4096; a++) expect(decodeAddress(...encodeAddress(a))).toBe(a);
    for (const a of [0, 1, 255, 256, 4095, 4096, 9999, 16383]) expect(decodeAddress(...encodeAddress(a, 14))).toBe(a);
  });

  it('12-bit cannot carry addresses above 4095', () => {
    expect(() => encodeAddress(4096)).toThrow(RangeError);
    expect(() => encodeAddress(16384, 14)).toThrow(RangeError);
  });

  it('picks 14-bit only for buffers larger than 4096 positions', () => {
    expect(addressModeFor(1920)).toBe(12);
    expect(addressModeFor(3564)).toBe(12);
    expect(addressModeFor(4097)).toBe(14);
  });

  it('the six-bit table makes graphics: C3 for a WCC of restore+reset MDT, E8 for protected+bright', () => {
    expect(sixBitCode(0x03)).toBe(0xc3);
    expect(sixBitCode(0x28)).toBe(0xe8);
    expect(sixBitCode(0x30)).toBe(0xf0);
    expect(sixBitCode(0x00)).toBe(0x40);
  });
});
