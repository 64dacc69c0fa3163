// The real machine CP runs on and what it keeps outside the directory: the "system configuration".
// On a real VM/370 this was DMKSYS (volumes, CP-owned packs), DMKRIO (real I/O devices) and
// DMKSNT (saved systems), assembled at system generation; here it is one JSON file, validated by
// validate.ts. Addresses are hexadecimal strings in the file and numbers once validated.

/** DASD types the device layer emulates (src/devices/dasd). */
export const VOLUME_TYPES = {
  '3330': { cylinders: 404, mdiskDevtype: '3330' },
  '3330-11': { cylinders: 808, mdiskDevtype: '3330' },
  '3350': { cylinders: 555, mdiskDevtype: '3350' },
} as const;

export type VolumeType = keyof typeof VOLUME_TYPES;

export interface DasdVolume {
  volser: string;
  type: VolumeType;
  address: number;
  /** Image file (a Hercules CKD image; .gz means gzip-compressed), relative to the configuration's folder. */
  image: string;
  /**
   * Cylinders of the volume image (default: the device type's). A volume may have fewer cylinders
   * than the real device (the generated system volume has 50 of a 3350's 555): MDISK extents must
   * lie inside them. CP creates a missing system volume image of this size and extends a smaller
   * one to it at start.
   */
  cylinders: number;
  readOnly: boolean;
}

export const UNIT_RECORD_TYPES = {
  '2540R': 'reader',
  '3505': 'reader',
  '2540P': 'punch',
  '3525': 'punch',
  '1403': 'printer',
  '3211': 'printer',
} as const;

export type UnitRecordType = keyof typeof UNIT_RECORD_TYPES;

export interface UnitRecordDevice {
  address: number;
  type: UnitRecordType;
  /** Printers and punches: where the output goes. */
  output?: string;
  /** Readers: a folder of decks to read. */
  input?: string;
}

export type OperatorConsoleType = '3215' | '3270';

export interface OperatorConsole {
  address: number;
  type: OperatorConsoleType;
}

export interface Tn3270Terminals {
  host: string;
  port: number;
  /** The pool of 3270 addresses given to connecting clients, first to last. */
  first: number;
  last: number;
}

export interface Terminals {
  tn3270?: Tn3270Terminals;
  /** Local 3270s (the ink UI), by address. */
  local: number[];
}

export interface SegmentFile {
  /** The segment file: one state page (PSW, registers, keys) then the pages to load. */
  file: string;
  /** Where the first page after the state page loads; a page boundary. */
  loadAddress: number;
  /** Pages to load, when known (the file size says it otherwise). */
  pages?: number;
}

/** Where IPL of a saved system takes its PSW from: the segment's state page, or a PSW given here. */
export type IplPswSource = { from: 'state-page' } | { from: 'explicit'; psw: string };

export interface SavedSystem {
  name: string;
  segments: SegmentFile[];
  /** Present when the system can be IPLed (IPL CMS); absent for segments loaded with DIAGNOSE X'64'. */
  ipl?: IplPswSource;
}

export interface DirectoryFiles {
  /** The USER DIRECT source the administrator edits. */
  source: string;
  /** The compiled directory with hashed passwords. */
  compiled: string;
}

export interface SystemConfig {
  /** Eight characters at most (DIAGNOSE X'00' returns it). */
  systemName: string;
  /** Real storage in bytes. */
  storage: number;
  directory: DirectoryFiles;
  operatorConsole: OperatorConsole;
  dasd: DasdVolume[];
  unitRecord: UnitRecordDevice[];
  terminals: Terminals;
  savedSystems: SavedSystem[];
}

export interface ConfigError {
  /** The field, as a path into the JSON: dasd[2].address. */
  path: string;
  message: string;
}

export function formatConfigError(e: ConfigError): string {
  return `${e.path}: ${e.message}`;
}

export const CONFIG_FORMAT = 'vm370-system';
export const CONFIG_VERSION = 1;
