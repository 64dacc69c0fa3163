// `vm370 cmsdisk`: the commands, their output and their exit codes.

import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { register } from '../../../src/cli/commands/cmsdisk.ts';
import { gunzipImage, r6Image, requireR6, scratch, sha256, type Scratch } from './r6.ts';

requireR6();

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../../bin/vm370.js');

let tmp: Scratch;
let image201: string;

beforeAll(() => {
  tmp = scratch();
  image201 = tmp.file('gcccms-201.ckd', gunzipImage('gcccms-201'));
});
afterAll(() => tmp.remove());
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `vm370 cmsdisk ...` in this process. */
async function cmsdisk(...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (out.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1')), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (err.push(String(chunk)), true));
  const program = new Command().exitOverride();
  register(program);
  program.commands.forEach((c) => c.exitOverride());
  process.exitCode = undefined;
  let code = 0;
  try {
    await program.parseAsync(['node', 'vm370', 'cmsdisk', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    code = (e as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  } finally {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('vm370 cmsdisk', () => {
  it('list reads a .ckd.gz directly: LISTFILE lines with the label; patterns; --mode; --exec', async () => {
    const all = await cmsdisk('list', r6Image('cmsuser-191'), '* * *', '--mode', 'a');
    expect(all.code).toBe(0);
    expect(all.stdout.split('\n')[0]).toBe('WORKLEN  TESTFILE A1  F    80    102     11  03/13/18   22:08  CMS191');
    expect(all.stdout.split('\n').length).toBe(10);
    const execs = await cmsdisk('list', r6Image('cmsuser-191'), '* EXEC', '--exec', '--mode', 'A');
    expect(execs.stdout).toBe(
      [
        ' &1 &2 PROFILE  EXEC      A1  V    57     13      1 08/01/10   16:40',
        ' &1 &2 TESTBLKS EXEC      A1  F    80      7      1 12/05/14   13:32',
        ' &1 &2 CMS      EXEC      A1  F    80      8      1 05/26/19   11:02',
        '',
      ].join('\n'),
    );
    const stored = await cmsdisk('list', r6Image('gcccms-201'), 'ST%%%% H');
    expect(stored.stdout.split('\n').filter((l) => l).map((l) => l.slice(0, 20))).toEqual(['STDARG   H        P1', 'STDDEF   H        P1', 'STDLIB   H        P1', 'STRING   H        P1']);
    expect((await cmsdisk('list', r6Image('gcccms-201'), 'NOSUCH *')).code).toBe(1);
  });

  it('info shows the counters', async () => {
    const run = await cmsdisk('info', r6Image('maint-19d'), '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ label: 'MNT19D', total: 39_900, used: 4800, left: 35_100, last: 599, files: 374, qmskBlocks: [4632, 4633, 4635, 4637, 4640, 4680] });
  });

  it('get prints text or writes a host file; --binary gives the records', async () => {
    const run = await cmsdisk('get', r6Image('cmsuser-191'), 'profile exec a');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('&CONTROL OFF NOMSG');
    const out = tmp.path('hello.c');
    expect((await cmsdisk('get', r6Image('cmsuser-191'), 'HELLO C A1', out, '--codepage', '1047')).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('char * argv[]');
    const binary = await cmsdisk('get', r6Image('cmsuser-191'), 'HELLO TEXT', '--binary');
    expect(binary.stdout.length).toBe(9 * 80);
    expect((await cmsdisk('get', r6Image('cmsuser-191'), 'NOSUCH FILE')).code).toBe(1);
    expect((await cmsdisk('get', r6Image('cmsuser-191'), 'ONLYNAME')).code).toBe(2);
  });

  it('put, list, get and erase on an uncompressed copy; exit codes for exists, usage and corrupt', async () => {
    const path = tmp.path('work.ckd');
    copyFileSync(image201, path);
    const before = sha256(path);
    const host = tmp.file('notes.txt', 'one\ntwo\nthree\n');
    const put = await cmsdisk('put', path, host, 'NOTES SCRIPT B2', '--recfm', 'v');
    expect(put.code).toBe(0);
    expect(put.stderr).toMatch(/^NOTES SCRIPT B2: V 5, 3 records, 1 blocks/);
    expect((await cmsdisk('get', path, 'NOTES SCRIPT')).stdout).toBe('one\ntwo\nthree\n');
    expect((await cmsdisk('list', path, 'NOTES * *')).stdout).toMatch(/^NOTES    SCRIPT   B2  V     5      3      1 /);
    expect((await cmsdisk('put', path, host, 'NOTES SCRIPT B2')).code).toBe(5);
    expect((await cmsdisk('put', path, host, 'NOTES SCRIPT B2', '--replace', '--lrecl', '3')).code).toBe(2);
    expect((await cmsdisk('put', path, host, 'NOTES SCRIPT', '--recfm', 'U')).code).toBe(2);
    expect((await cmsdisk('put', r6Image('gcccms-201'), host, 'NOTES SCRIPT')).code).toBe(2);
    expect((await cmsdisk('put', path, tmp.path('missing.txt'), 'NOTES SCRIPT')).code).toBe(6);
    expect((await cmsdisk('erase', path, 'NOTES SCRIPT B')).code).toBe(0);
    expect((await cmsdisk('erase', path, 'NOTES SCRIPT B')).code).toBe(1);
    expect(sha256(path)).not.toBe(before); // the freed blocks keep their old bytes
    expect((await cmsdisk('info', path, '--json')).stdout).toBe((await cmsdisk('info', image201, '--json')).stdout);
    const junk = tmp.file('junk.ckd', 'CKD_P370 but far too short');
    const bad = await cmsdisk('list', junk);
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/junk\.ckd/);
  });

  it('format makes a disk that put and get use', async () => {
    const path = tmp.path('fresh.ckd');
    expect((await cmsdisk('format', path, '--label', 'fresh1', '--cyls', '2')).code).toBe(0);
    expect((await cmsdisk('format', tmp.path('nocyls.ckd'), '--label', 'X')).code).toBe(2);
    expect((await cmsdisk('format', tmp.path('badtype.ckd'), '--label', 'X', '--type', '2314', '--cyls', '1')).code).toBe(2);
    const host = tmp.file('deck.txt', 'CARD 1\nCARD 2\n');
    expect((await cmsdisk('put', path, host, 'DECK DATA A1')).code).toBe(0);
    expect((await cmsdisk('list', path)).stdout).toMatch(/^DECK     DATA     A1  F    80      2      1  \d\d\/\d\d\/\d\d +\d+:\d\d  FRESH1\n$/);
    expect((await cmsdisk('get', path, 'DECK DATA')).stdout).toBe('CARD 1\nCARD 2\n');
  });

  it('is wired into the vm370 command line (usage errors exit 2)', () => {
    const ok = spawnSync(process.execPath, [BIN, 'cmsdisk', 'list', r6Image('gcccms-202'), 'STDIO H'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('STDIO    H        P1  V   100    673     70  07/25/10    8:24  GCC202\n');
    const usage = spawnSync(process.execPath, [BIN, 'cmsdisk', 'get'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
  });
});
