// Builds our CMS nucleus: every cms/nucleus/*.assemble is assembled by our assembler (macro
// libraries cms/nucleus and cms/maclib), the object decks are linked from address 0 as the OS
// loader links (loadObjectDecks: V-type constants and EXTRN/WXTRN resolved across decks), and the
// image becomes a saved-system file (src/cp/nss/saved-system.ts: a 4096-byte state page, then the
// pages) that CP IPLs with `IPL CMS`.
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
}

/** An assembly or link error: `messages` are `FILE:LINE: IEVnnn (severity) TEXT` or link problems. */
export class CmsBuildError extends Error {
  constructor(readonly messages: string[]) {
    super(`CMS build failed:\n${messages.join('\n')}`);
    this.name = 'CmsBuildError';
  }
}

/** The nucleus sources in link order: the low-core deck, then the others by name. */
export function nucleusSources(root: string, include: (file: string) => boolean = () => true): string[] {
  const folder = join(root, 'nucleus');
  if (!existsSync(folder)) throw new CmsBuildError([`${folder}: no such folder`]);
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.assemble') && include(f))
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
  const sources = nucleusSources(root, options.include);
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
  return {
    segment,
    address: 0,
    entry,
    end,
    userArea,
    sources: sources.map((s) => `nucleus/${s}`),
    symbols: linked.symbols,
    unresolved: linked.unresolved,
    listing: [...listings, map].join('\f'),
  };
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
export function writeCmsBuild(outDir: string, options: CmsBuildOptions = {}): CmsBuildOutput {
  const build = buildCms(options);
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
