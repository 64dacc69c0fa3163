// What a line typed at a logged-on user's terminal means (VM/370 CP Command Reference R6,
// "Terminal Characteristics" and "Entering Commands"), the same for a 3270 and a line-mode terminal:
//
//   - the line-end character (TERMINAL LINEND, default '#') splits a typed line into logical lines,
//     each entered in turn, edited by CHARDEL, LINEDEL and ESCAPE (splitLogicalLines, from the
//     TERMINAL command's module);
//   - a line beginning with the line-end character followed by CP ('#CP QUERY TIME') goes to CP
//     whatever the virtual machine is doing; '#CP' alone enters CP mode (CP READ);
//   - in CP READ a line is a CP command (BEGIN returns to the virtual machine);
//   - in VM READ a line is the answer to the guest's console read;
//   - while the machine runs, an empty line is an attention interrupt for the guest (CMS then takes
//     HX, HT, RT ...), and a line is stacked for the guest's next read (one line at a time: a second
//     one is NOT ACCEPTED [mem]).
//
// SET PFnn [IMMED|DELAYED] text: an IMMED key enters its text as if typed; a DELAYED key puts the
// text in the input area for editing. A key with nothing set does nothing.

import type { ControlProgram, CpUser } from '../control-program.ts';
import { editCharacter, splitLogicalLines } from '../commands/user/index.ts';

/** '#CP ...' (the line-end character, then CP): a line for CP whatever the machine does. */
function isCpLine(user: CpUser, text: string): boolean {
  const end = editCharacter(user, 'LINEND');
  return end !== '' && text.slice(0, 1) === end && /^CP(\s|$)/i.test(text.slice(1));
}

export type LineDisposition = 'taken' | 'not-accepted';

/**
 * Enters a line typed at the user's terminal. Returns 'not-accepted' when the machine is running
 * and a line is already waiting for its next read (the terminal says NOT ACCEPTED and keeps the
 * line). `echo` is called first when the line is taken (the terminal shows what was typed before
 * what it causes); the caller refreshes the terminal afterwards.
 */
export function enterLine(cp: ControlProgram, user: CpUser, text: string, echo: () => void): LineDisposition {
  const vm = user.vm;
  if (vm.state === 'running' && text !== '' && !vm.console?.readPending && (vm.console?.queued ?? 0) > 0 && !isCpLine(user, text)) {
    return 'not-accepted';
  }
  echo();
  // '#CP ...': the rest goes to CP, whatever the machine is doing.
  if (isCpLine(user, text)) {
    const command = text.slice(3).trim();
    if (command === '') {
      if (vm.state === 'running') vm.enterCpMode();
    } else {
      for (const piece of splitLogicalLines(user, command)) {
        if (piece.trim() === '') continue;
        if (vm.state === 'cp-read') vm.enter(piece); // BEGIN included
        else user.command(piece);
      }
    }
    cp.wake(user);
    return 'taken';
  }
  const pieces = splitLogicalLines(user, text);
  for (const piece of pieces) {
    if (vm.state === 'stopped') {
      if (piece.trim() !== '') user.command(piece);
    } else if (vm.state === 'cp-read') {
      vm.enter(piece);
    } else if (vm.state === 'running' && piece === '' && pieces.length === 1 && !vm.console?.readPending) {
      vm.console?.attention();
    } else {
      vm.console?.enter(piece);
    }
  }
  cp.wake(user);
  return 'taken';
}

/** What a PF key does: enter its text now (IMMED), put it in the input area (DELAYED), or nothing. */
export function pfKeyAction(user: CpUser, key: number): { mode: 'immed' | 'delayed'; text: string } | null {
  const setting = user.pfKeys.get(key);
  if (setting === undefined || setting.trim() === '') return null;
  const match = /^\s*(IMMED|DELAYED)(?:\s+|$)(.*)$/i.exec(setting);
  if (match) {
    const text = match[2]!;
    if (text.trim() === '') return null;
    return { mode: match[1]!.toUpperCase() === 'DELAYED' ? 'delayed' : 'immed', text };
  }
  // Without a keyword the key is IMMED [mem: R6 default].
  return { mode: 'immed', text: setting };
}
