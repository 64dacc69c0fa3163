// Input/output instructions (Principles of Operation, "Input/Output Operations"; GA22-7000).
// The CPU reaches the channels only through its IoSystem. The device address is bits 16-31 of the
// second-operand address (channel in bits 16-23, unit in 24-31); bits 8-15 are ignored. TCH and
// STIDC use only the channel, bits 16-23. The CC comes from the channel subsystem; afterwards the
// chunk ends so that pending I/O interruptions are looked at again before the next instruction.

import type { HandlerMap } from '../dispatch.ts';
import { baseAddress } from '../formats.ts';

export const ioHandlers: HandlerMap = {
  /** 9C00 SIO — Start I/O [S]: CC 0 started, 1 CSW stored, 2 busy, 3 not operational. */
  SIO: (cpu, w) => {
    cpu.cc = cpu.io.startIo(baseAddress(cpu, w) & 0xffff, false);
    cpu.stateChanged();
  },

  /** 9C01 SIOF — Start I/O Fast Release [S]: like SIO, but the channel may release the CPU before the device responds. */
  SIOF: (cpu, w) => {
    cpu.cc = cpu.io.startIo(baseAddress(cpu, w) & 0xffff, true);
    cpu.stateChanged();
  },

  /** 9D00 TIO — Test I/O [S]: CC 0 available, 1 CSW stored, 2 busy, 3 not operational. */
  TIO: (cpu, w) => {
    cpu.cc = cpu.io.testIo(baseAddress(cpu, w) & 0xffff);
    cpu.stateChanged();
  },

  /** 9D01 CLRIO — Clear I/O [S]: CC 0 no operation in progress, 1 CSW stored, 2 busy, 3 not operational. */
  CLRIO: (cpu, w) => {
    cpu.cc = cpu.io.clearIo(baseAddress(cpu, w) & 0xffff);
    cpu.stateChanged();
  },

  /** 9E00 HIO — Halt I/O [S]: CC 0 interruption pending or not working, 1 CSW stored, 2 burst ended, 3 not operational. */
  HIO: (cpu, w) => {
    cpu.cc = cpu.io.haltIo(baseAddress(cpu, w) & 0xffff);
    cpu.stateChanged();
  },

  /** 9E01 HDV — Halt Device [S]: like HIO, affecting only the addressed device. */
  HDV: (cpu, w) => {
    cpu.cc = cpu.io.haltDevice(baseAddress(cpu, w) & 0xffff);
    cpu.stateChanged();
  },

  /** 9F00 TCH — Test Channel [S]: CC 0 available, 1 interruption pending, 2 busy, 3 not operational. */
  TCH: (cpu, w) => {
    cpu.cc = cpu.io.testChannel((baseAddress(cpu, w) >>> 8) & 0xff);
    cpu.stateChanged();
  },

  /** B203 STIDC — Store Channel ID [S]: the channel ID word at X'A8'; CC 0 stored, 1 CSW stored, 2 busy, 3 not operational. */
  STIDC: (cpu, w) => {
    cpu.cc = cpu.io.storeChannelId((baseAddress(cpu, w) >>> 8) & 0xff);
    cpu.stateChanged();
  },
};
