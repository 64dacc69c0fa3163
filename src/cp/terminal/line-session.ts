// A line-mode user: a telnet client that is not a 3270 (src/term/line-terminal.ts), served as VM/370
// serves a typewriter terminal (a 2741 or a TTY; VM/370 CP Command Reference R6, "Terminal
// Characteristics"): CP's and the guest's lines are typed out one after another, with no screen,
// so there is no MORE... and no HOLDING; the user types lines.
//
//   VM/370 ONLINE                     the logo, as a line
//   LOGON userid / ENTER PASSWORD:    the password is read with the client's echo off (telnet ECHO)
//   #CP command                       a line for CP from VM READ or while the machine runs
//   attention                         telnet IP or BRK (Ctrl-C in most clients), Ctrl-C typed as
//                                     data, or ESC at the start of a line: the machine stops and CP
//                                     reads commands (CP READ), as PA1 on a 3270
//
// LOGOFF and DISCONN end the telnet connection, as R6 drops a switched line at logoff.

import type { CpUser, UserTerminal } from '../control-program.ts';
import type { LineHostTerminal } from '../../term/line-terminal.ts';
import type { ConsoleStatus } from '../vm/console.ts';
import type { CpHost } from './cp-host.ts';
import { enterLine } from './console-input.ts';
import { lineSize } from '../commands/user/index.ts';
import { LogonProcedure } from './logon-procedure.ts';
import { keepLine } from './console-screen.ts';

export class LineSession implements UserTerminal {
  user: CpUser | null = null;
  readonly kind = 'line' as const;
  /** The lines written, the latest TRANSCRIPT_LINES at least (tests, transcripts). */
  readonly transcript: string[] = [];
  private readonly logon: LogonProcedure;
  private hiddenReader: ((line: string | null) => void) | null = null;
  private timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    readonly terminal: LineHostTerminal,
    private readonly host: CpHost,
  ) {
    this.logon = new LogonProcedure(host, this, terminal.info.deviceName, {
      say: (line) => this.writeLine(line),
      hideInput: (hidden) => terminal.hideInput(hidden),
      later: (ms, action) => this.later(ms, action),
      flush: () => undefined,
      logo: () => this.logo(),
    });
  }

  start(): void {
    this.terminal.onLine((line) => this.typed(line));
    this.terminal.onAttention(() => this.attention());
    this.logo();
  }

  get address(): number {
    return this.terminal.info.address;
  }

  /** A line typed out; longer than the user's LINESIZE (TERMINAL LINESIZE, 80) it goes on the next line. */
  writeLine(text: string): void {
    const width = this.user ? lineSize(this.user) : 80;
    for (let i = 0; i === 0 || i < text.length; i += width) {
      const piece = text.slice(i, i + width);
      keepLine(this.transcript, piece);
      this.terminal.writeLine(piece);
    }
  }

  status(_status: ConsoleStatus): void {}

  /** A typewriter never holds output. */
  holding(): boolean {
    return false;
  }

  refresh(): void {}

  /** LOGOFF / DISCONN / FORCE: the final lines are out; the line is dropped. */
  release(): void {
    this.user = null;
    this.giveUpHiddenLine();
    this.terminal.hideInput(false);
    this.terminal.disconnect('logged off');
  }

  /**
   * CP asks for a line that is not shown (LINK's ENTER READ PASSWORD:; the HiddenLineReader of
   * src/cp/commands/disks): the client's echo is turned off for it. Attention gives up
   * (answer(null)), as does the client going away.
   */
  readHiddenLine(prompt: string, answer: (line: string | null) => void): void {
    this.giveUpHiddenLine();
    this.writeLine(prompt);
    this.terminal.hideInput(true);
    this.hiddenReader = answer;
  }

  private giveUpHiddenLine(): void {
    const hidden = this.hiddenReader;
    if (hidden === null) return;
    this.hiddenReader = null;
    if (this.terminal.connected) this.terminal.hideInput(false);
    hidden(null);
  }

  /** The client went away: a logged-on user is disconnected; its machine runs on. */
  dropped(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.giveUpHiddenLine();
    if (this.user) {
      if (this.user.terminal === this) this.host.cp.dropped(this.user);
      this.user = null;
    }
  }

  private logo(): void {
    this.logon.reset();
    this.writeLine('VM/370 ONLINE');
  }

  private later(ms: number, action: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (this.terminal.connected) action();
    }, ms);
    this.timers.add(t);
  }

  /** Attention (PA1 on a 3270): a running machine stops and CP reads commands. */
  private attention(): void {
    if (this.hiddenReader !== null) {
      this.giveUpHiddenLine();
      if (this.user) this.host.cp.settle(this.user);
      return;
    }
    const user = this.user;
    if (user === null || user.vm.state !== 'running') return;
    user.vm.enterCpMode();
    this.host.cp.settle(user);
  }

  private typed(text: string): void {
    if (this.logon.locked) return;
    const hidden = this.hiddenReader;
    if (hidden !== null) {
      this.hiddenReader = null;
      this.terminal.hideInput(false);
      hidden(text.trim());
      if (this.user) this.host.cp.settle(this.user);
      return;
    }
    const user = this.user;
    if (user === null) {
      this.user = this.logon.line(text);
      return;
    }
    // The client echoed the line itself; nothing is written back.
    if (enterLine(this.host.cp, user, text, () => undefined) === 'not-accepted') this.writeLine('NOT ACCEPTED');
    if (this.user) this.host.cp.settle(this.user);
  }
}
