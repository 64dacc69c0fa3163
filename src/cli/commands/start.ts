// `vm370 start`: boots CP on the data folder (creating the default system on first start), with
// OPERATOR logged on at the system console, the TN3270 server with CP as the host application and,
// unless --headless, the ink UI: local 3270 terminals and the operator console in this terminal
// window (Ctrl-A o / t / + switch). Headless, the system console is stdin/stdout: each line on stdin
// is entered at the console (a CP command as OPERATOR), CP's lines go to stdout, the log to stderr.
// The system ends with SHUTDOWN (exit code 0), or SIGINT/SIGTERM (a SHUTDOWN by the system); the
// end of stdin does not end it (servers run with stdin closed). --demo runs the demo host instead.

import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { render } from 'ink';
import { createElement } from 'react';
import { ourCmsForSystem } from '../../cms/install.ts';
import { startSystem, type RunningSystem } from '../../cp/operator/system-start.ts';
import { openControlSocket } from '../../cp/operator/control-socket.ts';
import type { SystemConsole } from '../../cp/operator/system-console.ts';
import { DemoHost } from '../../term/demo-host.ts';
import type { TermLogger, TerminalHostApplication } from '../../term/host.ts';
import { LocalTerminal } from '../../term/local-terminal.ts';
import { parseModelOption, type TerminalModel } from '../../term/models.ts';
import { Tn3270Server } from '../../term/tn3270-server.ts';
import { SystemApp } from '../../ui/SystemApp.tsx';

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
    .description('start CP: the system in the data folder, the operator console, the TN3270 server and local 3270 terminals')
    .option('--port <N>', 'TCP port for TN3270 clients (0 picks a free one)', '3270')
    .option('--bind <ADDRESS>', 'interface to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--addresses <RANGE>', 'device addresses for terminals', '0C0-0DF')
    .option('--model <MODEL>', 'model of the local terminals: 3278-2 … 3279-5', '3279-2')
    .option('--headless', 'no terminal UI: the operator console is stdin/stdout, the log goes to stderr')
    .option('--data <DIR>', 'data folder: system, directory, disks, spool (created with the default system on first start)', 'data')
    .option('--mono', 'no colours in the local terminals')
    .option('--r6 <DIR>', "IBM VM/370 R6 CMS folder (e.g. ../shared/vm370r6), used when the system is first created: CMSUSER IPLs R6 CMS with R6's disks")
    .option('--cold', 'cold start: recompile the directory from user.direct, rebuild saved systems, empty the spool')
    .option('--warm', 'warm start: reuse the data folder as it is (the default)')
    .option('--demo', 'run the demo host instead of CP (no operator console)')
    .addHelpText(
      'after',
      '\nDefault users: CMSUSER/CMSUSER, MAINT/CPCMS, OPERATOR/OPERATOR, GUEST/GUEST (see docs/cp-guide.md).\n' +
        'Users IPL our CMS, built from cms/ into DATA/nss at start; --r6 gives IBM R6 CMS instead.\n' +
        'OPERATOR is logged on at the system console when the system starts. Operator commands:\n' +
        '  SHUTDOWN, FORCE userid, AUTOLOG userid password, QUERY SYSTEM, SET LOGMSG, ENABLE/DISABLE\n' +
        '  (docs/cp-commands/operator.md). SHUTDOWN ends the system and vm370 exits with code 0.\n' +
        'Headless: type CP commands on stdin (they run as OPERATOR), CP answers on stdout, the log goes\n' +
        '  to stderr; the end of stdin does not stop the system: SHUTDOWN, SIGINT or SIGTERM do.\n' +
        'Connect a 3270 emulator with: c3270 -model 3279-2 -codepage cp037 127.0.0.1:3270\n' +
        'In the terminal UI: Ctrl-A o the operator console, Ctrl-A t the next local 3270, Ctrl-A + a new\n' +
        '  local 3270, Ctrl-A ? the keys, Ctrl-A q shuts the system down and quits. See docs/cp-guide.md.',
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
      if (opts.demo) return runDemo(opts, port, model, logger);
      let running: RunningSystem;
      try {
        running = await startSystem({
          dataDir: opts.data ?? 'data',
          r6Folder: opts.r6,
          cold: opts.cold === true,
          port,
          bind: opts.bind,
          addresses: opts.addresses,
          logger,
          consoleOutput: opts.headless ? (line) => process.stdout.write(`${line}\n`) : undefined,
          // Every start makes sure DATA/nss holds our CMS, built from cms/ (unless the system has
          // IBM's R6 CMS): users whose directory entry says IPL CMS get it; and that MAINT's 190
          // and 19D hold the MODULE and help files of the same build.
          systemOptions: ourCmsForSystem(),
        });
      } catch (e) {
        return fail(e instanceof Error ? e.message : String(e), 1);
      }
      // DATA/vm370.sock: `vm370 deck run --data DATA` runs its decks on this system (docs/testers-guide.md).
      const control = await openControlSocket(running, opts.data ?? 'data', logger).catch((e: Error) => {
        logger.warn(`CP: no control socket: ${e.message}`);
        return undefined;
      });
      void running.stopped.then(() => control?.close());
      const listeningPort = running.listening?.port ?? port;
      if (opts.headless) await runHeadless(running, logger);
      else await runLocalTerminals(running.server!, running.host, model, listeningPort, !opts.mono, running.console, running);
      process.exitCode = 0;
    });
}

/**
 * Headless: stdin is the system console's keyboard. SHUTDOWN (typed, or by any class A user) ends
 * the system; SIGINT/SIGTERM shut it down as well. The end of stdin changes nothing.
 */
async function runHeadless(running: RunningSystem, logger: TermLogger): Promise<void> {
  const input = createInterface({ input: process.stdin, terminal: false });
  input.on('line', (line) => running.console.enter(line));
  input.on('close', () => logger.info('CP: stdin closed; the system runs on (SHUTDOWN, SIGINT or SIGTERM stop it)'));
  const onSignal = (signal: string) => {
    logger.info(`CP: ${signal}: shutting down`);
    void running.shutdown();
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  await running.stopped;
  process.off('SIGINT', onInt);
  process.off('SIGTERM', onTerm);
  input.close();
  process.stdin.destroy();
}

/** --demo: the demo host on the TN3270 server and, unless headless, local 3270s (no CP, no console). */
async function runDemo(opts: StartOptions, port: number, model: TerminalModel, logger: TermLogger): Promise<void> {
  const host = new DemoHost({ logger });
  let server: Tn3270Server;
  try {
    server = new Tn3270Server({ host, port, bindAddress: opts.bind, addresses: opts.addresses, logger });
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
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
  if (stopped) await stopped;
  else await runLocalTerminals(server, host, model, listening.port, !opts.mono);
  await server.close();
}

async function runLocalTerminals(
  server: Tn3270Server,
  host: TerminalHostApplication,
  model: TerminalModel,
  port: number,
  wantColor: boolean,
  console?: SystemConsole,
  running?: RunningSystem,
): Promise<void> {
  const terminals: LocalTerminal[] = [];
  const newTerminal = (): LocalTerminal => {
    // A disconnected local terminal gives its address back before a new one takes one.
    for (const t of terminals.filter((x) => !x.connected)) {
      server.releaseAddress(t.info.address);
      terminals.splice(terminals.indexOf(t), 1);
    }
    const address = server.reserveAddress() ?? 0x01f;
    const terminal = new LocalTerminal({ model, address });
    terminals.push(terminal);
    host.onConnect(terminal);
    return terminal;
  };
  const color = wantColor && model.color && (process.stdout.hasColors?.() ?? false);
  process.stdout.write('\x1b[?1049h\x1b[H');
  try {
    const app = render(
      createElement(SystemApp, {
        newTerminal,
        console,
        color,
        status: `tn3270 :${port}`,
        onAlarm: () => process.stdout.write('\x07'),
      }),
      { exitOnCtrlC: false, patchConsole: false },
    );
    // SHUTDOWN from any terminal ends the UI as well.
    void running?.stopped.then(() => app.unmount());
    await app.waitUntilExit();
  } finally {
    process.stdout.write('\x1b[?1049l');
    for (const t of terminals) if (t.connected) t.disconnect('quit');
    if (running) await running.shutdown();
  }
}
