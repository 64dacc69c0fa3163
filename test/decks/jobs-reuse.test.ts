// `vm370 deck run --data DIR` on a running system: a system started as `vm370 start` starts it (real
// time, the real printer and punch started) with its control socket DIR/vm370.sock; decks sent there
// run on its batch users and give byte for byte the expected output of decks/jobs, through the
// client function and through the CLI. Garbage on the socket is answered with an error and the
// system answers on.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDiskFiles } from '../../src/cms/disks.ts';
import { installOurCms } from '../../src/cms/install.ts';
import { CONTROL_SOCKET, openControlSocket, socketAnswers, type ControlSocket } from '../../src/cp/operator/control-socket.ts';
import { startSystem, type RunningSystem } from '../../src/cp/operator/system-start.ts';
import { prepareBatchSystem, readExpected, runDecksOn, runDecksRemote, type DeckInput } from '../../src/decks/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const JOBS = join(ROOT, 'decks/jobs');

const deck = (file: string): DeckInput => {
  const path = join(JOBS, file);
  const expected = readExpected(path);
  return { name: file, path, expectPrinter: expected.printer, expectPunch: expected.punch };
};

/** Sends raw text on the socket; resolves with every line the system answers before it closes. */
function exchange(path: string, text: string): Promise<string[]> {
  return new Promise((done, fail) => {
    const socket = createConnection(path);
    let got = '';
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(text));
    socket.on('data', (chunk: string) => (got += chunk));
    socket.on('error', fail);
    socket.on('close', () => done(got.split('\n').filter((l) => l !== '')));
  });
}

/** vm370 run as a child process (asynchronously: the system answering it is in this process). */
function vm370(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/vm370.js'), ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

describe('vm370 deck run on a running system (the control socket)', () => {
  let dir: string;
  let running: RunningSystem;
  let control: ControlSocket;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vm370-reuse-'));
    prepareBatchSystem(dir, 4);
    // A socket file left by a system that was killed: replaced.
    writeFileSync(join(dir, CONTROL_SOCKET), 'stale');
    // As `vm370 start`: the system's own clock (real time), the real printer and punch started.
    running = await startSystem({
      dataDir: dir,
      port: null,
      systemOptions: { scrypt: { N: 1024, r: 8, p: 1 }, savedSystems: (nss) => installOurCms(nss), systemFiles: () => systemDiskFiles() },
    });
    control = await openControlSocket(running, dir, running.cp.logger);
  }, 120_000);

  afterAll(async () => {
    await control?.close();
    await running?.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the system listens on DATA/vm370.sock once it is up (a stale socket file is replaced)', async () => {
    expect(control.path).toBe(join(dir, CONTROL_SOCKET));
    expect(await socketAnswers(control.path)).toBe(true);
  });

  it('decks sent to the running system give the expected printer and punch output of decks/jobs', async () => {
    const seen: string[] = [];
    const summary = await runDecksRemote(control.path, [deck('hello.job'), deck('execjob.job')], { jobs: 2, timeoutSeconds: 60, onResult: (r) => seen.push(r.deck) });
    for (const r of summary.results) {
      expect(r.message ?? '', r.deck).toBe('');
      expect(r.diff, r.deck).toBe('');
      expect(r.status, r.deck).toBe('passed');
      expect(r.user).toMatch(/^BATCH[12]$/);
    }
    expect(summary.results.map((r) => r.deck)).toEqual(['hello.job', 'execjob.job']);
    expect(seen.sort()).toEqual(['execjob.job', 'hello.job']);
    // The batch machines are gone and left nothing in the spool; the real printer printed none of it.
    expect(running.cp.user('BATCH1')).toBeUndefined();
    expect(running.cp.spool.list('PRT', 'BATCH1')).toEqual([]);
  }, 120_000);

  it('a malformed deck is told by the client; a control card error by the system', async () => {
    const summary = await runDecksRemote(control.path, [{ name: 'long', text: `${'X'.repeat(81)}\n` }, { name: 'bad', text: '/JOB BAD\n/NOSUCH\n' }]);
    expect(summary.results.map((r) => r.status)).toEqual(['malformed', 'malformed']);
    expect(summary.results[1]!.message).toBe('bad: card 2: unknown control card /NOSUCH');
  }, 60_000);

  it('garbage on the socket gets an error and the connection closes; the system answers on', async () => {
    expect(JSON.parse((await exchange(control.path, 'this is not json\n'))[0]!).error).toMatch(/^not JSON/);
    expect(await exchange(control.path, '{"decks": []}\n')).toEqual(['{"error":"\\"decks\\" must be a non-empty array"}']);
    expect(JSON.parse((await exchange(control.path, '{"decks":[{"name":"x","cards":["AAAA"]}]}\n'))[0]!).error).toBe('deck 1: card 1 is not 80 bytes of base64');
    expect(JSON.parse((await exchange(control.path, '[1,2]\n'))[0]!).error).toBe('the request is not a JSON object');
    // A client that goes away in the middle of its line.
    await new Promise<void>((done) => {
      const s = createConnection(control.path);
      s.on('connect', () => s.write('{"decks":', () => s.destroy()));
      s.on('close', () => done());
    });
    expect(await socketAnswers(control.path)).toBe(true);
    const summary = await runDecksRemote(control.path, [{ name: 'after', text: '/JOB AFTER\n/PUNCH\nSTILL HERE\n/END\n', expectPunch: 'STILL HERE\n' }]);
    expect(summary.results[0]!.status).toBe('passed');
  }, 60_000);

  it('a system without the batch users asked for tells so in an error result', async () => {
    const { results } = await runDecksOn(running, [{ name: 'x', text: '/JOB X\n/END\n' }], { users: ['NOBATCH'], shared: true });
    expect(results[0]!.status).toBe('error');
    expect(results[0]!.message).toContain('no user NOBATCH');
  });

  it("a batch user someone has logged on is left alone: the decks go to the others, or wait for it", async () => {
    const someone = running.cp.logon('BATCH1', null, { noIpl: true });
    expect(Array.isArray(someone)).toBe(false);
    try {
      const deckOf = (name: string) => ({ name, text: `/JOB ${name}\n/PUNCH\n${name} CARD\n/END\n`, expectPunch: `${name} CARD\n` });
      const other = await runDecksOn(running, [deckOf('ONE'), deckOf('TWO')], { users: ['BATCH1', 'BATCH2'], shared: true });
      expect(other.results.map((r) => [r.status, r.user])).toEqual([['passed', 'BATCH2'], ['passed', 'BATCH2']]);
      const waited = await runDecksOn(running, [deckOf('THREE')], { users: ['BATCH1'], shared: true, timeoutSeconds: 1 });
      expect(waited.results[0]!.status).toBe('error');
      expect(waited.results[0]!.message).toBe('no batch user of BATCH1 became free within 1 seconds');
      expect(running.cp.user('BATCH1')).toBe(someone);
    } finally {
      if (!Array.isArray(someone)) running.cp.logoff(someone);
    }
  }, 60_000);

  it('vm370 deck run --data DIR uses the running system; --json reports as always; --no-reuse refuses its folder', async () => {
    const run = await vm370('deck', 'run', '--data', dir, join(JOBS, 'hello.job'), join(JOBS, 'sort.job'));
    expect(run.stderr).toContain(`using the running system in ${dir}`);
    expect(run.stdout).toMatch(/PASSED {4}.*hello\.job \(HELLO on BATCH\d, /);
    expect(run.stdout).toMatch(/2 decks: 2 passed;/);
    expect(run.status).toBe(0);
    const json = await vm370('deck', 'run', '--data', dir, '--json', join(JOBS, 'hello.job'));
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout.trim()).status).toBe('passed');
    // A system of its own on a data folder a system is running in: refused (they would share the spool).
    const own = await vm370('deck', 'run', '--no-reuse', '--data', dir, join(JOBS, 'hello.job'));
    expect(own.status).toBe(2);
    expect(own.stderr).toContain(`a system is running in ${dir}: --no-reuse needs another --data folder`);
  }, 120_000);
});
