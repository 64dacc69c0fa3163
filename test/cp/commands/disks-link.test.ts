// LINK, DETACH and QUERY LINKS at run time (VM/370 CP Command Reference for General Users R6):
// the mode rules across every logged-on user's links, passwords and the password prompt, the
// messages, and links given up by DETACH and LOGOFF.
import { describe, expect, it } from 'vitest';
import { useDiskTestCp } from '../links/cp-fixture.ts';

const setup = useDiskTestCp();

describe('LINK', () => {
  it('LINK MAINT 19E AS 29E RR gives a read-only disk the owner shares R/W, and says so', () => {
    const t = setup();
    t.logon('MAINT');
    const { user } = t.logon('GUEST');
    const r = t.command(user, 'LINK MAINT 19E 29E RR');
    expect(r).toEqual({ code: 0, lines: ['DASD 29E LINKED R/O; R/W BY MAINT'] });
    expect(t.command(user, 'QUERY VIRTUAL 29E').lines).toEqual(['DASD 29E 3350 VMSRES R/O     10 CYL']);
    expect(t.system.links.at('GUEST', 0x29e)).toMatchObject({ owner: 'MAINT', ownerVaddr: 0x19e, access: 'R/O' });
  });

  it('accepts TO, AS, * for the issuer itself, and abbreviations down to LINK', () => {
    const t = setup();
    const { user } = t.logon('PETER');
    // Nobody else has PETER 192: the link is made without a word.
    expect(t.command(user, 'LINK TO * 192 AS 392 RR')).toEqual({ code: 0, lines: [] });
    expect(user.vm.io.entry(0x392)?.describe()).toBe('DASD 392 3350 VMSRES R/O      1 CYL');
    expect(t.command(user, 'LIN * 192 393 RR')).toEqual({ code: 1, lines: ['DMKCFC001E ?CP: LIN'] });
  });

  it('mode R is refused while someone has the disk R/W (DMKLNK105E)', () => {
    const t = setup();
    t.logon('MAINT');
    const { user } = t.logon('GUEST');
    expect(t.command(user, 'LINK MAINT 19E 29E R')).toEqual({ code: 105, lines: ['DMKLNK105E MAINT 19E NOT LINKED; R/W BY MAINT'] });
    expect(user.vm.io.entry(0x29e)).toBeUndefined();
  });

  it('mode MR gives read-only access when another user writes (DMKLNK103W: R/W and R/O holders)', () => {
    const t = setup();
    const peter = t.logon('PETER').user;
    const paul = t.logon('PAUL').user;
    const guest = t.logon('GUEST').user;
    expect(t.command(paul, 'LINK PETER 191 291 RR RPASS')).toEqual({ code: 0, lines: ['DASD 291 LINKED R/O; R/W BY PETER'] });
    expect(t.command(guest, 'LINK PETER 191 291 MR PASS= MPASS').lines).toEqual(['DMKLNK103W DASD 291 FORCED R/O; R/W BY PETER; R/O BY PAUL']);
    expect(guest.vm.io.entry(0x291)?.describe()).toContain('R/O');
    expect(t.command(peter, 'QUERY LINKS 191').lines).toEqual(['PETER    191 R/W, PAUL     291 R/O, GUEST    291 R/O']);
  });

  it('mode W is refused while anyone else has the disk; after DETACH it is granted', () => {
    const t = setup();
    const peter = t.logon('PETER').user;
    const paul = t.logon('PAUL').user;
    expect(t.command(peter, 'LINK PAUL 191 391 W').code).toBe(105);
    expect(t.command(paul, 'DETACH 191')).toEqual({ code: 0, lines: ['DASD 191 DETACHED'] });
    expect(t.command(peter, 'LINK PAUL 191 391 W')).toEqual({ code: 0, lines: [] });
    expect(peter.vm.io.entry(0x391)?.describe()).toBe('DASD 391 3350 VMSRES R/W      2 CYL');
  });

  it('a wrong password is refused (DMKLNK114E); a disk without a password for the mode cannot be linked (DMKLNK111E)', () => {
    const t = setup();
    const { user } = t.logon('GUEST');
    expect(t.command(user, 'LINK PETER 191 291 R PASS=WRONG')).toEqual({ code: 114, lines: ['DMKLNK114E PETER 191 NOT LINKED; MODE OR PASSWORD INCORRECT'] });
    expect(t.command(user, 'LINK CMSUSER 191 291 RR')).toEqual({ code: 111, lines: ['DMKLNK111E CMSUSER 191 NOT LINKED; NO READ PASSWORD'] });
    expect(t.command(user, 'LINK NOBODY 191 291 RR').lines).toEqual(['DMKLNK107E NOBODY 191 NOT LINKED; NOT IN CP DIRECTORY']);
  });

  it('without PASS= CP asks ENTER WRITE PASSWORD: at the terminal and links with the answer', () => {
    const t = setup();
    const { user, terminal } = t.logon('GUEST');
    terminal.answers.push('wpass');
    const r = t.command(user, 'LINK PETER 191 291 W');
    expect(terminal.prompts).toEqual(['ENTER WRITE PASSWORD:']);
    expect(r.code).toBe(0);
    expect(t.system.links.at('GUEST', 0x291)?.access).toBe('R/W');
  });

  it('a prompt the user gives up on, or a LINK from the guest, is not linked', () => {
    const t = setup();
    const { user, terminal } = t.logon('GUEST');
    terminal.answers.push(null);
    expect(t.command(user, 'LINK PETER 191 291 RR').lines).toEqual(['DMKLNK114E PETER 191 NOT LINKED; MODE OR PASSWORD INCORRECT']);
    const lines: string[] = [];
    expect(user.vm.executeCommand('LINK PETER 191 291 RR', (l) => lines.push(l), true)).toBe(114);
    expect(terminal.prompts).toEqual(['ENTER READ PASSWORD:']);
    expect(user.vm.io.entry(0x291)).toBeUndefined();
  });

  it('an address in use is refused (DMKLNK110E); bad operands get the R6 messages', () => {
    const t = setup();
    const { user } = t.logon('GUEST');
    expect(t.command(user, 'LINK MAINT 190 191 RR').lines).toEqual(['DMKLNK110E MAINT 190 NOT LINKED; DASD 191 ALREADY DEFINED']);
    expect(t.command(user, 'LINK MAINT 190 00E RR').lines).toEqual(['DMKLNK110E MAINT 190 NOT LINKED; PRT 00E ALREADY DEFINED']);
    expect(t.command(user, 'LINK MAINT').code).toBe(22);
    expect(t.command(user, 'LINK MAINT 190 290 XX').lines).toEqual(['DMKLNK026E OPERAND MISSING OR INVALID']);
    expect(t.command(user, 'LINK').code).toBe(20);
  });

  it('LOGOFF gives up every link: the disk is free for a write link again', () => {
    const t = setup();
    const peter = t.logon('PETER').user;
    const guest = t.logon('GUEST').user;
    expect(t.command(guest, 'LINK PETER 191 291 RR RPASS').code).toBe(0);
    t.cp.logoff(peter);
    expect(t.system.links.list().some((l) => l.userid === 'PETER')).toBe(false);
    expect(t.system.links.to('PETER', 0x191).map((l) => l.userid)).toEqual(['GUEST']);
    t.cp.logoff(guest);
    const again = t.logon('GUEST').user;
    expect(t.command(again, 'LINK PETER 191 291 W WPASS')).toEqual({ code: 0, lines: [] });
  });

  it('a lone virtual machine (no CP) does not know LINK', () => {
    const t = setup();
    const { user } = t.logon('GUEST');
    const lines: string[] = [];
    const code = user.vm.commands.execute(user.vm, 'LINK MAINT 190 290 RR', (l) => lines.push(l), false, {});
    expect(code).toBe(1);
    expect(lines).toEqual(['DMKCFC001E ?CP: LINK']);
  });
});

describe('links made at logon', () => {
  it('users who LINK MAINT 190, 19D and 19E in the directory get them read-only, MAINT gets them R/W', () => {
    const t = setup();
    const guest = t.logon('GUEST').user;
    expect(['190', '19D', '19E'].map((a) => guest.vm.io.entry(parseInt(a, 16))?.describe())).toEqual([
      'DASD 190 3350 VMSRES R/O     10 CYL',
      'DASD 19D 3350 VMSRES R/O      5 CYL',
      'DASD 19E 3350 VMSRES R/O     10 CYL',
    ]);
    const maint = t.logon('MAINT').user;
    expect(maint.vm.io.entry(0x190)?.describe()).toBe('DASD 190 3350 VMSRES R/W     10 CYL');
    expect(t.system.links.to('MAINT', 0x190).map((l) => `${l.userid} ${l.access}`)).toEqual(['GUEST R/O', 'MAINT R/W']);
  });

  it('a directory MR disk another user holds R/W comes forced read-only, with the warning', () => {
    const t = setup();
    const paul = t.logon('PAUL').user;
    expect(t.command(paul, 'LINK PETER 191 291 M MPASS').code).toBe(0);
    const resolved = t.system.minidisksFor(t.system.user('PETER')!);
    const own = resolved.find((r) => r.ok && r.link.address === 0x191);
    expect(own).toMatchObject({ ok: true, message: 'DMKLNK102W DASD 191 FORCED R/O; R/W BY PAUL' });
    if (own?.ok) own.link.onClose?.();
    for (const r of resolved) if (r.ok) r.link.onClose?.();
  });
});
