// Directory → USER DIRECT text, in the layout of IBM's and the Community Edition's sample
// directories: statements of an entry indented one column, MDISK operands in columns under a
// comment ruler, a blank line between users. Comments of the source are not kept. Every line fits
// in the 71 columns the Directory program reads.

import { formatMode, formatStorageSize } from './values.ts';
import { hex3, type Directory, type Minidisk, type UserEntry, type UserOptions } from './types.ts';
import { INSPECTED_COLUMNS } from './parser.ts';

const MDISK_RULER = '*        cuu type adr num volser mode readpw   writepw  multpw';

export function serializeDirectory(directory: Directory): string {
  const { location } = directory;
  const out: string[] = [`DIRECTORY ${hex3(location.vaddr)} ${location.devtype} ${location.volser}`];
  for (const user of directory.users) {
    out.push('');
    out.push(...serializeUser(user));
  }
  for (const line of out) {
    if (line.length > INSPECTED_COLUMNS) throw new Error(`directory line longer than ${INSPECTED_COLUMNS} columns: ${line}`);
  }
  return out.join('\n') + '\n';
}

export function serializeUser(u: UserEntry): string[] {
  const out: string[] = [userLine(u)];
  if (u.account) out.push(` ACCOUNT ${u.account.number}${u.account.distribution ? ` ${u.account.distribution}` : ''}`);
  out.push(...optionLines(u.options));
  if (u.ipl) out.push(` IPL ${u.ipl.target}${u.ipl.parm !== undefined ? ` PARM ${u.ipl.parm}`.trimEnd() : ''}`);
  if (u.console) out.push(` CONSOLE ${hex3(u.console.vaddr)} ${u.console.devtype}${u.console.spoolClass ? ` ${u.console.spoolClass}` : ''}`);
  for (const s of u.spool) {
    const fn = s.devtype === '2540' ? (s.function === 'reader' ? ' READER' : ' PUNCH') : '';
    out.push(` SPOOL ${hex3(s.vaddr)} ${s.devtype}${fn}${s.spoolClass ? ` ${s.spoolClass}` : ''}`);
  }
  for (const s of u.special) out.push(` SPECIAL ${hex3(s.vaddr)} ${s.kind}${s.lineType ? ` ${s.lineType}` : ''}`);
  for (const d of u.dedicate) {
    const what = d.real !== undefined ? hex3(d.real) : `VOLID ${d.volser}`;
    out.push(` DEDICATE ${hex3(d.vaddr)} ${what}${d.readOnly ? ' R/O' : ''}${d.mss3330v ? ' 3330V' : ''}`);
  }
  for (const l of u.links) out.push(` LINK ${l.owner} ${hex3(l.ownerVaddr)} ${hex3(l.vaddr)} ${formatMode(l.mode)}`);
  if (u.mdisks.length > 0) out.push(MDISK_RULER);
  for (const m of u.mdisks) out.push(mdiskLine(m));
  return out;
}

function userLine(u: UserEntry): string {
  const ops: string[] = [u.userid, u.password];
  // Operands are positional: writing one means writing every one before it.
  const le = u.lineEditing;
  const symbols = [le.linend, le.linedel, le.chardel, le.escape];
  const lastSymbol = symbols.map((s) => s !== undefined).lastIndexOf(true);
  const needPriority = u.priority !== undefined || lastSymbol >= 0;
  const needClasses = needPriority || u.maxStorage !== undefined || !(u.classes.length === 1 && u.classes[0] === 'G');
  const needMax = needClasses || u.maxStorage !== undefined;
  const needStorage = needMax || u.storage !== undefined;
  const missing = (what: string) => new Error(`user ${u.userid}: operands are positional; ${what} must be set to write what follows it`);
  if (needStorage) {
    if (u.storage === undefined) throw missing('the storage size');
    ops.push(formatStorageSize(u.storage));
  }
  if (needMax) {
    if (u.maxStorage === undefined) throw missing('the maximum storage size');
    ops.push(formatStorageSize(u.maxStorage));
  }
  if (needClasses) ops.push(u.classes.join(''));
  if (needPriority) {
    if (u.priority === undefined) throw missing('the priority');
    ops.push(String(u.priority));
  }
  for (let i = 0; i <= lastSymbol; i++) {
    const s = symbols[i];
    if (s === undefined) throw new Error(`user ${u.userid}: line-edit symbols are positional; the ones before the last must be set too`);
    ops.push(s);
  }
  return `USER ${ops.join(' ')}`;
}

function optionLines(o: UserOptions): string[] {
  const words: string[] = [];
  if (o.realtimer) words.push('REALTIMER');
  if (o.ecmode) words.push('ECMODE');
  if (o.isam) words.push('ISAM');
  if (o.virtEqualsReal) words.push('VIRT=REAL');
  if (o.acct) words.push('ACCT');
  if (o.svcoff) words.push('SVCOFF');
  if (o.bmx) words.push('BMX');
  if (o.lnknopas) words.push('LNKNOPAS');
  if (o.stfirst) words.push('STFIRST');
  if (o.cpuid !== undefined) words.push(`CPUID ${o.cpuid}`);
  if (o.affinity !== undefined) words.push(`AFFINITY ${String(o.affinity).padStart(2, '0')}`);
  // Options are self-defining, so a long list is split over several OPTION statements.
  const lines: string[] = [];
  let current = ' OPTION';
  for (const w of words) {
    if (current.length + 1 + w.length > INSPECTED_COLUMNS) {
      lines.push(current);
      current = ' OPTION';
    }
    current += ` ${w}`;
  }
  if (current !== ' OPTION') lines.push(current);
  return lines;
}

function mdiskLine(m: Minidisk): string {
  const head = ` MDISK   ${hex3(m.vaddr)} ${m.devtype}`;
  if (m.extent.kind === 'tdisk') return `${head} T-DISK ${String(m.extent.cylinders).padStart(3, '0')}`;
  const e = m.extent;
  const cols = [
    head, String(e.startCylinder).padStart(3, '0'), String(e.cylinders).padStart(3, '0'), e.volser.padEnd(6),
    formatMode(m.mode).padEnd(4),
  ];
  const pws = [m.passwords.read, m.passwords.write, m.passwords.multi];
  const last = pws.map((p) => p !== undefined).lastIndexOf(true);
  for (let i = 0; i <= last; i++) {
    const p = pws[i];
    if (p === undefined) throw new Error(`MDISK ${hex3(m.vaddr)}: a write password needs a read password, a multi password both`);
    cols.push(i < last ? p.padEnd(8) : p);
  }
  return cols.join(' ').trimEnd();
}
