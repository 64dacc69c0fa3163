// The real ink UI (`vm370 start`) in tmux: keys go in with send-keys, the screen comes back with
// capture-pane. An s3270 client on the same server shows the host serving both.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveProgram, S3270 } from './helpers/s3270.ts';
import { Tmux } from './helpers/tmux.ts';

const root = resolve(import.meta.dirname, '../..');
let tmux: Tmux;
let dataDir: string;
let port = 0;

beforeAll(async () => {
  for (const program of ['tmux', 's3270']) if (!haveProgram(program)) throw new Error(`the interop suite needs ${program}`);
  dataDir = mkdtempSync(join(tmpdir(), 'vm370-ui-'));
  tmux = new Tmux();
  tmux.start(`cd '${root}' && exec node bin/vm370.js start --demo --port 0 --model 3279-2 --data '${dataDir}'`, 80, 25);
  const rows = await tmux.waitFor((r) => r[1]?.startsWith('VM/370 ONLINE') ?? false, 30_000);
  port = Number(/tn3270 :(\d+)/.exec(rows[24] ?? '')?.[1]);
});

afterAll(() => {
  tmux?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const statusArea = (rows: string[]) => (rows[23] ?? '').slice(61).trim();

describe('the ink terminal UI in tmux', () => {
  it('shows the logo and an operator information line with device, model, cursor and the TN3270 port', () => {
    const rows = tmux.capture();
    expect(rows[24]).toMatch(/^4A\s/);
    expect(rows[24]).toMatch(/0C0 3279-2 {2}023\/001$/);
    expect(port).toBeGreaterThan(0);
  });

  it('ENTER, typing and echo; F5 is PF5, Shift-F2 is PF14, Ctrl-A 1 is PA1', async () => {
    tmux.keys('Enter');
    await tmux.waitFor((r) => statusArea(r) === 'VM READ');
    tmux.type('typed in tmux');
    tmux.keys('Enter');
    await tmux.waitFor((r) => r.some((l) => l === 'typed in tmux'));
    tmux.keys('F5');
    await tmux.waitFor((r) => r.some((l) => l === 'PF05'));
    tmux.keys('S-F2');
    await tmux.waitFor((r) => r.some((l) => l === 'PF14'));
    tmux.keys('C-a', '1');
    await tmux.waitFor((r) => statusArea(r) === 'CP READ');
    tmux.type('begin');
    tmux.keys('Enter');
    await tmux.waitFor((r) => statusArea(r) === 'VM READ');
  });

  it('editing keys: Insert, Home, End (Erase EOF), Backspace; protected fields refuse input', async () => {
    tmux.type('abcdef');
    tmux.keys('Home');
    tmux.keys('Right', 'Right', 'End');
    tmux.keys('Insert');
    await tmux.waitFor((r) => (r[24] ?? '').includes('INSERT'));
    tmux.type('Z');
    tmux.keys('Insert', 'BSpace');
    tmux.keys('Enter');
    await tmux.waitFor((r) => r.some((l) => l === 'ab'));
    tmux.keys('Up', 'Up');
    tmux.type('x');
    await tmux.waitFor((r) => (r[24] ?? '').includes('X Protected'));
    tmux.keys('C-r');
    await tmux.waitFor((r) => !(r[24] ?? '').includes('X Protected'));
  });

  it('an s3270 client on the same server gets its own terminal (0C1) from the same host', async () => {
    const c = new S3270();
    try {
      await c.must(`Connect(127.0.0.1:${port})`);
      await c.waitFor((s) => s[1]?.startsWith('VM/370 ONLINE') ?? false);
      await c.must('Enter()');
      const screen = await c.waitFor((s) => s[23]?.includes('VM READ') ?? false);
      expect(screen[0]).toContain('terminal 0C1');
    } finally {
      await c.close();
    }
  });

  it('the help key shows the key map; any key returns', async () => {
    tmux.keys('C-a', '?');
    await tmux.waitFor((r) => r[0]?.startsWith('vm370 3270 terminal keys') ?? false);
    tmux.keys('Space');
    await tmux.waitFor((r) => statusArea(r) === 'VM READ');
  });

  it('a window too small gets a message; growing it back redraws the screen', async () => {
    tmux.resize(70, 20);
    await tmux.waitFor((r) => r.some((l) => l.includes('needs 80x25')));
    tmux.resize(80, 25);
    await tmux.waitFor((r) => statusArea(r) === 'VM READ');
  });

  it('PF3 disconnects; Ctrl-A r reconnects to the logo; Ctrl-A q quits', async () => {
    tmux.keys('F3');
    await tmux.waitFor((r) => (r[24] ?? '').includes('Disconnected (LOGOFF)'));
    tmux.keys('C-a', 'r');
    await tmux.waitFor((r) => r[1]?.startsWith('VM/370 ONLINE') ?? false);
    tmux.keys('C-a', 'q');
    await tmux.waitFor(() => tmux.paneDead(), 10_000);
  });
});
