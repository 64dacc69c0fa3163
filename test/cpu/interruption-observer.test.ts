// The CPU's interruption observer (used by CP's TRACE): told of each interruption once the old PSW
// is stored and the new one loaded; never called when nobody observes.

import { describe, expect, it } from 'vitest';
import { Cpu, type InterruptionClass } from '../../src/cpu/cpu.ts';

function cpuWith(program: string): { cpu: Cpu; seen: Array<[InterruptionClass, number, number, number]> } {
  const cpu = new Cpu({ storageSize: 64 * 1024 });
  cpu.mem.set(Buffer.from(program, 'hex'), 0x400);
  cpu.ia = 0x400;
  const seen: Array<[InterruptionClass, number, number, number]> = [];
  // The class, the code, where the old PSW went, and the new instruction address.
  cpu.onInterruption = (kind, code, oldAt) => seen.push([kind, code, oldAt, cpu.ia]);
  return { cpu, seen };
}

describe('interruption observer', () => {
  it('0A SVC [RR]: class svc, the SVC number, the old PSW at X\'20\', the new PSW loaded', () => {
    const { cpu, seen } = cpuWith('0A0C');
    cpu.storage.writeWord(0x64, 0x800);
    cpu.run(1);
    expect(seen).toEqual([['svc', 0x0c, 0x20, 0x800]]);
  });

  it('a program interruption: class program, the interruption code, the old PSW at X\'28\'', () => {
    const { cpu, seen } = cpuWith('0000');
    cpu.storage.writeWord(0x6c, 0x900);
    cpu.run(1);
    expect(seen).toEqual([['program', 0x01, 0x28, 0x900]]);
  });

  it('an external interruption (interrupt key): class external, code X\'0040\', old PSW at X\'18\'', () => {
    const { cpu, seen } = cpuWith('0700');
    cpu.sysMask = 0x01;
    cpu.storage.writeWord(0x5c, 0xa00);
    cpu.storage.writeWord(0xa00, 0x0700_0700);
    cpu.pressInterruptKey();
    cpu.run(1);
    expect(seen).toEqual([['external', 0x40, 0x18, 0xa00]]);
  });

  it('without an observer interruptions are taken as before', () => {
    const { cpu, seen } = cpuWith('0A0C');
    cpu.onInterruption = null;
    cpu.storage.writeWord(0x64, 0x800);
    cpu.run(1);
    expect(seen).toEqual([]);
    expect(cpu.ia).toBe(0x800);
  });
});
