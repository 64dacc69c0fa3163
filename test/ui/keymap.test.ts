import { describe, expect, it } from 'vitest';
import { KeyDecoder } from '../../src/ui/keymap.ts';

const decode = (...sequences: string[]) => {
  const d = new KeyDecoder();
  return sequences.flatMap((s) => d.decode(s));
};

describe('the 3270 key map', () => {
  it('F1-F12 are PF1-12 in xterm, vt220 and Linux console forms', () => {
    expect(decode('\x1bOP', '\x1b[11~', '\x1b[[A', '\x1b[15~', '\x1b[24~')).toEqual([1, 1, 1, 5, 12].map((n) => ({ kind: 'pf', n })));
  });

  it('Shift-F1-F12 (xterm modifiers, as tmux sends them) are PF13-24; so are Ctrl-A F1-F12', () => {
    expect(decode('\x1b[1;2P', '\x1b[1;2S', '\x1b[15;2~', '\x1b[24;2~')).toEqual([13, 16, 17, 24].map((n) => ({ kind: 'pf', n })));
    expect(decode('\x01', '\x1bOQ')).toEqual([{ kind: 'prefix' }, { kind: 'pf', n: 14 }]);
  });

  it('Ctrl-A 1/2/3 and Alt-1/2/3 are PA1-3; Ctrl-C and Ctrl-A c are Clear; Ctrl-R and Esc are Reset', () => {
    expect(decode('\x01', '1', '\x01', '2', '\x1b3')).toEqual([
      { kind: 'prefix' }, { kind: 'pa', n: 1 }, { kind: 'prefix' }, { kind: 'pa', n: 2 }, { kind: 'pa', n: 3 },
    ]);
    expect(decode('\x03', '\x01', 'c', '\x12', '\x1b')).toEqual([
      { kind: 'clear' }, { kind: 'prefix' }, { kind: 'clear' }, { kind: 'reset' }, { kind: 'reset' },
    ]);
  });

  it('a Ctrl-A prefix and its key may arrive in one read', () => {
    expect(decode('\x011')).toEqual([{ kind: 'prefix' }, { kind: 'pa', n: 1 }]);
  });

  it('editing and cursor keys', () => {
    expect(decode('\t', '\x1b[Z', '\x1b[H', '\n', '\x1b[F', '\x05', '\x15', '\x1b[2~', '\x1b[3~', '\x7f', '\x1b[A', '\x1bOD')).toEqual([
      { kind: 'tab' }, { kind: 'backtab' }, { kind: 'home' }, { kind: 'newline' }, { kind: 'erase-eof' }, { kind: 'erase-eof' },
      { kind: 'erase-input' }, { kind: 'insert' }, { kind: 'delete' }, { kind: 'backspace' },
      { kind: 'cursor', rows: -1, columns: 0 }, { kind: 'cursor', rows: 0, columns: -1 },
    ]);
  });

  it('typed text, and text arriving with Enter in one read', () => {
    expect(decode('hello')).toEqual([{ kind: 'text', text: 'hello' }]);
    expect(decode('ab\rc')).toEqual([{ kind: 'text', text: 'ab' }, { kind: 'enter' }, { kind: 'text', text: 'c' }]);
  });

  it('help, quit, reconnect; unknown sequences do nothing', () => {
    expect(decode('\x01', '?', '\x1bq', '\x01', 'r', '\x1b[99~', '\x01', 'z')).toEqual([
      { kind: 'prefix' }, { kind: 'help' }, { kind: 'quit' }, { kind: 'prefix' }, { kind: 'reconnect' }, { kind: 'none' }, { kind: 'prefix' }, { kind: 'none' },
    ]);
  });

  it('Ctrl-A o, t and + (and Alt-o, t, +) switch to the operator console, the next 3270, a new 3270', () => {
    expect(decode('\x01', 'o', '\x01', 't', '\x01', '+', '\x1bo')).toEqual([
      { kind: 'prefix' }, { kind: 'switch', to: 'operator' }, { kind: 'prefix' }, { kind: 'switch', to: 'next' },
      { kind: 'prefix' }, { kind: 'switch', to: 'new' }, { kind: 'switch', to: 'operator' },
    ]);
  });
});
