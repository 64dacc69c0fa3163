// Line-mode terminals: a telnet client that is not a 3270 (RFC 854 NVT) becomes a line-mode
// terminal when the host takes those, instead of being dropped.

import { describe, expect, it, vi } from 'vitest';
import { Tn3270Session, type SessionEvents } from '../../src/term/tn3270-session.ts';
import { TelnetLineTerminal, MAX_LINE } from '../../src/term/line-terminal.ts';
import { Tn3270Connection } from '../../src/term/tn3270-terminal.ts';
import { ascii, hex, pool, Wire } from './fake-client.ts';

function session(options: { lineMode?: boolean; tn3270e?: boolean } = { lineMode: true }) {
  const wire = new Wire();
  const log: string[] = [];
  const text: string[] = [];
  const events: SessionEvents = {
    ready: () => log.push('ready'),
    record: () => log.push('record'),
    attention: () => log.push('attention'),
    failed: (reason) => log.push(`failed: ${reason}`),
    lineMode: (reason) => log.push(`line mode: ${reason}`),
    text: (bytes) => text.push(Buffer.from(bytes).toString('latin1')),
    erase: (what) => log.push(`erase ${what}`),
  };
  const s = new Tn3270Session(wire, pool(), events, options);
  s.start();
  wire.take();
  return { s, wire, log, text };
}

describe('deciding that a client is a line-mode terminal', () => {
  it('a client that refuses TERMINAL-TYPE (WONT) is a line-mode terminal on the next free address', () => {
    const t = session();
    t.s.receive(hex('fffc28'));
    expect(t.wire.take()).toBe('fffd18');
    t.s.receive(hex('fffc18'));
    expect(t.log).toEqual(['line mode: client refuses TERMINAL-TYPE']);
    expect([t.s.isLineMode, t.s.device?.name]).toEqual([true, '0C0']);
  });

  it('a client that offers only terminal types that are not IBM-327x (VT100, twice) is a line-mode terminal', () => {
    const t = session();
    t.s.receive(hex(`fffc28 fffb18 fffa1800${ascii('XTERM')}fff0`));
    t.s.receive(hex(`fffa1800${ascii('XTERM')}fff0`));
    expect(t.log).toEqual(["line mode: unknown terminal type 'XTERM'"]);
  });

  it('text before negotiation has finished is the first input of a line-mode terminal', () => {
    const t = session();
    t.s.receive(new TextEncoder().encode('LOGON GUEST\r\n'));
    expect(t.log).toEqual(['line mode: data before negotiation finished']);
    expect(t.text.join('')).toBe('LOGON GUEST\r\n');
    t.s.receive(new TextEncoder().encode('MORE\r\n'));
    expect(t.text.join('')).toBe('LOGON GUEST\r\nMORE\r\n');
  });

  it('without a host for line-mode terminals the client is dropped as before', () => {
    const t = session({});
    t.s.receive(hex('fffc28 fffc18'));
    expect(t.log).toEqual(['failed: client refuses TERMINAL-TYPE']);
  });

  it('a line-mode session reads a password with the server echoing (WILL ECHO), then gives echo back (WONT ECHO)', () => {
    const t = session();
    t.s.receive(hex('fffc28 fffc18'));
    t.wire.take();
    t.s.setServerEcho(true);
    expect(t.wire.take()).toBe('fffb01');
    t.s.receive(hex('fffd01')); // the client agrees: no reply
    expect(t.wire.take()).toBe('');
    t.s.setServerEcho(false);
    expect(t.wire.take()).toBe('fffc01');
    t.s.receive(hex('fffe01'));
    expect(t.wire.take()).toBe('');
  });

  it('a line-mode session agrees to SUPPRESS-GO-AHEAD and refuses other options once; IP is attention, EC/EL erase', () => {
    const t = session();
    t.s.receive(hex('fffc28 fffc18'));
    t.wire.take();
    t.s.receive(hex('fffd03 fffb1f fffd18'));
    expect(t.wire.take()).toBe('fffb03fffe1ffffc18');
    t.s.receive(hex('fff4 fff3 fff7 fff8'));
    expect(t.log.slice(1)).toEqual(['attention', 'attention', 'erase character', 'erase line']);
    // Late 3270 subnegotiations and IAC EOR mean nothing now.
    t.s.receive(hex(`fffa1800${ascii('IBM-3278-2')}fff0 ffef`));
    expect(t.log.slice(5)).toEqual([]);
  });

  it('text to a line-mode client has its IAC bytes doubled', () => {
    const t = session();
    t.s.receive(hex('fffc28 fffc18'));
    t.wire.take();
    t.s.sendText(Uint8Array.of(0x41, 0xff, 0x42));
    expect(t.wire.take()).toBe('41ffff42');
  });
});

describe('a connection that says nothing', () => {
  it('is taken for a line-mode terminal after lineModeAfterMs', () => {
    vi.useFakeTimers();
    try {
      const wire = new Wire();
      const ready: string[] = [];
      const c = new Tn3270Connection(wire, pool(), {
        peer: 'test',
        lineMode: true,
        lineModeAfterMs: 500,
        onReady: () => ready.push('3270'),
        onLineReady: (line) => ready.push(`line ${line.info.deviceName}`),
        onClosed: (_t, reason) => ready.push(`closed ${reason}`),
      });
      c.start();
      vi.advanceTimersByTime(499);
      expect(ready).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(ready).toEqual(['line 0C0']);
      expect(c.isLineMode).toBe(true);
      c.lineTerminal!.writeLine('VM/370 ONLINE');
      expect(Buffer.from(wire.bytes).toString('latin1').endsWith('VM/370 ONLINE\r\n')).toBe(true);
      c.disconnect();
      expect(ready.at(-1)).toBe('closed host disconnected');
    } finally {
      vi.useRealTimers();
    }
  });
});

function lineTerminal() {
  const sent: string[] = [];
  const log: string[] = [];
  const t = new TelnetLineTerminal(
    { address: 0x0c0, deviceName: '0C0', peer: 'test', protocol: 'telnet' },
    {
      sendText: (b) => sent.push(Buffer.from(b).toString('latin1')),
      setServerEcho: (on) => log.push(`echo ${on}`),
      close: (reason) => log.push(`close ${reason}`),
    },
  );
  const lines: string[] = [];
  t.onLine((l) => lines.push(l));
  t.onAttention(() => lines.push('<attention>'));
  return { t, sent, log, lines };
}

const bytes = (s: string) => Uint8Array.from(Buffer.from(s, 'latin1'));

describe('the line-mode terminal', () => {
  it('lines end with CR LF, CR NUL, a lone CR or a lone LF, split across reads', () => {
    const { t, lines } = lineTerminal();
    t.receive(bytes('LOGON GU'));
    t.receive(bytes('EST\r'));
    t.receive(bytes('\nONE\r\0TWO\nTHREE\rFOUR\r\n'));
    expect(lines).toEqual(['LOGON GUEST', 'ONE', 'TWO', 'THREE', 'FOUR']);
  });

  it('backspace and DEL erase, tabs are blanks, other control characters are dropped, Ctrl-C and a leading ESC are attention', () => {
    const { t, lines } = lineTerminal();
    t.receive(bytes('QUERX\bY\tTIMEE\x7f\x07\r\n'));
    t.receive(bytes('ABC\x03\x1bQUERY USERID\r\n'));
    expect(lines).toEqual(['QUERY TIME', '<attention>', '<attention>', 'QUERY USERID']);
  });

  it('a line longer than the limit is cut; output lines get CR LF and unprintable characters become ?', () => {
    const { t, lines, sent } = lineTerminal();
    t.receive(bytes('X'.repeat(MAX_LINE + 50) + '\n'));
    expect(lines[0]!.length).toBe(MAX_LINE);
    t.writeLine('A\x01B\u20acC');
    expect(sent).toEqual(['A?B?C\r\n']);
  });

  it('hideInput asks the connection to echo (so the client does not); a listener that throws closes only this terminal', () => {
    const { t, log } = lineTerminal();
    t.hideInput(true);
    t.hideInput(false);
    t.onLine(() => {
      throw new Error('boom');
    });
    t.receive(bytes('X\n'));
    expect(log).toEqual(['echo true', 'echo false', 'close host error: boom']);
  });

  it('random bytes never throw, whatever state the stream is in', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % 256;
    for (let round = 0; round < 50; round++) {
      const t = session();
      const junk = Uint8Array.from({ length: 400 }, random);
      expect(() => t.s.receive(junk)).not.toThrow();
      const lt = lineTerminal();
      expect(() => lt.t.receive(junk)).not.toThrow();
    }
  });
});
