import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { register } from '../../src/cli/commands/asm.ts';
import { st } from './helpers.ts';

describe('vm370 asm', () => {
  let dir: string;
  let stderr: string[];
  let stdout: string[];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vm370-asm-'));
    stderr = [];
    stdout = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (stderr.push(String(s)), true));
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (stdout.push(String(s)), true));
  });

  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
    process.exitCode = 0;
  });

  async function run(...args: string[]): Promise<number> {
    const program = new Command().exitOverride();
    register(program);
    process.exitCode = 0;
    await program.parseAsync(['node', 'vm370', 'asm', ...args]);
    return Number(process.exitCode ?? 0);
  }

  it('writes the object deck, listing, core image and IPL deck; exit code 0', async () => {
    const src = join(dir, 'p.asm');
    writeFileSync(src, [st('P', 'START', "X'400'"), st('', 'BR', '14'), st('', 'END', 'P'), ''].join('\n'));
    const rc = await run(src, '--object', join(dir, 'p.obj'), '--list', join(dir, 'p.lst'), '--core', join(dir, 'p.bin'), '--ipl-deck', join(dir, 'p.ipl'));
    expect(rc).toBe(0);
    expect(readFileSync(join(dir, 'p.obj')).length % 80).toBe(0);
    expect(readFileSync(join(dir, 'p.lst'), 'utf8')).toContain('SOURCE STATEMENT');
    expect(readFileSync(join(dir, 'p.bin')).toString('hex')).toBe('07fe');
    expect(readFileSync(join(dir, 'p.ipl')).length).toBe(3 * 80);
    expect(stdout.join('')).toContain("2 bytes at X'000400', entry X'000400'");
    expect(stderr).toEqual([]);
  });

  it('without --list prints the messages to stderr; the exit code is the return code', async () => {
    const src = join(dir, 'bad.asm');
    writeFileSync(src, [st('', 'L', '1,NOWHERE'), st('', 'END'), ''].join('\n'));
    expect(await run(src)).toBe(8);
    expect(stderr.join('')).toBe(`${src}:1: IEV044 (8) UNDEFINED SYMBOL - NOWHERE\n`);
  });

  it('an unreadable file is a terminal error', async () => {
    expect(await run(join(dir, 'missing.asm'))).toBe(16);
    expect(stderr.join('')).toContain('cannot read');
  });
});
