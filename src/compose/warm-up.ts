import { performance } from 'node:perf_hooks';
import type { Assistant } from '../assistant/create-assistant.ts';
import { estimatePromptTokens } from '../budget/estimate-tokens.ts';
import { periodsAt } from '../budget/periods.ts';
import type { OpenedFastLane } from '../fast-lane/open-fast-lane.ts';
import { fingerprintSql, loadSqlParser } from '../sql/parse-sql.ts';
import type { Actor } from '../vocabulary/actor.ts';
import type { Logger } from './logger.ts';

/**
 * Start-up work the first questions would otherwise do while the rest wait: the SQL parser's WASM; the code paths of
 * the fast lane, the validator and the policy agent (compiled on first use), over each of the fast lane's suggested
 * questions; a full pool of connections with their read-only transactions (as many EXPLAINs at once as the pool
 * holds); and, with a language model, the tokenizer the budget counts with and the budget's time zone. It runs
 * suggestions through `check`, which runs no query and changes no state. Never fails: whatever cannot be warmed is
 * logged and left for the first question.
 */

export interface WarmUpInput {
  assistant: Assistant;
  fastLane: OpenedFastLane | null;
  today: string;
  logger: Logger;
  /** Connections to open: the datasource's pool size. */
  connections: number;
  /** With a language model: what its planning needs beyond the SQL path. */
  planner: { budgetTimeZone: string } | null;
}

const warmUpActor: Actor = { platform: 'cli', workspaceId: 'sql-eval', userId: 'warm-up' };

export async function warmUp(input: WarmUpInput): Promise<void> {
  const startedAt = performance.now();
  try {
    await loadSqlParser();
    const statements: string[] = [];
    for (const suggestion of input.fastLane?.suggestions ?? []) {
      await input.fastLane?.verifiedQueries.match(suggestion);
      const outcome = input.fastLane?.parser.answer(suggestion, { today: input.today });
      if (outcome?.kind === 'answered') statements.push(outcome.sql);
    }
    if (statements.length === 0) statements.push('SELECT 1');
    for (const sql of statements) fingerprintSql(sql);
    const checks = await Promise.all(Array.from({ length: Math.max(1, input.connections) }, (_, index) => input.assistant.check(statements[index % statements.length] as string, warmUpActor)));
    const failed = checks.find((checked) => checked.error !== undefined);
    if (failed?.error !== undefined) input.logger.warn({ reason: failed.error.message }, 'warm-up: the database did not answer; the first question will connect');
    if (input.planner !== null) {
      estimatePromptTokens([{ role: 'user', content: `Warm-up: ${input.fastLane?.suggestions.join(' ') ?? ''} ${statements.join(' ')}` }]);
      periodsAt(Date.now(), input.planner.budgetTimeZone);
    }
  } catch (error) {
    input.logger.warn({ err: error }, 'warm-up failed; the first question will load what it needs');
  }
  input.logger.debug({ elapsedMs: Math.round(performance.now() - startedAt) }, 'warm-up done');
}
