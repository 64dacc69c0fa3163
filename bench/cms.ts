// CMS figures for `npm run bench`: our CMS (built from cms/): the build, IPL to the first Ready,
// LISTFILE on a disk of 1,000 files, COPYFILE of a 10,000-record file; and IPL to the first Ready
// with IBM's VM/370 R6 CMS from ../shared/vm370r6 (read at run time; the project ships none of it).

import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { ConsoleSession } from '../src/cp/vm/session.ts';
import { buildCms } from '../src/cms/build.ts';
import { SavedSystem } from '../src/cp/nss/saved-system.ts';
import { SavedSystemRegistry } from '../src/cp/nss/registry.ts';
import { createCkdImage } from '../src/devices/dasd/ckd-image.ts';
import { formatImage, writeFiles } from '../src/cp/cmsdisk/index.ts';
import { moduleFiles } from '../src/cms/disks.ts';
import { toEbcdic } from '../src/ebcdic/index.ts';

const EPOCH = new Date(Date.UTC(1981, 3, 1, 9, 0, 0));

/** Our CMS: build, IPL to Ready, LISTFILE of 1,000 files, COPYFILE of 10,000 records. */
function ours(): string[] {
  const lines: string[] = [];
  const b0 = performance.now();
  const build = buildCms();
  lines.push(`our CMS: build from cms/ ${(performance.now() - b0).toFixed(0)} ms (${build.segment.length.toLocaleString()} bytes)`);
  const registry = new SavedSystemRegistry([new SavedSystem({ name: 'CMS', address: 0, ipl: true }, build.segment)]);
  const folder = mkdtempSync(join(tmpdir(), 'vm370-bench-'));
  try {
    const image = join(folder, 'a.3350');
    createCkdImage(image, '3350', 20);
    formatImage(image, { label: 'BENCH1', cylinders: 20 });
    const card = (text: string) => toEbcdic(text.padEnd(80, ' '));
    const files = [];
    for (let i = 0; i < 1000; i++) files.push({ fileId: `F${String(i).padStart(4, '0')} DATA A1`, records: [card(`FILE ${i}`)], recfm: 'F' as const, lrecl: 80 });
    const big = [];
    for (let i = 0; i < 10_000; i++) big.push(card(`RECORD ${String(i).padStart(5, '0')} OF THE BIG FILE`));
    files.push({ fileId: 'BIG DATA A1', records: big, recfm: 'F' as const, lrecl: 80 });
    writeFiles(image, files);
    // MAINT 190: the build's MODULE files (COPYFILE is one of them).
    const s190 = join(folder, 's.3350');
    formatImage(s190, { label: 'MNT190', type: '3350', cylinders: 2 });
    writeFiles(s190, moduleFiles(build).map((f) => ({ fileId: f.fileId, recfm: f.recfm, lrecl: f.lrecl, records: f.records })));
    const t0 = performance.now();
    const session = new ConsoleSession({
      userid: 'CMSUSER', storage: '4M', ipl: 'CMS', savedSystems: registry, time: { mode: 'virtual', epoch: EPOCH },
      minidisks: [{ address: '191', image, mode: 'MR' }, { address: '190', image: s190, mode: 'RR' }],
    });
    session.runUntilRead();
    const first = session.type('');
    const t1 = performance.now();
    lines.push(`our CMS: IPL to the first Ready (a 191 of 1,001 files accessed): ${(t1 - t0).toFixed(1)} ms, ${session.vm.cpu.instructions.toLocaleString()} guest instructions${first.length ? '' : ' (no output?)'}`);
    const timed = (command: string): { ms: number; out: string[] } => {
      const s = performance.now();
      const out = session.type(command);
      return { ms: performance.now() - s, out };
    };
    const list = timed('LISTFILE * DATA A');
    lines.push(`our CMS: LISTFILE * DATA A (1,001 files): ${list.ms.toFixed(0)} ms, ${list.out.length} lines`);
    const copy = timed('COPYFILE BIG DATA A BIG2 DATA A');
    const ok = copy.out.some((l) => /^R;/.test(l));
    lines.push(ok ? `our CMS: COPYFILE of a 10,000-record file: ${copy.ms.toFixed(0)} ms` : `our CMS: COPYFILE not available yet (${copy.out.join(' | ')})`);
    session.close();
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return lines;
}

const R6 = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/vm370r6');

export function run(): string[] {
  return [...ours(), ...r6()];
}

function r6(): string[] {
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
