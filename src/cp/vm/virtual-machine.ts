// A virtual machine: one S/370 interpreter instance running a guest with CP in control of every
// privileged operation (VM/370 System Logic R6, "Virtual machine dispatching", DMKDSP, DMKPRV,
// DMKHVC). The Cpu runs the guest directly in the problem or supervisor state the guest's PSW asks
// for; with interceptPrivileged it stops on each privileged instruction in supervisor state and on
// DIAGNOSE, and CP simulates them against the virtual machine's own state: its storage, its
// registers and control registers, its timers and its virtual channel subsystem.
//
// There is no module-level state: a dispatcher may run any number of virtual machines in one
// process, each in slices of instructions (run(budget)). run() never blocks and never spins: when
// the guest waits for console input it returns 'console-read', and the caller parks the machine
// until enter() gives it a line.

import type { ControlProgram, CpUser } from '../control-program.ts';
import { iplFromDevice } from '../../channel/ipl.ts';
import { Cpu } from '../../cpu/cpu.ts';
import { pswHex } from '../../cpu/psw.ts';
import { TOD_UNIX_EPOCH_MICROS } from '../../cpu/timers.ts';
import { CkdDasd } from '../../devices/dasd/ckd-dasd.ts';
import { CkdImage } from '../../devices/dasd/ckd-image.ts';
import { Storage } from '../../storage/storage.ts';
import { SegmentedStorage } from '../../cpu/segmented-storage.ts';
import { MinidiskDevice } from '../ccw/minidisk.ts';
import { diagnose } from '../diagnose/index.ts';
import { SavedSystemRegistry } from '../nss/registry.ts';
import { VirtualConsole, type ConsoleTerminal } from './console.ts';
import { CpCommandSet, type EmsgSetting } from './cp-commands.ts';
import { simulatePrivileged } from './privileged.ts';
import { VirtualPrinter, VirtualPunch, VirtualReader, type SpoolFile } from './unit-record.ts';
import { VirtualChannelSubsystem, type SyncResult, type VirtualDeviceEntry } from './virtual-io.ts';
import { consoleEntry, dasdEntry, unitRecordEntry } from './device-info.ts';

export interface MinidiskLink {
  /** The guest's device address (cuu). */
  address: number;
  /** The Hercules CKD image holding the volume (opened here when no `volume` is given). */
  image: string;
  /**
   * The volume already open and shared with other virtual machines (CP opens each real volume
   * once): the device works on it directly and closing the device leaves it open.
   */
  volume?: CkdImage;
  /** First cylinder of the minidisk on the volume (default 0). */
  start?: number;
  /** Number of cylinders (default: the rest of the volume). */
  cylinders?: number;
  /** A read-only link (R/RR): writes are rejected. */
  readOnly?: boolean;
  /** Volume serial for QUERY VIRTUAL (default VMUSER). */
  volser?: string;
  /** Runs once when the device is closed (DETACH, LOGOFF): CP's link registry lets go of the link. */
  onClose?: () => void;
}

export interface TimeZone {
  name: string;
  /** Minutes east of GMT. */
  offsetMinutes: number;
}

export interface VirtualMachineOptions {
  userid: string;
  /** Defined storage in bytes (what DIAGNOSE X'60' reports). */
  storageSize: number;
  /** The user's terminal; without one the machine has no console. */
  terminal?: ConsoleTerminal;
  consoleAddress?: number;
  /** Spooled unit-record devices (default reader 00C, punch 00D, printer 00E); false for none. */
  spool?: { reader?: number; punch?: number; printer?: number } | false;
  minidisks?: readonly MinidiskLink[];
  savedSystems?: SavedSystemRegistry;
  commands?: CpCommandSet;
  /**
   * Time. 'virtual' (default): the TOD clock starts at `epoch` and moves with the instructions the
   * machine executes (plus I/O time), the same on every run. 'real': the host's clock.
   */
  time?: { mode?: 'virtual' | 'real'; epoch?: Date; zone?: TimeZone };
  /** The system's name for QUERY USERID (default VM370). */
  systemId?: string;
  /** SET EMSG setting at logon (default ON). */
  emsg?: EmsgSetting;
}

export type RunOutcome =
  /** The instruction budget is used up; call run() again. */
  | 'budget'
  /** The guest waits for a line from the console (VM READ). */
  | 'console-read'
  /** CP waits for a command (CP READ): after DIAGNOSE X'08' with Ry = 0, a disabled wait, a check stop. */
  | 'cp-read'
  /** An enabled wait that nothing scheduled will end (the guest waits for an external event). */
  | 'idle'
  /** Nothing has been IPLed. */
  | 'stopped';

export interface RunResult {
  outcome: RunOutcome;
  /** Instructions executed by this call. */
  instructions: number;
}

export type MachineState = 'stopped' | 'running' | 'cp-read';

/** The CPU's reason for stopping, as cpu.run() returns it. */
export type CpuStop = ReturnType<Cpu['run']>;

/**
 * Something that runs the machine instruction by instruction while CP watches it (TRACE, ADSTOP:
 * src/cp/trace). It executes up to `budget` instructions, hands every stop to vm.handleStop(), and
 * returns why it ended, as run() would.
 */
export interface MachineMonitor {
  run(vm: VirtualMachine, budget: number): RunOutcome;
}

/** The 24-bit address space. */
const MAX_STORAGE = 16 * 1024 * 1024;

/** Waits a run() may skip through before it returns (each moves time on to the next event). */
const MAX_IDLE_STEPS = 10_000;

/** CP's own CPU time per event, in microseconds (for DIAGNOSE X'0C' and QUERY TIME). */
const CP_COST = { privileged: 2, diagnose: 10, ioPerTick: 0.01 } as const;

export class VirtualMachine {
  readonly userid: string;
  /** Defined storage (DEFINE STORAGE changes it, and with it storage, cpu and io). */
  storageSize: number;
  storage: Storage;
  cpu: Cpu;
  io: VirtualChannelSubsystem;
  readonly console: VirtualConsole | null;
  readonly reader: VirtualReader | null = null;
  readonly punch: VirtualPunch | null = null;
  readonly printer: VirtualPrinter | null = null;
  readonly savedSystems: SavedSystemRegistry;
  readonly loadedSegments = new Set<string>();
  readonly commands: CpCommandSet;
  /** CP SET options recorded for later parts of CP (PFnn, RUN ...). */
  readonly settings = new Map<string, string>();
  /** Spool files closed by this machine's punch and printer. */
  readonly spoolFiles: SpoolFile[] = [];
  readonly timeZone: TimeZone;
  readonly systemId: string;
  emsg: EmsgSetting;
  state: MachineState = 'stopped';
  /** Who issues this machine's CP commands: the CP, the logged-on user and its classes (none for a lone machine). */
  owner: { cp?: ControlProgram; user?: CpUser; classes?: string } = {};
  /** TRACE / ADSTOP in effect: the monitor runs the machine (null: full speed). */
  monitor: MachineMonitor | null = null;
  /** VMCF AUTHORIZE done (DIAGNOSE X'68'). */
  vmcfAuthorized = false;
  /** Counts of simulated privileged instructions and DIAGNOSE codes (TRACE, INDICATE, tests). */
  readonly counts = { privileged: new Map<string, number>(), diagnose: new Map<number, number>() };
  /** Things CP met that it does not support (an unknown DIAGNOSE ...), newest last. */
  readonly notices: string[] = [];
  private readonly logonMicros: number;
  private cpMicros = 0;
  /** Host time spent running this machine (real time only), microseconds. */
  private hostMicros = 0;
  private readonly timeMode: 'virtual' | 'real';
  private readonly epoch: Date;

  constructor(options: VirtualMachineOptions) {
    this.userid = options.userid.toUpperCase();
    this.savedSystems = options.savedSystems ?? new SavedSystemRegistry();
    this.commands = options.commands ?? new CpCommandSet();
    this.timeZone = options.time?.zone ?? { name: 'GMT', offsetMinutes: 0 };
    this.systemId = options.systemId ?? 'VM370';
    this.emsg = options.emsg ?? 'ON';
    this.storageSize = Math.min(roundStorage(options.storageSize), MAX_STORAGE);
    // Saved segments above the defined storage (CMSSEG at 15M) are addressable once loaded: the
    // storage array covers them, and the addresses between are holes (addressing exceptions).
    const real = Math.min(Math.max(this.storageSize, roundStorage(this.savedSystems.highestEndAbove(this.storageSize))), MAX_STORAGE);
    this.storage = real > this.storageSize ? new SegmentedStorage(real, this.storageSize) : new Storage(real);
    this.io = new VirtualChannelSubsystem(this.storage);
    this.timeMode = options.time?.mode ?? 'virtual';
    this.epoch = options.time?.epoch ?? new Date();
    this.cpu = this.makeCpu();
    this.logonMicros = this.cpu.clock.nowMicros();

    const opened: Array<{ close(): void }> = [];
    try {
      this.console = null;
      if (options.terminal) {
        this.console = new VirtualConsole(options.terminal);
        this.io.attach(consoleEntry(options.consoleAddress ?? 0x009, this.console));
      }
      if (options.spool !== false) {
        const addresses = { reader: 0x00c, punch: 0x00d, printer: 0x00e, ...(options.spool ?? {}) };
        const spool = (file: SpoolFile) => this.spoolFiles.push(file);
        this.reader = new VirtualReader();
        this.punch = new VirtualPunch(spool);
        this.printer = new VirtualPrinter(spool);
        this.io.attach(unitRecordEntry(addresses.reader, 'reader', this.reader));
        this.io.attach(unitRecordEntry(addresses.punch, 'punch', this.punch));
        this.io.attach(unitRecordEntry(addresses.printer, 'printer', this.printer));
      }
      for (const link of options.minidisks ?? []) opened.push(this.attachMinidisk(link));
    } catch (e) {
      for (const o of opened) o.close();
      throw e;
    }
  }

  // -----------------------------------------------------------------------------------------------
  // Configuration: devices come and go (LINK, DEFINE, DETACH, ATTACH)

  /** Attaches a minidisk at link.address; returns the device (close() releases its image or its share of it). */
  attachMinidisk(link: MinidiskLink): MinidiskDevice {
    if (this.io.entry(link.address) !== undefined) throw new Error(`a device is already defined at ${hex3(link.address)}`);
    const shared = link.volume !== undefined;
    const image = link.volume ?? CkdImage.open(link.image, link.readOnly === true);
    try {
      const start = link.start ?? 0;
      const device = new MinidiskDevice(
        new CkdDasd(image, { sharedImage: shared }),
        { start, cylinders: link.cylinders ?? image.cylinders - start, readOnly: link.readOnly === true || image.readOnly },
        { onClose: link.onClose },
      );
      this.io.attach(dasdEntry(link.address, device, link.volser ?? 'VMUSER'));
      return device;
    } catch (e) {
      if (!shared) image.close();
      link.onClose?.();
      throw e;
    }
  }

  /** Attaches any virtual device (DEFINE, ATTACH); the address must be free. */
  attachDevice(entry: VirtualDeviceEntry): void {
    if (this.io.entry(entry.address) !== undefined) throw new Error(`a device is already defined at ${hex3(entry.address)}`);
    this.io.attach(entry);
  }

  /**
   * Detaches a virtual device (DETACH): it leaves the channel subsystem with any pending
   * interruption, and its host resources are released unless `keepOpen`. Returns the entry.
   */
  detachDevice(address: number, keepOpen = false): VirtualDeviceEntry | undefined {
    const entry = this.io.detach(address);
    if (entry !== undefined && !keepOpen) entry.device.close?.();
    return entry;
  }

  /**
   * DEFINE STORAGE: the machine gets new storage of `bytes` (rounded to 64K, at most 16M) and is
   * reset as by SYSTEM CLEAR; devices stay attached, CPU time and the clock go on. CP then waits in
   * CP READ (VM/370 CP Command Reference, DEFINE: "the virtual machine is reset").
   */
  defineStorage(bytes: number): void {
    const size = Math.min(roundStorage(bytes), MAX_STORAGE);
    const real = Math.min(Math.max(size, roundStorage(this.savedSystems.highestEndAbove(size))), MAX_STORAGE);
    const clock = this.cpu.clock.snapshot();
    const instructions = this.cpu.instructions;
    const ticks = this.cpu.ticks;
    const entries = this.io.list();
    for (const e of entries) this.io.detach(e.address);
    this.storageSize = size;
    this.storage = real > size ? new SegmentedStorage(real, size) : new Storage(real);
    this.io = new VirtualChannelSubsystem(this.storage);
    for (const e of entries) this.io.attach(e);
    this.cpu = this.makeCpu();
    this.cpu.clock.restore(clock);
    this.cpu.instructions = instructions;
    this.cpu.ticks = ticks;
    this.loadedSegments.clear();
    this.state = 'stopped';
  }

  /**
   * SYSTEM RESET / SYSTEM CLEAR: CPU and I/O reset (and with clear, storage and keys zeroed); the
   * machine stops in CP READ (VM/370 CP Command Reference, SYSTEM).
   */
  systemReset(clear: boolean): void {
    this.cpu.reset();
    this.io.reset();
    if (clear) {
      this.storage.clear();
      this.loadedSegments.clear();
    }
    this.state = this.state === 'stopped' ? 'stopped' : 'cp-read';
  }

  /**
   * SYSTEM RESTART: a restart interruption (the old PSW at X'08', the new PSW from X'00'); the
   * machine runs on (VM/370 CP Command Reference, SYSTEM RESTART).
   */
  systemRestart(): void {
    this.cpu.restartPending = true;
    this.state = 'running';
    this.console?.terminal.status?.('RUNNING');
  }

  private makeCpu(): Cpu {
    return new Cpu({
      storage: this.storage,
      io: this.io,
      interceptPrivileged: true,
      timeMode: this.timeMode,
      virtualEpochMicros: TOD_UNIX_EPOCH_MICROS + this.epoch.getTime() * 1000,
      // STIDP in a virtual machine: version code X'FF'.
      cpuId: { version: 0xff, serial: 0x01_0370, model: 0x3148 },
    });
  }

  // -----------------------------------------------------------------------------------------------
  // IPL

  /** IPL by saved-system name (IPL CMS) or by device address (IPL 190). */
  ipl(target: string, options: { clear?: boolean } = {}): void {
    const name = target.toUpperCase();
    const system = this.savedSystems.get(name);
    if (system !== undefined && system.ipl) {
      this.resetMachine(true);
      system.loadPages(this.cpu);
      system.loadState(this.cpu);
      this.loadedSegments.add(system.name);
      this.state = 'running';
      return;
    }
    if (/^[0-9A-F]{1,4}$/.test(name) && this.io.entry(parseInt(name, 16)) !== undefined) {
      // IPL by device clears storage only when asked (CP Command Reference, IPL: CLEAR); a
      // program-less API caller gets the clear machine it always had.
      this.resetMachine(options.clear ?? true);
      const result = iplFromDevice(this.io.channels, parseInt(name, 16));
      if (!result.ok) throw new Error(result.reason);
      this.cpu.loadPsw(0);
      this.state = 'running';
      return;
    }
    throw new Error('DMKCFG022E VADDR MISSING OR INVALID');
  }

  /** System reset, as IPL does (CPU, channels, devices; with clear, storage and keys too). */
  private resetMachine(clear: boolean): void {
    this.cpu.reset();
    this.io.reset();
    if (clear) this.storage.clear();
    // The segments are gone with the machine's contents: their addresses are holes again.
    if (this.storage instanceof SegmentedStorage) this.storage.releaseRanges();
    this.loadedSegments.clear();
  }

  // -----------------------------------------------------------------------------------------------
  // Running

  /** Runs the guest for up to `budget` instructions (see RunOutcome for why it returns). */
  run(budget: number): RunResult {
    const cpu = this.cpu;
    const start = cpu.instructions;
    // In real time the machine's CPU time is the host time its slices take.
    const began = this.timeMode === 'real' ? performance.now() : 0;
    const done = (outcome: RunOutcome): RunResult => {
      if (began !== 0) this.hostMicros += (performance.now() - began) * 1000;
      return { outcome, instructions: cpu.instructions - start };
    };
    if (this.state === 'stopped') return done('stopped');
    if (this.state === 'cp-read') return done('cp-read');
    // CP's debugging functions (TRACE, ADSTOP) watch every instruction: they run the machine.
    if (this.monitor !== null) return done(this.monitor.run(this, budget));
    let idleSteps = 0;
    for (;;) {
      const remaining = budget - (cpu.instructions - start);
      if (remaining <= 0 || idleSteps > MAX_IDLE_STEPS) return done('budget');
      const stop = cpu.run(remaining);
      if (stop.kind === 'wait') idleSteps++;
      const outcome = this.handleStop(stop);
      if (outcome !== null) return done(outcome);
    }
  }

  /**
   * What CP does when the CPU stops: simulates a privileged instruction or DIAGNOSE, lets time
   * pass in a wait, or stops the machine. Returns null when the guest goes on, or why run() ends.
   */
  handleStop(stop: CpuStop): RunOutcome | null {
    const cpu = this.cpu;
    switch (stop.kind) {
      case 'privop': {
        const mnemonic = simulatePrivileged(cpu, stop.word, stop.word2);
        this.count(this.counts.privileged, mnemonic);
        this.cpMicros += CP_COST.privileged;
        return null;
      }
      case 'diagnose': {
        const code = diagnose(this, stop.word);
        this.count(this.counts.diagnose, code);
        this.cpMicros += CP_COST.diagnose;
        return this.isInCpMode() ? 'cp-read' : null;
      }
      case 'wait': {
        if (stop.disabled) {
          this.console?.cpWrite(`DMKDSP450W CP ENTERED; DISABLED WAIT PSW '${formatPsw(pswHex(cpu))}'`);
          this.toCpRead();
          return 'cp-read';
        }
        const next = this.io.nextEventTick();
        if (next !== Infinity) {
          // Time passes until the channel's next event (an I/O completes).
          cpu.ticks = Math.max(cpu.ticks, next);
          this.io.runUntil(cpu.ticks);
          return null;
        }
        if (this.console?.readPending) return 'console-read';
        if (cpu.clock.idleToNextEvent()) return null;
        return 'idle';
      }
      case 'checkstop':
        this.console?.cpWrite(`DMKDSP450W CP ENTERED; CHECK STOP (${stop.reason})`);
        this.toCpRead();
        return 'cp-read';
      case 'stopped':
        this.toCpRead();
        return 'cp-read';
      case 'budget':
        return 'budget';
      default:
        // 'program' and 'svc' are not intercepted for a virtual machine.
        throw new Error(`unexpected stop '${stop.kind}' in virtual machine ${this.userid}`);
    }
  }

  /**
   * The user enters a line. In CP READ it is a CP command (BEGIN resumes the guest); a line
   * '#CP command' goes to CP from VM READ; any other line goes to the guest's console.
   */
  enter(line: string): void {
    if (this.state === 'cp-read') {
      if (/^\s*B(E(G(IN?)?)?)?\s*$/i.test(line)) {
        this.state = 'running';
        this.console?.terminal.status?.('RUNNING');
        return;
      }
      this.executeCommand(line, (l) => this.console?.cpWrite(l), false);
      return;
    }
    const cp = /^#CP(\s+(.*))?$/i.exec(line);
    if (cp) {
      if (cp[2] === undefined || cp[2].trim() === '') this.enterCpMode();
      else this.executeCommand(cp[2], (l) => this.console?.cpWrite(l), false);
      return;
    }
    this.console?.enter(line);
  }

  isInCpMode(): boolean {
    return this.state === 'cp-read';
  }

  /** The machine stops and CP reads commands from the console (CP READ). */
  enterCpMode(): void {
    if (this.state === 'running') this.toCpRead();
  }

  /** The machine stops; CP reads commands (CP READ). */
  toCpRead(): void {
    this.state = 'cp-read';
    this.console?.terminal.status?.('CP READ');
  }

  /** Runs a CP command line; returns CP's completion code. */
  executeCommand(line: string, reply: (line: string) => void, fromDiagnose: boolean): number {
    return this.commands.execute(this, line, reply, fromDiagnose, this.owner);
  }

  /** Runs a channel program synchronously for a DIAGNOSE; the time it takes passes. */
  runChannelProgram(deviceAddress: number, ccwAddress: number, key: number): SyncResult {
    const before = this.io.now();
    const result = this.io.runSync(deviceAddress, ccwAddress, key);
    const after = this.io.now();
    if (after > this.cpu.ticks) this.cpu.ticks = after;
    this.cpMicros += (after - before) * CP_COST.ioPerTick;
    return result;
  }

  // -----------------------------------------------------------------------------------------------
  // Time (DIAGNOSE X'0C', QUERY TIME)

  /** The local date and time as a Date whose UTC fields are the local ones. */
  localTime(): Date {
    const unixMicros = this.cpu.clock.nowMicros() - TOD_UNIX_EPOCH_MICROS;
    return new Date(Math.floor(unixMicros / 1000) + this.timeZone.offsetMinutes * 60_000);
  }

  connectMicros(): number {
    return this.cpu.clock.nowMicros() - this.logonMicros;
  }

  /**
   * Virtual CPU time: in virtual time the guest's instructions at the clock's nominal rate (the
   * same on every run); in real time the host time the machine's slices took.
   */
  virtualCpuMicros(): number {
    if (this.timeMode === 'real') return this.hostMicros;
    return this.cpu.instructions / this.cpu.clock.ticksPerMicrosecond;
  }

  /** Total CPU time: virtual time plus CP's time on the machine's behalf. */
  totalCpuMicros(): number {
    return this.virtualCpuMicros() + this.cpMicros;
  }

  // -----------------------------------------------------------------------------------------------

  /** Records something CP met and does not support. */
  notice(message: string): void {
    this.notices.push(message);
  }

  /** Releases the devices' host files. */
  close(): void {
    this.io.close();
  }

  private count<K>(map: Map<K, number>, key: K): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }
}

const hex3 = (n: number) => n.toString(16).toUpperCase().padStart(3, '0');

/** Storage sizes are whole 64K segments of at least 64K. */
function roundStorage(bytes: number): number {
  return Math.max(0x1_0000, Math.ceil(bytes / 0x1_0000) * 0x1_0000);
}

/** A PSW as CP prints it: two words of 8 hex digits. */
function formatPsw(hex: string): string {
  return `${hex.slice(0, 8)} ${hex.slice(8)}`.toUpperCase();
}
