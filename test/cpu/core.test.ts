import { describe, expect, it } from 'vitest';
import { execute, machine, reg } from '../helpers/machine.ts';
import { OPCODES, lookupOpcode } from '../../src/cpu/opcodes.ts';
import { allHandlers } from '../../src/cpu/dispatch.ts';

describe('instruction loop', () => {
  it('1A AR [RR]: adds and sets CC 2 for a positive sum', () => {
    const cpu = machine();
    cpu.gpr[1] = 5;
    cpu.gpr[2] = 7;
    const stop = execute(cpu, '1a12');
    expect(stop.kind).toBe('budget');
    expect(cpu.gpr[1]).toBe(12);
    expect(cpu.cc).toBe(2);
    expect(cpu.ia).toBe(0x1002);
  });

  it('an opcode the S/370 does not have raises the operation exception', () => {
    const cpu = machine();
    const stop = execute(cpu, '0000');
    expect(stop.kind).toBe('program');
    expect(stop.code).toBe(1);
    expect(cpu.ilc).toBe(1);
  });

  it('a privileged instruction in problem state raises the privileged-operation exception', () => {
    const cpu = machine();
    cpu.problemState = true;
    const stop = execute(cpu, '82001000');
    expect(stop.kind).toBe('program');
    expect(stop.code).toBe(2);
  });

  it('41 LA [RX] forms a 24-bit address', () => {
    const cpu = machine();
    cpu.gpr[2] = 0x7fff_ffff;
    execute(cpu, '41102001');
    expect(reg(cpu, 1)).toBe('00000000');
  });
});

describe('opcode table', () => {
  it('every entry has a handler', () => {
    const handlers = allHandlers();
    const missing = OPCODES.filter((e) => !handlers[e.mnemonic]).map((e) => e.mnemonic);
    expect(missing).toEqual([]);
  });

  it('the instructions the loop calls directly are unprivileged and the same functions as in the table', () => {
    const cpu = machine();
    const handlers = allHandlers();
    for (const [opcode, mnemonic] of [
      [0x47, 'BC'], [0x07, 'BCR'], [0x46, 'BCT'], [0x41, 'LA'], [0x58, 'L'], [0x50, 'ST'],
      [0x18, 'LR'], [0x1a, 'AR'], [0x12, 'LTR'], [0x95, 'CLI'], [0x91, 'TM'], [0xd2, 'MVC'],
    ] as const) {
      const entry = lookupOpcode(opcode, 0)!;
      expect(entry.mnemonic).toBe(mnemonic);
      expect(entry.privileged).toBe(false);
      expect(cpu.handlerFor(opcode)).toBe(handlers[mnemonic]);
    }
  });

  it('looks up two-byte opcodes', () => {
    expect(lookupOpcode(0xb2, 0x05)?.mnemonic).toBe('STCK');
    expect(lookupOpcode(0x9c, 0x01)?.mnemonic).toBe('SIOF');
    expect(lookupOpcode(0x0d, 0)).toBeUndefined();
  });
});
