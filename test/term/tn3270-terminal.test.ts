import { afterEach, describe, expect, it, vi } from 'vitest';
import { queryReply } from '../../src/term/structured-fields.ts';
import { terminalModel } from '../../src/term/models.ts';
import { Tn3270Connection } from '../../src/term/tn3270-terminal.ts';
import { frameRecord } from '../../src/term/telnet.ts';
import { ascii, hex, pool, Wire } from './fake-client.ts';

function connection(options: { negotiationTimeoutMs?: number; queryTimeoutMs?: number } = {}) {
  const wire = new Wire();
  const log: string[] = [];
  const allocator = pool();
  const c = new Tn3270Connection(wire, allocator, {
    peer: 'test',
    ...options,
    onReady: (t) => log.push(`ready ${t.info.deviceName} ${t.info.model.alternateRows}x${t.info.model.alternateColumns}`),
    onClosed: (_t, reason, failure) => log.push(`closed ${failure ? 'failure' : 'normal'}: ${reason}`),
  });
  c.start();
  return { c, wire, log, allocator };
}

const negotiate = (c: Tn3270Connection, type: string) => {
  c.receive(hex(`fffb28 fffa280207${ascii(type)}fff0 fffa280307fff0`));
};

afterEach(() => {
  vi.useRealTimers();
});

describe('a TN3270 connection as a host terminal', () => {
  it('a client that never finishes negotiating is dropped after the timeout', () => {
    vi.useFakeTimers();
    const { log, wire } = connection({ negotiationTimeoutMs: 1000 });
    vi.advanceTimersByTime(999);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['closed failure: negotiation timed out']);
    expect(wire.ended).toBe(true);
  });

  it('announces a negotiated terminal and clears the timer', () => {
    vi.useFakeTimers();
    const { c, log } = connection({ negotiationTimeoutMs: 1000 });
    negotiate(c, 'IBM-3279-2-E');
    vi.advanceTimersByTime(5000);
    expect(log).toEqual(['ready 0C0 24x80']);
    expect(c.info.protocol).toBe('tn3270e');
  });

  it('asks an IBM-DYNAMIC client for its query replies and takes its size from them', () => {
    vi.useFakeTimers();
    const { c, log, wire } = connection();
    negotiate(c, 'IBM-DYNAMIC');
    expect(wire.take()).toContain('0000000000f3000501ffff02ffef');
    expect(log).toEqual([]);
    const reply = queryReply(terminalModel(3279, 5));
    c.receive(frameRecord(Uint8Array.from([0, 0, 0, 0, 0, ...reply])));
    expect(log).toEqual(['ready 0C0 27x132']);
    expect(c.info.model.color).toBe(true);
  });

  it('an IBM-DYNAMIC client that does not answer the query is announced as 24x80 after the query timeout', () => {
    vi.useFakeTimers();
    const { c, log } = connection({ queryTimeoutMs: 500 });
    negotiate(c, 'IBM-DYNAMIC');
    vi.advanceTimersByTime(500);
    expect(log).toEqual(['ready 0C0 24x80']);
  });

  it('host writes reach the client and the shadow screen; inbound records reach the host and the shadow', () => {
    const { c, wire } = connection();
    negotiate(c, 'IBM-3278-2');
    wire.take();
    const inbound: string[] = [];
    c.onInbound((r) => inbound.push(Buffer.from(r).toString('hex')));
    c.write(hex('f5c3 1d40 13'));
    expect(wire.take()).toBe('0000000000f5c31d4013ffef');
    expect(c.screen.isFormatted()).toBe(true);
    c.receive(hex('0000000000 7d40c1 1140c1 c1c2 ffef'));
    expect(inbound).toEqual(['7d40c11140c1c1c2']);
    expect(c.screen.textAt(0, 1, 2)).toBe('AB');
    expect(c.screen.lock).toBe('system');
  });

  it('a host listener that throws ends only its own terminal; disconnect listeners run once', () => {
    const { c, log } = connection();
    negotiate(c, 'IBM-3278-2');
    const reasons: string[] = [];
    c.onDisconnect((r) => reasons.push(r));
    c.onInbound(() => {
      throw new Error('bug in host');
    });
    c.receive(hex('0000000000 6d ffef'));
    expect(c.connected).toBe(false);
    expect(reasons).toEqual(['host error: bug in host']);
    expect(log.at(-1)).toBe('closed failure: host error: bug in host');
    c.disconnect();
    expect(reasons).toHaveLength(1);
  });

  it('releasing is the owner\'s job: the device name stays on the session after close', () => {
    const { c } = connection();
    negotiate(c, 'IBM-3278-2');
    c.disconnect('bye');
    expect(c.session.device?.name).toBe('0C0');
  });
});
