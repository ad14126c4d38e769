import type { ColumnSource, QueryAnalysis, RelationRef, RelationResolver, ResolvedRelation } from './analysis-types.ts';
import type { AnalysisRecorder } from './analysis-recorder.ts';
import type { AnalyzeSubquery, ExpressionWalker } from './expression-walker.ts';
import { fieldsOf, fieldsOrSelf, isNode, listOf, nameList, nodeType } from './nodes.ts';
import { parseSql, type ParseNode } from './parse-sql.ts';
import { dedupeMerged, emptyScope, lookupCte, rename, type RangeColumn, type Scope } from './scope.ts';
import { columnsOfTableFunction } from './table-functions.ts';

const maxViewDepth = 8;

export interface FromClauseResolverOptions {
  recorder: AnalysisRecorder;
  walker: ExpressionWalker;
  relations: RelationResolver;
  analyzeSubquery: AnalyzeSubquery;
  /** Analyzes a view's definition, one view level deeper than `viewDepth`. */
  analyzeView: (statement: ParseNode) => QueryAnalysis;
  /** How many views are being expanded around this statement, so nesting is bounded. */
  viewDepth: number;
  /** Subqueries that stand for a relation (see `AnalyzeOptions.knownSubquery`). */
  knownSubquery?: ((subquery: ParseNode) => ResolvedRelation | undefined) | undefined;
}

/**
 * Resolves the items of a FROM clause into scope entries: tables and views (a view's columns traced
 * through its parsed definition), CTEs, subqueries (LATERAL or not), functions and joins (USING, NATURAL).
 */
export class FromClauseResolver {
  private readonly recorder: AnalysisRecorder;
  private readonly walker: ExpressionWalker;
  private readonly viewCache = new Map<string, RangeColumn[]>();

  constructor(private readonly options: FromClauseResolverOptions) {
    this.recorder = options.recorder;
    this.walker = options.walker;
  }

  /** Adds the entries of one FROM item to the scope and returns the relations it covers. */
  addFromItem(item: ParseNode, scope: Scope): RelationRef[] {
    const type = nodeType(item);
    const fields = type ? (item[type] as ParseNode) : undefined;
    if (!type || !fields) return [];
    switch (type) {
      case 'RangeVar':
        return this.addRangeVar(fields, scope);
      case 'RangeSubselect':
        return this.addSubselect(fields, scope);
      case 'RangeFunction':
        return this.addRangeFunction(fields, scope);
      case 'JoinExpr':
        return this.addJoin(fields, scope);
      default:
        this.recorder.problem('unsupported', `${type} in FROM is not supported.`);
        return [];
    }
  }

  private addRangeVar(rangeVar: ParseNode, scope: Scope): RelationRef[] {
    const schema = typeof rangeVar.schemaname === 'string' ? rangeVar.schemaname : undefined;
    const name = String(rangeVar.relname);
    if (typeof rangeVar.catalogname === 'string') {
      this.recorder.problem('unsupported', `Cross-database references ("${rangeVar.catalogname}.${schema}.${name}") are not supported.`);
      return [];
    }
    const alias = fieldsOrSelf(rangeVar.alias, 'Alias');
    const aliasName = typeof alias?.aliasname === 'string' ? alias.aliasname : undefined;
    const renamed = nameList(alias?.colnames);

    const cteColumns = schema === undefined ? lookupCte(scope, name) : undefined;
    if (cteColumns) {
      scope.entries.push({ refName: aliasName ?? name, relation: undefined, aliased: true, columns: rename(cteColumns, renamed), opaque: false });
      return [];
    }
    const relation = this.options.relations.resolve(schema, name);
    if (!relation) {
      const written = schema ? `${schema}.${name}` : name;
      this.recorder.problem('unknown-table', `Table "${written}" does not exist in this datasource (or is not exposed to the assistant).`);
      scope.entries.push({ refName: aliasName ?? name, relation: undefined, aliased: true, columns: [], opaque: true });
      return [];
    }
    return this.addRelation(relation, aliasName, renamed, scope);
  }

  private addRelation(relation: ResolvedRelation, aliasName: string | undefined, renamed: string[], scope: Scope): RelationRef[] {
    const reference = { schema: relation.schema, name: relation.name };
    this.recorder.addRelation(reference);
    const columns = relation.kind === 'view' ? this.viewColumns(relation) : relation.columns.map((column) => ({
      name: column,
      sources: [{ schema: relation.schema, table: relation.name, column }],
    }));
    scope.entries.push({
      refName: aliasName ?? relation.name,
      relation: reference,
      aliased: aliasName !== undefined,
      columns: rename(columns, renamed),
      opaque: false,
    });
    return [reference];
  }

  /** A view's columns carry the view column itself and the base columns its definition reads. */
  private viewColumns(view: ResolvedRelation): RangeColumn[] {
    const key = `${view.schema}.${view.name}`;
    const cached = this.viewCache.get(key);
    if (cached) return cached;
    const own = (column: string): ColumnSource => ({ schema: view.schema, table: view.name, column });
    let baseOutputs: RangeColumn[] = [];
    if (this.options.viewDepth >= maxViewDepth) {
      this.recorder.problem('unsupported', `View "${key}" nests views more than ${maxViewDepth} levels deep.`);
    } else if (view.viewDefinition) {
      const parsed = parseSql(view.viewDefinition);
      const statement = parsed.ok ? parsed.parsed.statements[0] : undefined;
      if (statement) {
        const analysis = this.options.analyzeView(statement);
        // Only lineage flows out of a view: which base columns each view column shows. What the view's
        // own WHERE reads is the view owner's decision, not the asker's. A view that could not be traced
        // (nested too deep, an unsupported construct) makes the lineage unknown, so that is reported.
        baseOutputs = analysis.outputColumns;
        for (const problem of analysis.problems) if (problem.code === 'unsupported') this.recorder.problem(problem.code, problem.message);
      } else {
        this.recorder.problem('unsupported', `The definition of view "${key}" could not be parsed.`);
      }
    }
    const columns = view.columns.map((column, index) => ({
      name: column,
      sources: [own(column), ...(baseOutputs[index]?.sources ?? [])],
    }));
    this.viewCache.set(key, columns);
    return columns;
  }

  private addSubselect(subselect: ParseNode, scope: Scope): RelationRef[] {
    const select = fieldsOf(subselect.subquery, 'SelectStmt');
    const alias = fieldsOrSelf(subselect.alias, 'Alias');
    if (!select) return [];
    const known = subselect.lateral === true ? undefined : this.options.knownSubquery?.(subselect.subquery as ParseNode);
    if (known) return this.addRelation(known, typeof alias?.aliasname === 'string' ? alias.aliasname : undefined, nameList(alias?.colnames), scope);
    const visible: Scope = subselect.lateral === true ? scope : { ...emptyScope(), parent: scope.parent, ctes: scope.ctes };
    const outputs = this.options.analyzeSubquery(select, visible);
    const name = typeof alias?.aliasname === 'string' ? alias.aliasname : '';
    scope.entries.push({ refName: name, relation: undefined, aliased: true, columns: rename(outputs, nameList(alias?.colnames)), opaque: false });
    return [];
  }

  private addRangeFunction(rangeFunction: ParseNode, scope: Scope): RelationRef[] {
    const alias = fieldsOrSelf(rangeFunction.alias, 'Alias');
    const aliasName = typeof alias?.aliasname === 'string' ? alias.aliasname : undefined;
    let columnNames: string[] | undefined = [];
    let firstFunction: string | undefined;
    for (const entry of listOf(rangeFunction.functions)) {
      const parts = listOf(fieldsOf(entry, 'List')?.items);
      const call = parts[0];
      const definition = parts[1];
      this.walker.walk(call, scope, 'from');
      const callFields = fieldsOf(call, 'FuncCall');
      const functionName = callFields ? nameList(callFields.funcname).at(-1) : undefined;
      firstFunction ??= functionName;
      const defined = listOf(fieldsOf(definition, 'List')?.items).map((column) => String(fieldsOf(column, 'ColumnDef')?.colname));
      const known = defined.length > 0 ? defined : functionName ? columnsOfTableFunction(functionName, aliasName) : undefined;
      columnNames = columnNames && known ? [...columnNames, ...known] : undefined;
    }
    for (const definition of listOf(rangeFunction.coldeflist)) {
      columnNames = [...(columnNames ?? []), String(fieldsOf(definition, 'ColumnDef')?.colname)];
    }
    if (columnNames && rangeFunction.ordinality === true) columnNames.push('ordinality');
    const renamed = nameList(alias?.colnames);
    const columns = (columnNames ?? []).map((name) => ({ name, sources: [] }));
    scope.entries.push({
      refName: aliasName ?? firstFunction ?? '',
      relation: undefined,
      aliased: true,
      columns: rename(columns, renamed),
      opaque: columnNames === undefined && renamed.length === 0,
    });
    return [];
  }

  private addJoin(join: ParseNode, scope: Scope): RelationRef[] {
    const alias = fieldsOrSelf(join.alias, 'Alias');
    const target: Scope = alias ? { ...emptyScope(), parent: scope.parent, ctes: scope.ctes } : scope;
    const before = target.entries.length;
    const leftStart = target.entries.length;
    const left = isNode(join.larg) ? this.addFromItem(join.larg, target) : [];
    const leftEntries = target.entries.slice(leftStart);
    const rightStart = target.entries.length;
    const right = isNode(join.rarg) ? this.addFromItem(join.rarg, target) : [];
    const rightEntries = target.entries.slice(rightStart);

    const using = nameList(join.usingClause);
    let shared = using;
    if (join.isNatural === true) {
      const leftNames = new Set(leftEntries.flatMap((entry) => entry.columns.map((column) => column.name)));
      shared = [...new Set(rightEntries.flatMap((entry) => entry.columns.map((column) => column.name)))].filter((name) =>
        leftNames.has(name),
      );
    }
    for (const name of shared) target.mergedColumns.add(name);
    // USING and NATURAL compare the shared columns: both sides' columns are read.
    for (const name of shared) {
      for (const entry of [...leftEntries, ...rightEntries]) {
        const column = entry.columns.find((candidate) => candidate.name === name);
        if (column) this.recorder.useColumn(column, 'explicit', 'join');
      }
    }
    // The ON clause sees the join's inputs and, for LATERAL, what came before.
    this.walker.walk(join.quals, alias ? target : scope, 'join');

    if (alias) {
      const columns = target.entries.slice(before).flatMap((entry) => entry.columns);
      scope.entries.push({
        refName: String(alias.aliasname),
        relation: undefined,
        aliased: true,
        columns: rename(dedupeMerged(columns, shared), nameList(alias.colnames)),
        opaque: false,
      });
      for (const name of shared) scope.mergedColumns.add(name);
    }
    return [...left, ...right];
  }
}
