// Every standalone deck in decks/ IPLed on the bare machine (virtual time), its printer, punch and
// tape output compared byte for byte with the expected files (which Hercules produces too; see
// test/interop/hercules-devices.test.ts).

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { iplExitCode, runIpl, type IplOptions } from '../../src/cli/commands/ipl.ts';
import { createCkdImage } from '../../src/devices/dasd/ckd-image.ts';
import { MemorySink } from '../../src/devices/output-file.ts';
import { DECKS } from '../../scripts/build-ipl-decks.ts';
import { iplDeck, Program } from '../../scripts/ipl-deck-builder.ts';

const DECK_DIR = resolve(import.meta.dirname, '../../decks');

interface ManifestDeck {
  name: string;
  deck: string;
  reader?: string[];
  dasd?: { address: string; type: '3330' | '3330-11' | '3350'; cylinders: number };
  tape?: { address: string };
  expect: { printer?: string; punch?: string; tape?: string };
}

const manifest = JSON.parse(readFileSync(join(DECK_DIR, 'manifest.json'), 'utf8')) as { decks: ManifestDeck[] };

/** Runs a manifest deck; returns the run's result and what the devices produced. */
async function runDeck(d: ManifestDeck) {
  const dir = mkdtempSync(join(tmpdir(), `vm370-deck-${d.name}-`));
  const printer = new MemorySink();
  const punch = new MemorySink();
  const options: IplOptions = {
    target: join(DECK_DIR, d.deck),
    decks: (d.reader ?? []).map((r) => join(DECK_DIR, r)),
    printerSink: printer,
    punchSink: punch,
    punchFormat: 'text',
    virtualTime: true,
    maxInstructions: 20_000_000,
    storageSize: 1024 * 1024,
    console: {},
  };
  if (d.dasd) {
    const image = join(dir, 'dasd.ckd');
    createCkdImage(image, d.dasd.type, d.dasd.cylinders);
    options.dasd = [`${d.dasd.address}=${image}`];
  }
  const tapeFile = join(dir, 'tape.aws');
  if (d.tape) options.tapes = [`${d.tape.address}=${tapeFile}`];
  const result = await runIpl(options);
  return { result, printer: printer.bytes(), punch: punch.bytes(), tape: d.tape ? readFileSync(tapeFile) : undefined };
}

const expected = (file: string) => new Uint8Array(readFileSync(join(DECK_DIR, file)));

describe('standalone IPL decks', () => {
  for (const d of manifest.decks) {
    it(`${d.name}: ends in a disabled wait with code 0 and the expected output`, async () => {
      const run = await runDeck(d);
      expect(run.result.status).toBe('wait');
      expect(run.result.waitCode).toBe(0);
      expect(iplExitCode(run.result)).toBe(0);
      if (d.expect.printer) expect(Buffer.from(run.printer).toString('latin1')).toBe(Buffer.from(expected(d.expect.printer)).toString('latin1'));
      if (d.expect.punch) expect(Buffer.from(run.punch).toString('latin1')).toBe(Buffer.from(expected(d.expect.punch)).toString('latin1'));
      if (d.expect.tape) expect(new Uint8Array(run.tape!)).toEqual(expected(d.expect.tape));
    });
  }

  it('the same deck gives the same run every time in virtual time', async () => {
    const d = manifest.decks.find((m) => m.name === 'overlap')!;
    const first = await runDeck(d);
    const second = await runDeck(d);
    expect(second.result.instructions).toBe(first.result.instructions);
    expect(second.result.psw).toBe(first.result.psw);
    expect(second.printer).toEqual(first.printer);
  });

  it('the committed decks are what scripts/build-ipl-decks.ts builds', () => {
    for (const [name, make] of Object.entries(DECKS)) {
      const { bytes } = make().build();
      expect(new Uint8Array(iplDeck(bytes, 0x400, 0x400)), name).toEqual(expected(`${name}/${name}.deck`));
    }
  });
});

describe('vm370 ipl results', () => {
  /** A deck whose program loads a disabled-wait PSW with the given instruction address. */
  async function waitWith(address: number) {
    const p = new Program(0x400);
    p.label('START').op('LPSW', 'WAIT').label('WAIT').psw(0, 0x02, address);
    const dir = mkdtempSync(join(tmpdir(), 'vm370-wait-'));
    const file = join(dir, 'wait.deck');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, iplDeck(p.build().bytes, 0x400, 0x400));
    return runIpl({ target: file, virtualTime: true, console: {}, storageSize: 65536 });
  }

  it('the wait code is the low 12 bits of the wait PSW address: 0 succeeds, anything else is exit code 1', async () => {
    const ok = await waitWith(0x1000);
    expect(ok.waitCode).toBe(0);
    expect(iplExitCode(ok)).toBe(0);
    const failed = await waitWith(0x0e4);
    expect(failed.waitCode).toBe(0x0e4);
    expect(iplExitCode(failed)).toBe(1);
  });

  it('IPL from a device that is not there fails with exit code 3', async () => {
    const result = await runIpl({ target: '123', virtualTime: true, console: {}, storageSize: 65536 });
    expect(result.status).toBe('ipl-failed');
    expect(result.reason).toBe('no device at 123');
    expect(iplExitCode(result)).toBe(3);
  });

  it('IPL from an empty reader fails: unit exception (END OF FILE)', async () => {
    const result = await runIpl({ target: '00c', virtualTime: true, console: {}, storageSize: 65536 });
    expect(result.status).toBe('ipl-failed');
    expect(result.reason).toBe("IPL from 00C failed: unit status X'0D', channel status X'00', CCW address X'8'");
  });

  it('a deck file with a line too long is a usage error naming the file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vm370-bad-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'bad.txt'), 'OK\n' + 'Y'.repeat(90) + '\n');
    await expect(runIpl({ target: join(dir, 'bad.txt'), virtualTime: true, console: {} })).rejects.toThrow(/bad\.txt:2: the line has 90 characters/);
  });
});
