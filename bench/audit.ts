import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createAssistant } from '../src/assistant/create-assistant.ts';
import type { Catalog } from '../src/catalog/catalog.ts';
import { defaultPolicies } from '../src/config/policies.ts';
import { percentile } from '../src/eval/percentile.ts';
import { openFastLane } from '../src/fast-lane/open-fast-lane.ts';
import type { AuditStore } from '../src/ports/audit-store.ts';
import type { Datasource } from '../src/ports/datasource.ts';
import { createFileAuditStore } from '../src/providers/file-audit/create-file-audit-store.ts';
import { createMemoryAuditStore } from '../src/providers/memory/memory-audit-store.ts';
import { AUDIT_SCHEMA, createPostgresAuditStore } from '../src/providers/postgres-audit/create-postgres-audit-store.ts';
import { createMemoryStateStore } from '../src/providers/memory/memory-state-store.ts';

/**
 * Audit figures for `pnpm bench`: append latency per provider (P50/P99, one at a time, each record durable), and its
 * share of the fast lane's end-to-end time: the same questions answered with no audit and with the file audit (three
 * records per answer: asked, executing, executed).
 */

type Line = (name: string, value: string) => void;

async function appendLatency(name: string, store: AuditStore, line: Line): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < 200; index += 1) {
    const started = performance.now();
    await store.append({ kind: 'executed', at: new Date().toISOString(), requestId: `bench-${index}`, actor: 'cli:bench', channel: 'cli:local:bench', lane: 'fast', sql: 'SELECT count(*) FROM orders', rowCount: 1, durationMs: 2 });
    times.push(performance.now() - started);
  }
  line(`audit append, ${name}`, `P50 ${percentile(times, 50)?.toFixed(2)} ms, P99 ${percentile(times, 99)?.toFixed(2)} ms (n=200)`);
  return percentile(times, 50) ?? 0;
}

export async function benchAudit(input: { datasource: Datasource; catalog: Catalog; postgresUrl: string; questions: string[]; line: Line }): Promise<void> {
  const { line } = input;
  await appendLatency('memory', createMemoryAuditStore(), line);
  const folder = await mkdtemp(path.join(tmpdir(), 'sql-eval-bench-audit-'));
  const pool = new pg.Pool({ connectionString: input.postgresUrl, max: 4 });
  try {
    const file = await createFileAuditStore({ folder: path.join(folder, 'append') });
    await appendLatency('file (fsync)', file, line);
    await file.close();
    await pool.query(`DROP SCHEMA IF EXISTS ${AUDIT_SCHEMA} CASCADE`);
    await appendLatency('postgres', await createPostgresAuditStore(pool), line);

    const endToEnd = async (audit: AuditStore | undefined): Promise<number> => {
      const state = createMemoryStateStore();
      const opened = await openFastLane({ datasource: input.datasource, catalog: input.catalog, store: state });
      const assistant = createAssistant({ datasource: input.datasource, catalog: input.catalog, languageModel: null, policies: defaultPolicies, today: '2025-07-01', fastLane: opened.parser, lane: 'fast', state, audit });
      const times: number[] = [];
      for (const text of input.questions) {
        const started = performance.now();
        await assistant.ask({ text, actor: { platform: 'cli', workspaceId: 'bench', userId: 'bench' }, place: { platform: 'cli', channelId: 'bench', isDirect: true }, requestId: 'bench' });
        times.push(performance.now() - started);
      }
      opened.close();
      return percentile(times, 50) ?? 0;
    };
    const without = await endToEnd(undefined);
    const fileAudit = await createFileAuditStore({ folder: path.join(folder, 'fast-lane') });
    const withFile = await endToEnd(fileAudit);
    // Records about a question are queued, not waited for: let them land before the folder goes.
    await fileAudit.close();
    line('fast lane P50 without audit / with the file audit', `${without.toFixed(1)} ms / ${withFile.toFixed(1)} ms (audit ${Math.max(0, ((withFile - without) / withFile) * 100).toFixed(0)}% of the time)`);
  } finally {
    await pool.query(`DROP SCHEMA IF EXISTS ${AUDIT_SCHEMA} CASCADE`).catch(() => undefined);
    await pool.end();
    await rm(folder, { recursive: true, force: true });
  }
}
