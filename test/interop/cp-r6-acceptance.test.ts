// The CP acceptance list against IBM's R6 CMS, end to end: `vm370 start --headless --r6` as a child
// process on a fresh data folder, s3270 over TN3270, CMSUSER's 191 prepared and read back with
// `vm370 cmsdisk`.
//
// Before CP starts: a first start creates the default system (and stops); CMSUSER's 191 is then
// gunzipped into DATA/dasd as CpSystem does on first use, and HELLO EXEC is put on it. After LOGON:
// STATE, a missing file, ERASE, the EXEC, a MODULE from the 192, CP QUERY TIME/VIRTUAL/USERID, an
// unknown command, LOGOFF. After CP stops: the 191 is listed again.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { cmsCommand, hasLine, READY, statusOf, waiting } from './helpers/cms-screen.ts';
import { haveProgram, S3270 } from './helpers/s3270.ts';

const ROOT = resolve(__dirname, '../..');
const R6 = resolve(ROOT, '../shared/vm370r6');
const CLI = join(ROOT, 'bin/vm370.js');
const ERASED = 'HELLO TEXT A1'; // on R6's cmsuser-191 (LISTINGS.txt)

let dataDir = '';
let cp: ChildProcess | null = null;
let cpLog = '';
let client: S3270 | null = null;

function cmsdisk(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, 'cmsdisk', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `vm370 start --headless --port 0`, resolving with the port it listens on. */
function startCp(): Promise<number> {
  const child = spawn(process.execPath, [CLI, 'start', '--headless', '--port', '0', '--data', dataDir, '--r6', R6], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cp = child;
  cpLog = '';
  return new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`vm370 start did not listen within 30 s:\n${cpLog}`)), 30_000);
    const onData = (d: Buffer) => {
      cpLog += d.toString();
      const m = /tn3270 server listening on [^\s]+:(\d+)/.exec(cpLog);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`vm370 start exited (${code}):\n${cpLog}`));
    });
  });
}

/**
 * SIGTERM, then SIGKILL if it lingers; resolves with how the process ended. (`vm370 start`
 * installs its SIGTERM handler only after the "listening" line, so a SIGTERM sent at once may end
 * it by the signal instead of exit code 0: both are a clean stop here.)
 */
async function stopCp(): Promise<string> {
  const child = cp;
  cp = null;
  if (!child) return 'not running';
  if (child.exitCode !== null || child.signalCode !== null) return `exited ${child.exitCode ?? child.signalCode}`;
  const gone = new Promise<string>((r) => child.once('exit', (code, signal) => r(code === 0 || signal === 'SIGTERM' ? 'stopped' : `ended ${code ?? signal}`)));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  const how = await gone;
  clearTimeout(timer);
  return how;
}

let image191 = '';

beforeAll(async () => {
  if (!haveProgram('s3270')) throw new Error('the interop suite needs s3270 (apt-get install s3270)');
  if (!existsSync(join(R6, 'CMS.segment')) || !existsSync(join(R6, 'cmsuser-191.ckd.gz'))) {
    throw new Error(`this test needs IBM VM/370 R6 CMS (CMS.segment, cmsuser-191.ckd.gz) in ${R6}: it is missing`);
  }
  dataDir = mkdtempSync(join(tmpdir(), 'vm370-r6-acceptance-'));
  // A first start creates the default system with the R6 disks, then stops.
  await startCp();
  expect(await stopCp()).toBe('stopped');
  const config = readFileSync(join(dataDir, 'system.json'), 'utf8');
  expect(config).toContain('cmsuser-191.ckd.gz');
  // CMSUSER's 191 as a scratch copy, where CpSystem gunzips it on first use.
  image191 = join(dataDir, 'dasd', 'cmsuser-191.ckd');
  writeFileSync(image191, gunzipSync(readFileSync(join(R6, 'cmsuser-191.ckd.gz'))));
  const exec = join(dataDir, 'hello.exec');
  writeFileSync(exec, '&TYPE HELLO FROM AN EXEC\n&EXIT 0\n');
  const put = cmsdisk('put', image191, exec, 'HELLO EXEC A1', '--recfm', 'F', '--lrecl', '80');
  expect(put.status, put.stderr).toBe(0);
  expect(put.stderr).toMatch(/^HELLO EXEC A1: F 80, 2 records, 1 blocks/);
}, 90_000);

afterAll(async () => {
  await client?.close();
  await stopCp();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('CP acceptance with IBM R6 CMS over TN3270 (s3270)', () => {
  it('logs on to CMSUSER, runs CMS and CP commands, logs off; the 191 keeps the changes', async () => {
    const port = await startCp();
    client = new S3270(['-model', '3278-2', '-codepage', 'cp037']);
    await client.must(`Connect(127.0.0.1:${port})`);
    await client.waitFor((s) => s[1]?.startsWith('VM/370 ONLINE') ?? false);
    await client.must('String("LOGON CMSUSER")');
    await client.must('Enter()');
    await client.waitFor((s) => hasLine(s, /^ENTER PASSWORD:/));
    await client.must('String("CMSUSER")');
    await client.must('Enter()');
    let screen = await client.waitFor((s) => hasLine(s, /^CMS VERSION 6\.0/) && waiting(statusOf(s)), 30_000);
    expect(hasLine(screen, /^LOGON AT \d\d:\d\d:\d\d GMT /)).toBe(true);
    expect(hasLine(screen, /^CMS VERSION 6\.0/)).toBe(true);

    // ENTER: PROFILE EXEC runs (its output may fill a screen).
    await client.must('Enter()');
    for (;;) {
      screen = await client.waitFor((s) => (waiting(statusOf(s)) && hasLine(s, READY)) || statusOf(s) === 'MORE...', 30_000);
      if (statusOf(screen) !== 'MORE...') break;
      await client.must('PA(2)');
      await client.waitFor((s) => statusOf(s) !== 'MORE...');
    }

    const log: string[][] = [];
    const run = async (line: string, until?: RegExp) => {
      const lines = await cmsCommand(client!, line, until);
      log.push(lines);
      return lines;
    };

    onTestFailed(() => console.log('CMS transcript:', log));

    let out = await run('STATE PROFILE EXEC');
    expect(out[0]).toBe('STATE PROFILE EXEC');
    expect(out.at(-1)).toMatch(/^Ready; T=/);

    out = await run('STATE NOSUCH FILE A');
    expect(out).toContain("DMSSTT002E File 'NOSUCH FILE A' not found.");
    expect(out.at(-1)).toMatch(/^Ready\(00028\); T=/);

    out = await run('STATE HELLO EXEC A');
    expect(out.at(-1)).toMatch(/^Ready; T=/);
    out = await run(`STATE ${ERASED}`);
    expect(out.at(-1)).toMatch(/^Ready; T=/);
    out = await run(`ERASE ${ERASED}`);
    expect(out.at(-1)).toMatch(/^Ready; T=/);
    out = await run(`STATE ${ERASED}`);
    expect(out).toContain(`DMSSTT002E File '${ERASED}' not found.`);
    expect(out.at(-1)).toMatch(/^Ready\(00028\); T=/);

    out = await run('HELLO');
    expect(out.slice(1)).toEqual(['HELLO FROM AN EXEC', expect.stringMatching(/^Ready; T=/)]);

    // A MODULE from CMSUSER's 192 (MECAFF's FSQRY): it asks for ENTER, then ends with RC 1.
    out = await run('FSQRY', /Please press ENTER/);
    expect(out.slice(1)).toEqual(['<{>}T Please press ENTER to cancel fullscreen operation']);
    out = await run('');
    expect(out.slice(-2)).toEqual([
      '** no fullscreen support on terminal (3270?, DIAG58?, MECAFF-console?)',
      expect.stringMatching(/^Ready\(00001\); T=/),
    ]);

    out = await run('CP QUERY TIME');
    expect(out.slice(1)).toEqual([
      expect.stringMatching(/^TIME IS \d\d:\d\d:\d\d GMT (MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY \d\d\/\d\d\/\d\d$/),
      expect.stringMatching(/^CONNECT= \d\d:\d\d:\d\d VIRTCPU= \d{3}:\d\d\.\d\d TOTCPU= \d{3}:\d\d\.\d\d$/),
      expect.stringMatching(/^Ready; T=/),
    ]);

    // CMSUSER's machine as the directory defines it: storage, console, unit record, the R6 disks.
    out = await run('CP QUERY VIRTUAL');
    expect(out[1]).toMatch(/^STORAGE = \d+K$/);
    expect(out).toContain('CONS 009 ON DEV 3215');
    for (const dev of ['RDR  00C', 'PUN  00D', 'PRT  00E']) expect(out.some((l) => l.startsWith(dev))).toBe(true);
    for (const disk of ['191', '192', '193', '194', '195']) expect(out.some((l) => new RegExp(`^DASD ${disk} 3350 \\S+ R/W +\\d+ CYL$`).test(l))).toBe(true);
    expect(out.some((l) => /^DASD 19D 3350 \S+ R\/O +\d+ CYL$/.test(l))).toBe(true);
    expect(out.at(-1)).toMatch(/^Ready; T=/);

    out = await run('CP QUERY USERID');
    expect(out.slice(1)).toEqual(['CMSUSER AT VM370', expect.stringMatching(/^Ready; T=/)]);

    // R6 CMS prints this itself (CP gave completion code 1) and reads again without a Ready line.
    out = await run('FOOBAR', /^Unknown CP\/CMS command$/);
    expect(out).toEqual(['FOOBAR', 'Unknown CP/CMS command']);

    await client.must('Clear()');
    await client.waitFor((s) => waiting(statusOf(s)));
    await client.must('String("#CP LOGOFF")');
    await client.must('Enter()');
    screen = await client.waitFor((s) => hasLine(s, /^LOGOFF AT \d\d:\d\d:\d\d GMT /), 30_000);
    expect(hasLine(screen, /^CONNECT= \d\d:\d\d:\d\d VIRTCPU= \d{3}:\d\d\.\d\d TOTCPU= \d{3}:\d\d\.\d\d$/)).toBe(true);
    await client.close();
    client = null;
    expect(await stopCp()).toBe('stopped');

    // The 191 as CMS left it: the erased file gone, the EXEC put before LOGON still there.
    const list = cmsdisk('list', image191);
    expect(list.status, list.stderr).toBe(0);
    const names = list.stdout.split('\n').filter((l) => l.trim() !== '').map((l) => l.split(/\s+/).slice(0, 2).join(' '));
    expect(names).not.toContain('HELLO TEXT');
    expect(names).toContain('HELLO EXEC');
    expect(names).toEqual(expect.arrayContaining(['PROFILE EXEC', 'HELLO C', 'TESTCMD MODULE', 'WORKLEN TESTFILE']));
    const gone = cmsdisk('list', image191, 'HELLO TEXT');
    expect(gone.status).toBe(1);
  });
});
