import { describe, expect, it } from 'vitest';
import { addr, asm, bytesAt, codes, coreHex, st } from './helpers.ts';

describe('literals', () => {
  it('LTORG places the pool on a doubleword: 8-byte multiples first, then 4, 2, 1', () => {
    const r = asm([
      st('T', 'CSECT'),
      st('', 'USING', '*,12'),
      st('', 'MVC', "0(1,1),=C'A'"),
      st('', 'LH', "1,=H'2'"),
      st('', 'L', "1,=F'3'"),
      st('', 'LD', "0,=D'0'"),
      st('', 'LTORG'),
      st('', 'END'),
    ]);
    // Instructions 6+4+4+4 = 18 bytes; pool at 24: D, F, H, C.
    expect(bytesAt(r, 24, 15)).toBe('0000000000000000' + '00000003' + '0002' + 'C1');
    expect(bytesAt(r, 0, 6)).toBe('D200' + '1000' + 'C026');
    expect(bytesAt(r, 6, 4)).toBe('4810C024');
    expect(bytesAt(r, 10, 4)).toBe('5810C020');
    expect(bytesAt(r, 14, 4)).toBe('6800C018');
  });

  it('identical literals in one pool share storage', () => {
    const r = asm([st('', 'USING', '*,12'), st('', 'L', "1,=F'7'"), st('', 'L', "2,=F'7'"), st('', 'LTORG'), st('', 'END')]);
    expect(coreHex(r)).toBe('5810C008' + '5820C008' + '00000007');
  });

  it('a literal used after an LTORG goes to the next pool', () => {
    const r = asm([
      st('', 'USING', '*,12'),
      st('', 'L', "1,=F'7'"),
      st('', 'LTORG'),
      st('', 'L', "2,=F'7'"),
      st('', 'LTORG'),
      st('', 'END'),
    ]);
    expect(coreHex(r)).toBe('5810C008' + '00000000' + '00000007' + '5820C010' + '00000007');
  });

  it('literals not placed by LTORG go to the end of the first control section', () => {
    const r = asm([
      st('A', 'CSECT'),
      st('', 'USING', '*,12'),
      st('', 'L', "1,=F'9'"),
      st('B', 'CSECT'),
      st('', 'DC', "C'B'"),
      st('', 'END'),
    ]);
    const a = r.sections.find((s) => s.name === 'A')!;
    const b = r.sections.find((s) => s.name === 'B')!;
    expect(a.length).toBe(12);
    expect(b.origin).toBe(16);
    expect(bytesAt(r, 8, 4)).toBe('00000009');
  });

  it('a literal containing * is a new literal at each use, valued at its statement', () => {
    const r = asm([st('', 'USING', '*,12'), st('', 'L', '1,=A(*)'), st('', 'L', '2,=A(*)'), st('', 'LTORG'), st('', 'END')]);
    expect(coreHex(r)).toBe('5810C008' + '5820C00C' + '00000000' + '00000004');
  });

  it('address-constant literals are relocated: =A(X) gets an RLD item', () => {
    const r = asm([st('T', 'START', '0'), st('', 'USING', '*,12'), st('', 'L', '1,=A(X)'), st('X', 'DS', 'F'), st('', 'END')]);
    expect(bytesAt(r, 8, 4)).toBe('00000004');
    expect(r.listing).toContain("=A(X)");
    expect(r.listing).toMatch(/RELOCATION DICTIONARY[\s\S]*0001\s+0001\s+0C\s+000008/);
  });

  it('the LTORG name names the start of the pool; the pool is listed under it', () => {
    const r = asm([st('', 'USING', '*,12'), st('', 'L', "1,=F'1'"), st('POOL', 'LTORG'), st('', 'END')]);
    expect(addr(r, 'POOL')).toBe(8);
    const lines = r.listing.split('\n');
    const k = lines.findIndex((l) => l.includes('POOL     LTORG'));
    expect(lines[k + 1]).toMatch(/^000008 00000001 +=F'1'$/);
  });

  it('a literal in a DC operand is an error', () => {
    const r = asm([st('', 'DC', "A(=F'1')"), st('', 'END')]);
    expect(codes(r)).toContain('IEV030');
  });

  it('an invalid literal is reported where its pool is placed', () => {
    const r = asm([st('', 'USING', '*,12'), st('', 'L', "1,=F'X'"), st('', 'LTORG'), st('', 'END')]);
    expect(codes(r)).toContain('IEV062');
  });
});
