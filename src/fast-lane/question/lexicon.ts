import { COUNTRY_NAMES, looksLikeCountryCodes } from '../semantic-layer/country-names.ts';
import type { SemanticEntity, SemanticField, SemanticLayer } from '../semantic-layer/semantic-layer-types.ts';
import type { Token } from './tokenize.ts';
import type { ValueIndex } from '../semantic-layer/value-index.ts';
import { phraseKey, splitWords } from '../semantic-layer/words.ts';
import { matchVocabulary } from './vocabulary.ts';

/** Every phrase the fast lane knows, with what it may mean: an entity, a field, a personal-data column or a value. */

export type Meaning =
  | { kind: 'entity'; entity: SemanticEntity }
  | { kind: 'field'; field: SemanticField }
  | { kind: 'pii'; entity: SemanticEntity; column: string }
  | { kind: 'value'; field: SemanticField; value: string };

interface ValueEntry {
  field: SemanticField;
  value: string;
  /** Short codes ("PT", "IN", "US") only match when typed exactly, so the word "in" is never India. */
  exactText: string | null;
}

export interface Lexicon {
  layer: SemanticLayer;
  /** Phrase keys naming the database as a whole: read as glue ("how many doctors does the clinic have"). */
  databaseNames: Set<string>;
  names: Map<string, Meaning[]>;
  /** Parts of field names ("city" for `city_name`): matched only where no full name or value starts. */
  partials: Map<string, Meaning[]>;
  values: Map<string, ValueEntry[]>;
  longest: number;
}

export interface LexiconMatch {
  length: number;
  meanings: Meaning[];
}

export function buildLexicon(layer: SemanticLayer, valueIndex: ValueIndex): Lexicon {
  const names = new Map<string, Meaning[]>();
  const partials = new Map<string, Meaning[]>();
  const values = new Map<string, ValueEntry[]>();
  let longest = 1;
  const addName = (words: string[], meaning: Meaning, into = names) => {
    if (words.length === 0) return;
    longest = Math.max(longest, words.length);
    const key = phraseKey(words);
    const list = into.get(key) ?? [];
    if (!list.some((existing) => sameMeaning(existing, meaning))) list.push(meaning);
    into.set(key, list);
  };
  const addValue = (text: string, entry: ValueEntry) => {
    const words = splitWords(text);
    if (words.length === 0) return;
    longest = Math.max(longest, words.length);
    const key = words.join(' ');
    const list = values.get(key) ?? [];
    if (!list.some((existing) => existing.field === entry.field && existing.value === entry.value)) list.push(entry);
    values.set(key, list);
  };
  for (const entity of layer.entities) {
    for (const phrase of entity.phrases) addName(phrase, { kind: 'entity', entity });
    for (const field of entity.fields) for (const phrase of field.phrases) addName(phrase, { kind: 'field', field });
    for (const field of entity.fields) {
      // A part that begins or ends with a grammar word ("new patient", "last", "records") is left to the grammar.
      for (const phrase of field.partials ?? []) {
        if (matchVocabulary(phrase.slice(0, 1)) === null && matchVocabulary(phrase.slice(-1)) === null) addName(phrase, { kind: 'field', field }, partials);
      }
    }
    for (const pii of entity.piiColumns) for (const phrase of pii.phrases) addName(phrase, { kind: 'pii', entity, column: pii.column });
  }
  for (const column of valueIndex.columns) {
    const entity = layer.entities.find((candidate) => candidate.schema === column.schema && candidate.table === column.table);
    const field = entity?.fields.find((candidate) => candidate.column === column.column && candidate.role === 'dimension');
    if (!field) continue;
    // Pure numbers stay numbers ("customer 100", "top 5"), never values.
    // Two-letter values ("PT", "IN") and three-letter ones that are also grammar words ("any", "all") match only as typed.
    for (const value of column.values) if (!/^[\d\s.,:/-]*$/.test(value)) addValue(value, { field, value, exactText: value.length <= 2 || (value.length === 3 && matchVocabulary([value.toLowerCase()]) !== null) ? value : null });
    if (looksLikeCountryCodes(column.values)) {
      for (const code of column.values) {
        for (const name of COUNTRY_NAMES[code] ?? []) addValue(name, { field, value: code, exactText: name.length <= 2 ? name : null });
      }
    }
  }
  for (const words of layer.databaseNames) longest = Math.max(longest, words.length);
  for (const key of names.keys()) partials.delete(key);
  return { layer, databaseNames: new Set(layer.databaseNames.map((words) => phraseKey(words))), names, partials, values, longest };
}

function sameMeaning(left: Meaning, right: Meaning): boolean {
  if (left.kind !== right.kind) return false;
  if (left.kind === 'entity' && right.kind === 'entity') return left.entity === right.entity;
  if (left.kind === 'field' && right.kind === 'field') return left.field === right.field;
  if (left.kind === 'pii' && right.kind === 'pii') return left.entity === right.entity && left.column === right.column;
  return false;
}

/** How many tokens from `start` name the database as a whole ("clinic" in "the clinic"); 0 when none do. */
export function databaseNameAt(lexicon: Lexicon, tokens: readonly Token[], start: number): number {
  for (let length = Math.min(lexicon.longest, tokens.length - start); length >= 1; length -= 1) {
    const span = tokens.slice(start, start + length);
    if (span.some((token) => token.kind !== 'word' || token.quote !== null)) continue;
    if (lexicon.databaseNames.has(phraseKey(span.map((token) => token.word)))) return length;
  }
  return 0;
}

/** Names and values starting at `start`, longest first; a quoted stretch only matches as a whole, and only values. */
export function matchAt(lexicon: Lexicon, tokens: readonly Token[], start: number): LexiconMatch[] {
  const first = tokens[start];
  if (!first || first.kind === 'symbol') return [];
  if (first.quote !== null) return matchQuoted(lexicon, tokens, start);
  const matches: LexiconMatch[] = [];
  const partial: LexiconMatch[] = [];
  for (let length = Math.min(lexicon.longest, tokens.length - start); length >= 1; length -= 1) {
    const span = tokens.slice(start, start + length);
    if (span.some((token) => token.kind === 'symbol' || token.quote !== null)) continue;
    const meanings = valueMeanings(lexicon, span);
    const key = phraseKey(span.map((token) => token.word));
    meanings.push(...(lexicon.names.get(key) ?? []));
    if (meanings.length > 0) matches.push({ length, meanings });
    const parts = lexicon.partials.get(key);
    if (parts) partial.push({ length, meanings: parts });
  }
  return matches.length > 0 ? matches : partial;
}

/** A quoted stretch is a value, never a name: "Books" in quotes is the category, not a table. */
function matchQuoted(lexicon: Lexicon, tokens: readonly Token[], start: number): LexiconMatch[] {
  const quote = tokens[start]?.quote;
  const inside = tokens.filter((token) => token.quote === quote);
  if (inside[0]?.index !== start) return [];
  const meanings = valueMeanings(lexicon, inside.filter((token) => token.kind !== 'symbol'));
  const last = inside[inside.length - 1] as Token;
  return meanings.length > 0 ? [{ length: last.index - start + 1, meanings }] : [];
}

function valueMeanings(lexicon: Lexicon, words: readonly Token[]): Meaning[] {
  const meanings: Meaning[] = [];
  for (const entry of lexicon.values.get(words.map((token) => token.word).join(' ')) ?? []) {
    if (entry.exactText !== null && words.map((token) => token.text).join(' ') !== entry.exactText) continue;
    meanings.push({ kind: 'value', field: entry.field, value: entry.value });
  }
  return meanings;
}
