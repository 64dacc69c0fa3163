// Checks across statements. DMKDIR itself checks little of this ("Neither CP nor the directory
// checks that minidisks ... do not overlap each other", GC20-1801-10); we report what would fail or
// destroy data later: duplicate users and addresses, extents outside their volume (errors),
// overlapping extents, links to disks that do not exist (warnings).

import { dasdType, mdiskDevtypeOf } from './device-types.ts';
import { hex3, type Diagnostic, type Directory, type Minidisk, type UserEntry, type VolumeInfo } from './types.ts';

/** Without ECMODE a virtual machine has channels 0-5 only: addresses up to X'5FF' (CP Command Reference R6, LINK). */
export const MAX_BC_MODE_ADDRESS = 0x5ff;

export function validateDirectory(directory: Directory, volumes?: readonly VolumeInfo[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const volumeMap = volumes ? new Map(volumes.map((v) => [v.volser, v])) : undefined;
  checkLocation(directory, volumeMap, out);
  checkUsers(directory.users, out);
  for (const user of directory.users) checkAddresses(user, out);
  checkExtents(directory.users, volumeMap, out);
  checkOverlaps(directory.users, volumeMap, out);
  checkLinks(directory.users, out);
  return out;
}

function checkLocation(directory: Directory, volumes: Map<string, VolumeInfo> | undefined, out: Diagnostic[]): void {
  const loc = directory.location;
  if (!volumes) return;
  const vol = volumes.get(loc.volser);
  if (!vol) {
    out.push({ line: loc.line, severity: 'warning', statement: 'DIRECTORY', message: `volume ${loc.volser} is not in the system configuration` });
  } else if (mdiskDevtypeOf(vol.devtype) !== loc.devtype) {
    out.push({ line: loc.line, severity: 'error', statement: 'DIRECTORY', message: `volume ${loc.volser} is a ${vol.devtype}, not a ${loc.devtype}` });
  }
}

function checkUsers(users: readonly UserEntry[], out: Diagnostic[]): void {
  const first = new Map<string, UserEntry>();
  for (const u of users) {
    const prev = first.get(u.userid);
    if (prev) out.push({ line: u.line, severity: 'error', statement: 'USER', message: `duplicate user ${u.userid} (first defined on line ${prev.line})` });
    else first.set(u.userid, u);
  }
}

/** Every virtual device of a user, with the statement that defines it. */
function devicesOf(user: UserEntry): Array<{ vaddr: number; line: number; statement: string }> {
  const list: Array<{ vaddr: number; line: number; statement: string }> = [];
  if (user.console) list.push({ vaddr: user.console.vaddr, line: user.console.line, statement: 'CONSOLE' });
  for (const d of user.spool) list.push({ vaddr: d.vaddr, line: d.line, statement: 'SPOOL' });
  for (const d of user.special) list.push({ vaddr: d.vaddr, line: d.line, statement: 'SPECIAL' });
  for (const d of user.dedicate) list.push({ vaddr: d.vaddr, line: d.line, statement: 'DEDICATE' });
  for (const d of user.links) list.push({ vaddr: d.vaddr, line: d.line, statement: 'LINK' });
  for (const d of user.mdisks) list.push({ vaddr: d.vaddr, line: d.line, statement: 'MDISK' });
  return list.sort((a, b) => a.line - b.line);
}

function checkAddresses(user: UserEntry, out: Diagnostic[]): void {
  const seen = new Map<number, { line: number; statement: string }>();
  for (const d of devicesOf(user)) {
    const prev = seen.get(d.vaddr);
    if (prev) {
      out.push({
        line: d.line, severity: 'error', statement: d.statement,
        message: `${user.userid} address ${hex3(d.vaddr)} is already defined by ${prev.statement} on line ${prev.line}`,
      });
    } else seen.set(d.vaddr, d);
    if (d.vaddr > MAX_BC_MODE_ADDRESS && !user.options.ecmode) {
      out.push({
        line: d.line, severity: 'warning', statement: d.statement,
        message: `address ${hex3(d.vaddr)} is above 5FF: ${user.userid} needs OPTION ECMODE to use it`,
      });
    }
  }
}

function checkExtents(users: readonly UserEntry[], volumes: Map<string, VolumeInfo> | undefined, out: Diagnostic[]): void {
  if (!volumes) return; // without a volume table the parser has checked against the device type
  for (const u of users) {
    for (const m of u.mdisks) {
      if (m.extent.kind !== 'permanent') continue;
      const vol = volumes.get(m.extent.volser);
      const where = `${u.userid} ${hex3(m.vaddr)}`;
      if (!vol) {
        out.push({ line: m.line, severity: 'warning', statement: 'MDISK', message: `${where}: volume ${m.extent.volser} is not in the system configuration` });
        continue;
      }
      if (mdiskDevtypeOf(vol.devtype) !== m.devtype) {
        out.push({ line: m.line, severity: 'error', statement: 'MDISK', message: `${where}: volume ${vol.volser} is a ${vol.devtype}, not a ${m.devtype}` });
        continue;
      }
      const end = m.extent.startCylinder + m.extent.cylinders;
      if (end > vol.cylinders) {
        out.push({
          line: m.line, severity: 'error', statement: 'MDISK',
          message: `${where}: cylinders ${m.extent.startCylinder}-${end - 1} are outside volume ${vol.volser} (cylinders 0-${vol.cylinders - 1})`,
        });
      }
    }
  }
}

interface Placed { user: string; disk: Minidisk; start: number; end: number }

/**
 * Overlapping extents on one volume are warnings. A disk that covers a whole volume from cylinder 0
 * (the "pack map" disks MAINT keeps for DDR and formatting) overlaps everything by design and is
 * left out.
 */
function checkOverlaps(users: readonly UserEntry[], volumes: Map<string, VolumeInfo> | undefined, out: Diagnostic[]): void {
  const byVolume = new Map<string, Placed[]>();
  for (const u of users) {
    for (const m of u.mdisks) {
      if (m.extent.kind !== 'permanent') continue;
      const size = volumes?.get(m.extent.volser)?.cylinders ?? dasdType(m.devtype)?.cylinders ?? Infinity;
      const start = m.extent.startCylinder;
      const end = start + m.extent.cylinders;
      if (start === 0 && end >= size) continue;
      const list = byVolume.get(m.extent.volser) ?? [];
      list.push({ user: u.userid, disk: m, start, end });
      byVolume.set(m.extent.volser, list);
    }
  }
  for (const [volser, list] of byVolume) {
    list.sort((a, b) => a.disk.line - b.disk.line);
    for (let i = 0; i < list.length; i++) {
      for (let j = 0; j < i; j++) {
        const a = list[j]!;
        const b = list[i]!;
        if (b.start < a.end && a.start < b.end) {
          const lo = Math.max(a.start, b.start);
          const hi = Math.min(a.end, b.end) - 1;
          out.push({
            line: b.disk.line, severity: 'warning', statement: 'MDISK',
            message: `${b.user} ${hex3(b.disk.vaddr)} overlaps ${a.user} ${hex3(a.disk.vaddr)} (line ${a.disk.line}) on ${volser}, cylinders ${lo}-${hi}`,
          });
        }
      }
    }
  }
}

/** A LINK to a user or disk that is not there only fails at logon (DMKLNK107E); warn now. */
function checkLinks(users: readonly UserEntry[], out: Diagnostic[]): void {
  const byId = new Map(users.map((u) => [u.userid, u]));
  for (const u of users) {
    for (const l of u.links) {
      const owner = byId.get(l.owner);
      const what = `LINK ${l.owner} ${hex3(l.ownerVaddr)}`;
      if (!owner) {
        out.push({ line: l.line, severity: 'warning', statement: 'LINK', message: `${what}: user ${l.owner} is not in the directory` });
        continue;
      }
      const disk = owner.mdisks.find((m) => m.vaddr === l.ownerVaddr);
      if (!disk) {
        const other = owner.links.some((x) => x.vaddr === l.ownerVaddr) || owner.dedicate.some((x) => x.vaddr === l.ownerVaddr);
        out.push({
          line: l.line, severity: 'warning', statement: 'LINK',
          message: `${what}: ${l.owner} has no MDISK ${hex3(l.ownerVaddr)}${other ? ' (a link or dedicated device cannot be linked to)' : ''}`,
        });
      } else if (disk.extent.kind === 'tdisk') {
        out.push({ line: l.line, severity: 'warning', statement: 'LINK', message: `${what}: a T-DISK exists only while its owner is logged on` });
      }
    }
  }
}
