import type { Catalog } from '../catalog/catalog.ts';
import { catalogResolver, findColumn } from '../catalog/catalog.ts';
import type { TableColumn } from '../vocabulary/index.ts';
import { analyzeSelect } from '../sql/analyze-query.ts';
import { fieldsOf, isNode, listOf, nameList, nodeType } from '../sql/nodes.ts';
import { parseSql, type ParseNode } from '../sql/parse-sql.ts';

/**
 * The semantic unit of each result column (`cents` → shown as money), read from the catalog through the query's
 * column lineage. Conservative: a column gets its source's unit only when every expression on the way keeps it
 * (a column, `sum`/`avg`/`min`/`max`/`round`/`coalesce`, a cast, `+`/`-` of such, `*` by a plain number or column).
 * `count(x)`, a division (`total_cents / 100.0` is no longer cents) or two different units give no unit.
 */

type ColumnUnit = Pick<TableColumn, 'unit' | 'currency'>;

const keepingFunctions = new Set(['sum', 'avg', 'min', 'max', 'round', 'coalesce', 'abs', 'trunc', 'floor', 'ceil', 'ceiling']);

/** One entry per result column, or an empty array when the SQL cannot be read (the parser is loaded by validation). */
export function columnUnits(sql: string, catalog: Catalog): ColumnUnit[] {
  try {
    const parsed = parseSql(sql);
    if (!parsed.ok || parsed.parsed.statements.length !== 1) return [];
    const statement = parsed.parsed.statements[0] as ParseNode;
    const analysis = analyzeSelect(statement, catalogResolver(catalog));
    if (analysis.problems.length > 0) return [];
    const select = fieldsOf(statement, 'SelectStmt');
    const targets = listOf(select?.targetList).map((target) => fieldsOf(target, 'ResTarget')?.val);
    // Through a CTE or a subquery the inner expression is not looked at: only a name that says cents is trusted.
    const derived = select !== undefined && (select.withClause !== undefined || JSON.stringify(select.fromClause ?? null).includes('RangeSubselect'));
    return analysis.outputColumns.map((column, index) => {
      const units = new Set(column.sources.map((source) => findColumn(catalog, source.schema, source.table, source.column)?.unit ?? null).filter((unit): unit is string => unit !== null));
      const [unit] = units;
      if (units.size !== 1 || unit === undefined) return {};
      const target = targets[index];
      if (target === undefined || !keepsUnit(target)) return {};
      if (derived && nodeType(target as ParseNode) === 'ColumnRef' && !/cents/i.test(column.name)) return {};
      return unit === 'cents' ? { unit, currency: catalog.currency ?? 'USD' } : { unit };
    });
  } catch {
    return [];
  }
}

function keepsUnit(node: unknown): boolean {
  if (!isNode(node)) return false;
  const type = nodeType(node);
  const fields = type === undefined ? undefined : fieldsOf(node, type);
  if (!fields) return false;
  switch (type) {
    case 'ColumnRef':
    case 'A_Const':
      return true;
    case 'TypeCast':
      return keepsUnit(fields.arg);
    case 'CoalesceExpr':
      return listOf(fields.args).every(keepsUnit);
    case 'FuncCall': {
      const name = nameList(fields.funcname).at(-1)?.toLowerCase() ?? '';
      const [first] = listOf(fields.args);
      return keepingFunctions.has(name) && fields.agg_star !== true && first !== undefined && keepsUnit(first);
    }
    case 'A_Expr': {
      if (fields.kind !== 'AEXPR_OP') return false;
      const operator = nameList(fields.name).at(-1);
      if (operator === '+' || operator === '-') return (fields.lexpr === undefined || keepsUnit(fields.lexpr)) && keepsUnit(fields.rexpr);
      if (operator === '*') return keepsUnit(fields.lexpr) && keepsUnit(fields.rexpr);
      return false;
    }
    default:
      return false;
  }
}
