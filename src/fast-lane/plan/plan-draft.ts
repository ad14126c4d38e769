import type { DateRange } from '../question/calendar.ts';
import type { Direction, Grain, MoneyUnit, ResolvedPiece } from '../question/pieces.ts';
import type { AggregateKind, PlanFilter } from './query-plan.ts';
import type { SemanticEntity, SemanticField, SemanticLayer } from '../semantic-layer/semantic-layer-types.ts';

/** The plan builder's working state: the pieces, which of them are accounted for, and what they add up to so far. */

export interface DraftMeasure {
  fn: AggregateKind;
  /** null for count(*) of `entity`. */
  field: SemanticField | null;
  /** For count(*): the counted entity, or null with `people` until the question says who. */
  entity: SemanticEntity | null;
  people: boolean;
  /** "how many different customers …". */
  distinct: boolean;
  /** Came from "highest"/"lowest": in a list of rows it orders them instead. */
  extreme: Direction | null;
}

/** What a question ranks by: a count of an entity, a sum of a measure, or a field of the rows themselves. */
export type DraftRanking =
  | { kind: 'count'; entity: SemanticEntity; direction: Direction }
  | { kind: 'sum'; field: SemanticField; direction: Direction }
  | { kind: 'field'; field: SemanticField; direction: Direction };

export type DraftGroup =
  | { kind: 'field'; field: SemanticField }
  | { kind: 'grain'; grain: Grain }
  /** `bare` for "each product": a group, unless the entity is the base ("every order line" is all of them). */
  | { kind: 'entity'; entity: SemanticEntity; bare: boolean };

/** What the question says to sort on: a field, the figure computed ("by the count"), or names ("alphabetically"). */
export type DraftSort = { kind: 'field'; field: SemanticField } | { kind: 'figure' } | { kind: 'alphabetical' };

export interface IdReference {
  entity: SemanticEntity;
  value: number;
  /** The foreign key named before it ("reports to employee 1"), if any. */
  field: SemanticField | null;
}

export interface Draft {
  layer: SemanticLayer;
  pieces: ResolvedPiece[];
  used: boolean[];
  /** For a field piece: the entity named right before it ("customer country"). */
  qualifier: (SemanticEntity | undefined)[];
  measures: DraftMeasure[];
  ranking: DraftRanking | null;
  filters: PlanFilter[];
  ranges: DateRange[];
  groups: DraftGroup[];
  /** Dimensions the question says not to filter on ("whatever their status"). */
  anyFields: SemanticField[];
  ids: IdReference[];
  /** Entities rows must have at least one of ("at least one order"). */
  has: SemanticEntity[];
  limit: number | null;
  direction: Direction | null;
  sort: DraftSort | null;
  listed: boolean;
  /** "What is …": one value is asked for. */
  single: boolean;
  when: boolean;
  unit: MoneyUnit | null;
  /** "in minutes": a unit of measure the answer must already be in. */
  measureUnit: string | null;
  round: number | null;
  failure: string | null;
}

export function createDraft(layer: SemanticLayer, pieces: ResolvedPiece[]): Draft {
  return {
    layer, pieces, used: pieces.map(() => false), qualifier: pieces.map(() => undefined), measures: [], ranking: null,
    filters: [], ranges: [], groups: [], anyFields: [], ids: [], has: [], limit: null, direction: null, sort: null, listed: false, single: false,
    when: false, unit: null, measureUnit: null, round: null, failure: null,
  };
}

export function fail(draft: Draft, reason: string): void {
  draft.failure ??= reason;
}

export function use(draft: Draft, ...indexes: number[]): void {
  for (const index of indexes) draft.used[index] = true;
}

export function pieceAt(draft: Draft, index: number): ResolvedPiece | undefined {
  return draft.pieces[index];
}

const nounKinds = new Set(['entity', 'field', 'value', 'pii', 'people', 'grain']);

export function isNoun(piece: ResolvedPiece | undefined): boolean {
  return piece !== undefined && nounKinds.has(piece.kind);
}

/** The next piece after `from` that is not used and not one of `skip`; -1 when there is none. */
export function nextFree(draft: Draft, from: number, skip: readonly string[] = []): number {
  for (let index = from + 1; index < draft.pieces.length; index += 1) {
    const piece = draft.pieces[index] as ResolvedPiece;
    if (draft.used[index] || skip.includes(piece.kind)) continue;
    return index;
  }
  return -1;
}

export function fieldPiece(piece: ResolvedPiece | undefined): SemanticField | null {
  return piece?.kind === 'field' ? piece.field : null;
}

export function entityPiece(piece: ResolvedPiece | undefined): SemanticEntity | null {
  return piece?.kind === 'entity' ? piece.entity : null;
}

/** "customer" rather than "customers": the piece's last word is its own singular. */
export function isSingular(piece: { text: string }): boolean {
  const last = piece.text.split(' ').pop()?.toLowerCase() ?? '';
  return !/s$/.test(last) || /(ss|us|is)$/.test(last) || ['people', 'staff'].includes(last);
}

/** Records why the question cannot be answered, and returns null for the caller to return. */
export function failed(draft: Draft, reason: string): null {
  fail(draft, reason);
  return null;
}
