// What the system operator's commands act on, one per ControlProgram (no module state): the log
// message (SET LOGMSG), whether terminals may log on (ENABLE/DISABLE), the system console and its
// LOGON/LOGOFF log, FORCE, AUTOLOG and SHUTDOWN. VM/370 System Logic R6 names the pieces: DMKUSO
// (FORCE), DMKLOG (AUTOLOG), DMKCPV/DMKCKP (SHUTDOWN: spool checkpoint, then the disabled wait).
//
// The operator console log (R6 texts as the CE IPL log shows them; [mem] where from memory):
//   hh:mm:ss GRAF 0C0 LOGON AS MAINT USERS = 002
//   hh:mm:ss USER DSC LOGOFF AS GUEST USERS = 001
//   hh:mm:ss AUTO LOGON ***  GUEST USERS = 002 BY OPERATOR
//   hh:mm:ss GRAF 0C0 LOGOFF AS GUEST USERS = 001 FORCED BY OPERATOR       [mem]
//   LINE 0C1 / SYSC in place of GRAF 0C0 for line-mode terminals and the console   [mem]
// Messages to users:
//   USER userid FORCED BY OPERATOR                                         [mem]
//   SYSTEM SHUTDOWN IN PROGRESS      (our wording: R6 users simply lost the system)
//   LOGON REFUSED: TERMINALS ARE DISABLED BY THE OPERATOR   (our wording: R6 disabled the lines)
//   DMKCKP960I SYSTEM WARM START DATA SAVED / DMKCKP961W SYSTEM SHUTDOWN COMPLETE (console)

import { cpTimeStamp, type ControlProgram, type CpUser } from '../control-program.ts';
import type { SystemConsole } from './system-console.ts';

/** The operator's side of a ControlProgram, made on first use. */
export function operatorOf(cp: ControlProgram): SystemOperator {
  cp.operator ??= new SystemOperator(cp);
  return cp.operator;
}

const two = (n: number) => String(n).padStart(2, '0');
const three = (n: number) => String(n).padStart(3, '0');

export class SystemOperator {
  /** SET LOGMSG: the lines shown at LOGON (QUERY LOGMSG). */
  readonly logMessage: string[] = [];
  /** False after DISABLE: terminals other than the system console cannot log on. */
  enabled = true;
  /** The system console, once the system has started. */
  console: SystemConsole | null = null;
  /** True once SHUTDOWN has begun. */
  shuttingDown = false;
  /** Resolves when SHUTDOWN has finished (null before). */
  shutdownDone: Promise<void> | null = null;
  private readonly shutdownListeners: Array<() => void> = [];
  /** Who is autologging the user now being logged on (AUTO LOGON *** ... BY x). */
  private autologBy: string | null = null;
  /** Users being forced off, and by whom. */
  private readonly forcing = new Map<string, string>();
  /** Users logged off at SHUTDOWN without a line in the console log. */
  private readonly quiet = new Set<string>();

  constructor(readonly cp: ControlProgram) {
    cp.onLogon.push((user) => this.loggedOn(user));
    cp.onLogoff.push((user) => this.loggingOff(user));
    // DISABLE: a new LOGON from a 3270 or line-mode terminal is refused; the system console,
    // AUTOLOG and the reconnection of a disconnected user still go.
    cp.logonChecks.push((userid, terminal) => {
      const known = cp.user(userid) !== undefined;
      if (!this.enabled && !known && terminal !== null && terminal.kind !== 'console') {
        return ['LOGON REFUSED: TERMINALS ARE DISABLED BY THE OPERATOR'];
      }
      if (this.shuttingDown) return ['SYSTEM SHUTDOWN IN PROGRESS'];
      return null;
    });
  }

  /** hh:mm:ss of CP's clock, as the console log starts its lines. */
  time(): string {
    const t = this.cp.clock();
    return `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())}`;
  }

  /** A line on the system console, if there is one. */
  tell(line: string): void {
    this.console?.writeLine(line);
  }

  /** The spool's line for the console at start: every spool file in the system (FILES: nnn RDR, NO PRT, ...). */
  filesLine(): string {
    const part = (queue: 'RDR' | 'PRT' | 'PUN') => {
      const n = this.cp.spool.list(queue).length;
      return n === 0 ? `NO ${queue}` : `${three(n)} ${queue}`;
    };
    return `FILES: ${part('RDR')}, ${part('PRT')}, ${part('PUN')}`;
  }

  /** Calls listener when SHUTDOWN has finished: the CLI ends the process. */
  onShutdown(listener: () => void): void {
    this.shutdownListeners.push(listener);
  }

  /** AUTOLOG: logs a user on disconnected; the directory's IPL runs. Returns the user or R6's lines. */
  autolog(userid: string, by: string): CpUser | string[] {
    this.autologBy = by;
    try {
      return this.cp.logon(userid, null);
    } finally {
      this.autologBy = null;
    }
  }

  /** System start: a user logged on at the system console (OPERATOR ... BY SYSTEM). */
  logonAtConsole(console: SystemConsole, userid: string): CpUser | string[] {
    this.console = console;
    this.autologBy = 'SYSTEM';
    try {
      return console.logon(userid, { noIpl: true });
    } finally {
      this.autologBy = null;
    }
  }

  /** FORCE: the user is told, then logged off (the issuer's own machine at the end of its command). */
  force(user: CpUser, by: string, issuer?: CpUser): void {
    user.writeLine(`USER ${user.userid} FORCED BY ${by}`, 'cp');
    this.forcing.set(user.userid, by);
    if (issuer === user) {
      user.logoffRequested = true;
      user.vm.enterCpMode();
      return;
    }
    try {
      this.cp.logoff(user);
    } finally {
      this.forcing.delete(user.userid);
    }
  }

  /**
   * SHUTDOWN: after the command that asked for it has returned (it may run inside a guest's
   * DIAGNOSE), every user is told and logged off, the spool is closed, the console says so, and
   * the listeners (the CLI) end the process. Asking twice gives the same promise.
   */
  requestShutdown(by: string): Promise<void> {
    if (this.shutdownDone) return this.shutdownDone;
    this.shuttingDown = true;
    this.shutdownDone = new Promise<void>((resolve) => {
      setImmediate(() => {
        try {
          this.shutdownNow(by);
        } finally {
          resolve();
        }
      });
    });
    return this.shutdownDone;
  }

  private shutdownNow(by: string): void {
    const console = this.console;
    const atConsole = (u: CpUser) => console !== null && u.terminal === console;
    // The console's user goes last, so that the log counts the others as it always does.
    const users = [...this.cp.users.values()].sort((a, b) => Number(atConsole(a)) - Number(atConsole(b)));
    for (const user of users) {
      if (atConsole(user)) {
        // The console's own user goes quietly: the console stays to say the system is down.
        user.terminal = null;
        console!.user = null;
        this.quiet.add(user.userid);
      } else {
        user.writeLine('SYSTEM SHUTDOWN IN PROGRESS', 'cp');
        this.forcing.set(user.userid, by);
      }
      try {
        // LOGOFF closes the user's open spool files (the spool acts on it) and its minidisk images.
        this.cp.logoff(user);
      } catch (e) {
        this.cp.logger.warn(`CP: shutdown: ${user.userid}: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        this.forcing.delete(user.userid);
        this.quiet.delete(user.userid);
      }
    }
    this.cp.close();
    this.tell('DMKCKP960I SYSTEM WARM START DATA SAVED');
    this.tell('DMKCKP961W SYSTEM SHUTDOWN COMPLETE');
    this.cp.logger.info(`CP: system shutdown by ${by}`);
    for (const listener of this.shutdownListeners) listener();
  }

  /** The LOGMSG lines as QUERY LOGMSG and LOGON show them (none when no message is set). */
  logMessageLines(): string[] {
    return this.logMessage.map((line) => `LOGMSG - ${line}`);
  }

  private where(user: CpUser): string {
    const terminal = user.terminal;
    if (terminal === null) return 'USER DSC';
    if (terminal.kind === 'console' || terminal.address === null) return 'SYSC';
    const cuu = terminal.address.toString(16).toUpperCase().padStart(3, '0');
    return `${terminal.kind === 'graf' ? 'GRAF' : 'LINE'} ${cuu}`;
  }

  private loggedOn(user: CpUser): void {
    const count = three(this.cp.users.size);
    if (this.autologBy !== null) this.tell(`${this.time()} AUTO LOGON ***  ${user.userid} USERS = ${count} BY ${this.autologBy}`);
    else this.tell(`${this.time()} ${this.where(user)} LOGON AS ${user.userid} USERS = ${count}`);
    for (const line of this.logMessageLines()) user.writeLine(line, 'cp');
  }

  private loggingOff(user: CpUser): void {
    // CP calls this before the user leaves the table.
    if (this.quiet.has(user.userid)) return;
    const count = three(Math.max(0, this.cp.users.size - 1));
    const by = this.forcing.get(user.userid);
    this.forcing.delete(user.userid);
    this.tell(`${this.time()} ${this.where(user)} LOGOFF AS ${user.userid} USERS = ${count}${by ? ` FORCED BY ${by}` : ''}`);
  }
}

/** The console's startup banner (R6 [mem]: the release line, the time, the start kind). */
export function startupBanner(now: Date, warm: boolean): string[] {
  const stamp = cpTimeStamp(now);
  const [time, , , date] = stamp.split(' ');
  return [
    `VM/370 RELEASE 6 (VM370 IN TYPESCRIPT) ${date} ${time}`,
    `NOW ${stamp}`,
    'START ((COLD|WARM|CKPT|FORCE) (DRAIN))|(SHUTDOWN)',
    warm ? 'WARM' : 'COLD',
  ];
}
