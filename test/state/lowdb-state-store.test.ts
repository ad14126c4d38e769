import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLowdbStateStore, defaultStateFile, type LowdbStateStore } from '../../src/providers/lowdb/create-lowdb-state-store.ts';
import { StateFileError } from '../../src/providers/lowdb/state-file-error.ts';
import { samplePreview, stateStoreContract } from './state-store-contract.ts';

let folder: string;
let fileCount = 0;
const opened: LowdbStateStore[] = [];

const nextFile = () => path.join(folder, `state-${++fileCount}`, 'state.json');

async function open(file: string, options: { now?: () => number; previewTtlMs?: number } = {}): Promise<LowdbStateStore> {
  const store = await createLowdbStateStore({ file, ...options });
  opened.push(store);
  return store;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'sql-eval-state-'));
});

afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

stateStoreContract('lowdb', (options) => open(nextFile(), options));

describe('lowdb state file', () => {
  it('finds its data again after the file is reopened', async () => {
    const file = nextFile();
    const preview = samplePreview('kept', Date.now());
    const first = await open(file);
    await first.savePreview(preview);
    await first.appendTurn('thread', { question: 'q', sql: 'SELECT 1', explanation: 'e', at: 1 });
    await first.claimEvent('Ev1', 60_000);
    await first.close();

    const second = await open(file);
    expect(await second.peekPreview('kept')).toEqual(preview);
    expect(await second.recentTurns('thread', 5)).toEqual([{ question: 'q', sql: 'SELECT 1', explanation: 'e', at: 1 }]);
    expect(await second.claimEvent('Ev1', 60_000)).toBe(false);
  });

  it('gives a preview to exactly one of two concurrent takes, also on disk', async () => {
    const file = nextFile();
    const store = await open(file);
    await store.savePreview(samplePreview('once', Date.now()));
    const [first, second] = await Promise.all([store.takePreview('once'), store.takePreview('once')]);
    expect([first, second].filter((taken) => taken !== undefined)).toHaveLength(1);
    await store.close();
    const reopened = await open(file);
    expect(await reopened.peekPreview('once')).toBeUndefined();
  });

  it('prunes expired previews and events from the file', async () => {
    let clock = 1_000_000;
    const file = nextFile();
    const store = await open(file, { now: () => clock, previewTtlMs: 1_000 });
    await store.savePreview(samplePreview('stale', clock));
    await store.claimEvent('stale-event', 500);
    clock += 2_000;
    await store.savePreview(samplePreview('fresh', clock));
    await store.claimEvent('fresh-event', 500);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('stale');
    expect(text).toContain('"fresh"');
    expect(text).toContain('fresh-event');
  });

  it('refuses a file that is not JSON, naming the file and what to do', async () => {
    const file = nextFile();
    await (await open(file)).close();
    await writeFile(file, '{"version": 1, "previews": [', 'utf8');
    const error = await rejection(createLowdbStateStore({ file }));
    expect(error).toBeInstanceOf(StateFileError);
    expect(error.message).toContain(file);
    expect(error.message).toContain('not valid JSON');
    expect(error.message).toMatch(/move it aside/);
  });

  it('refuses a file of the wrong shape, naming the field', async () => {
    const file = nextFile();
    await (await open(file)).close();
    await writeFile(file, JSON.stringify({ version: 1, previews: [{ previewId: 'x' }], threads: [], verifiedQueries: [], events: [] }), 'utf8');
    const error = await rejection(createLowdbStateStore({ file }));
    expect(error).toBeInstanceOf(StateFileError);
    expect(error.message).toContain(file);
    expect(error.message).toContain('previews.0');
  });

  it('refuses to open one file twice in a process, and allows it after close', async () => {
    const file = nextFile();
    const store = await open(file);
    const error = await rejection(createLowdbStateStore({ file }));
    expect(error.message).toContain('already open');
    await store.close();
    await (await open(file)).close();
  });

  it('lives in SQL_EVAL_HOME, else .sql-eval, by default', () => {
    const saved = process.env.SQL_EVAL_HOME;
    try {
      process.env.SQL_EVAL_HOME = '/srv/sql-eval';
      expect(defaultStateFile()).toBe(path.resolve('/srv/sql-eval/state.json'));
      delete process.env.SQL_EVAL_HOME;
      expect(defaultStateFile()).toBe(path.resolve('.sql-eval/state.json'));
      expect(defaultStateFile('/elsewhere')).toBe(path.resolve('/elsewhere/state.json'));
    } finally {
      if (saved === undefined) delete process.env.SQL_EVAL_HOME;
      else process.env.SQL_EVAL_HOME = saved;
    }
  });
});
