// A test bench for the CMS file system modules (cms/nucleus/fs*.assemble): they are assembled by our
// assembler, linked with the stand-ins of test/cms/fs-driver.assemble (DMSFREE, DMSWRT ...) and
// loaded into a virtual machine under our CP with minidisks attached. The bench calls an entry point
// as the nucleus would (standard linkage, R1 -> plist) and runs the machine until the routine
// returns to the driver, which ends in a disabled wait.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble, loadObjectDecks, type AssemblyResult } from '../../src/asm/index.ts';
import { VirtualMachine, type MinidiskLink } from '../../src/cp/vm/virtual-machine.ts';
import { fromEbcdic, toEbcdic } from '../../src/ebcdic/index.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const NUCLEUS = join(REPO, 'cms/nucleus');
const MACLIBS = [join(REPO, 'cms/maclib'), NUCLEUS];

/** Where the modules are loaded, where plists go, and the free storage pool. */
const ORIGIN = 0x2_0000;
const PLIST_AT = 0x1_0000;
const POOL_START = 0x8_0000;
const POOL_END = 0x30_0000;
/** A free area for the tests' record buffers (up to 64K records and more). */
export const BUFFER = 0x30_0000;
const STORAGE = 4 * 1024 * 1024;

export interface CallResult {
  r0: number;
  r1: number;
  rc: number;
  /** Lines written through DMSWRT and DMSERR (errors too: in order). */
  lines: string[];
}

/** Assembles one source; throws with the messages when it has errors. */
function assembleFile(path: string): AssemblyResult {
  const result = assemble(readFileSync(path, 'utf8'), { file: path, maclibs: MACLIBS });
  if (result.returnCode > 4) {
    const text = result.messages.map((m) => `${m.file}:${m.line}: ${m.code} ${m.text}`).join('\n');
    throw new Error(`${path} does not assemble (rc ${result.returnCode}):\n${text}`);
  }
  return result;
}

/** The command table CMS-A's command loop COPYs: DC CL8'NAME',V(ENTRY) lines. */
export function commandTable(): Map<string, string> {
  const table = new Map<string, string>();
  const text = readFileSync(join(NUCLEUS, 'FSCMDS.copy'), 'utf8');
  for (const m of text.matchAll(/DC\s+CL8'([^']*)',V\((\w+)\)/g)) table.set(m[1]!.trim(), m[2]!);
  return table;
}

/** A command line as CMS tokenizes it: 8-byte upper-case tokens, '(' its own, X'FF' fence. */
export function tokenize(line: string): Uint8Array {
  const tokens = line.toUpperCase().replace(/\(/g, ' ( ').replace(/\)/g, ' ').trim().split(/\s+/).filter((t) => t !== '');
  const out = new Uint8Array(tokens.length * 8 + 8);
  tokens.forEach((t, i) => out.set(toEbcdic(t.slice(0, 8).padEnd(8)), i * 8));
  out.fill(0xff, tokens.length * 8);
  return out;
}

export class FsBench {
  readonly vm: VirtualMachine;
  readonly symbols: Map<string, number>;
  readonly commands = commandTable();

  constructor(minidisks: MinidiskLink[], epoch = new Date(Date.UTC(1981, 3, 1, 9, 30, 0))) {
    const sources = [
      join(HERE, 'fs-driver.assemble'),
      ...readdirSync(NUCLEUS)
        .filter((f) => /^fs.*\.assemble$/.test(f))
        .sort()
        .map((f) => join(NUCLEUS, f)),
    ];
    const decks = sources.map((s) => assembleFile(s).object);
    const loaded = loadObjectDecks(decks, { origin: ORIGIN });
    if (loaded.unresolved.length > 0) throw new Error(`unresolved: ${loaded.unresolved.join(' ')}`);
    this.symbols = loaded.symbols;
    if (ORIGIN + loaded.image.length > POOL_START) throw new Error('the modules overlap the storage pool');
    this.vm = new VirtualMachine({ userid: 'CMSUSER', storageSize: STORAGE, minidisks, spool: false, time: { epoch } });
    this.vm.storage.bytes.set(loaded.image, ORIGIN);
    this.vm.storage.writeWord(this.at('POOLNEXT'), POOL_START);
    this.vm.storage.writeWord(this.at('POOLEND'), POOL_END);
    // A program check ends in a disabled wait at X'DEAD' (program new PSW, low core X'68').
    this.vm.storage.writeWord(0x68, 0x0002_0000);
    this.vm.storage.writeWord(0x6c, 0xdead);
  }

  at(symbol: string): number {
    const a = this.symbols.get(symbol);
    if (a === undefined) throw new Error(`no external symbol ${symbol}`);
    return a;
  }

  word(symbol: string, offset = 0): number {
    return this.vm.storage.readWord(this.at(symbol) + offset);
  }

  /** Calls an entry point with R1 -> plist (or R1 = a number), R0 as given. */
  call(entry: string, plist: Uint8Array | number, r0 = 0): CallResult {
    const vm = this.vm;
    const mem = vm.storage.bytes;
    vm.storage.writeWord(this.at('OUTNEXT'), this.at('OUTBUF'));
    let r1 = PLIST_AT;
    if (typeof plist === 'number') r1 = plist;
    else mem.set(plist, PLIST_AT);
    const cpu = vm.cpu;
    cpu.gpr[0] = r0;
    cpu.gpr[1] = r1;
    cpu.gpr[13] = this.at('SAVEAREA');
    cpu.gpr[14] = this.at('FSDRVRET');
    cpu.gpr[15] = this.at(entry);
    const psw = this.at('GOPSW');
    vm.storage.writeWord(psw, 0);
    vm.storage.writeWord(psw + 4, this.at(entry));
    cpu.loadPsw(psw);
    vm.state = 'running';
    let total = 0;
    for (;;) {
      const result = vm.run(5_000_000);
      total += result.instructions;
      if (result.outcome === 'cp-read') break;
      if (total > 500_000_000) throw new Error(`${entry} did not return`);
      if (result.outcome !== 'budget') throw new Error(`${entry}: the machine stopped (${result.outcome})`);
    }
    const back = this.at('FSDRVRET');
    // The disabled wait of FSDRVRET is the only way back: anything else is a program check.
    const pswAddress = cpu.ia;
    if (pswAddress < back || pswAddress > back + 16) {
      throw new Error(`${entry} ended at ${pswAddress.toString(16)} instead of returning (a program check?)`);
    }
    const regs = this.at('RETREGS');
    return {
      r0: vm.storage.readWord(regs),
      r1: vm.storage.readWord(regs + 4),
      rc: vm.storage.readWord(regs + 8) | 0,
      lines: this.output(),
    };
  }

  /** Lines the console will give DMSRDT, in order (replaces any not yet read). */
  input(lines: string[]): void {
    const mem = this.vm.storage.bytes;
    let at = this.at('INBUF');
    for (const line of lines) {
      const text = toEbcdic(line);
      mem[at] = text.length >>> 8;
      mem[at + 1] = text.length & 0xff;
      mem.set(text, at + 2);
      at += 2 + text.length;
    }
    mem[at] = 0xff;
    mem[at + 1] = 0xff;
    this.vm.storage.writeWord(this.at('INNEXT'), this.at('INBUF'));
  }

  /** Runs a command as the command loop would: the tokenized plist to its routine. */
  command(line: string): CallResult {
    const tokens = tokenize(line);
    const name = fromEbcdic(tokens.subarray(0, 8)).trim();
    const entry = this.commands.get(name);
    if (entry === undefined) throw new Error(`no command ${name} in FSCMDS.copy`);
    return this.call(entry, tokens);
  }

  /** The lines the driver collected since the call began. */
  private output(): string[] {
    const mem = this.vm.storage.bytes;
    const end = this.word('OUTNEXT');
    const lines: string[] = [];
    for (let at = this.at('OUTBUF'); at < end; ) {
      const length = (mem[at]! << 8) | mem[at + 1]!;
      lines.push(fromEbcdic(mem.subarray(at + 3, at + 3 + length)));
      at += 3 + length;
    }
    return lines;
  }

  bytes(address: number, length: number): Uint8Array {
    return this.vm.storage.bytes.slice(address, address + length);
  }

  close(): void {
    this.vm.close();
  }
}

/** An FSCB-style plist: CL8 command, CL8 fn, CL8 ft, CL2 fm, H item, A buffer, F size, CL2 recfm, H items, F bytes. */
export function fscb(command: string, fileid: string, fields: { item?: number; buffer?: number; size?: number; recfm?: string; items?: number } = {}): Uint8Array {
  const [fn = '', ft = '', fm = ''] = fileid.toUpperCase().split(/\s+/);
  const out = new Uint8Array(44);
  const view = new DataView(out.buffer);
  out.set(toEbcdic(command.padEnd(8)), 0);
  out.set(toEbcdic(fn.padEnd(8)), 8);
  out.set(toEbcdic(ft.padEnd(8)), 16);
  out.set(toEbcdic(fm.padEnd(2)), 24);
  view.setUint16(26, fields.item ?? 0);
  view.setUint32(28, fields.buffer ?? 0);
  view.setUint32(32, fields.size ?? 0);
  out.set(toEbcdic((fields.recfm ?? 'F').padEnd(2)), 36);
  view.setUint16(38, fields.items ?? 1);
  return out;
}
