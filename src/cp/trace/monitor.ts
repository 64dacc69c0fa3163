// CP watching a virtual machine instruction by instruction: TRACE and ADSTOP (VM/370 CP Command
// Reference for General Users R6, TRACE and ADSTOP; System Logic, DMKTRC/DMKTRA). While anything is
// traced or an address stop is set, the virtual machine runs through this monitor one instruction
// at a time (cpu.run(1)); with nothing set, vm.monitor is null and the machine runs at full speed,
// and the CPU's interruption observer is null too (no cost in the CPU loop).
//
// Each step: the interruptions pending are taken first (so that the address compared with the
// ADSTOP is the one about to execute), the instruction is executed, CP handles the stop as
// vm.run() would (privileged instructions, DIAGNOSE, waits), then the trace lines of the step are
// written in order: the instruction, what CP simulated, the interruptions it caused. A line shown
// at the terminal for an event traced NORUN stops the machine in CP READ; BEGIN goes on.
//
// Line formats (R6 CP Command Reference, TRACE responses; spacing from memory [mem]):
//   vvvvvv mnem  xxxxxxxx [==> tttttt]            instruction, successful branch
//   *** vvvvvv SVC  nn   ==> tttttt              an interruption: old PSW address, code, new PSW address
//   *** vvvvvv PROG nnnn ==> tttttt
//   *** vvvvvv EXT  nnnn ==> tttttt
//   *** vvvvvv I/O  ddd  ==> tttttt [CSW xxxxxxxx xxxxxxxx]
//   I/O vvvvvv mnem xxxxxxxx type ddd CC n [CSW ssss]   an I/O instruction, its condition code, and
//                                                the CSW status when it stored a CSW (CC 1)
//   CAW xxxxxxxx / CCW vvvvvv xxxxxxxx xxxxxxxx  the channel program started (TRACE CCW)
//   vvvvvv LPSW xxxxxxxx tttttttt tttttttt       a PSW instruction: the PSW loaded
//   vvvvvv SSM  xxxxxxxx ss                      the new system mask

import type { InterruptionClass, InterruptionObserver } from '../../cpu/cpu.ts';
import { serviceInterruptions } from '../../cpu/interruptions.ts';
import { lookupOpcode } from '../../cpu/opcodes.ts';
import { toEbcdic } from '../../ebcdic/index.ts';
import type { MachineMonitor, RunOutcome, VirtualMachine } from '../vm/virtual-machine.ts';
import { currentPsw, hex, hexBytes, instructionHex, isBranch, mnemonicOf, peek, peekInstruction, pswAddress, pswWords } from './format.ts';
import type { TraceEvent, TraceOutput } from './settings.ts';

/** Waits a monitored run may skip through before it returns, as vm.run() does. */
const MAX_IDLE_STEPS = 10_000;
/** CCWs shown for one channel program at most (a TIC loop ends there). */
const MAX_CCWS = 64;

const IO_MNEMONICS = new Set(['SIO', 'SIOF', 'TIO', 'HIO', 'HDV', 'TCH', 'CLRIO', 'RIO']);
const PSW_MNEMONICS = new Set(['LPSW', 'SSM', 'STOSM', 'STNSM']);

/** Device type names in I/O trace lines (R6: DASD, TAPE, LINE, CONS, RDR, PRT, PUN, GRAF, DEV). */
const DEVICE_NAMES: Record<string, string> = { console: 'CONS', dasd: 'DASD', reader: 'RDR', punch: 'PUN', printer: 'PRT' };

interface TraceLine {
  events: readonly TraceEvent[];
  text: string;
}

export class DebugMonitor implements MachineMonitor {
  /** The events traced and where each one's lines go. */
  readonly traces = new Map<TraceEvent, TraceOutput>();
  /** ADSTOP: the instruction address to stop at, or null. */
  adstop: number | null = null;
  /** Lines of the current step, written after it. */
  private lines: TraceLine[] = [];
  private readonly observer: InterruptionObserver;
  private vm: VirtualMachine | null = null;

  constructor() {
    this.observer = (kind, code, oldAt) => this.interruption(kind, code, oldAt);
  }

  /** True while anything is traced or an address stop is set. */
  get active(): boolean {
    return this.traces.size > 0 || this.adstop !== null;
  }

  /** The monitor of a machine, installed if it has none. */
  static of(vm: VirtualMachine): DebugMonitor {
    if (vm.monitor instanceof DebugMonitor) return vm.monitor;
    const m = new DebugMonitor();
    vm.monitor = m;
    return m;
  }

  /** Removes the monitor when nothing is set any more: the machine runs at full speed again. */
  static release(vm: VirtualMachine): void {
    const m = vm.monitor;
    if (m instanceof DebugMonitor && !m.active) {
      vm.monitor = null;
      if (vm.cpu.onInterruption === m.observer) vm.cpu.onInterruption = null;
    }
  }

  private traced(event: TraceEvent): boolean {
    return this.traces.has(event);
  }

  run(vm: VirtualMachine, budget: number): RunOutcome {
    this.vm = vm;
    let idle = 0;
    for (let step = 0; step < budget; step++) {
      // DEFINE STORAGE and IPL give the machine a new CPU: the observer follows it.
      const cpu = vm.cpu;
      cpu.onInterruption = this.observer;
      this.lines = [];
      if (!cpu.checkstopped) serviceInterruptions(cpu);
      if (this.flush(vm)) return this.stop(vm);
      if (!cpu.waitState && !cpu.checkstopped && this.adstop !== null && cpu.ia === this.adstop) {
        // VM/370 removes the address stop when it is reached [mem].
        this.adstop = null;
        vm.console?.cpWrite(`ADSTOP AT ${hex(cpu.ia, 6)}`);
        DebugMonitor.release(vm);
        return this.stop(vm);
      }
      const ia = cpu.ia;
      // The instruction is looked at only when INSTRUCT or BRANCH may show it.
      const bytes = cpu.waitState || !(this.traced('instruct') || this.traced('branch')) ? null : peekInstruction(cpu, ia);
      const before = cpu.instructions;
      const stop = cpu.run(1);
      const executed = cpu.instructions - before > 0;
      // The lines of the step in order: the instruction, then the interruptions it caused.
      const eventLines = this.lines;
      this.lines = [];
      if (executed && bytes !== null) this.instruction(ia, bytes, eventLines.length > 0);
      this.lines.push(...eventLines);
      let outcome: RunOutcome | null = null;
      if (stop.kind === 'privop' || stop.kind === 'diagnose') {
        // CP simulates the instruction before anything stops: it has already been fetched.
        const word = stop.word;
        const word2 = stop.word2;
        const address = stop.address;
        const deviceAddress = this.operandAddress(word);
        outcome = vm.handleStop(stop);
        this.simulated(address, word, word2, deviceAddress);
        if (this.flush(vm)) return this.stop(vm);
      } else {
        // A wait or stop is handled after the lines; after a NORUN stop, when the machine goes on.
        if (this.flush(vm)) return this.stop(vm);
        if (stop.kind !== 'budget') {
          if (stop.kind === 'wait') idle++;
          outcome = vm.handleStop(stop);
        }
      }
      if (outcome !== null && outcome !== 'budget') return outcome;
      if (idle > MAX_IDLE_STEPS) return 'budget';
      if (!this.active) {
        DebugMonitor.release(vm);
        return 'budget';
      }
    }
    return 'budget';
  }

  /** The machine stops in CP READ (NORUN, ADSTOP). */
  private stop(vm: VirtualMachine): RunOutcome {
    vm.toCpRead();
    return 'cp-read';
  }

  /** An executed instruction: INSTRUCT shows every one, BRANCH the branches taken. */
  private instruction(ia: number, bytes: Uint8Array, interrupted: boolean): void {
    const cpu = this.vm!.cpu;
    const mnemonic = mnemonicOf(bytes);
    const next = (ia + bytes.length) & 0xff_ffff;
    const taken = !interrupted && isBranch(mnemonic) && cpu.ia !== next;
    const text = `${hex(ia, 6)} ${mnemonic.padEnd(5)} ${instructionHex(bytes)}${taken ? ` ==> ${hex(cpu.ia, 6)}` : ''}`;
    if (this.traced('instruct')) this.lines.push({ events: ['instruct', 'branch'], text });
    else if (taken && this.traced('branch')) this.lines.push({ events: ['branch'], text });
  }

  /** The effective address of an S-format operand (the device address of an I/O instruction). */
  private operandAddress(word: number): number {
    const b = (word >>> 12) & 15;
    const d = word & 0xfff;
    return (b === 0 ? d : this.vm!.cpu.gpr[b]! + d) & 0xff_ffff;
  }

  /** A privileged instruction or DIAGNOSE that CP has just simulated. */
  private simulated(address: number, word: number, word2: number, operand: number): void {
    const vm = this.vm!;
    const cpu = vm.cpu;
    const entry = lookupOpcode(word >>> 24, (word >>> 16) & 0xff);
    const mnemonic = entry?.mnemonic ?? 'DIAG';
    const length = (word >>> 24) >= 0xc0 ? 6 : (word >>> 24) >= 0x40 ? 4 : 2;
    const raw = new Uint8Array(6);
    raw[0] = word >>> 24;
    raw[1] = word >>> 16;
    raw[2] = word >>> 8;
    raw[3] = word;
    raw[4] = word2 >>> 8;
    raw[5] = word2;
    const text = instructionHex(raw.subarray(0, length));
    if (IO_MNEMONICS.has(mnemonic)) {
      if (!this.traced('io') && !this.traced('sio') && !this.traced('ccw')) return;
      const device = operand & 0xffff;
      const kind = vm.io.entry(device)?.kind;
      const type = kind === undefined ? 'DEV' : (DEVICE_NAMES[kind] ?? 'DEV');
      // CC 1: the CSW was stored; its status bytes follow (R6: '... CC 1 ... CSW xxxx').
      const csw = cpu.cc === 1 ? ` CSW ${hexBytes(cpu.mem.subarray(0x44, 0x46))}` : '';
      this.lines.push({ events: ['sio', 'io', 'ccw'], text: `I/O ${hex(address, 6)} ${mnemonic} ${text} ${type} ${hex(device, 3)} CC ${cpu.cc}${csw}` });
      if ((mnemonic === 'SIO' || mnemonic === 'SIOF') && this.traced('ccw')) this.channelProgram();
      return;
    }
    const pswInstruction = PSW_MNEMONICS.has(mnemonic);
    if (!this.traced('priv') && !(pswInstruction && this.traced('branch'))) return;
    let extra = '';
    if (mnemonic === 'LPSW') extra = ` ${pswWords(currentPsw(cpu))}`;
    else if (pswInstruction) extra = ` ${hex(cpu.sysMask, 2)}`;
    this.lines.push({ events: ['priv', 'branch'], text: `${hex(address, 6)} ${mnemonic.padEnd(5)} ${text}${extra}` });
  }

  /** TRACE CCW: the CAW at X'48' and the CCWs of the chain it designates. */
  private channelProgram(): void {
    const cpu = this.vm!.cpu;
    const caw = cpu.storage.readWord(0x48);
    this.lines.push({ events: ['ccw'], text: `CAW ${hex(caw, 8)}` });
    let at = caw & 0x00ff_fff8;
    let previousTic = false;
    for (let n = 0; n < MAX_CCWS; n++) {
      const ccw = peek(cpu, at, 8);
      if (ccw === null || !cpu.isAddressable(at)) return;
      this.lines.push({ events: ['ccw'], text: `CCW ${hex(at, 6)} ${hexBytes(ccw.subarray(0, 4))} ${hexBytes(ccw.subarray(4, 8))}` });
      const tic = (ccw[0]! & 0x0f) === 0x08;
      if (tic) {
        if (previousTic) return;
        at = ((ccw[1]! << 16) | (ccw[2]! << 8) | ccw[3]!) & 0x00ff_fff8;
        previousTic = true;
        continue;
      }
      previousTic = false;
      // Chain data (X'80') or chain command (X'40') goes on to the next CCW.
      if ((ccw[4]! & 0xc0) === 0) return;
      at = (at + 8) & 0xff_ffff;
    }
  }

  /** The CPU has just taken an interruption (called from the CPU, inside cpu.run or serviceInterruptions). */
  private interruption(kind: InterruptionClass, code: number, oldAt: number): void {
    const cpu = this.vm?.cpu;
    if (cpu === undefined) return;
    const old = cpu.mem.subarray(oldAt, oldAt + 8);
    const from = hex(pswAddress(old), 6);
    const to = hex(cpu.ia, 6);
    switch (kind) {
      case 'svc':
        if (this.traced('svc') || this.traced('branch')) this.lines.push({ events: ['svc', 'branch'], text: `*** ${from} SVC  ${hex(code, 2)}   ==> ${to}` });
        return;
      case 'program':
        if (this.traced('program') || this.traced('branch')) this.lines.push({ events: ['program', 'branch'], text: `*** ${from} PROG ${hex(code, 4)} ==> ${to}` });
        return;
      case 'external':
        if (this.traced('external') || this.traced('branch')) this.lines.push({ events: ['external', 'branch'], text: `*** ${from} EXT  ${hex(code, 4)} ==> ${to}` });
        return;
      case 'io': {
        if (!this.traced('io') && !this.traced('csw') && !this.traced('branch')) return;
        const csw = this.traced('csw') ? ` CSW ${hexBytes(cpu.mem.subarray(0x40, 0x44))} ${hexBytes(cpu.mem.subarray(0x44, 0x48))}` : '';
        this.lines.push({ events: ['io', 'csw', 'branch'], text: `*** ${from} I/O  ${hex(code, 3)}  ==> ${to}${csw}` });
        return;
      }
      default:
        if (this.traced('branch')) this.lines.push({ events: ['branch'], text: `*** ${from} ${kind === 'restart' ? 'RST ' : 'MCK '}      ==> ${to}` });
    }
  }

  /**
   * Writes the step's lines where their events' settings say; returns true when one went to the
   * terminal for an event traced NORUN (the machine stops).
   */
  private flush(vm: VirtualMachine): boolean {
    let stop = false;
    for (const line of this.lines) {
      const output = this.outputOf(line.events);
      if (output === undefined) continue;
      if (output.terminal) {
        vm.console?.cpWrite(line.text);
        if (!output.run) stop = true;
      }
      if (output.printer) printLine(vm, line.text);
    }
    this.lines = [];
    return stop;
  }

  /** The settings of the first of the line's events that is traced. */
  private outputOf(events: readonly TraceEvent[]): TraceOutput | undefined {
    for (const e of events) {
      const o = this.traces.get(e);
      if (o !== undefined) return o;
    }
    return undefined;
  }
}

/** The virtual printer of a machine (the first one defined), or undefined. */
export function tracePrinter(vm: VirtualMachine) {
  return vm.io.list().find((e) => e.kind === 'printer');
}

/** A trace line written to the virtual printer as a Write, space 1 line (X'09') would write it. */
function printLine(vm: VirtualMachine, text: string): void {
  const printer = tracePrinter(vm);
  if (printer === undefined) return;
  const data = toEbcdic(text);
  printer.device.startCommand({ command: 0x09, flags: 0, count: data.length, chained: false }, data);
}
