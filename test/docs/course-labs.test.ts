// The VM history course's labs (docs/course) are run here exactly as the chapters print them, so the
// docs cannot silently rot. Each chapter marks its lab blocks with HTML comments:
//   <!-- lab-run: NAME -->         a sh block: `echo HEX | xxd -r -p > FILE` lines, then one `npx vm370 bare ...`
//   <!-- lab-expect: NAME -->      the exact output of that command
//   <!-- lab-listing: FILE@ADDR --> a commented hex listing whose bytes must equal FILE as built
// Files accumulate through a chapter in document order, as they do in a student's scratch folder.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bareExitCode,
  formatBare,
  parseDump,
  parseLoad,
  parseStorageSize,
  runBare,
  type BareOptions,
  type BareResult,
} from '../../src/cli/bare-machine.ts';
import { Cpu } from '../../src/cpu/cpu.ts';
import { setPswHex } from '../../src/cpu/psw.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const COURSE = join(ROOT, 'docs/course');
const BIN = join(ROOT, 'bin/vm370.js');

interface Lab {
  name: string;
  /** The arguments after `npx vm370 bare`. */
  args: string[];
  /** Every file built so far in the chapter, as the student's folder holds them at this point. */
  files: Map<string, Buffer>;
  expected?: string;
}

interface Listing {
  file: string;
  address: number;
  text: string;
}

interface Chapter {
  labs: Map<string, Lab>;
  listings: Listing[];
  /** The last version of each file built in the chapter. */
  files: Map<string, Buffer>;
}

const BLOCK = /<!-- lab-(run|expect|listing): (\S+) -->[ \t]*\n(?:[ \t]*\n)*```[a-z]*\n([\s\S]*?)\n```/g;
const ECHO_XXD = /^echo ([0-9A-Fa-f]+(?: [0-9A-Fa-f]+)*) \| xxd -r -p > (\S+)$/;
const BARE = /^npx vm370 bare (.+)$/;

function parseChapter(fileName: string): Chapter {
  const text = readFileSync(join(COURSE, fileName), 'utf8');
  const labs = new Map<string, Lab>();
  const listings: Listing[] = [];
  const files = new Map<string, Buffer>();
  for (const [, kind, name, body] of text.matchAll(BLOCK)) {
    if (kind === 'listing') {
      const [file, at] = name!.split('@');
      listings.push({ file: file!, address: parseInt(at!, 16), text: body! });
    } else if (kind === 'expect') {
      const lab = labs.get(name!);
      if (!lab) throw new Error(`${fileName}: lab-expect ${name} comes before its lab-run`);
      lab.expected = body!;
    } else {
      const lines = body!.replace(/\\\n\s*/g, ' ').split('\n').map((l) => l.trim());
      let args: string[] | undefined;
      for (const line of lines) {
        if (line === '' || line.startsWith('#')) continue;
        const echo = ECHO_XXD.exec(line);
        const bare = BARE.exec(line);
        if (echo) {
          const hex = echo[1]!.replace(/ /g, '');
          if (hex.length % 2 !== 0) throw new Error(`${fileName}: odd number of hex digits for ${echo[2]}`);
          files.set(echo[2]!, Buffer.from(hex, 'hex'));
        } else if (bare && !args) {
          args = bare[1]!.split(/\s+/);
        } else {
          throw new Error(`${fileName}: lab ${name}: a line the test cannot follow: ${line}`);
        }
      }
      if (!args) throw new Error(`${fileName}: lab ${name} has no npx vm370 bare command`);
      labs.set(name!, { name: name!, args, files: new Map(files) });
    }
  }
  return { labs, listings, files };
}

/** Turns the command's arguments into runBare() options, with file names relative to dir. */
function bareOptions(args: string[], dir: string): BareOptions {
  const options: BareOptions = { loads: [], dumps: [], maxInstructions: 100_000_000, storageSize: 16 * 1024 * 1024 };
  for (let i = 0; i < args.length; i++) {
    const option = args[i]!;
    const value = args[++i];
    if (value === undefined) throw new Error(`${option} wants a value`);
    if (option === '--load') {
      const load = parseLoad(value);
      options.loads.push({ ...load, file: join(dir, load.file) });
    } else if (option === '--dump') options.dumps.push(parseDump(value));
    else if (option === '--psw') options.psw = value;
    else if (option === '--storage') options.storageSize = parseStorageSize(value);
    else if (option === '--max-instructions') options.maxInstructions = Number(value);
    else throw new Error(`an option the test does not know: ${option}`);
  }
  return options;
}

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** A fresh scratch folder holding the lab's files. */
function labFolder(lab: Lab): string {
  const dir = mkdtempSync(join(tmpdir(), `vm370-course-${lab.name}-`));
  scratch.push(dir);
  for (const [file, bytes] of lab.files) writeFileSync(join(dir, file), bytes);
  return dir;
}

/** Runs a lab through runBare() and through the real command line; both must print the expected text. */
function runLab(chapter: Chapter, name: string): BareResult {
  const lab = chapter.labs.get(name);
  if (!lab) throw new Error(`no lab named ${name}`);
  if (lab.expected === undefined) throw new Error(`lab ${name} has no lab-expect block`);
  const dir = labFolder(lab);
  const result = runBare(bareOptions(lab.args, dir));
  expect(formatBare(result)).toBe(lab.expected);
  expect(bareExitCode(result)).toBe(0);
  const cli = spawnSync(process.execPath, [BIN, 'bare', ...lab.args], { cwd: dir, encoding: 'utf8' });
  expect(cli.stderr).toBe('');
  expect(cli.stdout).toBe(lab.expected + '\n');
  expect(cli.status).toBe(0);
  return result;
}

/** The bytes of a hex listing: address column, then hex groups separated by single spaces, then two or more spaces of comment. */
function listingBytes(listing: Listing): Buffer {
  const row = /^([0-9A-Fa-f]{3,6}) {2}([0-9A-Fa-f]{2}(?:[0-9A-Fa-f]{2})*(?: [0-9A-Fa-f]{2}(?:[0-9A-Fa-f]{2})*)*)(?: {2,}.*)?$/;
  const parts: Buffer[] = [];
  let next = listing.address;
  for (const line of listing.text.split('\n')) {
    const m = row.exec(line);
    if (!m) continue;
    expect(parseInt(m[1]!, 16), `listing ${listing.file}: address of "${line}"`).toBe(next);
    const bytes = Buffer.from(m[2]!.replace(/ /g, ''), 'hex');
    parts.push(bytes);
    next += bytes.length;
  }
  return Buffer.concat(parts);
}

function checkListings(chapter: Chapter, expectedFiles: string[]): void {
  expect(chapter.listings.map((l) => `${l.file}@${l.address.toString(16)}`)).toEqual(expectedFiles);
  for (const listing of chapter.listings) {
    const built = chapter.files.get(listing.file);
    expect(built, `${listing.file} is listed but never built`).toBeDefined();
    expect(listingBytes(listing).toString('hex'), `listing of ${listing.file}`).toBe(built!.toString('hex'));
  }
}

/** Loads a lab's files into a CPU's storage at the addresses its command gives. */
function loadLab(cpu: Cpu, lab: Lab): void {
  for (let i = 0; i < lab.args.length; i++) {
    if (lab.args[i] !== '--load') continue;
    const { file, address } = parseLoad(lab.args[i + 1]!);
    cpu.storage.load(address, lab.files.get(file)!);
  }
}

describe('course README: setup check', () => {
  const chapter = parseChapter('README.md');

  it('has exactly the setup lab', () => {
    expect([...chapter.labs.keys()]).toEqual(['setup']);
  });

  it('setup: 5 + 5 = 10 in R1, disabled wait X\'ABCD\'', () => {
    const result = runLab(chapter, 'setup');
    expect(result.gpr[1]).toBe('0000000a');
    expect(result.psw).toBe('000200000000abcd');
  });
});

describe('chapter 2: Popek and Goldberg lab', () => {
  const chapter = parseChapter('02-popek-goldberg.md');

  it('has the labs and listings the chapter describes, and the listings match the built files', () => {
    expect([...chapter.labs.keys()]).toEqual(['privop', 'privop-supervisor', 'stck']);
    checkListings(chapter, ['pgmnew.bin@68', 'user.bin@400', 'handler.bin@500']);
  });

  it('privop: SSM in problem state is a privileged-operation exception (code X\'0002\'), old PSW at X\'28\'', () => {
    const result = runLab(chapter, 'privop');
    const oldPsw = result.mem['28']!;
    expect(oldPsw).toBe('0001000280000408');
    expect(oldPsw.slice(2, 4)).toBe('01'); // problem state
    expect(oldPsw.slice(4, 8)).toBe('0002'); // privileged operation
    expect(parseInt(oldPsw.slice(8, 10), 16) >>> 6).toBe(2); // ILC 2: a 4-byte instruction
    expect(oldPsw.slice(10)).toBe('000408'); // suppressed: the address after the SSM
    expect(result.gpr[1]).toBe('00000001'); // LA 1,2 never ran
    expect(result.gpr[2]).toBe('00000002'); // the handler's copy of the code
    expect(result.psw).toBe('0002000000000bad'); // stopped in the handler's wait
  });

  it('privop-supervisor: the same program in supervisor state runs to its own wait', () => {
    const result = runLab(chapter, 'privop-supervisor');
    expect(result.gpr[1]).toBe('00000002');
    expect(result.mem['28']).toBe('0000000000000000');
    expect(result.psw).toBe('000200000000600d');
  });

  it('stck: STCK is not privileged; the LPSW after it is', () => {
    const result = runLab(chapter, 'stck');
    expect(result.mem['410']).toBe('8e7390b27e000000'); // 1979-06-01 00:00:00 UTC
    expect(result.mem['28']).toBe('0001000280000410');
    expect(result.gpr[1]).toBe('00000002');
  });

  it('the processor for CP: the SSM in (virtual) supervisor state stops with privop instead of executing', () => {
    const cpu = new Cpu({ storageSize: 64 * 1024, interceptPrivileged: true });
    loadLab(cpu, chapter.labs.get('privop')!);
    cpu.ia = 0x400;
    const stop = cpu.run(1000);
    expect(stop.kind).toBe('privop');
    expect(stop.address).toBe(0x404);
    expect(stop.word >>> 24).toBe(0x80); // SSM
    expect(cpu.gpr[1]).toBe(1);
    expect(cpu.mem[0x2b]).toBe(0); // no program interruption was taken
  });

  it('the processor for CP: in (virtual) problem state the same SSM is reflected as a program interruption', () => {
    const reflected = new Cpu({ storageSize: 64 * 1024, interceptPrivileged: true });
    loadLab(reflected, chapter.labs.get('privop')!);
    setPswHex(reflected, '0001000000000400');
    // The swap happens in the guest's storage; the guest's handler then runs in its supervisor
    // state, and its own LPSW at X'504' is the next privileged instruction CP must simulate.
    const next = reflected.run(1000);
    expect(Buffer.from(reflected.mem.subarray(0x28, 0x30)).toString('hex')).toBe('0001000280000408');
    expect(reflected.gpr[2]).toBe(2);
    expect(next.kind).toBe('privop');
    expect(next.address).toBe(0x504);

    const intercepted = new Cpu({ storageSize: 64 * 1024, interceptPrivileged: true, interceptProgram: true });
    loadLab(intercepted, chapter.labs.get('privop')!);
    setPswHex(intercepted, '0001000000000400');
    const stop = intercepted.run(1000);
    expect(stop.kind).toBe('program');
    expect(stop.code).toBe(0x0002);
  });
});

describe('chapter 3: the DAT lab', () => {
  const chapter = parseChapter('03-the-machine.md');

  it('has the labs and listings the chapter describes, and the listings match the built files', () => {
    expect([...chapter.labs.keys()]).toEqual(['dat', 'dat-shared', 'dat-segment']);
    checkListings(chapter, [
      'newpsw.bin@68',
      'dat.bin@400',
      'handler.bin@600',
      'segtab.bin@2000',
      'pagetab.bin@2100',
      'data.bin@3000',
    ]);
  });

  it('dat: a load through page 1 is relocated; page 2 gives a page-translation exception with X\'2000\' at X\'90\'', () => {
    const result = runLab(chapter, 'dat');
    expect(result.gpr[1]).toBe('00000370'); // virtual X'1000' reached real X'3000'
    expect(result.gpr[2]).toBe('00000011'); // page translation
    expect(result.gpr[3]).toBe('00002000'); // translation-exception address
    expect(result.mem['28']).toBe('0408000000000410'); // EC mode, DAT on, nullified: points at the L
    expect(result.mem['8c']).toBe('0004001100002000'); // ILC*2, code X'0011', address at X'90'
    expect(result.cr[0]).toBe('00800000');
    expect(result.cr[1]).toBe('00002000');
    expect(result.psw).toBe('000a000000000bad');
  });

  it('dat-shared: two virtual pages mapped to one frame read the same word', () => {
    const result = runLab(chapter, 'dat-shared');
    expect(result.gpr[1]).toBe('00000370');
    expect(result.gpr[2]).toBe('00000370');
    expect(result.psw).toBe('000a00000000600d');
  });

  it('dat-segment: an invalid segment stops the instruction fetch with a segment-translation exception', () => {
    const result = runLab(chapter, 'dat-segment');
    expect(result.gpr[2]).toBe('00000010');
    expect(result.mem['28']).toBe('040800000000040c');
    expect(result.mem['8c']).toBe('000400100000040c'); // ILC*2 (a fetch exception: ILC 2), code X'0010'
  });
});
