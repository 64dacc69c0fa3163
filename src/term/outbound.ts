// Outbound data stream: the write commands and their orders (Data Stream Programmer's Reference,
// "Write Operations" and "Orders"). A malformed stream never throws: processing stops where the
// data runs out or an address is outside the buffer, as a real control unit rejects the rest.

import { decodeAddress } from './buffer-address.ts';
import { AttributeType, commandKind, FieldAttribute, Order, ReplyMode, Wcc } from './codes.ts';
import type { Screen3270 } from './screen-model.ts';
import { processStructuredFields } from './structured-fields.ts';

/** Executes one command. Returns inbound data for reads (RB, RM, RMA, WSF Read Partition). */
export function processOutbound(screen: Screen3270, command: number, data: Uint8Array): Uint8Array | null {
  switch (commandKind(command)) {
    case 'W':
      writeOrders(screen, data, false);
      return null;
    case 'EW':
      screen.eraseAll(false);
      screen.replyMode = ReplyMode.field;
      screen.replyAttributeTypes = [];
      writeOrders(screen, data, true);
      return null;
    case 'EWA':
      screen.eraseAll(true);
      screen.replyMode = ReplyMode.field;
      screen.replyAttributeTypes = [];
      writeOrders(screen, data, true);
      return null;
    case 'EAU':
      eraseAllUnprotected(screen);
      return null;
    case 'RB':
      return screen.readBuffer();
    case 'RM':
      return screen.readModified(false);
    case 'RMA':
      return screen.readModified(true);
    case 'WSF':
      return processStructuredFields(screen, data);
    default:
      return null;
  }
}

/**
 * Erase All Unprotected: nulls in every unprotected position, MDT off, keyboard restored, cursor
 * to the first unprotected position (Data Stream Programmer's Reference, "Erase All Unprotected").
 */
export function eraseAllUnprotected(screen: Screen3270): void {
  const size = screen.size;
  const map = screen.fieldMap();
  let first = -1;
  for (let p = 0; p < size; p++) {
    const fa = map[p]!;
    if (fa === p) {
      if ((screen.attrs[p]! & FieldAttribute.protected) === 0) screen.attrs[p] = screen.attrs[p]! & ~FieldAttribute.modified;
      continue;
    }
    if (fa < 0 || (screen.attrs[fa]! & FieldAttribute.protected) === 0) {
      screen.chars[p] = 0;
      screen.charColor[p] = 0;
      screen.charHighlight[p] = 0;
      if (first < 0) first = p;
    }
  }
  screen.cursor = first < 0 ? 0 : first;
  screen.restoreKeyboard();
}

/** The WCC and the orders of a Write, Erase/Write or Erase/Write Alternate. */
export function writeOrders(screen: Screen3270, data: Uint8Array, erased: boolean): void {
  if (data.length === 0) return;
  const wcc = data[0]!;
  const size = screen.size;
  if (wcc & Wcc.reset && !erased) {
    screen.replyMode = ReplyMode.field;
    screen.replyAttributeTypes = [];
  }
  if (wcc & Wcc.resetMdt) {
    for (let p = 0; p < size; p++) if (screen.attrs[p]! >= 0) screen.attrs[p] = screen.attrs[p]! & ~FieldAttribute.modified;
  }
  // A Write starts at the cursor; an Erase/Write at 0 (eraseAll put the cursor there).
  let address = screen.cursor < size ? screen.cursor : 0;
  let lastWasData = false;
  let color = 0;
  let highlight = 0;
  let i = 1;
  const put = (byte: number): void => {
    screen.chars[address] = byte;
    screen.attrs[address] = -1;
    screen.charColor[address] = color;
    screen.charHighlight[address] = highlight;
    address = (address + 1) % size;
  };
  const readAddress = (): number => {
    if (i + 2 > data.length) return -1;
    const a = decodeAddress(data[i]!, data[i + 1]!);
    i += 2;
    return a < size ? a : -1;
  };
  loop: while (i < data.length) {
    const byte = data[i++]!;
    switch (byte) {
      case Order.startField: {
        if (i >= data.length) break loop;
        setField(screen, address, data[i++]! & 0x3f, 0, 0);
        address = (address + 1) % size;
        lastWasData = false;
        break;
      }
      case Order.startFieldExtended: {
        if (i >= data.length) break loop;
        const count = data[i++]!;
        if (i + count * 2 > data.length) break loop;
        let attr = 0;
        let fieldColor = 0;
        let fieldHighlight = 0;
        for (let k = 0; k < count; k++, i += 2) {
          const type = data[i]!;
          const value = data[i + 1]!;
          if (type === AttributeType.field) attr = value & 0x3f;
          else if (type === AttributeType.foreground) fieldColor = value;
          else if (type === AttributeType.highlighting) fieldHighlight = value;
        }
        setField(screen, address, attr, fieldColor, fieldHighlight);
        address = (address + 1) % size;
        lastWasData = false;
        break;
      }
      case Order.modifyField: {
        if (i >= data.length) break loop;
        const count = data[i++]!;
        if (i + count * 2 > data.length) break loop;
        if (screen.attrs[address]! >= 0) {
          for (let k = 0; k < count; k++) {
            const type = data[i + 2 * k]!;
            const value = data[i + 2 * k + 1]!;
            if (type === AttributeType.field) screen.attrs[address] = value & 0x3f;
            else if (type === AttributeType.foreground) screen.fieldColor[address] = value;
            else if (type === AttributeType.highlighting) screen.fieldHighlight[address] = value;
            else if (type === AttributeType.all && value === 0) {
              screen.fieldColor[address] = 0;
              screen.fieldHighlight[address] = 0;
            }
          }
        }
        i += count * 2;
        address = (address + 1) % size;
        lastWasData = false;
        break;
      }
      case Order.setAttribute: {
        if (i + 2 > data.length) break loop;
        const type = data[i]!;
        const value = data[i + 1]!;
        i += 2;
        if (type === AttributeType.all) {
          color = 0;
          highlight = 0;
        } else if (type === AttributeType.foreground) color = value;
        else if (type === AttributeType.highlighting) highlight = value;
        lastWasData = false;
        break;
      }
      case Order.setBufferAddress: {
        const a = readAddress();
        if (a < 0) break loop;
        address = a;
        lastWasData = false;
        break;
      }
      case Order.insertCursor:
        screen.cursor = address;
        lastWasData = false;
        break;
      case Order.programTab:
        address = programTab(screen, address, lastWasData);
        lastWasData = false;
        break;
      case Order.repeatToAddress: {
        const stop = readAddress();
        if (stop < 0 || i >= data.length) break loop;
        let fill = data[i++]!;
        if (fill === Order.graphicEscape) {
          if (i >= data.length) break loop;
          fill = data[i++]!;
        }
        do put(fill);
        while (address !== stop);
        lastWasData = false;
        break;
      }
      case Order.eraseUnprotectedToAddress: {
        const stop = readAddress();
        if (stop < 0) break loop;
        const map = screen.fieldMap();
        do {
          const fa = map[address]!;
          if (fa !== address && (fa < 0 || (screen.attrs[fa]! & FieldAttribute.protected) === 0)) {
            screen.chars[address] = 0;
            screen.charColor[address] = 0;
            screen.charHighlight[address] = 0;
          }
          address = (address + 1) % size;
        } while (address !== stop);
        lastWasData = false;
        break;
      }
      case Order.graphicEscape:
        if (i >= data.length) break loop;
        put(data[i++]!);
        lastWasData = true;
        break;
      default:
        put(byte);
        lastWasData = true;
    }
  }
  if (wcc & Wcc.alarm) screen.alarms++;
  if (wcc & Wcc.keyboardRestore) screen.restoreKeyboard();
}

function setField(screen: Screen3270, address: number, attr: number, color: number, highlight: number): void {
  screen.attrs[address] = attr;
  screen.chars[address] = 0;
  screen.fieldColor[address] = color;
  screen.fieldHighlight[address] = highlight;
  screen.charColor[address] = 0;
  screen.charHighlight[address] = 0;
}

/**
 * Program Tab: after data, nulls to the end of the field; then on to the first position of the
 * next unprotected field. The search does not wrap: at the end of the buffer the address is 0.
 */
function programTab(screen: Screen3270, start: number, afterData: boolean): number {
  const size = screen.size;
  let p = start;
  if (afterData) {
    while (p < size && screen.attrs[p]! < 0) {
      screen.chars[p] = 0;
      screen.charColor[p] = 0;
      screen.charHighlight[p] = 0;
      p++;
    }
  }
  for (p = start; p < size; p++) {
    const attr = screen.attrs[p]!;
    if (attr >= 0 && (attr & FieldAttribute.protected) === 0) {
      const next = p + 1;
      if (next >= size) return 0;
      if (screen.attrs[next]! < 0) return next;
    }
  }
  return 0;
}
