// DIAGNOSE X'18' (standard DASD I/O) and X'20' (general I/O): channel programs CP runs for the guest
// synchronously, with no interruption reflected (VM/370 System Logic R6 Vol 1, SY20-0886-1,
// pp. 1-51, 1-52; System Programmer's Guide R6, GC20-1807-7, pp. 221-223).

import { LowCore } from '../../arch/low-core.ts';
import { ChannelStatus, UnitStatus } from '../../arch/channel.ts';
import { checkDasdProgram } from '../ccw/dasd-program.ts';
import { MinidiskDevice } from '../ccw/minidisk.ts';
import type { VirtualMachine } from '../vm/virtual-machine.ts';
import type { SyncResult } from '../vm/virtual-io.ts';
import { address } from './registers.ts';

const NORMAL = UnitStatus.channelEnd | UnitStatus.deviceEnd | UnitStatus.statusModifier;

/** Ends the DIAGNOSE with a condition code and a completion code in R15. */
function complete(vm: VirtualMachine, cc: number, r15?: number): void {
  vm.cpu.cc = cc;
  if (r15 !== undefined) vm.cpu.gpr[15] = r15;
}

/** The CSW of a failed program, stored at X'40' for the guest to look at. */
function storeCsw(vm: VirtualMachine, result: SyncResult): void {
  vm.cpu.mem.set(result.csw, LowCore.csw);
}

/**
 * X'18' Standard DASD I/O. Rx: the virtual device address; Ry: the address of the CCW string; R15:
 * the number of Read/Write CCWs. CC 0 complete with no errors; CC 1 R15 = 1 device not attached,
 * 2 not a 2314/2319/3330/3340/3350, 3 write on a read-only disk, 4 cylinder not on the user's disk,
 * 5 busy or interruption pending; CC 2 CCW string errors (see ccw/dasd-program.ts); CC 3 R15 = 13
 * uncorrectable I/O error, CSW at X'40', sense bytes available to a SENSE.
 */
export function diagnoseDasdIo(vm: VirtualMachine, rx: number, ry: number): void {
  const cpu = vm.cpu;
  const deviceAddress = cpu.gpr[rx]! & 0xffff;
  const entry = vm.io.entry(deviceAddress);
  if (entry === undefined) return complete(vm, 1, 1);
  if (entry.kind !== 'dasd' || !(entry.device instanceof MinidiskDevice)) return complete(vm, 1, 2);
  const ccwAddress = address(cpu, ry);
  const addressable = (a: number, n: number) =>
    a >= 0 && (a + n <= cpu.memSize || (cpu.segmented !== null && cpu.segmented.isRangeAddressable(a, n)));
  const check = checkDasdProgram(cpu.mem, addressable, ccwAddress, entry.device.extent);
  if (check !== null) return complete(vm, check.cc, check.r15);
  const result = vm.runChannelProgram(deviceAddress, ccwAddress, 0);
  if (result.cc === 2) return complete(vm, 1, 5);
  if (result.cc === 3) return complete(vm, 1, 1);
  const ok = result.cc === 0 && result.outcome === 'done' && (result.unitStatus & ~NORMAL) === 0 &&
    (result.channelStatus & ~ChannelStatus.incorrectLength) === 0;
  if (ok) return complete(vm, 0);
  storeCsw(vm, result);
  complete(vm, 3, 13);
}

/**
 * X'20' General I/O: any CCW chain on a tape, disk or unit-record device. Rx: the virtual device
 * address; Ry: the CCW chain's address (its high byte is the storage key for the channel). CC 0
 * complete with no errors; CC 1 R15 = 1 not attached, 5 busy or interruption pending; CC 2 R15 = 2
 * unit exception, 3 wrong length; CC 3 R15 = 13 permanent I/O error, the first two sense bytes in
 * the rightmost two bytes of Ry.
 */
export function diagnoseGeneralIo(vm: VirtualMachine, rx: number, ry: number): void {
  const cpu = vm.cpu;
  const deviceAddress = cpu.gpr[rx]! & 0xffff;
  const entry = vm.io.entry(deviceAddress);
  if (entry === undefined) return complete(vm, 1, 1);
  const key = (cpu.gpr[ry]! >>> 28) & 0x0f;
  const result = vm.runChannelProgram(deviceAddress, address(cpu, ry), key);
  if (result.cc === 2) return complete(vm, 1, 5);
  if (result.cc === 3) return complete(vm, 1, 1);
  if (result.outcome !== 'done') {
    // A program that waits for the host (a console read) cannot end inside a DIAGNOSE.
    vm.io.clearIo(deviceAddress);
    return complete(vm, 1, 5);
  }
  if ((result.unitStatus & UnitStatus.unitException) !== 0) return complete(vm, 2, 2);
  if ((result.unitStatus & UnitStatus.unitCheck) !== 0 || (result.channelStatus & ~ChannelStatus.incorrectLength) !== 0) {
    const sense = entry.device.startCommand({ command: 0x04, flags: 0x20, count: 2, chained: false }, null);
    const bytes = sense !== 'deferred' && sense.data ? sense.data : new Uint8Array(2);
    cpu.gpr[ry] = (cpu.gpr[ry]! & ~0xffff) | ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0);
    storeCsw(vm, result);
    return complete(vm, 3, 13);
  }
  if ((result.channelStatus & ChannelStatus.incorrectLength) !== 0) return complete(vm, 2, 3);
  complete(vm, 0);
}
