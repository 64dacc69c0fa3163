// TRACE and ADSTOP (VM/370 CP Command Reference for General Users R6) on a small guest: what is
// shown, where it goes, and when the machine stops.

import { afterEach, describe, expect, it } from 'vitest';
import { DebugMonitor } from '../../../src/cp/trace/monitor.ts';
import { hexBytes, makeGuest, type Guest } from './guest.ts';

const WAIT = "DMKDSP450W CP ENTERED; DISABLED WAIT PSW '00020000 00000000'";

describe('TRACE', () => {
  let g: Guest;
  afterEach(() => g.vm.close());

  it('TRACE INSTRUCT RUN shows every instruction, branches with their target, and runs on', () => {
    g = makeGuest();
    expect(g.enter('#CP TRACE INSTRUCT RUN')).toEqual(['TRACE STARTED']);
    expect(g.run()).toEqual([
      '000800 LA    41100005',
      '000804 LA    41200007',
      '000808 AR    1A12',
      '00080A BC    47F00810 ==> 000810',
      '000810 SVC   0A0C',
      '000A00 LPSW  82000020',
      '000812 LPSW  82000F00',
      WAIT,
    ]);
    expect(g.vm.cpu.gpr[1]).toBe(12);
  });

  it('TRACE SVC stops in CP READ after the SVC interruption (NORUN); BEGIN goes on', () => {
    g = makeGuest();
    g.enter('#CP TR SVC');
    expect(g.run()).toEqual(['*** 000812 SVC  0C   ==> 000A00']);
    expect(g.vm.state).toBe('cp-read');
    expect(g.vm.cpu.ia).toBe(0xa00);
    g.enter('BEGIN');
    expect(g.run()).toEqual([WAIT]);
  });

  it('TRACE BRANCH shows the branches taken, the interruptions and the PSW instructions', () => {
    g = makeGuest();
    g.enter('#CP TRACE BRANCH RUN');
    expect(g.run()).toEqual([
      '00080A BC    47F00810 ==> 000810',
      '*** 000812 SVC  0C   ==> 000A00',
      '000A00 LPSW  82000020 00000000 20000812',
      '000812 LPSW  82000F00 00020000 00000000',
      WAIT,
    ]);
  });

  it('TRACE PROGRAM shows a program interruption with its code', () => {
    // An operation exception at X'800'; the program new PSW is a disabled wait.
    g = makeGuest('0000');
    g.vm.storage.load(0x68, hexBytes('0002000000000000'));
    g.enter('#CP TRACE PROG RUN');
    expect(g.run()).toEqual(['*** 000802 PROG 0001 ==> 000000', WAIT]);
  });

  it('TRACE EXT shows an external interruption (the interrupt key)', () => {
    g = makeGuest();
    g.vm.storage.load(0x58, hexBytes('0002000000000000'));
    g.enter('#CP ST PSW 01000000 00000800');
    g.enter('#CP TRACE EXTERNAL RUN');
    g.vm.cpu.pressInterruptKey();
    expect(g.run()).toEqual(['*** 000800 EXT  0040 ==> 000000', WAIT]);
  });

  it('TRACE SIO CCW CSW shows the I/O instruction, its channel program and the I/O interruption', () => {
    // SIO X'00E' with CAW X'5000': write 'HI' to the printer, then an enabled wait ended by the
    // I/O interruption, whose new PSW is a disabled wait.
    g = makeGuest('9C00000E 82000F08');
    g.vm.storage.load(0x48, hexBytes('00005000'));
    g.vm.storage.load(0x5000, hexBytes('09005100 20000002'));
    g.vm.storage.load(0x5100, hexBytes('C8C9'));
    g.vm.storage.load(0xf08, hexBytes('FF02000000000804'));
    g.vm.storage.load(0x78, hexBytes('0000000000000F00'));
    g.enter('#CP TRACE SIO CCW CSW RUN');
    const out = g.run(100_000);
    expect(out.slice(0, 4)).toEqual([
      'I/O 000800 SIO 9C00000E PRT 00E CC 0',
      'CAW 00005000',
      'CCW 005000 09005100 20000002',
      '*** 000804 I/O  00E  ==> 000F00 CSW 00005008 0C000000',
    ]);
    expect(g.vm.printer!.text()).toEqual(['HI']);
  });

  it('TRACE I/O shows an I/O instruction to a device that does not exist with CC 3', () => {
    g = makeGuest('9D000123 82000F00');
    g.enter('#CP TRACE I/O RUN');
    expect(g.run()).toEqual(['I/O 000800 TIO 9D000123 DEV 123 CC 3', WAIT]);
  });

  it('TRACE ... PRINTER writes the lines to the virtual printer and does not stop', () => {
    g = makeGuest();
    g.enter('#CP TRACE SVC PRINTER');
    expect(g.run()).toEqual([WAIT]);
    expect(g.vm.printer!.text()).toEqual(['*** 000812 SVC  0C   ==> 000A00']);
  });

  it('TRACE END ends all tracing: the machine runs at full speed again', () => {
    g = makeGuest();
    g.enter('#CP TRACE SVC INSTRUCT');
    expect(g.vm.monitor).toBeInstanceOf(DebugMonitor);
    expect(g.enter('#CP TRACE END')).toEqual(['TRACE ENDED']);
    expect(g.vm.monitor).toBeNull();
    expect(g.run()).toEqual([WAIT]);
    expect(g.vm.cpu.onInterruption).toBeNull();
  });

  it('TRACE event OFF ends that event only', () => {
    g = makeGuest();
    g.enter('#CP TRACE SVC BRANCH RUN');
    expect(g.enter('#CP TRACE BRANCH OFF')).toEqual([]);
    expect(g.run()).toEqual(['*** 000812 SVC  0C   ==> 000A00', WAIT]);
  });

  it('wrong operands give R6 messages', () => {
    g = makeGuest();
    expect(g.enter('#CP TRACE')).toEqual(['DMKTRA026E OPERAND MISSING OR INVALID']);
    expect(g.enter('#CP TRACE SVC BOGUS')).toEqual(['DMKTRA002E INVALID OPERAND - BOGUS']);
    expect(g.enter('#CP TRACE RUN')).toEqual(['DMKTRA002E INVALID OPERAND - RUN']);
    expect(g.vm.monitor).toBeNull();
  });
});

describe('ADSTOP', () => {
  let g: Guest;
  afterEach(() => g.vm.close());

  it('stops before the instruction at the address executes, says ADSTOP AT, and is then removed', () => {
    g = makeGuest();
    expect(g.enter('#CP ADSTOP 808')).toEqual([]);
    expect(g.run()).toEqual(['ADSTOP AT 000808']);
    expect(g.vm.state).toBe('cp-read');
    expect(g.vm.cpu.ia).toBe(0x808);
    expect(g.vm.cpu.gpr[1]).toBe(5);
    expect(g.vm.monitor).toBeNull();
    g.enter('BEGIN');
    expect(g.run()).toEqual([WAIT]);
    expect(g.vm.cpu.gpr[1]).toBe(12);
  });

  it('ADSTOP OFF removes the stop; a bad address gives an R6 message', () => {
    g = makeGuest();
    g.enter('#CP ADSTOP 808');
    g.enter('#CP ADSTOP OFF');
    expect(g.vm.monitor).toBeNull();
    expect(g.run()).toEqual([WAIT]);
    expect(g.enter('ADSTOP 1009')).toEqual(['DMKCDB005E INVALID HEXLOC - 1009']);
    expect(g.enter('ADSTOP 20000')).toEqual(['DMKCDB160E HEXLOC 020000 EXCEEDS STORAGE']);
    expect(g.enter('ADSTOP')).toEqual(['DMKCDB026E OPERAND MISSING OR INVALID']);
  });
});
