import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChannelStatus, UnitStatus } from '../../src/arch/channel.ts';
import { binaryDeck, DeckError, readDeck, textDeck } from '../../src/devices/card/deck.ts';
import { Punch2540 } from '../../src/devices/card/punch-2540.ts';
import { Reader2540 } from '../../src/devices/card/reader-2540.ts';
import { MemorySink, OutputFile } from '../../src/devices/output-file.ts';
import { fromEbcdic, toEbcdic } from '../../src/ebcdic/index.ts';
import { machineWith, run, sense } from './channel-rig.ts';

const CE_DE = UnitStatus.channelEnd | UnitStatus.deviceEnd;
const SLI = 0x20;
const tmp = () => mkdtempSync(join(tmpdir(), 'vm370-card-'));

describe('decks from host files', () => {
  it('a text deck is a card per line, in EBCDIC, padded with blanks', () => {
    const deck = textDeck('t.txt', 'HELLO\r\nWORLD\n');
    expect(deck.cards).toHaveLength(2);
    expect(fromEbcdic(deck.cards[1]!)).toBe('WORLD'.padEnd(80));
  });

  it('a line longer than 80 characters is an error naming the file and the line', () => {
    expect(() => textDeck('jobs/deck.txt', 'OK\n' + 'X'.repeat(81) + '\n')).toThrow(
      new DeckError('jobs/deck.txt:2: the line has 81 characters; a card holds 80'),
    );
  });

  it('a binary deck must be a whole number of 80-byte cards', () => {
    expect(binaryDeck('b', new Uint8Array(160)).cards).toHaveLength(2);
    expect(() => binaryDeck('b.bin', new Uint8Array(100))).toThrow(/b\.bin: 100 bytes is not a whole number of 80-byte cards/);
  });

  it('readDeck picks text for .txt and binary otherwise, or as the prefix says', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.txt'), 'A\n');
    writeFileSync(join(dir, 'a.cards'), 'A\n');
    expect(readDeck(join(dir, 'a.txt')).cards).toHaveLength(1);
    expect(() => readDeck(join(dir, 'a.cards'))).toThrow(/not a whole number.*text:/);
    expect(readDeck('text:' + join(dir, 'a.cards')).cards).toHaveLength(1);
  });
});

describe('2540 reader', () => {
  const loaded = (...lines: string[]) => {
    // Cards in the hopper before the reader is attached: no device-end interruption.
    const reader = new Reader2540();
    reader.load(textDeck('deck', lines.join('\n') + '\n'));
    const rig = machineWith({ 0x00c: reader });
    return { reader, rig };
  };

  it('reads a card per Read command', () => {
    const { rig } = loaded('CARD ONE', 'CARD TWO');
    const end = run(rig, 0x00c, [[0x02, 0x2000, 0, 80]]);
    expect(end.csw).toMatchObject({ unitStatus: CE_DE, channelStatus: 0, count: 0 });
    expect(fromEbcdic(rig.storage.read(0x2000, 8))).toBe('CARD ONE');
    run(rig, 0x00c, [[0x02, 0x2000, 0, 80]]);
    expect(fromEbcdic(rig.storage.read(0x2000, 8))).toBe('CARD TWO');
  });

  it('a count other than 80 is incorrect length unless SLI is on', () => {
    const { rig } = loaded('A', 'B');
    expect(run(rig, 0x00c, [[0x02, 0x2000, 0, 40]]).csw.channelStatus).toBe(ChannelStatus.incorrectLength);
    expect(run(rig, 0x00c, [[0x02, 0x2000, SLI, 100]]).csw).toMatchObject({ channelStatus: 0, count: 20 });
  });

  it('after the last card: unit exception (END OF FILE), then intervention required', () => {
    const { rig } = loaded('ONLY');
    run(rig, 0x00c, [[0x02, 0x2000, 0, 80]]);
    expect(run(rig, 0x00c, [[0x02, 0x2000, 0, 80]]).csw.unitStatus).toBe(CE_DE | UnitStatus.unitException);
    expect(run(rig, 0x00c, [[0x02, 0x2000, 0, 80]]).csw.unitStatus).toBe(CE_DE | UnitStatus.unitCheck);
    expect(sense(rig, 0x00c, 1)).toEqual([0x40]);
  });

  it('decks queue behind each other; loading a reader that was empty presents device end', () => {
    const reader = new Reader2540({ endOfFile: false });
    const rig = machineWith({ 0x00c: reader });
    reader.load(textDeck('one', 'A\n'));
    expect(rig.channels.acceptInterruption(-1)).toBe(0x00c);
    reader.load(textDeck('two', 'B\n'));
    expect(rig.channels.pendingChannels).toBe(0);
    expect(reader.remaining).toBe(2);
    run(rig, 0x00c, [[0x02, 0x2000, 0, 80], ]);
    run(rig, 0x00c, [[0x02, 0x2000, 0, 80]]);
    expect(fromEbcdic(rig.storage.read(0x2000, 1))).toBe('B');
    expect(run(rig, 0x00c, [[0x02, 0x2000, 0, 80]]).csw.unitStatus).toBe(CE_DE | UnitStatus.unitCheck);
  });

  it('command chaining reads several cards in one channel program', () => {
    const { rig } = loaded('1', '2', '3');
    run(rig, 0x00c, [[0x02, 0x2000, 0x40, 80], [0x02, 0x2050, 0x40, 80], [0x02, 0x20a0, 0, 80]]);
    expect(fromEbcdic(Uint8Array.of(rig.storage.bytes[0x2000]!, rig.storage.bytes[0x2050]!, rig.storage.bytes[0x20a0]!))).toBe('123');
  });

  it('rejects card-image mode and unknown commands with command reject', () => {
    const { rig } = loaded('A');
    const end = run(rig, 0x00c, [[0x22, 0x2000, 0, 160]]);
    expect(end.cc).toBe(1);
    expect(end.csw.unitStatus).toBe(CE_DE | UnitStatus.unitCheck);
    expect(sense(rig, 0x00c, 1)).toEqual([0x80]);
  });

  it('snapshot and restore keep the hopper', () => {
    const { reader, rig } = loaded('A', 'B');
    run(rig, 0x00c, [[0x02, 0x2000, 0, 80]]);
    const saved = reader.snapshot();
    const other = new Reader2540();
    other.restore(saved);
    expect(other.remaining).toBe(1);
  });
});

describe('2540 punch', () => {
  it('punches binary 80-byte cards, blank-padded', () => {
    const sink = new MemorySink();
    const rig = machineWith({ 0x00d: new Punch2540(sink) });
    rig.storage.load(0x2000, toEbcdic('PUNCHED'));
    const end = run(rig, 0x00d, [[0x01, 0x2000, SLI, 7]]);
    expect(end.csw).toMatchObject({ unitStatus: CE_DE, channelStatus: 0 });
    expect(sink.bytes()).toHaveLength(80);
    expect(fromEbcdic(sink.bytes())).toBe('PUNCHED'.padEnd(80));
    expect(run(rig, 0x00d, [[0x01, 0x2000, 0, 7]]).csw.channelStatus).toBe(ChannelStatus.incorrectLength);
  });

  it('punches text lines with trailing blanks trimmed, to a host file', () => {
    const file = join(tmp(), 'punch.txt');
    const punch = new Punch2540(new OutputFile(file), { format: 'text' });
    const rig = machineWith({ 0x00d: punch });
    rig.storage.load(0x2000, toEbcdic('LINE ONE'.padEnd(80)));
    run(rig, 0x00d, [[0x01, 0x2000, 0x40, 80], [0x01, 0x2000, 0, 80]]);
    punch.close();
    expect(readFileSync(file, 'utf8')).toBe('LINE ONE\nLINE ONE\n');
  });
});
