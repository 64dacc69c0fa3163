import { describe, expect, it } from 'vitest';
import { asm, bytesAt, codes, coreHex, one, st } from './helpers.ts';

describe('instruction formats', () => {
  it.each([
    ['RR', 'LR', '1,2', '1812'],
    ['RR with mask', 'BCR', '15,14', '07FE'],
    ['RR1 SPM', 'SPM', '3', '0430'],
    ['RRI SVC', 'SVC', '202', '0ACA'],
    ['RX explicit', 'L', '1,291(2,3)', '58123123'],
    ['RX D(,B)', 'ST', '14,12(,13)', '50E0D00C'],
    ['RX absolute address with index', 'LA', '4,8(2)', '41420008'],
    ['RX absolute address', 'LA', '1,4095', '41100FFF'],
    ['RS', 'STM', '14,12,12(13)', '90ECD00C'],
    ['RS2 shift', 'SRL', '1,8', '88100008'],
    ['RS2 shift with base', 'SLL', '1,0(2)', '89102000'],
    ['SI', 'MVI', '0(1),X\'40\'', '92401000'],
    ['SI character immediate', 'CLI', "4(15),C'A'", '95C1F004'],
    ['S one-byte opcode', 'LPSW', '0(1)', '82001000'],
    ['S two-byte opcode', 'STCK', '8(2)', 'B2052008'],
    ['S I/O instruction', 'SIO', 'X\'00C\'', '9C00000C'],
    ['S I/O instruction, second variant', 'SIOF', '0(1)', '9C011000'],
    ['SS1', 'MVC', '0(8,1),16(2)', 'D20710002010'],
    ['SS1 length 256', 'XC', '0(256,1),0(1)', 'D7FF10001000'],
    ['SS2', 'PACK', '0(8,1),4(3,2)', 'F27210002004'],
    ['SS3 SRP', 'SRP', '0(5,1),64(0),5', 'F04510000040'],
    ['DIAG as RS', 'DIAG', '1,2,8', '83120008'],
    ['IPK takes no operand', 'IPK', '', 'B20B0000'],
    ['PTLB with the lone comma before remarks', 'PTLB', ',                   PURGE THE TLB', 'B20D0000'],
    ['IPK with the lone comma before remarks', 'IPK', ',  KEY TO R2', 'B20B0000'],
  ])('%s: %s %s', (_what, op, operands, expected) => {
    expect(one(op, operands)).toBe(expected);
  });

  it.each([
    ['B', '8(2,3)', '47F23008'],
    ['BR', '14', '07FE'],
    ['NOP', '0', '47000000'],
    ['NOPR', '0', '0700'],
    ['BE', '100', '47800064'],
    ['BNER', '5', '0775'],
    ['BH', '0(0,1)', '47201000'],
    ['BNO', '4(0,1)', '47E01004'],
  ])('extended mnemonic %s %s', (op, operands, expected) => {
    expect(one(op, operands)).toBe(expected);
  });

  it('aligns an instruction that follows an odd-length constant on a halfword, filling with zero', () => {
    const r = asm([st('', 'DC', "C'A'"), st('', 'LR', '1,2'), st('', 'END')]);
    expect(coreHex(r)).toBe('C1001812');
  });

  it('implicit length of an SS operand is the length attribute of its symbol', () => {
    const r = asm([
      st('T', 'CSECT'),
      st('', 'USING', '*,12'),
      st('', 'MVC', 'A,B'),
      st('A', 'DS', 'CL10'),
      st('B', 'DS', 'CL20'),
      st('', 'PACK', 'P,A'),
      st('P', 'DS', 'PL5'),
      st('', 'END'),
    ]);
    expect(bytesAt(r, 0, 6)).toBe('D209C006C010');
    expect(bytesAt(r, 0x24, 6)).toBe('F249C02AC006');
  });

  it('an explicit length overrides the implicit one: A(L) form', () => {
    const r = asm([st('T', 'CSECT'), st('', 'USING', '*,12'), st('', 'MVC', 'A(3),B'), st('A', 'DS', 'CL10'), st('B', 'DS', 'CL20'), st('', 'END')]);
    expect(bytesAt(r, 0, 6)).toBe('D202C006C010');
  });

  it('register operands may be absolute expressions and EQU symbols', () => {
    const r = asm([st('R1', 'EQU', '1'), st('R15', 'EQU', '15'), st('', 'LR', 'R15,R1+1'), st('', 'END')]);
    expect(coreHex(r)).toBe('18F2');
  });

  it('ADDR1 and ADDR2 carry the effective addresses of implicit operands', () => {
    const r = asm([st('T', 'START', 'X\'100\''), st('', 'BALR', '12,0'), st('', 'USING', '*,12'), st('', 'MVC', 'A,B'), st('A', 'DC', "C'XY'"), st('B', 'DC', "C'ZW'"), st('', 'END')]);
    const line = r.listing.split('\n').find((l) => l.includes('MVC   A,B'))!;
    expect(line.slice(0, 6)).toBe('000102');
    expect(line.slice(24, 30)).toBe('000108');
    expect(line.slice(31, 37)).toBe('00010A');
  });
});

describe('instruction operand errors', () => {
  it.each([
    ['register above 15', 'LR', '1,16', 'IEV029'],
    ['relocatable register', 'LR', 'X,1', 'IEV032'],
    ['immediate above 255', 'MVI', '0(1),256', 'IEV031'],
    ['displacement above 4095 with explicit base', 'L', '1,4096(0,1)', 'IEV028'],
    ['SS2 length above 16', 'PACK', '0(17,1),0(1,2)', 'IEV068'],
    ['missing operand', 'L', '1', 'IEV040'],
    ['too many operands', 'LR', '1,2,3', 'IEV062'],
    ['index register in an RS operand', 'STM', '1,2,0(3,4)', 'IEV035'],
    ['undefined symbol', 'L', '1,NOWHERE', 'IEV044'],
    ['SRP immediate above 15', 'SRP', '0(1,1),0(1),16', 'IEV031'],
  ])('%s: %s %s → %s', (_what, op, operands, code) => {
    const r = asm([st('X', 'DS', 'F'), st('', op, operands), st('', 'END')]);
    expect(codes(r)).toContain(code);
    expect(r.returnCode).toBeGreaterThanOrEqual(8);
  });

  it('a field in error assembles as zero and the instruction keeps its length', () => {
    const r = asm([st('', 'L', '1,NOWHERE'), st('', 'LR', '1,2'), st('', 'END')]);
    expect(coreHex(r)).toBe('581000001812');
  });

  it('an unknown operation code is IEV057 and takes no space', () => {
    const r = asm([st('', 'FROB', '1,2'), st('', 'LR', '1,2'), st('', 'END')]);
    expect(codes(r)).toEqual(['IEV057']);
    expect(coreHex(r)).toBe('1812');
  });
});
