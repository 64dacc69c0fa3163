// Assembler diagnostics: IBM message numbers and texts as Assembler XF/H print them (IEVnnn), with the
// severity code each carries (0 informational, 4 warning, 8 error, 12 severe, 16 terminal).

export interface AsmMessage {
  file: string;
  line: number;
  /** Statement number in the listing (0 when the message belongs to no statement). */
  stmt: number;
  /** 'IEV044' ... */
  code: string;
  severity: number;
  /** Message text, e.g. "UNDEFINED SYMBOL - XYZ". */
  text: string;
}

/** The catalog: number → [severity, text]. Numbers and texts follow the IBM Assembler H messages manual. */
const CATALOG: Record<string, readonly [number, string]> = {
  IEV028: [8, 'INVALID DISPLACEMENT'],
  IEV029: [8, 'INCORRECT REGISTER SPECIFICATION'],
  IEV030: [8, 'INVALID LITERAL USAGE'],
  IEV031: [8, 'INVALID IMMEDIATE OR MASK FIELD'],
  IEV032: [8, 'RELOCATABLE VALUE FOUND WHEN ABSOLUTE VALUE REQUIRED'],
  IEV034: [8, 'ADDRESSABILITY ERROR'],
  IEV035: [12, 'INVALID DELIMITER'],
  IEV037: [8, 'ILLEGAL SELF-DEFINING VALUE'],
  IEV038: [12, 'OPERAND VALUE FALLS OUTSIDE OF CURRENT SECTION'],
  IEV039: [12, 'LOCATION COUNTER ERROR'],
  IEV040: [12, 'MISSING OPERAND'],
  IEV041: [8, 'TERM EXPECTED; TEXT IS UNCLASSIFIABLE'],
  IEV042: [8, 'LENGTH ATTRIBUTE OF SYMBOL IS UNAVAILABLE; DEFAULT=1'],
  IEV043: [8, 'PREVIOUSLY DEFINED SYMBOL'],
  IEV044: [8, 'UNDEFINED SYMBOL'],
  IEV045: [4, 'REGISTER NOT PREVIOUSLY USED'],
  IEV047: [8, 'SEVERE RELOCATABILITY ERROR'],
  IEV048: [8, 'ENTRY ERROR'],
  IEV050: [8, 'ILLEGAL NAME FIELD; NAME DISCARDED'],
  IEV054: [8, 'ILLEGAL CONTINUATION RECORD'],
  IEV057: [8, 'UNDEFINED OPERATION CODE'],
  IEV062: [8, 'ILLEGAL OPERAND FORMAT'],
  IEV063: [8, 'NO ENDING APOSTROPHE'],
  IEV064: [12, 'FLOATING POINT CHARACTERISTIC OUT OF RANGE'],
  IEV065: [8, 'UNKNOWN TYPE'],
  IEV066: [4, '2-BYTE RELOCATABLE ADDRESS CONSTANT'],
  IEV067: [12, 'ILLEGAL DUPLICATION FACTOR'],
  IEV068: [12, 'LENGTH ERROR'],
  IEV070: [8, 'SCALE MODIFIER ERROR'],
  IEV071: [8, 'EXPONENT MODIFIER ERROR'],
  IEV072: [8, 'DATA ITEM TOO LARGE'],
  IEV074: [8, 'ILLEGAL SYNTAX IN EXPRESSION'],
  IEV075: [8, 'ARITHMETIC OVERFLOW'],
  IEV077: [8, 'CIRCULAR DEFINITION'],
  IEV078: [8, 'OPERAND EXPRESSION COMPLEXLY RELOCATABLE; EXPECTED SIMPLY RELOCATABLE OR ABSOLUTE'],
  IEV079: [8, 'ILLEGAL PUSH-POP'],
  IEV080: [12, 'STATEMENT IS UNRESOLVABLE'],
  IEV140: [4, 'END RECORD MISSING'],
  IEV141: [8, 'BAD CHARACTER IN OPERATION CODE'],
  IEV143: [8, 'BAD CHARACTER IN NAME FIELD'],
  IEV144: [8, 'BEGIN-TO-CONTINUE COLUMNS NOT BLANK'],
  IEV145: [8, 'OPERATOR, RIGHT PARENTHESIS, OR END-OF-EXPRESSION EXPECTED'],
  IEV146: [8, 'SELF-DEFINING TERM TOO LONG OR VALUE TOO LARGE'],
  IEV147: [8, 'SYMBOL TOO LONG, OR FIRST CHARACTER NOT A LETTER'],
  IEV148: [8, 'SELF-DEFINING TERM LACKS ENDING QUOTE OR HAS BAD CHARACTER'],
  IEV152: [12, 'EXTERNAL SYMBOL TOO LONG OR UNACCEPTABLE CHARACTER'],
  IEV153: [12, 'START STATEMENT ILLEGAL - CSECT ALREADY BEGUN'],
  IEV154: [8, 'OPERAND MUST BE ABSOLUTE, PREDEFINED SYMBOLS; SET TO ZERO'],
  IEV155: [12, 'PREVIOUS USE OF SYMBOL IS NOT THIS SECTION TYPE'],
  IEV156: [12, 'ONLY ORDINARY SYMBOLS, SEPARATED BY COMMAS, ALLOWED'],
  IEV157: [12, 'OPERAND MUST BE A SIMPLY-RELOCATABLE EXPRESSION'],
  IEV159: [12, 'OPERAND MUST BE ABSOLUTE, PROPER MULTIPLES OF 2 OR 4'],
  IEV161: [4, 'ONLY ONE TITLE STATEMENT MAY HAVE A NAME FIELD'],
  IEV165: [4, 'UNEXPECTED NAME FIELD'],
  IEV167: [8, 'REQUIRED NAME MISSING'],
  IEV170: [4, 'STATEMENTS FOLLOW END STATEMENT; IGNORED'],
  IEV999: [16, 'INTERNAL ASSEMBLER ERROR'],
};

export type MessageCode = keyof typeof CATALOG;

export function messageSeverity(code: string): number {
  return CATALOG[code]?.[0] ?? 8;
}

export function messageText(code: string, detail?: string): string {
  const base = CATALOG[code]?.[1] ?? 'UNKNOWN ERROR';
  return detail ? `${base} - ${detail}` : base;
}

/** One line as the terminal or a log shows it: FILE:LINE: IEV044 (8) UNDEFINED SYMBOL - XYZ */
export function formatMessage(m: AsmMessage): string {
  return `${m.file}:${m.line}: ${m.code} (${m.severity}) ${m.text}`;
}

/** The listing form, printed under the statement it belongs to. */
export function listingMessage(m: AsmMessage): string {
  const label = m.severity >= 12 ? 'SEVERE' : m.severity >= 8 ? 'ERROR' : m.severity >= 4 ? 'WARNING' : 'NOTE';
  return `** ${m.code} *** ${label} *** ${m.text}`;
}

/** IBM return code from the highest severity: 0, 4, 8, 12 or 16. */
export function returnCode(maxSeverity: number): number {
  if (maxSeverity <= 0) return 0;
  if (maxSeverity <= 4) return 4;
  if (maxSeverity <= 8) return 8;
  if (maxSeverity <= 12) return 12;
  return 16;
}
