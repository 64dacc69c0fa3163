// LINK (VM/370 CP Command Reference for General Users R6, LINK; class G):
//
//   LINK [TO] userid vaddr1 [AS] vaddr2 [mode] [[PASS=] password]
//
// gives the issuer another user's minidisk (or its own, `*`) at vaddr2. The mode (R RR W WR M MR
// MW, each with an optional V) is granted or refused by the rules of src/cp/links against the links
// every logged-on user holds now; the password is the one the MDISK statement gives for the mode's
// first letter. When the directory has a password and the command gave none, CP asks for it:
// ENTER READ PASSWORD: (WRITE, MULT) on the terminal, the line not shown. A LINK that comes from the
// guest (DIAGNOSE X'08') cannot be answered at the terminal: it must give the password.
//
// Messages (R6 texts, src/cp/links/link-messages.ts; [mem] where not verified):
//   DASD 192 LINKED R/O; R/W BY MAINT          the link is made; others share the disk
//   DMKLNK101W-103W DASD vvv FORCED R/O; ...   WR/MR got read-only access
//   DMKLNK104E-114E userid vvv NOT LINKED; ... refused
//   DMKLNK020E USERID MISSING OR INVALID      [mem]
//   DMKLNK022E VADDR MISSING OR INVALID       [mem]

import { invalidModeMessage, passwordIncorrectMessage, type LinkRequest } from '../../links/index.ts';
import type { CpCommandContext } from '../../vm/cp-commands.ts';
import { devicesInUse, fail, hiddenLineReader, parseAddress, say, underCp } from './common.ts';

const MODE = /^(R|RR|W|WR|M|MR|MW)V?$/;

interface LinkOperands {
  owner: string;
  ownerVaddr: number;
  vaddr: number;
  mode?: string;
  password?: string;
}

function scan(ctx: CpCommandContext, operands: string[]): LinkOperands | number {
  const words = [...operands];
  if (words[0] === 'TO') words.shift();
  const owner = words.shift();
  if (owner === undefined || !/^([A-Z0-9@#$]{1,8}|\*)$/.test(owner)) return ctx.error('DMKLNK020E', 'USERID MISSING OR INVALID');
  const ownerVaddr = parseAddress(words.shift());
  if (ownerVaddr === undefined) return ctx.error('DMKLNK022E', 'VADDR MISSING OR INVALID');
  if (words[0] === 'AS') words.shift();
  const vaddr = parseAddress(words.shift());
  if (vaddr === undefined) return ctx.error('DMKLNK022E', 'VADDR MISSING OR INVALID');
  let mode: string | undefined;
  if (words.length > 0 && !words[0]!.startsWith('PASS=')) {
    mode = words.shift()!;
    if (!MODE.test(mode)) return fail(ctx, invalidModeMessage());
  }
  let password: string | undefined;
  const pass = words.shift();
  if (pass !== undefined) {
    if (pass === 'PASS=') password = words.shift();
    else if (pass.startsWith('PASS=')) password = pass.slice(5);
    else password = pass;
    if (password === undefined || password === '') return ctx.error('DMKLNK026E', 'OPERAND MISSING OR INVALID');
  }
  if (words.length > 0) return ctx.error('DMKLNK026E', 'OPERAND MISSING OR INVALID');
  return { owner: owner === '*' ? ctx.vm.userid : owner, ownerVaddr, vaddr, mode, password };
}

export function link(ctx: CpCommandContext, operands: string[]): number {
  const cp = underCp(ctx);
  if (cp === undefined) return ctx.error('DMKCFC001E', '?CP: LINK');
  const scanned = scan(ctx, operands);
  if (typeof scanned === 'number') return scanned;
  const request: LinkRequest = {
    userid: ctx.vm.userid,
    owner: scanned.owner,
    ownerVaddr: scanned.ownerVaddr,
    vaddr: scanned.vaddr,
    mode: scanned.mode,
    password: scanned.password,
    source: 'command',
    noPasswordNeeded: cp.user.entry.options.lnknopas === true,
  };
  return attempt(ctx, request, true);
}

/** Decides and, when granted, attaches; prompts once for a missing password. */
function attempt(ctx: CpCommandContext, request: LinkRequest, mayPrompt: boolean): number {
  const cp = underCp(ctx);
  if (cp === undefined) return 1;
  const system = cp.cp.system;
  const outcome = system.link({ ...request, devicesInUse: devicesInUse(ctx.vm.io.list()) });
  if (outcome.outcome === 'password-required') {
    const reader = hiddenLineReader(cp.user);
    if (!mayPrompt || ctx.fromDiagnose || reader === undefined) return fail(ctx, passwordIncorrectMessage(request.owner, request.ownerVaddr));
    reader.readHiddenLine(outcome.prompt, (line) => {
      if (line === null || line.trim() === '') {
        fail(ctx, passwordIncorrectMessage(request.owner, request.ownerVaddr));
        return;
      }
      attempt(ctx, { ...request, password: line.trim() }, false);
    });
    return 0;
  }
  if (outcome.outcome === 'not-linked') return fail(ctx, outcome.message);
  try {
    ctx.vm.attachMinidisk(outcome.link);
  } catch (e) {
    // attachMinidisk has let go of the link.
    return ctx.error('DMKLNK108E', `${request.owner} ${request.ownerVaddr.toString(16).toUpperCase().padStart(3, '0')} NOT LINKED; ${e instanceof Error ? e.message : String(e)}`);
  }
  if (outcome.message !== undefined) say(ctx, outcome.message);
  return 0;
}
