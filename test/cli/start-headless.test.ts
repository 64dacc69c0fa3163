// `vm370 start --headless` (src/cli/commands/start.ts): the system console is stdin/stdout. A line
// on stdin is a CP command as OPERATOR, CP's lines come on stdout, the log on stderr; SHUTDOWN ends
// the process with exit code 0; the end of stdin does not stop the system, SIGTERM does.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin/vm370.js');
const dir = mkdtempSync(join(tmpdir(), 'vm370-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when the stream's text matches (rejects if the process ends first). */
  waitFor: (stream: 'stdout' | 'stderr', pattern: RegExp) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(dataDir: string): Run {
  const child = spawn(process.execPath, [BIN, 'start', '--headless', '--data', dataDir, '--port', '0'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  const text = { stdout: '', stderr: '' };
  const waiters: Array<() => void> = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    text.stdout += d;
    for (const w of [...waiters]) w();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    text.stderr += d;
    for (const w of [...waiters]) w();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  const waitFor = (stream: 'stdout' | 'stderr', pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(text[stream])) {
          waiters.splice(waiters.indexOf(check), 1);
          resolve();
        }
      };
      waiters.push(check);
      void exited.then(() => {
        if (!pattern.test(text[stream])) reject(new Error(`the process ended before ${stream} showed ${pattern}:\n${text.stdout}\n${text.stderr}`));
      });
      check();
    });
  return { child, stdout: () => text.stdout, stderr: () => text.stderr, waitFor, exited };
}

describe('vm370 start --headless', () => {
  it('a CP command typed on stdin is answered on stdout; SHUTDOWN ends the process with exit code 0', async () => {
    const run = start(join(dir, 'a'));
    await run.waitFor('stdout', /DMKCPI966I INITIALIZATION COMPLETE\n/);
    expect(run.stdout()).toMatch(/^VM\/370 RELEASE 6 /);
    expect(run.stdout()).toMatch(/\d\d:\d\d:\d\d AUTO LOGON \*\*\* {2}OPERATOR USERS = 001 BY SYSTEM\n/);
    await run.waitFor('stderr', /tn3270 server listening on 127\.0\.0\.1:\d+/);
    run.child.stdin.write('QUERY NAMES\n');
    await run.waitFor('stdout', /OPERATOR +- SYSC/);
    run.child.stdin.write('SHUTDOWN\n');
    const { code } = await run.exited;
    expect(code).toBe(0);
    expect(run.stdout().trimEnd().split('\n').slice(-2)).toEqual(['DMKCKP960I SYSTEM WARM START DATA SAVED', 'DMKCKP961W SYSTEM SHUTDOWN COMPLETE']);
    // The log stays on stderr.
    expect(run.stdout()).not.toContain('tn3270 server listening');
  }, 90_000);

  it('the end of stdin does not stop the system; SIGTERM shuts it down (exit code 0)', async () => {
    const run = start(join(dir, 'b'));
    await run.waitFor('stdout', /DMKCPI966I INITIALIZATION COMPLETE\n/);
    run.child.stdin.end();
    await run.waitFor('stderr', /stdin closed; the system runs on/);
    expect(run.child.exitCode).toBeNull();
    run.child.kill('SIGTERM');
    const { code } = await run.exited;
    expect(code).toBe(0);
    expect(run.stdout()).toContain('DMKCKP961W SYSTEM SHUTDOWN COMPLETE');
  }, 90_000);

  it('--help documents the options, the operator console and the screen keys', async () => {
    const child = spawn(process.execPath, [BIN, 'start', '--help'], { cwd: ROOT });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(0);
    for (const option of ['--headless', '--data', '--port', '--bind', '--model', '--mono', '--r6', '--cold', '--warm', '--demo']) expect(out).toContain(option);
    expect(out).toContain('SHUTDOWN');
    expect(out).toContain('Ctrl-A o');
  }, 60_000);
});
