// The console layout on each 3278 model (3270 Component Description: models 3, 4 and 5 have an
// alternate screen, used with Erase/Write Alternate): the output area fills every row but the last
// two, the input area is the last two rows minus the status area, the status is at the bottom right.

import { afterEach, describe, expect, it } from 'vitest';
import { Aid } from '../../../src/term/codes.ts';
import { LocalTerminal } from '../../../src/term/local-terminal.ts';
import { terminalModel, type ModelNumber } from '../../../src/term/models.ts';
import { Dispatcher } from '../../../src/cp/dispatcher.ts';
import { CpHost } from '../../../src/cp/terminal/cp-host.ts';
import { STATUS_WIDTH } from '../../../src/cp/terminal/console-screen.ts';
import { enter, openSystem, press, settle } from './helpers.ts';

let current: CpHost | null = null;
afterEach(() => {
  current?.close();
  current = null;
});

const GEOMETRY: Array<[ModelNumber, number, number]> = [
  [2, 24, 80],
  [3, 32, 80],
  [4, 43, 80],
  [5, 27, 132],
];

describe('the console on 3278 models 2 to 5', () => {
  it.each(GEOMETRY)('3278-%i: %i rows of %i columns, input area on the last two rows, status at the bottom right', async (model, rows, columns) => {
    const host = new CpHost(openSystem(), new Dispatcher(), { failureDelayMs: 0, logoffDelayMs: 60_000, moreTimeoutMs: null });
    current = host;
    const terminal = new LocalTerminal({ model: terminalModel(3278, model), address: 0x0c0 });
    host.onConnect(terminal);
    const s = terminal.screen;
    // The logo is written on the alternate screen of models 3-5.
    expect([s.rows, s.columns]).toEqual([rows, columns]);
    expect(s.textAt(1, 0, 13)).toBe('VM/370 ONLINE');
    await press(terminal, Aid.enter);
    await enter(terminal, 'LOGON GUEST GUEST');
    await settle();
    expect([s.rows, s.columns]).toEqual([rows, columns]);
    const inputStart = (rows - 2) * columns;
    const input = s.fields().find((f) => f.start === inputStart);
    expect(input, 'an input field at the start of the second last row').toBeDefined();
    expect(input!.attribute & 0x20).toBe(0);
    const status = s.fields().find((f) => f.start === rows * columns - STATUS_WIDTH + 1);
    expect(status!.attribute & 0x20).toBe(0x20);
    expect(s.textAt(rows - 1, columns - STATUS_WIDTH + 1, 18).trim()).toBe('CP READ');
    expect(s.cursor).toBe(inputStart);
    // The output area holds rows-2 lines; one more shows MORE...
    const user = host.users.get('GUEST')!;
    const session = host.sessions.values().next().value!;
    const shown = session.screen.shown.length;
    for (let i = shown; i < rows - 2; i++) user.writeLine(`LINE ${i + 1}`, 'cp');
    await settle();
    expect(s.textAt(rows - 3, 0, 12).trim()).toBe(`LINE ${rows - 2}`);
    expect(s.textAt(rows - 1, columns - STATUS_WIDTH + 1, 18).trim()).toBe('CP READ');
    user.writeLine('ONE MORE', 'cp');
    await settle();
    expect(s.textAt(rows - 1, columns - STATUS_WIDTH + 1, 18).trim()).toBe('MORE...');
    await press(terminal, Aid.pa2);
    expect(s.textAt(0, 0, 8)).toBe('ONE MORE');
  });
});
