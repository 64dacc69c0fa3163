import { describe, expect, it } from 'vitest';
import { disassemble, disassembleOne } from '../../src/asm/disassembler.ts';
import { EXTENDED_MNEMONICS, OPCODES, type Format } from '../../src/cpu/opcodes.ts';
import { asm, st } from './helpers.ts';

/** Operands in the disassembler's explicit form, one set per format, every field non-trivial. */
const OPERANDS: Record<Format, string> = {
  RR: '3,12',
  RR1: '7',
  RRI: '201',
  RX: "5,291(9,10)",
  RS: '14,3,4095(13)',
  RS2: '6,2049(11)',
  SI: "1110(4),X'C7'",
  S: '36(2)',
  SS1: '291(200,6),1110(7)',
  SS2: '291(5,6),1110(16,8)',
  SS3: '291(5,6),1110(7),9',
};

function bytesOf(op: string, operands: string): Uint8Array {
  const r = asm([st('', op, operands), st('', 'END')]);
  if (r.returnCode > 0) throw new Error(`${op} ${operands}: ${r.messages.map((m) => m.code).join(' ')}`);
  return r.core.bytes;
}

describe('disassembler', () => {
  it.each(OPCODES.map((e) => [e.mnemonic, e.format] as const))('%s [%s]: assemble, disassemble, same text and bytes', (mnemonic, format) => {
    const operands = mnemonic === 'IPK' || mnemonic === 'PTLB' ? '' : OPERANDS[format];
    const bytes = bytesOf(mnemonic, operands);
    const d = disassembleOne(bytes)!;
    expect(d.mnemonic).toBe(mnemonic);
    expect(d.operands).toBe(operands);
    expect(d.length).toBe(bytes.length);
    expect(bytesOf(d.mnemonic, d.operands)).toEqual(bytes);
  });

  // Synonyms (BP for BH, BZ for BE ...) disassemble as the first mnemonic listed for their mask.
  const preferred = EXTENDED_MNEMONICS.filter((e) => EXTENDED_MNEMONICS.find((x) => x.base === e.base && x.mask === e.mask) === e);

  it.each(preferred.map((e) => [e.mnemonic, e.base] as const))(
    'extended mnemonic %s round-trips with the extended option',
    (mnemonic, base) => {
      const operands = base === 'BC' ? '291(9,10)' : '12';
      const bytes = bytesOf(mnemonic, operands);
      const d = disassembleOne(bytes, 0, 0, { extended: true })!;
      expect(`${d.mnemonic} ${d.operands}`).toBe(`${mnemonic} ${operands}`);
    },
  );

  it('a run of bytes: addresses advance by instruction length; unknown opcodes are DC', () => {
    const out = disassemble(Uint8Array.from([0x18, 0x12, 0x00, 0x00, 0x58, 0x10, 0xc0, 0x04, 0x47]), 0x100);
    expect(out.map((d) => [d.address, d.text])).toEqual([
      [0x100, 'LR    1,2'],
      [0x102, "DC    X'0000'"],
      [0x104, 'L     1,4(0,12)'],
      [0x108, "DC    X'47'"],
    ]);
  });

  it('the I/O instructions use only bit 15 to choose the variant', () => {
    expect(disassembleOne(Uint8Array.from([0x9c, 0x02, 0x10, 0x00]))!.mnemonic).toBe('SIO');
    expect(disassembleOne(Uint8Array.from([0x9c, 0x03, 0x10, 0x00]))!.mnemonic).toBe('SIOF');
  });
});
