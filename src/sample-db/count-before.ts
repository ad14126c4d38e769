/** How many values of an ascending list are strictly smaller than `limit` (binary search). */
export function countBefore(sortedValues: readonly number[], limit: number): number {
  let low = 0;
  let high = sortedValues.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sortedValues[middle] as number) < limit) low = middle + 1;
    else high = middle;
  }
  return low;
}
