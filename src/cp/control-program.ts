// The control program as a whole: the logged-on users and their virtual machines, the dispatcher
// that runs them, and what the users share (the directory, the spool, messages between users, the
// operator). Terminals of every kind (a 3270 over TN3270 or drawn locally, a line-mode telnet
// session, the operator's system console) reach CP through the UserTerminal interface; the
// commands reach CP through CpCommandContext.cp (src/cp/commands).
//
// VM/370 System Logic R6 names the pieces: DMKLOG (LOGON), DMKUSO (LOGOFF, DISCONN, FORCE),
// DMKMSG (MSG, WARNING), DMKCFM/DMKCFC (command dispatch), DMKDSP (dispatcher).
//
// Messages (R6 texts; [mem] marks those from memory of R6 transcripts, not verified):
//   DMKLOG054E ALREADY LOGGED ON LINE cuu          [mem]
//   LOGON AT hh:mm:ss GMT WEEKDAY mm/dd/yy / RECONNECTED AT … / DISCONNECT AT … / LOGOFF AT …
//   CONNECT= hh:mm:ss VIRTCPU= mmm:ss.hh TOTCPU= mmm:ss.hh

import type { CompiledUser } from './directory/index.ts';
import type { Dispatcher, DispatchedMachine } from './dispatcher.ts';
import type { CpSystem } from './system/cp-system.ts';
import type { ConsoleStatus, ConsoleTerminal } from './vm/console.ts';
import { VirtualMachine, type RunOutcome, type VirtualMachineOptions } from './vm/virtual-machine.ts';
import { cpCommandSet } from './commands/index.ts';
import { iplTargetError } from './commands/session.ts';
import { silentLogger, type TermLogger } from '../term/host.ts';
import { SpoolManager } from './spool/manager.ts';
import type { SystemOperator } from './operator/system-operator.ts';

/** The user's side of CP: a terminal (3270, line mode, the system console). */
export interface UserTerminal extends ConsoleTerminal {
  /** The terminal's device address (QUERY NAMES shows it), or null for the system console. */
  readonly address: number | null;
  /** 'graf' a 3270, 'line' a typewriter-like line-mode terminal, 'console' the system console. */
  readonly kind: 'graf' | 'line' | 'console';
  /** True while output waits for the user (MORE..., HOLDING): the virtual machine does not run. */
  holding(): boolean;
  /** Shows what CP and the guest wrote since the last refresh. */
  refresh(): void;
  /**
   * CP ends this terminal's connection to the user (LOGOFF, DISCONN, FORCE); the final lines have
   * been written. The terminal returns to the logo (or, for the system console, stays CP's).
   */
  release(): void;
  /**
   * Asks the user for a line that is not shown (LINK's ENTER READ PASSWORD:): the prompt is written,
   * the next line typed goes to `answer` without echo, null when the user cancels (PA1, PA2, CLEAR)
   * or goes away. Terminals that cannot hide input leave it out; LINK then wants PASS=.
   */
  readHiddenLine?(prompt: string, answer: (line: string | null) => void): void;
}

export interface ControlProgramOptions {
  logger?: TermLogger;
  /** CP's clock for LOGON AT / LOGOFF AT and messages (default: the host clock). */
  clock?: () => Date;
  /** Time of the virtual machines (default real time, GMT). */
  vmTime?: VirtualMachineOptions['time'];
  /** The system's name (QUERY USERID, DIAGNOSE X'00'); default VM370. */
  systemId?: string;
}

/** LOGON's options (VM/370 CP Command Reference, LOGON: NOIPL). */
export interface LogonOptions {
  noIpl?: boolean;
  /** This machine's clock, instead of the system's vmTime (the deck runner's batch machines run in virtual time from a fixed epoch on any system). */
  time?: VirtualMachineOptions['time'];
}

/** A logged-on user: the virtual machine, and the terminal it is connected to (null: disconnected). */
export class CpUser implements ConsoleTerminal, DispatchedMachine {
  vm!: VirtualMachine;
  terminal: UserTerminal | null = null;
  readonly classes: string;
  readonly logonAt: Date;
  /** SET MSG / WNG / IMSG (VM/370 CP Command Reference, SET). */
  receiveMessages = true;
  receiveWarnings = true;
  /** SET RUN ON: a CP command from CP READ leaves the machine running. */
  run = false;
  /** SET PFnn: the line each PF key enters (1-24). */
  readonly pfKeys = new Map<number, string>();
  /** Things the user's terminal settings hold (TERMINAL LINEND ...), for the terminal code. */
  readonly terminalSettings = new Map<string, string>();
  logoffRequested = false;
  disconnectRequested = false;

  constructor(
    readonly userid: string,
    readonly entry: CompiledUser,
    private readonly cp: ControlProgram,
  ) {
    this.classes = entry.classes.join('') || 'G';
    this.logonAt = cp.clock();
  }

  get connected(): boolean {
    return this.terminal !== null;
  }

  writeLine(text: string, source: 'guest' | 'cp'): void {
    this.terminal?.writeLine(text, source);
  }

  status(status: ConsoleStatus): void {
    this.terminal?.status?.(status);
  }

  canRun(): boolean {
    return this.terminal === null || !this.terminal.holding();
  }

  afterRun(_outcome: RunOutcome): void {
    this.cp.settle(this);
  }

  /** Runs a CP command as this user (from the terminal: fromDiagnose false). */
  command(line: string, reply: (line: string) => void = (l) => this.vm.console?.cpWrite(l)): number {
    return this.vm.executeCommand(line, reply, false);
  }
}

const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
const two = (n: number) => String(n).padStart(2, '0');

/** hh:mm:ss GMT WEEKDAY mm/dd/yy, as CP writes times of day. */
export function cpTimeStamp(t: Date): string {
  return `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())} GMT ${WEEKDAYS[t.getUTCDay()]} ${two(t.getUTCMonth() + 1)}/${two(t.getUTCDate())}/${two(t.getUTCFullYear() % 100)}`;
}

/** hh:mm:ss of a duration in microseconds. */
export function cpDuration(micros: number): string {
  const s = Math.floor(micros / 1_000_000);
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

/** mmm:ss.hh of a CPU time in microseconds. */
export function cpCpuTime(micros: number): string {
  const hundredths = Math.floor(micros / 10_000);
  const s = Math.floor(hundredths / 100);
  return `${String(Math.floor(s / 60)).padStart(3, '0')}:${two(s % 60)}.${two(hundredths % 100)}`;
}

export class ControlProgram {
  readonly users = new Map<string, CpUser>();
  readonly logger: TermLogger;
  readonly clock: () => Date;
  readonly systemId: string;
  /** Hooks other parts of CP add: called after a user logs on and before a user's machine goes. */
  readonly onLogon: Array<(user: CpUser) => void> = [];
  readonly onLogoff: Array<(user: CpUser) => void> = [];
  /**
   * Admission checks run first in logon(): each may refuse with the lines to show (DISABLE, a
   * shutdown in progress). A reconnection and the system console are the checks' business.
   */
  readonly logonChecks: Array<(userid: string, terminal: UserTerminal | null) => string[] | null> = [];
  /** The operator's side of CP (SET LOGMSG, ENABLE/DISABLE, the system console, SHUTDOWN): src/cp/operator. */
  operator?: SystemOperator;
  /** The spool: every spool file, the users' readers, the real printer and punch (src/cp/spool). */
  readonly spool: SpoolManager;

  constructor(
    readonly system: CpSystem,
    readonly dispatcher: Dispatcher,
    readonly options: ControlProgramOptions = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? (() => new Date());
    this.systemId = options.systemId ?? 'VM370';
    this.spool = new SpoolManager(system.dataDir, this);
  }

  user(userid: string): CpUser | undefined {
    return this.users.get(userid.toUpperCase());
  }

  /** The log message as LOGON and QUERY LOGMSG show it (SET LOGMSG; none without an operator). */
  get logMessages(): readonly string[] {
    return this.operator?.logMessageLines() ?? [];
  }

  /**
   * LOGON (and AUTOLOG, with no terminal): a new virtual machine, or the reconnection of a
   * disconnected one. The password has been checked. Returns the user, or the lines that say why not.
   */
  logon(userid: string, terminal: UserTerminal | null, options: LogonOptions = {}): CpUser | string[] {
    userid = userid.toUpperCase();
    for (const check of this.logonChecks) {
      const refused = check(userid, terminal);
      if (refused !== null) return refused;
    }
    const stamp = cpTimeStamp(this.clock());
    const existing = this.users.get(userid);
    if (existing) {
      if (existing.terminal !== null || terminal === null) {
        const where = existing.terminal?.address;
        return [`DMKLOG054E ALREADY LOGGED ON ${where === null || where === undefined ? 'CONSOLE' : `LINE ${where.toString(16).toUpperCase().padStart(3, '0')}`}`];
      }
      existing.terminal = terminal;
      terminal.writeLine(`RECONNECTED AT ${stamp}`, 'cp');
      this.logger.info(`CP: ${userid} reconnected`);
      return existing;
    }
    const entry = this.system.user(userid);
    if (entry === undefined) return [`DMKLOG053E ${userid} NOT IN CP DIRECTORY`];
    const user = new CpUser(userid, entry, this);
    user.terminal = terminal;
    const lines: string[] = [];
    const minidisks = [];
    for (const r of this.system.minidisksFor(entry)) {
      if (r.ok) {
        minidisks.push(r.link);
        if (r.message) lines.push(r.message);
      } else lines.push(r.message);
    }
    try {
      user.vm = new VirtualMachine({
        userid,
        storageSize: entry.storage ?? 1024 * 1024,
        terminal: user,
        consoleAddress: entry.console?.vaddr,
        minidisks,
        savedSystems: this.system.savedSystems,
        commands: cpCommandSet(),
        time: options.time ?? this.options.vmTime ?? { mode: 'real' },
        systemId: this.systemId,
      });
    } catch (e) {
      // The links the directory gave are not held by a machine that never came to be.
      this.system.links.dropUser(userid);
      return [...lines, `DMKLOG999E LOGON FAILED: ${e instanceof Error ? e.message : String(e)}`];
    }
    user.vm.owner = { cp: this, user, classes: user.classes };
    for (const line of lines) user.writeLine(line, 'cp');
    this.spool.connect(user);
    user.writeLine(`LOGON AT ${stamp}`, 'cp');
    this.users.set(userid, user);
    this.logger.info(`CP: ${userid} logged on${terminal === null ? ' (disconnected)' : ''}`);
    for (const hook of this.onLogon) hook(user);
    if (entry.ipl && !options.noIpl) {
      const refused = iplTargetError(user.vm, entry.ipl.target);
      if (refused !== null) user.writeLine(`${refused.id} ${refused.text}`, 'cp');
      else {
        try {
          user.vm.ipl(entry.ipl.target);
        } catch (e) {
          user.writeLine(e instanceof Error ? e.message : String(e), 'cp');
        }
      }
    }
    this.dispatcher.add(user);
    return user;
  }

  /** After a slice or a command: LOGOFF and DISCONN take effect, the terminal shows the output. */
  settle(user: CpUser): void {
    if (user.logoffRequested) {
      user.logoffRequested = false;
      this.logoff(user);
      return;
    }
    if (user.disconnectRequested) {
      user.disconnectRequested = false;
      this.disconnect(user);
      return;
    }
    user.terminal?.refresh();
  }

  /** DISCONN: the terminal goes back to the logo; the virtual machine runs on. */
  disconnect(user: CpUser): void {
    const terminal = user.terminal;
    user.terminal = null;
    if (terminal) {
      terminal.writeLine(`DISCONNECT AT ${cpTimeStamp(this.clock())}`, 'cp');
      terminal.release();
    }
    this.logger.info(`CP: ${user.userid} disconnected`);
  }

  /** The terminal went away without DISCONN (a dropped line): the machine runs on, disconnected. */
  dropped(user: CpUser): void {
    user.terminal = null;
    this.logger.info(`CP: ${user.userid} disconnected (line dropped)`);
  }

  /** LOGOFF (also FORCE): the machine ends, its devices are released, the terminal is told. */
  logoff(user: CpUser): void {
    if (this.users.get(user.userid) !== user) return;
    for (const hook of this.onLogoff) hook(user);
    const vm = user.vm;
    this.dispatcher.remove(vm);
    this.users.delete(user.userid);
    const terminal = user.terminal;
    user.terminal = null;
    if (terminal) {
      terminal.writeLine(`CONNECT= ${cpDuration(vm.connectMicros())} VIRTCPU= ${cpCpuTime(vm.virtualCpuMicros())} TOTCPU= ${cpCpuTime(vm.totalCpuMicros())}`, 'cp');
      terminal.writeLine(`LOGOFF AT ${cpTimeStamp(this.clock())}`, 'cp');
      terminal.release();
    }
    vm.close();
    this.logger.info(`CP: ${user.userid} logged off`);
  }

  /** Wakes a user's machine (a line typed, output released, a reader file arrived ...). */
  wake(user: CpUser): void {
    this.dispatcher.wake(user.vm);
  }

  /** Shutdown: every machine stops, its images are closed. */
  close(): void {
    for (const user of [...this.users.values()]) {
      this.dispatcher.remove(user.vm);
      user.vm.close();
    }
    this.users.clear();
  }
}

