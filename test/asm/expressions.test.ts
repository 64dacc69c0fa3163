import { describe, expect, it } from 'vitest';
import { evaluate, type ExprContext, type SymbolInfo } from '../../src/asm/expressions.ts';
import { asm, bytesAt, codes, st } from './helpers.ts';

function ctx(symbols: Record<string, SymbolInfo> = {}, loc = 0x100): ExprContext {
  return { symbol: (n) => symbols[n], location: () => ({ abs: loc, rel: new Map([[1, 1]]) }), starLength: 4 };
}

function value(text: string, symbols?: Record<string, SymbolInfo>): number {
  const r = evaluate(text, ctx(symbols));
  if (r.error) throw new Error(`${r.error.code} ${r.error.detail ?? ''}`);
  return r.value.abs;
}

const A: SymbolInfo = { value: { abs: 0x10, rel: new Map([[1, 1]]) }, length: 8, type: 'C' };
const B: SymbolInfo = { value: { abs: 0x30, rel: new Map([[1, 1]]) }, length: 4, type: 'F' };
const OTHER: SymbolInfo = { value: { abs: 0, rel: new Map([[2, 1]]) }, length: 1, type: 'J' };

describe('self-defining terms', () => {
  it.each([
    ['123', 123],
    ["X'FF'", 255],
    ["X'FFFFFFFF'", -1],
    ["B'1010'", 10],
    ["C'A'", 0xc1],
    ["C'AB'", 0xc1c2],
    ["C''''", 0x7d],
    ["C' '", 0x40],
  ])('%s = %d', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it.each([
    ["X'123456789'", 'IEV146'],
    ['2147483648', 'IEV146'],
    ["C'ABCDE'", 'IEV146'],
    ["X'FG'", 'IEV148'],
    ["B'102'", 'IEV148'],
    ["X'12", 'IEV148'],
    ['12A', 'IEV037'],
  ])('%s is refused (%s)', (text, code) => {
    expect(evaluate(text, ctx()).error?.code).toBe(code);
  });
});

describe('operators and attributes', () => {
  it.each([
    ['1+2*3', 7],
    ['(1+2)*3', 9],
    ['10/3', 3],
    ['-10/3', -3],
    ['7/0', 0],
    ['-(2+3)', -5],
    ['+5', 5],
    ['2*-3', -6],
    ["L'A", 8],
    ["L'A+L'B", 12],
    ["L'*", 4],
    ['B-A', 0x20],
    ['*-A', 0xf0],
  ])('%s = %d', (text, expected) => {
    expect(value(text, { A, B })).toBe(expected);
  });

  it('the length attribute of an expression is that of its leftmost term', () => {
    expect(evaluate('A+2', ctx({ A, B })).length).toBe(8);
    expect(evaluate('B-A', ctx({ A, B })).length).toBe(4);
    expect(evaluate('5', ctx()).length).toBe(1);
  });

  it('relocatability: paired terms cancel, a lone term stays simply relocatable', () => {
    expect(evaluate('B-A', ctx({ A, B })).value.rel).toBeUndefined();
    expect([...evaluate('A+4', ctx({ A })).value.rel!]).toEqual([[1, 1]]);
    expect([...evaluate('A+B', ctx({ A, B })).value.rel!]).toEqual([[1, 2]]);
    expect([...evaluate('A-OTHER', ctx({ A, OTHER })).value.rel!]).toEqual([
      [1, 1],
      [2, -1],
    ]);
  });

  it.each([
    ['A*2', 'IEV032'],
    ['A/2', 'IEV032'],
    ['(1+2', 'IEV074'],
    ['1+2)', 'IEV074'],
    ['1+', 'IEV041'],
    ['1 2', 'IEV145'],
    ["=F'1'", 'IEV030'],
    ['X\'7FFFFFFF\'+1', 'IEV075'],
  ])('%s is an error (%s)', (text, code) => {
    expect(evaluate(text, ctx({ A })).error?.code).toBe(code);
  });

  it('reports undefined symbols by name', () => {
    expect(evaluate('NOPE+L\'ZIP', ctx()).undefinedSymbols).toEqual(['NOPE', 'ZIP']);
  });
});

describe('relocatability rules in statements', () => {
  it('complexly relocatable values are allowed only in address constants', () => {
    const ok = asm([st('T', 'CSECT'), st('X', 'DC', 'A(T+X)'), st('', 'END')]);
    expect(ok.returnCode).toBe(0);
    const bad = asm([st('T', 'CSECT'), st('', 'USING', 'T,12'), st('', 'L', '1,T+T'), st('', 'END')]);
    expect(codes(bad)).toEqual(['IEV078']);
  });

  it('absolute values are required for registers, lengths and duplication factors', () => {
    const r = asm([st('T', 'CSECT'), st('', 'USING', 'T,12'), st('', 'LR', 'T,1'), st('', 'MVC', 'T(T),T'), st('', 'DC', "(T)C'A'"), st('', 'END')]);
    expect(codes(r)).toEqual(['IEV032', 'IEV032', 'IEV032']);
  });

  it('an expression of two sections\' symbols in an A-constant relocates by both', () => {
    const r = asm([st('A', 'CSECT'), st('', 'DC', 'A(A-B)'), st('B', 'CSECT'), st('', 'DC', 'F\'0\''), st('', 'END')]);
    expect(bytesAt(r, 0, 4)).toBe('FFFFFFF8');
    expect(r.listing).toMatch(/0001\s+0001\s+0C\s+000000/);
    expect(r.listing).toMatch(/0001\s+0002\s+0E\s+000000/);
  });
});
