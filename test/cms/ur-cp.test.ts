// PUNCH to another user and READCARD there, under our CP: GUEST spools the punch to CMSUSER
// (CP SPOOL PUNCH TO), punches a file with our CMS, and CMSUSER, logged on at a second terminal,
// reads it with READCARD * into its own 191 disk, named by the :READ card (a DISK LOAD before
// that fails and leaves the file in the reader, CLOSE 00C HOLD); then the same with
// DISK DUMP and DISK LOAD for a V file.

import { describe, expect, it } from 'vitest';
import { writeCmsBuild } from '../../src/cms/build.ts';
import { listFiles, readFile } from '../../src/cp/cmsdisk/index.ts';
import { CpSystem } from '../../src/cp/system/cp-system.ts';
import { fromEbcdic, toEbcdic } from '../../src/ebcdic/index.ts';
import { LocalTerminal } from '../../src/term/local-terminal.ts';
import { terminalModel } from '../../src/term/models.ts';
import { CHEAP_SCRYPT, enter, outputOf, quiet, startHost, tempDataDir } from '../cp/terminal/helpers.ts';
import { UR_BUILD } from './ur-helpers.ts';
import { moduleFiles } from '../../src/cms/disks.ts';
import type { CmsModule } from '../../src/cms/build.ts';

describe('PUNCH to another user, READCARD there (under CP)', () => {
  it('GUEST: SPOOL PUNCH TO CMSUSER, PUNCH; CMSUSER: READCARD * makes the same file', async () => {
    let modules: CmsModule[] = [];
    const system = CpSystem.open({
      dataDir: tempDataDir(),
      scrypt: CHEAP_SCRYPT,
      savedSystems: (nss) => {
        modules = writeCmsBuild(nss, UR_BUILD).build.modules;
        return [];
      },
      // MAINT 190: the build's MODULE files (COPYFILE).
      systemFiles: () => moduleFiles({ modules }),
    });
    const lines = ['HELLO    CSECT', '         BR    14', '         END'].map((l) => toEbcdic(l.padEnd(80)));
    system.writeMinidiskFiles('GUEST', 0x191, [{ fileId: 'HELLO ASSEMBLE A1', records: lines, recfm: 'F', lrecl: 80 }]);
    const { host, dispatcher, terminal: guest } = startHost(system);
    const cmsuser = new LocalTerminal({ model: terminalModel(3279, 2), address: 0x0c1 });
    host.onConnect(cmsuser);
    const type = async (t: LocalTerminal, text: string) => {
      await enter(t, text);
      await quiet(dispatcher);
    };
    await type(guest, 'LOGON GUEST GUEST');
    await type(guest, '');
    await type(cmsuser, 'LOGON CMSUSER CMSUSER');
    await type(cmsuser, '');
    await type(guest, 'CP SPOOL PUNCH TO CMSUSER');
    await type(guest, 'PUNCH HELLO ASSEMBLE');
    // DISK LOAD stops at the first card, not a DISK DUMP card: the file stays in the reader.
    await type(cmsuser, 'DISK LOAD');
    const first = outputOf(cmsuser).filter((l) => l !== '');
    expect(first.slice(first.lastIndexOf('DISK LOAD') + 1)).toEqual(['DMSDSK078E Invalid card in reader file.', expect.stringMatching(/^R\(00032\); T=/)]);
    await type(cmsuser, 'READCARD *');
    const out = outputOf(cmsuser).filter((l) => l !== '');
    const at = out.lastIndexOf('READCARD *');
    expect(out.slice(at + 1).filter((l) => !/^RDR FILE/.test(l)), [...outputOf(guest), ...out].join('\n')).toEqual([
      expect.stringMatching(/^DMSRDC702I :READ  HELLO    ASSEMBLE A1 \S{6} \d\d\/\d\d\/\d\d  \d\d:\d\d$/),
      expect.stringMatching(/^R; T=/),
    ]);
    // DISK DUMP there, DISK LOAD here: a V file this time.
    await type(guest, 'COPYFILE HELLO ASSEMBLE A HELLO VFILE A (RECFM V TRUNC');
    await type(guest, 'DISK DUMP HELLO VFILE A');
    await type(cmsuser, 'DISK LOAD');
    const more = outputOf(cmsuser).filter((l) => l !== '');
    expect(more.slice(more.lastIndexOf('DISK LOAD') + 1)).toEqual(["FILE 'HELLO VFILE A1' COPIED", expect.stringMatching(/^R; T=/)]);
    await type(guest, 'LOGOFF');
    await type(cmsuser, 'LOGOFF');
    const disk = system.minidiskExtent('CMSUSER', 0x191)!;
    expect(listFiles(disk.image, '* *', { extent: disk }).files.map((f) => `${f.filename} ${f.filetype}`)).toContain('HELLO ASSEMBLE');
    const copy = readFile(disk.image, 'HELLO ASSEMBLE A', { extent: disk });
    expect(copy.records.map((r) => fromEbcdic(r))).toEqual(lines.map((r) => fromEbcdic(r)));
    const vfile = readFile(disk.image, 'HELLO VFILE A', { extent: disk });
    expect(vfile.fst.recfm).toBe('V');
    expect(vfile.records.map((r) => fromEbcdic(r))).toEqual(lines.map((r) => fromEbcdic(r).trimEnd()));
    system.close();
  }, 60_000);
});
