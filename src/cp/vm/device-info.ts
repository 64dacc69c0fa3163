// What CP knows about each virtual device: the DIAGNOSE X'24' words (VM/370 Data Areas and Control
// Block Logic R6: VDEVBLOK VDEVTYPC/VDEVTYPE/VDEVSTAT/VDEVFLAG, RDEVBLOK RDEVTYPC/RDEVTYPE/RDEVMDL/
// RDEVFTR) and the device's line in QUERY VIRTUAL.
//
// Class and type codes (DMKDEV equates as R6 uses them; the values agree with what VM/370 R6
// SixPack 1.2 returns, as recorded by emx370):
//   CLASTERM X'80' terminal (3215: type X'00', line length 130 in RDEVFTR)
//   CLASURI  X'20' unit record input (2540 reader: type X'82')
//   CLASURO  X'10' unit record output (2540 punch X'82', 1403 printer X'41')
//   CLASDASD X'04' DASD (3330 X'10', 3350 X'08'); VDEVFLAG X'80' = VDEVRDO, a read-only link

import type { CkdGeometry } from '../../devices/dasd/geometry.ts';
import type { MinidiskDevice } from '../ccw/minidisk.ts';
import type { VirtualConsole } from './console.ts';
import type { VirtualPrinter, VirtualPunch, VirtualReader } from './unit-record.ts';
import type { VirtualDeviceEntry } from './virtual-io.ts';

const CLASTERM = 0x80;
const CLASURI = 0x20;
const CLASURO = 0x10;
const CLASDASD = 0x04;
const VDEVRDO = 0x80;

const hex3 = (n: number) => n.toString(16).toUpperCase().padStart(3, '0');

export function consoleEntry(address: number, device: VirtualConsole): VirtualDeviceEntry {
  return {
    address,
    kind: 'console',
    device,
    vdevInfo: (CLASTERM << 24) >>> 0,
    rdevInfo: ((CLASTERM << 24) | 130) >>> 0,
    describe: () => `CONS ${hex3(address)} ON DEV 3215`,
  };
}

/**
 * A spooled reader, punch or printer. Its QUERY VIRTUAL line shows the device's current spool
 * options in the R6 layout (CP Command Reference R6, QUERY VIRTUAL UR): `RDR vaddr CL c
 * CONT|NOCONT HOLD|NOHOLD EOF|NOEOF READY` and `PRT|PUN vaddr CL c CONT|NOCONT HOLD|NOHOLD COPY nn
 * READY`. R6 puts `vaddr TO|FOR userid DIST distcode` on a second line; a device entry has one
 * line, so a device spooled TO or FOR a user ends its line with `TO userid` / `FOR userid`.
 */
export function unitRecordEntry(
  address: number,
  kind: 'reader' | 'punch' | 'printer',
  device: VirtualReader | VirtualPunch | VirtualPrinter,
): VirtualDeviceEntry {
  const info = kind === 'reader' ? (CLASURI << 24) | (0x82 << 16) : kind === 'punch' ? (CLASURO << 24) | (0x82 << 16) : (CLASURO << 24) | (0x41 << 16);
  const describe = (): string => {
    const o = device.options;
    const common = `${hex3(address)} CL ${o.spoolClass} ${o.cont ? 'CONT  ' : 'NOCONT'} ${o.hold ? 'HOLD  ' : 'NOHOLD'}`;
    if (kind === 'reader') return `RDR  ${common} ${(o as VirtualReader['options']).eof ? 'EOF  ' : 'NOEOF'}      READY`;
    const out = o as VirtualPunch['options'];
    const whose = out.to !== null ? ` TO ${out.to}` : out.forUser ? ` FOR ${out.forUser}` : '';
    return `${kind === 'punch' ? 'PUN ' : 'PRT '} ${common} COPY ${String(out.copies).padStart(2, '0')}    READY${whose}`;
  };
  return { address, kind, device, vdevInfo: info >>> 0, rdevInfo: info >>> 0, describe };
}

/** VDEVTYPE / RDEVTYPE and RDEVMDL of the CKD devices. */
function dasdType(g: CkdGeometry): { type: number; model: number } {
  if (g.deviceType === 0x3350) return { type: 0x08, model: 0x00 };
  return { type: 0x10, model: g.type === '3330-11' ? 0x11 : 0x01 };
}

export function dasdEntry(address: number, device: MinidiskDevice, volser: string): VirtualDeviceEntry {
  const geometry = device.dasd.image.geometry;
  const { type, model } = dasdType(geometry);
  const ro = device.extent.readOnly;
  return {
    address,
    kind: 'dasd',
    device,
    vdevInfo: ((CLASDASD << 24) | (type << 16) | (ro ? VDEVRDO : 0)) >>> 0,
    rdevInfo: ((CLASDASD << 24) | (type << 16) | (model << 8)) >>> 0,
    describe: () =>
      `DASD ${hex3(address)} ${geometry.deviceType.toString(16)} ${volser.padEnd(6)} ${ro ? 'R/O' : 'R/W'} ${String(device.extent.cylinders).padStart(6)} CYL`,
  };
}
