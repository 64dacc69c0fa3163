// Macro-phase diagnostics, numbered and worded after Assembler H (IEV) messages, which High Level
// Assembler kept under the same numbers (ASMA). Each entry gives the severity and the text.

export interface Diagnostic {
  readonly severity: number;
  readonly text: string;
}

const d = (severity: number, text: string): Diagnostic => ({ severity, text });

export const Diagnostics = {
  undeclared: (name: string) => d(8, `IEV003 UNDECLARED VARIABLE SYMBOL; DEFAULT=0, NULL, OR TYPE=U - &${name}`),
  duplicateSequence: (seq: string) => d(12, `IEV007 PREVIOUSLY DEFINED SEQUENCE SYMBOL - ${seq}`),
  systemRedefined: (name: string) => d(12, `IEV009 SYSTEM VARIABLE SYMBOL ILLEGALLY RE-DEFINED - &${name}`),
  undefinedSequenceInMacro: (seq: string) => d(12, `IEV012 UNDEFINED SEQUENCE SYMBOL - ${seq}; MACRO ABORTED`),
  actrExceeded: (where: string) => d(12, `IEV013 ACTR COUNTER EXCEEDED - ${where}`),
  undefinedKeyword: (kw: string) =>
    d(4, `IEV017 UNDEFINED KEYWORD PARAMETER; DEFAULT TO POSITIONAL, INCLUDING KEYWORD - ${kw}`),
  duplicateKeyword: (kw: string) => d(12, `IEV018 DUPLICATE KEYWORD IN MACRO CALL; LAST VALUE IS USED - ${kw}`),
  illegalSet: (detail: string) => d(8, `IEV021 ILLEGAL SET STATEMENT - ${detail}`),
  invalidVariable: (text: string) => d(8, `IEV024 INVALID VARIABLE SYMBOL - ${text}`),
  invalidPrototype: (text: string) => d(12, `IEV025 INVALID MACRO PROTOTYPE OPERAND - ${text}`),
  inconsistentGlobal: (name: string) => d(8, `IEV030 INCONSISTENT GLOBAL DECLARATIONS; FIRST IS USED - &${name}`),
  duplicateDeclaration: (name: string) => d(8, `IEV031 DUPLICATE SYMBOLIC PARAMETER OR SET SYMBOL - &${name}`),
  notSettable: (name: string) => d(8, `IEV032 SYMBOLIC PARAMETER OR SYSTEM VARIABLE USED AS SET TARGET - &${name}`),
  lengthUnavailable: (sym: string) => d(8, `IEV042 LENGTH ATTRIBUTE OF SYMBOL IS UNAVAILABLE; DEFAULT=1 - ${sym}`),
  severityTooLarge: (v: number) => d(8, `IEV047 SEVERITY CODE TOO LARGE - ${v}`),
  copyNotFound: (member: string) => d(12, `IEV060 COPY CODE NOT FOUND - ${member}`),
  copyTooDeep: (member: string) => d(12, `IEV061 COPY NESTING TOO DEEP - ${member}`),
  syntax: (text: string) => d(8, `IEV074 ILLEGAL SYNTAX IN EXPRESSION - ${text}`),
  overflow: () => d(8, 'IEV075 ARITHMETIC OVERFLOW'),
  substringPastEnd: (v: number) => d(8, `IEV092 SUBSTRING EXPRESSION 1 POINTS PAST STRING END; DEFAULT=NULL - ${v}`),
  substringBelowOne: (v: number) => d(8, `IEV093 SUBSTRING EXPRESSION 1 LESS THAN 1; DEFAULT=NULL - ${v}`),
  substringNegative: (v: number) => d(4, `IEV095 SUBSTRING EXPRESSION 2 LESS THAN 0; DEFAULT=NULL - ${v}`),
  subscriptBelowOne: (name: string) => d(8, `IEV100 SUBSCRIPT LESS THAN 1; DEFAULT TO SUBSCRIPT=1 - &${name}`),
  notSelfDefining: (text: string) => d(8, `IEV102 ARITHMETIC TERM IS NOT SELF-DEFINING TERM; DEFAULT=0 - ${text}`),
  targetDimension: (name: string) =>
    d(8, `IEV107 INCONSISTENT DIMENSION ON TARGET SYMBOL; SUBSCRIPT IGNORED, OR 1 USED - &${name}`),
  referenceDimension: (name: string) =>
    d(8, `IEV108 INCONSISTENT DIMENSION ON SET SYMBOL REFERENCE; DEFAULT = 0, NULL, OR TYPE=U - &${name}`),
  multipleOperands: (name: string) =>
    d(8, `IEV109 MULTIPLE SET OPERANDS FOR UNDIMENSIONED SET SYMBOL; GETS LAST OPERAND - &${name}`),
  invalidAif: (text: string) => d(12, `IEV111 INVALID AIF OR SETB OPERAND FIELD - ${text}`),
  invalidSequence: (text: string) => d(12, `IEV112 INVALID SEQUENCE SYMBOL - ${text}`),
  illegalSubscript: (text: string) => d(8, `IEV117 ILLEGAL SUBSCRIPT - ${text}`),
  mnoteOperands: (text: string) => d(12, `IEV119 TOO FEW MNOTE OPERANDS - ${text}`),
  libraryName: (member: string, proto: string) =>
    d(12, `IEV126 LIBRARY MACRO NAME INCORRECT - ${member} DEFINES ${proto}`),
  illegalAmpersand: (text: string) => d(8, `IEV127 ILLEGAL USE OF AMPERSAND - ${text}`),
  missingMend: (name: string) => d(12, `IEV139 END OF DATA IN MACRO DEFINITION; MEND ASSUMED - ${name}`),
  misplaced: (op: string) => d(8, `IEV140 ${op} STATEMENT OUTSIDE MACRO DEFINITION IGNORED`),
  noPrototype: () => d(12, 'IEV141 MACRO STATEMENT NOT FOLLOWED BY A VALID PROTOTYPE; DEFINITION IGNORED'),
  undefinedSequenceOpen: (seq: string) => d(16, `IEV168 UNDEFINED SEQUENCE SYMBOL - ${seq}`),
  nestingTooDeep: (name: string) => d(12, `IEV170 MACRO NESTING TOO DEEP; CALL IGNORED - ${name}`),
  limitExceeded: () => d(16, 'IEV171 MACRO PHASE STATEMENT LIMIT EXCEEDED; PROCESSING STOPPED'),
  areadOutside: () => d(8, 'IEV172 AREAD OUTSIDE A MACRO CALLED FROM OPEN CODE IGNORED'),
  internal: (detail: string) => d(16, `IEV999 MACRO PHASE INTERNAL ERROR - ${detail}`),
} as const;
