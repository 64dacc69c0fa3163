// Named saved systems: the file format, the registry, and IPL by name.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SavedSystemRegistry } from '../../../src/cp/nss/registry.ts';
import { VirtualMachine } from '../../../src/cp/vm/virtual-machine.ts';
import { R6_FOLDER, requireR6 } from './r6-fixture.ts';

/** A saved system of one page: a state page (PSW, R1, CR0, keys) and the page itself. */
function image(): Uint8Array {
  const bytes = new Uint8Array(8192);
  const view = new DataView(bytes.buffer);
  bytes.set([0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00], 0); // PSW: supervisor, disabled, at X'200'
  view.setUint32(8 + 4, 0x1234_5678); // R1
  view.setUint32(104, 0x0000_00e0); // CR0
  bytes[168] = 0xe6; // block 0: key E
  bytes[169] = 0xe6;
  bytes.set([0x07, 0xfe], 4096 + 0x200); // BR 14 at X'200'
  return bytes;
}

describe('saved systems', () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'vm370-nss-'));
    writeFileSync(join(folder, 'TINY.segment'), image());
    writeFileSync(join(folder, 'saved-systems.json'), JSON.stringify([{ name: 'tiny', address: '0', ipl: true }]));
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('a folder with a manifest: the names and where they load', () => {
    const registry = SavedSystemRegistry.fromFolder(folder);
    expect(registry.names()).toEqual(['TINY']);
    const tiny = registry.get('tiny')!;
    expect([tiny.address, tiny.pageCount, tiny.ipl, tiny.lastAddress]).toEqual([0, 1, true, 0xfff]);
  });

  it('IPL by name loads the pages with their keys, the registers and the PSW', () => {
    const vm = new VirtualMachine({ userid: 'T', storageSize: 64 * 1024, savedSystems: SavedSystemRegistry.fromFolder(folder), spool: false });
    vm.ipl('TINY');
    expect(vm.cpu.ia).toBe(0x200);
    expect(vm.cpu.gpr[1]! >>> 0).toBe(0x1234_5678);
    expect(vm.cpu.cr[0]).toBe(0xe0);
    expect(vm.storage.keys[0]).toBe(0xe6);
    expect(vm.storage.readHalf(0x200)).toBe(0x07fe);
    expect(vm.state).toBe('running');
    vm.close();
  });

  it('a name that is neither a saved system nor a device cannot be IPLed', () => {
    const vm = new VirtualMachine({ userid: 'T', storageSize: 64 * 1024, spool: false });
    expect(() => vm.ipl('NOSUCH')).toThrow(/DMKCFG022E/);
    expect(vm.run(100).outcome).toBe('stopped');
    vm.close();
  });

  it('IBM R6 CMS: 33 pages at 0, CMSSEG at 15M, and the IPL state of README.md', () => {
    requireR6();
    const registry = SavedSystemRegistry.fromFolder(R6_FOLDER);
    expect(registry.names()).toEqual(['CMS', 'CMSSEG']);
    expect(registry.get('CMS')!.pageCount).toBe(33);
    expect(registry.get('CMSSEG')!.address).toBe(0xf0_0000);
    const vm = new VirtualMachine({ userid: 'CMSUSER', storageSize: 15 * 1024 * 1024, savedSystems: registry });
    // 15M defined; the storage array reaches past CMSSEG.
    expect(vm.storage.size).toBe(0xf1_0000);
    vm.ipl('CMS');
    expect(vm.cpu.ia).toBe(0x02_0128);
    expect(vm.cpu.machineCheckMask).toBe(true);
    expect(vm.cpu.sysMask).toBe(0);
    expect(vm.cpu.gpr[3]).toBe(0xf0_0000);
    expect(vm.cpu.gpr[12]).toBe(0x2_0000);
    vm.close();
  });
});
