import { z } from 'zod';
import { budgetReport, describeBudget } from '../../budget/describe-budget.ts';
import { periodsAt } from '../../budget/periods.ts';
import { namedTenant, tenantFor } from '../../budget/tenant.ts';
import { openState } from '../../compose/open-state.ts';
import { loadTenants } from '../../config/load-config-files.ts';
import { CliError } from '../cli-error.ts';
import { cliIdentity, identityOptionsSchema } from '../identity-options.ts';
import { printJson, printText } from '../print.ts';

/** `sql-eval budget [--tenant T | --channel ID] [--json]`: reads the ledger of the state store the bot uses; no database. */

const budgetOptionsSchema = z
  .object({
    tenant: z.string().min(1).optional(),
    channel: identityOptionsSchema.shape.channel,
    config: z.string().min(1).default('configs'),
    json: z.boolean().default(false),
  })
  .refine((options) => options.tenant === undefined || options.channel === undefined, { message: 'give --tenant or --channel, not both' });

export type BudgetOptions = z.infer<typeof budgetOptionsSchema>;

export function parseBudgetOptions(raw: unknown): BudgetOptions {
  const parsed = budgetOptionsSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(parsed.error.issues.map((issue) => issue.message).join('; '));
  return parsed.data;
}

export async function budgetCommand(options: BudgetOptions, environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  const tenants = await loadTenants(options.config);
  const { actor, place } = cliIdentity({ channel: options.channel }, 'cli', environment);
  const tenant = options.tenant !== undefined ? namedTenant(options.tenant, tenants) : tenantFor(actor, place, tenants);
  const state = await openState('file', environment);
  try {
    const now = Date.now();
    const periods = periodsAt(now, tenants.timezone);
    const report = budgetReport(tenant, await state.store.budgetUsage(tenant.id, periods.day, periods.month), periods);
    if (options.json) printJson(report);
    else printText(describeBudget(report, now));
    return 0;
  } finally {
    await state.close();
  }
}
