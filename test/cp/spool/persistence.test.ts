// The spool survives a restart of CP on the same data folder (warm start) and a kill of the host
// process at any point of a write; a cold start empties it; damage is reported, never fatal.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpoolManager } from '../../../src/cp/spool/index.ts';
import { cp, punch, readFile, startSite } from './helpers.ts';

/** GUEST punches two files to CMSUSER (ids 1 and 2), who is not logged on; CP is then killed. */
function twoFilesThenKill() {
  const site = startSite();
  const guest = site.logon('GUEST');
  cp(guest.user, 'SPOOL PUN TO CMSUSER');
  punch(guest.user, ['ALPHA 1', 'ALPHA 2']);
  expect(cp(guest.user, 'CLOSE PUN NAME ALPHA DECK').lines).toEqual(['PUN FILE 0001 TO CMSUSER COPY 01 NOHOLD']);
  punch(guest.user, ['BETA']);
  expect(cp(guest.user, 'CLOSE PUN NAME BETA DECK').lines).toEqual(['PUN FILE 0002 TO CMSUSER COPY 01 NOHOLD']);
  site.stop();
  return site.dataDir;
}

const spoolDir = (dataDir: string) => join(dataDir, 'spool');

describe('warm start', () => {
  it('every acknowledged file is still there after CP restarts on the same data folder, in the same order', () => {
    const dataDir = twoFilesThenKill();
    const again = startSite(dataDir);
    const cmsuser = again.logon('CMSUSER');
    expect(cmsuser.terminal.lines).toContain('FILES: 002 RDR, NO PRT, NO PUN');
    expect(cp(cmsuser.user, 'QUERY RDR ALL').lines.slice(1)).toEqual([
      'GUEST    0001 A PUN 000002  01 NONE 01/19 13:10:22  ALPHA    DECK     GUEST',
      'GUEST    0002 A PUN 000001  01 NONE 01/19 13:10:22  BETA     DECK     GUEST',
    ]);
    expect(readFile(cmsuser.user)).toEqual(['ALPHA 1', 'ALPHA 2', 'EOF']);
    expect(again.logs.filter((l) => l.includes('damaged'))).toEqual([]);
  });

  it('ORDER and the next spool id survive a restart', () => {
    const dataDir = twoFilesThenKill();
    const second = startSite(dataDir);
    const cmsuser = second.logon('CMSUSER');
    cp(cmsuser.user, 'ORDER RDR 2');
    second.stop();
    const third = startSite(dataDir);
    const again = third.logon('CMSUSER');
    expect(readFile(again.user)).toEqual(['BETA', 'EOF']);
    cp(again.user, 'SPOOL PUN TO *');
    punch(again.user, ['NEW']);
    expect(cp(again.user, 'CLOSE PUN').lines).toEqual(['PUN FILE 0003 TO CMSUSER COPY 01 NOHOLD']);
  });

  it('a cold start empties the spool', () => {
    const dataDir = twoFilesThenKill();
    const cold = startSite(dataDir, true);
    const cmsuser = cold.logon('CMSUSER');
    expect(cp(cmsuser.user, 'QUERY FILES').lines).toEqual(['FILES: NO RDR, NO PRT, NO PUN']);
  });
});

describe('a kill of the host process in the middle of a write', () => {
  it('a temporary file left behind (the write never finished) is removed; nothing acknowledged is lost', () => {
    const dataDir = twoFilesThenKill();
    // The kill came while file 0003 was being written: its temp file is half there, never renamed.
    writeFileSync(join(spoolDir(dataDir), '0003.spf.tmp'), 'VM370-SPOOL-FILE 1\n{"id":3,"queue"');
    const again = startSite(dataDir);
    expect(again.logs).toContain('spool: removed 0003.spf.tmp, an unfinished write (never acknowledged)');
    expect(readdirSync(spoolDir(dataDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const cmsuser = again.logon('CMSUSER');
    expect(cp(cmsuser.user, 'QUERY FILES').lines).toEqual(['FILES: 002 RDR, NO PRT, NO PUN']);
  });

  it('a file written just before the kill but not yet in the index is taken in', () => {
    const dataDir = twoFilesThenKill();
    const indexFile = join(spoolDir(dataDir), 'index.json');
    const index = JSON.parse(readFileSync(indexFile, 'utf8'));
    index.order = [1];
    index.nextId = 2;
    writeFileSync(indexFile, JSON.stringify(index));
    const again = startSite(dataDir);
    const cmsuser = again.logon('CMSUSER');
    expect(cp(cmsuser.user, 'QUERY FILES').lines).toEqual(['FILES: 002 RDR, NO PRT, NO PUN']);
    // The id of the file found is not given out again.
    cp(cmsuser.user, 'SPOOL PUN TO *');
    punch(cmsuser.user, ['C']);
    expect(cp(cmsuser.user, 'CLOSE PUN').lines).toEqual(['PUN FILE 0003 TO CMSUSER COPY 01 NOHOLD']);
  });
});

describe('damage found at start', () => {
  it('a corrupt spool index is reported, set aside and rebuilt from the spool files; the start goes on', () => {
    const dataDir = twoFilesThenKill();
    writeFileSync(join(spoolDir(dataDir), 'index.json'), '{ this is not json');
    const again = startSite(dataDir);
    expect(again.logs.some((l) => l.startsWith('spool: the spool index is damaged') && l.includes('rebuilt from the spool files'))).toBe(true);
    expect(existsSync(join(spoolDir(dataDir), 'index.json.damaged'))).toBe(true);
    const cmsuser = again.logon('CMSUSER');
    expect(readFile(cmsuser.user)).toEqual(['ALPHA 1', 'ALPHA 2', 'EOF']);
    expect(readFile(cmsuser.user)).toEqual(['BETA', 'EOF']);
  });

  it('a damaged spool file is set aside with a log line naming it; the other files are read', () => {
    const dataDir = twoFilesThenKill();
    const file = join(spoolDir(dataDir), '0001.spf');
    const bytes = readFileSync(file);
    bytes[bytes.length - 5] ^= 0xff;
    writeFileSync(file, bytes);
    const again = startSite(dataDir);
    expect(again.logs).toContain(`spool: spool file 0001 is damaged (data does not match its checksum); set aside as ${file}.damaged`);
    const cmsuser = again.logon('CMSUSER');
    expect(cp(cmsuser.user, 'QUERY RDR ALL').lines.slice(1).map((l) => l.slice(9, 13))).toEqual(['0002']);
  });

  it('spool ids wrap from 9900 to 0001, skipping ids in use (R6 SPOOL usage notes)', () => {
    const dataDir = twoFilesThenKill();
    const indexFile = join(spoolDir(dataDir), 'index.json');
    const index = JSON.parse(readFileSync(indexFile, 'utf8'));
    index.nextId = 9900;
    writeFileSync(indexFile, JSON.stringify(index));
    const again = startSite(dataDir);
    const guest = again.logon('GUEST');
    cp(guest.user, 'SPOOL PUN TO *');
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      punch(guest.user, ['X']);
      ids.push(...cp(guest.user, 'CLOSE PUN').lines);
    }
    expect(ids).toEqual(['PUN FILE 9900 TO GUEST COPY 01 NOHOLD', 'PUN FILE 0003 TO GUEST COPY 01 NOHOLD']);
    expect(again.cp.spool).toBeInstanceOf(SpoolManager);
  });
});
