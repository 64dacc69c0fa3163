// Commands that act on the user's own virtual machine as its operator would at a real console
// (VM/370 CP Command Reference for General Users R6; DMKCFC, DMKCPB, DMKTHI):
//   BEGIN [hexloc]              resume (at hexloc)
//   SYSTEM RESET|CLEAR|RESTART  the system-reset, clear-reset and restart keys
//   REQUEST / ATTN              an attention interruption from the virtual console
//   EXTERNAL [code]             an external interruption (X'40', the interrupt key, by default)
//   SLEEP [n SEC|MIN|HR]        the machine does nothing until the time passes or ENTER is pressed
//   CP command                  the command itself (as CMS and EXECs write it)
//   INDICATE [USER]             the machine's own use of resources
//
// Messages and responses (R6 numbers; [mem] not verified against the manual):
//   SYSTEM RESET / STORAGE CLEARED - SYSTEM RESET            [mem]
//   DMKCFC026E OPERAND MISSING OR INVALID                    [mem]
//   DMKCFC003E INVALID OPTION - xxx                          [mem]
//   DMKCFC160E HEXLOC xxxxxx EXCEEDS STORAGE                 [mem]
//   DMKDSP450W CP ENTERED; VIRTUAL MACHINE NOT IN RUNNABLE STATE   (BEGIN, nothing loaded) [mem]
//   DMKCPB026E OPERAND MISSING OR INVALID                    [mem]
//   DMKCPB040E DEV 009 DOES NOT EXIST                        (REQUEST without a console) [mem]
//   PAGES: RES-nnnn WS-nnnn READS=nnnnnn WRITES=nnnnnn MH-nnnnnn PNH-nnnnnn     INDICATE USER [mem]
//   VTIME=mmm:ss TTIME=mmm:ss SIO=nnnnnn RDR-nnnnnn PRT-nnnnnn PCH-nnnnnn       INDICATE USER [mem]

import type { CpUser } from '../../control-program.ts';
import { findByAbbreviation, type CpCommandContext, type CpCommandDefinition } from '../../vm/cp-commands.ts';

/** The machine runs again after a command that resumes it from CP READ. */
function resume(ctx: CpCommandContext): void {
  const vm = ctx.vm;
  if (vm.state === 'running') return;
  vm.state = 'running';
  vm.console?.terminal.status?.('RUNNING');
}

/**
 * BEGIN [hexloc]: the machine runs on, at hexloc when one is given. A machine that has nothing
 * loaded (never IPLed, or after DEFINE STORAGE) is not started without a hexloc: its PSW of zeros
 * would only loop on program interruptions.
 */
function begin(ctx: CpCommandContext, operands: string[]): number {
  const at = operands[0];
  if (operands.length > 1) return ctx.error('DMKCFC003E', `INVALID OPTION - ${operands[1]}`);
  if (at === undefined && ctx.vm.state === 'stopped') return ctx.error('DMKDSP450W', 'CP ENTERED; VIRTUAL MACHINE NOT IN RUNNABLE STATE');
  if (at !== undefined) {
    if (!/^[0-9A-F]{1,6}$/.test(at)) return ctx.error('DMKCFC026E', 'OPERAND MISSING OR INVALID');
    const address = parseInt(at, 16);
    if (address >= ctx.vm.storageSize) return ctx.error('DMKCFC160E', `HEXLOC ${at} EXCEEDS STORAGE`);
    ctx.vm.cpu.ia = address;
    ctx.vm.cpu.stateChanged();
  }
  resume(ctx);
  return 0;
}

const SYSTEM_OPERANDS = [
  { name: 'CLEAR', minimum: 1 },
  { name: 'RESET', minimum: 4 },
  { name: 'RESTART', minimum: 4 },
];

/** SYSTEM RESET | CLEAR | RESTART. RESET and CLEAR leave the machine in CP READ. */
function system(ctx: CpCommandContext, operands: string[]): number {
  const word = operands[0];
  if (word === undefined) return ctx.error('DMKCPB026E', 'OPERAND MISSING OR INVALID');
  if (operands.length > 1) return ctx.error('DMKCPB003E', `INVALID OPTION - ${operands[1]}`);
  const operand = findByAbbreviation(SYSTEM_OPERANDS, word);
  if (operand === undefined) return ctx.error('DMKCPB003E', `INVALID OPTION - ${word}`);
  switch (operand.name) {
    case 'CLEAR':
      ctx.vm.systemReset(true);
      ctx.reply('STORAGE CLEARED - SYSTEM RESET');
      return 0;
    case 'RESET':
      ctx.vm.systemReset(false);
      ctx.reply('SYSTEM RESET');
      return 0;
    default:
      ctx.vm.systemRestart();
      return 0;
  }
}

/** REQUEST / ATTN: an attention interruption from the virtual console; the machine runs on. */
function request(ctx: CpCommandContext, operands: string[]): number {
  if (operands.length > 0) return ctx.error('DMKCFC003E', `INVALID OPTION - ${operands[0]}`);
  const console = ctx.vm.console;
  if (console === null) return ctx.error('DMKCFC040E', 'DEV 009 DOES NOT EXIST');
  console.attention();
  if (ctx.vm.state === 'cp-read') resume(ctx);
  return 0;
}

/**
 * EXTERNAL [code]: an external interruption. X'40' is the interrupt key; X'20' to X'01' are the
 * external signals 2 to 7 (Principles of Operation, "External Interruption"). The machine runs on.
 */
function external(ctx: CpCommandContext, operands: string[]): number {
  const word = operands[0] ?? '40';
  if (operands.length > 1) return ctx.error('DMKCPB003E', `INVALID OPTION - ${operands[1]}`);
  if (!/^[0-9A-F]{1,4}$/.test(word)) return ctx.error('DMKCPB026E', 'OPERAND MISSING OR INVALID');
  const code = parseInt(word, 16);
  if (code === 0 || (code & ~0x7f) !== 0) return ctx.error('DMKCPB026E', 'OPERAND MISSING OR INVALID');
  const cpu = ctx.vm.cpu;
  if (code & 0x40) cpu.pressInterruptKey();
  for (let line = 2; line <= 7; line++) if (code & (0x20 >> (line - 2))) cpu.signalExternal(line);
  if (ctx.vm.state === 'cp-read') resume(ctx);
  return 0;
}

const SLEEP_UNITS: Record<string, number> = { SEC: 1_000, MIN: 60_000, HR: 3_600_000 };

/**
 * SLEEP [n SEC|MIN|HR]: the machine does not run (it is in CP READ) until the time has passed or,
 * without a time, until the user enters a line; any line typed at the terminal ends the sleep early.
 * A machine that was running (SLEEP from an EXEC through DIAGNOSE X'08', or #CP SLEEP) runs on
 * afterwards; one that was in CP READ stays there. LOGOFF cancels the timer.
 */
function sleep(ctx: CpCommandContext, operands: string[]): number {
  const { cp, user, vm } = ctx;
  if (cp === undefined || user === undefined) return ctx.error('DMKCFC001E', '?CP: SLEEP');
  let ms: number | null = null;
  if (operands.length > 0) {
    const [count, unit, extra] = operands;
    if (extra !== undefined) return ctx.error('DMKCFC003E', `INVALID OPTION - ${extra}`);
    if (!/^\d{1,8}$/.test(count!) || unit === undefined || SLEEP_UNITS[unit] === undefined) {
      return ctx.error('DMKCFC026E', 'OPERAND MISSING OR INVALID');
    }
    ms = Number(count) * SLEEP_UNITS[unit]!;
  }
  vm.commands.onInput?.('');
  const wasRunning = vm.state === 'running';
  if (wasRunning) vm.toCpRead();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let over = false;
  const wakeUp = (loggingOff: boolean) => {
    if (over) return;
    over = true;
    if (timer !== null) clearTimeout(timer);
    if (vm.commands.onInput === onInput) vm.commands.onInput = null;
    // Not while CP walks its logoff hooks: that would disturb the walk.
    if (loggingOff) queueMicrotask(() => removeHook(cp.onLogoff, onLogoff));
    else removeHook(cp.onLogoff, onLogoff);
    if (loggingOff) return;
    if (wasRunning && vm.state === 'cp-read') {
      vm.state = 'running';
      vm.console?.terminal.status?.('RUNNING');
      cp.wake(user);
    }
    user.terminal?.refresh();
  };
  const onInput = () => wakeUp(false);
  const onLogoff = (u: CpUser) => {
    if (u === user) wakeUp(true);
  };
  vm.commands.onInput = onInput;
  cp.onLogoff.push(onLogoff);
  if (ms !== null) {
    timer = setTimeout(() => wakeUp(false), ms);
    // A sleeping machine does not keep the host process alive.
    (timer as { unref?: () => void }).unref?.();
  }
  return 0;
}

function removeHook<T>(list: T[], hook: T): void {
  const at = list.indexOf(hook);
  if (at >= 0) list.splice(at, 1);
}

/** CP command: the command that follows, as if typed alone ('CP' alone does nothing). */
function cpCommand(ctx: CpCommandContext): number {
  if (ctx.rest === '') return 0;
  return ctx.vm.commands.execute(ctx.vm, ctx.rest, ctx.reply, ctx.fromDiagnose, { cp: ctx.cp, user: ctx.user, classes: ctx.classes });
}

const pad = (n: number, width: number) => String(Math.min(Math.floor(n), 10 ** width - 1)).padStart(width, '0');

/** mmm:ss of a CPU time in microseconds. */
function minutesSeconds(micros: number): string {
  const s = Math.floor(micros / 1_000_000);
  return `${pad(s / 60, 3)}:${pad(s % 60, 2)}`;
}

/** INDICATE [USER]: this machine's pages, CPU time, I/O and unit-record counts. */
function indicate(ctx: CpCommandContext, operands: string[]): number {
  const what = operands[0] ?? 'USER';
  if (what !== 'USER' || operands.length > 1) return ctx.error('DMKTHI003E', `INVALID OPTION - ${operands.at(-1)}`);
  const vm = ctx.vm;
  const pages = vm.storageSize / 4096;
  const count = (name: string) => vm.counts.privileged.get(name) ?? 0;
  const sio = count('SIO') + count('SIOF') + [0x18, 0x20, 0x58].reduce((n, code) => n + (vm.counts.diagnose.get(code) ?? 0), 0);
  const records = (kind: 'punch' | 'print') => vm.spoolFiles.filter((f) => f.kind === kind).reduce((n, f) => n + f.records.length, 0);
  ctx.reply(`PAGES: RES-${pad(pages, 4)} WS-${pad(pages, 4)} READS=000000 WRITES=000000 MH-000000 PNH-000000`);
  ctx.reply(`VTIME=${minutesSeconds(vm.virtualCpuMicros())} TTIME=${minutesSeconds(vm.totalCpuMicros())} SIO=${pad(sio, 6)} RDR-000000 PRT-${pad(records('print'), 6)} PCH-${pad(records('punch'), 6)}`);
  return 0;
}

export const MACHINE_COMMANDS: readonly CpCommandDefinition[] = [
  { name: 'ATTN', minimum: 4, handler: request },
  { name: 'BEGIN', minimum: 1, handler: begin },
  { name: 'EXTERNAL', minimum: 3, handler: external },
  { name: 'REQUEST', minimum: 3, handler: request },
  { name: 'SYSTEM', minimum: 3, staysInCp: true, handler: system },
  { name: 'INDICATE', minimum: 3, classes: 'EG', handler: indicate },
  { name: 'SLEEP', minimum: 2, classes: '*', staysInCp: true, handler: sleep },
  { name: 'CP', minimum: 2, classes: '*', handler: cpCommand },
];
