import { findTable, type CatalogTable } from '../../catalog/catalog.ts';
import { fieldsOf, fieldsOrSelf, isNode, listOf, nameList, stringValue } from '../../sql/nodes.ts';
import type { ParseNode } from '../../sql/parse-sql.ts';
import { pass, violation, type PolicyInput, type RuleOutcome } from '../policy-types.ts';

/**
 * Rule: no cartesian product that involves a large table: explicit CROSS JOIN, comma joins with no
 * predicate relating the sides, `ON true` or any ON that does not relate both sides, and NATURAL joins
 * without a shared column. A small constant table (a VALUES list) may be cross-joined with anything.
 */

interface Side {
  refNames: Set<string>;
  tables: CatalogTable[];
  constant: boolean;
}

export function checkCrossJoins(input: PolicyInput): RuleOutcome {
  const products: string[] = [];
  const cteTables = new Map<string, CatalogTable[]>();
  visitSelects(input.statement, (select) => {
    const withClause = fieldsOrSelf(select.withClause, 'WithClause');
    for (const cte of listOf(withClause?.ctes)) {
      const fields = fieldsOf(cte, 'CommonTableExpr');
      if (fields) cteTables.set(String(fields.ctename), tablesIn(fields.ctequery, input, cteTables));
    }
    const items = listOf(select.fromClause).map((item) => describeItem(item, input, cteTables, products));
    if (items.length > 1) checkCommaJoin(items, select.whereClause, products);
  });
  if (products.length === 0) return pass;
  return violation(
    'cross-join',
    `The query builds a cartesian product with a large table: ${[...new Set(products)].join('; ')}.`,
    'Join the tables on a key (for example ON o.customer_id = c.id), or aggregate each side first.',
  );
}

function describeItem(item: ParseNode, input: PolicyInput, cteTables: Map<string, CatalogTable[]>, products: string[]): Side {
  const join = fieldsOf(item, 'JoinExpr');
  if (join) {
    const left = describeItem(join.larg as ParseNode, input, cteTables, products);
    const right = describeItem(join.rarg as ParseNode, input, cteTables, products);
    const shared = join.isNatural === true ? sharedColumns(left, right) : nameList(join.usingClause);
    const related = shared.length > 0 || relates(join.quals, left, right);
    if (!related && dangerous(left, right)) products.push(`${describeSide(left)} × ${describeSide(right)}`);
    const alias = fieldsOrSelf(join.alias, 'Alias');
    const refNames = new Set([...left.refNames, ...right.refNames, ...(alias ? [String(alias.aliasname)] : [])]);
    return { refNames, tables: [...left.tables, ...right.tables], constant: left.constant && right.constant };
  }
  const rangeVar = fieldsOf(item, 'RangeVar');
  if (rangeVar) {
    const alias = fieldsOrSelf(rangeVar.alias, 'Alias');
    const name = String(rangeVar.relname);
    const schema = typeof rangeVar.schemaname === 'string' ? rangeVar.schemaname : undefined;
    const cte = schema === undefined ? cteTables.get(name) : undefined;
    const table = cte ? undefined : findTable(input.catalog, schema, name);
    return { refNames: new Set([typeof alias?.aliasname === 'string' ? alias.aliasname : name]), tables: cte ?? (table ? [table] : []), constant: false };
  }
  const subselect = fieldsOf(item, 'RangeSubselect');
  const alias = fieldsOrSelf((isNode(item) ? (Object.values(item)[0] as ParseNode | undefined) : undefined)?.alias, 'Alias');
  const refNames = new Set(typeof alias?.aliasname === 'string' ? [alias.aliasname] : []);
  if (subselect) {
    const inner = fieldsOf(subselect.subquery, 'SelectStmt');
    const constant = Array.isArray(inner?.valuesLists) && inner.valuesLists.length <= 100;
    return { refNames, tables: tablesIn(subselect.subquery, input, cteTables), constant };
  }
  return { refNames, tables: tablesIn(item, input, cteTables), constant: false };
}

function checkCommaJoin(items: Side[], whereClause: unknown, products: string[]): void {
  const parent = items.map((_, index) => index);
  const find = (index: number): number => (parent[index] === index ? index : (parent[index] = find(parent[index] as number)));
  for (const conjunct of conjuncts(whereClause)) {
    const touched = items.flatMap((side, index) => (references(conjunct, side) ? [index] : []));
    for (const index of touched.slice(1)) parent[find(index)] = find(touched[0] as number);
  }
  for (let index = 1; index < items.length; index += 1) {
    for (let other = 0; other < index; other += 1) {
      if (find(index) === find(other)) continue;
      const left = items[other] as Side;
      const right = items[index] as Side;
      if (dangerous(left, right)) products.push(`${describeSide(left)} × ${describeSide(right)} (no join condition in WHERE)`);
    }
  }
}

function dangerous(left: Side, right: Side): boolean {
  if (left.constant || right.constant) return false;
  return [...left.tables, ...right.tables].some((table) => table.large);
}

function describeSide(side: Side): string {
  return side.tables.length > 0 ? [...new Set(side.tables.map((table) => table.name))].join(', ') : [...side.refNames].join(', ') || 'a subquery';
}

function sharedColumns(left: Side, right: Side): string[] {
  const leftColumns = new Set(left.tables.flatMap((table) => table.columns.map((column) => column.name)));
  return [...new Set(right.tables.flatMap((table) => table.columns.map((column) => column.name)))].filter((name) => leftColumns.has(name));
}

/** True when some conjunct of the condition references both sides. */
function relates(quals: unknown, left: Side, right: Side): boolean {
  return conjuncts(quals).some((conjunct) => references(conjunct, left) && references(conjunct, right));
}

function conjuncts(expression: unknown): unknown[] {
  const bool = fieldsOf(expression, 'BoolExpr');
  if (bool?.boolop === 'AND_EXPR') return listOf(bool.args).flatMap(conjuncts);
  return expression === undefined ? [] : [expression];
}

/** Whether an expression mentions a column of the side: qualified by one of its names, or unqualified and one of its tables' columns. */
function references(expression: unknown, side: Side): boolean {
  let found = false;
  const visit = (value: unknown): void => {
    if (found) return;
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isNode(value)) return;
    const columnRef = fieldsOf(value, 'ColumnRef');
    if (columnRef) {
      const names = listOf(columnRef.fields).map((field) => stringValue(field));
      if (names.length >= 2 && side.refNames.has(String(names.at(-2)))) found = true;
      if (names.length === 1 && side.tables.some((table) => table.columns.some((column) => column.name === names[0]))) found = true;
      if (names.length === 1 && side.tables.length === 0) found = true;
      return;
    }
    for (const child of Object.values(value)) visit(child);
  };
  visit(expression);
  return found;
}

function tablesIn(node: unknown, input: PolicyInput, cteTables: Map<string, CatalogTable[]>): CatalogTable[] {
  const tables: CatalogTable[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isNode(value)) return;
    const rangeVar = fieldsOf(value, 'RangeVar');
    if (rangeVar) {
      const schema = typeof rangeVar.schemaname === 'string' ? rangeVar.schemaname : undefined;
      const name = String(rangeVar.relname);
      const cte = schema === undefined ? cteTables.get(name) : undefined;
      const table = findTable(input.catalog, schema, name);
      if (cte) tables.push(...cte);
      else if (table) tables.push(table);
      return;
    }
    for (const child of Object.values(value)) visit(child);
  };
  visit(node);
  return tables;
}

/** Calls `visitor` for every SELECT in the tree: the statement, set-operation arms, subqueries, CTEs. */
function visitSelects(node: unknown, visitor: (select: ParseNode) => void): void {
  if (Array.isArray(node)) return node.forEach((item) => visitSelects(item, visitor));
  if (!isNode(node)) return;
  const select = fieldsOf(node, 'SelectStmt');
  if (select) return visitSelectFields(select, visitor);
  for (const child of Object.values(node)) visitSelects(child, visitor);
}

function visitSelectFields(select: ParseNode, visitor: (select: ParseNode) => void): void {
  visitor(select);
  for (const [key, child] of Object.entries(select)) {
    if ((key === 'larg' || key === 'rarg') && isNode(child)) visitSelectFields(child, visitor);
    else visitSelects(child, visitor);
  }
}
