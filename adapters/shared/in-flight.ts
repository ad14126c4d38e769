
/** What the tracker logs through: the Slack and Teams loggers both fit. */
export interface InFlightLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * Work started after the HTTP answer to the chat platform (Slack wants its ack within 3 seconds; the Teams SDK holds
 * its response until the handler returns), so the answer comes later. Tracked, so a shutdown can stop taking new work
 * and wait for what is running; an error is logged, never thrown.
 */
export interface InFlight {
  run(name: string, work: () => Promise<void>): void;
  readonly size: number;
  /** Stops accepting work and waits for the running work, at most `timeoutMs`; true when everything finished. */
  drain(timeoutMs: number): Promise<boolean>;
  readonly accepting: boolean;
}

export function createInFlight(logger: InFlightLogger, platform: string): InFlight {
  const running = new Set<Promise<void>>();
  let accepting = true;
  return {
    run(name, work) {
      if (!accepting) {
        logger.warn({ work: name }, `shutting down: ${platform} work not started`);
        return;
      }
      const task: Promise<void> = (async () => {
        try {
          // Start after pending I/O: answers to requests that arrived meanwhile go out before this work takes the CPU.
          await new Promise((resolve) => setImmediate(resolve));
          await work();
        } catch (error) {
          logger.error({ err: error, work: name }, `${platform} work failed`);
        }
      })().finally(() => running.delete(task));
      running.add(task);
    },
    get size() {
      return running.size;
    },
    get accepting() {
      return accepting;
    },
    async drain(timeoutMs) {
      accepting = false;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const finished = Promise.allSettled([...running]).then(() => true as const);
      const result = await Promise.race([finished, timedOut]);
      clearTimeout(timer);
      return result;
    },
  };
}
