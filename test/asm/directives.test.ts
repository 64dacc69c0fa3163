import { describe, expect, it } from 'vitest';
import { addr, asm, bytesAt, codes, coreHex, st } from './helpers.ts';

function sym(r: ReturnType<typeof asm>, name: string) {
  return r.symbols.find((s) => s.name === name)!;
}

describe('EQU', () => {
  it('takes the value and relocatability of its expression, the length of its leftmost term', () => {
    const r = asm([st('T', 'CSECT'), st('F', 'DS', 'F'), st('A', 'EQU', 'F+2'), st('B', 'EQU', '100'), st('C', 'EQU', '*'), st('', 'END')]);
    expect([addr(r, 'A'), sym(r, 'A').length, sym(r, 'A').section]).toEqual([2, 4, 'T']);
    expect([addr(r, 'B'), sym(r, 'B').length, sym(r, 'B').section]).toEqual([100, 1, undefined]);
    expect([addr(r, 'C'), sym(r, 'C').length]).toEqual([4, 1]);
  });

  it('length and type attributes as operands 2 and 3', () => {
    const r = asm([st('X', 'EQU', '5,10,C\'Q\''), st('', 'DC', "AL1(L'X)"), st('', 'END')]);
    expect([sym(r, 'X').length, sym(r, 'X').type]).toEqual([10, 'Q']);
    expect(coreHex(r)).toBe('0A');
  });

  it('resolves forward references (more passes as needed)', () => {
    const r = asm([st('A', 'EQU', 'B+1'), st('B', 'EQU', 'C*2'), st('C', 'EQU', '5'), st('', 'DC', 'AL1(A)'), st('', 'END')]);
    expect(addr(r, 'A')).toBe(11);
    expect(coreHex(r)).toBe('0B');
  });

  it('a forward reference that settles after several passes', () => {
    const r = asm([st('', 'DS', '(L)C'), st('X', 'DS', 'C'), st('L', 'EQU', 'Z-Y'), st('Y', 'DC', "C'A'"), st('Z', 'DC', "C'BCD'"), st('', 'END')]);
    expect(addr(r, 'L')).toBe(1);
    expect(addr(r, 'X')).toBe(1);
    expect(r.returnCode).toBe(0);
  });

  it('circular definitions stay undefined and are reported', () => {
    const r = asm([st('A', 'EQU', 'B'), st('B', 'EQU', 'A'), st('', 'END')]);
    expect(codes(r)).toEqual(['IEV044', 'IEV044']);
  });

  it('a duplicate symbol is IEV043 and the first definition stands', () => {
    const r = asm([st('A', 'EQU', '1'), st('A', 'EQU', '2'), st('', 'END')]);
    expect(codes(r)).toEqual(['IEV043']);
    expect(r.messages[0].line).toBe(2);
    expect(addr(r, 'A')).toBe(1);
  });

  it('EQU without a name is IEV167', () => {
    expect(codes(asm([st('', 'EQU', '1'), st('', 'END')]))).toEqual(['IEV167']);
  });
});

describe('ORG and CNOP', () => {
  it('ORG moves the location counter; ORG with no operand returns to the highest location', () => {
    const r = asm([st('T', 'CSECT'), st('A', 'DC', "CL8'AAAAAAAA'"), st('', 'ORG', 'A+2'), st('', 'DC', "C'BB'"), st('', 'ORG'), st('Z', 'DC', "C'Z'"), st('', 'END')]);
    expect(coreHex(r)).toBe('C1C1C2C2C1C1C1C1E9');
    expect(addr(r, 'Z')).toBe(8);
  });

  it('ORG to a forward symbol', () => {
    const r = asm([st('T', 'CSECT'), st('', 'ORG', 'LATER'), st('A', 'DC', "C'A'"), st('', 'ORG', 'T+4'), st('LATER', 'DS', 'C'), st('', 'END')]);
    expect(addr(r, 'A')).toBe(4);
  });

  it('ORG outside the current section or below it is an error', () => {
    const r = asm([st('T', 'CSECT'), st('', 'ORG', '100'), st('', 'ORG', 'T-4'), st('', 'END')]);
    expect(codes(r)).toEqual(['IEV032', 'IEV039']);
  });

  it('CNOP fills with NOPR to byte b of a w-byte boundary', () => {
    const r = asm([st('', 'DC', "C'A'"), st('', 'CNOP', '6,8'), st('X', 'LR', '1,2'), st('', 'END')]);
    expect(coreHex(r)).toBe('C100' + '0700' + '0700' + '1812');
    expect(addr(r, 'X')).toBe(6);
  });

  it('CNOP 0,4 when already aligned generates nothing', () => {
    const r = asm([st('', 'LR', '1,2'), st('', 'LR', '1,2'), st('', 'CNOP', '0,4'), st('', 'LR', '3,4'), st('', 'END')]);
    expect(coreHex(r)).toBe('181218121834');
  });

  it('CNOP with a bad boundary is IEV159', () => {
    expect(codes(asm([st('', 'CNOP', '3,4'), st('', 'END')]))).toEqual(['IEV159']);
    expect(codes(asm([st('', 'CNOP', '0,6'), st('', 'END')]))).toEqual(['IEV159']);
  });
});

describe('sections', () => {
  it('control sections follow one another on doubleword boundaries', () => {
    const r = asm([st('A', 'CSECT'), st('', 'DC', "C'A'"), st('B', 'CSECT'), st('', 'DC', "C'B'"), st('A', 'CSECT'), st('', 'DC', "C'C'"), st('', 'END')]);
    const [a, b] = r.sections;
    expect([a.name, a.origin, a.length]).toEqual(['A', 0, 2]);
    expect([b.name, b.origin, b.length]).toEqual(['B', 8, 1]);
    expect(coreHex(r)).toBe('C1C3' + '000000000000' + 'C2');
  });

  it('START sets the origin of the first section (rounded to a doubleword)', () => {
    const r = asm([st('P', 'START', "X'1003'"), st('X', 'DC', "C'A'"), st('', 'END')]);
    expect(addr(r, 'X')).toBe(0x1008);
    expect(r.core.origin).toBe(0x1008);
  });

  it('START after code has begun is IEV153', () => {
    expect(codes(asm([st('', 'DC', "C'A'"), st('P', 'START', '0'), st('', 'END')]))).toEqual(['IEV153']);
  });

  it('code before any CSECT is private code', () => {
    const r = asm([st('', 'DC', "C'A'"), st('', 'END')]);
    expect(r.sections[0]).toMatchObject({ name: '', kind: 'PC', esdid: 1, length: 1 });
  });

  it('a DSECT generates no text and starts at 0', () => {
    const r = asm([st('T', 'CSECT'), st('', 'DC', "C'T'"), st('D', 'DSECT'), st('F1', 'DS', 'F'), st('F2', 'DC', "C'X'"), st('T', 'CSECT'), st('', 'DC', "C'U'"), st('', 'END')]);
    expect(addr(r, 'F2')).toBe(4);
    expect(coreHex(r)).toBe('E3E4');
    expect(r.sections.find((s) => s.name === 'D')).toMatchObject({ kind: 'DSECT', esdid: 0 });
  });

  it('a DSECT needs a name; a section name reused for another kind is IEV155', () => {
    expect(codes(asm([st('', 'DSECT'), st('', 'END')]))).toEqual(['IEV167']);
    expect(codes(asm([st('X', 'DSECT'), st('X', 'CSECT'), st('', 'END')]))).toEqual(['IEV155']);
  });

  it('COM is a common section with its length and no text', () => {
    const r = asm([st('T', 'CSECT'), st('', 'DC', "C'T'"), st('BLK', 'COM'), st('', 'DS', 'CL100'), st('', 'END')]);
    expect(r.sections.find((s) => s.name === 'BLK')).toMatchObject({ kind: 'COM', length: 100, esdid: 2 });
    expect(coreHex(r)).toBe('E3');
  });

  it('END names the entry point', () => {
    const r = asm([st('T', 'START', '256'), st('', 'DC', "C'A'"), st('GO', 'LR', '1,2'), st('', 'END', 'GO')]);
    expect(r.core.entry).toBe(258);
  });

  it('statements after END are ignored with a warning; a missing END warns', () => {
    const after = asm([st('', 'END'), st('', 'DC', "C'A'")]);
    expect(codes(after)).toEqual(['IEV170']);
    expect(after.core.bytes.length).toBe(0);
    const missing = asm([st('', 'DC', "C'A'")]);
    expect(codes(missing)).toEqual(['IEV140']);
    expect(missing.returnCode).toBe(4);
  });

  it('ENTRY of a symbol that is not in a control section is IEV048', () => {
    const r = asm([st('T', 'CSECT'), st('', 'ENTRY', 'A,B'), st('A', 'DS', 'F'), st('B', 'EQU', '5'), st('', 'END')]);
    expect(codes(r)).toEqual(['IEV048']);
    expect(r.messages[0].text).toBe('ENTRY ERROR - B');
  });

  it('EXTRN names can be used in address constants but not as implicit addresses', () => {
    const r = asm([st('T', 'CSECT'), st('', 'EXTRN', 'EXT'), st('', 'USING', 'T,12'), st('', 'DC', 'A(EXT+8)'), st('', 'L', '1,EXT'), st('', 'END')]);
    expect(bytesAt(r, 0, 4)).toBe('00000008');
    expect(codes(r)).toEqual(['IEV034']);
  });

  it('an external name longer than eight characters is IEV152', () => {
    expect(codes(asm([st('', 'EXTRN', 'TOOLONGNAME'), st('', 'END')]))).toEqual(['IEV152']);
  });
});
