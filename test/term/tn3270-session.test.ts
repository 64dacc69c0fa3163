import { describe, expect, it } from 'vitest';
import { Tn3270Session, type SessionEvents } from '../../src/term/tn3270-session.ts';
import { ascii, hex, pool, Wire } from './fake-client.ts';

function session(options = {}, allocator = pool()) {
  const wire = new Wire();
  const log: string[] = [];
  const records: string[] = [];
  const events: SessionEvents = {
    ready: () => log.push('ready'),
    record: (d) => records.push(Buffer.from(d).toString('hex')),
    attention: () => log.push('attention'),
    failed: (reason) => log.push(`failed: ${reason}`),
  };
  const s = new Tn3270Session(wire, allocator, events, options);
  s.start();
  return { s, wire, log, records, allocator };
}

/** Drives a TN3270E negotiation up to FUNCTIONS; returns the parts. */
function tn3270e(type = 'IBM-3278-2-E', connect?: string) {
  const t = session();
  expect(t.wire.take()).toBe('fffd28');
  t.s.receive(hex('fffb28'));
  expect(t.wire.take()).toBe('fffa280802fff0');
  t.s.receive(hex(`fffa28 0207 ${ascii(type)} ${connect ? '01' + ascii(connect) : ''} fff0`));
  return t;
}

describe('TN3270E negotiation (RFC 2355)', () => {
  it('DEVICE-TYPE IS with the assigned device name, FUNCTIONS cut down to RESPONSES, then headed records', () => {
    const t = tn3270e();
    expect(t.wire.take()).toBe(`fffa280204${ascii('IBM-3278-2-E')}01${ascii('0C0')}fff0`);
    t.s.receive(hex('fffa2803 07 000204 fff0'));
    expect(t.wire.take()).toBe('fffa2803 07 02 fff0'.replace(/ /g, ''));
    expect(t.log).toEqual([]);
    t.s.receive(hex('fffa2803 04 02 fff0'));
    expect(t.log).toEqual(['ready']);
    expect([t.s.tn3270e, t.s.device?.name, t.s.model.model]).toEqual([true, '0C0', 2]);
    t.s.sendRecord(hex('f5c3ff'));
    expect(t.wire.take()).toBe('0000000000f5c3ffffffef');
    t.s.sendRecord(hex('f1c2'));
    expect(t.wire.take()).toBe('0000000001f1c2ffef');
    t.s.receive(hex('00000000007d 5d7f ffef'));
    expect(t.records).toEqual(['7d5d7f']);
  });

  it('FUNCTIONS may be renegotiated once the session runs', () => {
    const t = tn3270e();
    t.s.receive(hex('fffa280307fff0'));
    t.wire.take();
    t.s.receive(hex('fffa28030700fff0'));
    expect(t.wire.take()).toBe('fffa280307fff0');
    t.s.receive(hex('fffa280304fff0'));
    expect(t.log).toEqual(['ready']);
    expect(t.s.ready).toBe(true);
  });

  it('an empty function list is accepted at once', () => {
    const t = tn3270e('IBM-3279-4-E');
    t.wire.take();
    t.s.receive(hex('fffa280307fff0'));
    expect(t.wire.take()).toBe('fffa280304fff0');
    expect(t.log).toEqual(['ready']);
    expect(t.s.model.alternateRows).toBe(43);
  });

  it('CONNECT names a device: granted when free, DEVICE-IN-USE when taken, INV-NAME outside the range', () => {
    const allocator = pool();
    allocator.allocate('0C1');
    const t = session({}, allocator);
    t.s.receive(hex('fffb28'));
    t.wire.take();
    t.s.receive(hex(`fffa280207${ascii('IBM-3278-2')}01${ascii('0C1')}fff0`));
    expect(t.wire.take()).toBe('fffa2802060501fff0');
    t.s.receive(hex(`fffa280207${ascii('IBM-3278-2')}01${ascii('LU99')}fff0`));
    expect(t.wire.take()).toBe('fffa2802060503fff0');
    t.s.receive(hex(`fffa280207${ascii('IBM-3278-2')}01${ascii('0c2')}fff0`));
    expect(t.wire.take()).toBe(`fffa280204${ascii('IBM-3278-2')}01${ascii('0C2')}fff0`);
  });

  it('after a REJECT the client may fall back to traditional TN3270 (WONT TN3270E)', () => {
    const allocator = pool();
    allocator.allocate('0C1');
    const t = session({}, allocator);
    t.s.receive(hex(`fffb28 fffa280207${ascii('IBM-3278-2')}01${ascii('0C1')}fff0`));
    t.wire.take();
    t.s.receive(hex('fffc28'));
    expect(t.wire.take()).toBe('fffe28fffd18');
    t.s.receive(hex(`fffb18 fffa1800${ascii('IBM-3278-2')}fff0 fffb19 fffd19 fffb00 fffd00`));
    expect(t.log).toEqual(['ready']);
    expect([t.s.tn3270e, t.s.device?.name]).toEqual([false, '0C0']);
  });

  it('printers and ASSOCIATE are rejected', () => {
    const t = tn3270e('IBM-3287-1');
    expect(t.wire.take()).toBe('fffa2802060504fff0');
    t.s.receive(hex(`fffa280207${ascii('IBM-3278-2')}00${ascii('0C0')}fff0`));
    expect(t.wire.take()).toBe('fffa2802060507fff0');
  });

  it('ignores RESPONSE and SSCP-LU-DATA records; Attn (IAC BRK, IAC IP) reaches the host', () => {
    const t = tn3270e();
    t.s.receive(hex('fffa280307fff0'));
    t.s.receive(hex('0200000001 00 ffef 0700000000 c1 ffef fff3 fff4'));
    expect(t.records).toEqual([]);
    expect(t.log).toEqual(['ready', 'attention', 'attention']);
  });

  it('a record shorter than its header fails the session', () => {
    const t = tn3270e();
    t.s.receive(hex('fffa280307fff0 0000 ffef'));
    expect(t.log).toEqual(['ready', 'failed: TN3270E record shorter than its header']);
  });

  it('the IBM-DYNAMIC type is accepted and marked dynamic', () => {
    const t = tn3270e('IBM-DYNAMIC');
    expect(t.wire.take()).toContain(ascii('IBM-DYNAMIC'));
    expect(t.s.dynamic).toBe(true);
  });
});

describe('traditional TN3270 negotiation (RFC 1576)', () => {
  function traditional() {
    const t = session();
    t.wire.take();
    t.s.receive(hex('fffc28'));
    expect(t.wire.take()).toBe('fffd18');
    t.s.receive(hex('fffb18'));
    expect(t.wire.take()).toBe('fffa1801fff0');
    return t;
  }

  it('TERMINAL-TYPE, then EOR and BINARY both ways; records are plain', () => {
    const t = traditional();
    t.s.receive(hex(`fffa1800${ascii('IBM-3279-3-E')}fff0`));
    expect(t.wire.take()).toBe('fffd19fffb19fffd00fffb00');
    t.s.receive(hex('fffb19fffd19fffb00'));
    expect(t.log).toEqual([]);
    t.s.receive(hex('fffd00'));
    expect(t.log).toEqual(['ready']);
    expect([t.s.tn3270e, t.s.terminalType, t.s.model.alternateRows, t.s.model.color]).toEqual([false, 'IBM-3279-3-E', 32, true]);
    t.s.sendRecord(hex('f5c3'));
    expect(t.wire.take()).toBe('f5c3ffef');
    t.s.receive(hex('7d4040ffef'));
    expect(t.records).toEqual(['7d4040']);
  });

  it('TYPE@NAME asks for a device (RFC 1646); a taken one fails the session', () => {
    const t = traditional();
    t.s.receive(hex(`fffa1800${ascii('IBM-3278-2-E@0c3')}fff0 fffb19 fffd19 fffb00 fffd00`));
    expect([t.log, t.s.device?.name, t.s.terminalType]).toEqual([['ready'], '0C3', 'IBM-3278-2-E']);
    const allocator = pool();
    allocator.allocate('0C1');
    const u = session({}, allocator);
    u.s.receive(hex(`fffc28 fffb18 fffa1800${ascii('IBM-3278-2@0C1')}fff0 fffb19 fffd19 fffb00 fffd00`));
    expect(u.log).toEqual(['failed: terminal 0C1 is in use']);
  });

  it('an unknown type is asked for again; a repeated one ends negotiation', () => {
    const t = traditional();
    t.s.receive(hex(`fffa1800${ascii('VT100')}fff0`));
    expect(t.wire.take()).toBe('fffa1801fff0');
    t.s.receive(hex(`fffa1800${ascii('VT100')}fff0`));
    expect(t.log).toEqual(["failed: unknown terminal type 'VT100'"]);
  });

  it('a client that refuses BINARY is dropped', () => {
    const t = traditional();
    t.s.receive(hex(`fffa1800${ascii('IBM-3278-2')}fff0`));
    t.s.receive(hex('fffc00'));
    expect(t.log).toEqual(['failed: client refuses BINARY']);
  });

  it('refuses options it does not know, once, without loops', () => {
    const t = traditional();
    t.s.receive(hex('fffb01fffd03'));
    expect(t.wire.take()).toBe('fffe01fffc03');
    t.s.receive(hex('fffc01fffe03'));
    expect(t.wire.take()).toBe('');
  });

  it('a server that does not offer TN3270E starts with TERMINAL-TYPE', () => {
    const t = session({ tn3270e: false });
    expect(t.wire.take()).toBe('fffd18');
  });
});

describe('garbage and limits', () => {
  it('data before negotiation has finished fails the session', () => {
    const t = session();
    t.s.receive(new TextEncoder().encode('GET / HTTP/1.1\r\n'));
    expect(t.log).toEqual(['failed: data before negotiation finished']);
  });

  it('a record before negotiation fails; broken subnegotiation fails', () => {
    const a = session();
    a.s.receive(hex('ffef'));
    expect(a.log).toEqual(['failed: record before negotiation finished']);
    const b = session();
    b.s.receive(hex('fffa2801fff0'));
    expect(b.log).toEqual(['failed: unexpected TN3270E subnegotiation']);
  });

  it('random bytes never throw', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff;
    for (let run = 0; run < 200; run++) {
      const t = session();
      const chunk = Uint8Array.from({ length: 64 }, random);
      expect(() => t.s.receive(chunk)).not.toThrow();
    }
  });

  it('no free address: the session fails', () => {
    const allocator = pool('0C0');
    allocator.allocate();
    const t = session({}, allocator);
    t.s.receive(hex(`fffb28 fffa280207${ascii('IBM-3278-2')}fff0`));
    expect(t.log).toEqual(['failed: no free terminal address']);
  });
});
