// What a virtual machine's TRACE command asked for (VM/370 CP Command Reference for General Users
// R6, TRACE): the events traced, each with where its lines go (TERMINAL, PRINTER, BOTH) and whether
// the machine stops after each one shown at the terminal (NORUN) or runs on (RUN).
//
//   TRace  { SVC | I/O | PROGram | EXTernal | PRIV | SIO | CCW | CSW | BRanch | INSTruct | ALL } ...
//          [ TERMinal | PRINTer | BOTH | OFF ]  [ NORUN | RUN ]
//   TRace  END
//
// Defaults [mem]: TERMINAL and NORUN. OFF ends the events named; END ends all tracing.

/** The events TRACE can watch. */
export type TraceEvent =
  /** SVC interruptions. */
  | 'svc'
  /** I/O interruptions and the I/O instructions (SIO, TIO, HIO ...). */
  | 'io'
  /** Program interruptions. */
  | 'program'
  /** External interruptions. */
  | 'external'
  /** Privileged instructions other than I/O ones. */
  | 'priv'
  /** The I/O instructions only. */
  | 'sio'
  /** SIO with the channel program's CAW and CCWs. */
  | 'ccw'
  /** I/O interruptions with their CSW. */
  | 'csw'
  /** Interruptions, PSW-loading instructions and successful branches. */
  | 'branch'
  /** Every instruction. */
  | 'instruct';

export const ALL_EVENTS: readonly TraceEvent[] = ['svc', 'io', 'program', 'external', 'priv', 'sio', 'ccw', 'csw', 'branch', 'instruct'];

export interface TraceOutput {
  terminal: boolean;
  printer: boolean;
  /** RUN: the machine does not stop after a line shown at the terminal. */
  run: boolean;
}

/** TRACE operand words and their minimum abbreviations [mem]. */
const EVENT_WORDS: ReadonlyArray<{ word: string; minimum: number; events: readonly TraceEvent[] }> = [
  { word: 'SVC', minimum: 3, events: ['svc'] },
  { word: 'I/O', minimum: 3, events: ['io'] },
  { word: 'IO', minimum: 2, events: ['io'] },
  { word: 'PROGRAM', minimum: 4, events: ['program'] },
  { word: 'EXTERNAL', minimum: 3, events: ['external'] },
  { word: 'PRIV', minimum: 4, events: ['priv'] },
  { word: 'SIO', minimum: 3, events: ['sio'] },
  { word: 'CCW', minimum: 3, events: ['ccw'] },
  { word: 'CSW', minimum: 3, events: ['csw'] },
  { word: 'BRANCH', minimum: 2, events: ['branch'] },
  { word: 'INSTRUCT', minimum: 4, events: ['instruct'] },
  { word: 'ALL', minimum: 3, events: ALL_EVENTS },
];

const OUTPUT_WORDS: ReadonlyArray<{ word: string; minimum: number; output: 'terminal' | 'printer' | 'both' | 'off' }> = [
  { word: 'TERMINAL', minimum: 4, output: 'terminal' },
  { word: 'PRINTER', minimum: 5, output: 'printer' },
  { word: 'BOTH', minimum: 4, output: 'both' },
  { word: 'OFF', minimum: 3, output: 'off' },
];

function match<T extends { word: string; minimum: number }>(list: readonly T[], w: string): T | undefined {
  return list.find((e) => w.length >= e.minimum && e.word.startsWith(w));
}

/** A parsed TRACE command. */
export type TraceRequest =
  | { kind: 'end' }
  | { kind: 'set'; events: TraceEvent[]; output: 'terminal' | 'printer' | 'both' | 'off'; run: boolean }
  | { kind: 'error'; operand: string | null };

/** Parses the operands of TRACE (upper case). An unknown word is reported as the invalid operand. */
export function parseTrace(operands: readonly string[]): TraceRequest {
  if (operands.length === 0) return { kind: 'error', operand: null };
  if (operands.length === 1 && 'END'.startsWith(operands[0]!) && operands[0]!.length >= 3) return { kind: 'end' };
  const events = new Set<TraceEvent>();
  let output: 'terminal' | 'printer' | 'both' | 'off' | null = null;
  let run: boolean | null = null;
  for (const w of operands) {
    const e = match(EVENT_WORDS, w);
    if (e !== undefined && output === null && run === null) {
      for (const x of e.events) events.add(x);
      continue;
    }
    const o = match(OUTPUT_WORDS, w);
    if (o !== undefined && output === null && run === null && events.size > 0) {
      output = o.output;
      continue;
    }
    if ((w === 'RUN' || w === 'NORUN') && run === null && events.size > 0) {
      run = w === 'RUN';
      continue;
    }
    return { kind: 'error', operand: w };
  }
  if (events.size === 0) return { kind: 'error', operand: null };
  return { kind: 'set', events: [...events], output: output ?? 'terminal', run: run ?? false };
}
