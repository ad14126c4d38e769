import type { DateRange } from '../question/calendar.ts';
import type { Comparison, Direction, Grain } from '../question/pieces.ts';
import type { SemanticEntity, SemanticField } from '../semantic-layer/semantic-layer-types.ts';

/** A small, checked description of one query: what the compiler turns into SQL. */

export type AggregateKind = 'count' | 'count-distinct' | 'sum' | 'avg' | 'min' | 'max';

export interface PlanAggregate {
  fn: AggregateKind;
  /** null for count(*). */
  field: SemanticField | null;
}

export type PlanGroup =
  | { kind: 'field'; field: SemanticField }
  | { kind: 'grain'; grain: Grain; field: SemanticField }
  /** Rows of another entity, reached from the base through `via` (a foreign key column on the path). */
  | { kind: 'entity'; entity: SemanticEntity; via: SemanticField };

export type PlanFilter =
  | { kind: 'values'; field: SemanticField; values: string[]; negated: boolean }
  | { kind: 'compare'; field: SemanticField; operator: Comparison; values: number[] }
  | { kind: 'range'; field: SemanticField; range: DateRange }
  | { kind: 'null'; field: SemanticField; isNull: boolean }
  | { kind: 'flag'; field: SemanticField; value: boolean };

export type PlanOrder =
  | { kind: 'aggregate'; index: number; direction: Direction }
  | { kind: 'field'; field: SemanticField; direction: Direction }
  /** Groups (or DISTINCT values) in their natural order, time grains chronologically; descending when asked. */
  | { kind: 'groups'; direction?: Direction | undefined }
  /** Rows in the order of their name column (or their first shown text column). */
  | { kind: 'label'; direction: Direction };

export type PlanShape =
  /** One row of aggregates. */
  | 'aggregate'
  /** Aggregates per group. */
  | 'grouped'
  /** SELECT DISTINCT of some fields. */
  | 'distinct'
  /** Rows of the base entity: key, label and the fields asked for. */
  | 'rows';

export interface QueryPlan {
  shape: PlanShape;
  base: SemanticEntity;
  aggregates: PlanAggregate[];
  groups: PlanGroup[];
  filters: PlanFilter[];
  /** For 'distinct' and 'rows': fields to show. */
  columns: SemanticField[];
  order: PlanOrder | null;
  limit: number | null;
  /** Money in minor units is shown in the major unit (divided by the minor units per major unit) when the question asks for it. */
  money: 'major' | 'minor';
  /** The currency named in the question, for column names. */
  currency: string | null;
  round: number | null;
  /** "their IDs": rows show their key and the fields asked for, not their name. */
  keysOnly?: boolean | undefined;
}
