// CP's debugging commands for the user of a virtual machine (VM/370 CP Command Reference for
// General Users R6, class G): DISPLAY and STORE look at and change the machine's storage and
// registers; TRACE and ADSTOP watch it run (src/cp/trace). Each works on a lone virtual machine too.

import type { CommandGroup } from '../group.ts';
import { display } from './display.ts';
import { store } from './store.ts';
import { adstop, trace } from './trace.ts';

export const DEBUG_COMMANDS: CommandGroup = {
  commands: [
    { name: 'DISPLAY', minimum: 1, classes: 'G', handler: display },
    { name: 'STORE', minimum: 2, classes: 'G', handler: store },
    { name: 'TRACE', minimum: 2, classes: 'G', handler: trace },
    { name: 'ADSTOP', minimum: 6, classes: 'G', handler: adstop },
  ],
};
