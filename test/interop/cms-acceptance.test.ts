// The CMS acceptance list of issue 8, end to end: on a fresh data folder the system starts as
// `npm start` starts it (startSystem with our CMS installed from cms/ and the system disks'
// files, the TN3270 server on a free port), and s3270 logs on over TN3270.
//
// GUEST: CMS IPLs (the banner, VM READ); EDIT (display mode on the 3270) creates a file with
// INPUT and FILE; LISTFILE lists it; EDIT writes HELLO ASSEMBLE, ASSEMBLE, LOAD and START run it
// (HELLO, WORLD), GENMOD makes it a command; CP SPOOL PUNCH TO CMSUSER and PUNCH send a file to
// CMSUSER, who logs on (a second s3270) and READCARDs it; an EXEC written with EDIT runs (and
// calls the MODULE); both LOGOFF. Formats: CMS User's Guide R6 (GC20-1819), CMS Command and Macro
// Reference R6 (GC20-1818).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { systemDiskFiles } from '../../src/cms/disks.ts';
import { installOurCms } from '../../src/cms/install.ts';
import { startSystem, type RunningSystem } from '../../src/cp/operator/system-start.ts';
import { cmsCommand, hasLine, statusOf } from './helpers/cms-screen.ts';
import { haveProgram, S3270 } from './helpers/s3270.ts';

/** Our CMS's Ready message: `R;` or `R(nnnnn);`, CPU times, the time of day (GC20-1819, "The Ready message"). */
const READY = /^R(\(-?\d{5}\))?; T=\d+\.\d\d\/\d+\.\d\d \d\d:\d\d:\d\d$/;
const READY_OK = /^R; T=/;

let dataDir = '';
let running: RunningSystem | null = null;
/** CP's log (the CMS build's notes among them), shown when the test fails. */
const cpLog: string[] = [];
const clients: S3270[] = [];

beforeAll(async () => {
  if (!haveProgram('s3270')) throw new Error('the interop suite needs s3270 (apt-get install s3270)');
  dataDir = mkdtempSync(join(tmpdir(), 'vm370-cms-acceptance-'));
  running = await startSystem({
    dataDir,
    port: 0,
    logger: { info: (m) => cpLog.push(m), warn: (m) => cpLog.push(`WARNING ${m}`) },
    // As src/cli/commands/start.ts: our CMS built from cms/ into DATA/nss, the help files on 19D.
    systemOptions: { savedSystems: (nss) => installOurCms(nss), systemFiles: () => systemDiskFiles() },
  });
  // A cms/ source that does not assemble is only logged by the start: here it is a failure.
  expect(cpLog.join('\n')).not.toMatch(/our CMS does not build/);
}, 180_000);

afterAll(async () => {
  for (const c of clients) await c.close();
  await running?.shutdown();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

/** A terminal logged on to `userid`, with CMS IPLed and waiting in VM READ after the banner. */
async function logon(userid: string, password: string): Promise<{ client: S3270; banner: string[] }> {
  const client = new S3270(['-model', '3278-2', '-codepage', 'cp037']);
  clients.push(client);
  await client.must(`Connect(127.0.0.1:${running!.listening!.port})`);
  await client.waitFor((s) => s[1]?.startsWith('VM/370 ONLINE') ?? false);
  await client.must(`String("LOGON ${userid}")`);
  await client.must('Enter()');
  await client.waitFor((s) => hasLine(s, /^ENTER PASSWORD:/));
  await client.must(`String("${password}")`);
  await client.must('Enter()');
  const banner = await client.waitFor((s) => statusOf(s) === 'VM READ', 60_000);
  return { client, banner };
}

/** Runs lines in a transcript; each returns the output lines (echo first). */
function transcript(client: S3270, log: string[][]) {
  return async (line: string, until?: RegExp): Promise<string[]> => {
    const out = await cmsCommand(client, line, until ?? READY, 60_000);
    log.push(out);
    return out;
  };
}

/**
 * EDIT creates `fileid`: INPUT, the lines one at a time, a null line, FILE. On a 3270, R6's EDIT is
 * in display mode (CMS User's Guide R6, EDIT on a display terminal): the screen is the file around
 * the current line under a header with the file id, SIZE n and the mode (EDIT: or INPUT:); in line
 * mode the editor types NEW FILE:, EDIT: and INPUT: as lines. Both are accepted here, each step
 * waiting for what its mode must show. Returns the lines CMS typed after FILE (Ready last).
 */
async function editNewFile(client: S3270, fileid: string, lines: readonly string[], log: string[][]): Promise<string[]> {
  const [fn, ft] = fileid.split(' ');
  const header = (size: number, mode: 'EDIT:' | 'INPUT:') => new RegExp(`^${fn} +${ft} +A .*SIZE ${size} .* ${mode}$`);
  const outputArea = (s: string[]) => s.slice(0, 22).map((l) => l.trimEnd()).filter((l) => l !== '');
  const enter = async (line: string, done: (s: string[]) => boolean): Promise<string[]> => {
    await client.must(`String(${JSON.stringify(line)})`);
    await client.must('Enter()');
    const screen = await client.waitFor((s) => statusOf(s) === 'VM READ' && done(s), 30_000);
    log.push([line, ...outputArea(screen).slice(-3)]);
    return screen;
  };
  const escape = (text: string) => text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  const last = (s: string[]) => outputArea(s).at(-1) ?? '';
  await client.must('Clear()');
  await client.waitFor((s) => statusOf(s) === 'VM READ' && outputArea(s).length === 0);
  const first = await enter(`EDIT ${fileid}`, (s) => header(0, 'EDIT:').test((s[0] ?? '').trimEnd()) || last(s) === 'EDIT:');
  const display = header(0, 'EDIT:').test((first[0] ?? '').trimEnd());
  expect(hasLine(first, /^NEW FILE:$/)).toBe(true);
  await enter('INPUT', (s) => (display ? header(0, 'INPUT:').test((s[0] ?? '').trimEnd()) : last(s) === 'INPUT:'));
  for (const [i, line] of lines.entries()) {
    const shown = new RegExp(`^\\s*${escape(line.trim())}$`);
    const screen = await enter(line, (s) => (display ? header(i + 1, 'INPUT:').test((s[0] ?? '').trimEnd()) : shown.test(last(s))));
    expect(hasLine(screen, new RegExp(`^${escape(line.trimEnd())}$`))).toBe(true);
  }
  await enter('', (s) => (display ? header(lines.length, 'EDIT:').test((s[0] ?? '').trimEnd()) : last(s) === 'EDIT:'));
  if (!display) {
    await client.must('Clear()');
    await client.waitFor((s) => statusOf(s) === 'VM READ' && outputArea(s).length === 0);
  }
  await client.must('String("FILE")');
  await client.must('Enter()');
  const done = await client.waitFor((s) => statusOf(s) === 'VM READ' && hasLine(s, READY), 30_000);
  const out = outputArea(done);
  log.push(out);
  return out;
}

async function logoff(client: S3270): Promise<string[]> {
  await client.must('Clear()');
  await client.waitFor((s) => statusOf(s) === 'VM READ');
  await client.must('String("LOGOFF")');
  await client.must('Enter()');
  return client.waitFor((s) => hasLine(s, /^LOGOFF AT \d\d:\d\d:\d\d GMT /), 30_000);
}

describe('CMS acceptance over TN3270 (s3270): npm start, LOGON GUEST, and a CMS session', () => {
  it('GUEST edits, lists, assembles and runs HELLO, punches a file to CMSUSER who reads it, runs an EXEC, logs off', async () => {
    const log: string[][] = [];
    onTestFailed(() => console.log('CP log:', cpLog.join('\n'), '\nCMS transcript:', JSON.stringify(log, null, 1)));

    // LOGON: CP IPLs CMS (the directory says IPL CMS); the banner, then VM READ.
    const guest = await logon('GUEST', 'GUEST');
    expect(hasLine(guest.banner, /^LOGON AT \d\d:\d\d:\d\d GMT /)).toBe(true);
    expect(hasLine(guest.banner, /^CMS VERSION 6\.0 VM370 - \d\d\/\d\d\/\d\d \d\d:\d\d$/)).toBe(true);
    const run = transcript(guest.client, log);

    // EDIT a new file (display mode): NEW FILE:, INPUT, the lines, a null line, FILE.
    let out = await editNewFile(guest.client, 'NOTES MEMO', ['FIRST LINE OF NOTES', 'SECOND LINE'], log);
    expect(out.at(-1)).toMatch(READY_OK);

    // LISTFILE shows it; TYPE shows what was typed.
    out = await run('LISTFILE');
    expect(out).toContain('NOTES    MEMO     A1');
    expect(out.at(-1)).toMatch(READY_OK);
    out = await run('TYPE NOTES MEMO');
    expect(out.slice(1).filter((l) => l !== '')).toEqual(['FIRST LINE OF NOTES', 'SECOND LINE', expect.stringMatching(READY_OK)]);

    // Hello world in assembler: EDIT, ASSEMBLE, LOAD, START.
    const source = ['HELLO    CSECT', '         USING *,15', "         WRTERM 'HELLO, WORLD'", '         SR    15,15', '         BR    14', '         END'];
    out = await editNewFile(guest.client, 'HELLO ASSEMBLE', source, log);
    expect(out.at(-1)).toMatch(READY_OK);
    out = await run('ASSEMBLE HELLO');
    expect(out).toContain('NO STATEMENTS FLAGGED IN THIS ASSEMBLY');
    expect(out.at(-1)).toMatch(READY_OK);
    out = await run('LISTFILE HELLO * A');
    expect(out.slice(1, -1).sort()).toEqual(['HELLO    ASSEMBLE A1', 'HELLO    LISTING  A1', 'HELLO    TEXT     A1']);
    out = await run('LOAD HELLO');
    expect(out.at(-1)).toMatch(READY_OK);
    out = await run('START');
    expect(out.slice(1)).toEqual(['EXECUTION BEGINS...', 'HELLO, WORLD', expect.stringMatching(READY_OK)]);
    // GENMOD makes it a command: HELLO MODULE runs by its name.
    out = await run('GENMOD HELLO');
    expect(out.at(-1)).toMatch(READY_OK);
    out = await run('HELLO');
    expect(out.slice(1)).toEqual(['HELLO, WORLD', expect.stringMatching(READY_OK)]);

    // PUNCH to CMSUSER: CP SPOOL PUNCH TO CMSUSER, then PUNCH (with its READ control card).
    out = await run('CP SPOOL PUNCH TO CMSUSER');
    expect(out.at(-1)).toMatch(READY_OK);
    out = await run('PUNCH HELLO ASSEMBLE');
    expect(out.slice(1)).toEqual([expect.stringMatching(/^PUN FILE \d{4} TO CMSUSER COPY 01 NOHOLD$/), expect.stringMatching(READY_OK)]);

    // An EXEC written with EDIT: &TYPE, a variable, a CMS command, &EXIT with a return code.
    out = await editNewFile(guest.client, 'GREET EXEC', ['&CONTROL OFF', '&TYPE HELLO FROM &1', 'STATE NOTES MEMO', '&TYPE STATE GAVE &RETCODE', 'HELLO', '&EXIT 4'], log);
    expect(out.at(-1)).toMatch(READY_OK);
    out = await run('GREET GUEST');
    expect(out.slice(1)).toEqual(['HELLO FROM GUEST', 'STATE GAVE 0', 'HELLO, WORLD', expect.stringMatching(/^R\(00004\); T=/)]);
    out = await run('EXEC GREET ALL');
    expect(out.slice(1)).toEqual(['HELLO FROM ALL', 'STATE GAVE 0', 'HELLO, WORLD', expect.stringMatching(/^R\(00004\); T=/)]);

    // CMSUSER logs on and reads the card file from the reader.
    const cmsuser = await logon('CMSUSER', 'CMSUSER');
    const log2: string[][] = [];
    onTestFailed(() => console.log('CMSUSER transcript:', JSON.stringify(log2, null, 1)));
    const run2 = transcript(cmsuser.client, log2);
    out = await run2('CP QUERY READER ALL');
    // GUEST's punch file: the READ control card and the 6 cards of HELLO ASSEMBLE.
    expect(out.some((l) => /^GUEST +\d{4} A PUN 0*7 /.test(l))).toBe(true);
    out = await run2('READCARD *');
    expect(out.at(-1)).toMatch(READY_OK);
    out = await run2('TYPE HELLO ASSEMBLE A');
    expect(out.slice(1, -1).filter((l) => l !== '')).toEqual(source.map((l) => l.trimEnd()));
    expect(out.at(-1)).toMatch(READY_OK);

    // LOGOFF both: CP's LOGOFF message with the connect and CPU times.
    for (const c of [guest.client, cmsuser.client]) {
      const screen = await logoff(c);
      expect(hasLine(screen, /^CONNECT= \d\d:\d\d:\d\d VIRTCPU= \d{3}:\d\d\.\d\d TOTCPU= \d{3}:\d\d\.\d\d$/)).toBe(true);
    }
  }, 600_000);
});
