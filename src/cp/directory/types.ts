// The VM/370 user directory as CP sees it: one entry per virtual machine, built from the control
// statements of a USER DIRECT file (VM/370 Planning and System Generation Guide, GC20-1801-10,
// "The Directory Program"). This is the source form: the passwords are the clear text the
// administrator wrote. compile.ts turns it into the hashed form CP keeps.

/** Command privilege classes (VM/370 Operator's Guide, "Privilege Classes for CP Commands"). */
export const PRIVILEGE_CLASSES = {
  A: 'primary system operator',
  B: 'system resource operator',
  C: 'system programmer',
  D: 'spooling operator',
  E: 'system analyst',
  F: 'service representative',
  G: 'general user',
  H: 'reserved for IBM use',
} as const;

export type PrivilegeClass = keyof typeof PRIVILEGE_CLASSES;

/** The class a USER statement without a class operand gets. */
export const DEFAULT_PRIVILEGE_CLASSES: readonly PrivilegeClass[] = ['G'];

/** The password of a virtual machine that cannot log on (it only owns disks and receives spool files). */
export const NOLOG = 'NOLOG';

/** The minidisk password meaning "any user may link in this mode without a password". */
export const PASSWORD_ALL = 'ALL';

/**
 * Minidisk access modes: the first letter is the primary access (Read-only, Write, Multiple), the
 * second the alternate access if the primary is not available (CP Command Reference for General
 * Users R6, LINK).
 */
export const ACCESS_MODES = ['R', 'RR', 'W', 'WR', 'M', 'MR', 'MW'] as const;
export type AccessMode = (typeof ACCESS_MODES)[number];

/** An access mode with R6's optional 'V' suffix: CP's virtual RESERVE/RELEASE support (GC20-1801-10, MDISK). */
export interface ModeSpec {
  mode: AccessMode;
  virtualReserve: boolean;
}

/** The DIRECTORY statement: where the object directory is written. */
export interface DirectoryLocation {
  vaddr: number;
  devtype: string;
  volser: string;
  line: number;
}

/** Terminal line-editing symbols from the USER statement; unset ones take the CP defaults. */
export interface LineEditing {
  linend?: string;
  linedel?: string;
  chardel?: string;
  escape?: string;
}

export interface UserOptions {
  realtimer: boolean;
  ecmode: boolean;
  isam: boolean;
  virtEqualsReal: boolean;
  acct: boolean;
  svcoff: boolean;
  bmx: boolean;
  /** CPUID bbbbbb: six hexadecimal digits. */
  cpuid?: string;
  /** AFFINITY nn: the processor this machine runs on in attached-processor mode. */
  affinity?: number;
  /** VM/370 Community Edition HRC014DK: this user may LINK without passwords. Not in IBM R6. */
  lnknopas: boolean;
  /** VM/370 Community Edition: STFIRST (store facility list) for MVS guests. Not in IBM R6. */
  stfirst: boolean;
}

export interface AccountInfo {
  number: string;
  distribution?: string;
  line: number;
}

export interface IplSpec {
  /** A saved system name (CMS) or a virtual device address in hex (190). */
  target: string;
  kind: 'system' | 'device';
  /** IPL ... PARM text: a VM/370 Community Edition extension of the statement (R6's IPL statement has no PARM). */
  parm?: string;
  line: number;
}

export type ConsoleType = '1052' | '3210' | '3215';

/** The spool class of a console without one: T, "for console spooling" (GC20-1801-10, CONSOLE). */
export const DEFAULT_CONSOLE_CLASS = 'T';

/** The spool class of a SPOOL device without one [mem: A]. */
export const DEFAULT_SPOOL_CLASS = 'A';

export interface ConsoleSpec {
  vaddr: number;
  devtype: ConsoleType;
  /** Spool class for console spooling (default T). */
  spoolClass?: string;
  line: number;
}

export type SpoolFunction = 'reader' | 'punch' | 'printer';

export interface SpoolDevice {
  vaddr: number;
  /** 2540, 2501, 3505, 3525, 1403, 1443, 3203, 3211, 3800. */
  devtype: string;
  function: SpoolFunction;
  /** One character A-Z, 0-9, or * (readers only: any class). */
  spoolClass?: string;
  line: number;
}

export type SpecialKind = '3270' | 'TIMER' | 'CTCA' | '2701' | '2702' | '2703';

export interface SpecialDevice {
  vaddr: number;
  kind: SpecialKind;
  /** For 270x lines: the terminal type of the line (IBM = 2741 class, TELE = teletypewriter). */
  lineType?: 'IBM' | 'TELE';
  line: number;
}

export interface DedicatedDevice {
  vaddr: number;
  /** The real device address, or … */
  real?: number;
  /** … the volume serial of a mounted pack (DEDICATE cuu [VOLID] volser). */
  volser?: string;
  readOnly: boolean;
  /** 3330V: pass all interruptions of the MSS virtual volume to the virtual machine. */
  mss3330v: boolean;
  line: number;
}

export interface LinkStatement {
  /** The owner of the disk; '*' in the source means the user itself and is stored as its userid. */
  owner: string;
  ownerVaddr: number;
  vaddr: number;
  mode: ModeSpec;
  line: number;
}

export interface PermanentExtent {
  kind: 'permanent';
  startCylinder: number;
  cylinders: number;
  volser: string;
}

/** MDISK cuu devtype T-DISK cyls: temporary space taken from the system at logon. */
export interface TemporaryExtent {
  kind: 'tdisk';
  cylinders: number;
}

export interface MinidiskPasswords<P = string> {
  read?: P;
  write?: P;
  multi?: P;
}

export interface Minidisk {
  vaddr: number;
  devtype: string;
  extent: PermanentExtent | TemporaryExtent;
  mode: ModeSpec;
  /** Clear text as written, or 'ALL'. A write password needs a read password, a multi password both. */
  passwords: MinidiskPasswords;
  line: number;
}

export interface UserEntry {
  userid: string;
  /** Clear text as written, or 'NOLOG'. */
  password: string;
  /** Logon storage size in bytes. */
  storage?: number;
  /** Largest size DEFINE STORAGE may set, in bytes. */
  maxStorage?: number;
  classes: PrivilegeClass[];
  /** Dispatching priority 1-99 (lower is better). */
  priority?: number;
  lineEditing: LineEditing;
  account?: AccountInfo;
  options: UserOptions;
  ipl?: IplSpec;
  console?: ConsoleSpec;
  spool: SpoolDevice[];
  special: SpecialDevice[];
  dedicate: DedicatedDevice[];
  links: LinkStatement[];
  mdisks: Minidisk[];
  line: number;
}

export interface Directory {
  location: DirectoryLocation;
  users: UserEntry[];
}

export type Severity = 'error' | 'warning';

/** One finding about the source: errors stop the directory from being used, warnings do not. */
export interface Diagnostic {
  line: number;
  severity: Severity;
  /** The statement it concerns (USER, MDISK …), when there is one. */
  statement?: string;
  message: string;
}

/** A volume known from the system configuration, for checking MDISK extents. */
export interface VolumeInfo {
  volser: string;
  devtype: string;
  cylinders: number;
}

export function emptyOptions(): UserOptions {
  return {
    realtimer: false, ecmode: false, isam: false, virtEqualsReal: false, acct: false, svcoff: false, bmx: false,
    lnknopas: false, stfirst: false,
  };
}

export function formatDiagnostic(d: Diagnostic, file = 'USER DIRECT'): string {
  return `${file} line ${d.line}: ${d.severity}: ${d.statement ? `${d.statement}: ` : ''}${d.message}`;
}

/** Three hexadecimal digits, upper case, as CP prints device addresses. */
export function hex3(n: number): string {
  return n.toString(16).toUpperCase().padStart(3, '0');
}
