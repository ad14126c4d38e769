import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createAssistant, type Assistant } from '../assistant/create-assistant.ts';
import type { EvalRunStore } from '../ports/eval-run-store.ts';
import type { EvaluationJobRunner } from './evaluation-jobs.ts';
import { buildCatalog } from '../catalog/build-catalog.ts';
import { inferForeignKeys } from '../catalog/infer-foreign-keys.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { ConfigError } from '../config/config-error.ts';
import { datasourcesFileSchema, type DatasourceConfig } from '../config/datasources.ts';
import { loadEntitlements, loadPolicies, loadTenants } from '../config/load-config-files.ts';
import { loadYamlFile } from '../config/load-yaml-file.ts';
import type { Policies } from '../config/policies.ts';
import { refusePlaintextCredentials } from '../config/plaintext-credentials.ts';
import { emptySemanticModel, semanticModelSchema, type SemanticModel } from '../config/semantic-model.ts';
import type { Datasource } from '../ports/datasource.ts';
import type { LanguageModel } from '../ports/language-model.ts';
import { startEmbeddedPostgres } from '../providers/embedded-postgres/start-embedded-postgres.ts';
import { createOpenAiLanguageModel } from '../providers/openai/create-openai-language-model.ts';
import { guardLanguageModel } from '../providers/resilience/guard-language-model.ts';
import { openFastLane } from '../fast-lane/open-fast-lane.ts';
import { prepareRowPolicies } from '../governance/row-filters/prepare-row-policies.ts';
import type { EventClaimStore } from '../ports/state-store.ts';
import type { GrantStore } from '../ports/grant-store.ts';
import { openAudit } from './open-audit.ts';
import { openState } from './open-state.ts';
import { datasourceConnection } from './datasource-connection.ts';
import { openSecrets, resolveSecretVariables } from './open-secrets.ts';
import type { ConnectionStringSource } from '../providers/postgres/create-postgres-datasource.ts';
import { loadOpenAiSettings } from '../providers/openai/load-openai-settings.ts';
import { openAiSetup } from '../providers/openai/openai-setup.ts';
import { createLogger, type Logger } from './logger.ts';
import { createPostgresDatasource } from '../providers/postgres/create-postgres-datasource.ts';
import { discoverSchemas } from '../providers/postgres/discover-schemas.ts';
import { STATE_SCHEMA } from '../providers/postgres-state/ensure-state-schema.ts';
import { guardDatasource } from '../providers/resilience/guard-datasource.ts';
import { warmUp } from './warm-up.ts';
import { checkReadiness, type ReadinessReport } from './check-readiness.ts';
import { createMetrics, type Metrics } from './create-metrics.ts';
import { observeAssistant, observeEventClaims } from './observe-assistant.ts';
import { SAMPLE_TODAY } from '../sample-db/sample-time.ts';

/**
 * Composition: which provider serves each port, with which settings, built from flags, config files and the
 * environment. The one place that names providers; the core below receives ports.
 */

/** The choices a command passes (the CLI's global flags satisfy it). */
export interface RuntimeOptions {
  databaseUrl?: string | undefined;
  datasource?: string | undefined;
  semantic?: string | undefined;
  policies?: string | undefined;
  /** The folder of the config files. */
  config: string;
  lane?: 'auto' | 'fast' | 'llm' | undefined;
  today?: string | undefined;
}

export interface Runtime {
  assistant: Assistant;
  datasource: Datasource;
  catalog: Catalog;
  policies: Policies;
  today: string;
  languageModel: LanguageModel | null;
  /** Example questions the fast lane answers. */
  suggestions: string[];
  /** One line saying what the assistant is connected to (no credentials). */
  description: string;
  logger: Logger;
  /** The state store: chat adapters claim event ids in it (`claimEvent`), so a retried delivery is answered once. */
  state: EventClaimStore;
  /** Chat grants: the evaluation grants a security question's entitlements to its asker here. */
  grants: GrantStore;
  /** `GET /readyz`: the datasource answers a trivial query, the state store answers, the audit store is reachable. */
  readiness(): Promise<ReadinessReport>;
  /** `GET /metrics`: this runtime's Prometheus registry (replies, tokens, refusals, breakers, queue, chat events). */
  metrics: Metrics;
  close(): Promise<void>;
}

const embeddedDefault: DatasourceConfig = {
  kind: 'embedded',
  database: 'sample',
  today: SAMPLE_TODAY,
  semantic: 'configs/semantic/sample.yaml',
  schemas: ['public'],
};

export interface RuntimeChoices {
  /**
   * Where previews, thread memory and verified queries live: `file` (`$SQL_EVAL_HOME/state.json`, kept between
   * runs) or `memory` (this run only). `learn: false` neither reuses nor remembers verified queries, so an
   * evaluation measures the lanes as they are, not what earlier confirmations taught them.
   */
  state: 'file' | 'memory';
  /** How long a preview can be run; the store's default (an hour) when absent. `serve` uses 15 minutes. */
  previewTtlMs?: number | undefined;
  learn: boolean;
  /**
   * Whether questions will be asked: the fast lane reads a value index at start-up (a query per categorical
   * column), which commands that only check or describe SQL do not need.
   */
  questions: boolean;
  /**
   * Evaluation runs admins start in chat (`serve`, `demo`), made once the state store is open (their runs are
   * recorded in it) and stopped when the runtime closes; `eval` in chat points to the CLI when absent.
   */
  evaluations?: ((parts: { history: EvalRunStore }) => EvaluationJobRunner) | undefined;
}

/** `ask` and `demo`: questions, with state kept between runs. */
export const conversationRuntime: RuntimeChoices = { state: 'file', learn: true, questions: true };
/** `eval`: questions, nothing learnt or kept. */
export const evaluationRuntime: RuntimeChoices = { state: 'memory', learn: false, questions: true };
/** `check`, `db grants`: SQL only. */
export const sqlOnlyRuntime: RuntimeChoices = { state: 'memory', learn: false, questions: false };

export async function openRuntime(
  options: RuntimeOptions,
  environment: NodeJS.ProcessEnv = process.env,
  choices: RuntimeChoices = conversationRuntime,
): Promise<Runtime> {
  const logger = createLogger(environment);
  const policies = await loadPolicies(options.policies, options.config);
  const { name, config, fromFile } = await chooseDatasource(options);
  const secrets = openSecrets(environment);
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => {});
  };
  try {
    let connectionString: string;
    let connection: string | ConnectionStringSource;
    let location: string;
    if (config.kind === 'embedded') {
      const server = await startEmbeddedPostgres({ home: environment.SQL_EVAL_HOME });
      closers.push(() => server.stop());
      connectionString = server.connectionString(config.database);
      connection = connectionString;
      location = `embedded PostgreSQL (${server.dataDirectory}), database "${config.database}"`;
    } else {
      // Refused before any secret is fetched; the connection is asked again when the server rejects its credentials.
      if (fromFile) refusePlaintextCredentials(join(options.config, 'datasources.yaml'), name, config, environment);
      connection = datasourceConnection(config, fromFile ? `datasources.${name}` : '--database-url', secrets);
      connectionString = await connection({ refresh: false });
      location = `PostgreSQL at ${describeServer(connectionString)}`;
    }
    const schemas = config.schemas ?? (await discoverSchemas(connectionString, { name, excluded: [STATE_SCHEMA] }));
    const { failureThreshold, cooldownMs, maxConcurrentQueries, maxQueuedQueries, queueTimeoutMs, valueIndexRefreshMs } = policies.resilience;
    const datasource = guardDatasource(createPostgresDatasource({ name, connectionString: connection, schemas, poolSize: maxConcurrentQueries }), {
      failureThreshold,
      cooldownMs,
      maxConcurrent: maxConcurrentQueries,
      maxQueued: maxQueuedQueries,
      queueTimeoutMs,
    });
    closers.push(() => datasource.close());
    const snapshot = await datasource.introspect();
    const semanticPath = options.semantic ?? (options.databaseUrl ? undefined : config.semantic);
    const semantic = semanticPath ? await loadYamlFile(semanticPath, semanticModelSchema) : emptySemanticModel;
    const declared = buildCatalog({
      datasource: name,
      snapshot,
      semantic: semantic satisfies SemanticModel,
      semanticSource: semanticPath ?? '(none)',
      searchPath: schemas,
      largeTableRows: policies.limits.largeTableRows,
    });
    if (declared.tables.length === 0) {
      const where = schemas.length > 0 ? `in schemas ${schemas.join(', ')}` : 'in any schema this role can read';
      throw new ConfigError(`The datasource "${name}" exposes no tables ${where}. Load data (\`sql-eval sample-db load --database-url …\`) or list other schemas.`);
    }
    // Join paths named but not declared (orders.customer_id → customers.id), confirmed on the data, for answering questions.
    const catalog = choices.questions ? await inferForeignKeys(datasource, declared) : declared;
    const today = options.today ?? config.today ?? new Date().toISOString().slice(0, 10);
    const settings = loadOpenAiSettings(await resolveSecretVariables(environment, secrets, ['OPENAI_API_KEY']));
    const languageModel = settings ? guardLanguageModel(createOpenAiLanguageModel(settings)) : null;
    const entitlements = await loadEntitlements(options.config);
    // Row filters are checked now, against the catalog and on the database: a bad one stops the start.
    const rowPolicies = await prepareRowPolicies(entitlements, catalog, datasource, { statementTimeoutMs: policies.limits.statementTimeoutMs, role: config.role }, join(options.config, 'entitlements.yaml'));
    const tenants = await loadTenants(options.config);
    const opened = await openState(choices.state, environment, { previewTtlMs: choices.previewTtlMs, secrets });
    closers.push(() => opened.close());
    const state = opened.store;
    // Runs that keep state (ask, demo, serve) are audited; evaluations and SQL checks are not.
    const audit = choices.state === 'file' ? await openAudit(environment, { secrets, heads: state, onHeadError: (error) => logger.warn({ err: error }, 'the audit head could not be kept in the state store') }) : null;
    if (audit) closers.push(() => audit.close());
    const evaluations = choices.evaluations?.({ history: state });
    if (evaluations) closers.push(() => evaluations.close());
    const fastLane = choices.questions
      ? await openFastLane({ datasource, catalog, store: state, refreshIntervalMs: valueIndexRefreshMs, log: (level, message, details) => logger[level](details, message) })
      : null;
    if (fastLane) closers.push(() => fastLane.close());
    const assistant = createAssistant({
      datasource,
      catalog,
      languageModel,
      languageModelSetup: openAiSetup,
      policies,
      entitlements,
      rowPolicies,
      today,
      lane: options.lane,
      role: config.role,
      state,
      grants: state,
      budget: { tenants, ledger: state },
      audit: audit?.store,
      fastLane: fastLane?.parser ?? null,
      verifiedQueries: choices.learn ? (fastLane?.verifiedQueries ?? null) : null,
      suggestions: fastLane?.suggestions ?? [],
      evaluations,
      onUnexpectedError: (error, requestId) => logger.error({ err: error, requestId }, 'unexpected error'),
    });
    const metrics = createMetrics({ datasource, languageModel });
    if (choices.questions) {
      await warmUp({ assistant, fastLane, today, logger, connections: maxConcurrentQueries, planner: languageModel ? { budgetTimeZone: tenants.timezone } : null });
    }
    return {
      // Warm-up questions above went to the unobserved assistant: metrics count only what people asked.
      assistant: observeAssistant(assistant, metrics, tenants, logger),
      datasource,
      catalog,
      policies,
      today,
      languageModel,
      suggestions: fastLane?.suggestions ?? [],
      description: `${location}; ${catalog.tables.length} tables; today is ${today}; ${languageModel ? `planner: ${languageModel.name}` : 'no language model: the fast lane answers simple questions (set OPENAI_API_KEY for the rest)'}`,
      logger,
      state: observeEventClaims(state, metrics),
      grants: state,
      metrics,
      readiness: () =>
        checkReadiness({
          datasource: () => datasource.run('SELECT 1', { maxRows: 1, statementTimeoutMs: 2_000 }),
          state: () => state.keptAuditHead(),
          audit: audit ? () => audit.reachable() : undefined,
        }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

async function chooseDatasource(options: RuntimeOptions): Promise<{ name: string; config: DatasourceConfig; fromFile: boolean }> {
  if (options.databaseUrl) {
    return { name: options.datasource ?? 'database', config: { kind: 'postgres', url: options.databaseUrl, semantic: options.semantic }, fromFile: false };
  }
  const path = join(options.config, 'datasources.yaml');
  if (!existsSync(path)) {
    if (options.datasource && options.datasource !== 'sample') throw new ConfigError(`No ${path}: only the embedded "sample" datasource is available.`);
    return { name: 'sample', config: embeddedDefault, fromFile: false };
  }
  const file = await loadYamlFile(path, datasourcesFileSchema);
  const name = options.datasource ?? file.default;
  const config = file.datasources[name];
  if (!config) throw new ConfigError(`${path}: there is no datasource "${name}" (known: ${Object.keys(file.datasources).join(', ')}).`);
  return { name, config, fromFile: true };
}

/** `host:port/database`, never the user or password. */
export function describeServer(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}
