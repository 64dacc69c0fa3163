// Interop with Hercules (Debian package `hercules`, S/370 mode): CKD images made by dasdinit and by
// `vm370 dasd create` are interchangeable, and every deck in decks/ gives the same printer, punch,
// tape and DASD output on Hercules as on our machine. Run by `npm run test:interop` (.ci/run
// installs Hercules first); `npm test` does not need Hercules.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDeck } from '../../src/devices/card/deck.ts';
import { CkdImage, createCkdImage } from '../../src/devices/dasd/ckd-image.ts';
import { fromEbcdic } from '../../src/ebcdic/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const DECKS = join(ROOT, 'decks');

interface ManifestDeck {
  name: string;
  deck: string;
  reader?: string[];
  dasd?: { address: string; type: '3330' | '3350'; cylinders: number };
  tape?: { address: string };
  expect: { printer?: string; punch?: string; tape?: string };
}
const manifest = JSON.parse(readFileSync(join(DECKS, 'manifest.json'), 'utf8')) as { decks: ManifestDeck[] };

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(command, args, { ...options, encoding: 'latin1', timeout: 120_000, killSignal: 'SIGKILL' });
  if (r.error) throw r.error;
  return r;
}

/** The reader's input: the deck, then its data cards, as 80-byte EBCDIC cards. */
function readerFile(dir: string, d: ManifestDeck): string {
  const file = join(dir, 'reader.ebc');
  const cards = [readFileSync(join(DECKS, d.deck)), ...(d.reader ?? []).map((r) => Buffer.concat(readDeck(join(DECKS, r)).cards))];
  writeFileSync(file, Buffer.concat(cards));
  return file;
}

/** IPLs the deck on Hercules from 00C with the standard devices; returns the Hercules log. */
function hercules(dir: string, d: ManifestDeck): string {
  const lines = [
    'ARCHMODE S/370',
    'MAINSIZE 2',
    'NUMCPU 1',
    'CPUMODEL 3158',
    'CNSLPORT 32799', // away from 3270, where other interop tests may listen
    `000C 3505 ${readerFile(dir, d)} ebcdic eof`,
    `000D 3525 ${join(dir, 'herc-punch.txt')} ascii`,
    `000E 1403 ${join(dir, 'herc-printer.txt')}`,
  ];
  if (d.dasd) lines.push(`0${d.dasd.address} ${d.dasd.type} ${join(dir, 'herc.ckd')}`);
  if (d.tape) {
    writeFileSync(join(dir, 'herc.aws'), '');
    lines.push(`0${d.tape.address} 3420 ${join(dir, 'herc.aws')}`);
  }
  writeFileSync(join(dir, 'herc.cnf'), lines.join('\n') + '\n');
  writeFileSync(join(dir, 'herc.rc'), 'ipl 00c\npause 3\nquit\n');
  const r = run('hercules', ['-d', '-f', join(dir, 'herc.cnf')], { cwd: dir, env: { ...process.env, HERCULES_RC: join(dir, 'herc.rc') } });
  return r.stdout + r.stderr;
}

/** IPLs the deck with `vm370 ipl`. */
function ours(dir: string, d: ManifestDeck) {
  const args = [join(ROOT, 'bin/vm370.js'), 'ipl', join(DECKS, d.deck), '--virtual-time'];
  for (const r of d.reader ?? []) args.push('--reader', join(DECKS, r));
  args.push('--printer', join(dir, 'our-printer.txt'), '--punch', join(dir, 'our-punch.txt'), '--punch-format', 'text');
  if (d.dasd) args.push('--dasd', `${d.dasd.address}=${join(dir, 'our.ckd')}`);
  if (d.tape) args.push('--tape', `${d.tape.address}=${join(dir, 'our.aws')}`);
  return run(process.execPath, args, { cwd: dir });
}

describe('Hercules CKD images', () => {
  beforeAll(() => {
    // Throws (ENOENT) when Hercules is not installed.
    run('dasdinit', ['-v']);
  });

  it('an empty image from `vm370 dasd create` is byte for byte what `dasdinit -r` writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vm370-herc-'));
    for (const [type, cylinders] of [['3330', 3], ['3350', 2]] as const) {
      run('dasdinit', ['-r', join(dir, `herc-${type}.ckd`), type, String(cylinders)]);
      createCkdImage(join(dir, `our-${type}.ckd`), type, cylinders);
      expect(readFileSync(join(dir, `our-${type}.ckd`)).equals(readFileSync(join(dir, `herc-${type}.ckd`))), type).toBe(true);
    }
  });

  it('reads the volume label dasdinit writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vm370-herc-'));
    run('dasdinit', [join(dir, 'vol.ckd'), '3350', 'VM0001', '1']);
    const track = CkdImage.open(join(dir, 'vol.ckd'), true).readTrack(0, 0);
    expect(track.records.map((r) => fromEbcdic(r.key))).toEqual(['', 'IPL1', 'IPL2', 'VOL1']);
    expect(fromEbcdic(track.records[3]!.data.subarray(0, 10))).toBe('VOL1VM0001');
  });
});

describe('decks on Hercules and on vm370', () => {
  for (const d of manifest.decks) {
    it(`${d.name}: the same output`, () => {
      const dir = mkdtempSync(join(tmpdir(), `vm370-herc-${d.name}-`));
      if (d.dasd) {
        // Hercules starts from our image and we from Hercules': after the run both must be the same.
        createCkdImage(join(dir, 'herc.ckd'), d.dasd.type, d.dasd.cylinders);
        run('dasdinit', ['-r', join(dir, 'our.ckd'), d.dasd.type, String(d.dasd.cylinders)]);
      }
      const log = hercules(dir, d);
      expect(log, 'Hercules did not reach a disabled wait with code 0').toMatch(/HHCCP011I CPU0000: Disabled wait state\s+PSW=00020000 [0-9A-F]{2}000000/);
      const mine = ours(dir, d);
      expect(mine.status, mine.stderr).toBe(0);
      expect(mine.stderr).toMatch(/^vm370 ipl: disabled wait, code 000;/);
      const file = (name: string) => readFileSync(join(dir, name), 'latin1');
      if (d.expect.printer) {
        expect(file('herc-printer.txt')).toBe(readFileSync(join(DECKS, d.expect.printer), 'latin1'));
        expect(file('our-printer.txt')).toBe(file('herc-printer.txt'));
      }
      if (d.expect.punch) {
        expect(file('herc-punch.txt')).toBe(readFileSync(join(DECKS, d.expect.punch), 'latin1'));
        expect(file('our-punch.txt')).toBe(file('herc-punch.txt'));
      }
      if (d.expect.tape) {
        expect(file('herc.aws')).toBe(readFileSync(join(DECKS, d.expect.tape), 'latin1'));
        expect(file('our.aws')).toBe(file('herc.aws'));
      }
      if (d.dasd) expect(readFileSync(join(dir, 'our.ckd')).equals(readFileSync(join(dir, 'herc.ckd')))).toBe(true);
    });
  }
});
