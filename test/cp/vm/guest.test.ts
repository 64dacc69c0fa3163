// A guest of our own (guest.asm, built with the project's assembler) IPLed from the virtual reader:
// the virtual supervisor and problem states, privileged-instruction simulation, virtual I/O with an
// I/O interruption, DIAGNOSE, and a guest kept inside its minidisk.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assemble, iplDeck, type AssemblyResult } from '../../../src/asm/index.ts';
import { TranscriptTerminal } from '../../../src/cp/vm/console.ts';
import { VirtualMachine, type RunResult } from '../../../src/cp/vm/virtual-machine.ts';
import { createCkdImage } from '../../../src/devices/dasd/ckd-image.ts';
import { fromEbcdic } from '../../../src/ebcdic/index.ts';

const source = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'guest.asm'), 'utf8');

describe('a guest of our own under CP', () => {
  let folder: string;
  let asm: AssemblyResult;
  let vm: VirtualMachine;
  let terminal: TranscriptTerminal;
  let result: RunResult;

  const at = (symbol: string) => {
    const s = asm.symbols.find((x) => x.name === symbol);
    if (!s) throw new Error(`no symbol ${symbol}`);
    return s.value;
  };
  const word = (symbol: string) => vm.storage.readWord(at(symbol));
  const bytes = (symbol: string, n: number) => [...vm.storage.bytes.subarray(at(symbol), at(symbol) + n)];
  /** The condition code kept by BALR R,0 in BC mode (bits 2-3). */
  const cc = (symbol: string) => (word(symbol) >>> 28) & 3;

  beforeAll(() => {
    asm = assemble(source, { file: 'VMGUEST' });
    folder = mkdtempSync(join(tmpdir(), 'vm370-guest-'));
    const volume = join(folder, 'vol.ckd');
    createCkdImage(volume, '3350', 8);
    terminal = new TranscriptTerminal();
    vm = new VirtualMachine({
      userid: 'GUEST',
      storageSize: 256 * 1024,
      terminal,
      time: { epoch: new Date(Date.UTC(1981, 3, 1)) },
      minidisks: [
        { address: 0x291, image: volume, start: 4, cylinders: 2 },
        { address: 0x292, image: volume, start: 4, cylinders: 2, readOnly: true },
      ],
    });
    const deck = iplDeck(asm.core);
    const cards: Uint8Array[] = [];
    for (let i = 0; i < deck.length; i += 80) cards.push(deck.subarray(i, i + 80));
    vm.reader!.queue(cards);
    vm.ipl('00C');
    result = vm.run(1_000_000);
  });

  afterAll(() => {
    vm.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('assembles cleanly', () => {
    expect(asm.messages).toEqual([]);
    expect(asm.returnCode).toBe(0);
  });

  it('runs to its disabled wait; CP reports it and reads commands', () => {
    expect(result.outcome).toBe('cp-read');
    expect(vm.state).toBe('cp-read');
    expect(terminal.lines.at(-1)).toBe("DMKDSP450W CP ENTERED; DISABLED WAIT PSW '00020000 00000123'");
  });

  it('DIAGNOSE X\'60\' gives the storage size, X\'00\' the system name and userid', () => {
    expect(word('STORSIZE')).toBe(256 * 1024);
    const ident = bytes('IDENT', 32);
    expect(fromEbcdic(Uint8Array.from(ident.slice(0, 8)))).toBe('VM/370  ');
    expect(ident[11]).toBe(0xff); // version code: a virtual machine
    expect(fromEbcdic(Uint8Array.from(ident.slice(16, 24)))).toBe('GUEST   ');
  });

  it('DIAGNOSE X\'08\' with a response buffer: CC 0, completion code 0, the response line ended by X\'15\'', () => {
    expect(cc('CPCC')).toBe(0);
    expect(word('CPRC')).toBe(0);
    const length = word('RESPLEN');
    const response = Uint8Array.from(bytes('RESP', length));
    expect(fromEbcdic(response)).toBe('GUEST AT VM370\u0085');
  });

  it('SIO to the console starts (CC 0), the line is written, the I/O interruption comes from 009', () => {
    expect(cc('SIOCC')).toBe(0);
    expect(terminal.lines).toContain('HELLO FROM THE GUEST');
    expect(bytes('IODEV', 2)).toEqual([0x00, 0x09]);
    expect(bytes('IOCSW', 8).slice(4, 6)).toEqual([0x0c, 0x00]); // channel end, device end
  });

  it('a privileged instruction in the problem state is a privileged-operation exception; SVC returns to the supervisor', () => {
    expect(bytes('PGMCODE', 2)).toEqual([0x00, 0x02]);
    expect(bytes('PGMOLD', 2)[1]! & 0x01).toBe(1); // the old PSW was in the problem state
    expect(word('PROBSUM')).toBe(14); // problem-state instructions ran
    expect(bytes('SVCCODE', 2)).toEqual([0x00, 77]);
    expect(bytes('SVCOLD', 2)[1]! & 0x01).toBe(1);
    // CP simulated the supervisor's privileged instructions.
    expect(vm.counts.privileged.get('LPSW')).toBeGreaterThanOrEqual(4);
    expect(vm.counts.privileged.get('SIO')).toBeGreaterThanOrEqual(3);
  });

  it('a seek outside the minidisk: CC 1, unit check, sense command reject + file protected', () => {
    expect(cc('OUTCC')).toBe(1);
    expect(bytes('OUTCSW', 8)[4]! & 0x02).toBe(0x02);
    expect(bytes('SENSED', 2)).toEqual([0x80, 0x04]);
  });

  it('DIAGNOSE X\'18\': a cylinder outside the minidisk is CC 1, R15 4; a write on a read-only link CC 1, R15 3', () => {
    expect(cc('D18CC1')).toBe(1);
    expect(word('D18R151')).toBe(4);
    expect(cc('D18CC2')).toBe(1);
    expect(word('D18R152')).toBe(3);
  });

  it('DIAGNOSE X\'20\': the same write is a permanent error, CC 3, R15 13, sense bytes 80 04 in Ry', () => {
    expect(cc('D20CC')).toBe(3);
    expect(word('D20R15')).toBe(13);
    expect(word('D20RY') & 0xffff).toBe(0x8004);
  });

  it('the interval timer at X\'50\' runs in virtual time and ends an enabled wait (external interruption X\'0080\')', () => {
    expect(bytes('EXTCODE', 2)).toEqual([0x00, 0x80]);
    expect(word('TIMELEFT') | 0).toBeLessThan(0);
  });

  it('in CP READ, BEGIN resumes the guest, which is still in its disabled wait', () => {
    vm.enter('BEGIN');
    expect(vm.run(1000).outcome).toBe('cp-read');
  });
});
