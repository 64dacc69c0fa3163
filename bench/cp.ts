// CP with many users: 1 and 20 logged-on users whose guests loop (the LOOP saved system of
// test/interop/helpers/loop-system.ts) on local 3270s in this process; the aggregate MIPS the
// dispatcher gets out of them, how long #CP QUERY TIME takes to answer while they all loop (20
// users pressing ENTER at once), and the host memory an idle virtual machine costs. Numbers only;
// nothing here asserts a speed. (test/interop/many-users.test.ts does the same over TN3270.)
// Run alone: node --import tsx bench/cp.ts    (bench/run.ts calls run()).

import { Dispatcher } from '../src/cp/dispatcher.ts';
import { CpHost } from '../src/cp/terminal/cp-host.ts';
import { Aid } from '../src/term/codes.ts';
import { LocalTerminal } from '../src/term/local-terminal.ts';
import { terminalModel } from '../src/term/models.ts';
import { typeText } from '../src/term/operator.ts';
import { aggregateMips, idleMemoryPerMachine, loopUserid, LOOP_SOURCE, MOVE_LOOP_SOURCE, openLoopSystem, runFor } from '../test/interop/helpers/loop-system.ts';

const tick = () => new Promise((r) => setImmediate(r));

async function press(terminal: LocalTerminal, aid: number): Promise<void> {
  terminal.pressAid(aid);
  await tick();
}

const timeLines = (t: LocalTerminal) => t.screen.text().filter((l) => l.startsWith('TIME IS ')).length;

interface Measured {
  mips: number;
  maxBlockMs: number;
  median: number;
  slowest: number;
  perIdle: number;
}

async function measure(users: number, quick: boolean, source: string): Promise<Measured> {
  const loop = openLoopSystem(users, 10, source);
  const dispatcher = new Dispatcher();
  const host = new CpHost(loop.system, dispatcher, { failureDelayMs: 0, logoffDelayMs: 60_000, moreTimeoutMs: null });
  const terminals: LocalTerminal[] = [];
  try {
    for (let n = 1; n <= users; n++) {
      const terminal = new LocalTerminal({ model: terminalModel(3278, 2), address: 0x0bf + n });
      host.onConnect(terminal);
      await press(terminal, Aid.enter);
      typeText(terminal.screen, `LOGON ${loopUserid(n)} ${loopUserid(n)}`);
      await press(terminal, Aid.enter);
      terminals.push(terminal);
    }
    const machines = [...host.users.values()].map((u) => u.vm);
    if (machines.length !== users || machines.some((vm) => vm.state !== 'running')) throw new Error('the LOOP users did not all log on');
    await aggregateMips(machines, 300); // warm up
    const { mips, maxBlockMs } = await runFor(machines, quick ? 1_000 : 3_000);
    const times: number[] = [];
    for (let round = 0; round < (quick ? 2 : 5); round++) {
      // Every terminal asks at once; each answer's time is taken when it reaches that screen.
      const before = terminals.map(timeLines);
      const t0 = performance.now();
      for (const t of terminals) {
        typeText(t.screen, '#CP QUERY TIME');
        t.pressAid(Aid.enter);
      }
      const pending = new Set(terminals.keys());
      while (pending.size > 0) {
        await new Promise((r) => setTimeout(r, 0));
        for (const i of [...pending]) {
          if (timeLines(terminals[i]!) > before[i]!) {
            times.push(performance.now() - t0);
            pending.delete(i);
          }
        }
        if (performance.now() - t0 > 60_000) throw new Error('#CP QUERY TIME was not answered within a minute');
      }
      for (const t of terminals) await press(t, Aid.clear);
    }
    times.sort((a, b) => a - b);
    const perIdle = idleMemoryPerMachine(host.cp as never, 10);
    return { mips, maxBlockMs, median: times[Math.floor(times.length / 2)]!, slowest: times.at(-1)!, perIdle };
  } finally {
    host.close();
    dispatcher.stop();
    loop.remove();
  }
}

export async function run(): Promise<string[]> {
  const quick = process.argv.includes('--quick');
  const lines = ['', 'CP with many users (guests in a tight loop, local 3270s, #CP QUERY TIME from every terminal at once)'];
  const cases: Array<[number, string, string]> = [
    [1, 'register loop (AR, LA, SR, B)', LOOP_SOURCE],
    [20, 'register loop (AR, LA, SR, B)', LOOP_SOURCE],
    [20, 'MVC, CLC, TR of 256 bytes, B', MOVE_LOOP_SOURCE],
  ];
  let perIdle = 0;
  for (const [users, what, source] of cases) {
    const m = await measure(users, quick, source);
    perIdle = m.perIdle;
    lines.push(
      `  ${String(users).padStart(2)} users, ${what.padEnd(30)} aggregate ${m.mips.toFixed(1).padStart(6)} MIPS; ` +
        `QUERY TIME answered in median ${m.median.toFixed(0)} ms, slowest ${m.slowest.toFixed(0)} ms; event loop blocked up to ${m.maxBlockMs.toFixed(0)} ms`,
    );
  }
  lines.push(`  host memory per idle virtual machine (1M storage, CP READ): ${(perIdle / 1024).toFixed(0)} KiB`);
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await run()) console.log(line);
}
