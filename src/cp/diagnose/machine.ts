// DIAGNOSE functions about the virtual machine itself (VM/370 System Programmer's Guide R6,
// GC20-1807-7; System Logic R6 Vol 1, SY20-0886-1, pp. 1-49 to 1-52).

import { ebcdicField } from '../../ebcdic/index.ts';
import type { VirtualMachine } from '../vm/virtual-machine.ts';
import { address, aligned, inStorage } from './registers.ts';

/**
 * X'00' Store extended-identification code. Rx: doubleword-aligned address; Ry: number of bytes
 * to store. The 32 bytes: system name 'VM/370  ' (8), version number (3: version, level, PLC),
 * version code from STIDP (1), MCEL length (2), processor address (2), userid (8), program
 * product bit map (8). No condition code. The version bytes X'06' X'00' X'11' (release 6, PLC 17)
 * are our choice: R6 PLC levels varied between installations.
 */
export function diagnoseIdentification(vm: VirtualMachine, rx: number, ry: number): void {
  const cpu = vm.cpu;
  const at = aligned(cpu, address(cpu, rx), 8);
  const count = Math.min(cpu.gpr[ry]! >>> 0, 32);
  const data = new Uint8Array(32);
  data.set(ebcdicField('VM/370', 8), 0);
  data.set([0x06, 0x00, 0x11], 8);
  data[11] = cpu.cpuId.version;
  data[14] = cpu.cpuAddress >>> 8;
  data[15] = cpu.cpuAddress;
  data.set(ebcdicField(vm.userid, 8), 16);
  inStorage(cpu, at, count);
  for (let i = 0; i < count; i++) cpu.storeByte(at + i, data[i]!);
}

/**
 * X'0C' Pseudo timer. Rx: doubleword-aligned address of 32 bytes: the date 'mm/dd/yy' and the
 * time 'hh:mm:ss' in EBCDIC, then the virtual and the total CPU time used, as doublewords in
 * microseconds. No completion code; the condition code is unchanged.
 */
export function diagnosePseudoTimer(vm: VirtualMachine, rx: number): void {
  const cpu = vm.cpu;
  const at = aligned(cpu, address(cpu, rx), 8);
  inStorage(cpu, at, 32);
  const t = vm.localTime();
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${two(t.getUTCMonth() + 1)}/${two(t.getUTCDate())}/${two(t.getUTCFullYear() % 100)}`;
  const time = `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())}`;
  const data = new Uint8Array(32);
  data.set(ebcdicField(date + time, 16), 0);
  const view = new DataView(data.buffer);
  view.setBigUint64(16, BigInt(Math.floor(vm.virtualCpuMicros())));
  view.setBigUint64(24, BigInt(Math.floor(vm.totalCpuMicros())));
  for (let i = 0; i < 32; i++) cpu.storeByte(at + i, data[i]!);
}

/**
 * X'10' Release pages. Rx: first page, Ry: last page (both on 4K boundaries). A released page reads
 * as zeros afterwards. No completion code; the condition code is unchanged.
 */
export function diagnoseReleasePages(vm: VirtualMachine, rx: number, ry: number): void {
  const cpu = vm.cpu;
  const first = aligned(cpu, address(cpu, rx), 4096);
  const last = aligned(cpu, address(cpu, ry), 4096);
  if (last < first) return;
  inStorage(cpu, first, last - first + 4096);
  cpu.mem.fill(0, first, last + 4096);
}

/**
 * X'5C' Error message editing. Rx: address of a message such as 'DMSSTT002E text', Ry: its length. As SET
 * EMSG says: ON, no change; TEXT, Rx past the 10-character code and its blank, Ry the text length;
 * CODE, Ry 10; OFF, Ry 0. The message itself is not written.
 */
export function diagnoseMessageEditing(vm: VirtualMachine, rx: number, ry: number): void {
  const cpu = vm.cpu;
  switch (vm.emsg) {
    case 'ON':
      return;
    case 'TEXT':
      cpu.gpr[rx] = (cpu.gpr[rx]! + 11) | 0;
      cpu.gpr[ry] = Math.max(0, (cpu.gpr[ry]! | 0) - 11);
      return;
    case 'CODE':
      cpu.gpr[ry] = 10;
      return;
    default:
      cpu.gpr[ry] = 0;
  }
}

/** X'60' Virtual machine storage size: Rx receives the size in bytes. */
export function diagnoseStorageSize(vm: VirtualMachine, rx: number): void {
  vm.cpu.gpr[rx] = vm.storageSize;
}
