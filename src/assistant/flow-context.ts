import { meterLanguageModel } from '../budget/meter-language-model.ts';
import { periodsAt } from '../budget/periods.ts';
import { tenantFor } from '../budget/tenant.ts';
import { emptyEntitlements, type EntitlementsFile } from '../config/entitlements.ts';
import type { Limits } from '../config/policies.ts';
import type { Access } from '../governance/access.ts';
import { identityKeys, isAdmin, resolveEntitlements, type ResolvedEntitlement } from '../governance/entitlements.ts';
import { compileRowPolicies, type RowPolicies } from '../governance/row-filters/compile-row-policies.ts';
import { resolveRowFilters } from '../governance/row-filters/resolve-row-filters.ts';
import type { ChatGrant } from '../ports/grant-store.ts';
import type { DatasourceError } from '../ports/datasource.ts';
import { genericLanguageModelSetup, type LanguageModel, type LanguageModelSetup } from '../ports/language-model.ts';
import type { StateStore } from '../ports/state-store.ts';
import { describeDatasourceError, type ExecuteContext } from '../pipeline/execute-sql.ts';
import { reviewSql, type Review, type ReviewContext } from '../pipeline/review-sql.ts';
import { loadSqlParser } from '../sql/parse-sql.ts';
import { actorKey, channelKey, type Actor, type Place } from '../vocabulary/actor.ts';
import { failure, type FailureReply, type Lane } from '../vocabulary/reply.ts';
import type { AssistantConfig } from './assistant.ts';
import { createAuditTrail, type AuditTrail } from './audit-trail.ts';

/** What every flow (ask, confirm, cancel, check, command) shares: the configuration and a few helpers over it. */
export interface FlowContext {
  config: AssistantConfig;
  state: StateStore;
  limits: Limits;
  setup: LanguageModelSetup;
  now: () => number;
  executeContext: ExecuteContext;
  reviewContext: ReviewContext;
  /**
   * What this person may read: the file's entitlements and row filters with their live chat grants (and attributes),
   * resolved again for every request, and at Run for whoever clicks.
   */
  accessOf(actor: Actor): Promise<Access>;
  /** The same, each with where it comes from (for `whoami`). */
  resolvedEntitlementsOf(actor: Actor): Promise<ResolvedEntitlement[]>;
  isAdmin(actor: Actor): boolean;
  review(sql: string, access: Access): Promise<Review>;
  /** The language model as this asker's question sees it: charged to the place's tenant when budgets are on. */
  plannerModel(model: LanguageModel, actor: Actor, place: Place): LanguageModel;
  /** Where an answer reading these personal-data columns may be shown: privately unless the place is private or restricted. */
  audienceFor(actor: Actor, place: Place, personalData: string[]): 'thread' | 'private';
  /** The audit log's records of what the flows do. */
  audit: AuditTrail;
  /** The reply for a database that could not be reached (down, breaker open, overloaded). */
  unavailableReply(requestId: string, lane: Lane, error: DatasourceError, sql: string | null): FailureReply;
}

/** The completion cap of one planner call, reserved in full before it (a plan is SQL and a sentence or two). */
const plannerCompletionTokens = 2_000;

export function createFlowContext(config: AssistantConfig): FlowContext {
  const limits = config.policies.limits;
  const entitlements: EntitlementsFile = config.entitlements ?? emptyEntitlements;
  const grantsOf = async (actor: Actor): Promise<ChatGrant[]> => (config.grants ? await config.grants.listGrants(identityKeys(actor)) : []);
  const resolved = async (actor: Actor) => resolveEntitlements(actor, entitlements, await grantsOf(actor));
  let rowPolicies: Promise<RowPolicies> | undefined;
  const compiledRowPolicies = () => (rowPolicies ??= config.rowPolicies ? Promise.resolve(config.rowPolicies) : loadSqlParser().then(() => compileRowPolicies(entitlements, config.catalog)));
  const reviewContext: ReviewContext = { catalog: config.catalog, limits, datasource: config.datasource, role: config.role };
  return {
    config,
    state: config.state,
    limits,
    setup: config.languageModelSetup ?? genericLanguageModelSetup,
    now: config.now ?? Date.now,
    executeContext: { datasource: config.datasource, limits, role: config.role },
    reviewContext,
    audit: createAuditTrail(config, config.now ?? Date.now),
    accessOf: async (actor) => {
      const grants = await grantsOf(actor);
      const granted = resolveEntitlements(actor, entitlements, grants).map((entry) => entry.entitlement);
      return { entitlements: new Set(granted), rowFilters: resolveRowFilters(actor, await compiledRowPolicies(), grants) };
    },
    resolvedEntitlementsOf: resolved,
    isAdmin: (actor) => isAdmin(actor, entitlements),
    review: (sql, access) => reviewSql(sql, access, reviewContext),
    audienceFor: (actor, place, personalData) => {
      if (personalData.length === 0 || place.isDirect) return 'thread';
      return entitlements.restrictedChannels.includes(channelKey(actor, place)) ? 'thread' : 'private';
    },
    plannerModel: (model, actor, place) => {
      if (!config.budget) return model;
      const now = config.now ?? Date.now;
      const { tenants, ledger } = config.budget;
      return meterLanguageModel(model, {
        ledger,
        tenant: tenantFor(actor, place, tenants),
        asker: actorKey(actor),
        periods: periodsAt(now(), tenants.timezone),
        completionTokens: plannerCompletionTokens,
        reservationTtlMs: limits.planningTimeoutMs + 60_000,
        now,
      }).languageModel;
    },
    unavailableReply: (requestId, lane, error, sql) => {
      const described = describeDatasourceError(error, limits, config.datasource.name);
      return failure(requestId, lane, described.code, described.message, described.hint, sql);
    },
  };
}
