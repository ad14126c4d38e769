import { entitlementSchema } from '../../config/entitlements.ts';
import { CliError } from '../cli-error.ts';
import type { GlobalOptions } from '../global-options.ts';
import { sqlOnlyRuntime, openRuntime } from '../../compose/open-runtime.ts';
import { printJson, printText } from '../print.ts';
import { renderTextTable } from '../../render/text-table.ts';

/** `sql-eval check --sql "…"`: the validator's (and policy agent's) verdict; `--execute` runs an allowed query. */
export async function checkCommand(options: GlobalOptions & { sql: string; user?: string | undefined; execute: boolean; entitlements?: string | undefined }): Promise<number> {
  const entitlements = options.entitlements === undefined ? undefined : parseEntitlements(options.entitlements);
  const runtime = await openRuntime(options, process.env, sqlOnlyRuntime);
  try {
    const actor = { platform: 'cli' as const, workspaceId: 'local', userId: options.user ?? process.env.USER ?? 'cli-user' };
    const result = await runtime.assistant.check(options.sql, actor, { execute: options.execute, entitlements });
    if (options.json) printJson(result);
    else {
      printText(`Verdict: ${result.verdict}`);
      for (const violation of result.violations) printText(`- [${violation.rule}] ${violation.message} ${violation.hint}`);
      if (result.verdict !== 'block') printText(`SQL: ${result.sql}`);
      if (result.columns && result.rows) printText(renderTextTable({ columns: result.columns, rows: result.rows, truncated: false }));
      if (result.hiddenColumns.length > 0) printText(`Hidden from *: ${result.hiddenColumns.join(', ')}`);
      if (result.rowPolicies && result.rowPolicies.length > 0) printText(`Row policies applied: ${result.rowPolicies.join('; ')}`);
      if (result.error) printText(`The database failed: ${result.error.message} ${result.error.hint}`);
    }
    return result.verdict === 'block' || result.error ? 1 : 0;
  } finally {
    await runtime.close();
  }
}

/** `--entitlements pii:customers.email,pii:employees.*` (empty for none), each checked like the config file's. */
function parseEntitlements(text: string): string[] {
  const entitlements = text.split(',').map((item) => item.trim()).filter((item) => item.length > 0);
  for (const entitlement of entitlements) {
    const parsed = entitlementSchema.safeParse(entitlement);
    if (!parsed.success) throw new CliError(`--entitlements: "${entitlement}": ${parsed.error.issues[0]?.message}`);
  }
  return entitlements;
}
