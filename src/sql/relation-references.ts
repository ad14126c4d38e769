import { fieldsOf, fieldsOrSelf, isNode, listOf, nodeType } from './nodes.ts';
import type { ParseNode } from './parse-sql.ts';

/**
 * Every place a SELECT reads a table or view by name, found the way PostgreSQL resolves names: in FROM and JOIN, in
 * subqueries anywhere (select list, WHERE, HAVING, EXISTS, IN, LATERAL, function arguments), in CTE bodies and in both
 * sides of set operations. A name that a WITH in scope defines is the CTE, not the table: a non-recursive CTE is
 * visible to the siblings after it and to the statement, a recursive WITH's names to all its bodies; a
 * schema-qualified name is always the relation. Each reference can be replaced, in place, by another FROM item.
 */

export interface RelationReference {
  /** The fields of the `RangeVar` as written. */
  rangeVar: ParseNode;
  schema: string | undefined;
  name: string;
  /** Puts another FROM item (a `RangeSubselect`) where the reference was. */
  replace(item: ParseNode): void;
}

export interface RelationWalkOptions {
  /** A FROM subquery for which this returns true is left as it is and not entered (a rewrite already made). */
  skipSubquery?: ((subquery: ParseNode) => boolean) | undefined;
}

export interface RelationWalk {
  /** RangeVars met outside a FROM item (`TABLESAMPLE`, `FOR UPDATE OF`, `INTO`): never replaced, so never trusted. */
  elsewhere: { schema: string | undefined; name: string }[];
}

export function visitRelationReferences(statement: ParseNode, visit: (reference: RelationReference) => void, options: RelationWalkOptions = {}): RelationWalk {
  const walk: RelationWalk = { elsewhere: [] };
  new RelationWalker(visit, options, walk).statement(statement, new Set());
  return walk;
}

type CteNames = ReadonlySet<string>;

/** Fields of a SelectStmt that `select()` handles itself; every other field is walked as expressions. */
const structuralFields = new Set(['withClause', 'fromClause', 'larg', 'rarg']);

class RelationWalker {
  constructor(
    private readonly visit: (reference: RelationReference) => void,
    private readonly options: RelationWalkOptions,
    private readonly walk: RelationWalk,
  ) {}

  /** A wrapped statement (`{ SelectStmt: … }`) or any other node. */
  statement(node: unknown, ctes: CteNames): void {
    const select = fieldsOf(node, 'SelectStmt');
    if (select) this.select(select, ctes);
    else this.expression(node, ctes);
  }

  private select(select: ParseNode, outer: CteNames): void {
    const ctes = this.withClause(select.withClause, outer);
    for (const side of ['larg', 'rarg'] as const) {
      const branch = fieldsOrSelf(select[side], 'SelectStmt');
      if (branch) this.select(branch, ctes);
    }
    if (Array.isArray(select.fromClause)) select.fromClause.forEach((_, index) => this.fromItem(select.fromClause as unknown[], index, ctes));
    for (const [field, value] of Object.entries(select)) if (!structuralFields.has(field)) this.expression(value, ctes);
  }

  /** The CTE names visible to the statement that owns the WITH; each body is walked with the names it sees. */
  private withClause(withClause: unknown, outer: CteNames): CteNames {
    const fields = fieldsOrSelf(withClause, 'WithClause');
    if (!fields) return outer;
    const ctes = listOf(fields.ctes).map((cte) => fieldsOf(cte, 'CommonTableExpr')).filter((cte): cte is ParseNode => cte !== undefined);
    const all = new Set([...outer, ...ctes.map((cte) => String(cte.ctename))]);
    if (fields.recursive === true) {
      for (const cte of ctes) this.statement(cte.ctequery, all);
      return all;
    }
    let visible = new Set(outer);
    for (const cte of ctes) {
      this.statement(cte.ctequery, visible);
      visible = new Set([...visible, String(cte.ctename)]);
    }
    return visible;
  }

  private fromItem(container: unknown[] | ParseNode, key: number | string, ctes: CteNames): void {
    const item = (container as Record<string | number, unknown>)[key];
    const type = isNode(item) ? nodeType(item) : undefined;
    const fields = type && isNode(item) ? (item[type] as ParseNode) : undefined;
    if (!type || !fields) return;
    switch (type) {
      case 'RangeVar': {
        const schema = typeof fields.schemaname === 'string' ? fields.schemaname : undefined;
        const name = String(fields.relname);
        if (schema === undefined && typeof fields.catalogname !== 'string' && ctes.has(name)) return;
        this.visit({ rangeVar: fields, schema, name, replace: (replacement) => ((container as Record<string | number, unknown>)[key] = replacement) });
        return;
      }
      case 'RangeSubselect':
        if (this.options.skipSubquery?.(fields.subquery as ParseNode)) return;
        this.statement(fields.subquery, ctes);
        return;
      case 'JoinExpr':
        this.fromItem(fields, 'larg', ctes);
        this.fromItem(fields, 'rarg', ctes);
        this.expression(fields.quals, ctes);
        return;
      default:
        // Functions in FROM (their arguments may hold subqueries) and anything else: walked as expressions, so a
        // table inside one (TABLESAMPLE) is reported as met elsewhere.
        this.expression(fields, ctes);
    }
  }

  private expression(value: unknown, ctes: CteNames): void {
    if (Array.isArray(value)) {
      for (const item of value) this.expression(item, ctes);
      return;
    }
    if (!isNode(value)) return;
    const select = fieldsOf(value, 'SelectStmt');
    if (select) return this.select(select, ctes);
    const rangeVar = fieldsOf(value, 'RangeVar');
    if (rangeVar) {
      this.walk.elsewhere.push({ schema: typeof rangeVar.schemaname === 'string' ? rangeVar.schemaname : undefined, name: String(rangeVar.relname) });
      return;
    }
    for (const child of Object.values(value)) this.expression(child, ctes);
  }
}
