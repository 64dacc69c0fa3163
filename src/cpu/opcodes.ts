// The System/370 instruction set as data (Principles of Operation, Appendix "Instruction Lists").
// The CPU dispatcher, the assembler, the disassembler and the tests all read this one table.

/**
 * Operand shapes, as the assembler writes them:
 * RR   R1,R2            RR1  R1 (SPM)         RRI  I (SVC, 8-bit)
 * RX   R1,D2(X2,B2)     RS   R1,R3,D2(B2)     RS2  R1,D2(B2) (shifts; R3 field zero)
 * SI   D1(B1),I2        S    D2(B2) (2-byte or 4-byte opcode)
 * SS1  D1(L,B1),D2(B2)  SS2  D1(L1,B1),D2(L2,B2)  SS3  D1(L1,B1),D2(B2),I3 (SRP)
 * DIAG R1,R3,D2(B2) like RS (DIAGNOSE: the fields are model-dependent; VM/370 uses RS form)
 */
export type Format = 'RR' | 'RR1' | 'RRI' | 'RX' | 'RS' | 'RS2' | 'SI' | 'S' | 'SS1' | 'SS2' | 'SS3';

export type Family =
  | 'fixed-point'
  | 'logical'
  | 'branch'
  | 'decimal'
  | 'hfp'
  | 'control'
  | 'io';

export interface OpcodeEntry {
  /** Opcode: one byte (0x00-0xff), or two bytes for the S-format 2-byte opcodes (0x9c00, 0xb202 ...). */
  readonly opcode: number;
  readonly mnemonic: string;
  readonly format: Format;
  readonly privileged: boolean;
  readonly name: string;
  readonly family: Family;
}

/** Length in bytes of an instruction, from the two leftmost bits of its first byte. */
export function instructionLength(firstByte: number): 2 | 4 | 6 {
  const code = firstByte >>> 6;
  return code === 0 ? 2 : code === 3 ? 6 : 4;
}

type Row = [opcode: number, mnemonic: string, format: Format, privileged: 0 | 1, family: Family, name: string];

const rows: Row[] = [
  // RR
  [0x04, 'SPM', 'RR1', 0, 'branch', 'Set Program Mask'],
  [0x05, 'BALR', 'RR', 0, 'branch', 'Branch and Link'],
  [0x06, 'BCTR', 'RR', 0, 'branch', 'Branch on Count'],
  [0x07, 'BCR', 'RR', 0, 'branch', 'Branch on Condition'],
  [0x08, 'SSK', 'RR', 1, 'control', 'Set Storage Key'],
  [0x09, 'ISK', 'RR', 1, 'control', 'Insert Storage Key'],
  [0x0a, 'SVC', 'RRI', 0, 'control', 'Supervisor Call'],
  [0x0e, 'MVCL', 'RR', 0, 'logical', 'Move Long'],
  [0x0f, 'CLCL', 'RR', 0, 'logical', 'Compare Logical Long'],
  [0x10, 'LPR', 'RR', 0, 'fixed-point', 'Load Positive'],
  [0x11, 'LNR', 'RR', 0, 'fixed-point', 'Load Negative'],
  [0x12, 'LTR', 'RR', 0, 'fixed-point', 'Load and Test'],
  [0x13, 'LCR', 'RR', 0, 'fixed-point', 'Load Complement'],
  [0x14, 'NR', 'RR', 0, 'logical', 'And'],
  [0x15, 'CLR', 'RR', 0, 'logical', 'Compare Logical'],
  [0x16, 'OR', 'RR', 0, 'logical', 'Or'],
  [0x17, 'XR', 'RR', 0, 'logical', 'Exclusive Or'],
  [0x18, 'LR', 'RR', 0, 'fixed-point', 'Load'],
  [0x19, 'CR', 'RR', 0, 'fixed-point', 'Compare'],
  [0x1a, 'AR', 'RR', 0, 'fixed-point', 'Add'],
  [0x1b, 'SR', 'RR', 0, 'fixed-point', 'Subtract'],
  [0x1c, 'MR', 'RR', 0, 'fixed-point', 'Multiply'],
  [0x1d, 'DR', 'RR', 0, 'fixed-point', 'Divide'],
  [0x1e, 'ALR', 'RR', 0, 'fixed-point', 'Add Logical'],
  [0x1f, 'SLR', 'RR', 0, 'fixed-point', 'Subtract Logical'],
  [0x20, 'LPDR', 'RR', 0, 'hfp', 'Load Positive (long)'],
  [0x21, 'LNDR', 'RR', 0, 'hfp', 'Load Negative (long)'],
  [0x22, 'LTDR', 'RR', 0, 'hfp', 'Load and Test (long)'],
  [0x23, 'LCDR', 'RR', 0, 'hfp', 'Load Complement (long)'],
  [0x24, 'HDR', 'RR', 0, 'hfp', 'Halve (long)'],
  [0x25, 'LRDR', 'RR', 0, 'hfp', 'Load Rounded (extended to long)'],
  [0x26, 'MXR', 'RR', 0, 'hfp', 'Multiply (extended)'],
  [0x27, 'MXDR', 'RR', 0, 'hfp', 'Multiply (long to extended)'],
  [0x28, 'LDR', 'RR', 0, 'hfp', 'Load (long)'],
  [0x29, 'CDR', 'RR', 0, 'hfp', 'Compare (long)'],
  [0x2a, 'ADR', 'RR', 0, 'hfp', 'Add Normalized (long)'],
  [0x2b, 'SDR', 'RR', 0, 'hfp', 'Subtract Normalized (long)'],
  [0x2c, 'MDR', 'RR', 0, 'hfp', 'Multiply (long)'],
  [0x2d, 'DDR', 'RR', 0, 'hfp', 'Divide (long)'],
  [0x2e, 'AWR', 'RR', 0, 'hfp', 'Add Unnormalized (long)'],
  [0x2f, 'SWR', 'RR', 0, 'hfp', 'Subtract Unnormalized (long)'],
  [0x30, 'LPER', 'RR', 0, 'hfp', 'Load Positive (short)'],
  [0x31, 'LNER', 'RR', 0, 'hfp', 'Load Negative (short)'],
  [0x32, 'LTER', 'RR', 0, 'hfp', 'Load and Test (short)'],
  [0x33, 'LCER', 'RR', 0, 'hfp', 'Load Complement (short)'],
  [0x34, 'HER', 'RR', 0, 'hfp', 'Halve (short)'],
  [0x35, 'LRER', 'RR', 0, 'hfp', 'Load Rounded (long to short)'],
  [0x36, 'AXR', 'RR', 0, 'hfp', 'Add Normalized (extended)'],
  [0x37, 'SXR', 'RR', 0, 'hfp', 'Subtract Normalized (extended)'],
  [0x38, 'LER', 'RR', 0, 'hfp', 'Load (short)'],
  [0x39, 'CER', 'RR', 0, 'hfp', 'Compare (short)'],
  [0x3a, 'AER', 'RR', 0, 'hfp', 'Add Normalized (short)'],
  [0x3b, 'SER', 'RR', 0, 'hfp', 'Subtract Normalized (short)'],
  [0x3c, 'MER', 'RR', 0, 'hfp', 'Multiply (short to long)'],
  [0x3d, 'DER', 'RR', 0, 'hfp', 'Divide (short)'],
  [0x3e, 'AUR', 'RR', 0, 'hfp', 'Add Unnormalized (short)'],
  [0x3f, 'SUR', 'RR', 0, 'hfp', 'Subtract Unnormalized (short)'],
  // RX
  [0x40, 'STH', 'RX', 0, 'fixed-point', 'Store Halfword'],
  [0x41, 'LA', 'RX', 0, 'fixed-point', 'Load Address'],
  [0x42, 'STC', 'RX', 0, 'logical', 'Store Character'],
  [0x43, 'IC', 'RX', 0, 'logical', 'Insert Character'],
  [0x44, 'EX', 'RX', 0, 'branch', 'Execute'],
  [0x45, 'BAL', 'RX', 0, 'branch', 'Branch and Link'],
  [0x46, 'BCT', 'RX', 0, 'branch', 'Branch on Count'],
  [0x47, 'BC', 'RX', 0, 'branch', 'Branch on Condition'],
  [0x48, 'LH', 'RX', 0, 'fixed-point', 'Load Halfword'],
  [0x49, 'CH', 'RX', 0, 'fixed-point', 'Compare Halfword'],
  [0x4a, 'AH', 'RX', 0, 'fixed-point', 'Add Halfword'],
  [0x4b, 'SH', 'RX', 0, 'fixed-point', 'Subtract Halfword'],
  [0x4c, 'MH', 'RX', 0, 'fixed-point', 'Multiply Halfword'],
  [0x4e, 'CVD', 'RX', 0, 'decimal', 'Convert to Decimal'],
  [0x4f, 'CVB', 'RX', 0, 'decimal', 'Convert to Binary'],
  [0x50, 'ST', 'RX', 0, 'fixed-point', 'Store'],
  [0x54, 'N', 'RX', 0, 'logical', 'And'],
  [0x55, 'CL', 'RX', 0, 'logical', 'Compare Logical'],
  [0x56, 'O', 'RX', 0, 'logical', 'Or'],
  [0x57, 'X', 'RX', 0, 'logical', 'Exclusive Or'],
  [0x58, 'L', 'RX', 0, 'fixed-point', 'Load'],
  [0x59, 'C', 'RX', 0, 'fixed-point', 'Compare'],
  [0x5a, 'A', 'RX', 0, 'fixed-point', 'Add'],
  [0x5b, 'S', 'RX', 0, 'fixed-point', 'Subtract'],
  [0x5c, 'M', 'RX', 0, 'fixed-point', 'Multiply'],
  [0x5d, 'D', 'RX', 0, 'fixed-point', 'Divide'],
  [0x5e, 'AL', 'RX', 0, 'fixed-point', 'Add Logical'],
  [0x5f, 'SL', 'RX', 0, 'fixed-point', 'Subtract Logical'],
  [0x60, 'STD', 'RX', 0, 'hfp', 'Store (long)'],
  [0x67, 'MXD', 'RX', 0, 'hfp', 'Multiply (long to extended)'],
  [0x68, 'LD', 'RX', 0, 'hfp', 'Load (long)'],
  [0x69, 'CD', 'RX', 0, 'hfp', 'Compare (long)'],
  [0x6a, 'AD', 'RX', 0, 'hfp', 'Add Normalized (long)'],
  [0x6b, 'SD', 'RX', 0, 'hfp', 'Subtract Normalized (long)'],
  [0x6c, 'MD', 'RX', 0, 'hfp', 'Multiply (long)'],
  [0x6d, 'DD', 'RX', 0, 'hfp', 'Divide (long)'],
  [0x6e, 'AW', 'RX', 0, 'hfp', 'Add Unnormalized (long)'],
  [0x6f, 'SW', 'RX', 0, 'hfp', 'Subtract Unnormalized (long)'],
  [0x70, 'STE', 'RX', 0, 'hfp', 'Store (short)'],
  [0x78, 'LE', 'RX', 0, 'hfp', 'Load (short)'],
  [0x79, 'CE', 'RX', 0, 'hfp', 'Compare (short)'],
  [0x7a, 'AE', 'RX', 0, 'hfp', 'Add Normalized (short)'],
  [0x7b, 'SE', 'RX', 0, 'hfp', 'Subtract Normalized (short)'],
  [0x7c, 'ME', 'RX', 0, 'hfp', 'Multiply (short to long)'],
  [0x7d, 'DE', 'RX', 0, 'hfp', 'Divide (short)'],
  [0x7e, 'AU', 'RX', 0, 'hfp', 'Add Unnormalized (short)'],
  [0x7f, 'SU', 'RX', 0, 'hfp', 'Subtract Unnormalized (short)'],
  // RS, SI, S
  [0x80, 'SSM', 'S', 1, 'control', 'Set System Mask'],
  [0x82, 'LPSW', 'S', 1, 'control', 'Load PSW'],
  [0x83, 'DIAG', 'RS', 1, 'control', 'Diagnose'],
  [0x84, 'WRD', 'SI', 1, 'control', 'Write Direct'],
  [0x85, 'RDD', 'SI', 1, 'control', 'Read Direct'],
  [0x86, 'BXH', 'RS', 0, 'branch', 'Branch on Index High'],
  [0x87, 'BXLE', 'RS', 0, 'branch', 'Branch on Index Low or Equal'],
  [0x88, 'SRL', 'RS2', 0, 'logical', 'Shift Right Single Logical'],
  [0x89, 'SLL', 'RS2', 0, 'logical', 'Shift Left Single Logical'],
  [0x8a, 'SRA', 'RS2', 0, 'fixed-point', 'Shift Right Single'],
  [0x8b, 'SLA', 'RS2', 0, 'fixed-point', 'Shift Left Single'],
  [0x8c, 'SRDL', 'RS2', 0, 'logical', 'Shift Right Double Logical'],
  [0x8d, 'SLDL', 'RS2', 0, 'logical', 'Shift Left Double Logical'],
  [0x8e, 'SRDA', 'RS2', 0, 'fixed-point', 'Shift Right Double'],
  [0x8f, 'SLDA', 'RS2', 0, 'fixed-point', 'Shift Left Double'],
  [0x90, 'STM', 'RS', 0, 'fixed-point', 'Store Multiple'],
  [0x91, 'TM', 'SI', 0, 'logical', 'Test under Mask'],
  [0x92, 'MVI', 'SI', 0, 'logical', 'Move Immediate'],
  [0x93, 'TS', 'S', 0, 'logical', 'Test and Set'],
  [0x94, 'NI', 'SI', 0, 'logical', 'And Immediate'],
  [0x95, 'CLI', 'SI', 0, 'logical', 'Compare Logical Immediate'],
  [0x96, 'OI', 'SI', 0, 'logical', 'Or Immediate'],
  [0x97, 'XI', 'SI', 0, 'logical', 'Exclusive Or Immediate'],
  [0x98, 'LM', 'RS', 0, 'fixed-point', 'Load Multiple'],
  [0x9c00, 'SIO', 'S', 1, 'io', 'Start I/O'],
  [0x9c01, 'SIOF', 'S', 1, 'io', 'Start I/O Fast Release'],
  [0x9d00, 'TIO', 'S', 1, 'io', 'Test I/O'],
  [0x9d01, 'CLRIO', 'S', 1, 'io', 'Clear I/O'],
  [0x9e00, 'HIO', 'S', 1, 'io', 'Halt I/O'],
  [0x9e01, 'HDV', 'S', 1, 'io', 'Halt Device'],
  [0x9f00, 'TCH', 'S', 1, 'io', 'Test Channel'],
  [0xac, 'STNSM', 'SI', 1, 'control', 'Store Then And System Mask'],
  [0xad, 'STOSM', 'SI', 1, 'control', 'Store Then Or System Mask'],
  [0xae, 'SIGP', 'RS', 1, 'control', 'Signal Processor'],
  [0xaf, 'MC', 'SI', 0, 'control', 'Monitor Call'],
  [0xb1, 'LRA', 'RX', 1, 'control', 'Load Real Address'],
  [0xb202, 'STIDP', 'S', 1, 'control', 'Store CPU ID'],
  [0xb203, 'STIDC', 'S', 1, 'io', 'Store Channel ID'],
  [0xb204, 'SCK', 'S', 1, 'control', 'Set Clock'],
  [0xb205, 'STCK', 'S', 0, 'control', 'Store Clock'],
  [0xb206, 'SCKC', 'S', 1, 'control', 'Set Clock Comparator'],
  [0xb207, 'STCKC', 'S', 1, 'control', 'Store Clock Comparator'],
  [0xb208, 'SPT', 'S', 1, 'control', 'Set CPU Timer'],
  [0xb209, 'STPT', 'S', 1, 'control', 'Store CPU Timer'],
  [0xb20a, 'SPKA', 'S', 0, 'control', 'Set PSW Key from Address'],
  [0xb20b, 'IPK', 'S', 0, 'control', 'Insert PSW Key'],
  [0xb20d, 'PTLB', 'S', 1, 'control', 'Purge TLB'],
  [0xb212, 'STAP', 'S', 1, 'control', 'Store CPU Address'],
  [0xb213, 'RRB', 'S', 1, 'control', 'Reset Reference Bit'],
  [0xb6, 'STCTL', 'RS', 1, 'control', 'Store Control'],
  [0xb7, 'LCTL', 'RS', 1, 'control', 'Load Control'],
  [0xba, 'CS', 'RS', 0, 'logical', 'Compare and Swap'],
  [0xbb, 'CDS', 'RS', 0, 'logical', 'Compare Double and Swap'],
  [0xbd, 'CLM', 'RS', 0, 'logical', 'Compare Logical Characters under Mask'],
  [0xbe, 'STCM', 'RS', 0, 'logical', 'Store Characters under Mask'],
  [0xbf, 'ICM', 'RS', 0, 'logical', 'Insert Characters under Mask'],
  // SS
  [0xd1, 'MVN', 'SS1', 0, 'logical', 'Move Numerics'],
  [0xd2, 'MVC', 'SS1', 0, 'logical', 'Move Characters'],
  [0xd3, 'MVZ', 'SS1', 0, 'logical', 'Move Zones'],
  [0xd4, 'NC', 'SS1', 0, 'logical', 'And Characters'],
  [0xd5, 'CLC', 'SS1', 0, 'logical', 'Compare Logical Characters'],
  [0xd6, 'OC', 'SS1', 0, 'logical', 'Or Characters'],
  [0xd7, 'XC', 'SS1', 0, 'logical', 'Exclusive Or Characters'],
  [0xdc, 'TR', 'SS1', 0, 'logical', 'Translate'],
  [0xdd, 'TRT', 'SS1', 0, 'logical', 'Translate and Test'],
  [0xde, 'ED', 'SS1', 0, 'decimal', 'Edit'],
  [0xdf, 'EDMK', 'SS1', 0, 'decimal', 'Edit and Mark'],
  [0xf0, 'SRP', 'SS3', 0, 'decimal', 'Shift and Round Decimal'],
  [0xf1, 'MVO', 'SS2', 0, 'decimal', 'Move with Offset'],
  [0xf2, 'PACK', 'SS2', 0, 'decimal', 'Pack'],
  [0xf3, 'UNPK', 'SS2', 0, 'decimal', 'Unpack'],
  [0xf8, 'ZAP', 'SS2', 0, 'decimal', 'Zero and Add'],
  [0xf9, 'CP', 'SS2', 0, 'decimal', 'Compare Decimal'],
  [0xfa, 'AP', 'SS2', 0, 'decimal', 'Add Decimal'],
  [0xfb, 'SP', 'SS2', 0, 'decimal', 'Subtract Decimal'],
  [0xfc, 'MP', 'SS2', 0, 'decimal', 'Multiply Decimal'],
  [0xfd, 'DP', 'SS2', 0, 'decimal', 'Divide Decimal'],
];

export const OPCODES: readonly OpcodeEntry[] = rows.map(([opcode, mnemonic, format, privileged, family, name]) =>
  Object.freeze({ opcode, mnemonic, format, privileged: privileged === 1, family, name }),
);

/** First bytes whose instructions carry a second opcode byte (S format, 4 bytes). */
export const TWO_BYTE_PREFIXES: readonly number[] = [0x9c, 0x9d, 0x9e, 0x9f, 0xb2];

/**
 * For the 9C-9F I/O instructions only bit 15 of the instruction selects the variant (SIO/SIOF ...);
 * the other bits of byte 1 are ignored. For B2 the whole second byte is the opcode extension.
 */
export function secondOpcodeByte(firstByte: number, secondByte: number): number {
  return firstByte === 0xb2 ? secondByte : secondByte & 0x01;
}

export const OPCODE_BY_MNEMONIC: ReadonlyMap<string, OpcodeEntry> = new Map(OPCODES.map((e) => [e.mnemonic, e]));
export const OPCODE_BY_CODE: ReadonlyMap<number, OpcodeEntry> = new Map(OPCODES.map((e) => [e.opcode, e]));

/** Looks up the entry for the instruction starting with these bytes, or undefined (operation exception). */
export function lookupOpcode(firstByte: number, secondByte: number): OpcodeEntry | undefined {
  if (TWO_BYTE_PREFIXES.includes(firstByte)) {
    return OPCODE_BY_CODE.get((firstByte << 8) | secondOpcodeByte(firstByte, secondByte));
  }
  return OPCODE_BY_CODE.get(firstByte);
}

export interface ExtendedMnemonic {
  readonly mnemonic: string;
  readonly base: 'BC' | 'BCR';
  readonly mask: number;
  readonly meaning: string;
}

type ExtRow = [string, number, string];
const branchMasks: ExtRow[] = [
  ['B', 15, 'unconditional'],
  ['NOP', 0, 'no operation'],
  ['BH', 2, 'high'],
  ['BL', 4, 'low'],
  ['BE', 8, 'equal'],
  ['BNH', 13, 'not high'],
  ['BNL', 11, 'not low'],
  ['BNE', 7, 'not equal'],
  ['BO', 1, 'ones / overflow'],
  ['BP', 2, 'plus'],
  ['BM', 4, 'minus / mixed'],
  ['BZ', 8, 'zero'],
  ['BNO', 14, 'not ones / no overflow'],
  ['BNP', 13, 'not plus'],
  ['BNM', 11, 'not minus'],
  ['BNZ', 7, 'not zero'],
];

/** Extended branch mnemonics (B, BR, NOP, NOPR, BE, BER ...): data, read by the assembler and disassembler. */
export const EXTENDED_MNEMONICS: readonly ExtendedMnemonic[] = branchMasks.flatMap(([m, mask, meaning]) => [
  { mnemonic: m, base: 'BC' as const, mask, meaning },
  { mnemonic: m === 'NOP' ? 'NOPR' : `${m}R`, base: 'BCR' as const, mask, meaning },
]);
