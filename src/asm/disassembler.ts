// Disassembler: instruction bytes to mnemonic and operands, reading the opcode table. Operands are
// printed in the explicit forms the assembler accepts back: R1,R2 | R1,D2(X2,B2) | R1,R3,D2(B2) |
// D1(B1),I2 | D2(B2) | D1(L,B1),D2(B2) | D1(L1,B1),D2(L2,B2) | D1(L1,B1),D2(B2),I3, so that
// disassembling and assembling again gives the same bytes.

import { EXTENDED_MNEMONICS, instructionLength, lookupOpcode, type OpcodeEntry } from '../cpu/opcodes.ts';

export interface Disassembled {
  /** Address of the instruction. */
  address: number;
  length: number;
  mnemonic: string;
  operands: string;
  /** "MNEMONIC operands" (padded like a source statement's operation field). */
  text: string;
  bytes: Uint8Array;
  entry?: OpcodeEntry;
}

export interface DisassembleOptions {
  /** Use extended branch mnemonics (BE, BNZR, NOP ...) for BC and BCR. */
  extended?: boolean;
}

const OPERANDLESS = new Set(['IPK', 'PTLB']);

function extendedFor(base: 'BC' | 'BCR', mask: number): string | undefined {
  // The first mnemonic listed for a mask is the preferred one (BH before BP, BE before BZ).
  return EXTENDED_MNEMONICS.find((e) => e.base === base && e.mask === mask)?.mnemonic;
}

function d(b: Uint8Array, at: number): string {
  return String(((b[at] & 0x0f) << 8) | b[at + 1]);
}

function base(b: Uint8Array, at: number): number {
  return b[at] >> 4;
}

/** Disassembles one instruction at bytes[offset]; undefined when fewer bytes remain than it needs. */
export function disassembleOne(bytes: Uint8Array, offset = 0, address = offset, options: DisassembleOptions = {}): Disassembled | undefined {
  if (offset >= bytes.length) return undefined;
  const first = bytes[offset];
  const length = instructionLength(first);
  if (offset + length > bytes.length) return undefined;
  const b = bytes.subarray(offset, offset + length);
  const entry = lookupOpcode(first, b[1] ?? 0);
  if (!entry) {
    const hex = [...b.subarray(0, 2)].map((x) => x.toString(16).toUpperCase().padStart(2, '0')).join('');
    return finish(address, 2, 'DC', `X'${hex}'`, b.subarray(0, 2));
  }
  let mnemonic = entry.mnemonic;
  const r1 = b[1] >> 4;
  const r2 = b[1] & 0x0f;
  let ops: string;
  switch (entry.format) {
    case 'RR':
      ops = `${r1},${r2}`;
      if (options.extended && mnemonic === 'BCR') {
        const ext = extendedFor('BCR', r1);
        if (ext) [mnemonic, ops] = [ext, String(r2)];
      }
      break;
    case 'RR1':
      ops = String(r1);
      break;
    case 'RRI':
      ops = String(b[1]);
      break;
    case 'RX':
      ops = `${r1},${d(b, 2)}(${r2},${base(b, 2)})`;
      if (options.extended && mnemonic === 'BC') {
        const ext = extendedFor('BC', r1);
        if (ext) [mnemonic, ops] = [ext, `${d(b, 2)}(${r2},${base(b, 2)})`];
      }
      break;
    case 'RS':
      ops = `${r1},${r2},${d(b, 2)}(${base(b, 2)})`;
      break;
    case 'RS2':
      ops = `${r1},${d(b, 2)}(${base(b, 2)})`;
      break;
    case 'SI':
      ops = `${d(b, 2)}(${base(b, 2)}),X'${b[1].toString(16).toUpperCase().padStart(2, '0')}'`;
      break;
    case 'S':
      ops = OPERANDLESS.has(mnemonic) ? '' : `${d(b, 2)}(${base(b, 2)})`;
      break;
    case 'SS1':
      ops = `${d(b, 2)}(${b[1] + 1},${base(b, 2)}),${d(b, 4)}(${base(b, 4)})`;
      break;
    case 'SS2':
      ops = `${d(b, 2)}(${r1 + 1},${base(b, 2)}),${d(b, 4)}(${r2 + 1},${base(b, 4)})`;
      break;
    case 'SS3':
      ops = `${d(b, 2)}(${r1 + 1},${base(b, 2)}),${d(b, 4)}(${base(b, 4)}),${r2}`;
      break;
  }
  return finish(address, length, mnemonic, ops, b, entry);
}

function finish(address: number, length: number, mnemonic: string, operands: string, bytes: Uint8Array, entry?: OpcodeEntry): Disassembled {
  const text = operands ? `${mnemonic.padEnd(5, ' ')} ${operands}` : mnemonic;
  return { address, length, mnemonic, operands, text, bytes: bytes.slice(), entry };
}

/** Disassembles a run of bytes; trailing bytes too short for an instruction come out as DC X'..'. */
export function disassemble(bytes: Uint8Array, address = 0, options: DisassembleOptions = {}): Disassembled[] {
  const out: Disassembled[] = [];
  let k = 0;
  while (k < bytes.length) {
    const one = disassembleOne(bytes, k, address + k, options);
    if (!one) {
      const rest = bytes.subarray(k);
      const hex = [...rest].map((x) => x.toString(16).toUpperCase().padStart(2, '0')).join('');
      out.push(finish(address + k, rest.length, 'DC', `X'${hex}'`, rest));
      break;
    }
    out.push(one);
    k += one.length;
  }
  return out;
}
