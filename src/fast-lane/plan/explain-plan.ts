import type { PlanAggregate, PlanFilter, PlanGroup, QueryPlan } from './query-plan.ts';
import { entityByKey, type SemanticField, type SemanticLayer } from '../semantic-layer/semantic-layer-types.ts';
import { maxListRows } from './shape-plan.ts';

/** One plain sentence of what a plan computes, in the question's terms: "Counts orders where status is cancelled, in June 2025." */
export function explainPlan(layer: SemanticLayer, plan: QueryPlan): string {
  const parts = [subject(layer, plan)];
  if (plan.groups.length > 0) parts.push(`per ${plan.groups.map((group) => groupWords(group)).join(' and ')}`);
  const conditions = plan.filters.map((filter) => filterWords(layer, filter));
  if (conditions.length > 0) parts.push(`where ${conditions.join(' and ')}`);
  if (plan.order?.kind === 'aggregate' && plan.limit !== null && plan.limit < maxListRows) parts.push(`keeping the ${plan.limit === 1 ? '' : `${plan.limit} `}${plan.order.direction === 'desc' ? 'highest' : 'lowest'}`);
  if (plan.order?.kind === 'label') parts.push(plan.order.direction === 'desc' ? 'in reverse alphabetical order' : 'in alphabetical order');
  if (plan.order?.kind === 'field') {
    parts.push(`${plan.order.direction === 'desc' ? 'highest' : 'lowest'} ${fieldWords(layer, plan.order.field)} first${plan.limit !== null ? `, ${plan.limit === 1 ? 'the first only' : `the first ${plan.limit}`}` : ''}`);
  }
  const sentence = parts.join(', ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

function subject(layer: SemanticLayer, plan: QueryPlan): string {
  if (plan.shape === 'distinct') return `lists the distinct ${plan.columns.map((field) => fieldWords(layer, field)).join(', ')} values of ${plan.base.plural}`;
  if (plan.shape === 'rows') {
    const shown = plan.columns.map((field) => fieldWords(layer, field)).join(', ');
    return `lists ${plan.base.plural}${shown ? ` with their ${shown}` : ''}`;
  }
  const unit = plan.aggregates.some((aggregate) => aggregate.field?.minorUnits) ? (plan.money === 'major' ? ` (in ${plan.currency ?? 'currency'}s)` : ' (in cents)') : '';
  return `${plan.aggregates.map((aggregate) => aggregateWords(layer, plan, aggregate)).join(' and ')}${unit}`;
}

function aggregateWords(layer: SemanticLayer, plan: QueryPlan, aggregate: PlanAggregate): string {
  if (aggregate.fn === 'count' || !aggregate.field) return `counts ${plan.base.plural}`;
  if (aggregate.fn === 'count-distinct') {
    const what = aggregate.field.references ? entityByKey(layer, aggregate.field.references).plural : `${fieldWords(layer, aggregate.field)} values`;
    return `counts the different ${what}${aggregate.field.references ? ` among ${plan.base.plural}` : ''}`;
  }
  const time = aggregate.field.role === 'time';
  const verb = { sum: 'adds up', avg: 'averages', min: time ? 'finds the earliest' : 'finds the lowest', max: time ? 'finds the latest' : 'finds the highest' }[aggregate.fn];
  const rounded = plan.round !== null ? ` rounded to ${plan.round} decimals` : '';
  return `${verb} ${fieldWords(layer, aggregate.field)}${rounded}`;
}

function fieldWords(layer: SemanticLayer, field: SemanticField): string {
  const entity = entityByKey(layer, field.entityKey);
  return `${entity.singular} ${field.label}`;
}

function groupWords(group: PlanGroup): string {
  if (group.kind === 'grain') return group.grain;
  if (group.kind === 'entity') return group.entity.singular;
  return group.field.label;
}

function filterWords(layer: SemanticLayer, filter: PlanFilter): string {
  const name = fieldWords(layer, filter.field);
  if (filter.kind === 'values') return `${name} is ${filter.negated ? 'not ' : ''}${filter.values.join(' or ')}`;
  if (filter.kind === 'range') return `${name} ${filter.range.description}`;
  if (filter.kind === 'null') return `${name} is ${filter.isNull ? 'empty' : 'set'}`;
  if (filter.kind === 'flag') return `${name} is ${filter.value ? 'true' : 'not true'}`;
  const [low, high] = filter.values;
  const shown = (value: number | undefined) => `${value}${filter.field.minorUnits ? ' cents' : ''}`;
  if (filter.operator === 'between') return `${name} is between ${shown(low)} and ${shown(high)}`;
  return `${name} ${filter.operator} ${shown(low)}`;
}
