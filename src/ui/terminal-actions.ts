// Carries out a decoded key on the local terminal: editing keys act on the screen model, AID keys
// go through the terminal to the host.

import { Aid, paAid, pfAid } from '../term/codes.ts';
import type { LocalTerminal } from '../term/local-terminal.ts';
import {
  backtab, deleteCharacter, eraseBackward, eraseEof, eraseInput, home, moveCursor, newLine, resetKeyboard, tab, toggleInsert, typeText,
} from '../term/operator.ts';
import type { KeyAction } from './keymap.ts';

/** Applies a key to the terminal; false when the terminal refused it (locked keyboard, operator error). */
export function applyKeyAction(terminal: LocalTerminal, action: KeyAction): boolean {
  const screen = terminal.screen;
  switch (action.kind) {
    case 'text':
      return typeText(screen, action.text);
    case 'enter':
      return terminal.pressAid(Aid.enter);
    case 'pf':
      return terminal.pressAid(pfAid(action.n));
    case 'pa':
      return terminal.pressAid(paAid(action.n));
    case 'clear':
      return terminal.pressAid(Aid.clear);
    case 'sysreq':
      return terminal.pressAid(Aid.sysReq);
    case 'attn':
      terminal.pressAttention();
      return true;
    case 'reset':
      return resetKeyboard(screen);
    case 'tab':
      return tab(screen);
    case 'backtab':
      return backtab(screen);
    case 'home':
      return home(screen);
    case 'newline':
      return newLine(screen);
    case 'erase-eof':
      return eraseEof(screen);
    case 'erase-input':
      return eraseInput(screen);
    case 'insert':
      return toggleInsert(screen);
    case 'delete':
      return deleteCharacter(screen);
    case 'backspace':
      return eraseBackward(screen);
    case 'cursor':
      return moveCursor(screen, action.rows, action.columns);
    default:
      return true;
  }
}
