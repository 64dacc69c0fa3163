import { describe, expect, it } from 'vitest';
import { FieldAttribute as FA } from '../../src/term/codes.ts';
import type { Cell } from '../../src/term/screen-model.ts';
import { baseColor, cellStyle, PALETTE } from '../../src/ui/screen-style.ts';

const cell = (fieldAttribute: number, color = 0, highlight = 0): Cell => ({ text: 'x', attribute: false, fieldAttribute, color, highlight });

describe('cell styles', () => {
  it('3279 base colours: unprotected green/red, protected blue/white', () => {
    expect(baseColor(0)).toBe(0xf4);
    expect(baseColor(FA.intensified)).toBe(0xf2);
    expect(baseColor(FA.protected)).toBe(0xf1);
    expect(baseColor(FA.protected | FA.intensified)).toBe(0xf7);
  });

  it('an extended colour wins over the base colour', () => {
    expect(cellStyle(cell(FA.protected, 0xf6), true).color).toBe(PALETTE[0xf6]);
  });

  it('plain terminals get no colour; intensified shows bold', () => {
    expect(cellStyle(cell(FA.intensified), false)).toEqual({ color: undefined, bold: true, underline: false, inverse: false });
    expect(cellStyle(cell(FA.protected), false).bold).toBe(false);
  });

  it('reverse video and underscore; the cursor inverts the cell', () => {
    expect(cellStyle(cell(0, 0, 0xf2), false).inverse).toBe(true);
    expect(cellStyle(cell(0, 0, 0xf2), false, true).inverse).toBe(false);
    expect(cellStyle(cell(0, 0, 0xf4), false).underline).toBe(true);
    expect(cellStyle(cell(0), false, true).inverse).toBe(true);
  });
});
