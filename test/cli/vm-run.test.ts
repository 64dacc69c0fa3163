// `vm370 vm run`: exit code 0 when the bare machine and the virtual machine agree, 1 when they
// differ, 2 on bad input (src/cli/commands/vm.ts, src/cp/vm/compare-run.ts).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { assemble, iplDeck } from '../../src/asm/index.ts';
import { vmRun, VmRunExit } from '../../src/cli/commands/vm.ts';
import { compareRun } from '../../src/cp/vm/compare-run.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin/vm370.js');
const SUPERVISOR = join(ROOT, 'docs/course/labs/supervisor.asm');
const STIDP = join(ROOT, 'docs/course/labs/stidp.asm');

const dir = mkdtempSync(join(tmpdir(), 'vm370-vm-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vm370 vm run', () => {
  it('exit code 0: the DAT supervisor gives the same result bare and under CP', () => {
    const out = vmRun(SUPERVISOR, {});
    expect(out.stderr).toBe('');
    expect(out.code).toBe(VmRunExit.agree);
    expect(out.stdout).toContain('the two runs agree');
    expect(out.stdout).toMatch(/CP simulated \d+ privileged instructions: LPSW 7, /);
  });

  it('exit code 1: STIDP tells the program it runs in a virtual machine, so storage differs', () => {
    const out = vmRun(STIDP, {});
    expect(out.code).toBe(VmRunExit.differ);
    expect(out.stdout).toContain("storage:         different: 2 bytes, the first at X'000418'");
    expect(out.stdout).toContain('STIDP 1');
  });

  it('a binary IPL deck is run as it is', () => {
    const asm = assemble(
      ['T        START X\'400\'', '         LA    1,5', '         LPSW  X\'410\'', '         ORG   T+X\'10\'', '         DC    X\'000200000000ABCD\'', '         END   T'].join('\n'),
      { file: 'T' },
    );
    expect(asm.returnCode).toBe(0);
    const file = join(dir, 'add.deck');
    writeFileSync(file, iplDeck(asm.core));
    const out = vmRun(file, { json: true });
    expect(out.code).toBe(VmRunExit.agree);
    const json = JSON.parse(out.stdout);
    expect(json.bare.psw).toBe('000200000000abcd');
    expect(json.vm.gpr[1]).toBe('00000005');
    expect(json.privileged).toEqual({ LPSW: 1 });
  });

  it('exit code 1 when a run does not reach a disabled wait', () => {
    const result = compareRun({ deck: iplDeck(assemble('L START X\'400\'\n B L\n END L', { file: 'L' }).core), maxInstructions: 1000 });
    expect(result.bare.status).toBe('limit');
    expect(result.agree).toBe(false);
  });

  it('exit code 2: a missing file, a deck that is not whole cards, a bad storage size, source that does not assemble', () => {
    const bad = join(dir, 'bad.bin');
    writeFileSync(bad, 'seven b');
    const broken = join(dir, 'broken.asm');
    writeFileSync(broken, ' START 0\n NOSUCHOP 1,2\n END\n');
    expect(vmRun(join(dir, 'missing.asm'), {}).code).toBe(VmRunExit.usage);
    expect(vmRun(bad, {}).code).toBe(VmRunExit.usage);
    expect(vmRun(SUPERVISOR, { storage: 'lots' }).code).toBe(VmRunExit.usage);
    expect(vmRun(broken, {}).code).toBe(VmRunExit.usage);
  });

  it('the command line gives the same exit codes', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'vm', 'run', ...args], { cwd: ROOT, encoding: 'utf8' });
    const agree = run(SUPERVISOR);
    expect(agree.status).toBe(0);
    expect(agree.stdout).toContain('the two runs agree');
    expect(run(STIDP).status).toBe(1);
    const usage = run(join(dir, 'missing.deck'));
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^vm370 vm run: cannot read/);
  });
});
