// A small guest for the debugging-command tests: a virtual machine with a transcript terminal and a
// program placed in its storage by hand (BC-mode PSWs, supervisor state).

import { loadPswFromBytes } from '../../../src/cpu/psw.ts';
import { TranscriptTerminal } from '../../../src/cp/vm/console.ts';
import { VirtualMachine } from '../../../src/cp/vm/virtual-machine.ts';
import { cpCommandSet } from '../../../src/cp/commands/index.ts';

export const hexBytes = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

/**
 * The program at X'800':
 *   800 LA 1,5 / 804 LA 2,7 / 808 AR 1,2 / 80A B X'810' / 80E (2 bytes skipped)
 *   810 SVC 12 / 812 LPSW X'F00' (a disabled wait)
 * The SVC new PSW goes to X'A00': LPSW X'20' (back to the SVC old PSW).
 */
export const PROGRAM = '41100005 41200007 1A12 47F00810 0000 0A0C 82000F00';

export interface Guest {
  vm: VirtualMachine;
  terminal: TranscriptTerminal;
  /** Runs until the machine stops or `budget` instructions; returns the lines written meanwhile. */
  run(budget?: number): string[];
  /** Enters a line (a CP command in CP READ); returns the lines written. */
  enter(line: string): string[];
}

export function makeGuest(program = PROGRAM, storageSize = 64 * 1024): Guest {
  const terminal = new TranscriptTerminal();
  const vm = new VirtualMachine({ userid: 'DEBUGGER', storageSize, terminal, commands: cpCommandSet() });
  vm.storage.load(0x800, hexBytes(program));
  vm.storage.load(0xa00, hexBytes('82000020'));
  vm.storage.load(0xf00, hexBytes('0002000000000000'));
  vm.storage.load(0x60, hexBytes('0000000000000A00'));
  loadPswFromBytes(vm.cpu, hexBytes('0000000000000800'), 0);
  vm.state = 'running';
  const since = (n: number) => terminal.lines.slice(n);
  return {
    vm,
    terminal,
    run(budget = 1000) {
      const n = terminal.lines.length;
      vm.run(budget);
      return since(n);
    },
    enter(line: string) {
      const n = terminal.lines.length;
      vm.enter(line);
      return since(n);
    },
  };
}
