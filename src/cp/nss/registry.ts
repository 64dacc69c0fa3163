// The system's table of saved systems and segments (R6 keeps it in DMKSNT, built by the system
// programmer with NAMESYS macros): here, a registry read from a folder of NAME.segment files.
//
// Where each one loads, and whether it can be IPLed, comes from `saved-systems.json` in the folder
// when there is one ([{ "name": "CMS", "address": "0", "ipl": true }, ...], addresses in hex), else
// from the layout of IBM's VM/370 R6 CMS (../shared/vm370r6/README.md): CMS at page 0 and IPL-able,
// CMSSEG at X'F00000'. The project ships none of IBM's code: the folder is the user's.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SavedSystem, type SavedSystemDefinition } from './saved-system.ts';

export const MANIFEST = 'saved-systems.json';

/** VM/370 R6 CMS as saved on the SixPack system: the nucleus at 0, the shared segment at 15M. */
export const R6_CMS_LAYOUT: readonly SavedSystemDefinition[] = Object.freeze([
  { name: 'CMS', address: 0, ipl: true },
  { name: 'CMSSEG', address: 0xf0_0000, ipl: false },
]);

export class SavedSystemRegistry {
  private readonly systems = new Map<string, SavedSystem>();

  constructor(systems: Iterable<SavedSystem> = []) {
    for (const s of systems) this.add(s);
  }

  /**
   * Reads every NAME.segment in a folder. Names the manifest (or the default layout) does not
   * place are skipped.
   */
  static fromFolder(folder: string, layout: readonly SavedSystemDefinition[] = R6_CMS_LAYOUT): SavedSystemRegistry {
    const manifest = join(folder, MANIFEST);
    const definitions = existsSync(manifest) ? parseManifest(readFileSync(manifest, 'utf8'), manifest) : layout;
    const registry = new SavedSystemRegistry();
    const files = new Set(readdirSync(folder).filter((f) => f.endsWith('.segment')));
    for (const d of definitions) {
      const file = `${d.name}.segment`;
      if (!files.has(file)) continue;
      registry.add(new SavedSystem(d, new Uint8Array(readFileSync(join(folder, file)))));
    }
    return registry;
  }

  add(system: SavedSystem): void {
    this.systems.set(system.name, system);
  }

  get(name: string): SavedSystem | undefined {
    return this.systems.get(name.toUpperCase());
  }

  names(): string[] {
    return [...this.systems.keys()].sort();
  }

  /** The first address past every system that lies at or above `from` (0 if none). */
  highestEndAbove(from: number): number {
    let end = 0;
    for (const s of this.systems.values()) if (s.address >= from) end = Math.max(end, s.end);
    return end;
  }
}

function parseManifest(text: string, where: string): SavedSystemDefinition[] {
  const raw = JSON.parse(text) as unknown;
  if (!Array.isArray(raw)) throw new Error(`${where}: expected a list of saved systems`);
  return raw.map((entry, i) => {
    const e = entry as { name?: unknown; address?: unknown; ipl?: unknown };
    if (typeof e.name !== 'string' || typeof e.address !== 'string') throw new Error(`${where}: entry ${i + 1} needs a name and a hex address`);
    return { name: e.name.toUpperCase(), address: parseInt(e.address, 16), ipl: e.ipl === true };
  });
}
