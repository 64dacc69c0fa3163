// Every standalone deck in decks/ assembled from its source by our assembler (in-process), the
// resulting deck IPLed on the bare machine (virtual time), its printer, punch and tape output compared
// byte for byte with the expected files (which Hercules produces too; see
// test/interop/hercules-devices.test.ts). The committed deck files must be what the assembler makes.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assemble, iplDeck } from '../../src/asm/index.ts';
import { iplExitCode, runIpl, type IplOptions } from '../../src/cli/commands/ipl.ts';
import { createCkdImage } from '../../src/devices/dasd/ckd-image.ts';
import { MemorySink } from '../../src/devices/output-file.ts';
import { assembleDeck, DECK_DIR, readManifest, type ManifestDeck } from '../../scripts/build-ipl-decks.ts';

const manifest = readManifest();

/** Runs an IPL deck (card images) with a manifest deck's devices; returns the run's result and what the devices produced. */
async function runDeck(d: ManifestDeck, deck: Uint8Array) {
  const dir = mkdtempSync(join(tmpdir(), `vm370-deck-${d.name}-`));
  const deckFile = join(dir, `${d.name}.deck`);
  writeFileSync(deckFile, deck);
  const printer = new MemorySink();
  const punch = new MemorySink();
  const options: IplOptions = {
    target: deckFile,
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

/** Assembles a manifest deck's source; the assembly must be clean (return code 0). */
function assembled(d: ManifestDeck) {
  const a = assembleDeck(d.source);
  expect(a.result.messages, d.source).toEqual([]);
  expect(a.result.returnCode).toBe(0);
  return a;
}

const expected = (file: string) => new Uint8Array(readFileSync(join(DECK_DIR, file)));

describe('standalone IPL decks', () => {
  for (const d of manifest) {
    it(`${d.name}: ${d.source} assembles into a deck that ends in a disabled wait with code 0 and the expected output`, async () => {
      const run = await runDeck(d, assembled(d).deck);
      expect(run.result.status).toBe('wait');
      expect(run.result.waitCode).toBe(0);
      expect(iplExitCode(run.result)).toBe(0);
      if (d.expect.printer) expect(Buffer.from(run.printer).toString('latin1')).toBe(Buffer.from(expected(d.expect.printer)).toString('latin1'));
      if (d.expect.punch) expect(Buffer.from(run.punch).toString('latin1')).toBe(Buffer.from(expected(d.expect.punch)).toString('latin1'));
      if (d.expect.tape) expect(new Uint8Array(run.tape!)).toEqual(expected(d.expect.tape));
    });

    it(`${d.name}: the committed ${d.deck} is what the assembler makes of ${d.source}`, () => {
      expect(assembled(d).deck).toEqual(expected(d.deck));
    });
  }

  it('the same deck gives the same run every time in virtual time', async () => {
    const d = manifest.find((m) => m.name === 'overlap')!;
    const deck = expected(d.deck);
    const first = await runDeck(d, deck);
    const second = await runDeck(d, deck);
    expect(second.result.instructions).toBe(first.result.instructions);
    expect(second.result.psw).toBe(first.result.psw);
    expect(second.printer).toEqual(first.printer);
  });
});

describe('vm370 ipl results', () => {
  /** A deck whose program loads a disabled-wait PSW with the given instruction address. */
  async function waitWith(address: number) {
    const source = [
      'WAIT     START X\'400\'',
      '         BALR  12,0',
      '         USING *,12',
      '         LPSW  PSW',
      '         DS    0D',
      `PSW      DC    X'00020000',A(X'${address.toString(16).toUpperCase()}')`,
      '         END   WAIT',
    ].join('\n');
    const a = assemble(source);
    expect(a.returnCode).toBe(0);
    const file = join(mkdtempSync(join(tmpdir(), 'vm370-wait-')), 'wait.deck');
    writeFileSync(file, iplDeck(a.core));
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
    writeFileSync(join(dir, 'bad.txt'), 'OK\n' + 'Y'.repeat(90) + '\n');
    await expect(runIpl({ target: join(dir, 'bad.txt'), virtualTime: true, console: {} })).rejects.toThrow(/bad\.txt:2: the line has 90 characters/);
  });
});
