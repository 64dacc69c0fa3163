// Timing (GA22-7000, "Timing"): TOD clock, clock comparator, CPU timer and interval timer in
// deterministic virtual time, where the clock advances with the instructions executed: with
// ticksPerMicrosecond 1, instruction n (counting from 1) sees the time n - 1 µs.

import { describe, expect, it } from 'vitest';
import type { Cpu, CpuOptions } from '../../src/cpu/cpu.ts';
import { DEFAULT_VIRTUAL_EPOCH_MICROS, TOD_UNIX_EPOCH_MICROS } from '../../src/cpu/timers.ts';
import { CODE_AT, execute, machine, peek, poke } from '../helpers/machine.ts';

const OPERAND = 0x800;
const EXTERNAL_OLD = 0x18;
const EXTERNAL_NEW = 0x58;
const NOP = '0700';

/**
 * A machine taking interruptions, one instruction a microsecond, external new PSW a disabled wait
 * at X'E00'. Reset leaves the clock comparator and CPU timer at zero, both soon requesting
 * interruptions: they start here at their largest values instead.
 */
function timed(options: CpuOptions = {}): Cpu {
  const cpu = machine({ interceptProgram: false, ticksPerMicrosecond: 1, ...options });
  poke(cpu, EXTERNAL_NEW, '00020000_00000e00');
  cpu.clock.setComparator(0xffff_ffff, 0xffff_ffff);
  cpu.clock.setCpuTimer(0x7fff_ffff, 0xffff_ffff);
  return cpu;
}

/**
 * Places instructions at CODE_AT followed by a branch to itself (BC 15 on base register 12, which
 * holds CODE_AT), and runs up to `budget` instructions.
 */
function runLoop(cpu: Cpu, budget: number, ...instructions: string[]): void {
  const code = instructions.join('');
  cpu.gpr[12] = CODE_AT;
  poke(cpu, CODE_AT, code + '47f0c' + (code.length / 2).toString(16).padStart(3, '0'));
  cpu.ia = CODE_AT;
  cpu.run(budget);
}

/** A 64-bit TOD or timer value (bit 51 = 1 µs) as 16 hex digits. */
function todHex(micros: number, below = 0): string {
  const high = Math.floor(micros / 0x10_0000);
  const low = (micros - high * 0x10_0000) * 4096 + below;
  return high.toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
}

function externalCode(cpu: Cpu): string {
  return peek(cpu, EXTERNAL_OLD + 2, 2);
}

describe('CPU timer', () => {
  it('B208 SPT [S]: a timer of 100 µs interrupts (code X1005) after exactly 101 instructions', () => {
    const cpu = timed();
    cpu.sysMask = 0x01;
    cpu.cr[0] = 0x460;
    poke(cpu, OPERAND, todHex(100));
    runLoop(cpu, 10_000, 'b2080800');
    expect(cpu.waitState).toBe(true);
    expect(cpu.instructions).toBe(101);
    expect(externalCode(cpu)).toBe('1005');
    expect(cpu.storage.readWord(EXTERNAL_OLD + 4)).toBe(CODE_AT + 4);
  });

  it('B208 SPT [S]: the timer starts at the instruction that sets it', () => {
    const cpu = timed();
    cpu.sysMask = 0x01;
    cpu.cr[0] = 0x460;
    poke(cpu, OPERAND, todHex(100));
    runLoop(cpu, 10_000, NOP, NOP, NOP, NOP, NOP, 'b2080800');
    expect(cpu.instructions).toBe(106);
  });

  it('B208 SPT [S]: at 10 instructions a microsecond, 100 µs is 1010 instructions', () => {
    const cpu = timed({ ticksPerMicrosecond: 10 });
    cpu.sysMask = 0x01;
    cpu.cr[0] = 0x460;
    poke(cpu, OPERAND, todHex(100));
    runLoop(cpu, 10_000, 'b2080800');
    expect(cpu.instructions).toBe(1010);
  });

  it('B209 STPT [S]: stores the timer decremented once a microsecond, bits 52-63 as set', () => {
    const cpu = timed();
    poke(cpu, OPERAND, todHex(1000, 0x123));
    execute(cpu, 'b2080800', NOP, NOP, NOP, NOP, NOP, NOP, NOP, NOP, NOP, 'b2090808');
    expect(peek(cpu, OPERAND + 8, 8)).toBe(todHex(990, 0x123));
  });

  it('B209 STPT [S]: the timer counts on below zero', () => {
    const cpu = timed();
    poke(cpu, OPERAND, todHex(2));
    execute(cpu, 'b2080800', NOP, NOP, NOP, NOP, 'b2090808');
    expect(peek(cpu, OPERAND + 8, 8)).toBe('ffffffffffffd000');
  });

  it('a negative CPU timer is an interruption request whenever the subclass mask allows it', () => {
    const cpu = timed();
    cpu.sysMask = 0x01;
    cpu.cr[0] = 0xe0;
    poke(cpu, OPERAND, 'ffffffff_ffff0000');
    runLoop(cpu, 50, 'b2080800');
    expect(cpu.waitState).toBe(false);
    expect(cpu.clock.cpuTimerPending()).toBe(true);
    poke(cpu, OPERAND, '00000400');
    runLoop(cpu, 50, 'b7000800');
    expect(externalCode(cpu)).toBe('1005');
  });

  it('setting the timer positive again removes the request', () => {
    const cpu = timed();
    poke(cpu, OPERAND, 'ffffffff_ffff0000');
    poke(cpu, OPERAND + 8, todHex(1000));
    execute(cpu, 'b2080800');
    expect(cpu.clock.cpuTimerPending()).toBe(true);
    execute(cpu, 'b2080808');
    expect(cpu.clock.cpuTimerPending()).toBe(false);
  });
});

describe('clock comparator', () => {
  it('B206 SCKC [S]: a comparator 50 µs ahead interrupts (code X1004) after exactly 51 instructions', () => {
    const cpu = timed();
    cpu.sysMask = 0x01;
    cpu.cr[0] = 0x860;
    poke(cpu, OPERAND, todHex(DEFAULT_VIRTUAL_EPOCH_MICROS + 50));
    runLoop(cpu, 10_000, 'b2060800');
    expect(cpu.instructions).toBe(51);
    expect(externalCode(cpu)).toBe('1004');
  });

  it('the request is made only when the TOD clock is greater than the comparator, not equal', () => {
    const cpu = timed();
    cpu.sysMask = 0x01;
    cpu.cr[0] = 0x860;
    poke(cpu, OPERAND, todHex(DEFAULT_VIRTUAL_EPOCH_MICROS + 50, 1));
    runLoop(cpu, 10_000, 'b2060800');
    expect(cpu.instructions).toBe(51);
  });

  it('B207 STCKC [S]: stores the comparator as set, every bit', () => {
    const cpu = timed();
    poke(cpu, OPERAND, '12345678_9abcdef0');
    execute(cpu, 'b2060800', 'b2070808');
    expect(peek(cpu, OPERAND + 8, 8)).toBe('123456789abcdef0');
  });

  it('an enabled wait ends at the comparator: idle time is skipped to the exact microsecond', () => {
    const cpu = timed({ idleSkip: true });
    cpu.cr[0] = 0x860;
    poke(cpu, OPERAND, todHex(DEFAULT_VIRTUAL_EPOCH_MICROS + 1_000_000));
    poke(cpu, OPERAND + 8, '01020000_00002000');
    const stop = execute(cpu, 'b2060800', '82000808');
    expect(stop.kind).toBe('wait');
    expect(cpu.ia).toBe(0xe00);
    expect(cpu.ticks).toBe(1_000_001);
    expect(cpu.instructions).toBe(2);
    expect(peek(cpu, EXTERNAL_OLD, 8)).toBe('0102100400002000');
  });

  it('a wait with external interruptions disabled is not skipped', () => {
    const cpu = timed({ idleSkip: true });
    cpu.cr[0] = 0x860;
    poke(cpu, OPERAND, todHex(DEFAULT_VIRTUAL_EPOCH_MICROS + 1_000_000));
    poke(cpu, OPERAND + 8, '00020000_00002000');
    const stop = execute(cpu, 'b2060800', '82000808');
    expect(stop.kind).toBe('wait');
    expect(stop.disabled).toBe(true);
    expect(cpu.ticks).toBe(2);
  });
});

describe('TOD clock', () => {
  it('B205 STCK [S]: stores the TOD clock with CC 0; virtual time starts at the configured epoch', () => {
    const cpu = timed();
    cpu.cc = 3;
    execute(cpu, 'b2050800');
    expect(cpu.cc).toBe(0);
    expect(peek(cpu, OPERAND, 8)).toBe(todHex(DEFAULT_VIRTUAL_EPOCH_MICROS));
  });

  it('B205 STCK [S]: the clock advances with the instructions executed', () => {
    const cpu = timed();
    execute(cpu, 'b2050800', NOP, NOP, 'b2050808');
    expect(peek(cpu, OPERAND + 8, 8)).toBe(todHex(DEFAULT_VIRTUAL_EPOCH_MICROS + 3));
  });

  it('B205 STCK [S]: two stores within one microsecond differ: the second is one more in bit 63', () => {
    const cpu = timed({ ticksPerMicrosecond: 10 });
    execute(cpu, 'b2050800', 'b2050808', 'b2050810');
    expect(peek(cpu, OPERAND, 8)).toBe(todHex(DEFAULT_VIRTUAL_EPOCH_MICROS));
    expect(peek(cpu, OPERAND + 8, 8)).toBe(todHex(DEFAULT_VIRTUAL_EPOCH_MICROS, 1));
    expect(peek(cpu, OPERAND + 16, 8)).toBe(todHex(DEFAULT_VIRTUAL_EPOCH_MICROS, 2));
  });

  it('B205 STCK [S]: every value stored by a long loop is unique and increasing', () => {
    const cpu = timed({ ticksPerMicrosecond: 7 });
    // STCK 0(5); LA 5,8(5); BCT 6,0(12): 20 times
    cpu.gpr[5] = 0x4000;
    cpu.gpr[6] = 20;
    cpu.gpr[12] = CODE_AT;
    poke(cpu, CODE_AT, 'b2055000_41505008_4660c000');
    cpu.ia = CODE_AT;
    cpu.run(60);
    const values = Array.from({ length: 20 }, (_, i) => BigInt('0x' + peek(cpu, 0x4000 + i * 8, 8)));
    for (let i = 1; i < values.length; i++) expect(values[i]! > values[i - 1]!).toBe(true);
  });

  it('B205 STCK [S]: no alignment is required; an operand across a 2K block is stored whole', () => {
    const cpu = timed();
    cpu.gpr[5] = 0x27fd;
    execute(cpu, 'b2055000');
    expect(peek(cpu, 0x27fd, 8)).toBe(todHex(DEFAULT_VIRTUAL_EPOCH_MICROS));
  });

  it('B205 STCK [S]: a protected operand is a protection exception and nothing is stored', () => {
    const cpu = machine({ ticksPerMicrosecond: 1 });
    cpu.key = 2;
    cpu.keys[CODE_AT >>> 11] = 0x20;
    cpu.keys[0x2800 >>> 11] = 0x20;
    cpu.keys[0x3000 >>> 11] = 0x30;
    cpu.gpr[5] = 0x2ffc;
    const stop = execute(cpu, 'b2055000');
    expect(stop.code).toBe(0x04);
    expect(peek(cpu, 0x2ffc, 8)).toBe('0000000000000000');
  });

  it('B205 STCK [S] is not privileged', () => {
    const cpu = timed();
    cpu.problemState = true;
    expect(execute(cpu, 'b2050800').kind).toBe('budget');
  });

  it('B204 SCK [S]: sets the clock (CC 0); the clock runs on from the value set', () => {
    const cpu = timed();
    poke(cpu, OPERAND, '12345678_9abcd000');
    execute(cpu, 'b2040800', NOP, NOP, 'b2050808');
    expect(cpu.cc).toBe(0);
    const set = 0x1234_5678 * 0x10_0000 + 0x9a_bcd;
    expect(peek(cpu, OPERAND + 8, 8)).toBe(todHex(set + 3));
  });

  it('B204 SCK [S]: the clock comparator compares with the new clock value', () => {
    const cpu = timed();
    cpu.cr[0] = 0x860;
    poke(cpu, OPERAND, todHex(5_000_000));
    poke(cpu, OPERAND + 8, todHex(5_000_020));
    poke(cpu, OPERAND + 16, '01');
    runLoop(cpu, 1000, 'b2060808', 'b2040800', '80000810');
    // SCK is instruction 2 (1 µs): the clock reads 5,000,000 + (n - 2) µs at instruction n and
    // passes the comparator after instruction 22.
    expect(cpu.instructions).toBe(22);
    expect(externalCode(cpu)).toBe('1004');
  });

  it('real time: the TOD clock follows the host clock', () => {
    const cpu = machine({ timeMode: 'real' });
    execute(cpu, 'b2050800');
    const micros = Number(BigInt('0x' + peek(cpu, OPERAND, 8)) >> 12n);
    const host = TOD_UNIX_EPOCH_MICROS + Date.now() * 1000;
    expect(Math.abs(micros - host)).toBeLessThan(60_000_000);
  });
});

describe('doubleword operands and privilege', () => {
  for (const [name, op] of [
    ['B204 SCK', 'b204'],
    ['B206 SCKC', 'b206'],
    ['B207 STCKC', 'b207'],
    ['B208 SPT', 'b208'],
    ['B209 STPT', 'b209'],
  ] as const) {
    it(`${name} [S]: an operand not on a doubleword boundary is a specification exception`, () => {
      const cpu = machine();
      expect(execute(cpu, `${op}0804`).code).toBe(0x06);
    });

    it(`${name} [S]: in the problem state, privileged-operation exception`, () => {
      const cpu = machine();
      cpu.problemState = true;
      expect(execute(cpu, `${op}0800`).code).toBe(0x02);
    });
  }
});

describe('interval timer', () => {
  it('X50 is decremented by one in bit 23 three hundred times a second', () => {
    const cpu = timed();
    cpu.storage.writeWord(0x50, 0x1000);
    runLoop(cpu, 3333);
    expect(cpu.storage.readWord(0x50)).toBe(0x1000);
    runLoop(cpu, 1);
    expect(cpu.storage.readWord(0x50)).toBe(0x0f00);
    runLoop(cpu, 3333);
    expect(cpu.storage.readWord(0x50)).toBe(0x0e00);
  });

  it('going from positive or zero to negative interrupts with code X0080 at the exact step', () => {
    const cpu = timed();
    cpu.sysMask = 0x01;
    cpu.storage.writeWord(0x50, 0x100);
    runLoop(cpu, 100_000);
    // Steps at 3334 and 6667 µs: 0x100, 0, then negative.
    expect(cpu.instructions).toBe(6667);
    expect(externalCode(cpu)).toBe('0080');
    expect(cpu.storage.readWord(0x50)).toBe(0xffff_ff00);
  });

  it('the request stays pending while the subclass mask is off and is taken when it is set', () => {
    const cpu = timed();
    cpu.sysMask = 0x01;
    cpu.cr[0] = 0x60;
    cpu.storage.writeWord(0x50, 0);
    runLoop(cpu, 4000);
    expect(cpu.waitState).toBe(false);
    expect(cpu.clock.intervalPending).toBe(true);
    poke(cpu, OPERAND, '00000080');
    runLoop(cpu, 10, 'b7000800');
    expect(externalCode(cpu)).toBe('0080');
    expect(cpu.clock.intervalPending).toBe(false);
  });

  it('an already negative value makes no request', () => {
    const cpu = timed();
    cpu.sysMask = 0x01;
    cpu.storage.writeWord(0x50, 0xffff_0000);
    runLoop(cpu, 10_000);
    expect(cpu.waitState).toBe(false);
  });
});
