// TN3270E (RFC 2355): the subnegotiation commands and the five-byte header in front of every
// record once the option is in effect (BINARY and EOR are implied by TN3270E).

export const Tn3270e = {
  ASSOCIATE: 0,
  CONNECT: 1,
  DEVICE_TYPE: 2,
  FUNCTIONS: 3,
  IS: 4,
  REASON: 5,
  REJECT: 6,
  REQUEST: 7,
  SEND: 8,
} as const;

export const Tn3270eReason = {
  connPartner: 0,
  deviceInUse: 1,
  invAssociate: 2,
  invName: 3,
  invDeviceType: 4,
  typeNameError: 5,
  unknownError: 6,
  unsupportedReq: 7,
} as const;

export const Tn3270eFunction = {
  bindImage: 0,
  dataStreamCtl: 1,
  responses: 2,
  scsCtlCodes: 3,
  sysreq: 4,
} as const;

export const Tn3270eDataType = {
  data3270: 0x00,
  scsData: 0x01,
  response: 0x02,
  bindImage: 0x03,
  unbind: 0x04,
  nvtData: 0x05,
  request: 0x06,
  sscpLuData: 0x07,
  printEoj: 0x08,
} as const;

/** Response flag of a 3270-DATA header. */
export const Tn3270eResponseFlag = { noResponse: 0x00, errorResponse: 0x01, alwaysResponse: 0x02 } as const;

export interface Tn3270eHeader {
  readonly dataType: number;
  readonly requestFlag: number;
  readonly responseFlag: number;
  readonly sequence: number;
}

export const TN3270E_HEADER_LENGTH = 5;

export function encodeHeader(header: Tn3270eHeader): Uint8Array {
  return Uint8Array.of(header.dataType, header.requestFlag, header.responseFlag, (header.sequence >> 8) & 0xff, header.sequence & 0xff);
}

/** Splits a TN3270E record into its header and data; null when it is too short to have a header. */
export function decodeHeader(record: Uint8Array): { header: Tn3270eHeader; data: Uint8Array } | null {
  if (record.length < TN3270E_HEADER_LENGTH) return null;
  return {
    header: {
      dataType: record[0]!,
      requestFlag: record[1]!,
      responseFlag: record[2]!,
      sequence: (record[3]! << 8) | record[4]!,
    },
    data: record.subarray(TN3270E_HEADER_LENGTH),
  };
}

/** A TN3270E subnegotiation as a client sends it. */
export type Tn3270eMessage =
  | { kind: 'device-type-request'; deviceType: string; connect?: string; associate?: string }
  | { kind: 'functions-request'; functions: number[] }
  | { kind: 'functions-is'; functions: number[] }
  | { kind: 'other'; bytes: Uint8Array };

const ascii = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

/** Reads the body of IAC SB TN3270E … IAC SE (without the option byte). */
export function parseTn3270e(body: Uint8Array): Tn3270eMessage {
  if (body[0] === Tn3270e.DEVICE_TYPE && body[1] === Tn3270e.REQUEST) {
    let end = 2;
    while (end < body.length && body[end] !== Tn3270e.CONNECT && body[end] !== Tn3270e.ASSOCIATE) end++;
    const deviceType = ascii(body.subarray(2, end));
    const rest = ascii(body.subarray(end + 1));
    if (body[end] === Tn3270e.CONNECT) return { kind: 'device-type-request', deviceType, connect: rest };
    if (body[end] === Tn3270e.ASSOCIATE) return { kind: 'device-type-request', deviceType, associate: rest };
    return { kind: 'device-type-request', deviceType };
  }
  if (body[0] === Tn3270e.FUNCTIONS && body[1] === Tn3270e.REQUEST) {
    return { kind: 'functions-request', functions: Array.from(body.subarray(2)) };
  }
  if (body[0] === Tn3270e.FUNCTIONS && body[1] === Tn3270e.IS) {
    return { kind: 'functions-is', functions: Array.from(body.subarray(2)) };
  }
  return { kind: 'other', bytes: body };
}

const bytesOf = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0) & 0x7f);

export function sendDeviceType(): number[] {
  return [Tn3270e.SEND, Tn3270e.DEVICE_TYPE];
}

export function deviceTypeIs(deviceType: string, deviceName: string): number[] {
  return [Tn3270e.DEVICE_TYPE, Tn3270e.IS, ...bytesOf(deviceType), Tn3270e.CONNECT, ...bytesOf(deviceName)];
}

export function deviceTypeReject(reason: number): number[] {
  return [Tn3270e.DEVICE_TYPE, Tn3270e.REJECT, Tn3270e.REASON, reason];
}

export function functionsIs(functions: number[]): number[] {
  return [Tn3270e.FUNCTIONS, Tn3270e.IS, ...functions];
}

export function functionsRequest(functions: number[]): number[] {
  return [Tn3270e.FUNCTIONS, Tn3270e.REQUEST, ...functions];
}
