// A very small assembler for the standalone IPL decks in decks/ (until the project's assembler
// takes them over): instructions encoded from the opcode table by format, labels resolved in a
// second pass, every operand an absolute address below 4096 (base register 0) or a register. It
// also writes a listing and turns the program into a self-loading IPL card deck.

import { OPCODES, type OpcodeEntry } from '../src/cpu/opcodes.ts';
import { toEbcdic } from '../src/ebcdic/index.ts';

/** An address: a number, a label, or a label with a displacement ("LINE+4"). */
export type Address = number | string;

interface Item {
  at: number;
  size: number;
  text: string;
  bytes: (resolve: (a: Address) => number) => number[];
}

const byMnemonic = new Map<string, OpcodeEntry>(OPCODES.map((e) => [e.mnemonic, e]));

export class Program {
  private items: Item[] = [];
  private labels = new Map<string, number>();
  private at: number;
  /** Labels wait for the next item, so that they land after its alignment. */
  private pendingLabels: string[] = [];

  constructor(readonly origin: number) {
    this.at = origin;
  }

  /** Defines a label at the next item (after its alignment). */
  label(name: string): this {
    if (this.labels.has(name) || this.pendingLabels.includes(name)) throw new Error(`label ${name} defined twice`);
    this.pendingLabels.push(name);
    return this;
  }

  /** Aligns to a multiple of `n` with zero bytes. */
  align(n: number): this {
    const pad = (n - (this.at % n)) % n;
    if (pad > 0) {
      this.items.push({ at: this.at, size: pad, text: `${''.padEnd(8)} DS    0${n === 8 ? 'D' : n === 4 ? 'F' : 'H'}`, bytes: () => new Array(pad).fill(0) });
      this.at += pad;
    }
    return this;
  }

  /** One instruction; operands by format: RR r1,r2 · RX r1,addr[,x] · RS r1,r3,addr · RS2 r1,shift ·
   *  SI addr,imm · S addr[,b] · SS1 addr1,length,addr2 · SS2 addr1,length1,addr2,length2.
   *  Addresses off a base register are the `b` forms (RX x then b, RS/SI/S b). */
  op(mnemonic: string, ...operands: Array<number | string>): this {
    const e = byMnemonic.get(mnemonic);
    if (!e) throw new Error(`unknown mnemonic ${mnemonic}`);
    const code = e.opcode;
    const n = (i: number) => operands[i] as number;
    const opt = (i: number) => (operands[i] as number | undefined) ?? 0;
    const text = `${mnemonic.padEnd(6)}${operandText(e.format, operands)}`;
    switch (e.format) {
      case 'RR':
        return this.add(2, text, () => [code, (n(0) << 4) | n(1)]);
      case 'RR1':
        return this.add(2, text, () => [code, n(0) << 4]);
      case 'RRI':
        return this.add(2, text, () => [code, n(0)]);
      case 'RX':
        return this.add(4, text, (r) => [code, (n(0) << 4) | opt(2), ...bd(r(operands[1]!), opt(3))]);
      case 'RS':
        return this.add(4, text, (r) => [code, (n(0) << 4) | n(1), ...bd(r(operands[2]!), opt(3))]);
      case 'RS2':
        return this.add(4, text, () => [code, n(0) << 4, ...bd(n(1), 0)]);
      case 'SI':
        return this.add(4, text, (r) => [code, n(1), ...bd(r(operands[0]!), opt(2))]);
      case 'S':
        // Two-byte opcodes (SIO is 9C00, STIDC B203) or a one-byte opcode with bits 8-15 unused (LPSW, SSM).
        return this.add(4, text, (r) => [...(code > 0xff ? [code >>> 8, code & 0xff] : [code, 0]), ...bd(r(operands[0]!), opt(1))]);
      case 'SS1': // addr1, length, addr2 [, b1, b2]
        return this.add(6, text, (r) => [code, n(1) - 1, ...bd(r(operands[0]!), opt(3)), ...bd(r(operands[2]!), opt(4))]);
      case 'SS2': // addr1, length1, addr2, length2 [, b1, b2]
        return this.add(6, text, (r) => [code, ((n(1) - 1) << 4) | (n(3) - 1), ...bd(r(operands[0]!), opt(4)), ...bd(r(operands[2]!), opt(5))]);
      default:
        throw new Error(`format ${e.format} of ${mnemonic} is not supported here`);
    }
  }

  /** A format-0 CCW (aligned to a doubleword). */
  ccw(command: number, data: Address, flags: number, count: number): this {
    this.align(8);
    const text = `CCW   X'${hex(command, 2)}',${data},X'${hex(flags, 2)}',${count}`;
    return this.add(8, text, (r) => {
      const a = r(data);
      return [command, (a >>> 16) & 0xff, (a >>> 8) & 0xff, a & 0xff, flags, 0, count >>> 8, count & 0xff];
    });
  }

  /** A BC-mode PSW (aligned to a doubleword): system mask, key/flags byte, instruction address. */
  psw(systemMask: number, flags: number, address: Address): this {
    this.align(8);
    return this.add(8, `DC    X'${hex(systemMask, 2)}${hex(flags, 2)}0000',A(${address})`, (r) => {
      const a = r(address);
      return [systemMask, flags, 0, 0, 0, (a >>> 16) & 0xff, (a >>> 8) & 0xff, a & 0xff];
    });
  }

  /** Bytes as given. */
  bytes(values: number[], text = `DC    X'${values.map((v) => hex(v, 2)).join('')}'`): this {
    return this.add(values.length, text, () => values);
  }

  /** EBCDIC text, padded with blanks to `length` when given. */
  text(value: string, length = value.length): this {
    const b = [...toEbcdic(value.padEnd(length).slice(0, length))];
    return this.add(length, `DC    CL${length}'${value}'`, () => b);
  }

  word(value: Address): this {
    this.align(4);
    return this.add(4, `DC    A(${value})`, (r) => {
      const v = r(value);
      return [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
    });
  }

  half(value: number): this {
    this.align(2);
    return this.add(2, `DC    H'${value}'`, () => [(value >>> 8) & 0xff, value & 0xff]);
  }

  /** Reserved storage (zeros). */
  space(length: number): this {
    return this.add(length, `DS    XL${length}`, () => new Array(length).fill(0));
  }

  /** The program's bytes from the origin, and a listing. */
  build(): { bytes: Uint8Array; listing: string; labels: Map<string, number> } {
    if (this.pendingLabels.length > 0) throw new Error(`labels at the end: ${this.pendingLabels.join(', ')}`);
    const resolve = (a: Address): number => {
      if (typeof a === 'number') return a;
      const m = /^([A-Z0-9@#$]+)([+-]\d+)?$/.exec(a);
      const base = m ? this.labels.get(m[1]!) : undefined;
      if (base === undefined) throw new Error(`undefined label in '${a}'`);
      return base + (m![2] ? Number(m![2]) : 0);
    };
    const bytes = new Uint8Array(this.at - this.origin);
    const lines: string[] = [];
    for (const item of this.items) {
      const b = item.bytes(resolve);
      if (b.length !== item.size) throw new Error(`internal: ${item.text} made ${b.length} bytes, not ${item.size}`);
      bytes.set(b, item.at - this.origin);
      const shown = b.slice(0, 8).map((v) => hex(v, 2)).join('') + (b.length > 8 ? '..' : '');
      lines.push(`${hex(item.at, 6)}  ${shown.padEnd(18)}${item.text}`);
    }
    return { bytes, listing: lines.join('\n') + '\n', labels: this.labels };
  }

  private add(size: number, text: string, bytes: Item['bytes']): this {
    for (const name of this.pendingLabels) this.labels.set(name, this.at);
    const label = this.pendingLabels.join(',');
    this.pendingLabels = [];
    this.items.push({ at: this.at, size, text: `${label.padEnd(8)} ${text}`, bytes });
    this.at += size;
    return this;
  }
}

/** The operands as an assembler would write them (for the listing). */
function operandText(format: string, o: Array<number | string>): string {
  const a = (v: number | string | undefined) => (typeof v === 'number' ? (v > 15 ? `X'${hex(v, 3)}'` : String(v)) : String(v));
  const base = (v: number | string | undefined, b: number | string | undefined) => `${a(v)}${b ? `(${b})` : ''}`;
  switch (format) {
    case 'RX':
      return `${o[0]},${a(o[1])}${o[2] || o[3] ? `(${o[2] ?? 0},${o[3] ?? 0})` : ''}`;
    case 'RS':
      return `${o[0]},${o[1]},${base(o[2], o[3])}`;
    case 'SI':
      return `${base(o[0], o[2])},X'${hex(o[1] as number, 2)}'`;
    case 'S':
      return base(o[0], o[1]);
    case 'SS1':
      return `${a(o[0])}(${o[1]}${o[3] ? `,${o[3]}` : ''}),${base(o[2], o[4])}`;
    case 'SS2':
      return `${a(o[0])}(${o[1]}${o[4] ? `,${o[4]}` : ''}),${a(o[2])}(${o[3]}${o[5] ? `,${o[5]}` : ''})`;
    default:
      return o.map(String).join(',');
  }
}

/** Base-displacement bytes with an absolute address below 4096 (base 0), or a displacement off `b`. */
function bd(address: number, base: number): number[] {
  if (address < 0 || address > 0xfff) throw new Error(`address ${hex(address, 6)} is not below 4096`);
  return [(base << 4) | (address >>> 8), address & 0xff];
}

export function hex(v: number, width: number): string {
  return v.toString(16).toUpperCase().padStart(width, '0');
}

// ---------------------------------------------------------------------------------------------
// The IPL card deck

/** Where the deck's CCW cards are read during IPL (the program may reuse the area afterwards). */
export const CCW_LIST_AREA = 0x1000;
const READ = 0x02;
const TIC = 0x08;
const CC_SLI = 0x60;
const SLI = 0x20;

/**
 * A self-loading deck for a program assembled at `origin` (below CCW_LIST_AREA):
 *   card 1      the IPL PSW (BC mode, disabled, key 0, at the entry), CCW READ the first CCW card
 *               into CCW_LIST_AREA (chained, SLI), CCW TIC to it;
 *   CCW card k  slots 0-8 READ the next nine program cards to their places (chained, SLI; the last
 *               program card unchained), slot 9 READs CCW card k+1 into the 80 bytes just after
 *               this one, where the chain goes on;
 *   program     80 bytes of the program per card, in order, after their CCW card.
 */
export function iplDeck(program: Uint8Array, origin: number, entry: number): Uint8Array {
  if (origin + program.length > CCW_LIST_AREA) throw new Error('the program runs into the CCW list area');
  const programCards = Math.max(1, Math.ceil(program.length / 80));
  const cards: Uint8Array[] = [];
  const first = new Uint8Array(80).fill(0x40);
  first.set([0, 0, 0, 0, 0, (entry >>> 16) & 0xff, (entry >>> 8) & 0xff, entry & 0xff]);
  first.set(ccw(READ, CCW_LIST_AREA, CC_SLI, 80), 8);
  first.set(ccw(TIC, CCW_LIST_AREA, 0, 1), 16);
  cards.push(first);
  for (let k = 0; k * 9 < programCards; k++) {
    const list = new Uint8Array(80);
    for (let s = 0; s < 9; s++) {
      const p = k * 9 + s;
      if (p >= programCards) break;
      const last = p === programCards - 1;
      list.set(ccw(READ, origin + p * 80, last ? SLI : CC_SLI, 80), s * 8);
    }
    if ((k + 1) * 9 < programCards) list.set(ccw(READ, CCW_LIST_AREA + (k + 1) * 80, CC_SLI, 80), 72);
    cards.push(list);
    for (let s = 0; s < 9 && k * 9 + s < programCards; s++) {
      const p = k * 9 + s;
      const card = new Uint8Array(80);
      card.set(program.subarray(p * 80, p * 80 + 80));
      cards.push(card);
    }
  }
  return Buffer.concat(cards);
}

function ccw(command: number, address: number, flags: number, count: number): number[] {
  return [command, (address >>> 16) & 0xff, (address >>> 8) & 0xff, address & 0xff, flags, 0, count >>> 8, count & 0xff];
}
