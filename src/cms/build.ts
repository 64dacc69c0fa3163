// Builds our CMS nucleus: every cms/nucleus/*.assemble is assembled by our assembler (macro
// libraries cms/nucleus and cms/maclib), the object decks are linked from address 0 as the OS
// loader links (loadObjectDecks: V-type constants and EXTRN/WXTRN resolved across decks), and the
// image becomes a saved-system file (src/cp/nss/saved-system.ts: a 4096-byte state page, then the
// pages) that CP IPLs with `IPL CMS`.
//
// The big user-area commands are not in the nucleus: as in R6 they are MODULE files on the system
// disk (MAINT 190, accessed as S), found by the command search's MODULE step (DMSMODX). The sources
// CMS_MODULES lists are assembled like the nucleus's but linked apart, each at the user area
// (NUCUSER) against the nucleus's link map, and written in the MODULE format GENMOD writes
// (cms/nucleus/dmsmod.assemble): an 80-byte header A(entry), A(origin), A(end), A(end), zeros, then
// the image in records of at most 65,535 bytes.
//
// Link order: dmsnuc.assemble first (page 0: the new PSWs and NUCON), then the others in name
// order, then a generated deck: the module map DMSMAP and DMSNEND, the end of the nucleus (NUCEND). The state
// page holds the PSW that starts DMSINI (BC mode, key 0, supervisor state, disabled), zero
// registers and the control registers a System/370 has after a reset. The listing heading and the
// banner date come from `date`, fixed by default, so that a build of the same sources gives the
// same bytes.

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble, formatMessage, loadObjectDecks } from '../asm/index.ts';
import { MANIFEST } from '../cp/nss/registry.ts';
import { PAGE_SIZE } from '../cp/nss/saved-system.ts';

/** The repository's cms/ folder. */
export const CMS_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'cms');

/** The default build date: the banner reads `CMS VERSION 6.0 VM370 - 01/01/26 00:00`. */
export const CMS_BUILD_DATE = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));

/** The deck linked first: page 0 (low core and NUCON). */
export const LOW_CORE_SOURCE = 'dmsnuc.assemble';

/** The user area starts here (as in R6): the nucleus must end below it. */
export const USER_AREA = 0x2_0000;

/** Where NUCON's NUCUSER word is (NUCON+X'210': cms/maclib/NUCON.copy). */
const NUCUSER_AT = 0x210;

/** The most the nucleus may take: a virtual machine of 1M keeps room for programs and free storage. */
export const NUCLEUS_LIMIT = 0x6_0000;

/** The user area for a nucleus ending at `end`: X'20000', or the next 64K boundary above the nucleus. */
export function userAreaFor(end: number): number {
  return end <= USER_AREA ? USER_AREA : Math.ceil(end / 0x1_0000) * 0x1_0000;
}

/** A command that is a MODULE file on the system disk, not nucleus code. */
export interface CmsModuleDef {
  /** The command and file name: NAME MODULE. */
  name: string;
  /** Its sources in cms/nucleus, in link order. */
  sources: readonly string[];
  /** Its entry point (a section or ENTRY name of its sources). */
  entry: string;
}

/**
 * The commands that are MODULE files on 190, as R6 has them (EDIT, COPYFILE, HELP, ASSEMBLE, the
 * unit-record commands, JOBSPLIT):
 * what stays in the nucleus is what R6 keeps there (CP, ERASE, STATE, the loader, GENMOD/LOADMOD,
 * the file system, EXEC, SET/QUERY, the unit-record functions ...).
 */
export const CMS_MODULES: readonly CmsModuleDef[] = [
  { name: 'ASSEMBLE', sources: ['dmsprgas.assemble'], entry: 'DMSASM' },
  { name: 'COPYFILE', sources: ['dmscpy.assemble'], entry: 'DMSCPY' },
  { name: 'EDIT', sources: ['dmsedt.assemble', 'dmsedtf.assemble'], entry: 'DMSEDT' },
  { name: 'HELP', sources: ['dmshlp.assemble'], entry: 'DMSHLP' },
  // The unit-record commands: one MODULE each, as R6 has them; the SVC 202 functions behind the
  // CARDRD, PUNCHC and PRINTL macros (dmsurs) stay in the nucleus.
  { name: 'DISK', sources: ['dmsur.assemble'], entry: 'DMSDSK' },
  { name: 'PRINT', sources: ['dmsur.assemble'], entry: 'DMSPRT' },
  { name: 'PUNCH', sources: ['dmsur.assemble'], entry: 'DMSPUN' },
  { name: 'READCARD', sources: ['dmsur.assemble'], entry: 'DMSRDC' },
  { name: 'JOBSPLIT', sources: ['dmsbat.assemble'], entry: 'DMSBAT' },
];

/** The nucleus sources that load and run MODULE files (DMSLDR, DMSMOD's LOADMOD and DMSMODX). */
const MODULE_RUNNER_SOURCES = ['dmsldr.assemble', 'dmsmod.assemble'];

/** The largest record of a MODULE file's image (GENMOD's). */
const MODULE_RECORD = 65_535;

/** A MODULE file: its name and its V records (the header, then the image). */
export interface CmsModule {
  name: string;
  records: Uint8Array[];
  /** Where it loads (the user area) and its entry point. */
  origin: number;
  entry: number;
}

/** The nucleus's IPL entry point. */
const ENTRY_NAME = 'DMSINI';

const STATE_SIZE = 4096;

/**
 * The deck linked last, generated: DMSMAP, the nucleus's module map (A(section), CL8 name for every
 * control section, in address order, ended by F'-1'; the program-check exit names the routine
 * that failed from it), then DMSNEND, the end of the nucleus.
 */
function endDeckSource(sections: readonly string[]): string {
  return [
    '         TITLE \'DMSMAP - MODULE MAP AND END OF THE NUCLEUS\'',
    'DMSMAP   CSECT',
    '         ENTRY DMSNEND',
    ...sections.map((name) => `         DC    V(${name}),CL8'${name}'`),
    '         DC    F\'-1\'',
    '         DS    0D',
    'DMSNEND  DC    D\'0\'',
    '         END',
  ].join('\n');
}

export interface CmsBuildOptions {
  /** The cms/ folder (default: the repository's). */
  root?: string;
  /** Listing date and banner date (default CMS_BUILD_DATE). */
  date?: Date;
  /** Which nucleus sources to assemble (file names such as 'dmsint.assemble'); default all. */
  include?: (file: string) => boolean;
  /** Link even when external references stay unresolved (they load as zero). */
  allowUnresolved?: boolean;
  /** The commands built as MODULE files instead of nucleus code (default CMS_MODULES). */
  modules?: readonly CmsModuleDef[];
}

export interface CmsBuild {
  /** The saved-system file: the state page, then the pages from `address`. */
  segment: Uint8Array;
  /** Where the pages load (page 0). */
  address: 0;
  /** The IPL entry point (DMSINI). */
  entry: number;
  /** The first address past the nucleus. */
  end: number;
  /** Where programs load (NUCUSER): X'20000' unless the nucleus reaches past it. */
  userArea: number;
  /** The sources assembled, in link order (relative to the cms/ folder). */
  sources: string[];
  /** Section and entry names with their addresses. */
  symbols: Map<string, number>;
  /** External references nothing defines (only with allowUnresolved). */
  unresolved: string[];
  /** Every assembly's listing, then the link map. */
  listing: string;
  /** The MODULE files for the system disk (190), linked at `userArea`. */
  modules: CmsModule[];
}

/** An assembly or link error: `messages` are `FILE:LINE: IEVnnn (severity) TEXT` or link problems. */
export class CmsBuildError extends Error {
  constructor(readonly messages: string[]) {
    super(`CMS build failed:\n${messages.join('\n')}`);
    this.name = 'CmsBuildError';
  }
}

/**
 * The nucleus sources in link order: the low-core deck, then the others by name; the sources of
 * `modules` (default CMS_MODULES) are not nucleus code.
 */
export function nucleusSources(root: string, include: (file: string) => boolean = () => true, modules: readonly CmsModuleDef[] = CMS_MODULES): string[] {
  const folder = join(root, 'nucleus');
  if (!existsSync(folder)) throw new CmsBuildError([`${folder}: no such folder`]);
  const moduleSources = new Set(modules.flatMap((m) => m.sources));
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.assemble') && include(f) && !moduleSources.has(f))
    .sort();
  if (!files.includes(LOW_CORE_SOURCE)) throw new CmsBuildError([`${join(folder, LOW_CORE_SOURCE)}: the low-core deck is missing`]);
  return [LOW_CORE_SOURCE, ...files.filter((f) => f !== LOW_CORE_SOURCE)];
}

const two = (n: number): string => String(n).padStart(2, '0');

/** The banner's date: mm/dd/yy hh:mm (UTC), as R6 CMS shows the date its nucleus was built. */
export function bannerDate(date: Date): string {
  return `${two(date.getUTCMonth() + 1)}/${two(date.getUTCDate())}/${two(date.getUTCFullYear() % 100)} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}`;
}

/** Assembles and links cms/nucleus into the CMS saved system. Throws CmsBuildError on any error. */
export function buildCms(options: CmsBuildOptions = {}): CmsBuild {
  const root = options.root ?? CMS_ROOT;
  const date = options.date ?? CMS_BUILD_DATE;
  const maclibs = [join(root, 'nucleus'), join(root, 'maclib')];
  const sysparm = bannerDate(date);
  const moduleDefs = options.modules ?? CMS_MODULES;
  const include = options.include ?? (() => true);
  // A build that makes any MODULE keeps the nucleus code that runs them (the loader, LOADMOD and
  // the command search's MODULE step), even when `include` picks only some nucleus sources.
  const makesModules = moduleDefs.some((m) => m.sources.some(include));
  const inNucleus = (f: string): boolean => include(f) || (makesModules && MODULE_RUNNER_SOURCES.includes(f));
  const sources = nucleusSources(root, inNucleus, moduleDefs);
  const errors: string[] = [];
  const decks: Uint8Array[] = [];
  const listings: string[] = [];
  const names: string[] = [];
  const sectionNames: string[] = [];
  const assembleOne = (text: string, file: string): void => {
    const result = assemble(text, { file, date, maclibs, sysparm });
    for (const m of result.messages) if (m.severity >= 8) errors.push(formatMessage(m));
    for (const section of result.sections) if (section.kind === 'CSECT' && section.name !== '') sectionNames.push(section.name);
    decks.push(result.object);
    listings.push(result.listing);
    names.push(file);
  };
  for (const source of sources) {
    const path = join(root, 'nucleus', source);
    assembleOne(readFileSync(path, 'utf8'), relative(resolve(root, '..'), path));
  }
  if (errors.length > 0) throw new CmsBuildError(errors);
  assembleOne(endDeckSource([...new Set(sectionNames), 'DMSMAP']), 'DMSMAP (generated)');
  if (errors.length > 0) throw new CmsBuildError(errors);

  const linked = loadObjectDecks(decks, { origin: 0 });
  const linkErrors = [...linked.messages];
  if (linked.unresolved.length > 0 && options.allowUnresolved !== true) {
    linkErrors.push(`unresolved external references: ${linked.unresolved.join(' ')}`);
  }
  const entry = linked.symbols.get(ENTRY_NAME);
  if (entry === undefined) linkErrors.push(`no entry point ${ENTRY_NAME}`);
  const end = linked.origin + linked.image.length;
  if (end > NUCLEUS_LIMIT) linkErrors.push(`the nucleus ends at X'${hex(end)}', past X'${hex(NUCLEUS_LIMIT)}'`);
  if (linkErrors.length > 0 || entry === undefined) throw new CmsBuildError(linkErrors);

  const pages = new Uint8Array(Math.ceil(end / PAGE_SIZE) * PAGE_SIZE);
  pages.set(linked.image, linked.origin);
  // The user area starts at X'20000' as in R6 while the nucleus fits below it; a bigger nucleus
  // moves it up to the next 64K boundary (NUCON NUCUSER, set here as a linkage editor would).
  const userArea = userAreaFor(end);
  new DataView(pages.buffer).setUint32(NUCUSER_AT, userArea);
  const segment = new Uint8Array(STATE_SIZE + pages.length);
  segment.set(statePage(entry), 0);
  segment.set(pages, STATE_SIZE);

  const map = linkMap(linked.sections, names, end, entry);
  const modules: CmsModule[] = [];
  const moduleListings: string[] = [];
  for (const def of moduleDefs) {
    const present = def.sources.filter((f) => include(f) && existsSync(join(root, 'nucleus', f)));
    if (present.length === 0) continue;
    const built = buildModule(def, present, { root, date, maclibs, sysparm, userArea, nucleus: linked.symbols, allowUnresolved: options.allowUnresolved === true });
    modules.push(built.module);
    moduleListings.push(...built.listings);
  }
  return {
    segment,
    address: 0,
    entry,
    end,
    userArea,
    sources: sources.map((s) => `nucleus/${s}`),
    symbols: linked.symbols,
    unresolved: linked.unresolved,
    listing: [...listings, map, ...moduleListings].join('\f'),
    modules,
  };
}

/** Assembles one MODULE's sources and links them at the user area against the nucleus's symbols. */
function buildModule(
  def: CmsModuleDef,
  sources: readonly string[],
  o: { root: string; date: Date; maclibs: string[]; sysparm: string; userArea: number; nucleus: ReadonlyMap<string, number>; allowUnresolved: boolean },
): { module: CmsModule; listings: string[] } {
  const errors: string[] = [];
  const decks: Uint8Array[] = [];
  const listings: string[] = [];
  for (const source of sources) {
    const path = join(o.root, 'nucleus', source);
    const result = assemble(readFileSync(path, 'utf8'), { file: relative(resolve(o.root, '..'), path), date: o.date, maclibs: o.maclibs, sysparm: o.sysparm });
    for (const m of result.messages) if (m.severity >= 8) errors.push(formatMessage(m));
    decks.push(result.object);
    listings.push(result.listing);
  }
  if (errors.length > 0) throw new CmsBuildError(errors);
  const linked = loadObjectDecks(decks, { origin: o.userArea, externals: o.nucleus });
  const linkErrors = linked.messages.map((m) => `${def.name} MODULE: ${m}`);
  if (linked.unresolved.length > 0 && !o.allowUnresolved) linkErrors.push(`${def.name} MODULE: unresolved external references: ${linked.unresolved.join(' ')}`);
  const entry = linked.symbols.get(def.entry);
  if (entry === undefined) linkErrors.push(`${def.name} MODULE: no entry point ${def.entry}`);
  if (linkErrors.length > 0 || entry === undefined) throw new CmsBuildError(linkErrors);
  const end = linked.origin + linked.image.length;
  const header = new Uint8Array(80);
  const view = new DataView(header.buffer);
  view.setUint32(0, entry);
  view.setUint32(4, linked.origin);
  view.setUint32(8, end);
  view.setUint32(12, end);
  const records = [header];
  for (let at = 0; at < linked.image.length; at += MODULE_RECORD) records.push(linked.image.slice(at, at + MODULE_RECORD));
  const lines = [`${def.name} MODULE LINK MAP`, '', 'SECTION   ADDRESS  LENGTH  SOURCE'];
  for (const s of linked.sections) lines.push(`${s.name.padEnd(8)}  ${hex(s.address, 6)}   ${hex(s.length, 5)}  ${sources[s.deck] ?? ''}`);
  lines.push('', `ENTRY ${def.entry} AT ${hex(entry, 6)}; END ${hex(end, 6)}`, '');
  listings.push(lines.join('\n'));
  return { module: { name: def.name, records, origin: linked.origin, entry }, listings };
}

/**
 * The saved state (layout in saved-system.ts): the PSW X'00000000' with the entry address (BC
 * mode, key 0, supervisor, disabled for all interruptions), zero GPRs and FPRs, CR0 X'000000E0',
 * CR2 X'FFFFFFFF', CR14 X'C2000000', CR15 X'00000200' (the control registers after an initial CPU
 * reset, System/370 Principles of Operation, "Initial values"), storage keys 0.
 */
function statePage(entry: number): Uint8Array {
  const state = new Uint8Array(STATE_SIZE);
  const view = new DataView(state.buffer);
  view.setUint32(4, entry & 0x00ff_ffff);
  const cr = (n: number, value: number): void => view.setUint32(104 + n * 4, value);
  cr(0, 0x0000_00e0);
  cr(2, 0xffff_ffff);
  cr(14, 0xc200_0000);
  cr(15, 0x0000_0200);
  return state;
}

function hex(n: number, width = 5): string {
  return n.toString(16).toUpperCase().padStart(width, '0');
}

function linkMap(
  sections: readonly { name: string; address: number; length: number; deck: number }[],
  files: readonly string[],
  end: number,
  entry: number,
): string {
  const lines = ['CMS NUCLEUS LINK MAP', '', 'SECTION   ADDRESS  LENGTH  SOURCE'];
  for (const s of sections) lines.push(`${s.name.padEnd(8)}  ${hex(s.address, 6)}   ${hex(s.length, 5)}  ${files[s.deck] ?? ''}`);
  lines.push('', `ENTRY ${ENTRY_NAME} AT ${hex(entry, 6)}; END OF NUCLEUS ${hex(end, 6)}`, '');
  return lines.join('\n');
}

export interface CmsBuildOutput {
  /** The saved-system file. */
  segment: string;
  /** The listings and the link map. */
  listing: string;
  /** The saved-systems.json the registry reads (SavedSystemRegistry.fromFolder). */
  manifest: string;
  build: CmsBuild;
}

/**
 * Builds CMS and writes CMS.segment, CMS.listing and saved-systems.json into a folder, so that
 * the folder serves as a registry of saved systems. An existing manifest keeps its other entries;
 * the CMS entry becomes `{ "name": "CMS", "address": "0", "ipl": true }`.
 */
export function writeCmsBuild(outDir: string, options: CmsBuildOptions = {}, prebuilt?: CmsBuild): CmsBuildOutput {
  const build = prebuilt ?? buildCms(options);
  const segment = join(outDir, 'CMS.segment');
  const listing = join(outDir, 'CMS.listing');
  const manifest = join(outDir, MANIFEST);
  let entries: { name: string; address: string; ipl?: boolean }[] = [];
  if (existsSync(manifest)) {
    let old: unknown;
    try {
      old = JSON.parse(readFileSync(manifest, 'utf8'));
    } catch (e) {
      throw new CmsBuildError([`${manifest}: not a list of saved systems (${(e as Error).message})`]);
    }
    if (!Array.isArray(old)) throw new CmsBuildError([`${manifest}: not a list of saved systems`]);
    entries = (old as { name: string; address: string; ipl?: boolean }[]).filter((e) => String(e?.name).toUpperCase() !== 'CMS');
  }
  entries.unshift({ name: 'CMS', address: '0', ipl: true });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(segment, build.segment);
  writeFileSync(listing, build.listing);
  writeFileSync(manifest, `${JSON.stringify(entries, null, 2)}\n`);
  return { segment, listing, manifest, build };
}
