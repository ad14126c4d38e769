/** Splits identifiers and questions into comparable lower-case words. */

const stopWords = new Set([
  'a', 'an', 'the', 'of', 'in', 'on', 'for', 'to', 'by', 'per', 'and', 'or', 'with', 'from', 'at', 'is', 'are', 'was',
  'were', 'be', 'been', 'do', 'does', 'did', 'how', 'many', 'much', 'what', 'which', 'who', 'whom', 'when', 'where',
  'show', 'me', 'list', 'give', 'tell', 'get', 'find', 'all', 'each', 'every', 'there', 'their', 'our', 'my', 'we',
  'i', 'it', 'its', 'this', 'that', 'these', 'those', 'have', 'has', 'had', 'than', 'as', 'number', 'count', 'total',
]);

/** `total_cents` → ["total", "cents"]; `custFirstName` → ["cust", "first", "name"]. */
export function identifierWords(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/** A crude English stem, enough to match "orders" with "order" and "categories" with "category". */
export function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(ses|xes|ches|shes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The content words of free text, stemmed, without stop words. */
export function contentWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 1 && !stopWords.has(word))
    .map(stem);
}
