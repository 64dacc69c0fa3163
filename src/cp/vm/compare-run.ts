// The same IPL deck run twice: once on the bare machine (a real card reader at 00C, IPL from it) and
// once in a CP virtual machine (IPL from the virtual reader, every privileged instruction in the
// guest's supervisor state intercepted and simulated by CP). Both run with virtual time from the same
// epoch until a disabled wait; then their PSWs, general registers and storage are compared. This is
// Popek and Goldberg's equivalence property checked for one program (`vm370 vm run`, course
// chapter 4).

import { ProgramCode } from '../../arch/interruptions.ts';
import { iplFromDevice } from '../../channel/ipl.ts';
import { ChannelSubsystem } from '../../channel/channel-subsystem.ts';
import { Cpu } from '../../cpu/cpu.ts';
import { pswHex } from '../../cpu/psw.ts';
import { TOD_UNIX_EPOCH_MICROS } from '../../cpu/timers.ts';
import { binaryDeck } from '../../devices/card/deck.ts';
import { Reader2540 } from '../../devices/card/reader-2540.ts';
import { Storage } from '../../storage/storage.ts';
import { TranscriptTerminal } from './console.ts';
import { VirtualMachine } from './virtual-machine.ts';

export interface CompareOptions {
  /** The IPL deck: 80-byte binary card images. */
  deck: Uint8Array;
  /** Storage size of both machines in bytes (default 256K). */
  storageSize?: number;
  /** Instruction limit of each run (default 10 million). */
  maxInstructions?: number;
  /** The TOD clock's starting point on both machines (default 1981-04-01). */
  epoch?: Date;
}

export type SideStatus = 'wait' | 'limit' | 'checkstop' | 'hang' | 'ipl-failed';

export interface SideResult {
  status: SideStatus;
  reason?: string;
  /** The final PSW (16 hex digits). */
  psw: string;
  instructions: number;
  gpr: number[];
  storage: Uint8Array;
}

export interface CompareResult {
  storageSize: number;
  bare: SideResult;
  vm: SideResult;
  /** Privileged instructions CP simulated, by mnemonic, most frequent first. */
  privileged: Array<[string, number]>;
  /** DIAGNOSE codes CP handled. */
  diagnose: Array<[number, number]>;
  samePsw: boolean;
  sameRegisters: boolean;
  /** Storage from X'18' up to the storage size is the same. */
  sameStorage: boolean;
  /** The lowest differing storage address, when it differs. */
  firstDifference?: number;
  differingBytes: number;
  /** Both ended in a disabled wait and everything compared is the same. */
  agree: boolean;
}

/** Storage below this address is the IPL's scratch area (IPL PSW and CCWs) and is not compared. */
export const COMPARE_FROM = 0x18;
const DEFAULT_EPOCH = new Date(Date.UTC(1981, 3, 1));

export function runBareDeck(options: CompareOptions): SideResult {
  const size = options.storageSize ?? 256 * 1024;
  const limit = options.maxInstructions ?? 10_000_000;
  const epoch = options.epoch ?? DEFAULT_EPOCH;
  const storage = new Storage(size);
  const channels = new ChannelSubsystem({ storage, timeMode: 'virtual' });
  const reader = new Reader2540();
  reader.load(binaryDeck('deck', options.deck));
  channels.attach(0x00c, reader);
  const cpu = new Cpu({
    storage,
    io: channels,
    timeMode: 'virtual',
    idleSkip: true,
    virtualEpochMicros: TOD_UNIX_EPOCH_MICROS + epoch.getTime() * 1000,
  });
  const side = (status: SideStatus, reason?: string): SideResult => ({
    status,
    ...(reason ? { reason } : {}),
    psw: pswHex(cpu),
    instructions: cpu.instructions,
    gpr: Array.from(cpu.gpr, (v) => v >>> 0),
    storage: Uint8Array.from(storage.bytes.subarray(0, size)),
  });
  try {
    const loaded = iplFromDevice(channels, 0x00c);
    if (!loaded.ok) return side('ipl-failed', loaded.reason);
    cpu.loadPsw(0);
    for (let guard = 0; guard < 100_000; guard++) {
      const remaining = limit - cpu.instructions;
      if (remaining <= 0) return side('limit');
      const stop = cpu.run(remaining);
      if (stop.kind === 'wait') {
        if (stop.disabled) return side('wait');
        continue;
      }
      if (stop.kind === 'checkstop') return side('checkstop', stop.reason);
      if (stop.kind === 'budget') continue;
      if (stop.kind === 'diagnose') {
        // No control program: DIAGNOSE has no function on the bare machine (as in `vm370 ipl`).
        cpu.recognizeProgramException(ProgramCode.specification, false);
        continue;
      }
      return side('hang', `the bare machine stopped: ${stop.kind}`);
    }
    return side('hang', 'an enabled wait that nothing can end');
  } finally {
    channels.close();
  }
}

export function runVirtualDeck(options: CompareOptions): { side: SideResult; vm: VirtualMachine; terminal: TranscriptTerminal } {
  const size = options.storageSize ?? 256 * 1024;
  const limit = options.maxInstructions ?? 10_000_000;
  const terminal = new TranscriptTerminal();
  const vm = new VirtualMachine({ userid: 'GUEST', storageSize: size, terminal, time: { epoch: options.epoch ?? DEFAULT_EPOCH } });
  const side = (status: SideStatus, reason?: string): SideResult => ({
    status,
    ...(reason ? { reason } : {}),
    psw: pswHex(vm.cpu),
    instructions: vm.cpu.instructions,
    gpr: Array.from(vm.cpu.gpr, (v) => v >>> 0),
    storage: Uint8Array.from(vm.storage.bytes.subarray(0, size)),
  });
  try {
    const cards = binaryDeck('deck', options.deck).cards;
    vm.reader!.queue(cards);
    try {
      vm.ipl('00C');
    } catch (e) {
      return { side: side('ipl-failed', (e as Error).message), vm, terminal };
    }
    for (;;) {
      const remaining = limit - vm.cpu.instructions;
      if (remaining <= 0) return { side: side('limit'), vm, terminal };
      const result = vm.run(remaining);
      if (result.outcome === 'budget') continue;
      if (result.outcome === 'cp-read') {
        const last = terminal.lines.at(-1) ?? '';
        if (last.includes('DISABLED WAIT')) return { side: side('wait'), vm, terminal };
        if (last.includes('CHECK STOP')) return { side: side('checkstop', last), vm, terminal };
        return { side: side('hang', last || 'CP READ'), vm, terminal };
      }
      return { side: side('hang', `the virtual machine stopped: ${result.outcome}`), vm, terminal };
    }
  } finally {
    vm.close();
  }
}

export function compareRun(options: CompareOptions): CompareResult {
  const storageSize = options.storageSize ?? 256 * 1024;
  const bare = runBareDeck({ ...options, storageSize });
  const { side: vm, vm: machine } = runVirtualDeck({ ...options, storageSize });
  let firstDifference: number | undefined;
  let differingBytes = 0;
  for (let a = COMPARE_FROM; a < storageSize; a++) {
    if (bare.storage[a] !== vm.storage[a]) {
      differingBytes++;
      firstDifference ??= a;
    }
  }
  const samePsw = bare.psw === vm.psw;
  const sameRegisters = bare.gpr.every((v, i) => v === vm.gpr[i]);
  const sameStorage = differingBytes === 0;
  const privileged = [...machine.counts.privileged.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const diagnose = [...machine.counts.diagnose.entries()].sort((a, b) => a[0] - b[0]);
  return {
    storageSize,
    bare,
    vm,
    privileged,
    diagnose,
    samePsw,
    sameRegisters,
    sameStorage,
    ...(firstDifference !== undefined ? { firstDifference } : {}),
    differingBytes,
    agree: bare.status === 'wait' && vm.status === 'wait' && samePsw && sameRegisters && sameStorage,
  };
}

const psw2 = (psw: string) => `${psw.slice(0, 8)} ${psw.slice(8)}`.toUpperCase();
const hex = (n: number, w: number) => n.toString(16).toUpperCase().padStart(w, '0');

function describe(side: SideResult): string {
  const what = side.status === 'wait' ? 'disabled wait' : side.status === 'limit' ? 'instruction limit' : `${side.status}${side.reason ? ` (${side.reason})` : ''}`;
  return `${what}, PSW ${psw2(side.psw)}, ${side.instructions} instructions`;
}

/** The report `vm370 vm run` prints. */
export function formatCompare(result: CompareResult): string {
  const total = result.privileged.reduce((n, [, c]) => n + c, 0);
  const lines = [
    `bare machine:    ${describe(result.bare)}`,
    `virtual machine: ${describe(result.vm)}`,
    `wait PSW:        ${result.samePsw ? 'same' : 'different'}`,
    `registers:       ${result.sameRegisters ? 'same' : 'different'} (GR0-GR15)`,
    `storage:         ${
      result.sameStorage
        ? 'same'
        : `different: ${result.differingBytes} bytes, the first at X'${hex(result.firstDifference ?? 0, 6)}'`
    } (X'${hex(COMPARE_FROM, 2)}'-X'${hex(result.storageSize - 1, 6)}')`,
    `CP simulated ${total} privileged instruction${total === 1 ? '' : 's'}: ${
      result.privileged.map(([m, c]) => `${m} ${c}`).join(', ') || 'none'
    }`,
  ];
  if (result.diagnose.length > 0) {
    lines.push(`DIAGNOSE: ${result.diagnose.map(([code, c]) => `X'${hex(code, 2)}' ${c}`).join(', ')}`);
  }
  lines.push(result.agree ? 'the two runs agree' : 'the two runs differ');
  return lines.join('\n');
}

/** The result as JSON (storage left out). */
export function compareJson(result: CompareResult): object {
  const side = (s: SideResult) => ({
    status: s.status,
    ...(s.reason ? { reason: s.reason } : {}),
    psw: s.psw,
    instructions: s.instructions,
    gpr: s.gpr.map((v) => hex(v, 8).toLowerCase()),
  });
  return {
    agree: result.agree,
    storageSize: result.storageSize,
    bare: side(result.bare),
    vm: side(result.vm),
    samePsw: result.samePsw,
    sameRegisters: result.sameRegisters,
    sameStorage: result.sameStorage,
    ...(result.firstDifference !== undefined ? { firstDifference: result.firstDifference, differingBytes: result.differingBytes } : {}),
    privileged: Object.fromEntries(result.privileged),
    diagnose: Object.fromEntries(result.diagnose.map(([code, c]) => [hex(code, 2), c])),
  };
}
