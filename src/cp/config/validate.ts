// The system configuration file: JSON → SystemConfig, with every error naming its field
// (dasd[1].address: '6G1' is not 1 to 3 hexadecimal digits). Unknown fields are errors too, so a
// misspelt one is not silently ignored. systemConfigToJson writes the file form back.

import {
  CONFIG_FORMAT, CONFIG_VERSION, UNIT_RECORD_TYPES, VOLUME_TYPES, type ConfigError, type DasdVolume, type IplPswSource,
  type OperatorConsole, type SavedSystem, type SegmentFile, type SystemConfig, type Terminals, type UnitRecordDevice,
} from './types.ts';
import { hex3, type VolumeInfo } from '../directory/types.ts';
import { parseStorageSize } from '../directory/values.ts';
import { resolve as resolvePath } from 'node:path';

export type ConfigResult = { ok: true; config: SystemConfig } | { ok: false; errors: ConfigError[] };

type Obj = Record<string, unknown>;

class Checker {
  readonly errors: ConfigError[] = [];
  error(path: string, message: string): void {
    this.errors.push({ path, message });
  }
  object(v: unknown, path: string): Obj | undefined {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Obj;
    this.error(path, `expected an object, found ${describe(v)}`);
    return undefined;
  }
  array(v: unknown, path: string): unknown[] | undefined {
    if (Array.isArray(v)) return v;
    this.error(path, `expected an array, found ${describe(v)}`);
    return undefined;
  }
  fields(o: Obj, path: string, allowed: readonly string[]): void {
    for (const k of Object.keys(o)) {
      if (!allowed.includes(k)) this.error(join(path, k), `unknown field (expected one of: ${allowed.join(', ')})`);
    }
  }
  string(v: unknown, path: string): string | undefined {
    if (typeof v === 'string' && v !== '') return v;
    this.error(path, v === undefined ? 'missing' : `expected a non-empty string, found ${describe(v)}`);
    return undefined;
  }
  boolean(v: unknown, path: string, fallback: boolean): boolean {
    if (v === undefined) return fallback;
    if (typeof v === 'boolean') return v;
    this.error(path, `expected true or false, found ${describe(v)}`);
    return fallback;
  }
  integer(v: unknown, path: string, min: number, max: number): number | undefined {
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
    this.error(path, v === undefined ? 'missing' : `expected a whole number from ${min} to ${max}, found ${describe(v)}`);
    return undefined;
  }
  address(v: unknown, path: string): number | undefined {
    if (typeof v !== 'string' || !/^[0-9A-Fa-f]{1,3}$/.test(v)) {
      this.error(path, v === undefined ? 'missing' : `${describe(v)} is not a device address of 1 to 3 hexadecimal digits`);
      return undefined;
    }
    return parseInt(v, 16);
  }
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return `'${v}'`;
  return JSON.stringify(v) ?? String(v);
}

function join(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
}

export function validateSystemConfig(raw: unknown): ConfigResult {
  const c = new Checker();
  const o = c.object(raw, '(top level)');
  if (!o) return { ok: false, errors: c.errors };
  c.fields(o, '', ['format', 'version', 'systemName', 'storage', 'directory', 'operatorConsole', 'dasd', 'unitRecord', 'terminals', 'savedSystems']);
  if (o.format !== undefined && o.format !== CONFIG_FORMAT) c.error('format', `expected '${CONFIG_FORMAT}', found ${describe(o.format)}`);
  if (o.version !== undefined && o.version !== CONFIG_VERSION) c.error('version', `expected ${CONFIG_VERSION}, found ${describe(o.version)}`);

  let systemName = 'VM/370';
  if (o.systemName !== undefined) {
    const s = c.string(o.systemName, 'systemName');
    if (s !== undefined && s.length > 8) c.error('systemName', `'${s}' is longer than 8 characters`);
    else if (s !== undefined) systemName = s;
  }
  let storage = 16 * 1024 * 1024;
  if (o.storage !== undefined) {
    const p = typeof o.storage === 'string' ? parseStorageSize(o.storage.toUpperCase(), 'real storage') : undefined;
    if (!p) c.error('storage', `expected a size such as "16M", found ${describe(o.storage)}`);
    else if (!p.ok) c.error('storage', p.message);
    else if (p.value < 256 * 1024) c.error('storage', `${o.storage} is too small for CP (at least 256K)`);
    else storage = p.value;
  }
  const directory = checkDirectoryFiles(c, o.directory);
  const operatorConsole = checkConsole(c, o.operatorConsole);
  const dasd = checkDasd(c, o.dasd);
  const unitRecord = checkUnitRecord(c, o.unitRecord);
  const terminals = checkTerminals(c, o.terminals);
  const savedSystems = checkSavedSystems(c, o.savedSystems);
  checkAddressConflicts(c, operatorConsole, dasd, unitRecord, terminals);

  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  return { ok: true, config: { systemName, storage, directory, operatorConsole, dasd, unitRecord, terminals, savedSystems } };
}

function checkDirectoryFiles(c: Checker, v: unknown): SystemConfig['directory'] {
  const files = { source: 'user.direct', compiled: 'directory.json' };
  if (v === undefined) return files;
  const o = c.object(v, 'directory');
  if (!o) return files;
  c.fields(o, 'directory', ['source', 'compiled']);
  if (o.source !== undefined) files.source = c.string(o.source, 'directory.source') ?? files.source;
  if (o.compiled !== undefined) files.compiled = c.string(o.compiled, 'directory.compiled') ?? files.compiled;
  return files;
}

function checkConsole(c: Checker, v: unknown): OperatorConsole {
  const fallback: OperatorConsole = { address: 0x009, type: '3215' };
  if (v === undefined) return fallback;
  const o = c.object(v, 'operatorConsole');
  if (!o) return fallback;
  c.fields(o, 'operatorConsole', ['address', 'type']);
  const address = c.address(o.address, 'operatorConsole.address') ?? fallback.address;
  let type = fallback.type;
  if (o.type !== undefined) {
    if (o.type === '3215' || o.type === '3270') type = o.type;
    else c.error('operatorConsole.type', `expected "3215" or "3270", found ${describe(o.type)}`);
  }
  return { address, type };
}

function checkDasd(c: Checker, v: unknown): DasdVolume[] {
  if (v === undefined) return [];
  const list = c.array(v, 'dasd') ?? [];
  const out: DasdVolume[] = [];
  const volsers = new Map<string, number>();
  const images = new Map<string, number>();
  list.forEach((item, i) => {
    const at = join('dasd', i);
    const o = c.object(item, at);
    if (!o) return;
    c.fields(o, at, ['volser', 'type', 'address', 'image', 'cylinders', 'readOnly']);
    const volser = c.string(o.volser, join(at, 'volser'));
    if (volser !== undefined && !/^[A-Z0-9$#@-]{1,6}$/.test(volser)) {
      c.error(join(at, 'volser'), `'${volser}' is not 1 to 6 of A-Z 0-9 $ # @ -`);
    } else if (volser !== undefined && volsers.has(volser)) {
      c.error(join(at, 'volser'), `volume ${volser} is already defined by dasd[${volsers.get(volser)}]`);
    } else if (volser !== undefined) volsers.set(volser, i);
    let type: DasdVolume['type'] | undefined;
    if (typeof o.type === 'string' && Object.hasOwn(VOLUME_TYPES, o.type)) type = o.type as DasdVolume['type'];
    else c.error(join(at, 'type'), `${o.type === undefined ? 'missing' : describe(o.type)}: expected one of ${Object.keys(VOLUME_TYPES).join(', ')}`);
    const address = c.address(o.address, join(at, 'address'));
    const image = c.string(o.image, join(at, 'image'));
    if (image !== undefined && images.has(image)) c.error(join(at, 'image'), `'${image}' is already the image of dasd[${images.get(image)}]`);
    else if (image !== undefined) images.set(image, i);
    let cylinders = type ? VOLUME_TYPES[type].cylinders : 0;
    if (o.cylinders !== undefined && type) {
      cylinders = c.integer(o.cylinders, join(at, 'cylinders'), 1, VOLUME_TYPES[type].cylinders) ?? cylinders;
    }
    const readOnly = c.boolean(o.readOnly, join(at, 'readOnly'), false);
    if (volser && type && address !== undefined && image) out.push({ volser, type, address, image, cylinders, readOnly });
  });
  return out;
}

function checkUnitRecord(c: Checker, v: unknown): UnitRecordDevice[] {
  if (v === undefined) return [];
  const list = c.array(v, 'unitRecord') ?? [];
  const out: UnitRecordDevice[] = [];
  list.forEach((item, i) => {
    const at = join('unitRecord', i);
    const o = c.object(item, at);
    if (!o) return;
    c.fields(o, at, ['address', 'type', 'output', 'input']);
    const address = c.address(o.address, join(at, 'address'));
    let type: UnitRecordDevice['type'] | undefined;
    if (typeof o.type === 'string' && Object.hasOwn(UNIT_RECORD_TYPES, o.type)) type = o.type as UnitRecordDevice['type'];
    else c.error(join(at, 'type'), `${o.type === undefined ? 'missing' : describe(o.type)}: expected one of ${Object.keys(UNIT_RECORD_TYPES).join(', ')}`);
    const fn = type ? UNIT_RECORD_TYPES[type] : undefined;
    let output: string | undefined;
    let input: string | undefined;
    if (o.output !== undefined) {
      output = c.string(o.output, join(at, 'output'));
      if (fn === 'reader') c.error(join(at, 'output'), 'a reader has no output; use input');
    }
    if (o.input !== undefined) {
      input = c.string(o.input, join(at, 'input'));
      if (fn && fn !== 'reader') c.error(join(at, 'input'), `a ${fn} has no input; use output`);
    }
    if (address !== undefined && type) out.push({ address, type, output, input });
  });
  return out;
}

function checkTerminals(c: Checker, v: unknown): Terminals {
  const t: Terminals = { local: [] };
  if (v === undefined) return t;
  const o = c.object(v, 'terminals');
  if (!o) return t;
  c.fields(o, 'terminals', ['tn3270', 'local']);
  if (o.tn3270 !== undefined) {
    const n = c.object(o.tn3270, 'terminals.tn3270');
    if (n) {
      c.fields(n, 'terminals.tn3270', ['host', 'port', 'addresses']);
      const host = n.host === undefined ? '127.0.0.1' : c.string(n.host, 'terminals.tn3270.host');
      const port = c.integer(n.port, 'terminals.tn3270.port', 1, 65535);
      const range = typeof n.addresses === 'string' ? /^([0-9A-Fa-f]{1,3})-([0-9A-Fa-f]{1,3})$/.exec(n.addresses) : null;
      if (!range) {
        c.error('terminals.tn3270.addresses', `${n.addresses === undefined ? 'missing' : describe(n.addresses)}: expected a range of addresses such as "0C0-0DF"`);
      } else if (parseInt(range[1]!, 16) > parseInt(range[2]!, 16)) {
        c.error('terminals.tn3270.addresses', `the range ${n.addresses as string} ends before it starts`);
      } else if (host !== undefined && port !== undefined) {
        t.tn3270 = { host, port, first: parseInt(range[1]!, 16), last: parseInt(range[2]!, 16) };
      }
    }
  }
  if (o.local !== undefined) {
    const list = c.array(o.local, 'terminals.local') ?? [];
    list.forEach((a, i) => {
      const addr = c.address(a, join('terminals.local', i));
      if (addr !== undefined) t.local.push(addr);
    });
  }
  return t;
}

function checkSavedSystems(c: Checker, v: unknown): SavedSystem[] {
  if (v === undefined) return [];
  const list = c.array(v, 'savedSystems') ?? [];
  const out: SavedSystem[] = [];
  const names = new Map<string, number>();
  list.forEach((item, i) => {
    const at = join('savedSystems', i);
    const o = c.object(item, at);
    if (!o) return;
    c.fields(o, at, ['name', 'segments', 'ipl']);
    const name = c.string(o.name, join(at, 'name'));
    if (name !== undefined && !/^[A-Z0-9$#@]{1,8}$/.test(name)) c.error(join(at, 'name'), `'${name}' is not 1 to 8 of A-Z 0-9 $ # @`);
    else if (name !== undefined && names.has(name)) c.error(join(at, 'name'), `saved system ${name} is already defined by savedSystems[${names.get(name)}]`);
    else if (name !== undefined) names.set(name, i);
    const segments = checkSegments(c, o.segments, join(at, 'segments'));
    const ipl = o.ipl === undefined ? undefined : checkIpl(c, o.ipl, join(at, 'ipl'));
    if (name && segments) out.push({ name, segments, ipl });
  });
  return out;
}

function checkSegments(c: Checker, v: unknown, at: string): SegmentFile[] | undefined {
  const list = c.array(v, at);
  if (!list) return undefined;
  if (list.length === 0) { c.error(at, 'a saved system needs at least one segment file'); return undefined; }
  const out: SegmentFile[] = [];
  list.forEach((item, i) => {
    const p = join(at, i);
    const o = c.object(item, p);
    if (!o) return;
    c.fields(o, p, ['file', 'loadAddress', 'pages']);
    const file = c.string(o.file, join(p, 'file'));
    let loadAddress: number | undefined;
    if (typeof o.loadAddress !== 'string' || !/^[0-9A-Fa-f]{1,6}$/.test(o.loadAddress)) {
      c.error(join(p, 'loadAddress'), `${o.loadAddress === undefined ? 'missing' : describe(o.loadAddress)}: expected 1 to 6 hexadecimal digits such as "F00000"`);
    } else if (parseInt(o.loadAddress, 16) % 4096 !== 0) {
      c.error(join(p, 'loadAddress'), `${o.loadAddress} is not on a page boundary (a multiple of 1000)`);
    } else loadAddress = parseInt(o.loadAddress, 16);
    const pages = o.pages === undefined ? undefined : c.integer(o.pages, join(p, 'pages'), 1, 4096);
    if (loadAddress !== undefined && pages !== undefined && loadAddress + pages * 4096 > 16 * 1024 * 1024) {
      c.error(join(p, 'pages'), `${pages} pages from ${o.loadAddress as string} go beyond 16M`);
    }
    if (file !== undefined && loadAddress !== undefined) out.push({ file, loadAddress, pages });
  });
  for (let i = 0; i < out.length; i++) {
    for (let j = 0; j < i; j++) {
      const a = out[j]!;
      const b = out[i]!;
      if (a.pages === undefined || b.pages === undefined) continue;
      if (b.loadAddress < a.loadAddress + a.pages * 4096 && a.loadAddress < b.loadAddress + b.pages * 4096) {
        c.error(join(at, i), `overlaps ${join(at, j)}`);
      }
    }
  }
  return out;
}

function checkIpl(c: Checker, v: unknown, at: string): IplPswSource | undefined {
  const o = c.object(v, at);
  if (!o) return undefined;
  c.fields(o, at, ['psw']);
  if (o.psw === 'state-page') return { from: 'state-page' };
  if (typeof o.psw === 'string' && /^[0-9A-Fa-f]{16}$/.test(o.psw.replace(/ /g, ''))) {
    return { from: 'explicit', psw: o.psw.replace(/ /g, '').toUpperCase() };
  }
  c.error(join(at, 'psw'), `${o.psw === undefined ? 'missing' : describe(o.psw)}: expected "state-page" or a PSW of 16 hexadecimal digits`);
  return undefined;
}

/** No two real devices at one address; the tn3270 pool and local 3270s stay clear of everything. */
function checkAddressConflicts(c: Checker, con: OperatorConsole, dasd: DasdVolume[], ur: UnitRecordDevice[], t: Terminals): void {
  const used = new Map<number, string>();
  const claim = (address: number, owner: string, path: string) => {
    const prev = used.get(address);
    if (prev !== undefined) c.error(path, `address ${hex3(address)} is already used by ${prev}`);
    else used.set(address, owner);
  };
  claim(con.address, 'operatorConsole', 'operatorConsole.address');
  dasd.forEach((d, i) => claim(d.address, `dasd ${d.volser}`, `dasd[${i}].address`));
  ur.forEach((u, i) => claim(u.address, `unitRecord[${i}]`, `unitRecord[${i}].address`));
  t.local.forEach((a, i) => claim(a, `terminals.local[${i}]`, `terminals.local[${i}]`));
  if (t.tn3270) {
    for (const [address, owner] of used) {
      if (address >= t.tn3270.first && address <= t.tn3270.last) {
        c.error('terminals.tn3270.addresses', `the range ${hex3(t.tn3270.first)}-${hex3(t.tn3270.last)} includes ${hex3(address)}, used by ${owner}`);
      }
    }
  }
}

export function parseSystemConfig(json: string): ConfigResult {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    return { ok: false, errors: [{ path: '(file)', message: `not JSON: ${(e as Error).message}` }] };
  }
  return validateSystemConfig(raw);
}

/** The file form: addresses as hex strings, storage as "16M". */
export function systemConfigToJson(config: SystemConfig): string {
  const mb = 1024 * 1024;
  const size = config.storage % mb === 0 ? `${config.storage / mb}M` : `${config.storage / 1024}K`;
  const file = {
    format: CONFIG_FORMAT,
    version: CONFIG_VERSION,
    systemName: config.systemName,
    storage: size,
    directory: config.directory,
    operatorConsole: { address: hex3(config.operatorConsole.address), type: config.operatorConsole.type },
    dasd: config.dasd.map((d) => ({
      volser: d.volser, type: d.type, address: hex3(d.address), image: d.image, cylinders: d.cylinders,
      ...(d.readOnly ? { readOnly: true } : {}),
    })),
    unitRecord: config.unitRecord.map((u) => ({ address: hex3(u.address), type: u.type, output: u.output, input: u.input })),
    terminals: {
      ...(config.terminals.tn3270
        ? { tn3270: { host: config.terminals.tn3270.host, port: config.terminals.tn3270.port, addresses: `${hex3(config.terminals.tn3270.first)}-${hex3(config.terminals.tn3270.last)}` } }
        : {}),
      local: config.terminals.local.map(hex3),
    },
    savedSystems: config.savedSystems.map((s) => ({
      name: s.name,
      segments: s.segments.map((g) => ({ file: g.file, loadAddress: g.loadAddress.toString(16).toUpperCase().padStart(6, '0'), pages: g.pages })),
      ipl: s.ipl === undefined ? undefined : s.ipl.from === 'state-page' ? { psw: 'state-page' } : { psw: s.ipl.psw },
    })),
  };
  return JSON.stringify(file, null, 2) + '\n';
}

/** The volumes for checking MDISK statements (parseUserDirect's `volumes`). */
export function volumesOf(config: SystemConfig): VolumeInfo[] {
  return config.dasd.map((d) => ({ volser: d.volser, devtype: VOLUME_TYPES[d.type].mdiskDevtype, cylinders: d.cylinders }));
}

/** A path from the configuration, resolved against the folder the configuration file is in. */
export function resolveConfigPath(configDir: string, path: string): string {
  return resolvePath(configDir, path);
}
