// Drives s3270 (suite3270 4.1) in peer mode over pipes: one action per line; the answer is any
// number of "data: …" lines, a status line, then "ok" or "error".

import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface S3270Result {
  ok: boolean;
  data: string[];
  /** The 12 status fields: keyboard, formatted, protected, connection, mode, model, rows, cols, cursor row, cursor col … */
  status: string[];
}

export function haveProgram(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

export class S3270 {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: string[] = [];
  private waiter: (() => void) | null = null;
  private exited = false;
  stderr = '';

  constructor(args: string[] = ['-model', '3278-2', '-codepage', 'cp037']) {
    this.child = spawn('s3270', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      this.lines.push(line);
      this.waiter?.();
    });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.child.on('exit', () => {
      this.exited = true;
      this.waiter?.();
    });
    this.child.stdin.on('error', () => undefined);
  }

  private async nextLine(deadline: number): Promise<string> {
    while (this.lines.length === 0) {
      if (this.exited) throw new Error(`s3270 exited (harness error): ${this.stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('s3270 did not answer in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = null;
    }
    return this.lines.shift()!;
  }

  /** Runs one action; never hangs longer than `timeoutMs`. */
  async run(action: string, timeoutMs = 20_000): Promise<S3270Result> {
    this.child.stdin.write(action + '\n');
    const deadline = Date.now() + timeoutMs;
    const data: string[] = [];
    let status: string[] = [];
    for (;;) {
      const line = await this.nextLine(deadline);
      if (line === 'ok' || line === 'error') return { ok: line === 'ok', data, status };
      if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
      else status = line.split(' ');
    }
  }

  /** Runs an action that must succeed. */
  async must(action: string, timeoutMs?: number): Promise<S3270Result> {
    const result = await this.run(action, timeoutMs);
    if (!result.ok) throw new Error(`${action} failed: ${result.data.join(' / ')}`);
    return result;
  }

  async screen(): Promise<string[]> {
    return (await this.must('Ascii()')).data;
  }

  async status(): Promise<string[]> {
    return (await this.must('Query(Cursor1)')).status;
  }

  /** Polls the screen until `test` holds (host output arrives asynchronously). */
  async waitFor(test: (screen: string[]) => boolean, timeoutMs = 10_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = await this.screen();
      if (test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`screen never matched:\n${screen.join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Quit, then kill if it lingers. */
  async close(): Promise<void> {
    if (this.exited) return;
    this.child.stdin.end('Quit()\n');
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3_000);
    await gone;
    clearTimeout(timer);
  }
}
