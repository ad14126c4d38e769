import type { ParseNode } from '../../sql/parse-sql.ts';

/**
 * The subquery a row-filtered table is read through: `SELECT * FROM [ONLY] schema.table WHERE <filter> OFFSET 0`.
 * `OFFSET 0` keeps PostgreSQL's planner from merging the subquery into the query around it, so none of the asker's
 * own conditions is evaluated on a row the filter hides (a condition that fails on a hidden row, a division by zero or
 * a cast, would otherwise say that the row exists): the same order a security-barrier view guarantees.
 */
export function filteredSelect(table: { schema: string; name: string }, filter: ParseNode, withDescendants: boolean): ParseNode {
  return {
    SelectStmt: {
      targetList: [{ ResTarget: { val: { ColumnRef: { fields: [{ A_Star: {} }] } } } }],
      fromClause: [{ RangeVar: { schemaname: table.schema, relname: table.name, ...(withDescendants ? { inh: true } : {}), relpersistence: 'p' } }],
      whereClause: filter,
      limitOffset: { A_Const: { ival: {} } },
      limitOption: 'LIMIT_OPTION_COUNT',
      op: 'SETOP_NONE',
    },
  };
}
