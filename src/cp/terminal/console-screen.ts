// The VM/370 3270 console layout (VM/370 System Programmer's Guide R6, "3270 display console";
// CP Command Reference, "Terminal Characteristics"): a line-mode console shown on a display.
//
//   rows 1-22   output area: lines fill it from the top (a display write, DIAGNOSE X'58', puts
//               rows anywhere in it; they stay until the next line); when it is full and more
//               output comes, the status area shows MORE...; after a timeout (60 seconds in R6 [mem]), or on PA2 /
//               CLEAR, the output area is cleared and the next lines are shown from the top. ENTER
//               with an empty input area during MORE... holds the screen (HOLDING) until PA2 or CLEAR.
//   rows 23-24  input area (an unprotected field; non-display while a password is read), minus the
//               status area at the bottom right: VM READ, CP READ, RUNNING, MORE..., HOLDING,
//               NOT ACCEPTED.
//
// On a 3278 model 3, 4 or 5 the console uses the alternate screen (Erase/Write Alternate): 32, 43
// or 27 rows (132 columns on a model 5); the input area is always the last two rows.
//
// A write that only adds output lines (a message from another user, the guest's output while the
// user types) rewrites the output area and the status only: the input area, its modified data tag
// and the cursor stay as the user left them, so nothing typed is lost.
//
// This class is the layout only: lines in, 3270 data streams out. The session decides what input
// means. Nothing here is module-level; timers are per screen.

import type { CodePage } from '../../ebcdic/index.ts';
import { DataStreamBuilder } from '../../term/builder.ts';
import { FieldAttribute, Wcc } from '../../term/codes.ts';
import type { HostTerminal } from '../../term/host.ts';

export type BaseStatus = 'VM READ' | 'CP READ' | 'RUNNING';
export type ScreenStatus = BaseStatus | 'MORE...' | 'HOLDING' | 'NOT ACCEPTED';

export interface ConsoleScreenOptions {
  codePage?: CodePage;
  /** How long MORE... waits before it clears the output area (ms); null: only PA2/CLEAR clear it. */
  moreTimeoutMs?: number | null;
  /** Held output was released (the virtual machine may write again). */
  onRelease?: () => void;
}

/** R6 clears a full screen after 60 seconds of MORE... [mem]. */
export const DEFAULT_MORE_TIMEOUT_MS = 60_000;

/** Lines a transcript keeps at least; older ones go, so a session that lasts for days stays small. */
export const TRANSCRIPT_LINES = 1000;

/** Adds a line to a transcript, dropping the oldest ones now and then. */
export function keepLine(transcript: string[], line: string): void {
  transcript.push(line);
  if (transcript.length > 2 * TRANSCRIPT_LINES) transcript.splice(0, transcript.length - TRANSCRIPT_LINES);
}

/** Width of the status area, its attribute byte included. */
export const STATUS_WIDTH = 20;

export class ConsoleScreen {
  readonly rows: number;
  readonly columns: number;
  /** The output area as shown. */
  readonly shown: string[] = [];
  /** Lines waiting for the user to see the output area (MORE...). */
  readonly pending: string[] = [];
  /** The lines put on the output area, the latest TRANSCRIPT_LINES at least (tests, transcripts). */
  readonly transcript: string[] = [];
  base: BaseStatus = 'CP READ';
  overlay: 'MORE...' | 'HOLDING' | 'NOT ACCEPTED' | null = null;
  /** The input area does not display what is typed (a password). */
  hiddenInput = false;
  /** The output area holds a display write (DIAGNOSE X'58'). */
  displayed = false;
  private formatted = false;
  private dirty = true;
  private clearInput = false;
  /** Text for the input area at the next flush (a DELAYED PF key), or null. */
  private presetInput: string | null = null;
  private lastStatus = '';
  private lastHidden = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly alternate: boolean;
  private readonly codePage: CodePage;
  private readonly moreTimeoutMs: number | null;

  constructor(
    private readonly terminal: HostTerminal,
    private readonly options: ConsoleScreenOptions = {},
  ) {
    const model = terminal.info.model;
    this.alternate = model.alternateRows !== model.defaultRows || model.alternateColumns !== model.defaultColumns;
    this.rows = this.alternate ? model.alternateRows : model.defaultRows;
    this.columns = this.alternate ? model.alternateColumns : model.defaultColumns;
    this.codePage = options.codePage ?? 'cp037';
    this.moreTimeoutMs = options.moreTimeoutMs === undefined ? DEFAULT_MORE_TIMEOUT_MS : options.moreTimeoutMs;
  }

  /** Lines in the output area. */
  get outputRows(): number {
    return this.rows - 2;
  }

  /** First position of the input area. */
  get inputAddress(): number {
    return this.outputRows * this.columns;
  }

  get size(): number {
    return this.rows * this.columns;
  }

  /** True while output waits for the user (the virtual machine must not write more). */
  get holding(): boolean {
    return this.pending.length > 0;
  }

  get status(): ScreenStatus {
    return this.overlay ?? this.base;
  }

  /** Adds an output line (long lines wrap at the screen width). */
  append(text: string): void {
    if (this.displayed) {
      this.displayed = false;
      this.shown.length = 0;
    }
    const pieces: string[] = [];
    if (text.length === 0) pieces.push('');
    for (let i = 0; i < text.length; i += this.columns) pieces.push(text.slice(i, i + this.columns));
    for (const piece of pieces) {
      keepLine(this.transcript, piece);
      if (this.pending.length === 0 && this.shown.length < this.outputRows) this.shown.push(piece);
      else this.pending.push(piece);
    }
    if (this.pending.length > 0 && this.overlay === null) this.more();
    this.dirty = true;
  }

  /**
   * A display write (DIAGNOSE X'58'): the rows from `firstLine` replaced, the output area blanked
   * first when `erase`. The area then counts as full: it stays as written until the next line of
   * output, which starts a fresh output area at the top (no MORE...: the guest asked for the
   * whole area, and its next line-mode output means it is done with it).
   */
  display(lines: readonly string[], firstLine: number, erase: boolean): void {
    // Output waiting for the user (MORE...) keeps the area; the guest draws again after its next
    // read anyway.
    if (this.pending.length > 0) return;
    const rows = this.outputRows;
    if (erase) this.shown.length = 0;
    while (this.shown.length < rows) this.shown.push('');
    lines.forEach((line, i) => {
      const row = firstLine + i;
      if (row < rows) this.shown[row] = line.slice(0, this.columns);
    });
    this.displayed = true;
    this.dirty = true;
  }

  /** The next flush writes even if nothing changed: it restores the keyboard after an AID key. */
  restoreKeyboard(): void {
    this.dirty = true;
  }

  setBase(status: BaseStatus): void {
    if (this.base !== status) {
      this.dirty = true;
      // A NOT ACCEPTED for a running machine is over once the machine reads or stops.
      if (this.overlay === 'NOT ACCEPTED' && this.pending.length === 0) this.overlay = null;
    }
    this.base = status;
  }

  setHiddenInput(hidden: boolean): void {
    if (this.hiddenInput !== hidden) this.dirty = true;
    this.hiddenInput = hidden;
  }

  /** The input area is emptied at the next flush (after ENTER); a NOT ACCEPTED is over. */
  inputTaken(): void {
    this.clearInput = true;
    this.presetInput = null;
    if (this.overlay === 'NOT ACCEPTED' && this.pending.length === 0) this.overlay = null;
    this.dirty = true;
  }

  /** Puts text in the input area for the user to edit and enter (SET PFnn DELAYED). */
  setInput(text: string): void {
    this.clearInput = true;
    this.presetInput = text.slice(0, this.inputLength);
    this.dirty = true;
  }

  /** Characters the input area holds. */
  get inputLength(): number {
    return this.size - STATUS_WIDTH - this.inputAddress;
  }

  /** ENTER with an empty input area during MORE...: hold the screen. */
  hold(): void {
    if (this.overlay !== 'MORE...' && this.overlay !== 'NOT ACCEPTED') return;
    this.stopTimer();
    this.overlay = 'HOLDING';
    this.dirty = true;
  }

  /** Input CP cannot take now (output waits, a line is already stacked): rejected, left in place. */
  notAccepted(): void {
    this.overlay = 'NOT ACCEPTED';
    this.dirty = true;
  }

  /** PA2, CLEAR or the MORE... timeout: clears the output area and shows the next page. */
  nextPage(): void {
    this.stopTimer();
    this.displayed = false;
    this.shown.length = 0;
    this.shown.push(...this.pending.splice(0, this.outputRows));
    this.overlay = null;
    if (this.pending.length > 0) this.more();
    this.dirty = true;
    if (this.pending.length === 0) this.options.onRelease?.();
  }

  /** CLEAR: the terminal erased its screen; the next flush formats it again. */
  cleared(): void {
    this.formatted = false;
    this.nextPage();
  }

  /** Forgets the console (LOGOFF, DISCONN): timers stop, the next flush formats afresh. */
  reset(): void {
    this.stopTimer();
    this.shown.length = 0;
    this.pending.length = 0;
    this.displayed = false;
    this.overlay = null;
    this.hiddenInput = false;
    this.presetInput = null;
    this.formatted = false;
    this.dirty = true;
  }

  close(): void {
    this.stopTimer();
  }

  /** Writes what changed to the terminal: the whole console the first time, then a Write. */
  flush(): void {
    if (!this.dirty || !this.terminal.connected) return;
    this.dirty = false;
    const b = new DataStreamBuilder({ rows: this.rows, columns: this.columns, codePage: this.codePage });
    const status = this.status;
    const inputAttribute = this.hiddenInput ? FieldAttribute.nonDisplay : FieldAttribute.normal;
    if (!this.formatted) {
      const wcc = Wcc.reset | Wcc.keyboardRestore | Wcc.resetMdt;
      if (this.alternate) b.eraseWriteAlternate(wcc);
      else b.eraseWrite(wcc);
      this.writeOutput(b);
      if (this.presetInput !== null) b.sba(this.inputAddress - 1).field(inputAttribute | FieldAttribute.modified).text(this.presetInput).insertCursor();
      else b.sba(this.inputAddress - 1).field(inputAttribute).insertCursor();
      b.sba(this.size - STATUS_WIDTH).field(FieldAttribute.protected | FieldAttribute.intensified).text(status.padEnd(STATUS_WIDTH - 2));
      b.sba(this.size - 1).field(FieldAttribute.protected);
      this.formatted = true;
    } else {
      b.write(Wcc.keyboardRestore | (this.clearInput ? Wcc.resetMdt : 0));
      this.writeOutput(b);
      const hiddenChanged = this.hiddenInput !== this.lastHidden;
      if (hiddenChanged) b.sba(this.inputAddress - 1).field(inputAttribute);
      if (this.clearInput) b.sba(this.inputAddress).repeatTo(this.size - STATUS_WIDTH, 0x00);
      if (status !== this.lastStatus) b.sba(this.size - STATUS_WIDTH + 1).text(status.padEnd(STATUS_WIDTH - 2));
      if (this.presetInput !== null) {
        // A DELAYED PF key: the text is in the input area, modified, ready to be edited and entered.
        b.sba(this.inputAddress - 1).field(inputAttribute | FieldAttribute.modified);
        b.text(this.presetInput).insertCursor();
      } else if (this.clearInput || hiddenChanged) {
        b.sba(this.inputAddress).insertCursor();
      }
    }
    this.clearInput = false;
    this.presetInput = null;
    this.lastStatus = status;
    this.lastHidden = this.hiddenInput;
    this.terminal.write(b.build());
  }

  private writeOutput(b: DataStreamBuilder): void {
    for (let row = 0; row < this.outputRows; row++) {
      const width = row === this.outputRows - 1 ? this.columns - 1 : this.columns;
      b.at(row, 0).text((this.shown[row] ?? '').slice(0, width).padEnd(width));
    }
  }

  private more(): void {
    this.overlay = 'MORE...';
    this.dirty = true;
    this.stopTimer();
    if (this.moreTimeoutMs !== null) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.nextPage();
        this.flush();
      }, this.moreTimeoutMs);
    }
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
