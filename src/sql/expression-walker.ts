import type { Clause, ColumnSource, ColumnUseKind } from './analysis-types.ts';
import type { AnalysisRecorder } from './analysis-recorder.ts';
import { fieldsOf, isNode, listOf, nameList, nodeType, stringValue } from './nodes.ts';
import type { ParseNode } from './parse-sql.ts';
import { findEntry, findQualifiedEntry, singleColumnName, type RangeColumn, type RangeEntry, type Scope } from './scope.ts';

/** Analyzes a nested SELECT (a subquery, a CTE, a set operation's side) in a scope; returns its output columns. */
export type AnalyzeSubquery = (select: ParseNode, parent: Scope | undefined) => RangeColumn[];

/**
 * Walks expressions and resolves their column references the way PostgreSQL does: innermost scope first,
 * through `t.*`, whole-row references, functional notation (`email(c)`) and field selection (`(c).email`).
 * Every base column read is recorded.
 */
export class ExpressionWalker {
  constructor(
    private readonly recorder: AnalysisRecorder,
    private readonly analyzeSubquery: AnalyzeSubquery,
  ) {}

  /** Visits an expression; every base column it reads is recorded and, when given, added to `sources`. */
  walk(value: unknown, scope: Scope, clause: Clause, sources?: ColumnSource[]): void {
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
          if (select) for (const output of this.analyzeSubquery(select, scope)) sources?.push(...output.sources);
          return;
        }
        case 'SelectStmt':
          for (const output of this.analyzeSubquery(fields, scope)) sources?.push(...output.sources);
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

  /** The columns of `*` (no qualifier) or `t.*` / `s.t.*`, each recorded as read with `kind`. */
  expandStar(qualifier: ParseNode[], scope: Scope, kind: ColumnUseKind, clause: Clause): { entry: RangeEntry; column: RangeColumn }[] {
    const names = qualifier.map((field) => stringValue(field) ?? '');
    let entries: RangeEntry[];
    if (names.length === 0) entries = scope.entries;
    else {
      const entry = names.length === 1 ? findEntry(scope, names[0] as string) : findQualifiedEntry(scope, names[0] as string, names[1] as string);
      if (!entry) {
        this.recorder.problem('unknown-table', `"${names.join('.')}.*" does not name a table or alias in this query.`);
        return [];
      }
      entries = [entry];
    }
    const expanded = entries.flatMap((entry) => entry.columns.map((column) => ({ entry, column })));
    for (const { column } of expanded) this.recorder.useColumn(column, kind, clause);
    return expanded;
  }

  /** Whether an unqualified `name` resolves to a column in this scope or an enclosing one. */
  columnVisible(name: string, scope: Scope): boolean {
    for (let level: Scope | undefined = scope; level; level = level.parent) {
      if (level.entries.some((entry) => entry.columns.some((column) => column.name === name))) return true;
    }
    return false;
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
          this.recorder.useColumn(column, 'explicit', clause, sources);
          return;
        }
      }
    }
    const name = names.join('.');
    this.recorder.addFunction({ name, schema: names.length > 1 ? names[0] : undefined });
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
    this.recorder.useColumn(column, 'explicit', clause, sources);
    this.walk(listOf(indirection.indirection).slice(1), scope, clause, sources);
    return true;
  }

  private resolveColumnRef(columnRef: ParseNode, scope: Scope, clause: Clause, sources?: ColumnSource[]): void {
    const fields = listOf(columnRef.fields);
    if (fields.length > 0 && fieldsOf(fields.at(-1), 'A_Star')) {
      // `t.*` outside a select list (`count(t.*)`, `to_jsonb(t.*)`) is a whole-row value.
      for (const { column } of this.expandStar(fields.slice(0, -1), scope, 'whole-row', clause)) sources?.push(...column.sources);
      return;
    }
    const names = fields.map((field) => stringValue(field) ?? '');
    if (names.length === 1) {
      const name = names[0] as string;
      const column = this.findColumn(name, scope);
      if (column === 'ambiguous') return;
      if (column) {
        this.recorder.useColumn(column, 'explicit', clause, sources);
        return;
      }
      const entry = findEntry(scope, name);
      if (entry) {
        for (const wholeRowColumn of entry.columns) this.recorder.useColumn(wholeRowColumn, 'whole-row', clause, sources);
        return;
      }
      this.recorder.problem('unknown-column', `Column "${name}" does not exist in the tables this query reads.`);
      return;
    }
    if (names.length === 2 || names.length === 3) {
      const columnName = names.at(-1) as string;
      const entry = names.length === 2 ? findEntry(scope, names[0] as string) : findQualifiedEntry(scope, names[0] as string, names[1] as string);
      const written = names.slice(0, -1).join('.');
      if (!entry) {
        this.recorder.problem('unknown-table', `"${written}" in "${names.join('.')}" is not a table or alias in this query.`);
        return;
      }
      const column = entry.columns.find((candidate) => candidate.name === columnName);
      if (column) this.recorder.useColumn(column, 'explicit', clause, sources);
      else if (!entry.opaque) this.recorder.problem('unknown-column', `Column "${columnName}" does not exist in "${written}".`);
      return;
    }
    this.recorder.problem('unsupported', `The reference "${names.join('.')}" has too many parts.`);
  }

  /** Searches the innermost scope first, as PostgreSQL does; `ambiguous` is reported once. */
  private findColumn(name: string, scope: Scope): RangeColumn | 'ambiguous' | undefined {
    for (let level: Scope | undefined = scope; level; level = level.parent) {
      const matches = level.entries.flatMap((entry) => entry.columns.filter((column) => column.name === name));
      if (matches.length === 1) return matches[0];
      if (matches.length > 1) {
        if (level.mergedColumns.has(name)) return { name, sources: matches.flatMap((match) => match.sources) };
        this.recorder.problem('ambiguous-column', `Column "${name}" is ambiguous: more than one table in the query has it; qualify it with a table alias.`);
        return 'ambiguous';
      }
      const opaque = level.entries.find((entry) => entry.opaque);
      if (opaque && !findEntry(level, name)) return { name, sources: [] };
    }
    return undefined;
  }
}
