// DISPLAY (VM/370 CP Command Reference for General Users R6, DISPLAY; DMKCDB): the virtual
// machine's storage, storage keys, registers and control words, one request per operand.
//
//   Display  [L|T|K]hexloc[-hexloc2|:hexloc2|.bytecount|-END]   storage (L hex, T hex and EBCDIC,
//            G[reg[-reg2|.count]]  Y[...]  X[...]               K keys), general, floating-point,
//            PSW  CAW  CSW                                       control registers, PSW, CAW, CSW
//
// Storage lines [mem]: the address, up to four words, and with T the EBCDIC translation of the
// whole 16-byte line between asterisks:
//   020000  90ECD00C 05C041C0 C0000000 00000000  *........{.......*
// A storage location is rounded down to a word (L) or to X'10' (T). Lines equal to the one above
// are suppressed and counted:  020010 TO 0200FF SUPPRESSED LINE(S) SAME AS ABOVE ...  [mem]
// Registers [mem]:  GPR 0 = 00000000 00000000 00000000 00000000   (four a line)
//                   FPR 0 = 41100000 00000000                     (one a line)
//                   CR 0 = ...  PSW = xxxxxxxx xxxxxxxx  CAW = xxxxxxxx  CSW = xxxxxxxx xxxxxxxx
// Keys [mem]:       020000  KEY = E4      (one line per 2K block)

import { currentPsw, graphic, hex, hexBytes, pswWords } from '../../trace/format.ts';
import type { CpCommandContext } from '../../vm/cp-commands.ts';
import { parseRegisterRange, parseStorageRange, storageEnd, storageProblem, type Range } from './operands.ts';

const MODULE = 'DMKCDB';

export function display(ctx: CpCommandContext, operands: string[]): number {
  if (operands.length === 0) return ctx.error(`${MODULE}026E`, 'OPERAND MISSING OR INVALID');
  for (const op of operands) {
    const rc = displayOne(ctx, op);
    // An invalid operand ends the command; the ones before it were displayed (R6 usage note).
    if (rc !== 0) return rc;
  }
  return 0;
}

function displayOne(ctx: CpCommandContext, op: string): number {
  const cpu = ctx.vm.cpu;
  if (op === 'PSW' || op === 'P' || op === 'PS') {
    ctx.reply(`PSW = ${pswWords(currentPsw(cpu))}`);
    return 0;
  }
  if (op === 'CAW') {
    ctx.reply(`CAW = ${hexBytes(cpu.mem.subarray(0x48, 0x4c))}`);
    return 0;
  }
  if (op === 'CSW') {
    ctx.reply(`CSW = ${hexBytes(cpu.mem.subarray(0x40, 0x44))} ${hexBytes(cpu.mem.subarray(0x44, 0x48))}`);
    return 0;
  }
  const prefix = op[0]!;
  if (prefix === 'G' || prefix === 'X' || prefix === 'Y') {
    const range = parseRegisterRange(op.slice(1), prefix);
    if (!range.ok) return ctx.error(range.id, range.text);
    if (prefix === 'Y') return displayFloating(ctx, range.value, op);
    const regs = prefix === 'G' ? cpu.gpr : cpu.cr;
    const label = prefix === 'G' ? 'GPR' : 'CR';
    for (let r = range.value.first; r <= range.value.last; r += 4) {
      const words: string[] = [];
      for (let i = r; i <= Math.min(r + 3, range.value.last); i++) words.push(hex(regs[i]!, 8));
      ctx.reply(`${label} ${hex(r, 1)} = ${words.join(' ')}`);
    }
    return 0;
  }
  const kind = prefix === 'L' || prefix === 'T' || prefix === 'K' ? prefix : 'L';
  const text = kind === prefix ? op.slice(1) : op;
  const range = parseStorageRange(text, (first) => storageEnd(ctx.vm, first), kind === 'T' ? 16 : 4, kind === prefix ? prefix : '');
  if (!range.ok) return ctx.error(range.id, range.text);
  if (kind === 'K') return displayKeys(ctx, range.value);
  return displayStorage(ctx, range.value, kind === 'T');
}

/** FPRs 0, 2, 4, 6: a doubleword each. */
function displayFloating(ctx: CpCommandContext, range: Range, op: string): number {
  const fpr = ctx.vm.cpu.fpr;
  if (range.first % 2 !== 0 || range.first > 6) return ctx.error(`${MODULE}010E`, `INVALID REGISTER - ${op}`);
  for (let r = range.first; r <= Math.min(range.last, 6); r += 2) {
    ctx.reply(`FPR ${r} = ${hex(fpr[r]!, 8)} ${hex(fpr[r + 1]!, 8)}`);
  }
  return 0;
}

/** One line per 2K block: its storage key (KKKKFRC0). */
function displayKeys(ctx: CpCommandContext, range: Range): number {
  const vm = ctx.vm;
  for (let block = range.first & ~0x7ff; block <= range.last; block += 0x800) {
    const problem = storageProblem(vm, block, MODULE);
    if (problem !== null) return ctx.error(problem.id, problem.text);
    ctx.reply(`${hex(block, 6)}  KEY = ${hex(vm.cpu.keys[block >>> 11]!, 2)}`);
  }
  return 0;
}

/** Storage in lines of four words (L) or of X'10' bytes with their EBCDIC translation (T). */
function displayStorage(ctx: CpCommandContext, range: Range, translate: boolean): number {
  const vm = ctx.vm;
  const mem = vm.cpu.mem;
  const start = translate ? range.first & ~0xf : range.first & ~0x3;
  let previous: string | null = null;
  let suppressedFrom = -1;
  let suppressedTo = -1;
  const endSuppression = () => {
    if (suppressedFrom >= 0) ctx.reply(`${hex(suppressedFrom, 6)} TO ${hex(suppressedTo, 6)} SUPPRESSED LINE(S) SAME AS ABOVE ...`);
    suppressedFrom = -1;
  };
  for (let line = start; line <= range.last; line += 16) {
    const words: string[] = [];
    let chars = '';
    let problem: { id: string; text: string } | null = null;
    for (let w = line; w < line + 16 && w <= range.last; w += 4) {
      problem = storageProblem(vm, w, MODULE);
      if (problem !== null) break;
      words.push(hexBytes(mem.subarray(w, w + 4)));
      if (translate) for (let i = 0; i < 4; i++) chars += graphic(mem[w + i]!);
    }
    if (words.length > 0) {
      const body = translate ? `${words.join(' ').padEnd(35)}  *${chars}*` : words.join(' ');
      if (body === previous && words.length === 4) {
        if (suppressedFrom < 0) suppressedFrom = line;
        suppressedTo = line + 15;
      } else {
        endSuppression();
        ctx.reply(`${hex(line, 6)}  ${body}`);
        previous = body;
      }
    }
    if (problem !== null) {
      endSuppression();
      return ctx.error(problem.id, problem.text);
    }
  }
  endSuppression();
  return 0;
}
