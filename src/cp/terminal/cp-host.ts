// CP as the owner of the terminals (a TerminalHostApplication): each connecting 3270 gets the logo
// screen (VM/370 ONLINE on an unformatted screen), LOGON with ENTER PASSWORD: in a non-display
// field, then the user's virtual machine with its console shown in the 3270 console layout
// (console-screen.ts). The virtual console is a 3215 in line mode: the guest's lines come through
// the VirtualMachine's ConsoleTerminal interface, and the lines the user enters go back to it.
//
// Messages (R6 texts; [mem] marks those from memory of R6 transcripts, not verified):
//   ENTER PASSWORD:
//   DMKLOG050E PASSWORD INCORRECT - REINITIATE LOGON PROCEDURE      [mem]
//   DMKLOG053E userid NOT IN CP DIRECTORY                           [mem]
//   DMKLOG054E ALREADY LOGGED ON LINE cuu                           [mem]
//   DMKLOG020E USERID MISSING OR INVALID                            [mem]
//   LOGON AT hh:mm:ss GMT WEEKDAY mm/dd/yy / RECONNECTED AT … / DISCONNECT AT … / LOGOFF AT …
//   CONNECT= hh:mm:ss VIRTCPU= mmm:ss.hh TOTCPU= mmm:ss.hh

import { fromEbcdic, type CodePage } from '../../ebcdic/index.ts';
import { DataStreamBuilder } from '../../term/builder.ts';
import { Aid, Wcc } from '../../term/codes.ts';
import { silentLogger, type HostTerminal, type TermLogger, type TerminalHostApplication } from '../../term/host.ts';
import { parseInbound } from '../../term/inbound.ts';
import { ControlProgram, type CpUser, type UserTerminal } from '../control-program.ts';
import type { Dispatcher } from '../dispatcher.ts';
import type { CpSystem } from '../system/cp-system.ts';
import type { ConsoleStatus } from '../vm/console.ts';
import type { VirtualMachineOptions } from '../vm/virtual-machine.ts';
import { ConsoleScreen, type BaseStatus } from './console-screen.ts';

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
  /** MORE... timeout (ms; null: only PA2/CLEAR). */
  moreTimeoutMs?: number | null;
  /** The control program the terminals lead to (default: a new one on the system and dispatcher). */
  cp?: ControlProgram;
}

/** The logo screen: R6 shows VM/370 ONLINE and the installation's logo on an unformatted screen. */
export const LOGO_LINES: readonly string[] = [
  'VM/370 ONLINE',
  '',
  '',
  ' VV      VV  MM       MM        //   33333    77777777    00000',
  ' VV      VV  MMM     MMM       //   33   33        77    00   00',
  '  VV    VV   MMMM   MMMM      //         33       77     00   00',
  '  VV    VV   MM MM MM MM     //       3333       77      00   00',
  '   VV  VV    MM  MMM  MM    //           33     77       00   00',
  '    VVVV     MM   M   MM   //       33   33    77        00   00',
  '     VV      MM       MM  //         33333    77          00000',
  '',
  '',
  'Type LOGON userid and press ENTER.',
];

export class CpHost implements TerminalHostApplication {
  readonly sessions = new Set<TerminalSession>();
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

  /** Shutdown: every machine stops, its images are closed. */
  close(): void {
    this.cp.close();
    for (const s of this.sessions) s.screen.close();
  }
}

/** One terminal: the logo, LOGON, then the console of the user's virtual machine. */
export class TerminalSession implements UserTerminal {
  phase: 'logo' | 'console' = 'logo';
  user: CpUser | null = null;
  readonly kind = 'graf' as const;
  readonly screen: ConsoleScreen;
  /** LOGON userid typed, password awaited. */
  private awaitingPassword: string | null = null;
  private failures = 0;
  private locked = false;
  private logoText = '';
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly codePage: CodePage;

  constructor(
    readonly terminal: HostTerminal,
    private readonly host: CpHost,
  ) {
    this.codePage = host.options.codePage ?? 'cp037';
    this.screen = new ConsoleScreen(terminal, {
      codePage: this.codePage,
      moreTimeoutMs: host.options.moreTimeoutMs,
      onRelease: () => {
        if (this.user) host.dispatcher.wake(this.user.vm);
      },
    });
  }

  start(): void {
    this.terminal.onInbound((record) => this.inbound(record));
    this.drawLogo();
  }

  // UserTerminal: what CP sees of this terminal.

  get address(): number {
    return this.terminal.info.address;
  }

  writeLine(text: string): void {
    this.screen.append(text);
  }

  status(_status: ConsoleStatus): void {
    this.refreshStatus();
  }

  holding(): boolean {
    return this.screen.holding;
  }

  /** The terminal went away: a logged-on user is disconnected; its machine runs on. */
  dropped(): void {
    for (const t of this.timers) clearTimeout(t);
    this.screen.close();
    if (this.user) {
      if (this.user.terminal === this) this.host.cp.dropped(this.user);
      this.user = null;
    }
  }

  /** LOGOFF / DISCONN / FORCE: the lines stay a moment, then the logo returns. */
  release(): void {
    this.user = null;
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
    this.awaitingPassword = null;
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
    if (this.locked) return;
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
    if (aid !== Aid.enter) return this.refresh();
    const field = parsed.fields.find((f) => f.address === this.screen.inputAddress);
    const text = field ? fromEbcdic(field.data, this.codePage).replace(/\0/g, '').trimEnd() : '';
    if (this.screen.holding) {
      if (text === '') this.screen.hold();
      else this.screen.notAccepted();
      return this.screen.flush();
    }
    this.screen.inputTaken();
    this.line(text);
    if (this.user) this.host.cp.settle(this.user);
    else this.screen.flush();
  }

  /** A line entered on the console. */
  line(text: string): void {
    if (this.awaitingPassword !== null) {
      const userid = this.awaitingPassword;
      this.awaitingPassword = null;
      this.screen.setHiddenInput(false);
      return this.password(userid, text.trim());
    }
    const user = this.user;
    if (user === null) {
      this.screen.append(text);
      return this.preLogon(text);
    }
    if (text !== '') this.screen.append(text);
    const vm = user.vm;
    const cp = /^#CP(\s+(.*))?$/i.exec(text);
    if (vm.state === 'stopped') {
      vm.executeCommand(cp ? (cp[2] ?? '') : text, (l) => vm.console?.cpWrite(l), false);
    } else if (vm.state === 'cp-read' && cp) {
      vm.enter(cp[2] ?? '');
    } else if (vm.state === 'running' && text === '' && !vm.console?.readPending) {
      vm.console?.attention();
    } else {
      vm.enter(text);
    }
    this.host.dispatcher.wake(vm);
  }

  private preLogon(text: string): void {
    const words = text.trim().toUpperCase().split(/\s+/).filter((w) => w);
    const command = words[0];
    if (command === undefined) return;
    if (/^(L|LOGO|LOGON|LOGI|LOGIN)$/.test(command)) {
      const userid = words[1];
      if (userid === undefined || !/^[A-Z0-9@#$]{1,8}$/.test(userid)) {
        this.screen.append('DMKLOG020E USERID MISSING OR INVALID');
        return;
      }
      if (words[2] !== undefined) return this.password(userid, words[2]);
      this.awaitingPassword = userid;
      this.screen.append('ENTER PASSWORD:');
      this.screen.setHiddenInput(true);
      return;
    }
    if (/^(LOG|LOGOF|LOGOFF|DISC|DISCO|DISCON|DISCONN)$/.test(command)) {
      this.drawLogo();
      return;
    }
    this.screen.append(`DMKCFC001E ?CP: ${command}`);
  }

  private password(userid: string, password: string): void {
    const check = this.host.system.checkLogon(userid, password);
    if (check === 'unknown') {
      this.screen.append(`DMKLOG053E ${userid} NOT IN CP DIRECTORY`);
      return;
    }
    if (check !== 'ok') {
      this.failures++;
      this.host.logger.warn(`CP: incorrect password for ${userid} on ${this.terminal.info.deviceName} (${this.failures})`);
      const delay = (this.failures - 1) * (this.host.options.failureDelayMs ?? 2000);
      const say = () => {
        this.locked = false;
        this.screen.append('DMKLOG050E PASSWORD INCORRECT - REINITIATE LOGON PROCEDURE');
        this.screen.flush();
      };
      if (delay <= 0) return say();
      this.locked = true;
      this.later(delay, say);
      return;
    }
    this.failures = 0;
    const result = this.host.cp.logon(userid, this);
    if (Array.isArray(result)) {
      for (const line of result) this.screen.append(line);
      return;
    }
    this.user = result;
    this.refresh();
  }
}
