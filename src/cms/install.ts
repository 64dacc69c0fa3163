// Our CMS as the system's CMS: built from cms/ into the data folder's saved systems (DATA/nss) when
// the system starts, and built again whenever a source changed, so that `npm start` on a fresh
// clone gives every user CMS and an edit to cms/ reaches the next start. A system whose CMS is
// another one (IBM's R6 CMS from --r6) keeps it.
//
// DATA/nss/cms-build.json records the hash of the sources the CMS.segment there was built from.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MANIFEST } from '../cp/nss/registry.ts';
import { buildCms, CMS_ROOT, CmsBuildError, writeCmsBuild, type CmsBuild, type CmsBuildOptions } from './build.ts';
import { systemDiskFiles, type SystemDiskFile } from './disks.ts';

export const STAMP = 'cms-build.json';

/** The build's own code: a change to it rebuilds CMS as a change to cms/ does. */
const BUILDER = fileURLToPath(new URL('./build.ts', import.meta.url));

/** Every file under a folder, sorted, as paths relative to it. */
function filesUnder(root: string, dir = root): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(root, path));
    else out.push(relative(root, path));
  }
  return out;
}

/** A hash of the CMS sources (every file under cms/) and of the builder. */
export function cmsSourceHash(root: string = CMS_ROOT): string {
  const hash = createHash('sha256');
  for (const file of filesUnder(root)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  hash.update(readFileSync(BUILDER));
  return hash.digest('hex');
}

/** Names of the saved systems a folder's manifest lists. */
function listed(nssDir: string): string[] {
  const manifest = join(nssDir, MANIFEST);
  if (!existsSync(manifest)) return [];
  try {
    const entries = JSON.parse(readFileSync(manifest, 'utf8')) as Array<{ name?: unknown }>;
    return Array.isArray(entries) ? entries.map((e) => String(e?.name).toUpperCase()) : [];
  } catch {
    return [];
  }
}

/**
 * Makes DATA/nss hold our CMS as the saved system CMS, building it when it is missing or its
 * sources changed. Returns notes for the log. Leaves a CMS that is not ours (no stamp) alone.
 */
export function installOurCms(nssDir: string, options: CmsBuildOptions = {}, build?: () => CmsBuild): string[] {
  const stampFile = join(nssDir, STAMP);
  const ours = existsSync(stampFile);
  if (!ours && listed(nssDir).includes('CMS')) return [];
  const hash = cmsSourceHash(options.root ?? CMS_ROOT);
  if (ours && existsSync(join(nssDir, 'CMS.segment'))) {
    try {
      if ((JSON.parse(readFileSync(stampFile, 'utf8')) as { hash?: string }).hash === hash) return [];
    } catch {
      // A damaged stamp: build again.
    }
  }
  const started = Date.now();
  let output;
  try {
    output = writeCmsBuild(nssDir, options, build?.());
  } catch (e) {
    // A CMS source that does not assemble must not keep CP from starting: the error is logged,
    // and the CMS built before (if any) stays.
    if (!(e instanceof CmsBuildError)) throw e;
    return [`our CMS does not build from cms/ (${existsSync(join(nssDir, 'CMS.segment')) ? 'the previous build stays' : 'IPL CMS will fail'}):`, ...e.message.split('\n')];
  }
  writeFileSync(stampFile, `${JSON.stringify({ hash, built: new Date().toISOString() }, null, 2)}\n`);
  return [`built our CMS from cms/ into ${output.segment} (${output.build.segment.length} bytes, ${Date.now() - started} ms)`];
}

/**
 * What a system start needs of our CMS, from one build of `root`: the saved system (installed
 * into DATA/nss when the sources changed) and MAINT's 190/19D files (the MODULEs come from the
 * same build). The build is made on first use; a CMS that does not assemble gives no MODULEs and
 * the install logs why.
 */
export function ourCmsForSystem(root: string = CMS_ROOT): {
  savedSystems: (nssDir: string) => string[];
  systemFiles: () => SystemDiskFile[];
} {
  let made: { build: CmsBuild } | { error: unknown } | undefined;
  const build = (): CmsBuild => {
    if (made === undefined) {
      try {
        made = { build: buildCms({ root }) };
      } catch (e) {
        made = { error: e };
      }
    }
    if ('error' in made) throw made.error;
    return made.build;
  };
  return {
    savedSystems: (nssDir) => installOurCms(nssDir, { root }, build),
    systemFiles: () => {
      let modules: Pick<CmsBuild, 'modules'>;
      try {
        modules = build();
      } catch {
        modules = { modules: [] };
      }
      return systemDiskFiles(root, modules);
    },
  };
}
