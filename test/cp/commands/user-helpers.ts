// Helpers for the user-command tests: a ControlProgram on a temporary data folder (the default
// directory: MAINT and OPERATOR with classes A-G, GUEST and CMSUSER with class G) and transcript
// terminals that keep every line CP writes to them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { ControlProgram, type CpUser, type UserTerminal } from '../../../src/cp/control-program.ts';
import { Dispatcher } from '../../../src/cp/dispatcher.ts';
import { CpSystem } from '../../../src/cp/system/cp-system.ts';
import type { ConsoleStatus } from '../../../src/cp/vm/console.ts';

export const NOW = new Date(Date.UTC(2026, 0, 19, 13, 10, 22));

/** A terminal that records what CP does with it. */
export class TranscriptUserTerminal implements UserTerminal {
  readonly lines: string[] = [];
  readonly statuses: ConsoleStatus[] = [];
  refreshes = 0;
  released = false;
  constructor(
    readonly address: number | null,
    readonly kind: 'graf' | 'line' | 'console' = 'graf',
  ) {}
  writeLine(text: string): void {
    this.lines.push(text);
  }
  status(status: ConsoleStatus): void {
    this.statuses.push(status);
  }
  holding(): boolean {
    return false;
  }
  refresh(): void {
    this.refreshes++;
  }
  release(): void {
    this.released = true;
  }
}

export interface TestCp {
  cp: ControlProgram;
  dispatcher: Dispatcher;
  /** Logs a user on at a new transcript terminal (address null: the system console; 'dsc': none). */
  logon(userid: string, address?: number | null | 'dsc'): { user: CpUser; terminal: TranscriptUserTerminal };
}

/**
 * One CP system for the file (its data folder is made once), a fresh ControlProgram for each test;
 * every user still logged on at the end of a test is logged off.
 */
export function useTestCp(): () => TestCp {
  let system: CpSystem;
  let dataDir: string;
  let current: TestCp | null = null;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'vm370-user-'));
    system = CpSystem.open({ dataDir, scrypt: { N: 1024, r: 8, p: 1 }, maxNewMinidiskCylinders: 1 });
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  afterEach(() => {
    if (current === null) return;
    for (const u of [...current.cp.users.values()]) current.cp.logoff(u);
    current.dispatcher.stop();
    current = null;
  });
  return () => {
    const dispatcher = new Dispatcher();
    const cp = new ControlProgram(system, dispatcher, { clock: () => NOW, vmTime: { mode: 'virtual', epoch: NOW } });
    let next = 0x0c0;
    current = {
      cp,
      dispatcher,
      logon(userid, address) {
        const terminal = address === null ? new TranscriptUserTerminal(null, 'console') : new TranscriptUserTerminal(address === undefined ? next++ : address === 'dsc' ? null : address);
        const result = cp.logon(userid, address === 'dsc' ? null : terminal);
        if (Array.isArray(result)) throw new Error(result.join('\n'));
        return { user: result, terminal };
      },
    };
    return current;
  };
}

/** Runs a CP command typed by the user; returns the completion code and the response lines. */
export function run(user: CpUser, line: string): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = user.command(line, (l) => lines.push(l));
  return { code, lines };
}
