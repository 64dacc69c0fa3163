// The 24 sense bytes of a 3330 or 3350 on a 3830 storage control (IBM 3830 Storage Control
// Reference; 3330/3350 sense-byte summaries). Bytes 0-1 hold the conditions a program looks at;
// byte 5-6 the cylinder and head; byte 7 the sense format (high digit) and message (low digit).

/** Sense byte 0. */
export const DasdSense0 = {
  commandReject: 0x80,
  interventionRequired: 0x40,
  busOutParity: 0x20,
  equipmentCheck: 0x10,
  dataCheck: 0x08,
  overrun: 0x04,
  trackConditionCheck: 0x02,
  seekCheck: 0x01,
} as const;

/** Sense byte 1. */
export const DasdSense1 = {
  permanentError: 0x80,
  invalidTrackFormat: 0x40,
  endOfCylinder: 0x20,
  noRecordFound: 0x08,
  fileProtected: 0x04,
  missingAddressMarker: 0x02,
  overflowIncomplete: 0x01,
} as const;

/** Format 0 messages (byte 7, low digit) that explain a command reject. */
export const RejectMessage = {
  none: 0,
  invalidCommand: 1,
  invalidSequence: 2,
  countTooSmall: 3,
  invalidArgument: 4,
} as const;

export function senseBytes(byte0: number, byte1: number, cyl: number, head: number, message = 0): Uint8Array {
  const s = new Uint8Array(24);
  s[0] = byte0;
  s[1] = byte1;
  s[5] = cyl & 0xff;
  s[6] = ((cyl >>> 8) << 5) | (head & 0x1f);
  s[7] = message & 0x0f; // format 0
  return s;
}
