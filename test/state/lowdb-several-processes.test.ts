import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLowdbStateStore } from '../../src/providers/lowdb/create-lowdb-state-store.ts';
import { samplePreview } from './state-store-contract.ts';

/** Several processes on one lowdb state file: nobody's write is lost, nothing crashes, a preview is taken once. */

let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'sql-eval-processes-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

interface WriterRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runWriter(file: string, writer: string, count: number): Promise<WriterRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/state-writer.ts', file, writer, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('a lowdb state file shared by several processes', () => {
  it('keeps every verified query of 8 concurrent processes, gives the preview and the event to one, and prints no error', async () => {
    const file = path.join(folder, 'shared', 'state.json');
    const setup = await createLowdbStateStore({ file });
    await setup.savePreview(samplePreview('shared-preview', Date.now()));
    await setup.close();

    const writers = Array.from({ length: 8 }, (_, index) => `w${index}`);
    const runs = await Promise.all(writers.map((writer) => runWriter(file, writer, 5)));
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
    const reports = runs.map((run) => JSON.parse(run.stdout.trim()) as { writer: string; claimed: boolean; took: boolean });
    expect(reports.filter((report) => report.took)).toHaveLength(1);
    expect(reports.filter((report) => report.claimed)).toHaveLength(1);

    const reopened = await createLowdbStateStore({ file });
    try {
      const ids = (await reopened.listVerifiedQueries('sample')).map((query) => query.id).sort();
      expect(ids).toEqual(writers.flatMap((writer) => [0, 1, 2, 3, 4].map((index) => `${writer}-${index}`)).sort());
      expect(await reopened.recentTurns('shared-thread', 20)).toHaveLength(8);
      expect(await reopened.peekPreview('shared-preview')).toBeUndefined();
    } finally {
      await reopened.close();
    }
    // No temporary file or lock is left behind.
    expect((await readdir(path.dirname(file))).sort()).toEqual(['state.json']);
  }, 120_000);

  it('sees what another process wrote since its last read', async () => {
    const file = path.join(folder, 'fresh', 'state.json');
    const store = await createLowdbStateStore({ file });
    try {
      expect(await store.listVerifiedQueries('sample')).toEqual([]);
      const run = await runWriter(file, 'other', 2);
      expect(run.code).toBe(0);
      expect((await store.listVerifiedQueries('sample')).map((query) => query.id)).toEqual(['other-0', 'other-1']);
      // And this process's next write keeps the other's.
      await store.savePreview(samplePreview('mine', Date.now()));
      expect((await store.listVerifiedQueries('sample')).map((query) => query.id)).toEqual(['other-0', 'other-1']);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('takes over a lock left by a crashed process once it is stale', async () => {
    const file = path.join(folder, 'stale', 'state.json');
    await mkdir(`${file}.lock`, { recursive: true });
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(`${file}.lock`, longAgo, longAgo);
    const store = await createLowdbStateStore({ file, staleLockMs: 2_000 });
    try {
      await store.saveVerifiedQuery({ id: 'after-crash', datasource: 'sample', normalizedQuestion: 'q', template: null, question: 'q', sql: 'SELECT 1', slots: [], verifiedBy: 'cli:me', at: 1 });
      expect((await store.listVerifiedQueries('sample')).map((query) => query.id)).toEqual(['after-crash']);
    } finally {
      await store.close();
    }
  });
});
