import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { verifyChain } from '../../audit/hash-chain.ts';
import { openAudit } from '../../compose/open-audit.ts';
import { openState } from '../../compose/open-state.ts';
import { auditRecordSchema, type AuditRecord } from '../../ports/audit-store.ts';
import { auditGrantsSql } from '../../providers/postgres-audit/create-postgres-audit-store.ts';
import { CliError } from '../cli-error.ts';
import { parseOptions } from '../parse-options.ts';
import { printJson, printText } from '../print.ts';

/** `sql-eval audit verify | tail | export | grants`: the audit log for compliance reviews. */

export async function auditVerifyCommand(options: { json: boolean }, environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  const audit = await openAudit(environment);
  const state = await openState('file', environment);
  try {
    // The head the writers kept in the state store: records cut off the end of the log are found against it.
    const kept = await state.store.keptAuditHead();
    const verdict = await verifyChain(audit.store.records(), kept);
    if (options.json) printJson({ store: audit.description, ...verdict });
    else if (verdict.ok) printText(`Audit log (${audit.description}): ${verdict.records} records, chain intact${verdict.head ? `; last record ${verdict.head.sequence}, hash ${verdict.head.hash}` : ''}.`);
    else printText(`Audit log (${audit.description}): BROKEN at record ${verdict.sequence ?? '?'}: ${verdict.problem}.`);
    return verdict.ok ? 0 : 1;
  } finally {
    await audit.close();
    await state.close();
  }
}

const tailOptionsSchema = z.object({
  lines: z.coerce.number({ message: '-n must be a number of records' }).int('-n must be a whole number').min(1, '-n must be at least 1').max(100_000).default(20),
  json: z.boolean().default(false),
});

export async function auditTailCommand(raw: unknown, environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  const options = parseOptions(tailOptionsSchema, raw);
  const audit = await openAudit(environment);
  try {
    const last: unknown[] = [];
    for await (const record of audit.store.records()) {
      last.push(record);
      if (last.length > options.lines) last.shift();
    }
    if (options.json) printJson(last);
    else printText(last.map(describeRecord).join('\n') || '(the audit log is empty)');
    return 0;
  } finally {
    await audit.close();
  }
}

const exportOptionsSchema = z.object({
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '--since must be a date as YYYY-MM-DD'),
  format: z.enum(['jsonl', 'csv'], { message: '--format must be jsonl or csv' }).default('jsonl'),
});

const csvColumns = ['sequence', 'at', 'kind', 'requestId', 'actor', 'email', 'channel', 'threadId', 'tenant', 'lane', 'question', 'sql', 'rowCount', 'durationMs', 'audience', 'personalData', 'violations', 'detail', 'promptTokens', 'completionTokens', 'previousHash', 'hash'] as const;

export async function auditExportCommand(raw: unknown, environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  const options = parseOptions(exportOptionsSchema, raw);
  const since = `${options.since}T00:00:00.000Z`;
  const audit = await openAudit(environment);
  try {
    if (options.format === 'csv') process.stdout.write(stringify([csvColumns as unknown as string[]]));
    for await (const raw of audit.store.records()) {
      const parsed = auditRecordSchema.safeParse(raw);
      if (!parsed.success) throw new CliError('The audit log holds a record that is not an audit record: run `sql-eval audit verify`.');
      const record = parsed.data;
      if (record.at < since) continue;
      process.stdout.write(options.format === 'jsonl' ? `${JSON.stringify(record)}\n` : stringify([csvRow(record)]));
    }
    return 0;
  } finally {
    await audit.close();
  }
}

export function auditGrantsCommand(options: { role: string }): number {
  if (!/^[A-Za-z_][A-Za-z0-9_$]{0,62}$/.test(options.role)) throw new CliError('--role must be a plain role name (letters, digits, _), at most 63 characters');
  printText(auditGrantsSql(options.role));
  return 0;
}

function csvRow(record: AuditRecord): string[] {
  const values: Record<(typeof csvColumns)[number], unknown> = {
    ...record,
    personalData: record.personalData?.join(' '),
    violations: record.violations?.map((violation) => `${violation.rule}: ${violation.message}`).join(' | '),
    promptTokens: record.tokens?.prompt,
    completionTokens: record.tokens?.completion,
  } as Record<(typeof csvColumns)[number], unknown>;
  return csvColumns.map((column) => (values[column] === undefined ? '' : String(values[column])));
}

function describeRecord(raw: unknown): string {
  const parsed = auditRecordSchema.safeParse(raw);
  if (!parsed.success) return `(not an audit record: ${JSON.stringify(raw).slice(0, 80)})`;
  const record = parsed.data;
  const what = record.sql ?? record.question ?? record.detail ?? '';
  return `${record.sequence}  ${record.at}  ${record.kind.padEnd(14)} ${record.actor}${record.channel ? ` in ${record.channel}` : ''}${record.rowCount === undefined ? '' : ` (${record.rowCount} rows)`}  ${what.replace(/\s+/g, ' ').slice(0, 120)}`;
}
