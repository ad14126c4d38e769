import { defaultTimeField } from './attach-measures.ts';
import { joinPaths, uniquePath } from '../semantic-layer/join-paths.ts';
import { fail, failed, use, type Draft } from './plan-draft.ts';
import type { PlanFilter, PlanGroup, QueryPlan } from './query-plan.ts';
import { entityByKey, type SemanticEntity, type SemanticField } from '../semantic-layer/semantic-layer-types.ts';
import { asksWhich, maxListRows, type Shaped } from './shape-plan.ts';

/**
 * Plan builder, last pass: every table the plan touches must be reachable from the base along one many-to-one path;
 * periods and grains get their time field; ids become key filters; and every piece of the question must be
 * accounted for. Anything left over is a reason to abstain.
 */
export function finishPlan(draft: Draft, shaped: Shaped): QueryPlan | null {
  const { base } = shaped;
  const reaches = (entityKey: string) => uniquePath(draft.layer, base, entityByKey(draft.layer, entityKey)).kind === 'path';
  const groups: PlanGroup[] = [];
  for (const group of shaped.groups) {
    if (group.kind === 'field') groups.push(group);
    else if (group.kind === 'grain') {
      const field = timeFieldFor(draft, base);
      if (!field) return null;
      groups.push({ kind: 'grain', grain: group.grain, field });
    } else {
      const lookup = uniquePath(draft.layer, base, group.entity);
      const last = lookup.kind === 'path' ? lookup.path[lookup.path.length - 1] : undefined;
      const via = last && last.join.columns.length === 1 ? last.from.fields.find((field) => field.column === last.join.columns[0]) : undefined;
      if (group.entity === base) return failed(draft, `each row of ${base.plural} is already one ${base.singular}`);
      if (!via) return failed(draft, `I could not relate ${group.entity.plural} to ${base.plural}`);
      groups.push({ kind: 'entity', entity: group.entity, via });
    }
  }
  const filters: PlanFilter[] = [...draft.filters];
  if (draft.ranges.length > 0) {
    const field = timeFieldFor(draft, base);
    if (!field) return null;
    for (const range of draft.ranges) filters.push({ kind: 'range', field, range });
  }
  for (const id of draft.ids) {
    const field = id.field ?? idField(draft, base, id.entity);
    if (!field) return failed(draft, `I could not relate ${id.entity.singular} ${id.value} to ${base.plural}`);
    filters.push({ kind: 'compare', field, operator: '=', values: [id.value] });
  }
  for (const any of draft.anyFields) {
    if (filters.some((filter) => filter.field === any)) return failed(draft, `the question both filters on ${any.label} and says not to`);
  }
  const fields = [...filters.map((filter) => filter.field), ...groups.map((group) => (group.kind === 'entity' ? group.via : group.field)), ...shaped.columns];
  for (const aggregate of shaped.aggregates) if (aggregate.field) fields.push(aggregate.field);
  const unreachable = fields.find((field) => !reaches(field.entityKey));
  if (unreachable) return failed(draft, `I could not relate ${entityByKey(draft.layer, unreachable.entityKey).plural} to ${base.plural}`);
  const asked = draft.pieces.findIndex(
    (piece, index) => piece.kind === 'entity' && draft.qualifier[index + 1] !== piece.entity && asksWhich(draft, index) && !answersWhich(shaped, groups, piece.entity),
  );
  // "Which customer has the highest order total?" asks for customers; a figure or a list of orders does not answer it.
  if (asked >= 0) return failed(draft, `the question asks which ${draft.pieces[asked]?.text ?? 'rows'}, and I could only answer with something else`);
  if (!acceptMentions(draft, base, filters)) return null;
  const hidden = filters.find((filter) => filter.kind === 'values' && isWordlike(filter.values) && filter.field.entityKey !== base.key && !named(draft, filter.field.entityKey));
  if (hidden?.kind === 'values') {
    const owner = entityByKey(draft.layer, hidden.field.entityKey);
    return failed(draft, `"${hidden.values.join('", "')}" could be an ordinary word or a value of ${owner.singular} ${hidden.field.label}; name the ${owner.plural} if you mean their ${hidden.field.label}`);
  }
  const money = moneyOutput(draft, shaped);
  if (money === null) return null;
  // "in minutes": the figures shown must already be in minutes; nothing is converted.
  if (draft.measureUnit !== null) {
    const shown = [...shaped.aggregates.flatMap((aggregate) => (aggregate.field && aggregate.fn !== 'count' && aggregate.fn !== 'count-distinct' ? [aggregate.field] : [])), ...shaped.columns];
    if (shown.length === 0 || shown.some((field) => field.unit !== draft.measureUnit)) return failed(draft, `the answer is not in ${draft.measureUnit}`);
  }
  if (!acceptInstructions(draft, shaped, groups)) return null;
  if (shaped.limit !== null && shaped.limit > maxListRows) return failed(draft, `the fast lane shows at most ${maxListRows} rows`);
  const keysOnly = draft.pieces.some((piece, index) => piece.kind === 'keys' && draft.used[index]) && shaped.shape === 'rows';
  return { ...shaped, groups, filters, money: money.scale, currency: money.currency, round: draft.round, keysOnly };
}

function answersWhich(shaped: Shaped, groups: PlanGroup[], entity: SemanticEntity): boolean {
  if ((shaped.shape === 'rows' || shaped.shape === 'distinct') && shaped.base === entity) return true;
  return groups.some((group) => group.kind === 'entity' && group.entity === entity);
}

/** The time field periods and grains apply to: one the question names, else the base's, else the nearest joined one. */
function timeFieldFor(draft: Draft, base: SemanticEntity): SemanticField | null {
  const named = [...new Set(draft.pieces.flatMap((piece) => (piece.kind === 'field' && piece.field.role === 'time' ? [piece.field] : [])))];
  const reachableNamed = named.filter((field) => uniquePath(draft.layer, base, entityByKey(draft.layer, field.entityKey)).kind === 'path');
  if (reachableNamed.length === 1) return reachableNamed[0] as SemanticField;
  // "orders placed by customers who signed up in 2024": the period belongs to the date named right before it.
  const adjacent = new Set(draft.pieces.flatMap((piece, index) => {
    if (piece.kind !== 'time') return [];
    const before = draft.pieces[index - 1];
    return [before?.kind === 'field' && reachableNamed.includes(before.field) ? before.field : null];
  }));
  const [only] = adjacent;
  if (adjacent.size === 1 && only) return only;
  if (reachableNamed.length > 1) return failed(draft, `the question names several dates (${reachableNamed.map((field) => field.label).join(', ')})`);
  const own = defaultTimeField(base);
  if (own) return own;
  if (base.fields.some((field) => field.role === 'time')) return failed(draft, `say which date of ${base.plural} you mean (${base.fields.filter((field) => field.role === 'time').map((field) => field.label).join(', ')})`);
  for (const hops of [1, 2]) {
    const found = draft.layer.entities.flatMap((entity) => {
      const paths = joinPaths(draft.layer, base, entity);
      const field = paths.length === 1 && paths[0]?.length === hops ? defaultTimeField(entity) : null;
      return field ? [field] : [];
    });
    if (found.length === 1) return found[0] as SemanticField;
    if (found.length > 1) return failed(draft, `${base.plural} have no date of their own, and several related dates could be meant`);
  }
  return failed(draft, `${base.plural} have no date to filter or group by`);
}

/** "customer 100" counted over orders: the foreign key to the customer; over customers: the customer's key. */
function idField(draft: Draft, base: SemanticEntity, entity: SemanticEntity): SemanticField | null {
  if (entity === base) return base.primaryKey.length === 1 ? (base.fields.find((field) => field.column === base.primaryKey[0]) ?? null) : null;
  const lookup = uniquePath(draft.layer, base, entity);
  if (lookup.kind !== 'path') return null;
  const last = lookup.path[lookup.path.length - 1];
  if (!last || last.join.columns.length !== 1) return null;
  return last.from.fields.find((field) => field.column === last.join.columns[0]) ?? null;
}

/** Lower-case stored values ("paid", "cancelled") are also ordinary words; capitalised ones ("Berlin") are names. */
function isWordlike(values: string[]): boolean {
  return values.every((value) => value === value.toLowerCase() && /^[a-z ]+$/.test(value));
}

/** Does the question name the entity itself, or one of its fields, other than through a value? */
function named(draft: Draft, entityKey: string): boolean {
  return draft.pieces.some((piece) => (piece.kind === 'entity' && piece.entity.key === entityKey) || (piece.kind === 'field' && piece.field.entityKey === entityKey));
}

/**
 * Entity names and date words left over are fine when the query reaches them ("orders … placed"); nothing else is.
 * A date that may be empty means the event happened ("loans that were returned"): it must be set.
 */
function acceptMentions(draft: Draft, base: SemanticEntity, filters: PlanFilter[]): boolean {
  for (const [index, piece] of draft.pieces.entries()) {
    if (draft.used[index]) continue;
    const entity = piece.kind === 'entity' ? piece.entity : piece.kind === 'field' && piece.field.role === 'time' ? entityByKey(draft.layer, piece.field.entityKey) : null;
    if (!entity) continue;
    if (uniquePath(draft.layer, base, entity).kind !== 'path') {
      fail(draft, `I could not relate ${entity.plural} to ${base.plural}`);
      return false;
    }
    if (piece.kind === 'field' && piece.field.nullable && !filters.some((filter) => filter.field === piece.field)) {
      filters.push({ kind: 'null', field: piece.field, isNull: false });
    }
    use(draft, index);
  }
  return true;
}

/** Money is shown in cents unless the question asks for euros (or its currency); a unit with no money to apply to is not understood. */
function moneyOutput(draft: Draft, shaped: Shaped): { scale: 'major' | 'minor'; currency: string | null } | null {
  const shown = [...shaped.aggregates.flatMap((aggregate) => (aggregate.fn !== 'count' && aggregate.fn !== 'count-distinct' && aggregate.field ? [aggregate.field] : [])), ...shaped.columns];
  const money = shown.filter((field) => field.minorUnits);
  const unit = draft.unit;
  if (!unit || unit.scale === 'measure') return { scale: 'minor', currency: money[0]?.currency ?? null };
  const unitIndex = draft.pieces.findIndex((piece) => piece.kind === 'unit' && piece.unit.scale !== 'measure');
  if (money.length === 0) return failed(draft, `I did not understand "${draft.pieces[unitIndex]?.text ?? 'the unit'}" here: nothing in the answer is an amount of money`);
  if (unit.scale === 'major' && unit.currency !== null && money.some((field) => field.currency !== null && field.currency !== unit.currency)) {
    return failed(draft, `the amounts are stored in ${money[0]?.currency ?? ''} cents, not ${unit.currency}s`);
  }
  return { scale: unit.scale, currency: unit.scale === 'major' ? (unit.currency ?? money[0]?.currency ?? null) : null };
}

/** Rounding needs a computed figure; "give the month as a number" a month grain; "sold" a measure; "new" a period. */
function acceptInstructions(draft: Draft, shaped: Shaped, groups: PlanGroup[]): boolean {
  if (draft.round !== null && !shaped.aggregates.some((aggregate) => aggregate.fn === 'avg' || aggregate.fn === 'sum' || aggregate.fn === 'min' || aggregate.fn === 'max')) {
    fail(draft, 'there is no computed figure to round');
    return false;
  }
  const aggregatesMeasure = shaped.aggregates.some((aggregate) => aggregate.field?.role === 'measure');
  for (const [index, piece] of draft.pieces.entries()) {
    if (draft.used[index]) continue;
    if (piece.kind === 'grain-format' && groups.some((group) => group.kind === 'grain' && group.grain === piece.grain && piece.grain !== 'day' && piece.grain !== 'week')) use(draft, index);
    if (piece.kind === 'conditional' && (piece.needs === 'measure' ? aggregatesMeasure : draft.ranges.length > 0)) use(draft, index);
    // "the cheapest product and its list price": "and" joins shown columns.
    const next = draft.pieces[index + 1];
    if (piece.kind === 'and' && next?.kind === 'field' && shaped.columns.includes(next.field)) use(draft, index);
    // "the number of deals per stage and their total amount": "and" joins two figures.
    const joinsFigures = next !== undefined && ['count', 'aggregate', 'how-much'].includes(next.kind) && draft.used[index + 1] === true && shaped.aggregates.length > 1;
    if (piece.kind === 'and' && joinsFigures) use(draft, index);
    // "which 5 customers (by id)", "list their IDs": the answer shows rows by their key.
    const before = draft.pieces[index - 1];
    const shownEntity = before?.kind === 'entity' ? before.entity : null;
    const showsKeys = shownEntity ? (shaped.shape === 'rows' && shaped.base === shownEntity) || groups.some((group) => group.kind === 'entity' && group.entity === shownEntity) : shaped.shape === 'rows';
    if (piece.kind === 'keys' && showsKeys) use(draft, index);
  }
  return true;
}
