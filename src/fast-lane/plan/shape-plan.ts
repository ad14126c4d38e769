import type { Direction } from '../question/pieces.ts';
import { fail, failed, isSingular, use, type Draft, type DraftGroup, type DraftMeasure } from './plan-draft.ts';
import type { PlanAggregate, PlanOrder, PlanShape } from './query-plan.ts';
import { joinPaths, uniquePath } from '../semantic-layer/join-paths.ts';
import type { SemanticEntity, SemanticField } from '../semantic-layer/semantic-layer-types.ts';
import { entityByKey } from '../semantic-layer/semantic-layer-types.ts';

/**
 * Plan builder, third pass: the query's shape (one row of aggregates, aggregates per group, a DISTINCT list, or
 * rows of one entity), the entity whose rows it reads (the base), its order and limit.
 */

export interface Shaped {
  shape: PlanShape;
  base: SemanticEntity;
  aggregates: PlanAggregate[];
  groups: DraftGroup[];
  columns: SemanticField[];
  order: PlanOrder | null;
  limit: number | null;
}

export const maxListRows = 100;

export function shapePlan(draft: Draft): Shaped | null {
  resolvePeople(draft);
  if (draft.ranking && draft.ranking.kind !== 'field') return rankedGroups(draft);
  if (draft.ranking?.kind === 'field') return rankedRows(draft, draft.ranking.field, draft.ranking.direction);
  impliedCount(draft);
  const [first] = draft.measures;
  if (first) {
    // "Which product has the highest list price": the answer is a product, not a price.
    const rowEntity = first.field && first.extreme && draft.measures.length === 1 ? mentionOf(draft, first.field.entityKey) : -1;
    if (first.field && first.extreme && rowEntity >= 0 && asksWhich(draft, rowEntity) && (isSingular(draft.pieces[rowEntity] ?? { text: '' }) || draft.limit !== null)) {
      return rankedRows(draft, first.field, first.extreme);
    }
    return aggregated(draft);
  }
  return listed(draft);
}

/** "Orders by status", "customers per country": with groups and no figure asked for, the figure is a count. */
function impliedCount(draft: Draft): void {
  if (draft.measures.length > 0 || draft.ranking !== null || draft.groups.length === 0) return;
  const mentions = draft.pieces.flatMap((piece, index) => (piece.kind === 'entity' && !draft.used[index] && !isSingular(piece) ? [index] : []));
  const [mention] = mentions;
  const piece = mention === undefined ? undefined : draft.pieces[mention];
  if (mentions.length !== 1 || piece?.kind !== 'entity') return;
  draft.measures.push({ fn: 'count', field: null, entity: piece.entity, people: false, distinct: false, extreme: null });
  use(draft, mention as number);
}

/** "How many people work in Engineering": the people are the rows of the entity the filters are about. */
function resolvePeople(draft: Draft): void {
  for (const measure of draft.measures) {
    if (!measure.people) continue;
    const keys = new Set([...draft.filters.map((filter) => filter.field.entityKey), ...draft.groups.flatMap((group) => (group.kind === 'field' ? [group.field.entityKey] : []))]);
    if (keys.size !== 1) {
      fail(draft, 'I could not tell which people the question is about');
      continue;
    }
    measure.entity = entityByKey(draft.layer, [...keys][0] as string);
  }
}

/** "which product", "what 3 products", "list the 10 orders": the entity is what the question asks for. */
export function asksWhich(draft: Draft, mention: number): boolean {
  const before = draft.pieces[mention - 1];
  return before?.kind === 'list' || (before?.kind === 'number' && draft.pieces[mention - 2]?.kind === 'list');
}

/** Index of an unused mention of the entity, or -1. */
function mentionOf(draft: Draft, entityKey: string): number {
  return draft.pieces.findIndex((piece, index) => piece.kind === 'entity' && piece.entity.key === entityKey && !draft.used[index]);
}

function orderDirection(draft: Draft, direction: Direction): Direction {
  if (draft.direction !== null && draft.direction !== direction) fail(draft, 'the question ranks one way and orders the other');
  return direction;
}

/** "Which country has the most customers", "top 5 products by units sold", "the most common subject". */
function rankedGroups(draft: Draft): Shaped | null {
  const ranking = draft.ranking;
  if (!ranking || ranking.kind === 'field') return null;
  if (draft.sort !== null && draft.sort.kind !== 'figure') return failed(draft, 'the question ranks by one thing and sorts by another');
  const ranked: DraftMeasure = ranking.kind === 'count'
    ? { fn: 'count', field: null, entity: ranking.entity, people: false, distinct: false, extreme: null }
    : { fn: ranking.field.metric?.aggregate ?? 'sum', field: ranking.field, entity: null, people: false, distinct: false, extreme: null };
  const rankedEntity = ranking.kind === 'count' ? ranking.entity : entityByKey(draft.layer, ranking.field.entityKey);
  let subject = -1;
  if (draft.groups.length === 0) {
    subject = draft.pieces.findIndex((piece, index) => !draft.used[index] && ((piece.kind === 'field' && piece.field.role !== 'time' && piece.field.role !== 'measure') || piece.kind === 'grain'));
    if (subject < 0) {
      subject = draft.pieces.findIndex((piece, index) => !draft.used[index] && piece.kind === 'entity' && piece.entity !== rankedEntity && joinPaths(draft.layer, rankedEntity, piece.entity).length > 0);
    }
    const piece = draft.pieces[subject];
    if (!piece) return null;
    if (piece.kind === 'field') draft.groups.push({ kind: 'field', field: piece.field });
    else if (piece.kind === 'grain') draft.groups.push({ kind: 'grain', grain: piece.grain });
    else if (piece.kind === 'entity') draft.groups.push({ kind: 'entity', entity: piece.entity, bare: false });
    use(draft, subject);
  }
  // "with their order counts" repeats the ranked figure.
  const others = draft.measures.filter((measure) => !(measure.fn === ranked.fn && measure.field === ranked.field && measure.entity === ranked.entity));
  const singular = subject >= 0 ? isSingular(draft.pieces[subject] ?? { text: '' }) : false;
  const limit = draft.limit ?? (singular ? 1 : null);
  if (limit === null) {
    fail(draft, 'say how many to show, for example "top 10"');
    return null;
  }
  const aggregates = resolveAggregates(draft, [ranked, ...others]);
  if (!aggregates) return null;
  return { shape: 'grouped', ...aggregates, groups: draft.groups, columns: [], order: { kind: 'aggregate', index: 0, direction: orderDirection(draft, ranking.direction) }, limit };
}

/** "Which product has the highest list price", "the 10 most recent orders": rows of one entity, ordered. */
function rankedRows(draft: Draft, field: SemanticField, direction: Direction): Shaped | null {
  if (draft.sort !== null && !(draft.sort.kind === 'field' && draft.sort.field === field)) return failed(draft, 'the question ranks by one thing and sorts by another');
  const base = entityByKey(draft.layer, field.entityKey);
  const mention = mentionOf(draft, base.key);
  if (mention < 0 || draft.groups.length > 0 || draft.measures.some((measure) => measure.field !== field)) return null;
  const limit = draft.limit ?? (isSingular(draft.pieces[mention] ?? { text: '' }) ? 1 : null);
  if (limit === null) {
    fail(draft, 'say how many to show, for example "top 10"');
    return null;
  }
  use(draft, mention);
  draft.measures = [];
  return { shape: 'rows', base, aggregates: [], groups: [], columns: [field, ...mentionedFields(draft, base, field)], order: { kind: 'field', field, direction: orderDirection(draft, direction) }, limit };
}

/** Fields of the base the question names but no rule used: shown as columns ("with their list price"). */
function mentionedFields(draft: Draft, base: SemanticEntity, except: SemanticField | null): SemanticField[] {
  const fields: SemanticField[] = [];
  draft.pieces.forEach((piece, index) => {
    if (draft.used[index] || piece.kind !== 'field' || piece.field.entityKey !== base.key || piece.field.role === 'time' || piece.field.metric) return;
    if (piece.field !== except && !fields.includes(piece.field)) fields.push(piece.field);
    use(draft, index);
  });
  return fields;
}

function aggregated(draft: Draft): Shaped | null {
  if (draft.limit !== null) return null;
  const aggregates = resolveAggregates(draft, draft.measures);
  if (!aggregates) return null;
  // "the quantity of every order line", "the average quantity per order line": each row of the base is not a group.
  const onlyAverages = aggregates.aggregates.every((aggregate) => aggregate.fn === 'avg');
  draft.groups = draft.groups.filter((group) => !(group.kind === 'entity' && group.entity === aggregates.base && (group.bare || onlyAverages)));
  if (draft.groups.length === 0) {
    if (draft.sort !== null) return failed(draft, 'there is one figure, nothing to sort');
    return { shape: 'aggregate', ...aggregates, groups: [], columns: [], order: null, limit: null };
  }
  const order = groupedOrder(draft, aggregates.aggregates);
  return order ? { shape: 'grouped', ...aggregates, groups: draft.groups, columns: [], order, limit: maxListRows } : null;
}

/** Groups come highest figure first, time grains in time order, unless the question says how to sort them. */
function groupedOrder(draft: Draft, aggregates: PlanAggregate[]): PlanOrder | null {
  const sort = draft.sort;
  const byGroups = (direction: Direction | null): PlanOrder => ({ kind: 'groups', direction: direction ?? 'asc' });
  if (sort === null) {
    if (draft.groups.every((group) => group.kind === 'grain')) return draft.direction === null ? { kind: 'groups' } : byGroups(draft.direction);
    return { kind: 'aggregate', index: 0, direction: draft.direction ?? 'desc' };
  }
  if (sort.kind === 'figure') return { kind: 'aggregate', index: 0, direction: draft.direction ?? 'desc' };
  const [only, ...others] = draft.groups;
  if (sort.kind === 'alphabetical') {
    if (draft.groups.every((group) => group.kind === 'field' && !group.field.flag)) return byGroups(draft.direction);
    return failed(draft, 'I can sort these groups by their figures, not alphabetically');
  }
  if (only && others.length === 0 && only.kind === 'field' && only.field === sort.field) return byGroups(draft.direction);
  const index = aggregates.findIndex((aggregate) => aggregate.field === sort.field);
  if (index >= 0) return { kind: 'aggregate', index, direction: draft.direction ?? 'desc' };
  return failed(draft, `the answer does not show ${sort.field.label}, so it cannot be sorted by it`);
}

/**
 * The base is the entity the aggregates read. Counting an entity that another mentioned entity refers to
 * ("customers who placed at least one order") counts distinct foreign keys of that other entity instead.
 */
function resolveAggregates(draft: Draft, measures: DraftMeasure[]): { base: SemanticEntity; aggregates: PlanAggregate[] } | null {
  let base: SemanticEntity | null = null;
  const aggregates: PlanAggregate[] = [];
  for (const measure of measures) {
    let entity = measure.field ? entityByKey(draft.layer, measure.field.entityKey) : measure.entity;
    if (!entity) return null;
    let aggregate: PlanAggregate = { fn: measure.fn, field: measure.field };
    if (measure.fn === 'count' && measure.field === null) {
      const holder = childMention(draft, entity);
      if (holder) {
        aggregate = { fn: 'count-distinct', field: holder.via };
        entity = holder.entity;
      }
    }
    if (base !== null && base !== entity) {
      fail(draft, `the question combines figures about ${base.plural} and ${entity.plural}`);
      return null;
    }
    base = entity;
    aggregates.push(aggregate);
  }
  return base ? { base, aggregates } : null;
}

/** An entity named in the question ("at least one order", "placed orders") whose rows refer to `counted`. */
function childMention(draft: Draft, counted: SemanticEntity): { entity: SemanticEntity; via: SemanticField } | null {
  const candidates = draft.has.length > 0 ? draft.has : draft.pieces.flatMap((piece, index) => (piece.kind === 'entity' && !draft.used[index] && piece.entity !== counted ? [piece.entity] : []));
  for (const candidate of candidates) {
    const lookup = uniquePath(draft.layer, candidate, counted);
    if (lookup.kind !== 'path') continue;
    const last = lookup.path[lookup.path.length - 1];
    const column = last?.join.columns[0];
    const via = last?.from.fields.find((field) => field.column === column);
    if (!via || last?.join.columns.length !== 1) continue;
    draft.pieces.forEach((piece, index) => {
      if (piece.kind === 'entity' && piece.entity === candidate) use(draft, index);
    });
    return { entity: candidate, via };
  }
  return null;
}

/** "Which categories are there?" → DISTINCT; "Which employee has no manager?" → rows. */
function listed(draft: Draft): Shaped | null {
  if (draft.groups.length > 0 || (draft.limit !== null && !draft.listed)) return null;
  const dimensions: SemanticField[] = [];
  draft.pieces.forEach((piece, index) => {
    if (!draft.used[index] && piece.kind === 'field' && piece.field.role === 'dimension' && !dimensions.includes(piece.field)) {
      dimensions.push(piece.field);
      use(draft, index);
    }
  });
  const distinctWord = draft.pieces.findIndex((piece, index) => piece.kind === 'distinct' && !draft.used[index]);
  if (distinctWord >= 0) use(draft, distinctWord);
  if (!draft.listed && distinctWord < 0) return null;
  // "What is the net amount of all sales" asks for one figure, not a list of every sale.
  if (draft.single && draft.pieces.some((piece) => piece.kind === 'entity' && !isSingular(piece))) {
    fail(draft, '"what is" asks for one value, but this would list rows: say "total" or "average" for one figure, or "list" for the rows');
    return null;
  }
  const limit = Math.min(draft.limit ?? maxListRows, maxListRows);
  const mentions = draft.pieces.flatMap((piece, index) => (piece.kind === 'entity' && !draft.used[index] ? [piece.entity] : []));
  // "List products and their categories" asks for products; "Which countries do we have customers in?" for countries.
  const asked = draft.pieces.find((piece, index) => piece.kind === 'entity' && !draft.used[index] && asksWhich(draft, index));
  const askedEntity = asked?.kind === 'entity' ? asked.entity : undefined;
  // "the gross and net amount for sale 101": the rows are the one the id names.
  const identified = draft.ids.length === 1 && draft.ids[0]?.field === null && mentions.length === 0 ? draft.ids[0].entity : undefined;
  if (dimensions.length > 0 && !askedEntity && !identified) {
    const owner = entityByKey(draft.layer, (dimensions[0] as SemanticField).entityKey);
    const base = mentions.find((entity) => dimensions.every((field) => uniquePath(draft.layer, entity, entityByKey(draft.layer, field.entityKey)).kind === 'path')) ?? owner;
    const sort = draft.sort;
    if (sort?.kind === 'figure' || (sort?.kind === 'field' && !dimensions.includes(sort.field))) return failed(draft, 'the values can only be sorted by themselves');
    const order: PlanOrder | null = sort !== null || draft.direction !== null ? { kind: 'groups', direction: draft.direction ?? 'asc' } : null;
    return { shape: 'distinct', base, aggregates: [], groups: [], columns: dimensions, order, limit };
  }
  const base = askedEntity ?? mentions[0] ?? identified;
  if (!base) return null;
  use(draft, mentionOf(draft, base.key));
  const columns = [...dimensions, ...mentionedFields(draft, base, null)];
  const order = rowOrder(draft, base, columns);
  return order === undefined ? null : { shape: 'rows', base, aggregates: [], groups: [], columns, order, limit };
}

/** Rows come in key order unless the question sorts them: by a field (then shown), or alphabetically by their name. */
function rowOrder(draft: Draft, base: SemanticEntity, columns: SemanticField[]): PlanOrder | null | undefined {
  const sort = draft.sort;
  if (sort === null) {
    if (draft.direction !== null) return failed(draft, 'say what to sort the rows by') ?? undefined;
    return null;
  }
  if (sort.kind === 'field') {
    if (sort.field.entityKey !== base.key) return failed(draft, `${base.plural} can only be sorted by their own fields`) ?? undefined;
    if (!columns.includes(sort.field)) columns.push(sort.field);
    return { kind: 'field', field: sort.field, direction: draft.direction ?? 'asc' };
  }
  if (sort.kind === 'alphabetical' && (base.labelColumn !== null || columns.some((field) => field.role === 'dimension' && !field.flag))) return { kind: 'label', direction: draft.direction ?? 'asc' };
  return failed(draft, `I could not tell what to sort the ${base.plural} by`) ?? undefined;
}
