// IBM 3420 magnetic tape unit on a 3803 tape control (IBM 3803/3420 Magnetic Tape Subsystems
// Reference), on an AWS tape image.
//
// Commands: Write X'01', Read X'02', Read Backward X'0C', Sense X'04' (24 bytes), Write Tape Mark
// X'1F', Rewind X'07', Rewind Unload X'0F', Backspace Block X'27', Backspace File X'2F', Forward
// Space Block X'37', Forward Space File X'3F', Erase Gap X'17', No operation X'03', Mode Set
// (X'C3', X'CB', X'D3' and the other X'x3' settings: accepted, nothing changes).
// A Read or a space over a tape mark ends with unit exception; backward motion at load point is
// rejected; Rewind presents channel end at once and device end when the tape is back at load point.
// After Rewind Unload the unit is not ready (intervention required).

import { Sense0, UnitStatus } from '../../arch/channel.ts';
import type { Device, DeviceCommand, DeviceHost, DeviceResult } from '../../channel/device.ts';
import { CE_DE, CE_DE_UC, CE_DE_UE, immediate, input } from '../common.ts';
import type { AwsTape } from './aws-tape.ts';

/** Sense byte 1 of the 3420. */
const Sense1 = { statusA: 0x40, loadPoint: 0x08, fileProtected: 0x02 } as const;

const MODE_SETS = new Set([0xc3, 0xcb, 0xd3, 0xdb, 0x13, 0x23, 0x2b, 0x33, 0x3b, 0x63, 0x6b, 0x73, 0x7b, 0xa3, 0xab, 0xb3, 0xbb, 0xe3, 0xeb, 0xf3, 0xfb]);

interface TapeState {
  /** The number of the block the tape is positioned before. */
  position: number;
  loaded: boolean;
  sense0: number;
}

export class Tape3420 implements Device {
  readonly type = '3420';
  readonly timing = { command: 2_000, perByte: 1 };
  private s: TapeState = { position: 0, loaded: true, sense0: 0 };
  private wrote = false;

  constructor(private tape: AwsTape | null) {
    this.s.loaded = tape !== null;
  }

  /** The device originates no status of its own. */
  attach(_host: DeviceHost): void {}

  /** Mounts a tape (the unit was unloaded, or a new reel). */
  mount(tape: AwsTape): void {
    this.tape?.close();
    this.tape = tape;
    this.s = { position: 0, loaded: true, sense0: 0 };
  }

  startCommand(command: DeviceCommand, data: Uint8Array | null): DeviceResult {
    const code = command.command;
    if (code === 0x04) {
      const sense = this.sense();
      this.s.sense0 = 0;
      return input(command, sense);
    }
    this.s.sense0 = 0;
    if (code === 0x03 || MODE_SETS.has(code)) return immediate();
    const known = [0x01, 0x02, 0x0c, 0x1f, 0x07, 0x0f, 0x27, 0x2f, 0x37, 0x3f, 0x17];
    if (!known.includes(code)) return this.unitCheck(Sense0.commandReject, true);
    const tape = this.tape;
    if (!this.s.loaded || tape === null) return this.unitCheck(Sense0.interventionRequired, true);
    const blocks = tape.blocks;
    const s = this.s;
    switch (code) {
      case 0x02: { // Read
        const block = blocks[s.position];
        if (!block) return this.unitCheck(Sense0.dataCheck, false); // past the last block: blank tape
        s.position++;
        if (block.tapeMark) return { status: CE_DE_UE };
        return input(command, tape.read(block));
      }
      case 0x0c: { // Read Backward: the block's bytes arrive last byte first
        if (s.position === 0) return this.unitCheck(Sense0.commandReject, true);
        const block = blocks[--s.position]!;
        if (block.tapeMark) return { status: CE_DE_UE };
        return input(command, tape.read(block).reverse());
      }
      case 0x01: // Write
      case 0x1f: { // Write Tape Mark
        if (tape.readOnly) return this.unitCheck(Sense0.commandReject, true);
        const bytes = data ?? new Uint8Array(0);
        tape.write(s.position, code === 0x1f ? 'tapeMark' : bytes);
        s.position++;
        this.wrote = true;
        return code === 0x1f ? immediate() : { status: CE_DE, accepted: bytes.length };
      }
      case 0x37: { // Forward Space Block
        const block = blocks[s.position];
        if (!block) return this.unitCheck(Sense0.dataCheck, false);
        s.position++;
        return { status: block.tapeMark ? CE_DE_UE : CE_DE };
      }
      case 0x27: { // Backspace Block
        if (s.position === 0) return this.unitCheck(Sense0.commandReject, true);
        const block = blocks[--s.position]!;
        return { status: block.tapeMark ? CE_DE_UE : CE_DE };
      }
      case 0x3f: { // Forward Space File: past the next tape mark
        for (;;) {
          const block = blocks[s.position];
          if (!block) return this.unitCheck(Sense0.dataCheck, false);
          s.position++;
          if (block.tapeMark) return { status: CE_DE, time: 1_000 };
        }
      }
      case 0x2f: { // Backspace File: back over the previous tape mark, stopping before it
        if (s.position === 0) return this.unitCheck(Sense0.commandReject, true);
        while (s.position > 0) {
          if (blocks[--s.position]!.tapeMark) return { status: CE_DE, time: 1_000 };
        }
        return { status: CE_DE }; // reached load point
      }
      case 0x07: // Rewind
      case 0x0f: { // Rewind Unload
        const distance = s.position;
        s.position = 0;
        if (code === 0x0f) s.loaded = false;
        if (distance === 0 && code === 0x07) return immediate();
        return { status: UnitStatus.channelEnd, immediate: true, deviceEndDelay: 10_000 + distance * 100 };
      }
      default: // Erase Gap
        return immediate();
    }
  }

  private unitCheck(byte0: number, atSelection: boolean): DeviceResult {
    this.s.sense0 = byte0;
    return { status: CE_DE_UC, immediate: atSelection };
  }

  private sense(): Uint8Array {
    const sense = new Uint8Array(24);
    sense[0] = this.s.sense0;
    sense[1] = (this.s.loaded ? Sense1.statusA : 0) | (this.s.loaded && this.s.position === 0 ? Sense1.loadPoint : 0) |
      (this.tape?.readOnly ? Sense1.fileProtected : 0);
    return sense;
  }

  channelProgramEnd(): void {
    if (!this.wrote) return;
    this.wrote = false;
    this.tape?.sync();
  }

  reset(): void {
    this.s.sense0 = 0;
  }

  snapshot(): TapeState {
    return { ...this.s };
  }

  restore(state: unknown): void {
    this.s = { ...(state as TapeState) };
  }

  close(): void {
    this.tape?.sync();
    this.tape?.close();
  }
}
