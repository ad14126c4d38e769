/** `10:00:30 UTC (in 30 s)`: when a refused datasource will be tried again, for messages people read. */
export function describeRetryTime(retryAt: Date, now: number = Date.now()): string {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now) / 1000));
  return `${retryAt.toISOString().slice(11, 19)} UTC (in ${seconds} s)`;
}
