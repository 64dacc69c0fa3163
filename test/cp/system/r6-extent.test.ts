// IBM's R6 CMS on a minidisk that is an extent of the shared system volume: a file put on GUEST 191
// (cylinders 34-38 of VMSRES) from the host is found by CMS, erased by CMS through CP's CCW
// translation, and the disk read back from the volume is consistent, its neighbours untouched.
import { describe, expect, it } from 'vitest';
import { diskInfo, listFiles, textToRecords } from '../../../src/cp/cmsdisk/index.ts';
import { enter, openSystem, outputOf, quiet, requireR6, startHost } from '../terminal/helpers.ts';

describe('R6 CMS on an extent of VMSRES', () => {
  it('STATE finds a file written into GUEST 191 from the host; ERASE removes it on the volume', async () => {
    const system = openSystem(requireR6());
    const records = textToRecords('one\ntwo\n', { recfm: 'F' }).records;
    system.writeMinidiskFiles('GUEST', 0x191, [
      { fileId: 'KEEP DATA A1', records, recfm: 'F', lrecl: 80 },
      { fileId: 'GONE DATA A1', records, recfm: 'F', lrecl: 80 },
    ]);
    const { dispatcher, terminal } = startHost(system);
    await enter(terminal, 'LOGON GUEST GUEST');
    await quiet(dispatcher);
    await enter(terminal, '');
    await quiet(dispatcher);
    await enter(terminal, 'STATE GONE DATA');
    await quiet(dispatcher);
    await enter(terminal, 'ERASE GONE DATA');
    await quiet(dispatcher);
    await enter(terminal, 'STATE GONE DATA');
    await quiet(dispatcher);
    const out = outputOf(terminal).filter((l) => l !== '');
    const at = out.indexOf('STATE GONE DATA');
    expect(out[at + 1]).toMatch(/^Ready; T=/);
    expect(out.slice(at + 2)).toEqual([
      'ERASE GONE DATA',
      expect.stringMatching(/^Ready; T=/),
      'STATE GONE DATA',
      "DMSSTT002E File 'GONE DATA' not found.",
      expect.stringMatching(/^Ready\(00028\); T=/),
    ]);
    await enter(terminal, 'LOGOFF');
    await quiet(dispatcher);
    const guest = system.minidiskExtent('GUEST', 0x191)!;
    expect(listFiles(guest.image, '* *', { extent: guest }).files.map((f) => `${f.filename} ${f.filetype}`)).toEqual(['KEEP DATA']);
    expect(diskInfo(guest.image, { extent: guest }).warnings).toEqual([]);
    const cmsuser = system.minidiskExtent('MAINT', 0x19e)!;
    expect(diskInfo(cmsuser.image, { extent: cmsuser }).label).toBe('CMS19E');
    system.close();
  }, 60_000);
});
