import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLowdbStateStore } from '../../src/providers/lowdb/create-lowdb-state-store.ts';
import { StateFileError } from '../../src/providers/lowdb/state-file-error.ts';
import { createMemoryStateStore } from '../../src/providers/memory/memory-state-store.ts';
import { evalRunStoreContract, sampleRun } from './eval-run-store-contract.ts';

/** Recorded evaluation runs on the file-less providers; postgres runs the contract in postgres-eval-run-store.db.test.ts. */

let folder: string;
let count = 0;
beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'sql-eval-runs-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

evalRunStoreContract('memory', async () => ({ runs: createMemoryStateStore(), close: async () => {} }));
evalRunStoreContract('lowdb', async () => {
  const store = await createLowdbStateStore({ file: path.join(folder, `state-${++count}.json`) });
  return { runs: store, close: () => store.close() };
});

describe('lowdb: recorded runs', () => {
  it('live in a file of their own beside state.json, one run a line, and are found again after a restart', async () => {
    const file = path.join(folder, 'restart', 'state.json');
    const first = await createLowdbStateStore({ file });
    await first.saveEvalRun(sampleRun('r-first', 0));
    await first.saveEvalRun(sampleRun('r-second', 1));
    await first.claimEvent('Ev1', 60_000);
    await first.close();
    const runsFile = path.join(folder, 'restart', 'state.eval-runs.json');
    const lines = (await readFile(runsFile, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('"id":"r-second"');
    expect(await readFile(file, 'utf8')).not.toContain('r-first');

    const second = await createLowdbStateStore({ file });
    try {
      expect(await second.getEvalRun('r-first')).toEqual({ kind: 'found', run: sampleRun('r-first', 0) });
    } finally {
      await second.close();
    }
  });

  it('reports a damaged run file when runs are asked for, naming it, while the rest of the state still works', async () => {
    const file = path.join(folder, 'damaged', 'state.json');
    await (await createLowdbStateStore({ file })).close();
    await writeFile(path.join(folder, 'damaged', 'state.eval-runs.json'), '{"version":1,"runs":[{"id":"r-x"}]}', 'utf8');
    const store = await createLowdbStateStore({ file });
    try {
      expect(await store.claimEvent('Ev1', 60_000)).toBe(true);
      const error = await store.listEvalRuns({ limit: 5 }).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(StateFileError);
      expect((error as Error).message).toContain('state.eval-runs.json');
      expect((error as Error).message).toContain('runs.0');
    } finally {
      await store.close();
    }
  });
});
