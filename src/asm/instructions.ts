// Machine instructions: operands to bytes for every format of the opcode table (cpu/opcodes.ts) and
// the extended branch mnemonics (System/370 Principles of Operation, "Instruction formats").
// Storage operands are explicit (D(X,B), D(B), D(L,B)) or implicit (an address the USING table turns
// into base and displacement), or literals.

import { EXTENDED_MNEMONICS, OPCODE_BY_MNEMONIC, instructionLength, type Format, type OpcodeEntry } from '../cpu/opcodes.ts';
import { isAbsolute, parseExpression, type ExprContext, type Value } from './expressions.ts';
import { matchParen } from './dc.ts';
import { splitOperands } from './source.ts';
import type { Resolution } from './using.ts';

/** What instruction encoding needs from the assembler. */
export interface InstructionContext {
  error(code: string, detail?: string): void;
  /** The expression context ('*' is the instruction's address). */
  expr: ExprContext;
  /** Reports undefined symbols (in the final pass) and returns the value, or undefined on error. */
  report(result: { undefinedSymbols: string[]; error?: { code: string; detail?: string } }): boolean;
  /** A literal's address and length attribute (registers it in the current pool). */
  literal(text: string): { value: Value; length: number } | undefined;
  /** Base and displacement for an implicit address; reports IEV034 when nothing covers it. */
  resolve(address: Value): Resolution | undefined;
}

export interface Encoded {
  bytes: Uint8Array;
  /** Effective addresses of the first and second storage operands, for the listing. */
  addr1?: Value;
  addr2?: Value;
}

/** S-format instructions whose operand the machine ignores; IBM's assemblers take none. */
const NO_OPERAND = new Set(['IPK', 'PTLB']);

const EXTENDED = new Map(EXTENDED_MNEMONICS.map((e) => [e.mnemonic, e]));

/** The table entry for a mnemonic, or for an extended mnemonic its base instruction and mask. */
export function lookupInstruction(op: string): { entry: OpcodeEntry; mask?: number } | undefined {
  const entry = OPCODE_BY_MNEMONIC.get(op);
  if (entry) return { entry };
  const ext = EXTENDED.get(op);
  if (ext) return { entry: OPCODE_BY_MNEMONIC.get(ext.base)!, mask: ext.mask };
  return undefined;
}

export function lengthOf(entry: OpcodeEntry): number {
  return instructionLength(entry.opcode > 0xff ? entry.opcode >> 8 : entry.opcode);
}

interface StorageOperand {
  /** Displacement or implicit address. */
  value: Value;
  /** Length attribute of the address expression. */
  length: number;
  /** Parenthesized fields after it (undefined when absent; '' for an omitted one). */
  inner?: string[];
  literal: boolean;
  ok: boolean;
}

class Encoder {
  constructor(private readonly ctx: InstructionContext) {}

  absolute(text: string, what: string): number | undefined {
    if (text.trim() === '') return undefined;
    const r = parseExpression(text, 0, this.ctx.expr);
    if (!r.error && r.end < text.length) r.error = { code: 'IEV035', detail: text.slice(r.end) };
    if (!this.ctx.report(r)) return undefined;
    if (r.undefinedSymbols.length > 0) return undefined;
    if (!isAbsolute(r.value)) {
      this.ctx.error('IEV032', what);
      return undefined;
    }
    return r.value.abs;
  }

  register(text: string | undefined): number {
    if (text === undefined || text.trim() === '') {
      this.ctx.error('IEV040');
      return 0;
    }
    const v = this.absolute(text, text);
    if (v === undefined) return 0;
    if (v < 0 || v > 15) {
      this.ctx.error('IEV029', text);
      return 0;
    }
    return v;
  }

  field(text: string | undefined, max: number, code: string, min = 0): number {
    if (text === undefined || text.trim() === '') {
      this.ctx.error('IEV040');
      return 0;
    }
    const v = this.absolute(text, text);
    if (v === undefined) return 0;
    if (v < min || v > max) {
      this.ctx.error(code, text);
      return 0;
    }
    return v & 0xff;
  }

  storage(text: string | undefined): StorageOperand {
    const bad: StorageOperand = { value: { abs: 0 }, length: 1, literal: false, ok: false };
    if (text === undefined || text.trim() === '') {
      this.ctx.error('IEV040');
      return bad;
    }
    if (text[0] === '=') {
      const lit = this.ctx.literal(text);
      if (!lit) return bad;
      return { value: lit.value, length: lit.length, literal: true, ok: true };
    }
    const r = parseExpression(text, 0, this.ctx.expr);
    let inner: string[] | undefined;
    if (!r.error && r.end < text.length) {
      if (text[r.end] === '(' && matchParen(text, r.end) === text.length - 1) {
        inner = splitOperands(text.slice(r.end + 1, -1));
        if (inner.length > 2) r.error = { code: 'IEV035', detail: text };
      } else r.error = { code: 'IEV035', detail: text.slice(r.end) };
    }
    const ok = this.ctx.report(r) && r.undefinedSymbols.length === 0;
    return { value: r.value, length: r.length, inner, literal: false, ok };
  }

  /** Base and displacement: explicit (absolute displacement with a base register) or implicit. */
  baseDisplacement(s: StorageOperand, explicitBase: string | undefined): [number, number, Value | undefined] {
    if (!s.ok) return [0, 0, undefined];
    if (explicitBase !== undefined) {
      const b = explicitBase.trim() === '' ? 0 : this.register(explicitBase);
      if (!isAbsolute(s.value)) {
        this.ctx.error('IEV032', 'DISPLACEMENT');
        return [0, b, undefined];
      }
      if (s.value.abs < 0 || s.value.abs > 4095) {
        this.ctx.error('IEV028', String(s.value.abs));
        return [0, b, undefined];
      }
      return [s.value.abs, b, s.value];
    }
    const res = this.ctx.resolve(s.value);
    if (!res) return [0, 0, s.value];
    return [res.displacement, res.base, s.value];
  }

  encode(entry: OpcodeEntry, operands: string[], mnemonic: string): Encoded {
    // An instruction without operands may carry a lone comma before its remarks (`PTLB  ,  text`).
    const ops = NO_OPERAND.has(mnemonic) && operands.every((o) => o.trim() === '') ? [] : operands;
    const len = lengthOf(entry);
    const b = new Uint8Array(len);
    const two = entry.opcode > 0xff;
    if (two) {
      b[0] = entry.opcode >> 8;
      b[1] = entry.opcode & 0xff;
    } else b[0] = entry.opcode;
    const expect = operandCount(entry.format, mnemonic);
    if (ops.length > expect) this.ctx.error('IEV062', `TOO MANY OPERANDS FOR ${mnemonic}`);
    const out: Encoded = { bytes: b };
    switch (entry.format) {
      case 'RR':
        b[1] = (this.register(ops[0]) << 4) | this.register(ops[1]);
        break;
      case 'RR1':
        b[1] = this.register(ops[0]) << 4;
        break;
      case 'RRI':
        b[1] = this.field(ops[0], 255, 'IEV031');
        break;
      case 'RX': {
        const r1 = this.register(ops[0]);
        const s = this.storage(ops[1]);
        let x = 0;
        let base: string | undefined;
        if (s.inner) {
          if (s.inner.length === 2) {
            x = s.inner[0].trim() === '' ? 0 : this.register(s.inner[0]);
            base = s.inner[1];
            if (base.trim() === '') this.ctx.error('IEV029', 'BASE OMITTED');
          } else x = this.register(s.inner[0]);
        }
        const [d, bb, a] = this.baseDisplacement(s, base);
        b[1] = (r1 << 4) | x;
        this.bd(b, 2, bb, d);
        out.addr2 = a;
        break;
      }
      case 'RS':
      case 'RS2': {
        const r1 = this.register(ops[0]);
        const r3 = entry.format === 'RS' ? this.register(ops[1]) : 0;
        const s = this.storage(ops[entry.format === 'RS' ? 2 : 1]);
        const [d, bb, a] = this.baseDisplacement(s, this.singleBase(s));
        b[1] = (r1 << 4) | r3;
        this.bd(b, 2, bb, d);
        out.addr2 = a;
        break;
      }
      case 'SI': {
        const s = this.storage(ops[0]);
        const [d, bb, a] = this.baseDisplacement(s, this.singleBase(s));
        b[1] = this.field(ops[1], 255, 'IEV031', -128);
        this.bd(b, 2, bb, d);
        out.addr1 = a;
        break;
      }
      case 'S': {
        if (NO_OPERAND.has(mnemonic) && ops.length === 0) break;
        const s = this.storage(ops[0]);
        const [d, bb, a] = this.baseDisplacement(s, this.singleBase(s));
        this.bd(b, 2, bb, d);
        out.addr2 = a;
        break;
      }
      case 'SS1': {
        const [l, d1, b1, a1] = this.lengthOperand(ops[0], 256);
        const s2 = this.storage(ops[1]);
        const [d2, b2, a2] = this.baseDisplacement(s2, this.singleBase(s2));
        b[1] = l;
        this.bd(b, 2, b1, d1);
        this.bd(b, 4, b2, d2);
        out.addr1 = a1;
        out.addr2 = a2;
        break;
      }
      case 'SS2': {
        const [l1, d1, b1, a1] = this.lengthOperand(ops[0], 16);
        const [l2, d2, b2, a2] = this.lengthOperand(ops[1], 16);
        b[1] = (l1 << 4) | l2;
        this.bd(b, 2, b1, d1);
        this.bd(b, 4, b2, d2);
        out.addr1 = a1;
        out.addr2 = a2;
        break;
      }
      case 'SS3': {
        const [l1, d1, b1, a1] = this.lengthOperand(ops[0], 16);
        const s2 = this.storage(ops[1]);
        const [d2, b2, a2] = this.baseDisplacement(s2, this.singleBase(s2));
        const i3 = this.field(ops[2], 15, 'IEV031');
        b[1] = (l1 << 4) | i3;
        this.bd(b, 2, b1, d1);
        this.bd(b, 4, b2, d2);
        out.addr1 = a1;
        out.addr2 = a2;
        break;
      }
    }
    return out;
  }

  /** D(B) operands: one parenthesized field is the base register. */
  singleBase(s: StorageOperand): string | undefined {
    if (!s.inner) return undefined;
    if (s.inner.length !== 1) {
      this.ctx.error('IEV035', 'INDEX REGISTER NOT ALLOWED');
      return undefined;
    }
    return s.inner[0];
  }

  /** D(L,B), A(L) or A: [encoded length, displacement, base, address]. */
  lengthOperand(text: string | undefined, max: number): [number, number, number, Value | undefined] {
    const s = this.storage(text);
    let lengthText: string | undefined;
    let base: string | undefined;
    if (s.inner) {
      lengthText = s.inner[0];
      if (s.inner.length === 2) base = s.inner[1];
    }
    let l: number;
    if (lengthText !== undefined && lengthText.trim() !== '') {
      const v = this.absolute(lengthText, lengthText);
      l = v ?? 1;
      if (v !== undefined && (v < 0 || v > max)) {
        this.ctx.error('IEV068', lengthText);
        l = 1;
      }
    } else {
      l = s.length;
      if (l > max) l = max;
    }
    const [d, b, a] = this.baseDisplacement(s, base);
    return [l === 0 ? 0 : l - 1, d, b, a];
  }

  bd(b: Uint8Array, at: number, base: number, displacement: number): void {
    b[at] = (base << 4) | ((displacement >> 8) & 0x0f);
    b[at + 1] = displacement & 0xff;
  }
}

function operandCount(format: Format, mnemonic: string): number {
  switch (format) {
    case 'RR1':
    case 'RRI':
    case 'S':
      return NO_OPERAND.has(mnemonic) ? 0 : 1;
    case 'RS':
    case 'SS3':
      return 3;
    default:
      return 2;
  }
}

/**
 * Encodes a machine instruction (or extended mnemonic) from its operand field. Always returns bytes of
 * the instruction's length; fields in error are zero.
 */
export function encodeInstruction(op: string, operandField: string, ctx: InstructionContext): Encoded | undefined {
  const found = lookupInstruction(op);
  if (!found) return undefined;
  let ops = splitOperands(operandField);
  if (found.mask !== undefined) ops = [String(found.mask), ...ops];
  return new Encoder(ctx).encode(found.entry, ops, op);
}

/** An S-type address constant: D(B) or an implicit address as a halfword base and displacement. */
export function encodeSConstant(text: string, ctx: InstructionContext): number {
  if (text.trim().startsWith('=')) {
    ctx.error('IEV030');
    return 0;
  }
  const enc = new Encoder(ctx);
  const s = enc.storage(text);
  const [d, b] = enc.baseDisplacement(s, enc.singleBase(s));
  return (b << 12) | d;
}
