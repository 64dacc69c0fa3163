// The deck runner (docs/testers-guide.md): a whole system in this process (CP, the dispatcher, the
// spool; no TN3270), in virtual time from a fixed epoch so that a deck gives the same output on
// every run. Each deck goes into a batch user's reader as a spool file; the runner logs the batch
// user on (IPL CMS), enters EXEC BATCH at its console, and the batch machine does the rest
// (cms/exec/batch.exec): READCARD the deck, JOBSPLIT its control cards into files and BATCHJOB EXEC,
// run that, close the printer and punch, LOGOFF. The runner then takes the job's print and punch
// files off the spool and compares them with the expected output.
//
// Several batch users (BATCH1..BATCHn) run decks at the same time under the one dispatcher. Each
// job starts from a fresh IPL of CMS and a virtual clock at the epoch, so the order in which decks
// run does not change their output.
//
// The job loop (runDecksOn) takes any RunningSystem: the runner's own, or the one `vm370 start` runs,
// whose control socket (src/cp/operator/control-socket.ts) hands it decks; the batch machines log
// on in virtual time from the epoch either way (LOGON's `time` option).
//
// Results: passed, mismatch (a diff), ran (nothing to compare with), timeout (no LOGOFF within the
// wall-clock limit), abend (a program check or abend message on the console; a /JOB card with ABEND
// expects one), malformed (the deck's cards, before anything runs), error (the system failed).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ourCmsForSystem } from '../cms/install.ts';
import type { CpUser, UserTerminal } from '../cp/control-program.ts';
import { startSystem, type RunningSystem } from '../cp/operator/system-start.ts';
import type { ConsoleStatus } from '../cp/vm/console.ts';
import { VirtualPrinter, VirtualPunch } from '../cp/vm/unit-record.ts';
import type { VirtualMachineOptions } from '../cp/vm/virtual-machine.ts';
import { silentLogger, type TermLogger } from '../term/host.ts';
import { batchUserid, prepareBatchSystem } from './batch-system.ts';
import { compileJob, MalformedDeckError, readDeckFile, textDeckCards, type CompiledJob } from './deck.ts';
import { printerText, punchText, unifiedDiff, type SpoolOutput } from './output.ts';

/** 1 January 2026, 00:00:00 GMT: the batch machines' clocks start here unless told otherwise. */
export const DECK_EPOCH = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));

export interface DeckInput {
  /** The deck's name in reports (its path). */
  name: string;
  /** The deck file (text, or *.ebcdic binary); or `text`, or `cards`. */
  path?: string;
  text?: string;
  cards?: Uint8Array[];
  /** Expected printer and punch output (undefined: not compared). */
  expectPrinter?: string;
  expectPunch?: string;
  /** This deck's wall-clock limit in seconds (default: the run's timeoutSeconds). */
  timeoutSeconds?: number;
}

export type DeckStatus = 'passed' | 'ran' | 'mismatch' | 'timeout' | 'abend' | 'malformed' | 'error';

export interface DeckResult {
  deck: string;
  job: string;
  status: DeckStatus;
  /** The batch user that ran it. */
  user?: string;
  printer: string;
  punch: string;
  /** The batch machine's console lines (also the end of `printer`). */
  console: string[];
  /** Unified diffs, printer then punch ('' when they match). */
  diff: string;
  /** What went wrong, for timeout, abend, malformed and error. */
  message?: string;
  /** Wall-clock seconds from the logon to the end of the job. */
  seconds: number;
}

export interface RunDecksOptions {
  /** The data folder (default: a new temporary folder, removed afterwards). */
  dataDir?: string;
  /** Batch machines running decks at the same time (default 4). */
  jobs?: number;
  /**
   * The users whose readers get the decks (default BATCH1 .. BATCHjobs). Any user of the directory
   * that IPLs CMS and links MAINT 190 can be one; its A-disk is erased at the start of every job.
   */
  users?: readonly string[];
  /** Wall-clock seconds a deck may take (default 60). */
  timeoutSeconds?: number;
  /** Virtual time's epoch (default DECK_EPOCH). */
  epoch?: Date;
  logger?: TermLogger;
  /** Called as each deck finishes. */
  onResult?: (result: DeckResult) => void;
}

export interface RunSummary {
  results: DeckResult[];
  /** Wall-clock seconds of the whole run, and the seconds spent running decks (after the start). */
  seconds: number;
  runSeconds: number;
  decksPerMinute: number;
}

type VmTime = NonNullable<VirtualMachineOptions['time']>;

const ABEND = /^(DMSITP141T|DMSABN148T)\b/;

/** A job under way on a batch user. */
interface Running {
  userid: string;
  console: string[];
  /** CP's lines at logon (LOGON AT, an IPL that failed): not output, but told when a job fails. */
  logon: string[];
  capturing: boolean;
  abend: string | undefined;
  /** Why the runner ended the job itself (a console read, the timeout), if it did. */
  forced: 'timeout' | 'read' | undefined;
  ended: () => void;
}

/** The batch machine's terminal: keeps the console lines and watches for VM READ. */
class BatchTerminal implements UserTerminal {
  readonly address = null;
  readonly kind = 'line' as const;

  constructor(
    private readonly job: Running,
    private readonly onRead: () => void,
  ) {}

  writeLine(text: string): void {
    if (!this.job.capturing) {
      this.job.logon.push(text);
      return;
    }
    this.job.console.push(text);
    if (this.job.abend === undefined && ABEND.test(text)) this.job.abend = text;
  }

  status(status: ConsoleStatus): void {
    if (status === 'VM READ' && this.job.capturing) this.onRead();
  }

  holding(): boolean {
    return false;
  }

  refresh(): void {}

  release(): void {}
}

/** Runs decks on a system of batch machines; resolves when every deck has a result. */
export async function runDecks(decks: readonly DeckInput[], options: RunDecksOptions = {}): Promise<RunSummary> {
  const started = performance.now();
  const users = options.users?.map((u) => u.toUpperCase()) ?? Array.from({ length: Math.max(1, Math.min(options.jobs ?? 4, decks.length || 1)) }, (_, k) => batchUserid(k + 1));
  const temporary = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'vm370-decks-'));
  const epoch = options.epoch ?? DECK_EPOCH;
  let system: RunningSystem | undefined;
  try {
    prepareBatchSystem(dataDir, Math.max(1, ...users.map((u) => Number(/^BATCH(\d+)$/.exec(u)?.[1] ?? 1))));
    system = await startSystem({
      dataDir,
      port: null,
      logger: options.logger ?? silentLogger,
      clock: () => epoch,
      vmTime: { mode: 'virtual', epoch },
      systemOptions: {
        // The batch users' passwords are never typed: cheap hashes keep the start quick.
        scrypt: { N: 1024, r: 8, p: 1 },
        ...ourCmsForSystem(),
      },
    });
  } catch (e) {
    if (system) await system.shutdown().catch(() => undefined);
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
    const message = `the system did not start: ${e instanceof Error ? e.message : String(e)}`;
    const failed = decks.map((d) => errorResult(d, message));
    failed.forEach((r) => options.onResult?.(r));
    return { results: failed, seconds: (performance.now() - started) / 1000, runSeconds: 0, decksPerMinute: 0 };
  }
  const running = system;
  const cp = running.cp;
  // installOurCms logs a CMS that does not assemble instead of failing the start: no deck can run.
  const broken = running.system.notes.findIndex((n) => n.startsWith('our CMS does not build'));
  if (broken >= 0) {
    await running.shutdown().catch(() => undefined);
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
    const message = running.system.notes.slice(broken, broken + 6).join(' ');
    const failed = decks.map((d) => errorResult(d, message));
    failed.forEach((r) => options.onResult?.(r));
    return { results: failed, seconds: (performance.now() - started) / 1000, runSeconds: 0, decksPerMinute: 0 };
  }
  // The job's output stays in the spool for the runner: the real printer and punch do not take it.
  cp.spool.drain('printer');
  cp.spool.drain('punch');
  let on: { results: DeckResult[]; runSeconds: number };
  try {
    on = await runDecksOn(running, decks, { users, epoch, timeoutSeconds: options.timeoutSeconds, onResult: options.onResult && ((r) => options.onResult!(r)) });
  } finally {
    await running.shutdown().catch(() => undefined);
    if (temporary) rmSync(dataDir, { recursive: true, force: true });
  }
  return {
    results: on.results,
    seconds: (performance.now() - started) / 1000,
    runSeconds: on.runSeconds,
    decksPerMinute: on.runSeconds > 0 ? (decks.length * 60) / on.runSeconds : 0,
  };
}

export interface RunDecksOnOptions {
  /** The batch users (default BATCH1 .. BATCHjobs). */
  users?: readonly string[];
  jobs?: number;
  timeoutSeconds?: number;
  epoch?: Date;
  /**
   * A system that others use (vm370 start): the batch machines' printer and punch files are held in
   * the spool so that the started real devices leave them to the runner, and a batch user that is
   * already logged on (someone else's job) is waited for, never disturbed.
   */
  shared?: boolean;
  /** Called as each deck finishes, with the deck's place in `decks`. */
  onResult?: (result: DeckResult, index: number) => void;
}

/** Polls for a batch user to become free on a shared system. */
const FREE_POLL_MS = 250;

/**
 * Runs decks on the batch users of a running system (the runner's own, or one that `vm370 start`
 * runs: src/cp/operator/control-socket.ts). Every batch machine logs on in virtual time from the
 * epoch, whatever the system's own clock, so the output is the same either way.
 */
export async function runDecksOn(running: RunningSystem, decks: readonly DeckInput[], options: RunDecksOnOptions = {}): Promise<{ results: DeckResult[]; runSeconds: number }> {
  const cp = running.cp;
  const epoch = options.epoch ?? DECK_EPOCH;
  const wanted = options.users?.map((u) => u.toUpperCase()) ?? Array.from({ length: Math.max(1, Math.min(options.jobs ?? 4, decks.length || 1)) }, (_, k) => batchUserid(k + 1));
  const results: DeckResult[] = new Array(decks.length);
  const users = wanted.filter((u) => cp.system.user(u) !== undefined);
  if (users.length === 0) {
    const message = `the system's directory has no user ${wanted.join(', ')}: a system that runs decks needs batch users (docs/testers-guide.md)`;
    decks.forEach((d, i) => {
      results[i] = errorResult(d, message);
      options.onResult?.(results[i], i);
    });
    return { results, runSeconds: 0 };
  }
  const active = new Map<string, Running>();
  const hook = (user: CpUser) => {
    const job = active.get(user.userid);
    if (job === undefined) return;
    // CP's LOGOFF lines (connect and CPU times) are not the job's output.
    job.capturing = false;
    // The spool closed the printer and punch before this hook; the job's files are complete.
    setImmediate(job.ended);
  };
  cp.onLogoff.push(hook);
  const runStarted = performance.now();
  const timeoutOf = (deck: DeckInput) => deck.timeoutSeconds ?? options.timeoutSeconds ?? 60;
  let next = 0;
  const worker = async (userid: string): Promise<void> => {
    let waited = 0;
    while (next < decks.length) {
      // Someone else's machine (or another run's job) has this user: wait for it, within a deck's timeout.
      if (cp.user(userid) !== undefined) {
        if (waited >= (options.timeoutSeconds ?? 60) * 1000) return;
        await new Promise((resolve) => setTimeout(resolve, FREE_POLL_MS));
        waited += FREE_POLL_MS;
        continue;
      }
      waited = 0;
      const index = next++;
      const deck = decks[index]!;
      const result = await runOne(running, deck, userid, active, timeoutOf(deck), { mode: 'virtual', epoch }, options.shared === true);
      results[index] = result;
      options.onResult?.(result, index);
    }
  };
  try {
    await Promise.all(users.map(worker));
  } finally {
    const at = cp.onLogoff.indexOf(hook);
    if (at >= 0) cp.onLogoff.splice(at, 1);
  }
  // Every batch user stayed busy past the timeout: the decks left get an error.
  for (let i = next; i < decks.length; i++) {
    results[i] = errorResult(decks[i]!, `no batch user of ${users.join(', ')} became free within ${options.timeoutSeconds ?? 60} seconds`);
    options.onResult?.(results[i], i);
  }
  return { results, runSeconds: (performance.now() - runStarted) / 1000 };
}

function errorResult(deck: DeckInput, message: string, status: DeckStatus = 'error', job = ''): DeckResult {
  return { deck: deck.name, job, status, printer: '', punch: '', console: [], diff: '', message, seconds: 0 };
}

/** The deck's cards compiled into its job, or the reason it cannot run. */
function compileDeck(deck: DeckInput): CompiledJob {
  const cards = deck.cards ?? (deck.text !== undefined ? textDeckCards(deck.name, deck.text) : readDeckFile(deck.path ?? deck.name));
  return compileJob(deck.name, cards);
}

/** Every spool file a batch user has (its output queues and its reader), removed. */
function takeFiles(running: RunningSystem, userid: string): { printer: SpoolOutput[]; punch: SpoolOutput[] } {
  const spool = running.cp.spool;
  const take = (queue: 'PRT' | 'PUN') => spool.list(queue, userid).map((meta) => ({ meta, records: spool.records(meta.id) }));
  const printer = take('PRT');
  const punch = take('PUN');
  spool.purge([...spool.list('PRT', userid), ...spool.list('PUN', userid), ...spool.list('RDR', userid)].map((f) => f.id));
  return { printer, punch };
}

async function runOne(
  running: RunningSystem, deck: DeckInput, userid: string, active: Map<string, Running>, timeoutSeconds: number, time: VmTime, hold: boolean,
): Promise<DeckResult> {
  let job: CompiledJob;
  try {
    job = compileDeck(deck);
  } catch (e) {
    if (e instanceof MalformedDeckError) return errorResult(deck, e.message, 'malformed');
    return errorResult(deck, e instanceof Error ? e.message : String(e));
  }
  const cp = running.cp;
  const begin = performance.now();
  takeFiles(running, userid); // nothing left of an earlier run
  try {
    cp.spool.create('OPERATOR', { kind: 'punch', records: job.cards, name: job.name, type: 'JOB' }, { spoolClass: 'A', cont: false, hold: false, copies: 1, to: userid });
  } catch (e) {
    return errorResult(deck, `the deck could not be spooled: ${e instanceof Error ? e.message : String(e)}`, 'error', job.name);
  }
  const state: Running = { userid, console: [], logon: [], capturing: false, abend: undefined, forced: undefined, ended: () => undefined };
  const done = new Promise<void>((resolve) => {
    state.ended = resolve;
  });
  const force = (why: 'timeout' | 'read') => {
    if (state.forced !== undefined || !state.capturing) return;
    state.forced = why;
    // As the operator's FORCE: LOGOFF closes the printer and punch.
    setImmediate(() => {
      const user = cp.user(userid);
      if (user) cp.logoff(user);
    });
  };
  let user: CpUser | string[];
  const terminal = new BatchTerminal(state, () => {
    // The batch machine waits for a console line: the job ended without LOGOFF (an abend returns
    // to CMS's command loop) or a program asks for input a batch job cannot have.
    setImmediate(() => {
      const u = cp.user(userid);
      if (u && u.vm.console?.readPending && u.vm.console.queued === 0) force('read');
    });
  });
  active.set(userid, state);
  try {
    user = cp.logon(userid, terminal, { time });
    if (Array.isArray(user)) return errorResult(deck, `${userid} could not log on: ${user.join('; ')}`, 'error', job.name);
    // On a shared system the real printer and punch are started: the batch machine's printer and
    // punch files go to the spool held (system hold, as the operator's HOLD would), where the runner
    // takes them. The machine's own spool options stay as they are, so CLOSE says what it always says.
    if (hold) {
      for (const entry of user.vm.io.list()) {
        const device = entry.device;
        if (device instanceof VirtualPrinter || device instanceof VirtualPunch) device.bind((file, o) => cp.spool.create(userid, file, { ...o, hold: true }));
      }
    }
    state.capturing = true;
    user.vm.console?.enter('EXEC BATCH');
    cp.wake(user);
    const timer = setTimeout(() => force('timeout'), timeoutSeconds * 1000);
    await done;
    clearTimeout(timer);
  } finally {
    active.delete(userid);
  }
  const files = takeFiles(running, userid);
  const printer = printerText(files.printer, state.console);
  const punch = punchText(files.punch);
  const seconds = (performance.now() - begin) / 1000;
  const diff = [
    deck.expectPrinter === undefined ? '' : unifiedDiff(deck.expectPrinter, printer, `${deck.name} expected printer`, `${deck.name} printer`),
    deck.expectPunch === undefined ? '' : unifiedDiff(deck.expectPunch, punch, `${deck.name} expected punch`, `${deck.name} punch`),
  ].join('');
  const base = { deck: deck.name, job: job.name, user: userid, printer, punch, console: state.console, diff, seconds };
  if (state.forced === 'timeout') {
    const said = state.console.length === 0 ? ` (the batch machine typed nothing; at logon CP said: ${state.logon.join(' / ')})` : '';
    return { ...base, status: 'timeout', message: `no end of job within ${timeoutSeconds} seconds${said}` };
  }
  if (state.abend !== undefined && !job.expectAbend) return { ...base, status: 'abend', message: state.abend };
  if (state.forced === 'read' && state.abend === undefined) {
    return { ...base, status: 'error', message: 'the batch machine stopped to read its console (the job did not end with LOGOFF)' };
  }
  if (diff !== '') return { ...base, status: 'mismatch' };
  return { ...base, status: deck.expectPrinter === undefined && deck.expectPunch === undefined ? 'ran' : 'passed' };
}
