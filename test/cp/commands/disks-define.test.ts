// DEFINE (storage, another address, temporary disks, spooled devices), DETACH, and the operator's
// ATTACH / DETACH of a real volume with QUERY DASD (VM/370 CP Command References R6).
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VirtualMachine } from '../../../src/cp/vm/virtual-machine.ts';
import { cpCommandSet } from '../../../src/cp/commands/index.ts';
import { useDiskTestCp } from '../links/cp-fixture.ts';

const setup = useDiskTestCp();

describe('DEFINE', () => {
  it('DEFINE STORAGE 4M resets the machine with 4M; beyond the directory maximum it is refused', () => {
    const t = setup();
    const { user } = t.logon('PETER');
    expect(t.command(user, 'DEFINE STORAGE 4M')).toEqual({ code: 0, lines: ['STORAGE = 04096K'] });
    expect(user.vm.storageSize).toBe(4 * 1024 * 1024);
    expect(t.command(user, 'DEF STOR 1024K')).toEqual({ code: 0, lines: ['STORAGE = 01024K'] });
    expect(t.command(user, 'DEFINE STORAGE 5M')).toEqual({ code: 94, lines: ['DMKDEF094E STORAGE EXCEEDS ALLOWED MAXIMUM'] });
    expect(t.command(user, 'DEFINE STORAGE LOTS').code).toBe(26);
    expect(user.vm.storageSize).toBe(1024 * 1024);
  });

  it('DEFINE 191 AS 291 moves the disk: QUERY VIRTUAL and the link follow it', () => {
    const t = setup();
    const { user } = t.logon('GUEST');
    expect(t.command(user, 'DEFINE 191 AS 291')).toEqual({ code: 0, lines: ['DASD 291 DEFINED'] });
    expect(user.vm.io.entry(0x191)).toBeUndefined();
    expect(t.command(user, 'QUERY VIRTUAL 291').lines).toEqual(['DASD 291 3350 VMSRES R/W      5 CYL']);
    expect(t.system.links.at('GUEST', 0x291)).toMatchObject({ owner: 'GUEST', ownerVaddr: 0x191 });
    expect(t.command(user, 'DEFINE 00E 01E')).toEqual({ code: 0, lines: ['PRT 01E DEFINED'] });
    expect(t.command(user, 'DEFINE 555 AS 556').lines).toEqual(['DMKDEF040E DEV 555 DOES NOT EXIST']);
    expect(t.command(user, 'DEFINE 291 AS 190').lines).toEqual(['DMKDEF041E DEV 190 ALREADY DEFINED']);
  });

  it('DEFINE T3350 AS 192 CYL 2 gives a temporary disk that DETACH takes away with its space', () => {
    const t = setup();
    const { user } = t.logon('GUEST');
    expect(t.command(user, 'DEFINE T3350 AS 192 CYL 2')).toEqual({ code: 0, lines: ['DASD 192 DEFINED'] });
    expect(t.command(user, 'QUERY VIRTUAL 192').lines).toEqual(['DASD 192 3350 (TEMP) R/W      2 CYL']);
    const device = user.vm.io.entry(0x192)!.device as unknown as { dasd: { image: { path: string } } };
    const file = device.dasd.image.path;
    expect(file.startsWith(t.system.tdiskFolder)).toBe(true);
    expect(existsSync(file)).toBe(true);
    expect(t.command(user, 'DETACH 192')).toEqual({ code: 0, lines: ['DASD 192 DETACHED'] });
    expect(existsSync(file)).toBe(false);
    expect(t.command(user, 'DEFINE T3330 193 1')).toEqual({ code: 0, lines: ['DASD 193 DEFINED'] });
    expect(t.command(user, 'QUERY VIRTUAL 193').lines).toEqual(['DASD 193 3330 (TEMP) R/W      1 CYL']);
  });

  it('a T-disk is gone at LOGOFF; one too large or at a used address is refused', () => {
    const t = setup();
    const { user } = t.logon('GUEST');
    expect(t.command(user, 'DEFINE T3350 AS 192 CYL 1').code).toBe(0);
    const device = user.vm.io.entry(0x192)!.device as unknown as { dasd: { image: { path: string } } };
    t.cp.logoff(user);
    expect(existsSync(device.dasd.image.path)).toBe(false);
    const again = t.logon('GUEST').user;
    expect(t.command(again, 'DEFINE T3350 AS 192 CYL 1000').lines).toEqual(['DMKDEF091E DASD 192 NOT DEFINED; TEMP SPACE NOT AVAILABLE']);
    expect(t.command(again, 'DEFINE T3350 AS 191 CYL 1').lines).toEqual(['DMKDEF041E DEV 191 ALREADY DEFINED']);
  });

  it('an MDISK T-DISK of the directory is a new temporary disk at every LOGON, gone at LOGOFF', () => {
    const t = setup();
    const { user } = t.logon('PAUL');
    expect(t.command(user, 'QUERY VIRTUAL 1A0').lines).toEqual(['DASD 1A0 3330 (TEMP) R/W      2 CYL']);
    const device = user.vm.io.entry(0x1a0)!.device as unknown as { dasd: { image: { path: string } } };
    expect(existsSync(device.dasd.image.path)).toBe(true);
    t.cp.logoff(user);
    expect(existsSync(device.dasd.image.path)).toBe(false);
    expect(t.command(t.logon('GUEST').user, 'LINK PAUL 1A0 2A0 RR').lines).toEqual(['DMKLNK109E PAUL 1A0 NOT LINKED; INVALID LINK DEVICE']);
  });

  it('DEFINE PUNCH 01D and DEFINE READER 01C give spooled devices', () => {
    const t = setup();
    const { user } = t.logon('GUEST');
    expect(t.command(user, 'DEFINE PUNCH 01D')).toEqual({ code: 0, lines: ['PUN 01D DEFINED'] });
    expect(t.command(user, 'DEFINE READER AS 01C')).toEqual({ code: 0, lines: ['RDR 01C DEFINED'] });
    expect(user.vm.io.entry(0x01d)?.kind).toBe('punch');
    expect(t.command(user, 'DEFINE CONSOLE 01F').lines).toEqual(['DMKDEF003E INVALID OPTION - CONSOLE']);
  });

  it('a machine without a CP has its T-disk in the host temporary folder', () => {
    const vm = new VirtualMachine({ userid: 'LONE', storageSize: 1 << 20, commands: cpCommandSet(), spool: false });
    const lines: string[] = [];
    expect(vm.executeCommand('DEFINE T3330 AS 200 CYL 1', (l) => lines.push(l), false)).toBe(0);
    const device = vm.io.entry(0x200)!.device as unknown as { dasd: { image: { path: string } } };
    vm.close();
    expect(existsSync(device.dasd.image.path)).toBe(false);
    expect(lines).toEqual(['DASD 200 DEFINED']);
  });
});

describe('DETACH', () => {
  it('detaches any virtual device; an address with none gets DMKVDD040E', () => {
    const t = setup();
    const { user } = t.logon('GUEST');
    expect(t.command(user, 'DETACH 190 00E')).toEqual({ code: 0, lines: ['DASD 190 DETACHED', 'PRT 00E DETACHED'] });
    expect(t.system.links.at('GUEST', 0x190)).toBeUndefined();
    expect(t.command(user, 'DET 333')).toEqual({ code: 40, lines: ['DMKVDD040E DEV 333 DOES NOT EXIST'] });
    expect(t.command(user, 'DETACH').code).toBe(22);
  });
});

describe('ATTACH and QUERY DASD (class B)', () => {
  it('QUERY DASD shows the CP-owned system volume with its users and the free volume', () => {
    const t = setup();
    const { user } = t.logon('OPERATOR');
    t.logon('GUEST');
    expect(t.command(user, 'QUERY DASD').lines).toEqual(['DASD 130 CP OWNED VMSRES 002', 'DASD 131 SCRTCH 000']);
  });

  it('ATTACH 131 TO GUEST AS 181 gives the whole volume; DETACH 131 FROM GUEST takes it back', () => {
    const t = setup();
    const op = t.logon('OPERATOR').user;
    const { user: guest, terminal } = t.logon('GUEST');
    expect(t.command(op, 'ATTACH 131 TO GUEST AS 181')).toEqual({ code: 0, lines: ['DASD 131 ATTACHED TO GUEST 181'] });
    expect(terminal.lines).toContain('DASD 181 ATTACHED');
    expect(t.command(guest, 'QUERY VIRTUAL 181').lines).toEqual(['DASD 181 3330 SCRTCH R/W      4 CYL']);
    expect(t.command(op, 'QUERY DASD 131').lines).toEqual(['DASD 131 ATTACHED TO GUEST 181']);
    expect(t.command(op, 'ATTACH 131 TO OPERATOR AS 181').lines).toEqual(['DMKATT132E DEV 131 ALREADY ATTACHED TO GUEST']);
    expect(t.command(op, 'DETACH 131 FROM GUEST')).toEqual({ code: 0, lines: ['DASD 131 DETACHED FROM GUEST'] });
    expect(terminal.lines).toContain('DASD 181 DETACHED BY OPERATOR');
    expect(guest.vm.io.entry(0x181)).toBeUndefined();
    expect(t.system.attached.size).toBe(0);
  });

  it('the system volume and unknown devices cannot be attached; a general user has no ATTACH', () => {
    const t = setup();
    const op = t.logon('OPERATOR').user;
    const guest = t.logon('GUEST').user;
    expect(t.command(op, 'ATTACH 130 TO GUEST AS 180').lines).toEqual(['DMKATT128E DEV 130 IN USE BY SYSTEM']);
    expect(t.command(op, 'ATTACH 139 TO GUEST AS 180').lines).toEqual(['DMKATT040E DEV 139 DOES NOT EXIST']);
    expect(t.command(op, 'ATTACH 131 TO NOBODY AS 180').lines).toEqual(['DMKATT045E NOBODY NOT LOGGED ON']);
    expect(t.command(guest, 'ATTACH 131 TO GUEST AS 180').lines).toEqual(['DMKCFC001E ?CP: ATTACH']);
  });

  it('a user\'s DETACH or LOGOFF gives an attached volume back', () => {
    const t = setup();
    const op = t.logon('OPERATOR').user;
    const guest = t.logon('GUEST').user;
    expect(t.command(op, 'ATTACH 131 GUEST 181 R/O').code).toBe(0);
    expect(t.command(guest, 'QUERY VIRTUAL 181').lines).toEqual(['DASD 181 3330 SCRTCH R/O      4 CYL']);
    expect(t.command(guest, 'DETACH 181').lines).toEqual(['DASD 181 DETACHED']);
    expect(t.system.attached.size).toBe(0);
    expect(t.command(op, 'ATTACH 131 GUEST 181').code).toBe(0);
    t.cp.logoff(guest);
    expect(t.system.attached.size).toBe(0);
  });
});
