// How a 3270 cell looks in a text terminal. On a colour terminal a 3279 shows its colours: the
// extended colour of the character or field, else the base colours the field attribute implies
// (IBM 3279 Color Display Station description, "base color mode": unprotected normal green,
// unprotected intensified red, protected normal blue, protected intensified white). Plain
// (monochrome, or a 3278) shows intensified fields bold. Reverse video and underscore map to the
// terminal's inverse and underline; blink has no ink equivalent and shows steady.

import { FieldAttribute, Highlight } from '../term/codes.ts';
import type { Cell } from '../term/screen-model.ts';

export interface CellStyle {
  readonly color?: string;
  readonly bold: boolean;
  readonly underline: boolean;
  readonly inverse: boolean;
}

/** Terminal colours for the 3279 colour values. */
export const PALETTE: Readonly<Record<number, string>> = {
  0xf0: '#ffffff',
  0xf1: '#5a8cff',
  0xf2: '#ff4a4a',
  0xf3: '#ff70d0',
  0xf4: '#40e040',
  0xf5: '#40e0e0',
  0xf6: '#ffee50',
  0xf7: '#ffffff',
  0xf8: '#202020',
  0xf9: '#3a5cff',
  0xfa: '#ffa030',
  0xfb: '#b060ff',
  0xfc: '#a0ffa0',
  0xfd: '#a0ffff',
  0xfe: '#a8a8a8',
  0xff: '#ffffff',
};

export function isIntensified(fieldAttribute: number): boolean {
  return (fieldAttribute & FieldAttribute.intensityMask) === FieldAttribute.intensified;
}

/** The base colour of a field with no extended colour. */
export function baseColor(fieldAttribute: number): number {
  const protectedField = (fieldAttribute & FieldAttribute.protected) !== 0;
  const bright = isIntensified(fieldAttribute);
  if (protectedField) return bright ? 0xf7 : 0xf1;
  return bright ? 0xf2 : 0xf4;
}

export function cellStyle(cell: Cell, color: boolean, cursor = false): CellStyle {
  const reverse = cell.highlight === Highlight.reverse;
  return {
    color: color ? PALETTE[cell.color || baseColor(cell.fieldAttribute)] : undefined,
    bold: !color && isIntensified(cell.fieldAttribute),
    underline: cell.highlight === Highlight.underscore,
    inverse: reverse !== cursor,
  };
}

export function sameStyle(a: CellStyle, b: CellStyle): boolean {
  return a.color === b.color && a.bold === b.bold && a.underline === b.underline && a.inverse === b.inverse;
}
