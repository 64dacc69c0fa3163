// DIAGNOSE functions one by one, on a virtual machine whose registers and storage the test sets.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/cp/diagnose/index.ts';
import { SavedSystemRegistry } from '../../../src/cp/nss/registry.ts';
import { SavedSystem } from '../../../src/cp/nss/saved-system.ts';
import { TranscriptTerminal } from '../../../src/cp/vm/console.ts';
import { VirtualMachine } from '../../../src/cp/vm/virtual-machine.ts';
import { ebcdicField, fromEbcdic, toEbcdic } from '../../../src/ebcdic/index.ts';

const STORAGE = 256 * 1024;

/** A 2-page segment whose pages are filled with `fill`; its keys say key 5. */
function segment(name: string, address: number, fill: number): SavedSystem {
  const bytes = new Uint8Array(4096 * 3);
  bytes.fill(0x54, 168, 168 + 4); // four 2K blocks, key 5 with the reference bit
  bytes.fill(fill, 4096);
  return new SavedSystem({ name, address, ipl: false }, bytes);
}

describe('DIAGNOSE in a virtual machine', () => {
  let vm: VirtualMachine;
  let terminal: TranscriptTerminal;

  /** Runs DIAGNOSE Rx,Ry,code. */
  const diag = (rx: number, ry: number, code: number) => {
    vm.cpu.ilc = 2;
    diagnose(vm, (0x83 << 24) | (rx << 20) | (ry << 16) | code);
  };
  const gpr = (r: number) => vm.cpu.gpr[r]! >>> 0;
  /** The interruption code in the program old PSW (BC mode), or -1 if no program interruption. */
  const programCode = () => (vm.storage.readWord(0x68 + 4) === 0x0000_dead ? vm.storage.readHalf(0x2a) : -1);

  beforeEach(() => {
    terminal = new TranscriptTerminal();
    vm = new VirtualMachine({
      userid: 'TESTER',
      storageSize: STORAGE,
      terminal,
      time: { epoch: new Date(Date.UTC(1981, 3, 1, 13, 14, 15)) },
      savedSystems: new SavedSystemRegistry([segment('LOWSEG', 0x2_0000, 0xaa), segment('HIGHSEG', 0x8_0000, 0xbb)]),
    });
    vm.state = 'running';
    // A program new PSW that marks a program interruption.
    vm.storage.writeWord(0x68, 0);
    vm.storage.writeWord(0x6c, 0x0000_dead);
  });

  afterEach(() => vm.close());

  it("X'00' stores the extended identification, as many bytes as Ry asks", () => {
    vm.cpu.gpr[2] = 0x1000;
    vm.cpu.gpr[3] = 24;
    diag(2, 3, 0x00);
    expect(fromEbcdic(vm.storage.read(0x1000, 8))).toBe('VM/370  ');
    expect(fromEbcdic(vm.storage.read(0x1010, 8))).toBe('TESTER  ');
    expect(vm.storage.read(0x1018, 8).every((b) => b === 0)).toBe(true);
  });

  it("X'0C' stores date, time and the CPU times; a misaligned area is a specification exception", () => {
    vm.cpu.gpr[4] = 0x2000;
    vm.cpu.cc = 2;
    diag(4, 0, 0x0c);
    expect(fromEbcdic(vm.storage.read(0x2000, 16))).toBe('04/01/8113:14:15');
    expect(vm.cpu.cc).toBe(2);
    vm.cpu.gpr[4] = 0x2004;
    diag(4, 0, 0x0c);
    expect(programCode()).toBe(0x06);
  });

  it("X'10' releases whole pages: they read as zeros", () => {
    vm.storage.bytes.fill(0x77, 0x3000, 0x6000);
    vm.cpu.gpr[2] = 0x4000;
    vm.cpu.gpr[3] = 0x4000;
    diag(2, 3, 0x10);
    expect(vm.storage.bytes[0x3fff]).toBe(0x77);
    expect(vm.storage.read(0x4000, 0x1000).every((b) => b === 0)).toBe(true);
    expect(vm.storage.bytes[0x5000]).toBe(0x77);
  });

  it("X'24' with -1 finds the console; an unknown device is CC 3", () => {
    vm.cpu.gpr[2] = -1;
    diag(2, 4, 0x24);
    expect(vm.cpu.cc).toBe(0);
    expect(gpr(2)).toBe(0x009);
    expect(gpr(4)).toBe(0x8000_0000);
    expect(gpr(5)).toBe(0x8000_0082);
    vm.cpu.gpr[2] = 0x00c;
    diag(2, 4, 0x24);
    expect(gpr(4)).toBe(0x2082_0000);
    vm.cpu.gpr[2] = 0x123;
    diag(2, 4, 0x24);
    expect(vm.cpu.cc).toBe(3);
  });

  it("X'5C' edits a message as SET EMSG says", () => {
    const run = (setting: typeof vm.emsg) => {
      vm.emsg = setting;
      vm.cpu.gpr[6] = 0x5000;
      vm.cpu.gpr[7] = 40;
      diag(6, 7, 0x5c);
      return [gpr(6), gpr(7)];
    };
    expect(run('ON')).toEqual([0x5000, 40]);
    expect(run('TEXT')).toEqual([0x500b, 29]);
    expect(run('CODE')).toEqual([0x5000, 10]);
    expect(run('OFF')[1]).toBe(0);
  });

  it("X'60' gives the defined storage size", () => {
    diag(9, 0, 0x60);
    expect(gpr(9)).toBe(STORAGE);
  });

  it("X'64' FINDSYS, LOADSYS, PURGESYS of a segment beyond the machine's storage", () => {
    vm.storage.bytes.set(ebcdicField('HIGHSEG', 8), 0x1000);
    vm.cpu.gpr[2] = 0x1000;
    const call = (subcode: number) => {
      vm.cpu.gpr[2] = 0x1000;
      vm.cpu.gpr[3] = subcode;
      diag(2, 3, 0x64);
      return vm.cpu.cc;
    };
    expect(call(0x0c)).toBe(1); // exists, not loaded
    expect([gpr(2), gpr(3)]).toEqual([0x8_0000, 0x8_1fff]);
    expect(call(0x00)).toBe(0); // loaded beyond the defined storage
    expect(gpr(2)).toBe(0x8_0000);
    expect(vm.storage.bytes[0x8_1000]).toBe(0xbb);
    expect(vm.storage.keys[0x8_0000 >>> 11]).toBe(0x54);
    expect(call(0x0c)).toBe(0); // loaded
    expect(call(0x08)).toBe(0); // purged: zeros
    expect(vm.storage.bytes[0x8_1000]).toBe(0);
    expect(call(0x08)).toBe(1); // not loaded any more
  });

  it("X'64' LOADSYS inside the defined storage is CC 1; an unknown name CC 2 with 44; a bad subcode a specification exception", () => {
    vm.storage.bytes.set(ebcdicField('LOWSEG', 8), 0x1000);
    vm.cpu.gpr[2] = 0x1000;
    vm.cpu.gpr[3] = 0x04;
    diag(2, 3, 0x64);
    expect(vm.cpu.cc).toBe(1);
    expect(gpr(3)).toBe(0x2_1fff);
    vm.storage.bytes.set(ebcdicField('NOSUCH', 8), 0x1000);
    vm.cpu.gpr[3] = 0x00;
    diag(2, 3, 0x64);
    expect([vm.cpu.cc, gpr(3)]).toEqual([2, 44]);
    vm.cpu.gpr[3] = 0x10;
    diag(2, 3, 0x64);
    expect(programCode()).toBe(0x06);
  });

  it("X'08' to the terminal, to a buffer, and a buffer too small (CC 1 with the bytes left over)", () => {
    const command = (text: string) => {
      vm.storage.bytes.set(toEbcdic(text), 0x1000);
      return text.length;
    };
    vm.cpu.gpr[2] = 0x1000;
    vm.cpu.gpr[4] = command('QUERY USERID');
    diag(2, 4, 0x08);
    expect(terminal.lines).toEqual(['TESTER AT VM370']);
    expect(gpr(4)).toBe(0);

    vm.cpu.gpr[3] = 0x2000;
    vm.cpu.gpr[4] = (0x4000_0000 | command('QUERY USERID')) >>> 0;
    vm.cpu.gpr[5] = 100;
    diag(2, 4, 0x08);
    expect([vm.cpu.cc, gpr(4), gpr(5)]).toEqual([0, 0, 16]);
    expect(fromEbcdic(vm.storage.read(0x2000, 16))).toBe('TESTER AT VM370\u0085');

    vm.cpu.gpr[4] = (0x4000_0000 | command('QUERY USERID')) >>> 0;
    vm.cpu.gpr[5] = 10;
    diag(2, 4, 0x08);
    expect([vm.cpu.cc, gpr(5)]).toEqual([1, 16]);
  });

  it("X'08': an unknown command gives completion code 1 (no message); several commands stop at the first error", () => {
    vm.storage.bytes.set(toEbcdic('XYZZY\u0085QUERY USERID'), 0x1000);
    vm.cpu.gpr[2] = 0x1000;
    vm.cpu.gpr[4] = 18;
    diag(2, 4, 0x08);
    expect(gpr(4)).toBe(1);
    expect(terminal.lines).toEqual([]);
  });

  it("X'08' with no command puts the machine in CP READ", () => {
    vm.cpu.gpr[4] = 0x8000_0000 | 0;
    diag(2, 4, 0x08);
    expect(vm.state).toBe('cp-read');
  });

  it("X'68' VMCF: UNAUTHORIZE before AUTHORIZE is return code 4; AUTHORIZE, then UNAUTHORIZE, 0", () => {
    const vmcf = (subfunction: number) => {
      vm.storage.bytes.fill(0, 0x1000, 0x1028);
      vm.storage.writeHalf(0x1002, subfunction);
      vm.cpu.gpr[1] = 0x1000;
      diag(1, 2, 0x68);
      return gpr(2);
    };
    expect(vmcf(1)).toBe(4);
    expect(vmcf(0)).toBe(0);
    expect(vmcf(2)).toBe(5); // SEND: nobody to talk to yet
    expect(vmcf(1)).toBe(0);
    expect(vmcf(0x20)).toBe(2);
  });

  it('an unknown code is a specification exception, and CP notes it', () => {
    diag(1, 2, 0x1fc);
    expect(programCode()).toBe(0x06);
    expect(vm.notices).toEqual(["DIAGNOSE X'1FC' is not supported"]);
  });
});
