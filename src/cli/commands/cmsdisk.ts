// `vm370 cmsdisk`: VM/370 R6 CMS minidisks (800-byte format) on Hercules CKD images, from the host:
// list, info, get, put, erase, format. The work is in src/cp/cmsdisk; this file parses and prints.

import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { codePage, type CodePage } from '../../ebcdic/index.ts';
import {
  binaryToRecords,
  cmsDeviceType,
  CmsDiskError,
  diskInfo,
  erase,
  execLine,
  fstDate,
  fstTime,
  formatExtent,
  formatImage,
  listFiles,
  parseExtentOption,
  listLine,
  readFile,
  recordsToBinary,
  recordsToText,
  textToRecords,
  writeFile,
  type CmsDiskErrorKind,
  type DiskExtent,
  type RecordFormat,
} from '../../cp/cmsdisk/index.ts';

/** Exit codes, documented in docs/cmsdisk.md and the command's help. */
const EXIT: Record<CmsDiskErrorKind, number> = { 'not-found': 1, usage: 2, corrupt: 3, 'no-room': 4, exists: 5, 'host-io': 6 };

const EXIT_HELP = `
Exit codes: 0 done, 1 file not found (list: no file matches), 2 bad arguments, 3 corrupt or non-CMS image (left untouched),
4 no room (disk, directory or file size), 5 file exists (put without --replace), 6 host file error.
Images may be .ckd or .ckd.gz; list, info and get never write, put, erase and format need an uncompressed image.`;

export function register(program: Command): void {
  const cmsdisk = program
    .command('cmsdisk')
    .description('list, read, write and erase files on VM/370 R6 CMS minidisks in Hercules CKD images; format CMS disks')
    .addHelpText('after', EXIT_HELP);

  cmsdisk
    .command('list')
    .description('list files as LISTFILE (LABEL) does: fn ft fm recfm lrecl records blocks date time label')
    .argument('<image>', 'the CKD image (.ckd or .ckd.gz)')
    .argument('[pattern]', "'FN FT [FM]' with * and % wildcards", '* *')
    .option('--mode <letter>', 'show this mode letter (the disk\'s access letter) instead of the one stored in each FST')
    .option('--exec', 'print the records LISTFILE (EXEC writes to CMS EXEC')
    .option('--lenient', 'read a disk whose bitmap bookkeeping is off (warnings on stderr)')
    .option('--extent <start:cyls>', 'the minidisk is these cylinders of a volume image (first cylinder, count)')
    .action((image: string, pattern: string, opts: { mode?: string; exec?: boolean; lenient?: boolean; extent?: string }) =>
      run(() => {
        const letter = modeLetter(opts.mode);
        const { label, files, warnings } = listFiles(image, pattern, { lenient: opts.lenient, extent: extentOf(opts.extent) });
        warn(warnings);
        if (files.length === 0) throw new CmsDiskError('not-found', `no file matches '${pattern}' on ${image}`);
        for (const fst of files) out(`${opts.exec ? execLine(fst, letter) : listLine(fst, label, letter)}\n`);
      }),
    );

  cmsdisk
    .command('info')
    .description('show the label, size and directory counters of a CMS disk (like QUERY DISK)')
    .argument('<image>', 'the CKD image (.ckd or .ckd.gz)')
    .option('--lenient', 'read a disk whose bitmap bookkeeping is off')
    .option('--json', 'print one JSON object')
    .option('--extent <start:cyls>', 'the minidisk is these cylinders of a volume image (first cylinder, count)')
    .action((image: string, opts: { lenient?: boolean; json?: boolean; extent?: string }) =>
      run(() => {
        const info = diskInfo(image, { lenient: opts.lenient, extent: extentOf(opts.extent) });
        if (opts.json) {
          out(`${JSON.stringify({ ...info, files: info.files.length })}\n`);
          return;
        }
        out(
          `label ${info.label}  ${info.device}  ${info.cylinders} cylinders (image ${info.imageCylinders})\n` +
            `files ${info.files.length}  blocks total ${info.total} used ${info.used} left ${info.left}  ADTLAST ${info.last}\n` +
            `FST blocks ${info.fstBlocks.join(' ')}  QMSK blocks ${info.qmskBlocks.join(' ') || '(none)'}\n`,
        );
        warn(info.warnings);
      }),
    );

  cmsdisk
    .command('get')
    .description('read a file: text (EBCDIC to Unicode, F records lose trailing blanks) or --binary records')
    .argument('<image>', 'the CKD image (.ckd or .ckd.gz)')
    .argument('<fileid>', "'FN FT [FM]'")
    .argument('[out]', 'host file to write, or - for standard output', '-')
    .option('--binary', 'raw records: F back to back, V each after its halfword length')
    .option('--codepage <page>', 'EBCDIC code page of the text: 037, 500 or 1047', '037')
    .option('--lenient', 'read a disk whose bitmap bookkeeping is off')
    .option('--extent <start:cyls>', 'the minidisk is these cylinders of a volume image (first cylinder, count)')
    .action((image: string, fileId: string, target: string, opts: { binary?: boolean; codepage: string; lenient?: boolean; extent?: string }) =>
      run(() => {
        const page = textPage(opts.codepage);
        const { fst, records, warnings } = readFile(image, fileId, { lenient: opts.lenient, extent: extentOf(opts.extent) });
        warn(warnings);
        const data = opts.binary ? recordsToBinary(fst.recfm, records) : Buffer.from(recordsToText(fst.recfm, records, page), 'utf8');
        if (target === '-') {
          process.stdout.write(data);
        } else {
          try {
            writeFileSync(target, data);
          } catch (e) {
            throw new CmsDiskError('host-io', `cannot write ${target}: ${(e as Error).message}`);
          }
        }
      }),
    );

  cmsdisk
    .command('put')
    .description('write a host file to the disk as a CMS file (lines become records)')
    .argument('<image>', 'the uncompressed CKD image')
    .argument('<hostfile>', 'the host file, or - for standard input')
    .argument('<fileid>', "'FN FT FM' (FM defaults to A1)")
    .option('--recfm <F|V>', 'record format', 'F')
    .option('--lrecl <n>', 'F: record length (default 80); V: the largest record allowed (default: the longest)')
    .option('--binary', 'host bytes: F cut into LRECL records (last one zero-padded), V as halfword-length-prefixed records')
    .option('--codepage <page>', 'EBCDIC code page for text: 037, 500 or 1047', '037')
    .option('--replace', 'replace a file of the same name and type')
    .option('--extent <start:cyls>', 'the minidisk is these cylinders of a volume image (first cylinder, count)')
    .action((image: string, hostFile: string, fileId: string, opts: { recfm: string; lrecl?: string; binary?: boolean; codepage: string; replace?: boolean; extent?: string }) =>
      run(() => {
        const page = textPage(opts.codepage);
        const recfm = opts.recfm.toUpperCase();
        if (recfm !== 'F' && recfm !== 'V') throw new CmsDiskError('usage', `--recfm is F or V, not '${opts.recfm}'`);
        const lrecl = opts.lrecl === undefined ? undefined : positive(opts.lrecl, '--lrecl');
        const bytes = readHost(hostFile);
        const layout = { recfm: recfm as RecordFormat, lrecl, codePage: page };
        const { records, lrecl: used } = opts.binary ? binaryToRecords(bytes, layout) : textToRecords(Buffer.from(bytes).toString('utf8'), layout);
        const fst = writeFile(image, fileId, records, { recfm: recfm as RecordFormat, lrecl: used, replace: opts.replace, extent: extentOf(opts.extent) });
        process.stderr.write(
          `${fst.filename} ${fst.filetype} ${fst.modeLetter}${fst.modeNumber}: ${fst.recfm} ${fst.lrecl}, ${fst.records} records, ${fst.blocks} blocks, ${fstDate(fst)} ${fstTime(fst)}\n`,
        );
      }),
    );

  cmsdisk
    .command('erase')
    .description('erase a file, giving its blocks back')
    .argument('<image>', 'the uncompressed CKD image')
    .argument('<fileid>', "'FN FT [FM]'")
    .option('--extent <start:cyls>', 'the minidisk is these cylinders of a volume image (first cylinder, count)')
    .action((image: string, fileId: string, opts: { extent?: string }) =>
      run(() => {
        erase(image, fileId, { extent: extentOf(opts.extent) });
      }),
    );

  cmsdisk
    .command('format')
    .description('make an empty CMS disk: a new image, or an existing one reformatted (and extended to --cyls)')
    .argument('<image>', 'the CKD image to create or reformat (uncompressed)')
    .requiredOption('--label <label>', 'the volume label, 1-6 characters')
    .option('--type <type>', 'device type for a new image: 3330, 3330-11 or 3350', '3350')
    .option('--cyls <n>', 'cylinders (required for a new image; default for an existing one: all)')
    .option('--extent <start:cyls>', 'the minidisk is these cylinders of a volume image (first cylinder, count)')
    .action((image: string, opts: { label: string; type: string; cyls?: string; extent?: string }) =>
      run(() => {
        let type;
        try {
          type = cmsDeviceType(opts.type);
        } catch (e) {
          throw new CmsDiskError('usage', (e as Error).message);
        }
        const cylinders = opts.cyls === undefined ? undefined : positive(opts.cyls, '--cyls');
        const extent = extentOf(opts.extent);
        if (extent !== undefined && cylinders !== undefined) throw new CmsDiskError('usage', '--extent and --cyls exclude each other');
        const result = extent !== undefined ? formatExtent(image, extent, opts.label) : formatImage(image, { label: opts.label, type, cylinders });
        process.stderr.write(
          `${result.created ? 'created' : 'formatted'} ${image}: ${result.device}, ${result.cylinders} cylinders, ${result.blocks} CMS blocks, label ${opts.label.toUpperCase()}\n`,
        );
      }),
    );

  // Usage errors must reach main(), which exits 2 for them; commander would exit 1 itself from a
  // subcommand created before main() asked the program for exitOverride.
  for (const command of [cmsdisk, ...cmsdisk.commands]) command.exitOverride();
}

function run(action: () => void): void {
  try {
    action();
  } catch (e) {
    if (!(e instanceof CmsDiskError)) throw e;
    process.stderr.write(`vm370 cmsdisk: ${e.message}\n`);
    process.exitCode = EXIT[e.kind];
  }
}

function extentOf(option: string | undefined): DiskExtent | undefined {
  return option === undefined ? undefined : parseExtentOption(option);
}

function out(text: string): void {
  process.stdout.write(text);
}

function warn(warnings: readonly string[]): void {
  for (const w of warnings) process.stderr.write(`vm370 cmsdisk: warning: ${w}\n`);
}

function modeLetter(mode: string | undefined): string | undefined {
  if (mode === undefined) return undefined;
  const letter = mode.toUpperCase();
  if (!/^[A-Z]$/.test(letter)) throw new CmsDiskError('usage', `--mode is one letter, not '${mode}'`);
  return letter;
}

function textPage(name: string): CodePage {
  try {
    return codePage(name);
  } catch (e) {
    throw new CmsDiskError('usage', (e as Error).message);
  }
}

function positive(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new CmsDiskError('usage', `${what} wants a positive whole number, not '${text}'`);
  return n;
}

function readHost(path: string): Uint8Array {
  try {
    return readFileSync(path === '-' ? 0 : path);
  } catch (e) {
    throw new CmsDiskError('host-io', `cannot read ${path}: ${(e as Error).message}`);
  }
}
