// The deck runner: card decks through CMS batch machines, output compared (docs/testers-guide.md).

export { runDecks, DECK_EPOCH, type DeckInput, type DeckResult, type DeckStatus, type RunDecksOptions, type RunSummary } from './runner.ts';
export { compileJob, readDeckFile, textDeckCards, binaryCards, MalformedDeckError, CARD, type CompiledJob } from './deck.ts';
export { printerText, punchText, punchLine, unifiedDiff } from './output.ts';
export { prepareBatchSystem, batchUserid, MAX_BATCH_USERS } from './batch-system.ts';
export { expectedFiles, readExpected, DeckExit, deckExitCode } from './expected.ts';
export { runDecksOn, type RunDecksOnOptions } from './runner.ts';
export { runDecksRemote, type RemoteRunOptions } from './remote.ts';
