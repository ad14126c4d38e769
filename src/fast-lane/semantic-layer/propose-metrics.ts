import type { SemanticMetric } from '../../config/semantic-model.ts';
import type { SemanticEntity, SemanticField, SemanticLayer } from './semantic-layer-types.ts';
import { nameWords } from './words.ts';

/**
 * Metrics `semantic init` proposes for review: the value of order lines (a quantity times a unit price in one table,
 * "revenue") and the total of each money-like column (`*_cents`, `*_amount`, price, total, revenue, cost).
 */

const moneyWords = new Set(['cents', 'amount', 'price', 'total', 'revenue', 'cost', 'fee', 'value', 'sales', 'turnover']);
const quantityWords = new Set(['quantity', 'qty', 'units', 'count']);

export function proposeMetrics(layer: SemanticLayer): Record<string, SemanticMetric> {
  const proposals: { name: string; metric: SemanticMetric }[] = [];
  const pairs = layer.entities.flatMap((entity) => {
    const quantity = only(entity.fields.filter((field) => isMeasure(field) && field.integer && nameWords(field.column).some((word) => quantityWords.has(word))));
    const price = only(entity.fields.filter((field) => isMeasure(field) && nameWords(field.column).includes('price')));
    return quantity && price ? [{ entity, quantity, price }] : [];
  });
  for (const { entity, quantity, price } of pairs) {
    proposals.push({
      name: pairs.length === 1 ? 'revenue' : `${words(entity).join('_')}_revenue`,
      metric: {
        description: `Proposed: ${quantity.column} × ${price.column} of ${entity.plural}. Review before use.`,
        synonyms: pairs.length === 1 ? ['sales', 'turnover'] : [],
        table: tableName(layer, entity),
        expression: `${quantity.column} * ${price.column}`,
        aggregate: 'sum',
        ...(price.minorUnits ? { unit: 'cents' } : {}),
      },
    });
  }
  for (const entity of layer.entities) {
    for (const field of entity.fields) {
      if (!isMeasure(field) || !nameWords(field.column).some((word) => moneyWords.has(word))) continue;
      if (pairs.some((pair) => pair.price === field)) continue;
      // Prices do not add up: a price is proposed as an average, any other amount as a total.
      const average = nameWords(field.column).includes('price');
      const name = [...words(entity), ...field.label.split(' ').filter((word) => !words(entity).includes(word))];
      proposals.push({
        name: (average ? ['average', ...name] : name).join('_'),
        metric: {
          description: `Proposed: the ${average ? 'average' : 'total'} of ${entity.plural}' ${field.column}. Review before use.`,
          synonyms: [],
          table: tableName(layer, entity),
          expression: field.column,
          aggregate: average ? 'avg' : 'sum',
          ...(field.minorUnits ? { unit: 'cents' } : {}),
        },
      });
    }
  }
  const named = new Map<string, SemanticMetric>();
  for (const proposal of proposals) if (!named.has(proposal.name)) named.set(proposal.name, proposal.metric);
  return Object.fromEntries(named);
}

function isMeasure(field: SemanticField): boolean {
  return field.role === 'measure' && field.metric === undefined && /^[a-z_][a-z0-9_]*$/.test(field.column);
}

function only<T>(items: T[]): T | undefined {
  return items.length === 1 ? items[0] : undefined;
}

function words(entity: SemanticEntity): string[] {
  return entity.singular.split(' ');
}

/** The table as a semantic file names it: bare when in the first schema searched, else `schema.table`. */
function tableName(layer: SemanticLayer, entity: SemanticEntity): string {
  return entity.sqlName.includes('.') ? `${entity.schema}.${entity.table}` : entity.table;
}
