// Shared helpers for the CP terminal tests: a CP system in a temporary data folder, a local 3270.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, onTestFinished } from 'vitest';
import { Dispatcher } from '../../../src/cp/dispatcher.ts';
import { CpSystem } from '../../../src/cp/system/cp-system.ts';
import { CpHost, type CpHostOptions } from '../../../src/cp/terminal/cp-host.ts';
import { LocalTerminal } from '../../../src/term/local-terminal.ts';
import { terminalModel } from '../../../src/term/models.ts';
import { typeText } from '../../../src/term/operator.ts';
import { Aid } from '../../../src/term/codes.ts';

export const R6 = resolve(__dirname, '../../../../shared/vm370r6');

/** Tests that need IBM's R6 CMS fail (not skip) without it. */
export function requireR6(): string {
  if (!existsSync(join(R6, 'CMS.segment'))) {
    throw new Error(`these tests need IBM VM/370 R6 CMS in ${R6} (CMS.segment, CMSSEG.segment, cmsuser-19x.ckd.gz): it is missing`);
  }
  return R6;
}

export const CHEAP_SCRYPT = { N: 1024, r: 8, p: 1 };

/** A temporary data folder, removed when the test ends (R6 images are large once gunzipped). */
export function tempDataDir(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'vm370-cp-'));
  onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
  return dataDir;
}

export function openSystem(r6?: string): CpSystem {
  const dataDir = tempDataDir();
  return CpSystem.open({ dataDir, r6Folder: r6, scrypt: CHEAP_SCRYPT, maxNewMinidiskCylinders: 1 });
}

export function startHost(system: CpSystem, options: CpHostOptions = {}) {
  const dispatcher = new Dispatcher();
  const host = new CpHost(system, dispatcher, {
    clock: () => new Date(Date.UTC(2026, 0, 19, 13, 10, 22)),
    vmTime: { mode: 'virtual', epoch: new Date(Date.UTC(2026, 0, 19, 13, 10, 22)) },
    failureDelayMs: 0,
    logoffDelayMs: 60_000,
    moreTimeoutMs: null,
    ...options,
  });
  const terminal = new LocalTerminal({ model: terminalModel(3279, 2), address: 0x0c0 });
  host.onConnect(terminal);
  return { host, dispatcher, terminal, screen: terminal.screen };
}

export const settle = () => new Promise((r) => setImmediate(r));

/** Waits until the dispatcher has nothing runnable (every machine reads or waits). */
export async function quiet(dispatcher: Dispatcher, limitMs = 20_000): Promise<void> {
  const start = Date.now();
  await settle();
  while (dispatcher.busy) {
    if (Date.now() - start > limitMs) throw new Error('the virtual machine did not come to a read');
    await settle();
  }
}

export async function press(terminal: LocalTerminal, aid: number): Promise<void> {
  expect(terminal.pressAid(aid)).toBe(true);
  await settle();
}

export async function enter(terminal: LocalTerminal, text: string): Promise<void> {
  if (text) typeText(terminal.screen, text);
  await press(terminal, Aid.enter);
}

export const statusOf = (t: LocalTerminal) => t.screen.textAt(t.screen.rows - 1, t.screen.columns - 19, 18).trim();
export const outputOf = (t: LocalTerminal) => t.screen.text().slice(0, t.screen.rows - 2).map((l) => l.trimEnd());
