// `vm370 start`: the TN3270 server with the host application (the demo host until CP exists) and,
// unless --headless, a local 3270 terminal on the same host drawn in this terminal window.

import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { render } from 'ink';
import { createElement } from 'react';
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
    .description('start the TN3270 server and a local 3270 terminal (the demo host stands in for CP)')
    .option('--port <N>', 'TCP port for TN3270 clients (0 picks a free one)', '3270')
    .option('--bind <ADDRESS>', 'interface to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--addresses <RANGE>', 'device addresses for terminals', '0C0-0DF')
    .option('--model <MODEL>', 'model of the local terminal: 3278-2 … 3279-5', '3279-2')
    .option('--headless', 'run only the TN3270 server and log to stderr')
    .option('--data <DIR>', 'data directory (the log goes there while the terminal is shown)')
    .option('--mono', 'no colours in the local terminal')
    .addHelpText(
      'after',
      '\nConnect a 3270 emulator with: c3270 -model 3279-2 -codepage cp037 127.0.0.1:3270\n' +
        'In the local terminal, Ctrl-A ? shows the keys and Ctrl-A q quits. See docs/terminals.md.',
    )
    .action(async (opts: StartOptions) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) return fail(`--port wants a port number, not '${opts.port}'`);
      const model = parseModelOption(opts.model);
      if (!model) return fail(`--model wants 3278-2 … 3279-5, not '${opts.model}'`);
      if (!opts.headless && !process.stdin.isTTY) return fail('the local terminal needs an interactive terminal; use --headless to run only the server');
      if (opts.data) mkdirSync(opts.data, { recursive: true });
      const logger = opts.headless ? stderrLogger() : uiLogger(opts.data);
      const host: TerminalHostApplication = new DemoHost({ logger });
      let server: Tn3270Server;
      try {
        server = new Tn3270Server({ host, port, bindAddress: opts.bind, addresses: opts.addresses, logger });
      } catch (e) {
        return fail(e instanceof Error ? e.message : String(e));
      }
      let listening: { port: number; address: string };
      try {
        listening = await server.listen();
      } catch (e) {
        return fail(`cannot listen on ${opts.bind}:${port}: ${e instanceof Error ? e.message : String(e)}`, 1);
      }
      if (opts.headless) {
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await server.close();
        return;
      }
      await runLocalTerminal(server, host, model, listening.port, !opts.mono);
      await server.close();
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
