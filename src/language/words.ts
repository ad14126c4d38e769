/** Words of identifiers and free text, folded the same way everywhere: lower case, no diacritics. */

/** `Setúbal` → `setubal`. */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** `total_cents` → total, cents; `custFirstName` → cust, first, name; `HTTPStatus` → http, status. */
export function identifierWords(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .map(foldWord);
}

/**
 * Free text split into folded words the same way for questions and stored values: possessive `'s` dropped, every
 * other character that is not a letter or digit separates words (`Travel-Size Shampoo` → travel, size, shampoo).
 */
export function splitWords(text: string): string[] {
  return text
    .replace(/['’]s\b/giu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .map(foldWord);
}

/**
 * A word written without separators split into two known words (`teacherid` → teacher, id; `gradelevel` → grade,
 * level), when exactly one split puts a known word of at least two letters on each side; else null.
 */
export function splitCompound(word: string, known: ReadonlySet<string>): [string, string] | null {
  if (known.has(word) || word.length < 5) return null;
  const splits: [string, string][] = [];
  for (let at = 2; at <= word.length - 2; at += 1) {
    const left = word.slice(0, at);
    const right = word.slice(at);
    if (known.has(left) && known.has(right)) splits.push([left, right]);
  }
  return splits.length === 1 ? (splits[0] as [string, string]) : null;
}
