// The whole assembler: macro phase (src/asm/macro) then the assembler proper.

import { describe, expect, it } from 'vitest';
import { assemble } from '../../src/asm/index.ts';
import { COL } from '../../src/asm/listing.ts';
import { DATE } from './helpers.ts';

const source = [
  '         MACRO',
  '&LBL     SETR  &R,&V',
  '&LBL     LA    &R,&V',
  '         MEND',
  'TEST     CSECT',
  '         USING *,12',
  '         SETR  1,5',
  'HERE     SETR  2,X',
  'X        DS    F',
  '         END',
].join('\n');

describe('assemble (macro phase first)', () => {
  const r = assemble(source, { date: DATE, file: 'M.ASM' });

  it('assembles the expansion and not the definition or the call', () => {
    expect(r.messages).toEqual([]);
    expect(Buffer.from(r.core.bytes).toString('hex')).toBe('41100005' + '4120c008');
    expect(r.symbols.find((s) => s.name === 'HERE')!.value).toBe(4);
  });

  it('lists the definition and the call, and marks generated statements with +', () => {
    const lines = r.listing.split('\n');
    const call = lines.findIndex((l) => l.endsWith('HERE     SETR  2,X'));
    expect(call).toBeGreaterThan(0);
    expect(lines[call].slice(0, 6).trim()).toBe('');
    expect(lines[call + 1][COL.generated - 1]).toBe('+');
    expect(lines[call + 1].slice(0, 6)).toBe('000004');
    expect(lines.some((l) => l.endsWith('         MEND'))).toBe(true);
  });

  it('passes undefined operations through as IEV057 from the assembler', () => {
    const bad = assemble('         NOSUCHOP 1\n         END\n', { date: DATE });
    expect(bad.returnCode).toBeGreaterThanOrEqual(8);
  });
});
