// Macro and COPY libraries: folders searched in order for a member named after the macro (or COPY
// operand), as files MEMBER.mac, MEMBER.macro, MEMBER.copy or MEMBER, the member name matched without
// regard to case. Directory listings are cached per processor; nothing is module-level.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceLine } from './types.ts';
import { splitLines } from './statement.ts';

const MACRO_EXTENSIONS = ['.mac', '.macro', '.copy', ''];
const COPY_EXTENSIONS = ['.copy', '.mac', '.macro', ''];

function readFromDisk(path: string): string | undefined {
  try {
    return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

export class Library {
  private readonly listings = new Map<string, Map<string, string>>();
  private readonly members = new Map<string, SourceLine[] | null>();

  constructor(
    private readonly folders: readonly string[],
    private readonly readFile?: (path: string) => string | undefined,
  ) {}

  /** The lines of a member, or undefined if no folder holds it. */
  member(name: string, kind: 'macro' | 'copy'): SourceLine[] | undefined {
    const key = `${kind}:${name.toUpperCase()}`;
    const cached = this.members.get(key);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.find(name, kind === 'macro' ? MACRO_EXTENSIONS : COPY_EXTENSIONS);
    this.members.set(key, found ?? null);
    return found;
  }

  private find(name: string, extensions: readonly string[]): SourceLine[] | undefined {
    for (const folder of this.folders) {
      for (const ext of extensions) {
        const path = this.locate(folder, name, ext);
        if (path === undefined) continue;
        const text = this.read(path);
        if (text !== undefined) return splitLines(text, path);
      }
    }
    return undefined;
  }

  private read(path: string): string | undefined {
    try {
      return this.readFile ? this.readFile(path) : readFromDisk(path);
    } catch {
      return undefined;
    }
  }

  /**
   * The path of folder/name+ext. On the file system the folder is listed and matched without regard
   * to case; with a caller's readFile the written, upper- and lower-case spellings are tried.
   */
  private locate(folder: string, name: string, ext: string): string | undefined {
    if (this.readFile) {
      for (const spelling of new Set([name, name.toUpperCase(), name.toLowerCase()])) {
        for (const e of new Set([ext, ext.toUpperCase()])) {
          const path = join(folder, spelling + e);
          if (this.read(path) !== undefined) return path;
        }
      }
      return undefined;
    }
    const entry = this.listing(folder).get((name + ext).toUpperCase());
    return entry === undefined ? undefined : join(folder, entry);
  }

  private listing(folder: string): Map<string, string> {
    let map = this.listings.get(folder);
    if (!map) {
      map = new Map();
      try {
        for (const entry of readdirSync(folder)) {
          const key = entry.toUpperCase();
          if (!map.has(key)) map.set(key, entry);
        }
      } catch {
        // A folder that cannot be listed holds no members.
      }
      this.listings.set(folder, map);
    }
    return map;
  }
}
