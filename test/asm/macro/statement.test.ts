import { describe, expect, it } from 'vitest';
import {
  buildStatement,
  groupStatements,
  isAttributeQuote,
  parseFields,
  parseText,
  splitTopLevel,
  sublistItems,
  toCards,
} from '../../../src/asm/macro/statement.ts';
import { assembled, continued, expand } from './helpers.ts';

const card = (text: string, line = 1) => ({ text, file: 'F', line });

describe('statement fields', () => {
  it('splits name, operation, operand and remarks; blanks inside quotes stay in the operand', () => {
    const f = parseText("LABEL    DC    C'A B',F'1'   the remarks");
    expect(f).toMatchObject({ kind: 'statement', name: 'LABEL', op: 'DC', operand: "C'A B',F'1'", remarks: 'the remarks' });
    expect([f.opColumn, f.operandColumn, f.remarksColumn]).toEqual([9, 15, 29]);
  });

  it('recognizes comment, macro comment and blank statements', () => {
    expect(parseText('* a comment').kind).toBe('comment');
    expect(parseText('.* a macro comment').kind).toBe('macro-comment');
    expect(parseText('   ').kind).toBe('blank');
  });

  it('an attribute apostrophe does not open a string; a constant\'s does', () => {
    expect(parseText("         AIF   (T'&P EQ 'O').X  remark").operand).toBe("(T'&P EQ 'O').X");
    expect(parseText("         MVC   0(L'FLD,1),FLD   remark").operand).toBe("0(L'FLD,1),FLD");
    expect(parseText("         DC    D'1.5',L'1.0'   remark").operand).toBe("D'1.5',L'1.0'");
    expect(isAttributeQuote("L'X", 1)).toBe(true);
    expect(isAttributeQuote("CL'X'", 2)).toBe(false);
    expect(isAttributeQuote("D'&X'", 1)).toBe(false);
  });

  it('conditional-assembly operands may hold blanks inside parentheses', () => {
    expect(parseText('         AIF   (&A EQ 1 AND &B).OK   remark').operand).toBe('(&A EQ 1 AND &B).OK');
    expect(parseText('         LA    1,(2 + 3)').operand).toBe('1,(2');
  });

  it('joins continuation cards: columns 1-71, then 16-71 of each continuation', () => {
    const cards = [card(continued(`         DC    C'${'A'.repeat(54)}`)), card(`               BBB'`, 2)];
    expect(groupStatements(cards, false, 0)).toHaveLength(1);
    expect(parseFields(cards).operand).toBe(`C'${'A'.repeat(54)}BBB'`);
  });

  it('a lone comma as operand means no operands (so remarks may follow)', () => {
    expect(parseText('         MAC   ,   remarks').operand).toBe('');
  });
});

describe('operands and sublists', () => {
  it('splits at top-level commas only', () => {
    expect(splitTopLevel("A,(B,C),'D,E',F(1,2),")).toEqual(['A', '(B,C)', "'D,E'", 'F(1,2)', '']);
    expect(splitTopLevel('')).toEqual([]);
  });

  it('recognizes sublists, nested ones included', () => {
    expect(sublistItems('(A,(B,C),D)')).toEqual(['A', '(B,C)', 'D']);
    expect(sublistItems('(A)+(B)')).toBeUndefined();
    expect(sublistItems('A')).toBeUndefined();
  });
});

describe('card images for generated statements', () => {
  it('keeps a short statement on one card', () => {
    expect(toCards('         LR    1,2')).toEqual(['         LR    1,2']);
  });

  it('continues long statements: column 72 marked, continuation text from column 16', () => {
    const text = `         DC    C'${'X'.repeat(150)}'`;
    const cards = toCards(text);
    expect(cards).toHaveLength(3);
    expect(cards[0]).toHaveLength(72);
    expect(cards[0][71]).toBe('X');
    expect(cards[1].slice(0, 15)).toBe(' '.repeat(15));
    expect(cards[1]).toHaveLength(72);
    expect(cards[0].slice(0, 71) + cards[1].slice(15, 71) + cards[2].slice(15)).toBe(text);
  });

  it('lays fields out in the model statement\'s columns when they fit', () => {
    const model = parseText('&N       LA    1,&X         remark');
    expect(buildStatement(model, 'AB', 'LA', '1,2', model.remarks)).toBe('AB       LA    1,2          remark');
    expect(buildStatement(model, 'AVERYLONGNAME', 'LA', '1,2', '')).toBe('AVERYLONGNAME LA 1,2');
  });
});

describe('open code pass-through', () => {
  it('returns open-code statements untouched, continuation cards and sequence columns included', () => {
    const first = `${continued("LONG     DC    C'" + 'Q'.repeat(53))}SEQ00010`;
    const r = expand(`${first}\n               Q'\n* comment\n\n         LR    1,2                                                      SEQ00030\n`);
    expect(r.lines.map((l) => [l.kind, l.text, l.line])).toEqual([
      ['source', first, 1],
      ['source', "               Q'", 2],
      ['source', '* comment', 3],
      ['source', '', 4],
      ['source', '         LR    1,2                                                      SEQ00030', 5],
    ]);
  });

  it('substitutes SET symbols in open-code statements', () => {
    const r = expand("&R       SETA  12\n         LA    &R,0\n");
    expect(assembled(r)).toEqual(['         LA    12,0']);
  });

  it('blanks a sequence symbol in the name field of an open-code statement', () => {
    const r = expand('.HERE    LR    1,2\n');
    expect(assembled(r)).toEqual(['         LR    1,2']);
  });
});
