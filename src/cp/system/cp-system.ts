// The CP system: what a real VM/370 keeps on its system residence volume (DMKSYS, DMKSNT, the
// object directory) kept in a data folder instead.
//
//   DATA/system.json         the system configuration (src/cp/config)
//   DATA/user.direct         the USER DIRECT source the administrator edits
//   DATA/directory.json      the compiled directory: passwords as salted scrypt hashes
//   DATA/dasd/               minidisk images: USERID-VADDR.3350 for the minidisks on the system
//                            volume (one small image per minidisk), R6 images gunzipped on first use
//   DATA/nss/                saved systems (NAME.segment and saved-systems.json)
//   DATA/spool/              spool (emptied by a cold start)
//
// On first start the default system (src/cp/config/default-system.ts) is generated, the directory
// compiled, and every user's 191 on the system volume created and CMS-formatted.

import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { generateDefaultSystem, parseSystemConfig, volumesOf, CONFIG_FILE, type SystemConfig } from '../config/index.ts';
import {
  checkLogonPassword, compileDirectory, compiledToJson, findUser, parseUserDirect, readCompiledDirectory,
  type CompiledDirectory, type CompiledUser, type LogonCheck, type ScryptParams,
} from '../directory/index.ts';
import { formatImage } from '../cmsdisk/index.ts';
import { createCkdImage } from '../../devices/dasd/ckd-image.ts';
import { SavedSystemRegistry } from '../nss/registry.ts';
import type { MinidiskLink } from '../vm/virtual-machine.ts';

export interface CpSystemOptions {
  /** The data folder (created when missing). */
  dataDir: string;
  /** IBM's VM/370 R6 CMS material (../shared/vm370r6): used when the system is first generated. */
  r6Folder?: string;
  /** Cold start: recompile the directory from user.direct, rebuild nss/, empty spool/. */
  cold?: boolean;
  /** Largest size of a minidisk image created on the system volume (cylinders; default 5). */
  maxNewMinidiskCylinders?: number;
  /** scrypt parameters for compiling the directory (tests use cheap ones). */
  scrypt?: ScryptParams;
  /** Progress lines ("creating ..."); the CLI decides where they go. */
  log?: (line: string) => void;
}

/** A minidisk as a user gets it at logon, or why it could not be. */
export type MinidiskResolution = { ok: true; link: MinidiskLink } | { ok: false; message: string };

const SYSTEM_DEVTYPE = '3350';

export class CpSystem {
  readonly dataDir: string;
  readonly config: SystemConfig;
  readonly directory: CompiledDirectory;
  readonly savedSystems: SavedSystemRegistry;
  /** What the start did (generated, formatted ...), for the log. */
  readonly notes: string[] = [];
  private readonly systemVolser: string;

  private constructor(dataDir: string, config: SystemConfig, directory: CompiledDirectory, savedSystems: SavedSystemRegistry) {
    this.dataDir = dataDir;
    this.config = config;
    this.directory = directory;
    this.savedSystems = savedSystems;
    this.systemVolser = directory.location.volser;
  }

  /** Loads the data folder, or creates the default system in it on first start. */
  static open(options: CpSystemOptions): CpSystem {
    const dataDir = resolve(options.dataDir);
    const log = options.log ?? (() => undefined);
    mkdirSync(join(dataDir, 'dasd'), { recursive: true });
    mkdirSync(join(dataDir, 'spool'), { recursive: true });
    const configFile = join(dataDir, CONFIG_FILE);
    const notes: string[] = [];
    let fresh = false;
    if (!existsSync(configFile)) {
      fresh = true;
      if (options.r6Folder !== undefined && !existsSync(join(options.r6Folder, 'CMS.segment'))) {
        throw new Error(`${options.r6Folder}: no CMS.segment there (is it the VM/370 R6 folder?)`);
      }
      const generated = generateDefaultSystem({
        dataDir,
        r6: options.r6Folder !== undefined ? { folder: resolve(options.r6Folder) } : undefined,
      });
      writeFileSync(generated.files.config, generated.configJson);
      writeFileSync(generated.files.userDirect, generated.userDirect);
      notes.push(`created the default system in ${dataDir}`, ...generated.notes);
      log(`vm370: created the default system in ${dataDir}`);
    } else if (options.r6Folder !== undefined) {
      notes.push(`--r6 is used when the system is first created; ${dataDir} already has one (start with a new --data folder)`);
    }
    const parsed = parseSystemConfig(readFileSync(configFile, 'utf8'));
    if (!parsed.ok) throw new Error(`${configFile}: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    const config = parsed.config;
    const compiledFile = join(dataDir, config.directory.compiled);
    if (fresh || options.cold || !existsSync(compiledFile)) {
      const sourceFile = join(dataDir, config.directory.source);
      const result = parseUserDirect(readFileSync(sourceFile, 'utf8'), {
        volumes: volumesOf(config),
      });
      if (!result.ok || !result.directory) {
        const first = result.diagnostics.find((d) => d.severity === 'error');
        throw new Error(`${sourceFile} line ${first?.line}: ${first?.message}`);
      }
      writeFileSync(compiledFile, compiledToJson(compileDirectory(result.directory, { scrypt: options.scrypt })));
      notes.push(`compiled ${config.directory.source} into ${config.directory.compiled}`);
    }
    const directory = readCompiledDirectory(readFileSync(compiledFile, 'utf8'));
    const nssDir = join(dataDir, 'nss');
    if (fresh || options.cold || !existsSync(nssDir)) {
      rmSync(nssDir, { recursive: true, force: true });
      mkdirSync(nssDir, { recursive: true });
      buildSavedSystems(dataDir, config, nssDir, notes);
    }
    if (options.cold) {
      rmSync(join(dataDir, 'spool'), { recursive: true, force: true });
      mkdirSync(join(dataDir, 'spool'), { recursive: true });
      notes.push('cold start: spool emptied');
    }
    const system = new CpSystem(dataDir, config, directory, SavedSystemRegistry.fromFolder(nssDir));
    system.notes.push(...notes);
    if (fresh) system.createSystemMinidisks(options.maxNewMinidiskCylinders ?? 5, log);
    return system;
  }

  user(userid: string): CompiledUser | undefined {
    return findUser(this.directory, userid);
  }

  /** LOGON's password check. Unknown users are 'unknown'. */
  checkLogon(userid: string, password: string): LogonCheck | 'unknown' {
    const user = this.user(userid);
    if (user === undefined) return 'unknown';
    return checkLogonPassword(user.logon, password);
  }

  /** The image a minidisk on the system volume lives in (one small image per minidisk). */
  systemMinidiskImage(userid: string, vaddr: number): string {
    return join(this.dataDir, 'dasd', `${userid.toLowerCase()}-${vaddr.toString(16).padStart(3, '0')}.${SYSTEM_DEVTYPE}`);
  }

  /**
   * The minidisks a user gets at logon: its own MDISKs and its LINKs, as links for the virtual
   * machine. R6 images (.ckd.gz) are gunzipped into DATA/dasd on first use.
   */
  minidisksFor(user: CompiledUser): MinidiskResolution[] {
    const out: MinidiskResolution[] = [];
    for (const m of user.mdisks) out.push(this.resolveMinidisk(user.userid, m.vaddr, m.vaddr, m.mode.mode.startsWith('R')));
    for (const l of user.links) {
      if (out.some((r) => r.ok && r.link.address === l.vaddr)) continue;
      out.push(this.resolveMinidisk(l.owner, l.ownerVaddr, l.vaddr, l.mode.mode.startsWith('R')));
    }
    return out;
  }

  private resolveMinidisk(owner: string, ownerVaddr: number, vaddr: number, readOnly: boolean): MinidiskResolution {
    const cuu = ownerVaddr.toString(16).toUpperCase().padStart(3, '0');
    const ownerEntry = this.user(owner);
    const mdisk = ownerEntry?.mdisks.find((m) => m.vaddr === ownerVaddr);
    if (mdisk === undefined || mdisk.extent.kind !== 'permanent') {
      return { ok: false, message: `DMKLNK105E ${owner} ${cuu} NOT DEFINED` };
    }
    const extent = mdisk.extent;
    if (extent.volser === this.systemVolser) {
      const image = this.systemMinidiskImage(owner, ownerVaddr);
      if (!existsSync(image)) return { ok: false, message: `DMKLNK108E ${owner} ${cuu} NOT LINKED; VOLID ${extent.volser} NOT MOUNTED` };
      return { ok: true, link: { address: vaddr, image, readOnly, volser: extent.volser } };
    }
    const volume = this.config.dasd.find((d) => d.volser === extent.volser);
    if (volume === undefined) return { ok: false, message: `DMKLNK108E ${owner} ${cuu} NOT LINKED; VOLID ${extent.volser} NOT MOUNTED` };
    let image = resolve(this.dataDir, volume.image);
    if (image.endsWith('.gz')) {
      const target = join(this.dataDir, 'dasd', basename(image, '.gz'));
      if (!existsSync(target)) {
        if (!existsSync(image)) return { ok: false, message: `DMKLNK108E ${owner} ${cuu} NOT LINKED; VOLID ${extent.volser} NOT MOUNTED` };
        writeFileSync(target, gunzipSync(readFileSync(image)));
      }
      image = target;
    }
    if (!existsSync(image)) return { ok: false, message: `DMKLNK108E ${owner} ${cuu} NOT LINKED; VOLID ${extent.volser} NOT MOUNTED` };
    return { ok: true, link: { address: vaddr, image, start: extent.startCylinder, cylinders: extent.cylinders, readOnly, volser: extent.volser } };
  }

  /** First start: each user's 191 on the system volume, created and CMS-formatted (small). */
  private createSystemMinidisks(maxCylinders: number, log: (line: string) => void): void {
    for (const user of this.directory.users) {
      for (const m of user.mdisks) {
        if (m.vaddr !== 0x191 || m.extent.kind !== 'permanent' || m.extent.volser !== this.systemVolser) continue;
        const image = this.systemMinidiskImage(user.userid, m.vaddr);
        if (existsSync(image)) continue;
        const cylinders = Math.max(1, Math.min(m.extent.cylinders, maxCylinders));
        createCkdImage(image, SYSTEM_DEVTYPE, cylinders);
        formatImage(image, { label: `${user.userid.slice(0, 3)}191`, cylinders });
        this.notes.push(`created and formatted ${user.userid} 191 (${cylinders} cylinders) in ${image}`);
        log(`vm370: formatted ${user.userid} 191 (${cylinders} cylinders)`);
      }
    }
  }
}

/** Copies the configuration's saved systems into nss/ with a manifest saying where they load. */
function buildSavedSystems(dataDir: string, config: SystemConfig, nssDir: string, notes: string[]): void {
  const manifest: Array<{ name: string; address: string; ipl: boolean }> = [];
  for (const s of config.savedSystems) {
    const segment = s.segments[0];
    if (segment === undefined) continue;
    const source = resolve(dataDir, segment.file);
    if (!existsSync(source)) {
      notes.push(`saved system ${s.name}: ${source} is missing`);
      continue;
    }
    copyFileSync(source, join(nssDir, `${s.name}.segment`));
    manifest.push({ name: s.name, address: segment.loadAddress.toString(16).toUpperCase(), ipl: s.ipl !== undefined });
  }
  writeFileSync(join(nssDir, 'saved-systems.json'), JSON.stringify(manifest, null, 2) + '\n');
}
