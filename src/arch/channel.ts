// Channel architecture constants (Principles of Operation, "Input/Output Operations").

/** CCW flag bits (byte 4 of a format-0 CCW). */
export const CcwFlag = {
  chainData: 0x80,
  chainCommand: 0x40,
  suppressLength: 0x20,
  skip: 0x10,
  pci: 0x08,
  ida: 0x04,
} as const;

/** CCW command codes that the channel itself interprets. */
export const CcwCommand = {
  tic: 0x08,
  sense: 0x04,
} as const;

/** Unit status (CSW byte 4). */
export const UnitStatus = {
  attention: 0x80,
  statusModifier: 0x40,
  controlUnitEnd: 0x20,
  busy: 0x10,
  channelEnd: 0x08,
  deviceEnd: 0x04,
  unitCheck: 0x02,
  unitException: 0x01,
} as const;

/** Channel status (CSW byte 5). */
export const ChannelStatus = {
  programControlledInterruption: 0x80,
  incorrectLength: 0x40,
  programCheck: 0x20,
  protectionCheck: 0x10,
  channelDataCheck: 0x08,
  channelControlCheck: 0x04,
  interfaceControlCheck: 0x02,
  chainingCheck: 0x01,
} as const;

/** Sense byte 0 bits common to all devices. */
export const Sense0 = {
  commandReject: 0x80,
  interventionRequired: 0x40,
  busOutCheck: 0x20,
  equipmentCheck: 0x10,
  dataCheck: 0x08,
  overrun: 0x04,
} as const;
