// CMS figures for `npm run bench`: IPL CMS to the first Ready, with IBM's VM/370 R6 CMS from
// ../shared/vm370r6 (read at run time; the project ships none of it). Our own CMS will be measured
// here too once it exists.

import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { ConsoleSession } from '../src/cp/vm/session.ts';

const R6 = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/vm370r6');

export function run(): string[] {
  if (!existsSync(join(R6, 'CMS.segment'))) return [`cms: IBM R6 CMS not found in ${R6}; IPL benchmark not run`];
  const folder = mkdtempSync(join(tmpdir(), 'vm370-bench-'));
  try {
    const master = join(folder, 'cmsuser-191.master');
    writeFileSync(master, gunzipSync(readFileSync(join(R6, 'cmsuser-191.ckd.gz'))));
    const times: number[] = [];
    let instructions = 0;
    for (let i = 0; i < 5; i++) {
      const image = join(folder, `cmsuser-191-${i}.ckd`);
      copyFileSync(master, image);
      const t0 = performance.now();
      const session = new ConsoleSession({
        userid: 'CMSUSER',
        storage: '15M',
        ipl: 'CMS',
        savedSystems: R6,
        time: { mode: 'virtual', epoch: new Date(Date.UTC(1981, 3, 1, 9, 0, 0)) },
        minidisks: [{ address: '191', image, mode: 'MR', volser: 'VM50U0' }],
      });
      session.runUntilRead();
      const ready = session.type('');
      const t1 = performance.now();
      if (!ready.some((line) => line.startsWith('Ready'))) throw new Error(`no Ready after IPL: ${ready.join(' | ')}`);
      instructions = session.vm.cpu.instructions;
      session.close();
      times.push(t1 - t0);
    }
    const best = Math.min(...times);
    return [
      `IPL CMS (IBM R6) to the first Ready, PROFILE EXEC included: ${times[0]!.toFixed(0)} ms cold, ${best.toFixed(0)} ms warm (${instructions.toLocaleString()} guest instructions)`,
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
