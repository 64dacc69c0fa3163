// Runs a core image on Hercules (Debian package `hercules`, 3.13, ARCHMODE S/370) with no devices
// and no IPL, and returns a range of storage once the program reaches a disabled wait.
//
// How: Hercules runs headless (-d) from a command script (HERCULES_RC). The script arms the
// Hercules Automatic Operator (`hao`) on the disabled-wait message HHCCP011I, loads the image with
// `loadcore`, and presses restart (the restart new PSW at 0 starts the program). When the wait
// comes, the automatic operator runs a second script: `stop` (savecore refuses a CPU that is not
// stopped, and a CPU in a wait state is not), a one-second pause, `savecore` of the range, `quit`.
// Should the automatic operator miss the message (it has, once, with many Hercules running at
// once), the command script saves anyway after a fallback delay, and the caller checks from the
// saved storage that its program finished. A check-stop or a timeout kills Hercules at once.
// (Hercules 3.13 reads no commands from stdin when it runs headless, hence the scripts.)

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LAYOUT, MAIN_STORAGE } from '../../cpu/fixtures/hercules-differential/harness.ts';

export interface HerculesImageOptions {
  /** First and last address (inclusive) of the storage to bring back. */
  save: { from: number; to: number };
  /** Main storage in megabytes (default: enough for the image, at least 2). */
  mainsizeMegabytes?: number;
  /** Save anyway this long after the restart if the wait went unnoticed (default 10 s). */
  fallbackSeconds?: number;
  /** Kill Hercules after this long (default 60 s). */
  timeoutMs?: number;
}

export interface HerculesImageResult {
  storage: Uint8Array;
  /** Hercules' console log. */
  log: string;
  /** The PSW Hercules showed with the disabled wait, e.g. '00020000 80000000'. */
  waitPsw: string;
}

/** A TCP port nobody listens on now (for CNSLPORT, so parallel runs don't wait for port 3270). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const hex = (v: number) => v.toString(16);

/** Loads `image` at 0, restarts, and brings back storage save.from..save.to at the disabled wait. */
export async function runImageOnHercules(image: Uint8Array, options: HerculesImageOptions): Promise<HerculesImageResult> {
  const dir = mkdtempSync(join(tmpdir(), 'vm370-herc-cpu-'));
  try {
    return await runIn(dir, image, options);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runIn(dir: string, image: Uint8Array, options: HerculesImageOptions): Promise<HerculesImageResult> {
  const mainsize = options.mainsizeMegabytes ?? Math.max(2, Math.ceil(image.length / (1024 * 1024)) + 1);
  const port = await freePort();
  writeFileSync(join(dir, 'image.bin'), image);
  writeFileSync(
    join(dir, 'hercules.cnf'),
    [
      'ARCHMODE S/370',
      `MAINSIZE ${mainsize}`,
      'NUMCPU 1',
      'CPUMODEL 3148',
      'CPUSERIAL 000370',
      `CNSLPORT ${port}`,
      // No console message for each program interruption: the programs take hundreds.
      'OSTAILOR QUIET',
      '0009 3215',
      '',
    ].join('\n'),
  );
  // The automatic operator now and then misses the message when several Hercules run at once: the
  // script falls back to saving after `fallbackSeconds`. Callers check that the program finished.
  const fallback = options.fallbackSeconds ?? 10;
  writeFileSync(
    join(dir, 'run.rc'),
    ['hao tgt HHCCP011I', 'hao cmd script save.rc', 'loadcore image.bin 0', 'restart', `pause ${fallback}`, 'script save.rc', ''].join('\n'),
  );
  writeFileSync(join(dir, 'save.rc'), ['stop', 'pause 1', `savecore saved.bin ${hex(options.save.from)} ${hex(options.save.to)}`, 'quit', ''].join('\n'));

  const child = spawn('hercules', ['-d', '-f', 'hercules.cnf'], {
    cwd: dir,
    env: { ...process.env, HERCULES_RC: 'run.rc' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  let checkstop = false;
  const collect = (s: string) => {
    log += s;
    // A check-stop never reaches the wait: give up at once.
    if (!checkstop && /HHCCP\d+I CPU\d+: Check-Stop/.test(log)) {
      checkstop = true;
      child.kill('SIGKILL');
    }
  };
  child.stdout.setEncoding('latin1').on('data', collect);
  child.stderr.setEncoding('latin1').on('data', collect);
  let timedOut = false;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, options.timeoutMs ?? 60_000);
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  const saved = join(dir, 'saved.bin');
  const tail = log.split('\n').slice(-40).join('\n');
  if (checkstop) throw new Error(`Hercules check-stopped; the end of its log:\n${tail}`);
  if (timedOut) throw new Error(`Hercules did not finish in time; the end of its log:\n${tail}`);
  if (!existsSync(saved)) throw new Error(`Hercules saved no storage; the end of its log:\n${tail}`);
  const storage = new Uint8Array(readFileSync(saved));
  const expected = options.save.to - options.save.from + 1;
  if (storage.length !== expected) throw new Error(`Hercules saved ${storage.length} bytes, not ${expected}`);
  const wait = /HHCCP011I CPU0000: Disabled wait state[\s\S]*?PSW=([0-9A-F]{8} [0-9A-F]{8})/.exec(log);
  return { storage, log, waitPsw: wait?.[1] ?? '' };
}

/**
 * Runs a core image of the CPU differential test (test/cpu/fixtures/hercules-differential/harness.ts)
 * and returns storage from its records to the end of the image, once every case has run.
 */
export async function runHarnessOnHercules(image: Uint8Array): Promise<Uint8Array> {
  const run = await runImageOnHercules(image, {
    save: { from: LAYOUT.count, to: image.length - 1 },
    mainsizeMegabytes: MAIN_STORAGE / (1024 * 1024),
    timeoutMs: 90_000,
  });
  const left = new DataView(run.storage.buffer, run.storage.byteOffset).getUint32(0);
  if (left !== 0) throw new Error(`Hercules stopped with ${left} cases still to run; the end of its log:\n${run.log.split('\n').slice(-30).join('\n')}`);
  return run.storage.subarray(LAYOUT.records - LAYOUT.count);
}
