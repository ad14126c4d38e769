import { defaultTimeField } from './plan/attach-measures.ts';
import { buildLexicon } from './question/lexicon.ts';
import { parseQuestion } from './question/parse-question.ts';
import type { SemanticEntity, SemanticField, SemanticLayer } from './semantic-layer/semantic-layer-types.ts';
import { emptyValueIndex } from './semantic-layer/value-index.ts';

/**
 * Example questions the fast lane answers, generated from the semantic layer (for abstain replies and the README).
 * Every suggestion is run through the parser first, so none of them is a question it would turn down.
 */
export function suggestQuestions(layer: SemanticLayer, count: number): string[] {
  const lexicon = buildLexicon(layer, emptyValueIndex);
  const perEntity = layer.entities.map((entity) => candidatesFor(entity));
  const suggestions: string[] = [];
  // Round-robin over entities and kinds of question, so the first few already show the variety.
  for (let round = 0; suggestions.length < count && perEntity.some((list) => list.length > round); round += 1) {
    for (const list of perEntity) {
      const question = list[round];
      if (question === undefined || suggestions.length >= count) continue;
      if (parseQuestion(question, lexicon, '2025-01-01').kind === 'answered' && !suggestions.includes(question)) suggestions.push(question);
    }
  }
  return suggestions;
}

function plural(label: string): string {
  if (/[^aeiou]y$/.test(label)) return `${label.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(label)) return `${label}es`;
  return `${label}s`;
}

function candidatesFor(entity: SemanticEntity): string[] {
  const dimensions = entity.fields.filter((field) => field.role === 'dimension' && !field.flag && field.column !== entity.labelColumn);
  const measures = entity.fields.filter((field) => field.role === 'measure');
  const time = defaultTimeField(entity);
  const questions = [`How many ${entity.plural} are there?`];
  const [dimension] = dimensions;
  const [measure] = measures;
  if (dimension) questions.push(`How many ${entity.plural} per ${dimension.label}?`);
  if (time) questions.push(`How many ${entity.plural} last month?`);
  if (measure) questions.push(`What is the average ${entity.singular} ${measureWords(measure)}?`);
  if (dimension) questions.push(`Which ${plural(dimension.label)} are there?`);
  if (time) questions.push(`How many ${entity.plural} per month this year?`);
  if (measure) questions.push(`What are the 5 ${entity.plural} with the highest ${measureWords(measure)}?`);
  if (measure && dimension) questions.push(`What is the highest ${entity.singular} ${measureWords(measure)} per ${dimension.label}?`);
  if (dimension) questions.push(`Which ${dimension.label} has the most ${entity.plural}?`);
  return questions;
}

function measureWords(field: SemanticField): string {
  return field.minorUnits ? `${field.label} in ${field.currency ?? 'euro'}s` : field.label;
}
