import { describe, expect, it } from 'vitest';
import { asm, bytesAt, codes, st } from './helpers.ts';

describe('USING and implicit addresses', () => {
  it('a second register covers the next 4096 bytes', () => {
    const r = asm([
      st('T', 'CSECT'),
      st('', 'USING', 'T,11,12'),
      st('', 'L', '1,NEAR'),
      st('', 'L', '1,FAR'),
      st('NEAR', 'DS', 'F'),
      st('', 'DS', '5000C'),
      st('FAR', 'DS', 'F'),
      st('', 'END'),
    ]);
    // NEAR at 8; FAR at 8+4+5000 = 5012 = 4096 + 916 (X'394').
    expect(bytesAt(r, 0, 8)).toBe('5810B008' + '5810C394');
  });

  it('the base giving the smallest displacement wins', () => {
    const r = asm([
      st('T', 'CSECT'),
      st('', 'USING', 'T,10'),
      st('', 'USING', 'T+100,11'),
      st('', 'L', '1,X'),
      st('', 'DS', '200C'),
      st('X', 'DS', 'F'),
      st('', 'END'),
    ]);
    // X at 4+200 = 204: register 11 gives 104 (X'68').
    expect(bytesAt(r, 0, 4)).toBe('5810B068');
  });

  it('on equal displacements the highest register wins', () => {
    const r = asm([st('T', 'CSECT'), st('', 'USING', 'T,5'), st('', 'USING', 'T,9'), st('', 'USING', 'T,7'), st('', 'L', '1,T'), st('', 'END')]);
    expect(bytesAt(r, 0, 4)).toBe('58109000');
  });

  it('an address no USING covers is an addressability error', () => {
    const r = asm([st('T', 'CSECT'), st('', 'L', '1,X'), st('X', 'DS', 'F'), st('', 'END')]);
    expect(codes(r)).toEqual(['IEV034']);
    expect(r.messages[0].text).toBe('ADDRESSABILITY ERROR');
    expect(r.returnCode).toBe(8);
  });

  it('an address below the USING base is not covered', () => {
    const r = asm([st('T', 'CSECT'), st('', 'USING', 'X,12'), st('', 'L', '1,T'), st('X', 'DS', 'F'), st('', 'END')]);
    expect(codes(r)).toEqual(['IEV034']);
  });

  it('DROP ends a register\'s domain; dropping an unused register warns', () => {
    const r = asm([st('T', 'CSECT'), st('', 'USING', 'T,12'), st('', 'DROP', '12'), st('', 'L', '1,T'), st('', 'DROP', '3'), st('', 'END')]);
    expect(codes(r)).toEqual(['IEV034', 'IEV045']);
    expect(r.returnCode).toBe(8);
  });

  it('a DSECT-based USING resolves the DSECT\'s fields on its register', () => {
    const r = asm([
      st('T', 'CSECT'),
      st('', 'USING', 'T,12'),
      st('', 'USING', 'REC,5'),
      st('', 'MVC', 'NAME,TEXT'),
      st('', 'L', '1,COUNT'),
      st('TEXT', 'DC', "CL8'X'"),
      st('REC', 'DSECT'),
      st('COUNT', 'DS', 'F'),
      st('NAME', 'DS', 'CL8'),
      st('', 'END'),
    ]);
    expect(bytesAt(r, 0, 10)).toBe('D2075004C00A' + '58105000');
    expect(r.returnCode).toBe(0);
  });

  it('absolute addresses above 4095 need an absolute USING', () => {
    const bad = asm([st('', 'L', "1,X'2000'"), st('', 'END')]);
    expect(codes(bad)).toEqual(['IEV034']);
    const good = asm([st('', 'USING', "X'2000',9"), st('', 'L', "1,X'2010'"), st('', 'END')]);
    expect(bytesAt(good, 0, 4)).toBe('58109010');
  });

  it('PUSH USING and POP USING restore the table', () => {
    const r = asm([
      st('T', 'CSECT'),
      st('', 'USING', 'T,12'),
      st('', 'PUSH', 'USING'),
      st('', 'DROP', '12'),
      st('', 'USING', 'T,3'),
      st('', 'L', '1,T'),
      st('', 'POP', 'USING'),
      st('', 'L', '1,T'),
      st('', 'POP', 'USING'),
      st('', 'END'),
    ]);
    expect(bytesAt(r, 0, 8)).toBe('58103000' + '5810C000');
    expect(codes(r)).toEqual(['IEV079']);
  });

  it('a complexly relocatable USING base is refused', () => {
    const r = asm([st('T', 'CSECT'), st('', 'USING', 'T+T,12'), st('', 'END')]);
    expect(codes(r)).toEqual(['IEV078']);
  });
});
