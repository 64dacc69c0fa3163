// `vm370 start`: boots CP on the data folder (creating the default system on first start), the
// TN3270 server with CP as the host application and, unless --headless, a local 3270 terminal on
// the same host drawn in this terminal window. --demo runs the demo host instead of CP.

import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { render } from 'ink';
import { createElement } from 'react';
import { Dispatcher } from '../../cp/dispatcher.ts';
import { CpSystem } from '../../cp/system/cp-system.ts';
import { CpHost } from '../../cp/terminal/cp-host.ts';
import { DemoHost } from '../../term/demo-host.ts';
import type { TermLogger, TerminalHostApplication } from '../../term/host.ts';
import { LocalTerminal } from '../../term/local-terminal.ts';
import { parseModelOption, type TerminalModel } from '../../term/models.ts';
import { Tn3270Server } from '../../term/tn3270-server.ts';
import { TerminalApp } from '../../ui/TerminalApp.tsx';

interface StartOptions {
  port: string;
  bind: string;
  addresses: string;
  model: string;
  headless?: boolean;
  data?: string;
  mono?: boolean;
  demo?: boolean;
  r6?: string;
  cold?: boolean;
  warm?: boolean;
}

const stamp = () => new Date().toISOString().slice(11, 19);

function stderrLogger(): TermLogger {
  return {
    info: (m) => process.stderr.write(`${stamp()} ${m}\n`),
    warn: (m) => process.stderr.write(`${stamp()} WARNING ${m}\n`),
  };
}

/** While the UI owns the window, log lines go to DIR/vm370.log, or to stderr when it is not the window. */
function uiLogger(dataDir: string | undefined): TermLogger {
  if (dataDir) {
    const file = join(dataDir, 'vm370.log');
    const write = (m: string) => appendFileSync(file, `${new Date().toISOString()} ${m}\n`);
    return { info: write, warn: (m) => write(`WARNING ${m}`) };
  }
  if (!process.stderr.isTTY) return stderrLogger();
  return { info: () => undefined, warn: () => undefined };
}

function fail(message: string, code = 2): void {
  process.stderr.write(`vm370 start: ${message}\n`);
  process.exitCode = code;
}

export function register(program: Command): void {
  program
    .command('start')
    .description('start CP: the system in the data folder, the TN3270 server and a local 3270 terminal')
    .option('--port <N>', 'TCP port for TN3270 clients (0 picks a free one)', '3270')
    .option('--bind <ADDRESS>', 'interface to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--addresses <RANGE>', 'device addresses for terminals', '0C0-0DF')
    .option('--model <MODEL>', 'model of the local terminal: 3278-2 … 3279-5', '3279-2')
    .option('--headless', 'run only the TN3270 server and log to stderr')
    .option('--data <DIR>', 'data folder: system, directory, disks (created with the default system on first start)', 'data')
    .option('--mono', 'no colours in the local terminal')
    .option('--r6 <DIR>', "IBM VM/370 R6 CMS folder (e.g. ../shared/vm370r6), used when the system is first created: CMSUSER IPLs R6 CMS with R6's disks")
    .option('--cold', 'cold start: recompile the directory from user.direct, rebuild saved systems, empty the spool')
    .option('--warm', 'warm start: reuse the data folder as it is (the default)')
    .option('--demo', 'run the demo host instead of CP')
    .addHelpText(
      'after',
      '\nDefault users: CMSUSER/CMSUSER, MAINT/CPCMS, OPERATOR/OPERATOR, GUEST/GUEST (see docs/cp-guide.md).\n' +
        'Without --r6 there is no CMS yet: users get CP READ after LOGON.\n' +
        'Connect a 3270 emulator with: c3270 -model 3279-2 -codepage cp037 127.0.0.1:3270\n' +
        'In the local terminal, Ctrl-A ? shows the keys and Ctrl-A q quits. See docs/terminals.md.',
    )
    .action(async (opts: StartOptions) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) return fail(`--port wants a port number, not '${opts.port}'`);
      const model = parseModelOption(opts.model);
      if (!model) return fail(`--model wants 3278-2 … 3279-5, not '${opts.model}'`);
      if (!opts.headless && !process.stdin.isTTY) return fail('the local terminal needs an interactive terminal; use --headless to run only the server');
      if (opts.cold && opts.warm) return fail('--cold and --warm exclude each other');
      if (opts.data) mkdirSync(opts.data, { recursive: true });
      const logger = opts.headless ? stderrLogger() : uiLogger(opts.data);
      let host: TerminalHostApplication;
      let shutdown = () => undefined as void;
      if (opts.demo) {
        host = new DemoHost({ logger });
      } else {
        let system: CpSystem;
        try {
          system = CpSystem.open({ dataDir: opts.data ?? 'data', r6Folder: opts.r6, cold: opts.cold === true, log: (m) => logger.info(m) });
        } catch (e) {
          return fail(e instanceof Error ? e.message : String(e), 1);
        }
        for (const note of system.notes) logger.info(`CP: ${note}`);
        const dispatcher = new Dispatcher();
        const cp = new CpHost(system, dispatcher, { logger });
        host = cp;
        shutdown = () => {
          cp.close();
          dispatcher.stop();
        };
      }
      let server: Tn3270Server;
      try {
        server = new Tn3270Server({ host, port, bindAddress: opts.bind, addresses: opts.addresses, logger });
      } catch (e) {
        return fail(e instanceof Error ? e.message : String(e));
      }
      // Headless, a signal stops the system cleanly; listen for it before the server announces itself,
      // so a supervisor that signals right after the "listening" line still gets a clean stop.
      const stopped = opts.headless
        ? new Promise<void>((resolve) => {
            process.once('SIGINT', () => resolve());
            process.once('SIGTERM', () => resolve());
          })
        : undefined;
      let listening: { port: number; address: string };
      try {
        listening = await server.listen();
      } catch (e) {
        return fail(`cannot listen on ${opts.bind}:${port}: ${e instanceof Error ? e.message : String(e)}`, 1);
      }
      if (stopped) {
        await stopped;
        await server.close();
        shutdown();
        return;
      }
      await runLocalTerminal(server, host, model, listening.port, !opts.mono);
      await server.close();
      shutdown();
    });
}

async function runLocalTerminal(server: Tn3270Server, host: TerminalHostApplication, model: TerminalModel, port: number, wantColor: boolean): Promise<void> {
  let current: LocalTerminal | null = null;
  const connect = (): LocalTerminal => {
    if (current) server.releaseAddress(current.info.address);
    const address = server.reserveAddress() ?? 0x01f;
    current = new LocalTerminal({ model, address });
    host.onConnect(current);
    return current;
  };
  const color = wantColor && model.color && (process.stdout.hasColors?.() ?? false);
  process.stdout.write('\x1b[?1049h\x1b[H');
  try {
    const app = render(
      createElement(TerminalApp, {
        terminal: connect(),
        color,
        reconnect: connect,
        status: `tn3270 :${port}`,
        onAlarm: () => process.stdout.write('\x07'),
      }),
      { exitOnCtrlC: false, patchConsole: false },
    );
    await app.waitUntilExit();
  } finally {
    process.stdout.write('\x1b[?1049l');
    const last = current as LocalTerminal | null;
    if (last?.connected) last.disconnect('quit');
  }
}
