import { describe, expect, it } from 'vitest';
import { Aid, FieldAttribute as FA, Wcc } from '../../src/term/codes.ts';
import { bytes, e, sba, screen, sf, wcc } from './helpers.ts';

const EW = 0xf5;
const W = 0xf1;

describe('3270 write commands', () => {
  it('Erase/Write clears the buffer to nulls, takes the default size and homes the cursor', () => {
    const s = screen(4);
    s.write(0x0d, bytes(wcc(0), e('X')));
    expect([s.rows, s.columns]).toEqual([43, 80]);
    s.write(EW, bytes(wcc(0), sba(100), e('HELLO')));
    expect([s.rows, s.columns, s.cursor, s.alternate]).toEqual([24, 80, 0, false]);
    expect(s.textAt(1, 20, 5)).toBe('HELLO');
    expect(s.chars[0]).toBe(0);
  });

  it('Erase/Write Alternate selects the alternate size of models 3, 4 and 5', () => {
    for (const [model, rows, columns] of [[2, 24, 80], [3, 32, 80], [4, 43, 80], [5, 27, 132]] as const) {
      const s = screen(model);
      s.write(0x7e, bytes(wcc(0)));
      expect([s.rows, s.columns, s.alternate]).toEqual([rows, columns, true]);
    }
  });

  it('CCW and SNA command codes do the same thing', () => {
    const a = screen();
    const b = screen();
    a.write(0x05, bytes(wcc(Wcc.keyboardRestore), sba(80), e('SAME')));
    b.write(0xf5, bytes(wcc(Wcc.keyboardRestore), sba(80), e('SAME')));
    expect(a.text()).toEqual(b.text());
  });

  it('Write starts at the cursor address and keeps the rest of the buffer', () => {
    const s = screen();
    s.write(EW, bytes(wcc(0), e('ABCDEF'), sba(2), 0x13));
    s.write(W, bytes(wcc(0), e('xy')));
    expect(s.textAt(0, 0, 6)).toBe('ABxyEF');
  });

  it('WCC: keyboard restore unlocks and clears the AID, alarm sounds, reset MDT turns MDT off', () => {
    const s = screen();
    s.write(EW, bytes(wcc(0), sf(FA.modified), e('A')));
    s.lock = 'system';
    s.aid = Aid.enter;
    s.write(W, bytes(wcc(Wcc.alarm)));
    expect(s.lock).toBe('system');
    expect(s.alarms).toBe(1);
    expect(s.attrs[0]! & FA.modified).toBe(FA.modified);
    s.write(W, bytes(wcc(Wcc.keyboardRestore | Wcc.resetMdt)));
    expect(s.lock).toBeNull();
    expect(s.aid).toBe(Aid.none);
    expect(s.attrs[0]! & FA.modified).toBe(0);
  });
});

describe('3270 orders', () => {
  it('SF puts an attribute (shown blank) and the field data follows', () => {
    const s = screen();
    s.write(EW, bytes(wcc(0), sf(FA.protected | FA.intensified), e('TITLE')));
    expect(s.attrs[0]).toBe(FA.protected | FA.intensified);
    expect(s.textAt(0, 0, 6)).toBe(' TITLE');
    expect(s.fields()).toHaveLength(1);
    expect(s.isFormatted()).toBe(true);
  });

  it('SBA accepts 12-bit and 14-bit addresses', () => {
    const s = screen();
    s.write(EW, bytes(wcc(0), sba(1919), e('Z'), sba(81, 14), e('Q')));
    expect(s.textAt(23, 79, 1)).toBe('Z');
    expect(s.textAt(1, 1, 1)).toBe('Q');
  });

  it('IC puts the cursor at the current address', () => {
    const s = screen();
    s.write(EW, bytes(wcc(0), sba(500), 0x13, e('ABC')));
    expect(s.cursor).toBe(500);
  });

  it('PT after data nulls the rest of the field and moves to the next unprotected field', () => {
    const s = screen();
    s.write(EW, bytes(wcc(0), sf(0), e('OLDOLDOLD'), sba(20), sf(FA.protected), sba(40), sf(0), e('second')));
    s.write(W, bytes(wcc(0), sba(1), e('NEW'), 0x05, e('x')));
    expect(s.textAt(0, 1, 9)).toBe('NEW      ');
    expect(s.chars[4]).toBe(0);
    expect(s.textAt(0, 41, 6)).toBe('xecond');
  });

  it('PT right after an order leaves the buffer alone; with no unprotected field ahead it stops at 0', () => {
    const s = screen();
    s.write(EW, bytes(wcc(0), sf(0), e('KEEP'), sba(10), sf(FA.protected)));
    s.write(W, bytes(wcc(0), sba(1), 0x05, 0x13));
    expect(s.textAt(0, 1, 4)).toBe('KEEP');
    expect(s.cursor).toBe(0);
  });

  it('RA repeats a character up to the stop address; stop = current address fills the buffer', () => {
    const s = screen();
    s.write(EW, bytes(wcc(0), sba(80), 0x3c, ...sba(85).slice(1), ...e('-'), e('|')));
    expect(s.textAt(1, 0, 6)).toBe('-----|');
    s.write(EW, bytes(wcc(0), sba(3), 0x3c, ...sba(3).slice(1), ...e('*')));
    expect(s.text().every((line) => line === '*'.repeat(80))).toBe(true);
  });

  it('RA with a graphic escape repeats the escaped character', () => {
    const s = screen();
    s.write(EW, bytes(wcc(0), 0x3c, ...sba(4).slice(1), 0x08, 0xc5));
    expect(Array.from(s.chars.subarray(0, 5))).toEqual([0xc5, 0xc5, 0xc5, 0xc5, 0]);
  });

  it('EUA nulls unprotected positions only, up to the stop address', () => {
    const s = screen();
    s.write(EW, bytes(wcc(0), sf(FA.protected), e('PROT'), sf(0), e('input'), sf(FA.protected), e('more')));
    s.write(W, bytes(wcc(0), sba(0), 0x12, ...sba(1919).slice(1)));
    expect(s.textAt(0, 0, 16)).toBe(' PROT       more');
    expect(Array.from(s.chars.subarray(6, 11))).toEqual([0, 0, 0, 0, 0]);
  });

  it('SFE carries colour and highlighting; MF changes them; SA colours single characters', () => {
    const s = screen();
    s.write(EW, bytes(wcc(0), 0x29, 3, 0xc0, 0x60, 0x42, 0xf2, 0x41, 0xf4, e('RED'), 0x28, 0x42, 0xf6, e('Y'), 0x28, 0x00, 0x00, e('n')));
    expect(s.attrs[0]).toBe(FA.protected);
    expect(s.fieldColor[0]).toBe(0xf2);
    expect(s.fieldHighlight[0]).toBe(0xf4);
    const cells = s.cells()[0]!;
    expect(cells[1]!.color).toBe(0xf2);
    expect(cells[4]!.color).toBe(0xf6);
    expect(cells[5]!.color).toBe(0xf2);
    s.write(W, bytes(wcc(0), sba(0), 0x2c, 2, 0x42, 0xf5, 0xc0, 0x40));
    expect(s.fieldColor[0]).toBe(0xf5);
    expect(s.attrs[0]).toBe(0);
  });

  it('data written over an attribute removes the field', () => {
    const s = screen();
    s.write(EW, bytes(wcc(0), sba(10), sf(0)));
    s.write(W, bytes(wcc(0), sba(10), e('x')));
    expect(s.isFormatted()).toBe(false);
  });

  it('a truncated order or an address outside the buffer ends processing without throwing', () => {
    const s = screen();
    expect(() => s.write(EW, bytes(wcc(0), e('ok'), 0x11, 0x40))).not.toThrow();
    expect(() => s.write(W, bytes(wcc(Wcc.keyboardRestore), 0x11, 0x3f, 0xff, e('lost')))).not.toThrow();
    expect(s.textAt(0, 0, 2)).toBe('ok');
    expect(() => s.write(W, bytes(wcc(0), 0x29, 5, 0xc0))).not.toThrow();
    expect(() => s.write(W, new Uint8Array(0))).not.toThrow();
  });
});

describe('Erase All Unprotected', () => {
  it('nulls unprotected data, resets their MDT, unlocks and puts the cursor in the first input field', () => {
    const s = screen();
    s.write(EW, bytes(wcc(0), sf(FA.protected), e('LABEL'), sf(FA.modified), e('typed'), sf(FA.protected)));
    s.lock = 'system';
    s.write(0x6f, new Uint8Array(0));
    expect(s.textAt(0, 0, 13)).toBe(' LABEL       ');
    expect(s.attrs[6]! & FA.modified).toBe(0);
    expect(s.lock).toBeNull();
    expect(s.cursor).toBe(7);
  });
});
