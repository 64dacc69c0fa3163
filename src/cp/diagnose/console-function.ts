// DIAGNOSE functions of the virtual console and devices (VM/370 System Programmer's Guide R6,
// GC20-1807-7, pp. 215-216, 223-225, 232-233).

import { fromEbcdic, toEbcdic } from '../../ebcdic/index.ts';
import type { VirtualMachine } from '../vm/virtual-machine.ts';
import { address, inStorage, reg, SPECIFICATION } from './registers.ts';

/** The longest command string DIAGNOSE X'08' takes in R6. */
const MAX_COMMAND_LENGTH = 132;
const MAX_RESPONSE_BUFFER = 8192;
const RESPONSE_TO_BUFFER = 0x40;
const NEW_LINE = 0x15;
/** DIAGNOSE X'58' writes 80-character lines, 22 at most (the 3277 model 2's output area). */
const DISPLAY_COLUMNS = 80;
const DISPLAY_BYTES = 1760;

/**
 * X'08' Virtual console function: CP commands from the guest. Rx: address of the command text
 * (several commands separated by X'15'); Ry: flags (X'80' reject a password on LINK, X'40'
 * response to a buffer) and the length (at most 132). A length of 0: the machine enters CP mode
 * (CP READ) as if the user had pressed the attention key twice.
 * With a response buffer (Rx, Ry not consecutive and neither 15): Rx+1 the buffer, Ry+1 its length
 * (at most 8192). Each response line is followed by X'15'; only whole lines are stored. CC 0: Ry+1
 * the length stored; CC 1: the response did not fit, Ry+1 the number of bytes left over.
 * Ry receives the completion code (0, or the number of the error message). Processing stops at the
 * first command that fails.
 */
export function diagnoseConsoleFunction(vm: VirtualMachine, rx: number, ry: number): void {
  const cpu = vm.cpu;
  const ryValue = reg(cpu, ry);
  const flags = ryValue >>> 24;
  const length = ryValue & 0xff_ffff;
  if (length === 0) {
    // No command: CP mode. (CMS's CP command without operands passes X'80000000': the flags are set
    // but the length is zero, and R6 enters CP mode for it as for Ry = 0.)
    vm.enterCpMode();
    return;
  }
  const toBuffer = (flags & RESPONSE_TO_BUFFER) !== 0;
  if (length > MAX_COMMAND_LENGTH) throw cpu.exception(SPECIFICATION);
  if (toBuffer && (Math.abs(rx - ry) === 1 || rx === 15 || ry === 15)) throw cpu.exception(SPECIFICATION);
  const at = inStorage(cpu, address(cpu, rx), length);
  const text = fromEbcdic(cpu.mem.subarray(at, at + length));
  const response: string[] = [];
  const reply = toBuffer ? (line: string) => response.push(line) : (line: string) => vm.console?.cpWrite(line);
  let code = 0;
  for (const command of text.split('\x85').flatMap((c) => c.split('\n'))) {
    code = vm.executeCommand(command, reply, true);
    if (code !== 0) break;
  }
  if (toBuffer) {
    const bufferAt = address(cpu, rx + 1);
    const bufferLength = Math.min(reg(cpu, ry + 1), MAX_RESPONSE_BUFFER);
    const bytes: number[] = [];
    let full = false;
    let total = 0;
    for (const line of response) {
      const encoded = [...toEbcdic(line), NEW_LINE];
      total += encoded.length;
      if (!full && bytes.length + encoded.length <= bufferLength) bytes.push(...encoded);
      else full = true;
    }
    inStorage(cpu, bufferAt, bytes.length);
    for (let i = 0; i < bytes.length; i++) cpu.storeByte(bufferAt + i, bytes[i]!);
    if (total <= bufferLength) {
      cpu.gpr[ry + 1] = bytes.length;
      cpu.cc = 0;
    } else {
      cpu.gpr[ry + 1] = total - bytes.length;
      cpu.cc = 1;
    }
  }
  cpu.gpr[ry] = code;
}

/**
 * X'24' Device type and features. Rx: a virtual device address, or -1 for the virtual console (Rx
 * then receives the console's address). Ry: VDEVTYPC, VDEVTYPE, VDEVSTAT, VDEVFLAG; Ry+1 (unless Ry
 * is 15): RDEVTYPC, RDEVTYPE, RDEVMDL, RDEVFTR (for a terminal, its line length in the last byte).
 * CC 0 information returned; CC 3 no such virtual device. A console on a 3270 has the 3277's
 * RDEV words (DISPLAY_RDEV).
 */
export function diagnoseDeviceType(vm: VirtualMachine, rx: number, ry: number): void {
  const cpu = vm.cpu;
  let device = cpu.gpr[rx]! | 0;
  if (device === -1) {
    const console = vm.io.list().find((d) => d.kind === 'console');
    if (console === undefined) {
      cpu.cc = 3;
      return;
    }
    device = console.address;
    cpu.gpr[rx] = device;
  }
  const entry = device >= 0 && device <= 0xffff ? vm.io.entry(device) : undefined;
  if (entry === undefined) {
    cpu.cc = 3;
    return;
  }
  cpu.gpr[ry] = entry.vdevInfo;
  if (ry < 15) cpu.gpr[ry + 1] = entry.kind === 'console' && vm.console?.onDisplay ? DISPLAY_RDEV : entry.rdevInfo;
  cpu.cc = 0;
}

/**
 * The real device of a virtual console on a 3270: RDEVTYPC CLASGRAF (X'40'), RDEVTYPE TYP3277
 * (X'04'), the line length 80 in RDEVFTR (RDEVBLOK equates [mem]). CMS EDIT goes to display mode
 * on it; the virtual console itself is still a 3215 (VDEVTYPC/VDEVTYPE unchanged).
 */
const DISPLAY_RDEV = ((0x40 << 24) | (0x04 << 16) | 80) >>> 0;

/**
 * X'58' 3270 virtual console interface (VM/370 System Programmer's Guide R6, pp. 232-233; the CMS
 * DISPW macro, DMSGIO). Rx: address of a CCW: X'19' (write lines of the output area), data address,
 * flags, a control byte in byte 5 (the first line, 0 the top; X'80' erase the output area first;
 * X'FF' erase it and write nothing), count (at most 1760: 22 lines of 80). Ry: the console's
 * address. A 3270 shows the lines in its output area until the next line-mode output or display
 * write; on a line-mode console each 80 characters become a line. CC 0 done; CC 1 an I/O error
 * (not the console, a CCW other than X'19', a count over 1760).
 */
export function diagnoseDisplay(vm: VirtualMachine, rx: number, ry: number): void {
  const cpu = vm.cpu;
  const ccwAt = inStorage(cpu, address(cpu, rx), 8);
  const m = cpu.mem;
  const deviceAddress = cpu.gpr[ry]! & 0xffff;
  const entry = vm.io.entry(deviceAddress);
  if (entry === undefined || entry.kind !== 'console' || vm.console === null) {
    cpu.cc = 1;
    return;
  }
  const command = m[ccwAt]!;
  const control = m[ccwAt + 5]!;
  const dataAt = (m[ccwAt + 1]! << 16) | (m[ccwAt + 2]! << 8) | m[ccwAt + 3]!;
  const count = (m[ccwAt + 6]! << 8) | m[ccwAt + 7]!;
  if (command !== 0x19 || count > DISPLAY_BYTES) {
    cpu.cc = 1;
    return;
  }
  if (control === 0xff) {
    if (vm.console.displayTerminal !== null) vm.console.display([], 0, true);
  } else {
    inStorage(cpu, dataAt, count);
    const text = fromEbcdic(m.subarray(dataAt, dataAt + count));
    const lines: string[] = [];
    for (let i = 0; i < text.length; i += DISPLAY_COLUMNS) lines.push(text.slice(i, i + DISPLAY_COLUMNS));
    vm.console.display(lines, control & 0x7f, (control & 0x80) !== 0);
  }
  cpu.cc = 0;
}
