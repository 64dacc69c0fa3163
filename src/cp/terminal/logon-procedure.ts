// The logon procedure of a terminal that has no user yet (VM/370 CP Command Reference R6, LOGON),
// the same on a 3270 and on a line-mode terminal:
//
//   LOGON userid [password]     (also L, LOGIN; LOGOFF and DISCONN return to the logo)
//   ENTER PASSWORD:             (the password is read without being shown)
//   DMKLOG050E PASSWORD INCORRECT - REINITIATE LOGON PROCEDURE      [mem]
//   DMKLOG053E userid NOT IN CP DIRECTORY                           [mem]
//   DMKLOG020E USERID MISSING OR INVALID                            [mem]
//   DMKCFC001E ?CP: command
//
// Repeated wrong passwords are slowed down: the n-th failure answers after (n-1) delays.

import type { CpUser, UserTerminal } from '../control-program.ts';
import type { CpHost } from './cp-host.ts';

/** What the procedure needs from its terminal. */
export interface LogonTerminalIo {
  /** A line on the terminal. */
  say(line: string): void;
  /** The next line is read without being shown (a password), or shown again. */
  hideInput(hidden: boolean): void;
  /** Runs an action later (the delay after a wrong password); the terminal cancels it if it goes. */
  later(ms: number, action: () => void): void;
  /** Shows what was said (a delayed answer). */
  flush(): void;
  /** LOGOFF or DISCONN typed before logon: back to the logo. */
  logo(): void;
}

export class LogonProcedure {
  /** LOGON userid typed, password awaited. */
  private awaitingPassword: string | null = null;
  private failures = 0;
  /** True while a wrong password's answer is delayed: input is ignored. */
  locked = false;

  constructor(
    private readonly host: CpHost,
    private readonly terminal: UserTerminal,
    private readonly deviceName: string,
    private readonly io: LogonTerminalIo,
  ) {}

  /** Forgets a half-typed LOGON (the logo is shown again). */
  reset(): void {
    if (this.awaitingPassword !== null) this.io.hideInput(false);
    this.awaitingPassword = null;
  }

  get awaitingPasswordFor(): string | null {
    return this.awaitingPassword;
  }

  /** A line typed before logon; returns the user once logged on. */
  line(text: string): CpUser | null {
    if (this.awaitingPassword !== null) {
      const userid = this.awaitingPassword;
      this.awaitingPassword = null;
      this.io.hideInput(false);
      return this.password(userid, text.trim());
    }
    const words = text.trim().toUpperCase().split(/\s+/).filter((w) => w);
    const command = words[0];
    if (command === undefined) return null;
    if (/^(L|LOGO|LOGON|LOGI|LOGIN)$/.test(command)) {
      const userid = words[1];
      if (userid === undefined || !/^[A-Z0-9@#$]{1,8}$/.test(userid)) {
        this.io.say('DMKLOG020E USERID MISSING OR INVALID');
        return null;
      }
      if (words[2] !== undefined) return this.password(userid, words[2]);
      this.awaitingPassword = userid;
      this.io.say('ENTER PASSWORD:');
      this.io.hideInput(true);
      return null;
    }
    if (/^(LOG|LOGOF|LOGOFF|DISC|DISCO|DISCON|DISCONN)$/.test(command)) {
      this.io.logo();
      return null;
    }
    this.io.say(`DMKCFC001E ?CP: ${command}`);
    return null;
  }

  private password(userid: string, password: string): CpUser | null {
    const check = this.host.system.checkLogon(userid, password);
    if (check === 'unknown') {
      this.io.say(`DMKLOG053E ${userid} NOT IN CP DIRECTORY`);
      return null;
    }
    if (check !== 'ok') {
      this.failures++;
      this.host.logger.warn(`CP: incorrect password for ${userid} on ${this.deviceName} (${this.failures})`);
      const delay = (this.failures - 1) * (this.host.options.failureDelayMs ?? 2000);
      const say = () => {
        this.locked = false;
        this.io.say('DMKLOG050E PASSWORD INCORRECT - REINITIATE LOGON PROCEDURE');
        this.io.flush();
      };
      if (delay <= 0) {
        say();
        return null;
      }
      this.locked = true;
      this.io.later(delay, say);
      return null;
    }
    this.failures = 0;
    const result = this.host.cp.logon(userid, this.terminal);
    if (Array.isArray(result)) {
      for (const line of result) this.io.say(line);
      return null;
    }
    return result;
  }
}
