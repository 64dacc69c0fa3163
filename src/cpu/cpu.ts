// The System/370 CPU: registers, PSW, the instruction loop and storage access with protection and DAT
// (Principles of Operation, "Organization", "Program Execution", "Storage").
// One instance per real or virtual CPU; no module-level state.

import { ProgramCode } from '../arch/interruptions.ts';
import { Storage } from '../storage/storage.ts';
import { SegmentedStorage } from './segmented-storage.ts';
import { type IoSystem, NoIoSystem } from './io-system.ts';
import { ProgramInterruption } from './program-interruption.ts';
import { CpuScratch } from './scratch.ts';
import { buildDispatchTable, type Handler } from './dispatch.ts';
import { branchHandlers } from './exec/branch.ts';
import { fixedPointHandlers } from './exec/fixed-point.ts';
import { logicalHandlers } from './exec/logical.ts';
import { translate, purgeTlb, TLB_SIZE, type WalkResult } from './dat.ts';
import { Clock, type ClockState, type TimeMode } from './timers.ts';
import { loadPswFromBytes, storePswBytes, resetPsw } from './psw.ts';
import { serviceInterruptions, takeProgramInterruption, takeSvcInterruption } from './interruptions.ts';

// Hot unprivileged handlers called directly from the loop (see executeChunk).
const hotBC = branchHandlers.BC!;
const hotBCR = branchHandlers.BCR!;
const hotBCT = branchHandlers.BCT!;
const hotLA = fixedPointHandlers.LA!;
const hotL = fixedPointHandlers.L!;
const hotST = fixedPointHandlers.ST!;
const hotLR = fixedPointHandlers.LR!;
const hotAR = fixedPointHandlers.AR!;
const hotLTR = fixedPointHandlers.LTR!;
const hotCLI = logicalHandlers.CLI!;
const hotTM = logicalHandlers.TM!;
const hotMVC = logicalHandlers.MVC!;

export type StopKind =
  | 'none'
  | 'budget'
  | 'wait'
  | 'checkstop'
  | 'program'
  | 'svc'
  | 'diagnose'
  | 'privop'
  | 'stopped';

/** Why cpu.run() returned. One instance per CPU, reused (the loop allocates nothing). */
export class StopInfo {
  kind: StopKind = 'none';
  /** Program-interruption code ('program'), SVC number ('svc'). */
  code = 0;
  /** The intercepted instruction ('privop', 'diagnose'): its address, first word and bytes 4-5. */
  address = 0;
  word = 0;
  word2 = 0;
  length = 0;
  /** 'wait': true when no interruption can end the wait (I/O and external masks off). */
  disabled = false;
  /** 'checkstop': the reason. */
  reason = '';
}

/** The class of an interruption just taken (for an InterruptionObserver). */
export type InterruptionClass = 'program' | 'svc' | 'external' | 'io' | 'machine-check' | 'restart';

/**
 * Told of each interruption the CPU has just taken: its class, its code (program-interruption
 * code, SVC number, external code, device address) and where the old PSW was stored; the new PSW
 * is then the current one. CP's TRACE uses it; the CPU calls it only from interruptions.ts.
 */
export type InterruptionObserver = (kind: InterruptionClass, code: number, oldPswAddress: number) => void;

/** A processor's state as plain data: see Cpu.snapshot(). */
export interface CpuSnapshot {
  psw: Uint8Array;
  invalidPsw: boolean;
  rawPsw: Uint8Array;
  gpr: Int32Array;
  fpr: Uint32Array;
  cr: Uint32Array;
  instructions: number;
  ticks: number;
  checkstopped: boolean;
  pending: {
    interruptKey: boolean;
    externalSignals: number;
    emergencySignal: boolean;
    externalCall: boolean;
    restart: boolean;
    machineCheck: [number, number] | null;
  };
  clock: ClockState;
  storage: { bytes: Uint8Array; keys: Uint8Array };
}

export interface CpuOptions {
  storage?: Storage;
  storageSize?: number;
  io?: IoSystem;
  timeMode?: TimeMode;
  /** Virtual-time mode: the TOD clock value at tick 0, in microseconds since 1900-01-01. */
  virtualEpochMicros?: number;
  /** Virtual-time mode: instructions per microsecond of virtual time. */
  ticksPerMicrosecond?: number;
  /** CP control: privileged instructions in (virtual) supervisor state stop with 'privop' instead of executing. */
  interceptPrivileged?: boolean;
  /** CP control: SVC stops with 'svc' instead of taking the interruption. */
  interceptSvc?: boolean;
  /** CP control: program interruptions stop with 'program' instead of the PSW swap. */
  interceptProgram?: boolean;
  /** Virtual time: in an enabled wait, advance the clock to the next event instead of stopping. */
  idleSkip?: boolean;
  cpuAddress?: number;
  cpuId?: { version: number; serial: number; model: number };
}

const FETCH_PROTECT = 0x08;
const REFERENCE = 0x04;
const CHANGE = 0x02;

export class Cpu {
  readonly storage: Storage;
  mem: Uint8Array;
  keys: Uint8Array;
  /**
   * The addressing limit: every real address below it is available. It is the storage size, or for
   * storage with holes (SegmentedStorage) the defined storage, above which only loaded segments are.
   */
  memSize: number;
  /** Storage with holes above memSize, or null when memSize is the end of storage. */
  readonly segmented: SegmentedStorage | null;
  io: IoSystem;
  readonly clock: Clock;

  readonly gpr = new Int32Array(16);
  /** Floating-point registers 0, 2, 4, 6: word n is the high half of FPR n, word n+1 its low half. */
  readonly fpr = new Uint32Array(8);
  readonly cr = new Uint32Array(16);

  // PSW, held as fields (Principles of Operation, "Program-Status Word").
  sysMask = 0;
  key = 0;
  ecMode = false;
  machineCheckMask = false;
  waitState = false;
  problemState = false;
  cc = 0;
  progMask = 0;
  /** Instruction address: while an instruction executes, already the address of the next one. */
  ia = 0;
  /** Address of the instruction being executed (the EX itself for an executed instruction). */
  curIa = 0;
  /** Length of the current instruction in halfwords (1, 2, 3); 0 when unknown. */
  ilc = 0;
  /** Derived from the PSW and CR0: DAT is on. */
  datOn = false;
  /** Derived: CR0 low-address protection is on. */
  lowAddressProtection = false;
  /** The current PSW is invalid (specification exception at the next fetch); rawPsw holds it. */
  invalidPsw = false;
  readonly rawPsw = new Uint8Array(8);
  /** ILC reported with the early specification exception of an invalid PSW (0 after LPSW or an interruption, 2 after SSM/STOSM). */
  invalidPswIlc = 0;
  /** Derived: instructions can be fetched straight from real storage (DAT off, PSW valid). */
  fastFetch = true;
  /** Scratch result of a DAT table walk (no allocation per translation). */
  readonly walkResult: WalkResult = { cc: 0, value: 0 };

  // DAT lookaside buffer (direct-mapped on the virtual page number).
  readonly tlbPage = new Int32Array(TLB_SIZE).fill(-1);
  readonly tlbFrame = new Int32Array(TLB_SIZE);
  pageShift = 12;

  /** Total instructions executed. */
  instructions = 0;
  /** Virtual-time ticks (instructions plus idle time skipped in waits). */
  ticks = 0;

  readonly stop = new StopInfo();
  /** Work areas for long decimal and extended floating-point operands. */
  readonly scratch = new CpuScratch();
  readonly fault = new ProgramInterruption();
  /** Set to 0 by a handler to end the current chunk after this instruction (state changed, stop requested). */
  chunkLimit = 0;
  checkstopped = false;

  // Pending external conditions.
  interruptKeyPending = false;
  externalSignals = 0;
  /** Emergency signal and external call (SIGNAL PROCESSOR addressed to this CPU). */
  emergencySignalPending = false;
  externalCallPending = false;
  /** Interruption requested by a restart; taken at the next instruction boundary. */
  restartPending = false;
  /** A machine-check condition and its interruption code (two words), waiting to be taken. */
  machineCheckPending = false;
  machineCheckCodeHigh = 0;
  machineCheckCodeLow = 0;

  readonly interceptPrivileged: boolean;
  readonly interceptSvc: boolean;
  readonly interceptProgram: boolean;
  readonly idleSkip: boolean;
  readonly cpuAddress: number;
  readonly cpuId: { version: number; serial: number; model: number };

  /** Monitor and program-event bookkeeping for the last program interruption (tests, TRACE). */
  lastProgramCode = 0;
  /** Counts program interruptions taken in a row without an instruction completing (loop detection). */
  programLoopCount = 0;
  /** CP's TRACE: told of every interruption taken (null: nobody watches; a cold-path check only). */
  onInterruption: InterruptionObserver | null = null;

  private readonly handlers: Handler[];

  constructor(options: CpuOptions = {}) {
    this.storage = options.storage ?? new Storage(options.storageSize ?? 16 * 1024 * 1024);
    this.mem = this.storage.bytes;
    this.keys = this.storage.keys;
    this.segmented = this.storage instanceof SegmentedStorage ? this.storage : null;
    this.memSize = this.segmented !== null ? this.segmented.addressLimit : this.storage.size;
    this.io = options.io ?? new NoIoSystem();
    this.clock = new Clock(this, options.timeMode ?? 'virtual', options.virtualEpochMicros, options.ticksPerMicrosecond);
    this.interceptPrivileged = options.interceptPrivileged ?? false;
    this.interceptSvc = options.interceptSvc ?? false;
    this.interceptProgram = options.interceptProgram ?? false;
    this.idleSkip = options.idleSkip ?? false;
    this.cpuAddress = options.cpuAddress ?? 0;
    this.cpuId = options.cpuId ?? { version: 0xfd, serial: 0x0370, model: 0x3148 };
    this.handlers = buildDispatchTable();
    this.reset();
  }

  /** Initial CPU reset, and registers cleared (as a clear reset leaves them). */
  reset(): void {
    this.gpr.fill(0);
    this.fpr.fill(0);
    this.initialCpuReset();
    this.checkstopped = false;
    this.programLoopCount = 0;
  }

  /**
   * Initial CPU reset (Principles of Operation, "Resets"): CPU reset (pending interruption
   * conditions cleared), the PSW set to zero, the control registers given their initial values,
   * the CPU timer and clock comparator set to zero. General and floating-point registers are kept.
   */
  initialCpuReset(): void {
    resetPsw(this);
    this.cr.fill(0);
    // Initial control-register values (Principles of Operation, "Initial CPU Reset").
    this.cr[0] = 0xe0;
    this.cr[2] = 0xffff_ffff;
    this.cr[14] = 0xc200_0000;
    this.cr[15] = 0x0000_0200;
    purgeTlb(this);
    this.stateChanged();
    this.clearPendingInterruptions();
    this.clock.reset();
  }

  /** CPU reset's part for interruptions: every pending condition held in the CPU is cleared. */
  clearPendingInterruptions(): void {
    this.interruptKeyPending = false;
    this.externalSignals = 0;
    this.emergencySignalPending = false;
    this.externalCallPending = false;
    this.restartPending = false;
    this.machineCheckPending = false;
    this.clock.intervalPending = false;
  }

  /** Recomputes state derived from the PSW and control registers; ends the current chunk. */
  stateChanged(): void {
    const dat = this.ecMode && (this.sysMask & 0x04) !== 0;
    const pageShift = (this.cr[0]! & 0x00c0_0000) === 0x0040_0000 ? 11 : 12;
    if (dat !== this.datOn || pageShift !== this.pageShift) purgeTlb(this);
    this.datOn = dat;
    this.pageShift = pageShift;
    this.lowAddressProtection = (this.cr[0]! & 0x1000_0000) !== 0;
    this.fastFetch = !dat && !this.invalidPsw;
    this.chunkLimit = 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Running

  /**
   * Runs up to `budget` instructions. Returns when the budget is used, the CPU waits (and idleSkip
   * cannot advance time), check-stops, or an intercepted event needs the caller.
   */
  run(budget: number): StopInfo {
    const stop = this.stop;
    stop.kind = 'none';
    if (this.checkstopped) {
      stop.kind = 'checkstop';
      return stop;
    }
    let remaining = budget;
    for (;;) {
      serviceInterruptions(this);
      if (stop.kind !== 'none') return stop;
      if (this.waitState) {
        if (this.idleSkip && this.clock.idleToNextEvent()) continue;
        stop.kind = 'wait';
        stop.disabled = this.ecMode ? (this.sysMask & 0x03) === 0 : this.sysMask === 0;
        return stop;
      }
      if (remaining <= 0) {
        stop.kind = 'budget';
        return stop;
      }
      const chunk = Math.min(remaining, this.clock.ticksToNextEvent());
      const done = this.executeChunk(chunk);
      remaining -= done;
      this.instructions += done;
      this.ticks += done;
      this.io.runUntil(this.ticks);
      if (stop.kind !== 'none') return stop;
    }
  }

  /** Executes at most `limit` instructions; returns how many were started. */
  private executeChunk(limit: number): number {
    const handlers = this.handlers;
    const mem = this.mem;
    const keys = this.keys;
    const tlbPage = this.tlbPage;
    const tlbFrame = this.tlbFrame;
    let n = 0;
    this.chunkLimit = limit;
    while (n < this.chunkLimit) {
      // Whatever changes these (PSW, DAT mode, control registers) also ends the chunk, so they are
      // read once per entry into the loop.
      const fastFetch = this.fastFetch;
      const datFetch = this.datOn && !this.invalidPsw;
      const pageShift = this.pageShift;
      const pageMask = (1 << pageShift) - 1;
      const fetchLimit = this.memSize - 6;
      try {
        while (n < this.chunkLimit) {
          n++;
          const ia = this.ia;
          this.curIa = ia;
          let w: number;
          let w2 = 0;
          // The common case: an even address whose instruction lies in one 2K block of real storage,
          // reached directly or through a TLB entry.
          let r = -1;
          if ((ia & 0x7ff) <= 0x7fa && (ia & 1) === 0) {
            if (fastFetch) r = ia;
            else if (datFetch) {
              const page = ia >>> pageShift;
              const i = page & (TLB_SIZE - 1);
              if (tlbPage[i] === page) r = tlbFrame[i]! | (ia & pageMask);
            }
          }
          // Above the limit only a loaded segment's code (CMSSEG) can be fetched directly.
          if (r >= 0 && (r <= fetchLimit || this.segmentFetch(r))) {
            const block = r >>> 11;
            const kb = keys[block]!;
            if ((kb & (FETCH_PROTECT | REFERENCE)) !== REFERENCE) {
              if ((kb & FETCH_PROTECT) !== 0 && this.key !== 0 && kb >>> 4 !== this.key) {
                // As in fetchInstructionSlow: ILC 2, the address advanced by two halfwords.
                this.ilc = 2;
                this.ia = (ia + 4) & 0xff_ffff;
                throw this.fault.set(ProgramCode.protection);
              }
              keys[block] = kb | REFERENCE;
            }
            const b0 = mem[r]!;
            if (b0 < 0x40) {
              w = (b0 << 24) | (mem[r + 1]! << 16);
              this.ilc = 1;
              this.ia = (ia + 2) & 0xff_ffff;
            } else {
              w = (b0 << 24) | (mem[r + 1]! << 16) | (mem[r + 2]! << 8) | mem[r + 3]!;
              if (b0 < 0xc0) {
                this.ilc = 2;
                this.ia = (ia + 4) & 0xff_ffff;
              } else {
                w2 = (mem[r + 4]! << 8) | mem[r + 5]!;
                this.ilc = 3;
                this.ia = (ia + 6) & 0xff_ffff;
              }
            }
          } else {
            w = this.fetchInstructionSlow(ia);
            w2 = this.fetchedWord2;
          }
          // The commonest instructions are called directly, so each call site sees one function and
          // can be inlined; all others go through the table (same handlers, same checks).
          switch (w >>> 24) {
            case 0x47:
              hotBC(this, w, w2);
              break;
            case 0x41:
              hotLA(this, w, w2);
              break;
            case 0x58:
              hotL(this, w, w2);
              break;
            case 0x50:
              hotST(this, w, w2);
              break;
            case 0x18:
              hotLR(this, w, w2);
              break;
            case 0x1a:
              hotAR(this, w, w2);
              break;
            case 0x46:
              hotBCT(this, w, w2);
              break;
            case 0x07:
              hotBCR(this, w, w2);
              break;
            case 0x12:
              hotLTR(this, w, w2);
              break;
            case 0x95:
              hotCLI(this, w, w2);
              break;
            case 0x91:
              hotTM(this, w, w2);
              break;
            case 0xd2:
              hotMVC(this, w, w2);
              break;
            default:
              handlers[w >>> 24]!(this, w, w2);
          }
        }
      } catch (e) {
        if (e !== this.fault) throw e;
        // The instruction that raised the exception counts as executed.
        this.recognizeProgramException(this.fault.code, this.fault.nullify, this.instructions + n);
        if (this.stop.kind !== 'none') break;
      }
    }
    return n;
  }

  /** True when the 6 bytes at real address r (within one 2K block) lie in a segment above the limit. */
  private segmentFetch(r: number): boolean {
    return this.segmented !== null && this.segmented.isAddressable(r);
  }

  /**
   * True when real address r is available: below the addressing limit, or in a loaded segment
   * above it (the slow paths ask; the fast paths compare with memSize only).
   */
  isAddressable(r: number): boolean {
    return r < this.memSize ? r >= 0 : this.segmented !== null && this.segmented.isAddressable(r);
  }

  /** Bytes 4-5 of the instruction fetched by fetchInstructionSlow. */
  private fetchedWord2 = 0;

  /** Instruction fetch through DAT, across page boundaries, or at the end of storage. */
  private fetchInstructionSlow(ia: number): number {
    if (this.invalidPsw) {
      this.ilc = this.invalidPswIlc;
      throw this.fault.set(ProgramCode.specification);
    }
    // Instruction-fetching exceptions (Principles of Operation, "ILC on Instruction-Fetching
    // Exceptions"): the ILC is 1, 2 or 3 and the old PSW's address is advanced by as many halfwords;
    // before the first halfword tells the length we report 2, as Hercules does. Segment- and
    // page-translation exceptions nullify instead, leaving the address unchanged.
    this.ilc = 2;
    this.ia = (ia + 4) & 0xff_ffff;
    if ((ia & 1) !== 0) throw this.fault.set(ProgramCode.specification);
    const h0 = this.fetchInstructionHalf(ia);
    const len = h0 < 0x4000 ? 1 : h0 < 0xc000 ? 2 : 3;
    this.ilc = len;
    this.ia = (ia + len * 2) & 0xff_ffff;
    let w = h0 << 16;
    let w2 = 0;
    if (len >= 2) w |= this.fetchInstructionHalf((ia + 2) & 0xff_ffff);
    if (len === 3) w2 = this.fetchInstructionHalf((ia + 4) & 0xff_ffff);
    this.fetchedWord2 = w2;
    return w;
  }

  private fetchInstructionHalf(a: number): number {
    const r = this.realFetch(a);
    return (this.mem[r]! << 8) | this.mem[r + 1]!;
  }

  /** Instruction count at the last program interruption, for loop detection. */
  private lastProgramAt = -10;

  /** Handles a program exception: intercept for CP, or the PSW swap (with loop detection). */
  recognizeProgramException(code: number, nullify: boolean, atCount = this.instructions): void {
    if (nullify) this.ia = this.curIa;
    this.lastProgramCode = code;
    this.chunkLimit = 0;
    if (this.interceptProgram) {
      this.stop.kind = 'program';
      this.stop.code = code;
      return;
    }
    takeProgramInterruption(this, code);
    // A program new PSW that is itself invalid makes every instruction fail at once: the real
    // machine loops taking program interruptions; we check-stop instead of spinning forever.
    this.programLoopCount = atCount - this.lastProgramAt <= 1 ? this.programLoopCount + 1 : 0;
    this.lastProgramAt = atCount;
    if (this.programLoopCount > 1000) {
      this.checkstop('program-interruption loop: the program new PSW is not valid');
    }
  }

  checkstop(reason: string): void {
    this.checkstopped = true;
    this.stop.kind = 'checkstop';
    this.stop.reason = reason;
    this.chunkLimit = 0;
  }

  /** A handler asks the run loop to return to the caller after this instruction. */
  requestStop(kind: StopKind): void {
    this.stop.kind = kind;
    this.chunkLimit = 0;
  }

  /** An intercepted instruction (privileged operation or DIAGNOSE) for CP to simulate. */
  intercept(kind: 'privop' | 'diagnose', w: number, w2: number): void {
    const s = this.stop;
    s.address = this.curIa;
    s.word = w;
    s.word2 = w2;
    s.length = this.ilc * 2;
    this.requestStop(kind);
  }

  svc(number: number): void {
    if (this.interceptSvc) {
      this.stop.code = number;
      this.requestStop('svc');
      return;
    }
    takeSvcInterruption(this, number);
  }

  // ---------------------------------------------------------------------------------------------
  // Operator and external actions

  pressInterruptKey(): void {
    this.interruptKeyPending = true;
    this.chunkLimit = 0;
  }

  /** Raises external signal line 2-7 (bit value 0x20 >> (line - 2) in the interruption code). */
  signalExternal(line: number): void {
    this.externalSignals |= 1 << line;
    this.chunkLimit = 0;
  }

  /**
   * Reports a machine-check condition with the given interruption code (the words stored at X'E8';
   * see McicBit in interruptions.ts). Nothing in this machine fails by itself: CP and tests use it.
   */
  machineCheck(codeHigh: number, codeLow = 0): void {
    this.machineCheckPending = true;
    this.machineCheckCodeHigh = codeHigh >>> 0;
    this.machineCheckCodeLow = codeLow >>> 0;
    this.chunkLimit = 0;
  }

  /** The processor's whole state, storage included, as plain data (CP checkpoints, tests). */
  snapshot(): CpuSnapshot {
    const psw = new Uint8Array(8);
    this.storePsw(0, 0, 0, psw);
    return {
      psw,
      invalidPsw: this.invalidPsw,
      rawPsw: this.rawPsw.slice(),
      gpr: this.gpr.slice(),
      fpr: this.fpr.slice(),
      cr: this.cr.slice(),
      instructions: this.instructions,
      ticks: this.ticks,
      checkstopped: this.checkstopped,
      pending: {
        interruptKey: this.interruptKeyPending,
        externalSignals: this.externalSignals,
        emergencySignal: this.emergencySignalPending,
        externalCall: this.externalCallPending,
        restart: this.restartPending,
        machineCheck: this.machineCheckPending ? [this.machineCheckCodeHigh, this.machineCheckCodeLow] : null,
      },
      clock: this.clock.snapshot(),
      storage: this.storage.snapshot(),
    };
  }

  restore(state: CpuSnapshot): void {
    this.storage.restore(state.storage);
    this.gpr.set(state.gpr);
    this.fpr.set(state.fpr);
    this.cr.set(state.cr);
    this.instructions = state.instructions;
    this.ticks = state.ticks;
    loadPswFromBytes(this, state.psw, 0);
    if (state.invalidPsw) {
      this.rawPsw.set(state.rawPsw);
      this.invalidPsw = true;
    }
    this.checkstopped = state.checkstopped;
    this.interruptKeyPending = state.pending.interruptKey;
    this.externalSignals = state.pending.externalSignals;
    this.emergencySignalPending = state.pending.emergencySignal;
    this.externalCallPending = state.pending.externalCall;
    this.restartPending = state.pending.restart;
    this.machineCheckPending = state.pending.machineCheck !== null;
    if (state.pending.machineCheck) [this.machineCheckCodeHigh, this.machineCheckCodeLow] = state.pending.machineCheck;
    this.clock.restore(state.clock);
    purgeTlb(this);
    this.stateChanged();
  }

  restart(): void {
    this.restartPending = true;
    this.checkstopped = false;
    this.chunkLimit = 0;
  }

  /** Loads the current PSW from 8 bytes of real storage (IPL, LPSW, interruptions). */
  loadPsw(realAddress: number): void {
    loadPswFromBytes(this, this.mem, realAddress);
  }

  /** Stores the current PSW with the given BC-mode interruption code into real storage (or `into`). */
  storePsw(realAddress: number, interruptionCode: number, ilc: number, into: Uint8Array = this.mem): void {
    storePswBytes(this, into, realAddress, interruptionCode, ilc);
  }

  // ---------------------------------------------------------------------------------------------
  // Storage access (logical addresses, 24 bits). Each helper applies DAT, addressing and key
  // protection and sets the reference and change bits (Principles of Operation, "Protection").

  /** Real address for fetching the byte at logical address a. */
  realFetch(a: number): number {
    const r = this.datOn ? translate(this, a, false) : a;
    if (r >= this.memSize && !this.isAddressable(r)) throw this.fault.set(ProgramCode.addressing);
    const block = r >>> 11;
    const kb = this.keys[block]!;
    if ((kb & FETCH_PROTECT) !== 0 && this.key !== 0 && kb >>> 4 !== this.key) {
      throw this.fault.set(ProgramCode.protection);
    }
    this.keys[block] = kb | REFERENCE;
    return r;
  }

  /** Real address for storing the byte at logical address a. */
  realStore(a: number): number {
    if (this.lowAddressProtection && a < 512) throw this.fault.set(ProgramCode.protection);
    const r = this.datOn ? translate(this, a, true) : a;
    if (r >= this.memSize && !this.isAddressable(r)) throw this.fault.set(ProgramCode.addressing);
    const block = r >>> 11;
    const kb = this.keys[block]!;
    if (this.key !== 0 && kb >>> 4 !== this.key) throw this.fault.set(ProgramCode.protection);
    this.keys[block] = kb | REFERENCE | CHANGE;
    return r;
  }

  fetchByte(a: number): number {
    return this.mem[this.realFetch(a)]!;
  }

  storeByte(a: number, v: number): void {
    this.mem[this.realStore(a)] = v;
  }

  /** Fetches a halfword, sign-extended. */
  fetchHalf(a: number): number {
    if ((a & 0x7ff) !== 0x7ff) {
      const r = this.realFetch(a);
      return ((this.mem[r]! << 24) | (this.mem[r + 1]! << 16)) >> 16;
    }
    return (((this.fetchByte(a) << 24) | (this.fetchByte((a + 1) & 0xff_ffff) << 16)) >> 16);
  }

  /** Fetches a word as a signed 32-bit number. */
  fetchWord(a: number): number {
    if ((a & 0x7ff) <= 0x7fc) {
      const r = this.realFetch(a);
      const m = this.mem;
      return (m[r]! << 24) | (m[r + 1]! << 16) | (m[r + 2]! << 8) | m[r + 3]!;
    }
    return (
      (this.fetchByte(a) << 24) |
      (this.fetchByte((a + 1) & 0xff_ffff) << 16) |
      (this.fetchByte((a + 2) & 0xff_ffff) << 8) |
      this.fetchByte((a + 3) & 0xff_ffff)
    );
  }

  storeHalf(a: number, v: number): void {
    if ((a & 0x7ff) !== 0x7ff) {
      const r = this.realStore(a);
      this.mem[r] = v >>> 8;
      this.mem[r + 1] = v;
      return;
    }
    const r0 = this.realStore(a);
    const r1 = this.realStore((a + 1) & 0xff_ffff);
    this.mem[r0] = v >>> 8;
    this.mem[r1] = v;
  }

  storeWord(a: number, v: number): void {
    if ((a & 0x7ff) <= 0x7fc) {
      const r = this.realStore(a);
      const m = this.mem;
      m[r] = v >>> 24;
      m[r + 1] = v >>> 16;
      m[r + 2] = v >>> 8;
      m[r + 3] = v;
      return;
    }
    // Crossing a 2K boundary: every byte is checked before any is stored.
    const r0 = this.realStore(a);
    const r1 = this.realStore((a + 1) & 0xff_ffff);
    const r2 = this.realStore((a + 2) & 0xff_ffff);
    const r3 = this.realStore((a + 3) & 0xff_ffff);
    this.mem[r0] = v >>> 24;
    this.mem[r1] = v >>> 16;
    this.mem[r2] = v >>> 8;
    this.mem[r3] = v;
  }

  /**
   * Checks that `length` bytes (1-256) at logical address a can be accessed, before any is changed,
   * as the storage-to-storage instructions require. Returns the real address of the first byte when
   * the whole operand is contiguous in real storage (within one 2K block), else -1: the caller then
   * goes byte by byte with fetchByte/storeByte.
   */
  checkOperand(a: number, length: number, store: boolean): number {
    const last = (a + length - 1) & 0xff_ffff;
    const first = store ? this.realStore(a) : this.realFetch(a);
    if ((a & 0x7ff) + length <= 0x800) return first;
    if (store) this.realStore(last);
    else this.realFetch(last);
    return -1;
  }

  /** Effective address of an RX/RS/SI/SS operand: base + index + displacement, 24 bits. */
  address(b: number, d: number): number {
    return b === 0 ? d : (this.gpr[b]! + d) & 0xff_ffff;
  }

  /** Raises a program exception (handlers call: throw cpu.exception(code)). */
  exception(code: number): ProgramInterruption {
    return this.fault.set(code);
  }

  /** The TOD clock as two 32-bit words (high, low), stepping for uniqueness. */
  readTod(out: Uint32Array): void {
    this.clock.readTod(out);
  }

  /** Number of entries actually in use in the dispatch table (tests). */
  handlerFor(opcode: number): Handler {
    return this.handlers[opcode]!;
  }
}
