// The operator commands of CP (filled in by the part of CP that owns them).

import type { CommandGroup } from '../group.ts';

export const OPERATOR_COMMANDS: CommandGroup = {};
