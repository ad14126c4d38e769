import path from 'node:path';
import { STATE_LIMITS, type StateStore, type StateStoreOptions } from '../../ports/state-store.ts';
import { budgetUsageIn, releaseTokensIn, reserveTokensIn, settleTokensIn } from '../shared/budget-document.ts';
import { emptyEvalRunDocument, getEvalRunIn, listEvalRunsIn, saveEvalRunIn, type EvalRunDocument } from '../shared/eval-run-document.ts';
import { listGrantsIn, revokeGrantIn, saveGrantIn } from '../shared/grant-document.ts';
import {
  appendTurnIn,
  claimEventIn,
  keepAuditHeadIn,
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
import { evalRunsFileBeside, parseEvalRunsFile, stringifyEvalRunsFile } from './eval-runs-file.ts';
import { openLockedJsonFile, type LockedJsonFile } from './locked-json-file.ts';
import { StateFileError } from './state-file-error.ts';
import { parseStateFile, stringifyStateFile } from './state-file-schema.ts';

export interface LowdbStateStoreOptions extends StateStoreOptions {
  /** The JSON file. Default `<home>/state.json`. */
  file?: string | undefined;
  /** Default `$SQL_EVAL_HOME`, else `<cwd>/.sql-eval`. */
  home?: string | undefined;
  /** A lock on the file older than this is a crashed process's and is taken over. Default 10 s. */
  staleLockMs?: number | undefined;
}

export interface LowdbStateStore extends StateStore {
  /** The absolute path of the JSON file. */
  readonly file: string;
  /** Waits for pending writes and releases the file, so it can be opened again. */
  close(): Promise<void>;
}

/** Files opened by this process: share the one StateStore instead of opening a second (its writes would queue behind the first's lock). */
const openFiles = new Set<string>();

export function defaultStateFile(home?: string | undefined): string {
  return path.resolve(home || process.env.SQL_EVAL_HOME || path.join(process.cwd(), '.sql-eval'), 'state.json');
}

/**
 * The embedded default: all state in one JSON file. Every operation is one synchronous read-modify-write of the
 * document, done inside a cross-process lock on the file against what is on disk at that moment (see
 * locked-json-file.ts), so several processes (CLI runs, a demo and an `ask`) share one file without losing each
 * other's writes: of two takes of one preview, even from two processes, one gets it. For replicas on several
 * machines, use the PostgreSQL provider. Recorded evaluation runs live in a second file beside it (eval-runs-file.ts).
 */
export async function createLowdbStateStore(options: LowdbStateStoreOptions = {}): Promise<LowdbStateStore> {
  const file = options.file === undefined ? defaultStateFile(options.home) : path.resolve(options.file);
  if (openFiles.has(file)) {
    throw new StateFileError(file, `The state file ${file} is already open in this process: share that StateStore instead of opening a second one.`, { code: 'failed' });
  }
  openFiles.add(file);
  try {
    const document = await openLockedJsonFile<StateDocument>({
      file,
      parse: (text) => parseStateFile(file, text),
      stringify: stringifyStateFile,
      empty: emptyStateDocument,
      staleMs: options.staleLockMs,
    });
    // Recorded evaluation runs: a file of their own, opened (and read) only when first used.
    const evalRunsFile = evalRunsFileBeside(file);
    const evalRuns = () =>
      openLockedJsonFile<EvalRunDocument>({
        file: evalRunsFile,
        parse: (text) => parseEvalRunsFile(evalRunsFile, text),
        stringify: stringifyEvalRunsFile,
        empty: emptyEvalRunDocument,
        staleMs: options.staleLockMs,
      });
    return wrapDocument(document, file, evalRuns, {
      now: options.now ?? Date.now,
      previewTtlMs: options.previewTtlMs ?? STATE_LIMITS.previewTtlMs,
    });
  } catch (error) {
    openFiles.delete(file);
    throw error;
  }
}

function wrapDocument(db: LockedJsonFile<StateDocument>, file: string, openEvalRuns: () => Promise<LockedJsonFile<EvalRunDocument>>, clock: StateClock): LowdbStateStore {
  let closed = false;
  const { update, read } = db;
  let evalRuns: Promise<LockedJsonFile<EvalRunDocument>> | undefined;
  const runs = async () => {
    if (closed) throw new StateFileError(file, `The state store on ${file} is closed.`, { code: 'failed' });
    evalRuns ??= openEvalRuns().catch((error: unknown) => {
      evalRuns = undefined;
      throw error;
    });
    return evalRuns;
  };
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
    reserveTokens: (request) => update((document) => reserveTokensIn(document.budget, request, clock.now())),
    settleTokens: (reservationId, usedTokens) => update((document) => settleTokensIn(document.budget, reservationId, usedTokens)),
    releaseTokens: (reservationId) => update((document) => releaseTokensIn(document.budget, reservationId)),
    budgetUsage: (tenant, day, month) => read((document) => budgetUsageIn(document.budget, tenant, day, month, clock.now())),
    saveGrant: (grant) => update((document) => saveGrantIn(document.grants, grant, clock.now())),
    revokeGrant: (grantee, entitlement) => update((document) => revokeGrantIn(document.grants, grantee, entitlement)),
    listGrants: (grantees) => read((document) => listGrantsIn(document.grants, grantees, clock.now())),
    keepAuditHead: (head) => update((document) => keepAuditHeadIn(document, head)),
    keptAuditHead: () => read((document) => (document.auditHead ? { ...document.auditHead } : null)),
    saveEvalRun: async (run) => (await runs()).update((document) => saveEvalRunIn(document, run)),
    listEvalRuns: async (query) => (await runs()).read((document) => listEvalRunsIn(document, query)),
    getEvalRun: async (idOrPrefix) => (await runs()).read((document) => getEvalRunIn(document, idOrPrefix)),
    async close() {
      if (closed) return;
      closed = true;
      await db.close();
      await (await evalRuns?.catch(() => undefined))?.close();
      openFiles.delete(file);
    },
  };
}
