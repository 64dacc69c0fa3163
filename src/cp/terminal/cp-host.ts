// CP as the owner of the terminals (a TerminalHostApplication): each connecting 3270 gets the logo
// screen (VM/370 ONLINE on an unformatted screen), LOGON with ENTER PASSWORD: in a non-display
// field, then the user's virtual machine with its console shown in the 3270 console layout
// (console-screen.ts). A telnet client that is not a 3270 is a line-mode user (line-session.ts).
// What an entered line means is console-input.ts; the LOGON dialogue is logon-procedure.ts (its
// messages are listed there). The virtual console is a 3215 in line mode: the guest's lines come
// through the VirtualMachine's ConsoleTerminal interface, and the lines the user enters go back to
// it; its display writes (DIAGNOSE X'58', CMS EDIT's display mode) fill the output area.
//
// Keys (VM/370 CP Command Reference R6, "Using a 3270"): ENTER enters the input area; PA1 enters
// CP mode; PA2 and CLEAR end MORE... / HOLDING; PFnn does what SET PFnn gave it.

import { fromEbcdic, type CodePage } from '../../ebcdic/index.ts';
import { DataStreamBuilder } from '../../term/builder.ts';
import { Aid, pfNumber, Wcc } from '../../term/codes.ts';
import { silentLogger, type HostTerminal, type TermLogger, type TerminalHostApplication } from '../../term/host.ts';
import { parseInbound } from '../../term/inbound.ts';
import { ControlProgram, type CpUser, type UserTerminal } from '../control-program.ts';
import type { Dispatcher } from '../dispatcher.ts';
import type { CpSystem } from '../system/cp-system.ts';
import type { ConsoleStatus } from '../vm/console.ts';
import type { VirtualMachineOptions } from '../vm/virtual-machine.ts';
import { ConsoleScreen, type BaseStatus } from './console-screen.ts';
import { enterLine, pfKeyAction } from './console-input.ts';
import { LogonProcedure } from './logon-procedure.ts';
import { LineSession } from './line-session.ts';
import type { LineHostTerminal } from '../../term/line-terminal.ts';
import { VM370_LOGO } from '../../term/logo.ts';

export interface CpHostOptions {
  logger?: TermLogger;
  /** CP's clock for LOGON AT / LOGOFF AT (default: the host clock). */
  clock?: () => Date;
  codePage?: CodePage;
  /** Time of the virtual machines (default real time, GMT). */
  vmTime?: VirtualMachineOptions['time'];
  /** Delay per repeated wrong password (ms; the n-th failure waits (n-1) times this; default 2000). */
  failureDelayMs?: number;
  /** How long the LOGOFF / DISCONNECT lines stay before the logo returns (ms; default 3000). */
  logoffDelayMs?: number;
  /** MORE... timeout (ms; default 60 000 as in R6 [mem]; null: only PA2/CLEAR). */
  moreTimeoutMs?: number | null;
  /** The control program the terminals lead to (default: a new one on the system and dispatcher). */
  cp?: ControlProgram;
  /**
   * Tell the guests their consoles are 3270s (DIAGNOSE X'24' gives the 3277's RDEV words; a line
   * entered while no read is up is an attention): CMS EDIT then uses its display mode, and IBM's
   * R6 CMS waits for an attention at its Ready message (status RUNNING), as it does on a real
   * 3270 (CMS reads the console only after the attention ENTER gives). Default true; false: the
   * console is a 3215 to the guest (a 3215's line length, VM READ at IBM CMS's Ready); DIAGNOSE
   * X'58' writes are shown either way.
   */
  display3270?: boolean;
}

/** The logo screen: R6 shows VM/370 ONLINE and the installation's logo on an unformatted screen. */
export const LOGO_LINES: readonly string[] = [
  ...VM370_LOGO,
  'Type LOGON userid and press ENTER.',
];

export class CpHost implements TerminalHostApplication {
  readonly sessions = new Set<TerminalSession>();
  /** Line-mode (telnet) users' sessions. */
  readonly lineSessions = new Set<LineSession>();
  readonly logger: TermLogger;
  readonly clock: () => Date;
  readonly cp: ControlProgram;

  constructor(
    readonly system: CpSystem,
    readonly dispatcher: Dispatcher,
    readonly options: CpHostOptions = {},
  ) {
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? (() => new Date());
    this.cp = options.cp ?? new ControlProgram(system, dispatcher, { logger: this.logger, clock: this.clock, vmTime: options.vmTime });
  }

  /** The logged-on users (the ControlProgram's). */
  get users(): Map<string, CpUser> {
    return this.cp.users;
  }

  onConnect(terminal: HostTerminal): void {
    const session = new TerminalSession(terminal, this);
    this.sessions.add(session);
    terminal.onDisconnect(() => {
      this.sessions.delete(session);
      session.dropped();
    });
    session.start();
  }

  /** A telnet client that is not a 3270: a line-mode user (line-session.ts). */
  onLineConnect(terminal: LineHostTerminal): void {
    const session = new LineSession(terminal, this);
    this.lineSessions.add(session);
    terminal.onDisconnect(() => {
      this.lineSessions.delete(session);
      session.dropped();
    });
    session.start();
  }

  /** Shutdown: every machine stops, its images are closed. */
  close(): void {
    this.cp.close();
    for (const s of this.sessions) s.screen.close();
    for (const s of this.lineSessions) s.dropped();
  }
}

/** One terminal: the logo, LOGON, then the console of the user's virtual machine. */
export class TerminalSession implements UserTerminal {
  phase: 'logo' | 'console' = 'logo';
  user: CpUser | null = null;
  readonly kind = 'graf' as const;
  readonly screen: ConsoleScreen;
  /** The guest is told its console is a 3270 (CpHostOptions.display3270). */
  readonly graphic: boolean;
  private readonly logon: LogonProcedure;
  /** A hidden line CP asked for (ENTER READ PASSWORD: for LINK), with who gets it. */
  private hiddenReader: ((line: string | null) => void) | null = null;
  private logoText = '';
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private flushScheduled: ReturnType<typeof setImmediate> | null = null;
  private readonly codePage: CodePage;

  constructor(
    readonly terminal: HostTerminal,
    private readonly host: CpHost,
  ) {
    this.codePage = host.options.codePage ?? 'cp037';
    this.graphic = host.options.display3270 ?? true;
    this.screen = new ConsoleScreen(terminal, {
      codePage: this.codePage,
      moreTimeoutMs: host.options.moreTimeoutMs,
      onRelease: () => {
        if (this.user) host.dispatcher.wake(this.user.vm);
      },
    });
    this.logon = new LogonProcedure(host, this, terminal.info.deviceName, {
      say: (line) => this.screen.append(line),
      hideInput: (hidden) => this.screen.setHiddenInput(hidden),
      later: (ms, action) => this.later(ms, action),
      flush: () => this.screen.flush(),
      logo: () => this.drawLogo(),
    });
  }

  start(): void {
    this.terminal.onInbound((record) => this.inbound(record));
    // The ATTN key of a TN3270 client (telnet IP or BRK) does what PA1 does.
    this.terminal.onAttention(() => this.attention());
    this.drawLogo();
  }

  private attention(): void {
    const user = this.user;
    if (this.phase !== 'console' || user === null) return;
    this.giveUpHiddenLine();
    if (user.vm.state === 'running') user.vm.enterCpMode();
    this.host.cp.settle(user);
  }

  // UserTerminal: what CP sees of this terminal.

  get address(): number {
    return this.terminal.info.address;
  }

  /**
   * A line from the guest or from CP. It is shown at the next refresh, or soon by itself (a MSG
   * from another user arrives while this machine waits and nobody else refreshes this terminal).
   */
  writeLine(text: string): void {
    this.screen.append(text);
    this.flushSoon();
  }

  /**
   * A display write of the guest (DIAGNOSE X'58'): the rows go into the output area, where they
   * stay until the next line of output (console-screen.ts).
   */
  display(lines: readonly string[], firstLine: number, erase: boolean): void {
    if (this.phase !== 'console') return;
    this.screen.display(lines, firstLine, erase);
    this.flushSoon();
  }

  private flushSoon(): void {
    if (this.flushScheduled === null && this.phase === 'console') {
      this.flushScheduled = setImmediate(() => {
        this.flushScheduled = null;
        if (this.terminal.connected && this.phase === 'console') this.refresh();
      });
    }
  }

  status(_status: ConsoleStatus): void {
    this.refreshStatus();
  }

  holding(): boolean {
    return this.screen.holding;
  }

  /**
   * CP asks the user for a line that is not shown (VM/370: LINK's ENTER READ PASSWORD:; the
   * HiddenLineReader of src/cp/commands/disks): the prompt is written, the input area goes
   * non-display, and the next line entered goes to `answer`, never to the screen. PA1, PA2 or CLEAR
   * give up (answer(null)), as does the terminal going away.
   */
  readHiddenLine(prompt: string, answer: (line: string | null) => void): void {
    this.giveUpHiddenLine();
    this.screen.append(prompt);
    this.screen.setHiddenInput(true);
    this.hiddenReader = answer;
    this.refresh();
  }

  private giveUpHiddenLine(): void {
    const hidden = this.hiddenReader;
    if (hidden === null) return;
    this.hiddenReader = null;
    this.screen.setHiddenInput(false);
    hidden(null);
  }

  /** The terminal went away: a logged-on user is disconnected; its machine runs on. */
  dropped(): void {
    for (const t of this.timers) clearTimeout(t);
    if (this.flushScheduled) clearImmediate(this.flushScheduled);
    this.flushScheduled = null;
    this.screen.close();
    this.giveUpHiddenLine();
    if (this.user) {
      if (this.user.terminal === this) this.host.cp.dropped(this.user);
      this.user = null;
    }
  }

  /** LOGOFF / DISCONN / FORCE: the lines stay a moment, then the logo returns. */
  release(): void {
    this.user = null;
    this.giveUpHiddenLine();
    this.screen.setHiddenInput(false);
    this.screen.setBase('CP READ');
    this.screen.flush();
    this.later(this.host.options.logoffDelayMs ?? 3000, () => this.drawLogo());
  }

  refresh(): void {
    this.screen.setBase(this.baseStatus());
    this.screen.flush();
  }

  refreshStatus(): void {
    this.screen.setBase(this.baseStatus());
  }

  private baseStatus(): BaseStatus {
    const vm = this.user?.vm;
    if (vm === undefined || vm.state !== 'running') return 'CP READ';
    return vm.console?.readPending ? 'VM READ' : 'RUNNING';
  }

  private later(ms: number, action: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (this.terminal.connected) action();
    }, ms);
    this.timers.add(t);
  }

  private drawLogo(): void {
    this.phase = 'logo';
    this.screen.reset();
    this.logon.reset();
    const b = new DataStreamBuilder({ rows: this.screen.rows, columns: this.screen.columns, codePage: this.codePage });
    const model = this.terminal.info.model;
    const alternate = model.alternateRows !== model.defaultRows || model.alternateColumns !== model.defaultColumns;
    if (alternate) b.eraseWriteAlternate(Wcc.reset | Wcc.keyboardRestore | Wcc.resetMdt);
    else b.eraseWrite(Wcc.reset | Wcc.keyboardRestore | Wcc.resetMdt);
    LOGO_LINES.forEach((line, row) => {
      if (line) b.at(row + 1, 0).text(line);
    });
    b.at(this.screen.rows - 2, 0).insertCursor();
    this.logoText = LOGO_LINES.filter((l) => l).join('');
    this.terminal.write(b.build());
  }

  private inbound(record: Uint8Array): void {
    const parsed = parseInbound(record);
    const aid = parsed.aid;
    if (aid === Aid.structuredField) return;
    if (this.phase === 'logo') {
      let typed = parsed.unformatted ? fromEbcdic(parsed.unformatted, this.codePage) : '';
      if (typed.startsWith(this.logoText)) typed = typed.slice(this.logoText.length);
      this.phase = 'console';
      this.screen.reset();
      this.screen.setBase('CP READ');
      if (aid === Aid.enter && typed.trim()) this.line(typed.trim());
      this.screen.flush();
      return;
    }
    if (this.logon.locked) return;
    // Every AID key locks the keyboard; the answer to it, whatever it is, unlocks it.
    this.screen.restoreKeyboard();
    if (aid === Aid.clear || aid === Aid.pa1 || aid === Aid.pa2) {
      this.giveUpHiddenLine();
      if (this.user) this.host.cp.settle(this.user);
    }
    if (aid === Aid.clear) {
      this.screen.cleared();
      return this.refresh();
    }
    if (aid === Aid.pa2) {
      this.screen.nextPage();
      return this.refresh();
    }
    if (aid === Aid.pa1) {
      if (this.user && this.user.vm.state === 'running') this.user.vm.enterCpMode();
      return this.refresh();
    }
    const pf = pfNumber(aid);
    if (pf > 0) return this.pfKey(pf);
    if (aid !== Aid.enter) return this.refresh();
    const field = parsed.fields.find((f) => f.address === this.screen.inputAddress);
    const text = field ? fromEbcdic(field.data, this.codePage).replace(/\0/g, '').trimEnd() : '';
    this.entered(text);
  }

  /** ENTER (or an IMMED PF key) with a line. */
  private entered(text: string): void {
    if (this.screen.holding) {
      if (text === '') this.screen.hold();
      else this.screen.notAccepted();
      return this.screen.flush();
    }
    this.line(text);
    if (this.user) this.host.cp.settle(this.user);
    else this.screen.flush();
  }

  /** SET PFnn: IMMED enters the key's line, DELAYED puts it in the input area; unset keys do nothing. */
  private pfKey(key: number): void {
    const action = this.user ? pfKeyAction(this.user, key) : null;
    if (action === null) return this.refresh();
    if (action.mode === 'delayed') {
      this.screen.setInput(action.text);
      return this.refresh();
    }
    this.entered(action.text);
  }

  /** A line entered on the console. */
  line(text: string): void {
    const hidden = this.hiddenReader;
    if (hidden !== null) {
      this.hiddenReader = null;
      this.screen.setHiddenInput(false);
      this.screen.inputTaken();
      hidden(text.trim());
      return;
    }
    const user = this.user;
    if (user === null) {
      const awaiting = this.logon.awaitingPasswordFor !== null;
      this.screen.inputTaken();
      if (!awaiting) this.screen.append(text);
      this.user = this.logon.line(text);
      if (this.user) this.refresh();
      return;
    }
    const disposition = enterLine(this.host.cp, user, text, () => {
      this.screen.inputTaken();
      if (text !== '') this.screen.append(text);
    });
    if (disposition === 'not-accepted') this.screen.notAccepted();
  }
}
