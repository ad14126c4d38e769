import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { DataFile } from 'lowdb/node';
import { STATE_LIMITS, type StateStore, type StateStoreOptions } from '../../ports/state-store.ts';
import {
  appendTurnIn,
  claimEventIn,
  emptyStateDocument,
  listVerifiedQueriesIn,
  peekPreviewIn,
  recentTurnsIn,
  savePreviewIn,
  saveVerifiedQueryIn,
  takePreviewFrom,
  type StateClock,
  type StateDocument,
} from '../shared/state-document.ts';
import { StateFileError, stateFileAdvice } from './state-file-error.ts';
import { parseStateFile, stringifyStateFile } from './state-file-schema.ts';

export interface LowdbStateStoreOptions extends StateStoreOptions {
  /** The JSON file. Default `<home>/state.json`. */
  file?: string | undefined;
  /** Default `$SQL_EVAL_HOME`, else `<cwd>/.sql-eval`. */
  home?: string | undefined;
}

export interface LowdbStateStore extends StateStore {
  /** The absolute path of the JSON file. */
  readonly file: string;
  /** Waits for pending writes and releases the file, so it can be opened again. */
  close(): Promise<void>;
}

/** Files opened by this process: a second lowdb instance on one file would overwrite the first one's writes. */
const openFiles = new Set<string>();

export function defaultStateFile(home?: string | undefined): string {
  return path.resolve(home || process.env.SQL_EVAL_HOME || path.join(process.cwd(), '.sql-eval'), 'state.json');
}

/**
 * The embedded default: all state in one JSON file, written whole through a temporary file and a rename. Every
 * operation is one synchronous read-modify-write inside `db.update()`, so concurrent calls in this process cannot
 * interleave (two takes of one preview: one gets it). One process per file; use the PostgreSQL provider for replicas.
 */
export async function createLowdbStateStore(options: LowdbStateStoreOptions = {}): Promise<LowdbStateStore> {
  const file = options.file === undefined ? defaultStateFile(options.home) : path.resolve(options.file);
  if (openFiles.has(file)) {
    throw new StateFileError(file, `The state file ${file} is already open in this process: share that StateStore instead of opening a second one (two writers would lose each other's updates).`);
  }
  openFiles.add(file);
  try {
    const db = await openDocument(file);
    return wrapDocument(db, file, {
      now: options.now ?? Date.now,
      previewTtlMs: options.previewTtlMs ?? STATE_LIMITS.previewTtlMs,
    });
  } catch (error) {
    openFiles.delete(file);
    throw error;
  }
}

async function openDocument(file: string): Promise<Low<StateDocument>> {
  const db = new Low<StateDocument>(
    new DataFile<StateDocument>(file, { parse: (text) => parseStateFile(file, text), stringify: stringifyStateFile }),
    emptyStateDocument(),
  );
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await db.read();
  } catch (error) {
    if (error instanceof StateFileError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new StateFileError(file, `The state file ${file} could not be read (${reason}). ${stateFileAdvice(file)}`, { cause: error });
  }
  return db;
}

function wrapDocument(db: Low<StateDocument>, file: string, clock: StateClock): LowdbStateStore {
  const pendingWrites = new Set<Promise<void>>();
  let closed = false;

  /** Runs `change` synchronously on the document, then waits for the file to be written. */
  async function update<T>(change: (document: StateDocument) => T): Promise<T> {
    if (closed) throw new StateFileError(file, `The state store on ${file} is closed.`);
    let result: T | undefined;
    const write = db.update((document) => {
      result = change(document);
    });
    pendingWrites.add(write);
    try {
      await write;
    } finally {
      pendingWrites.delete(write);
    }
    return result as T;
  }

  function read<T>(look: (document: StateDocument) => T): Promise<T> {
    if (closed) return Promise.reject(new StateFileError(file, `The state store on ${file} is closed.`));
    return Promise.resolve(look(db.data));
  }

  return {
    file,
    savePreview: (preview) => update((document) => savePreviewIn(document, preview, clock)),
    takePreview: (previewId) => update((document) => takePreviewFrom(document, previewId, clock)),
    peekPreview: (previewId) => read((document) => peekPreviewIn(document, previewId, clock)),
    appendTurn: (threadKey, turn) => update((document) => appendTurnIn(document, threadKey, turn)),
    recentTurns: (threadKey, limit) => read((document) => recentTurnsIn(document, threadKey, limit)),
    saveVerifiedQuery: (query) => update((document) => saveVerifiedQueryIn(document, query)),
    listVerifiedQueries: (datasource) => read((document) => listVerifiedQueriesIn(document, datasource)),
    claimEvent: (eventId, ttlMs) => update((document) => claimEventIn(document, eventId, ttlMs, clock.now())),
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...pendingWrites]);
      openFiles.delete(file);
    },
  };
}
