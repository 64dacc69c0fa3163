import { describe, expect, it } from 'vitest';
import { run, useTestCp } from './user-helpers.ts';

const start = useTestCp();

describe('MSG', () => {
  it('MSG userid text: the receiver sees hh:mm:ss MSG FROM sender: text, the sender nothing', () => {
    const t = start();
    const guest = t.logon('GUEST');
    const maint = t.logon('MAINT');
    const before = maint.terminal.refreshes;
    expect(run(guest.user, 'MSG MAINT Hello,  there')).toEqual({ code: 0, lines: [] });
    expect(maint.terminal.lines.at(-1)).toBe('13:10:22 MSG FROM GUEST   : Hello,  there');
    // Shown at once, without waking the receiver's machine.
    expect(maint.terminal.refreshes).toBe(before + 1);
    expect(guest.terminal.lines.some((l) => l.includes('MSG FROM'))).toBe(false);
  });

  it('M and MESSAGE are MSG; ME is the shortest MESSAGE', () => {
    const t = start();
    const guest = t.logon('GUEST');
    const maint = t.logon('MAINT');
    run(guest.user, 'M MAINT one');
    run(guest.user, 'MESSAGE MAINT two');
    run(guest.user, 'ME maint three');
    expect(maint.terminal.lines.slice(-3)).toEqual([
      '13:10:22 MSG FROM GUEST   : one',
      '13:10:22 MSG FROM GUEST   : two',
      '13:10:22 MSG FROM GUEST   : three',
    ]);
  });

  it('MSG * goes to the sender; MSG OPERATOR (and OP) to the system operator', () => {
    const t = start();
    const guest = t.logon('GUEST');
    const operator = t.logon('OPERATOR', null);
    run(guest.user, 'MSG * note to self');
    expect(guest.terminal.lines.at(-1)).toBe('13:10:22 MSG FROM GUEST   : note to self');
    run(guest.user, 'MSG OPERATOR please mount tape 123');
    expect(operator.terminal.lines.at(-1)).toBe('13:10:22 MSG FROM GUEST   : please mount tape 123');
    run(guest.user, 'MSG OP again');
    expect(operator.terminal.lines.at(-1)).toBe('13:10:22 MSG FROM GUEST   : again');
  });

  it('MSG OPERATOR goes to whoever is logged on at the system console', () => {
    const t = start();
    const guest = t.logon('GUEST');
    const maint = t.logon('MAINT', null);
    run(guest.user, 'MSG OPERATOR disk full');
    expect(maint.terminal.lines.at(-1)).toBe('13:10:22 MSG FROM GUEST   : disk full');
  });

  it('MSG to a user not logged on: DMKMSG045E', () => {
    const t = start();
    const guest = t.logon('GUEST');
    expect(run(guest.user, 'MSG NOBODY hi')).toEqual({ code: 45, lines: ['DMKMSG045E NOBODY NOT LOGGED ON'] });
  });

  it('MSG to a user with SET MSG OFF, or disconnected: DMKMSG057W, and nothing arrives', () => {
    const t = start();
    const guest = t.logon('GUEST');
    const maint = t.logon('MAINT');
    run(maint.user, 'SET MSG OFF');
    const count = maint.terminal.lines.length;
    expect(run(guest.user, 'MSG MAINT hi')).toEqual({ code: 57, lines: ['DMKMSG057W MAINT NOT RECEIVING; MSG OFF'] });
    expect(maint.terminal.lines).toHaveLength(count);
    t.logon('CMSUSER', 'dsc');
    expect(run(guest.user, 'MSG CMSUSER hi').lines).toEqual(['DMKMSG057W CMSUSER NOT RECEIVING; DISCONNECTED']);
    run(maint.user, 'SET MSG ON');
    run(guest.user, 'MSG MAINT hi');
    expect(maint.terminal.lines.at(-1)).toBe('13:10:22 MSG FROM GUEST   : hi');
  });

  it('MSG without a user id: DMKMSG020E', () => {
    const t = start();
    const guest = t.logon('GUEST');
    expect(run(guest.user, 'MSG')).toEqual({ code: 20, lines: ['DMKMSG020E USERID MISSING OR INVALID'] });
  });

  it('MSG ALL (class A or B) reaches every user that receives messages', () => {
    const t = start();
    const operator = t.logon('OPERATOR', null);
    const guest = t.logon('GUEST');
    const cms = t.logon('CMSUSER');
    run(cms.user, 'SET MSG OFF');
    run(operator.user, 'MSG ALL system going down at 17:00');
    expect(guest.terminal.lines.at(-1)).toBe('13:10:22 MSG FROM OPERATOR: system going down at 17:00');
    expect(cms.terminal.lines.some((l) => l.includes('going down'))).toBe(false);
  });

  it('for a class G user MSG ALL is a message to a user called ALL', () => {
    const t = start();
    const guest = t.logon('GUEST');
    expect(run(guest.user, 'MSG ALL hi').lines).toEqual(['DMKMSG045E ALL NOT LOGGED ON']);
  });

  it('a guest sends a message through DIAGNOSE X\'08\' as CMS does', () => {
    const t = start();
    const guest = t.logon('GUEST');
    const maint = t.logon('MAINT');
    expect(guest.user.vm.executeCommand('MSG MAINT from an exec', () => {}, true)).toBe(0);
    expect(maint.terminal.lines.at(-1)).toBe('13:10:22 MSG FROM GUEST   : from an exec');
  });
});

describe('WARNING and MSGNOH', () => {
  it('WARNING (class A/B) arrives as WNG FROM; SET WNG OFF refuses it', () => {
    const t = start();
    const operator = t.logon('OPERATOR', null);
    const guest = t.logon('GUEST');
    run(operator.user, 'WARNING GUEST log off now');
    expect(guest.terminal.lines.at(-1)).toBe('13:10:22 WNG FROM OPERATOR: log off now');
    run(operator.user, 'W GUEST short form');
    expect(guest.terminal.lines.at(-1)).toBe('13:10:22 WNG FROM OPERATOR: short form');
    run(guest.user, 'SET WNG OFF');
    expect(run(operator.user, 'WNG GUEST again').lines).toEqual(['DMKMSG057W GUEST NOT RECEIVING; WNG OFF']);
    // SET MSG OFF does not stop warnings.
    run(guest.user, 'SET WNG ON');
    run(guest.user, 'SET MSG OFF');
    run(operator.user, 'WNG GUEST still');
    expect(guest.terminal.lines.at(-1)).toBe('13:10:22 WNG FROM OPERATOR: still');
  });

  it('MSGNOH (class A/B) writes the text alone', () => {
    const t = start();
    const operator = t.logon('OPERATOR', null);
    const guest = t.logon('GUEST');
    run(operator.user, 'MSGNOH GUEST RSCS: FILE ARRIVED');
    expect(guest.terminal.lines.at(-1)).toBe('RSCS: FILE ARRIVED');
  });

  it('a class G user may not WARNING or MSGNOH: the commands are unknown to it', () => {
    const t = start();
    const guest = t.logon('GUEST');
    t.logon('MAINT');
    expect(run(guest.user, 'WARNING MAINT x')).toEqual({ code: 1, lines: ['DMKCFC001E ?CP: WARNING'] });
    expect(run(guest.user, 'MSGNOH MAINT x').lines).toEqual(['DMKCFC001E ?CP: MSGNOH']);
  });
});
