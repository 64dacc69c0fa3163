// What the disk commands (LINK, DETACH, DEFINE, ATTACH, QUERY DASD/LINKS) share: operand scanning,
// CP's names of device kinds, and the terminal hook LINK prompts for a password with.

import type { ControlProgram, CpUser } from '../../control-program.ts';
import type { CpMessage } from '../../links/index.ts';
import { editMessage, type CpCommandContext } from '../../vm/cp-commands.ts';
import type { VirtualDeviceEntry, VirtualDeviceKind } from '../../vm/virtual-io.ts';

export const hex3 = (n: number) => n.toString(16).toUpperCase().padStart(3, '0');

/** A device address operand: 1-3 hexadecimal digits (VM/370 R6 virtual addresses are X'000'-X'5FF' on BC machines; any 3 digits here). */
export function parseAddress(word: string | undefined): number | undefined {
  if (word === undefined || !/^[0-9A-F]{1,3}$/i.test(word)) return undefined;
  return parseInt(word, 16);
}

/** CP's name of a device kind in its responses: DASD 191, RDR 00C, PUN 00D, PRT 00E, CONS 009. */
export function deviceTypeName(kind: VirtualDeviceKind): string {
  switch (kind) {
    case 'dasd':
      return 'DASD';
    case 'reader':
      return 'RDR';
    case 'punch':
      return 'PUN';
    case 'printer':
      return 'PRT';
    case 'console':
      return 'CONS';
    default:
      return 'DEV';
  }
}

/** The devices a user has now, by address, with CP's type names (for DMKLNK110E). */
export function devicesInUse(entries: readonly VirtualDeviceEntry[]): Map<number, string> {
  return new Map(entries.map((e) => [e.address, deviceTypeName(e.kind)]));
}

/** Prints a CP message: numbered ones as SET EMSG says, unnumbered ones as they are. */
export function say(ctx: CpCommandContext, message: CpMessage): void {
  if (message.id === undefined) {
    ctx.reply(message.text);
    return;
  }
  const edited = editMessage(ctx.vm.emsg, message.id, message.text);
  if (edited !== null) ctx.reply(edited);
}

/** An error message as SET EMSG says; returns its number (the completion code). */
export function fail(ctx: CpCommandContext, message: CpMessage): number {
  return ctx.error(message.id ?? 'DMKCFC026E', message.text);
}

/** The CP and the user a command needs; a lone virtual machine has neither (the command is unknown there). */
export function underCp(ctx: CpCommandContext): { cp: ControlProgram; user: CpUser } | undefined {
  if (ctx.cp === undefined || ctx.user === undefined) return undefined;
  // Links of users who are gone (a logon that failed half way) no longer count.
  ctx.cp.system.links.retainUsers(new Set(ctx.cp.users.keys()));
  return { cp: ctx.cp, user: ctx.user };
}

/**
 * A terminal that can ask its user for a line that is not shown: the 3270 puts a non-display input
 * field up, a line-mode terminal masks the line (as for LOGON's ENTER PASSWORD:). LINK uses it for
 * ENTER READ/WRITE/MULT PASSWORD: when the directory gives the disk a password and the command
 * gave none (VM/370 CP Command Reference for General Users R6, LINK).
 *
 * readHiddenLine writes `prompt`, waits for the user, and calls `answer` once: with the line, or
 * with null when the user gives up (PA1, PA2, CLEAR) or the terminal goes away. The machine stays
 * in CP READ meanwhile; the line is never echoed or logged.
 */
export interface HiddenLineReader {
  readHiddenLine(prompt: string, answer: (line: string | null) => void): void;
}

/** The user's terminal, when it can read a hidden line. */
export function hiddenLineReader(user: CpUser): HiddenLineReader | undefined {
  const terminal = user.terminal as (object & Partial<HiddenLineReader>) | null;
  return terminal !== null && typeof terminal.readHiddenLine === 'function' ? (terminal as HiddenLineReader) : undefined;
}
