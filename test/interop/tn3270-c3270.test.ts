// c3270 in tmux shows what the host wrote: the pane matches the server's shadow of the screen.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveProgram } from './helpers/s3270.ts';
import { startDemoServer, type TestServer } from './helpers/server.ts';
import { Tmux } from './helpers/tmux.ts';

let server: TestServer;
let tmux: Tmux;

beforeAll(async () => {
  for (const program of ['c3270', 'tmux']) if (!haveProgram(program)) throw new Error(`the interop suite needs ${program}`);
  server = await startDemoServer();
  tmux = new Tmux();
  tmux.start(`exec c3270 -model 3278-2 -codepage cp037 -xrm 'c3270.menuBar: false' -secure 127.0.0.1:${server.port}`, 80, 26);
});

afterAll(async () => {
  tmux?.stop();
  await server?.close();
});

const trimmed = (rows: string[]) => rows.map((r) => r.trimEnd());

describe('c3270 in tmux', () => {
  it('shows the logo, then the console, exactly as the host wrote it', async () => {
    await tmux.waitFor((rows) => rows[1]?.startsWith('VM/370 ONLINE') ?? false);
    const terminal = server.server.terminals()[0]!;
    expect(trimmed(tmux.capture().slice(0, 24))).toEqual(trimmed(terminal.screen.text()));
    tmux.keys('Enter');
    const rows = await tmux.waitFor((r) => r[23]?.includes('VM READ') ?? false);
    expect(trimmed(rows.slice(0, 24))).toEqual(trimmed(terminal.screen.text()));
    expect(rows.at(-1)).toMatch(/023\/001/);
  });

  it('typing and ENTER echo into the output area; PF keys and Ctrl-A 1 (PA1) reach the host', async () => {
    tmux.type('from c3270 [ok]');
    tmux.keys('Enter');
    await tmux.waitFor((r) => r.some((l) => l.startsWith('from c3270 [ok]')));
    tmux.keys('F7');
    await tmux.waitFor((r) => r.some((l) => l.trim() === 'PF07'));
    tmux.keys('C-a', '1');
    const rows = await tmux.waitFor((r) => r[23]?.includes('CP READ') ?? false);
    expect(trimmed(rows.slice(0, 24))).toEqual(trimmed(server.server.terminals()[0]!.screen.text()));
  });

  it('PF3 logs off and c3270 leaves', async () => {
    tmux.keys('F3');
    await tmux.waitFor(() => tmux.paneDead(), 10_000);
    expect(server.log.some((l) => l.includes('disconnected: LOGOFF'))).toBe(true);
  });
});
