// Input/output instructions (GA22-7000, "Input/Output Operations"): the CPU side only. A small fake
// IoSystem records what the CPU asked for and answers with a chosen condition code.

import { describe, expect, it } from 'vitest';
import type { IoSystem } from '../../src/cpu/io-system.ts';
import { execute, machine } from '../helpers/machine.ts';

class RecordingIoSystem implements IoSystem {
  readonly calls: string[] = [];
  cc = 0;
  pendingChannels = 0;
  private record(what: string, address: number): number {
    this.calls.push(`${what} ${address.toString(16).padStart(4, '0')}`);
    return this.cc;
  }
  startIo(deviceAddress: number, fast: boolean): number {
    return this.record(fast ? 'SIOF' : 'SIO', deviceAddress);
  }
  testIo(deviceAddress: number): number {
    return this.record('TIO', deviceAddress);
  }
  haltIo(deviceAddress: number): number {
    return this.record('HIO', deviceAddress);
  }
  haltDevice(deviceAddress: number): number {
    return this.record('HDV', deviceAddress);
  }
  clearIo(deviceAddress: number): number {
    return this.record('CLRIO', deviceAddress);
  }
  testChannel(channel: number): number {
    return this.record('TCH', channel);
  }
  storeChannelId(channel: number): number {
    return this.record('STIDC', channel);
  }
  acceptInterruption(): number {
    this.pendingChannels = 0;
    return 0x00e;
  }
  nextEventTick(): number {
    return Infinity;
  }
  runUntil(): void {}
  reset(): void {}
}

function withIo(): { cpu: ReturnType<typeof machine>; io: RecordingIoSystem } {
  const io = new RecordingIoSystem();
  return { cpu: machine({ io }), io };
}

describe('I/O instructions', () => {
  for (const [name, code, call] of [
    ['9C00 SIO', '9c00', 'SIO'],
    ['9C01 SIOF', '9c01', 'SIOF'],
    ['9D00 TIO', '9d00', 'TIO'],
    ['9D01 CLRIO', '9d01', 'CLRIO'],
    ['9E00 HIO', '9e00', 'HIO'],
    ['9E01 HDV', '9e01', 'HDV'],
  ] as const) {
    it(`${name} [S]: the device is bits 16-31 of the operand address; the CC comes from the channel`, () => {
      for (const cc of [0, 1, 2, 3]) {
        const { cpu, io } = withIo();
        io.cc = cc;
        cpu.gpr[7] = 0x12_0100; // bits 8-15 of the address are ignored
        execute(cpu, `${code}7090`);
        expect(io.calls).toEqual([`${call} 0190`]);
        expect(cpu.cc).toBe(cc);
      }
    });

    it(`${name} [S]: in the problem state, privileged-operation exception and no I/O`, () => {
      const { cpu, io } = withIo();
      cpu.problemState = true;
      expect(execute(cpu, `${code}0190`).code).toBe(0x02);
      expect(io.calls).toEqual([]);
    });
  }

  it('9C SIO: only bit 15 of the instruction tells SIO from SIOF', () => {
    const { cpu, io } = withIo();
    execute(cpu, '9cfe0191', '9cff0192');
    expect(io.calls).toEqual(['SIO 0191', 'SIOF 0192']);
  });

  it('9F00 TCH [S]: the channel is bits 16-23 of the operand address', () => {
    const { cpu, io } = withIo();
    io.cc = 2;
    cpu.gpr[3] = 0x0500;
    execute(cpu, '9f003012');
    expect(io.calls).toEqual(['TCH 0005']);
    expect(cpu.cc).toBe(2);
  });

  it('B203 STIDC [S]: the channel is bits 16-23 of the operand address', () => {
    const { cpu, io } = withIo();
    io.cc = 0;
    cpu.cc = 3;
    cpu.gpr[3] = 0x0200;
    execute(cpu, 'b2033000');
    expect(io.calls).toEqual(['STIDC 0002']);
    expect(cpu.cc).toBe(0);
  });

  it('an interruption made pending by an I/O instruction is taken right after it', () => {
    const io = new RecordingIoSystem();
    const cpu = machine({ io, interceptProgram: false });
    cpu.storage.writeWord(0x78, 0x0002_0000);
    cpu.storage.writeWord(0x7c, 0x0000_0400);
    cpu.sysMask = 0x80;
    io.startIo = (device: number) => {
      io.calls.push(`SIO ${device.toString(16)}`);
      io.pendingChannels = 0x8000_0000 | 0;
      return 0;
    };
    const stop = execute(cpu, '9c00000e', '0700', '0700');
    expect(stop.kind).toBe('wait');
    expect(cpu.storage.readWord(0x38)).toBe(0x8000_000e);
    expect(cpu.storage.readWord(0x3c)).toBe(0x0000_1004);
    expect(cpu.instructions).toBe(1);
  });

  it('without channels every device is not operational (CC 3)', () => {
    const cpu = machine();
    execute(cpu, '9c000190');
    expect(cpu.cc).toBe(3);
    execute(cpu, '9f000100');
    expect(cpu.cc).toBe(3);
  });
});
