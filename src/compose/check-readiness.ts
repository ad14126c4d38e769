/**
 * `GET /readyz`: whether the services a question needs answer now. Each probe gets a deadline; a failure is reported
 * by the component's name only (never the error's text, which may hold a host or a user name).
 */

export type ReadinessComponent = 'datasource' | 'state' | 'audit';

export interface ReadinessReport {
  ready: boolean;
  /** Each probed component: `ok` or `unreachable`. */
  checks: Partial<Record<ReadinessComponent, 'ok' | 'unreachable'>>;
}

export type ReadinessProbes = Partial<Record<ReadinessComponent, () => Promise<unknown>>>;

export async function checkReadiness(probes: ReadinessProbes, deadlineMs = 3_000): Promise<ReadinessReport> {
  const entries = Object.entries(probes).filter((entry): entry is [ReadinessComponent, () => Promise<unknown>] => entry[1] !== undefined);
  const outcomes = await Promise.all(entries.map(async ([component, probe]) => [component, (await answers(probe, deadlineMs)) ? 'ok' : 'unreachable'] as const));
  const checks = Object.fromEntries(outcomes) as ReadinessReport['checks'];
  return { ready: outcomes.every(([, outcome]) => outcome === 'ok'), checks };
}

async function answers(probe: () => Promise<unknown>, deadlineMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), deadlineMs);
  });
  try {
    return await Promise.race([probe().then(() => true, () => false), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
