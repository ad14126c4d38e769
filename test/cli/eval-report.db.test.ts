import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { runCli } from '../support/run-cli.ts';

/** `sql-eval eval --report DIR` as a user runs it: a few fast-lane questions and a write attempt on the sample database. */

let database: TestDatabase;
let folder: string;
let suite: string;

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  folder = await mkdtemp(join(tmpdir(), 'sql-eval-report-cli-'));
  const golden = parseYaml(await readFile('eval/golden/sample.yaml', 'utf8')) as { cases: unknown[] };
  suite = join(folder, 'suite.yaml');
  await writeFile(suite, JSON.stringify({ ...golden, cases: [...golden.cases.slice(0, 4), { id: 'no-writes', sql: 'DELETE FROM orders', expect: 'block' }] }));
});

afterAll(async () => {
  await database?.drop();
  if (folder !== undefined) await rm(folder, { recursive: true, force: true });
});

const flags = () => ['--suite', suite, '--lane', 'fast', '--database-url', database.url, '--semantic', 'configs/semantic/sample.yaml', '--today', '2025-07-01'];

describe('sql-eval eval --report', () => {
  it('writes report.json, report.md and report.html to a new folder and says where', async () => {
    const dir = join(folder, 'out', 'reports');
    const run = await runCli(['eval', ...flags(), '--json', '--report', dir]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`sql-eval: reports written: ${join(dir, 'report.html')} (open it in a browser), ${join(dir, 'report.md')}, ${join(dir, 'report.json')}\n`);
    const printed = JSON.parse(run.stdout);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ format: 'sql-eval-report', version: 1, problems: [] });
    expect(report.summary.scorecard).toEqual(printed.summary.scorecard);
    expect(report.cases).toHaveLength(5);
    expect(report.latencyHistogram.lanes).toContain('fast');
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain('## Scorecard');
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('data-chart="latency"');
  });

  it('refuses a folder it cannot write before running anything, in one line without a stack', async () => {
    const file = join(folder, 'taken');
    await writeFile(file, '');
    const run = await runCli(['eval', ...flags(), '--report', join(file, 'reports')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`sql-eval: Cannot write the reports to ${join(file, 'reports')}: part of the path is a file, not a folder (ENOTDIR).\n`);
  });
});
