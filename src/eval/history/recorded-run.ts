import { randomBytes } from 'node:crypto';
import { RECORDED_REASON_MAX, type RecordedEvalRun } from '../../ports/eval-run-store.ts';
import type { CaseResult } from '../case-result.ts';
import type { EvalSummary } from '../summarize.ts';

/** A finished evaluation run as `sql-eval eval --record` keeps it in the state store. */

export interface FinishedRun {
  results: CaseResult[];
  summary: EvalSummary;
  model: string | null;
  /** ISO 8601, UTC. */
  startedAt: string;
  durationMs: number;
}

export interface RunDetails {
  /** The names of the suites that ran. */
  suites: string[];
  label: string | null;
  /** Four hex digits ending the id; random by default. */
  suffix?: string | undefined;
}

export function recordedRun(run: FinishedRun, details: RunDetails): RecordedEvalRun {
  return {
    id: evalRunId(run.startedAt, details.suffix ?? randomBytes(2).toString('hex')),
    label: details.label,
    suites: [...new Set(details.suites)],
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    model: run.model,
    summary: run.summary,
    cases: run.results.map(({ suite, id, category, correct, outcome, lane, ms, reason }) => ({
      suite,
      id,
      category,
      correct,
      outcome,
      lane,
      ms,
      reason: reason === null || reason.length <= RECORDED_REASON_MAX ? reason : `${reason.slice(0, RECORDED_REASON_MAX - 1)}…`,
    })),
  };
}

/** `2026-11-30T22:43:11.052Z` and `ab12` → `r-20261130-224311-ab12`: short, and sorted as the runs started. */
export function evalRunId(startedAt: string, suffix: string): string {
  const digits = startedAt.replace(/\D/g, '');
  return `r-${digits.slice(0, 8)}-${digits.slice(8, 14)}-${suffix}`;
}
