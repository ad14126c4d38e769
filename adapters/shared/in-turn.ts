import type { InFlightLogger } from './in-flight.ts';

/**
 * Runs calls one after another in the order they were made (so a progress update never overtakes the message it
 * updates); a failed call is logged as `could not <what>` with `details`, never thrown, and the next one still runs.
 */
export function inTurn(logger: Pick<InFlightLogger, 'warn'>, details: object = {}): (what: string, work: () => Promise<void>) => Promise<void> {
  let queue: Promise<void> = Promise.resolve();
  return (what, work) => {
    const next = queue.then(work).catch((error: unknown) => logger.warn({ err: error, ...details }, `could not ${what}`));
    queue = next;
    return next;
  };
}
