// The operator's side of a 3270 (IBM 3270 Information Display System Component Description,
// "Keyboard Operations"; 3278 Display Station Operator's Guide): typing obeys the field
// attributes (protected refuses input, numeric accepts digits, period, minus and DUP, the last
// position of a field skips over an autoskip field), the cursor keys move between fields, the
// editing keys work inside the field, and an AID key locks the keyboard (X SYSTEM) and produces
// the inbound record. An operator error locks the keyboard until Reset.

import { toEbcdic } from '../ebcdic/index.ts';
import { Aid, FieldAttribute, paAid, pfAid } from './codes.ts';
import type { KeyboardLock, Screen3270 } from './screen-model.ts';

/** What a key did: accepted, or refused (locked keyboard or an operator error). */
export type KeyResult = boolean;

const NUMERIC_OK = new Set([0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0x4b, 0x60, 0x1c]);

function fail(screen: Screen3270, lock: KeyboardLock): KeyResult {
  screen.lock = lock;
  screen.changed();
  return false;
}

/** The data positions from `position` to the end of its field (or of an unformatted buffer). */
function restOfField(screen: Screen3270, position: number): number[] {
  const size = screen.size;
  const out: number[] = [];
  if (!screen.isFormatted()) {
    for (let p = position; p < size; p++) out.push(p);
    return out;
  }
  for (let p = position; screen.attrs[p]! < 0 && out.length < size; p = (p + 1) % size) out.push(p);
  return out;
}

/** Refuses input at a protected position or on an attribute; null when the position takes input. */
function protectionError(screen: Screen3270): KeyboardLock | null {
  return screen.isInputPosition(screen.cursor) ? null : 'protected';
}

/**
 * The first data position of the next unprotected field, searching from `from` (an attribute at
 * `from` counts), wrapping once; -1 when there is none.
 */
export function nextUnprotected(screen: Screen3270, from: number): number {
  const size = screen.size;
  for (let i = 0; i < size; i++) {
    const p = (from + i) % size;
    const attr = screen.attrs[p]!;
    if (attr >= 0 && (attr & FieldAttribute.protected) === 0 && screen.attrs[(p + 1) % size]! < 0) return (p + 1) % size;
  }
  return -1;
}

/** Types one EBCDIC character at the cursor. */
export function typeByte(screen: Screen3270, byte: number): KeyResult {
  if (screen.lock) return false;
  const formatted = screen.isFormatted();
  const p = screen.cursor;
  const size = screen.size;
  if (formatted) {
    const error = protectionError(screen);
    if (error) return fail(screen, error);
    const fa = screen.fieldAddress(p);
    if (screen.attrs[fa]! & FieldAttribute.numeric && !NUMERIC_OK.has(byte)) return fail(screen, 'numeric');
  }
  if (screen.insertMode) {
    const rest = restOfField(screen, p);
    const hole = rest.findIndex((q) => screen.chars[q] === 0);
    if (hole < 0) return fail(screen, 'overflow');
    for (let k = hole; k > 0; k--) {
      screen.chars[rest[k]!] = screen.chars[rest[k - 1]!]!;
      screen.charColor[rest[k]!] = screen.charColor[rest[k - 1]!]!;
      screen.charHighlight[rest[k]!] = screen.charHighlight[rest[k - 1]!]!;
    }
  }
  screen.chars[p] = byte;
  screen.charColor[p] = 0;
  screen.charHighlight[p] = 0;
  let next = (p + 1) % size;
  if (formatted) {
    screen.setModified(p, true);
    const attr = screen.attrs[next]!;
    if (attr >= 0 && (attr & FieldAttribute.autoskip) === FieldAttribute.autoskip) {
      const target = nextUnprotected(screen, next);
      next = target < 0 ? 0 : target;
    }
  }
  screen.cursor = next;
  screen.changed();
  return true;
}

/** Types text (Unicode, converted with the screen's code page); stops at the first refusal. */
export function typeText(screen: Screen3270, text: string): KeyResult {
  for (const ch of text) {
    const bytes = toEbcdic(ch, screen.codePage);
    if (bytes.length !== 1 || !typeByte(screen, bytes[0]!)) return false;
  }
  return true;
}

/** Tab: the first position of the next unprotected field (position 0 when there is none). */
export function tab(screen: Screen3270): KeyResult {
  if (screen.lock) return false;
  const target = screen.isFormatted() ? nextUnprotected(screen, screen.cursor) : 0;
  screen.cursor = target < 0 ? 0 : target;
  screen.changed();
  return true;
}

/** Backtab: the start of this unprotected field, or of the previous one. */
export function backtab(screen: Screen3270): KeyResult {
  if (screen.lock) return false;
  const size = screen.size;
  let target = 0;
  if (screen.isFormatted()) {
    for (let i = 1; i <= size; i++) {
      const p = (screen.cursor - i + size) % size;
      const attr = screen.attrs[p]!;
      const start = (p + 1) % size;
      if (attr >= 0 && (attr & FieldAttribute.protected) === 0 && screen.attrs[start]! < 0 && start !== screen.cursor) {
        target = start;
        break;
      }
    }
  }
  screen.cursor = target;
  screen.changed();
  return true;
}

/** Home: the first position of the first unprotected field (0 when unformatted or none). */
export function home(screen: Screen3270): KeyResult {
  if (screen.lock) return false;
  const target = screen.isFormatted() ? nextUnprotected(screen, 0) : 0;
  screen.cursor = target < 0 ? 0 : target;
  screen.changed();
  return true;
}

/** New Line: the first column of the next row, then on to an unprotected position. */
export function newLine(screen: Screen3270): KeyResult {
  if (screen.lock) return false;
  const row = Math.floor(screen.cursor / screen.columns);
  let target = ((row + 1) % screen.rows) * screen.columns;
  if (screen.isFormatted() && !screen.isInputPosition(target)) {
    const next = nextUnprotected(screen, target);
    target = next < 0 ? 0 : next;
  }
  screen.cursor = target;
  screen.changed();
  return true;
}

/** Moves the cursor by rows and columns, wrapping around the screen (the cursor keys). */
export function moveCursor(screen: Screen3270, rows: number, columns: number): KeyResult {
  if (screen.lock) return false;
  const size = screen.size;
  screen.cursor = (((screen.cursor + rows * screen.columns + columns) % size) + size) % size;
  screen.changed();
  return true;
}

/** Puts the cursor at a row and column (0-origin), as a light pen or mouse click would. */
export function setCursor(screen: Screen3270, row: number, column: number): KeyResult {
  if (screen.lock) return false;
  screen.cursor = Math.min(screen.size - 1, Math.max(0, row * screen.columns + column));
  screen.changed();
  return true;
}

/** Erase EOF: nulls from the cursor to the end of the field (of the buffer, unformatted). */
export function eraseEof(screen: Screen3270): KeyResult {
  if (screen.lock) return false;
  if (screen.isFormatted()) {
    const error = protectionError(screen);
    if (error) return fail(screen, error);
    screen.setModified(screen.cursor, true);
  }
  for (const p of restOfField(screen, screen.cursor)) screen.chars[p] = 0;
  screen.changed();
  return true;
}

/** Erase Input: every unprotected position to nulls, MDT off, cursor home. */
export function eraseInput(screen: Screen3270): KeyResult {
  if (screen.lock) return false;
  const size = screen.size;
  if (!screen.isFormatted()) {
    screen.chars.fill(0, 0, size);
    screen.cursor = 0;
  } else {
    for (const field of screen.fields()) {
      if (field.attribute & FieldAttribute.protected) continue;
      for (let k = 0; k < field.length; k++) screen.chars[(field.start + k) % size] = 0;
      screen.attrs[field.address] = field.attribute & ~FieldAttribute.modified;
    }
    const target = nextUnprotected(screen, 0);
    screen.cursor = target < 0 ? 0 : target;
  }
  screen.changed();
  return true;
}

/** Delete: removes the character at the cursor; the rest of the field moves left. */
export function deleteCharacter(screen: Screen3270): KeyResult {
  if (screen.lock) return false;
  if (screen.isFormatted()) {
    const error = protectionError(screen);
    if (error) return fail(screen, error);
    screen.setModified(screen.cursor, true);
  }
  const rest = restOfField(screen, screen.cursor);
  for (let k = 0; k < rest.length - 1; k++) {
    screen.chars[rest[k]!] = screen.chars[rest[k + 1]!]!;
    screen.charColor[rest[k]!] = screen.charColor[rest[k + 1]!]!;
    screen.charHighlight[rest[k]!] = screen.charHighlight[rest[k + 1]!]!;
  }
  if (rest.length) screen.chars[rest[rest.length - 1]!] = 0;
  screen.changed();
  return true;
}

/** Backspace that erases: the cursor moves left and that character is deleted (not past a field start). */
export function eraseBackward(screen: Screen3270): KeyResult {
  if (screen.lock) return false;
  const size = screen.size;
  const previous = (screen.cursor - 1 + size) % size;
  if (screen.isFormatted() ? screen.attrs[previous]! >= 0 : screen.cursor === 0) return true;
  screen.cursor = previous;
  return deleteCharacter(screen);
}

export function toggleInsert(screen: Screen3270): KeyResult {
  if (screen.lock) return false;
  screen.insertMode = !screen.insertMode;
  screen.changed();
  return true;
}

/** Reset: unlocks the keyboard (operator errors and, like x3270, a system lock) and ends insert mode. */
export function resetKeyboard(screen: Screen3270): KeyResult {
  screen.lock = null;
  screen.insertMode = false;
  screen.changed();
  return true;
}

/**
 * An AID key: locks the keyboard (X SYSTEM), ends insert mode and returns the inbound record
 * (Read Modified format; the AID alone for PA keys and Clear). Clear also erases the screen to
 * the default size. Returns null when the keyboard is locked. SysReq does not lock.
 */
export function pressAid(screen: Screen3270, aid: number): Uint8Array | null {
  if (screen.lock) return null;
  screen.insertMode = false;
  screen.aid = aid;
  if (aid === Aid.clear) screen.eraseAll(false);
  if (aid !== Aid.sysReq) screen.lock = 'system';
  const record = screen.readModified(false);
  screen.changed();
  return record;
}

export const enter = (screen: Screen3270): Uint8Array | null => pressAid(screen, Aid.enter);
export const clear = (screen: Screen3270): Uint8Array | null => pressAid(screen, Aid.clear);
export const pf = (screen: Screen3270, n: number): Uint8Array | null => pressAid(screen, pfAid(n));
export const pa = (screen: Screen3270, n: number): Uint8Array | null => pressAid(screen, paAid(n));
export const sysReq = (screen: Screen3270): Uint8Array | null => pressAid(screen, Aid.sysReq);
