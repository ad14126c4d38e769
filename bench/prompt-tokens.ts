import { countTokens } from 'gpt-tokenizer/model/gpt-4o';
import type { Catalog, CatalogTable } from '../src/catalog/catalog.ts';
import { linkSchema } from '../src/catalog/link-schema.ts';
import { buildPlanPrompt } from '../src/pipeline/plan-sql.prompt.ts';
import { percentile } from '../src/eval/percentile.ts';

/** Prompt tokens per question (gpt-4o's tokenizer): schema linking must keep them flat as the schema grows. */

export function promptTokens(catalog: Catalog, questions: string[], today: string): number[] {
  return questions.map((question) => {
    const messages = buildPlanPrompt({ question, tables: linkSchema(catalog, question), today, attempts: [], maxRows: 100, history: [], examples: [], maxSubquestions: 5 });
    return messages.reduce((total, message) => total + countTokens(message.content), 0);
  });
}

export function describeTokens(values: number[]): string {
  return `P50 ${percentile(values, 50)}, P95 ${percentile(values, 95)}, max ${Math.max(...values)} tokens (n=${values.length})`;
}

const domains = ['crm', 'billing', 'inventory', 'shipping', 'marketing', 'hr', 'finance', 'support', 'web', 'mobile', 'ads', 'payments', 'warehouse', 'partners', 'legal'];
const nouns = ['accounts', 'contacts', 'invoices', 'payments', 'refunds', 'shipments', 'parcels', 'carriers', 'campaigns', 'clicks', 'sessions', 'pageviews', 'devices', 'stocks', 'suppliers', 'contracts', 'budgets', 'ledgers', 'vouchers', 'tickets'];

/** The sample's tables plus enough generated ones (`crm_accounts`, `billing_invoices`, …) to reach `count`. */
export function widenCatalog(catalog: Catalog, count: number): Catalog {
  const tables: CatalogTable[] = [...catalog.tables];
  for (let index = 0; tables.length < count; index += 1) {
    const domain = domains[index % domains.length] as string;
    const noun = nouns[Math.floor(index / domains.length) % nouns.length] as string;
    const name = `${domain}_${noun}${index >= domains.length * nouns.length ? `_${index}` : ''}`;
    tables.push({
      schema: 'public',
      name,
      kind: 'table',
      description: `${noun} of the ${domain} system.`,
      synonyms: [],
      large: false,
      rowEstimate: 1000,
      columns: ['id', `${domain}_code`, 'status', 'amount_cents', 'created_at', 'updated_at', 'owner_id', 'notes'].map((column) => ({
        name: column,
        dataType: column.endsWith('_at') ? 'timestamp with time zone' : column === 'id' || column.endsWith('_id') || column.endsWith('_cents') ? 'integer' : 'text',
        nullable: true,
        description: null,
        synonyms: [],
        pii: false,
        unit: null,
      })),
      primaryKey: ['id'],
      foreignKeys: [],
      viewDefinition: null,
    });
  }
  return { ...catalog, tables };
}

/** Share of questions for which every table the gold SQL reads was linked into the prompt. */
export function linkingRecall(catalog: Catalog, cases: { question: string; goldTables: string[] }[]): number {
  const complete = cases.filter(({ question, goldTables }) => {
    const linked = new Set(linkSchema(catalog, question).map((table) => table.name));
    return goldTables.every((table) => linked.has(table));
  });
  return complete.length / cases.length;
}
