import { describe, expect, it } from 'vitest';
import { addr, asm, bytesAt, codes, coreHex, st } from './helpers.ts';

function dc(operands: string): string {
  const r = asm([st('', 'DC', operands), st('', 'END')]);
  if (r.returnCode > 0) throw new Error(r.messages.map((m) => `${m.code} ${m.text}`).join('; '));
  return coreHex(r);
}

describe('DC types', () => {
  it.each([
    ["C'AB'", 'C1C2'],
    ["CL4'AB'", 'C1C24040'],
    ["CL2'ABCD'", 'C1C2'],
    ["C'IT''S'", 'C9E37DE2'],
    ["C'A&&B'", 'C150C2'],
    ["X'1F'", '1F'],
    ["X'ABC'", '0ABC'],
    ["XL4'FF'", '000000FF'],
    ["XL1'1234'", '34'],
    ["X'01,0203'", '010203'],
    ["B'101'", '05'],
    ["B'1111000011'", '03C3'],
    ["BL2'1'", '0001'],
    ["F'1'", '00000001'],
    ["F'-1'", 'FFFFFFFF'],
    ["F'1,2'", '0000000100000002'],
    ["F'1E3'", '000003E8'],
    ["FL2'300'", '012C'],
    ["FS4'1.5'", '00000018'],
    ["H'-2'", 'FFFE'],
    ["H'32767'", '7FFF'],
    ["P'123'", '123C'],
    ["P'-1234'", '01234D'],
    ["PL4'5'", '0000005C'],
    ["P'+0'", '0C'],
    ["Z'123'", 'F1F2C3'],
    ["Z'-45'", 'F4D5'],
    ["ZL4'7'", 'F0F0F0C7'],
    ["E'1'", '41100000'],
    ["E'-1.5'", 'C1180000'],
    ["E'0'", '00000000'],
    ["D'0.1'", '401999999999999A'],
    ["D'100'", '4264000000000000'],
    ["E'1E10'", '492540BE'],
    ["L'1'", '41100000000000003300000000000000'],
    ['A(1)', '00000001'],
    ['AL2(X\'FFFF\')', 'FFFF'],
    ['AL3(256)', '000100'],
    ['Y(10)', '000A'],
    ['A(1,2)', '0000000100000002'],
    ["A(C'AB')", '0000C1C2'],
  ])('DC %s', (operand, expected) => {
    expect(dc(operand)).toBe(expected);
  });

  it("E'0.1' rounds the last hexadecimal digit", () => {
    expect(dc("E'0.1'")).toBe('4019999A');
  });

  it('duplication factor repeats the whole nominal list', () => {
    expect(dc("3X'AB'")).toBe('ABABAB');
    expect(dc("2H'1,2'")).toBe('0001000200010002');
    expect(dc("(1+1)C'Z'")).toBe('E9E9');
  });

  it('several operands in one statement, each aligned on its own', () => {
    expect(dc("C'A',H'1',F'2'")).toBe('C1000001' + '00000002');
  });

  it('an explicit length turns alignment off', () => {
    expect(dc("C'A',FL4'1'")).toBe('C100000001');
  });

  it('DC fills alignment bytes with zeros; the label gets the aligned address', () => {
    const r = asm([st('', 'DC', "C'A'"), st('X', 'DC', "D'0'"), st('', 'END')]);
    expect(addr(r, 'X')).toBe(8);
    expect(coreHex(r)).toBe('C1' + '00'.repeat(7) + '00'.repeat(8));
  });

  it('length and type attributes of a DC label: one element of the first operand', () => {
    const r = asm([st('A', 'DC', "CL8'X',F'1'"), st('B', 'DC', "3F'0'"), st('C', 'DC', "P'12345'"), st('', 'END')]);
    const sym = (n: string) => r.symbols.find((s) => s.name === n)!;
    expect([sym('A').length, sym('A').type]).toEqual([8, 'C']);
    expect([sym('B').length, sym('B').type]).toEqual([4, 'F']);
    expect([sym('C').length, sym('C').type]).toEqual([3, 'P']);
  });
});

describe('DS', () => {
  it('reserves storage without text and aligns like DC', () => {
    const r = asm([st('', 'DC', "C'A'"), st('F1', 'DS', 'F'), st('D1', 'DS', 'D'), st('H1', 'DS', 'H'), st('C1', 'DS', 'CL80'), st('E', 'DC', "C'E'"), st('', 'END')]);
    expect([addr(r, 'F1'), addr(r, 'D1'), addr(r, 'H1'), addr(r, 'C1'), addr(r, 'E')]).toEqual([4, 8, 16, 18, 98]);
    expect(r.core.bytes.length).toBe(99);
  });

  it('DS 0F aligns without reserving; its label has the length of one element', () => {
    const r = asm([st('', 'DC', "C'A'"), st('W', 'DS', '0F'), st('X', 'DS', '0CL80'), st('Y', 'DC', "C'B'"), st('', 'END')]);
    expect(addr(r, 'W')).toBe(4);
    expect(addr(r, 'Y')).toBe(4);
    expect(r.symbols.find((s) => s.name === 'X')!.length).toBe(80);
  });

  it('DS with a nominal value takes its length from it', () => {
    const r = asm([st('A', 'DS', "C'HELLO'"), st('B', 'DS', 'C'), st('', 'END')]);
    expect(addr(r, 'B')).toBe(5);
  });
});

describe('address constants', () => {
  it('A-type relocatable constants assemble the address and produce RLD items', () => {
    const r = asm([st('T', 'START', '256'), st('X', 'DC', 'A(X)'), st('', 'DC', 'A(X+4)'), st('', 'END')]);
    expect(coreHex(r)).toBe('0000010000000104');
  });

  it('paired terms cancel: A(B-A) is absolute', () => {
    const r = asm([st('A', 'DC', 'F\'0\''), st('B', 'DC', 'A(B-A)'), st('', 'END')]);
    expect(bytesAt(r, 4, 4)).toBe('00000004');
  });

  it('V-type constants are zero with an external reference', () => {
    const r = asm([st('', 'DC', 'V(SUBR)'), st('', 'END')]);
    expect(coreHex(r)).toBe('00000000');
    expect(r.sections.find((s) => s.name === 'SUBR')!.kind).toBe('ER');
  });

  it('Y-type relocatable constant warns (2-byte relocatable)', () => {
    const r = asm([st('X', 'DC', 'Y(X)'), st('', 'END')]);
    expect(codes(r)).toEqual(['IEV066']);
    expect(r.returnCode).toBe(4);
  });

  it('* in a duplicated address constant is the address of each constant', () => {
    expect(dc('3A(*)')).toBe('000000000000000400000008');
  });

  it('S-type constants are base and displacement', () => {
    const r = asm([st('', 'USING', '*,12'), st('X', 'DC', 'S(X)'), st('', 'DC', 'S(8(3))'), st('', 'END')]);
    expect(coreHex(r)).toBe('C0003008');
  });

  it('an absolute constant too large for its length is IEV072', () => {
    const r = asm([st('', 'DC', 'AL1(256)'), st('', 'END')]);
    expect(codes(r)).toEqual(['IEV072']);
  });
});

describe('DC errors', () => {
  it.each([
    ["Q'1'", 'IEV065'],
    ["F'ABC'", 'IEV062'],
    ["FL9'1'", 'IEV068'],
    ["H'40000'", 'IEV072'],
    ["X'GG'", 'IEV148'],
    ["C'ABC", 'IEV063'],
    ['F', 'IEV040'],
    ["E'1E80'", 'IEV064'],
    ["A'1'", 'IEV062'],
    ["F'1'X", 'IEV035'],
  ])('DC %s → %s', (operand, code) => {
    const r = asm([st('', 'DC', operand), st('', 'END')]);
    expect(codes(r)).toContain(code);
  });
});
