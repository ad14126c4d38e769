import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { securityQuestionCaseSchema, questionCaseSchema, sqlCaseSchema, type EvalCase, type Suite } from './suite-schema.ts';

/**
 * A suite kept in a spreadsheet: a CSV file with a header row `question,gold,tier,ordered` and, optionally,
 * `id,datasource,entitlements,expect,sql,family,user,thread`. A row with `gold` is a golden question; a row with
 * `expect` (and `question` or `sql`) a security case. A row that does not make a case is reported with its
 * line number and left out; the rest run. Rows naming different datasources become one suite per datasource.
 */

export interface CsvSuites {
  suites: Suite[];
  /** `file.csv line 7: …`, one per row left out. */
  problems: string[];
}

const knownColumns = ['id', 'question', 'gold', 'tier', 'ordered', 'datasource', 'entitlements', 'expect', 'sql', 'family', 'user', 'thread'] as const;
const requiredOneOf = ['question', 'sql'];

export function parseCsvSuite(text: string, name: string, source: string): CsvSuites {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, info: true, trim: true }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw new Error(`${source} is not valid CSV: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const [header, ...rows] = records;
  if (!header) throw new Error(`${source} is empty: the first row names the columns (question,gold,tier,ordered).`);
  const columns = header.record.map((column) => column.trim().toLowerCase());
  const unknown = columns.filter((column) => column !== '' && !(knownColumns as readonly string[]).includes(column));
  if (unknown.length > 0) throw new Error(`${source} line 1: unknown column${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} (known: ${knownColumns.join(', ')}).`);
  if (!requiredOneOf.some((column) => columns.includes(column))) throw new Error(`${source} line 1: the header needs a "question" column (or "sql" for security cases).`);

  const problems: string[] = [];
  const byDatasource = new Map<string, EvalCase[]>();
  const seen = new Set<string>();
  for (const { record, info } of rows) {
    const line = info.lines;
    const row: Record<string, string> = Object.fromEntries(columns.map((column, index) => [column, record[index] ?? '']));
    if (record.length > columns.length && record.slice(columns.length).some((cell) => cell.trim() !== '')) {
      problems.push(`${source} line ${line}: ${record.length} cells, but the header names ${columns.length} columns.`);
      continue;
    }
    const made = toCase(row, `${name}-${line}`);
    if (!made.ok) {
      problems.push(`${source} line ${line}: ${made.problem}`);
      continue;
    }
    if (seen.has(made.value.id)) {
      problems.push(`${source} line ${line}: the id "${made.value.id}" is used by an earlier row.`);
      continue;
    }
    seen.add(made.value.id);
    const datasource = row.datasource ?? '';
    byDatasource.set(datasource, [...(byDatasource.get(datasource) ?? []), made.value]);
  }
  const several = byDatasource.size > 1;
  const suites = [...byDatasource].map(([datasource, cases]): Suite => ({
    name: several ? `${name}/${datasource || 'default'}` : name,
    ...(datasource ? { datasource } : {}),
    cases,
  }));
  return { suites, problems };
}

type Made = { ok: true; value: EvalCase } | { ok: false; problem: string };

function toCase(row: Record<string, string>, defaultId: string): Made {
  const present = (key: string) => (row[key] ?? '') !== '';
  const common = {
    id: present('id') ? row.id : defaultId,
    ...(present('family') ? { family: row.family } : {}),
    ...(present('user') ? { user: row.user } : {}),
    ...(present('thread') ? { thread: row.thread } : {}),
    entitlements: (row.entitlements ?? '').split(/[\s;]+/).filter((entry) => entry !== ''),
  };
  if (present('gold') && present('expect')) return { ok: false, problem: 'a row has either "gold" (a golden question) or "expect" (a security case), not both.' };
  if (present('gold')) {
    if (present('sql')) return { ok: false, problem: 'a golden question has no "sql" cell: put the reference SQL in "gold".' };
    const ordered = (row.ordered ?? '').toLowerCase();
    if (ordered !== '' && !['true', 'false', 'yes', 'no', '1', '0'].includes(ordered)) return { ok: false, problem: `"ordered" is "${row.ordered}"; write true or false.` };
    return check(questionCaseSchema, {
      ...common,
      question: row.question,
      gold: row.gold,
      ...(present('tier') ? { tier: row.tier?.toLowerCase() } : {}),
      ordered: ['true', 'yes', '1'].includes(ordered),
    });
  }
  if (present('expect')) {
    const expect = row.expect?.toLowerCase();
    if (present('sql') && present('question')) return { ok: false, problem: 'a security case has "question" (asked in chat) or "sql" (checked as model output), not both.' };
    if (present('sql')) return check(sqlCaseSchema, { ...common, sql: row.sql, expect });
    return check(securityQuestionCaseSchema, { ...common, question: row.question, expect });
  }
  return { ok: false, problem: present('question') ? 'the question has no "gold" SQL (or "expect" for a security case).' : 'the row has no question.' };
}

function check(schema: z.ZodType<EvalCase>, value: unknown): Made {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problem: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`).join('; ') };
}
