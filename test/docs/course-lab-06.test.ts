// Chapter 6's lab (docs/course/06-cms.md) runs exactly as the chapter prints it, so the chapter
// cannot silently rot. The chapter shows GUEST's terminal after LOGON GUEST has IPLed CMS; this test
// builds our whole CMS from cms/, gives a virtual machine GUEST's disks as the default system makes them
// (191: an empty 5-cylinder 3350 labelled GUE191; MAINT's 190 as CMS190 and 19D as CMS19D, both
// linked read-only, 19D holding the help files of cms/help), IPLs CMS, types each line and compares.
// Marked blocks:
//   <!-- lab-cms: NAME -->  a text block of the terminal: lines beginning "> " are typed (the rest
//                          of the line), the others are what CMS shows. The Ready message's CPU
//                          times and clock are compared by their form only (R; T=n.nn/n.nn hh:mm:ss).
// The blocks run in order on one virtual machine, as the student types them.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDiskFiles } from '../../src/cms/disks.ts';
import { ConsoleSession } from '../../src/cp/vm/session.ts';
import { buildOurCms, cmsRegistry, EPOCH } from '../cms/helpers.ts';
import { diskWith } from '../cms/help-harness.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHAPTER = join(ROOT, 'docs/course/06-cms.md');

const BLOCK = /<!-- lab-cms: (\S+) -->[ \t]*\n(?:[ \t]*\n)*```[a-z]*\n([\s\S]*?)\n```/g;

/** The Ready message with its times and clock made comparable. */
const normalise = (line: string): string => line.trimEnd().replace(/^(R(\(-?\d+\))?; )T=\d+\.\d\d\/\d+\.\d\d \d\d:\d\d:\d\d$/, '$1T=n.nn/n.nn hh:mm:ss');

function labBlocks(): Array<{ name: string; body: string }> {
  return [...readFileSync(CHAPTER, 'utf8').matchAll(BLOCK)].map(([, name, body]) => ({ name: name!, body: body! }));
}

describe('chapter 6: CMS lab', () => {
  const blocks = labBlocks();
  let folder: string;
  let session: ConsoleSession;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'vm370-lab06-'));
    const files = systemDiskFiles();
    diskWith(join(folder, 'guest-191.ckd'), 'GUE191', [], 5);
    diskWith(join(folder, 'maint-190.ckd'), 'CMS190', files.filter((f) => f.vaddr === 0x190), 10);
    diskWith(join(folder, 'maint-19d.ckd'), 'CMS19D', files.filter((f) => f.vaddr === 0x19d), 5);
    session = new ConsoleSession({
      userid: 'GUEST',
      storage: '15M',
      ipl: 'CMS',
      savedSystems: cmsRegistry(buildOurCms()),
      time: { mode: 'virtual', epoch: EPOCH },
      minidisks: [
        { address: '191', image: join(folder, 'guest-191.ckd') },
        { address: '190', image: join(folder, 'maint-190.ckd'), mode: 'RR' },
        { address: '19D', image: join(folder, 'maint-19d.ckd'), mode: 'RR' },
      ],
    });
    session.runUntilRead();
  });
  afterAll(() => {
    session.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('has the lab blocks the chapter describes', () => {
    expect(blocks.map((b) => b.name)).toEqual(['disks', 'help', 'files', 'rename', 'unknown']);
  });

  it('every block shows what our CMS types', () => {
    for (const block of blocks) {
      const shown: string[] = [];
      for (const line of block.body.split('\n')) {
        if (!line.startsWith('> ')) continue;
        shown.push(line);
        shown.push(...session.type(line.slice(2)).map(normalise));
      }
      expect(shown.join('\n'), `block ${block.name}`).toBe(block.body.split('\n').map(normalise).join('\n'));
    }
  });
});
