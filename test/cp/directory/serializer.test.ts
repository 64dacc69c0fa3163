import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  emptyOptions, INSPECTED_COLUMNS, parseUserDirect, serializeDirectory, type Directory, type UserEntry, type VolumeInfo,
} from '../../../src/cp/directory/index.ts';

const SAMPLE = readFileSync(new URL('./fixtures/r6-sample.direct', import.meta.url), 'utf8');
const VOLUMES: VolumeInfo[] = [
  { volser: 'VMSRES', devtype: '3350', cylinders: 555 },
  { volser: 'VMPK01', devtype: '3330', cylinders: 404 },
];

/** The model without source line numbers, for comparing a directory with its re-read text. */
function withoutLines(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLines);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'line').map(([k, v]) => [k, withoutLines(v)]));
  }
  return value;
}

function parsed(text: string): Directory {
  const r = parseUserDirect(text, { volumes: VOLUMES });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.directory!;
}

describe('serializeDirectory writes USER DIRECT text back', () => {
  const original = parsed(SAMPLE);
  const text = serializeDirectory(original);

  it('round trip: the written text parses to the same directory', () => {
    expect(withoutLines(parsed(text))).toEqual(withoutLines(original));
  });

  it('writing the re-read directory gives the same text (a fixed point)', () => {
    expect(serializeDirectory(parsed(text))).toBe(text);
  });

  it('the written text has no errors or warnings', () => {
    expect(parseUserDirect(text, { volumes: VOLUMES }).diagnostics).toEqual([]);
  });

  it('every line fits in the 71 columns the Directory program reads', () => {
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(INSPECTED_COLUMNS);
  });

  it('starts with DIRECTORY and lays entries out as the IBM samples do', () => {
    const lines = text.split('\n');
    expect(lines[0]).toBe('DIRECTORY 130 3350 VMSRES');
    const maint = lines.indexOf('USER MAINT CPCMS 2M 16M ABCDEFG');
    expect(lines.slice(maint, maint + 9)).toEqual([
      'USER MAINT CPCMS 2M 16M ABCDEFG',
      ' ACCOUNT SYSPROG MAINTBIN',
      ' OPTION REALTIMER ECMODE',
      ' IPL CMS',
      ' CONSOLE 009 3215',
      ' SPOOL 00C 2540 READER *',
      ' SPOOL 00D 2540 PUNCH A',
      ' SPOOL 00E 1403 A',
      '*        cuu type adr num volser mode readpw   writepw  multpw',
    ]);
    expect(lines).toContain(' MDISK   190 3350 001 061 VMSRES MR   ALL      SYSWRITE SYSMULT');
    expect(lines).toContain(' MDISK   6A1 3330 000 404 VMPK01 MWV');
    expect(lines).toContain(' MDISK   195 3330 T-DISK 005');
    expect(lines).toContain(' DEDICATE 151 VOLID OS1 R/O');
    expect(lines).toContain(' DEDICATE 180 380 3330V');
    expect(lines).toContain(' SPECIAL 020 2703 IBM');
    expect(lines).toContain(' IPL CMS PARM AUTOCR');
    expect(lines).toContain('USER OSVS1 OSVS1 4M 4M BG 20 # @ ! "');
    expect(lines).toContain('USER GUEST GUEST');
  });

  it('options that do not fit one card are split over several OPTION statements', () => {
    const osvs1 = text.split('\n').filter((l) => l.startsWith(' OPTION') && l.includes('CPUID'));
    expect(osvs1).toHaveLength(1);
    const all = text.split('\n').filter((l) => l.startsWith(' OPTION'));
    expect(all.every((l) => l.length <= INSPECTED_COLUMNS)).toBe(true);
  });

  it('a model with a positional gap is refused rather than written wrong', () => {
    const user: UserEntry = {
      userid: 'X', password: 'Y', maxStorage: 1024 * 1024, classes: ['G'], lineEditing: {}, options: emptyOptions(),
      spool: [], special: [], dedicate: [], links: [], mdisks: [], line: 1,
    };
    const dir: Directory = { location: { vaddr: 0x130, devtype: '3350', volser: 'VMSRES', line: 1 }, users: [user] };
    expect(() => serializeDirectory(dir)).toThrow('user X: operands are positional; the storage size must be set');
    user.maxStorage = undefined;
    user.mdisks.push({
      vaddr: 0x191, devtype: '3350', extent: { kind: 'permanent', startCylinder: 1, cylinders: 1, volser: 'V' },
      mode: { mode: 'MR', virtualReserve: false }, passwords: { write: 'W' }, line: 2,
    });
    expect(() => serializeDirectory(dir)).toThrow('MDISK 191: a write password needs a read password');
  });
});
