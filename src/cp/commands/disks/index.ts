// The disk commands of CP (VM/370 CP Command Reference for General Users and for System Operators
// R6): LINK, DETACH, DEFINE and the operator's ATTACH, with QUERY DASD and QUERY LINKS. The
// minidisks they give and take are extents of the real volumes CpSystem shares among the users
// (src/cp/system); the LINK rules are src/cp/links. docs/cp-commands/disks.md is the reference.

import type { CommandGroup } from '../group.ts';
import { attach, queryDasd, queryLinks } from './attach.ts';
import { define } from './define.ts';
import { detach } from './detach.ts';
import { link } from './link.ts';

export type { HiddenLineReader } from './common.ts';

export const DISKS_COMMANDS: CommandGroup = {
  commands: [
    { name: 'LINK', minimum: 4, classes: 'G', handler: link },
    { name: 'DETACH', minimum: 3, classes: 'BG', handler: detach },
    { name: 'DEFINE', minimum: 3, classes: 'G', handler: define },
    { name: 'ATTACH', minimum: 3, classes: 'B', handler: attach },
  ],
  queries: [
    { name: 'DASD', minimum: 4, classes: 'BG', handler: queryDasd },
    { name: 'LINKS', minimum: 4, classes: 'BG', handler: queryLinks },
  ],
};
