// The debug commands of CP (filled in by the part of CP that owns them).

import type { CommandGroup } from '../group.ts';

export const DEBUG_COMMANDS: CommandGroup = {};
