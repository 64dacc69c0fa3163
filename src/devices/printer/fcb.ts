// The forms-control buffer of a printer: which line of the page carries a punch in each of the
// twelve carriage-tape channels (IBM 1403 Printer Component Description: carriage control tape).

export interface Fcb {
  /** Lines on a page. */
  readonly linesPerPage: number;
  /** channelLines[n - 1] is the line (1-based) of the punch for channel n, or 0 for none. */
  readonly channelLines: readonly number[];
}

/**
 * The default carriage tape: 66 lines a page, channel 1 at line 1 (top of form), channel 12 at
 * line 61 and channel 9 at line 63 near the bottom (the same tape Hercules defaults to).
 */
export const DEFAULT_FCB: Fcb = {
  linesPerPage: 66,
  channelLines: [1, 7, 13, 19, 25, 31, 37, 43, 63, 49, 55, 61],
};

/** Parses "1,7,13,...": twelve line numbers for channels 1-12 (0 = no punch). */
export function parseFcb(text: string, linesPerPage = 66): Fcb {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 12 || parts.some((p) => !/^\d+$/.test(p))) {
    throw new Error(`an FCB is twelve line numbers for channels 1-12, not '${text}'`);
  }
  const channelLines = parts.map(Number);
  for (const line of channelLines) {
    if (line > linesPerPage) throw new Error(`FCB line ${line} is beyond the ${linesPerPage} lines of the page`);
  }
  return { linesPerPage, channelLines };
}

/** The channels (1-12) punched at a line, as a bit set (bit n for channel n). */
export function channelsAt(fcb: Fcb, line: number): number {
  let bits = 0;
  fcb.channelLines.forEach((l, i) => {
    if (l === line) bits |= 1 << (i + 1);
  });
  return bits;
}
