// DIAGNOSE X'100' — ASSEMBLE: our CP extension in the user range of DIAGNOSE codes (X'100'-X'1FC',
// VM/370 System Programmer's Guide R6, GC20-1807-7, "DIAGNOSE Instruction in a Virtual Machine":
// the codes an installation may define). IBM's R6 CMS ran the OS/VS assembler (IFOX00) as a CMS
// program; ours reaches the host assembler (src/asm) instead. CMS's ASSEMBLE command
// (cms/nucleus/dmsprgas.assemble) reads `fn ASSEMBLE` into storage, issues this DIAGNOSE, and
// writes what comes back as `fn TEXT` and `fn LISTING`. docs/cms/programs.md describes it for users.
//
// Rx: the address of a parameter list (a fullword boundary) of 88 bytes:
//   +0   A(source)      the source: 80-byte card images (EBCDIC)
//   +4   F  cards       how many
//   +8   CL8 filename   the source is `filename ASSEMBLE` in the listing and the messages
//   +16  stream 1       the object deck: 80-byte cards (ESD, TXT, RLD, END; docs/assembler.md)
//   +36  stream 2       the listing: 121-byte lines, ASA carriage control in byte 0 ('1' a new page)
//   +56  stream 3       the terminal: 121-byte lines as stream 2, for the console: each flagged
//                       statement and its messages, ASSEMBLER DONE, the diagnostic summary
//   +76  F  flagged     (out) statements flagged
//   +80  F  severity    (out) the highest severity (the return code)
//   +84  F  0           reserved
// A stream is five fullwords: A(buffer), F capacity (records the buffer holds), F first (the number,
// from 0, of the first record wanted); out: F total (records the stream has), F stored (records
// stored in the buffer: min(capacity, total - first)).
// Ry receives the return code (0, 4, 8, 12 or 16: the highest severity); the condition code is 0.
//
// The DIAGNOSE keeps nothing between calls: each call assembles the source again, so CMS may take
// the output in pieces (a call with capacities 0 gives the totals; big outputs come over several
// calls, advancing `first`). Parameter list not on a fullword: specification exception; a count or
// capacity beyond 16M: specification exception; any area outside the virtual machine's storage:
// addressing exception, before anything is stored.
//
// Macros and COPY members come from cms/maclib (our CMSLIB MACLIB: WRTERM, RDTERM, REGEQU, the FS*
// macros ...). GLOBAL MACLIB is not consulted yet.

import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble } from '../../asm/index.ts';
import type { AsmMessage } from '../../asm/messages.ts';
import { fromEbcdic, toEbcdic } from '../../ebcdic/index.ts';
import type { VirtualMachine } from '../vm/virtual-machine.ts';
import { address, aligned, inStorage, SPECIFICATION } from './registers.ts';

/** The DIAGNOSE code. */
export const ASSEMBLE_DIAGNOSE = 0x100;

/** cms/maclib: the macro library every assembly gets. */
const CMS_MACLIB = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'cms', 'maclib');

const PLIST_LENGTH = 88;
const CARD = 80;
const LINE = 121;
const STREAMS = [
  { offset: 16, length: CARD },
  { offset: 36, length: LINE },
  { offset: 56, length: LINE },
] as const;
const LIMIT = 0x100_0000;
const BLANK = 0x40;

function word(mem: Uint8Array, a: number): number {
  return ((mem[a]! << 24) | (mem[a + 1]! << 16) | (mem[a + 2]! << 8) | mem[a + 3]!) >>> 0;
}

function putWord(mem: Uint8Array, a: number, v: number): void {
  mem[a] = v >>> 24;
  mem[a + 1] = (v >>> 16) & 0xff;
  mem[a + 2] = (v >>> 8) & 0xff;
  mem[a + 3] = v & 0xff;
}

/** A line of text as a 121-byte record: carriage control, then the text (blank-padded, cut at 120). */
function lineRecord(control: string, text: string): Uint8Array {
  const record = new Uint8Array(LINE).fill(BLANK);
  record.set(toEbcdic(control + text.slice(0, LINE - 1)).subarray(0, LINE));
  return record;
}

/** The listing as 121-byte ASA records: a form feed starts a new page ('1'), other lines ' '. */
function listingRecords(listing: string): Uint8Array[] {
  const lines = listing.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((l) => (l.startsWith('\f') ? lineRecord('1', l.slice(1)) : lineRecord(' ', l)));
}

/**
 * What the terminal shows (as the TERM option of IBM's assemblers does [mem]): each flagged
 * statement of the source and its messages, then ASSEMBLER DONE and the diagnostic summary.
 */
function terminalLines(messages: readonly AsmMessage[], file: string, cards: readonly string[], severity: number): string[] {
  const out: string[] = [];
  let last = '';
  for (const m of messages) {
    const key = `${m.file}:${m.line}:${m.stmt}`;
    if (key !== last && m.file === file && m.line >= 1 && m.line <= cards.length) {
      out.push(`${String(m.stmt).padStart(5, ' ')} ${cards[m.line - 1]!.slice(0, 71).trimEnd()}`);
    }
    last = key;
    const kind = m.severity >= 8 ? 'ERROR' : 'WARNING';
    out.push(`** ${m.code} *** ${kind} *** ${m.text}`);
  }
  out.push('ASSEMBLER DONE');
  const flagged = flaggedCount(messages);
  if (flagged === 0) out.push('NO STATEMENTS FLAGGED IN THIS ASSEMBLY');
  else {
    out.push(`${String(flagged).padStart(5, ' ')} STATEMENTS FLAGGED IN THIS ASSEMBLY`);
    out.push(`${String(severity).padStart(5, ' ')} WAS HIGHEST SEVERITY CODE`);
  }
  return out;
}

/** Statements flagged: distinct statements (or source lines) that carry a message. */
function flaggedCount(messages: readonly AsmMessage[]): number {
  return new Set(messages.map((m) => (m.stmt !== 0 ? `s${m.stmt}` : `${m.file}:${m.line}`))).size;
}

/** X'100' ASSEMBLE: see the head of this file. */
export function diagnoseAssemble(vm: VirtualMachine, rx: number, ry: number): void {
  const cpu = vm.cpu;
  const mem = cpu.mem;
  const plist = inStorage(cpu, aligned(cpu, address(cpu, rx), 4), PLIST_LENGTH);
  const source = word(mem, plist) & 0xff_ffff;
  const count = word(mem, plist + 4);
  if (count >= LIMIT) throw cpu.exception(SPECIFICATION);
  inStorage(cpu, source, count * CARD);
  const streams = STREAMS.map((s) => {
    const at = plist + s.offset;
    const buffer = word(mem, at) & 0xff_ffff;
    const capacity = word(mem, at + 4);
    const first = word(mem, at + 8);
    if (capacity >= LIMIT || first >= LIMIT) throw cpu.exception(SPECIFICATION);
    inStorage(cpu, buffer, capacity * s.length);
    return { at, buffer, capacity, first, length: s.length };
  });

  const filename = fromEbcdic(mem.subarray(plist + 8, plist + 16)).trim() || 'SOURCE';
  const file = `${filename} ASSEMBLE`;
  const cards: string[] = [];
  for (let i = 0; i < count; i++) cards.push(fromEbcdic(mem.subarray(source + i * CARD, source + (i + 1) * CARD)));
  const result = assemble(cards.join('\n'), { file, maclibs: [CMS_MACLIB], date: vm.localTime() });
  const severity = result.returnCode;

  const object: Uint8Array[] = [];
  for (let k = 0; k + CARD <= result.object.length; k += CARD) object.push(result.object.subarray(k, k + CARD));
  const listing = listingRecords(result.listing);
  const terminal = terminalLines(result.messages, file, cards, severity).map((l) => lineRecord(' ', l));
  [object, listing, terminal].forEach((records, n) => {
    const s = streams[n]!;
    const stored = Math.max(0, Math.min(s.capacity, records.length - s.first));
    for (let i = 0; i < stored; i++) mem.set(records[s.first + i]!, s.buffer + i * s.length);
    putWord(mem, s.at + 12, records.length);
    putWord(mem, s.at + 16, stored);
  });
  putWord(mem, plist + 76, flaggedCount(result.messages));
  putWord(mem, plist + 80, severity);
  cpu.gpr[ry] = severity;
  cpu.cc = 0;
}
