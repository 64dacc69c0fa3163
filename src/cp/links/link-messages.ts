// CP's answers to LINK and DETACH of a minidisk, as VM/370 R6 words them. With SET EMSG ON CP
// prints the message number (DMKLNKnnnt) before the text; the informational "DASD ... LINKED"
// responses carry no number.
//
// Sources: the unnumbered LINKED responses are real VM/370 Community Edition output
// ("DASD 190 LINKED R/O; R/W BY MAINT; R/O BY 004 USERS", "DASD 19D LINKED R/W; R/O BY OPERATOR");
// DMKLNK107E and DMKLNK110E are the texts emx370 (a CP emulation that runs R6 CMS) answers with;
// DMKVDD040E and "DASD vvv DETACHED" likewise. Texts marked [mem] are from memory of the R6/VM/SP
// message catalogue (DMKLNK1xx carried over to HCPLNK1xx); they are not checked against GC20-1808.

import { hex3 } from '../directory/types.ts';

export type AccessText = 'R/O' | 'R/W';

export interface CpMessage {
  /** 'DMKLNK101W' …; undefined for the unnumbered responses. */
  id?: string;
  text: string;
}

/** The others holding a link: one user by name, several as "nnn USERS" (three digits, as CE prints 004 USERS). */
export function byWhom(userids: readonly string[]): string {
  return userids.length === 1 ? userids[0]! : `${String(userids.length).padStart(3, '0')} USERS`;
}

/** "; R/W BY MAINT; R/O BY 004 USERS" — the R/W holders first, then the R/O ones; empty when none. */
export function sharingSuffix(readWrite: readonly string[], readOnly: readonly string[]): string {
  let s = '';
  if (readWrite.length > 0) s += `; R/W BY ${byWhom(readWrite)}`;
  if (readOnly.length > 0) s += `; R/O BY ${byWhom(readOnly)}`;
  return s;
}

/** The link was made with the access asked for while others share the disk (no number). */
export function linkedMessage(vaddr: number, access: AccessText, readWrite: readonly string[], readOnly: readonly string[]): CpMessage {
  return { text: `DASD ${hex3(vaddr)} LINKED ${access}${sharingSuffix(readWrite, readOnly)}` };
}

/** The link was made read-only because the alternate access had to be used [mem: 101W R/O holders, 102W R/W, 103W both]. */
export function forcedReadOnlyMessage(vaddr: number, readWrite: readonly string[], readOnly: readonly string[]): CpMessage {
  const n = readWrite.length > 0 && readOnly.length > 0 ? 103 : readWrite.length > 0 ? 102 : 101;
  return { id: `DMKLNK${n}W`, text: `DASD ${hex3(vaddr)} FORCED R/O${sharingSuffix(readWrite, readOnly)}` };
}

/** No link because of the others' links [mem: 104E R/O holders, 105E R/W, 106E both]. */
export function notLinkedInUseMessage(owner: string, ownerVaddr: number, readWrite: readonly string[], readOnly: readonly string[]): CpMessage {
  const n = readWrite.length > 0 && readOnly.length > 0 ? 106 : readWrite.length > 0 ? 105 : 104;
  return { id: `DMKLNK${n}E`, text: `${owner} ${hex3(ownerVaddr)} NOT LINKED${sharingSuffix(readWrite, readOnly)}` };
}

export function notInDirectoryMessage(owner: string, ownerVaddr: number): CpMessage {
  return { id: 'DMKLNK107E', text: `${owner} ${hex3(ownerVaddr)} NOT LINKED; NOT IN CP DIRECTORY` };
}

/** [mem] */
export function volumeNotMountedMessage(owner: string, ownerVaddr: number, volser: string): CpMessage {
  return { id: 'DMKLNK108E', text: `${owner} ${hex3(ownerVaddr)} NOT LINKED; VOLID ${volser} NOT MOUNTED` };
}

/** [mem] A T-DISK or a device that is not a minidisk. */
export function invalidLinkDeviceMessage(owner: string, ownerVaddr: number): CpMessage {
  return { id: 'DMKLNK109E', text: `${owner} ${hex3(ownerVaddr)} NOT LINKED; INVALID LINK DEVICE` };
}

/** `type` is the CP name of the device already at the address (DASD, PRT, PUN, RDR, CONS, GRAF …). */
export function alreadyDefinedMessage(owner: string, ownerVaddr: number, type: string, vaddr: number): CpMessage {
  return { id: 'DMKLNK110E', text: `${owner} ${hex3(ownerVaddr)} NOT LINKED; ${type} ${hex3(vaddr)} ALREADY DEFINED` };
}

export type PasswordKind = 'read' | 'write' | 'multi';

/** The minidisk has no password for the mode asked [mem: 111E read, 112E write, 113E multi]. */
export function noPasswordMessage(owner: string, ownerVaddr: number, kind: PasswordKind): CpMessage {
  const n = { read: 111, write: 112, multi: 113 }[kind];
  const word = { read: 'READ', write: 'WRITE', multi: 'MULT' }[kind];
  return { id: `DMKLNK${n}E`, text: `${owner} ${hex3(ownerVaddr)} NOT LINKED; NO ${word} PASSWORD` };
}

/** [mem] */
export function passwordIncorrectMessage(owner: string, ownerVaddr: number): CpMessage {
  return { id: 'DMKLNK114E', text: `${owner} ${hex3(ownerVaddr)} NOT LINKED; MODE OR PASSWORD INCORRECT` };
}

/** [mem: the operand message CP's command scanner gives for a bad mode] */
export function invalidModeMessage(): CpMessage {
  return { id: 'DMKLNK026E', text: 'OPERAND MISSING OR INVALID' };
}

/** The prompt CP issues when LINK needs a password that was not given (CP Command Reference R6, LINK). */
export function passwordPrompt(kind: PasswordKind): string {
  return `ENTER ${{ read: 'READ', write: 'WRITE', multi: 'MULT' }[kind]} PASSWORD:`;
}

export function detachedMessage(vaddr: number): CpMessage {
  return { text: `DASD ${hex3(vaddr)} DETACHED` };
}

export function deviceDoesNotExistMessage(vaddr: number): CpMessage {
  return { id: 'DMKVDD040E', text: `DEV ${hex3(vaddr)} DOES NOT EXIST` };
}

/** "DMKLNK101W DASD 191 FORCED R/O; R/W BY MAINT" as printed with SET EMSG ON. */
export function formatCpMessage(m: CpMessage): string {
  return m.id ? `${m.id} ${m.text}` : m.text;
}
