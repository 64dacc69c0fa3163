// Shared helpers for the operator tests: a started system (no TN3270 server) on a temporary data
// folder, with the operator console's lines collected, and a local 3270 on the same CP.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { startSystem, type RunningSystem } from '../../../src/cp/operator/system-start.ts';
import { LocalTerminal } from '../../../src/term/local-terminal.ts';
import { terminalModel } from '../../../src/term/models.ts';

export const NOW = new Date(Date.UTC(2026, 0, 19, 13, 10, 22));

export interface TestSystem {
  running: RunningSystem;
  /** Every line the system console wrote. */
  console: string[];
  dataDir: string;
}

export async function startTestSystem(dataDir?: string): Promise<TestSystem> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'vm370-op-'));
  if (dataDir === undefined) onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const console: string[] = [];
  const running = await startSystem({
    dataDir: dir,
    port: null,
    clock: () => NOW,
    vmTime: { mode: 'virtual', epoch: NOW },
    consoleOutput: (line) => console.push(line),
    hostOptions: { failureDelayMs: 0, logoffDelayMs: 60_000, moreTimeoutMs: null },
    systemOptions: { scrypt: { N: 1024, r: 8, p: 1 }, maxNewMinidiskCylinders: 1 },
  });
  onTestFinished(async () => {
    if (!running.operator.shuttingDown) await running.shutdown();
  });
  return { running, console, dataDir: dir };
}

/** A local 3270 connected to the system's CP (the logo first). */
export function localTerminal(system: TestSystem, address = 0x0c0): LocalTerminal {
  const terminal = new LocalTerminal({ model: terminalModel(3279, 2), address });
  system.running.host.onConnect(terminal);
  return terminal;
}

/** The lines the console wrote after the mark, for "what did this command say". */
export function since(lines: string[], mark: number): string[] {
  return lines.slice(mark);
}

export const settle = () => new Promise((r) => setImmediate(r));
