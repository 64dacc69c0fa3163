// COPYFILE in our CMS (CMS Command and Macro Reference R6 GC20-1818, COPYFILE): files put on a
// fresh 191 disk by the host tool, copied by our CMS, and read back with the host's reader.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles, readFile } from '../../src/cp/cmsdisk/index.ts';
import { toEbcdic } from '../../src/ebcdic/index.ts';
import { buildUrCms, ebcdic, text, urMachine, type UrMachine } from './ur-helpers.ts';

const F_LINES = ['ALPHA', 'BETA', 'GAMMA   ', 'DELTA'];
const V_LINES = ['ONE', 'TWO LONGER', 'THREE   '];
const BIG = Array.from({ length: 3000 }, (_, i) => toEbcdic(`RECORD ${i + 1}`.padEnd(80, String.fromCharCode(65 + (i % 26)))));

describe('COPYFILE', () => {
  let m: UrMachine;
  const records = (fileId: string) => readFile(m.disk, fileId);
  beforeAll(() => {
    m = urMachine(buildUrCms(), [
      { fileId: 'SRC DATA A1', records: ebcdic(F_LINES.map((l) => l.padEnd(20))), recfm: 'F', lrecl: 20 },
      { fileId: 'VAR DATA A2', records: ebcdic(V_LINES), recfm: 'V', lrecl: 10 },
      { fileId: 'ONE ASSEMBLE A1', records: ebcdic(['ONE'.padEnd(80)]), recfm: 'F', lrecl: 80 },
      { fileId: 'TWO ASSEMBLE A1', records: ebcdic(['TWO'.padEnd(80), 'TWO-2'.padEnd(80)]), recfm: 'F', lrecl: 80 },
      { fileId: 'BIG DATA A1', records: BIG, recfm: 'F', lrecl: 80 },
    ]);
  });
  afterAll(() => m.close());

  it('COPYFILE fn ft fm fn2 ft2 fm2: an identical copy', () => {
    expect(m.run('COPYFILE SRC DATA A NEW DATA A')).toEqual({ lines: [], rc: 0 });
    const copy = records('NEW DATA A');
    expect(copy.fst.recfm).toBe('F');
    expect(copy.fst.lrecl).toBe(20);
    expect(text(copy.records)).toEqual(F_LINES.map((l) => l.padEnd(20)));
  });

  it('the target exists: DMSCPY024E unless REPLACE; REPLACE writes it anew (its mode number kept)', () => {
    expect(m.run('COPYFILE VAR DATA A NEW DATA A')).toEqual({
      lines: ["DMSCPY024E File 'NEW DATA A1' already exists -- specify 'REPLACE'."],
      rc: 28,
    });
    expect(m.run('COPYFILE VAR DATA A NEW DATA A (REPLACE')).toEqual({ lines: [], rc: 0 });
    const copy = records('NEW DATA A');
    expect(copy.fst.recfm).toBe('V');
    expect(text(copy.records)).toEqual(V_LINES);
    expect(copy.fst.modeNumber).toBe('1');
  });

  it('= in the target fileid keeps the source\'s name, type or mode; a letter alone keeps the mode number', () => {
    expect(m.run('COPYFILE VAR DATA A = COPY =')).toEqual({ lines: [], rc: 0 });
    expect(records('VAR COPY A').fst.modeNumber).toBe('2');
    expect(m.run('COPYFILE VAR DATA A OTHER')).toEqual({ lines: [], rc: 0 });
    expect(text(records('OTHER DATA A').records)).toEqual(V_LINES);
  });

  it('APPEND adds the records to the end of the target, in its format', () => {
    expect(m.run('COPYFILE VAR DATA A APP DATA A (RECFM F LRECL 20')).toEqual({ lines: [], rc: 0 });
    expect(m.run('COPYFILE SRC DATA A APP DATA A (APPEND')).toEqual({ lines: [], rc: 0 });
    const app = records('APP DATA A');
    expect(app.fst.recfm).toBe('F');
    expect(text(app.records)).toEqual([...V_LINES, ...F_LINES].map((l) => l.padEnd(20)));
  });

  it('RECFM V (TRUNC takes off trailing blanks; RECFM F LRECL n pads and cuts', () => {
    expect(m.run('COPYFILE SRC DATA A SHORT DATA A (RECFM V TRUNC')).toEqual({ lines: [], rc: 0 });
    expect(text(records('SHORT DATA A').records)).toEqual(F_LINES.map((l) => l.trimEnd()));
    expect(m.run('COPYFILE SRC DATA A CUT DATA A (LRECL 4')).toEqual({ lines: [], rc: 0 });
    const cut = records('CUT DATA A');
    expect(cut.fst.lrecl).toBe(4);
    expect(text(cut.records)).toEqual(['ALPH', 'BETA', 'GAMM', 'DELT']);
    expect(m.run('COPYFILE VAR DATA A PAD DATA A (REC F LR 12')).toEqual({ lines: [], rc: 0 });
    expect(text(records('PAD DATA A').records)).toEqual(V_LINES.map((l) => l.padEnd(12)));
  });

  it('several input fileids are combined into the last one (= is the first input\'s field)', () => {
    expect(m.run('COPYFILE TWO ASSEMBLE A ONE = = BOTH COMBINED A (TYPE')).toEqual({
      lines: ["COPY 'TWO ASSEMBLE A1' TO 'BOTH COMBINED A1' (NEW FILE)", "COPY 'ONE ASSEMBLE A1'"],
      rc: 0,
    });
    expect(text(records('BOTH COMBINED A').records).map((l) => l.trimEnd())).toEqual(['TWO', 'TWO-2', 'ONE']);
    expect(m.run('COPYFILE TWO ASSEMBLE A NONE = = X Y A').lines).toEqual(["DMSCPY002E File 'NONE ASSEMBLE A' not found."]);
    expect(m.run('COPYFILE TWO ASSEMBLE A ONE = = X Y').lines).toEqual(['DMSCPY054E Incomplete fileID specified.']);
  });

  it('UPCASE, LOWCASE, and FILL c|hh pads F records (and TRUNC takes it off again)', () => {
    expect(m.run('COPYFILE VAR DATA A LOW DATA A (LOWCASE')).toEqual({ lines: [], rc: 0 });
    expect(text(records('LOW DATA A').records)).toEqual(V_LINES.map((l) => l.toLowerCase()));
    expect(m.run('COPYFILE LOW DATA A UP DATA A (UP')).toEqual({ lines: [], rc: 0 });
    expect(text(records('UP DATA A').records)).toEqual(V_LINES);
    expect(m.run('COPYFILE VAR DATA A STAR DATA A (RECFM F FILL *')).toEqual({ lines: [], rc: 0 });
    expect(text(records('STAR DATA A').records)).toEqual(V_LINES.map((l) => l.padEnd(10, '*')));
    expect(m.run('COPYFILE STAR DATA A DOT DATA A (FILL 5C RECFM V TRUNC')).toEqual({ lines: [], rc: 0 });
    expect(text(records('DOT DATA A').records)).toEqual(V_LINES);
    expect(m.run('COPYFILE VAR DATA A X Y A (FILL GG').lines).toEqual(["DMSCPY070E Invalid parameter 'GG'."]);
  });

  it('an existing target keeps its mode number; COPYFILE fn ft fm alone replaces the file in place', () => {
    expect(m.run('COPYFILE SRC DATA A KEEP DATA A3').rc).toBe(0);
    expect(m.run('COPYFILE VAR DATA A KEEP DATA A (REPLACE').rc).toBe(0);
    expect(records('KEEP DATA A').fst.modeNumber).toBe('3');
    expect(m.run('COPYFILE VAR DATA A NEWER DATA A').rc).toBe(0);
    expect(records('NEWER DATA A').fst.modeNumber).toBe('2');
    expect(m.run('COPYFILE NEW DATA A (RECFM V').rc).toBe(0);
    expect(records('NEW DATA A').fst.recfm).toBe('V');
  });

  it('a 3,000-record F file is copied identically, also from record 50 for 2,900 records', () => {
    expect(m.run('COPYFILE BIG DATA A BIG2 DATA A')).toEqual({ lines: [], rc: 0 });
    expect(records('BIG2 DATA A').records).toEqual(BIG);
    expect(m.run('COPYFILE BIG DATA A BIG3 DATA A (FROM 50 FOR 2900')).toEqual({ lines: [], rc: 0 });
    expect(records('BIG3 DATA A').records).toEqual(BIG.slice(49, 2949));
  });

  it('FROM n FOR n copies records n.. of the source', () => {
    expect(m.run('COPYFILE SRC DATA A PART DATA A (FROM 2 FOR 2')).toEqual({ lines: [], rc: 0 });
    expect(text(records('PART DATA A').records).map((l) => l.trimEnd())).toEqual(['BETA', 'GAMMA']);
  });

  it('a pattern copies every matching file; TYPE names each as R6 does', () => {
    expect(m.run('COPYFILE * ASSEMBLE A = BACKUP = (TYPE')).toEqual({
      lines: ["COPY 'ONE ASSEMBLE A1' TO 'ONE BACKUP A1' (NEW FILE)", "COPY 'TWO ASSEMBLE A1' TO 'TWO BACKUP A1' (NEW FILE)"],
      rc: 0,
    });
    expect(listFiles(m.disk, '* BACKUP').files.map((f) => f.filename)).toEqual(['ONE', 'TWO']);
    expect(text(records('TWO BACKUP A').records).map((l) => l.trimEnd())).toEqual(['TWO', 'TWO-2']);
  });

  it('files copied to one target are combined into it (TYPE: COPY \'fileid\' for the ones added)', () => {
    expect(m.run('COPYFILE * ASSEMBLE A ALL ASSEMBLE A (TY')).toEqual({
      lines: ["COPY 'ONE ASSEMBLE A1' TO 'ALL ASSEMBLE A1' (NEW FILE)", "COPY 'TWO ASSEMBLE A1'"],
      rc: 0,
    });
    expect(text(records('ALL ASSEMBLE A').records).map((l) => l.trimEnd())).toEqual(['ONE', 'TWO', 'TWO-2']);
  });

  it('a file onto itself: COPYFILE fn ft fm (RECFM V TRUNC converts it in place', () => {
    expect(m.run('COPYFILE SRC DATA A NEW2 DATA A')).toEqual({ lines: [], rc: 0 });
    expect(m.run('COPYFILE NEW2 DATA A (RECFM V TRUNC TYPE')).toEqual({
      lines: ["COPY 'NEW2 DATA A1' TO 'NEW2 DATA A1' (OLD FILE)"],
      rc: 0,
    });
    const file = records('NEW2 DATA A');
    expect(file.fst.recfm).toBe('V');
    expect(text(file.records)).toEqual(F_LINES.map((l) => l.trimEnd()));
    expect(listFiles(m.disk, 'COPYFILE CMSUT1').files).toEqual([]);
  });

  it('a read-only target disk: DMSCPY037E', () => {
    expect(m.run('ACCESS 192 C').lines).toEqual(['DMSACC723I C (192) R/O']);
    expect(m.run('COPYFILE SRC DATA A = = C')).toEqual({ lines: ["DMSCPY037E Disk 'C' is read/only."], rc: 36 });
    expect(m.run('RELEASE C').rc).toBe(0);
  });

  it.each([
    ['COPYFILE NOSUCH FILE A X Y A', "DMSCPY002E File 'NOSUCH FILE A' not found.", 28],
    ['COPYFILE NO* FILE A = X =', "DMSCPY002E File 'NO* FILE A' not found.", 28],
    ['COPYFILE SRC DATA', 'DMSCPY054E Incomplete fileID specified.', 24],
    ['COPYFILE SRC DATA A X Y Q7', "DMSCPY048E Invalid mode 'Q7'.", 24],
    ['COPYFILE SRC DATA A X Y A (BOGUS', "DMSCPY003E Invalid option 'BOGUS'.", 24],
    ['COPYFILE SRC DATA A X Y A (LRECL', "DMSCPY070E Invalid parameter 'LRECL'.", 24],
    ['COPYFILE SRC DATA A X Y A (RECFM U', "DMSCPY070E Invalid parameter 'U'.", 24],
    ['COPYFILE SRC DATA A X Y B', "DMSCPY069E Disk 'B' not accessed.", 36],
  ])('%s: %s', (command, message, rc) => {
    expect(m.run(command)).toEqual({ lines: [message], rc });
  });
});
