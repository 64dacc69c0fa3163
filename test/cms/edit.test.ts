// EDIT, the CMS editor in line mode (CMS Command and Macro Reference R6 GC20-1818, EDIT; R6 HELP
// EDIT): our CMS IPLed on a fresh 191 disk, the editor driven as a user types at the console,
// and what FILE wrote read back by the host's CMS disk reader, byte for byte.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCms, type CmsBuild } from '../../src/cms/build.ts';
import { formatImage, listFiles, readFile } from '../../src/cp/cmsdisk/index.ts';
import { fromEbcdic } from '../../src/ebcdic/index.ts';
import type { ConsoleSession } from '../../src/cp/vm/session.ts';
import { READY, ourCmsSession } from './helpers.ts';

/** The nucleus with the file system and the editor (other parts may be mid-change). */
const EDIT_NUCLEUS = ['dmsnuc', 'dmsint', 'dmsits', 'dmscon', 'dmsfre', 'dmsset', 'dmscwr', 'dmsedt', 'fs'];
const buildEditCms = (): CmsBuild =>
  buildCms({ include: (file) => EDIT_NUCLEUS.some((name) => file.startsWith(name)), allowUnresolved: true });

describe('EDIT in line mode', () => {
  let folder: string;
  let image: string;
  let session: ConsoleSession;

  /** Types the lines one after the other; returns everything the console showed. */
  const keys = (...lines: string[]): string[] => lines.flatMap((line) => session.type(line));
  /** The records of a file on the 191 disk, as text. */
  const records = (fileId: string): string[] => readFile(image, fileId).records.map((r) => fromEbcdic(r));

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'vm370-edit-'));
    image = join(folder, 'cmsuser-191.ckd');
    formatImage(image, { label: 'EDT191', type: '3350', cylinders: 5 });
    session = ourCmsSession(buildEditCms(), { storage: '2M', minidisks: [{ address: '191', image, mode: 'W' }] });
    session.runUntilRead();
  });
  afterAll(() => {
    session.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('EDIT of a file that does not exist: NEW FILE: then EDIT:', () => {
    expect(session.type('EDIT HELLO ASSEMBLE')).toEqual(['NEW FILE:', 'EDIT:']);
  });

  it('INPUT enters input mode (INPUT:); lines go in as typed; a null line returns to EDIT:', () => {
    expect(session.type('INPUT')).toEqual(['INPUT:']);
    expect(keys('HELLO    CSECT', '         la    1,msg', '         BR    14')).toEqual([]);
    expect(session.type('')).toEqual(['EDIT:']);
  });

  it('TOP types TOF:; TYPE * types the lines upper-cased (CASE U) and EOF:', () => {
    expect(session.type('TOP')).toEqual(['TOF:']);
    expect(session.type('TYPE *')).toEqual(['TOF:', 'HELLO    CSECT', '         LA    1,MSG', '         BR    14', 'EOF:']);
  });

  it('FILE writes an ASSEMBLE file as F 80, padded with blanks; the Ready message follows', () => {
    const out = session.type('FILE');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(READY);
    const file = readFile(image, 'HELLO ASSEMBLE A');
    expect([file.fst.recfm, file.fst.lrecl, file.fst.records, file.fst.modeNumber]).toEqual(['F', 80, 3, '1']);
    expect(file.records.map((r) => r.length)).toEqual([80, 80, 80]);
    expect(records('HELLO ASSEMBLE A')).toEqual(['HELLO    CSECT', '         LA    1,MSG', '         BR    14'].map((l) => l.padEnd(80)));
  });

  it('an existing file opens at the top with EDIT: only', () => {
    expect(session.type('EDIT HELLO ASSEMBLE A')).toEqual(['EDIT:']);
    expect(session.type('TYPE')).toEqual(['TOF:']);
  });

  it('LOCATE /string/ finds the next line holding it and types it (VERIFY ON)', () => {
    expect(session.type('LOCATE /MSG/')).toEqual(['         LA    1,MSG']);
    expect(session.type('L /NOWHERE/')).toEqual(['EOF:']);
    expect(session.type('L /CSECT/')).toEqual(['HELLO    CSECT']);
  });

  it('CHANGE /old/new/ changes the current line and types it; nothing there: NOT FOUND', () => {
    expect(session.type('CHANGE /HELLO/HI/')).toEqual(['HI    CSECT']);
    expect(session.type('C/XYZ/ABC/')).toEqual(['NOT FOUND']);
  });

  it('CHANGE with n lines and G changes every occurrence in each', () => {
    expect(session.type('TOP')).toEqual(['TOF:']);
    expect(session.type('C/ 1/ 2/ * G')).toEqual(['         LA    2,MSG', '         BR    24', 'EOF:']);
  });

  it('UP, DOWN, NEXT move the pointer; past an end they stop at TOF: or EOF:', () => {
    expect(session.type('UP 2')).toEqual(['         LA    2,MSG']);
    expect(session.type('UP 5')).toEqual(['TOF:']);
    expect(session.type('DOWN')).toEqual(['HI    CSECT']);
    expect(session.type('NEXT 2')).toEqual(['         BR    24']);
    expect(session.type('N')).toEqual(['EOF:']);
    expect(session.type('BOTTOM')).toEqual(['         BR    24']);
  });

  it('INPUT line puts one line after the current line; DELETE removes the current line', () => {
    expect(session.type('INPUT          END')).toEqual([]);
    expect(session.type('UP 3')).toEqual(['HI    CSECT']);
    expect(session.type('DELETE')).toEqual([]);
    expect(session.type('TYPE 1')).toEqual(['         LA    2,MSG']);
    expect(session.type('UP')).toEqual(['TOF:']);
    expect(session.type('INPUT HELLO    CSECT')).toEqual([]);
    expect(session.type('BOTTOM')).toEqual(['         END']);
    expect(session.type('DELETE 5')).toEqual(['EOF:']);
  });

  it('REPLACE line replaces the current line', () => {
    expect(session.type('UP')).toEqual(['         BR    24']);
    expect(session.type('REPLACE          BR    14')).toEqual([]);
    expect(session.type('TYPE')).toEqual(['         BR    14']);
  });

  it('FIND text finds the next line that starts with it', () => {
    expect(session.type('TOP')).toEqual(['TOF:']);
    expect(session.type('FIND          BR')).toEqual(['         BR    14']);
    expect(session.type('F HELLO')).toEqual(['EOF:']);
    expect(session.type('F HELLO')).toEqual(['HELLO    CSECT']);
  });

  it('SAVE writes the file and stays in the editor; QUIT then leaves it', () => {
    expect(session.type('SAVE')).toEqual([]);
    expect(records('HELLO ASSEMBLE A').map((l) => l.trimEnd())).toEqual(['HELLO    CSECT', '         LA    2,MSG', '         BR    14']);
    expect(listFiles(image).files.map((f) => `${f.filename} ${f.filetype}`)).toEqual(['HELLO ASSEMBLE']);
    expect(session.type('QUIT')[0]).toMatch(READY);
  });

  it('QUIT leaves the file on disk as it was', () => {
    const before = readFile(image, 'HELLO ASSEMBLE A');
    expect(keys('EDIT HELLO ASSEMBLE', 'DELETE *', 'INPUT GONE')).toEqual(['EDIT:', 'EOF:']);
    expect(session.type('QUIT')[0]).toMatch(READY);
    const after = readFile(image, 'HELLO ASSEMBLE A');
    expect(after.fst).toEqual(before.fst);
    expect(after.records).toEqual(before.records);
  });

  it('a new EXEC is V 80: records without trailing blanks, a blank line one blank', () => {
    expect(keys('EDIT TEST EXEC', 'INPUT', '&TYPE HELLO   ', ' ', '&EXIT 0', '')).toEqual(['NEW FILE:', 'EDIT:', 'INPUT:', 'EDIT:']);
    expect(session.type('FILE')[0]).toMatch(READY);
    const file = readFile(image, 'TEST EXEC A');
    expect([file.fst.recfm, file.fst.lrecl]).toEqual(['V', 11]);
    expect(records('TEST EXEC A')).toEqual(['&TYPE HELLO', ' ', '&EXIT 0']);
  });

  it('CASE M keeps lower case; CASE, ZONE, TRUNC, LRECL, RECFM, FNAME, FMODE show the settings', () => {
    expect(keys('EDIT NOTES MEMO', 'CASE', 'CASE U', 'CASE')).toEqual(['NEW FILE:', 'EDIT:', 'CASE M', 'CASE U']);
    expect(keys('CASE M', 'INPUT Mixed Case')).toEqual([]);
    expect(keys('ZONE', 'TRUNC', 'LRECL', 'RECFM', 'FNAME', 'FMODE')).toEqual(['ZONE 1 80', 'TRUNC 80', 'LRECL 80', 'RECFM V', 'NOTES', 'A']);
    expect(keys('FILE')[0]).toMatch(READY);
    expect(records('NOTES MEMO A')).toEqual(['Mixed Case']);
  });

  it('ZONE limits LOCATE and CHANGE to its columns; TRUNC cuts lines typed longer (TRUNCATED)', () => {
    expect(keys('EDIT ZONED DATA', 'INPUT ABC ABC', 'INPUT XYZ ABC', 'TOP', 'ZONE 4 *', 'L /ABC/')).toEqual(['NEW FILE:', 'EDIT:', 'TOF:', 'ABC ABC']);
    expect(session.type('C/ABC/DEF/')).toEqual(['ABC DEF']);
    expect(keys('TRUNC 5', 'INPUT 1234567890', 'TYPE')).toEqual(['TRUNCATED', '12345']);
    expect(keys('INPUT 12345     ', 'TYPE')).toEqual(['12345']);
    expect(keys('ZONE 1 80', 'QUIT')[0]).toMatch(READY);
  });

  it('= repeats the last subcommand; ? types it', () => {
    expect(keys('EDIT HELLO ASSEMBLE', 'NEXT')).toEqual(['EDIT:', 'HELLO    CSECT']);
    expect(session.type('=')).toEqual(['         LA    2,MSG']);
    expect(session.type('?')).toEqual(['NEXT']);
  });

  it('X subcommand keeps a subcommand; X runs it, X n n times, stopping at EOF; Y the same', () => {
    expect(keys('TOP', 'X LOCATE /A/', 'Y TYPE')).toEqual(['TOF:']);
    expect(session.type('X')).toEqual(['         LA    2,MSG']);
    expect(session.type('Y')).toEqual(['         LA    2,MSG']);
    expect(session.type('X 5')).toEqual(['EOF:']);
    expect(session.type('X 0')).toEqual(['?EDIT: X 0']);
  });

  it('BACKWARD and FORWARD move the pointer as UP and DOWN do', () => {
    expect(session.type('BACKWARD 2')).toEqual(['         LA    2,MSG']);
    expect(session.type('BA')).toEqual(['HELLO    CSECT']);
    expect(session.type('FO')).toEqual(['         LA    2,MSG']);
  });

  it('DSTRING /string/ deletes down to the first line below holding the string; none: a message', () => {
    expect(keys('EDIT LETTERS DATA', 'INPUT A1', 'INPUT B2', 'INPUT A3', 'INPUT C4', 'TOP', 'NEXT')).toEqual(['NEW FILE:', 'EDIT:', 'TOF:', 'A1']);
    expect(session.type('DSTRING /NONE/')).toEqual(['STRING NOT FOUND, NO DELETIONS MADE']);
    expect(session.type('DS /C/')).toEqual([]);
    expect(keys('TOP', 'TYPE *')).toEqual(['TOF:', 'TOF:', 'C4', 'EOF:']);
  });

  it('CMS enters CMS subset: commands run until RETURN, then EDIT:', () => {
    expect(session.type('CMS')).toEqual(['CMS SUBSET']);
    expect(session.type('STATE NOSUCH FILE')).toEqual(["DMSSTT002E File 'NOSUCH FILE' not found."]);
    expect(session.type('LISTFILE HELLO *')).toEqual(['HELLO    ASSEMBLE A1']);
    expect(session.type('RETURN')).toEqual(['EDIT:']);
    expect(session.type('UP')).toEqual(['C4']);
  });

  it('EDIT fn ft within an edit edits another file; its FILE comes back to the first (EDIT:)', () => {
    expect(keys('EDIT INNER DATA', 'INPUT INSIDE')).toEqual(['NEW FILE:', 'EDIT:']);
    expect(session.type('FILE')).toEqual(['EDIT:']);
    expect(records('INNER DATA A')).toEqual(['INSIDE']);
    expect(session.type('TYPE')).toEqual(['C4']);
    // LETTERS DATA was itself edited from within HELLO ASSEMBLE: QUIT goes back there.
    expect(session.type('QUIT')).toEqual(['EDIT:']);
    expect(session.type('TYPE')).toEqual(['         LA    2,MSG']);
  });

  it('an unknown or malformed subcommand: ?EDIT: and the line', () => {
    expect(session.type('BOGUS 1')).toEqual(['?EDIT: BOGUS 1']);
    expect(session.type('UP X')).toEqual(['?EDIT: UP X']);
    expect(session.type('Q')).toEqual(['?EDIT: Q']);
  });

  it('FILE fn ft writes under the new name; the old file stays', () => {
    expect(session.type('FILE HELLO2 ASSEMBLE')[0]).toMatch(READY);
    expect(records('HELLO2 ASSEMBLE A')).toEqual(records('HELLO ASSEMBLE A'));
  });

  it('no work file is left on the disk', () => {
    expect(listFiles(image).files.map((f) => f.filetype)).not.toContain('CMSUT1');
  });

  it('EDIT without a filetype: DMSEDI054E, R(00024); a bad mode: DMSEDI048E', () => {
    const out = session.type('EDIT ONLY');
    expect(out[0]).toBe('DMSEDI054E INCOMPLETE FILEID SPECIFIED');
    expect(out[1]).toMatch(/^R\(00024\); /);
    const bad = session.type('EDIT A B 9');
    expect(bad[0]).toBe("DMSEDI048E INVALID MODE '9'");
    expect(bad[1]).toMatch(/^R\(00024\); /);
  });

  it('EDIT on a disk not accessed: DMSEDI069E, R(00036)', () => {
    const out = session.type('EDIT A B Q');
    expect(out[0]).toBe("DMSEDI069E DISK 'Q' NOT ACCESSED");
    expect(out[1]).toMatch(/^R\(00036\); /);
  });
});
