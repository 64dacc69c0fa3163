// The deck runner's client of a running system's control socket (src/cp/operator/control-socket.ts):
// `vm370 deck run --data DIR` sends its decks to the system `vm370 start --data DIR` runs, and gets
// the same results the runner's own system gives (docs/testers-guide.md, "Using a running system").
// The deck files are read here (a malformed text deck is told here, as the runner tells it); the
// cards go to the system as base64.

import { createConnection } from 'node:net';
import { MalformedDeckError, readDeckFile, textDeckCards } from './deck.ts';
import type { DeckInput, DeckResult, RunSummary } from './runner.ts';

export interface RemoteRunOptions {
  users?: readonly string[];
  jobs?: number;
  timeoutSeconds?: number;
  onResult?: (result: DeckResult) => void;
}

const failed = (deck: DeckInput, status: DeckResult['status'], message: string): DeckResult => ({
  deck: deck.name, job: '', status, printer: '', punch: '', console: [], diff: '', message, seconds: 0,
});

/** Runs decks on the system listening on `socketPath`; every deck gets a result, whatever happens. */
export async function runDecksRemote(socketPath: string, decks: readonly DeckInput[], options: RemoteRunOptions = {}): Promise<RunSummary> {
  const started = performance.now();
  const results: (DeckResult | undefined)[] = new Array(decks.length).fill(undefined);
  const sent: { deck: DeckInput; at: number }[] = [];
  const finish = (at: number, result: DeckResult) => {
    if (results[at] !== undefined) return;
    results[at] = result;
    options.onResult?.(result);
  };
  const request: { name: string; cards: string[]; expectPrinter?: string; expectPunch?: string; timeoutSeconds?: number }[] = [];
  decks.forEach((deck, at) => {
    try {
      const cards = deck.cards ?? (deck.text !== undefined ? textDeckCards(deck.name, deck.text) : readDeckFile(deck.path ?? deck.name));
      request.push({
        name: deck.name, cards: cards.map((c) => Buffer.from(c).toString('base64')),
        expectPrinter: deck.expectPrinter, expectPunch: deck.expectPunch, timeoutSeconds: deck.timeoutSeconds,
      });
      sent.push({ deck, at });
    } catch (e) {
      finish(at, failed(deck, e instanceof MalformedDeckError ? 'malformed' : 'error', e instanceof Error ? e.message : String(e)));
    }
  });
  let runSeconds = 0;
  if (sent.length > 0) {
    const problem = await new Promise<string | undefined>((resolve) => {
      const socket = createConnection(socketPath);
      let buffer = '';
      let done = false;
      socket.setEncoding('utf8');
      socket.once('connect', () => {
        socket.write(`${JSON.stringify({ decks: request, users: options.users, jobs: options.jobs, timeoutSeconds: options.timeoutSeconds })}\n`);
      });
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, end);
          buffer = buffer.slice(end + 1);
          let answer: { index?: number; done?: boolean; error?: string; summary?: { runSeconds?: number } } & Partial<DeckResult>;
          try {
            answer = JSON.parse(line);
          } catch {
            done = true;
            socket.destroy();
            return resolve(`the system answered something that is not JSON: ${line.slice(0, 80)}`);
          }
          if (answer.error !== undefined) {
            done = true;
            socket.destroy();
            return resolve(`the system refused the decks: ${answer.error}`);
          }
          if (answer.done) {
            done = true;
            runSeconds = answer.summary?.runSeconds ?? 0;
            socket.destroy();
            return resolve(undefined);
          }
          const to = typeof answer.index === 'number' ? sent[answer.index] : undefined;
          if (to !== undefined) {
            const { index: _index, ...result } = answer;
            finish(to.at, result as DeckResult);
          }
        }
      });
      socket.on('error', (e) => {
        if (!done) resolve(`the running system does not answer: ${e.message}`);
        done = true;
      });
      socket.on('close', () => {
        if (!done) resolve('the running system closed the connection before the end of the run');
        done = true;
      });
    });
    if (problem !== undefined) for (const { deck, at } of sent) finish(at, failed(deck, 'error', problem));
  }
  return {
    results: results as DeckResult[],
    seconds: (performance.now() - started) / 1000,
    runSeconds,
    decksPerMinute: runSeconds > 0 ? (sent.length * 60) / runSeconds : 0,
  };
}
