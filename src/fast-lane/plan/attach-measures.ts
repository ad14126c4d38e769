import type { AggregateFunction, Direction, ResolvedPiece } from '../question/pieces.ts';
import { onlyMeasure } from './attach-filters.ts';
import { entityPiece, fail, fieldPiece, isNoun, isSingular, nextFree, pieceAt, use, type Draft, type DraftMeasure, type DraftRanking, type DraftSort } from './plan-draft.ts';
import { entityByKey, type SemanticEntity, type SemanticField } from '../semantic-layer/semantic-layer-types.ts';

/**
 * Plan builder, second pass: what is computed. Counts ("how many orders"), aggregates ("average list price"),
 * superlatives ("most customers", "most expensive", "most recent"), groups ("per country", "in each month"),
 * "top 5", and the question's instructions (euros or cents, rounding, order).
 */
export function attachMeasures(draft: Draft): void {
  draft.pieces.forEach((piece, index) => {
    if (draft.used[index]) return;
    if (piece.kind === 'list') {
      draft.listed = true;
      if (piece.one) draft.single = true;
    } else if (piece.kind === 'when') draft.when = true;
    else if (piece.kind === 'alphabetical') setSort(draft, { kind: 'alphabetical' });
    else if (piece.kind === 'sort-by') {
      attachSortBy(draft, index);
      return;
    }
    else if (piece.kind === 'order') setDirection(draft, piece.direction);
    else if (piece.kind === 'unit' && piece.unit.scale === 'measure') {
      if (draft.measureUnit !== null && draft.measureUnit !== piece.unit.name) fail(draft, 'the question asks for two different units');
      draft.measureUnit = piece.unit.name;
    } else if (piece.kind === 'unit') {
      if (draft.unit && draft.unit.scale !== piece.unit.scale) fail(draft, 'the question asks for two different units');
      draft.unit = piece.unit;
    } else if (piece.kind === 'round') draft.round = piece.digits;
    else if (piece.kind === 'top') {
      setLimit(draft, piece.count ?? 10);
      setDirection(draft, piece.direction);
    } else return;
    use(draft, index);
  });
  draft.pieces.forEach((piece, index) => {
    if (!draft.used[index] && piece.kind === 'group') attachGroup(draft, index);
  });
  draft.pieces.forEach((piece, index) => {
    if (draft.used[index]) return;
    if (piece.kind === 'count') attachCount(draft, index);
    else if (piece.kind === 'how-much') attachHowMuch(draft, index);
    else if (piece.kind === 'aggregate') attachAggregateChain(draft, index);
    else if (piece.kind === 'extreme') {
      if (piece.flavor === 'plain') attachAggregateChain(draft, index);
      else attachSuperlative(draft, index, piece.flavor, piece.direction);
    }
  });
  draft.pieces.forEach((piece, index) => {
    if (draft.used[index] || piece.kind !== 'number') return;
    const next = pieceAt(draft, index + 1);
    if (next && (isNoun(next) || next.kind === 'extreme') && Number.isInteger(piece.value) && piece.value > 0) {
      setLimit(draft, piece.value);
      use(draft, index);
    }
  });
  // "revenue per category": a metric named alone is its own aggregate.
  draft.pieces.forEach((piece, index) => {
    if (draft.used[index] || piece.kind !== 'field' || !piece.field.metric) return;
    if (draft.ranking?.kind === 'sum' && draft.ranking.field === piece.field) return;
    addMeasure(draft, measure(piece.field.metric.aggregate, piece.field));
    use(draft, index);
  });
}

function setDirection(draft: Draft, direction: Direction): void {
  if (draft.direction !== null && draft.direction !== direction) fail(draft, 'the question asks for two different orders');
  draft.direction = direction;
}

function setSort(draft: Draft, sort: DraftSort): void {
  if (draft.sort !== null && sortKey(draft.sort) !== sortKey(sort)) fail(draft, 'the question sorts by two different things');
  draft.sort = sort;
}

function sortKey(sort: DraftSort): string {
  return sort.kind === 'field' ? `${sort.field.entityKey}.${sort.field.column}` : sort.kind;
}

/** "sorted by fee", "order the results by the count", "sorted by number of orders". */
function attachSortBy(draft: Draft, index: number): void {
  const target = pieceAt(draft, index + 1);
  const field = fieldPiece(target);
  if (field && !draft.used[index + 1]) {
    setSort(draft, { kind: 'field', field });
    use(draft, index, index + 1);
    return;
  }
  if (target?.kind === 'count' || target?.kind === 'how-much') {
    setSort(draft, { kind: 'figure' });
    use(draft, index);
    // A bare "by the count" names no new figure; "by number of orders" is one, read as a count below.
    if (!isNoun(pieceAt(draft, index + 2))) use(draft, index + 1);
    return;
  }
  if (target?.kind === 'alphabetical') {
    setSort(draft, { kind: 'alphabetical' });
    use(draft, index, index + 1);
  }
}

function setLimit(draft: Draft, limit: number): void {
  if (draft.limit !== null && draft.limit !== limit) fail(draft, `the question asks for both ${draft.limit} and ${limit} rows`);
  draft.limit = limit;
}

function setRanking(draft: Draft, ranking: DraftRanking): void {
  const existing = draft.ranking;
  if (existing && JSON.stringify(rankingKey(existing)) !== JSON.stringify(rankingKey(ranking))) fail(draft, 'the question ranks by two different things');
  draft.ranking = ranking;
}

function rankingKey(ranking: DraftRanking): [string, string, Direction] {
  return [ranking.kind, ranking.kind === 'count' ? ranking.entity.key : `${ranking.field.entityKey}.${ranking.field.column}`, ranking.direction];
}

function attachGroup(draft: Draft, index: number): void {
  const group = pieceAt(draft, index);
  if (group?.kind !== 'group') return;
  let marker = index;
  // "orders placed by customers in Germany": after the verb of a date, "by" names who, it does not group.
  const next = pieceAt(draft, index + 1);
  if (group.by && next?.kind === 'entity' && !isSingular(next) && fieldPiece(pieceAt(draft, index - 1))?.role === 'time') {
    use(draft, index);
    return;
  }
  // "per year and status": one marker, several groups.
  for (;;) {
    const targetIndex = nextFree(draft, marker);
    if (targetIndex < 0 || targetIndex !== marker + 1 + skippedQualifiers(draft, marker) || !attachGroupTarget(draft, group, targetIndex)) return;
    use(draft, marker, targetIndex);
    const joiner = pieceAt(draft, targetIndex + 1);
    if (joiner?.kind !== 'and' || draft.used[targetIndex + 1]) return;
    marker = targetIndex + 1;
  }
}

function attachGroupTarget(draft: Draft, group: { bare: boolean; by: boolean }, targetIndex: number): boolean {
  const target = pieceAt(draft, targetIndex);
  const field = fieldPiece(target);
  if (target?.kind === 'grain') draft.groups.push({ kind: 'grain', grain: target.grain });
  else if (field && (field.role === 'dimension' || field.role === 'key')) draft.groups.push({ kind: 'field', field });
  else if (field && field.role === 'measure' && group.by) setRanking(draft, { kind: 'sum', field, direction: draft.direction ?? 'desc' });
  else if (field && field.role === 'measure' && field.integer && !field.minorUnits) draft.groups.push({ kind: 'field', field });
  else if (target?.kind === 'entity') {
    // "loans by member" groups; "loans by members from Springfield" may name who made them: left unread.
    if (group.by && !isSingular(target)) return false;
    draft.groups.push({ kind: 'entity', entity: target.entity, bare: group.bare });
  }
  else if (target?.kind === 'count' && group.by) {
    const counted = entityPiece(pieceAt(draft, targetIndex + 1));
    if (!counted) return false;
    setRanking(draft, { kind: 'count', entity: counted, direction: draft.direction ?? 'desc' });
    use(draft, targetIndex + 1);
  } else return false;
  return true;
}

/** Entities already used as qualifiers between a marker and its noun ("per customer country"). */
function skippedQualifiers(draft: Draft, index: number): number {
  let skipped = 0;
  while (pieceAt(draft, index + 1 + skipped)?.kind === 'entity' && draft.used[index + 1 + skipped]) skipped += 1;
  return skipped;
}

function addMeasure(draft: Draft, measure: DraftMeasure): void {
  const same = draft.measures.find((existing) => existing.fn === measure.fn && existing.field === measure.field && existing.entity === measure.entity);
  if (!same) draft.measures.push(measure);
}

function measure(fn: DraftMeasure['fn'], field: SemanticField | null, entity: SemanticEntity | null = null): DraftMeasure {
  return { fn, field, entity, people: false, distinct: false, extreme: null };
}

function attachCount(draft: Draft, index: number): void {
  const targetIndex = nextFree(draft, index, ['distinct', 'quantifier', 'conditional']);
  let distinct = false;
  for (let between = index + 1; between < targetIndex; between += 1) {
    const kind = pieceAt(draft, between)?.kind;
    if (kind === 'distinct') distinct = true;
    if (kind === 'distinct' || kind === 'quantifier') use(draft, between);
  }
  const target = pieceAt(draft, targetIndex);
  const field = fieldPiece(target);
  const before = pieceAt(draft, index - 1);
  if (target?.kind === 'entity') addMeasure(draft, { ...measure('count', null, target.entity), distinct });
  else if (target?.kind === 'people') addMeasure(draft, { ...measure('count', null), people: true, distinct });
  else if (field && (field.role === 'dimension' || field.role === 'key')) addMeasure(draft, measure('count-distinct', field));
  else if (field && field.role === 'measure' && field.integer && !field.minorUnits && !distinct) addMeasure(draft, measure('sum', field));
  else if (before?.kind === 'entity' && /counts?$/i.test(pieceAt(draft, index)?.text ?? '')) {
    // "with their customer counts": the count of the entity just named.
    addMeasure(draft, measure('count', null, before.entity));
    use(draft, index - 1, index);
    return;
  } else return;
  use(draft, index, targetIndex);
}

function attachHowMuch(draft: Draft, index: number): void {
  const targetIndex = nextFree(draft, index);
  const field = fieldPiece(pieceAt(draft, targetIndex));
  if (!field || field.role !== 'measure' || (field.metric && field.metric.aggregate !== 'sum')) return;
  addMeasure(draft, measure('sum', field));
  use(draft, index, targetIndex);
}

const extremeFunction = (direction: Direction): AggregateFunction => (direction === 'desc' ? 'max' : 'min');

/** "average list price", "the lowest and the highest list prices", "largest order total". */
function attachAggregateChain(draft: Draft, index: number): void {
  const first = pieceAt(draft, index);
  const second = pieceAt(draft, index + 1);
  const measured = fieldPiece(pieceAt(draft, index + 2));
  // "the highest total net amount": groups ranked by the sum.
  if (first?.kind === 'extreme' && second?.kind === 'aggregate' && second.fn === 'sum' && measured?.role === 'measure' && !draft.used[index + 2]) {
    setRanking(draft, { kind: 'sum', field: measured, direction: first.direction });
    use(draft, index, index + 1, index + 2);
    return;
  }
  const chain: { fn: AggregateFunction; extreme: Direction | null }[] = [];
  let at = index;
  for (;;) {
    const piece = pieceAt(draft, at) as ResolvedPiece;
    if (piece.kind === 'aggregate') chain.push({ fn: piece.fn, extreme: null });
    else if (piece.kind === 'extreme' && piece.flavor === 'plain') chain.push({ fn: extremeFunction(piece.direction), extreme: piece.direction });
    else break;
    const joiner = pieceAt(draft, at + 1);
    const following = pieceAt(draft, at + 2);
    if ((joiner?.kind === 'and' || joiner?.kind === 'or') && (following?.kind === 'aggregate' || (following?.kind === 'extreme' && following.flavor === 'plain'))) at += 2;
    else break;
  }
  let targetIndex = nextFree(draft, at);
  // "the maximum number of refills": a count word before a whole-number measure is part of its name.
  const counted = fieldPiece(pieceAt(draft, targetIndex + 1));
  if (pieceAt(draft, targetIndex)?.kind === 'count' && counted?.role === 'measure' && counted.integer && !counted.minorUnits && !draft.used[targetIndex + 1]) {
    use(draft, targetIndex);
    targetIndex += 1;
  }
  const target = pieceAt(draft, targetIndex);
  const field = fieldPiece(target);
  const single = chain.length === 1 ? chain[0] : undefined;
  if (field?.metric) {
    // A metric is aggregated its own way: "total revenue" is its sum; "the highest revenue" ranks by it.
    const metric = field.metric;
    if (single?.extreme && metric.aggregate === 'sum') setRanking(draft, { kind: 'sum', field, direction: single.extreme });
    else if (chain.every((link) => link.fn === metric.aggregate && link.extreme === null)) addMeasure(draft, measure(metric.aggregate, field));
    else return fail(draft, `${field.label} is a ${metric.aggregate === 'avg' ? 'average' : metric.aggregate === 'sum' ? 'total' : metric.aggregate}; it cannot be aggregated another way`);
  } else if (field && (field.role === 'measure' || (field.role === 'time' && chain.every((link) => link.fn === 'min' || link.fn === 'max')))) {
    for (const link of chain) addMeasure(draft, { ...measure(link.fn, field), extreme: link.extreme });
  } else if (target?.kind === 'entity' && single?.extreme) {
    // "the 3 largest orders": rows ranked by the entity's one measure.
    const only = onlyMeasure(target.entity, null);
    if (!only) return;
    setRanking(draft, { kind: 'field', field: only, direction: single.extreme });
    for (let covered = index; covered <= at; covered += 1) use(draft, covered);
    return;
  } else return;
  for (let covered = index; covered <= at; covered += 1) use(draft, covered);
  use(draft, targetIndex);
}

function attachSuperlative(draft: Draft, index: number, flavor: 'count' | 'price' | 'time', direction: Direction): void {
  const targetIndex = nextFree(draft, index, ['number']);
  const target = pieceAt(draft, targetIndex);
  const field = fieldPiece(target);
  if (flavor === 'count') {
    if (target?.kind === 'entity') setRanking(draft, { kind: 'count', entity: target.entity, direction });
    else if (field?.role === 'measure') setRanking(draft, { kind: 'sum', field, direction });
    else if (field?.role === 'dimension') {
      // "the most common subject": group by it, rank by how many rows have each.
      setRanking(draft, { kind: 'count', entity: entityByKey(draft.layer, field.entityKey), direction });
      draft.groups.push({ kind: 'field', field });
      if (target !== undefined && isSingular(target) && draft.limit === null) draft.limit = 1;
    } else return;
    use(draft, index, targetIndex);
    return;
  }
  const entity = entityPiece(target) ?? entityPiece(pieceAt(draft, index - 1));
  if (!entity) return;
  if (flavor === 'price') {
    const price = priceMeasure(entity);
    if (!price) return;
    setRanking(draft, { kind: 'field', field: price, direction });
  } else {
    const time = timeFieldOf(draft, entity);
    if (!time) return;
    if (draft.when) addMeasure(draft, measure(extremeFunction(direction), time));
    else setRanking(draft, { kind: 'field', field: time, direction });
  }
  use(draft, index);
}

/** The measure "expensive" and "cheap" refer to: one named price or cost, else the entity's one money measure. */
function priceMeasure(entity: SemanticEntity): SemanticField | null {
  const named = entity.fields.filter((field) => field.role === 'measure' && field.phrases.some((phrase) => phrase.some((word) => ['price', 'cost', 'prices', 'costs'].includes(word))));
  if (named.length === 1) return named[0] as SemanticField;
  const money = entity.fields.filter((field) => field.role === 'measure' && field.minorUnits);
  return money.length === 1 ? (money[0] as SemanticField) : null;
}

/** The time field a question means for an entity: one it names, else the entity's only one. */
function timeFieldOf(draft: Draft, entity: SemanticEntity): SemanticField | null {
  const named = draft.pieces.flatMap((piece) => (piece.kind === 'field' && piece.field.role === 'time' && piece.field.entityKey === entity.key ? [piece.field] : []));
  const distinct = [...new Set(named)];
  if (distinct.length === 1) return distinct[0] as SemanticField;
  if (distinct.length > 1) return null;
  return defaultTimeField(entity);
}

/**
 * An entity's time field when the question names none: its only one; of several, the one named after the entity
 * (`loanedAt` for loans) or `created`; otherwise none, and the question is ambiguous.
 */
export function defaultTimeField(entity: SemanticEntity): SemanticField | null {
  const times = entity.fields.filter((field) => field.role === 'time');
  if (times.length <= 1) return times[0] ?? null;
  const entityWord = entity.singular.split(' ').pop() ?? '';
  const named = times.filter((field) => field.label.split(' ')[0]?.startsWith(entityWord));
  if (named.length === 1) return named[0] as SemanticField;
  const created = times.filter((field) => ['created', 'creation', 'created on'].includes(field.label));
  return created.length === 1 ? (created[0] as SemanticField) : null;
}
