import { describe, expect, it } from 'vitest';
import { Aid, FieldAttribute as FA, Wcc } from '../../src/term/codes.ts';
import { parseInbound } from '../../src/term/inbound.ts';
import { enter, pa, clear, pf, sysReq, typeText, tab } from '../../src/term/operator.ts';
import { bytes, e, sba, screen, sf, wcc } from './helpers.ts';

const EW = 0xf5;

function form() {
  const s = screen();
  // row 1: protected label, then an input field of 10, then a protected stopper; row 2: second input.
  s.write(EW, bytes(wcc(Wcc.keyboardRestore), sf(FA.protected), e('NAME'), sf(0), 0x13, sba(16), sf(FA.protected), sba(80), sf(0), e('preset'), sba(100), sf(FA.protected)));
  return s;
}

describe('Read Modified', () => {
  it('sends AID, cursor and, for each field with MDT on, SBA + data with nulls left out', () => {
    const s = form();
    typeText(s, 'AB');
    const record = enter(s)!;
    expect(Array.from(record)).toEqual([Aid.enter, ...sba(8).slice(1), ...sba(6), ...e('AB')]);
    expect(s.lock).toBe('system');
  });

  it('includes fields the host wrote with MDT on, and leaves out unmodified ones', () => {
    const s = screen();
    s.write(EW, bytes(wcc(0), sf(FA.modified), e('host'), sba(20), sf(0), e('plain'), sba(40), sf(FA.protected)));
    const record = enter(s)!;
    const parsed = parseInbound(record);
    expect(parsed.fields.map((f) => f.address)).toEqual([1]);
  });

  it('PA keys and Clear read short: the AID alone', () => {
    for (const [press, aid] of [[(x: ReturnType<typeof form>) => pa(x, 1), 0x6c], [(x: ReturnType<typeof form>) => pa(x, 2), 0x6e], [(x: ReturnType<typeof form>) => pa(x, 3), 0x6b], [clear, 0x6d]] as const) {
      const s = form();
      typeText(s, 'X');
      expect(Array.from(press(s)!)).toEqual([aid]);
    }
  });

  it('Clear also erases the screen to the default size, unformatted', () => {
    const s = screen(4);
    s.write(0x7e, bytes(wcc(Wcc.keyboardRestore), sf(0), e('x')));
    clear(s);
    expect([s.rows, s.isFormatted(), s.cursor]).toEqual([24, false, 0]);
  });

  it('PF keys send AID F1 … 7C and C1 … 4C', () => {
    const aids = [];
    for (let n = 1; n <= 24; n++) {
      const s = form();
      aids.push(pf(s, n)![0]);
    }
    expect(aids).toEqual([0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0x7a, 0x7b, 0x7c, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8, 0xc9, 0x4a, 0x4b, 0x4c]);
  });

  it('an unformatted screen sends all its non-null data, without SBA', () => {
    const s = screen();
    s.write(EW, bytes(wcc(Wcc.keyboardRestore), sba(0), e('VM'), sba(1760), 0x13));
    typeText(s, 'LOGON X');
    const record = enter(s)!;
    expect(Array.from(record)).toEqual([Aid.enter, ...sba(1767).slice(1), ...e('VMLOGON X')]);
    const parsed = parseInbound(record);
    expect(parsed.unformatted && Array.from(parsed.unformatted)).toEqual(e('VMLOGON X'));
  });

  it('SysReq sends the test request heading and the fields, with no cursor, and does not lock', () => {
    const s = form();
    typeText(s, 'Q');
    const record = sysReq(s)!;
    expect(Array.from(record.subarray(0, 4))).toEqual([0x01, 0x6c, 0x61, 0x02]);
    expect(Array.from(record.subarray(4))).toEqual([...sba(6), ...e('Q')]);
    expect(s.lock).toBeNull();
    expect(parseInbound(record).aid).toBe(Aid.sysReq);
  });

  it('a Read Modified command from the host answers with the current AID; RMA reads PA keys long', () => {
    const s = form();
    typeText(s, 'Z');
    pa(s, 1);
    expect(Array.from(s.write(0xf6, new Uint8Array(0))!)).toEqual([0x6c]);
    const all = s.write(0x6e, new Uint8Array(0))!;
    expect(all[0]).toBe(0x6c);
    expect(parseInbound(all).fields[0]!.address).toBe(6);
  });

  it('uses 12-bit addresses inbound on a 27x132 screen (3564 positions)', () => {
    const s = screen(5);
    s.write(0x7e, bytes(wcc(Wcc.keyboardRestore), sba(3000), sf(0), 0x13));
    typeText(s, 'W');
    const record = enter(s)!;
    expect(record[1]! & 0xc0).not.toBe(0);
    expect(parseInbound(record).fields[0]!.address).toBe(3001);
  });
});

describe('Read Buffer', () => {
  it('sends AID, cursor, then every position with SF for attributes and nulls included', () => {
    const s = screen();
    s.write(EW, bytes(wcc(0), sf(FA.protected), e('AB'), sba(5), 0x13));
    const record = s.write(0xf2, new Uint8Array(0))!;
    expect(record.length).toBe(3 + 1 + 1920);
    expect(Array.from(record.subarray(0, 8))).toEqual([Aid.none, ...sba(5).slice(1), 0x1d, 0x60, ...e('AB'), 0x00]);
  });

  it('in extended field mode reports attributes as SFE with colour', () => {
    const s = screen();
    s.write(EW, bytes(wcc(0), 0x29, 2, 0xc0, 0x60, 0x42, 0xf2, e('R')));
    s.write(0xf3, bytes(0x00, 0x05, 0x09, 0x00, 0x01));
    const record = s.write(0xf2, new Uint8Array(0))!;
    expect(Array.from(record.subarray(3, 9))).toEqual([0x29, 2, 0xc0, 0x60, 0x42, 0xf2]);
  });
});

describe('applyInbound (the TN3270 shadow screen)', () => {
  it('folds a client\'s modified field into the shadow and locks it', () => {
    const client = form();
    const shadow = form();
    tab(client);
    typeText(client, 'later');
    shadow.applyInbound(enter(client)!);
    expect(shadow.textAt(1, 1, 6)).toBe('latert');
    expect(shadow.lock).toBe('system');
  });
});
