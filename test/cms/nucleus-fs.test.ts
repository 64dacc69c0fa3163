// The whole cms/ tree: the command loop linked with the file system (FSCMDS, DMSFSINI), IPLed with
// a blank CMS 191 disk. What the file system commands print is tested with the file system; here:
// the nucleus reaches them, and SET/QUERY pass on what they do not know.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CmsBuild } from '../../src/cms/index.ts';
import { formatImage } from '../../src/cp/cmsdisk/index.ts';
import type { ConsoleSession } from '../../src/cp/vm/session.ts';
import { buildOurCms, ourCmsSession } from './helpers.ts';

describe('our CMS with its file system', () => {
  let build: CmsBuild;
  let session: ConsoleSession;
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'vm370-cms-fs-'));
    const image = join(folder, 'cmsuser-191.ckd');
    formatImage(image, { label: 'CMS191', type: '3350', cylinders: 5 });
    build = buildOurCms();
    session = ourCmsSession(build, { storage: '2M', minidisks: [{ address: '191', image, mode: 'W' }] });
  });
  afterAll(() => {
    session.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('every external reference of the nucleus is resolved; DMSFSINI is linked', () => {
    expect(build.unresolved).toEqual([]);
    expect(build.symbols.get('DMSFSINI')).toBeGreaterThan(0);
  });

  it('IPL: the banner, then VM READ', () => {
    expect(session.runUntilRead()).toEqual(['CMS VERSION 6.0 VM370 - 01/01/26 00:00']);
    expect(session.consoleStatus).toBe('VM READ');
  });

  it('a file system command from FSCMDS runs: STATE of a missing file, R(00028)', () => {
    const out = session.type('STATE NOSUCH FILE A');
    expect(out[0]).toMatch(/^DMSSTT002E /);
    expect(out.at(-1)).toMatch(/^R\(00028\); T=/);
  });

  it('QUERY IMPCP is the nucleus\'s; QUERY DISK goes on to the file system\'s QUERY', () => {
    expect(session.type('QUERY IMPCP')).toEqual(['IMPCP = ON', expect.stringMatching(/^R; /)]);
    const out = session.type('QUERY DISK');
    expect(out.at(-1)).toMatch(/^R; /);
    expect(out.join('\n')).toMatch(/191/);
  });
});
