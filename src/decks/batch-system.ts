// The batch system the deck runner starts: the default system (src/cp/config) with batch users
// BATCH1..BATCHn added to its directory. Each batch user is a CMS virtual machine: IPL CMS, a 191 of
// one cylinder of its own on the system volume (CMS-formatted when the volume is created), and
// links to MAINT's 190 (S: CMS's commands and the BATCH EXEC) and 19D (help). The system volume is
// made big enough for the extra minidisks.
//
// The data folder is prepared once: a folder that already has a system.json is used as it is,
// provided its directory has enough batch users (--data reuses a folder between runs; the spool
// is emptied by the runner's cold start).

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_FILE, generateDefaultSystem, parseSystemConfig, systemConfigToJson, SYSTEM_VOLUME_CYLINDERS } from '../cp/config/index.ts';

/** The batch users' names: BATCH1 ... BATCHn. */
export const batchUserid = (n: number) => `BATCH${n}`;

/** Logon password of the batch users (the runner logs them on itself; nobody types it). */
const BATCH_PASSWORD = 'BATCH';

/** First cylinder of the batch users' 191s: after the default directory's minidisks. */
const FIRST_BATCH_CYLINDER = SYSTEM_VOLUME_CYLINDERS;

/** The most batch users a system may have (each is one cylinder of a 3350). */
export const MAX_BATCH_USERS = 32;

/** A directory entry of a batch user. */
function batchEntry(n: number, volser: string): string {
  const cyl = String(FIRST_BATCH_CYLINDER + n - 1).padStart(3, '0');
  return [
    '',
    `* ${batchUserid(n)}: a batch machine of the deck runner (vm370 deck run).`,
    `USER ${batchUserid(n)} ${BATCH_PASSWORD} 4M 8M G`,
    ' IPL CMS',
    ' CONSOLE 009 3215',
    ' SPOOL 00C 2540 READER *',
    ' SPOOL 00D 2540 PUNCH A',
    ' SPOOL 00E 1403 A',
    ' LINK MAINT 190 190 RR',
    ' LINK MAINT 19D 19D RR',
    ` MDISK   191 3350 ${cyl} 001 ${volser.padEnd(6)} MR`,
  ].join('\n');
}

/** How many batch users a data folder's directory source has (BATCH1 .. BATCHn in a row). */
function batchUsersIn(userDirect: string): number {
  let n = 0;
  while (new RegExp(`^USER\\s+${batchUserid(n + 1)}\\s`, 'm').test(userDirect)) n++;
  return n;
}

/**
 * Makes `dataDir` a system with at least `users` batch users. Returns true when the folder was
 * (re)generated, false when it was already fit. A folder with a system of its own that lacks the
 * batch users is refused (the runner never rewrites someone's directory).
 */
export function prepareBatchSystem(dataDir: string, users: number): boolean {
  if (!Number.isInteger(users) || users < 1 || users > MAX_BATCH_USERS) throw new Error(`batch users: 1 to ${MAX_BATCH_USERS}, not ${users}`);
  const dir = resolve(dataDir);
  const configFile = join(dir, CONFIG_FILE);
  if (existsSync(configFile)) {
    const parsed = parseSystemConfig(readFileSync(configFile, 'utf8'));
    if (!parsed.ok) throw new Error(`${configFile}: not a system configuration`);
    const source = join(dir, parsed.config.directory.source);
    const have = existsSync(source) ? batchUsersIn(readFileSync(source, 'utf8')) : 0;
    if (have >= users) return false;
    throw new Error(`${dir} holds a system with ${have} batch users; the runner needs ${users} (use a new --data folder)`);
  }
  mkdirSync(dir, { recursive: true });
  const generated = generateDefaultSystem({ dataDir: dir });
  const system = generated.config.dasd[0]!;
  // Room for every batch 191 (and the batch users' maximum, so that a later run with more --jobs fits).
  system.cylinders = FIRST_BATCH_CYLINDER + MAX_BATCH_USERS;
  const entries: string[] = [];
  for (let n = 1; n <= MAX_BATCH_USERS; n++) entries.push(batchEntry(n, system.volser));
  writeFileSync(generated.files.config, systemConfigToJson(generated.config));
  writeFileSync(generated.files.userDirect, generated.userDirect + entries.join('\n') + '\n');
  return true;
}
