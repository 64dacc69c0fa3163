import { describe, expect, it } from 'vitest';
import { FieldAttribute as FA, Wcc } from '../../src/term/codes.ts';
import {
  backtab, deleteCharacter, eraseBackward, eraseEof, eraseInput, home, moveCursor, newLine, resetKeyboard, setCursor, tab,
  toggleInsert, typeText, enter,
} from '../../src/term/operator.ts';
import { bytes, e, sba, screen, sf, wcc } from './helpers.ts';

const EW = 0xf5;

/** Row 0: "NAME" protected, input 6..15; stopper at 16 (autoskip); row 1: input at 81, numeric input at 101; protected from 110. */
function form() {
  const s = screen();
  s.write(EW, bytes(wcc(Wcc.keyboardRestore),
    sf(FA.protected), e('NAME'), sf(0), 0x13, sba(16), sf(FA.autoskip), e('skip'),
    sba(80), sf(0), e('abc'), sba(100), sf(FA.numeric), sba(110), sf(FA.protected)));
  return s;
}

describe('typing', () => {
  it('goes into an unprotected field and sets its MDT', () => {
    const s = form();
    expect(typeText(s, 'Joe')).toBe(true);
    expect(s.textAt(0, 6, 3)).toBe('Joe');
    expect(s.attrs[5]! & FA.modified).toBe(FA.modified);
    expect(s.cursor).toBe(9);
  });

  it('a protected position refuses input with an operator error until Reset', () => {
    const s = form();
    setCursor(s, 0, 2);
    expect(typeText(s, 'x')).toBe(false);
    expect(s.operatorInformation().lockText).toBe('X Protected');
    expect(typeText(s, 'y')).toBe(false);
    resetKeyboard(s);
    expect(s.lock).toBeNull();
  });

  it('the attribute position itself is protected', () => {
    const s = form();
    setCursor(s, 0, 5);
    expect(typeText(s, 'x')).toBe(false);
    expect(s.lock).toBe('protected');
  });

  it('a numeric field takes digits, period, minus and refuses letters', () => {
    const s = form();
    setCursor(s, 1, 21);
    expect(typeText(s, '12.5-')).toBe(true);
    expect(typeText(s, 'a')).toBe(false);
    expect(s.lock).toBe('numeric');
  });

  it('the last position of a field skips over an autoskip field to the next input field', () => {
    const s = form();
    typeText(s, '1234567890');
    expect(s.cursor).toBe(81);
    expect(s.textAt(0, 6, 10)).toBe('1234567890');
  });

  it('insert mode shifts the rest of the field right and refuses when there is no null', () => {
    const s = form();
    setCursor(s, 1, 1);
    toggleInsert(s);
    expect(s.operatorInformation().insertMode).toBe(true);
    typeText(s, 'X');
    expect(s.textAt(1, 1, 4)).toBe('Xabc');
    const t = form();
    typeText(t, '1234567890');
    home(t);
    toggleInsert(t);
    expect(typeText(t, 'Z')).toBe(false);
    expect(t.lock).toBe('overflow');
  });

  it('typing on an unformatted screen goes anywhere', () => {
    const s = screen();
    s.write(EW, bytes(wcc(Wcc.keyboardRestore), sba(1900), 0x13));
    expect(typeText(s, 'free')).toBe(true);
    expect(s.textAt(23, 60, 4)).toBe('free');
  });

  it('a locked keyboard refuses keys (X SYSTEM after an AID) until the host restores it', () => {
    const s = form();
    enter(s);
    expect(s.operatorInformation().lockText).toBe('X SYSTEM');
    expect(typeText(s, 'a')).toBe(false);
    expect(tab(s)).toBe(false);
    s.write(0xf1, bytes(wcc(Wcc.keyboardRestore)));
    expect(typeText(s, 'a')).toBe(true);
  });
});

describe('cursor keys', () => {
  it('Tab goes to the next input field, wrapping; Backtab to the start of this or the previous one', () => {
    const s = form();
    tab(s);
    expect(s.cursor).toBe(81);
    tab(s);
    expect(s.cursor).toBe(101);
    tab(s);
    expect(s.cursor).toBe(6);
    setCursor(s, 1, 5);
    backtab(s);
    expect(s.cursor).toBe(81);
    backtab(s);
    expect(s.cursor).toBe(6);
    backtab(s);
    expect(s.cursor).toBe(101);
  });

  it('Home goes to the first input field; New Line to the next row\'s first input position', () => {
    const s = form();
    setCursor(s, 20, 3);
    home(s);
    expect(s.cursor).toBe(6);
    newLine(s);
    expect(s.cursor).toBe(81);
    newLine(s);
    expect(s.cursor).toBe(6);
  });

  it('on an unformatted screen Tab and Home go to 0, New Line to the next row', () => {
    const s = screen();
    s.write(EW, bytes(wcc(Wcc.keyboardRestore), sba(90), 0x13));
    newLine(s);
    expect(s.cursor).toBe(160);
    tab(s);
    expect(s.cursor).toBe(0);
  });

  it('arrows move and wrap around the screen', () => {
    const s = form();
    setCursor(s, 0, 0);
    moveCursor(s, 0, -1);
    expect(s.cursor).toBe(1919);
    moveCursor(s, 1, 0);
    expect(s.cursor).toBe(79);
  });
});

describe('editing keys', () => {
  it('Erase EOF nulls to the end of the field and sets MDT', () => {
    const s = form();
    setCursor(s, 1, 2);
    eraseEof(s);
    expect(s.textAt(1, 1, 3)).toBe('a  ');
    expect(s.chars[82]).toBe(0);
    expect(s.attrs[80]! & FA.modified).toBe(FA.modified);
  });

  it('Delete pulls the rest of the field left; Backspace erases the character before the cursor', () => {
    const s = form();
    setCursor(s, 1, 1);
    deleteCharacter(s);
    expect(s.textAt(1, 1, 3)).toBe('bc ');
    setCursor(s, 1, 3);
    eraseBackward(s);
    expect(s.textAt(1, 1, 3)).toBe('b  ');
    expect(s.cursor).toBe(82);
  });

  it('Backspace at the start of a field does nothing', () => {
    const s = form();
    eraseBackward(s);
    expect(s.cursor).toBe(6);
    expect(s.lock).toBeNull();
  });

  it('Erase Input clears every input field, resets MDT and goes home', () => {
    const s = form();
    typeText(s, 'abc');
    setCursor(s, 10, 0);
    eraseInput(s);
    expect(s.textAt(1, 1, 3)).toBe('   ');
    expect(s.textAt(0, 1, 4)).toBe('NAME');
    expect(s.attrs[5]! & FA.modified).toBe(0);
    expect(s.cursor).toBe(6);
  });
});
