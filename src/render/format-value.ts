/** One cell as text: null as an empty cell, numbers as they came, long text cut. */
export function formatValue(value: unknown, maxWidth = 60): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  const singleLine = text.replace(/\s+/g, ' ');
  return singleLine.length > maxWidth ? `${singleLine.slice(0, maxWidth - 1)}…` : singleLine;
}
