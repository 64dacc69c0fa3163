// Permanently assigned storage locations of System/370 (Principles of Operation, "Assigned Storage Locations").

export const LowCore = {
  iplPsw: 0x00,
  iplCcw1: 0x08,
  iplCcw2: 0x10,
  externalOldPsw: 0x18,
  svcOldPsw: 0x20,
  programOldPsw: 0x28,
  machineCheckOldPsw: 0x30,
  ioOldPsw: 0x38,
  csw: 0x40,
  caw: 0x48,
  intervalTimer: 0x50,
  externalNewPsw: 0x58,
  svcNewPsw: 0x60,
  programNewPsw: 0x68,
  machineCheckNewPsw: 0x70,
  ioNewPsw: 0x78,
  /** EC mode: CPU address of the external-interruption source (halfword) at X'84'. */
  externalCpuAddress: 0x84,
  /** EC mode: external interruption code (halfword) at X'86'. */
  externalCode: 0x86,
  /** EC mode: SVC interruption ILC (byte 0x89 holds ILC*2) and code at X'8A'. */
  svcIlc: 0x88,
  svcCode: 0x8a,
  programIlc: 0x8c,
  programCode: 0x8e,
  /** Translation-exception address (3 bytes at X'91'), stored as a word at X'90'. */
  translationExceptionAddress: 0x90,
  monitorClass: 0x94,
  perCode: 0x96,
  perAddress: 0x98,
  monitorCode: 0x9c,
  /** EC mode: channel ID stored by STIDC-like operations; I/O address at X'BA'. */
  channelId: 0xa8,
  ioElogAddress: 0xac,
  limitedChannelLog: 0xb0,
  ioAddress: 0xb8,
  /** Restart old/new PSW (X'08' new in S/370 is the IPL CCW1 slot: restart uses X'00' new and X'08' old). */
  restartNewPsw: 0x00,
  restartOldPsw: 0x08,
  cpuTimerSaveArea: 0xd8,
  clockComparatorSaveArea: 0xe0,
  machineCheckInterruptionCode: 0xe8,
  failingStorageAddress: 0xf8,
  fixedLoggingArea: 0x100,
  /** Machine-check save areas: floating-point registers, general registers, control registers. */
  registerSaveArea: 0x160,
  gprSaveArea: 0x180,
  crSaveArea: 0x1c0,
} as const;
