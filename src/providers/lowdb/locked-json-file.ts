import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lock, type LockOptions } from 'proper-lockfile';
import { StateFileError, stateFileAdvice } from './state-file-error.ts';

/**
 * One JSON document in a file that several processes share. Every change is a synchronous function applied inside a
 * cross-process lock (`<file>.lock`, a directory, via proper-lockfile) to the document as it is on disk at that
 * moment, then written whole through a temporary file of this process's own and a rename. So no process loses
 * another's write, and a reader always sees a whole file.
 *
 * - Group commit: changes that arrive while a write is under way wait for it, then all go in the next one (one lock,
 *   one read, one write for a burst).
 * - Re-reading: inside the lock the file is read again unless its identity (inode, size, modification time) is the
 *   one this process last read or wrote: every write renames a new file into place, so any other writer changes it.
 *   Reads outside a change do the same check without the lock; concurrent reads share one check.
 * - A lock left by a crashed process is taken over once it is `staleMs` old; a live holder refreshes it.
 */

export interface LockedJsonFileOptions<D> {
  file: string;
  parse: (text: string) => D;
  stringify: (document: D) => string;
  empty: () => D;
  /** A lock older than this is a crashed process's and is taken over. Default 10 s (proper-lockfile's minimum is 2 s). */
  staleMs?: number | undefined;
  /** How long a change waits for the lock before it fails. Default 30 s: more than `staleMs`, so a stale lock is always recovered first. */
  lockWaitMs?: number | undefined;
}

export interface LockedJsonFile<D> {
  /** Looks at the document as it is on disk now. */
  read<T>(look: (document: D) => T): Promise<T>;
  /** Applies `change` to the document inside the lock and resolves once the file holds the result. */
  update<T>(change: (document: D) => T): Promise<T>;
  /** Waits for pending changes; later calls fail. */
  close(): Promise<void>;
}

interface Stamp {
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

interface Cached<D> {
  stamp: Stamp | null;
  document: D;
  /** The file's text, to skip writing a document that did not change. */
  text: string | null;
}

interface PendingChange<D> {
  change: (document: D) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export async function openLockedJsonFile<D>(options: LockedJsonFileOptions<D>): Promise<LockedJsonFile<D>> {
  const { file, parse, stringify, empty } = options;
  const staleMs = Math.max(2_000, options.staleMs ?? 10_000);
  const lockWaitMs = options.lockWaitMs ?? 30_000;
  const maxRetryMs = 100;
  let compromised: Error | undefined;
  const lockOptions: LockOptions = {
    realpath: false,
    stale: staleMs,
    update: Math.floor(staleMs / 2),
    retries: { retries: Math.ceil(lockWaitMs / maxRetryMs), factor: 1.5, minTimeout: 5, maxTimeout: maxRetryMs, randomize: true },
    // The default throws from a timer, which would end the process; the write that follows checks this instead.
    onCompromised: (error) => {
      compromised = error;
    },
  };
  let cache: Cached<D> | undefined;
  const queue: PendingChange<D>[] = [];
  let flushing: Promise<void> | undefined;
  let closed = false;

  try {
    await mkdir(path.dirname(file), { recursive: true });
  } catch (error) {
    throw unreadable(file, error);
  }

  /** Local writes so far: a read begun before one must not be shared with, nor cached over, what came after. */
  let writes = 0;
  let sharedRead: { promise: Promise<Cached<D>>; writes: number } | undefined;

  /** The document as on disk now: the cached one when the file is the one last read or written here. */
  async function current(): Promise<Cached<D>> {
    const writesBefore = writes;
    let stamp: Stamp | null;
    try {
      stamp = await stampOf(file);
      if (cache !== undefined && sameStamp(stamp, cache.stamp)) return cache;
      const text = stamp === null ? null : await readFile(file, 'utf8');
      const read: Cached<D> = { stamp, document: text === null ? empty() : parse(text), text };
      if (writes === writesBefore) cache = read;
      return read;
    } catch (error) {
      if (error instanceof StateFileError) throw error;
      throw unreadable(file, error);
    }
  }

  /** For reads: concurrent reads share one look at the file (one stat), unless a local write finished in between. */
  function currentShared(): Promise<Cached<D>> {
    if (sharedRead !== undefined && sharedRead.writes === writes) return sharedRead.promise;
    const promise = current().finally(() => {
      if (sharedRead?.promise === promise) sharedRead = undefined;
    });
    sharedRead = { promise, writes };
    return promise;
  }

  async function flush(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0);
      let release: (() => Promise<void>) | undefined;
      try {
        compromised = undefined;
        release = await lock(file, lockOptions).catch((error: unknown) => {
          throw new StateFileError(
            file,
            `The state file ${file} stayed locked by another process for ${Math.round(lockWaitMs / 1000)} s (lock ${file}.lock). ` +
              `Another sql-eval may be stuck; a lock older than ${Math.round(staleMs / 1000)} s is taken over, so try again.`,
            { cause: error, code: 'locked' },
          );
        });
        const { document, text: before } = await current();
        const outcomes = batch.map((pending) => {
          try {
            return { ok: true as const, value: pending.change(document) };
          } catch (error) {
            return { ok: false as const, error };
          }
        });
        const text = stringify(document);
        if (text !== before) {
          if (compromised !== undefined) throw new StateFileError(file, `The lock on ${file} was taken over by another process; nothing was written.`, { cause: compromised, code: 'locked' });
          await writeAtomically(file, text);
          writes += 1;
          cache = { stamp: await stampOf(file), document, text };
        }
        for (const [index, outcome] of outcomes.entries()) {
          const pending = batch[index] as PendingChange<D>;
          if (outcome.ok) pending.resolve(outcome.value);
          else pending.reject(outcome.error);
        }
      } catch (error) {
        // The cached document may hold changes that never reached the file: read it again next time.
        cache = undefined;
        const failure = error instanceof StateFileError ? error : new StateFileError(file, `The state file ${file} could not be written (${reasonOf(error)}).`, { cause: error, code: 'unavailable' });
        for (const pending of batch) pending.reject(failure);
      } finally {
        await release?.().catch(() => undefined);
      }
    }
  }

  const closedError = () => new StateFileError(file, `The state store on ${file} is closed.`, { code: 'failed' });

  // Read once now, so that a damaged file is reported at start-up.
  await current();

  return {
    async read(look) {
      if (closed) throw closedError();
      return look((await currentShared()).document);
    },
    update<T>(change: (document: D) => T): Promise<T> {
      if (closed) return Promise.reject(closedError());
      return new Promise<T>((resolve, reject) => {
        queue.push({ change, resolve: resolve as (value: unknown) => void, reject });
        flushing ??= flush().finally(() => {
          flushing = undefined;
        });
      });
    },
    async close() {
      closed = true;
      await flushing;
    },
  };
}

async function stampOf(file: string): Promise<Stamp | null> {
  try {
    const { ino, size, mtimeMs, ctimeMs } = await stat(file);
    return { ino, size, mtimeMs, ctimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function sameStamp(left: Stamp | null, right: Stamp | null): boolean {
  if (left === null || right === null) return left === right;
  return left.ino === right.ino && left.size === right.size && left.mtimeMs === right.mtimeMs && left.ctimeMs === right.ctimeMs;
}

/** A temporary file of this process's own, then a rename: readers see the old file or the new one, whole. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function unreadable(file: string, error: unknown): StateFileError {
  return new StateFileError(file, `The state file ${file} could not be read (${reasonOf(error)}). ${stateFileAdvice(file)}`, { cause: error, code: 'unavailable' });
}
