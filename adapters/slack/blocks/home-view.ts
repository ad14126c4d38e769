import type { HomeView, KnownBlock } from './block-types.ts';
import { cut, escapeText, safeMessage } from './mrkdwn.ts';

/** App Home: what the bot does, questions it answers on this datasource without a language model, and your access. */

export interface HomeViewInput {
  /** Questions the fast lane answers (no language model needed). */
  examples: string[];
  /** The `whoami` text: who you are and which personal data you may see. */
  access: string;
  /** The tenant's budget, once budgets exist (the `budget` command's text). */
  budget?: string | undefined;
}

export function homeView(input: HomeViewInput): HomeView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'sql-eval: ask your data in plain words' } },
    section(
      [
        'Mention me in a channel (`@sql-eval how many orders were placed in 2024?`), write to me here in Messages, or use `/sql-eval <question>`.',
        'I show the SQL before anything runs; press *Run* to execute it read-only, with a row limit and a time-out. Answers come as a table, a CSV file when there are more rows, and a chart for time series and breakdowns.',
        'Follow-ups in the same thread continue the conversation ("now split it by month").',
      ].join('\n'),
    ),
    { type: 'divider' },
    section(`*Questions I can answer right away (no language model needed):*\n${input.examples.length > 0 ? input.examples.slice(0, 8).map((example) => `• ${escapeText(cut(example, 200))}`).join('\n') : '_None found on this datasource yet._'}`),
    { type: 'divider' },
    section(`*Your access*\n${escapeText(safeMessage(input.access, 2500))}`),
  ];
  if (input.budget) blocks.push(section(`*Budget*\n${escapeText(safeMessage(input.budget, 2500))}`));
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'Commands: `/sql-eval help`, `/sql-eval whoami`, `/sql-eval verify` (admins).' }] });
  return { type: 'home', blocks };
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: cut(text, 3000) } };
}
