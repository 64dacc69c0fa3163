import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChannelStatus, UnitStatus } from '../../src/arch/channel.ts';
import { parseFcb } from '../../src/devices/printer/fcb.ts';
import { Printer1403 } from '../../src/devices/printer/printer-1403.ts';
import { MemorySink, OutputFile } from '../../src/devices/output-file.ts';
import { toEbcdic } from '../../src/ebcdic/index.ts';
import { machineWith, run, sense } from './channel-rig.ts';

const CE_DE = UnitStatus.channelEnd | UnitStatus.deviceEnd;
const SLI = 0x20;
const CC = 0x40;

function printer(options: ConstructorParameters<typeof Printer1403>[1] = {}) {
  const sink = new MemorySink();
  const device = new Printer1403(sink, options);
  const rig = machineWith({ 0x00e: device });
  const line = (text: string, at = 0x2000) => rig.storage.load(at, toEbcdic(text));
  return { sink, device, rig, line };
}

describe('1403 printer', () => {
  it('write and space 1: a line of text, trailing blanks trimmed', () => {
    const p = printer();
    p.line('HELLO, WORLD        ');
    const end = p.rig.channels && run(p.rig, 0x00e, [[0x09, 0x2000, 0, 20]]);
    expect(end.csw).toMatchObject({ unitStatus: CE_DE, channelStatus: 0 });
    expect(p.sink.text()).toBe('HELLO, WORLD\n');
  });

  it('space 2 and 3 leave blank lines; write without spacing overprints the next line', () => {
    const p = printer();
    p.line('A', 0x2000);
    p.line('B', 0x2001);
    run(p.rig, 0x00e, [[0x11, 0x2000, CC, 1], [0x19, 0x2001, CC, 1], [0x01, 0x2000, CC, 1], [0x09, 0x2001, 0, 1]]);
    expect(p.sink.text()).toBe('A\n\nB\n\n\nA\rB\n');
  });

  it('skip to channel 1 is a form feed; immediate space and skip move the carriage without printing', () => {
    const p = printer();
    p.line('TOP');
    run(p.rig, 0x00e, [[0x09, 0x2000, CC, 3], [0x0b, 0, CC, 1], [0x8b, 0, CC, 1], [0x09, 0x2000, 0, 3]]);
    expect(p.sink.text()).toBe('TOP\n\n\fTOP\n');
  });

  it('write and skip to channel 1 ejects the page: carriage return and form feed', () => {
    const p = printer();
    p.line('X');
    run(p.rig, 0x00e, [[0x09, 0x2000, CC, 1], [0x89, 0x2000, 0, 1]]);
    expect(p.sink.text()).toBe('X\nX\r\f');
  });

  it('a skip to channel 1 on a fresh top line does not eject; after a line printed there it does', () => {
    const p = printer();
    p.line('X');
    run(p.rig, 0x00e, [[0x8b, 0, CC, 1], [0x89, 0x2000, CC, 1], [0x01, 0x2000, CC, 1], [0x8b, 0, 0, 1]]);
    expect(p.sink.text()).toBe('X\rX\r\f');
  });

  it('skip to a channel further down the page spaces to its line (default FCB: channel 2 at line 7)', () => {
    const p = printer();
    p.line('X');
    run(p.rig, 0x00e, [[0x91, 0x2000, 0, 1]]);
    expect(p.sink.text()).toBe('X' + '\n'.repeat(6));
  });

  it('spacing onto the channel 12 line (61) ends with unit exception: page overflow', () => {
    const p = printer();
    p.line('L');
    for (let i = 1; i < 59; i++) expect(run(p.rig, 0x00e, [[0x09, 0x2000, 0, 1]]).csw.unitStatus).toBe(CE_DE);
    expect(run(p.rig, 0x00e, [[0x11, 0x2000, 0, 1]]).csw.unitStatus).toBe(CE_DE | UnitStatus.unitException);
  });

  it('a custom FCB: skip to channel 12 at line 10', () => {
    const p = printer({ fcb: parseFcb('1,0,0,0,0,0,0,0,0,0,0,10', 20) });
    p.line('X');
    run(p.rig, 0x00e, [[0xe1, 0x2000, 0, 1]]);
    expect(p.sink.text()).toBe('X' + '\n'.repeat(9));
    const end = run(p.rig, 0x00e, [[0x91, 0x2000, 0, 1]]);
    expect(end.cc).toBe(1);
    expect(end.csw.unitStatus).toBe(CE_DE | UnitStatus.unitCheck);
    expect(sense(p.rig, 0x00e, 1)).toEqual([0x80]);
  });

  it('more than 132 bytes is incorrect length unless SLI is on', () => {
    const p = printer();
    p.line('Z'.repeat(150));
    expect(run(p.rig, 0x00e, [[0x09, 0x2000, 0, 150]]).csw).toMatchObject({ channelStatus: ChannelStatus.incorrectLength, count: 18 });
    expect(run(p.rig, 0x00e, [[0x09, 0x2000, SLI, 150]]).csw.channelStatus).toBe(0);
  });

  it('the no-operation command is immediate: START I/O ends with condition code 1', () => {
    const p = printer();
    expect(run(p.rig, 0x00e, [[0x03, 0, 0, 1]]).cc).toBe(1);
  });

  it('raw output keeps the command stream: code, length, data', () => {
    const p = printer({ format: 'raw' });
    p.line('HI');
    run(p.rig, 0x00e, [[0x09, 0x2000, CC, 2], [0x8b, 0, 0, 1]]);
    expect([...p.sink.bytes()]).toEqual([0x09, 0, 2, 0xc8, 0xc9, 0x8b, 0, 0]);
  });

  it('writes to a host file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vm370-prt-')), 'print.txt');
    const device = new Printer1403(new OutputFile(file));
    const rig = machineWith({ 0x00e: device });
    rig.storage.load(0x2000, toEbcdic('LAST'));
    run(rig, 0x00e, [[0x01, 0x2000, 0, 4]]);
    device.close();
    expect(readFileSync(file, 'utf8')).toBe('LAST\r');
  });
});
