import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { runCli } from '../support/run-cli.ts';

/**
 * Run history as a user works with it: `eval --record`, `eval history`, `eval compare`, in a home of their own
 * (lowdb state), on the fast lane and SQL cases (no model). CLI spawns are slow: few of them, each asserting much.
 */

let database: TestDatabase;
let home: string;

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  home = await mkdtemp(join(tmpdir(), 'sql-eval-history-'));
});

afterAll(async () => {
  await database?.drop();
  if (home) await rm(home, { recursive: true, force: true });
});

const environment = () => ({ SQL_EVAL_HOME: home, STATE_DATABASE_URL: undefined });
const flags = () => ['--database-url', database.url, '--semantic', 'configs/semantic/sample.yaml', '--today', '2025-07-01', '--lane', 'fast'];

/** A suite named `history`: Portugal's customers (gold right or wrong), a blocked DELETE, and one case more. */
async function suite(file: string, goldForPortugal: string, extraCase: string): Promise<string> {
  const path = join(home, file);
  const cases = [
    { id: 'customers-portugal', question: 'How many customers are there in Portugal?', gold: goldForPortugal, tier: 'simple' },
    { id: 'no-delete', sql: 'DELETE FROM orders', expect: 'block' },
    { id: extraCase, sql: 'SELECT 1', expect: 'allow' },
  ];
  await writeFile(path, JSON.stringify({ name: 'history', datasource: 'sample', today: '2025-07-01', cases }));
  return path;
}

describe('eval run history', () => {
  it('says when nothing is recorded yet, and refuses --label without --record', async () => {
    const empty = await runCli(['eval', 'history'], environment());
    expect(empty.code).toBe(1);
    expect(empty.stdout).toBe('');
    expect(empty.stderr.trim().split('\n')).toHaveLength(1);
    expect(empty.stderr).toMatch(/^sql-eval: no evaluation run recorded yet: record one with `sql-eval eval --record` \(state: file .*state\.json\)\.$/m);

    const label = await runCli(['eval', '--suite', 'eval/security/writes.yaml', '--label', 'x'], environment());
    expect(label.code).toBe(2);
    expect(label.stderr).toBe('sql-eval: --label goes with --record\n');
  });

  it('records two runs, lists them with their trend, and compares them case by case', async () => {
    const first = await runCli(['eval', '--suite', await suite('first.json', "SELECT count(*) FROM customers WHERE country = 'PT'", 'only-first'), '--record', '--label', 'first', '--json', ...flags()], environment());
    expect(first.code).toBe(0);
    // --json keeps stdout one JSON document; the run id goes to stderr.
    expect(JSON.parse(first.stdout).summary.golden.executionAccuracy).toBe(1);
    const firstId = /^sql-eval: recorded run (r-\d{8}-\d{6}-[0-9a-f]{4})$/m.exec(first.stderr)?.[1];
    expect(firstId).toBeDefined();

    const second = await runCli(['eval', '--suite', await suite('second.json', 'SELECT 0', 'only-second'), '--record', ...flags()], environment());
    expect(second.code).toBe(0);
    const secondId = /^Recorded run (r-\d{8}-\d{6}-[0-9a-f]{4})/m.exec(second.stdout)?.[1];
    expect(secondId).toBeDefined();
    // Without --label: the working tree's short commit.
    expect(second.stdout).toMatch(/^Recorded run r-\S+ \([0-9a-f]{4,}(-dirty)?\)$/m);

    const history = await runCli(['eval', 'history', '--suite', 'history'], environment());
    expect(history.stderr).toBe('');
    expect(history.code).toBe(0);
    const lines = history.stdout.split('\n');
    expect(lines[0]).toMatch(/^id\s+\| when \(UTC\)\s+\| label\s+\| suites\s+\| accuracy \| pass@1 \| fast P95 \| security \| cases$/);
    expect(lines[2]).toContain(secondId);
    expect(lines[3]).toMatch(new RegExp(`^${firstId} \\| .* \\| first\\s+\\| history \\| 100\\.0%`));
    expect(history.stdout).toContain('accuracy  █▁  100.0% → 0.0%');
    expect(history.stdout).toContain('security  ▄▄  100.0% → 100.0%');

    const otherSuite = await runCli(['eval', 'history', '--suite', 'golden-sample'], environment());
    expect(otherSuite.code).toBe(1);
    expect(otherSuite.stderr).toMatch(/^sql-eval: no recorded evaluation run includes the suite golden-sample; recorded suites: history \(state: file /);

    const listed = JSON.parse((await runCli(['eval', 'history', '--json', '--limit', '1'], environment())).stdout);
    expect(listed.runs.map((run: { id: string }) => run.id)).toEqual([secondId]);
    expect(listed.runs[0].figures).toMatchObject({ executionAccuracy: 0, securityScore: 1 });

    const compared = await runCli(['eval', 'compare', firstId as string, (secondId as string).slice(0, -2), '--json'], environment());
    expect(compared.stderr).toBe('');
    const comparison = JSON.parse(compared.stdout);
    expect(comparison.a.id).toBe(firstId);
    expect(comparison.passToFail.map((flip: { id: string }) => flip.id)).toEqual(['customers-portugal']);
    expect(comparison.failToPass).toEqual([]);
    expect(comparison.onlyInA.map((entry: { id: string }) => entry.id)).toEqual(['only-first']);
    expect(comparison.onlyInB.map((entry: { id: string }) => entry.id)).toEqual(['only-second']);
    expect(comparison.figures.find((figure: { name: string }) => figure.name === 'executionAccuracy')).toMatchObject({ a: 1, b: 0, change: -1, verdict: 'worse' });

    // As a CI gate: a case that passed and now fails is exit code 1, named; the other way round passes.
    const gate = await runCli(['eval', 'compare', firstId as string, secondId as string, '--fail-on-regression'], environment());
    expect(gate.code).toBe(1);
    expect(gate.stderr).toBe(`sql-eval: 1 case passed in ${firstId} and failed in ${secondId}: history/customers-portugal\n`);
    expect((await runCli(['eval', 'compare', secondId as string, firstId as string, '--fail-on-regression'], environment())).code).toBe(0);

    const unknown = await runCli(['eval', 'compare', firstId as string, 'r-19990101'], environment());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('sql-eval: no recorded evaluation run r-19990101: `sql-eval eval history` lists them.\n');
  });
});
