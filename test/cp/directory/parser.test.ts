import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  formatDiagnostic, parseUserDirect, type Diagnostic, type ParseResult, type UserEntry, type VolumeInfo,
} from '../../../src/cp/directory/index.ts';

const SAMPLE = readFileSync(new URL('./fixtures/r6-sample.direct', import.meta.url), 'utf8');
const VOLUMES: VolumeInfo[] = [
  { volser: 'VMSRES', devtype: '3350', cylinders: 555 },
  { volser: 'VMPK01', devtype: '3330', cylinders: 404 },
];

function user(r: ParseResult, id: string): UserEntry {
  const u = r.directory?.users.find((x) => x.userid === id);
  if (!u) throw new Error(`no user ${id}`);
  return u;
}

const M = 1024 * 1024;
const K = 1024;

describe('the R6-style sample directory', () => {
  const r = parseUserDirect(SAMPLE, { volumes: VOLUMES });

  it('parses without errors or warnings', () => {
    expect(r.diagnostics.map((d) => formatDiagnostic(d))).toEqual([]);
    expect(r.ok).toBe(true);
  });

  it('DIRECTORY cuu devtype volser is the location of the object directory', () => {
    expect(r.directory!.location).toEqual({ vaddr: 0x130, devtype: '3350', volser: 'VMSRES', line: 6 });
  });

  it('has every USER in order', () => {
    expect(r.directory!.users.map((u) => u.userid)).toEqual(['$ALLOC$', '$TDSK$', 'MAINT', 'OPERATOR', 'UPDRCT', 'CMSUSER', 'OSVS1', 'GUEST']);
  });

  it('USER userid password storage maxstorage classes [priority [linend linedel chardel escape]]', () => {
    const maint = user(r, 'MAINT');
    expect([maint.password, maint.storage, maint.maxStorage, maint.classes]).toEqual(['CPCMS', 2 * M, 16 * M, ['A', 'B', 'C', 'D', 'E', 'F', 'G']]);
    expect(user(r, 'OPERATOR').priority).toBe(10);
    expect(user(r, 'UPDRCT')).toMatchObject({ storage: 256 * K, maxStorage: 1 * M, classes: ['A', 'B', 'C'] });
    const os = user(r, 'OSVS1');
    expect(os.classes).toEqual(['B', 'G']);
    expect(os.lineEditing).toEqual({ linend: '#', linedel: '@', chardel: '!', escape: '"' });
  });

  it('omitted USER operands: no storage sizes, class G', () => {
    const guest = user(r, 'GUEST');
    expect([guest.storage, guest.maxStorage, guest.classes, guest.priority]).toEqual([undefined, undefined, ['G'], undefined]);
  });

  it('NOLOG is kept as the password of users that cannot log on', () => {
    expect(user(r, '$ALLOC$').password).toBe('NOLOG');
  });

  it('ACCOUNT number [distribution]', () => {
    expect(user(r, 'MAINT').account).toEqual({ number: 'SYSPROG', distribution: 'MAINTBIN', line: 17 });
    expect(user(r, 'UPDRCT').account).toMatchObject({ number: 'NUMBER', distribution: 'BIN2' });
  });

  it('OPTION statements add up, in any order', () => {
    expect(user(r, 'OSVS1').options).toEqual({
      realtimer: true, ecmode: true, isam: true, virtEqualsReal: true, acct: true, svcoff: true, bmx: true,
      cpuid: '012345', affinity: 0, lnknopas: false, stfirst: false,
    });
    expect(user(r, 'MAINT').options).toMatchObject({ ecmode: true, realtimer: true, isam: false });
  });

  it('IPL names a saved system or a device address, with PARM text (Community Edition)', () => {
    expect(user(r, 'MAINT').ipl).toMatchObject({ target: 'CMS', kind: 'system', parm: undefined });
    expect(user(r, 'OSVS1').ipl).toMatchObject({ target: '150', kind: 'device' });
    expect(user(r, 'CMSUSER').ipl).toMatchObject({ target: 'CMS', kind: 'system', parm: 'AUTOCR' });
  });

  it('CONSOLE cuu devtype [class]', () => {
    expect(user(r, 'MAINT').console).toEqual({ vaddr: 0x009, devtype: '3215', spoolClass: undefined, line: 20 });
    expect(user(r, 'OPERATOR').console).toMatchObject({ vaddr: 0x01f, spoolClass: 'T' });
  });

  it('SPOOL cuu devtype [READER|PUNCH] [class], with READ/PUN abbreviations and short addresses', () => {
    const spool = (id: string) => user(r, id).spool.map((s) => [s.vaddr, s.devtype, s.function, s.spoolClass]);
    expect(spool('MAINT')).toEqual([[0x00c, '2540', 'reader', '*'], [0x00d, '2540', 'punch', 'A'], [0x00e, '1403', 'printer', 'A']]);
    expect(spool('CMSUSER')).toEqual([[0x00c, '2540', 'reader', '*'], [0x00d, '2540', 'punch', 'A'], [0x00e, '3211', 'printer', 'A']]);
    expect(spool('UPDRCT').map((s) => s[0])).toEqual([0x00c, 0x00d, 0x00e]);
  });

  it('SPECIAL cuu 3270 | TIMER | CTCA | 270x IBM|TELE', () => {
    expect(user(r, 'OSVS1').special.map((s) => [s.vaddr, s.kind, s.lineType])).toEqual([
      [0x080, '3270', undefined], [0x0ff, 'TIMER', undefined], [0x0a0, 'CTCA', undefined], [0x020, '2703', 'IBM'], [0x021, '2703', 'TELE'],
    ]);
  });

  it('DEDICATE cuu {rdev | [VOLID] volser} [R/O] [3330V]', () => {
    expect(user(r, 'OSVS1').dedicate.map(({ line: _l, ...d }) => d)).toEqual([
      { vaddr: 0x150, real: 0x150, volser: undefined, readOnly: false, mss3330v: false },
      { vaddr: 0x151, real: undefined, volser: 'OS1', readOnly: true, mss3330v: false },
      { vaddr: 0x152, real: undefined, volser: 'OSRES1', readOnly: false, mss3330v: false },
      { vaddr: 0x180, real: 0x380, volser: undefined, readOnly: false, mss3330v: true },
    ]);
  });

  it('LINK userid cuu1 cuu2 [mode]: mode defaults to R; * is the user itself', () => {
    const links = (id: string) => user(r, id).links.map((l) => [l.owner, l.ownerVaddr, l.vaddr, l.mode.mode]);
    expect(links('GUEST')).toEqual([['MAINT', 0x190, 0x190, 'R']]);
    expect(links('CMSUSER')).toContainEqual(['CMSUSER', 0x191, 0x291, 'RR']);
    expect(links('UPDRCT')).toEqual([['MAINT', 0x190, 0x190, 'R']]);
  });

  it('MDISK cuu devtype cylr cyls volser [mode [pr [pw [pm]]]]', () => {
    const d190 = user(r, 'MAINT').mdisks[0]!;
    expect(d190).toEqual({
      vaddr: 0x190, devtype: '3350', extent: { kind: 'permanent', startCylinder: 1, cylinders: 61, volser: 'VMSRES' },
      mode: { mode: 'MR', virtualReserve: false }, passwords: { read: 'ALL', write: 'SYSWRITE', multi: 'SYSMULT' }, line: 25,
    });
    expect(user(r, 'OPERATOR').mdisks[0]!.passwords).toEqual({ read: 'RPASS', write: 'WPASS' });
    expect(user(r, 'UPDRCT').mdisks[1]!.extent).toEqual({ kind: 'permanent', startCylinder: 26, cylinders: 110, volser: 'VMPK01' });
  });

  it('MDISK mode defaults to W; a V suffix asks for virtual RESERVE/RELEASE', () => {
    expect(user(r, 'GUEST').mdisks[0]!.mode).toEqual({ mode: 'W', virtualReserve: false });
    expect(user(r, 'MAINT').mdisks.find((m) => m.vaddr === 0x6a1)!.mode).toEqual({ mode: 'MW', virtualReserve: true });
  });

  it('MDISK cuu devtype T-DISK cyls: temporary space', () => {
    const t = user(r, 'CMSUSER').mdisks.find((m) => m.vaddr === 0x195)!;
    expect(t.extent).toEqual({ kind: 'tdisk', cylinders: 5 });
  });

  it('reads only columns 1-71: the sequence numbers of the GUEST cards are ignored', () => {
    expect(user(r, 'GUEST').password).toBe('GUEST');
    expect(user(r, 'GUEST').links[0]!.mode.mode).toBe('R');
  });

  it('keeps the line number of every statement', () => {
    const lines = SAMPLE.split('\n');
    for (const u of r.directory!.users) {
      expect(lines[u.line - 1]).toMatch(new RegExp(`^USER ${u.userid.replace(/\$/g, '\\$')} `));
      for (const m of u.mdisks) expect(lines[m.line - 1]).toMatch(/^ MDISK/);
    }
  });
});

describe('lexical rules', () => {
  const head = 'DIRECTORY 130 3350 VMSRES\n';

  it('lower case is read as upper case, as CP would see it', () => {
    const r = parseUserDirect('directory 130 3350 vmsres\nuser joe secret 1m 2m g\n mdisk 191 3350 10 5 vmsres mr all\n');
    expect(r.ok).toBe(true);
    expect(user(r, 'JOE')).toMatchObject({ password: 'SECRET', storage: 1 * M });
  });

  it('comments: blank lines and a first operand starting with *, indented or not', () => {
    const r = parseUserDirect(`${head}\n* comment\n   * indented comment\n*MDISK 191 3350 1 1 VMSRES\nUSER A B\n *DEDICATE 100 100\n`);
    expect(r.ok).toBe(true);
    expect(user(r, 'A').dedicate).toEqual([]);
  });

  it('tabs separate operands like blanks; CR LF line ends are accepted', () => {
    const r = parseUserDirect(`DIRECTORY\t130 3350 VMSRES\r\nUSER\tA\tB\t1M\r\n`);
    expect(r.ok).toBe(true);
    expect(user(r, 'A').storage).toBe(1 * M);
  });

  it('statement keywords may be abbreviated: DIR, U, A, O, I, C, S, SPE, D, L, M', () => {
    const r = parseUserDirect([
      'DIR 130 3350 VMSRES', 'U JOE PW 1M 2M G', 'A 1234', 'O ECM', 'I CMS', 'C 009 3215', 'S 00C 2540 R',
      'SPE 0FF TIMER', 'D 200 200', 'L JOE 191 192 RR', 'M 191 3350 1 1 VMSRES',
    ].join('\n'));
    expect(r.diagnostics).toEqual([]);
    const joe = user(r, 'JOE');
    expect([joe.account?.number, joe.options.ecmode, joe.ipl?.target, joe.console?.vaddr, joe.spool.length, joe.special.length,
      joe.dedicate.length, joe.links.length, joe.mdisks.length]).toEqual(['1234', true, 'CMS', 9, 1, 1, 1, 1, 1]);
  });

  it('storage sizes: K or M, a bare number is K, 4K pages up to 16M', () => {
    const sizes = (s: string) => parseUserDirect(`${head}USER A B ${s} 16M\n`);
    expect(user(sizes('512K'), 'A').storage).toBe(512 * K);
    expect(user(sizes('1M'), 'A').storage).toBe(1 * M);
    expect(user(sizes('15M'), 'A').storage).toBe(15 * M);
    expect(user(sizes('256'), 'A').storage).toBe(256 * K);
    expect(user(sizes('16M'), 'A').storage).toBe(16 * M);
  });
});

/** One error or warning, by line and a piece of its text. */
function expectDiagnostic(text: string, line: number, severity: Diagnostic['severity'], fragment: string, volumes?: VolumeInfo[]) {
  const r = parseUserDirect(text, { volumes });
  const found = r.diagnostics.find((d) => d.line === line && d.severity === severity && d.message.includes(fragment));
  expect(found, `expected ${severity} on line ${line} containing "${fragment}", got ${JSON.stringify(r.diagnostics)}`).toBeDefined();
  if (severity === 'error') expect(r.ok).toBe(false);
  return r;
}

describe('errors name the line and say what is wrong', () => {
  const head = 'DIRECTORY 130 3350 VMSRES\nUSER JOE PW 1M 2M G\n';
  const cases: Array<[string, string, number, string]> = [
    ['unknown statement', `${head} MDSK 191 3350 1 1 VMSRES\n`, 3, "unknown statement 'MDSK'"],
    ['bad device address', `${head} MDISK 1G1 3350 1 1 VMSRES\n`, 3, "minidisk address '1G1' is not 1 to 3 hexadecimal digits"],
    ['address too long', `${head} CONSOLE 0009 3215\n`, 3, "'0009' is not 1 to 3 hexadecimal digits"],
    ['not a DASD type', `${head} MDISK 191 3390 1 1 VMSRES\n`, 3, "device type '3390' is not a DASD type"],
    ['extent beyond the device type', `${head} MDISK 191 3350 550 10 VMSRES\n`, 3, 'cylinders 550-559 are beyond the 555 cylinders of a 3350'],
    ['bad access mode', `${head} MDISK 191 3350 1 1 VMSRES MX\n`, 3, "access mode 'MX' is not one of R RR W WR M MR MW"],
    ['password longer than 8', `${head} MDISK 191 3350 1 1 VMSRES MR READPASSW\n`, 3, 'read password is longer than 8 characters'],
    ['start cylinder not decimal', `${head} MDISK 191 3350 A 1 VMSRES\n`, 3, "start cylinder 'A' is not a decimal number"],
    ['zero cylinders', `${head} MDISK 191 3350 1 0 VMSRES\n`, 3, 'number of cylinders 0 is outside 1-9999'],
    ['volume serial too long', `${head} MDISK 191 3350 1 1 VMSRES12\n`, 3, "volume serial 'VMSRES12' is not 1 to 6"],
    ['storage not K or M', 'DIRECTORY 130 3350 VMSRES\nUSER JOE PW 15X\n', 2, "storage size '15X' is not a number of K or M"],
    ['storage not whole pages', 'DIRECTORY 130 3350 VMSRES\nUSER JOE PW 1023K\n', 2, "storage size '1023K' is not a multiple of 4K"],
    ['storage above 16M', 'DIRECTORY 130 3350 VMSRES\nUSER JOE PW 17M\n', 2, "storage size '17M' is larger than 16M"],
    ['maximum below logon size', 'DIRECTORY 130 3350 VMSRES\nUSER JOE PW 2M 1M\n', 2, 'maximum storage 1M is smaller than the logon storage 2M'],
    ['privilege class outside A-H', 'DIRECTORY 130 3350 VMSRES\nUSER JOE PW 1M 1M GZ\n', 2, "privilege class 'Z' in 'GZ' is not one of A-H"],
    ['privilege class twice', 'DIRECTORY 130 3350 VMSRES\nUSER JOE PW 1M 1M GG\n', 2, "privilege class 'G' appears twice"],
    ['priority outside 1-99', 'DIRECTORY 130 3350 VMSRES\nUSER JOE PW 1M 1M G 0\n', 2, 'priority 0 is outside 1-99'],
    ['line-end symbol of two characters', 'DIRECTORY 130 3350 VMSRES\nUSER JOE PW 1M 1M G 50 ##\n', 2, "linend symbol '##' is not one character"],
    ['userid longer than 8', 'DIRECTORY 130 3350 VMSRES\nUSER JOSEPHINE1 PW\n', 2, "userid 'JOSEPHINE1' is not 1 to 8"],
    ['USER without password', 'DIRECTORY 130 3350 VMSRES\nUSER JOE\n', 2, 'logon password missing'],
    ['unknown option', `${head} OPTION ECMODE TURBO\n`, 3, "unknown option 'TURBO'"],
    ['CPUID not 6 hex digits', `${head} OPTION CPUID 12345\n`, 3, "CPUID '12345' is not 6 hexadecimal digits"],
    ['second CONSOLE', `${head} CONSOLE 009 3215\n CONSOLE 01F 3215\n`, 4, 'only one CONSOLE may be specified (the first is on line 3)'],
    ['console type', `${head} CONSOLE 009 3277\n`, 3, "console device type '3277' is not one of 1052 3210 3215"],
    ['second IPL', `${head} IPL CMS\n IPL 190\n`, 4, 'a second IPL statement for JOE (the first is on line 3)'],
    ['second ACCOUNT', `${head} ACCOUNT 1\n ACCOUNT 2\n`, 4, 'a second ACCOUNT statement'],
    ['2540 without READER or PUNCH', `${head} SPOOL 00C 2540 A\n`, 3, "2540 must be followed by READER or PUNCH, not 'A'"],
    ['spool class * on a printer', `${head} SPOOL 00E 1403 *\n`, 3, "spool class '*' is not one of A-Z 0-9"],
    ['unknown spool device', `${head} SPOOL 00E 1404 A\n`, 3, "spool device type '1404' is not one of"],
    ['270x line without terminal type', `${head} SPECIAL 020 2703\n`, 3, 'a 2703 line needs the terminal type IBM or TELE'],
    ['unknown special device', `${head} SPECIAL 020 3278\n`, 3, "device type '3278' is not one of 3270 TIMER CTCA"],
    ['LINK with bad owner address', `${head} LINK MAINT 19X 190 RR\n`, 3, "owner's device address '19X'"],
    ['address defined twice in one user', `${head} CONSOLE 009 3215\n MDISK 009 3350 1 1 VMSRES\n`, 4, 'JOE address 009 is already defined by CONSOLE on line 3'],
    ['statement before any USER', 'DIRECTORY 130 3350 VMSRES\n MDISK 191 3350 1 1 VMSRES\n', 2, 'MDISK must follow a USER statement'],
    ['DIRECTORY missing', 'USER JOE PW\n', 1, 'the first statement must be DIRECTORY cuu devtype volser'],
    ['DIRECTORY not first', '* c\nUSER JOE PW\nDIRECTORY 130 3350 VMSRES\n', 3, 'DIRECTORY must be the first statement'],
    ['second DIRECTORY', 'DIRECTORY 130 3350 VMSRES\nDIRECTORY 131 3350 VMSRES\n', 2, 'a second DIRECTORY statement'],
    ['directory on a device that cannot hold it', 'DIRECTORY 130 3380 VMSRES\n', 1, "device type '3380' cannot hold the directory"],
    ['duplicate user', 'DIRECTORY 130 3350 VMSRES\nUSER JOE PW\n\nUSER JOE PW2\n', 4, 'duplicate user JOE (first defined on line 2)'],
  ];
  it.each(cases)('%s', (_name, text, line, fragment) => {
    expectDiagnostic(text, line, 'error', fragment);
  });

  it('an MDISK outside its volume, given the volume table, is an error naming the cylinders', () => {
    expectDiagnostic('DIRECTORY 130 3350 VMSRES\nUSER JOE PW\n MDISK 191 3330 400 10 VMPK01\n', 3, 'error',
      'JOE 191: cylinders 400-409 are outside volume VMPK01 (cylinders 0-403)', [{ volser: 'VMPK01', devtype: '3330', cylinders: 404 }]);
  });

  it('an MDISK whose device type differs from its volume is an error', () => {
    expectDiagnostic('DIRECTORY 130 3350 VMSRES\nUSER JOE PW\n MDISK 191 3350 1 10 VMPK01\n', 3, 'error',
      'volume VMPK01 is a 3330, not a 3350', [{ volser: 'VMPK01', devtype: '3330', cylinders: 404 }]);
  });

  it('every error of a run is reported, not just the first (like DMKDIR)', () => {
    const r = parseUserDirect('DIRECTORY 130 3350 VMSRES\nUSER JOE PW 99X\n MDSK 1\n MDISK 1G1 3350 1 1 V\nUSER JOE PW\n');
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line)).toEqual([2, 3, 4, 5]);
  });

  it('statements of a USER that could not be parsed are checked but not attached to anyone', () => {
    const r = parseUserDirect('DIRECTORY 130 3350 VMSRES\nUSER TOOLONGNAME PW\n MDISK 1G1 3350 1 1 V\n CONSOLE 009 3215\n');
    expect(r.diagnostics.map((d) => d.line)).toEqual([2, 3]);
    expect(r.directory!.users).toEqual([]);
  });

  it('formatDiagnostic: file, line, severity, statement, message', () => {
    const r = parseUserDirect('DIRECTORY 130 3350 VMSRES\nUSER JOE PW\n MDSK 1\n');
    expect(formatDiagnostic(r.diagnostics[0]!)).toBe(
      "USER DIRECT line 3: error: MDSK: unknown statement 'MDSK' (DIRECTORY USER ACCOUNT OPTION IPL CONSOLE SPOOL SPECIAL DEDICATE LINK MDISK)",
    );
  });
});

describe('warnings', () => {
  const vol: VolumeInfo[] = [{ volser: 'VMSRES', devtype: '3350', cylinders: 555 }];

  it('overlapping minidisks on one volume name both disks, the other line and the shared cylinders', () => {
    const r = expectDiagnostic('DIRECTORY 130 3350 VMSRES\nUSER A PW\n MDISK 191 3350 10 20 VMSRES\nUSER B PW\n MDISK 191 3350 25 10 VMSRES\n', 5,
      'warning', 'B 191 overlaps A 191 (line 3) on VMSRES, cylinders 25-29', vol);
    expect(r.ok).toBe(true);
  });

  it('adjacent extents do not overlap; a full-pack disk from cylinder 0 overlaps everything by design', () => {
    const r = parseUserDirect('DIRECTORY 130 3350 VMSRES\nUSER A PW\n MDISK 191 3350 10 20 VMSRES\n MDISK 192 3350 30 5 VMSRES\nUSER B PW\n MDISK 1A0 3350 0 555 VMSRES\n', { volumes: vol });
    expect(r.diagnostics).toEqual([]);
  });

  it('a LINK to a user or a disk that is not in the directory', () => {
    const text = 'DIRECTORY 130 3350 VMSRES\nUSER A PW\n LINK NOBODY 190 190 RR\n LINK B 199 199 RR\nUSER B PW\n MDISK 191 3350 1 1 VMSRES\n';
    expectDiagnostic(text, 3, 'warning', 'LINK NOBODY 190: user NOBODY is not in the directory');
    expectDiagnostic(text, 4, 'warning', 'LINK B 199: B has no MDISK 199');
  });

  it('a LINK to a T-DISK', () => {
    expectDiagnostic('DIRECTORY 130 3350 VMSRES\nUSER A PW\n LINK B 195 195 RR\nUSER B PW\n MDISK 195 3350 T-DISK 5\n', 3, 'warning', 'a T-DISK exists only while its owner is logged on');
  });

  it('addresses above 5FF need OPTION ECMODE', () => {
    expectDiagnostic('DIRECTORY 130 3350 VMSRES\nUSER A PW\n MDISK 6A0 3350 1 1 VMSRES\n', 3, 'warning', 'address 6A0 is above 5FF: A needs OPTION ECMODE');
    expect(parseUserDirect('DIRECTORY 130 3350 VMSRES\nUSER A PW\n OPTION ECMODE\n MDISK 6A0 3350 1 1 VMSRES\n').diagnostics).toEqual([]);
  });

  it('operands after the last one are ignored, with a warning', () => {
    expectDiagnostic('DIRECTORY 130 3350 VMSRES\nUSER A PW\n CONSOLE 009 3215 T EXTRA\n', 3, 'warning', 'operands after the last one are ignored: EXTRA');
  });

  it('OPTION, IPL and ACCOUNT after the first device statement', () => {
    expectDiagnostic('DIRECTORY 130 3350 VMSRES\nUSER A PW\n CONSOLE 009 3215\n OPTION ECMODE\n', 4, 'warning', 'OPTION should come before the first device statement');
  });

  it('a volume missing from the system configuration', () => {
    expectDiagnostic('DIRECTORY 130 3350 VMSRES\nUSER A PW\n MDISK 191 3350 1 1 OTHER1\n', 3, 'warning', 'volume OTHER1 is not in the system configuration', vol);
  });
});
