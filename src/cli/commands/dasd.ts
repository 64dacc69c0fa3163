// `vm370 dasd`: DASD image utilities. `dasd create` writes an empty formatted Hercules CKD image
// (like Hercules' dasdinit); `dasd info` describes an image (docs/devices.md).

import type { Command } from 'commander';
import { CkdImage, createCkdImage } from '../../devices/dasd/ckd-image.ts';
import { ckdType, GEOMETRIES } from '../../devices/dasd/geometry.ts';

/** Images with more cylinders than this show progress on a terminal. */
const PROGRESS_FROM = 50;

export function register(program: Command): void {
  const dasd = program.command('dasd').description('DASD image utilities (Hercules CKD_P370 images)');

  dasd
    .command('create')
    .description('write an empty formatted CKD image: a home address and R0 on every track')
    .argument('<file>', 'the image file to write')
    .requiredOption('--type <TYPE>', '3330, 3330-11 or 3350')
    .option('--cyls <N>', 'cylinders (default: the primary cylinders of the type: 404, 808 or 555)')
    .option('--volser <SERIAL>', 'write IPL1, IPL2 and a VOL1 label with this volume serial on track 0')
    .option('--force', 'replace an existing file')
    .action((file: string, opts: { type: string; cyls?: string; volser?: string; force?: boolean }) => {
      try {
        const type = ckdType(opts.type);
        const cylinders = opts.cyls === undefined ? GEOMETRIES[type].cylinders : Number(opts.cyls);
        if (!Number.isSafeInteger(cylinders)) throw new Error(`--cyls wants a whole number, not '${opts.cyls}'`);
        const tty = process.stderr.isTTY === true && cylinders > PROGRESS_FROM;
        createCkdImage(file, type, cylinders, {
          volser: opts.volser,
          force: opts.force,
          onProgress: tty
            ? (done, total) => {
                if (done % 10 === 0 || done === total) process.stderr.write(`\rcylinder ${done} of ${total}`);
              }
            : undefined,
        });
        if (tty) process.stderr.write('\n');
        process.stderr.write(`${file}: ${type}, ${cylinders} cylinders of ${GEOMETRIES[type].heads} tracks\n`);
      } catch (e) {
        process.stderr.write(`vm370 dasd create: ${(e as Error).message}\n`);
        process.exitCode = 2;
      }
    });

  dasd
    .command('info')
    .description('show the device type and size of a CKD image')
    .argument('<file>')
    .action((file: string) => {
      try {
        const image = CkdImage.open(file, true);
        process.stdout.write(`${file}: ${image.geometry.type}, ${image.cylinders} cylinders, ${image.heads} heads, ${image.trackSize}-byte tracks\n`);
        image.close();
      } catch (e) {
        process.stderr.write(`vm370 dasd info: ${(e as Error).message}\n`);
        process.exitCode = 2;
      }
    });
}
