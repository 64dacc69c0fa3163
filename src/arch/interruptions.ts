// Interruption codes (Principles of Operation, "Interruptions").

/** Program-interruption codes. */
export const ProgramCode = {
  operation: 0x01,
  privilegedOperation: 0x02,
  execute: 0x03,
  protection: 0x04,
  addressing: 0x05,
  specification: 0x06,
  data: 0x07,
  fixedPointOverflow: 0x08,
  fixedPointDivide: 0x09,
  decimalOverflow: 0x0a,
  decimalDivide: 0x0b,
  exponentOverflow: 0x0c,
  exponentUnderflow: 0x0d,
  significance: 0x0e,
  floatingPointDivide: 0x0f,
  segmentTranslation: 0x10,
  pageTranslation: 0x11,
  translationSpecification: 0x12,
  specialOperation: 0x13,
  monitorEvent: 0x40,
  perEvent: 0x80,
} as const;

/** External-interruption codes. */
export const ExternalCode = {
  intervalTimer: 0x0080,
  interruptKey: 0x0040,
  externalSignalBase: 0x0020,
  malfunctionAlert: 0x1200,
  emergencySignal: 0x1201,
  externalCall: 0x1202,
  clockComparator: 0x1004,
  cpuTimer: 0x1005,
} as const;

/** CR0 external subclass mask bits (bit numbers 0-31 from the left, given as masks). */
export const Cr0 = {
  blockMultiplexing: 0x8000_0000,
  ssmSuppression: 0x4000_0000,
  todSyncControl: 0x2000_0000,
  translationFormat: 0x00f8_0000,
  pageSize: 0x00c0_0000, // bits 8-9: 01 = 2K, 10 = 4K
  segmentSize: 0x0038_0000, // bits 11-12 (with 10 reserved): 00 = 64K, 10 = 1M
  malfunctionAlertMask: 0x0000_8000,
  emergencySignalMask: 0x0000_4000,
  externalCallMask: 0x0000_2000,
  todSyncCheckMask: 0x0000_1000,
  clockComparatorMask: 0x0000_0800,
  cpuTimerMask: 0x0000_0400,
  intervalTimerMask: 0x0000_0080,
  interruptKeyMask: 0x0000_0040,
  externalSignalMask: 0x0000_0020,
} as const;

/** CR14 machine-check masks. */
export const Cr14 = {
  checkStopControl: 0x8000_0000,
  synchronousMcelControl: 0x4000_0000,
  ioExtendedLoggingControl: 0x2000_0000,
  recoveryReportMask: 0x0800_0000,
  degradationReportMask: 0x0400_0000,
  externalDamageReportMask: 0x0200_0000,
  warningMask: 0x0100_0000,
} as const;
