// CMS EDIT's display mode on a user's 3270, end to end: CP told to present the consoles as 3270s
// (CpHostOptions.display3270), GUEST logs on at a local 3270 and IPLs our CMS (built from cms/),
// EDIT draws the file in the output area with DIAGNOSE X'58' (CMS User's Guide R6, EDIT on a
// display terminal), subcommands typed in the input area move the view, FILE returns to the
// console's line mode with the Ready message.

import { afterEach, describe, expect, it } from 'vitest';
import { systemDiskFiles } from '../../../src/cms/disks.ts';
import { installOurCms } from '../../../src/cms/install.ts';
import { CpSystem } from '../../../src/cp/system/cp-system.ts';
import type { CpHost } from '../../../src/cp/terminal/cp-host.ts';
import { CHEAP_SCRYPT, enter, outputOf, quiet, startHost, statusOf, tempDataDir } from './helpers.ts';

let current: CpHost | null = null;
afterEach(() => {
  current?.close();
  current = null;
});

/** Rows of the output area (0-based): the file line, the current line, the scale. */
const CURRENT = 11;
const SCALE = 12;

describe('EDIT in display mode on a 3270 console', () => {
  it('draws the file around the current line, LOCATE and DOWN move it, INPUT adds lines, FILE ends it', async () => {
    const system = CpSystem.open({
      dataDir: tempDataDir(),
      scrypt: CHEAP_SCRYPT,
      maxNewMinidiskCylinders: 1,
      savedSystems: (nss) => installOurCms(nss),
      // As the start does: MAINT 190 with the MODULE files (EDIT MODULE).
      systemFiles: () => systemDiskFiles(),
    });
    const { host, dispatcher, terminal } = startHost(system, { display3270: true });
    current = host;
    const type = async (line: string) => {
      await enter(terminal, line);
      await quiet(dispatcher);
    };
    await type('LOGON GUEST GUEST');
    expect(outputOf(terminal).some((l) => l.startsWith('CMS VERSION'))).toBe(true);
    await type('');
    await type('EDIT PLAN MEMO');
    let out = outputOf(terminal);
    expect(out[0]).toMatch(/^PLAN {5}MEMO {5}A .*EDIT:$/);
    expect(out[1]).toBe('NEW FILE:');
    expect(out[CURRENT]).toBe('TOF:');
    expect(out[SCALE]).toMatch(/^\|\.\.\.\+\.\.\.\.1/);
    expect(statusOf(terminal)).toBe('VM READ');

    await type('INPUT');
    expect(outputOf(terminal)[0]).toMatch(/INPUT:$/);
    for (const line of ['Monday: ACCESS', 'Tuesday: EDIT', 'Wednesday: LISTFILE', 'Thursday: FILE']) await type(line);
    await type('');
    out = outputOf(terminal);
    expect(out[0]).toMatch(/SIZE 4 +EDIT:$/);
    expect(out[CURRENT]).toBe('Thursday: FILE');
    expect(out.slice(CURRENT - 4, CURRENT)).toEqual(['TOF:', 'Monday: ACCESS', 'Tuesday: EDIT', 'Wednesday: LISTFILE']);

    await type('TOP');
    await type('DOWN 2');
    out = outputOf(terminal);
    expect(out[CURRENT]).toBe('Tuesday: EDIT');
    expect(out.slice(SCALE + 1, SCALE + 4)).toEqual(['Wednesday: LISTFILE', 'Thursday: FILE', 'EOF:']);
    await type('LOCATE /Thursday/');
    expect(outputOf(terminal)[CURRENT]).toBe('Thursday: FILE');
    // The typed subcommand is not left on the screen: the display is drawn again.
    expect(outputOf(terminal)).not.toContain('LOCATE /Thursday/');

    await type('FILE');
    out = outputOf(terminal);
    expect(out.some((l) => /^R; T=\d+\.\d\d\/\d+\.\d\d \d\d:\d\d:\d\d$/.test(l))).toBe(true);
    expect(out).not.toContain('TOF:');
    await type('LISTFILE PLAN MEMO');
    expect(outputOf(terminal)).toContain('PLAN     MEMO     A1');
  }, 120_000);
});
