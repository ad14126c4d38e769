import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultPolicies } from '../../src/config/policies.ts';
import { DatasourceError } from '../../src/ports/datasource.ts';
import { describeDatasourceError } from '../../src/pipeline/execute-sql.ts';

/** What a user reads when the database is unavailable: when the next try is, and never a connection detail. */

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-11-05T10:00:00.000Z'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('describeDatasourceError for an unavailable database', () => {
  it('says when the next try is when the breaker is open', () => {
    const error = new DatasourceError('unavailable', 'The database "sample" is unavailable after 5 consecutive failures; …', undefined, {
      retryAt: new Date('2026-11-05T10:00:42.300Z'),
    });
    const failure = describeDatasourceError(error, defaultPolicies.limits, 'sample');
    expect(failure.code).toBe('database-unavailable');
    expect(failure.errorClass).toBe('execution:unavailable');
    expect(failure.message).toBe('The database "sample" cannot be reached right now; the next try is at 10:00:42 UTC (in 43 s).');
    expect(failure.hint).toMatch(/Nothing was run\.$/);
  });

  it('repeats the datasource’s own value-free reason otherwise', () => {
    const busy = new DatasourceError('unavailable', 'Too many queries are running on "sample" (4 running, 16 waiting); ask again in a moment.', undefined);
    expect(describeDatasourceError(busy, defaultPolicies.limits, 'sample').message).toBe(busy.message);
    const down = new DatasourceError('unavailable', 'The database "sample" is unavailable (connection refused).', '08006');
    const failure = describeDatasourceError(down, defaultPolicies.limits, 'sample');
    expect(failure.message).toBe('The database "sample" is unavailable (connection refused).');
    expect(failure.message).not.toMatch(/next try/);
  });
});
