// The spool commands of CP (VM/370 CP Command Reference R6): SPOOL and CLOSE of the virtual
// devices, PURGE/ORDER/CHANGE/TRANSFER of spool files, QUERY RDR/PRT/PUN/FILES/HOLD, and the
// spooling operator's START and DRAIN. The spool itself is src/cp/spool (ControlProgram.spool).

import type { CommandGroup } from '../group.ts';
import { SPOOL_FILE_COMMANDS } from './files.ts';
import { SPOOL_QUERIES } from './query.ts';
import { SPOOL_OPERATOR_COMMANDS } from './real-devices.ts';
import { SPOOL_DEVICE_COMMANDS } from './spool-close.ts';

export const SPOOL_COMMANDS: CommandGroup = {
  commands: [
    ...(SPOOL_DEVICE_COMMANDS.commands ?? []),
    ...(SPOOL_FILE_COMMANDS.commands ?? []),
    ...(SPOOL_OPERATOR_COMMANDS.commands ?? []),
  ],
  queries: SPOOL_QUERIES.queries,
};
