// An in-process TN3270 server with the demo host on a free port, for the interop tests.

import { DemoHost } from '../../../src/term/demo-host.ts';
import type { TermLogger } from '../../../src/term/host.ts';
import { Tn3270Server, type Tn3270ServerOptions } from '../../../src/term/tn3270-server.ts';

export interface TestServer {
  server: Tn3270Server;
  host: DemoHost;
  port: number;
  log: string[];
  close(): Promise<void>;
}

export async function startDemoServer(options: Partial<Tn3270ServerOptions> = {}): Promise<TestServer> {
  const log: string[] = [];
  const logger: TermLogger = { info: (m) => log.push(`I ${m}`), warn: (m) => log.push(`W ${m}`) };
  const host = new DemoHost({ logger });
  const server = new Tn3270Server({ host, port: 0, logger, negotiationTimeoutMs: 3_000, ...options });
  const { port } = await server.listen();
  return { server, host, port, log, close: () => server.close() };
}
