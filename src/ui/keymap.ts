// The ink terminal's key map: terminal escape sequences (one key press each, as ink's input
// parser splits them) to 3270 keys. The choices follow c3270 where they work in common terminals
// and tmux: Ctrl-A then a key for the keys a PC keyboard lacks (PA1-3, Clear, Attn, SysReq,
// PF13-24), and the same keys with Alt (Esc-prefixed) for terminals that send Meta.

/** Where Ctrl-A o / t / + take the person at the keyboard: the operator console, the next local 3270, a new one. */
export type ScreenSwitch = 'operator' | 'next' | 'new';

export type KeyAction =
  | { kind: 'text'; text: string }
  | { kind: 'enter' }
  | { kind: 'pf'; n: number }
  | { kind: 'pa'; n: number }
  | { kind: 'clear' }
  | { kind: 'sysreq' }
  | { kind: 'attn' }
  | { kind: 'reset' }
  | { kind: 'tab' }
  | { kind: 'backtab' }
  | { kind: 'home' }
  | { kind: 'newline' }
  | { kind: 'erase-eof' }
  | { kind: 'erase-input' }
  | { kind: 'insert' }
  | { kind: 'delete' }
  | { kind: 'backspace' }
  | { kind: 'cursor'; rows: number; columns: number }
  | { kind: 'help' }
  | { kind: 'quit' }
  | { kind: 'reconnect' }
  | { kind: 'switch'; to: ScreenSwitch }
  | { kind: 'prefix' }
  | { kind: 'none' };

/** The key map as the help screen and docs/terminals.md show it. */
export const KEY_HELP: readonly (readonly [string, string])[] = [
  ['Enter', 'ENTER'],
  ['F1 ... F12', 'PF1 ... PF12'],
  ['Shift-F1 ... F12', 'PF13 ... PF24 (also Ctrl-A F1 ... F12)'],
  ['Ctrl-A 1 / 2 / 3', 'PA1 / PA2 / PA3 (also Alt-1 / 2 / 3)'],
  ['Ctrl-C or Ctrl-A c', 'CLEAR'],
  ['Ctrl-R or Esc', 'RESET (unlock the keyboard, end insert mode)'],
  ['Tab / Shift-Tab', 'Tab / Backtab'],
  ['Home', 'Home (first input field)'],
  ['Ctrl-J or Ctrl-A n', 'New Line'],
  ['End or Ctrl-E', 'Erase EOF'],
  ['Ctrl-U', 'Erase Input'],
  ['Insert or Ctrl-A i', 'Insert mode on/off'],
  ['Delete / Backspace', 'Delete / erase the character to the left'],
  ['Arrows', 'move the cursor'],
  ['Ctrl-A s / Ctrl-A a', 'SysReq / Attn'],
  ['Ctrl-A r', 'reconnect after a disconnect'],
  ['Ctrl-A o', 'the operator console (system console, line mode)'],
  ['Ctrl-A t', 'the next local 3270 terminal (from the console: the last one)'],
  ['Ctrl-A +', 'a new local 3270 terminal'],
  ['Ctrl-A ? or Ctrl-A h', 'this help (any key closes it)'],
  ['Ctrl-A q or Alt-q', 'quit'],
];

const FUNCTION_KEYS: Readonly<Record<string, number>> = {
  '\x1bOP': 1,
  '\x1bOQ': 2,
  '\x1bOR': 3,
  '\x1bOS': 4,
  '\x1b[11~': 1,
  '\x1b[12~': 2,
  '\x1b[13~': 3,
  '\x1b[14~': 4,
  '\x1b[[A': 1,
  '\x1b[[B': 2,
  '\x1b[[C': 3,
  '\x1b[[D': 4,
  '\x1b[[E': 5,
  '\x1b[15~': 5,
  '\x1b[17~': 6,
  '\x1b[18~': 7,
  '\x1b[19~': 8,
  '\x1b[20~': 9,
  '\x1b[21~': 10,
  '\x1b[23~': 11,
  '\x1b[24~': 12,
};

const SHIFTED_LETTER_KEYS: Readonly<Record<string, number>> = { P: 1, Q: 2, R: 3, S: 4 };
const TILDE_CODES: Readonly<Record<string, number>> = { '15': 5, '17': 6, '18': 7, '19': 8, '20': 9, '21': 10, '23': 11, '24': 12 };

const SIMPLE: Readonly<Record<string, KeyAction>> = {
  '\r': { kind: 'enter' },
  '\n': { kind: 'newline' },
  '\t': { kind: 'tab' },
  '\x1b[Z': { kind: 'backtab' },
  '\x7f': { kind: 'backspace' },
  '\b': { kind: 'backspace' },
  '\x1b[3~': { kind: 'delete' },
  '\x1b[2~': { kind: 'insert' },
  '\x1b[H': { kind: 'home' },
  '\x1bOH': { kind: 'home' },
  '\x1b[1~': { kind: 'home' },
  '\x1b[7~': { kind: 'home' },
  '\x1b[F': { kind: 'erase-eof' },
  '\x1bOF': { kind: 'erase-eof' },
  '\x1b[4~': { kind: 'erase-eof' },
  '\x1b[8~': { kind: 'erase-eof' },
  '\x1b[A': { kind: 'cursor', rows: -1, columns: 0 },
  '\x1b[B': { kind: 'cursor', rows: 1, columns: 0 },
  '\x1b[C': { kind: 'cursor', rows: 0, columns: 1 },
  '\x1b[D': { kind: 'cursor', rows: 0, columns: -1 },
  '\x1bOA': { kind: 'cursor', rows: -1, columns: 0 },
  '\x1bOB': { kind: 'cursor', rows: 1, columns: 0 },
  '\x1bOC': { kind: 'cursor', rows: 0, columns: 1 },
  '\x1bOD': { kind: 'cursor', rows: 0, columns: -1 },
  '\x03': { kind: 'clear' },
  '\x12': { kind: 'reset' },
  '\x1b': { kind: 'reset' },
  '\x05': { kind: 'erase-eof' },
  '\x15': { kind: 'erase-input' },
};

/** What follows Ctrl-A (or Alt). */
const PREFIXED: Readonly<Record<string, KeyAction>> = {
  '1': { kind: 'pa', n: 1 },
  '2': { kind: 'pa', n: 2 },
  '3': { kind: 'pa', n: 3 },
  c: { kind: 'clear' },
  r: { kind: 'reconnect' },
  q: { kind: 'quit' },
  h: { kind: 'help' },
  '?': { kind: 'help' },
  i: { kind: 'insert' },
  n: { kind: 'newline' },
  s: { kind: 'sysreq' },
  a: { kind: 'attn' },
  e: { kind: 'erase-eof' },
  o: { kind: 'switch', to: 'operator' },
  t: { kind: 'switch', to: 'next' },
  '+': { kind: 'switch', to: 'new' },
};

/** F-key number of a sequence and whether Shift was held (xterm modifier 2). */
function functionKey(sequence: string): { n: number; shift: boolean } | null {
  const plain = FUNCTION_KEYS[sequence];
  if (plain) return { n: plain, shift: false };
  let match = /^\x1b\[1;(\d+)([PQRS])$/.exec(sequence);
  if (match) return { n: SHIFTED_LETTER_KEYS[match[2]!]!, shift: (Number(match[1]) - 1) % 2 === 1 };
  match = /^\x1b\[(\d+);(\d+)~$/.exec(sequence);
  if (match && TILDE_CODES[match[1]!]) return { n: TILDE_CODES[match[1]!]!, shift: (Number(match[2]) - 1) % 2 === 1 };
  return null;
}

/**
 * Decodes key presses. Holds one bit of state, the Ctrl-A prefix, so keep one decoder per
 * terminal window.
 */
export class KeyDecoder {
  private prefix = false;

  /** True after Ctrl-A, until the next key. */
  get prefixPending(): boolean {
    return this.prefix;
  }

  /** Decodes one event (a key, or several typed keys or pasted text arriving together) into actions. */
  decode(sequence: string): KeyAction[] {
    if (sequence.startsWith('\x1b')) return [this.decodeEscape(sequence)];
    const actions: KeyAction[] = [];
    let run = '';
    const flush = () => {
      if (run) actions.push({ kind: 'text', text: run });
      run = '';
    };
    for (const ch of sequence) {
      if (this.prefix) {
        flush();
        this.prefix = false;
        actions.push(PREFIXED[ch.toLowerCase()] ?? { kind: 'none' });
        continue;
      }
      if (ch === '\x01') {
        flush();
        this.prefix = true;
        actions.push({ kind: 'prefix' });
        continue;
      }
      const code = ch.codePointAt(0)!;
      if (code >= 0x20 && code !== 0x7f) {
        run += ch;
        continue;
      }
      flush();
      // A carriage return is ENTER, a line feed New Line; other controls as the keys they stand for.
      const action = SIMPLE[ch];
      if (action) actions.push(action);
    }
    flush();
    return actions;
  }

  private decodeEscape(sequence: string): KeyAction {
    const fkey = functionKey(sequence);
    if (this.prefix) {
      this.prefix = false;
      return fkey ? { kind: 'pf', n: fkey.n + 12 } : { kind: 'none' };
    }
    const simple = SIMPLE[sequence];
    if (simple) return simple;
    if (fkey) return { kind: 'pf', n: fkey.shift ? fkey.n + 12 : fkey.n };
    // Alt-key: ESC and the key, sent together.
    if (sequence.length === 2) return PREFIXED[sequence[1]!.toLowerCase()] ?? { kind: 'none' };
    return { kind: 'none' };
  }
}
