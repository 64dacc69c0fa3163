import { describe, expect, it } from 'vitest';
import { splitLogicalLines } from '../../../src/cp/commands/user/index.ts';
import { run, useTestCp } from './user-helpers.ts';

const start = useTestCp();

describe('logical line editing (splitLogicalLines)', () => {
  it('the line-end character # splits a line into logical lines', () => {
    const { user } = start().logon('GUEST');
    expect(splitLogicalLines(user, 'Q T#Q N')).toEqual(['Q T', 'Q N']);
    expect(splitLogicalLines(user, 'one line')).toEqual(['one line']);
    expect(splitLogicalLines(user, '')).toEqual(['']);
  });

  it('@ deletes the character before it, ¢ the logical line so far, " escapes the next character', () => {
    const { user } = start().logon('GUEST');
    expect(splitLogicalLines(user, 'QUX@ERY T')).toEqual(['QUERY T']);
    expect(splitLogicalLines(user, 'wrong¢Q T#Q N')).toEqual(['Q T', 'Q N']);
    expect(splitLogicalLines(user, 'MSG * a"#b "@ "" c')).toEqual(['MSG * a#b @ " c']);
  });

  it('TERMINAL LINEND changes the character; LINEND OFF makes # an ordinary character', () => {
    const { user } = start().logon('GUEST');
    run(user, 'TERMINAL LINEND !');
    expect(splitLogicalLines(user, 'Q T!Q N#x')).toEqual(['Q T', 'Q N#x']);
    run(user, 'TERM LINEND OFF');
    expect(splitLogicalLines(user, 'a#b!c')).toEqual(['a#b!c']);
  });

  it('CHARDEL OFF, LINEDEL OFF and ESCAPE OFF leave those characters alone', () => {
    const { user } = start().logon('GUEST');
    run(user, 'TERMINAL CHARDEL OFF LINEDEL OFF ESCAPE OFF');
    expect(splitLogicalLines(user, 'a@b¢c"d')).toEqual(['a@b¢c"d']);
  });

  it('SET LINEDIT OFF leaves a line for the running machine unedited', () => {
    const { user } = start().logon('GUEST');
    run(user, 'SET LINEDIT OFF');
    user.vm.state = 'running';
    expect(splitLogicalLines(user, 'a@b#c')).toEqual(['a@b#c']);
    expect(splitLogicalLines(user, 'a@b#c', { forCp: true })).toEqual(['b', 'c']);
    user.vm.state = 'cp-read';
    // A CP command is always edited.
    expect(splitLogicalLines(user, 'a@b#c')).toEqual(['b', 'c']);
  });
});

describe('TERMINAL', () => {
  it('sets several characteristics at once; QUERY TERMINAL shows them', () => {
    const { user } = start().logon('GUEST');
    expect(run(user, 'TERMINAL LINESIZE 132 MODE CP APL ON ATTN OFF MASK ON TEXT ON').code).toBe(0);
    expect(run(user, 'QUERY TERMINAL').lines[1]).toBe('LINESIZE 132, ATTN OFF, APL ON, TEXT ON, MODE CP, MASK ON');
    expect(user.terminalSettings.get('MODE')).toBe('CP');
  });

  it('a wrong operand or value changes nothing and gives the R6 message', () => {
    const { user } = start().logon('GUEST');
    expect(run(user, 'TERMINAL LINEND ! BOGUS X')).toEqual({ code: 3, lines: ['DMKCFT003E INVALID OPTION - BOGUS'] });
    expect(user.terminalSettings.has('LINEND')).toBe(false);
    expect(run(user, 'TERMINAL LINEND AB')).toEqual({ code: 2, lines: ['DMKCFT002E INVALID OPERAND - AB'] });
    expect(run(user, 'TERMINAL LINESIZE 9999').code).toBe(2);
    expect(run(user, 'TERMINAL MODE XX').lines).toEqual(['DMKCFT002E INVALID OPERAND - XX']);
    expect(run(user, 'TERMINAL LINEND').code).toBe(26);
    expect(run(user, 'TERMINAL').code).toBe(26);
  });

  it('TERM is the shortest form; TER is not TERMINAL', () => {
    const { user } = start().logon('GUEST');
    expect(run(user, 'TERM LINEND $').code).toBe(0);
    expect(user.terminalSettings.get('LINEND')).toBe('$');
    expect(run(user, 'TER LINEND $').lines).toEqual(['DMKCFC001E ?CP: TER']);
  });
});
