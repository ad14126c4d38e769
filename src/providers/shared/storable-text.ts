/**
 * Text PostgreSQL can store, and back. A `text` or `jsonb` value cannot hold U+0000 (SQLSTATE 22021, or "unsupported
 * Unicode escape sequence"), and a lone UTF-16 surrogate is either refused in JSON or silently turned into U+FFFD on
 * the way to UTF-8. So those characters are written as U+E000 (a private-use character) followed by their code unit
 * in four hex digits, and U+E000 itself as `U+E000 e000`: every other string is stored exactly as it is, and reading
 * gives back exactly what was written.
 */

const ESCAPE = '\uE000';
const needsEscape = /[\u0000\uE000]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const needsEscapeEverywhere = new RegExp(needsEscape.source, 'g');
const escaped = /\uE000([0-9a-f]{4})/g;

export function toStorableText(text: string): string {
  if (!needsEscape.test(text)) return text;
  return text.replace(needsEscapeEverywhere, (character) => `${ESCAPE}${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function fromStorableText(text: string): string {
  if (!text.includes(ESCAPE)) return text;
  return text.replace(escaped, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** `toStorableText` on every string of a JSON-like value, object keys included. */
export function toStorableJson<T>(value: T): T {
  return mapStrings(value, toStorableText) as T;
}

/** `fromStorableText` on every string of a JSON-like value read back, object keys included. */
export function fromStorableJson(value: unknown): unknown {
  return mapStrings(value, fromStorableText);
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [map(key), mapStrings(item, map)]));
  }
  return value;
}
