import { describe, expect, it } from 'vitest';
import { sameAnswer } from '../../src/eval/compare-results.ts';

describe('sameAnswer', () => {
  it('ignores column names, column order, duplicate rows and row order', () => {
    const gold = { rows: [['PT', 3], ['DE', 5]] };
    expect(sameAnswer(gold, { rows: [[5, 'DE'], [3, 'PT'], [3, 'PT']] }, false)).toBe(true);
  });

  it('respects row order when it matters', () => {
    const gold = { rows: [['a', 1], ['b', 2]] };
    expect(sameAnswer(gold, { rows: [['b', 2], ['a', 1]] }, true)).toBe(false);
    expect(sameAnswer(gold, { rows: [['a', 1], ['b', 2]] }, true)).toBe(true);
  });

  it('compares numbers within a small tolerance, numeric strings included', () => {
    expect(sameAnswer({ rows: [['12.3456789012']] }, { rows: [[12.34567890119]] }, false)).toBe(true);
    expect(sameAnswer({ rows: [[12.35]] }, { rows: [[12.34]] }, false)).toBe(false);
  });

  it('accepts extra predicted columns but not missing gold columns', () => {
    expect(sameAnswer({ rows: [['PT', 3]] }, { rows: [[1, 'PT', 'Portugal', 3]] }, false)).toBe(true);
    expect(sameAnswer({ rows: [['PT', 3]] }, { rows: [['PT']] }, false)).toBe(false);
  });

  it('keeps rows together: the same column values in other combinations do not match', () => {
    const gold = { rows: [['a', 1], ['b', 2]] };
    expect(sameAnswer(gold, { rows: [['a', 2], ['b', 1]] }, false)).toBe(false);
  });

  it('treats two empty results as equal and an empty one against rows as different', () => {
    expect(sameAnswer({ rows: [] }, { rows: [] }, false)).toBe(true);
    expect(sameAnswer({ rows: [['x']] }, { rows: [] }, false)).toBe(false);
  });
});
