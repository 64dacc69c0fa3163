// DIAGNOSE X'100' (our CP extension for ASSEMBLE, src/cp/diagnose/assemble.ts) on a bare virtual
// machine whose registers and storage the test sets: totals, records in pieces, and the program
// exceptions bad parameter lists get.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/cp/diagnose/index.ts';
import { TranscriptTerminal } from '../../src/cp/vm/console.ts';
import { VirtualMachine } from '../../src/cp/vm/virtual-machine.ts';
import { ebcdicField, fromEbcdic } from '../../src/ebcdic/index.ts';

const STORAGE = 256 * 1024;
const PLIST = 0x1000;
const SOURCE = 0x2000;
const OBJECT = 0x4000;
const LISTING = 0x8000;
const TERMINAL = 0x2_0000;

describe("DIAGNOSE X'100' ASSEMBLE", () => {
  let vm: VirtualMachine;
  const diag = (rx: number, ry: number) => {
    vm.cpu.ilc = 4;
    diagnose(vm, (0x83 << 24) | (rx << 20) | (ry << 16) | 0x100);
  };
  /** The interruption code in the program old PSW (BC mode): 0 when none came (plist clears it). */
  const programCode = () => vm.storage.readHalf(0x2a);
  const word = (a: number) => vm.storage.readWord(a) >>> 0;
  /** The parameter list: the source's cards, then three streams (buffer, capacity, first). */
  const plist = (cards: string[], capacities: [number, number, number], firsts: [number, number, number] = [0, 0, 0]) => {
    cards.forEach((c, i) => vm.storage.bytes.set(ebcdicField(c, 80), SOURCE + i * 80));
    vm.storage.bytes.fill(0, PLIST, PLIST + 88);
    vm.storage.bytes.fill(0, 0x28, 0x30);
    vm.storage.writeWord(PLIST, SOURCE);
    vm.storage.writeWord(PLIST + 4, cards.length);
    vm.storage.bytes.set(ebcdicField('TEST', 8), PLIST + 8);
    [OBJECT, LISTING, TERMINAL].forEach((buffer, n) => {
      vm.storage.writeWord(PLIST + 16 + n * 20, buffer);
      vm.storage.writeWord(PLIST + 20 + n * 20, capacities[n]!);
      vm.storage.writeWord(PLIST + 24 + n * 20, firsts[n]!);
    });
    vm.cpu.gpr[2] = PLIST;
  };
  const stream = (n: number) => ({ total: word(PLIST + 28 + n * 20), stored: word(PLIST + 32 + n * 20) });
  const SOURCE_CARDS = ['TEST     CSECT', '         BR    14', 'DATA     DC    F\'1\'', '         END'];

  beforeEach(() => {
    vm = new VirtualMachine({ userid: 'TESTER', storageSize: STORAGE, terminal: new TranscriptTerminal(), time: { epoch: new Date(Date.UTC(1981, 3, 1)) } });
    vm.state = 'running';
    vm.storage.writeWord(0x68, 0);
    vm.storage.writeWord(0x6c, 0x0000_dead);
  });
  afterEach(() => vm.close());

  it('with capacities 0 it stores nothing and gives each stream\'s total; Ry = the return code', () => {
    plist(SOURCE_CARDS, [0, 0, 0]);
    vm.cpu.gpr[3] = 99;
    diag(2, 3);
    expect(programCode()).toBe(0);
    expect(vm.cpu.gpr[3]).toBe(0);
    expect(stream(0)).toEqual({ total: 3, stored: 0 }); // ESD, TXT, END: no address constant, no RLD
    expect(stream(1).total).toBeGreaterThan(10);
    expect(stream(2)).toEqual({ total: 2, stored: 0 }); // ASSEMBLER DONE, NO STATEMENTS FLAGGED
    expect(vm.storage.read(OBJECT, 80).every((b) => b === 0)).toBe(true);
  });

  it('the object deck: 80-byte cards; the listing: 121-byte lines with ASA control, in pieces', () => {
    plist(SOURCE_CARDS, [10, 1000, 10]);
    diag(2, 3);
    const { total } = stream(1);
    expect(stream(1).stored).toBe(total);
    expect(vm.storage.bytes[OBJECT]).toBe(0x02);
    expect(fromEbcdic(vm.storage.read(OBJECT + 1, 3))).toBe('ESD');
    const whole = fromEbcdic(vm.storage.read(LISTING, total * 121));
    expect(whole[0]).toBe('1');
    // The same lines three at a time.
    let pieces = '';
    for (let first = 0; first < total; first += 3) {
      plist(SOURCE_CARDS, [0, 3, 0], [0, first, 0]);
      diag(2, 3);
      expect(stream(1).stored).toBe(Math.min(3, total - first));
      pieces += fromEbcdic(vm.storage.read(LISTING, stream(1).stored * 121));
    }
    expect(pieces).toBe(whole);
    expect(fromEbcdic(vm.storage.read(TERMINAL, 121)).trimEnd()).toBe(' ASSEMBLER DONE');
  });

  it('an error: statements flagged and the severity at +76 and +80, the message in the terminal lines', () => {
    plist(['X        CSECT', '         L     1,NOSUCH', '         END'], [10, 100, 10]);
    diag(2, 3);
    expect(vm.cpu.gpr[3]).toBe(8);
    expect(word(PLIST + 76)).toBe(1);
    expect(word(PLIST + 80)).toBe(8);
    const lines = Array.from({ length: stream(2).stored }, (_, i) => fromEbcdic(vm.storage.read(TERMINAL + i * 121, 121)).slice(1).trimEnd());
    expect(lines).toContain('** IEV044 *** ERROR *** UNDEFINED SYMBOL - NOSUCH');
  });

  it('a parameter list off a fullword boundary is a specification exception', () => {
    plist(SOURCE_CARDS, [0, 0, 0]);
    vm.cpu.gpr[2] = PLIST + 2;
    diag(2, 3);
    expect(programCode()).toBe(0x06);
  });

  it('a source or buffer outside storage is an addressing exception, and nothing is stored', () => {
    plist(SOURCE_CARDS, [10, 10, 10]);
    vm.storage.writeWord(PLIST, STORAGE - 80);
    diag(2, 3);
    expect(programCode()).toBe(0x05);
    plist(SOURCE_CARDS, [10, 10, 10]);
    vm.storage.writeWord(PLIST + 36, STORAGE - 121 * 5);
    diag(2, 3);
    expect(programCode()).toBe(0x05);
    expect(vm.storage.read(OBJECT, 80).every((b) => b === 0)).toBe(true);
    expect(word(PLIST + 28)).toBe(0);
  });

  it('a capacity of 16M records or more is a specification exception', () => {
    plist(SOURCE_CARDS, [0x100_0000, 0, 0]);
    diag(2, 3);
    expect(programCode()).toBe(0x06);
  });
});
