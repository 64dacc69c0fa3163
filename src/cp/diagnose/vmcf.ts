// DIAGNOSE X'68': the Virtual Machine Communication Facility (VM/370 System Programmer's Guide R6,
// GC20-1807-7, "Virtual Machine Communication Facility", pp. 166-172). Rx: the address of the
// VMCPARM parameter list (doubleword aligned, 40 bytes; the subfunction code is the halfword at
// +2). Ry receives the return code; the condition code is unchanged.
//
// Only the machine's own side is here: AUTHORIZE and UNAUTHORIZE. Messages between machines
// (SEND, RECEIVE, REPLY ...) need the dispatcher that knows the other machines; until it exists
// every partner is "not available" (return code 5). CMS itself issues UNAUTHORIZE when it cleans up
// after an abnormal end.
//   return codes: 0 done; 2 invalid subfunction; 4 this machine is not authorized; 5 the partner
//   is not available.

import type { VirtualMachine } from '../vm/virtual-machine.ts';
import { address, aligned, inStorage } from './registers.ts';

const AUTHORIZE = 0x0000;
const UNAUTHORIZE = 0x0001;
/** The highest subfunction code R6 defines (REJECT). */
const LAST_SUBFUNCTION = 0x000b;

export function diagnoseVmcf(vm: VirtualMachine, rx: number, ry: number): void {
  const cpu = vm.cpu;
  const at = inStorage(cpu, aligned(cpu, address(cpu, rx), 8), 40);
  const subfunction = (cpu.mem[at + 2]! << 8) | cpu.mem[at + 3]!;
  let rc: number;
  if (subfunction === AUTHORIZE) {
    vm.vmcfAuthorized = true;
    rc = 0;
  } else if (subfunction > LAST_SUBFUNCTION) {
    rc = 2;
  } else if (!vm.vmcfAuthorized) {
    rc = 4;
  } else if (subfunction === UNAUTHORIZE) {
    vm.vmcfAuthorized = false;
    rc = 0;
  } else {
    rc = 5;
  }
  cpu.gpr[ry] = rc;
}
