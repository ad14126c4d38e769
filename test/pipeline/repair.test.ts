import { describe, expect, it } from 'vitest';
import { decideRetry, type Attempt } from '../../src/pipeline/repair.ts';

const attempt = (overrides: Partial<Attempt>): Attempt => ({
  sql: 'SELECT 1',
  stage: 'validation',
  error: 'e',
  errorClass: 'validation:unknown-column',
  strategy: null,
  fingerprint: 'f1',
  ...overrides,
});

describe('decideRetry', () => {
  it('retries after a first failure', () => {
    expect(decideRetry([attempt({})], 3)).toEqual({ retry: true });
  });

  it('stops when the same query (by fingerprint) comes back', () => {
    const decision = decideRetry([attempt({ errorClass: 'a' }), attempt({ errorClass: 'b' })], 5);
    expect(decision.retry).toBe(false);
  });

  it('stops when the same error class happens twice in a row', () => {
    const decision = decideRetry([attempt({ fingerprint: 'f1' }), attempt({ fingerprint: 'f2' })], 5);
    expect(decision).toMatchObject({ retry: false });
  });

  it('stops at the attempt limit', () => {
    const attempts = [attempt({ fingerprint: 'a', errorClass: 'x' }), attempt({ fingerprint: 'b', errorClass: 'y' }), attempt({ fingerprint: 'c', errorClass: 'z' })];
    expect(decideRetry(attempts, 3)).toMatchObject({ retry: false });
    expect(decideRetry(attempts, 4)).toEqual({ retry: true });
  });
});
