// Operation codes as the macro phase sees them: conditional-assembly and macro-definition instructions
// (handled here), assembler instructions and machine instructions (handed to the assembler), and the
// rest, which may name a macro. Machine instructions come from the one opcode table in cpu/opcodes.

import { EXTENDED_MNEMONICS, OPCODE_BY_MNEMONIC, type Format } from '../../cpu/opcodes.ts';

/** Instructions the macro phase executes itself. */
export const CONDITIONAL_OPS: ReadonlySet<string> = new Set([
  'SETA', 'SETB', 'SETC', 'GBLA', 'GBLB', 'GBLC', 'LCLA', 'LCLB', 'LCLC',
  'AIF', 'AIFB', 'AGO', 'AGOB', 'ANOP', 'ACTR', 'MNOTE', 'MEXIT', 'MEND', 'MACRO', 'AREAD', 'MHELP',
]);

/** Assembler instructions of Assembler F/XF/H (the assembler proper handles them; COPY is ours). */
export const ASSEMBLER_OPS: ReadonlySet<string> = new Set([
  'CSECT', 'DSECT', 'START', 'COM', 'RSECT', 'LOCTR', 'END', 'ENTRY', 'EXTRN', 'WXTRN', 'DXD', 'CXD',
  'DC', 'DS', 'CCW', 'CCW0', 'CCW1', 'EQU', 'ORG', 'LTORG', 'CNOP', 'USING', 'DROP', 'PRINT', 'TITLE',
  'EJECT', 'SPACE', 'PUNCH', 'REPRO', 'ICTL', 'ISEQ', 'OPSYN', 'PUSH', 'POP', 'COPY', 'AMODE', 'RMODE',
]);

/** Statements that begin or name a control section (they change &SYSECT). */
export const SECTION_OPS: ReadonlySet<string> = new Set(['CSECT', 'DSECT', 'START', 'COM', 'RSECT']);

const FORMAT_LENGTH: Record<Format, number> = {
  RR: 2, RR1: 2, RRI: 2, RX: 4, RS: 4, RS2: 4, SI: 4, S: 4, SS1: 6, SS2: 6, SS3: 6,
};

const EXTENDED = new Map(EXTENDED_MNEMONICS.map((e) => [e.mnemonic, e.base === 'BCR' ? 2 : 4]));

/** Length in bytes of a machine instruction mnemonic (extended mnemonics included), or undefined. */
export function machineLength(op: string): number | undefined {
  const entry = OPCODE_BY_MNEMONIC.get(op);
  if (entry) return FORMAT_LENGTH[entry.format];
  return EXTENDED.get(op);
}

export function isExtendedMnemonic(op: string): boolean {
  return EXTENDED.has(op) && !OPCODE_BY_MNEMONIC.has(op);
}

/** An operation the assembler knows without any macro: machine, extended or assembler instruction. */
export function isBuiltinOp(op: string): boolean {
  return machineLength(op) !== undefined || ASSEMBLER_OPS.has(op) || CONDITIONAL_OPS.has(op);
}
