// PSW bit layout (Principles of Operation, "Program-Status Word").
// Bits are numbered from the left of the 64-bit PSW; these masks apply to the first word
// (bits 0-31) unless named otherwise.

/** Byte 0, BC mode: channel masks 0-5 (bits 0-5), I/O mask for channels 6 and up (bit 6), external mask (bit 7). */
export const BcSystemMask = {
  channel0: 0x80,
  externalMask: 0x01,
  ioMaskChannels6Up: 0x02,
} as const;

/** Byte 0, EC mode. */
export const EcSystemMask = {
  per: 0x40,
  translation: 0x04,
  io: 0x02,
  external: 0x01,
} as const;

/** Byte 1 (bits 8-15): key (8-11), then E/C (12), M (13), W (14), P (15). */
export const PswByte1 = {
  ecMode: 0x08,
  machineCheck: 0x04,
  wait: 0x02,
  problemState: 0x01,
} as const;

/** Program mask bits (PSW bits 36-39 in BC mode, 20-23 in EC mode). */
export const ProgramMask = {
  fixedPointOverflow: 0x8,
  decimalOverflow: 0x4,
  exponentUnderflow: 0x2,
  significance: 0x1,
} as const;

/** Addresses are 24 bits on System/370. */
export const ADDRESS_MASK = 0x00ff_ffff;
