import type { PlanAggregate, PlanFilter, PlanGroup, QueryPlan } from '../plan/query-plan.ts';
import type { SemanticEntity, SemanticField, SemanticLayer } from '../semantic-layer/semantic-layer-types.ts';
import { entityByKey } from '../semantic-layer/semantic-layer-types.ts';
import { writeMetricExpression } from '../../catalog/metric-expression.ts';
import { columnKind, isNumeric } from '../semantic-layer/column-kind.ts';
import { sqlAlias, sqlDate, sqlIdentifier, sqlNumber, sqlString } from './sql-text.ts';

/** SQL expressions for one plan's columns, aggregates, grains and filters. Values are always literals written by sql-text. */

/** A field as SQL: its column qualified by the entity's alias, or a metric's expression over those columns. */
export function columnSql(layer: SemanticLayer, field: SemanticField): string {
  const alias = entityByKey(layer, field.entityKey).alias;
  if (field.metric) return writeMetricExpression(field.metric.tokens, (column) => `${alias}.${sqlIdentifier(column)}`);
  return `${alias}.${sqlIdentifier(field.column)}`;
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((word) => word.length > 0);
}

/** A money column in the unit the question asked for: divided by its minor units per major unit (`x / 100.0` for euros), or `x` for cents. */
function moneyExpression(plan: QueryPlan, field: SemanticField, expression: string): { sql: string; suffix: string[] } {
  if (!field.minorUnits) return { sql: expression, suffix: [] };
  if (plan.money === 'major' && field.perMajor !== null) return { sql: `${expression} / ${sqlNumber(field.perMajor)}.0`, suffix: [`${plan.currency ?? field.currency ?? 'currency'}s`] };
  return { sql: expression, suffix: ['cents'] };
}

export function aggregateSql(layer: SemanticLayer, plan: QueryPlan, aggregate: PlanAggregate): { sql: string; alias: string } {
  const field = aggregate.field;
  if (aggregate.fn === 'count' || !field) return { sql: 'count(*)', alias: sqlAlias(words(plan.base.plural)) };
  const column = columnSql(layer, field);
  if (aggregate.fn === 'count-distinct') {
    const named = field.references ? entityByKey(layer, field.references).plural : `${field.label} count`;
    return { sql: `count(DISTINCT ${column})`, alias: sqlAlias(words(named)) };
  }
  if (field.role === 'time') {
    return { sql: `${aggregate.fn}(${column})`, alias: sqlAlias([aggregate.fn === 'min' ? 'first' : 'last', ...words(field.label)]) };
  }
  const prefix = { sum: 'total', avg: 'average', min: 'lowest', max: 'highest' }[aggregate.fn];
  const money = moneyExpression(plan, field, `${aggregate.fn}(${column})`);
  const labelWords = words(field.label);
  // sum of `total_cents` is `total_cents`, not `total_total_cents`.
  const alias = sqlAlias([...(labelWords[0] === prefix ? [] : [prefix]), ...labelWords, ...money.suffix]);
  if (plan.round === null) return { sql: money.sql, alias };
  // avg of integers and money divided into major units is numeric already; other results are cast so round(x, n) exists.
  const numeric = money.sql !== `${aggregate.fn}(${column})` || (aggregate.fn === 'avg' && columnKind(field.dataType) === 'integer') || /^numeric|^decimal/.test(field.dataType);
  return { sql: numeric ? `round(${money.sql}, ${plan.round})` : `round((${money.sql})::numeric, ${plan.round})`, alias };
}

export function shownColumnSql(layer: SemanticLayer, plan: QueryPlan, field: SemanticField): string {
  const money = moneyExpression(plan, field, columnSql(layer, field));
  if (money.suffix.length === 0 || plan.money === 'minor') return money.sql;
  return `${money.sql} AS ${sqlAlias([...words(field.label), ...money.suffix])}`;
}

/** Output expressions of a group, each with how it sorts as a tiebreak. */
export function groupSql(layer: SemanticLayer, group: PlanGroup): { select: string[]; groupBy: string[] } {
  if (group.kind === 'field') {
    const column = columnSql(layer, group.field);
    return { select: [column], groupBy: [column] };
  }
  if (group.kind === 'entity') {
    const label = group.entity.labelColumn;
    if (label === null) {
      const column = columnSql(layer, group.via);
      return { select: [column], groupBy: [column] };
    }
    const keys = group.entity.primaryKey.map((key) => `${group.entity.alias}.${sqlIdentifier(key)}`);
    const labelColumn = `${group.entity.alias}.${sqlIdentifier(label)}`;
    return { select: [...keys, labelColumn], groupBy: [...keys, labelColumn] };
  }
  const column = columnSql(layer, group.field);
  const part = (unit: string) => `extract(${unit} FROM ${column})::int AS ${unit}`;
  if (group.grain === 'year') return { select: [part('year')], groupBy: [] };
  if (group.grain === 'quarter') return { select: [part('year'), part('quarter')], groupBy: [] };
  if (group.grain === 'month') return { select: [part('year'), part('month')], groupBy: [] };
  if (group.grain === 'week') return { select: [`date_trunc('week', ${column})::date AS week`], groupBy: [] };
  return { select: [`${column}::date AS day`], groupBy: [] };
}

function literal(field: SemanticField, value: number | string): string {
  if (typeof value === 'number') return isNumeric(columnKind(field.dataType)) ? sqlNumber(value) : sqlString(String(value));
  return sqlString(value);
}

export function filterSql(layer: SemanticLayer, filter: PlanFilter): string {
  const column = columnSql(layer, filter.field);
  if (filter.kind === 'values') {
    const values = filter.values.map((value) => sqlString(value));
    if (!filter.negated) return values.length === 1 ? `${column} = ${values[0]}` : `${column} IN (${values.join(', ')})`;
    // "not cancelled" keeps rows whose status is empty.
    if (filter.field.nullable) return values.length === 1 ? `${column} IS DISTINCT FROM ${values[0]}` : `(${column} NOT IN (${values.join(', ')}) OR ${column} IS NULL)`;
    return values.length === 1 ? `${column} <> ${values[0]}` : `${column} NOT IN (${values.join(', ')})`;
  }
  if (filter.kind === 'compare') {
    const [low, high] = filter.values.map((value) => literal(filter.field, value));
    return filter.operator === 'between' ? `${column} BETWEEN ${low} AND ${high}` : `${column} ${filter.operator} ${low}`;
  }
  if (filter.kind === 'range') {
    const parts = [];
    if (filter.range.from !== null) parts.push(`${column} >= ${sqlDate(filter.range.from)}`);
    if (filter.range.to !== null) parts.push(`${column} < ${sqlDate(filter.range.to)}`);
    return parts.join(' AND ');
  }
  if (filter.kind === 'null') return `${column} ${filter.isNull ? 'IS NULL' : 'IS NOT NULL'}`;
  return `${column} ${filter.value ? 'IS TRUE' : 'IS NOT TRUE'}`;
}

export function keyColumns(entity: SemanticEntity): string[] {
  return entity.primaryKey.map((key) => `${entity.alias}.${sqlIdentifier(key)}`);
}
