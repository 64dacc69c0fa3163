// The channel-attached display (src/devices/display-3270) drives a screen through its own small
// interface; the term model must fit it without an adapter.
import { describe, expect, it } from 'vitest';
import type { Screen3270 as DeviceScreen } from '../../src/devices/display-3270/screen.ts';
import { Aid, Wcc } from '../../src/term/codes.ts';
import { pressAid, typeText } from '../../src/term/operator.ts';
import { bytes, e, screen, sf, wcc } from './helpers.ts';

describe('the term model as the display device\'s screen', () => {
  it('satisfies the device interface: named writes, EAU, Read Buffer, Read Modified', () => {
    const model = screen();
    const device: DeviceScreen = model;
    device.write('eraseWrite', bytes(wcc(Wcc.keyboardRestore), sf(0), 0x13, e('x')));
    typeText(model, 'AB');
    pressAid(model, Aid.enter);
    expect(device.readModified()[0]).toBe(Aid.enter);
    expect(device.readBuffer().length).toBe(3 + 1 + 1920);
    device.eraseAllUnprotected();
    expect(model.lock).toBeNull();
    device.write('eraseWriteAlternate', bytes(wcc(0)));
    expect(model.alternate).toBe(true);
  });
});
