import { performance } from 'node:perf_hooks';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { buildCatalog } from '../src/catalog/build-catalog.ts';
import { loadYamlFile } from '../src/config/load-yaml-file.ts';
import { defaultPolicies } from '../src/config/policies.ts';
import { semanticModelSchema } from '../src/config/semantic-model.ts';
import { benchForeignKeyInference } from './foreign-keys.ts';
import { percentile } from '../src/eval/percentile.ts';
import { validateSql } from '../src/pipeline/validate-sql.ts';
import { runSlackBench } from './slack.ts';
import { describeTokens, linkingRecall, promptTokens, widenCatalog } from './prompt-tokens.ts';
import { createAssistant } from '../src/assistant/create-assistant.ts';
import { openFastLane } from '../src/fast-lane/open-fast-lane.ts';
import { createMemoryStateStore } from '../src/providers/memory/memory-state-store.ts';
import { applyPolicies, refusalRules } from '../src/pipeline/apply-policies.ts';
import { noRowFilters } from '../src/governance/row-filters/resolve-row-filters.ts';
import { loadSuites } from '../src/eval/load-suites.ts';
import { startEmbeddedPostgres } from '../src/providers/embedded-postgres/start-embedded-postgres.ts';
import { createPostgresDatasource } from '../src/providers/postgres/create-postgres-datasource.ts';
import { benchAudit } from './audit.ts';
import { benchBudgets } from './budget.ts';
import { benchBursts } from './burst.ts';
import { benchRowFilters } from './row-filters.ts';

/** `pnpm bench`: prints figures; never fails on time. */

function line(name: string, value: string): void {
  process.stdout.write(`${name.padEnd(48)} ${value}\n`);
}

const home = await mkdtemp(join(tmpdir(), 'sql-eval-bench-'));
// As root, PostgreSQL runs as the "postgres" user, which must be able to enter the folder.
await chmod(home, 0o755);
try {
  let started = performance.now();
  const first = await startEmbeddedPostgres({ home });
  line('embedded PostgreSQL first start (initdb + sample load)', `${Math.round(performance.now() - started)} ms`);
  await first.stop();
  started = performance.now();
  const server = await startEmbeddedPostgres({ home });
  line('embedded PostgreSQL warm start', `${Math.round(performance.now() - started)} ms`);

  const datasource = createPostgresDatasource({ name: 'sample', connectionString: server.connectionString('sample') });
  started = performance.now();
  const snapshot = await datasource.introspect();
  line('introspection (6 tables)', `${Math.round(performance.now() - started)} ms`);
  const semantic = await loadYamlFile('configs/semantic/sample.yaml', semanticModelSchema);
  const catalog = buildCatalog({ datasource: 'sample', snapshot, semantic, semanticSource: 'configs/semantic/sample.yaml', searchPath: ['public'], largeTableRows: defaultPolicies.limits.largeTableRows });

  const golden = (parseYaml(await readFile('eval/golden/sample.yaml', 'utf8')) as { cases: { gold?: string }[] }).cases;
  const statements = golden.flatMap((testCase) => (testCase.gold ? [testCase.gold] : []));
  await validateSql('SELECT 1', catalog);
  const validation: number[] = [];
  const execution: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    for (const sql of statements) {
      started = performance.now();
      const result = await validateSql(sql, catalog);
      validation.push(performance.now() - started);
      if (!result.ok) throw new Error(`gold SQL failed validation: ${sql}`);
    }
  }
  for (const sql of statements) {
    started = performance.now();
    await datasource.run(sql, { maxRows: 1000, statementTimeoutMs: 30_000 });
    execution.push(performance.now() - started);
  }
  // Validation + policy agent (cost guard included: one EXPLAIN round trip) over the security suites' SQL.
  const { suites } = await loadSuites('eval/security');
  const securitySql = suites.flatMap(({ suite }) => suite.cases.flatMap((testCase) => ('sql' in testCase ? [testCase.sql] : [])));
  const policyMs: number[] = [];
  const syntacticMs: number[] = [];
  for (const sql of [...securitySql, ...statements]) {
    started = performance.now();
    const validation = await validateSql(sql, catalog);
    if (validation.ok) {
      const context = { catalog, limits: defaultPolicies.limits, entitlements: new Set<string>(), rowFilters: noRowFilters, datasource };
      await applyPolicies(validation, context);
    }
    policyMs.push(performance.now() - started);
  }
  for (const sql of securitySql) {
    started = performance.now();
    const validation = await validateSql(sql, catalog);
    if (validation.ok) for (const rule of refusalRules) rule({ statement: validation.statement, analysis: validation.analysis, catalog, limits: defaultPolicies.limits, entitlements: new Set() });
    syntacticMs.push(performance.now() - started);
  }
  const format = (values: number[]) => `P50 ${percentile(values, 50)?.toFixed(2)} ms, P95 ${percentile(values, 95)?.toFixed(2)} ms (n=${values.length})`;
  line('validate-sql on the golden gold SQL', format(validation));
  line('execute-sql of the golden gold SQL (embedded)', format(execution));
  line('validate + policy rules, no database (security SQL)', format(syntacticMs));
  line('validate + policy agent incl. EXPLAIN cost guard', format(policyMs));
  await benchRowFilters({ datasource, catalog, statements: [...securitySql, ...statements], line });
  const questions = golden.flatMap((testCase) => ('question' in testCase ? [String((testCase as { question: string }).question)] : []));
  line('planner prompt tokens, sample schema (6 tables)', describeTokens(promptTokens(catalog, questions, '2025-07-01')));
  const wide = widenCatalog(catalog, 300);
  line('planner prompt tokens, 300-table schema', describeTokens(promptTokens(wide, questions, '2025-07-01')));
  const linkingCases = [];
  for (const testCase of golden as { question?: string; gold?: string }[]) {
    if (!testCase.question || !testCase.gold) continue;
    const validation = await validateSql(testCase.gold, catalog);
    if (validation.ok) linkingCases.push({ question: testCase.question, goldTables: validation.analysis.relations.map((relation) => relation.name) });
  }
  line('schema linking recall, 300-table schema', `${(linkingRecall(wide, linkingCases) * 100).toFixed(1)}% of questions get every table their gold SQL reads`);
  // The fast lane end to end (route, parse, validate, policy agent with its EXPLAIN, execute) on the embedded database.
  const benchState = createMemoryStateStore();
  const opened = await openFastLane({ datasource, catalog, store: benchState });
  const assistant = createAssistant({ datasource, catalog, languageModel: null, policies: defaultPolicies, today: '2025-07-01', fastLane: opened.parser, lane: 'fast', state: benchState });
  const fastMs: number[] = [];
  let answered = 0;
  const simple = (golden as { question?: string; tier?: string }[]).filter((testCase) => testCase.question && (testCase.tier ?? 'simple') === 'simple');
  for (let round = 0; round < 3; round += 1) {
    for (const testCase of simple) {
      started = performance.now();
      const reply = await assistant.ask({ text: String(testCase.question), actor: { platform: 'cli', workspaceId: 'bench', userId: 'bench' }, place: { platform: 'cli', channelId: 'bench', isDirect: true }, requestId: 'bench' });
      fastMs.push(performance.now() - started);
      if (round === 0 && reply.kind === 'answer') answered += 1;
    }
  }
  line('fast lane end to end, simple golden questions', format(fastMs));
  line('fast lane answered (simple tier)', `${answered}/${simple.length}`);
  await benchForeignKeyInference({ adminUrl: server.connectionString('postgres'), line });
  await runSlackBench({ datasource, catalog, line });
  await (await import('./teams.ts')).runTeamsBench({ datasource, catalog, line });
  await benchBudgets({ postgresUrl: server.connectionString('postgres'), line });
  await benchAudit({ datasource, catalog, postgresUrl: server.connectionString('postgres'), questions: simple.map((testCase) => String(testCase.question)), line });
  line('memory: RSS after the run', `${Math.round(process.memoryUsage().rss / 1024 / 1024)} MiB`);
  await datasource.close();
  // 100 questions at once on the default settings, each lane in a fresh process (first burst after start, then warm).
  await benchBursts({ connectionString: server.connectionString('sample'), line });
  await server.stop();
} finally {
  await rm(home, { recursive: true, force: true });
}
process.exit(0);
