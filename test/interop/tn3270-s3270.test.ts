// s3270 (suite3270 4.1) against our TN3270 server and the demo host.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { haveProgram, S3270 } from './helpers/s3270.ts';
import { startDemoServer, type TestServer } from './helpers/server.ts';

let server: TestServer;
const clients: S3270[] = [];

function client(args?: string[]): S3270 {
  const c = new S3270(args);
  clients.push(c);
  return c;
}

beforeAll(async () => {
  if (!haveProgram('s3270')) throw new Error('the interop suite needs s3270 (apt-get install s3270)');
  server = await startDemoServer();
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await server.close();
});

/**
 * Connects and waits for the logo. The logo is an unformatted screen, and s3270 4.1's
 * Wait(InputField), Wait(Unlock) and Wait(3270mode) all wait for a formatted screen, so poll.
 */
async function connect(c: S3270, prefix = ''): Promise<string[]> {
  await c.must(`Connect(${prefix}127.0.0.1:${server.port})`);
  return c.waitFor((s) => s[1]?.startsWith('VM/370 ONLINE') ?? false);
}

/** From the logo to the console. */
async function toConsole(c: S3270): Promise<string[]> {
  await connect(c);
  await c.must('Enter()');
  return c.waitFor((s) => s[23]?.includes('VM READ') ?? false);
}

describe('s3270 and the demo host', () => {
  it('shows the VM/370 logo on an unformatted screen', async () => {
    const c = client();
    const screen = await connect(c);
    expect(screen.join('\n')).toContain('MM MM MM MM');
    const status = await c.status();
    expect(status.slice(1, 5)).toEqual(['U', 'U', 'C(127.0.0.1)', 'I']);
    expect(status.slice(5, 8)).toEqual(['2', '24', '80']);
  });

  it('ENTER leads to the console: formatted, input area at row 23, VM READ at the bottom right', async () => {
    const c = client();
    const screen = await toConsole(c);
    expect(screen[0]).toMatch(/^vm370 demo host on terminal 0[CD][0-9A-F] \(IBM-3278-2-E, 24x80\)/);
    expect(screen[23]!.slice(61).trim()).toBe('VM READ');
    const status = await c.status();
    expect(status.slice(0, 3)).toEqual(['U', 'F', 'U']);
    expect(status.slice(8, 10)).toEqual(['22', '0']);
  });

  it('typed text is echoed into the output area (cp037 brackets survive)', async () => {
    const c = client();
    await toConsole(c);
    await c.must('String("hello [x] world")');
    await c.must('Enter()');
    const screen = await c.waitFor((s) => s.some((l) => l.startsWith('hello [x] world')));
    expect(screen[22]!.trim()).toBe('');
    expect((await c.must('Ascii1(24,62,7)')).data[0]).toBe('VM READ');
  });

  it('PF keys, PA1 (CP READ) and BEGIN, PA2 and Clear', async () => {
    const c = client();
    await toConsole(c);
    await c.must('PF(5)');
    await c.waitFor((s) => s.some((l) => l.trim() === 'PF05'));
    await c.must('PF(13)');
    await c.waitFor((s) => s.some((l) => l.trim() === 'PF13'));
    await c.must('PA(1)');
    await c.waitFor((s) => s[23]!.includes('CP READ'));
    await c.must('String("begin")');
    await c.must('Enter()');
    await c.waitFor((s) => s[23]!.includes('VM READ'));
    await c.must('PA(2)');
    await c.waitFor((s) => s.slice(0, 22).every((l) => l.trim() === ''));
    await c.must('String("before clear")');
    await c.must('Clear()');
    const screen = await c.waitFor((s) => s[23]!.includes('VM READ'));
    expect(screen.slice(0, 23).every((l) => l.trim() === '')).toBe(true);
    expect((await c.status()).slice(0, 2)).toEqual(['U', 'F']);
  });

  it('typing into a protected field is an operator error until Reset', async () => {
    const c = client();
    await toConsole(c);
    await c.must('MoveCursor1(5,10)');
    const typed = await c.run('String("x")');
    expect(typed.ok).toBe(false);
    expect(typed.status[0]).toBe('L');
    await c.must('Reset()');
    expect((await c.status())[0]).toBe('U');
  });

  it('Tab, Home and Erase EOF work on the console\'s input field', async () => {
    const c = client();
    await toConsole(c);
    await c.must('String("abcdef")');
    await c.must('Home()');
    await c.must('Tab()');
    expect((await c.status()).slice(8, 10)).toEqual(['22', '0']);
    await c.must('MoveCursor1(23,4)');
    await c.must('EraseEOF()');
    await c.must('Enter()');
    await c.waitFor((s) => s.some((l) => l.trim() === 'abc'));
  });

  it('PF3 disconnects (LOGOFF)', async () => {
    const c = client();
    await toConsole(c);
    await c.run('PF(3)');
    await c.must('Wait(10,Disconnect)');
    expect((await c.status())[3]).toBe('N');
  });

  it('LOGOFF typed on the logo screen disconnects', async () => {
    const c = client();
    await connect(c);
    await c.must('String("logoff")');
    await c.run('Enter()');
    await c.must('Wait(10,Disconnect)');
  });
});

describe('negotiation variants with s3270', () => {
  it('traditional TN3270 (N: refuses TN3270E)', async () => {
    const c = client();
    await connect(c, 'N:');
    await c.must('Enter()');
    const screen = await c.waitFor((s) => s[23]!.includes('VM READ'));
    expect(screen[0]).toContain('IBM-3278-2-E');
    expect(server.log.some((l) => /IBM-3278-2-E on 0[CD][0-9A-F] \(TN3270,/.test(l))).toBe(true);
  });

  it('a model 5 gets the 27x132 alternate screen (Erase/Write Alternate)', async () => {
    const c = client(['-model', '3279-5', '-codepage', 'cp037']);
    await connect(c);
    await c.must('Enter()');
    const screen = await c.waitFor((s) => (s[26] ?? '').includes('VM READ'));
    expect(screen[0]!.length).toBe(132);
    expect((await c.status()).slice(6, 8)).toEqual(['27', '132']);
  });

  it('IBM-DYNAMIC: the query reply decides the size', async () => {
    const c = client(['-model', '3278-4', '-tn', 'IBM-DYNAMIC', '-codepage', 'cp037']);
    await connect(c);
    await c.must('Enter()');
    const screen = await c.waitFor((s) => (s[42] ?? '').includes('VM READ'));
    expect(screen[0]).toContain('IBM-DYNAMIC, 43x80');
  });

  it('a client can ask for a device by LU name; asking for a taken one fails', async () => {
    const first = client();
    await first.must(`Connect(0C5@127.0.0.1:${server.port})`);
    await first.waitFor((s) => s[1]?.startsWith('VM/370 ONLINE') ?? false);
    expect((await first.must('Query(LuName)')).data[0]).toBe('0C5');
    // TN3270E answers DEVICE-IN-USE; s3270 falls back to TN3270 with IBM-3278-2-E@0C5, which fails too.
    const second = client();
    expect((await second.run(`Connect(0C5@127.0.0.1:${server.port})`)).ok).toBe(false);
    expect(server.log.some((l) => l.includes('dropped: terminal 0C5 is in use'))).toBe(true);
    const third = client();
    await third.must(`Connect(N:0C6@127.0.0.1:${server.port})`);
    await third.waitFor((s) => s[1]?.startsWith('VM/370 ONLINE') ?? false);
    expect((await third.must('Query(LuName)')).data[0]).toBe('0C6');
  });

  it('S: (no -E in the terminal type) still works', async () => {
    const c = client(['-model', '3278-3', '-codepage', 'cp037']);
    await connect(c, 'S:');
    await c.must('Enter()');
    const screen = await c.waitFor((s) => (s[31] ?? '').includes('VM READ'));
    expect(screen[0]).toContain('IBM-3278-3,');
  });
});
