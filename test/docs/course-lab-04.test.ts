// Chapter 4's labs (docs/course/04-trap-and-emulate.md) run exactly as the chapter prints them, so the
// chapter cannot silently rot. Like course-labs.test.ts, it reads the chapter's marked blocks:
//   <!-- lab-run: NAME -->     a sh block holding one `npx vm370 vm run ...` command (run from the clone's top folder)
//   <!-- lab-expect: NAME -->  the exact output of that command

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { vmRun } from '../../src/cli/commands/vm.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHAPTER = join(ROOT, 'docs/course/04-trap-and-emulate.md');
const BIN = join(ROOT, 'bin/vm370.js');

const BLOCK = /<!-- lab-(run|expect): (\S+) -->[ \t]*\n(?:[ \t]*\n)*```[a-z]*\n([\s\S]*?)\n```/g;
const VM_RUN = /^npx vm370 vm run (.+)$/;

interface Lab {
  args: string[];
  expected?: string;
}

function parseChapter(): Map<string, Lab> {
  const labs = new Map<string, Lab>();
  for (const [, kind, name, body] of readFileSync(CHAPTER, 'utf8').matchAll(BLOCK)) {
    if (kind === 'expect') {
      const lab = labs.get(name!);
      if (!lab) throw new Error(`lab-expect ${name} comes before its lab-run`);
      lab.expected = body!;
      continue;
    }
    const lines = body!.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
    const m = lines.length === 1 ? VM_RUN.exec(lines[0]!) : null;
    if (!m) throw new Error(`lab ${name}: want exactly one 'npx vm370 vm run' line, got: ${lines.join(' / ')}`);
    labs.set(name!, { args: m[1]!.split(/\s+/) });
  }
  return labs;
}

/** Runs a lab through vmRun() and through the real command line; both must print the expected text. */
function runLab(labs: Map<string, Lab>, name: string, exitCode: number): void {
  const lab = labs.get(name);
  if (!lab) throw new Error(`no lab named ${name}`);
  if (lab.expected === undefined) throw new Error(`lab ${name} has no lab-expect block`);
  const [file, ...rest] = lab.args;
  expect(rest.filter((a) => a !== '--json' && !a.startsWith('--storage')), 'options the test passes on').toEqual([]);
  const direct = vmRun(join(ROOT, file!), {});
  expect(direct.stdout).toBe(lab.expected + '\n');
  expect(direct.code).toBe(exitCode);
  const cli = spawnSync(process.execPath, [BIN, 'vm', 'run', ...lab.args], { cwd: ROOT, encoding: 'utf8' });
  expect(cli.stderr).toBe('');
  expect(cli.stdout).toBe(lab.expected + '\n');
  expect(cli.status).toBe(exitCode);
}

describe('chapter 4: trap and emulate labs', () => {
  const labs = parseChapter();

  it('has the labs the chapter describes', () => {
    expect([...labs.keys()]).toEqual(['supervisor', 'stidp']);
  });

  it('supervisor: bare and under CP agree, with CP\'s intercepts counted (exit code 0)', () => {
    runLab(labs, 'supervisor', 0);
  });

  it('stidp: the CPU ID tells the program it is virtual (exit code 1)', () => {
    runLab(labs, 'stidp', 1);
  });
});
