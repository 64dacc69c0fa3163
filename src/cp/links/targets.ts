// LinkTarget from a directory: the owner's MDISK, or undefined when the user or the disk is not
// there (LINK then answers DMKLNK107E).

import { findMinidisk, findUser, type CompiledDirectory } from '../directory/compile.ts';
import type { Directory } from '../directory/types.ts';
import type { LinkTarget } from './link-rules.ts';

/** From the compiled directory CP runs with (passwords are hashes or ALL). */
export function targetFromCompiled(directory: CompiledDirectory, owner: string, ownerVaddr: number): LinkTarget | undefined {
  const user = findUser(directory, owner);
  const disk = user && findMinidisk(user, ownerVaddr);
  if (!disk) return undefined;
  return {
    kind: disk.extent.kind,
    volser: disk.extent.kind === 'permanent' ? disk.extent.volser : undefined,
    mode: disk.mode,
    passwords: disk.passwords,
  };
}

/** From a parsed USER DIRECT (passwords in clear, as written). */
export function targetFromSource(directory: Directory, owner: string, ownerVaddr: number): LinkTarget | undefined {
  const id = owner.toUpperCase();
  const disk = directory.users.find((u) => u.userid === id)?.mdisks.find((m) => m.vaddr === ownerVaddr);
  if (!disk) return undefined;
  return {
    kind: disk.extent.kind,
    volser: disk.extent.kind === 'permanent' ? disk.extent.volser : undefined,
    mode: disk.mode,
    passwords: disk.passwords,
  };
}
