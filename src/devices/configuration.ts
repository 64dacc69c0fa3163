// The bare machine's standard device configuration (docs/devices.md):
//
//   009  3215 console      (the host's standard input and output in the command line)
//   00C  2540 reader       (decks from host files)
//   00D  2540 punch        (a host file)
//   00E  1403 printer      (a host file)
//   DASD and tape at the addresses the configuration names.
//
// The printer and punch are attached even without an output file: their output is then dropped.

import type { ChannelSubsystem } from '../channel/channel-subsystem.ts';
import type { CodePage } from '../ebcdic/index.ts';
import { readDeck } from './card/deck.ts';
import { Punch2540, type PunchFormat } from './card/punch-2540.ts';
import { Reader2540 } from './card/reader-2540.ts';
import { Console3215, type Console3215Options } from './console/console-3215.ts';
import { CkdDasd } from './dasd/ckd-dasd.ts';
import { CkdImage } from './dasd/ckd-image.ts';
import { OutputFile, type OutputSink } from './output-file.ts';
import { Printer1403, type PrinterFormat } from './printer/printer-1403.ts';
import { DEFAULT_FCB, type Fcb } from './printer/fcb.ts';
import { AwsTape } from './tape/aws-tape.ts';
import { Tape3420 } from './tape/tape-3420.ts';

export const STANDARD_ADDRESSES = { console: 0x009, reader: 0x00c, punch: 0x00d, printer: 0x00e } as const;

export interface StandardConfiguration {
  /** Deck files for the reader, in order (FILE, text:FILE, binary:FILE). */
  decks?: string[];
  printer?: { file?: string; sink?: OutputSink; format?: PrinterFormat; fcb?: Fcb };
  punch?: { file?: string; sink?: OutputSink; format?: PunchFormat };
  console?: Console3215Options;
  /** CKD images by device address. */
  dasd?: Array<{ address: number; image: string; readOnly?: boolean }>;
  /** AWS tape images by device address (created when missing). */
  tapes?: Array<{ address: number; image: string; readOnly?: boolean }>;
  codePage?: CodePage;
}

export interface StandardDevices {
  reader: Reader2540;
  punch: Punch2540;
  printer: Printer1403;
  console: Console3215;
}

/** A sink that drops what it is given. */
const NOWHERE: OutputSink = { write() {}, close() {} };

/** Attaches the standard devices; every file is opened first, so a bad one attaches nothing. */
export function attachStandardDevices(channels: ChannelSubsystem, config: StandardConfiguration): StandardDevices {
  const page = config.codePage ?? 'cp037';
  const decks = (config.decks ?? []).map((spec) => readDeck(spec, page));
  const opened: Array<{ close(): void }> = [];
  try {
    const disks = (config.dasd ?? []).map((d) => {
      const image = CkdImage.open(d.image, d.readOnly);
      opened.push(image);
      return { address: d.address, device: new CkdDasd(image) };
    });
    const tapes = (config.tapes ?? []).map((t) => {
      const tape = AwsTape.open(t.image, t.readOnly);
      opened.push(tape);
      return { address: t.address, device: new Tape3420(tape) };
    });
    const printerSink = config.printer?.sink ?? (config.printer?.file ? new OutputFile(config.printer.file) : NOWHERE);
    opened.push(printerSink);
    const punchSink = config.punch?.sink ?? (config.punch?.file ? new OutputFile(config.punch.file) : NOWHERE);
    opened.push(punchSink);

    const reader = new Reader2540();
    for (const deck of decks) reader.load(deck);
    const devices: StandardDevices = {
      reader,
      punch: new Punch2540(punchSink, { format: config.punch?.format, codePage: page }),
      printer: new Printer1403(printerSink, { format: config.printer?.format, fcb: config.printer?.fcb ?? DEFAULT_FCB, codePage: page }),
      console: new Console3215({ codePage: page, ...config.console }),
    };
    channels.attach(STANDARD_ADDRESSES.console, devices.console);
    channels.attach(STANDARD_ADDRESSES.reader, devices.reader);
    channels.attach(STANDARD_ADDRESSES.punch, devices.punch);
    channels.attach(STANDARD_ADDRESSES.printer, devices.printer);
    for (const { address, device } of [...disks, ...tapes]) channels.attach(address, device);
    return devices;
  } catch (e) {
    for (const o of opened) o.close();
    throw e;
  }
}

/** Parses CUU=FILE (a device address of up to three hex digits). */
export function parseAddressAssignment(spec: string, what: string): { address: number; image: string } {
  const m = /^([0-9a-fA-F]{1,3})=(.+)$/.exec(spec);
  if (!m) throw new Error(`${what} wants CUU=FILE, not '${spec}'`);
  return { address: parseInt(m[1]!, 16), image: m[2]! };
}
