import { describe, expect, it } from 'vitest';
import { fromStorableJson, fromStorableText, toStorableJson, toStorableText } from '../../src/providers/shared/storable-text.ts';

/** The PostgreSQL state store's text escaping: only NUL, lone surrogates and the escape character change, reversibly. */

describe('storable text', () => {
  it('leaves ordinary text, emoji and accents exactly as they are', () => {
    for (const text of ['', 'How many orders were cancelled?', 'Zürich — 東京 😀', "it's \\ \"quoted\" \n\t"]) {
      expect(toStorableText(text)).toBe(text);
      expect(fromStorableText(text)).toBe(text);
    }
  });

  it('escapes NUL, lone surrogates and the escape character, and gives back exactly what was written', () => {
    const samples = ['a\u0000b', '\uD800', 'x\uDC00y', '\uD83D\uD83D\uDE00', '\uDE00\uD83D', '\uE000', '\uE000e000', '\uE0000041 literal', 'end\uD83D'];
    for (const text of samples) {
      const stored = toStorableText(text);
      expect(stored).not.toMatch(/\u0000/);
      expect(stored).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      expect(JSON.parse(JSON.stringify(stored))).toBe(stored);
      expect(fromStorableText(stored)).toBe(text);
    }
  });

  it('maps every string of a JSON value, keys included', () => {
    const value = { 'k\u0000': ['v\uD800', { nested: '\uE000' }], n: 1, t: true, z: null };
    const stored = toStorableJson(value);
    expect(JSON.stringify(stored)).not.toMatch(/\\u0000|\\ud800/i);
    expect(fromStorableJson(stored)).toEqual(value);
  });
});
