// The processor against Hercules (Debian package `hercules`, 3.13, ARCHMODE S/370), instruction by
// instruction. For each instruction family, a seeded generator makes random single-instruction
// cases (operands leaning toward the edges); one core image runs them all under a small harness
// that records registers, FPRs, CC, program mask, any program interruption and the storage
// operands. The same image runs on Hercules and on our bare machine, and the results must agree
// byte for byte, but for the allowances in test/cpu/fixtures/hercules-differential/compare.ts.
// The committed fixtures (replayed by test/cpu/hercules-differential.test.ts) are checked against
// Hercules too.
//
// VM370_HERCULES_SEED and VM370_HERCULES_CASES choose other cases (defaults: seed 1979, 2500
// cases a family). Run by `npm run test:interop`; `npm test` does not need Hercules.

import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { runBare } from '../../src/cli/bare-machine.ts';
import { FAMILIES, type Family, familySeed, generateCases } from '../cpu/fixtures/hercules-differential/cases.ts';
import { type CaseComparison, compareTable, describeMismatch } from '../cpu/fixtures/hercules-differential/compare.ts';
import { type Fixture, caseInput, caseResult, fixtureImage, outcomeBytes } from '../cpu/fixtures/hercules-differential/fixture.ts';
import { LAYOUT, MAIN_STORAGE, buildImage, decodeOutput, maxCases, outputBytes, recordInput } from '../cpu/fixtures/hercules-differential/harness.ts';
import { runHarnessOnHercules } from './helpers/hercules.ts';

const SEED = Number(process.env.VM370_HERCULES_SEED ?? 1979);
const CASES = Number(process.env.VM370_HERCULES_CASES ?? 2500);

/** Storage from RECORDS to the end of the image, after our bare machine (`vm370 bare`) ran it. */
function onBareMachine(image: Uint8Array): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'vm370-bare-cpu-'));
  try {
    const file = join(dir, 'image.bin');
    writeFileSync(file, image);
    const length = image.length - LAYOUT.records;
    const result = runBare({
      loads: [{ file, address: 0 }],
      psw: Buffer.from(image.subarray(0, 8)).toString('hex'),
      maxInstructions: 100_000_000,
      dumps: [{ label: 'records', address: LAYOUT.records, length }],
      storageSize: MAIN_STORAGE,
    });
    // The disabled wait comes only after the last case.
    if (result.status !== 'wait' || !result.disabledWait) throw new Error(`our machine ended in ${result.status} ${result.reason ?? ''}`);
    return Uint8Array.from(Buffer.from(result.mem.records!, 'hex'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** At most `n` mismatches in full, then a count. */
function report(family: string, mismatches: CaseComparison[], n = 15): string[] {
  const lines = mismatches.slice(0, n).map((m) => describeMismatch(family, m));
  if (mismatches.length > n) lines.push(`... and ${mismatches.length - n} more`);
  return lines;
}

describe(`the processor against Hercules, ${CASES} random cases a family (seed ${SEED})`, () => {
  for (const family of FAMILIES) {
    it.concurrent(`${family.name}: ${family.mnemonics.join(' ')}`, async ({ expect }) => {
      const inputs = generateCases(family, familySeed(SEED, family), CASES);
      const compared: CaseComparison[] = [];
      // As many images as it takes, each a separate Hercules run.
      for (let first = 0; first < inputs.length; first += maxCases(family.workSize)) {
        const part = inputs.slice(first, first + maxCases(family.workSize));
        const image = buildImage(family.workSize, part.map((c) => recordInput(c, family.workSize)));
        const hercules = await runHarnessOnHercules(image);
        const ours = onBareMachine(image);
        for (const c of compareTable(part, family.workSize, hercules, ours)) compared.push({ ...c, index: c.index + first });
      }
      // One line a family for the log: how the cases ended on Hercules, which allowances applied.
      console.log(summary(family, compared));
      expect(report(family.name, compared.filter((c) => c.differences.length > 0))).toEqual([]);
    }, 120_000);
  }
});

function summary(family: Family, compared: CaseComparison[]): string {
  const ended: Record<string, number> = {};
  const allowed: Record<string, number> = {};
  for (const c of compared) {
    // Interruption codes above X'13' can only be SVC numbers.
    const code = parseInt(c.hercules.programOldPsw.slice(4, 8), 16);
    const e = c.hercules.pathWord === 3 ? (code > 0x13 ? 'SVC' : `code ${code.toString(16)}`) : c.hercules.pathWord === 2 ? 'branched' : 'next';
    ended[e] = (ended[e] ?? 0) + 1;
    for (const a of c.allowances) allowed[a] = (allowed[a] ?? 0) + 1;
  }
  const mismatched = compared.filter((c) => c.differences.length > 0).length;
  return `${family.name}: ${compared.length} cases, ${mismatched} mismatched; ended ${JSON.stringify(ended)}; allowances ${JSON.stringify(allowed)}`;
}

describe('the committed fixtures are what Hercules does', () => {
  const dir = new URL('../cpu/fixtures/hercules-differential/', import.meta.url);
  const fixtures = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as Fixture);

  for (const f of fixtures) {
    it.concurrent(`${f.family}: ${f.cases.length} cases`, async ({ expect }) => {
      const hercules = await runHarnessOnHercules(fixtureImage(f));
      const changed = f.cases
        .map((c, i) => ({ c, i, now: decodeOutput(outputBytes(hercules, f.workSize, i), f.workSize) }))
        .filter(({ c, now }) => outcomeBytes(now, f.workSize) !== outcomeBytes(caseResult(f, c), f.workSize))
        .map(({ c, i }) => `#${i} ${c.name} ${caseInput(f, c).instruction}`);
      expect(changed).toEqual([]);
    }, 120_000);
  }
});
