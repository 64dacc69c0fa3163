// Control instructions (GA22-7000, "Control Instructions"). The CPU stops on program interruptions
// (interceptProgram) so each test sees the exception code directly.

import { describe, expect, it } from 'vitest';
import { CODE_AT, execute, machine, peek, poke, reg } from '../helpers/machine.ts';

/** Operands live below the code, at displacements from base register 0. */
const OPERAND = 0x800;

describe('PSW and system mask', () => {
  it('80 SSM [S]: the operand byte replaces PSW bits 0-7', () => {
    const cpu = machine();
    poke(cpu, OPERAND, 'a5');
    const stop = execute(cpu, '80000800');
    expect(stop.kind).toBe('budget');
    expect(cpu.sysMask).toBe(0xa5);
  });

  it('80 SSM [S]: with the SSM-suppression bit (CR0 bit 1) on, special-operation exception, ILC 2', () => {
    const cpu = machine();
    cpu.cr[0] = 0x4000_0000;
    cpu.sysMask = 0x03;
    poke(cpu, OPERAND, 'ff');
    const stop = execute(cpu, '80000800');
    expect(stop.kind).toBe('program');
    expect(stop.code).toBe(0x13);
    expect(cpu.ilc).toBe(2);
    expect(cpu.sysMask).toBe(0x03);
  });

  it('80 SSM [S]: in the problem state, privileged-operation exception', () => {
    const cpu = machine();
    cpu.problemState = true;
    const stop = execute(cpu, '80000800');
    expect(stop.code).toBe(0x02);
  });

  it('80 SSM [S]: a one in EC-mode bit 0 is loaded; specification before the next instruction with ILC 2', () => {
    const cpu = machine();
    cpu.ecMode = true;
    cpu.stateChanged();
    poke(cpu, OPERAND, '83');
    const stop = execute(cpu, '80000800', '0700');
    expect(stop.kind).toBe('program');
    expect(stop.code).toBe(0x06);
    expect(cpu.ilc).toBe(2);
    expect(cpu.sysMask).toBe(0x83);
    expect(cpu.ia).toBe(CODE_AT + 4);
  });

  it('AC STNSM [SI]: stores the system mask, then ANDs it with I2', () => {
    const cpu = machine();
    cpu.sysMask = 0xff;
    execute(cpu, 'ac0f0800');
    expect(peek(cpu, OPERAND, 1)).toBe('ff');
    expect(cpu.sysMask).toBe(0x0f);
  });

  it('AD STOSM [SI]: stores the system mask, then ORs it with I2', () => {
    const cpu = machine();
    cpu.sysMask = 0x01;
    execute(cpu, 'ad020800');
    expect(peek(cpu, OPERAND, 1)).toBe('01');
    expect(cpu.sysMask).toBe(0x03);
  });

  it('AD STOSM [SI]: a store-protected operand suppresses the instruction', () => {
    const cpu = machine();
    cpu.key = 3;
    cpu.keys[OPERAND >>> 11] = 0x50;
    cpu.keys[CODE_AT >>> 11] = 0x30;
    cpu.sysMask = 0x01;
    const stop = execute(cpu, 'ad020800');
    expect(stop.code).toBe(0x04);
    expect(cpu.sysMask).toBe(0x01);
  });

  it('82 LPSW [S]: loads a BC-mode PSW (code and ILC bits ignored)', () => {
    const cpu = machine();
    poke(cpu, OPERAND, 'ff350123_e6002000');
    const stop = execute(cpu, '82000800');
    expect(stop.kind).toBe('budget');
    expect(cpu.sysMask).toBe(0xff);
    expect(cpu.key).toBe(3);
    expect(cpu.ecMode).toBe(false);
    expect(cpu.machineCheckMask).toBe(true);
    expect(cpu.problemState).toBe(true);
    expect(cpu.cc).toBe(2);
    expect(cpu.progMask).toBe(6);
    expect(cpu.ia).toBe(0x2000);
  });

  it('82 LPSW [S]: loads an EC-mode PSW with DAT on', () => {
    const cpu = machine();
    cpu.cr[0] = 0x0080_0000;
    poke(cpu, OPERAND, '070c2500_00002000');
    execute(cpu, '82000800');
    expect(cpu.ecMode).toBe(true);
    expect(cpu.datOn).toBe(true);
    expect(cpu.cc).toBe(2);
    expect(cpu.progMask).toBe(5);
    expect(cpu.ia).toBe(0x2000);
  });

  it('82 LPSW [S]: an operand not on a doubleword boundary is a specification exception', () => {
    const cpu = machine();
    const stop = execute(cpu, '82000804');
    expect(stop.code).toBe(0x06);
    expect(cpu.ia).toBe(CODE_AT + 4);
  });

  it('82 LPSW [S]: a wait PSW puts the CPU in the wait state', () => {
    const cpu = machine();
    poke(cpu, OPERAND, '000a0000_00001234');
    const stop = execute(cpu, '82000800');
    expect(stop.kind).toBe('wait');
    expect(stop.disabled).toBe(true);
    expect(cpu.ia).toBe(0x1234);
  });

  it('82 LPSW [S]: an EC PSW with a one in bit 24 is loaded, then specification with ILC 0', () => {
    const cpu = machine();
    poke(cpu, OPERAND, '00080080_00002000');
    const stop = execute(cpu, '82000800', '0700');
    expect(stop.kind).toBe('program');
    expect(stop.code).toBe(0x06);
    expect(cpu.ilc).toBe(0);
    expect(cpu.invalidPsw).toBe(true);
  });
});

describe('storage keys', () => {
  it('08 SSK [RR]: R1 bits 24-30 become the key of the 2K block that R2 designates', () => {
    const cpu = machine();
    cpu.gpr[1] = 0x1234_56ff;
    cpu.gpr[2] = 0xff00_2ff0 | 0;
    execute(cpu, '0812');
    expect(cpu.keys[0x2800 >>> 11]).toBe(0xfe);
  });

  it('08 SSK [RR]: R2 bits 28-31 not zero is a specification exception', () => {
    const cpu = machine();
    cpu.gpr[2] = 0x2001;
    const stop = execute(cpu, '0812');
    expect(stop.code).toBe(0x06);
  });

  it('08 SSK [RR]: a block outside storage is an addressing exception', () => {
    const cpu = machine();
    cpu.gpr[2] = 0x10_0000;
    const stop = execute(cpu, '0812');
    expect(stop.code).toBe(0x05);
  });

  it('09 ISK [RR]: EC mode inserts the 7-bit key in R1 bits 24-30 and zero in bit 31', () => {
    const cpu = machine();
    cpu.ecMode = true;
    cpu.stateChanged();
    cpu.keys[2] = 0x5e;
    cpu.gpr[3] = 0x1111_11ff;
    cpu.gpr[4] = 0x1000;
    execute(cpu, '0934');
    expect(reg(cpu, 3)).toBe('1111115e');
  });

  it('09 ISK [RR]: BC mode inserts key bits 0-4 in R1 bits 24-28 and zeros in 29-31', () => {
    const cpu = machine();
    cpu.keys[2] = 0x5e;
    cpu.gpr[3] = 0x1111_11ff;
    cpu.gpr[4] = 0x1000;
    execute(cpu, '0934');
    expect(reg(cpu, 3)).toBe('11111158');
  });

  it('09 ISK [RR]: in the problem state, privileged-operation exception', () => {
    const cpu = machine();
    cpu.problemState = true;
    const stop = execute(cpu, '0934');
    expect(stop.code).toBe(0x02);
  });

  it('B213 RRB [S]: CC from the reference and change bits; the reference bit is reset', () => {
    for (const [key, cc] of [
      [0x00, 0],
      [0x02, 1],
      [0x04, 2],
      [0x06, 3],
    ] as const) {
      const cpu = machine();
      cpu.keys[0x4000 >>> 11] = 0x30 | key;
      cpu.gpr[5] = 0x4000;
      execute(cpu, 'b2135123');
      expect(cpu.cc).toBe(cc);
      expect(cpu.keys[0x4000 >>> 11]).toBe(0x30 | (key & 0x02));
    }
  });

  it('B213 RRB [S]: an address outside storage is an addressing exception', () => {
    const cpu = machine();
    cpu.gpr[5] = 0x20_0000;
    const stop = execute(cpu, 'b2135000');
    expect(stop.code).toBe(0x05);
  });

  it('B20A SPKA [S]: bits 24-27 of the operand address become the PSW key', () => {
    const cpu = machine();
    execute(cpu, 'b20a00a0');
    expect(cpu.key).toBe(0xa);
  });

  it('B20A SPKA [S]: in the problem state the key must be authorized by the PSW-key mask in CR3', () => {
    const cpu = machine();
    cpu.problemState = true;
    expect(execute(cpu, 'b20a0050').code).toBe(0x02);
    expect(cpu.key).toBe(0);
    cpu.cr[3] = 0x0400_0000;
    expect(execute(cpu, 'b20a0050').kind).toBe('budget');
    expect(cpu.key).toBe(5);
  });

  it('B20B IPK [S]: the PSW key goes to GR2 bits 24-27, zeros to bits 28-31', () => {
    const cpu = machine();
    cpu.key = 9;
    cpu.gpr[2] = 0x7777_77ff;
    execute(cpu, 'b20b0000');
    expect(reg(cpu, 2)).toBe('77777790');
  });

  it('B20B IPK [S]: in the problem state the extraction-authority control (CR0 bit 4) must be one', () => {
    const cpu = machine();
    cpu.problemState = true;
    expect(execute(cpu, 'b20b0000').code).toBe(0x02);
    cpu.cr[0] = 0x0800_00e0;
    cpu.key = 4;
    expect(execute(cpu, 'b20b0000').kind).toBe('budget');
    expect(reg(cpu, 2)).toBe('00000040');
  });
});

describe('interruption-causing instructions', () => {
  it('0A SVC [RR]: stops for CP with the 8-bit code when intercepted', () => {
    const cpu = machine({ interceptSvc: true });
    const stop = execute(cpu, '0aca');
    expect(stop.kind).toBe('svc');
    expect(stop.code).toBe(0xca);
  });

  it('83 DIAG: always stops for CP with the instruction, its address and length', () => {
    const cpu = machine();
    const stop = execute(cpu, '83120008');
    expect(stop.kind).toBe('diagnose');
    expect(stop.address).toBe(CODE_AT);
    expect(stop.word >>> 0).toBe(0x8312_0008);
    expect(stop.length).toBe(4);
  });

  it('83 DIAG: in the problem state, privileged-operation exception', () => {
    const cpu = machine();
    cpu.problemState = true;
    expect(execute(cpu, '83120008').code).toBe(0x02);
  });

  it('84 WRD and 85 RDD: without the direct-control feature, operation exception', () => {
    const cpu = machine();
    expect(execute(cpu, '84ff0800').code).toBe(0x01);
    expect(execute(cpu, '85ff0800').code).toBe(0x01);
  });

  it('AF MC [SI]: a class whose CR8 mask bit is zero does nothing', () => {
    const cpu = machine();
    cpu.cr[8] = 0x0000_7fff;
    const stop = execute(cpu, 'af000123');
    expect(stop.kind).toBe('budget');
  });

  it('AF MC [SI]: an enabled class is a monitor event: code X40, class at X94, operand address at X9C', () => {
    const cpu = machine();
    cpu.cr[8] = 0x0000_0400;
    cpu.gpr[6] = 0x12_3000;
    const stop = execute(cpu, 'af056456');
    expect(stop.kind).toBe('program');
    expect(stop.code).toBe(0x40);
    expect(cpu.ia).toBe(CODE_AT + 4);
    expect(peek(cpu, 0x94, 2)).toBe('0005');
    expect(peek(cpu, 0x9c, 4)).toBe('00123456');
  });

  it('AF MC [SI]: I2 bits 8-11 not zero is a specification exception', () => {
    const cpu = machine();
    cpu.cr[8] = 0xffff;
    expect(execute(cpu, 'af100000').code).toBe(0x06);
  });
});

describe('CPU identification and signalling', () => {
  it('B202 STIDP [S]: version, CPU identification, model and MCEL length at a doubleword', () => {
    const cpu = machine({ cpuId: { version: 0x12, serial: 0x34_5678, model: 0x3158 } });
    execute(cpu, 'b2020800');
    expect(peek(cpu, OPERAND, 8)).toBe('1234567831580000');
  });

  it('B202 STIDP [S]: an operand not on a doubleword boundary is a specification exception', () => {
    const cpu = machine();
    expect(execute(cpu, 'b2020802').code).toBe(0x06);
  });

  it('B212 STAP [S]: stores the CPU address; an odd address is a specification exception', () => {
    const cpu = machine({ cpuAddress: 0x0abc });
    execute(cpu, 'b2120800');
    expect(peek(cpu, OPERAND, 2)).toBe('0abc');
    expect(execute(cpu, 'b2120801').code).toBe(0x06);
  });

  it('AE SIGP [RS]: any CPU address other than this one is not operational (CC 3)', () => {
    const cpu = machine();
    cpu.gpr[3] = 1;
    execute(cpu, 'ae130001');
    expect(cpu.cc).toBe(3);
  });

  it('AE SIGP [RS]: sense addressed to this CPU presents zero status (CC 0)', () => {
    const cpu = machine();
    cpu.gpr[1] = 0x5555;
    execute(cpu, 'ae130001');
    expect(cpu.cc).toBe(0);
    expect(reg(cpu, 1)).toBe('00005555');
  });

  it('AE SIGP [RS]: an unassigned order stores the invalid-order status (CC 1)', () => {
    const cpu = machine();
    execute(cpu, 'ae1300ff');
    expect(cpu.cc).toBe(1);
    expect(reg(cpu, 1)).toBe('00000002');
  });

  it('AE SIGP [RS]: a second external call while one is pending stores external-call-pending status', () => {
    const cpu = machine();
    execute(cpu, 'ae130002', 'ae130002');
    expect(cpu.externalCallPending).toBe(true);
    expect(cpu.cc).toBe(1);
    expect(reg(cpu, 1)).toBe('00000080');
  });

  it('AE SIGP [RS]: emergency signal to itself makes the condition pending (CC 0)', () => {
    const cpu = machine();
    execute(cpu, 'ae130003');
    expect(cpu.cc).toBe(0);
    expect(cpu.emergencySignalPending).toBe(true);
  });

  it('AE SIGP [RS]: stop and store status stores the PSW at X100 and the registers at X160', () => {
    const cpu = machine();
    cpu.gpr[15] = 0x0f0f_0f0f;
    cpu.cr[0] = 0x00c0_00e0;
    const stop = execute(cpu, 'ae130009');
    expect(stop.kind).toBe('stopped');
    expect(peek(cpu, 0x100, 8)).toBe('0000000000001004');
    expect(peek(cpu, 0x180 + 60, 4)).toBe('0f0f0f0f');
    expect(peek(cpu, 0x1c0, 4)).toBe('00c000e0');
  });

  it('AE SIGP [RS]: in the problem state, privileged-operation exception', () => {
    const cpu = machine();
    cpu.problemState = true;
    expect(execute(cpu, 'ae130001').code).toBe(0x02);
  });
});

describe('control registers', () => {
  it('B7 LCTL [RS]: loads CR R1 through R3, wrapping from 15 to 0', () => {
    const cpu = machine();
    poke(cpu, OPERAND, '11111111_22222222_33333333_44444444');
    execute(cpu, 'b7e10800');
    expect(cpu.cr[14]).toBe(0x1111_1111);
    expect(cpu.cr[15]).toBe(0x2222_2222);
    expect(cpu.cr[0]).toBe(0x3333_3333);
    expect(cpu.cr[1]).toBe(0x4444_4444);
    expect(cpu.cr[2]).toBe(0xffff_ffff);
  });

  it('B6 STCTL [RS]: stores CR R1 through R3', () => {
    const cpu = machine();
    cpu.cr[5] = 0x0505_0505;
    cpu.cr[6] = 0x0606_0606;
    execute(cpu, 'b6560800');
    expect(peek(cpu, OPERAND, 8)).toBe('0505050506060606');
  });

  it('B7 LCTL and B6 STCTL [RS]: an operand not on a word boundary is a specification exception', () => {
    const cpu = machine();
    expect(execute(cpu, 'b7000802').code).toBe(0x06);
    expect(execute(cpu, 'b6000802').code).toBe(0x06);
  });

  it('B7 LCTL [RS]: an operand partly outside storage changes no control register', () => {
    const cpu = machine();
    cpu.gpr[4] = 0xfff8;
    const stop = execute(cpu, 'b7034000');
    expect(stop.code).toBe(0x05);
    expect(cpu.cr[0]).toBe(0xe0);
  });

  it('B7 LCTL [RS]: in the problem state, privileged-operation exception', () => {
    const cpu = machine();
    cpu.problemState = true;
    expect(execute(cpu, 'b7000800').code).toBe(0x02);
  });

  it('B7 LCTL [RS]: enabling a pending external condition takes the interruption after it', () => {
    const cpu = machine({ interceptProgram: false });
    poke(cpu, 0x58, '00020000_00000abc'); // external new PSW: disabled wait at X'ABC'
    cpu.sysMask = 0x01;
    cpu.cr[0] = 0;
    cpu.interruptKeyPending = true;
    poke(cpu, OPERAND, '00000040');
    const stop = execute(cpu, 'b7000800', '0700');
    expect(stop.kind).toBe('wait');
    expect(peek(cpu, 0x18, 8)).toBe('0100004000001004');
  });
});
