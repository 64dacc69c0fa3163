// Program tests (docs/program-tests.md): every test/programs/*.assemble is assembled by our
// assembler, loaded as a core image into a bare machine, run to a disabled wait (or its *STOP AT
// address), and the machine compared with the *EXPECT cards of the file.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble, formatMessage } from '../../src/asm/index.ts';
import { parseProgramTest } from './expectations.ts';
import { checkExpectations, machineSummary, runProgram } from './runner.ts';

const DIR = import.meta.dirname;
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.assemble'))
  .sort();

/** The test name: the file name and its first comment card. */
function title(file: string, source: string): string {
  try {
    return `${file}: ${parseProgramTest(source).title}`;
  } catch {
    return file;
  }
}

describe('program tests', () => {
  it('there are program tests', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(20);
  });

  for (const file of FILES) {
    const source = readFileSync(join(DIR, file), 'utf8');
    it(title(file, source), () => {
      const test = parseProgramTest(source);
      const assembly = assemble(source, { file, date: new Date(Date.UTC(1979, 5, 1)) });
      const messages = assembly.messages.map((m) => formatMessage(m)).join('\n');
      expect(assembly.returnCode, `assembler return code ${assembly.returnCode} (allowed ${test.maxReturnCode}):\n${messages}`).toBeLessThanOrEqual(test.maxReturnCode);
      const run = runProgram(test, assembly);
      const mismatches = checkExpectations(test, assembly, run);
      expect(mismatches, `${file}\n${machineSummary(run)}\n${mismatches.join('\n')}`).toEqual([]);
    });
  }
});
