import { STATE_LIMITS, type StateStore, type StateStoreOptions } from '../../ports/state-store.ts';
import { listGrantsIn, revokeGrantIn, saveGrantIn } from '../shared/grant-document.ts';
import { budgetUsageIn, releaseTokensIn, reserveTokensIn, settleTokensIn } from '../shared/budget-document.ts';
import { emptyEvalRunDocument, getEvalRunIn, listEvalRunsIn, saveEvalRunIn } from '../shared/eval-run-document.ts';
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
} from '../shared/state-document.ts';

/** State held in this process only: for tests, the eval harness and one-off CLI runs. */
export function createMemoryStateStore(options: StateStoreOptions = {}): StateStore {
  const document = emptyStateDocument();
  const { budget, grants } = document;
  const evalRuns = emptyEvalRunDocument();
  const clock: StateClock = { now: options.now ?? Date.now, previewTtlMs: options.previewTtlMs ?? STATE_LIMITS.previewTtlMs };
  return {
    savePreview: async (preview) => savePreviewIn(document, preview, clock),
    takePreview: async (previewId) => takePreviewFrom(document, previewId, clock),
    peekPreview: async (previewId) => peekPreviewIn(document, previewId, clock),
    appendTurn: async (threadKey, turn) => appendTurnIn(document, threadKey, turn),
    recentTurns: async (threadKey, limit) => recentTurnsIn(document, threadKey, limit),
    saveVerifiedQuery: async (query) => saveVerifiedQueryIn(document, query),
    listVerifiedQueries: async (datasource) => listVerifiedQueriesIn(document, datasource),
    claimEvent: async (eventId, ttlMs) => claimEventIn(document, eventId, ttlMs, clock.now()),
    reserveTokens: async (request) => reserveTokensIn(budget, request, clock.now()),
    settleTokens: async (reservationId, usedTokens) => settleTokensIn(budget, reservationId, usedTokens),
    releaseTokens: async (reservationId) => releaseTokensIn(budget, reservationId),
    budgetUsage: async (tenant, day, month) => budgetUsageIn(budget, tenant, day, month, clock.now()),
    saveGrant: async (grant) => saveGrantIn(grants, grant, clock.now()),
    revokeGrant: async (grantee, entitlement) => revokeGrantIn(grants, grantee, entitlement),
    listGrants: async (grantees) => listGrantsIn(grants, grantees, clock.now()),
    keepAuditHead: async (head) => keepAuditHeadIn(document, head),
    keptAuditHead: async () => (document.auditHead ? { ...document.auditHead } : null),
    saveEvalRun: async (run) => saveEvalRunIn(evalRuns, run),
    listEvalRuns: async (query) => listEvalRunsIn(evalRuns, query),
    getEvalRun: async (idOrPrefix) => getEvalRunIn(evalRuns, idOrPrefix),
  };
}
