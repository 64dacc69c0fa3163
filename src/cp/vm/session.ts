// A line-mode console session on one virtual machine, built from a directory-like description:
// the harness tests (and, until LOGON lands, the command line) use to IPL a system and talk to it.
//
//   const session = new ConsoleSession({ userid: 'CMSUSER', storage: '15M', ipl: 'CMS',
//     savedSystems: '../shared/vm370r6', minidisks: [{ address: '191', image: 'a.ckd', mode: 'W' }] });
//   session.runUntilRead();          // the CMS banner, then VM READ
//   session.type('STATE PROFILE EXEC'); // ['R; T=0.01/0.01 00:00:01']
//
// runUntilRead() runs the machine in slices until it reads from the console (VM READ or CP READ)
// and returns the lines written meanwhile. The asynchronous variants yield to the event loop between
// slices, so that many sessions can share one process.

import { SavedSystemRegistry } from '../nss/registry.ts';
import type { ConsoleStatus, ConsoleTerminal } from './console.ts';
import type { EmsgSetting } from './cp-commands.ts';
import { VirtualMachine, type RunOutcome, type VirtualMachineOptions } from './virtual-machine.ts';

export interface SessionMinidisk {
  /** Virtual device address in hex ('191') or as a number. */
  address: string | number;
  image: string;
  start?: number;
  cylinders?: number;
  /** Link mode as the directory writes it: R, RR (read-only) or W, WR, M, MR, MW (write). Default W. */
  mode?: string;
  volser?: string;
}

export interface SessionDefinition {
  userid: string;
  /** Storage size: bytes, or '15M' / '1024K'. */
  storage: number | string;
  minidisks?: readonly SessionMinidisk[];
  consoleAddress?: number;
  /** What to IPL: a saved system name or a device address. */
  ipl?: string;
  /** A registry, or a folder of NAME.segment files. */
  savedSystems?: SavedSystemRegistry | string;
  time?: VirtualMachineOptions['time'];
  emsg?: EmsgSetting;
  /**
   * The session is a 3270 (a display terminal): DIAGNOSE X'24' reports the console on a 3277 and
   * DIAGNOSE X'58' display writes go to `screen` instead of the transcript.
   */
  display?: boolean;
}

/** Rows of a 3270's output area (24 by 80: rows 1-22). */
const OUTPUT_ROWS = 22;

/** Instructions per slice of run(). */
const SLICE = 2_000_000;
/** runUntilRead gives up after this many instructions without a console read. */
const DEFAULT_LIMIT = 2_000_000_000;
/** Real time: how long an idle machine sleeps before it looks at its timers again. */
const IDLE_MS = 5;

export function parseStorage(size: number | string): number {
  if (typeof size === 'number') return size;
  const m = /^(\d+)([KM]?)$/i.exec(size.trim());
  if (!m) throw new Error(`storage size '${size}' is not nnnK or nnM`);
  const n = Number(m[1]);
  return m[2]!.toUpperCase() === 'M' ? n * 1024 * 1024 : m[2]!.toUpperCase() === 'K' ? n * 1024 : n;
}

export class ConsoleSession implements ConsoleTerminal {
  readonly vm: VirtualMachine;
  /** Everything shown on the terminal: output lines, and the lines typed. */
  readonly transcript: string[] = [];
  /** The terminal's status (VM READ, CP READ, RUNNING). */
  consoleStatus: ConsoleStatus = 'RUNNING';
  private unread: string[] = [];
  private lastOutcome: RunOutcome = 'stopped';
  /** A display session's output area as the last display write left it (22 rows), else empty. */
  readonly screen: string[] = [];
  /** Display writes so far (a display session). */
  displayWrites = 0;
  /** Present in a display session (SessionDefinition.display): DIAGNOSE X'58' writes. */
  readonly display?: (lines: readonly string[], firstLine: number, erase: boolean) => void;

  constructor(definition: SessionDefinition) {
    if (definition.display) {
      this.display = (lines, firstLine, erase) => {
        if (erase) this.screen.fill('');
        lines.forEach((line, i) => {
          if (firstLine + i < OUTPUT_ROWS) this.screen[firstLine + i] = line.trimEnd();
        });
        this.displayWrites++;
      };
      this.screen.push(...Array<string>(OUTPUT_ROWS).fill(''));
    }
    const savedSystems =
      typeof definition.savedSystems === 'string' ? SavedSystemRegistry.fromFolder(definition.savedSystems) : definition.savedSystems;
    this.vm = new VirtualMachine({
      userid: definition.userid,
      storageSize: parseStorage(definition.storage),
      terminal: this,
      consoleAddress: definition.consoleAddress,
      savedSystems,
      time: definition.time,
      emsg: definition.emsg,
      minidisks: (definition.minidisks ?? []).map((d) => ({
        address: typeof d.address === 'number' ? d.address : parseInt(d.address, 16),
        image: d.image,
        start: d.start,
        cylinders: d.cylinders,
        readOnly: /^R/i.test(d.mode ?? 'W'),
        volser: d.volser,
      })),
    });
    if (definition.ipl !== undefined) this.vm.ipl(definition.ipl);
  }

  writeLine(text: string): void {
    this.transcript.push(text);
    this.unread.push(text);
  }

  status(status: ConsoleStatus): void {
    this.consoleStatus = status;
  }

  /** Why the last run stopped. */
  get outcome(): RunOutcome {
    return this.lastOutcome;
  }

  /** The lines written since the last call. */
  takeOutput(): string[] {
    const lines = this.unread;
    this.unread = [];
    return lines;
  }

  /**
   * Runs until the guest reads from the console (or CP does); returns the lines written since the
   * last call. Throws if the machine goes idle or runs `limit` instructions without reading.
   */
  runUntilRead(limit = DEFAULT_LIMIT): string[] {
    let executed = 0;
    for (;;) {
      const result = this.vm.run(SLICE);
      executed += result.instructions;
      if (this.settle(result.outcome)) return this.takeOutput();
      if (executed >= limit) throw new Error(`no console read after ${executed} instructions; output so far:\n${this.unread.join('\n')}`);
    }
  }

  /** Types a line (echoed in the transcript) and runs until the next read. */
  type(line: string, limit = DEFAULT_LIMIT): string[] {
    this.enter(line);
    return this.runUntilRead(limit);
  }

  /** runUntilRead, yielding to the event loop between slices. */
  async runUntilReadAsync(limit = DEFAULT_LIMIT): Promise<string[]> {
    let executed = 0;
    for (;;) {
      const result = this.vm.run(SLICE);
      executed += result.instructions;
      if (result.outcome === 'idle' && this.vm.cpu.clock.mode === 'real') {
        // Real time: the guest waits for its timer; let the host's time pass.
        await new Promise<void>((resolve) => setTimeout(resolve, IDLE_MS));
        continue;
      }
      if (this.settle(result.outcome)) return this.takeOutput();
      if (executed >= limit) throw new Error(`no console read after ${executed} instructions`);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  async typeAsync(line: string, limit = DEFAULT_LIMIT): Promise<string[]> {
    this.enter(line);
    return this.runUntilReadAsync(limit);
  }

  /** Types a line without running the machine. */
  enter(line: string): void {
    this.transcript.push(line);
    this.vm.enter(line);
  }

  close(): void {
    this.vm.close();
  }

  /** True when the run should stop here: a read is up. Throws when the machine cannot go on. */
  private settle(outcome: RunOutcome): boolean {
    this.lastOutcome = outcome;
    switch (outcome) {
      case 'console-read':
        this.consoleStatus = 'VM READ';
        return true;
      case 'cp-read':
        this.consoleStatus = 'CP READ';
        return true;
      case 'budget':
        return false;
      case 'idle':
        throw new Error(`the virtual machine waits with nothing to wake it; output so far:\n${this.unread.join('\n')}`);
      default:
        throw new Error('nothing has been IPLed');
    }
  }
}
