// TRACE and ADSTOP (VM/370 CP Command Reference for General Users R6): what CP watches while the
// virtual machine runs. Both install the machine's DebugMonitor (src/cp/trace/monitor.ts); when
// nothing is left to watch it is removed and the machine runs at full speed again.
//
//   TRace event ... [TERMinal|PRINTer|BOTH|OFF] [NORUN|RUN]    (events: src/cp/trace/settings.ts)
//   TRace END
//   ADSTOP hexloc | OFF
//
// Responses: TRACE STARTED when tracing begins, TRACE ENDED when it ends (R6 CP Command Reference,
// TRACE responses); ADSTOP AT xxxxxx when the machine reaches the address (then CP READ).
// Messages [mem]: DMKTRA002E INVALID OPERAND - op, DMKTRA026E OPERAND MISSING OR INVALID,
// DMKTRA040E DEV PRT DOES NOT EXIST (PRINTER output without a virtual printer),
// DMKCDB005E INVALID HEXLOC - loc, DMKCDB160E HEXLOC loc EXCEEDS STORAGE.

import { DebugMonitor, tracePrinter } from '../../trace/monitor.ts';
import { parseTrace } from '../../trace/settings.ts';
import type { CpCommandContext } from '../../vm/cp-commands.ts';
import { parseHexloc, storageProblem } from './operands.ts';

export function trace(ctx: CpCommandContext, operands: string[]): number {
  const vm = ctx.vm;
  const request = parseTrace(operands);
  if (request.kind === 'error') {
    if (request.operand === null) return ctx.error('DMKTRA026E', 'OPERAND MISSING OR INVALID');
    return ctx.error('DMKTRA002E', `INVALID OPERAND - ${request.operand}`);
  }
  const existing = vm.monitor instanceof DebugMonitor ? vm.monitor : null;
  const wasTracing = existing !== null && existing.traces.size > 0;
  if (request.kind === 'end') {
    existing?.traces.clear();
    DebugMonitor.release(vm);
    ctx.reply('TRACE ENDED');
    return 0;
  }
  const output = request.output;
  if ((output === 'printer' || output === 'both') && tracePrinter(vm) === undefined) {
    return ctx.error('DMKTRA040E', 'DEV PRT DOES NOT EXIST');
  }
  if (output === 'off' && existing === null) {
    ctx.reply('TRACE ENDED');
    return 0;
  }
  const monitor = DebugMonitor.of(vm);
  for (const event of request.events) {
    if (output === 'off') monitor.traces.delete(event);
    else monitor.traces.set(event, { terminal: output !== 'printer', printer: output !== 'terminal', run: request.run });
  }
  const tracing = monitor.traces.size > 0;
  DebugMonitor.release(vm);
  if (tracing && !wasTracing) ctx.reply('TRACE STARTED');
  if (!tracing && wasTracing) ctx.reply('TRACE ENDED');
  return 0;
}

export function adstop(ctx: CpCommandContext, operands: string[]): number {
  const vm = ctx.vm;
  const operand = operands[0];
  if (operand === undefined || operands.length > 1) {
    return ctx.error('DMKCDB026E', 'OPERAND MISSING OR INVALID');
  }
  if (operand === 'OFF') {
    if (vm.monitor instanceof DebugMonitor) vm.monitor.adstop = null;
    DebugMonitor.release(vm);
    return 0;
  }
  const address = parseHexloc(operand);
  // An instruction address is even.
  if (address === null || address % 2 !== 0) return ctx.error('DMKCDB005E', `INVALID HEXLOC - ${operand}`);
  const problem = storageProblem(vm, address, 'DMKCDB');
  if (problem !== null) return ctx.error(problem.id, problem.text);
  DebugMonitor.of(vm).adstop = address;
  return 0;
}
