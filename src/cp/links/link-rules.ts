// Whether CP grants a LINK to a minidisk, and with what access. Pure: the caller passes the disk as
// the directory describes it and the links that exist now; the answer is the access granted (or
// none) and the message CP prints. The rules are those of the LINK command (CP Command Reference
// for General Users R6 PLC 17, LINK) and the MDISK statement (GC20-1801-10):
//
//   R   read-only; not done if any other user has the disk in write status
//   RR  read-only, even if another user has it in write status
//   W   write; not done if any other user has it in read or write status
//   WR  write if no other user has it; otherwise read-only (even when another writes)
//   M   write unless another user has write access; otherwise not done
//   MR  write unless another user has write access; otherwise read-only
//   MW  write in all cases
//   …V  any of these with CP's virtual RESERVE/RELEASE (R6 MDISK statement; the access rules are the same)
//
// Passwords: the primary letter picks the password (R read, W write, M multiple). Linking one's own
// disk needs none, nor does a password of ALL, nor a LINK statement in the directory. A LINK from a
// CMS batch job must give a password even for ALL. A disk without the password for a mode cannot
// be linked in that mode by others.

import { clearPasswordsEqual, verifyPassword, type StoredDiskPassword } from '../directory/passwords.ts';
import { PASSWORD_ALL, type MinidiskPasswords, type ModeSpec } from '../directory/types.ts';
import { parseMode } from '../directory/values.ts';
import {
  alreadyDefinedMessage, detachedMessage, deviceDoesNotExistMessage, forcedReadOnlyMessage, invalidLinkDeviceMessage,
  invalidModeMessage, linkedMessage, noPasswordMessage, notInDirectoryMessage, notLinkedInUseMessage,
  passwordIncorrectMessage, passwordPrompt, volumeNotMountedMessage, type AccessText, type CpMessage, type PasswordKind,
} from './link-messages.ts';

export type Access = AccessText;

/** One existing link: `userid` has the owner's disk at its own address `vaddr`. */
export interface LinkRecord {
  userid: string;
  vaddr: number;
  owner: string;
  ownerVaddr: number;
  access: Access;
  mode: ModeSpec;
}

/**
 * A disk password in either form: the clear text of a parsed USER DIRECT, or the stored form of a
 * compiled directory (a hash or ALL).
 */
export type DiskPassword = string | StoredDiskPassword;

/** The disk being linked to, as the owner's directory entry defines it. */
export interface LinkTarget {
  kind: 'permanent' | 'tdisk';
  volser?: string;
  /** The owner's access mode from the MDISK statement (the default mode when the owner links). */
  mode: ModeSpec;
  passwords: MinidiskPasswords<DiskPassword>;
  /** False when the volume is not mounted on the real system (DMKLNK108E). */
  mounted?: boolean;
}

export interface LinkRequest {
  /** Who links. */
  userid: string;
  /** Whose disk, and its address in the owner's directory entry. */
  owner: string;
  ownerVaddr: number;
  /** The address the disk gets in the linker's machine. */
  vaddr: number;
  /** The mode as typed (R, MR, MWV …); omitted means R, or the directory mode for one's own disk. */
  mode?: string;
  password?: string;
  /**
   * 'command': the LINK command; 'directory': a LINK statement or the owner's MDISK at logon
   * (no password is asked for either).
   */
  source: 'command' | 'directory';
  /** A LINK from a CMS batch job: a password is needed even when the disk's is ALL. */
  batch?: boolean;
  /** OPTION LNKNOPAS (VM/370 Community Edition): the linker needs no passwords. */
  noPasswordNeeded?: boolean;
  /** Devices the linker already has, by address, with CP's type name (DASD, PRT …). */
  devicesInUse?: ReadonlyMap<number, string>;
}

export type LinkDecision =
  | {
      outcome: 'linked';
      access: Access;
      mode: ModeSpec;
      /** True when the alternate access (read-only) was given instead of the primary. */
      forced: boolean;
      /** What CP prints; undefined when nobody else has the disk linked. */
      message?: CpMessage;
    }
  | { outcome: 'not-linked'; message: CpMessage }
  /** The command must prompt for the password (the prompt text) and decide again with it. */
  | { outcome: 'password-required'; password: PasswordKind; prompt: string };

const PASSWORD_FOR: Record<ModeSpec['mode'][0], PasswordKind> = { R: 'read', W: 'write', M: 'multi' } as const;

/** `target` is undefined when the owner or the disk is not in the directory. */
export function decideLink(request: LinkRequest, target: LinkTarget | undefined, existing: readonly LinkRecord[]): LinkDecision {
  const { owner: who, ownerVaddr: where } = request;
  if (!target) return { outcome: 'not-linked', message: notInDirectoryMessage(who, where) };
  if (target.kind !== 'permanent') return { outcome: 'not-linked', message: invalidLinkDeviceMessage(who, where) };
  const inUse = request.devicesInUse?.get(request.vaddr);
  if (inUse !== undefined) return { outcome: 'not-linked', message: alreadyDefinedMessage(who, where, inUse, request.vaddr) };

  const ownDisk = request.userid === who;
  let mode: ModeSpec;
  if (request.mode === undefined) {
    mode = ownDisk ? target.mode : { mode: 'R', virtualReserve: false };
  } else {
    const parsed = parseMode(request.mode.toUpperCase());
    if (!parsed.ok) return { outcome: 'not-linked', message: invalidModeMessage() };
    mode = parsed.value;
  }

  const needsPassword = !ownDisk && request.source === 'command' && !request.noPasswordNeeded;
  if (needsPassword) {
    const kind = PASSWORD_FOR[mode.mode[0] as 'R' | 'W' | 'M'];
    const check = checkDiskPassword(target.passwords[kind], request.password, request.batch === true);
    if (check === 'none') return { outcome: 'not-linked', message: noPasswordMessage(who, where, kind) };
    if (check === 'ask') return { outcome: 'password-required', password: kind, prompt: passwordPrompt(kind) };
    if (check === 'wrong') return { outcome: 'not-linked', message: passwordIncorrectMessage(who, where) };
  }

  if (target.mounted === false) return { outcome: 'not-linked', message: volumeNotMountedMessage(who, where, target.volser ?? '??????') };

  const { readWrite, readOnly } = othersSharing(existing, who, where, request.userid);
  return applyModeRules(request.vaddr, who, where, mode, readWrite, readOnly);
}

/** The access rules alone: what `mode` gets given the other users' links (R/W holders, R/O holders). */
export function applyModeRules(
  vaddr: number, owner: string, ownerVaddr: number, mode: ModeSpec, readWrite: readonly string[], readOnly: readonly string[],
): LinkDecision {
  const writers = readWrite.length > 0;
  const anyone = writers || readOnly.length > 0;
  const grant = (access: Access): LinkDecision => ({
    outcome: 'linked', access, mode, forced: false, message: anyone ? linkedMessage(vaddr, access, readWrite, readOnly) : undefined,
  });
  const forced = (): LinkDecision => ({
    outcome: 'linked', access: 'R/O', mode, forced: true, message: forcedReadOnlyMessage(vaddr, readWrite, readOnly),
  });
  const refuse = (): LinkDecision => ({ outcome: 'not-linked', message: notLinkedInUseMessage(owner, ownerVaddr, readWrite, readOnly) });
  switch (mode.mode) {
    case 'R': return writers ? refuse() : grant('R/O');
    case 'RR': return grant('R/O');
    case 'W': return anyone ? refuse() : grant('R/W');
    case 'WR': return anyone ? forced() : grant('R/W');
    case 'M': return writers ? refuse() : grant('R/W');
    case 'MR': return writers ? forced() : grant('R/W');
    case 'MW': return grant('R/W');
  }
}

/** The users other than `self` linked to the disk, split by access (each user once, R/W winning). */
export function othersSharing(existing: readonly LinkRecord[], owner: string, ownerVaddr: number, self: string) {
  const rw = new Set<string>();
  const ro = new Set<string>();
  for (const l of existing) {
    if (l.owner !== owner || l.ownerVaddr !== ownerVaddr || l.userid === self) continue;
    (l.access === 'R/W' ? rw : ro).add(l.userid);
  }
  for (const u of rw) ro.delete(u);
  return { readWrite: [...rw], readOnly: [...ro] };
}

type PasswordCheck = 'ok' | 'none' | 'ask' | 'wrong';

function checkDiskPassword(stored: DiskPassword | undefined, supplied: string | undefined, batch: boolean): PasswordCheck {
  if (stored === undefined) return 'none';
  const isAll = typeof stored === 'string' ? stored.toUpperCase() === PASSWORD_ALL : stored.kind === 'all';
  if (isAll) {
    if (!batch) return 'ok';
    return supplied === undefined || supplied === '' ? 'wrong' : 'ok';
  }
  if (supplied === undefined) return 'ask';
  const match = typeof stored === 'string' ? clearPasswordsEqual(stored, supplied) : stored.kind === 'scrypt' && verifyPassword(stored, supplied);
  return match ? 'ok' : 'wrong';
}

/** The link list after a granted decision. */
export function addLink(links: readonly LinkRecord[], request: LinkRequest, decision: LinkDecision): LinkRecord[] {
  if (decision.outcome !== 'linked') return [...links];
  return [
    ...links,
    { userid: request.userid, vaddr: request.vaddr, owner: request.owner, ownerVaddr: request.ownerVaddr, access: decision.access, mode: decision.mode },
  ];
}

export type DetachResult =
  | { ok: true; links: LinkRecord[]; removed: LinkRecord; message: CpMessage }
  | { ok: false; links: LinkRecord[]; message: CpMessage };

/** DETACH vaddr of a linked disk: the link is dropped, which may free the disk for others' write links. */
export function detachLink(links: readonly LinkRecord[], userid: string, vaddr: number): DetachResult {
  const index = links.findIndex((l) => l.userid === userid && l.vaddr === vaddr);
  if (index < 0) return { ok: false, links: [...links], message: deviceDoesNotExistMessage(vaddr) };
  return { ok: true, links: links.filter((_, i) => i !== index), removed: links[index]!, message: detachedMessage(vaddr) };
}

/** Every link of a user, dropped at LOGOFF. */
export function detachAllLinks(links: readonly LinkRecord[], userid: string): LinkRecord[] {
  return links.filter((l) => l.userid !== userid);
}
