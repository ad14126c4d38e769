import type { BudgetUsage } from '../ports/budget-ledger.ts';
import { describeReset, type BudgetPeriods } from './periods.ts';
import type { Tenant } from './tenant.ts';

/** A tenant's budget in words, for `/sql-eval budget` and `sql-eval budget`. */

export interface BudgetReport {
  tenant: string;
  periods: { period: 'day' | 'month'; name: string; limit: number; used: number; reserved: number; left: number; resetsAt: string }[];
  tokensPerRequest: number;
  topAskers: { asker: string; tokens: number }[];
}

export function budgetReport(tenant: Tenant, usage: BudgetUsage, periods: BudgetPeriods): BudgetReport {
  const row = (period: 'day' | 'month', name: string, limit: number, figures: { used: number; reserved: number }, resetsAt: number) => ({
    period,
    name,
    limit,
    used: figures.used,
    reserved: figures.reserved,
    left: Math.max(0, limit - figures.used - figures.reserved),
    resetsAt: new Date(resetsAt).toISOString(),
  });
  return {
    tenant: tenant.id,
    periods: [
      row('day', periods.day, tenant.limits.tokensPerDay, usage.day, periods.dayResetsAt),
      row('month', periods.month, tenant.limits.tokensPerMonth, usage.month, periods.monthResetsAt),
    ],
    tokensPerRequest: tenant.limits.tokensPerRequest,
    topAskers: usage.topAskers,
  };
}

export function describeBudget(report: BudgetReport, now: number): string {
  const number = (value: number) => value.toLocaleString('en-US');
  const lines = [`Token budget of ${report.tenant} (language-model tokens; the fast lane costs nothing):`];
  for (const period of report.periods) {
    lines.push(
      `• ${period.period === 'day' ? 'Today' : 'This month'} (${period.name}): ${number(period.used)} used, ${number(period.reserved)} reserved now, ${number(period.left)} of ${number(period.limit)} left; resets ${describeReset(Date.parse(period.resetsAt), now)}.`,
    );
  }
  lines.push(`• One question may use up to ${number(report.tokensPerRequest)} tokens.`);
  lines.push(report.topAskers.length > 0 ? `Top askers this month: ${report.topAskers.map((entry) => `${entry.asker} (${number(entry.tokens)})`).join(', ')}.` : 'Nobody has used tokens this month.');
  return lines.join('\n');
}
