// The interface through which the CPU reaches the channel subsystem. The CPU owns it; src/channel
// implements it. Device addresses are 16 bits: channel in bits 0-7, unit in bits 8-15.

export interface IoSystem {
  /** START I/O (fast = SIOF). Returns the condition code; on CC 1 the CSW has been stored at X'40'. */
  startIo(deviceAddress: number, fast: boolean): number;
  /** TEST I/O: returns the CC; on CC 1 the CSW has been stored (and a pending interruption cleared). */
  testIo(deviceAddress: number): number;
  /** HALT I/O. */
  haltIo(deviceAddress: number): number;
  /** HALT DEVICE. */
  haltDevice(deviceAddress: number): number;
  /** CLEAR I/O. */
  clearIo(deviceAddress: number): number;
  /** TEST CHANNEL: 0 available, 1 interruption pending, 2 busy, 3 not operational. */
  testChannel(channel: number): number;
  /** STORE CHANNEL ID: stores the channel ID word at X'A8'; returns the CC. */
  storeChannelId(channel: number): number;
  /**
   * Bit (31 - channel) set for each channel 0-31 that has an I/O interruption pending. Read by the
   * CPU between instructions, so it must be a cheap property.
   */
  readonly pendingChannels: number;
  /**
   * Accepts the highest-priority pending interruption on a channel whose bit is set in enabledChannels:
   * stores the CSW at X'40' and returns the device address, or -1 if none.
   */
  acceptInterruption(enabledChannels: number): number;
  /** Virtual time: the tick at which the next channel event happens (Infinity if none). */
  nextEventTick(): number;
  /** Virtual time: performs every channel event due at or before this tick. */
  runUntil(tick: number): void;
  /** System reset of every channel and device. */
  reset(): void;
}

/** An I/O system with no channels: every device is not operational. */
export class NoIoSystem implements IoSystem {
  readonly pendingChannels = 0;
  startIo(): number {
    return 3;
  }
  testIo(): number {
    return 3;
  }
  haltIo(): number {
    return 3;
  }
  haltDevice(): number {
    return 3;
  }
  clearIo(): number {
    return 3;
  }
  testChannel(): number {
    return 3;
  }
  storeChannelId(): number {
    return 3;
  }
  acceptInterruption(): number {
    return -1;
  }
  nextEventTick(): number {
    return Infinity;
  }
  runUntil(): void {}
  reset(): void {}
}
