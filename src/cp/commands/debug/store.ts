// STORE (VM/370 CP Command Reference for General Users R6, STORE; DMKCDS): changes the virtual
// machine's storage, registers or PSW.
//
//   STore  [L]hexloc hexword1 [hexword2 ...]   words from hexloc rounded down to a word
//          Shexloc hexdata                      bytes, no alignment (an even number of digits)
//          Greg hexword1 [hexword2 ...]          general registers from reg on
//          Xreg hexword1 [...]                   control registers
//          Yreg hexdword1 [...]                  floating-point registers 0, 2, 4, 6 (up to 16 digits)
//          PSW [hexword1] hexword2               the PSW (word 2 alone keeps word 1)
//          STATUS                                the status in low storage, as STORE STATUS does
//
// A value shorter than its field is right-adjusted with zeros on the left. Nothing is changed
// when an operand is invalid. Response [mem]: STORE COMPLETE. Messages [mem]: DMKCDS004E INVALID
// HEXDATA - data, DMKCDS005E INVALID HEXLOC - loc, DMKCDS010E INVALID REGISTER - reg,
// DMKCDS026E OPERAND MISSING OR INVALID, DMKCDS160E HEXLOC loc EXCEEDS STORAGE,
// DMKCDS163E STORE EXCEEDS MAXIMUM REGISTER.

import { loadPswFromBytes } from '../../../cpu/psw.ts';
import { currentPsw } from '../../trace/format.ts';
import type { CpCommandContext } from '../../vm/cp-commands.ts';
import { parseHexloc, parseRegister, storageProblem } from './operands.ts';

const MODULE = 'DMKCDS';
const REFERENCE_AND_CHANGE = 0x06;

/** The STORE STATUS save areas of System/370 low storage (Principles of Operation, "Store Status"). */
const STATUS = { cpuTimer: 0xd8, clockComparator: 0xe0, psw: 0x100, fprs: 0x160, gprs: 0x180, crs: 0x1c0 } as const;

export function store(ctx: CpCommandContext, operands: string[]): number {
  const target = operands[0];
  if (target === undefined) return ctx.error(`${MODULE}026E`, 'OPERAND MISSING OR INVALID');
  const data = operands.slice(1);
  if (target === 'STATUS') return storeStatus(ctx);
  if (target === 'PSW' || target === 'P' || target === 'PS') return storePsw(ctx, data);
  const prefix = target[0]!;
  if (prefix === 'G' || prefix === 'X' || prefix === 'Y') return storeRegisters(ctx, prefix, target, data);
  if (prefix === 'S') return storeBytes(ctx, target, data);
  return storeWords(ctx, prefix === 'L' ? target.slice(1) : target, target, data);
}

/** Hex words of at most `digits` digits, or the first invalid one. */
function hexValues(data: readonly string[], digits: number): { values: string[] } | { bad: string } {
  if (data.length === 0) return { bad: '' };
  for (const d of data) if (!new RegExp(`^[0-9A-F]{1,${digits}}$`).test(d)) return { bad: d };
  return { values: data.map((d) => d.padStart(digits, '0')) };
}

function invalidData(ctx: CpCommandContext, bad: string): number {
  if (bad === '') return ctx.error(`${MODULE}026E`, 'OPERAND MISSING OR INVALID');
  return ctx.error(`${MODULE}004E`, `INVALID HEXDATA - ${bad}`);
}

function complete(ctx: CpCommandContext): number {
  ctx.reply('STORE COMPLETE');
  return 0;
}

/** Writes bytes into the machine's storage, marking their blocks referenced and changed. */
function put(ctx: CpCommandContext, address: number, bytes: Uint8Array): void {
  const cpu = ctx.vm.cpu;
  cpu.mem.set(bytes, address);
  for (let block = address >>> 11; block <= (address + bytes.length - 1) >>> 11; block++) cpu.keys[block]! |= REFERENCE_AND_CHANGE;
}

function bytesOf(hexText: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hexText, 'hex'));
}

/** The first location of [address, address + length) that cannot be stored into, as a message. */
function checkStorage(ctx: CpCommandContext, address: number, length: number): { id: string; text: string } | null {
  for (let a = address; a < address + length; a = (a | 0x7ff) + 1) {
    const problem = storageProblem(ctx.vm, a, MODULE);
    if (problem !== null) return problem;
  }
  return storageProblem(ctx.vm, address + length - 1, MODULE);
}

function storeWords(ctx: CpCommandContext, loc: string, target: string, data: readonly string[]): number {
  const address = parseHexloc(loc);
  if (address === null) return ctx.error(`${MODULE}005E`, `INVALID HEXLOC - ${target}`);
  const parsed = hexValues(data, 8);
  if ('bad' in parsed) return invalidData(ctx, parsed.bad);
  const at = address & ~3;
  const bytes = bytesOf(parsed.values.join(''));
  const problem = checkStorage(ctx, at, bytes.length);
  if (problem !== null) return ctx.error(problem.id, problem.text);
  put(ctx, at, bytes);
  return complete(ctx);
}

function storeBytes(ctx: CpCommandContext, target: string, data: readonly string[]): number {
  const address = parseHexloc(target.slice(1));
  if (address === null) return ctx.error(`${MODULE}005E`, `INVALID HEXLOC - ${target}`);
  const text = data.join('');
  if (data.length !== 1 || !/^[0-9A-F]+$/.test(text) || text.length % 2 !== 0) return invalidData(ctx, data.length === 0 ? '' : text);
  const bytes = bytesOf(text);
  const problem = checkStorage(ctx, address, bytes.length);
  if (problem !== null) return ctx.error(problem.id, problem.text);
  put(ctx, address, bytes);
  return complete(ctx);
}

function storeRegisters(ctx: CpCommandContext, prefix: 'G' | 'X' | 'Y', target: string, data: readonly string[]): number {
  const cpu = ctx.vm.cpu;
  const first = parseRegister(target.slice(1));
  if (first === null || (prefix === 'Y' && (first % 2 !== 0 || first > 6))) return ctx.error(`${MODULE}010E`, `INVALID REGISTER - ${target}`);
  const parsed = hexValues(data, prefix === 'Y' ? 16 : 8);
  if ('bad' in parsed) return invalidData(ctx, parsed.bad);
  const step = prefix === 'Y' ? 2 : 1;
  const last = prefix === 'Y' ? 6 : 15;
  if (first + (parsed.values.length - 1) * step > last) return ctx.error(`${MODULE}163E`, 'STORE EXCEEDS MAXIMUM REGISTER');
  parsed.values.forEach((v, i) => {
    const r = first + i * step;
    if (prefix === 'G') cpu.gpr[r] = parseInt(v, 16) | 0;
    else if (prefix === 'X') cpu.cr[r] = parseInt(v, 16) >>> 0;
    else {
      cpu.fpr[r] = parseInt(v.slice(0, 8), 16) >>> 0;
      cpu.fpr[r + 1] = parseInt(v.slice(8), 16) >>> 0;
    }
  });
  // Control registers change derived state (DAT, page size, low-address protection).
  if (prefix === 'X') cpu.stateChanged();
  return complete(ctx);
}

function storePsw(ctx: CpCommandContext, data: readonly string[]): number {
  const cpu = ctx.vm.cpu;
  if (data.length > 2) return invalidData(ctx, data[2]!);
  const parsed = hexValues(data, 8);
  if ('bad' in parsed) return invalidData(ctx, parsed.bad);
  const psw = currentPsw(cpu);
  const words = parsed.values.map(bytesOf);
  if (words.length === 2) psw.set(words[0]!, 0);
  psw.set(words[words.length - 1]!, 4);
  loadPswFromBytes(cpu, psw, 0);
  return complete(ctx);
}

/** STORE STATUS: CPU timer, clock comparator, PSW and registers into their low-storage areas. */
function storeStatus(ctx: CpCommandContext): number {
  const cpu = ctx.vm.cpu;
  const words = cpu.clock.words;
  const storage = cpu.storage;
  cpu.clock.readCpuTimer(words);
  storage.writeWord(STATUS.cpuTimer, words[0]!);
  storage.writeWord(STATUS.cpuTimer + 4, words[1]!);
  cpu.clock.readComparator(words);
  storage.writeWord(STATUS.clockComparator, words[0]!);
  storage.writeWord(STATUS.clockComparator + 4, words[1]!);
  put(ctx, STATUS.psw, currentPsw(cpu));
  for (let i = 0; i < 8; i++) storage.writeWord(STATUS.fprs + i * 4, cpu.fpr[i]!);
  for (let r = 0; r < 16; r++) storage.writeWord(STATUS.gprs + r * 4, cpu.gpr[r]!);
  for (let r = 0; r < 16; r++) storage.writeWord(STATUS.crs + r * 4, cpu.cr[r]!);
  cpu.keys[0]! |= REFERENCE_AND_CHANGE;
  return complete(ctx);
}
