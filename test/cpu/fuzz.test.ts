// Random bytes run as a program only ever produce architected interruptions: the host never sees an
// exception, the PSW and registers always hold architected values.

import { describe, expect, it } from 'vitest';
import { Cpu } from '../../src/cpu/cpu.ts';
import { ProgramInterruption } from '../../src/cpu/program-interruption.ts';
import { generator } from '../helpers/random.ts';


const ARCHITECTED_PROGRAM_CODES = new Set([
  0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13,
  0x40,
]);

function fuzz(seed: number, instructions: number): { stops: number; programCodes: Set<number> } {
  const next = generator(seed);
  const cpu = new Cpu({ storageSize: 256 * 1024, interceptProgram: true, interceptSvc: true });
  for (let i = 0; i < cpu.memSize; i += 4) cpu.storage.writeWord(i, next());
  // Random storage keys on some blocks, random control registers for DAT and the masks.
  for (let b = 0; b < cpu.keys.length; b++) if ((next() & 7) === 0) cpu.keys[b] = next() & 0xf8;
  cpu.cr[0] = next();
  cpu.cr[1] = next() & 0xff00_0000 | (next() & 0x3_ffc0);
  const programCodes = new Set<number>();
  let stops = 0;
  const startAnywhere = () => {
    cpu.ia = next() & 0x3_fffe;
    const mode = next();
    cpu.problemState = (mode & 1) !== 0;
    cpu.key = (mode & 2) !== 0 ? (mode >>> 4) & 15 : 0;
    cpu.ecMode = (mode & 4) !== 0;
    cpu.sysMask = cpu.ecMode ? (mode & 8 ? 0x04 : 0) : 0;
    cpu.waitState = false;
    cpu.stateChanged();
  };
  startAnywhere();
  while (cpu.instructions < instructions) {
    let stop;
    try {
      stop = cpu.run(5_000);
    } catch (e) {
      throw new Error(`seed ${seed}: host exception after ${cpu.instructions} instructions: ${(e as Error)?.stack ?? e}`);
    }
    stops++;
    // Plain checks (an expect() per stop would dominate the run time); any failure is reported.
    const bad =
      !(cpu.ia >= 0 && cpu.ia <= 0xff_ffff && Number.isInteger(cpu.ia)) ? `instruction address ${cpu.ia}` :
      !(cpu.cc >= 0 && cpu.cc <= 3) ? `condition code ${cpu.cc}` :
      !(cpu.key >= 0 && cpu.key <= 15) ? `PSW key ${cpu.key}` :
      !(cpu.progMask >= 0 && cpu.progMask <= 15) ? `program mask ${cpu.progMask}` :
      stop.kind === 'program' && !ARCHITECTED_PROGRAM_CODES.has(stop.code) ? `program code ${stop.code.toString(16)}` :
      '';
    if (bad) throw new Error(`seed ${seed}: not architected after ${cpu.instructions} instructions: ${bad}`);
    if (stop.kind === 'program') programCodes.add(stop.code);
    if (stop.kind === 'checkstop') cpu.reset();
    if (stop.kind !== 'budget') startAnywhere();
    if (stops > instructions) break;
  }
  return { stops, programCodes };
}

describe('random programs', () => {
  it('the fault object is not an Error (no stack capture on the hot path)', () => {
    expect(new ProgramInterruption()).not.toBeInstanceOf(Error);
  });

  for (const seed of [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233]) {
    it(`seed ${seed}: 100,000 instructions of random bytes give only architected interruptions`, () => {
      const { programCodes } = fuzz(seed, 100_000);
      // Random bytes hit at least the operation and specification exceptions.
      expect(programCodes.size).toBeGreaterThan(1);
    });
  }
});
