// s3270 over TN3270 against CP: LOGON CMSUSER with IBM's R6 CMS, STATE PROFILE EXEC, LOGOFF.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../src/cp/dispatcher.ts';
import { CpSystem } from '../../src/cp/system/cp-system.ts';
import { CpHost } from '../../src/cp/terminal/cp-host.ts';
import { Tn3270Server } from '../../src/term/tn3270-server.ts';
import { haveProgram, S3270 } from './helpers/s3270.ts';

const R6 = resolve(__dirname, '../../../shared/vm370r6');
let server: Tn3270Server;
let host: CpHost;
let dispatcher: Dispatcher;
let port = 0;
let dataDir = '';
const client = new S3270();

beforeAll(async () => {
  if (!haveProgram('s3270')) throw new Error('the interop suite needs s3270 (apt-get install s3270)');
  if (!existsSync(join(R6, 'CMS.segment'))) throw new Error(`this test needs IBM VM/370 R6 CMS in ${R6}: it is missing`);
  const system = CpSystem.open({ dataDir: (dataDir = mkdtempSync(join(tmpdir(), 'vm370-cp-interop-'))), r6Folder: R6, scrypt: { N: 1024, r: 8, p: 1 }, maxNewMinidiskCylinders: 1 });
  dispatcher = new Dispatcher();
  host = new CpHost(system, dispatcher, { failureDelayMs: 0, logoffDelayMs: 60_000, moreTimeoutMs: null });
  server = new Tn3270Server({ host, port: 0, negotiationTimeoutMs: 3_000 });
  port = (await server.listen()).port;
});

afterAll(async () => {
  await client.close();
  await server.close();
  host.close();
  dispatcher.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const status = (s: string[]) => s[23]!.slice(61).trim();
const has = (s: string[], re: RegExp) => s.some((l) => re.test(l.trimEnd()));
/** CMS waits for the user: VM READ, or on a 3270 RUNNING (R6 CMS reads after ENTER's attention). */
const waiting = (st: string) => st === 'VM READ' || st === 'RUNNING';

describe('s3270 and CP', () => {
  it('logs on to CMSUSER with R6 CMS, runs STATE PROFILE EXEC and logs off', async () => {
    await client.must(`Connect(127.0.0.1:${port})`);
    await client.waitFor((s) => s[1]?.startsWith('VM/370 ONLINE') ?? false);
    await client.must('String("LOGON CMSUSER")');
    await client.must('Enter()');
    await client.waitFor((s) => has(s, /^ENTER PASSWORD:/));
    await client.must('String("CMSUSER")');
    await client.must('Enter()');
    let screen = await client.waitFor((s) => has(s, /^CMS VERSION 6\.0/) && waiting(status(s)), 30_000);
    expect(has(screen, /^LOGON AT \d\d:\d\d:\d\d GMT /)).toBe(true);
    expect(has(screen, /^CMS VERSION 6\.0/)).toBe(true);
    await client.must('Enter()');
    screen = await client.waitFor((s) => waiting(status(s)) && has(s, /^Ready;/) || status(s) === 'MORE...', 30_000);
    if (status(screen) === 'MORE...') {
      await client.must('PA(2)');
      screen = await client.waitFor((s) => waiting(status(s)) && has(s, /^Ready;/), 30_000);
    }
    await client.must('Clear()');
    await client.waitFor((s) => waiting(status(s)));
    await client.must('String("STATE PROFILE EXEC")');
    await client.must('Enter()');
    screen = await client.waitFor((s) => has(s, /^STATE PROFILE EXEC/) && has(s, /^Ready;/), 30_000);
    await client.must('PA(1)');
    await client.waitFor((s) => status(s) === 'CP READ');
    await client.must('String("LOGOFF")');
    await client.must('Enter()');
    screen = await client.waitFor((s) => has(s, /^LOGOFF AT /), 30_000);
    expect(has(screen, /^CONNECT= \d\d:\d\d:\d\d VIRTCPU= \d{3}:\d\d\.\d\d TOTCPU= \d{3}:\d\d\.\d\d$/)).toBe(true);
    expect(host.users.size).toBe(0);
  });
});
