// The virtual console and the virtual unit-record devices, command by command.

import { describe, expect, it } from 'vitest';
import type { DeviceCommand, DeviceHost, DeviceResult } from '../../../src/channel/device.ts';
import { TranscriptTerminal, VirtualConsole } from '../../../src/cp/vm/console.ts';
import { VirtualReader } from '../../../src/cp/vm/unit-record.ts';
import { VirtualMachine } from '../../../src/cp/vm/virtual-machine.ts';
import { fromEbcdic, toEbcdic } from '../../../src/ebcdic/index.ts';

const command = (code: number, count = 80): DeviceCommand => ({ command: code, flags: 0x20, count, chained: false });

describe('the virtual console (3215, line mode)', () => {
  it('writes lines; NL (X\'15\') ends a line; Write without carrier return continues it', () => {
    const terminal = new TranscriptTerminal();
    const device = new VirtualConsole(terminal);
    device.startCommand(command(0x09), toEbcdic('ONE\u0085TWO'));
    device.startCommand(command(0x01), toEbcdic('THREE '));
    device.startCommand(command(0x09), toEbcdic('AND FOUR\u0085'));
    expect(terminal.lines).toEqual(['ONE', 'TWO', 'THREE AND FOUR']);
  });

  it('a read waits for a line (VM READ) and completes through the channel when one is entered', () => {
    const terminal = new TranscriptTerminal();
    const device = new VirtualConsole(terminal);
    const completed: DeviceResult[] = [];
    const host: DeviceHost = { unsolicited: () => {}, complete: (r) => completed.push(r) };
    device.attach(host);
    expect(device.startCommand(command(0x0a, 130), null)).toBe('deferred');
    expect(device.readPending).toBe(true);
    device.enter('hello');
    expect(device.readPending).toBe(false);
    expect(fromEbcdic(completed[0]!.data!)).toBe('hello');
    device.enter('typed ahead');
    const result = device.startCommand(command(0x0a, 5), null) as DeviceResult;
    expect(fromEbcdic(result.data!)).toBe('typed');
    expect(result.more).toBe(true);
  });

  it('an unknown command is rejected: unit check, sense command reject', () => {
    const device = new VirtualConsole(new TranscriptTerminal());
    const result = device.startCommand(command(0x05), new Uint8Array(1)) as DeviceResult;
    expect(result.status & 0x02).toBe(0x02);
    expect([...(device.startCommand(command(0x04, 1), null) as DeviceResult).data!]).toEqual([0x80]);
  });
});

describe('the virtual unit-record devices', () => {
  it('the reader reads its files card by card: unit exception at the end of each, intervention required when empty', () => {
    const reader = new VirtualReader();
    reader.queue([toEbcdic('CARD 1'), toEbcdic('CARD 2')]);
    reader.queue([toEbcdic('NEXT FILE')]);
    const read = () => reader.startCommand(command(0x02), null);
    expect(fromEbcdic(read().data!).trimEnd()).toBe('CARD 1');
    expect(fromEbcdic(read().data!).trimEnd()).toBe('CARD 2');
    expect(read().status & 0x01).toBe(0x01);
    expect(fromEbcdic(read().data!).trimEnd()).toBe('NEXT FILE');
    expect(read().status & 0x01).toBe(0x01);
    expect(read().status & 0x02).toBe(0x02);
    expect([...reader.startCommand(command(0x04, 1), null).data!]).toEqual([0x40]);
  });

  it('CP CLOSE makes the printer\'s lines a spool file', () => {
    const terminal = new TranscriptTerminal();
    const vm = new VirtualMachine({ userid: 'PRINTER', storageSize: 64 * 1024, terminal });
    vm.printer!.startCommand(command(0x09), toEbcdic('LINE ONE'));
    vm.printer!.startCommand(command(0x11), toEbcdic('LINE TWO'));
    expect(vm.printer!.text()).toEqual(['LINE ONE', 'LINE TWO']);
    const replies: string[] = [];
    expect(vm.executeCommand('CLOSE PRT', (l) => replies.push(l), false)).toBe(0);
    expect(replies).toEqual(['PRT FILE 0001 TO PRINTER COPY 01 NOHOLD']);
    expect(vm.spoolFiles.map((f) => [f.kind, f.records.length])).toEqual([['print', 2]]);
    expect(vm.executeCommand('CLOSE 123', (l) => replies.push(l), false)).toBe(40);
    expect(replies.at(-1)).toBe('DMKCSP040E DEV 123 DOES NOT EXIST');
    vm.close();
  });
});
