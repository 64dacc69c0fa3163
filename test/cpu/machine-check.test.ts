import { describe, expect, it } from 'vitest';
import { Cpu } from '../../src/cpu/cpu.ts';
import { McicBit } from '../../src/cpu/interruptions.ts';
import { hexBytes, peek, poke } from '../helpers/machine.ts';

/** A CPU idling in a loop at X'400' (BC *) with the given PSW flags, machine-check new PSW a disabled wait. */
function idling(pswByte1: number): Cpu {
  const cpu = new Cpu({ storageSize: 64 * 1024 });
  poke(cpu, 0x400, '47f00400');
  poke(cpu, 0x70, '000200000000dead');
  cpu.mem.set(hexBytes(`00${pswByte1.toString(16).padStart(2, '0')}000000000400`), 0x80);
  cpu.loadPsw(0x80);
  cpu.gpr[5] = 0x1234_5678;
  return cpu;
}

describe('machine-check interruption', () => {
  it('an exigent condition with PSW bit 13 on swaps PSWs at X30/X70 and stores the code at XE8', () => {
    const cpu = idling(0x04);
    cpu.run(10);
    cpu.machineCheck(McicBit.instructionProcessingDamage, 0x0000_0001);
    const stop = cpu.run(10);
    expect(stop.kind).toBe('wait');
    expect(peek(cpu, 0xe8, 8)).toBe('4000000000000001');
    expect(peek(cpu, 0x30, 8)).toBe('0004000000000400');
    expect(cpu.ia).toBe(0xdead);
    // The general registers are saved at X'180'.
    expect(peek(cpu, 0x180 + 5 * 4, 4)).toBe('12345678');
  });

  it('an exigent condition with PSW bit 13 off check-stops the CPU (CR14 check-stop control on)', () => {
    const cpu = idling(0x00);
    cpu.machineCheck(McicBit.systemDamage);
    const stop = cpu.run(10);
    expect(stop.kind).toBe('checkstop');
    expect(peek(cpu, 0x30, 8)).toBe('0000000000000000');
  });

  it('a repressible condition waits for its CR14 subclass mask', () => {
    const cpu = idling(0x04);
    cpu.cr[14] = 0x8000_0000; // warning mask off
    cpu.machineCheck(McicBit.warning);
    expect(cpu.run(20).kind).toBe('budget');
    cpu.cr[14] = 0x8100_0000; // warning mask on
    cpu.stateChanged();
    expect(cpu.run(20).kind).toBe('wait');
    expect(peek(cpu, 0xe8, 4)).toBe('00800000');
  });
});

describe('snapshot and restore', () => {
  it('a restored CPU continues exactly as the original would', () => {
    // A loop that counts in R1 and stores the TOD clock at X'500' every iteration.
    const build = () => {
      const cpu = new Cpu({ storageSize: 64 * 1024 });
      poke(cpu, 0x400, '41110001 b2050500 47f00400');
      cpu.ia = 0x400;
      return cpu;
    };
    const a = build();
    a.run(999);
    const state = a.snapshot();
    a.run(1500);
    const b = build();
    b.restore(state);
    b.run(1500);
    expect(b.gpr[1]).toBe(a.gpr[1]);
    expect(b.ia).toBe(a.ia);
    expect(peek(b, 0x500, 8)).toBe(peek(a, 0x500, 8));
    expect(b.instructions).toBe(a.instructions);
  });

  it('the snapshot is a copy: later changes do not reach it', () => {
    const cpu = new Cpu({ storageSize: 64 * 1024 });
    cpu.gpr[3] = 7;
    const state = cpu.snapshot();
    cpu.gpr[3] = 8;
    cpu.mem[0x600] = 1;
    cpu.restore(state);
    expect(cpu.gpr[3]).toBe(7);
    expect(cpu.mem[0x600]).toBe(0);
  });
});
