// Line-mode users over plain telnet: a socket that does not negotiate TN3270 gets CP as a
// typewriter terminal: VM/370 ONLINE, LOGON, ENTER PASSWORD: with echo off, the console's lines,
// #CP, attention (telnet IP) for CP READ, LOGOFF ending the connection.

import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../src/cp/dispatcher.ts';
import { CpHost } from '../../../src/cp/terminal/cp-host.ts';
import type { CpSystem } from '../../../src/cp/system/cp-system.ts';
import { Tn3270Server } from '../../../src/term/tn3270-server.ts';
import { openLoopSystem } from '../../interop/helpers/loop-system.ts';
import { openSystem } from './helpers.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(system: CpSystem) {
  const dispatcher = new Dispatcher();
  const host = new CpHost(system, dispatcher, { failureDelayMs: 0, logoffDelayMs: 0 });
  const server = new Tn3270Server({ host, port: 0, lineModeAfterMs: 200 });
  const { port } = await server.listen();
  cleanups.push(async () => {
    await server.close();
    host.close();
    dispatcher.stop();
  });
  return { host, port };
}

/** A raw socket: everything received, as latin1 text. */
class Client {
  received = '';
  raw: number[] = [];
  closed = false;
  constructor(readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      this.raw.push(...d);
      this.received += d.toString('latin1');
    });
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<Client> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new Client(socket)));
      socket.on('error', reject);
    });
  }

  send(text: string | Uint8Array): void {
    this.socket.write(typeof text === 'string' ? Buffer.from(text, 'latin1') : text);
  }

  async waitFor(test: (text: string) => boolean, what: string, ms = 10_000): Promise<void> {
    const end = Date.now() + ms;
    while (!test(this.received)) {
      if (Date.now() > end) throw new Error(`never saw ${what}; got:\n${JSON.stringify(this.received)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  until(text: string, ms?: number): Promise<void> {
    return this.waitFor((t) => t.includes(text), JSON.stringify(text), ms);
  }
}

describe('a line-mode user over plain telnet', () => {
  it('logs on with the password unseen, uses CP, and LOGOFF ends the connection', async () => {
    const { host, port } = await serve(openSystem());
    const c = await Client.open(port);
    cleanups.push(() => void c.socket.destroy());
    await c.until('VM/370 ONLINE\r\n');
    c.send('LOGON GUEST\r\n');
    await c.until('ENTER PASSWORD:\r\n');
    // Echo off for the password: the server says it will echo (and echoes nothing).
    expect(c.received.slice(c.received.indexOf('ENTER PASSWORD:'))).toContain('\xff\xfb\x01');
    c.send('GUEST\r\n');
    await c.until('LOGON AT ');
    expect(c.received).toContain('\xff\xfc\x01');
    expect(c.received).not.toContain('GUEST\r\n');
    expect(host.users.get('GUEST')?.terminal?.kind).toBe('line');
    c.send('QUERY USERID\r\n');
    await c.until('GUEST AT VM370\r\n');
    c.send('QUERY USERID#QUERY TIME\r\n');
    await c.until('TIME IS ');
    // A hidden line for CP (LINK's password prompt): echo off, the line goes to CP only.
    const session = [...host.lineSessions][0]!;
    const answers: Array<string | null> = [];
    const mark = c.received.length;
    session.readHiddenLine('ENTER READ PASSWORD:', (line) => answers.push(line));
    await c.until('ENTER READ PASSWORD:\r\n');
    expect(c.received.slice(mark)).toContain('\xff\xfb\x01');
    c.send('SECRET\r\n');
    await c.waitFor(() => answers.length === 1, 'the hidden line');
    expect(answers).toEqual(['SECRET']);
    await c.waitFor((t) => t.slice(mark).includes('\xff\xfc\x01'), 'echo back on');
    expect(session.transcript).not.toContain('SECRET');
    // Lines longer than LINESIZE (80) are typed on as many lines as they need.
    session.writeLine('X'.repeat(100));
    await c.until(`${'X'.repeat(80)}\r\n${'X'.repeat(20)}\r\n`);
    c.send('LOGOFF\r\n');
    await c.until('LOGOFF AT ');
    expect(c.received).toMatch(/CONNECT= \d\d:\d\d:\d\d VIRTCPU= /);
    await c.waitFor(() => c.closed, 'the connection to close');
    expect(host.users.size).toBe(0);
  });

  it('attention (telnet IP) stops a running machine in CP READ; BEGIN resumes; #CP works while it runs', async () => {
    const loop = openLoopSystem(1);
    cleanups.push(() => loop.remove());
    const { host, port } = await serve(loop.system);
    const c = await Client.open(port);
    cleanups.push(() => void c.socket.destroy());
    // A client that refuses TERMINAL-TYPE at once (WONT TN3270E, WONT TERMINAL-TYPE).
    c.send(Uint8Array.of(0xff, 0xfc, 0x28));
    await c.waitFor((t) => t.includes('\xff\xfd\x18'), 'DO TERMINAL-TYPE');
    c.send(Uint8Array.of(0xff, 0xfc, 0x18));
    await c.until('VM/370 ONLINE\r\n');
    c.send('LOGON LOOP01 LOOP01\r\n');
    await c.until('LOGON AT ');
    const vm = host.users.get('LOOP01')!.vm;
    expect(vm.state).toBe('running');
    c.send('#CP QUERY USERID\r\n');
    await c.until('LOOP01 AT VM370\r\n');
    expect(vm.state).toBe('running');
    c.send(Uint8Array.of(0xff, 0xf4));
    await c.waitFor(() => vm.state === 'cp-read', 'CP READ');
    c.send('BEGIN\r\n');
    await c.waitFor(() => vm.state === 'running', 'the machine running again');
    // Dropping the line disconnects the user; the machine runs on.
    c.socket.destroy();
    await c.waitFor(() => host.users.get('LOOP01')?.terminal === null, 'the user disconnected');
    expect(host.users.get('LOOP01')!.vm.state).toBe('running');
  });

  it('garbage on one connection ends only that one; a script that says nothing is still served', async () => {
    const { port } = await serve(openSystem());
    const bad = await Client.open(port);
    cleanups.push(() => void bad.socket.destroy());
    bad.send(Uint8Array.of(0xff, 0xf0, 0x00, 0xff, 0xfa, 0x18, 0xff, 0x01, 0x41));
    const silent = await Client.open(port);
    cleanups.push(() => void silent.socket.destroy());
    await silent.until('VM/370 ONLINE\r\n');
    silent.send('LOGON NOBODY X\r\n');
    await silent.until('DMKLOG053E NOBODY NOT IN CP DIRECTORY\r\n');
    await bad.waitFor(() => bad.closed, 'the broken connection to close');
  });
});
