import type { EvalReport } from './report-model.ts';

/** `report.json`: the report object, two-space indented; a bigint cell becomes a string. */
export function reportJson(report: EvalReport): string {
  return `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`;
}
