import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembled, expand, generated, messages } from './helpers.ts';

let root: string;
let first: string;
let second: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'vm370-maclib-'));
  first = join(root, 'first');
  second = join(root, 'second');
  mkdirSync(first);
  mkdirSync(second);
  const write = (folder: string, name: string, text: string) => writeFileSync(join(folder, name), text);
  write(first, 'Greet.mac', `* GREET: a library macro (comments before MACRO are fine)
         MACRO
&L       GREET &WHO
&L       DC    C'HELLO &WHO'
         MEND
`);
  // Shadowed: the first folder wins.
  write(second, 'GREET.macro', `         MACRO
         GREET &WHO
         DC    C'SHADOWED'
         MEND
`);
  write(second, 'twice.macro', `         MACRO
         TWICE &X
         GREET &X
         GREET &X.&X
         MEND
`);
  write(second, 'REGS.copy', `R0       EQU   0
R15      EQU   15
`);
  write(second, 'BODYPART', `         DC    C'COPIED INTO &P'
`);
  write(second, 'USECOPY.mac', `         MACRO
         USECOPY &P
         COPY  BODYPART
         MEND
`);
  write(second, 'BADNAME.mac', `         MACRO
         OTHERNM
         DC    C'OTHER'
         MEND
`);
  write(second, 'NESTCOPY.copy', `         COPY  REGS
         DC    C'AFTER REGS'
`);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('macro libraries', () => {
  it('finds a library macro by member name without regard to case, in the first folder that has it', () => {
    const r = expand('HI       GREET WORLD\n', { maclibs: [first, second] });
    expect(generated(r)).toEqual(["HI       DC    C'HELLO WORLD'"]);
    expect(r.lines[1]).toMatchObject({ kind: 'generated', file: join(first, 'Greet.mac'), line: 4 });
    const other = expand('         GREET WORLD\n', { maclibs: [second, first] });
    expect(generated(other)).toEqual(["         DC    C'SHADOWED'"]);
  });

  it('library macros call library macros', () => {
    const r = expand('         TWICE AB\n', { maclibs: [first, second] });
    expect(generated(r)).toEqual([
      '         GREET AB',
      "         DC    C'HELLO AB'",
      '         GREET ABAB',
      "         DC    C'HELLO ABAB'",
    ]);
    expect(r.lines.map((l) => l.depth)).toEqual([0, 1, 2, 1, 2]);
    expect(r.lines.filter((l) => l.macroCall).length).toBe(3);
  });

  it('a source definition takes precedence over the library', () => {
    const r = expand(`
         MACRO
         GREET &WHO
         DC    C'INLINE &WHO'
         MEND
         GREET YOU
`, { maclibs: [first] });
    expect(generated(r)).toEqual(["         DC    C'INLINE YOU'"]);
  });

  it('an unknown operation is passed through untouched for the assembler to report', () => {
    const r = expand('         NOSUCH 1,2\n         LR    1,2\n', { maclibs: [first, second] });
    expect(r.lines.map((l) => [l.kind, l.macroCall ?? false])).toEqual([
      ['source', false],
      ['source', false],
    ]);
    expect(r.messages).toEqual([]);
  });

  it('reports a member whose prototype names another macro (IEV126) and uses it anyway', () => {
    const r = expand('         BADNAME\n', { maclibs: [second] });
    expect(generated(r)).toEqual(["         DC    C'OTHER'"]);
    expect(messages(r)[0]).toMatch(/^12 IEV126 LIBRARY MACRO NAME INCORRECT - BADNAME DEFINES OTHERNM/);
  });

  it('reads members through the readFile option', () => {
    const files: Record<string, string> = {
      [join('/virtual', 'DOIT.mac')]: "         MACRO\n         DOIT\n         DC    C'VIRTUAL'\n         MEND\n",
    };
    const r = expand('         DOIT\n', { maclibs: ['/virtual'], readFile: (p) => files[p] });
    expect(generated(r)).toEqual(["         DC    C'VIRTUAL'"]);
  });
});

describe('COPY', () => {
  it('inserts the member in open code as kind copy, the COPY statement listed as comment', () => {
    const r = expand('         COPY  regs\n         DC    F\'1\'\n', { maclibs: [first, second] });
    expect(r.lines.map((l) => [l.kind, l.text.trim()])).toEqual([
      ['comment', 'COPY  regs'],
      ['copy', 'R0       EQU   0'],
      ['copy', 'R15      EQU   15'],
      ['source', "DC    F'1'"],
    ]);
    expect(r.lines[1].file).toBe(join(second, 'REGS.copy'));
  });

  it('nests COPY members', () => {
    const r = expand('         COPY  NESTCOPY\n', { maclibs: [second] });
    expect(assembled(r)).toEqual(['R0       EQU   0', 'R15      EQU   15', "         DC    C'AFTER REGS'"]);
  });

  it('expands COPY inside a macro definition when the definition is read', () => {
    const r = expand('         USECOPY HERE\n', { maclibs: [second] });
    expect(generated(r)).toEqual(["         DC    C'COPIED INTO HERE'"]);
  });

  it('reports a missing member (IEV060)', () => {
    const r = expand('         COPY  NOTTHERE\n', { maclibs: [first] });
    expect(messages(r)).toEqual(['12 IEV060 COPY CODE NOT FOUND - NOTTHERE']);
    expect(r.messages[0].at).toBe(0);
  });

  it('a forward AGO in open code finds a sequence symbol inside a COPY member', () => {
    const files: Record<string, string> = {
      [join('/v', 'PART.copy')]: "         DC    C'SKIPPED'\n.TARGET  DC    C'TARGET'\n",
    };
    const r = expand("         AGO   .TARGET\n         COPY  PART\n         DC    C'LAST'\n", {
      maclibs: ['/v'],
      readFile: (p) => files[p],
    });
    expect(assembled(r)).toEqual(["         DC    C'TARGET'", "         DC    C'LAST'"]);
    expect(messages(r)).toEqual([]);
  });
});

describe('nested macros', () => {
  it('inner macro instructions get their own &SYSNDX, scope and depth', () => {
    const r = expand(`
         MACRO
         OUTER &P
         LCLC  &V
&V       SETC  'OUT'
         DC    C'OUTER &SYSNDX &V'
         INNER &P
         DC    C'BACK &SYSNDX &V'
         MEND
         MACRO
         INNER &Q
         LCLC  &V
&V       SETC  'IN'
         DC    C'INNER &SYSNDX &V &Q'
         MEND
         OUTER X
`);
    expect(generated(r)).toEqual([
      "         DC    C'OUTER 0001 OUT'",
      '         INNER X',
      "         DC    C'INNER 0002 IN X'",
      "         DC    C'BACK 0001 OUT'",
    ]);
    expect(r.lines.filter((l) => l.kind === 'generated').map((l) => [l.depth, l.macro])).toEqual([
      [1, 'OUTER'],
      [1, 'OUTER'],
      [2, 'INNER'],
      [1, 'OUTER'],
    ]);
  });

  it('an inner macro definition is defined when the outer macro is expanded, untouched by it', () => {
    const src = (call: boolean) => `
         MACRO
         MAKER
         MACRO
         MADE  &X
         DC    C'MADE &X'
         MEND
         MEND
${call ? '         MAKER\n' : ''}         MADE  1
`;
    expect(generated(expand(src(true)))).toEqual(["         DC    C'MADE 1'"]);
    const without = expand(src(false));
    expect(generated(without)).toEqual([]);
    expect(without.lines[without.lines.length - 1]).toMatchObject({ kind: 'source', text: '         MADE  1' });
  });

  it('stops runaway recursion (IEV170)', () => {
    const r = expand(`
         MACRO
         REC
         REC
         MEND
         REC
`);
    expect(messages(r)).toEqual(['12 IEV170 MACRO NESTING TOO DEEP; CALL IGNORED - REC']);
  });

  it('a macro that generates a call of a macro named by a parameter', () => {
    const r = expand(`
         MACRO
         CALLIT &OP,&ARG
         &OP   &ARG
         MEND
         MACRO
         TARGET &A
         DC    C'TARGET &A'
         MEND
         CALLIT TARGET,42
`);
    expect(generated(r)).toEqual(['         TARGET 42', "         DC    C'TARGET 42'"]);
  });
});
