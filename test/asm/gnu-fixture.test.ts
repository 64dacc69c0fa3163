// Our encodings against GNU as (s390x-linux-gnu-as -m31 -mesa), recorded in fixtures/gnu-as-encodings.json
// by fixtures/make-gnu-fixture.sh, so this test needs no binutils.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXTENDED_MNEMONICS, OPCODES } from '../../src/cpu/opcodes.ts';
import { asm, st } from './helpers.ts';

interface Fixture {
  assembler: string;
  unknownToGnu: string[];
  cases: { mnemonic: string; operands: string; hex: string }[];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/gnu-as-encodings.json', import.meta.url), 'utf8')) as Fixture;

describe('encodings agree with GNU as', () => {
  it('the fixture covers every opcode-table entry and extended mnemonic (or says GNU as lacks it)', () => {
    const covered = new Set([...fixture.cases.map((c) => c.mnemonic), ...fixture.unknownToGnu]);
    const all = [...OPCODES.map((e) => e.mnemonic), ...EXTENDED_MNEMONICS.map((e) => e.mnemonic)];
    expect(all.filter((m) => !covered.has(m))).toEqual([]);
    // GNU as in ESA/390 mode lacks exactly the S/370-only instructions.
    expect(fixture.unknownToGnu.sort()).toEqual(['CLRIO', 'HDV', 'HIO', 'ISK', 'RDD', 'RRB', 'SIO', 'SIOF', 'SSK', 'STIDC', 'TCH', 'TIO', 'WRD']);
  });

  it(`every case assembles to GNU as's bytes (${fixture.cases.length} cases)`, () => {
    const r = asm([...fixture.cases.map((c) => st('', c.mnemonic, c.operands)), st('', 'END')]);
    expect(r.messages).toEqual([]);
    const ours = Buffer.from(r.core.bytes).toString('hex');
    const mismatches: string[] = [];
    let k = 0;
    for (const c of fixture.cases) {
      const got = ours.slice(k, k + c.hex.length);
      if (got !== c.hex) mismatches.push(`${c.mnemonic} ${c.operands}: GNU ${c.hex}, ours ${got}`);
      k += c.hex.length;
    }
    expect(mismatches).toEqual([]);
    expect(k).toBe(ours.length);
  });
});
