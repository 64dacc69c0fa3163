// The system a new installation starts with: one 3350 system volume, the standard unit record
// devices, a tn3270 pool, and a USER DIRECT with MAINT, OPERATOR, GUEST and CMSUSER. Optionally it
// points at IBM's VM/370 R6 CMS material (the folder ../shared/vm370r6 holds CMS.segment,
// CMSSEG.segment and minidisk images such as cmsuser-191.ckd.gz): CMS and CMSSEG become saved
// systems, every image a volume of its own, and CMSUSER IPLs that CMS with those disks.
//
// Nothing is written and no disk image is created here: the result is the configuration and the
// directory, as data and as text. CpSystem (src/cp/system) creates the system volume and
// CMS-formats the minidisks on it.
//
// The system volume is a 3350 with fewer cylinders than a real one (555): only as many as the
// directory allocates plus a few spare, so that a new data folder stays small (50 cylinders of a
// 3350 image are 29 MB). Its `cylinders` in system.json is the size of the image; raise it to make
// room for more minidisks and CP extends the image at the next start.

import { readdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { parseUserDirect } from '../directory/parser.ts';
import type { Directory } from '../directory/types.ts';
import { systemConfigToJson, volumesOf } from './validate.ts';
import type { DasdVolume, SavedSystem, SystemConfig } from './types.ts';

export interface R6Material {
  /** The folder with the R6 files. */
  folder: string;
  /** Its file names; read from the folder when not given. */
  files?: readonly string[];
  /** Cylinders of images not in R6_IMAGE_CYLINDERS, by file name. */
  cylinders?: Readonly<Record<string, number>>;
}

export interface DefaultSystemOptions {
  /**
   * The data folder the system lives in: paths in the configuration are relative to it (R6 files
   * outside it stay absolute). The generator only computes the paths; it writes nothing.
   */
  dataDir?: string;
  /** Logon passwords of the standard users (defaults: the well-known MAINT CPCMS, OPERATOR OPERATOR, GUEST GUEST, CMSUSER CMSUSER). */
  passwords?: Partial<Record<'MAINT' | 'OPERATOR' | 'GUEST' | 'CMSUSER', string>>;
  r6?: R6Material;
}

export interface DefaultSystem {
  config: SystemConfig;
  /** config as the JSON file. */
  configJson: string;
  /** The USER DIRECT source. */
  userDirect: string;
  directory: Directory;
  /** Where the caller should write the configuration and the directory source. */
  files: { config: string; userDirect: string; compiledDirectory: string };
  /** What was left out or needs doing (an R6 file not understood, a disk still to format …). */
  notes: string[];
}

/** Cylinders of the R6 minidisk images (../shared/vm370r6/README.md: every image is a 3350 minidisk from cylinder 0). */
export const R6_IMAGE_CYLINDERS: Readonly<Record<string, number>> = {
  'cmsuser-191': 115, 'cmsuser-192': 115, 'cmsuser-193': 115, 'cmsuser-194': 115, 'cmsuser-195': 94,
  'maint-19d': 70, 'gcccms-201': 1, 'gcccms-202': 1,
};

/** CMSSEG loads at X'F00000'; CMS reaches for it only when DIAGNOSE X'60' reports at most 15M. */
export const CMSSEG_ADDRESS = 0xf0_0000;

const SYSTEM_VOLSER = 'VMSRES';
const SYSTEM_ADDRESS = 0x130;
/** Cylinders of the generated system volume: the minidisks below end at cylinder 43. */
export const SYSTEM_VOLUME_CYLINDERS = 50;
const FIRST_R6_ADDRESS = 0x140;

interface R6Disk { file: string; owner: string; vaddr: string; cylinders: number; volser: string; address: number }

/** Standard devices of a CMS virtual machine: console, reader (any class), punch, printer. */
const STANDARD_DEVICES = [
  ' CONSOLE 009 3215',
  ' SPOOL 00C 2540 READER *',
  ' SPOOL 00D 2540 PUNCH A',
  ' SPOOL 00E 1403 A',
];

/**
 * MAINT's system disks on the system volume: vaddr → [start, cylinders] (cylinder 0 holds the
 * volume label). 19D moves to R6's image when there is one. A 3350 cylinder holds 570 CMS blocks.
 */
const MAINT_DISKS: ReadonlyArray<readonly [string, number, number]> = [['190', 1, 10], ['191', 11, 5], ['19D', 16, 5], ['19E', 21, 10]];
const OPERATOR_191 = [31, 3] as const;
const GUEST_191 = [34, 5] as const;
const CMSUSER_191 = [39, 5] as const;

/** The name of the configuration file in the data folder. */
export const CONFIG_FILE = 'system.json';

export function generateDefaultSystem(options: DefaultSystemOptions = {}): DefaultSystem {
  const notes: string[] = [];
  const dataDir = resolve(options.dataDir ?? '.');
  const inData = (file: string) => {
    const rel = relative(dataDir, file);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
  };
  const pw = { MAINT: 'CPCMS', OPERATOR: 'OPERATOR', GUEST: 'GUEST', CMSUSER: 'CMSUSER', ...options.passwords };
  const r6 = options.r6 ? scanR6(options.r6, notes, inData) : { disks: [], savedSystems: [] };

  const dasd: DasdVolume[] = [
    { volser: SYSTEM_VOLSER, type: '3350', address: SYSTEM_ADDRESS, image: `dasd/${SYSTEM_VOLSER.toLowerCase()}.3350`, cylinders: SYSTEM_VOLUME_CYLINDERS, readOnly: false },
    ...r6.disks.map((d) => ({ volser: d.volser, type: '3350' as const, address: d.address, image: inData(resolve(options.r6!.folder, d.file)), cylinders: d.cylinders, readOnly: false })),
  ];
  const config: SystemConfig = {
    systemName: 'VM/370',
    storage: 16 * 1024 * 1024,
    directory: { source: 'user.direct', compiled: 'directory.json' },
    operatorConsole: { address: 0x009, type: '3215' },
    dasd,
    unitRecord: [
      { address: 0x00c, type: '2540R', input: 'spool/reader' },
      { address: 0x00d, type: '2540P', output: 'spool/punch.txt' },
      { address: 0x00e, type: '1403', output: 'spool/printer.txt' },
    ],
    terminals: { tn3270: { host: '127.0.0.1', port: 3270, first: 0x0c0, last: 0x0df }, local: [0x0e0] },
    savedSystems: r6.savedSystems,
  };
  if (!config.savedSystems.some((s) => s.name === 'CMS')) {
    notes.push('no saved system CMS is defined: IPL CMS fails until one is added to savedSystems');
  }

  const userDirect = buildUserDirect(pw, r6.disks);
  const parsed = parseUserDirect(userDirect, { volumes: volumesOf(config) });
  if (!parsed.ok || !parsed.directory) {
    const first = parsed.diagnostics.find((d) => d.severity === 'error');
    throw new Error(`generated directory does not parse: line ${first?.line}: ${first?.message}`);
  }
  const files = {
    config: join(dataDir, CONFIG_FILE),
    userDirect: join(dataDir, config.directory.source),
    compiledDirectory: join(dataDir, config.directory.compiled),
  };
  return { config, configJson: systemConfigToJson(config), userDirect, directory: parsed.directory, files, notes };
}

function scanR6(r6: R6Material, notes: string[], inData: (file: string) => string): { disks: R6Disk[]; savedSystems: SavedSystem[] } {
  const files = [...(r6.files ?? readdirSync(r6.folder))].sort();
  const savedSystems: SavedSystem[] = [];
  if (files.includes('CMS.segment')) {
    savedSystems.push({ name: 'CMS', segments: [{ file: inData(resolve(r6.folder, 'CMS.segment')), loadAddress: 0 }], ipl: { from: 'state-page' } });
  } else notes.push(`${r6.folder}: no CMS.segment`);
  if (files.includes('CMSSEG.segment')) {
    savedSystems.push({ name: 'CMSSEG', segments: [{ file: inData(resolve(r6.folder, 'CMSSEG.segment')), loadAddress: CMSSEG_ADDRESS }] });
  }
  const disks: R6Disk[] = [];
  const volsers = new Set<string>([SYSTEM_VOLSER]);
  for (const file of files) {
    const m = /^([A-Za-z0-9$#@]{1,8})-([0-9A-Fa-f]{3})\.ckd(\.gz)?$/.exec(file);
    if (!m) continue;
    const key = `${m[1]!.toLowerCase()}-${m[2]!.toLowerCase()}`;
    const cylinders = r6.cylinders?.[file] ?? R6_IMAGE_CYLINDERS[key];
    if (cylinders === undefined) {
      notes.push(`${file}: cylinders unknown (give them in r6.cylinders); left out`);
      continue;
    }
    const owner = m[1]!.toUpperCase();
    const vaddr = m[2]!.toUpperCase();
    if (owner === 'OPERATOR' || owner === 'GUEST') {
      notes.push(`${file}: ${owner} is a standard user of the generated directory; left out`);
      continue;
    }
    let volser = `R6${owner[0]}${vaddr}`;
    for (let n = 0; volsers.has(volser); n++) volser = `R6${n.toString(16).toUpperCase().padStart(4, '0')}`;
    volsers.add(volser);
    disks.push({ file, owner, vaddr, cylinders, volser, address: FIRST_R6_ADDRESS + disks.length });
  }
  if (disks.some((d) => d.owner === 'CMSUSER')) notes.push('CMSUSER IPLs the R6 CMS saved system with the R6 CMSUSER minidisks');
  return { disks, savedSystems };
}

function mdisk(vaddr: string, start: number, count: number, volser: string, mode: string, passwords = ''): string {
  const cyl = (n: number) => String(n).padStart(3, '0');
  return ` MDISK   ${vaddr} 3350 ${cyl(start)} ${cyl(count)} ${volser.padEnd(6)} ${mode.padEnd(4)} ${passwords}`.trimEnd();
}

function buildUserDirect(pw: Record<'MAINT' | 'OPERATOR' | 'GUEST' | 'CMSUSER', string>, r6: readonly R6Disk[]): string {
  const r6Of = (owner: string) => r6.filter((d) => d.owner === owner);
  const systemLinks = ['190', '19D', '19E'].map((v) => ` LINK MAINT ${v} ${v} RR`);
  const ruler = '*        cuu type adr num volser mode readpw   writepw  multpw';
  const out: string[] = [
    '* VM/370 user directory, written by the default system generator.',
    '* Change the passwords before you let anyone else near this system.',
    `DIRECTORY ${SYSTEM_ADDRESS.toString(16).toUpperCase()} 3350 ${SYSTEM_VOLSER}`,
    '',
    '* MAINT: system programmer; owns the CMS system disks (190 S, 19D help, 19E Y).',
    `USER MAINT ${pw.MAINT} 15M 16M ABCDEFG`,
    ' OPTION ECMODE',
    ' IPL CMS',
    ...STANDARD_DEVICES,
    ruler,
  ];
  for (const [vaddr, start, count] of MAINT_DISKS) {
    const r6Disk = r6Of('MAINT').find((d) => d.vaddr === vaddr);
    const shared = vaddr === '191' ? '' : 'ALL';
    out.push(r6Disk ? mdisk(vaddr, 0, r6Disk.cylinders, r6Disk.volser, 'MR', 'ALL') : mdisk(vaddr, start, count, SYSTEM_VOLSER, 'MR', shared));
  }
  for (const d of r6Of('MAINT').filter((d) => !MAINT_DISKS.some(([v]) => v === d.vaddr))) out.push(mdisk(d.vaddr, 0, d.cylinders, d.volser, 'MR'));
  out.push(
    '',
    '* OPERATOR: the primary system operator, logged on when CP starts.',
    `USER OPERATOR ${pw.OPERATOR} 15M 16M ABCDEFG`,
    ' IPL CMS',
    ...STANDARD_DEVICES,
    ...systemLinks,
    ruler,
    mdisk('191', OPERATOR_191[0], OPERATOR_191[1], SYSTEM_VOLSER, 'MR'),
    '',
    '* GUEST: a general user.',
    `USER GUEST ${pw.GUEST} 15M 16M G`,
    ' IPL CMS',
    ...STANDARD_DEVICES,
    ...systemLinks,
    ruler,
    mdisk('191', GUEST_191[0], GUEST_191[1], SYSTEM_VOLSER, 'MR'),
  );
  // CMSUSER: with the R6 material its own disks are R6's; other owners' R6 disks are linked read-only.
  const own = r6Of('CMSUSER');
  const others = r6.filter((d) => d.owner !== 'CMSUSER' && d.owner !== 'MAINT');
  const taken = new Set(['009', '00C', '00D', '00E', '190', '19D', '19E', ...(own.length > 0 ? own.map((d) => d.vaddr) : ['191'])]);
  out.push(
    '',
    own.length > 0
      ? '* CMSUSER: IBM VM/370 R6 CMS (saved system CMS, 15M so CMS finds CMSSEG at F00000) with the R6 CMSUSER disks.'
      : '* CMSUSER: a general user for trying CMS.',
    `USER CMSUSER ${pw.CMSUSER} 15M 16M G`,
    ' IPL CMS',
    ...STANDARD_DEVICES,
    ...systemLinks,
  );
  for (const d of others) {
    if (taken.has(d.vaddr)) continue;
    taken.add(d.vaddr);
    out.push(` LINK ${d.owner} ${d.vaddr} ${d.vaddr} RR`);
  }
  out.push(ruler);
  if (own.length === 0) out.push(mdisk('191', CMSUSER_191[0], CMSUSER_191[1], SYSTEM_VOLSER, 'MR'));
  for (const d of own) out.push(mdisk(d.vaddr, 0, d.cylinders, d.volser, 'MR'));
  // Owners of the remaining R6 disks own them without logging on.
  const owners = [...new Set(others.map((d) => d.owner))];
  for (const owner of owners) {
    out.push('', `* ${owner}: owns R6 disks; cannot log on.`, `USER ${owner} NOLOG`, ruler);
    for (const d of r6Of(owner)) out.push(mdisk(d.vaddr, 0, d.cylinders, d.volser, 'RR', 'ALL'));
  }
  return out.join('\n') + '\n';
}
