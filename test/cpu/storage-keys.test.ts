// Key-controlled protection, fetch protection, low-address protection and the reference and change
// bits (GA22-7000, "Protection", "Reference and Change Recording"). Storage keys are held per 2K
// block as KKKKFRC0.

import { describe, expect, it } from 'vitest';
import { CODE_AT, execute, machine, peek, poke } from '../helpers/machine.ts';

const BLOCK = 0x800; // block 1: the operand; the code is in block 2
const FETCH_PROTECTED = 0x08;
const REFERENCE = 0x04;
const CHANGE = 0x02;

describe('store protection', () => {
  it('50 ST [RX]: a PSW key that does not match the storage key is a protection exception; nothing is stored', () => {
    const cpu = machine();
    cpu.key = 3;
    cpu.keys[1] = 0x40;
    cpu.gpr[1] = 0x1234_5678;
    const stop = execute(cpu, '50100800');
    expect(stop.code).toBe(0x04);
    expect(peek(cpu, BLOCK, 4)).toBe('00000000');
  });

  it('50 ST [RX]: a matching key stores and sets the reference and change bits', () => {
    const cpu = machine();
    cpu.key = 4;
    cpu.keys[1] = 0x40;
    cpu.gpr[1] = 0x1234_5678;
    expect(execute(cpu, '50100800').kind).toBe('budget');
    expect(peek(cpu, BLOCK, 4)).toBe('12345678');
    expect(cpu.keys[1]).toBe(0x40 | REFERENCE | CHANGE);
  });

  it('PSW key 0 stores into any block', () => {
    const cpu = machine();
    cpu.keys[1] = 0xf0 | FETCH_PROTECTED;
    cpu.gpr[1] = 7;
    expect(execute(cpu, '50100800').kind).toBe('budget');
    expect(cpu.storage.readWord(BLOCK)).toBe(7);
  });

  it('a block with storage key 0 is protected against every nonzero PSW key', () => {
    const cpu = machine();
    cpu.key = 1;
    expect(execute(cpu, '50100800').code).toBe(0x04);
  });

  it('a word crossing into a protected block is not stored at all', () => {
    const cpu = machine();
    cpu.key = 2;
    cpu.keys[1] = 0x20;
    cpu.keys[2] = 0x30;
    cpu.gpr[1] = -1;
    cpu.gpr[5] = 0x0ffe;
    poke(cpu, CODE_AT - 2, '0000');
    // The code block's key differs, but it is not fetch-protected, so the instruction can be fetched.
    const stop = execute(cpu, '50105000');
    expect(stop.code).toBe(0x04);
    expect(peek(cpu, 0x0ffe, 4)).toBe('0000' + peek(cpu, CODE_AT, 2));
  });
});

describe('fetch protection', () => {
  it('58 L [RX]: a fetch-protected block with another key is a protection exception', () => {
    const cpu = machine();
    cpu.key = 3;
    cpu.keys[1] = 0x50 | FETCH_PROTECTED;
    cpu.gpr[1] = 99;
    const stop = execute(cpu, '58100800');
    expect(stop.code).toBe(0x04);
    expect(cpu.gpr[1]).toBe(99);
  });

  it('58 L [RX]: a block without fetch protection can be read with any key; the reference bit is set', () => {
    const cpu = machine();
    cpu.key = 3;
    cpu.keys[1] = 0x50;
    cpu.storage.writeWord(BLOCK, 0xabcd);
    execute(cpu, '58100800');
    expect(cpu.gpr[1]).toBe(0xabcd);
    expect(cpu.keys[1]).toBe(0x50 | REFERENCE);
  });

  it('58 L [RX]: the matching key reads a fetch-protected block', () => {
    const cpu = machine();
    cpu.key = 5;
    cpu.keys[1] = 0x50 | FETCH_PROTECTED;
    cpu.storage.writeWord(BLOCK, 0x77);
    execute(cpu, '58100800');
    expect(cpu.gpr[1]).toBe(0x77);
  });

  it('PSW key 0 reads a fetch-protected block', () => {
    const cpu = machine();
    cpu.keys[1] = 0x50 | FETCH_PROTECTED;
    cpu.storage.writeWord(BLOCK, 0x66);
    execute(cpu, '58100800');
    expect(cpu.gpr[1]).toBe(0x66);
  });

  it('instruction fetch from a fetch-protected block with another key is a protection exception', () => {
    const cpu = machine();
    cpu.key = 3;
    cpu.keys[CODE_AT >>> 11] = 0x50 | FETCH_PROTECTED;
    expect(execute(cpu, '0700').code).toBe(0x04);
  });

  it('instruction fetch sets the reference bit of the block', () => {
    const cpu = machine();
    execute(cpu, '0700');
    expect(cpu.keys[CODE_AT >>> 11]! & REFERENCE).toBe(REFERENCE);
    expect(cpu.keys[CODE_AT >>> 11]! & CHANGE).toBe(0);
  });
});

describe('low-address protection', () => {
  it('with CR0 bit 3 on, stores to locations 0-511 are protection exceptions even with key 0', () => {
    const cpu = machine();
    cpu.cr[0] = 0x1000_00e0;
    cpu.stateChanged();
    cpu.gpr[1] = 1;
    expect(execute(cpu, '501001fc').code).toBe(0x04);
    expect(execute(cpu, '50100200').kind).toBe('budget');
    expect(cpu.storage.readWord(0x200)).toBe(1);
  });

  it('interruptions store old PSWs in low storage whatever the keys and low-address protection', () => {
    const cpu = machine({ interceptSvc: false });
    cpu.cr[0] = 0x1000_00e0;
    cpu.stateChanged();
    cpu.keys[0] = 0x70;
    cpu.key = 3;
    poke(cpu, 0x60, '00020000_00000500');
    execute(cpu, '0a11');
    expect(peek(cpu, 0x20, 8)).toBe('0030001140001002');
    expect(cpu.keys[0]! & (REFERENCE | CHANGE)).toBe(REFERENCE | CHANGE);
  });
});

describe('storage keys set by the program', () => {
  it('08 SSK [RR] then 50 ST [RX]: the new key protects the block', () => {
    const cpu = machine();
    cpu.gpr[2] = 0x30; // key 3, no fetch protection
    cpu.gpr[3] = BLOCK;
    execute(cpu, '0823');
    cpu.key = 4;
    expect(execute(cpu, '50100800').code).toBe(0x04);
    cpu.key = 3;
    expect(execute(cpu, '50100800').kind).toBe('budget');
  });

  it('08 SSK [RR] sets the reference and change bits from R1 bits 29-30', () => {
    const cpu = machine();
    cpu.keys[1] = REFERENCE | CHANGE;
    cpu.gpr[2] = 0x38;
    cpu.gpr[3] = BLOCK;
    execute(cpu, '0823');
    expect(cpu.keys[1]).toBe(0x38);
  });

  it('with DAT on, protection applies to the key of the real page frame', () => {
    const cpu = machine({ storageSize: 256 * 1024 });
    // 4K pages, 64K segments: virtual page X'3000' -> real X'8000'; page 0-1 identity.
    cpu.cr[0] = 0x0080_00e0;
    cpu.cr[1] = 0x0000_4000;
    cpu.storage.writeWord(0x4000, 0xf000_5000);
    for (let i = 0; i < 16; i++) cpu.storage.writeHalf(0x5000 + i * 2, 0x0008);
    cpu.storage.writeHalf(0x5000, 0x0000);
    cpu.storage.writeHalf(0x5002, 0x0010);
    cpu.storage.writeHalf(0x5006, 0x0080);
    cpu.ecMode = true;
    cpu.sysMask = 0x04;
    cpu.stateChanged();
    cpu.key = 6;
    cpu.keys[CODE_AT >>> 11] = 0x60;
    cpu.keys[0x8000 >>> 11] = 0x70;
    cpu.gpr[5] = 0x3000;
    expect(execute(cpu, '50105000').code).toBe(0x04);
    cpu.keys[0x8000 >>> 11] = 0x60;
    expect(execute(cpu, '50105000').kind).toBe('budget');
    expect(cpu.keys[0x8000 >>> 11]).toBe(0x60 | REFERENCE | CHANGE);
  });
});
