// Dynamic address translation (GA22-7000, "Dynamic Address Translation"): segment and page tables
// built in storage for each of the four translation formats, the exceptions in their order of
// recognition, the TLB and LOAD REAL ADDRESS.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Cpu } from '../../src/cpu/cpu.ts';
import { CODE_AT, execute, hexBytes, machine, peek, reg } from '../helpers/machine.ts';

type PageSize = '2K' | '4K';
type SegmentSize = '64K' | '1M';

const SEGMENT_TABLE = 0x1_0000;
const PAGE_TABLES = 0x1_2000;
const LAYOUTS: [PageSize, SegmentSize][] = [
  ['2K', '64K'],
  ['4K', '64K'],
  ['2K', '1M'],
  ['4K', '1M'],
];

/** Segment and page tables in storage for one translation format. */
class Tables {
  readonly pageSize: number;
  readonly segmentSize: number;
  readonly pagesPerSegment: number;
  constructor(
    readonly cpu: Cpu,
    readonly page: PageSize,
    readonly segment: SegmentSize,
    segmentTableLength = 15,
  ) {
    this.pageSize = page === '2K' ? 0x800 : 0x1000;
    this.segmentSize = segment === '64K' ? 0x1_0000 : 0x10_0000;
    this.pagesPerSegment = this.segmentSize / this.pageSize;
    cpu.cr[0] = (page === '2K' ? 0x0040_0000 : 0x0080_0000) | (segment === '1M' ? 0x0010_0000 : 0) | 0xe0;
    cpu.cr[1] = (segmentTableLength << 24) | SEGMENT_TABLE;
    const entries = segment === '64K' ? 256 : 16;
    for (let sx = 0; sx < entries; sx++) cpu.storage.writeWord(SEGMENT_TABLE + sx * 4, 0x0000_0001);
    cpu.stateChanged();
  }

  steAddress(virtual: number): number {
    return SEGMENT_TABLE + Math.floor(virtual / this.segmentSize) * 4;
  }

  pageTableOrigin(virtual: number): number {
    return PAGE_TABLES + Math.floor(virtual / this.segmentSize) * this.pagesPerSegment * 2;
  }

  pteAddress(virtual: number): number {
    return this.pageTableOrigin(virtual) + Math.floor((virtual % this.segmentSize) / this.pageSize) * 2;
  }

  invalidPte(): number {
    return this.page === '2K' ? 0x0004 : 0x0008;
  }

  pte(real: number): number {
    return this.page === '2K' ? (real >>> 11) << 3 : (real >>> 12) << 4;
  }

  /** Maps the page holding `virtual` to the frame at `real`; the segment gets a full page table. */
  map(virtual: number, real: number, pageTableLength = 15): void {
    const ste = this.steAddress(virtual);
    const pto = this.pageTableOrigin(virtual);
    if ((this.cpu.storage.readWord(ste) & 1) !== 0) {
      for (let i = 0; i < this.pagesPerSegment; i++) this.cpu.storage.writeHalf(pto + i * 2, this.invalidPte());
    }
    this.cpu.storage.writeWord(ste, (pageTableLength << 28) | pto);
    this.cpu.storage.writeHalf(this.pteAddress(virtual), this.pte(real));
  }

  /** Identity-maps low storage (low core and the code at CODE_AT). */
  mapLow(): void {
    for (let a = 0; a < 0x2000; a += this.pageSize) this.map(a, a);
  }
}

/** A machine with 512K, EC mode, DAT on, the tables for the format and low storage identity-mapped. */
function translating(page: PageSize, segment: SegmentSize): { cpu: Cpu; tables: Tables } {
  const cpu = machine({ storageSize: 512 * 1024 });
  const tables = new Tables(cpu, page, segment);
  tables.mapLow();
  cpu.ecMode = true;
  cpu.sysMask = 0x04;
  cpu.stateChanged();
  return { cpu, tables };
}

describe.each(LAYOUTS)('%s pages, %s segments', (page, segment) => {
  it('58 L [RX] with DAT on fetches from the page frame the tables name', () => {
    const { cpu, tables } = translating(page, segment);
    const virtual = 3 * tables.segmentSize + 5 * tables.pageSize + 0x124;
    tables.map(virtual, 0x4_0000);
    cpu.storage.writeWord(0x4_0124, 0xcafe_f00d);
    cpu.gpr[5] = virtual;
    const stop = execute(cpu, '58105000');
    expect(stop.kind).toBe('budget');
    expect(cpu.gpr[1]! >>> 0).toBe(0xcafe_f00d);
  });

  it('50 ST [RX] with DAT on stores in the frame and sets its change bit', () => {
    const { cpu, tables } = translating(page, segment);
    const virtual = 2 * tables.segmentSize + 7 * tables.pageSize + 0x20;
    tables.map(virtual, 0x5_0000);
    cpu.gpr[1] = 0x0102_0304;
    cpu.gpr[5] = virtual;
    execute(cpu, '50105000');
    expect(peek(cpu, 0x5_0020, 4)).toBe('01020304');
    expect(cpu.keys[0x5_0000 >>> 11]! & 0x06).toBe(0x06);
  });

  it('B1 LRA [RX]: CC 0 and the real address, whether DAT is on or off', () => {
    const { cpu, tables } = translating(page, segment);
    const virtual = 1 * tables.segmentSize + 3 * tables.pageSize + 0x7fe;
    tables.map(virtual, 0x6_0000);
    cpu.gpr[5] = virtual;
    cpu.gpr[1] = -1;
    execute(cpu, 'b1105000');
    expect(cpu.cc).toBe(0);
    expect(cpu.gpr[1]).toBe(0x6_07fe);
    cpu.ecMode = false;
    cpu.sysMask = 0;
    cpu.stateChanged();
    cpu.gpr[1] = 0;
    execute(cpu, 'b1105000');
    expect(cpu.gpr[1]).toBe(0x6_07fe);
  });

  it('B1 LRA [RX]: CC 1 with the segment-table entry address for an invalid segment', () => {
    const { cpu, tables } = translating(page, segment);
    const virtual = 4 * tables.segmentSize;
    cpu.gpr[5] = virtual;
    execute(cpu, 'b1105000');
    expect(cpu.cc).toBe(1);
    expect(cpu.gpr[1]).toBe(tables.steAddress(virtual));
  });

  it('B1 LRA [RX]: CC 2 with the page-table entry address for an invalid page', () => {
    const { cpu, tables } = translating(page, segment);
    const virtual = 4 * tables.segmentSize + 9 * tables.pageSize;
    tables.map(4 * tables.segmentSize, 0x4_0000);
    cpu.gpr[5] = virtual;
    execute(cpu, 'b1105000');
    expect(cpu.cc).toBe(2);
    expect(cpu.gpr[1]).toBe(tables.pteAddress(virtual));
  });

  it('B1 LRA [RX]: CC 3 with the page-table entry address beyond the page-table length', () => {
    const { cpu, tables } = translating(page, segment);
    const base = 4 * tables.segmentSize;
    tables.map(base, 0x4_0000, 0);
    // PTL 0: the table holds the first sixteenth of the segment's pages.
    const virtual = base + (tables.pagesPerSegment / 16) * tables.pageSize;
    cpu.gpr[5] = virtual;
    execute(cpu, 'b1105000');
    expect(cpu.cc).toBe(3);
    expect(cpu.gpr[1]).toBe(tables.pteAddress(virtual));
    cpu.gpr[5] = base;
    execute(cpu, 'b1105000');
    expect(cpu.cc).toBe(0);
  });

  it('a page-translation exception nullifies and stores the virtual address at X90', () => {
    const { cpu, tables } = translating(page, segment);
    const virtual = 5 * tables.segmentSize + 2 * tables.pageSize + 0x10;
    tables.map(5 * tables.segmentSize, 0x4_0000);
    cpu.gpr[5] = virtual;
    const stop = execute(cpu, '58105000');
    expect(stop.kind).toBe('program');
    expect(stop.code).toBe(0x11);
    expect(cpu.ia).toBe(CODE_AT);
    expect(cpu.storage.readWord(0x90)).toBe(virtual);
  });

  it('a segment-translation exception nullifies and stores the virtual address at X90', () => {
    const { cpu, tables } = translating(page, segment);
    const virtual = 6 * tables.segmentSize + 0x44;
    cpu.gpr[5] = virtual;
    const stop = execute(cpu, '58105000');
    expect(stop.code).toBe(0x10);
    expect(cpu.ia).toBe(CODE_AT);
    expect(cpu.storage.readWord(0x90)).toBe(virtual);
  });

  it('a one in a page-table-entry bit that must be zero is a translation-specification exception', () => {
    const { cpu, tables } = translating(page, segment);
    const virtual = 7 * tables.segmentSize;
    tables.map(virtual, 0x4_0000);
    cpu.storage.writeHalf(tables.pteAddress(virtual), tables.pte(0x4_0000) | 0x0002);
    cpu.gpr[5] = virtual;
    const stop = execute(cpu, '58105000');
    expect(stop.code).toBe(0x12);
    // Suppressed: the old PSW points past the instruction, X'90' is not stored.
    expect(cpu.ia).toBe(CODE_AT + 4);
    expect(cpu.storage.readWord(0x90)).toBe(0);
  });

  it('a format error in an invalid page-table entry is not recognized: page-translation exception', () => {
    const { cpu, tables } = translating(page, segment);
    const virtual = 7 * tables.segmentSize;
    tables.map(virtual, 0x4_0000);
    cpu.storage.writeHalf(tables.pteAddress(virtual), tables.invalidPte() | 0x0002);
    cpu.gpr[5] = virtual;
    expect(execute(cpu, '58105000').code).toBe(0x11);
  });

  it('a one in segment-table-entry bits 4-7 of a valid entry is a translation-specification exception', () => {
    const { cpu, tables } = translating(page, segment);
    const virtual = 8 * tables.segmentSize;
    tables.map(virtual, 0x4_0000);
    const ste = tables.steAddress(virtual);
    cpu.storage.writeWord(ste, cpu.storage.readWord(ste) | 0x0100_0000);
    cpu.gpr[5] = virtual;
    expect(execute(cpu, '58105000').code).toBe(0x12);
    expect(execute(cpu, 'b1105000').code).toBe(0x12);
  });

  it('instruction fetch from an invalid page is a page-translation exception for the instruction address', () => {
    const { cpu, tables } = translating(page, segment);
    const virtual = 9 * tables.segmentSize + 4 * tables.pageSize;
    tables.map(9 * tables.segmentSize, 0x4_0000);
    cpu.ia = virtual;
    const stop = cpu.run(1);
    expect(stop.code).toBe(0x11);
    expect(cpu.ia).toBe(virtual);
    expect(cpu.storage.readWord(0x90)).toBe(virtual);
  });

  it('instructions run from translated storage', () => {
    const { cpu, tables } = translating(page, segment);
    const virtual = 10 * tables.segmentSize + tables.pageSize;
    tables.map(virtual, 0x4_0000);
    cpu.storage.load(0x4_0000, Uint8Array.of(0x41, 0x20, 0x00, 0x07)); // LA 2,7
    cpu.ia = virtual;
    expect(cpu.run(1).kind).toBe('budget');
    expect(cpu.gpr[2]).toBe(7);
    expect(cpu.ia).toBe(virtual + 4);
  });
});

describe('segment-table length and format', () => {
  it('a segment index beyond the segment-table length is a segment-translation exception; LRA sets CC 3', () => {
    const cpu = machine({ storageSize: 512 * 1024 });
    const tables = new Tables(cpu, '4K', '64K', 0);
    tables.mapLow();
    cpu.ecMode = true;
    cpu.sysMask = 0x04;
    cpu.stateChanged();
    // STL 0: 16 entries, segments 0-15 (virtual addresses below X'100000').
    cpu.gpr[5] = 0x10_0000;
    expect(execute(cpu, '58105000').code).toBe(0x10);
    expect(cpu.storage.readWord(0x90)).toBe(0x10_0000);
    execute(cpu, 'b1105000');
    expect(cpu.cc).toBe(3);
    expect(cpu.gpr[1]).toBe(SEGMENT_TABLE + 16 * 4);
    cpu.gpr[5] = 0x0f_0000;
    execute(cpu, 'b1105000');
    expect(cpu.cc).toBe(1);
  });

  for (const [cr0, what] of [
    [0x0000_0000, 'page-size code 00'],
    [0x00c0_0000, 'page-size code 11'],
    [0x0088_0000, 'segment-size code 01'],
    [0x00a0_0000, 'a one in CR0 bit 10'],
  ] as const) {
    it(`B1 LRA [RX]: ${what} in CR0 is a translation-specification exception`, () => {
      const cpu = machine();
      cpu.cr[0] = cr0;
      expect(execute(cpu, 'b1105000').code).toBe(0x12);
    });
  }

  it('an invalid CR0 format with DAT on is recognized at the instruction fetch', () => {
    const cpu = machine();
    cpu.cr[0] = 0x00c0_0000;
    cpu.ecMode = true;
    cpu.sysMask = 0x04;
    cpu.stateChanged();
    expect(execute(cpu, '0700').code).toBe(0x12);
  });

  it('a segment-table entry outside storage is an addressing exception', () => {
    const cpu = machine();
    cpu.cr[0] = 0x0080_0000;
    cpu.cr[1] = 0x0f00_0000 | 0x4_0000; // beyond the 64K machine
    cpu.gpr[5] = 0x1000;
    expect(execute(cpu, 'b1105000').code).toBe(0x05);
  });

  it('BC mode never translates: PSW bit 5 is a channel mask there', () => {
    const cpu = machine({ storageSize: 512 * 1024 });
    new Tables(cpu, '4K', '64K');
    cpu.sysMask = 0x04;
    cpu.stateChanged();
    expect(cpu.datOn).toBe(false);
    cpu.storage.writeWord(0x3000, 42);
    cpu.gpr[5] = 0x3000;
    execute(cpu, '58105000');
    expect(cpu.gpr[1]).toBe(42);
  });

  it('a word crossing a 2K page boundary is fetched from two frames', () => {
    const { cpu, tables } = translating('2K', '64K');
    tables.map(0x2_0000, 0x5_0000);
    tables.map(0x2_0800, 0x4_0000);
    cpu.storage.load(0x5_07fe, Uint8Array.of(0xaa, 0xbb));
    cpu.storage.load(0x4_0000, Uint8Array.of(0xcc, 0xdd));
    cpu.gpr[5] = 0x2_07fe;
    execute(cpu, '58105000');
    expect(cpu.gpr[1]! >>> 0).toBe(0xaabb_ccdd);
  });
});

describe('TLB', () => {
  function remapped(): { cpu: Cpu; tables: Tables } {
    const { cpu, tables } = translating('4K', '64K');
    tables.map(0x3_0000, 0x4_0000);
    cpu.storage.writeWord(0x4_0000, 0x1111);
    cpu.storage.writeWord(0x5_0000, 0x2222);
    cpu.gpr[5] = 0x3_0000;
    execute(cpu, '58105000');
    expect(cpu.gpr[1]).toBe(0x1111);
    // The page-table entry is changed behind the TLB's back.
    cpu.storage.writeHalf(tables.pteAddress(0x3_0000), tables.pte(0x5_0000));
    return { cpu, tables };
  }

  it('a changed page-table entry is not seen while the TLB holds the old translation', () => {
    const { cpu } = remapped();
    execute(cpu, '58105000');
    expect(cpu.gpr[1]).toBe(0x1111);
  });

  it('B20D PTLB [S]: after the purge the new translation is used', () => {
    const { cpu } = remapped();
    execute(cpu, 'b20d0000', '58105000');
    expect(cpu.gpr[1]).toBe(0x2222);
  });

  it('B20D PTLB [S]: in the problem state, privileged-operation exception', () => {
    const cpu = machine();
    cpu.problemState = true;
    expect(execute(cpu, 'b20d0000').code).toBe(0x02);
  });

  it('B7 LCTL [RS]: loading CR1 purges the TLB', () => {
    const { cpu } = remapped();
    cpu.storage.writeWord(0x800, cpu.cr[1]!);
    execute(cpu, 'b7110800', '58105000');
    expect(cpu.gpr[1]).toBe(0x2222);
  });

  it('B7 LCTL [RS]: loading CR0 purges the TLB', () => {
    const { cpu } = remapped();
    cpu.storage.writeWord(0x800, cpu.cr[0]!);
    execute(cpu, 'b7000800', '58105000');
    expect(cpu.gpr[1]).toBe(0x2222);
  });

  it('B7 LCTL [RS]: loading other control registers leaves the TLB', () => {
    const { cpu } = remapped();
    cpu.storage.writeWord(0x800, 0);
    execute(cpu, 'b7880800', '58105000');
    expect(cpu.gpr[1]).toBe(0x1111);
  });

  it('B1 LRA [RX] does not use the TLB', () => {
    const { cpu } = remapped();
    execute(cpu, 'b1105000');
    expect(cpu.gpr[1]).toBe(0x5_0000);
  });

  it('an invalidated page stays reachable through the TLB until a purge', () => {
    const { cpu, tables } = translating('2K', '1M');
    tables.map(0x30_0000, 0x4_0000);
    cpu.storage.writeWord(0x4_0000, 77);
    cpu.gpr[5] = 0x30_0000;
    execute(cpu, '58105000');
    cpu.storage.writeHalf(tables.pteAddress(0x30_0000), tables.invalidPte());
    execute(cpu, '58105000');
    expect(cpu.gpr[1]).toBe(77);
    expect(execute(cpu, 'b20d0000', '58105000').code).toBe(0x11);
  });
});

describe('agreement with Hercules (fixtures/hercules-lra-isk-stidp.json)', () => {
  interface Fixture {
    storage: Record<string, string>;
    expected: { waitAddress: string; gpr: string[]; storage: Record<string, string> };
  }
  const fixture = JSON.parse(
    readFileSync(new URL('./fixtures/hercules-lra-isk-stidp.json', import.meta.url), 'utf8'),
  ) as Fixture;

  it('B1 LRA [RX] condition codes and entry addresses, ISK in BC mode and STIDP match the S/370 run', () => {
    const cpu = machine({ storageSize: 1024 * 1024, interceptProgram: false });
    for (const [address, hex] of Object.entries(fixture.storage)) cpu.storage.load(parseInt(address, 16), hexBytes(hex));
    cpu.loadPsw(0);
    const stop = cpu.run(100);
    expect(stop.kind).toBe('wait');
    expect(cpu.ia.toString(16).toUpperCase()).toBe(fixture.expected.waitAddress);
    expect(Array.from({ length: 16 }, (_, r) => reg(cpu, r).toUpperCase())).toEqual(fixture.expected.gpr);
    for (const [address, hex] of Object.entries(fixture.expected.storage)) {
      expect(peek(cpu, parseInt(address, 16), hex.length / 2).toUpperCase()).toBe(hex);
    }
  });
});
