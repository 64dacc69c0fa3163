// A part of CP's command table: the commands, QUERY operands and SET operands one part of CP adds
// (src/cp/commands/*/index.ts). index.ts puts the groups together in CP's table order.

import type { CpCommandDefinition, CpOperandDefinition } from '../vm/cp-commands.ts';

export interface CommandGroup {
  commands?: readonly CpCommandDefinition[];
  queries?: readonly CpOperandDefinition[];
  settings?: readonly CpOperandDefinition[];
}
