// Storage with holes (Principles of Operation, "Addressing Exception"): a virtual machine's defined
// storage, then nothing until a loaded saved segment. The CPU and the channel apply one rule.

import { describe, expect, it } from 'vitest';
import { ChannelStatus } from '../../src/arch/channel.ts';
import { DataCursor, fetchCcw } from '../../src/channel/storage-access.ts';
import { Cpu } from '../../src/cpu/cpu.ts';
import { SegmentedStorage } from '../../src/cpu/segmented-storage.ts';

const ADDRESSING = 0x05;
const LIMIT = 0x10_0000;
const SEGMENT = 0x1f_0000;
const END = 0x20_0000;

function machine(): { cpu: Cpu; storage: SegmentedStorage } {
  const storage = new SegmentedStorage(END, LIMIT);
  const cpu = new Cpu({ storage, interceptProgram: true });
  return { cpu, storage };
}

/** Runs one instruction at X'400' (or `at`); returns the program-interruption code or 0. */
function step(cpu: Cpu, hex: string, at = 0x400): number {
  cpu.mem.set(Buffer.from(hex, 'hex'), at);
  cpu.ia = at;
  const stop = cpu.run(1);
  return stop.kind === 'program' ? stop.code : 0;
}

describe('storage with holes: the CPU', () => {
  it('the addressing limit is the defined storage, not the size of the array', () => {
    const { cpu } = machine();
    expect(cpu.memSize).toBe(LIMIT);
    expect(cpu.storage.size).toBe(END);
  });

  it('58 L [RX] from the hole between the storage and a segment is an addressing exception', () => {
    const { cpu } = machine();
    cpu.gpr[2] = 0x18_0000;
    expect(step(cpu, '58102000')).toBe(ADDRESSING);
  });

  it('50 ST [RX] into the hole is an addressing exception and stores nothing', () => {
    const { cpu } = machine();
    cpu.gpr[1] = 0x1234;
    cpu.gpr[2] = LIMIT;
    expect(step(cpu, '50102000')).toBe(ADDRESSING);
    expect(cpu.mem[LIMIT]).toBe(0);
  });

  it('once a segment is loaded its addresses can be fetched and stored; the hole stays', () => {
    const { cpu, storage } = machine();
    storage.addRange(SEGMENT, END);
    cpu.mem.set([0x12, 0x34, 0x56, 0x78], SEGMENT);
    cpu.gpr[2] = SEGMENT;
    expect(step(cpu, '58102000')).toBe(0);
    expect(cpu.gpr[1]).toBe(0x1234_5678);
    expect(step(cpu, '50102004')).toBe(0);
    expect(cpu.storage.readWord(SEGMENT + 4)).toBe(0x1234_5678);
    cpu.gpr[2] = SEGMENT - 4;
    expect(step(cpu, '58102000')).toBe(ADDRESSING);
  });

  it('instructions run from a segment above the limit, also across a 2K boundary', () => {
    const { cpu, storage } = machine();
    storage.addRange(SEGMENT, END);
    expect(step(cpu, '41100001', SEGMENT + 0x100)).toBe(0);
    expect(cpu.gpr[1]).toBe(1);
    // MVC at X'..7FE' straddles two 2K blocks: the slow fetch path.
    expect(step(cpu, 'D200 2000 2004'.replace(/ /g, ''), SEGMENT + 0x7fc)).toBe(0);
    expect(cpu.ia).toBe(SEGMENT + 0x802);
  });

  it('an instruction fetched from the hole is an addressing exception', () => {
    const { cpu } = machine();
    cpu.ia = 0x18_0000;
    expect(cpu.run(1).kind).toBe('program');
    expect(cpu.stop.code).toBe(ADDRESSING);
  });

  it('08 SSK [RR] and B213 RRB [S] on a block in the hole are addressing exceptions', () => {
    const { cpu } = machine();
    cpu.gpr[2] = 0x18_0000;
    expect(step(cpu, '0802')).toBe(ADDRESSING);
    expect(step(cpu, 'B2132000')).toBe(ADDRESSING);
    cpu.gpr[2] = 0x800;
    expect(step(cpu, 'B2132000')).toBe(0);
  });

  it('clearing storage (IPL, SYSTEM CLEAR) releases the segments', () => {
    const { cpu, storage } = machine();
    storage.addRange(SEGMENT, END);
    expect(cpu.isAddressable(SEGMENT)).toBe(true);
    storage.clear();
    expect(cpu.isAddressable(SEGMENT)).toBe(false);
    expect(cpu.isAddressable(LIMIT - 1)).toBe(true);
  });

  it('ranges merge and can be removed again (PURGESYS)', () => {
    const { storage } = machine();
    storage.addRange(0x1e_0000, 0x1e_8000);
    storage.addRange(0x1e_8000, 0x1f_0000);
    expect(storage.availableRanges()).toEqual([[0x1e_0000, 0x1f_0000]]);
    storage.removeRange(0x1e_4000, 0x1e_8000);
    expect(storage.availableRanges()).toEqual([[0x1e_0000, 0x1e_4000], [0x1e_8000, 0x1f_0000]]);
    expect(storage.isAddressable(0x1e_5000)).toBe(false);
  });
});

describe('storage with holes: the channel', () => {
  it('a CCW in the hole is a program check; in a loaded segment it is fetched', () => {
    const { storage } = machine();
    expect(fetchCcw(storage, 0, 0x18_0000)).toBe(ChannelStatus.programCheck);
    storage.addRange(SEGMENT, END);
    storage.writeWord(SEGMENT, 0x0200_5000);
    storage.writeWord(SEGMENT + 4, 0x2000_0050);
    expect(fetchCcw(storage, 0, SEGMENT)).toMatchObject({ command: 0x02, dataAddress: 0x5000, count: 0x50 });
  });

  it('data running from the defined storage into the hole stops with a program check', () => {
    const { storage } = machine();
    const cursor = new DataCursor(storage, 0, LIMIT - 1, true, false, false);
    expect(cursor.next()).toBe(LIMIT - 1);
    expect(cursor.next()).toBe(-ChannelStatus.programCheck);
  });
});
