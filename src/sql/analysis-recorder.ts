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
import type { RangeColumn } from './scope.ts';

/** What the analysis of one statement has found so far: relations, column uses, functions, problems. */
export class AnalysisRecorder {
  private readonly relations = new Map<string, RelationRef>();
  private readonly columnUses: ColumnUse[] = [];
  private readonly useKeys = new Set<string>();
  private readonly functions: FunctionUse[] = [];
  private readonly problems: AnalysisProblem[] = [];
  private readonly starExpansions: StarExpansion[] = [];

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

  /** Each problem is reported once, however often it is met. */
  problem(code: AnalysisProblem['code'], message: string): void {
    if (!this.problems.some((existing) => existing.message === message)) this.problems.push({ code, message });
  }

  addRelation(reference: RelationRef): void {
    this.relations.set(`${reference.schema}.${reference.name}`, reference);
  }

  addFunction(use: FunctionUse): void {
    this.functions.push(use);
  }

  addStarExpansion(expansion: StarExpansion): void {
    this.starExpansions.push(expansion);
  }

  /** Records the base columns `column` reads and, when given, adds them to `sources`. */
  useColumn(column: RangeColumn, kind: ColumnUseKind, clause: Clause, sources?: ColumnSource[]): void {
    for (const source of column.sources) this.recordUse(source, kind, clause);
    sources?.push(...column.sources);
  }

  recordUse(source: ColumnSource, kind: ColumnUseKind, clause: Clause): void {
    const key = `${source.schema}.${source.table}.${source.column}|${kind}|${clause}`;
    if (this.useKeys.has(key)) return;
    this.useKeys.add(key);
    this.columnUses.push({ schema: source.schema, table: source.table, column: source.column, kind, clause });
  }
}
