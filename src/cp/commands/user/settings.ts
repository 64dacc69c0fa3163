// SET operands of the general user (VM/370 CP Command Reference for General Users R6, SET; DMKCFS):
// MSG, WNG, IMSG, SMSG, RUN, PFnn, LINEDIT, TIMER, ACNT and the machine options CP accepts and
// records (ECMODE, ISAM, ASSIST, PAGEX, AUTOPOLL, AFFINITY, NOTRANS, CPUID). SET EMSG is the
// standard one (src/cp/vm/cp-commands.ts). Minimum abbreviations as in DMKCFC's SET table.
//
// Where each setting lives: MSG and WNG in CpUser.receiveMessages / receiveWarnings (DMKMSG reads
// them), RUN in CpUser.run, PF keys in CpUser.pfKeys ('IMMED text', 'DELAYED text' or 'RETRIEVE'), the rest in
// VirtualMachine.settings under the operand's name ('ON' / 'OFF' ...). A lone virtual machine (no
// CP) records every one of them in VirtualMachine.settings.
//
// Messages (R6 numbers; [mem] not verified):
//   DMKCFS026E OPERAND MISSING OR INVALID        [mem]
//   DMKCFS003E INVALID OPTION - xxx              [mem]

import type { CpCommandContext, CpOperandDefinition } from '../../vm/cp-commands.ts';

/** The value of a SET option for QUERY SET ('ON', 'OFF', 'REAL' ...). */
export function settingOf(ctx: CpCommandContext, name: string): string {
  const user = ctx.user;
  if (user !== undefined) {
    if (name === 'MSG') return user.receiveMessages ? 'ON' : 'OFF';
    if (name === 'WNG') return user.receiveWarnings ? 'ON' : 'OFF';
    if (name === 'RUN') return user.run ? 'ON' : 'OFF';
  }
  const recorded = ctx.vm.settings.get(name);
  if (recorded !== undefined) return recorded;
  return defaultSetting(ctx, name);
}

function defaultSetting(ctx: CpCommandContext, name: string): string {
  const options = ctx.user?.entry.options;
  switch (name) {
    case 'MSG':
    case 'WNG':
    case 'IMSG':
    case 'LINEDIT':
      return 'ON';
    case 'TIMER':
      return options?.realtimer ? 'REAL' : 'ON';
    case 'ECMODE':
      return options?.ecmode ? 'ON' : 'OFF';
    case 'ISAM':
      return options?.isam ? 'ON' : 'OFF';
    case 'ACNT':
      return options?.acct ? 'ON' : 'OFF';
    case 'AFFINITY':
      return options?.affinity === undefined ? 'NONE' : String(options.affinity).padStart(2, '0');
    default:
      return 'OFF';
  }
}

/** True when the user takes informational messages (SET IMSG ON, the default). */
export function informationalMessages(ctx: Pick<CpCommandContext, 'vm'>): boolean {
  return ctx.vm.settings.get('IMSG') !== 'OFF';
}

/** An operand that takes one of a list of values and is only recorded. */
function recorded(name: string, minimum: number, values: readonly string[]): CpOperandDefinition {
  return {
    name,
    minimum,
    classes: 'G',
    handler: (ctx, operands) => {
      const value = operands[0];
      if (value === undefined || !values.includes(value)) return ctx.error('DMKCFS026E', 'OPERAND MISSING OR INVALID');
      if (operands.length > 1) return ctx.error('DMKCFS003E', `INVALID OPTION - ${operands[1]}`);
      ctx.vm.settings.set(name, value);
      return 0;
    },
  };
}

const ON_OFF = ['ON', 'OFF'] as const;

/** SET MSG / WNG / RUN: an ON/OFF switch held by the CpUser (recorded too, for a lone machine). */
function userSwitch(name: 'MSG' | 'WNG' | 'RUN', minimum: number): CpOperandDefinition {
  const inner = recorded(name, minimum, ON_OFF);
  return {
    ...inner,
    handler: (ctx, operands) => {
      const code = inner.handler(ctx, operands);
      if (code !== 0 || ctx.user === undefined) return code;
      const on = operands[0] === 'ON';
      if (name === 'MSG') ctx.user.receiveMessages = on;
      else if (name === 'WNG') ctx.user.receiveWarnings = on;
      else ctx.user.run = on;
      return 0;
    },
  };
}

/**
 * SET PFnn [IMMED | DELAYED] [text]: what PF key nn enters. IMMED enters the text as if typed;
 * DELAYED (the default [mem; so emx370 has it]) puts it in the input area for the user to finish
 * and enter. Without text the key is undefined again.
 * The text keeps its case. The setting is also recorded as typed in VirtualMachine.settings (PF12
 * -> 'RETRIEVE'), which a lone machine has instead of PF keys.
 */
function setPf(ctx: CpCommandContext, word: string, n: number): number {
  // The text after 'PFnn' as typed.
  const rest = ctx.rest.replace(/^\S+\s*/, '');
  const words = rest.split(/\s+/).filter((w) => w.length > 0);
  const first = words[0]?.toUpperCase();
  const mode = first === 'IMMED' || first === 'DELAYED' ? first : 'DELAYED';
  const text = first === mode ? rest.replace(/^\S+\s*/, '') : rest;
  ctx.vm.settings.set(word, rest);
  if (ctx.user !== undefined) {
    if (text.trim() === '') ctx.user.pfKeys.delete(n);
    // RETRIEVE alone: VM/370 Community Edition's PF key function (the last line entered comes
    // back to the input area), which CE's PROFILE EXEC sets; kept as the bare word for the terminal.
    else if ((first === 'RETRIEVE' || first === 'RECALL') && words.length === 1) ctx.user.pfKeys.set(n, 'RETRIEVE');
    else ctx.user.pfKeys.set(n, `${mode} ${text}`);
  }
  return 0;
}

/** SET PFnn for every key number (PF1-PF9 and PF01-PF24). */
const PF_KEY_SETTINGS: CpOperandDefinition[] = Array.from({ length: 24 }, (_, i) => i + 1).flatMap((n) => {
  const names = n < 10 ? [`PF${n}`, `PF0${n}`] : [`PF${n}`];
  return names.map((name) => ({ name, minimum: name.length, classes: 'G', handler: (ctx: CpCommandContext) => setPf(ctx, name, n) }));
});

/** SET CPUID nnnnnn: the CPU serial number STIDP stores in this machine. */
function setCpuid(ctx: CpCommandContext, operands: string[]): number {
  const value = operands[0];
  if (value === undefined || !/^[0-9A-F]{1,6}$/.test(value)) return ctx.error('DMKCFS026E', 'OPERAND MISSING OR INVALID');
  ctx.vm.cpu.cpuId.serial = parseInt(value, 16);
  ctx.vm.settings.set('CPUID', value.padStart(6, '0'));
  return 0;
}

/** SET AFFINITY nn | OFF: accepted (one real processor). */
function setAffinity(ctx: CpCommandContext, operands: string[]): number {
  const value = operands[0];
  if (value === undefined || !(value === 'OFF' || /^\d{1,2}$/.test(value))) return ctx.error('DMKCFS026E', 'OPERAND MISSING OR INVALID');
  ctx.vm.settings.set('AFFINITY', value === 'OFF' ? 'NONE' : value.padStart(2, '0'));
  return 0;
}

/** SET ASSIST ON|OFF [SVC|NOSVC] [TMR|NOTMR]: accepted and recorded (no microcode assist here). */
function setAssist(ctx: CpCommandContext, operands: string[]): number {
  const [value, ...more] = operands;
  if (value === undefined || !(value === 'ON' || value === 'OFF')) return ctx.error('DMKCFS026E', 'OPERAND MISSING OR INVALID');
  const bad = more.find((w) => !['SVC', 'NOSVC', 'TMR', 'NOTMR'].includes(w));
  if (bad !== undefined) return ctx.error('DMKCFS003E', `INVALID OPTION - ${bad}`);
  ctx.vm.settings.set('ASSIST', value);
  return 0;
}

/** DMKCFS's table order, with R6's minimum abbreviations. */
export const USER_SETTINGS: readonly CpOperandDefinition[] = [
  { name: 'ASSIST', minimum: 2, classes: 'G', handler: setAssist },
  recorded('NOTRANS', 4, ON_OFF),
  recorded('TIMER', 5, ['ON', 'OFF', 'REAL']),
  recorded('IMSG', 4, ON_OFF),
  recorded('ACNT', 4, ON_OFF),
  recorded('PAGEX', 5, ON_OFF),
  recorded('LINEDIT', 5, ON_OFF),
  userSwitch('RUN', 3),
  userSwitch('WNG', 3),
  userSwitch('MSG', 3),
  recorded('ECMODE', 2, ON_OFF),
  recorded('ISAM', 4, ON_OFF),
  recorded('AUTOPOLL', 5, ON_OFF),
  ...PF_KEY_SETTINGS,
  { name: 'CPUID', minimum: 3, classes: 'G', handler: setCpuid },
  { name: 'AFFINITY', minimum: 3, classes: 'AG', handler: setAffinity },
  recorded('SMSG', 2, ON_OFF),
];
