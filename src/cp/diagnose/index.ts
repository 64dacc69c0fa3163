// DIAGNOSE in a virtual machine (VM/370 System Programmer's Guide R6, GC20-1807-7, "DIAGNOSE
// Instruction in a Virtual Machine"; System Logic R6 Vol 1, SY20-0886-1, DMKHVC). The instruction
// is X'83', R1 (Rx), R3 (Ry), and the code in the displacement: DC X'83xy',XL2'code'. It is
// privileged: in the virtual problem state the interpreter itself raises the privileged-operation
// exception; in the virtual supervisor state it stops and CP performs the function here.
//
// Codes implemented (see docs/cp-virtual-machine.md for the registers and condition codes):
//   00 extended identification   08 CP command        0C pseudo timer     10 release pages
//   18 standard DASD I/O          20 general I/O        24 device type      58 3270 console (line mode)
//   5C error message editing      60 storage size       64 named segments   68 VMCF (own side)
// Any other code: specification exception (R6 reflects invalid DIAGNOSE codes that way).

import type { VirtualMachine } from '../vm/virtual-machine.ts';
import { diagnoseAssemble } from './assemble.ts';
import { diagnoseConsoleFunction, diagnoseDisplay, diagnoseDeviceType } from './console-function.ts';
import { diagnoseDasdIo, diagnoseGeneralIo } from './io.ts';
import { diagnoseIdentification, diagnoseMessageEditing, diagnosePseudoTimer, diagnoseReleasePages, diagnoseStorageSize } from './machine.ts';
import { SPECIFICATION } from './registers.ts';
import { diagnoseSegments } from './segments.ts';
import { diagnoseVmcf } from './vmcf.ts';

/** One DIAGNOSE function: the machine and the register numbers Rx and Ry. */
export type DiagnoseFunction = (vm: VirtualMachine, rx: number, ry: number) => void;

export const DIAGNOSE_FUNCTIONS: ReadonlyMap<number, DiagnoseFunction> = new Map<number, DiagnoseFunction>([
  [0x00, diagnoseIdentification],
  [0x08, diagnoseConsoleFunction],
  [0x0c, diagnosePseudoTimer],
  [0x10, diagnoseReleasePages],
  [0x18, diagnoseDasdIo],
  [0x20, diagnoseGeneralIo],
  [0x24, diagnoseDeviceType],
  [0x58, diagnoseDisplay],
  [0x5c, diagnoseMessageEditing],
  [0x60, diagnoseStorageSize],
  [0x64, diagnoseSegments],
  [0x68, diagnoseVmcf],
  [0x100, diagnoseAssemble], // our extension: ASSEMBLE through the host assembler (assemble.ts)
]);

/**
 * Performs the DIAGNOSE the Cpu stopped on (cpu.ia is past it). A program exception a function
 * raises becomes the guest's program interruption. Returns the code.
 */
export function diagnose(vm: VirtualMachine, w: number): number {
  const cpu = vm.cpu;
  const rx = (w >>> 20) & 15;
  const ry = (w >>> 16) & 15;
  const code = w & 0xffff;
  const f = DIAGNOSE_FUNCTIONS.get(code);
  try {
    if (f === undefined) {
      vm.notice(`DIAGNOSE X'${code.toString(16).toUpperCase().padStart(2, '0')}' is not supported`);
      throw cpu.exception(SPECIFICATION);
    }
    f(vm, rx, ry);
  } catch (e) {
    if (e !== cpu.fault) throw e;
    cpu.recognizeProgramException(cpu.fault.code, cpu.fault.nullify);
  }
  return code;
}
