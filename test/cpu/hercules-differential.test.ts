// The differential test against Hercules, replayed without Hercules: each fixture in
// fixtures/hercules-differential/ holds a core image of single-instruction cases (one instruction
// family per file) and the results Hercules 3.13 left in S/370 mode. Our processor runs the same
// image, and every case's output — registers, FPRs, CC, program mask, how it ended, the program
// old PSW, and the storage operands — must match byte for byte, but for the allowances in
// compare.ts (where the manual leaves a result to the model, or Hercules departs from it).
//
// The interop suite (test/interop/hercules-cpu.test.ts) runs many more random cases on a live
// Hercules; fixtures/hercules-differential/generate.ts rewrites these fixtures.

import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPCODES } from '../../src/cpu/opcodes.ts';
import { FAMILIES } from './fixtures/hercules-differential/cases.ts';
import { compareCase, describeMismatch } from './fixtures/hercules-differential/compare.ts';
import { type Fixture, caseInput, caseResult, fixtureImage } from './fixtures/hercules-differential/fixture.ts';
import { decodeOutput, lowCore, outputBytes, runOurs } from './fixtures/hercules-differential/harness.ts';

const DIR = new URL('./fixtures/hercules-differential/', import.meta.url);
const fixtures: Fixture[] = readdirSync(DIR)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as Fixture);

/**
 * Cases where our processor is known to differ from Hercules and the manual sides with Hercules:
 * family -> case labels ("#index NAME"). The test asserts the mismatches are exactly these, so a
 * fix (or a new difference) shows up. None are known.
 */
const OPEN_DEVIATIONS: Record<string, string[]> = {};

describe('Hercules differential fixtures', () => {
  it('cover every instruction family the generator knows', () => {
    expect(fixtures.map((f) => f.family).sort()).toEqual(FAMILIES.map((f) => f.name).sort());
  });

  it('cover every problem-state instruction but the clock (STCK) and the key-changing SPKA', () => {
    const seen = new Set<number>();
    for (const f of fixtures) {
      for (const c of f.cases) {
        const input = caseInput(f, c);
        const first = parseInt(input.instruction.slice(0, 2), 16);
        seen.add(first === 0xb2 ? parseInt(input.instruction.slice(0, 4), 16) : first);
        // The targets of EXECUTE count too: they lie at the start of WORK.
        if (first === 0x44) seen.add(input.work[0]!).add(input.work[8]!);
      }
    }
    const missing = OPCODES.filter((e) => !e.privileged && !seen.has(e.opcode)).map((e) => e.mnemonic);
    expect(missing.sort()).toEqual(['SPKA', 'STCK']);
  });

  for (const f of fixtures) {
    it(`${f.family}: the program is the harness the generator builds`, () => {
      const expected = Buffer.from(lowCore(f.workSize, f.cases.length)).toString('hex').replace(/(00)+$/, '');
      expect(f.lowCore).toBe(expected);
    });

    it(`${f.family}: ${f.cases.length} cases give Hercules' results`, () => {
      const image = fixtureImage(f);
      const ours = runOurs(image);
      // The disabled wait comes only after the last case.
      expect(ours.status).toBe('wait');
      const mismatches = f.cases
        .map((c, i) => compareCase(i, caseInput(f, c), caseResult(f, c), decodeOutput(outputBytes(ours.records, f.workSize, i), f.workSize), f.workSize))
        .filter((c) => c.differences.length > 0);
      const labels = mismatches.map((m) => `#${m.index} ${m.input.name}`);
      const known = OPEN_DEVIATIONS[f.family] ?? [];
      expect(labels, mismatches.map((m) => describeMismatch(f.family, m)).join('\n\n')).toEqual(known);
    });
  }
});
