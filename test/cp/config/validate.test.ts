import { describe, expect, it } from 'vitest';
import {
  formatConfigError, parseSystemConfig, resolveConfigPath, systemConfigToJson, validateSystemConfig, volumesOf,
  type SystemConfig,
} from '../../../src/cp/config/index.ts';

/** A complete, valid configuration file. */
function good(): Record<string, unknown> {
  return {
    format: 'vm370-system',
    version: 1,
    systemName: 'VM/370',
    storage: '16M',
    directory: { source: 'user.direct', compiled: 'directory.json' },
    operatorConsole: { address: '009', type: '3215' },
    dasd: [
      { volser: 'VMSRES', type: '3350', address: '130', image: 'dasd/vmsres.3350' },
      { volser: 'VMPK01', type: '3330-11', address: '131', image: 'dasd/vmpk01.3330', cylinders: 400, readOnly: true },
    ],
    unitRecord: [
      { address: '00C', type: '2540R', input: 'spool/reader' },
      { address: '00D', type: '2540P', output: 'spool/punch.txt' },
      { address: '00E', type: '1403', output: 'spool/printer.txt' },
    ],
    terminals: { tn3270: { host: '0.0.0.0', port: 3270, addresses: '0C0-0DF' }, local: ['0E0'] },
    savedSystems: [
      { name: 'CMS', segments: [{ file: 'CMS.segment', loadAddress: '000000', pages: 33 }], ipl: { psw: 'state-page' } },
      { name: 'CMSSEG', segments: [{ file: 'CMSSEG.segment', loadAddress: 'F00000', pages: 16 }] },
      { name: 'TEST', segments: [{ file: 't.segment', loadAddress: '20000' }], ipl: { psw: '000400CA 80020128' } },
    ],
  };
}

function config(raw: unknown): SystemConfig {
  const r = validateSystemConfig(raw);
  if (!r.ok) throw new Error(r.errors.map(formatConfigError).join('\n'));
  return r.config;
}

function errorsOf(raw: unknown): string[] {
  const r = validateSystemConfig(raw);
  return r.ok ? [] : r.errors.map(formatConfigError);
}

/** A copy of the good configuration with one change made by `edit`. */
function changed(edit: (c: Record<string, any>) => void): Record<string, unknown> {
  const c = good() as Record<string, any>;
  edit(c);
  return c;
}

describe('a valid system configuration', () => {
  it('becomes numbers: addresses, storage, load addresses', () => {
    const c = config(good());
    expect(c.storage).toBe(16 * 1024 * 1024);
    expect(c.operatorConsole).toEqual({ address: 0x009, type: '3215' });
    expect(c.dasd[0]).toEqual({ volser: 'VMSRES', type: '3350', address: 0x130, image: 'dasd/vmsres.3350', cylinders: 555, readOnly: false });
    expect(c.dasd[1]).toMatchObject({ type: '3330-11', cylinders: 400, readOnly: true });
    expect(c.terminals).toEqual({ tn3270: { host: '0.0.0.0', port: 3270, first: 0x0c0, last: 0x0df }, local: [0x0e0] });
    expect(c.savedSystems.map((s) => [s.name, s.segments[0]!.loadAddress, s.ipl])).toEqual([
      ['CMS', 0, { from: 'state-page' }],
      ['CMSSEG', 0xf00000, undefined],
      ['TEST', 0x20000, { from: 'explicit', psw: '000400CA80020128' }],
    ]);
  });

  it('an empty object is a system with defaults and no devices', () => {
    expect(config({})).toEqual({
      systemName: 'VM/370', storage: 16 * 1024 * 1024, directory: { source: 'user.direct', compiled: 'directory.json' },
      operatorConsole: { address: 0x009, type: '3215' }, dasd: [], unitRecord: [], terminals: { local: [] }, savedSystems: [],
    });
  });

  it('writes back to JSON that reads as the same configuration', () => {
    const c = config(good());
    const json = systemConfigToJson(c);
    const back = parseSystemConfig(json);
    expect(back.ok && back.config).toEqual(c);
    expect(JSON.parse(json).dasd[0].address).toBe('130');
  });

  it('gives the volume table for checking MDISK statements (3330-11 volumes are MDISK type 3330)', () => {
    expect(volumesOf(config(good()))).toEqual([
      { volser: 'VMSRES', devtype: '3350', cylinders: 555 },
      { volser: 'VMPK01', devtype: '3330', cylinders: 400 },
    ]);
  });

  it('resolves paths against the folder of the configuration file', () => {
    expect(resolveConfigPath('/data/vm', 'dasd/vmsres.3350')).toBe('/data/vm/dasd/vmsres.3350');
    expect(resolveConfigPath('/data/vm', '/shared/CMS.segment')).toBe('/shared/CMS.segment');
  });
});

describe('errors name the field and say what is wrong', () => {
  const cases: Array<[string, (c: Record<string, any>) => void, string]> = [
    ['bad hex address', (c) => { c.dasd[1].address = '6G1'; }, "dasd[1].address: '6G1' is not a device address of 1 to 3 hexadecimal digits"],
    ['missing address', (c) => { delete c.unitRecord[2].address; }, 'unitRecord[2].address: missing'],
    ['duplicate volser', (c) => { c.dasd[1].volser = 'VMSRES'; }, 'dasd[1].volser: volume VMSRES is already defined by dasd[0]'],
    ['bad volser', (c) => { c.dasd[0].volser = 'TOOLONG1'; }, "dasd[0].volser: 'TOOLONG1' is not 1 to 6"],
    ['unknown DASD type', (c) => { c.dasd[0].type = '3390'; }, "dasd[0].type: '3390': expected one of 3330, 3350, 3330-11"],
    ['too many cylinders', (c) => { c.dasd[0].cylinders = 600; }, 'dasd[0].cylinders: expected a whole number from 1 to 555, found 600'],
    ['image used twice', (c) => { c.dasd[1].image = 'dasd/vmsres.3350'; }, "dasd[1].image: 'dasd/vmsres.3350' is already the image of dasd[0]"],
    ['readOnly not boolean', (c) => { c.dasd[1].readOnly = 'yes'; }, "dasd[1].readOnly: expected true or false, found 'yes'"],
    ['unknown field', (c) => { c.dasd[0].imgae = 'x'; }, 'dasd[0].imgae: unknown field (expected one of: volser, type, address, image, cylinders, readOnly)'],
    ['unknown top-level field', (c) => { c.printers = []; }, 'printers: unknown field'],
    ['two devices at one address', (c) => { c.unitRecord[0].address = '130'; }, 'unitRecord[0].address: address 130 is already used by dasd VMSRES'],
    ['console at a device address', (c) => { c.dasd[0].address = '009'; }, 'dasd[0].address: address 009 is already used by operatorConsole'],
    ['unit record type', (c) => { c.unitRecord[0].type = '2501'; }, "unitRecord[0].type: '2501': expected one of 1403, 3211, 3505, 3525, 2540R, 2540P"],
    ['reader with output', (c) => { c.unitRecord[0].output = 'x'; }, 'unitRecord[0].output: a reader has no output; use input'],
    ['printer with input', (c) => { c.unitRecord[2].input = 'x'; }, 'unitRecord[2].input: a printer has no input; use output'],
    ['tn3270 port', (c) => { c.terminals.tn3270.port = 70000; }, 'terminals.tn3270.port: expected a whole number from 1 to 65535, found 70000'],
    ['tn3270 range form', (c) => { c.terminals.tn3270.addresses = '0C0'; }, 'terminals.tn3270.addresses: \'0C0\': expected a range of addresses such as "0C0-0DF"'],
    ['tn3270 range reversed', (c) => { c.terminals.tn3270.addresses = '0DF-0C0'; }, 'terminals.tn3270.addresses: the range 0DF-0C0 ends before it starts'],
    ['tn3270 range over a device', (c) => { c.terminals.tn3270.addresses = '000-0FF'; }, 'terminals.tn3270.addresses: the range 000-0FF includes 009, used by operatorConsole'],
    ['local terminal address', (c) => { c.terminals.local = ['00E']; }, 'terminals.local[0]: address 00E is already used by unitRecord[2]'],
    ['saved system name', (c) => { c.savedSystems[0].name = 'cms'; }, "savedSystems[0].name: 'cms' is not 1 to 8 of A-Z 0-9 $ # @"],
    ['saved system twice', (c) => { c.savedSystems[1].name = 'CMS'; }, 'savedSystems[1].name: saved system CMS is already defined by savedSystems[0]'],
    ['no segments', (c) => { c.savedSystems[0].segments = []; }, 'savedSystems[0].segments: a saved system needs at least one segment file'],
    ['segment file missing', (c) => { delete c.savedSystems[0].segments[0].file; }, 'savedSystems[0].segments[0].file: missing'],
    ['load address not on a page', (c) => { c.savedSystems[1].segments[0].loadAddress = 'F00100'; }, 'savedSystems[1].segments[0].loadAddress: F00100 is not on a page boundary'],
    ['load address not hex', (c) => { c.savedSystems[1].segments[0].loadAddress = 15728640; }, 'savedSystems[1].segments[0].loadAddress: 15728640: expected 1 to 6 hexadecimal digits'],
    ['segment beyond 16M', (c) => { c.savedSystems[1].segments[0].pages = 300; }, 'savedSystems[1].segments[0].pages: 300 pages from F00000 go beyond 16M'],
    ['segments overlapping', (c) => { c.savedSystems[0].segments.push({ file: 'b', loadAddress: '010000', pages: 4 }); }, 'savedSystems[0].segments[1]: overlaps savedSystems[0].segments[0]'],
    ['IPL PSW', (c) => { c.savedSystems[0].ipl = { psw: '1234' }; }, 'savedSystems[0].ipl.psw: \'1234\': expected "state-page" or a PSW of 16 hexadecimal digits'],
    ['storage', (c) => { c.storage = '17M'; }, "storage: real storage '17M' is larger than 16M"],
    ['storage form', (c) => { c.storage = 16777216; }, 'storage: expected a size such as "16M", found 16777216'],
    ['system name', (c) => { c.systemName = 'VM/370 R6 SYSTEM'; }, "systemName: 'VM/370 R6 SYSTEM' is longer than 8 characters"],
    ['console type', (c) => { c.operatorConsole.type = '1052'; }, 'operatorConsole.type: expected "3215" or "3270", found \'1052\''],
    ['dasd not an array', (c) => { c.dasd = {}; }, 'dasd: expected an array, found {}'],
    ['format', (c) => { c.format = 'hercules'; }, "format: expected 'vm370-system', found 'hercules'"],
    ['version', (c) => { c.version = 2; }, 'version: expected 1, found 2'],
    ['directory file', (c) => { c.directory.source = ''; }, "directory.source: expected a non-empty string, found ''"],
  ];
  it.each(cases)('%s', (_name, edit, message) => {
    const errors = errorsOf(changed(edit));
    expect(errors.some((e) => e.startsWith(message)), `expected "${message}" in ${JSON.stringify(errors)}`).toBe(true);
  });

  it('all errors are reported at once', () => {
    const errors = errorsOf(changed((c) => { c.dasd[0].address = 'XYZ'; c.unitRecord[0].type = '9999'; c.storage = '1Q'; }));
    expect(errors).toHaveLength(3);
  });

  it('not an object, not JSON', () => {
    expect(errorsOf([])).toEqual(['(top level): expected an object, found []']);
    const r = parseSystemConfig('{ dasd: ');
    expect(!r.ok && r.errors[0]!.path).toBe('(file)');
  });
});
