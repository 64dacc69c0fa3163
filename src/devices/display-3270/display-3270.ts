// A channel-attached local 3270 display station (3277 on a 3272, 3278 models 2-5 on a 3274 in local
// non-SNA mode; IBM 3270 Information Display System Component Description). The screen model is a
// Screen3270; the device maps CCW commands to it and turns AID keys into attention.
//
// Commands: Write X'01', Erase/Write X'05', Erase/Write Alternate X'0D', Read Buffer X'02', Read
// Modified X'06', Erase All Unprotected X'0F', Select X'0B' and No operation X'03' (nothing to do on
// a local display), Sense X'04' (one byte). With no screen connected every command but Sense gets
// unit check with intervention required; connecting one presents device end, as a display does
// when it is switched on.

import { Sense0, UnitStatus } from '../../arch/channel.ts';
import type { Device, DeviceCommand, DeviceHost, DeviceResult } from '../../channel/device.ts';
import { CE_DE, CE_DE_UC, immediate, input, rejected } from '../common.ts';
import type { Screen3270, WriteCommand } from './screen.ts';

export type DisplayModel = '3277-2' | '3278-2' | '3278-3' | '3278-4' | '3278-5';

/** Rows and columns of each model's alternate screen size (the default size is 24 x 80). */
export const DISPLAY_SIZES: Record<DisplayModel, { rows: number; columns: number }> = {
  '3277-2': { rows: 24, columns: 80 },
  '3278-2': { rows: 24, columns: 80 },
  '3278-3': { rows: 32, columns: 80 },
  '3278-4': { rows: 43, columns: 80 },
  '3278-5': { rows: 27, columns: 132 },
};

const WRITES: Record<number, WriteCommand> = { 0x01: 'write', 0x05: 'eraseWrite', 0x0d: 'eraseWriteAlternate' };

export class Display3270 implements Device {
  readonly type: string;
  readonly timing = { command: 1_000, perByte: 1 };
  private host: DeviceHost | null = null;
  private sense = 0;

  constructor(
    readonly model: DisplayModel = '3278-2',
    private screen: Screen3270 | null = null,
  ) {
    this.type = model.slice(0, 4);
  }

  attach(host: DeviceHost): void {
    this.host = host;
  }

  /** A terminal is connected (or switched on): the display becomes ready and presents device end. */
  connect(screen: Screen3270): void {
    this.screen = screen;
    this.host?.unsolicited(UnitStatus.deviceEnd);
  }

  disconnect(): void {
    this.screen = null;
  }

  /** The operator pressed an AID key (ENTER, a PF or PA key, CLEAR): the program is told by attention. */
  aid(): void {
    if (this.screen !== null) this.host?.unsolicited(UnitStatus.attention);
  }

  startCommand(command: DeviceCommand, data: Uint8Array | null): DeviceResult {
    const code = command.command;
    if (code === 0x04) {
      const sense = Uint8Array.of(this.sense);
      this.sense = 0;
      return input(command, sense);
    }
    this.sense = 0;
    const known = code in WRITES || code === 0x02 || code === 0x06 || code === 0x0f || code === 0x0b || code === 0x03;
    if (!known) {
      this.sense = Sense0.commandReject;
      return rejected();
    }
    if (code === 0x03 || code === 0x0b) return immediate();
    const screen = this.screen;
    if (screen === null) {
      this.sense = Sense0.interventionRequired;
      return { status: CE_DE_UC, immediate: true };
    }
    const write = WRITES[code];
    if (write !== undefined) {
      screen.write(write, data ?? new Uint8Array(0));
      return { status: CE_DE };
    }
    if (code === 0x0f) {
      screen.eraseAllUnprotected();
      return immediate();
    }
    return input(command, code === 0x02 ? screen.readBuffer() : screen.readModified());
  }

  reset(): void {
    this.sense = 0;
  }

  snapshot(): unknown {
    return { sense: this.sense };
  }

  restore(state: unknown): void {
    this.sense = (state as { sense: number }).sense;
  }
}
