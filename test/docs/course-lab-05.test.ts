// Chapter 5's lab (docs/course/05-spooling-and-the-operator.md) runs exactly as the chapter prints
// it, so the chapter cannot silently rot. The chapter shows terminal sessions of several users;
// this test logs those users on to a CP on a fresh data folder, types each line, and compares what
// each terminal shows with the chapter. Marked blocks:
//   <!-- lab-terminal: USERID -->  a text block of one user's terminal: lines beginning "> " are
//                                 typed (the rest of the line), the others are what CP shows; the
//                                 lines before the first typed one arrived since the user's last
//                                 block (a RDR FILE message ...). Every user the lab names is logged
//                                 on before it begins (what LOGON shows is not part of the lab).
//   <!-- lab-files: FOLDER -->     a text block listing the files in DATA/FOLDER (printer, punch)
//   <!-- lab-file: FOLDER/NAME --> the text of that file, as a text block (trailing blanks trimmed,
//                                 a form feed shown as a line [form feed])

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CpUser } from '../../src/cp/control-program.ts';
import { enterLine } from '../../src/cp/terminal/console-input.ts';
import { LineTerminal, startSite } from '../cp/spool/helpers.ts';
import { quiet } from '../cp/terminal/helpers.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHAPTER = join(ROOT, 'docs/course/05-spooling-and-the-operator.md');

const BLOCK = /<!-- lab-(terminal|files|file): (\S+) -->[ \t]*\n(?:[ \t]*\n)*```[a-z]*\n([\s\S]*?)\n```/g;

interface Step {
  kind: 'terminal' | 'files' | 'file';
  target: string;
  body: string;
}

function steps(): Step[] {
  return [...readFileSync(CHAPTER, 'utf8').matchAll(BLOCK)].map(([, kind, target, body]) => ({
    kind: kind as Step['kind'],
    target: target!,
    body: body!,
  }));
}

describe('chapter 5: spooling and the operator lab', () => {
  const lab = steps();

  it('has the terminal sessions and printer checks the chapter describes', () => {
    expect(lab.filter((s) => s.kind === 'terminal').map((s) => s.target)).toEqual(['GUEST', 'MAINT', 'OPERATOR', 'GUEST', 'OPERATOR', 'GUEST']);
    expect(lab.filter((s) => s.kind !== 'terminal').map((s) => `${s.kind} ${s.target}`)).toEqual(['files printer', 'file printer/000001-guest-0002.txt']);
  });

  it('every terminal shows what the chapter prints, and the real printer writes the file it shows', async () => {
    const site = startSite();
    const dispatcher = site.cp.dispatcher;
    // Everyone in the lab is logged on before it begins (OPERATOR is, from system start).
    const users = new Map<string, { user: CpUser; terminal: LineTerminal; seen: number }>();
    for (const step of lab) {
      if (step.kind !== 'terminal' || users.has(step.target)) continue;
      const { user, terminal } = site.logon(step.target);
      users.set(step.target, { user, terminal, seen: terminal.lines.length });
    }
    for (const step of lab) {
      if (step.kind === 'files') {
        expect(readdirSync(join(site.dataDir, step.target)).sort().join('\n'), `files in ${step.target}`).toBe(step.body);
        continue;
      }
      if (step.kind === 'file') {
        // A form feed (a skip to a new page) is shown as a line of its own: [form feed].
        const text = readFileSync(join(site.dataDir, step.target), 'utf8').replace(/\f/g, '[form feed]\n').split('\n').map((l) => l.trimEnd()).join('\n');
        expect(text.trimEnd(), step.target).toBe(step.body.trimEnd());
        continue;
      }
      const session = users.get(step.target)!;
      const shown: string[] = [];
      const catchUp = () => {
        shown.push(...session.terminal.lines.slice(session.seen));
        session.seen = session.terminal.lines.length;
      };
      catchUp();
      for (const line of step.body.split('\n')) {
        if (!line.startsWith('> ')) continue;
        const typed = line.slice(2);
        enterLine(site.cp, session.user, typed, () => shown.push(line));
        await quiet(dispatcher);
        catchUp();
      }
      expect(shown.join('\n'), `${step.target}'s terminal`).toBe(step.body);
    }
  });
});
