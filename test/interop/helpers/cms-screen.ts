// Running CMS commands on CP's 3270 console through s3270: clear the output area, type the line,
// collect the output across MORE... screens until CMS says Ready.

import type { S3270 } from './s3270.ts';

/** The status area at the bottom right (VM READ, CP READ, RUNNING, MORE..., HOLDING). */
export const statusOf = (s: string[]): string => (s[23] ?? '').slice(61).trim();
export const hasLine = (s: string[], re: RegExp): boolean => s.some((l) => re.test(l.trimEnd()));
export const READY = /^Ready(;|\(-?\d{5}\);)/;
/** CMS waits for the user: VM READ, or on a 3270 RUNNING (R6 CMS reads only after ENTER's attention). */
export const waiting = (status: string): boolean => status === 'VM READ' || status === 'RUNNING';

/** The output area (rows 1-22) without trailing blanks and trailing empty rows. */
function outputArea(s: string[]): string[] {
  const rows = s.slice(0, 22).map((l) => l.trimEnd());
  while (rows.length > 0 && rows[rows.length - 1] === '') rows.pop();
  return rows;
}

/**
 * Types `line` while CMS waits (VM READ or RUNNING) on a cleared screen and returns the output lines (the echo of the line
 * first, the Ready line last). MORE... screens are collected and cleared with PA2. `until`: the
 * line that ends the output when it is not a Ready line (a program reading the console).
 */
export async function cmsCommand(client: S3270, line: string, until: RegExp = READY, timeoutMs = 30_000): Promise<string[]> {
  await client.must('Clear()');
  await client.waitFor((s) => waiting(statusOf(s)) && outputArea(s).length === 0, 10_000);
  await client.must(`String(${JSON.stringify(line)})`);
  await client.must('Enter()');
  const deadline = Date.now() + timeoutMs;
  const out: string[] = [];
  for (;;) {
    const s = await client.waitFor(
      (sc) => statusOf(sc) === 'MORE...' || (waiting(statusOf(sc)) && outputArea(sc).some((l) => until.test(l))),
      Math.max(1_000, deadline - Date.now()),
    );
    out.push(...outputArea(s));
    if (statusOf(s) !== 'MORE...') return out;
    await client.must('PA(2)');
    await client.waitFor((sc) => statusOf(sc) !== 'MORE...', 10_000);
  }
}
