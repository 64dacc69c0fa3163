// A stand-in host application until CP exists: the VM/370 logo on an unformatted screen, then a
// console laid out like VM/370's 3270 console (VM/370 System Programmer's Guide, "3270 display
// console"): output area on the top lines, a two-line input area, and the status area at the
// bottom right (VM READ, RUNNING, CP READ). ENTER echoes the input line into the output area;
// PA1 goes to "CP" (BEGIN returns), PA2 clears the output area, CLEAR redraws, PF3 or LOGOFF
// disconnects. Other PF keys are echoed.

import { fromEbcdic, type CodePage } from '../ebcdic/index.ts';
import { DataStreamBuilder } from './builder.ts';
import { Aid, aidName, FieldAttribute, pfNumber, Wcc } from './codes.ts';
import { silentLogger, type HostTerminal, type TermLogger, type TerminalHostApplication } from './host.ts';
import { parseInbound } from './inbound.ts';
import { VM370_LOGO } from './logo.ts';

export interface DemoHostOptions {
  logger?: TermLogger;
  /** The time of day shown in LOGON/LOGOFF messages (default: the host clock). */
  clock?: () => Date;
  codePage?: CodePage;
}

/** The logo screen: VM/370 ONLINE, the big letters, and what to do next. */
export const LOGO_LINES: readonly string[] = [
  ...VM370_LOGO,
  'vm370 demo host - CP is not here yet.',
  'Press ENTER for the console, or type LOGOFF and press ENTER to disconnect.',
];

export type DemoStatus = 'VM READ' | 'RUNNING' | 'CP READ';

const STATUS_WIDTH = 20;

export class DemoHost implements TerminalHostApplication {
  private readonly sessions = new Set<DemoSession>();

  constructor(private readonly options: DemoHostOptions = {}) {}

  get sessionCount(): number {
    return this.sessions.size;
  }

  onConnect(terminal: HostTerminal): void {
    const session = new DemoSession(terminal, this.options);
    this.sessions.add(session);
    terminal.onDisconnect(() => this.sessions.delete(session));
    session.start();
  }
}

/** One terminal's conversation with the demo host. */
export class DemoSession {
  phase: 'logo' | 'console' = 'logo';
  status: DemoStatus = 'VM READ';
  readonly lines: string[] = [];
  private readonly rows: number;
  private readonly columns: number;
  private readonly alternate: boolean;
  private readonly logger: TermLogger;
  private readonly clock: () => Date;
  private readonly codePage: CodePage;
  private logoText = '';

  constructor(
    private readonly terminal: HostTerminal,
    options: DemoHostOptions,
  ) {
    const model = terminal.info.model;
    this.alternate = model.alternateRows !== model.defaultRows || model.alternateColumns !== model.defaultColumns;
    this.rows = this.alternate ? model.alternateRows : model.defaultRows;
    this.columns = this.alternate ? model.alternateColumns : model.defaultColumns;
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? (() => new Date());
    this.codePage = options.codePage ?? 'cp037';
  }

  /** Output area lines (the last one is one column short: the input field's attribute sits there). */
  get outputLines(): number {
    return this.rows - 2;
  }

  /** First position of the input area. */
  get inputAddress(): number {
    return (this.rows - 2) * this.columns;
  }

  start(): void {
    this.terminal.onInbound((record) => this.inbound(record));
    this.drawLogo();
  }

  private builder(): DataStreamBuilder {
    return new DataStreamBuilder({ rows: this.rows, columns: this.columns, codePage: this.codePage });
  }

  private drawLogo(): void {
    this.phase = 'logo';
    const b = this.builder();
    if (this.alternate) b.eraseWriteAlternate(Wcc.reset | Wcc.keyboardRestore | Wcc.resetMdt);
    else b.eraseWrite(Wcc.reset | Wcc.keyboardRestore | Wcc.resetMdt);
    LOGO_LINES.forEach((line, row) => {
      if (line) b.at(row + 1, 0).text(line);
    });
    b.at(this.rows - 2, 0).insertCursor();
    this.logoText = LOGO_LINES.filter((l) => l).join('');
    this.terminal.write(b.build());
  }

  /** The formatted console: output area, input area, status area. */
  drawConsole(): void {
    this.phase = 'console';
    const size = this.rows * this.columns;
    const b = this.builder();
    if (this.alternate) b.eraseWriteAlternate(Wcc.reset | Wcc.keyboardRestore | Wcc.resetMdt);
    else b.eraseWrite(Wcc.reset | Wcc.keyboardRestore | Wcc.resetMdt);
    const shown = this.lines.slice(-this.outputLines);
    shown.forEach((line, row) => {
      const width = row === this.outputLines - 1 ? this.columns - 1 : this.columns;
      if (line) b.at(row, 0).text(line.slice(0, width));
    });
    b.sba(this.inputAddress - 1).field(FieldAttribute.normal).insertCursor();
    b.sba(size - STATUS_WIDTH).field(FieldAttribute.protected | FieldAttribute.intensified).text(this.status.padEnd(STATUS_WIDTH - 2));
    b.sba(size - 1).field(FieldAttribute.protected);
    this.terminal.write(b.build());
  }

  /** Rewrites only the status area (a Write that leaves the keyboard as it is). */
  private showStatus(status: DemoStatus): void {
    this.status = status;
    const size = this.rows * this.columns;
    this.terminal.write(this.builder().write(0).sba(size - STATUS_WIDTH + 1).text(status.padEnd(STATUS_WIDTH - 2)).build());
  }

  /** Appends output, wrapping long lines at the screen width. */
  say(text: string): void {
    if (text === '') {
      this.lines.push('');
    }
    for (let i = 0; i < text.length; i += this.columns) this.lines.push(text.slice(i, i + this.columns));
    const keep = this.outputLines;
    if (this.lines.length > keep) this.lines.splice(0, this.lines.length - keep);
  }

  private time(): string {
    return this.clock().toTimeString().slice(0, 8);
  }

  private logoff(): void {
    this.say(`LOGOFF AT ${this.time()}`);
    this.status = 'VM READ';
    this.drawConsole();
    this.logger.info(`demo host: ${this.terminal.info.deviceName} logged off`);
    this.terminal.disconnect('LOGOFF');
  }

  private inbound(record: Uint8Array): void {
    const parsed = parseInbound(record);
    const aid = parsed.aid;
    if (aid === Aid.structuredField) return;
    if (this.phase === 'logo') {
      let typed = parsed.unformatted ? fromEbcdic(parsed.unformatted, this.codePage) : '';
      if (typed.startsWith(this.logoText)) typed = typed.slice(this.logoText.length);
      const command = typed.trim().toUpperCase();
      if (aid === Aid.enter && (command === 'LOGOFF' || command === 'LOG')) return this.logoff();
      const echo = typed.trim();
      this.say(`vm370 demo host on terminal ${this.terminal.info.deviceName} (${this.terminal.info.terminalType}, ${this.rows}x${this.columns})`);
      this.say('Type in the input area, then ENTER echoes it. PA1 enters CP (BEGIN returns),');
      this.say('PA2 clears the output area, CLEAR clears the screen, PF3 or LOGOFF disconnects.');
      if (aid === Aid.enter && echo) this.say(echo);
      this.drawConsole();
      return;
    }
    const pf = pfNumber(aid);
    if (pf === 3) return this.logoff();
    if (aid === Aid.clear) {
      this.lines.length = 0;
      return this.drawConsole();
    }
    if (aid === Aid.pa2) {
      this.lines.length = 0;
      return this.drawConsole();
    }
    if (aid === Aid.pa1) {
      this.status = 'CP READ';
      this.say('CP');
      return this.drawConsole();
    }
    if (aid === Aid.sysReq) return this.drawConsole();
    if (pf) {
      this.say(`PF${String(pf).padStart(2, '0')}`);
      return this.drawConsole();
    }
    if (aid !== Aid.enter) {
      this.say(aidName(aid));
      return this.drawConsole();
    }
    const field = parsed.fields.find((f) => f.address === this.inputAddress);
    const text = field ? fromEbcdic(field.data, this.codePage).trimEnd() : '';
    const command = text.trim().toUpperCase();
    if (command === 'LOGOFF' || command === 'LOG') return this.logoff();
    if (this.status === 'CP READ') {
      if (command === 'BEGIN' || command === 'B') {
        this.say(text);
        this.status = 'VM READ';
      } else if (command) {
        this.say(text);
        this.say(`DMKCFM001E UNKNOWN CP COMMAND (demo host: only BEGIN and LOGOFF)`);
      }
      return this.drawConsole();
    }
    // The "virtual machine" runs for a moment, then reads again.
    this.showStatus('RUNNING');
    if (text) this.say(text);
    this.status = 'VM READ';
    this.drawConsole();
  }
}
