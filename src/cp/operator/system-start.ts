// System start (VM/370 Operator's Guide R6, "Starting the System"): the data folder is opened (or
// the default system created), the dispatcher, the control program and the terminal host are
// built, the system console shows the startup messages and OPERATOR is logged on at it, and the
// TN3270 server starts to take terminals. `vm370 start` and the tests use this; the handle it
// returns ends the system (SHUTDOWN) and tells when the system has ended.
//
// The console at start (R6 [mem]; CE's IPL log has the same lines in mixed case):
//   VM/370 RELEASE 6 (VM370 IN TYPESCRIPT) mm/dd/yy hh:mm:ss
//   NOW hh:mm:ss GMT WEEKDAY mm/dd/yy
//   START ((COLD|WARM|CKPT|FORCE) (DRAIN))|(SHUTDOWN)      (the operator's answer: WARM or COLD;
//   WARM                                                     here --cold/--warm answer it)
//   LOGON AT hh:mm:ss GMT WEEKDAY mm/dd/yy
//   hh:mm:ss AUTO LOGON ***  OPERATOR USERS = 001 BY SYSTEM
//   hh:mm:ss FILES: nnn RDR, nnn PRT, NO PUN                (the whole spool)
//   DMKCPI966I INITIALIZATION COMPLETE

import { ControlProgram, type ControlProgramOptions } from '../control-program.ts';
import { Dispatcher } from '../dispatcher.ts';
import { CpSystem, type CpSystemOptions } from '../system/cp-system.ts';
import { CpHost, type CpHostOptions } from '../terminal/cp-host.ts';
import { silentLogger, type TermLogger } from '../../term/host.ts';
import { Tn3270Server } from '../../term/tn3270-server.ts';
import { SystemConsole } from './system-console.ts';
import { operatorOf, startupBanner, type SystemOperator } from './system-operator.ts';

export interface SystemStartOptions {
  /** The data folder (created with the default system on first start). */
  dataDir: string;
  /** IBM's VM/370 R6 CMS folder, used when the system is first created. */
  r6Folder?: string;
  /** Cold start: directory recompiled, saved systems rebuilt, spool emptied. */
  cold?: boolean;
  /** TN3270 port (default 3270; 0 picks a free one); null: no TN3270 server. */
  port?: number | null;
  /** Interface the TN3270 server listens on (default 127.0.0.1). */
  bind?: string;
  /** Device addresses for TN3270 terminals (default 0C0-0DF). */
  addresses?: string;
  logger?: TermLogger;
  /** Where the system console's lines go besides the console's own history (headless: stdout). */
  consoleOutput?: (line: string) => void;
  /** The user logged on at the system console (default OPERATOR). */
  operatorUserid?: string;
  /** CP's clock (tests). */
  clock?: () => Date;
  vmTime?: ControlProgramOptions['vmTime'];
  /** More for the terminal host (tests: delays). */
  hostOptions?: Omit<CpHostOptions, 'cp' | 'logger' | 'clock' | 'vmTime'>;
  /** More for opening the data folder (tests: cheap scrypt, small disks). */
  systemOptions?: Pick<CpSystemOptions, 'scrypt' | 'maxNewMinidiskCylinders' | 'savedSystems' | 'systemFiles'>;
}

export interface RunningSystem {
  readonly system: CpSystem;
  readonly dispatcher: Dispatcher;
  readonly cp: ControlProgram;
  readonly host: CpHost;
  readonly console: SystemConsole;
  readonly operator: SystemOperator;
  readonly server: Tn3270Server | null;
  /** Where the TN3270 server listens (null without one). */
  readonly listening: { port: number; address: string } | null;
  /** Resolves once the system has ended (SHUTDOWN, or shutdown()) and the server is closed. */
  readonly stopped: Promise<void>;
  /** Shuts the system down as SHUTDOWN does (by the system itself); resolves when it has ended. */
  shutdown(by?: string): Promise<void>;
}

/** Starts the system. Throws when the data folder cannot be opened or the port not taken. */
export async function startSystem(options: SystemStartOptions): Promise<RunningSystem> {
  const logger = options.logger ?? silentLogger;
  const system = CpSystem.open({
    dataDir: options.dataDir,
    r6Folder: options.r6Folder,
    cold: options.cold === true,
    log: (m) => logger.info(m),
    ...options.systemOptions,
  });
  for (const note of system.notes) logger.info(`CP: ${note}`);
  const clock = options.clock ?? (() => new Date());
  const dispatcher = new Dispatcher();
  const cp = new ControlProgram(system, dispatcher, { logger, clock, vmTime: options.vmTime, systemId: systemIdOf(system.config.systemName) });
  const host = new CpHost(system, dispatcher, { ...options.hostOptions, logger, clock, vmTime: options.vmTime, cp });
  const console = new SystemConsole(cp, { output: options.consoleOutput });
  const operator = operatorOf(cp);

  // A system created just now starts cold, as a newly installed VM/370 does.
  const created = system.notes.some((n) => n.startsWith('created the default system'));
  for (const line of startupBanner(clock(), options.cold !== true && !created)) console.writeLine(line);
  const logged = operator.logonAtConsole(console, options.operatorUserid ?? 'OPERATOR');
  if (Array.isArray(logged)) logger.warn(`CP: the operator is not logged on: ${logged.join('; ')}`);
  console.writeLine(`${operator.time()} ${operator.filesLine()}`);

  let server: Tn3270Server | null = null;
  let listening: { port: number; address: string } | null = null;
  if (options.port !== null) {
    try {
      server = new Tn3270Server({ host, port: options.port ?? 3270, bindAddress: options.bind, addresses: options.addresses, logger });
      listening = await server.listen();
    } catch (e) {
      host.close();
      dispatcher.stop();
      system.close();
      throw new Error(`cannot listen on ${options.bind ?? '127.0.0.1'}:${options.port ?? 3270}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  // Initialization is complete when terminals can connect.
  console.writeLine('DMKCPI966I INITIALIZATION COMPLETE');

  const stopped = new Promise<void>((resolve) => {
    operator.onShutdown(() => {
      host.close();
      dispatcher.stop();
      // The shared volumes are synced and closed once every machine has gone.
      system.close();
      const closing = server?.close() ?? Promise.resolve();
      closing.then(resolve, resolve);
    });
  });
  return {
    system, dispatcher, cp, host, console, operator, server, listening, stopped,
    async shutdown(by = 'SYSTEM') {
      await operator.requestShutdown(by);
      await stopped;
    },
  };
}

/** The system identifier (QUERY USERID: CMSUSER AT VM370): the system's name without blanks or slashes. */
function systemIdOf(name: string): string {
  return name.replace(/[^A-Z0-9@#$]/gi, '').toUpperCase().slice(0, 8) || 'VM370';
}
