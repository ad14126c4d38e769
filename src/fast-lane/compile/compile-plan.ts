import { aggregateSql, columnSql, filterSql, groupSql, keyColumns, shownColumnSql } from './compile-expressions.ts';
import { uniquePath, type JoinStep } from '../semantic-layer/join-paths.ts';
import type { QueryPlan } from '../plan/query-plan.ts';
import { entityByKey, type SemanticEntity, type SemanticLayer } from '../semantic-layer/semantic-layer-types.ts';
import { sqlIdentifier } from './sql-text.ts';

/**
 * Compiles a checked plan to one readable SELECT with its values inlined as quoted literals:
 * `SELECT c.country, count(*) AS customers FROM customers c GROUP BY c.country ORDER BY count(*) DESC, c.country LIMIT 100`.
 * Joins only follow foreign keys towards the referenced table, so no row is counted twice.
 */
export function compilePlan(layer: SemanticLayer, plan: QueryPlan): string {
  const select: string[] = [];
  const groupBy: string[] = [];
  const orderBy: string[] = [];
  const groupOutputs = plan.groups.map((group) => groupSql(layer, group));
  let position = 0;
  for (const output of groupOutputs) {
    select.push(...output.select);
    groupBy.push(...(output.groupBy.length > 0 ? output.groupBy : output.select.map((_, index) => String(position + index + 1))));
    position += output.select.length;
  }
  const aggregates = plan.aggregates.map((aggregate) => aggregateSql(layer, plan, aggregate));
  select.push(...aggregates.map((aggregate) => `${aggregate.sql} AS ${aggregate.alias}`));
  if (plan.shape === 'distinct') select.push(...plan.columns.map((field) => columnSql(layer, field)));
  if (plan.shape === 'rows') {
    const shown = [...keyColumns(plan.base)];
    if (plan.base.labelColumn && plan.keysOnly !== true) shown.push(`${plan.base.alias}.${sqlIdentifier(plan.base.labelColumn)}`);
    for (const field of plan.columns) {
      const sql = shownColumnSql(layer, plan, field);
      if (!shown.includes(sql)) shown.push(sql);
    }
    select.push(...shown);
  }
  if (plan.order?.kind === 'aggregate') {
    const aggregate = aggregates[plan.order.index];
    if (aggregate) orderBy.push(`${aggregate.sql}${plan.order.direction === 'desc' ? ' DESC' : ''}`);
    orderBy.push(...groupBy);
  } else if (plan.order?.kind === 'groups') {
    const descending = plan.order.direction === 'desc' ? ' DESC' : '';
    const keys = plan.shape === 'distinct' ? plan.columns.map((field) => columnSql(layer, field)) : groupBy;
    orderBy.push(...keys.map((key) => `${key}${descending}`));
  } else if (plan.order?.kind === 'label') {
    const label = plan.base.labelColumn !== null ? `${plan.base.alias}.${sqlIdentifier(plan.base.labelColumn)}` : columnSql(layer, plan.columns.find((field) => field.role === 'dimension' && !field.flag) as (typeof plan.columns)[number]);
    orderBy.push(`${label}${plan.order.direction === 'desc' ? ' DESC' : ''}`, ...keyColumns(plan.base));
  } else if (plan.order?.kind === 'field') {
    const nulls = plan.order.field.nullable ? (plan.order.direction === 'desc' ? ' NULLS LAST' : '') : '';
    orderBy.push(`${columnSql(layer, plan.order.field)}${plan.order.direction === 'desc' ? ' DESC' : ''}${nulls}`, ...keyColumns(plan.base));
  } else if (plan.shape === 'distinct') orderBy.push(...plan.columns.map((field) => columnSql(layer, field)));
  else if (plan.shape === 'rows') orderBy.push(...keyColumns(plan.base));
  const lines = [`SELECT ${plan.shape === 'distinct' ? 'DISTINCT ' : ''}${select.join(', ')}`, `FROM ${fromClause(layer, plan)}`];
  const conditions = plan.filters.map((filter) => filterSql(layer, filter));
  if (conditions.length > 0) lines.push(`WHERE ${conditions.join(' AND ')}`);
  if (groupBy.length > 0 && plan.aggregates.length > 0) lines.push(`GROUP BY ${groupBy.join(', ')}`);
  if (orderBy.length > 0) lines.push(`ORDER BY ${orderBy.join(', ')}`);
  if (plan.limit !== null) lines.push(`LIMIT ${plan.limit}`);
  return lines.join('\n');
}

/** The base table and one join per table the plan reads, in path order. */
function fromClause(layer: SemanticLayer, plan: QueryPlan): string {
  const needed = new Set<SemanticEntity>();
  const note = (entityKey: string) => needed.add(entityByKey(layer, entityKey));
  for (const filter of plan.filters) note(filter.field.entityKey);
  for (const field of plan.columns) note(field.entityKey);
  for (const aggregate of plan.aggregates) if (aggregate.field) note(aggregate.field.entityKey);
  if (plan.order?.kind === 'field') note(plan.order.field.entityKey);
  for (const group of plan.groups) {
    if (group.kind === 'entity') {
      note(group.via.entityKey);
      if (group.entity.labelColumn !== null) needed.add(group.entity);
    } else note(group.field.entityKey);
  }
  const steps: JoinStep[] = [];
  for (const entity of needed) {
    if (entity === plan.base) continue;
    const lookup = uniquePath(layer, plan.base, entity);
    if (lookup.kind !== 'path') throw new Error(`No single join path from ${plan.base.key} to ${entity.key}`);
    for (const step of lookup.path) if (!steps.some((existing) => existing.to === step.to)) steps.push(step);
  }
  const joins = steps.map((step) => {
    const on = step.join.columns.map((column, index) => `${step.to.alias}.${sqlIdentifier(step.join.targetColumns[index] as string)} = ${step.from.alias}.${sqlIdentifier(column)}`);
    return `${step.join.nullable ? 'LEFT JOIN' : 'JOIN'} ${step.to.sqlName} ${step.to.alias} ON ${on.join(' AND ')}`;
  });
  return [`${plan.base.sqlName} ${plan.base.alias}`, ...joins].join(' ');
}
