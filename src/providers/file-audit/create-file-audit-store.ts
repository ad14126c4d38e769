import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { mkdir, open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createReadStream } from 'node:fs';
import { lock, type LockOptions } from 'proper-lockfile';
import { chainRecord } from '../../audit/hash-chain.ts';
import { AuditError, auditRecordSchema, type AuditEvent, type AuditHead, type AuditRecord, type AuditStore } from '../../ports/audit-store.ts';

/**
 * The audit log as JSON lines under one folder (`audit-000001.jsonl`, `audit-000002.jsonl`…): records appended with
 * O_APPEND and fsync'd before `append` resolves (those that arrive together share one write and one fsync), a new file
 * started past `maxFileBytes` with the chain carried across.
 * Appends take a lock on the folder (`writer.lock`, stale after 10 s), and read the last record under it, so the
 * processes of one machine (a `serve` and an `ask`) append one chain, one writer at a time.
 */

export interface FileAuditStoreOptions {
  folder: string;
  /** A file is rotated once it would grow past this. Default 10 MiB. */
  maxFileBytes?: number | undefined;
}

const filePattern = /^audit-(\d{6})\.jsonl$/;
const fileName = (number: number) => `audit-${String(number).padStart(6, '0')}.jsonl`;
const tailBytes = 256 * 1024;

export async function createFileAuditStore(options: FileAuditStoreOptions): Promise<AuditStore> {
  const folder = path.resolve(options.folder);
  const maxFileBytes = options.maxFileBytes ?? 10 * 1024 * 1024;
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const lockOptions: LockOptions = {
    realpath: false,
    lockfilePath: path.join(folder, 'writer.lock'),
    stale: 10_000,
    update: 5_000,
    retries: { retries: 200, factor: 1.2, minTimeout: 5, maxTimeout: 100, randomize: true },
    onCompromised: () => {},
  };

  async function files(): Promise<number[]> {
    const names = await readdir(folder);
    return names.flatMap((name) => {
      const match = filePattern.exec(name);
      return match ? [Number(match[1])] : [];
    }).sort((left, right) => left - right);
  }

  /** The last record of the log: the last line of the newest file that has one. */
  async function lastRecord(numbers: number[]): Promise<AuditHead | null> {
    for (const number of [...numbers].reverse()) {
      const file = path.join(folder, fileName(number));
      const { size } = await stat(file);
      if (size === 0) continue;
      const handle = await open(file, 'r');
      try {
        const length = Math.min(size, tailBytes);
        const buffer = Buffer.alloc(length);
        await handle.read(buffer, 0, length, size - length);
        const lines = buffer.toString('utf8').split('\n').filter((line) => line.trim() !== '');
        const last = lines.at(-1);
        const parsed = auditRecordSchema.safeParse(last === undefined ? null : safeJson(last));
        if (!parsed.success) throw new AuditError(`The audit log's last record in ${file} cannot be read; run \`sql-eval audit verify\`. Nothing was appended.`);
        return { sequence: parsed.data.sequence, hash: parsed.data.hash };
      } finally {
        await handle.close();
      }
    }
    return null;
  }

  /** Appends a batch under one lock, one write and one fsync (group commit); each record is durable when it resolves. */
  async function appendBatch(events: AuditEvent[]): Promise<AuditRecord[]> {
    let release: (() => Promise<void>) | undefined;
    try {
      release = await lock(folder, lockOptions).catch((error: unknown) => {
        throw new AuditError(`The audit folder ${folder} stayed locked by another process (writer.lock); nothing was appended.`, { cause: error });
      });
      const numbers = await files();
      let head = await lastRecord(numbers);
      const records = events.map((event) => {
        const record = chainRecord(event, head);
        head = { sequence: record.sequence, hash: record.hash };
        return record;
      });
      const text = records.map((record) => `${JSON.stringify(record)}\n`).join('');
      let current = numbers.at(-1) ?? 1;
      const size = numbers.length === 0 ? 0 : (await stat(path.join(folder, fileName(current)))).size;
      if (size > 0 && size + Buffer.byteLength(text) > maxFileBytes) current += 1;
      const descriptor = openSync(path.join(folder, fileName(current)), 'a', 0o600);
      try {
        writeSync(descriptor, text);
        fsyncSync(descriptor);
      } finally {
        closeSync(descriptor);
      }
      return records;
    } catch (error) {
      if (error instanceof AuditError) throw error;
      throw new AuditError(`The audit record could not be written to ${folder} (${(error as NodeJS.ErrnoException).code ?? 'I/O error'}).`, { cause: error });
    } finally {
      await release?.().catch(() => undefined);
    }
  }

  // Appends wait in order; whatever arrived while a batch was being written goes out in the next one.
  const pending: { event: AuditEvent; resolve: (record: AuditRecord) => void; reject: (error: unknown) => void }[] = [];
  let writing: Promise<void> | undefined;
  /** Starts the writer unless it runs; one that finishes with appends left (they came after its last look) starts again. */
  function startWriting(): void {
    if (writing) return;
    writing = drain().finally(() => {
      writing = undefined;
      if (pending.length > 0) startWriting();
    });
  }
  async function drain(): Promise<void> {
    while (pending.length > 0) {
      const batch = pending.splice(0, 200);
      try {
        const records = await appendBatch(batch.map((entry) => entry.event));
        batch.forEach((entry, index) => entry.resolve(records[index] as AuditRecord));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
  }

  return {
    append(event) {
      return new Promise<AuditRecord>((resolve, reject) => {
        pending.push({ event, resolve, reject });
        startWriting();
      });
    },
    async *records() {
      for (const number of await files()) {
        const lines = createInterface({ input: createReadStream(path.join(folder, fileName(number)), 'utf8'), crlfDelay: Number.POSITIVE_INFINITY });
        for await (const line of lines) if (line.trim() !== '') yield safeJson(line);
      }
    },
    async close() {
      while (writing) await writing;
    },
  };
}

/** A line that is not JSON is returned as its text, for `verify` to report. */
function safeJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return line;
  }
}
