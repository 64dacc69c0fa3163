// DIAGNOSE X'64': finding, loading and purging a named segment (VM/370 System Programmer's Guide
// R6, GC20-1807-7, pp. 235-236). Rx: the address of the 8-byte name (doubleword aligned, padded
// with blanks); Ry: the subcode.
//   X'00' LOADSYS shared, X'04' LOADSYS nonshared: the segment's pages are loaded; Rx = the load
//         address. CC 0 loaded (beyond the machine's defined storage, as CMS requires); CC 1 loaded
//         within the defined storage, Ry = the last address of the storage it replaced; CC 2,
//         Ry = 44: no such segment.
//   X'08' PURGESYS: the pages are released: zeros within the defined storage, addressing
//         exceptions above it. CC 0 done; CC 1 the segment is not loaded in this machine; CC 2,
//         Ry = 44: no such segment.
//   X'0C' FINDSYS: Rx = the load address, Ry = the highest address. CC 0 already loaded; CC 1 exists
//         but not loaded; CC 2, Ry = 44: no such segment.
// A segment can be loaded when the machine's storage array reaches it (the VM sizes the array for
// the segments above its defined storage; the addresses between stay holes: segmented-storage.ts).
// Every virtual machine has its own storage here, so a "shared" segment is a private copy: sharing
// saves no host storage, but the guest cannot tell the difference.

import { fromEbcdic } from '../../ebcdic/index.ts';
import type { VirtualMachine } from '../vm/virtual-machine.ts';
import { address, aligned, inStorage, SPECIFICATION } from './registers.ts';

const NO_SUCH_SEGMENT = 44;

export function diagnoseSegments(vm: VirtualMachine, rx: number, ry: number): void {
  const cpu = vm.cpu;
  const at = aligned(cpu, address(cpu, rx), 8);
  inStorage(cpu, at, 8);
  const subcode = cpu.gpr[ry]! >>> 0;
  if (subcode !== 0x00 && subcode !== 0x04 && subcode !== 0x08 && subcode !== 0x0c) throw cpu.exception(SPECIFICATION);
  const name = fromEbcdic(cpu.mem.subarray(at, at + 8)).trim().toUpperCase();
  const segment = vm.savedSystems.get(name);
  if (segment === undefined || segment.end > cpu.storage.size || (segment.end > cpu.memSize && cpu.segmented === null)) {
    cpu.gpr[ry] = NO_SUCH_SEGMENT;
    cpu.cc = 2;
    return;
  }
  const loaded = vm.loadedSegments.has(segment.name);
  switch (subcode) {
    case 0x00:
    case 0x04: {
      segment.loadPages(cpu);
      vm.loadedSegments.add(segment.name);
      cpu.gpr[rx] = segment.address;
      if (segment.address < vm.storageSize) {
        cpu.gpr[ry] = Math.min(segment.lastAddress, vm.storageSize - 1);
        cpu.cc = 1;
      } else {
        cpu.cc = 0;
      }
      return;
    }
    case 0x08:
      if (!loaded) {
        cpu.cc = 1;
        return;
      }
      cpu.mem.fill(0, segment.address, segment.end);
      cpu.segmented?.removeRange(segment.address, segment.end);
      vm.loadedSegments.delete(segment.name);
      cpu.cc = 0;
      return;
    default:
      cpu.gpr[rx] = segment.address;
      cpu.gpr[ry] = segment.lastAddress;
      cpu.cc = loaded ? 0 : 1;
  }
}
