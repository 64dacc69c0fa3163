// Simulation of the privileged instructions a virtual machine issues in virtual supervisor state
// (VM/370 System Logic R6, DMKPRV "privileged instruction simulation"). The Cpu's PSW is the
// virtual PSW: the interpreter runs the guest in the problem or supervisor state the guest asked
// for, and with interceptPrivileged it stops on every privileged instruction in supervisor state
// instead of executing it. CP then simulates the instruction against the virtual machine's state.
//
// Because everything the instruction can touch is the virtual machine's own (its PSW, registers,
// control registers, storage and storage keys, timers, and its virtual channel subsystem as the
// Cpu's IoSystem), most simulations are the architecture itself: CP runs the Cpu's own handler
// (src/cpu/exec/control.ts, io.ts) for the intercepted instruction, outside the privilege wrapper.
// That is the simulation for LPSW, SSM, STNSM, STOSM, SSK, ISK, LCTL, STCTL, SCKC, STCKC, SPT,
// STPT, STIDP, STAP, PTLB, RRB, LRA, and the I/O instructions SIO, SIOF, TIO, CLRIO, HIO, HDV, TCH,
// STIDC (against the virtual I/O system). Exceptions the handler recognizes are presented to the
// guest as its program interruption, exactly as if the instruction had run.
//
// CP's own rules instead of the architecture's:
//   - SET CLOCK: the TOD clock is the real machine's; CP ignores the new value and sets CC 0.
//   - SIGNAL PROCESSOR: a virtual machine of R6 is a uniprocessor with no other CPU: CC 3.
//   - STORE CPU ID stores version code X'FF' (the Cpu of a virtual machine is built with it).

import { allHandlers, type Handler } from '../../cpu/dispatch.ts';
import { lookupOpcode, OPCODES } from '../../cpu/opcodes.ts';
import type { Cpu } from '../../cpu/cpu.ts';

/** The Cpu's handlers by opcode (first byte, or first two bytes), without the privilege wrapper. */
function rawHandlerTable(): ReadonlyMap<number, { mnemonic: string; handler: Handler }> {
  const byMnemonic = allHandlers();
  const table = new Map<number, { mnemonic: string; handler: Handler }>();
  for (const entry of OPCODES) {
    if (!entry.privileged) continue;
    const handler = byMnemonic[entry.mnemonic] as Handler | undefined;
    if (handler !== undefined) table.set(entry.opcode, { mnemonic: entry.mnemonic, handler });
  }
  return table;
}

/** Built once: a constant lookup table, never changed. */
const RAW = rawHandlerTable();

/** The opcode key of an instruction word: one byte, or two for the 9C-9F and B2 families. */
function opcodeKey(w: number): number {
  const first = w >>> 24;
  const entry = lookupOpcode(first, (w >>> 16) & 0xff);
  return entry ? entry.opcode : first;
}

/**
 * Simulates the privileged instruction the Cpu stopped on (stop.kind 'privop'; cpu.ia is already
 * past it). Returns its mnemonic.
 */
export function simulatePrivileged(cpu: Cpu, w: number, w2: number): string {
  const entry = RAW.get(opcodeKey(w));
  if (entry === undefined) {
    // Not a privileged instruction the table knows: let the interpreter's operation exception stand.
    deliver(cpu, () => {
      throw cpu.exception(0x01);
    });
    return '?';
  }
  switch (entry.mnemonic) {
    case 'SCK':
      deliver(cpu, () => {
        // The operand must still be a valid, aligned doubleword.
        const b = (w >>> 12) & 15;
        const a = b === 0 ? w & 0xfff : (cpu.gpr[b]! + (w & 0xfff)) & 0xff_ffff;
        if ((a & 7) !== 0) throw cpu.exception(0x06);
        cpu.fetchWord(a);
        cpu.fetchWord((a + 4) & 0xff_ffff);
        cpu.cc = 0;
      });
      break;
    case 'SIGP':
      cpu.cc = 3;
      break;
    default:
      deliver(cpu, () => entry.handler(cpu, w, w2));
  }
  return entry.mnemonic;
}

/** Runs a simulation; a program exception it raises becomes the guest's program interruption. */
function deliver(cpu: Cpu, simulate: () => void): void {
  try {
    simulate();
  } catch (e) {
    if (e !== cpu.fault) throw e;
    cpu.recognizeProgramException(cpu.fault.code, cpu.fault.nullify);
  }
}
