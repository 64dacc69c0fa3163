// The CP system: what a real VM/370 keeps on its system residence volume (DMKSYS, DMKSNT, the
// object directory) kept in a data folder instead.
//
//   DATA/system.json         the system configuration (src/cp/config)
//   DATA/user.direct         the USER DIRECT source the administrator edits
//   DATA/directory.json      the compiled directory: passwords as salted scrypt hashes
//   DATA/dasd/               the real DASD volumes (Hercules CKD images): vmsres.3350, the system
//                            volume every minidisk of the default directory is an extent of, and
//                            R6 images gunzipped on first use (each a volume of its own)
//   DATA/nss/                saved systems (NAME.segment and saved-systems.json)
//   DATA/spool/              spool (emptied by a cold start)
//   DATA/tdisk/              temporary disks of logged-on users (emptied at every start)
//
// On first start the default system (src/cp/config/default-system.ts) is generated, the directory
// compiled, the system volume created with as many cylinders as the configuration gives it, and
// every minidisk on it CMS-formatted in place (MAINT 190, 19D, 19E and each user's 191). A system
// volume whose image is missing is created the same way at any start; one with fewer cylinders
// than the configuration says is extended.
//
// Minidisks are extents of these volumes (VM/370 Planning and System Generation Guide,
// "Minidisks"): each volume is opened once (volumes.ts) and shared by every virtual machine with a
// minidisk on it. Links are granted by the LINK rules (src/cp/links) against the links every
// logged-on user holds, which the system keeps in `links`; the directory's MDISK and LINK
// statements at logon and the LINK command go through the same code (link()).

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateDefaultSystem, parseSystemConfig, volumesOf, CONFIG_FILE, type DasdVolume, type SystemConfig } from '../config/index.ts';
import {
  checkLogonPassword, compileDirectory, compiledToJson, findUser, parseUserDirect, readCompiledDirectory,
  type CompiledDirectory, type CompiledUser, type LogonCheck, type ScryptParams,
} from '../directory/index.ts';
import { formatExtent, writeFiles, type FileToWrite, type Fst } from '../cmsdisk/index.ts';
import { CkdImage, createCkdImage, extendCkdImage } from '../../devices/dasd/ckd-image.ts';
import { ckdType, type CkdType } from '../../devices/dasd/geometry.ts';
import { SavedSystemRegistry } from '../nss/registry.ts';
import type { MinidiskLink } from '../vm/virtual-machine.ts';
import {
  decideLink, formatCpMessage, LinkRegistry, targetFromCompiled, volumeNotMountedMessage,
  type CpMessage, type LinkRequest, type LinkTarget,
} from '../links/index.ts';
import { copyImageIntoExtent, VolumeSet } from './volumes.ts';
import { createTemporaryDisk } from './tdisk.ts';

export interface CpSystemOptions {
  /**
   * Called at every start with the saved-systems folder (DATA/nss), before CP reads it: a place to
   * install saved systems that are built rather than copied (the CLI installs our CMS here). Returns
   * notes for the log.
   */
  savedSystems?: (nssDir: string) => string[];
  /**
   * Files that belong on MAINT's system disks (190 S, 19D help): written at start into those
   * minidisks when they are on the system volume and the files changed since the last start.
   */
  systemFiles?: () => ReadonlyArray<FileToWrite & { vaddr: number }>;
  /** The data folder (created when missing). */
  dataDir: string;
  /** IBM's VM/370 R6 CMS material (../shared/vm370r6): used when the system is first generated. */
  r6Folder?: string;
  /** Cold start: recompile the directory from user.direct, rebuild nss/, empty spool/. */
  cold?: boolean;
  /** No longer used: minidisks are extents of the system volume, sized by the directory. */
  maxNewMinidiskCylinders?: number;
  /** scrypt parameters for compiling the directory (tests use cheap ones). */
  scrypt?: ScryptParams;
  /** Progress lines ("creating ..."); the CLI decides where they go. */
  log?: (line: string) => void;
}

/**
 * A minidisk as a user gets it at logon, or why it could not be. `message` is what CP tells the
 * user about a granted link (DASD 190 LINKED R/O; R/W BY MAINT, or a FORCED R/O warning).
 */
export type MinidiskResolution = { ok: true; link: MinidiskLink; message?: string } | { ok: false; message: string };

/** What a LINK (command or directory) comes to. */
export type LinkOutcome =
  | { outcome: 'linked'; link: MinidiskLink; message?: CpMessage }
  | { outcome: 'not-linked'; message: CpMessage }
  | { outcome: 'password-required'; prompt: string };

/** Where a minidisk lives: the volume image and the extent on it (for cmsdisk and the CMS build). */
export interface MinidiskExtentInfo {
  /** The volume's image file. */
  image: string;
  volser: string;
  /** The device type of the volume (3330, 3350). */
  type: CkdType;
  /** First cylinder on the volume, and the number of cylinders. */
  start: number;
  cylinders: number;
}

/** A real DASD volume ATTACHed to a user (class B ATTACH). */
export interface Attachment {
  userid: string;
  vaddr: number;
}

export class CpSystem {
  readonly dataDir: string;
  readonly config: SystemConfig;
  readonly directory: CompiledDirectory;
  readonly savedSystems: SavedSystemRegistry;
  /** The real DASD volumes, each open once and shared. */
  readonly volumes: VolumeSet;
  /** The links every logged-on user holds now. */
  readonly links = new LinkRegistry();
  /** Real volumes ATTACHed to users, by real address. */
  readonly attached = new Map<number, Attachment>();
  /** What the start did (generated, formatted ...), for the log. */
  readonly notes: string[] = [];
  /** Where T-disk images go. */
  readonly tdiskFolder: string;
  private readonly systemVolser: string;

  private constructor(dataDir: string, config: SystemConfig, directory: CompiledDirectory, savedSystems: SavedSystemRegistry) {
    this.dataDir = dataDir;
    this.config = config;
    this.directory = directory;
    this.savedSystems = savedSystems;
    this.systemVolser = directory.location.volser;
    this.volumes = new VolumeSet(dataDir, config);
    this.tdiskFolder = join(dataDir, 'tdisk');
  }

  /** Loads the data folder, or creates the default system in it on first start. */
  static open(options: CpSystemOptions): CpSystem {
    const dataDir = resolve(options.dataDir);
    const log = options.log ?? (() => undefined);
    mkdirSync(join(dataDir, 'dasd'), { recursive: true });
    mkdirSync(join(dataDir, 'spool'), { recursive: true });
    rmSync(join(dataDir, 'tdisk'), { recursive: true, force: true });
    mkdirSync(join(dataDir, 'tdisk'), { recursive: true });
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
      notes.push(
        `created the default system in ${dataDir}`,
        // With a saved-systems hook the CMS comes from the caller (our CMS), not from the configuration.
        ...generated.notes.filter((n) => options.savedSystems === undefined || !n.startsWith('no saved system CMS')),
      );
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
    // Saved systems the caller supplies (our CMS, built from cms/ when its sources changed).
    if (options.savedSystems) {
      for (const note of options.savedSystems(nssDir)) {
        notes.push(note);
        log(`vm370: ${note}`);
      }
    }
    const system = new CpSystem(dataDir, config, directory, SavedSystemRegistry.fromFolder(nssDir));
    system.notes.push(...notes);
    system.prepareSystemVolume(log);
    if (options.systemFiles) {
      let files: ReadonlyArray<FileToWrite & { vaddr: number }> | null = null;
      try {
        files = options.systemFiles();
      } catch (e) {
        const note = `the system files could not be made: ${e instanceof Error ? e.message : String(e)}`;
        system.notes.push(note);
        log(`vm370: ${note}`);
      }
      if (files) system.installSystemFiles(files, log);
    }
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

  /** The system residence volume (the directory's DIRECTORY statement names it). */
  systemVolume(): DasdVolume | undefined {
    return this.volumes.volume(this.systemVolser);
  }

  /**
   * Where a user's minidisk lives: the volume image and the extent (e.g. to write files into
   * MAINT 190 with src/cp/cmsdisk before users log on). Undefined when the user has no such
   * permanent minidisk or its volume is not in the configuration.
   */
  minidiskExtent(userid: string, vaddr: number): MinidiskExtentInfo | undefined {
    const mdisk = this.user(userid)?.mdisks.find((m) => m.vaddr === vaddr);
    if (mdisk === undefined || mdisk.extent.kind !== 'permanent') return undefined;
    const volume = this.volumes.volume(mdisk.extent.volser);
    if (volume === undefined) return undefined;
    return {
      image: this.volumes.imagePath(volume),
      volser: volume.volser,
      type: ckdType(volume.type),
      start: mdisk.extent.startCylinder,
      cylinders: mdisk.extent.cylinders,
    };
  }

  /**
   * Writes CMS files into a user's minidisk from the host (the CMS build fills MAINT 190 and 19D
   * this way), all of them or none. The volume must not be in use by virtual machines yet: the
   * update replaces the image file, which an open volume would not see.
   */
  writeMinidiskFiles(userid: string, vaddr: number, files: readonly FileToWrite[]): Fst[] {
    const extent = this.minidiskExtent(userid, vaddr);
    if (extent === undefined) throw new Error(`${userid.toUpperCase()} ${hex3(vaddr)} is not a minidisk on a volume of this system`);
    if (this.volumes.openVolumes().has(extent.volser)) {
      throw new Error(`volume ${extent.volser} is in use by virtual machines: write into its minidisks before users log on`);
    }
    return writeFiles(extent.image, files, { extent });
  }

  /**
   * The minidisks a user gets at logon: its own MDISKs and its LINKs, granted by the LINK rules
   * against the other users' links and recorded as links of this user.
   */
  minidisksFor(user: CompiledUser): MinidiskResolution[] {
    // A new logon: nothing of an earlier session of this user can still hold a link.
    this.links.dropUser(user.userid);
    const out: MinidiskResolution[] = [];
    const taken = new Set<number>();
    const add = (vaddr: number, outcome: LinkOutcome) => {
      if (outcome.outcome === 'linked') {
        taken.add(vaddr);
        out.push({ ok: true, link: outcome.link, message: outcome.message && formatCpMessage(outcome.message) });
      } else if (outcome.outcome === 'not-linked') out.push({ ok: false, message: formatCpMessage(outcome.message) });
    };
    for (const m of user.mdisks) {
      if (m.extent.kind === 'tdisk') {
        add(m.vaddr, this.temporaryDisk(user.userid, m.vaddr, m.devtype, m.extent.cylinders));
        continue;
      }
      add(m.vaddr, this.link({ userid: user.userid, owner: user.userid, ownerVaddr: m.vaddr, vaddr: m.vaddr, source: 'directory' }));
    }
    for (const l of user.links) {
      if (taken.has(l.vaddr) || user.mdisks.some((m) => m.vaddr === l.vaddr)) continue;
      const mode = l.mode.mode + (l.mode.virtualReserve ? 'V' : '');
      add(l.vaddr, this.link({ userid: user.userid, owner: l.owner, ownerVaddr: l.ownerVaddr, vaddr: l.vaddr, mode, source: 'directory' }));
    }
    return out;
  }

  /**
   * LINK: the rules applied to the links held now; a granted link is recorded and comes back as
   * the MinidiskLink to attach (closing the device lets go of the link). The caller attaches it,
   * or calls link.onClose() when it does not.
   */
  link(request: LinkRequest): LinkOutcome {
    const userid = request.userid.toUpperCase();
    const owner = request.owner.toUpperCase();
    const req: LinkRequest = { ...request, userid, owner };
    const found = targetFromCompiled(this.directory, owner, req.ownerVaddr);
    // A volume ATTACHed to a user is not the system's: its minidisks are not mounted meanwhile.
    const mounted = (volser: string) => this.volumes.mounted(volser) && ![...this.attached.keys()].some((a) => this.volumes.atAddress(a)?.volser === volser);
    const target: LinkTarget | undefined = found && { ...found, mounted: found.volser === undefined || mounted(found.volser) };
    const decision = decideLink(req, target, this.links.list());
    if (decision.outcome === 'password-required') return { outcome: 'password-required', prompt: decision.prompt };
    if (decision.outcome === 'not-linked') return decision;
    const mdisk = this.user(owner)!.mdisks.find((m) => m.vaddr === req.ownerVaddr)!;
    if (mdisk.extent.kind !== 'permanent') return { outcome: 'not-linked', message: volumeNotMountedMessage(owner, req.ownerVaddr, '??????') };
    const extent = mdisk.extent;
    const volume = this.volumes.get(extent.volser);
    if (typeof volume === 'string' || extent.startCylinder + extent.cylinders > volume.cylinders) {
      return { outcome: 'not-linked', message: volumeNotMountedMessage(owner, req.ownerVaddr, extent.volser) };
    }
    const release = this.links.add({
      userid, vaddr: req.vaddr, owner, ownerVaddr: req.ownerVaddr, access: decision.access, mode: decision.mode,
    });
    return {
      outcome: 'linked',
      message: decision.message,
      link: {
        address: req.vaddr,
        image: volume.path,
        volume,
        start: extent.startCylinder,
        cylinders: extent.cylinders,
        readOnly: decision.access === 'R/O',
        volser: extent.volser,
        onClose: release,
      },
    };
  }

  /** A T-disk (DEFINE Tnnnn, or an MDISK T-DISK at logon): an image of its own, gone at DETACH/LOGOFF. */
  temporaryDisk(userid: string, vaddr: number, devtype: string, cylinders: number): LinkOutcome {
    try {
      const type = ckdType(devtype.toUpperCase().replace(/^T/, ''));
      return { outcome: 'linked', link: createTemporaryDisk(type, cylinders, vaddr, { folder: this.tdiskFolder, userid }) };
    } catch {
      // [mem] DMKDEF091E: R6's answer when CP's T-disk space cannot give the cylinders.
      return { outcome: 'not-linked', message: { id: 'DMKDEF091E', text: `DASD ${hex3(vaddr)} NOT DEFINED; TEMP SPACE NOT AVAILABLE` } };
    }
  }

  /**
   * Writes files onto MAINT's minidisks on the system volume (the CMS build's S-disk and help
   * files), replacing older copies; a minidisk whose files are unchanged since the last time (a hash
   * in DATA/dasd/maint-VADDR.files) is left alone. Minidisks elsewhere (IBM's R6 19D) are never touched.
   */
  installSystemFiles(files: ReadonlyArray<FileToWrite & { vaddr: number }>, log: (line: string) => void = () => undefined): void {
    const byDisk = new Map<number, FileToWrite[]>();
    for (const f of files) byDisk.set(f.vaddr, [...(byDisk.get(f.vaddr) ?? []), { fileId: f.fileId, records: f.records, recfm: f.recfm, lrecl: f.lrecl, replace: true, when: f.when }]);
    for (const [vaddr, list] of byDisk) {
      const extent = this.minidiskExtent('MAINT', vaddr);
      if (extent === undefined || extent.volser !== this.systemVolser) continue;
      const hash = createHash('sha256');
      for (const f of list) {
        hash.update(`${f.fileId}\0${f.recfm}${f.lrecl}\0`);
        for (const r of f.records) hash.update(r);
      }
      const digest = hash.digest('hex');
      const stamp = join(this.dataDir, 'dasd', `maint-${hex3(vaddr).toLowerCase()}.files`);
      if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === digest) continue;
      try {
        this.writeMinidiskFiles('MAINT', vaddr, list);
      } catch (e) {
        const note = `MAINT ${hex3(vaddr)}: the system files were not written: ${e instanceof Error ? e.message : String(e)}`;
        this.notes.push(note);
        log(`vm370: ${note}`);
        continue;
      }
      writeFileSync(stamp, `${digest}\n`);
      const note = `wrote ${list.length} system files on MAINT ${hex3(vaddr)}`;
      this.notes.push(note);
      log(`vm370: ${note}`);
    }
  }

  /** Shutdown: the shared volumes are synced and closed. */
  close(): void {
    this.volumes.close();
  }

  /**
   * The system volume: created when its image is missing (every minidisk on it CMS-formatted in
   * place), extended when the configuration gives it more cylinders than the image has.
   */
  private prepareSystemVolume(log: (line: string) => void): void {
    const volume = this.systemVolume();
    if (volume === undefined) return;
    const path = this.volumes.imagePath(volume);
    if (existsSync(path)) {
      const added = extendCkdImage(path, volume.cylinders);
      if (added > 0) this.notes.push(`extended ${volume.volser} by ${added} cylinders to ${volume.cylinders}`);
      return;
    }
    createCkdImage(path, ckdType(volume.type), volume.cylinders, { volser: volume.volser });
    this.notes.push(`created ${volume.volser} (${volume.type}, ${volume.cylinders} cylinders) in ${path}`);
    log(`vm370: created the system volume ${volume.volser} (${volume.cylinders} cylinders)`);
    for (const user of this.directory.users) {
      for (const m of user.mdisks) {
        if (m.extent.kind !== 'permanent' || m.extent.volser !== volume.volser) continue;
        const { startCylinder: start, cylinders } = m.extent;
        const where = `${user.userid} ${hex3(m.vaddr)} (cylinders ${start}-${start + cylinders - 1} of ${volume.volser})`;
        if (this.migrateMinidiskImage(path, user.userid, m.vaddr, start, cylinders)) {
          this.notes.push(`copied the old image of ${where}`);
          continue;
        }
        const label = user.userid === 'MAINT' && m.vaddr !== 0x191 ? `CMS${hex3(m.vaddr)}` : `${user.userid.slice(0, 3)}${hex3(m.vaddr)}`;
        formatExtent(path, { start, cylinders }, label, { inPlace: true });
        this.notes.push(`formatted ${where}`);
      }
    }
    log(`vm370: formatted the minidisks on ${volume.volser}`);
  }

  /**
   * A data folder from before minidisks were extents kept each minidisk of the system volume in an
   * image of its own (dasd/userid-vaddr.3350): its tracks are copied into the new extent so that
   * the user's files stay. The old image is left where it was.
   */
  private migrateMinidiskImage(volumePath: string, userid: string, vaddr: number, start: number, cylinders: number): boolean {
    const old = join(this.dataDir, 'dasd', `${userid.toLowerCase()}-${vaddr.toString(16).padStart(3, '0')}.3350`);
    if (!existsSync(old)) return false;
    const volume = CkdImage.open(volumePath);
    try {
      return copyImageIntoExtent(old, volume, start, cylinders);
    } catch (e) {
      this.notes.push(`${old} could not be copied into its minidisk: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    } finally {
      volume.close();
    }
  }
}

const hex3 = (n: number) => n.toString(16).toUpperCase().padStart(3, '0');

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
