// The user commands of CP (filled in by the part of CP that owns them).

import type { CommandGroup } from '../group.ts';

export const USER_COMMANDS: CommandGroup = {};
