// EDIT in display mode (CMS User's Guide R6, EDIT on a display terminal; VM/370 System
// Programmer's Guide R6, DIAGNOSE X'58'): our CMS on a console that is a 3270 (the session's
// DIAGNOSE X'24' reports a 3277) draws the file in the output area with DIAGNOSE X'58' before every
// read: line 1 the file and the mode, lines 2-3 the messages, line 12 the current line, line 13 the
// scale, the lines before and after the current one around it. Subcommands are typed as usual.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCms, type CmsBuild } from '../../src/cms/build.ts';
import { formatImage, readFile } from '../../src/cp/cmsdisk/index.ts';
import { fromEbcdic } from '../../src/ebcdic/index.ts';
import { ConsoleSession } from '../../src/cp/vm/session.ts';
import { EPOCH, READY, cmsRegistry, withSystemDisk } from './helpers.ts';

const EDIT_NUCLEUS = ['dmsnuc', 'dmsint', 'dmsits', 'dmscon', 'dmsfre', 'dmsset', 'dmscwr', 'dmsedt', 'fs'];
const buildEditCms = (): CmsBuild =>
  buildCms({ include: (file) => EDIT_NUCLEUS.some((name) => file.startsWith(name)), allowUnresolved: true });

/** Rows of the display (0-based): the current line and the scale. */
const CURRENT = 11;
const SCALE = 12;

describe('EDIT in display mode on a 3270 console', () => {
  let folder: string;
  let image: string;
  let session: ConsoleSession;

  const records = (fileId: string): string[] => readFile(image, fileId).records.map((r) => fromEbcdic(r).trimEnd());
  /** The output area's rows without trailing blanks. */
  const screen = (): string[] => session.screen.map((row) => row.trimEnd());

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'vm370-editdisp-'));
    image = join(folder, 'cmsuser-191.ckd');
    formatImage(image, { label: 'EDT191', type: '3350', cylinders: 5 });
    const build = buildEditCms();
    session = new ConsoleSession({
      userid: 'CMSUSER',
      storage: '2M',
      ipl: 'CMS',
      savedSystems: cmsRegistry(build),
      time: { mode: 'virtual', epoch: EPOCH },
      minidisks: withSystemDisk(build, [{ address: '191', image, mode: 'W' }]),
      display: true,
    });
    session.runUntilRead();
  });
  afterAll(() => {
    session.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('EDIT of a new file draws the screen: the file line, NEW FILE:, TOF: and EOF: around the scale', () => {
    const writes = session.displayWrites;
    expect(session.type('EDIT NOTES MEMO')).toEqual([]);
    expect(session.displayWrites).toBe(writes + 1);
    const rows = screen();
    expect(rows[0]).toMatch(/^NOTES {4}MEMO {5}A {3}RECFM V {2}LRECL 80 {3}SIZE 0 +EDIT:$/);
    expect(rows[1]).toBe('NEW FILE:');
    expect(rows[CURRENT]).toBe('TOF:');
    expect(rows[SCALE]).toBe('|...+....1....+....2....+....3....+....4....+....5....+....6....+....7....+....8');
    expect(rows[SCALE + 1]).toBe('EOF:');
    expect(rows.slice(2, CURRENT).every((row) => row === '')).toBe(true);
  });

  it('INPUT enters input mode: the screen says INPUT:, each line typed appears as the current line', () => {
    expect(session.type('INPUT')).toEqual([]);
    expect(screen()[0]).toMatch(/INPUT:$/);
    for (let n = 1; n <= 12; n++) expect(session.type(`Line ${n} of the memo`)).toEqual([]);
    const rows = screen();
    expect(rows[CURRENT]).toBe('Line 12 of the memo');
    expect(rows[CURRENT - 1]).toBe('Line 11 of the memo');
    expect(rows[3]).toBe('Line 4 of the memo');
    expect(rows[SCALE + 1]).toBe('EOF:');
    expect(rows[0]).toMatch(/SIZE 12 +INPUT:$/);
    expect(session.type('')).toEqual([]);
    expect(screen()[0]).toMatch(/SIZE 12 +EDIT:$/);
  });

  it('TOP puts TOF: in the current line row with the first lines below the scale', () => {
    expect(session.type('TOP')).toEqual([]);
    const rows = screen();
    expect(rows[CURRENT]).toBe('TOF:');
    expect(rows.slice(SCALE + 1)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `Line ${n} of the memo`));
  });

  it('DOWN and LOCATE move the view: the line reached is in the current line row', () => {
    session.type('DOWN 3');
    let rows = screen();
    expect(rows[CURRENT]).toBe('Line 3 of the memo');
    expect(rows.slice(CURRENT - 3, CURRENT)).toEqual(['TOF:', 'Line 1 of the memo', 'Line 2 of the memo']);
    expect(rows[SCALE + 1]).toBe('Line 4 of the memo');
    session.type('LOCATE /Line 10/');
    rows = screen();
    expect(rows[CURRENT]).toBe('Line 10 of the memo');
    expect(rows.slice(SCALE + 1, SCALE + 4)).toEqual(['Line 11 of the memo', 'Line 12 of the memo', 'EOF:']);
    expect(rows[3]).toBe('Line 2 of the memo');
  });

  it('messages go to the message lines: NOT FOUND, ?EDIT:, and the settings asked for', () => {
    expect(session.type('CHANGE /nowhere/x/')).toEqual([]);
    expect(screen()[1]).toBe('NOT FOUND');
    expect(session.type('FROB')).toEqual([]);
    expect(screen()[1]).toBe('?EDIT: FROB');
    expect(session.type('CASE')).toEqual([]);
    expect(screen()[1]).toBe('CASE M');
    expect(screen()[2]).toBe('');
    expect(session.type('CHANGE /Line 10/Tenth line/')).toEqual([]);
    expect(screen()[CURRENT]).toBe('Tenth line of the memo');
    expect(screen()[1]).toBe('Tenth line of the memo');
  });

  it('CMS subset types CMS SUBSET on the console; RETURN draws the screen again', () => {
    const writes = session.displayWrites;
    expect(session.type('CMS')).toEqual(['CMS SUBSET']);
    expect(session.type('QUERY IMPCP')).toEqual(['IMPCP = ON']);
    expect(session.displayWrites).toBe(writes);
    expect(session.type('RETURN')).toEqual([]);
    expect(session.displayWrites).toBe(writes + 1);
    expect(screen()[CURRENT]).toBe('Tenth line of the memo');
    expect(screen()[0]).toMatch(/EDIT:$/);
  });

  it('BOTTOM then DOWN: EOF: in the current line row, the last lines above it', () => {
    session.type('BOTTOM');
    expect(screen()[CURRENT]).toBe('Line 12 of the memo');
    session.type('DOWN');
    const rows = screen();
    expect(rows[CURRENT]).toBe('EOF:');
    expect(rows[CURRENT - 1]).toBe('Line 12 of the memo');
    expect(rows[SCALE + 1]).toBe('');
  });

  it('FILE writes the file and returns to the console: the Ready message is line mode again', () => {
    const out = session.type('FILE');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(READY);
    expect(records('NOTES MEMO A')).toHaveLength(12);
    expect(records('NOTES MEMO A')[9]).toBe('Tenth line of the memo');
  });

  it('EDIT ... (NODISP keeps line mode on the 3270', () => {
    const writes = session.displayWrites;
    expect(session.type('EDIT NOTES MEMO ( NODISP')).toEqual(['EDIT:']);
    expect(session.type('NEXT 2')).toEqual(['Line 2 of the memo']);
    expect(session.type('QUIT')[0]).toMatch(READY);
    expect(session.displayWrites).toBe(writes);
  });

  it('QUIT in display mode leaves the file as it was', () => {
    expect(session.type('EDIT NOTES MEMO')).toEqual([]);
    expect(screen()[CURRENT]).toBe('TOF:');
    session.type('DELETE *');
    expect(screen()[0]).toMatch(/SIZE 0 +EDIT:$/);
    expect(session.type('QUIT')[0]).toMatch(READY);
    expect(records('NOTES MEMO A')).toHaveLength(12);
  });
});
