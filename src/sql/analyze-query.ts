import type { ColumnSource, QueryAnalysis, RelationResolver, ResolvedRelation } from './analysis-types.ts';
import { AnalysisRecorder } from './analysis-recorder.ts';
import { ExpressionWalker } from './expression-walker.ts';
import { FromClauseResolver } from './from-clause-resolver.ts';
import { fieldsOf, fieldsOrSelf, listOf, nameList, nodeType } from './nodes.ts';
import type { ParseNode } from './parse-sql.ts';
import { derivedName, rename, singleColumnName, type RangeColumn, type Scope } from './scope.ts';

/**
 * Resolves every relation, column and function of a SELECT the way PostgreSQL does: through aliases,
 * subqueries, CTEs, LATERAL, set operations, views (their definitions parsed), `*`, `t.*` and whole-row
 * references. Each column reference is traced to the base columns it reads. This file walks statements
 * and clauses; `FromClauseResolver` resolves FROM items and `ExpressionWalker` the expressions.
 */

export interface AnalyzeOptions {
  /**
   * A FROM subquery for which this returns a relation is analyzed as that relation, read under its alias: the
   * policy agent's own rewrites (a row-filtered table, an expanded view), recognised exactly, read only what the
   * policy decided, as a view's WHERE is its owner's decision.
   */
  knownSubquery?: ((subquery: ParseNode) => ResolvedRelation | undefined) | undefined;
}

export function analyzeSelect(statement: ParseNode, resolver: RelationResolver, options: AnalyzeOptions = {}): QueryAnalysis {
  return analyzeAtViewDepth(statement, resolver, 0, options);
}

/** `viewDepth` counts the views being expanded around this statement, so nesting is bounded. */
function analyzeAtViewDepth(statement: ParseNode, resolver: RelationResolver, viewDepth: number, options: AnalyzeOptions = {}): QueryAnalysis {
  const analyzer = new Analyzer(resolver, viewDepth, options);
  const select = fieldsOf(statement, 'SelectStmt');
  if (!select) {
    analyzer.recorder.problem('not-select', `Only a SELECT can be run; this is a ${describeStatement(statement)}.`);
    return analyzer.recorder.result([]);
  }
  const outputs = analyzer.analyzeSelectStmt(select, undefined);
  return analyzer.recorder.result(outputs);
}

export function describeStatement(statement: ParseNode): string {
  const type = nodeType(statement) ?? 'statement';
  return type.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase() + ' statement';
}

class Analyzer {
  readonly recorder = new AnalysisRecorder();
  private readonly walker: ExpressionWalker;
  private readonly fromClause: FromClauseResolver;

  constructor(resolver: RelationResolver, viewDepth: number, options: AnalyzeOptions) {
    const analyzeSubquery = (select: ParseNode, parent: Scope | undefined) => this.analyzeSelectStmt(select, parent);
    this.walker = new ExpressionWalker(this.recorder, analyzeSubquery);
    this.fromClause = new FromClauseResolver({
      recorder: this.recorder,
      walker: this.walker,
      relations: resolver,
      analyzeSubquery,
      analyzeView: (statement) => analyzeAtViewDepth(statement, resolver, viewDepth + 1),
      viewDepth,
      knownSubquery: options.knownSubquery,
    });
  }

  // ---- statements -------------------------------------------------------------------------------

  analyzeSelectStmt(select: ParseNode, parent: Scope | undefined): RangeColumn[] {
    const scope: Scope = { entries: [], parent, ctes: new Map(), mergedColumns: new Set() };
    if (select.intoClause) this.recorder.problem('not-select', 'SELECT … INTO creates a table; only plain SELECT statements can be run.');
    if (listOf(select.lockingClause).length > 0) {
      this.recorder.problem('not-select', 'SELECT … FOR UPDATE/SHARE takes row locks; only plain SELECT statements can be run.');
    }
    this.analyzeWith(select.withClause, scope);

    const op = select.op;
    if (typeof op === 'string' && op !== 'SETOP_NONE') {
      const left = this.analyzeSelectStmt(fieldsOrSelf(select.larg, 'SelectStmt') ?? {}, scope);
      const right = this.analyzeSelectStmt(fieldsOrSelf(select.rarg, 'SelectStmt') ?? {}, scope);
      const outputs = left.map((column, index) => ({
        name: column.name,
        sources: [...column.sources, ...(right[index]?.sources ?? [])],
      }));
      // ORDER BY of a set operation sees only the output column names.
      const outputScope: Scope = {
        entries: [{ refName: '', relation: undefined, aliased: true, columns: outputs, opaque: false }],
        parent: scope,
        ctes: new Map(),
        mergedColumns: new Set(),
      };
      this.analyzeSortClause(select.sortClause, outputScope, outputs);
      this.walker.walk(select.limitCount, scope, 'limit');
      this.walker.walk(select.limitOffset, scope, 'limit');
      return outputs;
    }

    if (Array.isArray(select.valuesLists)) {
      const rows = select.valuesLists.map((row) => listOf(fieldsOf(row, 'List')?.items));
      const width = rows[0]?.length ?? 0;
      const outputs: RangeColumn[] = [];
      for (let index = 0; index < width; index += 1) {
        const sources: ColumnSource[] = [];
        for (const row of rows) this.walker.walk(row[index], scope, 'values', sources);
        outputs.push({ name: `column${index + 1}`, sources });
      }
      return outputs;
    }

    for (const item of listOf(select.fromClause)) this.fromClause.addFromItem(item, scope);

    const outputs = this.analyzeTargetList(select.targetList, scope);
    this.walker.walk(select.whereClause, scope, 'where');
    this.analyzeGroupClause(select.groupClause, scope, outputs);
    this.walker.walk(select.havingClause, scope, 'having');
    this.walker.walk(select.windowClause, scope, 'window');
    this.walker.walk(select.distinctClause, scope, 'select');
    this.analyzeSortClause(select.sortClause, scope, outputs);
    this.walker.walk(select.limitCount, scope, 'limit');
    this.walker.walk(select.limitOffset, scope, 'limit');
    return outputs;
  }

  private analyzeWith(withClause: unknown, scope: Scope): void {
    const fields = fieldsOrSelf(withClause, 'WithClause');
    if (!fields) return;
    const recursive = fields.recursive === true;
    for (const cteNode of listOf(fields.ctes)) {
      const cte = fieldsOf(cteNode, 'CommonTableExpr');
      if (!cte) continue;
      const name = String(cte.ctename);
      const query = cte.ctequery;
      const select = fieldsOf(query, 'SelectStmt');
      if (!select) {
        this.recorder.problem('not-select', `The WITH query "${name}" is a ${describeStatement(query as ParseNode)}; only SELECT is allowed.`);
        continue;
      }
      const renamed = nameList(cte.aliascolnames);
      if (recursive && typeof select.op === 'string' && select.op !== 'SETOP_NONE') {
        const seedSelect = fieldsOrSelf(select.larg, 'SelectStmt');
        const seed = seedSelect ? this.analyzeSelectStmt(seedSelect, scope) : [];
        scope.ctes.set(name, rename(seed, renamed));
      }
      const outputs = this.analyzeSelectStmt(select, scope);
      scope.ctes.set(name, rename(outputs, renamed));
    }
  }

  // ---- clauses ---------------------------------------------------------------------------------

  private analyzeTargetList(targetList: unknown, scope: Scope): RangeColumn[] {
    const outputs: RangeColumn[] = [];
    const targets = Array.isArray(targetList) ? targetList : [];
    for (const target of targets) {
      const resTarget = fieldsOf(target, 'ResTarget');
      if (!resTarget) continue;
      const value = resTarget.val;
      const columnRef = fieldsOf(value, 'ColumnRef');
      const fields = listOf(columnRef?.fields);
      if (columnRef && fields.length > 0 && fieldsOf(fields.at(-1), 'A_Star')) {
        const expanded = this.walker.expandStar(fields.slice(0, -1), scope, 'star', 'select');
        this.recorder.addStarExpansion({
          targetList: targets,
          target,
          columns: expanded.map(({ entry, column }) => ({ qualifier: entry.refName, name: column.name, sources: column.sources })),
        });
        outputs.push(...expanded.map(({ column }) => column));
        continue;
      }
      const sources: ColumnSource[] = [];
      this.walker.walk(value, scope, 'select', sources);
      const name = typeof resTarget.name === 'string' ? resTarget.name : derivedName(value);
      outputs.push({ name, sources });
    }
    return outputs;
  }

  private analyzeGroupClause(groupClause: unknown, scope: Scope, outputs: RangeColumn[]): void {
    for (const item of listOf(groupClause)) {
      const name = singleColumnName(item);
      if (name !== undefined && !this.walker.columnVisible(name, scope)) {
        const output = outputs.find((column) => column.name === name);
        if (output) {
          for (const source of output.sources) this.recorder.recordUse(source, 'explicit', 'group');
          continue;
        }
      }
      this.walker.walk(item, scope, 'group');
    }
  }

  private analyzeSortClause(sortClause: unknown, scope: Scope, outputs: RangeColumn[]): void {
    for (const item of listOf(sortClause)) {
      const sortBy = fieldsOf(item, 'SortBy');
      const name = singleColumnName(sortBy?.node);
      const output = name !== undefined ? outputs.find((column) => column.name === name) : undefined;
      if (output) {
        for (const source of output.sources) this.recorder.recordUse(source, 'explicit', 'order');
        continue;
      }
      this.walker.walk(sortBy?.node ?? item, scope, 'order');
    }
  }
}
