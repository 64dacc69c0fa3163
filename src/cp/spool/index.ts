// The spool (VM/370 System Logic R6, "Spooling"): spool files on the host, the spool manager that
// queues them, the real printer and punch. See manager.ts.

import type { CpUser } from '../control-program.ts';
import { unitRecordEntry } from '../vm/device-info.ts';
import { VirtualPrinter, VirtualPunch, VirtualReader } from '../vm/unit-record.ts';
import type { VirtualDeviceEntry } from '../vm/virtual-io.ts';
import type { SpoolManager } from './manager.ts';

export { SpoolManager, SpoolError, type SpoolHost } from './manager.ts';
export { SpoolStore, writeAtomic, type SpoolIndex, type RealDeviceState } from './store.ts';
export { spoolId, type SpoolFileMeta, type SpoolQueue, type SpoolRecord } from './spool-file.ts';
export { renderPrintFile, renderPunchFile, type RealDeviceKind } from './real-devices.ts';

/**
 * A new spooled reader, punch or printer for a user (DEFINE READER|PUNCH|PRINTER vaddr), bound to
 * the spool when there is one (a lone machine's device keeps its files in memory). Attach the
 * entry with vm.attachDevice.
 */
export function spoolDeviceEntry(kind: 'reader' | 'punch' | 'printer', address: number, user?: CpUser, spool?: SpoolManager): VirtualDeviceEntry {
  const memory = () => 0;
  if (kind === 'reader') {
    const reader = new VirtualReader();
    if (user && spool) reader.bind(spool.readerSource(user.userid));
    return unitRecordEntry(address, kind, reader);
  }
  const device = kind === 'punch' ? new VirtualPunch(memory) : new VirtualPrinter(memory);
  if (user && spool) device.bind((file, options) => spool.create(user.userid, file, options));
  return unitRecordEntry(address, kind, device);
}
