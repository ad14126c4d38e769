import { describe, expect, it } from 'vitest';
import { questionSchema } from '../../src/vocabulary/question.ts';

const base = {
  actor: { platform: 'cli', workspaceId: 'w', userId: 'u1' },
  place: { platform: 'cli', channelId: 'c', isDirect: true },
  requestId: 'r-1',
} as const;

const textOf = (text: string) => {
  const parsed = questionSchema.safeParse({ ...base, text });
  return parsed.success ? parsed.data.text : { error: parsed.error.issues.map((issue) => issue.message).join('; ') };
};

describe('questionSchema text', () => {
  it.each([
    ['bidi marks and an override', '\u200E\u200F\u202E'],
    ['zero-width spaces and a BOM', '\u200B\u2060\uFEFF'],
    ['control characters and spaces', '\u0000 \u0007\r\n\t '],
    ['joiners alone', '\u200C\u200D'],
    ['soft hyphens and tag characters', '\u00AD\u{E0041}\u{E007F}'],
  ])('refuses a question made only of %s as empty', (_name, text) => {
    expect(textOf(text)).toEqual({ error: 'the question is empty' });
  });

  it('removes invisible characters inside a question, keeping newlines, tabs and joiners', () => {
    expect(textOf('\uFEFFHow many\u200B orders\u202E?\r\nper\tmonth')).toBe('How many orders?\nper\tmonth');
    expect(textOf('می\u200Cخواهم 👩\u200D💻')).toBe('می\u200Cخواهم 👩\u200D💻');
  });

  it('still refuses an empty or an overlong question', () => {
    expect(textOf('   ')).toEqual({ error: 'the question is empty' });
    expect(textOf('x'.repeat(2001))).toEqual({ error: 'the question is longer than 2000 characters' });
    expect(textOf(`${'x'.repeat(2000)}\u200B`)).toBe('x'.repeat(2000));
  });
});
