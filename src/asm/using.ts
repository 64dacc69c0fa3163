// The USING table: base registers the assembler may use to turn an implicit address into a base and a
// displacement (Assembler Language, "USING instruction"). USING base,r1,r2... makes r1 cover base to
// base+4095, r2 the next 4096 bytes and so on. Among the registers that cover an address the one with
// the smallest displacement wins; on a tie, the highest-numbered register (as IBM's assemblers do).
// Register 0 with base absolute 0 is always in effect for absolute addresses 0-4095.

import { simpleBase, isAbsolute, type Value } from './expressions.ts';

export interface UsingEntry {
  register: number;
  /** Relocation base of the USING's base address (0 for an absolute base). */
  base: number;
  /** Offset of the base address within that section (or the absolute address). */
  offset: number;
  /** Statement of the USING. */
  stmt: number;
}

export interface Resolution {
  base: number;
  displacement: number;
}

export class UsingTable {
  entries: UsingEntry[] = [];

  clone(): UsingTable {
    const t = new UsingTable();
    t.entries = this.entries.map((e) => ({ ...e }));
    return t;
  }

  /** Adds one register's domain; a register already in use is replaced. */
  add(register: number, value: Value, stmt: number): boolean {
    const base = isAbsolute(value) ? 0 : simpleBase(value);
    if (base === undefined) return false;
    this.drop(register);
    this.entries.push({ register, base, offset: value.abs, stmt });
    return true;
  }

  /** Drops a register; false if it was not in use. */
  drop(register: number): boolean {
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => e.register !== register);
    return this.entries.length !== before;
  }

  dropAll(): void {
    this.entries = [];
  }

  /**
   * Base register and displacement for an address, or undefined when no USING covers it. The address
   * must be absolute or simply relocatable.
   */
  resolve(target: Value): Resolution | undefined {
    const base = isAbsolute(target) ? 0 : simpleBase(target);
    if (base === undefined) return undefined;
    let best: Resolution | undefined;
    for (const e of this.entries) {
      if (e.base !== base) continue;
      const d = target.abs - e.offset;
      if (d < 0 || d > 4095) continue;
      if (!best || d < best.displacement || (d === best.displacement && e.register > best.base)) {
        best = { base: e.register, displacement: d };
      }
    }
    if (!best && base === 0 && target.abs >= 0 && target.abs <= 4095) best = { base: 0, displacement: target.abs };
    return best;
  }
}
