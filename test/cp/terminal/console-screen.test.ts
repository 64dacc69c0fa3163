import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsoleScreen, TRANSCRIPT_LINES } from '../../../src/cp/terminal/console-screen.ts';
import { LocalTerminal } from '../../../src/term/local-terminal.ts';
import { terminalModel } from '../../../src/term/models.ts';
import { statusOf } from './helpers.ts';

function make(moreTimeoutMs: number | null = null) {
  const terminal = new LocalTerminal({ model: terminalModel(3279, 2), address: 0x0c0 });
  const released: number[] = [];
  const screen = new ConsoleScreen(terminal, { moreTimeoutMs, onRelease: () => released.push(1) });
  return { terminal, screen, released, text: () => terminal.screen.text().map((l) => l.trimEnd()) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the 3270 console layout', () => {
  it('formats output area rows 1-22, input area from row 23, status at the bottom right', () => {
    const { terminal, screen } = make();
    screen.setBase('CP READ');
    screen.append('LOGON AT 13:10:22 GMT MONDAY 01/19/26');
    screen.flush();
    const s = terminal.screen;
    expect(s.isFormatted()).toBe(true);
    expect(s.text()[0]!.trimEnd()).toBe('LOGON AT 13:10:22 GMT MONDAY 01/19/26');
    const input = s.fields().find((f) => f.start === 22 * 80)!;
    expect(input.attribute & 0x20).toBe(0);
    expect(statusOf(terminal)).toBe('CP READ');
    expect(s.cursor).toBe(22 * 80);
    screen.setBase('VM READ');
    screen.flush();
    expect(statusOf(terminal)).toBe('VM READ');
  });

  it('a password field does not display', () => {
    const { terminal, screen } = make();
    screen.setHiddenInput(true);
    screen.flush();
    expect(terminal.screen.fields().find((f) => f.start === 22 * 80)!.attribute & 0x0c).toBe(0x0c);
    screen.setHiddenInput(false);
    screen.flush();
    expect(terminal.screen.fields().find((f) => f.start === 22 * 80)!.attribute & 0x0c).toBe(0);
  });

  it('long lines wrap at the screen width', () => {
    const { screen } = make();
    screen.append('X'.repeat(100));
    expect(screen.shown).toEqual(['X'.repeat(80), 'X'.repeat(20)]);
  });

  it('a full output area shows MORE...; ENTER holds (HOLDING), input is NOT ACCEPTED, PA2 shows the next page', () => {
    const { terminal, screen, released, text } = make();
    screen.setBase('VM READ');
    for (let i = 1; i <= 25; i++) screen.append(`line ${i}`);
    screen.flush();
    expect(text()[21]).toBe('line 22');
    expect(screen.holding).toBe(true);
    expect(statusOf(terminal)).toBe('MORE...');
    screen.hold();
    screen.flush();
    expect(statusOf(terminal)).toBe('HOLDING');
    screen.notAccepted();
    screen.flush();
    expect(statusOf(terminal)).toBe('NOT ACCEPTED');
    screen.nextPage();
    screen.flush();
    expect(text().slice(0, 4)).toEqual(['line 23', 'line 24', 'line 25', '']);
    expect(screen.holding).toBe(false);
    expect(statusOf(terminal)).toBe('VM READ');
    expect(released).toEqual([1]);
  });

  it('MORE... clears the output area by itself after the timeout', () => {
    vi.useFakeTimers();
    const { terminal, screen, text } = make(50_000);
    for (let i = 1; i <= 23; i++) screen.append(`line ${i}`);
    screen.flush();
    expect(statusOf(terminal)).toBe('MORE...');
    vi.advanceTimersByTime(50_000);
    expect(text()[0]).toBe('line 23');
    expect(statusOf(terminal)).toBe('CP READ');
  });

  it('clears the input area after ENTER and keeps it while output arrives', () => {
    const { terminal, screen } = make();
    screen.flush();
    terminal.screen.write('write', Uint8Array.of(0x00)); // nothing: the screen stays formatted
    screen.append('one');
    screen.inputTaken();
    screen.flush();
    expect(terminal.screen.textAt(22, 0, 10).trim()).toBe('');
  });

  it('the transcript keeps the latest lines, not every line of a long session', () => {
    const { screen } = make();
    for (let i = 1; i <= 5 * TRANSCRIPT_LINES; i++) {
      screen.append(`line ${i}`);
      if (screen.holding) screen.nextPage();
    }
    expect(screen.transcript.length).toBeGreaterThanOrEqual(TRANSCRIPT_LINES);
    expect(screen.transcript.length).toBeLessThanOrEqual(2 * TRANSCRIPT_LINES);
    expect(screen.transcript.at(-1)).toBe(`line ${5 * TRANSCRIPT_LINES}`);
  });
});
