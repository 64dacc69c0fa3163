// DISPLAY and STORE as the R6 CP Command Reference describes them, on a stopped virtual machine.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeGuest, type Guest } from '../trace/guest.ts';

describe('DISPLAY', () => {
  let g: Guest;
  beforeEach(() => {
    g = makeGuest();
    g.vm.toCpRead();
  });
  afterEach(() => g.vm.close());

  it('D hexloc shows one word, the location rounded down to a fullword', () => {
    expect(g.enter('D 802')).toEqual(['000800  41100005']);
  });

  it('D hexloc.len shows four words a line', () => {
    expect(g.enter('DISPLAY 800.14')).toEqual(['000800  41100005 41200007 1A1247F0 08100000', '000810  0A0C8200']);
  });

  it('D T shows the EBCDIC translation between asterisks, from an X\'10\' boundary', () => {
    g.vm.storage.load(0x4000, Uint8Array.from(Buffer.from('C8C5D3D3D6404040F1F2F30000000000', 'hex')));
    expect(g.enter('D T4004')).toEqual(['004000  C8C5D3D3 D6404040 F1F2F300 00000000  *HELLO   123.....*']);
  });

  it('identical lines after the first are suppressed and counted', () => {
    expect(g.enter('D 5000-503F')).toEqual(['005000  00000000 00000000 00000000 00000000', '005010 TO 00503F SUPPRESSED LINE(S) SAME AS ABOVE ...']);
  });

  it('D K shows the storage key of each 2K block', () => {
    g.vm.cpu.keys[2] = 0xe4;
    expect(g.enter('D K1000-17FF')).toEqual(['001000  KEY = E4']);
  });

  it('D G shows the general registers four a line; D G5 one; D G14-15 a range', () => {
    g.vm.cpu.gpr[5] = 0x1234;
    g.vm.cpu.gpr[15] = -1;
    const all = g.enter('D G');
    expect(all).toHaveLength(4);
    expect(all[1]).toBe('GPR 4 = 00000000 00001234 00000000 00000000');
    expect(g.enter('D G5')).toEqual(['GPR 5 = 00001234']);
    expect(g.enter('D G14-15')).toEqual(['GPR E = 00000000 FFFFFFFF']);
  });

  it('D Y shows the floating-point registers, D X the control registers', () => {
    g.vm.cpu.fpr[2] = 0x4110_0000;
    expect(g.enter('D Y2')).toEqual(['FPR 2 = 41100000 00000000']);
    expect(g.enter('D X0')).toEqual(['CR 0 = 000000E0']);
  });

  it('D PSW, D CAW and D CSW show the control words; several operands in one command', () => {
    g.vm.storage.writeWord(0x48, 0x0000_5000);
    expect(g.enter('D PSW CAW CSW')).toEqual(['PSW = 00000000 00000800', 'CAW = 00005000', 'CSW = 00000000 00000000']);
  });

  it('a location beyond the storage gives DMKCDB160E; a bad operand DMKCDB005E', () => {
    expect(g.enter('D 10000')).toEqual(['DMKCDB160E HEXLOC 010000 EXCEEDS STORAGE']);
    expect(g.enter('D FFF8-10007')).toEqual(['00FFF8  00000000 00000000', 'DMKCDB160E HEXLOC 010000 EXCEEDS STORAGE']);
    expect(g.enter('D 1000Q')).toEqual(['DMKCDB005E INVALID HEXLOC - 1000Q']);
    expect(g.enter('D G16')).toEqual(['DMKCDB010E INVALID REGISTER - G16']);
    expect(g.enter('D')).toEqual(['DMKCDB026E OPERAND MISSING OR INVALID']);
  });
});

describe('STORE', () => {
  let g: Guest;
  beforeEach(() => {
    g = makeGuest();
    g.vm.toCpRead();
  });
  afterEach(() => g.vm.close());

  it('ST hexloc stores fullwords, right-adjusted, from the location rounded down', () => {
    expect(g.enter('ST 4002 47F0 C1C2C3C4')).toEqual(['STORE COMPLETE']);
    expect(g.vm.storage.readWord(0x4000)).toBe(0x47f0);
    expect(g.vm.storage.readWord(0x4004)).toBe(0xc1c2_c3c4);
    // The block is referenced and changed.
    expect(g.vm.cpu.keys[0x4000 >>> 11]! & 0x06).toBe(0x06);
  });

  it('ST Shexloc stores bytes without alignment; an odd number of digits is refused', () => {
    expect(g.enter('STORE S4001 AABBCC')).toEqual(['STORE COMPLETE']);
    expect(Array.from(g.vm.storage.read(0x4000, 4))).toEqual([0, 0xaa, 0xbb, 0xcc]);
    expect(g.enter('ST S4001 ABC')).toEqual(['DMKCDS004E INVALID HEXDATA - ABC']);
  });

  it('ST Gn stores successive registers; past R15 nothing is stored', () => {
    expect(g.enter('ST G14 1 FFFFFFFF')).toEqual(['STORE COMPLETE']);
    expect(g.vm.cpu.gpr[14]).toBe(1);
    expect(g.vm.cpu.gpr[15]).toBe(-1);
    expect(g.enter('ST G15 1 2')).toEqual(['DMKCDS163E STORE EXCEEDS MAXIMUM REGISTER']);
    expect(g.vm.cpu.gpr[15]).toBe(-1);
  });

  it('ST Yn stores a doubleword per floating-point register, ST Xn a control register', () => {
    g.enter('ST Y4 4120000000000001');
    expect([g.vm.cpu.fpr[4], g.vm.cpu.fpr[5]]).toEqual([0x4120_0000, 1]);
    g.enter('ST X15 400');
    expect(g.vm.cpu.cr[15]).toBe(0x400);
  });

  it('ST PSW with one word changes the instruction address; with two, the whole PSW', () => {
    g.enter('ST PSW 2000');
    expect(g.vm.cpu.ia).toBe(0x2000);
    g.enter('ST PSW 00040000 00003000');
    expect(g.vm.cpu.machineCheckMask).toBe(true);
    expect(g.vm.cpu.ia).toBe(0x3000);
  });

  it('ST STATUS saves the PSW and registers in low storage', () => {
    g.vm.cpu.gpr[3] = 0x33;
    expect(g.enter('ST STATUS')).toEqual(['STORE COMPLETE']);
    expect(g.vm.storage.readWord(0x104)).toBe(0x800);
    expect(g.vm.storage.readWord(0x180 + 12)).toBe(0x33);
  });

  it('beyond the storage nothing is stored (DMKCDS160E); bad data gives DMKCDS004E', () => {
    expect(g.enter('ST FFFC 1 2')).toEqual(['DMKCDS160E HEXLOC 010000 EXCEEDS STORAGE']);
    expect(g.vm.storage.readWord(0xfffc)).toBe(0);
    expect(g.enter('ST 4000 12345678X')).toEqual(['DMKCDS004E INVALID HEXDATA - 12345678X']);
    expect(g.enter('ST 4000')).toEqual(['DMKCDS026E OPERAND MISSING OR INVALID']);
  });

  it('DISPLAY and STORE need class G', () => {
    g.vm.owner = { classes: 'A' };
    expect(g.enter('D G')).toEqual(['DMKCFC001E ?CP: D']);
  });
});
