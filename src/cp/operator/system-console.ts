// The system console (VM/370 Operator's Guide R6, "The System Console"): the real console from
// which the operator runs CP. At system start OPERATOR is logged on here; CP writes its startup
// messages and the LOGON/LOGOFF log of every user here, and the operator's lines are CP commands
// (CP READ) or, once a guest runs in the operator's machine, lines for the guest's console.
//
// It is a line-mode terminal, a UserTerminal of kind 'console' with no device address (QUERY
// NAMES shows SYSC). Where the lines go is the caller's business: headless, `vm370 start` writes
// them to stdout and reads stdin; the ink UI draws them as a scrolling view (src/ui). The console
// keeps the most recent lines for that view, and tells listeners when something changed.
//
// Messages (R6 texts; [mem] marks those from memory of R6 transcripts, not verified):
//   VM/370 ONLINE                                  (after the operator logs off)
//   ENTER PASSWORD:
//   DMKLOG050E PASSWORD INCORRECT - REINITIATE LOGON PROCEDURE      [mem]
//   DMKLOG053E userid NOT IN CP DIRECTORY                           [mem]
//   DMKLOG020E USERID MISSING OR INVALID                            [mem]
//   CP COMMAND FAILED: reason       (ours: a fault in CP's own code, where R6 would have abended)

import type { ControlProgram, CpUser, UserTerminal } from '../control-program.ts';
import type { ConsoleStatus } from '../vm/console.ts';

/** One line of the console's history: something CP or the guest wrote, or a line the operator entered. */
export interface ConsoleLine {
  readonly text: string;
  readonly kind: 'output' | 'input';
}

export interface SystemConsoleOptions {
  /** Where every output line goes as well (headless: stdout). */
  output?: (line: string) => void;
  /** How many lines the console keeps for a view (default 2000). */
  keep?: number;
}

/** The status a line-mode view shows, as a 3270 console's status area would. */
export type SystemConsoleStatus = ConsoleStatus | 'NOT LOGGED ON';

export class SystemConsole implements UserTerminal {
  readonly address = null;
  readonly kind = 'console' as const;
  /** The user logged on at this console (OPERATOR after system start), or null. */
  user: CpUser | null = null;
  /** Bumped on every change, for views that redraw. */
  version = 0;
  private readonly lines: ConsoleLine[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly keep: number;
  private awaitingPassword: string | null = null;

  constructor(
    private readonly cp: ControlProgram,
    private readonly options: SystemConsoleOptions = {},
  ) {
    this.keep = options.keep ?? 2000;
  }

  /** The kept lines, oldest first. */
  history(): readonly ConsoleLine[] {
    return this.lines;
  }

  /** True while the next line entered is a password (a view does not show it). */
  get hiddenInput(): boolean {
    return this.awaitingPassword !== null;
  }

  /** Calls listener after every change; returns the function that stops it. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // UserTerminal: what CP sees of the console.

  writeLine(text: string): void {
    this.add({ text, kind: 'output' });
    this.options.output?.(text);
  }

  status(_status: ConsoleStatus): void {
    this.changed();
  }

  /** A line-mode console never holds output. */
  holding(): boolean {
    return false;
  }

  refresh(): void {
    this.changed();
  }

  /** LOGOFF or FORCE of the console's user: the console stays CP's, ready for another LOGON. */
  release(): void {
    this.user = null;
    this.writeLine('VM/370 ONLINE');
  }

  /** What the console is doing: CP READ, VM READ, RUNNING, or no one logged on. */
  currentStatus(): SystemConsoleStatus {
    const vm = this.user?.vm;
    if (vm === undefined) return 'NOT LOGGED ON';
    if (vm.state !== 'running') return 'CP READ';
    return vm.console?.readPending ? 'VM READ' : 'RUNNING';
  }

  /** The attention key (PA1 on a 3270, REQUEST on a 3215): the operator's machine stops in CP READ. */
  attention(): void {
    const user = this.user;
    if (user === null) return;
    if (user.vm.state === 'running') user.vm.enterCpMode();
    this.changed();
  }

  /**
   * The operator enters a line. In CP READ (or with the machine stopped) it is a CP command; while
   * the guest runs it goes to the guest's console ('#CP cmd' to CP); an empty line while the guest
   * runs with no read up is an attention. Before LOGON only LOGON is understood.
   */
  enter(text: string): void {
    const line = text.replace(/[\r\n]+$/, '');
    if (this.awaitingPassword !== null) {
      const userid = this.awaitingPassword;
      this.awaitingPassword = null;
      this.add({ text: '', kind: 'input' });
      this.password(userid, line.trim());
      return;
    }
    this.add({ text: line, kind: 'input' });
    const user = this.user;
    if (user === null) {
      this.preLogon(line);
      return;
    }
    const vm = user.vm;
    const cp = /^#CP(\s+(.*))?$/i.exec(line);
    try {
      if (vm.state === 'stopped') {
        vm.executeCommand(cp ? (cp[2] ?? '') : line, (l) => vm.console?.cpWrite(l), false);
      } else if (vm.state === 'running' && line === '' && !vm.console?.readPending) {
        vm.console?.attention();
      } else {
        vm.enter(line);
      }
    } catch (e) {
      // A command that fails inside CP must not take the system down with it.
      const message = e instanceof Error ? e.message : String(e);
      this.cp.logger.warn(`CP: system console: '${line}' failed: ${message}`);
      this.writeLine(`CP COMMAND FAILED: ${message}`);
    }
    this.cp.wake(user);
    this.cp.settle(user);
    this.changed();
  }

  private preLogon(line: string): void {
    const words = line.trim().toUpperCase().split(/\s+/).filter((w) => w);
    const command = words[0];
    if (command === undefined) return;
    if (!/^(L|LOGO|LOGON|LOGI|LOGIN)$/.test(command)) {
      this.writeLine(`DMKCFC001E ?CP: ${command}`);
      return;
    }
    const userid = words[1];
    if (userid === undefined || !/^[A-Z0-9@#$]{1,8}$/.test(userid)) {
      this.writeLine('DMKLOG020E USERID MISSING OR INVALID');
      return;
    }
    if (words[2] !== undefined) {
      this.password(userid, words[2]);
      return;
    }
    this.awaitingPassword = userid;
    this.writeLine('ENTER PASSWORD:');
  }

  private password(userid: string, password: string): void {
    const check = this.cp.system.checkLogon(userid, password);
    if (check === 'unknown') {
      this.writeLine(`DMKLOG053E ${userid} NOT IN CP DIRECTORY`);
      return;
    }
    if (check !== 'ok') {
      this.cp.logger.warn(`CP: incorrect password for ${userid} on the system console`);
      this.writeLine('DMKLOG050E PASSWORD INCORRECT - REINITIATE LOGON PROCEDURE');
      return;
    }
    this.logon(userid, { noIpl: false });
  }

  /** Logs a user on at this console (system start: OPERATOR, without the directory's IPL). */
  logon(userid: string, options: { noIpl: boolean }): CpUser | string[] {
    const result = this.cp.logon(userid, this, { noIpl: options.noIpl });
    if (Array.isArray(result)) {
      for (const line of result) this.writeLine(line);
      return result;
    }
    this.user = result;
    this.changed();
    return result;
  }

  private add(line: ConsoleLine): void {
    this.lines.push(line);
    if (this.lines.length > this.keep) this.lines.splice(0, this.lines.length - this.keep);
    this.changed();
  }

  private changed(): void {
    this.version++;
    for (const listener of [...this.listeners]) listener();
  }
}
