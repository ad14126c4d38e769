import { deparseSync } from 'pgsql-deparser';
import { catalogResolver, findTable, type Catalog, type CatalogTable } from '../../catalog/catalog.ts';
import type { ResolvedRelation } from '../../sql/analysis-types.ts';
import { fieldsOrSelf, nameList } from '../../sql/nodes.ts';
import { parseSql, type ParseNode } from '../../sql/parse-sql.ts';
import { visitRelationReferences, type RelationReference } from '../../sql/relation-references.ts';
import { allOf } from './bind-row-filter.ts';
import { filteredSelect } from './filtered-select.ts';
import { tableKey, type RowFilterSet } from './resolve-row-filters.ts';

/**
 * The row-filter rewrite, made on the parse tree: every reference to a filtered table, wherever it is (FROM, JOIN,
 * subqueries, CTE bodies, set operations, LATERAL, EXISTS), becomes `(SELECT * FROM schema.table WHERE <filter>
 * OFFSET 0) AS <its alias or name>`, so column references still resolve and aggregates count visible rows only.
 * - A CTE named like a table is the CTE where PostgreSQL says so, and the table everywhere else.
 * - `ONLY t` stays ONLY inside the subquery; a table that inherits from a filtered one gets that filter too (ANDed
 *   with its own); a parent read with its children while a child has a filter of its own is refused.
 * - A view that reaches a filtered table, however deep, is expanded: its definition, rewritten and fenced with
 *   `OFFSET 0` (so the asker's conditions stay above the view's own WHERE, as with a security-barrier view), takes
 *   its place; the connecting role then needs SELECT on the tables it reads. A view whose definition cannot be
 *   parsed or nests too deep is refused while any filter applies.
 * - A table met outside FROM (TABLESAMPLE, FOR UPDATE OF) cannot be filtered there: refused.
 * Each subquery put in is remembered by its text, so the re-check reads it as the relation it stands for.
 */

export interface RowFilterRewrite {
  /** `sales-iberia on customers`, each once, in the order met. */
  applied: string[];
  /** The subqueries put in, by their deparsed text, and the relation each stands for. */
  known: Map<string, ResolvedRelation>;
  /** Why the statement could not be filtered; refused when not empty. */
  problems: string[];
}

const maxViewDepth = 8;

export function applyRowFilters(statement: ParseNode, filters: RowFilterSet, catalog: Catalog, known: ReadonlyMap<string, ResolvedRelation> = new Map()): RowFilterRewrite {
  const rewrite: RowFilterRewrite = { applied: [], known: new Map(), problems: [] };
  if (filters.tables.size > 0) new RowFilterRewriter(filters, catalog, known, rewrite).rewrite(statement, 0);
  return rewrite;
}

/** The text a subquery is known by: the deparser's, as the re-check meets it in its parse of the rewritten SQL. */
export function subqueryText(subquery: ParseNode): string {
  return deparseSync(subquery as never, { pretty: false });
}

/** The text a subquery put in will have once the rewritten SQL is parsed again (the parser flattens `(a OR b) OR c`). */
function reparsedText(subquery: ParseNode): string {
  const text = subqueryText(subquery);
  const parsed = parseSql(text);
  const statement = parsed.ok ? parsed.parsed.statements[0] : undefined;
  return statement ? subqueryText(statement) : text;
}

class RowFilterRewriter {
  private readonly resolver;

  constructor(
    private readonly filters: RowFilterSet,
    private readonly catalog: Catalog,
    private readonly known: ReadonlyMap<string, ResolvedRelation>,
    private readonly result: RowFilterRewrite,
  ) {
    this.resolver = catalogResolver(catalog);
  }

  /** Rewrites in place; true when something was filtered. */
  rewrite(statement: ParseNode, viewDepth: number): boolean {
    let changed = false;
    const walk = visitRelationReferences(
      statement,
      (reference) => {
        if (this.replace(reference, viewDepth)) changed = true;
      },
      { skipSubquery: this.known.size > 0 ? (subquery) => this.known.has(subqueryText(subquery)) : undefined },
    );
    for (const met of walk.elsewhere) {
      const relation = this.resolver.resolve(met.schema, met.name);
      if (relation && (relation.kind === 'view' || this.filterFor(findTable(this.catalog, relation.schema, relation.name) as CatalogTable))) {
        this.result.problems.push(`"${met.name}" is read in a place where its row filter cannot be applied (TABLESAMPLE, FOR UPDATE OF or INTO).`);
      }
    }
    return changed;
  }

  private replace(reference: RelationReference, viewDepth: number): boolean {
    if (typeof reference.rangeVar.catalogname === 'string') return false;
    const relation = this.resolver.resolve(reference.schema, reference.name);
    const table = relation ? findTable(this.catalog, relation.schema, relation.name) : undefined;
    if (!relation || !table) return false;
    return table.kind === 'view' ? this.expandView(reference, relation, viewDepth) : this.filterTable(reference, table, relation);
  }

  private filterTable(reference: RelationReference, table: CatalogTable, relation: ResolvedRelation): boolean {
    const withDescendants = reference.rangeVar.inh === true;
    if (withDescendants) {
      const child = this.descendants(table).find((descendant) => this.filters.tables.has(tableKey(descendant)));
      if (child) {
        this.result.problems.push(`"${table.name}" includes the rows of "${child.name}", which has a row filter of its own: read ONLY ${table.name} and ${child.name} separately.`);
        return false;
      }
    }
    const filter = this.filterFor(table);
    if (!filter) return false;
    const subquery = filteredSelect(table, filter.expression, withDescendants);
    reference.replace({ RangeSubselect: { subquery, alias: reference.rangeVar.alias ?? { aliasname: reference.name } } });
    for (const policy of filter.policies) if (!this.result.applied.includes(policy)) this.result.applied.push(policy);
    this.result.known.set(reparsedText(subquery), relation);
    return true;
  }

  private expandView(reference: RelationReference, view: ResolvedRelation, viewDepth: number): boolean {
    const parsed = view.viewDefinition ? parseSql(view.viewDefinition) : undefined;
    const definition = parsed?.ok && parsed.parsed.statements.length === 1 ? parsed.parsed.statements[0] : undefined;
    if (!definition || viewDepth >= maxViewDepth) {
      this.result.problems.push(`The view "${view.name}" could not be expanded to apply row filters to the tables it reads (${definition ? `views nest more than ${maxViewDepth} deep` : 'its definition could not be parsed'}).`);
      return false;
    }
    if (!this.rewrite(definition, viewDepth + 1)) return false;
    fence(definition);
    const alias = fieldsOrSelf(reference.rangeVar.alias, 'Alias');
    const renamed = nameList(alias?.colnames);
    const columns = view.columns.map((column, index) => renamed[index] ?? column);
    const aliasname = typeof alias?.aliasname === 'string' ? alias.aliasname : reference.name;
    reference.replace({ RangeSubselect: { subquery: definition, alias: { aliasname, colnames: columns.map((sval) => ({ String: { sval } })) } } });
    this.result.known.set(reparsedText(definition), view);
    return true;
  }

  private filterFor(table: CatalogTable): { policies: string[]; expression: ParseNode } | undefined {
    return combinedRowFilter(table, this.filters, this.catalog);
  }

  private descendants(table: CatalogTable): CatalogTable[] {
    const children = this.catalog.tables.filter((candidate) => candidate.parents?.some((parent) => parent.schema === table.schema && parent.name === table.name));
    return children.flatMap((child) => [child, ...this.descendants(child)]);
  }
}

/** A table's own filter ANDed with those of the tables it inherits from, however far up; undefined when none. */
export function combinedRowFilter(table: CatalogTable, filters: RowFilterSet, catalog: Catalog, seen = new Set<string>()): { policies: string[]; expression: ParseNode } | undefined {
  const key = tableKey(table);
  if (seen.has(key)) return undefined;
  seen.add(key);
  const inherited = (table.parents ?? []).map((parent) => {
    const parentTable = findTable(catalog, parent.schema, parent.name);
    return parentTable ? combinedRowFilter(parentTable, filters, catalog, seen) : undefined;
  });
  const parts = [filters.tables.get(key), ...inherited].filter((part) => part !== undefined);
  if (parts.length === 0) return undefined;
  return { policies: parts.flatMap((part) => part.policies), expression: allOf(parts.map((part) => structuredClone(part.expression))) };
}

/** `OFFSET 0` on a view's definition, unless it already has a LIMIT or OFFSET (which fence it the same way). */
function fence(definition: ParseNode): void {
  const select = definition.SelectStmt as ParseNode | undefined;
  if (!select || select.limitOffset !== undefined || select.limitCount !== undefined) return;
  select.limitOffset = { A_Const: { ival: {} } };
  select.limitOption = 'LIMIT_OPTION_COUNT';
}
