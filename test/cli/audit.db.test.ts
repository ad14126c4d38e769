import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { runCli } from '../support/run-cli.ts';

/** The audit log as an operator meets it: written by `ask`, read by `audit tail`, `verify` and `export`. */

let database: TestDatabase;
let home: string;

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  home = await mkdtemp(join(tmpdir(), 'sql-eval-audit-cli-'));
});

afterAll(async () => {
  await database?.drop();
  await rm(home, { recursive: true, force: true });
});

describe('sql-eval audit', () => {
  it('records what ask ran, verifies the chain, names a tampered record, and exports', async () => {
    const environment = { SQL_EVAL_HOME: home };
    const asked = await runCli(['ask', 'How many customers are there in Portugal?', '--json', '--yes', '--database-url', database.url, '--semantic', 'configs/semantic/sample.yaml', '--today', '2025-07-01'], environment);
    expect(JSON.parse(asked.stdout)).toMatchObject({ kind: 'answer', lane: 'fast' });

    const tail = await runCli(['audit', 'tail', '--json'], environment);
    const records = JSON.parse(tail.stdout) as { kind: string; actor: string; sql?: string; rowCount?: number }[];
    expect(records.map((record) => record.kind)).toEqual(['asked', 'executing', 'executed']);
    expect(records[2]).toMatchObject({ actor: expect.stringMatching(/^cli:/), rowCount: 1, sql: expect.stringContaining('customers') });

    const verified = await runCli(['audit', 'verify'], environment);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/3 records, chain intact; last record 3, hash [0-9a-f]{64}\./);

    const csv = await runCli(['audit', 'export', '--since', '2000-01-01', '--format', 'csv'], environment);
    expect(csv.stdout.split('\n')[0]).toBe('sequence,at,kind,requestId,actor,email,channel,threadId,tenant,lane,question,sql,rowCount,durationMs,audience,personalData,violations,detail,promptTokens,completionTokens,previousHash,hash');
    expect(csv.stdout.trim().split('\n')).toHaveLength(4);
    expect((await runCli(['audit', 'export', '--since', '2999-01-01'], environment)).stdout).toBe('');

    const file = join(home, 'audit', 'audit-000001.jsonl');
    const text = await readFile(file, 'utf8');
    // The last record cut off: the head kept in the state store gives it away.
    await writeFile(file, `${text.trim().split('\n').slice(0, 2).join('\n')}\n`);
    const cut = await runCli(['audit', 'verify'], environment);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toContain('BROKEN at record 3: the log ends at record 2, but record 3 was written (records were cut off the end)');
    await writeFile(file, text.replace('"rowCount":1', '"rowCount":0'));
    const broken = await runCli(['audit', 'verify'], environment);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('BROKEN at record 3: record 3 was changed after it was written');
  });

  it('prints SQL for an append-only writer role, and rejects bad options with exit 2', async () => {
    const grants = await runCli(['audit', 'grants', '--role', 'auditor']);
    expect(grants.stdout).toContain('GRANT SELECT, INSERT ON sql_eval_audit.records TO "auditor";');
    expect((await runCli(['audit', 'export', '--since', 'yesterday'], { SQL_EVAL_HOME: home })).stderr).toContain('--since must be a date as YYYY-MM-DD');
    expect((await runCli(['audit', 'grants', '--role', 'x; DROP'])).code).toBe(2);
  });
});
