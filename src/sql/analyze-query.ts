import type {
  AnalysisProblem,
  Clause,
  ColumnSource,
  ColumnUse,
  ColumnUseKind,
  FunctionUse,
  OutputColumn,
  QueryAnalysis,
  RelationRef,
  StarExpansion,
} from './analysis-types.ts';
import { fieldsOf, fieldsOrSelf, isNode, listOf, nameList, nodeType, stringValue } from './nodes.ts';
import { parseSql, type ParseNode } from './parse-sql.ts';
import { columnsOfTableFunction } from './table-functions.ts';
import {
  dedupeMerged,
  derivedName,
  emptyScope,
  findEntry,
  findQualifiedEntry,
  lookupCte,
  rename,
  singleColumnName,
  type RangeColumn,
  type RangeEntry,
  type Scope,
} from './scope.ts';

/**
 * Resolves every relation, column and function of a SELECT the way PostgreSQL does: through aliases,
 * subqueries, CTEs, LATERAL, set operations, views (their definitions parsed), `*`, `t.*` and whole-row
 * references. Each column reference is traced to the base columns it reads.
 */

export interface ResolvedRelation {
  schema: string;
  name: string;
  kind: 'table' | 'view';
  columns: string[];
  viewDefinition: string | null;
}

export interface RelationResolver {
  /** `schema` is undefined for an unqualified name: the resolver applies the search path. */
  resolve(schema: string | undefined, name: string): ResolvedRelation | undefined;
}

const maxViewDepth = 8;

export function analyzeSelect(statement: ParseNode, resolver: RelationResolver): QueryAnalysis {
  return analyzeAtViewDepth(statement, resolver, 0);
}

/** `viewDepth` counts the views being expanded around this statement, so nesting is bounded. */
function analyzeAtViewDepth(statement: ParseNode, resolver: RelationResolver, viewDepth: number): QueryAnalysis {
  const analyzer = new Analyzer(resolver, viewDepth);
  const select = fieldsOf(statement, 'SelectStmt');
  if (!select) {
    analyzer.problem('not-select', `Only a SELECT can be run; this is a ${describeStatement(statement)}.`);
    return analyzer.result([]);
  }
  const outputs = analyzer.analyzeSelectStmt(select, undefined);
  return analyzer.result(outputs);
}

export function describeStatement(statement: ParseNode): string {
  const type = nodeType(statement) ?? 'statement';
  return type.replace(/Stmt$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase() + ' statement';
}

class Analyzer {
  private readonly relations = new Map<string, RelationRef>();
  private readonly columnUses: ColumnUse[] = [];
  private readonly useKeys = new Set<string>();
  private readonly functions: FunctionUse[] = [];
  private readonly problems: AnalysisProblem[] = [];
  private readonly starExpansions: StarExpansion[] = [];
  private readonly viewCache = new Map<string, RangeColumn[]>();

  constructor(
    private readonly resolver: RelationResolver,
    private readonly viewDepth: number,
  ) {}

  result(outputColumns: RangeColumn[]): QueryAnalysis {
    return {
      relations: [...this.relations.values()],
      columnUses: this.columnUses,
      functions: this.functions,
      problems: this.problems,
      outputColumns: outputColumns.map((column): OutputColumn => ({ name: column.name, sources: column.sources })),
      starExpansions: this.starExpansions,
    };
  }

  problem(code: AnalysisProblem['code'], message: string): void {
    if (!this.problems.some((existing) => existing.message === message)) this.problems.push({ code, message });
  }

  // ---- statements -------------------------------------------------------------------------------

  analyzeSelectStmt(select: ParseNode, parent: Scope | undefined): RangeColumn[] {
    const scope: Scope = { entries: [], parent, ctes: new Map(), mergedColumns: new Set() };
    if (select.intoClause) this.problem('not-select', 'SELECT … INTO creates a table; only plain SELECT statements can be run.');
    if (listOf(select.lockingClause).length > 0) {
      this.problem('not-select', 'SELECT … FOR UPDATE/SHARE takes row locks; only plain SELECT statements can be run.');
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
      this.walk(select.limitCount, scope, 'limit');
      this.walk(select.limitOffset, scope, 'limit');
      return outputs;
    }

    if (Array.isArray(select.valuesLists)) {
      const rows = select.valuesLists.map((row) => listOf(fieldsOf(row, 'List')?.items));
      const width = rows[0]?.length ?? 0;
      const outputs: RangeColumn[] = [];
      for (let index = 0; index < width; index += 1) {
        const sources: ColumnSource[] = [];
        for (const row of rows) this.walk(row[index], scope, 'values', sources);
        outputs.push({ name: `column${index + 1}`, sources });
      }
      return outputs;
    }

    for (const item of listOf(select.fromClause)) this.addFromItem(item, scope);

    const outputs = this.analyzeTargetList(select.targetList, scope);
    this.walk(select.whereClause, scope, 'where');
    this.analyzeGroupClause(select.groupClause, scope, outputs);
    this.walk(select.havingClause, scope, 'having');
    this.walk(select.windowClause, scope, 'window');
    this.walk(select.distinctClause, scope, 'select');
    this.analyzeSortClause(select.sortClause, scope, outputs);
    this.walk(select.limitCount, scope, 'limit');
    this.walk(select.limitOffset, scope, 'limit');
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
        this.problem('not-select', `The WITH query "${name}" is a ${describeStatement(query as ParseNode)}; only SELECT is allowed.`);
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

  // ---- FROM ------------------------------------------------------------------------------------

  /** Adds the entries of one FROM item to the scope and returns the relations it covers. */
  private addFromItem(item: ParseNode, scope: Scope): RelationRef[] {
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
        this.problem('unsupported', `${type} in FROM is not supported.`);
        return [];
    }
  }

  private addRangeVar(rangeVar: ParseNode, scope: Scope): RelationRef[] {
    const schema = typeof rangeVar.schemaname === 'string' ? rangeVar.schemaname : undefined;
    const name = String(rangeVar.relname);
    if (typeof rangeVar.catalogname === 'string') {
      this.problem('unsupported', `Cross-database references ("${rangeVar.catalogname}.${schema}.${name}") are not supported.`);
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
    const relation = this.resolver.resolve(schema, name);
    if (!relation) {
      const written = schema ? `${schema}.${name}` : name;
      this.problem('unknown-table', `Table "${written}" does not exist in this datasource (or is not exposed to the assistant).`);
      scope.entries.push({ refName: aliasName ?? name, relation: undefined, aliased: true, columns: [], opaque: true });
      return [];
    }
    const reference = { schema: relation.schema, name: relation.name };
    this.relations.set(`${relation.schema}.${relation.name}`, reference);
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
    if (this.viewDepth >= maxViewDepth) {
      this.problem('unsupported', `View "${key}" nests views more than ${maxViewDepth} levels deep.`);
    } else if (view.viewDefinition) {
      const parsed = parseSql(view.viewDefinition);
      const statement = parsed.ok ? parsed.parsed.statements[0] : undefined;
      if (statement) {
        const analysis = analyzeAtViewDepth(statement, this.resolver, this.viewDepth + 1);
        // Only lineage flows out of a view: which base columns each view column shows. What the view's
        // own WHERE reads is the view owner's decision, not the asker's. A view that could not be traced
        // (nested too deep, an unsupported construct) makes the lineage unknown, so that is reported.
        baseOutputs = analysis.outputColumns;
        for (const problem of analysis.problems) if (problem.code === 'unsupported') this.problem(problem.code, problem.message);
      } else {
        this.problem('unsupported', `The definition of view "${key}" could not be parsed.`);
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
    const visible: Scope = subselect.lateral === true ? scope : { ...emptyScope(), parent: scope.parent, ctes: scope.ctes };
    const outputs = this.analyzeSelectStmt(select, visible);
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
      this.walk(call, scope, 'from');
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
        if (column) this.useColumn(column, 'explicit', 'join');
      }
    }
    // The ON clause sees the join's inputs and, for LATERAL, what came before.
    this.walk(join.quals, alias ? target : scope, 'join');


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
        const expanded = this.expandStarEntries(fields.slice(0, -1), scope, 'star', 'select');
        this.starExpansions.push({
          targetList: targets,
          target,
          columns: expanded.map(({ entry, column }) => ({ qualifier: entry.refName, name: column.name, sources: column.sources })),
        });
        outputs.push(...expanded.map(({ column }) => column));
        continue;
      }
      const sources: ColumnSource[] = [];
      this.walk(value, scope, 'select', sources);
      const name = typeof resTarget.name === 'string' ? resTarget.name : derivedName(value);
      outputs.push({ name, sources });
    }
    return outputs;
  }

  private analyzeGroupClause(groupClause: unknown, scope: Scope, outputs: RangeColumn[]): void {
    for (const item of listOf(groupClause)) {
      const name = singleColumnName(item);
      if (name !== undefined && !this.columnVisible(name, scope)) {
        const output = outputs.find((column) => column.name === name);
        if (output) {
          for (const source of output.sources) this.recordUse(source, 'explicit', 'group');
          continue;
        }
      }
      this.walk(item, scope, 'group');
    }
  }

  private analyzeSortClause(sortClause: unknown, scope: Scope, outputs: RangeColumn[]): void {
    for (const item of listOf(sortClause)) {
      const sortBy = fieldsOf(item, 'SortBy');
      const name = singleColumnName(sortBy?.node);
      const output = name !== undefined ? outputs.find((column) => column.name === name) : undefined;
      if (output) {
        for (const source of output.sources) this.recordUse(source, 'explicit', 'order');
        continue;
      }
      this.walk(sortBy?.node ?? item, scope, 'order');
    }
  }

  // ---- expressions -----------------------------------------------------------------------------

  /** Visits an expression; every base column it reads is recorded and, when given, added to `sources`. */
  private walk(value: unknown, scope: Scope, clause: Clause, sources?: ColumnSource[]): void {
    if (Array.isArray(value)) {
      for (const item of value) this.walk(item, scope, clause, sources);
      return;
    }
    if (!isNode(value)) return;
    const type = nodeType(value);
    const fields = type ? value[type] : undefined;
    if (type && isNode(fields)) {
      switch (type) {
        case 'ColumnRef':
          this.resolveColumnRef(fields, scope, clause, sources);
          return;
        case 'FuncCall':
          this.visitFunctionCall(fields, scope, clause, sources);
          return;
        case 'SubLink': {
          this.walk(fields.testexpr, scope, clause, sources);
          const select = fieldsOf(fields.subselect, 'SelectStmt');
          if (select) for (const output of this.analyzeSelectStmt(select, scope)) sources?.push(...output.sources);
          return;
        }
        case 'SelectStmt':
          for (const output of this.analyzeSelectStmt(fields, scope)) sources?.push(...output.sources);
          return;
        case 'A_Indirection':
          if (this.visitFieldSelection(fields, scope, clause, sources)) return;
          break;
        default:
          break;
      }
    }
    for (const child of Object.values(value)) this.walk(child, scope, clause, sources);
  }

  private visitFunctionCall(call: ParseNode, scope: Scope, clause: Clause, sources?: ColumnSource[]): void {
    const names = nameList(call.funcname);
    const args = listOf(call.args);
    // Functional notation: `email(c)` is `c.email` when c is a relation with that column.
    if (names.length === 1 && args.length === 1 && call.agg_star !== true) {
      const argumentName = singleColumnName(args[0]);
      if (argumentName !== undefined && !this.columnVisible(argumentName, scope)) {
        const entry = findEntry(scope, argumentName);
        const column = entry?.columns.find((candidate) => candidate.name === names[0]);
        if (column) {
          this.useColumn(column, 'explicit', clause, sources);
          return;
        }
      }
    }
    const name = names.join('.');
    this.functions.push({ name, schema: names.length > 1 ? names[0] : undefined });
    this.walk(call.args, scope, clause, sources);
    this.walk(call.agg_order, scope, clause, sources);
    this.walk(call.agg_filter, scope, clause, sources);
    this.walk(call.over, scope, 'window', sources);
  }

  /** `(c).email`: a field of a whole-row value is that column. */
  private visitFieldSelection(indirection: ParseNode, scope: Scope, clause: Clause, sources?: ColumnSource[]): boolean {
    const argumentName = singleColumnName(indirection.arg);
    const fieldName = stringValue(listOf(indirection.indirection)[0]);
    if (argumentName === undefined || fieldName === undefined || this.columnVisible(argumentName, scope)) return false;
    const column = findEntry(scope, argumentName)?.columns.find((candidate) => candidate.name === fieldName);
    if (!column) return false;
    this.useColumn(column, 'explicit', clause, sources);
    this.walk(listOf(indirection.indirection).slice(1), scope, clause, sources);
    return true;
  }

  private resolveColumnRef(columnRef: ParseNode, scope: Scope, clause: Clause, sources?: ColumnSource[]): void {
    const fields = listOf(columnRef.fields);
    if (fields.length > 0 && fieldsOf(fields.at(-1), 'A_Star')) {
      // `t.*` outside a select list (`count(t.*)`, `to_jsonb(t.*)`) is a whole-row value.
      for (const { column } of this.expandStarEntries(fields.slice(0, -1), scope, 'whole-row', clause)) sources?.push(...column.sources);
      return;
    }
    const names = fields.map((field) => stringValue(field) ?? '');
    if (names.length === 1) {
      const name = names[0] as string;
      const column = this.findColumn(name, scope);
      if (column === 'ambiguous') return;
      if (column) {
        this.useColumn(column, 'explicit', clause, sources);
        return;
      }
      const entry = findEntry(scope, name);
      if (entry) {
        for (const wholeRowColumn of entry.columns) this.useColumn(wholeRowColumn, 'whole-row', clause, sources);
        return;
      }
      this.problem('unknown-column', `Column "${name}" does not exist in the tables this query reads.`);
      return;
    }
    if (names.length === 2 || names.length === 3) {
      const columnName = names.at(-1) as string;
      const entry = names.length === 2 ? findEntry(scope, names[0] as string) : findQualifiedEntry(scope, names[0] as string, names[1] as string);
      const written = names.slice(0, -1).join('.');
      if (!entry) {
        this.problem('unknown-table', `"${written}" in "${names.join('.')}" is not a table or alias in this query.`);
        return;
      }
      const column = entry.columns.find((candidate) => candidate.name === columnName);
      if (column) this.useColumn(column, 'explicit', clause, sources);
      else if (!entry.opaque) this.problem('unknown-column', `Column "${columnName}" does not exist in "${written}".`);
      return;
    }
    this.problem('unsupported', `The reference "${names.join('.')}" has too many parts.`);
  }

  private expandStarEntries(qualifier: ParseNode[], scope: Scope, kind: ColumnUseKind, clause: Clause): { entry: RangeEntry; column: RangeColumn }[] {
    const names = qualifier.map((field) => stringValue(field) ?? '');
    let entries: RangeEntry[];
    if (names.length === 0) entries = scope.entries;
    else {
      const entry = names.length === 1 ? findEntry(scope, names[0] as string) : findQualifiedEntry(scope, names[0] as string, names[1] as string);
      if (!entry) {
        this.problem('unknown-table', `"${names.join('.')}.*" does not name a table or alias in this query.`);
        return [];
      }
      entries = [entry];
    }
    const expanded = entries.flatMap((entry) => entry.columns.map((column) => ({ entry, column })));
    for (const { column } of expanded) this.useColumn(column, kind, clause);
    return expanded;
  }

  /** Searches the innermost scope first, as PostgreSQL does; `ambiguous` is reported once. */
  private findColumn(name: string, scope: Scope): RangeColumn | 'ambiguous' | undefined {
    for (let level: Scope | undefined = scope; level; level = level.parent) {
      const matches = level.entries.flatMap((entry) => entry.columns.filter((column) => column.name === name));
      if (matches.length === 1) return matches[0];
      if (matches.length > 1) {
        if (level.mergedColumns.has(name)) return { name, sources: matches.flatMap((match) => match.sources) };
        this.problem('ambiguous-column', `Column "${name}" is ambiguous: more than one table in the query has it; qualify it with a table alias.`);
        return 'ambiguous';
      }
      const opaque = level.entries.find((entry) => entry.opaque);
      if (opaque && !findEntry(level, name)) return { name, sources: [] };
    }
    return undefined;
  }

  private columnVisible(name: string, scope: Scope): boolean {
    for (let level: Scope | undefined = scope; level; level = level.parent) {
      if (level.entries.some((entry) => entry.columns.some((column) => column.name === name))) return true;
    }
    return false;
  }

  private useColumn(column: RangeColumn, kind: ColumnUseKind, clause: Clause, sources?: ColumnSource[]): void {
    for (const source of column.sources) this.recordUse(source, kind, clause);
    sources?.push(...column.sources);
  }

  private recordUse(source: ColumnSource, kind: ColumnUseKind, clause: Clause): void {
    const key = `${source.schema}.${source.table}.${source.column}|${kind}|${clause}`;
    if (this.useKeys.has(key)) return;
    this.useKeys.add(key);
    this.columnUses.push({ schema: source.schema, table: source.table, column: source.column, kind, clause });
  }
}
