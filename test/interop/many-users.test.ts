// Many users at once: 20 s3270 clients log on over TN3270 to users whose virtual machines IPL a
// CPU-bound guest (a tight loop; test/interop/helpers/loop-system.ts), and every one of them keeps
// answering CP commands (#CP QUERY TIME) while all the guests loop. The numbers (aggregate MIPS,
// slowest command response, host memory per idle virtual machine) are printed, not asserted: speed
// belongs in `npm run bench` (bench/cp.ts measures the same in process).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../src/cp/dispatcher.ts';
import { CpHost } from '../../src/cp/terminal/cp-host.ts';
import { Tn3270Server } from '../../src/term/tn3270-server.ts';
import { idleMemoryPerMachine, loopUserid, openLoopSystem, runFor, type LoopSystem } from './helpers/loop-system.ts';
import { haveProgram, S3270 } from './helpers/s3270.ts';

const USERS = 20;
let loop: LoopSystem;
let server: Tn3270Server;
let host: CpHost;
let dispatcher: Dispatcher;
let port = 0;
const clients: S3270[] = [];

beforeAll(async () => {
  if (!haveProgram('s3270')) throw new Error('the interop suite needs s3270 (apt-get install s3270)');
  loop = openLoopSystem(USERS, 10);
  dispatcher = new Dispatcher();
  host = new CpHost(loop.system, dispatcher, { failureDelayMs: 0, logoffDelayMs: 60_000, moreTimeoutMs: null });
  server = new Tn3270Server({ host, port: 0, negotiationTimeoutMs: 10_000 });
  port = (await server.listen()).port;
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.close();
  host.close();
  dispatcher.stop();
  loop.remove();
});

const status = (s: string[]) => (s[23] ?? '').slice(61).trim();
const timeLines = (s: string[]) => s.filter((l) => l.startsWith('TIME IS ')).length;

async function logon(c: S3270, n: number): Promise<void> {
  const id = loopUserid(n);
  await c.must(`Connect(127.0.0.1:${port})`);
  await c.waitFor((s) => s[1]?.startsWith('VM/370 ONLINE') ?? false, 60_000);
  await c.must(`String("LOGON ${id}")`);
  await c.must('Enter()');
  await c.waitFor((s) => s.some((l) => l.startsWith('ENTER PASSWORD:')), 60_000);
  await c.must(`String("${id}")`);
  await c.must('Enter()');
  await c.waitFor((s) => s.some((l) => l.startsWith('LOGON AT ')) && status(s) === 'RUNNING', 60_000);
}

/** #CP QUERY TIME from a running machine; milliseconds until the answer is on the client's screen. */
async function queryTime(c: S3270): Promise<number> {
  const before = timeLines(await c.screen());
  const t0 = performance.now();
  await c.must('String("#CP QUERY TIME")');
  await c.must('Enter()');
  await c.waitFor((s) => timeLines(s) > before, 60_000);
  return performance.now() - t0;
}

describe('20 users at once', () => {
  it('20 users over TN3270 each run a looping guest, and every one keeps answering #CP QUERY TIME', async () => {
    for (let n = 1; n <= USERS; n++) clients.push(new S3270());
    await Promise.all(clients.map((c, i) => logon(c, i + 1)));
    expect(host.users.size).toBe(USERS);
    const machines = [...host.users.values()].map((u) => u.vm);
    expect(machines.every((vm) => vm.state === 'running')).toBe(true);

    const alone = await runFor(machines, 3_000);
    // Every user asks at the same time, twice; all must be answered while the guests loop.
    const rounds: number[][] = [];
    const during = runFor(machines, 4_000);
    for (let round = 0; round < 2; round++) rounds.push(await Promise.all(clients.map((c) => queryTime(c))));
    const withCommands = await during;
    const all = rounds.flat();
    expect(all).toHaveLength(USERS * 2);
    const before = machines.map((vm) => vm.cpu.instructions);
    await new Promise((r) => setTimeout(r, 500));
    // Every guest still runs (none was starved by the others or stopped by the commands).
    machines.forEach((vm, i) => {
      expect(vm.state).toBe('running');
      expect(vm.cpu.instructions).toBeGreaterThan(before[i]!);
    });

    const perIdle = idleMemoryPerMachine(host.cp as never, 10);
    const sorted = [...all].sort((a, b) => a - b);
    const report = [
      `many users: ${USERS} users over TN3270 (s3270), each guest a tight loop`,
      `  aggregate MIPS, guests only:           ${alone.mips.toFixed(1)}`,
      `  aggregate MIPS, while users query:     ${withCommands.mips.toFixed(1)}`,
      `  longest wait of terminal input for CP (event loop blocked by a dispatcher round): ${Math.max(alone.maxBlockMs, withCommands.maxBlockMs).toFixed(0)} ms`,
      `  #CP QUERY TIME round trip at the s3270 client (its polling and the test's own event loop included, 20 at once): median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, slowest ${sorted.at(-1)!.toFixed(0)} ms`,
      `  host memory per idle virtual machine (1M storage): ${(perIdle / 1024).toFixed(0)} KiB`,
      `  dispatcher slices run: ${dispatcher.slices}`,
    ];
    console.log(report.join('\n'));

    // And every one can still leave: #CP LOGOFF from the running machine.
    await Promise.all(
      clients.map(async (c) => {
        await c.must('Clear()');
        await c.must('String("#CP LOGOFF")');
        await c.must('Enter()');
        await c.waitFor((s) => s.some((l) => l.startsWith('LOGOFF AT ')), 60_000);
      }),
    );
    expect(host.users.size).toBe(0);
  });
});
