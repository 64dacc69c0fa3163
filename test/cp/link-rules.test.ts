import { describe, expect, it } from 'vitest';
import { compileDirectory, parseUserDirect, type ModeSpec } from '../../src/cp/directory/index.ts';
import {
  addLink, applyModeRules, decideLink, detachAllLinks, detachLink, formatCpMessage, othersSharing, targetFromCompiled,
  targetFromSource, type LinkDecision, type LinkRecord, type LinkRequest, type LinkTarget,
} from '../../src/cp/links/index.ts';

const OWNER = 'MAINT';
const DISK = 0x19e;
const AS = 0x291;

const rec = (userid: string, access: 'R/O' | 'R/W', vaddr = DISK): LinkRecord => ({
  userid, vaddr, owner: OWNER, ownerVaddr: DISK, access, mode: { mode: access === 'R/W' ? 'MR' : 'RR', virtualReserve: false },
});

/** The other users' links in each situation of the matrix. */
const SITUATIONS: Record<string, LinkRecord[]> = {
  'nobody else': [],
  'R/O by one user': [rec('PETER', 'R/O')],
  'R/W by the owner': [rec('MAINT', 'R/W')],
  'R/W by one, R/O by two': [rec('MAINT', 'R/W'), rec('PETER', 'R/O'), rec('PAUL', 'R/O')],
};

type Expect = ['linked', 'R/O' | 'R/W', string | null] | ['forced', string] | ['refused', string];

const N = null;
/** The rules of R6's LINK command, every mode against every situation (CP Command Reference R6, LINK). */
const MATRIX: Record<string, Record<string, Expect>> = {
  R: {
    'nobody else': ['linked', 'R/O', N],
    'R/O by one user': ['linked', 'R/O', 'DASD 291 LINKED R/O; R/O BY PETER'],
    'R/W by the owner': ['refused', 'DMKLNK105E MAINT 19E NOT LINKED; R/W BY MAINT'],
    'R/W by one, R/O by two': ['refused', 'DMKLNK106E MAINT 19E NOT LINKED; R/W BY MAINT; R/O BY 002 USERS'],
  },
  RR: {
    'nobody else': ['linked', 'R/O', N],
    'R/O by one user': ['linked', 'R/O', 'DASD 291 LINKED R/O; R/O BY PETER'],
    'R/W by the owner': ['linked', 'R/O', 'DASD 291 LINKED R/O; R/W BY MAINT'],
    'R/W by one, R/O by two': ['linked', 'R/O', 'DASD 291 LINKED R/O; R/W BY MAINT; R/O BY 002 USERS'],
  },
  W: {
    'nobody else': ['linked', 'R/W', N],
    'R/O by one user': ['refused', 'DMKLNK104E MAINT 19E NOT LINKED; R/O BY PETER'],
    'R/W by the owner': ['refused', 'DMKLNK105E MAINT 19E NOT LINKED; R/W BY MAINT'],
    'R/W by one, R/O by two': ['refused', 'DMKLNK106E MAINT 19E NOT LINKED; R/W BY MAINT; R/O BY 002 USERS'],
  },
  WR: {
    'nobody else': ['linked', 'R/W', N],
    'R/O by one user': ['forced', 'DMKLNK101W DASD 291 FORCED R/O; R/O BY PETER'],
    'R/W by the owner': ['forced', 'DMKLNK102W DASD 291 FORCED R/O; R/W BY MAINT'],
    'R/W by one, R/O by two': ['forced', 'DMKLNK103W DASD 291 FORCED R/O; R/W BY MAINT; R/O BY 002 USERS'],
  },
  M: {
    'nobody else': ['linked', 'R/W', N],
    'R/O by one user': ['linked', 'R/W', 'DASD 291 LINKED R/W; R/O BY PETER'],
    'R/W by the owner': ['refused', 'DMKLNK105E MAINT 19E NOT LINKED; R/W BY MAINT'],
    'R/W by one, R/O by two': ['refused', 'DMKLNK106E MAINT 19E NOT LINKED; R/W BY MAINT; R/O BY 002 USERS'],
  },
  MR: {
    'nobody else': ['linked', 'R/W', N],
    'R/O by one user': ['linked', 'R/W', 'DASD 291 LINKED R/W; R/O BY PETER'],
    'R/W by the owner': ['forced', 'DMKLNK102W DASD 291 FORCED R/O; R/W BY MAINT'],
    'R/W by one, R/O by two': ['forced', 'DMKLNK103W DASD 291 FORCED R/O; R/W BY MAINT; R/O BY 002 USERS'],
  },
  MW: {
    'nobody else': ['linked', 'R/W', N],
    'R/O by one user': ['linked', 'R/W', 'DASD 291 LINKED R/W; R/O BY PETER'],
    'R/W by the owner': ['linked', 'R/W', 'DASD 291 LINKED R/W; R/W BY MAINT'],
    'R/W by one, R/O by two': ['linked', 'R/W', 'DASD 291 LINKED R/W; R/W BY MAINT; R/O BY 002 USERS'],
  },
};

/** A disk anyone may link in any mode without a password, so the matrix tests only the access rules. */
const OPEN_DISK: LinkTarget = {
  kind: 'permanent', volser: 'VMSRES', mode: { mode: 'MR', virtualReserve: false },
  passwords: { read: 'ALL', write: 'ALL', multi: 'ALL' },
};

const request = (mode: string | undefined, extra: Partial<LinkRequest> = {}): LinkRequest => ({
  userid: 'CMSUSER', owner: OWNER, ownerVaddr: DISK, vaddr: AS, mode, source: 'command', ...extra,
});

function summary(d: LinkDecision): Expect | ['password-required', string] {
  if (d.outcome === 'password-required') return ['password-required', d.prompt];
  if (d.outcome === 'not-linked') return ['refused', formatCpMessage(d.message)];
  if (d.forced) return ['forced', formatCpMessage(d.message!)];
  return ['linked', d.access, d.message ? formatCpMessage(d.message) : null];
}

describe('LINK access modes against the links that exist', () => {
  for (const [mode, row] of Object.entries(MATRIX)) {
    for (const [situation, expected] of Object.entries(row)) {
      it(`${mode.padEnd(2)} with the disk ${situation}: ${expected.join(' ')}`, () => {
        const d = decideLink(request(mode), OPEN_DISK, SITUATIONS[situation]!);
        expect(summary(d)).toEqual(expected);
        if (d.outcome === 'linked') {
          expect(d.mode).toEqual({ mode, virtualReserve: false });
          if (d.forced) expect(d.access).toBe('R/O');
        }
      });
    }
  }

  it('the V suffix (virtual RESERVE/RELEASE) follows the same rules and is kept on the link', () => {
    for (const mode of Object.keys(MATRIX)) {
      for (const situation of Object.keys(SITUATIONS)) {
        const plain = decideLink(request(mode), OPEN_DISK, SITUATIONS[situation]!);
        const v = decideLink(request(`${mode}V`), OPEN_DISK, SITUATIONS[situation]!);
        expect(summary(v)).toEqual(summary(plain));
        if (v.outcome === 'linked') expect(v.mode).toEqual({ mode, virtualReserve: true });
      }
    }
  });

  it('applyModeRules is the same table without passwords or lookups', () => {
    const mr: ModeSpec = { mode: 'MR', virtualReserve: false };
    expect(summary(applyModeRules(AS, OWNER, DISK, mr, ['MAINT'], []))).toEqual(['forced', 'DMKLNK102W DASD 291 FORCED R/O; R/W BY MAINT']);
  });

  it('counts users, not links: three digits when several, the userid when one; R/W wins over R/O for a user', () => {
    const many = ['A', 'B', 'C', 'D'].map((u) => rec(u, 'R/O'));
    expect(summary(decideLink(request('RR'), OPEN_DISK, many))).toEqual(['linked', 'R/O', 'DASD 291 LINKED R/O; R/O BY 004 USERS']);
    const twice = [rec('PETER', 'R/O', 0x300), rec('PETER', 'R/W', 0x301)];
    expect(othersSharing(twice, OWNER, DISK, 'CMSUSER')).toEqual({ readWrite: ['PETER'], readOnly: [] });
  });

  it("the linker's own links to the disk do not stand in its way", () => {
    const own = [rec('CMSUSER', 'R/W', 0x391)];
    expect(summary(decideLink(request('W'), OPEN_DISK, own))).toEqual(['linked', 'R/W', null]);
  });

  it('links to other disks do not count', () => {
    const other: LinkRecord = { ...rec('PETER', 'R/W'), ownerVaddr: 0x190 };
    expect(summary(decideLink(request('W'), OPEN_DISK, [other]))).toEqual(['linked', 'R/W', null]);
  });
});

describe('LINK passwords', () => {
  const source = [
    'DIRECTORY 130 3350 VMSRES',
    'USER MAINT CPCMS 2M 16M ABCDEFG',
    ' MDISK 19E 3350 122 070 VMSRES MR ALL SYSWRITE SYSMULT',
    ' MDISK 191 3350 062 030 VMSRES MR RPASS',
    ' MDISK 193 3350 200 010 VMSRES MR',
    ' MDISK 195 3350 T-DISK 5',
    'USER CMSUSER CMSUSER 15M 16M G',
  ].join('\n');
  const dir = parseUserDirect(source).directory!;
  const compiled = compileDirectory(dir, { scrypt: { N: 1024, r: 8, p: 1 } });
  const target = (vaddr: number) => targetFromCompiled(compiled, OWNER, vaddr);
  const ask = (vaddr: number, mode: string | undefined, extra: Partial<LinkRequest> = {}) =>
    summary(decideLink({ ...request(mode, extra), ownerVaddr: vaddr }, target(vaddr), []));

  it('read password ALL: any user links R without a password', () => {
    expect(ask(0x19e, 'RR')).toEqual(['linked', 'R/O', null]);
  });

  it('a hashed password that was not given: CP prompts for it', () => {
    expect(ask(0x19e, 'MR')).toEqual(['password-required', 'ENTER MULT PASSWORD:']);
    expect(ask(0x19e, 'W')).toEqual(['password-required', 'ENTER WRITE PASSWORD:']);
    expect(ask(0x191, 'R')).toEqual(['password-required', 'ENTER READ PASSWORD:']);
  });

  it('the right password links; the primary letter of the mode picks which password', () => {
    expect(ask(0x19e, 'MR', { password: 'SYSMULT' })).toEqual(['linked', 'R/W', null]);
    expect(ask(0x19e, 'WR', { password: 'syswrite' })).toEqual(['linked', 'R/W', null]);
    expect(ask(0x191, 'RR', { password: 'RPASS' })).toEqual(['linked', 'R/O', null]);
  });

  it('a wrong password, or the password of another mode, is refused', () => {
    expect(ask(0x19e, 'MR', { password: 'SYSWRITE' })).toEqual(['refused', 'DMKLNK114E MAINT 19E NOT LINKED; MODE OR PASSWORD INCORRECT']);
    expect(ask(0x191, 'R', { password: 'WRONG' })).toEqual(['refused', 'DMKLNK114E MAINT 191 NOT LINKED; MODE OR PASSWORD INCORRECT']);
  });

  it('a disk without a password for the mode cannot be linked in that mode by others', () => {
    expect(ask(0x191, 'W', { password: 'RPASS' })).toEqual(['refused', 'DMKLNK112E MAINT 191 NOT LINKED; NO WRITE PASSWORD']);
    expect(ask(0x191, 'M')).toEqual(['refused', 'DMKLNK113E MAINT 191 NOT LINKED; NO MULT PASSWORD']);
    expect(ask(0x193, 'RR')).toEqual(['refused', 'DMKLNK111E MAINT 193 NOT LINKED; NO READ PASSWORD']);
  });

  it('the owner links its own disks without passwords; the default mode is then the directory mode', () => {
    const own = decideLink({ ...request(undefined), userid: 'MAINT', ownerVaddr: 0x193 }, target(0x193), []);
    expect(summary(own)).toEqual(['linked', 'R/W', null]);
    expect(own.outcome === 'linked' && own.mode.mode).toBe('MR');
  });

  it('another user without a mode gets R', () => {
    const d = decideLink(request(undefined), target(0x19e), []);
    expect(d.outcome === 'linked' && [d.mode.mode, d.access]).toEqual(['R', 'R/O']);
  });

  it('LINK statements of the directory need no password', () => {
    expect(ask(0x193, 'RR', { source: 'directory' })).toEqual(['linked', 'R/O', null]);
    expect(ask(0x19e, 'MW', { source: 'directory' })).toEqual(['linked', 'R/W', null]);
  });

  it('from a CMS batch job a password must be given even when the disk says ALL', () => {
    expect(ask(0x19e, 'RR', { batch: true })).toEqual(['refused', 'DMKLNK114E MAINT 19E NOT LINKED; MODE OR PASSWORD INCORRECT']);
    expect(ask(0x19e, 'RR', { batch: true, password: 'ANYTHING' })).toEqual(['linked', 'R/O', null]);
  });

  it('OPTION LNKNOPAS (Community Edition) links without passwords', () => {
    expect(ask(0x193, 'MW', { noPasswordNeeded: true })).toEqual(['linked', 'R/W', null]);
  });

  it('clear passwords of a parsed USER DIRECT work the same as the hashes', () => {
    const t = targetFromSource(dir, 'maint', 0x19e)!;
    expect(summary(decideLink(request('MR', { password: 'sysmult' }), t, []))).toEqual(['linked', 'R/W', null]);
    expect(summary(decideLink(request('MR', { password: 'X' }), t, []))).toEqual(['refused', 'DMKLNK114E MAINT 19E NOT LINKED; MODE OR PASSWORD INCORRECT']);
  });
});

describe('LINK failures before the access rules', () => {
  it('a user or disk not in the directory: DMKLNK107E', () => {
    expect(summary(decideLink(request('RR'), undefined, []))).toEqual(['refused', 'DMKLNK107E MAINT 19E NOT LINKED; NOT IN CP DIRECTORY']);
  });

  it('a T-DISK cannot be linked: DMKLNK109E', () => {
    expect(summary(decideLink(request('RR'), { ...OPEN_DISK, kind: 'tdisk' }, []))).toEqual(['refused', 'DMKLNK109E MAINT 19E NOT LINKED; INVALID LINK DEVICE']);
  });

  it('the address is taken in the linker\'s machine: DMKLNK110E names the device there', () => {
    const inUse = new Map([[AS, 'DASD']]);
    expect(summary(decideLink(request('RR', { devicesInUse: inUse }), OPEN_DISK, []))).toEqual(['refused', 'DMKLNK110E MAINT 19E NOT LINKED; DASD 291 ALREADY DEFINED']);
  });

  it('the volume is not mounted: DMKLNK108E', () => {
    expect(summary(decideLink(request('RR'), { ...OPEN_DISK, mounted: false }, []))).toEqual(['refused', 'DMKLNK108E MAINT 19E NOT LINKED; VOLID VMSRES NOT MOUNTED']);
  });

  it('a mode that is not one of R RR W WR M MR MW (V)', () => {
    expect(summary(decideLink(request('RW'), OPEN_DISK, []))).toEqual(['refused', 'DMKLNK026E OPERAND MISSING OR INVALID']);
    expect(summary(decideLink(request('V'), OPEN_DISK, []))).toEqual(['refused', 'DMKLNK026E OPERAND MISSING OR INVALID']);
  });
});

describe('the link list: LINK adds, DETACH and LOGOFF remove', () => {
  it('a granted link is added; a refused one is not', () => {
    const req = request('MR');
    const granted = decideLink(req, OPEN_DISK, []);
    const links = addLink([], req, granted);
    expect(links).toEqual([{ userid: 'CMSUSER', vaddr: AS, owner: OWNER, ownerVaddr: DISK, access: 'R/W', mode: { mode: 'MR', virtualReserve: false } }]);
    const refused = decideLink(request('W', { userid: 'PETER' }), OPEN_DISK, links);
    expect(refused.outcome).toBe('not-linked');
    expect(addLink(links, request('W', { userid: 'PETER' }), refused)).toEqual(links);
  });

  it('DETACH frees the disk: a W link refused before is granted after', () => {
    let links = addLink([], request('MR'), decideLink(request('MR'), OPEN_DISK, []));
    const peter = request('W', { userid: 'PETER', vaddr: 0x19e });
    expect(summary(decideLink(peter, OPEN_DISK, links))).toEqual(['refused', 'DMKLNK105E MAINT 19E NOT LINKED; R/W BY CMSUSER']);
    const det = detachLink(links, 'CMSUSER', AS);
    expect(det.ok && formatCpMessage(det.message)).toBe('DASD 291 DETACHED');
    links = det.links;
    expect(links).toEqual([]);
    expect(summary(decideLink(peter, OPEN_DISK, links))).toEqual(['linked', 'R/W', null]);
  });

  it('DETACH of an address the user does not have', () => {
    const det = detachLink([rec('PETER', 'R/O', 0x300)], 'CMSUSER', 0x300);
    expect(det.ok).toBe(false);
    expect(formatCpMessage(det.message)).toBe('DMKVDD040E DEV 300 DOES NOT EXIST');
    expect(det.links).toHaveLength(1);
  });

  it('LOGOFF drops every link of the user and no one else\'s', () => {
    const links = [rec('PETER', 'R/O', 0x300), rec('CMSUSER', 'R/O', 0x301), rec('CMSUSER', 'R/W', 0x302)];
    expect(detachAllLinks(links, 'CMSUSER')).toEqual([links[0]]);
  });
});
