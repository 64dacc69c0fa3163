import { describe, expect, it } from 'vitest';
import { assembleExpanded } from '../../src/asm/assembler.ts';
import type { ExpandedLine } from '../../src/asm/macro/types.ts';
import { formatMessage } from '../../src/asm/messages.ts';
import { asm, codes, st } from './helpers.ts';

describe('messages and return codes', () => {
  it('name the file, the line, an IEV number and IBM\'s text', () => {
    const r = asm(['* A COMMENT', st('', 'L', '1,NOWHERE'), st('', 'END')], { file: 'PROG.ASM' });
    expect(r.messages).toEqual([{ file: 'PROG.ASM', line: 2, stmt: 2, code: 'IEV044', severity: 8, text: 'UNDEFINED SYMBOL - NOWHERE' }]);
    expect(formatMessage(r.messages[0])).toBe('PROG.ASM:2: IEV044 (8) UNDEFINED SYMBOL - NOWHERE');
  });

  it('report every error, not only the first', () => {
    const r = asm([st('', 'L', '1,A'), st('', 'L', '1,B'), st('X', 'DS', 'F'), st('X', 'DS', 'F'), st('', 'FOO'), st('', 'END')]);
    expect(codes(r)).toEqual(['IEV044', 'IEV044', 'IEV043', 'IEV057']);
  });

  it.each([
    [[st('', 'LR', '1,2'), st('', 'END')], 0],
    [[st('', 'DROP', '5'), st('', 'END')], 4],
    [[st('', 'LR', '1,20'), st('', 'END')], 8],
    [[st('', 'CNOP', '1,4'), st('', 'END')], 12],
  ])('return code from the highest severity: %# → %d', (lines, rc) => {
    expect(asm(lines as string[]).returnCode).toBe(rc);
  });

  it('macro-phase messages join the listing and the return code', () => {
    const lines: ExpandedLine[] = [
      { text: st('', 'LR', '1,2'), file: 'S', line: 1, kind: 'source', depth: 0 },
      { text: st('', 'END'), file: 'S', line: 2, kind: 'source', depth: 0 },
    ];
    const r = assembleExpanded(lines, {}, { messages: [{ file: 'S', line: 1, severity: 12, text: 'IEV089 UNDEFINED MACRO', at: 0 }], maxSeverity: 12 });
    expect(r.returnCode).toBe(12);
    expect(r.messages[0]).toMatchObject({ code: 'IEV089', severity: 12, stmt: 1, text: 'UNDEFINED MACRO' });
    expect(r.listing).toContain('** IEV089 *** SEVERE *** UNDEFINED MACRO');
  });

  it('a macro call the macro phase expanded is listed but not assembled', () => {
    const lines: ExpandedLine[] = [
      { text: st('', 'MYMAC', 'X'), file: 'S', line: 1, kind: 'source', depth: 0, macroCall: true },
      { text: st('', 'LR', '1,2'), file: 'S', line: 1, kind: 'generated', depth: 1, macro: 'MYMAC' },
      { text: st('', 'END'), file: 'S', line: 2, kind: 'source', depth: 0 },
    ];
    const r = assembleExpanded(lines);
    expect(r.returnCode).toBe(0);
    expect(Buffer.from(r.core.bytes).toString('hex')).toBe('1812');
    expect(r.listing).toContain('MYMAC X');
  });
});

describe('source format', () => {
  it('comments: * in column 1, .* in columns 1-2, and blank cards', () => {
    const r = asm(['* COMMENT', '.* MACRO COMMENT', '', st('', 'LR', '1,2'), st('', 'END')]);
    expect(r.returnCode).toBe(0);
    expect(r.statements).toBe(5);
  });

  it('continuation: column 72 non-blank, the statement goes on in column 16', () => {
    const first = st('', 'DC', "C'ABC").padEnd(71, ' ') + 'X';
    const r = asm([first, "               DEF'", st('', 'END')]);
    // The constant takes columns 18-71 of the first card and 16-18 of the second.
    expect(r.returnCode).toBe(0);
    expect(r.core.bytes.length).toBe(71 - 18 + 1 + 3);
  });

  it('a comma then a blank before column 72 leaves the rest of the card to remarks', () => {
    const first = (st('', 'DC', 'A(1),') + ' REMARKS').padEnd(71, ' ') + 'X';
    const r = asm([first, '               A(2)', st('', 'END')]);
    expect(Buffer.from(r.core.bytes).toString('hex')).toBe('0000000100000002');
  });

  it('a continuation card must leave columns 1-15 blank', () => {
    const first = st('', 'DC', "C'A").padEnd(71, ' ') + 'X';
    expect(codes(asm([first, "XXX            B'", st('', 'END')]))).toEqual(['IEV144']);
  });

  it('a continued last card is an error', () => {
    expect(codes(asm([st('', 'LR', '1,2').padEnd(71, ' ') + 'X']))).toContain('IEV054');
  });

  it('columns 73-80 are the sequence field and are ignored', () => {
    const r = asm([st('', 'LR', '1,2').padEnd(72, ' ') + 'SEQ00010', st('', 'END').padEnd(72, ' ') + 'SEQ00020']);
    expect(r.returnCode).toBe(0);
  });

  it('remarks follow the operands after a blank', () => {
    const r = asm([st('', 'LR', '1,2', 'THIS IS A REMARK, WITH COMMAS'), st('', 'END')]);
    expect(r.returnCode).toBe(0);
  });

  it('name field rules: a symbol starts with a letter and has at most 63 characters', () => {
    expect(codes(asm([st('1BAD', 'DS', 'F'), st('', 'END')]))).toEqual(['IEV143']);
    expect(codes(asm([st('A'.repeat(64), 'DS', 'F'), st('', 'END')]))).toEqual(['IEV147']);
    expect(codes(asm([st('GOOD@#$_1', 'DS', 'F'), st('', 'END')]))).toEqual([]);
  });

  it('lower-case operation codes and symbols are accepted', () => {
    const r = asm(['         using *,15', 'loop     lr    1,2', '         b     loop', '         end']);
    expect(r.returnCode).toBe(0);
    expect(Buffer.from(r.core.bytes).toString('hex')).toBe('181247f0f000');
  });
});

describe('robustness', () => {
  /** A small deterministic generator (no module-level state: one per test). */
  function rng(seed: number): () => number {
    let s = seed >>> 0;
    return () => {
      s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
      return s / 2 ** 32;
    };
  }

  const pieces = [
    'L', 'LR', 'MVC', 'DC', 'DS', 'EQU', 'ORG', 'USING', 'DROP', 'LTORG', 'CSECT', 'DSECT', 'START', 'END', 'CNOP',
    'PRINT', 'TITLE', 'PUSH', 'POP', 'ENTRY', 'EXTRN', 'CCW', 'SRP', 'PACK', 'B', 'BR', 'A', 'X', '*', "'", '(', ')',
    ',', '=', "=F'1'", "C'", "X'FF'", "L'", '+', '-', '/', '4095', '99999999999', '(1,2)', 'F', "CL8'A'", "0F", '&&',
    'V(X)', 'A(*)', "E'1E99'", "P'1.5'", ' ', '  ', "'''", '((((', '))))', 'X', 'Y', 'Z',
  ];

  it('no source text crashes it (random statements)', () => {
    const next = rng(370);
    for (let round = 0; round < 300; round++) {
      const lines: string[] = [];
      const n = 1 + Math.floor(next() * 12);
      for (let k = 0; k < n; k++) {
        let text = next() < 0.5 ? pieces[Math.floor(next() * pieces.length)] : '';
        text = text.padEnd(9, ' ') + pieces[Math.floor(next() * pieces.length)] + ' ';
        const ops = Math.floor(next() * 5);
        for (let j = 0; j < ops; j++) text += pieces[Math.floor(next() * pieces.length)];
        if (next() < 0.1) text = text.padEnd(71, ' ') + 'X';
        lines.push(text);
      }
      const r = asm(lines);
      expect(r.messages.filter((m) => m.code === 'IEV999')).toEqual([]);
      expect([0, 4, 8, 12, 16]).toContain(r.returnCode);
      expect(r.object.length % 80).toBe(0);
    }
  });

  it('no source text crashes it (random bytes)', () => {
    const next = rng(1979);
    for (let round = 0; round < 200; round++) {
      const lines: string[] = [];
      for (let k = 0; k < 5; k++) {
        let t = '';
        const len = Math.floor(next() * 90);
        for (let j = 0; j < len; j++) t += String.fromCharCode(32 + Math.floor(next() * 95));
        lines.push(t);
      }
      const r = asm(lines);
      expect(r.messages.filter((m) => m.code === 'IEV999')).toEqual([]);
    }
  });
});
