// A CP on a temporary data folder with users logged on at line terminals that keep what CP writes:
// the spool tests drive the virtual punch, printer and reader directly (as a guest's channel
// program would) and type CP commands.

import { onTestFinished } from 'vitest';
import { ControlProgram, type CpUser, type UserTerminal } from '../../../src/cp/control-program.ts';
import { Dispatcher } from '../../../src/cp/dispatcher.ts';
import { CpSystem } from '../../../src/cp/system/cp-system.ts';
import type { DeviceCommand, DeviceResult } from '../../../src/channel/device.ts';
import { fromEbcdic, toEbcdic } from '../../../src/ebcdic/index.ts';
import { CHEAP_SCRYPT, tempDataDir } from '../terminal/helpers.ts';

export const NOW = new Date(Date.UTC(2026, 0, 19, 13, 10, 22));

export class LineTerminal implements UserTerminal {
  readonly address = 0x0c1;
  readonly kind = 'line' as const;
  readonly lines: string[] = [];
  writeLine(text: string): void {
    this.lines.push(text);
  }
  holding(): boolean {
    return false;
  }
  refresh(): void {}
  release(): void {}
}

export interface Site {
  dataDir: string;
  cp: ControlProgram;
  logs: string[];
  /** Logs a user on (no IPL) at a new line terminal. */
  logon(userid: string): { user: CpUser; terminal: LineTerminal };
  /** Ends this CP (as a kill would: nothing is closed or saved beyond what is already on disk). */
  stop(): void;
}

/** Opens (or reopens) the system in `dataDir` and starts a CP on it. */
export function startSite(dataDir = tempDataDir(), cold = false): Site {
  const system = CpSystem.open({ dataDir, scrypt: CHEAP_SCRYPT, maxNewMinidiskCylinders: 1, cold });
  const dispatcher = new Dispatcher();
  const logs: string[] = [];
  const cp = new ControlProgram(system, dispatcher, {
    clock: () => NOW,
    logger: { info: (m) => logs.push(m), warn: (m) => logs.push(m) },
  });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    dispatcher.stop();
    cp.close();
  };
  onTestFinished(stop);
  return {
    dataDir,
    cp,
    logs,
    logon(userid) {
      const terminal = new LineTerminal();
      const user = cp.logon(userid, terminal, { noIpl: true });
      if (Array.isArray(user)) throw new Error(user.join('; '));
      return { user, terminal };
    },
    stop,
  };
}

/** Runs a CP command as the user; returns the lines CP answered and the completion code. */
export function cp(user: CpUser, line: string): { rc: number; lines: string[] } {
  const lines: string[] = [];
  const rc = user.command(line, (l) => lines.push(l));
  return { rc, lines };
}

const ccw = (command: number, count: number): DeviceCommand => ({ command, flags: 0x20, count, chained: false });

/** Punches cards on the user's virtual punch (Write, feed: X'41'). */
export function punch(user: CpUser, cards: string[]): void {
  for (const c of cards) user.vm.punch!.startCommand(ccw(0x41, 80), toEbcdic(c.padEnd(80)));
}

/** Prints lines on the user's virtual printer (write, space 1: X'09'). */
export function print(user: CpUser, lines: string[]): void {
  for (const l of lines) user.vm.printer!.startCommand(ccw(0x09, l.length), toEbcdic(l));
}

/** Reads the user's reader to the end of the current file: the cards as text, then 'EOF' or 'EMPTY'. */
export function readFile(user: CpUser): string[] {
  const out: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    const r = user.vm.reader!.startCommand(ccw(0x02, 80), null) as DeviceResult;
    if (r.status & 0x02) return [...out, 'EMPTY'];
    if (r.status & 0x01) return [...out, 'EOF'];
    out.push(fromEbcdic(r.data!).trimEnd());
  }
  throw new Error('the reader never ended');
}
