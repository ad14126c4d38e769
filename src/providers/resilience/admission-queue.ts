/**
 * At most `maxConcurrent` pieces of work at once; up to `maxQueued` more wait their turn in arrival order, each for at
 * most `queueTimeoutMs`. Beyond that, or past its deadline, a call is refused with an `AdmissionRefusal` that says
 * how long the queue should take to drain, from the recent duration of admitted work.
 */

export interface AdmissionOptions {
  maxConcurrent: number;
  maxQueued: number;
  queueTimeoutMs: number;
}

export type AdmissionRefusalReason = 'queue-full' | 'queue-timeout';

export class AdmissionRefusal extends Error {
  override readonly name = 'AdmissionRefusal';
  constructor(
    readonly reason: AdmissionRefusalReason,
    /** Work running and waiting when the call was refused. */
    readonly running: number,
    readonly waiting: number,
    /** A guess at when a new call would get its turn, in milliseconds from the refusal. */
    readonly retryAfterMs: number,
  ) {
    super(reason === 'queue-full' ? `the queue is full (${running} running, ${waiting} waiting)` : `no turn came within the queue deadline (${running} running, ${waiting} waiting)`);
  }
}

export interface AdmissionQueue {
  run<T>(work: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
}

interface Waiter {
  admit: () => void;
  timer: NodeJS.Timeout;
}

/** Before any work finished: what one statement is assumed to take, for the first retry estimate. */
const ASSUMED_DURATION_MS = 200;
/** Refusals suggest at least this long a wait: sooner, the queue is still as full. */
const MINIMUM_RETRY_MS = 1_000;

export function createAdmissionQueue(options: AdmissionOptions): AdmissionQueue {
  const { maxConcurrent, maxQueued, queueTimeoutMs } = options;
  const waiters: Waiter[] = [];
  let running = 0;
  /** Exponentially weighted mean duration of admitted work. */
  let meanDurationMs = ASSUMED_DURATION_MS;

  const retryAfterMs = (): number => {
    const rounds = Math.ceil((waiters.length + running) / maxConcurrent);
    return Math.min(Math.max(MINIMUM_RETRY_MS, Math.ceil(rounds * meanDurationMs)), Math.max(MINIMUM_RETRY_MS, queueTimeoutMs));
  };

  const admit = (): Promise<void> => {
    if (running < maxConcurrent && waiters.length === 0) {
      running += 1;
      return Promise.resolve();
    }
    if (waiters.length >= maxQueued) return Promise.reject(new AdmissionRefusal('queue-full', running, waiters.length, retryAfterMs()));
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        admit: () => {
          clearTimeout(waiter.timer);
          running += 1;
          resolve();
        },
        timer: setTimeout(() => {
          const index = waiters.indexOf(waiter);
          if (index >= 0) waiters.splice(index, 1);
          reject(new AdmissionRefusal('queue-timeout', running, waiters.length, retryAfterMs()));
        }, queueTimeoutMs),
      };
      waiters.push(waiter);
    });
  };

  const release = (durationMs: number): void => {
    running -= 1;
    meanDurationMs = 0.8 * meanDurationMs + 0.2 * durationMs;
    waiters.shift()?.admit();
  };

  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      await admit();
      const startedAt = performance.now();
      try {
        return await work();
      } finally {
        release(performance.now() - startedAt);
      }
    },
    get running() {
      return running;
    },
    get waiting() {
      return waiters.length;
    },
  };
}
