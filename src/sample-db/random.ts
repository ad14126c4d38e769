/** A seeded pseudo-random source (mulberry32): the sample data must be identical on every machine and run. */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [minimum, maximum], both included. */
  integer(minimum: number, maximum: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    integer: (minimum, maximum) => minimum + Math.floor(next() * (maximum - minimum + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('cannot pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
  };
}

/** Picks items with probability proportional to their weight, in O(log n) per pick. */
export interface WeightedPicker<T> {
  pick(random: Random): T;
  /** Picks among the first `count` items only (their weights keep their proportions). */
  pickAmongFirst(random: Random, count: number): T;
}

export function createWeightedPicker<T>(entries: ReadonlyArray<readonly [T, number]>): WeightedPicker<T> {
  if (entries.length === 0) throw new RangeError('a weighted picker needs at least one entry');
  const cumulative: number[] = [];
  let total = 0;
  for (const [, weight] of entries) {
    if (!(weight >= 0)) throw new RangeError('weights must be non-negative numbers');
    total += weight;
    cumulative.push(total);
  }
  const pickAmongFirst = (random: Random, count: number): T => {
    const limit = Math.min(Math.max(count, 1), entries.length);
    const target = random.next() * (cumulative[limit - 1] as number);
    let low = 0;
    let high = limit - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] as number) > target) high = middle;
      else low = middle + 1;
    }
    return (entries[low] as readonly [T, number])[0];
  };
  return { pick: (random) => pickAmongFirst(random, entries.length), pickAmongFirst };
}
