// Builds the standalone IPL decks in decks/ (the programs' source is this file; each deck's listing
// is written next to it). Run: node --import tsx scripts/build-ipl-decks.ts
//
// Every program is assembled at X'400', runs in BC mode with key 0, and ends with a disabled wait:
// wait code 000 for success, or 0E1 unit check, 0E2 channel error, 0E3 device not operational,
// 0E4 data not as written, 0E5 START I/O refused, FFF program check.
// Decks and expected output are described in decks/README.md.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { iplDeck, Program } from './ipl-deck-builder.ts';

const ORIGIN = 0x400;
const CSW_UNIT = 0x44;
const CSW_CHANNEL = 0x45;
const CAW = 0x48;
const PROGRAM_NEW_PSW = 0x68;
const IO_NEW_PSW = 0x78;
const IO_OLD_PSW = 0x38;
const PRINTER = 0x00e;
const READER = 0x00c;
const PUNCH = 0x00d;
const DASD = 0x190;
const TAPE = 0x180;
const WAIT = 0x02; // BC-mode PSW byte 1: the wait bit
const CC_SLI = 0x60;
const SLI = 0x20;

/** MVC X'68'(8),PGMNEW: a program check ends in a disabled wait with code FFF. */
function start(p: Program): void {
  p.label('START').op('MVC', PROGRAM_NEW_PSW, 8, 'PGMNEW');
}

/** Runs `ccws` on `device` and waits: BAL 14,DOIO with R1 = device, R2 = CCW address. */
function io(p: Program, device: number, ccws: string): void {
  p.op('LA', 1, device).op('LA', 2, ccws).op('BAL', 14, 'DOIO');
}

/**
 * DOIO: START I/O with CAW = R2 on device R1, then TEST I/O until device end. The unit and channel
 * status of every CSW stored are ORed into UNITST and CHANST. Unit check and any channel status
 * end the program (wait codes 0E1, 0E2); so does a device that is not there (0E3).
 */
function commonRoutines(p: Program): void {
  p.label('DOIO').op('ST', 2, CAW)
    .op('MVI', 'UNITST', 0)
    .op('MVI', 'CHANST', 0)
    .label('DOSIO').op('SIO', 0, 1)
    .op('BC', 8, 'DOPOLL') // CC 0: started
    .op('BC', 4, 'DOCSW') // CC 1: CSW stored
    .op('BC', 2, 'DOSIO') // CC 2: busy, try again
    .op('LPSW', 'ERRNOP') // CC 3: not operational
    .label('DOPOLL').op('TIO', 0, 1)
    .op('BC', 2, 'DOPOLL') // CC 2: still working
    .op('BC', 8, 'DORET') // CC 0: nothing more to come
    .op('BC', 1, 'DONOP')
    .label('DOCSW').op('OC', 'UNITST', 1, CSW_UNIT)
    .op('OC', 'CHANST', 1, CSW_CHANNEL)
    .op('TM', CSW_UNIT, 0x04) // device end yet?
    .op('BC', 8, 'DOPOLL')
    .label('DORET').op('TM', 'UNITST', 0x02)
    .op('BC', 1, 'DOUC')
    .op('TM', 'CHANST', 0xff)
    .op('BC', 7, 'DOCHAN')
    .op('BCR', 15, 14)
    .label('DOUC').op('LPSW', 'ERRUC')
    .label('DOCHAN').op('LPSW', 'ERRCH')
    .label('DONOP').op('LPSW', 'ERRNOP')
    .label('BADDATA').op('LPSW', 'ERRDATA');
  p.label('DONE').psw(0, WAIT, 0)
    .label('PGMNEW').psw(0, WAIT, 0xfff)
    .label('ERRUC').psw(0, WAIT, 0x0e1)
    .label('ERRCH').psw(0, WAIT, 0x0e2)
    .label('ERRNOP').psw(0, WAIT, 0x0e3)
    .label('ERRDATA').psw(0, WAIT, 0x0e4)
    .label('ERRSIO').psw(0, WAIT, 0x0e5)
    .label('UNITST').bytes([0])
    .label('CHANST').bytes([0])
    .align(8).label('DW').space(8);
}

function hello(): Program {
  const p = new Program(ORIGIN);
  start(p);
  io(p, PRINTER, 'PRTCCW');
  p.op('LPSW', 'DONE');
  const lines = ['HELLO, WORLD', 'THIS LINE WAS PRINTED BY A STANDALONE PROGRAM IPLED FROM CARDS', 'LINE THREE FOLLOWS A BLANK LINE', 'END OF PAGE'];
  p.label('PRTCCW')
    .ccw(0x09, 'L1', CC_SLI, lines[0]!.length) // write, space 1
    .ccw(0x11, 'L2', CC_SLI, lines[1]!.length) // write, space 2
    .ccw(0x09, 'L3', CC_SLI, lines[2]!.length) // write, space 1
    .ccw(0x89, 'L4', SLI, lines[3]!.length); // write, skip to channel 1
  lines.forEach((line, i) => p.label(`L${i + 1}`).text(line));
  commonRoutines(p);
  return p;
}

function copy(): Program {
  const p = new Program(ORIGIN);
  start(p);
  p.op('SR', 7, 7);
  p.label('LOOP');
  io(p, READER, 'RDCCW');
  p.op('TM', 'UNITST', 0x01).op('BC', 1, 'EOF'); // unit exception: the end of the deck
  io(p, PUNCH, 'PCHCCW');
  p.op('LA', 7, 1, 0, 7).op('BC', 15, 'LOOP');
  p.label('EOF').op('CVD', 7, 'DW')
    .op('UNPK', 'MSGN', 4, 'DW+5', 3)
    .op('OI', 'MSGN+3', 0xf0);
  io(p, PRINTER, 'MSGCCW');
  p.op('LPSW', 'DONE');
  p.label('RDCCW').ccw(0x02, 'CARD', SLI, 80)
    .label('PCHCCW').ccw(0x01, 'CARD', SLI, 80)
    .label('MSGCCW').ccw(0x09, 'MSG', SLI, 46);
  p.label('MSG').text('COPIED ').label('MSGN').text('0000').text(' CARDS FROM THE READER TO THE PUNCH');
  p.label('CARD').space(80);
  commonRoutines(p);
  return p;
}

const DASD_OK = 'DASD WRITE AND READ ROUND TRIP: OK';

function dasd(): Program {
  const p = new Program(ORIGIN);
  start(p);
  io(p, DASD, 'WRCCW');
  io(p, DASD, 'RDCCW');
  p.op('CLC', 'BUF1', 80, 'REC1+8').op('BC', 7, 'BADDATA')
    .op('CLC', 'BUF2', 80, 'REC2+8').op('BC', 7, 'BADDATA');
  io(p, PRINTER, 'PRTCCW');
  p.op('LPSW', 'DONE');
  p.label('WRCCW').ccw(0x07, 'SEEKARG', CC_SLI, 6) // seek cylinder 1 head 2
    .label('SRCH0').ccw(0x31, 'ID0', CC_SLI, 5) // search ID equal R0
    .ccw(0x08, 'SRCH0', 0, 1) // TIC *-8
    .ccw(0x1d, 'REC1', CC_SLI, 88) // write count, key and data R1
    .ccw(0x1d, 'REC2', SLI, 88); // write count, key and data R2
  p.label('RDCCW').ccw(0x07, 'SEEKARG', CC_SLI, 6)
    .label('SRCH1').ccw(0x31, 'ID1', CC_SLI, 5) // search ID equal R1
    .ccw(0x08, 'SRCH1', 0, 1)
    .ccw(0x06, 'BUF1', CC_SLI, 80) // read data R1
    .ccw(0x06, 'BUF2', SLI, 80); // read data R2, the next record
  p.label('PRTCCW').ccw(0x09, 'BUF1', CC_SLI, 80)
    .ccw(0x09, 'BUF2', CC_SLI, 80)
    .ccw(0x09, 'OKMSG', SLI, DASD_OK.length);
  p.label('SEEKARG').bytes([0, 0, 0, 1, 0, 2])
    .label('ID0').bytes([0, 1, 0, 2, 0])
    .label('ID1').bytes([0, 1, 0, 2, 1]);
  p.label('REC1').bytes([0, 1, 0, 2, 1, 0, 0, 80]).text('RECORD 1 WRITTEN ON CYLINDER 1 HEAD 2 WITH WRITE COUNT, KEY AND DATA', 80);
  p.label('REC2').bytes([0, 1, 0, 2, 2, 0, 0, 80]).text('RECORD 2 READ BACK WITH SEARCH ID EQUAL, TIC AND READ DATA', 80);
  p.label('OKMSG').text(DASD_OK);
  p.label('BUF1').space(80).label('BUF2').space(80);
  commonRoutines(p);
  return p;
}

const TAPE_OK = 'TAPE ROUND TRIP: OK, TAPE MARK REACHED';

function tape(): Program {
  const p = new Program(ORIGIN);
  start(p);
  io(p, TAPE, 'WRCCW');
  io(p, TAPE, 'REWCCW');
  p.op('SR', 7, 7);
  p.label('RDLOOP');
  io(p, TAPE, 'RDCCW');
  p.op('TM', 'UNITST', 0x01).op('BC', 1, 'ATMARK'); // unit exception: the tape mark
  io(p, PRINTER, 'PRCCW');
  p.op('LA', 7, 1, 0, 7).op('BC', 15, 'RDLOOP');
  p.label('ATMARK').op('CH', 7, 'THREE').op('BC', 7, 'BADDATA');
  io(p, PRINTER, 'OKCCW');
  p.op('LPSW', 'DONE');
  p.label('WRCCW').ccw(0x01, 'BLK1', CC_SLI, 80)
    .ccw(0x01, 'BLK2', CC_SLI, 80)
    .ccw(0x01, 'BLK3', CC_SLI, 80)
    .ccw(0x1f, 0, SLI, 1); // write tape mark
  p.label('REWCCW').ccw(0x07, 0, SLI, 1);
  p.label('RDCCW').ccw(0x02, 'BUF', SLI, 100);
  p.label('PRCCW').ccw(0x09, 'BUF', SLI, 80);
  p.label('OKCCW').ccw(0x09, 'OKMSG', SLI, TAPE_OK.length);
  p.label('BLK1').text('BLOCK 1 OF 3 WRITTEN TO TAPE', 80)
    .label('BLK2').text('BLOCK 2 OF 3, REWOUND AND READ BACK', 80)
    .label('BLK3').text('BLOCK 3 OF 3, FOLLOWED BY A TAPE MARK', 80);
  p.label('OKMSG').text(TAPE_OK);
  p.label('THREE').half(3);
  p.label('BUF').space(100);
  commonRoutines(p);
  return p;
}

const TEMPLATE = 'JOB 00: THE SUM OF 1 TO 0000 IS 00000000';
const OVERLAP_END = '8 SUMS COMPUTED WHILE THE PRINTER PRINTED EACH RESULT';
const JOBS = 8;

/**
 * The main program computes eight sums while an I/O interruption handler prints each result as soon
 * as it is ready: START I/O goes out for the next line when the printer's device end arrives.
 */
function overlap(): Program {
  const p = new Program(ORIGIN);
  const at = (s: string) => TEMPLATE.indexOf(s);
  start(p);
  p.op('MVC', IO_NEW_PSW, 8, 'IONEW')
    .op('SSM', 'ENABLE')
    .op('LA', 7, 1);
  p.label('JOB').op('LR', 3, 7).op('MH', 3, 'HUNDRED') // n = 100 * job
    .op('LR', 8, 3)
    .op('SR', 4, 4)
    .label('SUMLP').op('AR', 4, 3).op('BCT', 3, 'SUMLP') // sum = n + (n-1) + ... + 1
    .op('LR', 5, 7).op('BCTR', 5, 0).op('MH', 5, 'EIGHTY').op('LA', 5, 'LINES', 5) // the job's line
    .op('MVC', 0, 80, 'TEMPLATE', 5)
    .op('CVD', 7, 'DW').op('UNPK', at('00:'), 2, 'DW+6', 2, 5).op('OI', at('00:') + 1, 0xf0, 5)
    .op('CVD', 8, 'DW').op('UNPK', at('0000'), 4, 'DW+5', 3, 5).op('OI', at('0000') + 3, 0xf0, 5)
    .op('CVD', 4, 'DW').op('UNPK', at('00000000'), 8, 'DW+3', 5, 5).op('OI', at('00000000') + 7, 0xf0, 5)
    .op('SSM', 'DISABLE') // the queue is shared with the interruption handler
    .op('LH', 6, 'NQUEUED').op('LA', 6, 1, 0, 6).op('STH', 6, 'NQUEUED')
    .op('CLI', 'BUSY', 0).op('BC', 7, 'QDONE')
    .op('BAL', 14, 'STARTPR')
    .label('QDONE').op('SSM', 'ENABLE')
    .op('LA', 7, 1, 0, 7).op('CH', 7, 'NINE').op('BC', 4, 'JOB');
  // Wait, enabled, until the handler has printed every line.
  p.label('DRAIN').op('SSM', 'DISABLE')
    .op('CLC', 'NPRINTED', 2, 'NJOBS').op('BC', 8, 'FINISH')
    .op('LPSW', 'WAITPSW');
  p.label('FINISH');
  io(p, PRINTER, 'ENDCCW');
  p.op('LPSW', 'DONE');
  // The I/O interruption handler: on the printer's device end, start the next line if there is one.
  p.label('IOINT').op('STM', 0, 15, 'SAVE')
    .op('CLC', IO_OLD_PSW + 2, 2, 'PRTADDR').op('BC', 7, 'IORET')
    .op('TM', CSW_UNIT, 0x02).op('BC', 1, 'DOUC')
    .op('TM', CSW_CHANNEL, 0xff).op('BC', 7, 'DOCHAN')
    .op('TM', CSW_UNIT, 0x04).op('BC', 8, 'IORET')
    .op('MVI', 'BUSY', 0)
    .op('LH', 6, 'NPRINTED').op('LA', 6, 1, 0, 6).op('STH', 6, 'NPRINTED')
    .op('CLC', 'NPRINTED', 2, 'NQUEUED').op('BC', 11, 'IORET')
    .op('BAL', 14, 'STARTPR')
    .label('IORET').op('LM', 0, 15, 'SAVE')
    .op('NI', IO_OLD_PSW + 1, 0xff - WAIT) // return out of the wait, to DRAIN
    .op('LPSW', IO_OLD_PSW);
  // START I/O for line NPRINTED; interruptions are disabled here.
  p.label('STARTPR').op('LH', 3, 'NPRINTED').op('MH', 3, 'EIGHTY').op('LA', 3, 'LINES', 3)
    .op('STCM', 3, 7, 'PRCCW+1')
    .op('LA', 2, 'PRCCW').op('ST', 2, CAW)
    .op('SIO', PRINTER)
    .op('BC', 7, 'NOSIO')
    .op('MVI', 'BUSY', 1)
    .op('BCR', 15, 14)
    .label('NOSIO').op('LPSW', 'ERRSIO');
  p.label('PRCCW').ccw(0x09, 'LINES', SLI, TEMPLATE.length)
    .label('ENDCCW').ccw(0x09, 'ENDMSG', SLI, OVERLAP_END.length);
  p.label('IONEW').psw(0, 0, 'IOINT')
    .label('WAITPSW').psw(0xfe, WAIT, 'DRAIN');
  p.label('ENDMSG').text(OVERLAP_END);
  p.label('TEMPLATE').text(TEMPLATE, 80);
  p.label('HUNDRED').half(100).label('EIGHTY').half(80).label('NINE').half(JOBS + 1).label('NJOBS').half(JOBS)
    .label('NQUEUED').half(0).label('NPRINTED').half(0)
    .label('PRTADDR').half(PRINTER)
    .label('ENABLE').bytes([0xfe]).label('DISABLE').bytes([0x00]).label('BUSY').bytes([0]);
  p.align(4).label('SAVE').space(64);
  p.label('LINES').space(80 * JOBS);
  commonRoutines(p);
  return p;
}

export const DECKS: Record<string, () => Program> = { hello, copy, dasd, tape, overlap };

function main(): void {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'decks');
  for (const [name, make] of Object.entries(DECKS)) {
    const program = make();
    const { bytes, listing } = program.build();
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.deck`), iplDeck(bytes, ORIGIN, ORIGIN));
    writeFileSync(join(dir, `${name}.lst`), `* ${name}: built by scripts/build-ipl-decks.ts; origin X'400'\n` + listing);
    process.stdout.write(`decks/${name}/${name}.deck: ${bytes.length} bytes of program\n`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
