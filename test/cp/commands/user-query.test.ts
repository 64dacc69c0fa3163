import { describe, expect, it } from 'vitest';
import { run, useTestCp } from './user-helpers.ts';

const start = useTestCp();

describe('QUERY NAMES and QUERY USERS', () => {
  it('QUERY NAMES lists every user with its terminal, the system console as SYSC, a disconnected one as DSC', () => {
    const t = start();
    const maint = t.logon('MAINT', 0x0c0);
    t.logon('OPERATOR', null);
    t.logon('GUEST', 'dsc');
    expect(run(maint.user, 'QUERY NAMES').lines).toEqual(['MAINT    - 0C0 , OPERATOR - SYSC, GUEST    - DSC']);
    expect(run(maint.user, 'Q N').lines).toEqual(run(maint.user, 'QUERY NAMES').lines);
  });

  it('QUERY NAMES puts four users to a line', () => {
    const t = start();
    const maint = t.logon('MAINT');
    for (const u of ['OPERATOR', 'GUEST', 'CMSUSER']) t.logon(u);
    const lines = run(maint.user, 'QUERY NAMES').lines;
    expect(lines).toHaveLength(1);
    expect(lines[0]!.split(', ')).toHaveLength(4);
  });

  it('QUERY USERS counts the logged-on users', () => {
    const t = start();
    const guest = t.logon('GUEST');
    expect(run(guest.user, 'QUERY USERS').lines).toEqual(['001 USERS, 000 DIALED']);
    t.logon('MAINT', 'dsc');
    expect(run(guest.user, 'Q U').lines).toEqual(['002 USERS, 000 DIALED']);
  });

  it('QUERY NAMES with an operand is refused', () => {
    const t = start();
    const guest = t.logon('GUEST');
    expect(run(guest.user, 'QUERY NAMES EXTRA')).toEqual({ code: 3, lines: ['DMKCQY003E INVALID OPTION - EXTRA'] });
  });
});

describe('QUERY userid', () => {
  it('answers userid - terminal, userid - DSC, or DMKCQG045E', () => {
    const t = start();
    const guest = t.logon('GUEST', 0x0c1);
    t.logon('MAINT', 'dsc');
    expect(run(guest.user, 'QUERY GUEST').lines).toEqual(['GUEST - 0C1']);
    expect(run(guest.user, 'QUERY MAINT').lines).toEqual(['MAINT - DSC']);
    expect(run(guest.user, 'QUERY NOBODY')).toEqual({ code: 45, lines: ['DMKCQG045E NOBODY NOT LOGGED ON'] });
  });

  it('QUERY USERID names the user and the system; USERI is its shortest form', () => {
    const t = start();
    const guest = t.logon('GUEST');
    expect(run(guest.user, 'QUERY USERID').lines).toEqual(['GUEST AT VM370']);
    expect(run(guest.user, 'Q USERI').lines).toEqual(['GUEST AT VM370']);
  });
});

describe('QUERY of the virtual machine', () => {
  it('QUERY TIME gives the time and the connect and CPU times', () => {
    const t = start();
    const guest = t.logon('GUEST');
    const lines = run(guest.user, 'Q T').lines;
    expect(lines[0]).toBe('TIME IS 13:10:22 GMT MONDAY 01/19/26');
    expect(lines[1]).toMatch(/^CONNECT= \d\d:\d\d:\d\d VIRTCPU= \d{3}:\d\d\.\d\d TOTCPU= \d{3}:\d\d\.\d\d$/);
  });

  it('QUERY STORAGE and QUERY VIRTUAL STORAGE give the storage size', () => {
    const t = start();
    const guest = t.logon('GUEST');
    expect(run(guest.user, 'QUERY STORAGE').lines).toEqual(['STORAGE = 15360K']);
    expect(run(guest.user, 'Q STOR').lines).toEqual(['STORAGE = 15360K']);
    expect(run(guest.user, 'Q V STOR').lines).toEqual(['STORAGE = 15360K']);
  });

  it('QUERY VIRTUAL lists storage and every device; by class, by address', () => {
    const t = start();
    const guest = t.logon('GUEST');
    const all = run(guest.user, 'QUERY VIRTUAL').lines;
    expect(all[0]).toBe('STORAGE = 15360K');
    expect(all.some((l) => l.startsWith('CONS 009'))).toBe(true);
    expect(all.some((l) => l.startsWith('RDR  00C'))).toBe(true);
    const ur = run(guest.user, 'Q V UR').lines;
    expect(ur.map((l) => l.slice(0, 8))).toEqual(['RDR  00C', 'PUN  00D', 'PRT  00E']);
    expect(run(guest.user, 'Q V PRT').lines).toHaveLength(1);
    expect(run(guest.user, 'Q V CONS').lines).toEqual(['CONS 009 ON DEV 3215']);
    expect(run(guest.user, 'Q V DASD').lines.every((l) => l.startsWith('DASD'))).toBe(true);
    expect(run(guest.user, 'Q V TAPES').lines).toEqual(['NO TAPES']);
    expect(run(guest.user, 'Q V 00E').lines[0]).toMatch(/^PRT  00E/);
    expect(run(guest.user, 'Q V 123')).toEqual({ code: 40, lines: ['DMKCQG040E DEV 123 DOES NOT EXIST'] });
    expect(run(guest.user, 'Q V BOGUS')).toEqual({ code: 3, lines: ['DMKCQG003E INVALID OPTION - BOGUS'] });
  });

  it('QUERY CPUID gives the CPU id of the virtual machine (version FF)', () => {
    const t = start();
    const guest = t.logon('GUEST');
    expect(run(guest.user, 'QUERY CPUID').lines).toEqual(['CPUID = FF01037031480000']);
  });

  it('QUERY CPLEVEL names the release', () => {
    const t = start();
    const guest = t.logon('GUEST');
    expect(run(guest.user, 'Q CP').lines[0]).toMatch(/^VM\/370 RELEASE 6/);
  });

  it('QUERY LOGMSG shows the log message, or that there is none', () => {
    const t = start();
    const guest = t.logon('GUEST');
    const operator = t.logon('OPERATOR', null);
    expect(run(guest.user, 'QUERY LOGMSG').lines).toEqual(['NO LOGMSG']);
    expect(run(operator.user, 'SET LOGMSG System down at 17:00').code).toBe(0);
    expect(run(guest.user, 'Q LOG').lines).toEqual(['LOGMSG - System down at 17:00']);
  });
});

describe('QUERY SET, TERMINAL and PF', () => {
  it('QUERY SET shows the SET options in four lines, MSG WNG EMSG ACNT RUN first', () => {
    const t = start();
    const guest = t.logon('GUEST');
    const lines = run(guest.user, 'QUERY SET').lines;
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('MSG ON , WNG ON , EMSG ON , ACNT OFF, RUN OFF');
    expect(lines[1]).toBe('LINEDIT ON , TIMER ON , ISAM OFF, ECMODE OFF');
    run(guest.user, 'SET MSG OFF');
    run(guest.user, 'SET RUN ON');
    run(guest.user, 'SET EMSG CODE');
    expect(run(guest.user, 'Q S').lines[0]).toBe('MSG OFF, WNG ON , EMSG CODE, ACNT OFF, RUN ON');
  });

  it('QUERY SET shows ECMODE ON for a directory entry with OPTION ECMODE', () => {
    const t = start();
    const maint = t.logon('MAINT');
    expect(run(maint.user, 'QUERY SET').lines[1]).toMatch(/ECMODE ON$/);
  });

  it('QUERY TERMINAL shows the editing characters and the terminal options', () => {
    const t = start();
    const guest = t.logon('GUEST');
    expect(run(guest.user, 'QUERY TERMINAL').lines).toEqual([
      'LINEND #, LINEDEL ¢, CHARDEL @, ESCAPE "',
      'LINESIZE 080, ATTN ON, APL OFF, TEXT OFF, MODE VM, MASK OFF',
    ]);
    run(guest.user, 'TERMINAL LINEND ! CHARDEL OFF');
    expect(run(guest.user, 'Q TERM').lines[0]).toBe('LINEND !, LINEDEL ¢, CHARDEL OFF, ESCAPE "');
  });

  it('QUERY PF lists all 24 keys; QUERY PFnn one key', () => {
    const t = start();
    const guest = t.logon('GUEST');
    const none = run(guest.user, 'QUERY PF').lines;
    expect(none).toHaveLength(24);
    expect(none[0]).toBe('PF01 UNDEFINED');
    expect(none[23]).toBe('PF24 UNDEFINED');
    run(guest.user, 'SET PF3 DELAYED query names');
    run(guest.user, 'SET PF01 IMMED Q T');
    expect(run(guest.user, 'QUERY PF').lines.slice(0, 4)).toEqual(['PF01 IMMED Q T', 'PF02 UNDEFINED', 'PF03 DELAYED query names', 'PF04 UNDEFINED']);
    expect(run(guest.user, 'QUERY PF03').lines).toEqual(['PF03 DELAYED query names']);
    expect(run(guest.user, 'QUERY PF 4').lines).toEqual(['PF04 UNDEFINED']);
    expect(run(guest.user, 'QUERY PF 25').code).toBe(3);
  });
});

describe('QUERY errors', () => {
  it('QUERY without an operand: DMKCQG026E', () => {
    const t = start();
    const guest = t.logon('GUEST');
    expect(run(guest.user, 'QUERY')).toEqual({ code: 26, lines: ['DMKCQG026E OPERAND MISSING OR INVALID'] });
  });

  it('SET EMSG TEXT shows the text only, SET EMSG OFF nothing, but the code is still returned', () => {
    const t = start();
    const guest = t.logon('GUEST');
    run(guest.user, 'SET EMSG TEXT');
    expect(run(guest.user, 'QUERY NOBODY')).toEqual({ code: 45, lines: ['NOBODY NOT LOGGED ON'] });
    run(guest.user, 'SET EMSG OFF');
    expect(run(guest.user, 'QUERY NOBODY')).toEqual({ code: 45, lines: [] });
  });
});
