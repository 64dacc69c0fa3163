// Builds the dispatch table from the opcode table (cpu/opcodes.ts). Operation and privileged-
// operation exceptions are raised here, from the table, never in the handlers.

import { ProgramCode } from '../arch/interruptions.ts';
import { OPCODES, TWO_BYTE_PREFIXES, type OpcodeEntry } from './opcodes.ts';
import type { Cpu } from './cpu.ts';
import { fixedPointHandlers } from './exec/fixed-point.ts';
import { logicalHandlers } from './exec/logical.ts';
import { branchHandlers } from './exec/branch.ts';
import { decimalHandlers } from './exec/decimal.ts';
import { hfpHandlers } from './exec/hfp.ts';
import { controlHandlers } from './exec/control.ts';
import { ioHandlers } from './exec/io.ts';

/** One signature for every instruction: the CPU, bytes 0-3 and bytes 4-5 (see formats.ts). */
export type Handler = (cpu: Cpu, w: number, w2: number) => void;
export type HandlerMap = Readonly<Record<string, Handler>>;

const operationException: Handler = (cpu) => {
  throw cpu.fault.set(ProgramCode.operation);
};

/** Every family's handlers by mnemonic. */
export function allHandlers(): HandlerMap {
  return {
    ...fixedPointHandlers,
    ...logicalHandlers,
    ...branchHandlers,
    ...decimalHandlers,
    ...hfpHandlers,
    ...controlHandlers,
    ...ioHandlers,
  };
}

function withPrivilegeCheck(entry: OpcodeEntry, handler: Handler): Handler {
  if (!entry.privileged) return handler;
  // DIAGNOSE is itself a stop for CP; other privileged instructions stop for CP when intercepted.
  if (entry.mnemonic === 'DIAG') {
    return (cpu, w, w2) => {
      if (cpu.problemState) throw cpu.fault.set(ProgramCode.privilegedOperation);
      handler(cpu, w, w2);
    };
  }
  return (cpu, w, w2) => {
    if (cpu.problemState) throw cpu.fault.set(ProgramCode.privilegedOperation);
    if (cpu.interceptPrivileged) {
      cpu.intercept('privop', w, w2);
      return;
    }
    handler(cpu, w, w2);
  };
}

/** A table of 256 handlers indexed by the first opcode byte. */
export function buildDispatchTable(): Handler[] {
  const byMnemonic = allHandlers();
  const table: Handler[] = new Array<Handler>(256).fill(operationException);
  const second = new Map<number, Handler[]>();
  for (const prefix of TWO_BYTE_PREFIXES) {
    const sub: Handler[] = new Array<Handler>(prefix === 0xb2 ? 256 : 2).fill(operationException);
    second.set(prefix, sub);
    table[prefix] =
      prefix === 0xb2
        ? (cpu, w, w2) => sub[(w >>> 16) & 0xff]!(cpu, w, w2)
        : (cpu, w, w2) => sub[(w >>> 16) & 0x01]!(cpu, w, w2);
  }
  for (const entry of OPCODES) {
    const handler = byMnemonic[entry.mnemonic];
    if (!handler) continue;
    const wrapped = withPrivilegeCheck(entry, handler);
    if (entry.opcode > 0xff) second.get(entry.opcode >>> 8)![entry.opcode & 0xff] = wrapped;
    else table[entry.opcode] = wrapped;
  }
  return table;
}
