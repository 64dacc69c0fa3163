import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { DataStreamBuilder } from '../../src/term/builder.ts';
import { FieldAttribute as FA, Wcc } from '../../src/term/codes.ts';
import { terminalModel } from '../../src/term/models.ts';
import { Screen3270 } from '../../src/term/screen-model.ts';
import { ScreenView } from '../../src/ui/ScreenView.tsx';
import { operatorInfoText } from '../../src/ui/OperatorInfo.tsx';

afterEach(() => cleanup());

function model() {
  const screen = new Screen3270({ model: terminalModel(3278, 2) });
  screen.writeRecord(
    new DataStreamBuilder()
      .eraseWrite(Wcc.keyboardRestore)
      .field(FA.protected | FA.intensified).text('TITLE')
      .at(1, 0).field(FA.protected).text('Password:')
      .field(FA.nonDisplay).text('secret').insertCursor()
      .at(1, 30).field(FA.protected)
      .at(23, 70).text('bottom')
      .build(),
  );
  return screen;
}

describe('ScreenView', () => {
  it('shows the exact buffer: attributes as blanks, non-display fields hidden, all rows', () => {
    const screen = model();
    const { lastFrame } = render(<ScreenView screen={screen} color={false} showCursor={false} version={screen.version} />);
    const lines = lastFrame()!.split('\n');
    expect(lines).toHaveLength(24);
    expect(lines[0]).toContain(' TITLE');
    expect(lines[1]).toContain(' Password:');
    expect(lines[1]).not.toContain('secret');
    expect(lines[23]!.indexOf('bottom')).toBe(70);
  });

  it('a 27x132 screen renders 132 columns', () => {
    const screen = new Screen3270({ model: terminalModel(3279, 5) });
    screen.writeRecord(new DataStreamBuilder({ rows: 27, columns: 132 }).eraseWriteAlternate(0).at(26, 126).text('corner').build());
    const { lastFrame } = render(<ScreenView screen={screen} color={false} showCursor={false} version={screen.version} />);
    const lines = lastFrame()!.split('\n');
    expect(lines).toHaveLength(27);
    expect(lines[26]!.trimEnd()).toHaveLength(132);
  });
});

describe('operator information line', () => {
  it('shows X SYSTEM, insert mode, device, model and the 1-origin cursor position', () => {
    const screen = model();
    screen.lock = 'system';
    screen.insertMode = true;
    const text = operatorInfoText({ info: screen.operatorInformation(), columns: 80, deviceName: '0C0', model: '3278-2', message: 'hint', connected: true });
    expect(text).toHaveLength(80);
    expect(text).toMatch(/^4A X SYSTEM\s+INSERT\s+hint\s+0C0 3278-2 {2}002\/018$/);
  });

  it('shows X Not Connected when disconnected', () => {
    const text = operatorInfoText({ info: model().operatorInformation(), columns: 80, deviceName: '0C0', model: '3278-2', message: '', connected: false });
    expect(text.startsWith('4  X Not Connected')).toBe(true);
  });
});
