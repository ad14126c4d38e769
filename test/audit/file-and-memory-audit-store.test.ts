import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/audit/hash-chain.ts';
import type { AuditRecord } from '../../src/ports/audit-store.ts';
import { createFileAuditStore } from '../../src/providers/file-audit/create-file-audit-store.ts';
import { createMemoryAuditStore } from '../../src/providers/memory/memory-audit-store.ts';
import { auditStoreContract, sampleEvent, type Tampering } from './audit-store-contract.ts';

let root: string;
let count = 0;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sql-eval-audit-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

auditStoreContract('memory', async () => {
  const store = createMemoryAuditStore();
  const list = store.recorded as unknown[];
  const index = (sequence: number) => list.findIndex((record) => (record as AuditRecord).sequence === sequence);
  const tamper: Tampering = {
    rewrite: async (sequence, change) => {
      const at = index(sequence);
      list[at] = change(structuredClone(list[at] as AuditRecord));
    },
    remove: async (sequence) => {
      list.splice(index(sequence), 1);
    },
    swap: async (first, second) => {
      const [a, b] = [index(first), index(second)];
      [list[a], list[b]] = [list[b], list[a]];
    },
  };
  return { store, tamper, close: () => store.close() };
});

/** Tampering with the JSON lines of a one-file log, as someone with write access to the folder would. */
function fileTampering(folder: string): Tampering {
  const file = path.join(folder, 'audit-000001.jsonl');
  const edit = async (change: (lines: string[]) => string[]) => {
    const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '');
    await writeFile(file, `${change(lines).join('\n')}\n`);
  };
  const position = (lines: string[], sequence: number) => lines.findIndex((line) => line.includes(`"sequence":${sequence},`));
  return {
    rewrite: (sequence, change) =>
      edit((lines) => {
        const at = position(lines, sequence);
        const next = change(JSON.parse(lines[at] as string) as AuditRecord);
        lines[at] = typeof next === 'string' ? next : JSON.stringify(next);
        return lines;
      }),
    remove: (sequence) => edit((lines) => lines.filter((_, index) => index !== position(lines, sequence))),
    swap: (first, second) =>
      edit((lines) => {
        const [a, b] = [position(lines, first), position(lines, second)];
        [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
        return lines;
      }),
  };
}

auditStoreContract('file', async () => {
  const folder = path.join(root, `log-${++count}`);
  const store = await createFileAuditStore({ folder });
  return { store, tamper: fileTampering(folder), close: () => store.close() };
});

describe('file audit store', () => {
  it('rotates by size and carries the chain across files', async () => {
    const folder = path.join(root, 'rotating');
    const store = await createFileAuditStore({ folder, maxFileBytes: 1_000 });
    for (let index = 1; index <= 12; index += 1) await store.append(sampleEvent(index));
    const files = (await readdir(folder)).filter((name) => name.endsWith('.jsonl'));
    expect(files.length).toBeGreaterThan(2);
    expect(await verifyChain(store.records())).toMatchObject({ ok: true, records: 12 });
    // A reopened store continues the chain from the newest file.
    const reopened = await createFileAuditStore({ folder, maxFileBytes: 1_000 });
    expect((await reopened.append(sampleEvent(13))).sequence).toBe(13);
    expect(await verifyChain(reopened.records())).toMatchObject({ ok: true, records: 13 });
  });

  it('keeps one chain when two processes append at once', async () => {
    const folder = path.join(root, 'two-writers');
    const writer = (name: string) =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'test/fixtures/audit-writer.ts', 'file', folder, name, '25'], { stdio: ['ignore', 'ignore', 'pipe'] });
        let errors = '';
        child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
        child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`audit-writer exited ${code}: ${errors}`))));
      });
    await Promise.all([writer('a'), writer('b')]);
    const store = await createFileAuditStore({ folder });
    expect(await verifyChain(store.records())).toMatchObject({ ok: true, records: 50 });
  });
});
