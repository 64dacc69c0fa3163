// Device types the directory statements accept (GC20-1801-10, "The Directory Program").

import type { ConsoleType, SpoolFunction } from './types.ts';

export interface DasdType {
  devtype: string;
  /** Primary cylinders of the largest model (an MDISK without a volume table is checked against it). */
  cylinders: number;
  /** Whether DIRECTORY may name it (the directory residence devices). */
  directoryResidence: boolean;
}

/**
 * MDISK device types of R6 and their cylinders: 2314/2319 203, 3330 404 (model 11: 808), 3340 348
 * (model 70: 696), 3350 555 native mode (GC20-1801-10, MDISK table of maximum cylinders). 2305
 * cylinders are from the 2305 Fixed Head Storage reference [mem: model 2, 96 cylinders]. 3380 is a
 * VM/370 Community Edition addition (885 cylinders) and not IBM R6.
 */
export const DASD_TYPES: Readonly<Record<string, DasdType>> = {
  '2305': { devtype: '2305', cylinders: 96, directoryResidence: true },
  '2314': { devtype: '2314', cylinders: 203, directoryResidence: true },
  '2319': { devtype: '2319', cylinders: 203, directoryResidence: true },
  '3330': { devtype: '3330', cylinders: 808, directoryResidence: true },
  '3340': { devtype: '3340', cylinders: 696, directoryResidence: true },
  '3350': { devtype: '3350', cylinders: 555, directoryResidence: true },
  '3380': { devtype: '3380', cylinders: 885, directoryResidence: false },
};

export function dasdType(name: string): DasdType | undefined {
  return Object.hasOwn(DASD_TYPES, name) ? DASD_TYPES[name] : undefined;
}

/** The device type a real volume of this type is given as in an MDISK statement (3330-11 → 3330). */
export function mdiskDevtypeOf(volumeType: string): string {
  return volumeType === '3330-11' ? '3330' : volumeType;
}

export const CONSOLE_TYPES: readonly ConsoleType[] = ['1052', '3210', '3215'];

/** SPOOL statement device types, with the function each has. The 2540 needs READER or PUNCH after it. */
export const SPOOL_TYPES: Readonly<Record<string, SpoolFunction | 'reader-or-punch'>> = {
  '2540': 'reader-or-punch',
  '2501': 'reader',
  '3505': 'reader',
  '3525': 'punch',
  '1403': 'printer',
  '1443': 'printer',
  '3203': 'printer',
  '3211': 'printer',
  '3800': 'printer',
};

/** READER / PUNCH after 2540, with the abbreviations seen in real directories (READ, PUN). */
export function spool2540Function(word: string): SpoolFunction | undefined {
  if (['READER', 'READ', 'RDR', 'R'].includes(word)) return 'reader';
  if (['PUNCH', 'PUN', 'P'].includes(word)) return 'punch';
  return undefined;
}

/** Spool classes: one character A-Z or 0-9; a reader may also have * (any class). */
export function isSpoolClass(word: string, fn: SpoolFunction | 'console'): boolean {
  if (word === '*') return fn === 'reader';
  return /^[A-Z0-9]$/.test(word);
}
