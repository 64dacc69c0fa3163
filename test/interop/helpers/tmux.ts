// A private tmux server with one window, for driving full-screen programs (c3270, our ink UI)
// and reading what they draw (capture-pane).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class Tmux {
  private readonly dir = mkdtempSync(join(tmpdir(), 'vm370-tmux-'));
  private readonly socket = join(this.dir, 'sock');

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-S', this.socket, ...args], { encoding: 'utf8', timeout: 10_000 });
  }

  /** Starts `command` (a shell command line) in a window of the given size; the pane stays after exit. */
  start(command: string, columns: number, rows: number): void {
    this.tmux('-f', '/dev/null', 'new-session', '-d', '-s', 't', '-x', String(columns), '-y', String(rows), command, ';', 'set-option', '-w', '-t', 't', 'remain-on-exit', 'on');
  }

  /** The pane's text, one string per row (tmux drops trailing blanks). */
  capture(): string[] {
    return this.tmux('capture-pane', '-p', '-t', 't').replace(/\n$/, '').split('\n');
  }

  /** Keys by tmux name (Enter, F5, S-F1, C-a …). */
  keys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 't', ...keys);
  }

  /** Literal text. */
  type(text: string): void {
    this.tmux('send-keys', '-t', 't', '-l', text);
  }

  resize(columns: number, rows: number): void {
    this.tmux('resize-window', '-t', 't', '-x', String(columns), '-y', String(rows));
  }

  paneDead(): boolean {
    return this.tmux('display', '-p', '-t', 't', '#{pane_dead}').trim() === '1';
  }

  async waitFor(test: (rows: string[]) => boolean, timeoutMs = 10_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = this.capture();
      if (test(rows)) return rows;
      if (Date.now() > deadline) throw new Error(`pane never matched:\n${rows.join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Ends the program and the tmux server (by their process ids), then removes the socket. */
  stop(): void {
    try {
      const panePid = this.tmux('display', '-p', '-t', 't', '#{pane_pid}').trim();
      const serverPid = this.tmux('display', '-p', '-t', 't', '#{pid}').trim();
      for (const pid of [panePid, serverPid]) {
        try {
          if (pid) process.kill(Number(pid), 'SIGTERM');
        } catch {
          // already gone
        }
      }
    } catch {
      // the tmux server is already gone
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
