// The everyday commands of CP's general user (VM/370 CP Command Reference for General Users R6):
// messages (MSG, WARNING, MSGNOH), TERMINAL, the machine's own console functions (BEGIN, SYSTEM,
// REQUEST/ATTN, EXTERNAL, SLEEP, CP, INDICATE), and the QUERY and SET operands that go with them.
// The order within each list follows DMKCFC's tables where abbreviations could collide.

import type { CommandGroup } from '../group.ts';
import { MACHINE_COMMANDS } from './machine.ts';
import { MESSAGE_COMMANDS } from './messages.ts';
import { USER_QUERIES } from './query.ts';
import { USER_SETTINGS } from './settings.ts';
import { terminalCommand } from './terminal.ts';

export { splitLogicalLines, editCharacter, lineSize } from './terminal.ts';
export { informationalMessages } from './settings.ts';

export const USER_COMMANDS: CommandGroup = {
  commands: [
    ...MACHINE_COMMANDS,
    ...MESSAGE_COMMANDS,
    { name: 'TERMINAL', minimum: 4, handler: terminalCommand },
  ],
  queries: USER_QUERIES,
  settings: USER_SETTINGS,
};
