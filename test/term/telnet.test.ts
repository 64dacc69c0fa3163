import { describe, expect, it } from 'vitest';
import { escapeIac, frameRecord, TelnetParser, type NegotiationVerb } from '../../src/term/telnet.ts';

function collect(limits = {}) {
  const events: string[] = [];
  const records: number[][] = [];
  const parser = new TelnetParser(
    {
      record: (b) => records.push(Array.from(b)),
      negotiation: (verb: NegotiationVerb, option) => events.push(`${verb} ${option}`),
      subnegotiation: (option, b) => events.push(`SB ${option} ${Array.from(b).join(',')}`),
      command: (code) => events.push(`CMD ${code}`),
      error: (reason) => events.push(`ERROR ${reason}`),
    },
    limits,
  );
  return { parser, events, records };
}

describe('telnet parser', () => {
  it('assembles a record split across reads one byte at a time, undoubling IAC', () => {
    const { parser, records } = collect();
    const wire = [0x7d, 0x40, 0xff, 0xff, 0x41, 0xff, 0xef, 0xf1, 0xff, 0xef];
    for (const b of wire) parser.feed(Uint8Array.of(b));
    expect(records).toEqual([[0x7d, 0x40, 0xff, 0x41], [0xf1]]);
  });

  it('reads negotiations, subnegotiations (with doubled IAC inside) and commands split anywhere', () => {
    const { parser, events } = collect();
    const wire = Uint8Array.of(0xff, 0xfb, 0x28, 0xff, 0xfa, 0x18, 0x00, 0x49, 0xff, 0xff, 0xff, 0xf0, 0xff, 0xf3, 0xff, 0xf1);
    parser.feed(wire.subarray(0, 2));
    parser.feed(wire.subarray(2, 9));
    parser.feed(wire.subarray(9));
    expect(events).toEqual(['WILL 40', 'SB 24 0,73,255', 'CMD 243', 'CMD 241']);
  });

  it('fails on an over-long record or subnegotiation, and on IAC SE outside a subnegotiation', () => {
    const a = collect({ maxRecord: 4 });
    a.parser.feed(Uint8Array.of(1, 2, 3, 4, 5, 6));
    expect(a.events).toEqual(['ERROR record longer than 4 bytes']);
    const b = collect({ maxSubnegotiation: 2 });
    b.parser.feed(Uint8Array.of(0xff, 0xfa, 0x18, 1, 2, 3));
    expect(b.events[0]).toMatch(/^ERROR subnegotiation longer/);
    const c = collect();
    c.parser.feed(Uint8Array.of(0xff, 0xf0, 0xff, 0xfb, 0x00));
    expect(c.events).toEqual(['ERROR IAC SE outside a subnegotiation']);
  });

  it('doubles IAC on the way out and ends records with IAC EOR', () => {
    expect(Array.from(escapeIac(Uint8Array.of(1, 0xff, 2)))).toEqual([1, 0xff, 0xff, 2]);
    expect(Array.from(frameRecord(Uint8Array.of(0xff)))).toEqual([0xff, 0xff, 0xff, 0xef]);
    const plain = Uint8Array.of(1, 2);
    expect(escapeIac(plain)).toBe(plain);
  });
});
