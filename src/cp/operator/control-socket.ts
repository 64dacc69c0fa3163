// The running system's control socket: DATA/vm370.sock, a Unix domain socket that `vm370 start`
// opens once the system is up and removes at shutdown. `vm370 deck run --data DATA` sends its decks
// here instead of starting a system of its own (docs/testers-guide.md, "Using a running system").
//
// Protocol: newline-delimited JSON, one request a connection.
//   request  { "decks": [ { "name", "cards": [base64 of 80-byte cards], "expectPrinter"?, "expectPunch"?,
//              "timeoutSeconds"? } ], "users"?: ["BATCH1", ...], "jobs"?: n, "timeoutSeconds"? }
//   answers  one line per deck as it finishes: a DeckResult with "index" (the deck's place in the
//            request), then { "done": true, "summary": { "seconds", "runSeconds", "decksPerMinute" } }
//   refused  { "error": "..." } and the connection closes (bad JSON, a bad request).
// The decks run on the system's batch users (BATCH1..BATCHn) with the deck runner's own code
// (runDecksOn), in virtual time from the fixed epoch, so the output is the one the runner's own
// system gives. Nothing a client sends can end the system: every failure is an answer.

import { existsSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { runDecksOn, type DeckInput } from '../../decks/runner.ts';
import { CARD } from '../../decks/deck.ts';
import type { TermLogger } from '../../term/host.ts';
import type { RunningSystem } from './system-start.ts';

/** The socket's file in the data folder. */
export const CONTROL_SOCKET = 'vm370.sock';

/** A request line longer than this is refused (64 MiB: thousands of cards are far less). */
const MAX_REQUEST = 64 * 1024 * 1024;

export interface ControlSocket {
  readonly path: string;
  close(): Promise<void>;
}

/** A deck request checked: the decks to run and the run's options, or why it is refused. */
interface DeckRequest {
  decks: DeckInput[];
  users?: string[];
  jobs?: number;
  timeoutSeconds?: number;
}

const isSeconds = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0 && v <= 86_400;

/** Checks a parsed request; throws an Error whose message is the answer. */
export function parseDeckRequest(value: unknown): DeckRequest {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('the request is not a JSON object');
  const r = value as Record<string, unknown>;
  if (!Array.isArray(r.decks) || r.decks.length === 0) throw new Error('"decks" must be a non-empty array');
  const decks = r.decks.map((d: unknown, i): DeckInput => {
    if (typeof d !== 'object' || d === null) throw new Error(`deck ${i + 1} is not an object`);
    const deck = d as Record<string, unknown>;
    if (typeof deck.name !== 'string' || deck.name === '') throw new Error(`deck ${i + 1}: "name" must be a string`);
    if (!Array.isArray(deck.cards)) throw new Error(`deck ${i + 1}: "cards" must be an array of base64 cards`);
    const cards = deck.cards.map((c: unknown, k) => {
      const bytes = typeof c === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(c) ? Buffer.from(c, 'base64') : undefined;
      if (bytes === undefined || bytes.length !== CARD) throw new Error(`deck ${i + 1}: card ${k + 1} is not ${CARD} bytes of base64`);
      return new Uint8Array(bytes);
    });
    for (const key of ['expectPrinter', 'expectPunch'] as const) {
      if (deck[key] !== undefined && typeof deck[key] !== 'string') throw new Error(`deck ${i + 1}: "${key}" must be a string`);
    }
    if (deck.timeoutSeconds !== undefined && !isSeconds(deck.timeoutSeconds)) throw new Error(`deck ${i + 1}: "timeoutSeconds" must be seconds`);
    return {
      name: deck.name, cards,
      expectPrinter: deck.expectPrinter as string | undefined, expectPunch: deck.expectPunch as string | undefined,
      timeoutSeconds: deck.timeoutSeconds as number | undefined,
    };
  });
  if (r.users !== undefined && (!Array.isArray(r.users) || r.users.length === 0 || !r.users.every((u) => typeof u === 'string' && /^[A-Z0-9@#$]{1,8}$/i.test(u)))) {
    throw new Error('"users" must be an array of user ids');
  }
  if (r.jobs !== undefined && !(Number.isInteger(r.jobs) && (r.jobs as number) >= 1 && (r.jobs as number) <= 32)) throw new Error('"jobs" must be 1 to 32');
  if (r.timeoutSeconds !== undefined && !isSeconds(r.timeoutSeconds)) throw new Error('"timeoutSeconds" must be seconds');
  return { decks, users: r.users as string[] | undefined, jobs: r.jobs as number | undefined, timeoutSeconds: r.timeoutSeconds as number | undefined };
}

/** Whether something answers on a Unix socket (a live system), or not (none, or a stale file). */
export function socketAnswers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (!existsSync(path)) return resolve(false);
    const probe = createConnection(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

/** Opens DATA/vm370.sock for a running system. Throws when another live system holds it. */
export async function openControlSocket(running: RunningSystem, dataDir: string, logger: TermLogger): Promise<ControlSocket> {
  const path = join(dataDir, CONTROL_SOCKET);
  if (existsSync(path)) {
    if (await socketAnswers(path)) throw new Error(`${path}: another system is running on this data folder`);
    unlinkSync(path); // left by a system that was killed
  }
  const connections = new Set<Socket>();
  const server: Server = createServer((socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    serve(running, socket, logger);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (e) => logger.warn(`CP: control socket: ${e.message}`));
  logger.info(`CP: control socket ${path}`);
  let closed: Promise<void> | undefined;
  return {
    path,
    close() {
      closed ??= new Promise<void>((resolve) => {
        for (const s of connections) s.destroy();
        server.close(() => resolve());
        // The server unlinks its socket on close; a file left behind is removed as well.
        if (existsSync(path)) {
          try {
            unlinkSync(path);
          } catch {
            // already gone
          }
        }
      });
      return closed;
    },
  };
}

/** One connection: read one request line, run its decks, answer line by line. */
function serve(running: RunningSystem, socket: Socket, logger: TermLogger): void {
  let buffer = '';
  let taken = false;
  const send = (value: unknown) => {
    if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(value)}\n`);
  };
  const refuse = (message: string) => {
    send({ error: message });
    socket.end();
    taken = true;
  };
  socket.setEncoding('utf8');
  socket.on('error', () => undefined); // a client gone away is not the system's problem
  socket.on('data', (chunk: string) => {
    if (taken) return;
    buffer += chunk;
    if (buffer.length > MAX_REQUEST) return refuse(`the request is longer than ${MAX_REQUEST} characters`);
    const end = buffer.indexOf('\n');
    if (end < 0) return;
    taken = true;
    let request: DeckRequest;
    try {
      request = parseDeckRequest(JSON.parse(buffer.slice(0, end)));
    } catch (e) {
      return refuse(e instanceof SyntaxError ? `not JSON: ${e.message}` : e instanceof Error ? e.message : String(e));
    }
    void run(running, socket, request, send, logger);
  });
}

async function run(running: RunningSystem, socket: Socket, request: DeckRequest, send: (v: unknown) => void, logger: TermLogger): Promise<void> {
  const started = performance.now();
  logger.info(`CP: control socket: ${request.decks.length} decks`);
  try {
    const { results, runSeconds } = await runDecksOn(running, request.decks, {
      users: request.users,
      jobs: request.jobs,
      timeoutSeconds: request.timeoutSeconds,
      shared: true,
      onResult: (r, index) => send({ index, ...r }),
    });
    send({ done: true, summary: { seconds: (performance.now() - started) / 1000, runSeconds, decksPerMinute: runSeconds > 0 ? (results.length * 60) / runSeconds : 0 } });
  } catch (e) {
    send({ error: `the decks could not run: ${e instanceof Error ? e.message : String(e)}` });
  }
  socket.end();
}
