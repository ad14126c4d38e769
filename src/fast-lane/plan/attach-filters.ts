import type { MoneyUnit, ResolvedPiece } from '../question/pieces.ts';
import { entityPiece, fail, fieldPiece, isSingular, pieceAt, use, type Draft } from './plan-draft.ts';
import type { SemanticEntity, SemanticField } from '../semantic-layer/semantic-layer-types.ts';

/**
 * Plan builder, first pass: qualifiers ("customer country"), ids ("customer 100"), values ("cancelled or refunded"),
 * negation, NULL checks ("no manager"), numeric comparisons ("above 100 euros") and periods.
 */
export function attachFilters(draft: Draft): void {
  attachQualifiers(draft);
  attachValues(draft);
  draft.pieces.forEach((piece, index) => {
    if (draft.used[index]) return;
    if (piece.kind === 'no') attachNullCheck(draft, index);
    else if (piece.kind === 'negation') attachNotHappened(draft, index);
    else if (piece.kind === 'any' || piece.kind === 'quantifier') attachQuantifier(draft, index);
    else if (piece.kind === 'has') attachHas(draft, index);
    else if (piece.kind === 'compare') attachComparison(draft, index);
    else if (piece.kind === 'field' && piece.field.flag) attachFlag(draft, index);
    else if (piece.kind === 'time') {
      draft.ranges.push(piece.range);
      use(draft, index);
    }
  });
}

function attachQualifiers(draft: Draft): void {
  draft.pieces.forEach((piece, index) => {
    const entity = entityPiece(piece);
    const next = pieceAt(draft, index + 1);
    if (!entity || !next) return;
    const field = fieldPiece(next);
    const touching = piece.start + piece.length === next.start;
    // "customer country", "order total": a singular entity name qualifying its own field ("employees report to" is not).
    if (field && field.entityKey === entity.key && field.role !== 'time' && touching && isSingular(piece)) {
      draft.qualifier[index + 1] = entity;
      use(draft, index);
    } else if (next.kind === 'pii' && next.entity === entity && touching) {
      use(draft, index);
    } else if (next.kind === 'number' && isSingular(piece) && Number.isInteger(next.value)) {
      const before = fieldPiece(pieceAt(draft, index - 1));
      const named = before && before.references === entity.key && !draft.used[index - 1] ? before : null;
      draft.ids.push({ entity, value: next.value, field: named });
      use(draft, index, index + 1);
      if (named) use(draft, index - 1);
    }
  });
}

function valuePiece(piece: ResolvedPiece | undefined): { field: SemanticField; value: string } | null {
  return piece?.kind === 'value' ? { field: piece.field, value: piece.value } : null;
}

function attachValues(draft: Draft): void {
  for (let index = 0; index < draft.pieces.length; index += 1) {
    const first = valuePiece(pieceAt(draft, index));
    if (!first || draft.used[index]) continue;
    const values = [first.value];
    let last = index;
    for (;;) {
      const joiner = pieceAt(draft, last + 1);
      const next = valuePiece(pieceAt(draft, last + 2));
      if ((joiner?.kind !== 'and' && joiner?.kind !== 'or') || !next || next.field !== first.field) break;
      values.push(next.value);
      last += 2;
    }
    for (let covered = index; covered <= last; covered += 1) use(draft, covered);
    let before = index - 1;
    if (fieldPiece(pieceAt(draft, before)) === first.field && !draft.used[before]) use(draft, before--);
    if (fieldPiece(pieceAt(draft, last + 1)) === first.field && !draft.used[last + 1]) use(draft, last + 1);
    const negated = pieceAt(draft, before)?.kind === 'negation' && !draft.used[before];
    if (negated) use(draft, before);
    addValues(draft, first.field, values, negated);
    index = last;
  }
}

function addValues(draft: Draft, field: SemanticField, values: string[], negated: boolean): void {
  const existing = draft.filters.find((filter) => filter.kind === 'values' && filter.field === field);
  if (!existing) {
    draft.filters.push({ kind: 'values', field, values, negated });
    return;
  }
  if (existing.kind === 'values' && existing.negated === negated) {
    existing.values.push(...values.filter((value) => !existing.values.includes(value)));
    return;
  }
  fail(draft, `the question both asks for and excludes values of ${field.label}`);
}

function attachNullCheck(draft: Draft, index: number): void {
  const field = fieldPiece(pieceAt(draft, index + 1));
  if (!field || draft.used[index + 1] || !field.nullable) return;
  draft.filters.push({ kind: 'null', field, isNull: true });
  use(draft, index, index + 1);
}

/** "loans that have not been returned": a date that may be empty, and is. */
function attachNotHappened(draft: Draft, index: number): void {
  const field = fieldPiece(pieceAt(draft, index + 1));
  if (!field || field.role !== 'time' || !field.nullable || draft.used[index + 1]) return;
  draft.filters.push({ kind: 'null', field, isNull: true });
  use(draft, index, index + 1);
}

/** "whatever their status", "all statuses": no filter on that dimension. "all orders": just the entity. */
function attachQuantifier(draft: Draft, index: number): void {
  const next = pieceAt(draft, index + 1);
  const field = fieldPiece(next);
  if (field && field.role === 'dimension' && !draft.used[index + 1]) {
    draft.anyFields.push(field);
    use(draft, index, index + 1);
  } else if (entityPiece(next) && pieceAt(draft, index)?.kind === 'quantifier') {
    use(draft, index);
  }
}

/** "returned sales", "active vehicles", "sales that were not returned": a yes/no column that is set (or not). */
function attachFlag(draft: Draft, index: number): void {
  const field = fieldPiece(pieceAt(draft, index));
  const before = pieceAt(draft, index - 1);
  if (!field || before?.kind === 'group' || before?.kind === 'any' || before?.kind === 'sort-by') return;
  const negated = before?.kind === 'negation' && !draft.used[index - 1];
  draft.filters.push({ kind: 'flag', field, value: !negated });
  use(draft, index);
  if (negated) use(draft, index - 1);
}

function attachHas(draft: Draft, index: number): void {
  const entity = entityPiece(pieceAt(draft, index + 1));
  if (!entity) return;
  draft.has.push(entity);
  use(draft, index, index + 1);
}

function attachComparison(draft: Draft, index: number): void {
  const piece = pieceAt(draft, index);
  if (piece?.kind !== 'compare') return;
  const next = pieceAt(draft, index + 1);
  // "more than 50 orders" compares a count per row of something: not a simple lookup.
  if (next?.kind === 'entity' || next?.kind === 'people') return;
  const before = pieceAt(draft, index - 1);
  let target: SemanticField | null = null;
  let targetIndex = -1;
  if (fieldPiece(before) && fieldPiece(before)?.role !== 'time' && fieldPiece(before)?.role !== 'dimension') [target, targetIndex] = [fieldPiece(before), index - 1];
  else if (fieldPiece(next)?.role === 'measure') [target, targetIndex] = [fieldPiece(next), index + 1];
  else if (entityPiece(before)) target = onlyMeasure(entityPiece(before) as SemanticEntity, piece.unit);
  // A metric is a figure over many rows: "revenue over 100 euros" does not say per what.
  if (!target || target.metric) return;
  const values = storedValues(draft, target, piece.values, piece.unit);
  if (!values) return;
  draft.filters.push({ kind: 'compare', field: target, operator: piece.operator, values });
  use(draft, index);
  if (targetIndex >= 0) use(draft, targetIndex);
}

/** The entity's one measure ("orders over 100 euros" → the order total); with a money unit, its one money measure. */
export function onlyMeasure(entity: SemanticEntity, unit: MoneyUnit | null): SemanticField | null {
  const fits = (field: SemanticField) => unit === null || (unit.scale === 'measure' ? field.unit === unit.name : field.minorUnits);
  const measures = entity.fields.filter((field) => field.role === 'measure' && !field.metric && fits(field));
  return measures.length === 1 ? (measures[0] as SemanticField) : null;
}

/** Numbers as stored: euros become cents for a column in cents; a bare number against money is ambiguous. */
function storedValues(draft: Draft, field: SemanticField, values: number[], unit: MoneyUnit | null): number[] | null {
  if (unit?.scale === 'measure') {
    if (field.unit === unit.name) return values;
    fail(draft, `${field.label} is ${field.unit === null ? 'stored without a unit' : `in ${field.unit}`}, not in ${unit.name}`);
    return null;
  }
  if (!field.minorUnits) {
    if (unit !== null) fail(draft, `${field.label} is not an amount of money`);
    return unit === null ? values : null;
  }
  if (unit === null) {
    fail(draft, `say whether the amount for ${field.label} is in ${field.currency ?? 'currency'} units or cents (it is stored in cents)`);
    return null;
  }
  if (unit.scale === 'minor') return values;
  if (unit.currency !== null && field.currency !== null && unit.currency !== field.currency) {
    fail(draft, `${field.label} is in ${field.currency} cents, not ${unit.currency}s`);
    return null;
  }
  return values.map((value) => Math.round(value * (field.perMajor ?? 1)));
}
