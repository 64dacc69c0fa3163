// A CP for the disk tests: the default system (VMSRES with MAINT's, OPERATOR's, GUEST's and
// CMSUSER's minidisks) plus users whose disks have passwords, on a temporary data folder; terminals
// that keep every line and can answer a hidden-line prompt.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { HiddenLineReader } from '../../../src/cp/commands/disks/index.ts';
import { ControlProgram, type CpUser, type UserTerminal } from '../../../src/cp/control-program.ts';
import { Dispatcher } from '../../../src/cp/dispatcher.ts';
import { CpSystem } from '../../../src/cp/system/cp-system.ts';
import { createCkdImage } from '../../../src/devices/dasd/ckd-image.ts';

export const NOW = new Date(Date.UTC(2026, 0, 19, 13, 10, 22));

/** Users added to the default directory: cylinders 44-49 of VMSRES are free in it. */
export const EXTRA_USERS = `
USER PETER PETER 2M 4M G
 MDISK 191 3350 044 002 VMSRES MR RPASS WPASS MPASS
 MDISK 192 3350 046 001 VMSRES RR
USER PAUL PAUL 2M 4M G
 MDISK 191 3350 047 002 VMSRES W ALL ALL
 MDISK 1A0 3330 T-DISK 2
`;

/** A terminal that keeps what CP writes and answers hidden-line prompts from a queue. */
export class DiskTestTerminal implements UserTerminal, HiddenLineReader {
  readonly lines: string[] = [];
  readonly prompts: string[] = [];
  /** Answers for the next prompts (null: the user gives up). */
  readonly answers: Array<string | null> = [];
  constructor(readonly address: number | null, readonly kind: 'graf' | 'line' | 'console' = 'graf') {}
  writeLine(text: string): void {
    this.lines.push(text);
  }
  holding(): boolean {
    return false;
  }
  refresh(): void {}
  release(): void {}
  readHiddenLine(prompt: string, answer: (line: string | null) => void): void {
    this.prompts.push(prompt);
    this.lines.push(prompt);
    answer(this.answers.length > 0 ? this.answers.shift()! : null);
  }
}

export interface DiskTestCp {
  system: CpSystem;
  cp: ControlProgram;
  logon(userid: string): { user: CpUser; terminal: DiskTestTerminal };
  /** Runs a CP command as a user; returns the completion code and the lines it wrote. */
  command(user: CpUser, line: string): { code: number; lines: string[] };
}

/** One data folder per test file, a fresh ControlProgram per test; everyone logged off after it. */
export function useDiskTestCp(): () => DiskTestCp {
  let dataDir: string;
  let system: CpSystem;
  let current: { cp: ControlProgram; dispatcher: Dispatcher } | null = null;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'vm370-disks-'));
    CpSystem.open({ dataDir, scrypt: { N: 1024, r: 8, p: 1 } }).close();
    appendFileSync(join(dataDir, 'user.direct'), EXTRA_USERS);
    // A scratch 3330 at 131 with no minidisks on it, for ATTACH.
    const configFile = join(dataDir, 'system.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as { dasd: unknown[] };
    config.dasd.push({ volser: 'SCRTCH', type: '3330', address: '131', image: 'dasd/scrtch.3330', cylinders: 4 });
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    createCkdImage(join(dataDir, 'dasd', 'scrtch.3330'), '3330', 4, { volser: 'SCRTCH' });
    system = CpSystem.open({ dataDir, scrypt: { N: 1024, r: 8, p: 1 }, cold: true });
  });
  afterAll(() => {
    system.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterEach(() => {
    if (current === null) return;
    for (const u of [...current.cp.users.values()]) current.cp.logoff(u);
    current.dispatcher.stop();
    current = null;
  });
  return () => {
    const dispatcher = new Dispatcher();
    const cp = new ControlProgram(system, dispatcher, { clock: () => NOW, vmTime: { mode: 'virtual', epoch: NOW } });
    current = { cp, dispatcher };
    let next = 0x0c0;
    return {
      system,
      cp,
      logon(userid) {
        const terminal = new DiskTestTerminal(next++);
        const result = cp.logon(userid, terminal, { noIpl: true });
        if (Array.isArray(result)) throw new Error(result.join('\n'));
        return { user: result, terminal };
      },
      command(user, line) {
        const lines: string[] = [];
        const code = user.command(line, (l) => lines.push(l));
        return { code, lines };
      },
    };
  };
}
