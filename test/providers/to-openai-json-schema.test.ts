import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toOpenAiJsonSchema } from '../../src/providers/openai/to-openai-json-schema.ts';

describe('toOpenAiJsonSchema', () => {
  it('closes nested objects and keeps strict mode for nullable fields, enums and arrays', () => {
    const schema = z.object({
      sql: z.string(),
      tables: z.array(z.object({ name: z.string(), alias: z.string().nullable() })),
      confidence: z.enum(['low', 'high']),
    });

    const converted = toOpenAiJsonSchema(schema);

    expect(converted.strict).toBe(true);
    expect(converted.strictBlockers).toEqual([]);
    expect(converted.schema).toEqual({
      type: 'object',
      properties: {
        sql: { type: 'string' },
        tables: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, alias: { type: ['string', 'null'] } },
            required: ['name', 'alias'],
            additionalProperties: false,
          },
        },
        confidence: { type: 'string', enum: ['low', 'high'] },
      },
      required: ['sql', 'tables', 'confidence'],
      additionalProperties: false,
    });
  });

  it('writes a discriminated union as anyOf and stays strict', () => {
    const schema = z.object({
      outcome: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('sql'), sql: z.string() }),
        z.object({ kind: z.literal('clarify'), question: z.string() }),
      ]),
    });

    const converted = toOpenAiJsonSchema(schema);

    expect(converted.strict).toBe(true);
    const outcome = (converted.schema['properties'] as Record<string, Record<string, unknown>>)['outcome'];
    expect(outcome?.['anyOf']).toHaveLength(2);
    expect(outcome?.['oneOf']).toBeUndefined();
  });

  it('falls back to non-strict, saying why, for optional fields, records and a non-object root', () => {
    expect(toOpenAiJsonSchema(z.object({ sql: z.string(), note: z.string().optional() })).strictBlockers).toEqual([
      'note: optional (use .nullable() for strict mode)',
    ]);
    expect(toOpenAiJsonSchema(z.object({ counts: z.record(z.string(), z.number()) })).strictBlockers).toContain(
      'counts: accepts keys it does not list (a record or loose object)',
    );
    const list = toOpenAiJsonSchema(z.array(z.string()));
    expect(list.strict).toBe(false);
    expect(list.strictBlockers[0]).toMatch(/object at the top level/);
  });

  it('falls back to non-strict for a type JSON Schema cannot express instead of throwing', () => {
    const converted = toOpenAiJsonSchema(z.object({ at: z.date() }));

    expect(converted.strict).toBe(false);
    expect(converted.strictBlockers).toEqual(['at: accepts any value (a type JSON Schema cannot express, or z.unknown())']);
  });
});
