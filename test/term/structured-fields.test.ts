import { describe, expect, it } from 'vitest';
import { QueryCode, Wcc } from '../../src/term/codes.ts';
import { terminalModel } from '../../src/term/models.ts';
import { parseQueryReplies, queryReply, readPartitionQuery } from '../../src/term/structured-fields.ts';
import { bytes, e, screen, wcc } from './helpers.ts';

/** The query reply s3270 4.1 (-model 3279-4, IBM-DYNAMIC) sent to our server, from its trace (wire form: IAC doubled). */
const S3270_QUERY_REPLY = undouble(Buffer.from(
  '88000e81808081848586878895a1a60017818101000050002b01000a02e50002006f090c0d7000088184000d7000001b81858200090c0000000007' +
  '00100002b900250100f103c3013600268186001000f4f1f1f2f2f3f3f4f4f5f5f6f6f7f7f8f8f9f9fafafbfbfcfcfdfdfefeffffffff000f81870500f0f1f1f2' +
  'f2f4f4f8f800078188000102000c81950000400040000101001281a1000000000000000006a7f3f2f7f0001181a600000b0100005000180050002b',
  'hex'));

function undouble(wire: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < wire.length; i++) {
    out.push(wire[i]!);
    if (wire[i] === 0xff && wire[i + 1] === 0xff) i++;
  }
  return Uint8Array.from(out);
}

describe('Read Partition Query', () => {
  it('answers a WSF Read Partition Query with AID 88 and the query replies', () => {
    const s = screen(4);
    const reply = s.writeRecord(readPartitionQuery())!;
    expect(reply[0]).toBe(0x88);
    const parsed = parseQueryReplies(reply)!;
    expect(parsed.codes).toEqual([
      QueryCode.summary, QueryCode.usableArea, QueryCode.characterSets, QueryCode.color,
      QueryCode.highlighting, QueryCode.replyModes, QueryCode.implicitPartition,
    ]);
    expect(parsed.usableArea).toEqual({ rows: 43, columns: 80 });
    expect(parsed.implicitPartition).toEqual({ defaultRows: 24, defaultColumns: 80, alternateRows: 43, alternateColumns: 80 });
    expect(parsed.color).toBe(true);
  });

  it('a 3278 leaves out the Color reply; the CCW code X\'11\' works like X\'F3\'', () => {
    const reply = queryReply(terminalModel(3278, 5));
    const parsed = parseQueryReplies(reply)!;
    expect(parsed.codes).not.toContain(QueryCode.color);
    expect(parsed.usableArea).toEqual({ rows: 27, columns: 132 });
    const s = screen(2, 3278);
    expect(s.write(0x11, bytes(0x00, 0x05, 0x01, 0xff, 0x03, 0x80))![0]).toBe(0x88);
  });

  it('our Usable Area and Implicit Partition replies have the layout s3270 sends', () => {
    const ours = Buffer.from(queryReply(terminalModel(3279, 4))).toString('hex');
    expect(ours).toContain('0017818101000050002b01000a02e50002006f090c0d70');
    expect(ours).toContain('001181a600000b0100005000180050002b');
  });

  it('reads the query reply s3270 really sends', () => {
    const parsed = parseQueryReplies(S3270_QUERY_REPLY)!;
    expect(parsed.usableArea).toEqual({ rows: 43, columns: 80 });
    expect(parsed.implicitPartition?.alternateRows).toBe(43);
    expect(parsed.color).toBe(true);
    expect(parsed.highlighting).toBe(true);
    expect(parsed.codes).toContain(QueryCode.characterSets);
  });

  it('a truncated query reply is read as far as it goes', () => {
    expect(parseQueryReplies(S3270_QUERY_REPLY.subarray(0, 30))!.codes).toEqual([QueryCode.summary]);
    expect(parseQueryReplies(bytes(0x7d))).toBeNull();
  });
});

describe('other structured fields', () => {
  it('Erase/Reset erases to the default or (flag 80) the alternate size', () => {
    const s = screen(3);
    s.write(0xf3, bytes(0x00, 0x04, 0x03, 0x80));
    expect(s.rows).toBe(32);
    s.write(0xf3, bytes(0x00, 0x04, 0x03, 0x00));
    expect(s.rows).toBe(24);
  });

  it('Outbound 3270DS carries a write inside a WSF', () => {
    const s = screen();
    const write = bytes(0x00, 0x00, 0x40, 0x00, 0xf5, wcc(Wcc.keyboardRestore), e('INSIDE'));
    write[1] = write.length;
    s.lock = 'system';
    s.write(0xf3, write);
    expect(s.textAt(0, 0, 6)).toBe('INSIDE');
    expect(s.lock).toBeNull();
  });

  it('Set Reply Mode changes the inbound reply mode; Erase/Write resets it', () => {
    const s = screen();
    s.write(0xf3, bytes(0x00, 0x07, 0x09, 0x00, 0x02, 0x42, 0x41));
    expect(s.replyMode).toBe(2);
    expect(s.replyAttributeTypes).toEqual([0x42, 0x41]);
    s.write(0xf5, bytes(wcc(0)));
    expect(s.replyMode).toBe(0);
  });

  it('a length of zero means the rest of the data; a bad length stops processing', () => {
    const s = screen();
    expect(s.write(0xf3, bytes(0x00, 0x00, 0x01, 0xff, 0x02))![0]).toBe(0x88);
    expect(s.write(0xf3, bytes(0x00, 0x02, 0x01))).toBeNull();
    expect(s.write(0xf3, bytes(0x00, 0x40, 0x01, 0xff, 0x02))).toBeNull();
  });
});
