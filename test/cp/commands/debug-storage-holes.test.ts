// A 1M virtual machine with a saved segment at 15M (as CMSSEG is for CMS): the 14M between are
// holes, for the guest (addressing exceptions), for DISPLAY and STORE, and after PURGESYS again.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPswFromBytes } from '../../../src/cpu/psw.ts';
import { cpCommandSet } from '../../../src/cp/commands/index.ts';
import { diagnose } from '../../../src/cp/diagnose/index.ts';
import { SavedSystemRegistry } from '../../../src/cp/nss/registry.ts';
import { SavedSystem } from '../../../src/cp/nss/saved-system.ts';
import { TranscriptTerminal } from '../../../src/cp/vm/console.ts';
import { VirtualMachine } from '../../../src/cp/vm/virtual-machine.ts';
import { toEbcdic } from '../../../src/ebcdic/index.ts';
import { hexBytes } from '../trace/guest.ts';

const SEGMENT = 0xf0_0000;
const HOLE = 0x80_0000;

/** A one-page segment at 15M whose code is LA 1,7 / LPSW X'F00' (a disabled wait). */
function highSegment(): SavedSystem {
  const bytes = new Uint8Array(4096 * 2);
  bytes.set(hexBytes('41100007 82000F00'), 4096);
  return new SavedSystem({ name: 'HIGHSEG', address: SEGMENT, ipl: false }, bytes);
}

describe('a 1M virtual machine with a segment at 15M', () => {
  let vm: VirtualMachine;
  let terminal: TranscriptTerminal;
  const enter = (line: string) => {
    const n = terminal.lines.length;
    vm.enter(line);
    return terminal.lines.slice(n);
  };
  /** DIAGNOSE X'64' with the segment name at X'500' and the subcode in R3. */
  const diag64 = (subcode: number) => {
    vm.storage.load(0x500, toEbcdic('HIGHSEG '));
    vm.cpu.gpr[2] = 0x500;
    vm.cpu.gpr[3] = subcode;
    vm.cpu.ilc = 2;
    diagnose(vm, (0x83 << 24) | (2 << 20) | (3 << 16) | 0x64);
  };

  beforeEach(() => {
    terminal = new TranscriptTerminal();
    vm = new VirtualMachine({
      userid: 'HOLES',
      storageSize: 0x10_0000,
      terminal,
      commands: cpCommandSet(),
      savedSystems: new SavedSystemRegistry([highSegment()]),
    });
    vm.storage.load(0xf00, hexBytes('0002000000000000'));
    // The program new PSW is a disabled wait: the old PSW tells what happened.
    vm.storage.load(0x68, hexBytes('0002000000000000'));
    vm.state = 'running';
  });
  afterEach(() => vm.close());

  it('before the segment is loaded, 15M is beyond the storage for the guest', () => {
    expect(vm.cpu.memSize).toBe(0x10_0000);
    vm.cpu.gpr[2] = SEGMENT;
    vm.storage.load(0x800, hexBytes('58102000'));
    loadPswFromBytes(vm.cpu, hexBytes('0000000000000800'), 0);
    vm.run(100);
    expect(vm.storage.readHalf(0x2a)).toBe(0x0005);
  });

  it('after LOADSYS the segment code runs at 15M', () => {
    diag64(0x00);
    expect(vm.cpu.cc).toBe(0);
    loadPswFromBytes(vm.cpu, hexBytes('0000000000F00000'), 0);
    vm.run(100);
    expect(vm.cpu.gpr[1]).toBe(7);
    expect(vm.state).toBe('cp-read');
  });

  it('an address between the storage and the segment is an addressing exception', () => {
    diag64(0x00);
    vm.cpu.gpr[2] = HOLE;
    vm.storage.load(0x800, hexBytes('58102000'));
    loadPswFromBytes(vm.cpu, hexBytes('0000000000000800'), 0);
    vm.run(100);
    expect(vm.storage.readHalf(0x2a)).toBe(0x0005);
    expect(vm.storage.readWord(0x2c) & 0xff_ffff).toBe(0x804);
  });

  it('DISPLAY shows the segment; the hole is NON-ADDRESSABLE STORAGE; STORE refuses it', () => {
    diag64(0x00);
    vm.toCpRead();
    expect(enter('D F00000.8')).toEqual(['F00000  41100007 82000F00']);
    // END is the end of the segment that holds the location.
    expect(enter('D F00FF0-END')).toEqual(['F00FF0  00000000 00000000 00000000 00000000']);
    expect(enter('D 800000')).toEqual(['DMKCDB164E HEXLOC 800000 NON-ADDRESSABLE STORAGE']);
    expect(enter('ST 800000 1')).toEqual(['DMKCDS164E HEXLOC 800000 NON-ADDRESSABLE STORAGE']);
    expect(enter('D FFFF8-100007')).toEqual(['0FFFF8  00000000 00000000', 'DMKCDB164E HEXLOC 100000 NON-ADDRESSABLE STORAGE']);
  });

  it('after PURGESYS the segment addresses are addressing exceptions again', () => {
    diag64(0x00);
    diag64(0x08);
    expect(vm.cpu.cc).toBe(0);
    loadPswFromBytes(vm.cpu, hexBytes('0000000000F00000'), 0);
    vm.run(100);
    expect(vm.storage.readHalf(0x2a)).toBe(0x0005);
  });

  it('IPL clears storage and releases the segment', () => {
    diag64(0x00);
    expect(vm.cpu.isAddressable(SEGMENT)).toBe(true);
    vm.systemReset(true);
    expect(vm.cpu.isAddressable(SEGMENT)).toBe(false);
  });
});
