// systemDiskFiles (src/cms/disks.ts): the files of cms/ that belong on MAINT's 190 (S) and 19D
// (help), as CMS records in EBCDIC, checked before the system creation writes them.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { helpFiles, systemDiskFiles, SystemDiskError } from '../../src/cms/disks.ts';
import { fromEbcdic } from '../../src/ebcdic/index.ts';

describe('systemDiskFiles', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'vm370-sysdisk-'));
    mkdirSync(join(root, 'help'));
    mkdirSync(join(root, 'exec'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('help files go to 19D as V records, one a line, an empty line one blank', () => {
    writeFileSync(join(root, 'help', 'listfile.helpcmd'), 'LISTFILE   CMS command\n\nList files.  \n');
    writeFileSync(join(root, 'help', 'listfile.helpcmd2'), 'Usage Notes:\n');
    writeFileSync(join(root, 'help', 'README.md'), 'not a help file\n');
    const files = systemDiskFiles(root);
    expect(files.map((f) => [f.vaddr, f.fileId, f.recfm, f.lrecl])).toEqual([
      [0x19d, 'LISTFILE HELPCMD U2', 'V', 22],
      [0x19d, 'LISTFILE HELPCMD2 U2', 'V', 12],
    ]);
    expect(files[0]!.records.map((r) => fromEbcdic(r))).toEqual(['LISTFILE   CMS command', ' ', 'List files.']);
  });

  it('EXEC files of cms/exec go to 190 (S), before the help files', () => {
    writeFileSync(join(root, 'exec', 'sysprof.exec'), '&CONTROL OFF\n&EXIT 0\n');
    writeFileSync(join(root, 'help', 'type.helpcmd'), 'TYPE\n');
    expect(systemDiskFiles(root).map((f) => [f.vaddr, f.fileId])).toEqual([
      [0x190, 'SYSPROF EXEC S2'],
      [0x19d, 'TYPE HELPCMD U2'],
    ]);
  });

  it('a help line longer than 79 characters is refused with its file and line', () => {
    writeFileSync(join(root, 'help', 'type.helpcmd'), `TYPE\n${'x'.repeat(80)}\n`);
    expect(() => systemDiskFiles(root)).toThrow(SystemDiskError);
    expect(() => systemDiskFiles(root)).toThrow(/type\.helpcmd:2: line of 80 characters/);
  });

  it('a file name that is no CMS name is refused', () => {
    writeFileSync(join(root, 'help', 'much-too-long.helpcmd'), 'X\n');
    expect(() => helpFiles(root)).toThrow(/not a CMS file name/);
  });

  it('no help or exec folder: no files', () => {
    rmSync(join(root, 'help'), { recursive: true });
    rmSync(join(root, 'exec'), { recursive: true });
    expect(systemDiskFiles(root)).toEqual([]);
  });

  it("the repository's cms/ gives at least one help file for every CMS and CP command of the lists", () => {
    const ids = systemDiskFiles().map((f) => f.fileId);
    expect(ids).toContain('HELP HELPCMD U2');
    expect(ids).toContain('LINK HELPCMD U2');
    expect(ids.filter((i) => i.endsWith(' HELPCMD U2')).length).toBeGreaterThan(70);
  });
});
