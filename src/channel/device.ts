// The interface between the channel and an I/O device (Principles of Operation, "Input/Output
// Operations": the channel-to-device interface, initial status, ending status, sense).
//
// A device sees one command at a time and a buffer: never storage, never the CPU. The channel walks
// the CCWs, gathers the data of a data chain into one buffer for an output command, scatters the
// bytes of an input command over the storage areas of the data chain, and turns the device's answer
// into CSW status. A device keeps its own state across the commands of a chain (seek position,
// search results, file mask) and its own sense bytes.

/** The command the channel hands to a device: from the first CCW of a data chain. */
export interface DeviceCommand {
  /** The CCW command code (byte 0). */
  readonly command: number;
  /** The CCW flags of the first CCW of the data chain (CcwFlag bits). */
  readonly flags: number;
  /** The byte count: the sum of the counts of the data chain. */
  readonly count: number;
  /** True when the command was reached by command chaining from a previous command. */
  readonly chained: boolean;
}

/** A device's answer to one command. */
export interface DeviceResult {
  /** Unit status (UnitStatus bits): normally channel end and device end, plus unit check etc. */
  status: number;
  /** Input commands: the bytes sent to the channel, in transfer order (for read backward the last
   *  byte of the block comes first). At most `count` bytes. */
  data?: Uint8Array;
  /** Output commands: how many of the bytes offered the device took (default: all of them). */
  accepted?: number;
  /** The device had more to send, or wanted more than `count` bytes (a long block). */
  more?: boolean;
  /** The status was presented at initial selection: the command was rejected or is immediate,
   *  and no data were transferred. START I/O then ends with condition code 1 unless chaining goes on. */
  immediate?: boolean;
  /** Extra device time in virtual ticks (a long seek, a skip to channel 1). */
  time?: number;
  /** Device end follows channel end after this many ticks (rewind); `status` then lacks device end. */
  deviceEndDelay?: number;
}

/** The channel's side of a device: how a device reports events it originates. */
export interface DeviceHost {
  /** An asynchronous status such as attention, or device end on becoming ready. */
  unsolicited(status: number): void;
  /** Ends a command that startCommand answered with DEFERRED (input from the host arrived). */
  complete(result: DeviceResult): void;
}

/** startCommand's answer when the result comes later through DeviceHost.complete. */
export const DEFERRED = 'deferred' as const;

/** Virtual-time cost of the device's commands, in CPU ticks. */
export interface DeviceTiming {
  /** Ticks for each command. */
  readonly command: number;
  /** Ticks for each byte transferred. */
  readonly perByte: number;
}

export interface Device {
  /** Device type as IBM names it: '2540R', '2540P', '1403', '3215', '3277', '3330', '3350', '3420'. */
  readonly type: string;
  readonly timing: DeviceTiming;
  /** Called once by the channel when the device is attached at an address. */
  attach(host: DeviceHost): void;
  /**
   * Executes one command. `data` holds the bytes for an output command (write, control), null for
   * input commands.
   */
  startCommand(command: DeviceCommand, data: Uint8Array | null): DeviceResult | typeof DEFERRED;
  /** The channel program ended (for example to make written data durable). */
  channelProgramEnd?(): void;
  /** HALT I/O, CLEAR I/O: abandon a deferred command. */
  halt?(): void;
  /** System reset: the device's state, not its medium (cards stay in the hopper, images stay). */
  reset(): void;
  /** Device state as plain data (positions, sense bytes); the medium itself is the host file. */
  snapshot(): unknown;
  restore(state: unknown): void;
  /** Releases host resources (files). */
  close?(): void;
}

/** The kind of a format-0 CCW command code, from its low-order bits. */
export type CommandKind = 'write' | 'read' | 'readBackward' | 'control' | 'sense' | 'tic' | 'invalid';

export function commandKind(code: number): CommandKind {
  const low4 = code & 0x0f;
  if (low4 === 0x00) return 'invalid';
  if (low4 === 0x08) return 'tic';
  if (low4 === 0x04) return 'sense';
  if (low4 === 0x0c) return 'readBackward';
  switch (code & 0x03) {
    case 0x01:
      return 'write';
    case 0x02:
      return 'read';
    case 0x03:
      return 'control';
    default:
      return 'invalid';
  }
}

/** True for commands that move data from the device to storage. */
export function isInput(kind: CommandKind): boolean {
  return kind === 'read' || kind === 'readBackward' || kind === 'sense';
}
