import type { MetricToken } from '../../catalog/metric-expression.ts';

/**
 * The fast lane's view of a database: entities (tables), their fields by role, and foreign keys to join along.
 * Derived from the catalog (introspection merged with the semantic YAML); never holds personal-data columns as fields.
 */

export type FieldRole =
  /** Numeric, not a key: summed, averaged, compared. */
  | 'measure'
  /** Text, enum or boolean, not personal data: grouped by, filtered on, value-indexed. */
  | 'dimension'
  /** Date or timestamp: filtered by periods, grouped by grains. */
  | 'time'
  /** Primary or foreign key: filtered by id, counted distinct, joined along. */
  | 'key';

export interface SemanticField {
  /** `schema.table` of the entity the field belongs to. */
  entityKey: string;
  column: string;
  dataType: string;
  role: FieldRole;
  nullable: boolean;
  /** Display words: `unit_price_cents` → `unit price`. */
  label: string;
  /** Word sequences (folded, unstemmed) that name the field in questions. */
  phrases: string[][];
  /** Parts of its name ("city" for `city_name`), matched only where no full name is, and only when unambiguous. */
  partials?: string[][] | undefined;
  /** Money stored in minor units (cents). */
  minorUnits: boolean;
  /** For money in minor units: how many make one major unit (100 cents to the euro), from the language's units. */
  perMajor: number | null;
  /** The currency the semantic model or comment names (`euro`, `dollar`, `pound`), when it names one. */
  currency: string | null;
  /** For a measure: `cents`, or the unit of measure its name or the semantic model gives (`minutes`, `kilometres`). */
  unit: string | null;
  /** For a foreign key column: the entity it references. */
  references: string | null;
  /** Integer-typed (counts such as quantities can be summed by "how many"). */
  integer: boolean;
  /** Boolean-typed dimension: a flag ("active members"). */
  flag: boolean;
  /**
   * A metric of the semantic model ("revenue"): not a column but `aggregate` of an expression over the entity's rows.
   * Its `column` is `metric:<name>`, which no lookup by column name matches.
   */
  metric?: { name: string; tokens: MetricToken[]; aggregate: 'sum' | 'avg' | 'min' | 'max' } | undefined;
}

export interface SemanticJoin {
  /** Columns on the referencing entity. */
  columns: string[];
  /** `schema.table` of the referenced entity. */
  target: string;
  targetColumns: string[];
  /** Some referencing column may be NULL: joined with LEFT JOIN so no row is lost. */
  nullable: boolean;
}

export interface PiiColumn {
  column: string;
  phrases: string[][];
}

export interface SemanticEntity {
  key: string;
  schema: string;
  table: string;
  /** How SQL names the table: bare when its schema is first on the search path, else `schema.table`. */
  sqlName: string;
  /** Short table alias: `order_items` → `oi`. */
  alias: string;
  singular: string;
  plural: string;
  description: string | null;
  phrases: string[][];
  primaryKey: string[];
  /** A non-personal column that names a row (`name`, `title`), shown next to the key in lists. */
  labelColumn: string | null;
  fields: SemanticField[];
  piiColumns: PiiColumn[];
  joins: SemanticJoin[];
}

export interface SemanticLayer {
  datasource: string;
  entities: SemanticEntity[];
  /** Words naming the database as a whole (its name, its schemas, the semantic model's synonyms): "the clinic". */
  databaseNames: string[][];
}

export function entityByKey(layer: SemanticLayer, key: string): SemanticEntity {
  const entity = layer.entities.find((candidate) => candidate.key === key);
  if (!entity) throw new Error(`No entity ${key} in the semantic layer`);
  return entity;
}

export function fieldOf(entity: SemanticEntity, column: string): SemanticField | undefined {
  return entity.fields.find((field) => field.column === column);
}
