// The spool as users see it (VM/370 CP Command Reference R6: SPOOL, CLOSE, QUERY RDR/PRT/PUN/FILES):
// files punched to another user arrive in their reader; the reader's options decide what becomes
// of a file it has read.

import { describe, expect, it } from 'vitest';
import { spoolDeviceEntry } from '../../../src/cp/spool/index.ts';
import type { CpUser } from '../../../src/cp/control-program.ts';
import { VirtualPunch } from '../../../src/cp/vm/unit-record.ts';
import { setPswHex } from '../../../src/cpu/psw.ts';
import { fromEbcdic, toEbcdic } from '../../../src/ebcdic/index.ts';
import { cp, punch, readFile, startSite } from './helpers.ts';

describe('SPOOL PUN TO userid and CLOSE: a file for another user\'s reader', () => {
  it('CLOSE says PUN FILE nnnn TO user; the receiver is told RDR FILE nnnn FROM sender and reads the cards back', () => {
    const site = startSite();
    const guest = site.logon('GUEST');
    const maint = site.logon('MAINT');
    expect(cp(guest.user, 'SPOOL PUN TO MAINT')).toEqual({ rc: 0, lines: [] });
    punch(guest.user, ['CARD ONE', 'CARD TWO', 'CARD THREE']);
    expect(cp(guest.user, 'CLOSE PUN')).toEqual({ rc: 0, lines: ['PUN FILE 0001 TO MAINT COPY 01 NOHOLD'] });
    expect(maint.terminal.lines).toContain('RDR FILE 0001 FROM GUEST PUN COPY 01 NOHOLD');
    expect(readFile(maint.user)).toEqual(['CARD ONE', 'CARD TWO', 'CARD THREE', 'EOF']);
    // Read to its end by a reader spooled NOHOLD, the file is released: gone.
    expect(cp(maint.user, 'QUERY RDR ALL').lines).toEqual(['NO RDR FILES']);
    expect(readFile(maint.user)).toEqual(['EMPTY']);
  });

  it('the reader gets device end when a file arrives (the guest sees the reader become ready)', () => {
    const site = startSite();
    const guest = site.logon('GUEST');
    const maint = site.logon('MAINT');
    const events: number[] = [];
    maint.user.vm.reader!.attach({ unsolicited: (s) => events.push(s), complete: () => {} });
    cp(guest.user, 'SP 00D MAINT');
    punch(guest.user, ['X']);
    cp(guest.user, 'CLOSE 00D');
    expect(events).toEqual([0x04]);
  });

  it('a file for a user who is not logged on waits; LOGON shows FILES: 001 RDR, NO PRT, NO PUN', () => {
    const site = startSite();
    const guest = site.logon('GUEST');
    cp(guest.user, 'SPOOL PUNCH TO CMSUSER CL B');
    punch(guest.user, ['HELLO']);
    expect(cp(guest.user, 'CLOSE PUNCH NAME HELLO DECK').lines).toEqual(['PUN FILE 0001 TO CMSUSER COPY 01 NOHOLD']);
    const cmsuser = site.logon('CMSUSER');
    // R6 LOGON: the FILES line comes just before LOGON AT.
    const files = cmsuser.terminal.lines.indexOf('FILES: 001 RDR, NO PRT, NO PUN');
    expect(files).toBeGreaterThanOrEqual(0);
    expect(cmsuser.terminal.lines[files + 1]).toMatch(/^LOGON AT /);
    expect(cp(cmsuser.user, 'QUERY RDR').lines).toEqual([
      'OWNERID  FILE CLASS RECDS  CPY HOLD',
      'GUEST    0001 B PUN 000001  01 NONE',
    ]);
    expect(cp(cmsuser.user, 'Q R ALL').lines).toEqual([
      'OWNERID  FILE CLASS RECDS  CPY HOLD   DATE  TIME    NAME     TYPE     DIST',
      'GUEST    0001 B PUN 000001  01 NONE 01/19 13:10:22  HELLO    DECK     GUEST',
    ]);
    expect(cp(cmsuser.user, 'QUERY RDR 1').lines).toHaveLength(2);
    expect(cp(cmsuser.user, 'QUERY FILES').lines).toEqual(['FILES: 001 RDR, NO PRT, NO PUN']);
    expect(cp(cmsuser.user, 'QUERY FILES CLASS A').lines).toEqual(['FILES: NO RDR, NO PRT, NO PUN']);
    expect(readFile(cmsuser.user)).toEqual(['HELLO', 'EOF']);
  });

  it('SPOOL options show in QUERY VIRTUAL; a reader of class A does not read a class B file', () => {
    const site = startSite();
    const guest = site.logon('GUEST');
    cp(guest.user, 'SPOOL PRT CLASS C COPY 3 HOLD CONT');
    expect(cp(guest.user, 'QUERY VIRTUAL PRT').lines).toEqual(['PRT  00E CL C CONT   HOLD   COPY 03    READY']);
    cp(guest.user, 'SPOOL RDR NOEOF');
    expect(cp(guest.user, 'QUERY VIRTUAL RDR').lines).toEqual(['RDR  00C CL * NOCONT NOHOLD NOEOF      READY']);
    cp(guest.user, 'SPOOL RDR EOF');
    cp(guest.user, 'SPOOL PUN TO * CLASS B');
    expect(cp(guest.user, 'QUERY VIRTUAL PUN').lines).toEqual(['PUN  00D CL B NOCONT NOHOLD COPY 01    READY TO GUEST']);
    punch(guest.user, ['B FILE']);
    expect(cp(guest.user, 'CLOSE PUN').lines).toEqual(['PUN FILE 0001 TO GUEST COPY 01 NOHOLD']);
    cp(guest.user, 'SPOOL RDR CLASS A');
    expect(readFile(guest.user)).toEqual(['EMPTY']);
    cp(guest.user, 'SPOOL RDR CLASS *');
    expect(readFile(guest.user)).toEqual(['B FILE', 'EOF']);
  });

  it('CLOSE of an empty punch says nothing; CLOSE PURGE discards the cards; SPOOL ... PURGE too', () => {
    const site = startSite();
    const guest = site.logon('GUEST');
    cp(guest.user, 'SPOOL PUN TO *');
    expect(cp(guest.user, 'CLOSE PUN')).toEqual({ rc: 0, lines: [] });
    punch(guest.user, ['GONE']);
    expect(cp(guest.user, 'CLOSE PUN PURGE')).toEqual({ rc: 0, lines: [] });
    punch(guest.user, ['GONE TOO']);
    expect(cp(guest.user, 'SPOOL PUN PURGE')).toEqual({ rc: 0, lines: [] });
    expect(cp(guest.user, 'CLOSE PUN')).toEqual({ rc: 0, lines: [] });
    expect(cp(guest.user, 'QUERY RDR').lines).toEqual(['NO RDR FILES']);
  });

  it('a NOEOF reader ends a file with intervention required instead of unit exception', () => {
    const site = startSite();
    const guest = site.logon('GUEST');
    cp(guest.user, 'SPOOL PUN TO *');
    punch(guest.user, ['ONLY']);
    cp(guest.user, 'CLOSE PUN');
    cp(guest.user, 'SPOOL RDR NOEOF');
    expect(readFile(guest.user)).toEqual(['ONLY', 'EMPTY']);
  });

  it('wrong operands give R6 messages, never an exception', () => {
    const site = startSite();
    const guest = site.logon('GUEST');
    expect(cp(guest.user, 'SPOOL PUN TO NOBODY')).toEqual({ rc: 53, lines: ['DMKCSP053E NOBODY NOT IN CP DIRECTORY'] });
    // Without TO a word that is no option is the user id (R6 SPOOL: "If TO is omitted ...").
    expect(cp(guest.user, 'SPOOL PUN FROBNIC')).toEqual({ rc: 53, lines: ['DMKCSP053E FROBNIC NOT IN CP DIRECTORY'] });
    expect(cp(guest.user, 'SPOOL PUN TO TOOLONGNAME')).toEqual({ rc: 20, lines: ['DMKCSP020E USERID MISSING OR INVALID'] });
    expect(cp(guest.user, 'SPOOL RDR COPY 2')).toEqual({ rc: 3, lines: ['DMKCSP003E INVALID OPTION - COPY'] });
    expect(cp(guest.user, 'SPOOL PUN COPY 0')).toEqual({ rc: 26, lines: ['DMKCSP026E OPERAND MISSING OR INVALID'] });
    expect(cp(guest.user, 'SPOOL PUN')).toEqual({ rc: 26, lines: ['DMKCSP026E OPERAND MISSING OR INVALID'] });
    expect(cp(guest.user, 'SPOOL')).toEqual({ rc: 22, lines: ['DMKCSP022E VADDR MISSING OR INVALID'] });
    expect(cp(guest.user, 'CLOSE 123')).toEqual({ rc: 40, lines: ['DMKCSP040E DEV 123 DOES NOT EXIST'] });
    expect(cp(guest.user, 'CLOSE RDR PURGE')).toEqual({ rc: 3, lines: ['DMKCSP003E INVALID OPTION - PURGE'] });
    expect(cp(guest.user, 'PURGE RDR 77')).toEqual({ rc: 42, lines: ['DMKCSU042E SPOOLID 0077 DOES NOT EXIST'] });
    expect(cp(guest.user, 'PURGE')).toEqual({ rc: 26, lines: ['DMKCSU026E OPERAND MISSING OR INVALID'] });
    expect(cp(guest.user, 'TRANSFER ALL TO NOBODY')).toEqual({ rc: 53, lines: ['DMKCSU053E NOBODY NOT IN CP DIRECTORY'] });
    expect(cp(guest.user, 'CHANGE RDR 5')).toEqual({ rc: 26, lines: ['DMKCSU026E OPERAND MISSING OR INVALID'] });
    // A general user naming another user's files: the class D form is not theirs.
    expect(cp(guest.user, 'PURGE MAINT RDR ALL')).toEqual({ rc: 3, lines: ['DMKCSU003E INVALID OPTION - MAINT'] });
    expect(cp(guest.user, 'START PRT')).toEqual({ rc: 1, lines: ['DMKCFC001E ?CP: START'] });
    expect(cp(guest.user, 'QUERY HOLD').rc).not.toBe(0);
  });
});

describe('CONT on a punch, SPOOL ... CLOSE, FOR, and devices defined later', () => {
  it('a punch spooled CONT ignores CLOSE (from the guest or typed); SPOOL PUN CLOSE ends the file', () => {
    const site = startSite();
    const guest = site.logon('GUEST');
    cp(guest.user, 'SPOOL PUN CONT TO *');
    punch(guest.user, ['PART 1']);
    const fromGuest: string[] = [];
    guest.user.vm.executeCommand('CLOSE 00D', (l) => fromGuest.push(l), true);
    expect(fromGuest).toEqual([]);
    expect(cp(guest.user, 'CLOSE 00D').lines).toEqual([]);
    punch(guest.user, ['PART 2']);
    expect(cp(guest.user, 'SPOOL PUN CLOSE').lines).toEqual(['PUN FILE 0001 TO GUEST COPY 01 NOHOLD']);
    expect(readFile(guest.user)).toEqual(['PART 1', 'PART 2', 'EOF']);
    cp(guest.user, 'SPOOL PUN NOCONT');
    punch(guest.user, ['ALONE']);
    expect(cp(guest.user, 'CLOSE 00D').lines).toEqual(['PUN FILE 0002 TO GUEST COPY 01 NOHOLD']);
  });

  it('CLOSE answers only for several copies, a file sent to a reader, or a held file; SET IMSG OFF silences it', () => {
    const site = startSite();
    const guest = site.logon('GUEST');
    site.cp.spool.drain('punch');
    punch(guest.user, ['ONE COPY']);
    expect(cp(guest.user, 'CLOSE PUN').lines).toEqual([]);
    cp(guest.user, 'SPOOL PUN COPY 2');
    punch(guest.user, ['TWO COPIES']);
    expect(cp(guest.user, 'CLOSE PUN').lines).toEqual(['PUN FILE 0002 FOR GUEST COPY 02 NOHOLD']);
    cp(guest.user, 'SPOOL PUN COPY 1 FOR MAINT');
    punch(guest.user, ['FOR MAINT']);
    expect(cp(guest.user, 'CLOSE PUN HOLD').lines).toEqual(['PUN FILE 0003 FOR MAINT COPY 01 HOLD']);
    guest.user.vm.settings.set('IMSG', 'OFF');
    punch(guest.user, ['QUIET']);
    expect(cp(guest.user, 'CLOSE PUN HOLD').lines).toEqual([]);
    // FOR: the file is MAINT's, waiting for the real punch.
    expect(site.cp.spool.list('PUN').map((f) => [f.id, f.owner, f.origin, f.dist])).toEqual([
      [1, 'GUEST', 'GUEST', 'GUEST'], [2, 'GUEST', 'GUEST', 'GUEST'], [3, 'MAINT', 'GUEST', 'MAINT'], [4, 'MAINT', 'GUEST', 'MAINT'],
    ]);
  });

  it('a punch made for DEFINE (spoolDeviceEntry) is bound to the spool: SPOOL and CLOSE work on it', () => {
    const site = startSite();
    const guest = site.logon('GUEST');
    const maint = site.logon('MAINT');
    const entry = spoolDeviceEntry('punch', 0x01d, guest.user, site.cp.spool);
    guest.user.vm.attachDevice(entry);
    expect(entry.describe()).toBe('PUN  01D CL A NOCONT NOHOLD COPY 01    READY');
    cp(guest.user, 'SPOOL 01D TO MAINT');
    (entry.device as VirtualPunch).startCommand({ command: 0x01, flags: 0x20, count: 80, chained: false }, toEbcdic('FROM 01D'));
    expect(cp(guest.user, 'CLOSE 01D').lines).toEqual(['PUN FILE 0001 TO MAINT COPY 01 NOHOLD']);
    expect(readFile(maint.user)).toEqual(['FROM 01D', 'EOF']);
  });
});

/**
 * Runs a guest program in the user's machine: CAW X'48' -> the CCW at X'500' (command `ccw`, data
 * at X'600', `count` bytes, SLI); at X'400': TIO, SIO, TIO/BC loop on `device`, LPSW of a
 * disabled wait. The CSW the SIO or a TIO stored is at X'40'.
 */
function runChannelProgram(user: CpUser, device: number, ccw: number, count: number, data?: string): void {
  const vm = user.vm;
  const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/ /g, ''), 'hex'));
  const d = device.toString(16).padStart(4, '0');
  vm.storage.load(0x48, hex('00000500'));
  vm.storage.load(0x500, hex(`${ccw.toString(16).padStart(2, '0')}000600 2000${count.toString(16).padStart(4, '0')}`));
  if (data !== undefined) vm.storage.load(0x600, toEbcdic(data.padEnd(count)));
  vm.storage.load(0x400, hex(`9D00${d} 9C00${d} 9D00${d} 47700408 82000418 00000000 00020000 0000ABCD`));
  setPswHex(vm.cpu, '0000000000000400');
  vm.state = 'running';
  for (let i = 0; i < 100 && vm.state === 'running'; i++) vm.run(10_000);
}

describe('a guest program punches and reads through its channel programs', () => {
  it('GUEST\'s program punches a card with SIO to 00D; after CLOSE, MAINT\'s program reads it with SIO to 00C', () => {
    const site = startSite();
    const guest = site.logon('GUEST');
    const maint = site.logon('MAINT');
    cp(guest.user, 'SPOOL PUNCH TO MAINT');
    runChannelProgram(guest.user, 0x00d, 0x41, 24, 'PUNCHED BY A PROGRAM');
    expect(guest.terminal.lines.at(-1)).toBe("DMKDSP450W CP ENTERED; DISABLED WAIT PSW '00020000 0000ABCD'");
    expect(cp(guest.user, 'CLOSE 00D').lines).toEqual(['PUN FILE 0001 TO MAINT COPY 01 NOHOLD']);
    // MAINT's reader has a device end pending for the arrival; the program's first TIO takes it.
    runChannelProgram(maint.user, 0x00c, 0x02, 80);
    expect(fromEbcdic(maint.user.vm.storage.bytes.subarray(0x600, 0x618)).trimEnd()).toBe('PUNCHED BY A PROGRAM');
    // The next read finds the end of the file: unit exception, and the NOHOLD reader releases it.
    runChannelProgram(maint.user, 0x00c, 0x02, 80);
    expect(maint.user.vm.storage.bytes[0x44]! & 0x01).toBe(0x01);
    expect(cp(maint.user, 'QUERY RDR').lines).toEqual(['NO RDR FILES']);
  });
});

describe('IPL from the reader', () => {
  it('IPL 00C reads the first card of a reader file: its PSW is loaded (here a disabled wait)', () => {
    const site = startSite();
    const guest = site.logon('GUEST');
    const maint = site.logon('MAINT');
    // Card 1: the IPL PSW (disabled wait, code X'ABCD') and a NOP CCW that ends the IPL chain.
    const card = Buffer.alloc(80, 0x40);
    Buffer.from('000200000000ABCD0300000020000001', 'hex').copy(card);
    cp(guest.user, 'SPOOL PUN TO MAINT');
    guest.user.vm.punch!.startCommand({ command: 0x41, flags: 0, count: 80, chained: false }, card);
    cp(guest.user, 'CLOSE PUN');
    expect(cp(maint.user, 'IPL 00C')).toEqual({ rc: 0, lines: [] });
    maint.user.vm.run(1000);
    expect(maint.terminal.lines).toContain("DMKDSP450W CP ENTERED; DISABLED WAIT PSW '00020000 0000ABCD'");
  });
});
