// Interruptions (GA22-7000, "Interruptions"): the PSW swaps of each class in BC and EC mode, the
// interruption codes and where they are stored, masks, priority, invalid new PSWs, restart, wait.

import { describe, expect, it } from 'vitest';
import type { Cpu } from '../../src/cpu/cpu.ts';
import type { IoSystem } from '../../src/cpu/io-system.ts';
import { CODE_AT, execute, machine, peek, poke } from '../helpers/machine.ts';

const EXTERNAL_OLD = 0x18;
const SVC_OLD = 0x20;
const PROGRAM_OLD = 0x28;
const IO_OLD = 0x38;
const EXTERNAL_NEW = 0x58;
const SVC_NEW = 0x60;
const PROGRAM_NEW = 0x68;
const IO_NEW = 0x78;

/** A disabled-wait BC PSW whose address tells which new PSW was loaded last. */
const waitAt = (address: number) => `00020000_${address.toString(16).padStart(8, '0')}`;

/** A machine that takes program interruptions (no CP intercept), each new PSW a disabled wait. */
function bare(): Cpu {
  const cpu = machine({ interceptProgram: false });
  poke(cpu, EXTERNAL_NEW, waitAt(0xe00));
  poke(cpu, SVC_NEW, waitAt(0x5c0));
  poke(cpu, PROGRAM_NEW, waitAt(0x9c0));
  poke(cpu, IO_NEW, waitAt(0x10));
  return cpu;
}

function ecMode(cpu: Cpu, sysMask: number): void {
  cpu.ecMode = true;
  cpu.sysMask = sysMask;
  cpu.stateChanged();
}

/** An I/O system with one interruption pending for a device until it is accepted. */
class OnePendingInterruption implements IoSystem {
  pendingChannels: number;
  constructor(private readonly device: number) {
    this.pendingChannels = 1 << (31 - (device >>> 8));
  }
  acceptInterruption(enabled: number): number {
    if ((enabled & this.pendingChannels) === 0) return -1;
    this.pendingChannels = 0;
    return this.device;
  }
  startIo(): number {
    return 3;
  }
  testIo(): number {
    return 3;
  }
  haltIo(): number {
    return 3;
  }
  haltDevice(): number {
    return 3;
  }
  clearIo(): number {
    return 3;
  }
  testChannel(): number {
    return 3;
  }
  storeChannelId(): number {
    return 3;
  }
  nextEventTick(): number {
    return Infinity;
  }
  runUntil(): void {}
  reset(): void {}
}

describe('external interruption', () => {
  it('BC mode: the interrupt key stores code X0040 in the old PSW at X18 and loads the new PSW from X58', () => {
    const cpu = bare();
    cpu.sysMask = 0x01;
    cpu.pressInterruptKey();
    const stop = execute(cpu, '0700');
    expect(stop.kind).toBe('wait');
    expect(peek(cpu, EXTERNAL_OLD, 8)).toBe('0100004000001000');
    expect(cpu.ia).toBe(0xe00);
    expect(cpu.interruptKeyPending).toBe(false);
  });

  it('EC mode: the code goes to X86, zeros to X84, and the old PSW has no code', () => {
    const cpu = bare();
    poke(cpu, 0x84, 'ffffffff');
    ecMode(cpu, 0x01);
    cpu.cc = 2;
    cpu.pressInterruptKey();
    execute(cpu, '0700');
    expect(peek(cpu, 0x84, 4)).toBe('00000040');
    expect(peek(cpu, EXTERNAL_OLD, 8)).toBe('0108200000001000');
  });

  it('the PSW external mask (bit 7) off leaves the condition pending', () => {
    const cpu = bare();
    cpu.pressInterruptKey();
    expect(execute(cpu, '0700').kind).toBe('budget');
    expect(cpu.interruptKeyPending).toBe(true);
    cpu.sysMask = 0x01;
    expect(execute(cpu, '0700').kind).toBe('wait');
  });

  it('the CR0 subclass mask off leaves the condition pending', () => {
    const cpu = bare();
    cpu.sysMask = 0x01;
    cpu.cr[0] = 0x20;
    cpu.pressInterruptKey();
    expect(execute(cpu, '0700').kind).toBe('budget');
    expect(cpu.interruptKeyPending).toBe(true);
  });

  it('interval timer, interrupt key and external signals are indicated together in one code', () => {
    const cpu = bare();
    cpu.sysMask = 0x01;
    cpu.clock.intervalPending = true;
    cpu.pressInterruptKey();
    cpu.signalExternal(2);
    cpu.signalExternal(7);
    execute(cpu, '0700');
    expect(peek(cpu, EXTERNAL_OLD + 2, 2)).toBe('00e1');
    expect(cpu.clock.intervalPending).toBe(false);
    expect(cpu.externalSignals).toBe(0);
  });

  it('only the conditions whose subclass masks are on are indicated', () => {
    const cpu = bare();
    cpu.sysMask = 0x01;
    cpu.cr[0] = 0x40;
    cpu.pressInterruptKey();
    cpu.signalExternal(3);
    execute(cpu, '0700');
    expect(peek(cpu, EXTERNAL_OLD + 2, 2)).toBe('0040');
    expect(cpu.externalSignals).not.toBe(0);
  });

  it('the interrupt key has priority over the clock comparator, which has priority over the CPU timer', () => {
    const cpu = bare();
    cpu.sysMask = 0x01;
    cpu.cr[0] = 0xc40;
    cpu.clock.setCpuTimer(0xffff_ffff, 0);
    cpu.clock.setComparator(0, 0);
    cpu.pressInterruptKey();
    execute(cpu, '0700');
    expect(peek(cpu, EXTERNAL_OLD + 2, 2)).toBe('0040');
    cpu.sysMask = 0x01;
    execute(cpu, '0700');
    expect(peek(cpu, EXTERNAL_OLD + 2, 2)).toBe('1004');
    cpu.cr[0] = 0x440;
    cpu.sysMask = 0x01;
    execute(cpu, '0700');
    expect(peek(cpu, EXTERNAL_OLD + 2, 2)).toBe('1005');
  });

  it('emergency signal (SIGP to itself): code X1201 and the signalling CPU address at X84', () => {
    const cpu = machine({ interceptProgram: false, cpuAddress: 0x0001 });
    poke(cpu, EXTERNAL_NEW, waitAt(0xe00));
    cpu.gpr[3] = 1;
    cpu.cr[0] = 0x4000;
    ecMode(cpu, 0x01);
    const stop = execute(cpu, 'ae130003', '0700');
    expect(stop.kind).toBe('wait');
    expect(peek(cpu, 0x84, 4)).toBe('00011201');
    expect(cpu.storage.readWord(EXTERNAL_OLD + 4)).toBe(CODE_AT + 4);
  });

  it('external call (SIGP to itself) is code X1202, after emergency signal', () => {
    const cpu = bare();
    cpu.sysMask = 0x01;
    cpu.cr[0] = 0x6000;
    cpu.externalCallPending = true;
    cpu.emergencySignalPending = true;
    execute(cpu, '0700');
    expect(peek(cpu, EXTERNAL_OLD + 2, 2)).toBe('1201');
    cpu.sysMask = 0x01;
    execute(cpu, '0700');
    expect(peek(cpu, EXTERNAL_OLD + 2, 2)).toBe('1202');
  });
});

describe('I/O interruption', () => {
  it('BC mode: the device address is the code in the old PSW at X38; PSW bits 0-5 mask channels 0-5', () => {
    const cpu = bare();
    cpu.io = new OnePendingInterruption(0x0123);
    cpu.sysMask = 0x80; // channel 0 only
    expect(execute(cpu, '0700').kind).toBe('budget');
    cpu.sysMask = 0x40; // channel 1
    expect(execute(cpu, '0700').kind).toBe('wait');
    expect(peek(cpu, IO_OLD, 8)).toBe('4000012300001000');
    expect(cpu.ia).toBe(0x10);
  });

  it('BC mode: PSW bit 6 masks channels 6 and up', () => {
    const cpu = bare();
    cpu.io = new OnePendingInterruption(0x0a80);
    cpu.sysMask = 0xfc;
    expect(execute(cpu, '0700').kind).toBe('budget');
    cpu.sysMask = 0x02;
    expect(execute(cpu, '0700').kind).toBe('wait');
    expect(peek(cpu, IO_OLD + 2, 2)).toBe('0a80');
  });

  it('EC mode: PSW bit 6 and the CR2 channel masks; the device address at XBA, zeros at XB8', () => {
    const cpu = bare();
    cpu.io = new OnePendingInterruption(0x0291);
    poke(cpu, 0xb8, 'ffffffff');
    ecMode(cpu, 0x02);
    cpu.cr[2] = 0xdfff_ffff; // channel 2 masked off
    expect(execute(cpu, '0700').kind).toBe('budget');
    cpu.cr[2] = 0x2000_0000;
    expect(execute(cpu, '0700').kind).toBe('wait');
    expect(peek(cpu, 0xb8, 4)).toBe('00000291');
    expect(peek(cpu, IO_OLD, 8)).toBe('0208000000001000');
  });

  it('external is taken before I/O: with an enabled external new PSW the I/O old PSW is that new PSW', () => {
    const cpu = bare();
    cpu.io = new OnePendingInterruption(0x0001);
    poke(cpu, EXTERNAL_NEW, 'ff000000_00000e00');
    cpu.sysMask = 0xff;
    cpu.pressInterruptKey();
    expect(execute(cpu, '0700').kind).toBe('wait');
    expect(peek(cpu, EXTERNAL_OLD, 8)).toBe('ff00004000001000');
    expect(peek(cpu, IO_OLD, 8)).toBe('ff00000100000e00');
    expect(cpu.ia).toBe(0x10);
  });
});

describe('supervisor-call and program interruptions', () => {
  it('0A SVC [RR] BC mode: code and ILC 1 in the old PSW at X20; new PSW from X60', () => {
    const cpu = bare();
    cpu.cc = 1;
    execute(cpu, '0a2a');
    expect(peek(cpu, SVC_OLD, 8)).toBe('0000002a50001002');
    expect(cpu.ia).toBe(0x5c0);
  });

  it('0A SVC [RR] EC mode: ILC at X89, code at X8A', () => {
    const cpu = bare();
    ecMode(cpu, 0);
    execute(cpu, '0aff');
    expect(peek(cpu, 0x88, 4)).toBe('000200ff');
    expect(peek(cpu, SVC_OLD, 8)).toBe('0008000000001002');
  });

  it('BC mode: an operation exception stores code 1 and the ILC in the old PSW at X28', () => {
    const cpu = bare();
    cpu.problemState = true;
    cpu.key = 5;
    execute(cpu, '00000000');
    expect(peek(cpu, PROGRAM_OLD, 8)).toBe('0051000140001002');
    expect(cpu.ia).toBe(0x9c0);
    expect(cpu.problemState).toBe(false);
  });

  it('EC mode: the program ILC at X8D and code at X8E', () => {
    const cpu = bare();
    ecMode(cpu, 0x03);
    cpu.problemState = true;
    execute(cpu, '82000800');
    expect(peek(cpu, 0x8c, 4)).toBe('00040002');
    expect(peek(cpu, PROGRAM_OLD, 8)).toBe('0309000000001004');
  });

  it('a new PSW with a one in an EC-mode reserved bit: specification, ILC 0, old PSW as loaded', () => {
    const cpu = bare();
    poke(cpu, EXTERNAL_NEW, '000c0001_00000e00');
    cpu.sysMask = 0x01;
    cpu.pressInterruptKey();
    const stop = execute(cpu, '0700');
    expect(stop.kind).toBe('wait');
    expect(peek(cpu, PROGRAM_OLD, 8)).toBe('000c000100000e00');
    expect(peek(cpu, 0x8c, 4)).toBe('00000006');
  });

  it('a new PSW with an odd instruction address: specification exception when the instruction is fetched', () => {
    const cpu = bare();
    poke(cpu, EXTERNAL_NEW, '00000000_00000e01');
    cpu.sysMask = 0x01;
    cpu.pressInterruptKey();
    execute(cpu, '0700');
    // ILC 2, the address advanced by two halfwords ("ILC on Instruction-Fetching Exceptions";
    // observed on Hercules 3.13 in S/370 mode: see test/programs/program-checks.assemble).
    expect(peek(cpu, PROGRAM_OLD, 8)).toBe('0000000680000e05');
  });

  it('an invalid program new PSW loops on program interruptions until the CPU check-stops', () => {
    const cpu = bare();
    poke(cpu, PROGRAM_NEW, '80080000_00000900');
    poke(cpu, CODE_AT, '0000');
    cpu.ia = CODE_AT;
    const stop = cpu.run(5000);
    expect(stop.kind).toBe('checkstop');
    expect(cpu.checkstopped).toBe(true);
    expect(cpu.run(10).kind).toBe('checkstop');
  });

  it('interception for CP: a program exception stops the CPU instead of swapping PSWs', () => {
    const cpu = machine();
    const stop = execute(cpu, '0000');
    expect(stop.kind).toBe('program');
    expect(peek(cpu, PROGRAM_OLD, 8)).toBe('0000000000000000');
  });
});

describe('restart and wait', () => {
  it('restart stores the old PSW at X08 and loads the new PSW from X00, after the external interruption', () => {
    const cpu = bare();
    poke(cpu, 0, waitAt(0x700));
    poke(cpu, EXTERNAL_NEW, '00000000_00000e00');
    cpu.sysMask = 0x01;
    cpu.pressInterruptKey();
    cpu.restart();
    const stop = execute(cpu, '0700');
    expect(stop.kind).toBe('wait');
    expect(peek(cpu, EXTERNAL_OLD, 8)).toBe('0100004000001000');
    expect(peek(cpu, 0x08, 8)).toBe('0000000000000e00');
    expect(cpu.ia).toBe(0x700);
  });

  it('a disabled wait stops with disabled set; an enabled wait stops with it clear', () => {
    const cpu = bare();
    poke(cpu, 0x800, '00020000_00002000');
    expect(execute(cpu, '82000800').disabled).toBe(true);
    cpu.waitState = false;
    poke(cpu, 0x800, '01020000_00002000');
    const stop = execute(cpu, '82000800');
    expect(stop.kind).toBe('wait');
    expect(stop.disabled).toBe(false);
  });

  it('an interruption ends an enabled wait; the old PSW keeps the wait bit', () => {
    const cpu = bare();
    poke(cpu, 0x800, '01020000_00002000');
    execute(cpu, '82000800');
    cpu.pressInterruptKey();
    cpu.run(10);
    expect(peek(cpu, EXTERNAL_OLD, 8)).toBe('0102004000002000');
    expect(cpu.ia).toBe(0xe00);
  });

  it('EC mode: a wait with I/O and external masks off is disabled', () => {
    const cpu = bare();
    poke(cpu, 0x800, '000a0000_00002000');
    expect(execute(cpu, '82000800').disabled).toBe(true);
  });
});
