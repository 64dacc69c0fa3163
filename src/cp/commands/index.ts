// CP's command table (VM/370 CP Command Reference for General Users R6, and the operator's
// commands): the standard commands of a lone virtual machine (src/cp/vm/cp-commands.ts) and every
// group of commands the parts of CP add. Order matters where abbreviations collide: the first
// match wins, as in DMKCFC's table.

import { CpCommandSet, STANDARD_COMMANDS } from '../vm/cp-commands.ts';
import type { CommandGroup } from './group.ts';
import { SESSION_COMMANDS } from './session.ts';
import { USER_COMMANDS } from './user/index.ts';
import { SPOOL_COMMANDS } from './spool/index.ts';
import { DISKS_COMMANDS } from './disks/index.ts';
import { DEBUG_COMMANDS } from './debug/index.ts';
import { OPERATOR_COMMANDS } from './operator/index.ts';

export const COMMAND_GROUPS: readonly CommandGroup[] = [
  SESSION_COMMANDS,
  USER_COMMANDS,
  SPOOL_COMMANDS,
  DISKS_COMMANDS,
  DEBUG_COMMANDS,
  OPERATOR_COMMANDS,
];

/** A fresh command table for one logged-on user. */
export function cpCommandSet(groups: readonly CommandGroup[] = COMMAND_GROUPS): CpCommandSet {
  const set = new CpCommandSet(STANDARD_COMMANDS);
  for (const g of groups) {
    for (const c of g.commands ?? []) set.define(c);
    for (const q of g.queries ?? []) set.defineQuery(q);
    for (const s of g.settings ?? []) set.defineSet(s);
  }
  return set;
}
