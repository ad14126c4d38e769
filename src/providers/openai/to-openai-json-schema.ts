import { z } from 'zod';

/**
 * Turns a zod schema into the JSON schema sent in `response_format`, and says whether OpenAI's strict
 * mode (constrained decoding) can enforce it.
 *
 * Strict mode accepts a subset of JSON Schema: the root is an object, every object lists all its
 * properties in `required` and has `additionalProperties: false`, and keywords such as `allOf`, `not`,
 * `if`/`then` or `patternProperties` are absent. The conversion:
 * - describes what the schema accepts (`io: 'input'`), since the reply is parsed by the schema;
 * - closes plain objects (`additionalProperties: false`): `z.object` strips unknown keys anyway;
 * - writes a discriminated union's `oneOf` as `anyOf` (its branches exclude each other);
 * - changes nothing else. A schema that still breaks a rule (an `.optional()` or `.default()` field,
 *   a record, a loose object, an unsupported keyword, a type JSON Schema cannot express) is sent with
 *   `strict: false`: the model is then guided, not constrained, and the zod validation of the reply
 *   still decides. Write `.nullable()` rather than `.optional()` to keep strict mode.
 */
export interface OpenAiJsonSchema {
  schema: Record<string, unknown>;
  strict: boolean;
  /** Why strict mode is off, one readable reason per offending place; empty when strict. */
  strictBlockers: string[];
}

const unsupportedKeywords = [
  'allOf',
  'not',
  'if',
  'then',
  'else',
  'patternProperties',
  'propertyNames',
  'dependentRequired',
  'dependentSchemas',
  'unevaluatedProperties',
  'unevaluatedItems',
  'prefixItems',
  'contains',
  'minContains',
  'maxContains',
  'uniqueItems',
  'minProperties',
  'maxProperties',
];

/** Keywords that say what a value may be; a schema with none of them accepts anything. */
const constrainingKeywords = ['type', 'anyOf', 'oneOf', 'enum', 'const', '$ref'];

export function toOpenAiJsonSchema(schema: z.ZodType): OpenAiJsonSchema {
  const converted = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete converted['$schema'];
  const strictBlockers: string[] = [];
  if (converted['type'] !== 'object') {
    strictBlockers.push('(top level): strict mode needs an object at the top level');
  }
  visitSchema(converted, [], strictBlockers);
  return { schema: converted, strict: strictBlockers.length === 0, strictBlockers };
}

function visitSchema(node: unknown, path: string[], strictBlockers: string[]): void {
  if (!isRecord(node)) {
    strictBlockers.push(`${describePath(path)}: a boolean schema is not allowed in strict mode`);
    return;
  }
  const where = describePath(path);
  if (Array.isArray(node['oneOf'])) {
    node['anyOf'] = node['oneOf'];
    delete node['oneOf'];
  }
  if (!constrainingKeywords.some((keyword) => keyword in node)) {
    strictBlockers.push(`${where}: accepts any value (a type JSON Schema cannot express, or z.unknown())`);
  }
  for (const keyword of unsupportedKeywords) {
    if (keyword in node) strictBlockers.push(`${where}: the keyword "${keyword}" is not supported in strict mode`);
  }
  if (isObjectType(node['type'])) checkObject(node, where, strictBlockers);

  const properties = node['properties'];
  if (isRecord(properties)) {
    for (const [key, child] of Object.entries(properties)) visitSchema(child, [...path, key], strictBlockers);
  }
  const items = node['items'];
  if (items !== undefined) visitSchema(items, [...path, '[]'], strictBlockers);
  const additionalProperties = node['additionalProperties'];
  if (isRecord(additionalProperties)) visitSchema(additionalProperties, [...path, '{}'], strictBlockers);
  const anyOf = node['anyOf'];
  if (Array.isArray(anyOf)) {
    anyOf.forEach((branch, index) => visitSchema(branch, [...path, `anyOf[${index}]`], strictBlockers));
  }
  for (const definitionsKey of ['$defs', 'definitions']) {
    const definitions = node[definitionsKey];
    if (!isRecord(definitions)) continue;
    for (const [name, definition] of Object.entries(definitions)) {
      visitSchema(definition, [`${definitionsKey}.${name}`], strictBlockers);
    }
  }
}

function checkObject(node: Record<string, unknown>, where: string, strictBlockers: string[]): void {
  if (!('additionalProperties' in node)) node['additionalProperties'] = false;
  if (node['additionalProperties'] !== false) {
    strictBlockers.push(`${where}: accepts keys it does not list (a record or loose object)`);
  }
  const properties = isRecord(node['properties']) ? Object.keys(node['properties']) : [];
  const required = Array.isArray(node['required']) ? node['required'] : [];
  for (const key of properties) {
    if (!required.includes(key)) {
      strictBlockers.push(`${where === '(top level)' ? key : `${where}.${key}`}: optional (use .nullable() for strict mode)`);
    }
  }
}

function isObjectType(type: unknown): boolean {
  return type === 'object' || (Array.isArray(type) && type.includes('object'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describePath(path: string[]): string {
  return path.length === 0 ? '(top level)' : path.join('.');
}
