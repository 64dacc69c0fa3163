// Many s3270 sessions at once, with misbehaving raw sockets alongside.

import { connect as tcpConnect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveProgram, S3270 } from './helpers/s3270.ts';
import { startDemoServer, type TestServer } from './helpers/server.ts';

let server: TestServer;

beforeAll(async () => {
  if (!haveProgram('s3270')) throw new Error('the interop suite needs s3270 (apt-get install s3270)');
  server = await startDemoServer({ negotiationTimeoutMs: 1_500 });
});

afterAll(async () => {
  await server.close();
});

function rawSocket(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(server.port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
    // Read (and ignore) what the server says, so its closing the connection is seen.
    socket.resume();
  });
}

const closed = (socket: Socket, timeoutMs: number) =>
  new Promise<boolean>((resolve) => {
    if (socket.destroyed || socket.readableEnded) return resolve(true);
    const timer = setTimeout(() => resolve(false), timeoutMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });

/** Connects, goes to the console and echoes a line; the client stays connected. */
async function session(c: S3270, n: number): Promise<{ device: string; screen: string[] }> {
  await c.must(`Connect(127.0.0.1:${server.port})`);
  await c.waitFor((s) => s[1]?.startsWith('VM/370 ONLINE') ?? false, 20_000);
  await c.must('Enter()');
  const first = await c.waitFor((s) => s[23]?.includes('VM READ') ?? false, 20_000);
  const device = /terminal (\w+)/.exec(first[0]!)![1]!;
  await c.must(`String("session ${n} [${device}]")`);
  await c.must('Enter()');
  const screen = await c.waitFor((s) => s.some((l) => l.startsWith(`session ${n} [${device}]`)), 20_000);
  return { device, screen };
}

describe('concurrent sessions', () => {
  it('20 s3270 sessions at once each get their own terminal and echo; garbage sockets are dropped without disturbing them', async () => {
    const noisy = await rawSocket();
    noisy.on('error', () => undefined);
    let seed = 7;
    const spray = setInterval(() => {
      if (noisy.destroyed) return;
      const junk = Buffer.alloc(256);
      for (let i = 0; i < junk.length; i++) junk[i] = (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
      noisy.write(junk, () => undefined);
    }, 20);
    const silent = await rawSocket();
    silent.on('error', () => undefined);
    const vanishing = await rawSocket();
    vanishing.write(Buffer.from([0xff, 0xfb, 0x28]));
    vanishing.destroy();

    const clients = Array.from({ length: 20 }, () => new S3270());
    let results: { device: string; screen: string[] }[];
    try {
      results = await Promise.all(clients.map((c, n) => session(c, n)));
      expect(server.server.terminals()).toHaveLength(20);
    } finally {
      clearInterval(spray);
      await Promise.all(clients.map((c) => c.close()));
    }

    const devices = results.map((r) => r.device);
    expect(new Set(devices).size).toBe(20);
    results.forEach((r, n) => {
      const echoes = r.screen.filter((l) => l.startsWith('session '));
      expect(echoes).toEqual([`session ${n} [${r.device}]`.padEnd(80)]);
    });
    expect(await closed(noisy, 5_000)).toBe(true);
    expect(await closed(silent, 5_000)).toBe(true);
    const drops = server.log.filter((l) => l.startsWith('W ') && l.includes('dropped'));
    expect(drops.some((l) => l.includes('negotiation timed out'))).toBe(true);
    expect(drops.some((l) => /data before negotiation|subnegotiation|IAC|record/.test(l))).toBe(true);
    expect(drops.length).toBeGreaterThanOrEqual(3);
  });

  it('the server still takes new sessions afterwards, and every address was given back', async () => {
    const c = new S3270();
    try {
      const { device } = await session(c, 99);
      expect(device).toBe('0C0');
    } finally {
      await c.close();
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(server.server.connectionCount).toBe(0);
  });
});
