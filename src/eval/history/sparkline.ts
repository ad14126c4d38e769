const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * One character a value, scaled from the lowest to the highest of the series (`▁▃▅█`); a series whose values are all
 * equal is a flat line at mid height, and a missing value is `·`.
 */
export function sparkline(values: (number | null)[]): string {
  const present = values.filter((value): value is number => value !== null && Number.isFinite(value));
  const low = Math.min(...present);
  const high = Math.max(...present);
  return values
    .map((value) => {
      if (value === null || !Number.isFinite(value)) return '·';
      if (high === low) return BARS[3];
      return BARS[Math.round(((value - low) / (high - low)) * (BARS.length - 1))];
    })
    .join('');
}
