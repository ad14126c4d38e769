import { performance } from 'node:perf_hooks';
import type { Assistant } from '../assistant/create-assistant.ts';
import type { OpenedFastLane } from '../fast-lane/open-fast-lane.ts';
import { loadSqlParser } from '../sql/parse-sql.ts';
import type { Actor } from '../vocabulary/actor.ts';
import type { Logger } from './logger.ts';

/**
 * Start-up work the first question would otherwise do while others wait: the SQL parser's WASM, the code paths of the
 * fast lane, the validator and the policy agent (JIT-compiled on first use), and the first pooled connection with its
 * read-only transaction (an EXPLAIN). Runs one of the fast lane's suggestions through `check`, which runs nothing and
 * changes no state. Never fails: whatever cannot be warmed is logged and left for the first question.
 */

export interface WarmUpInput {
  assistant: Assistant;
  fastLane: OpenedFastLane | null;
  today: string;
  logger: Logger;
}

const warmUpActor: Actor = { platform: 'cli', workspaceId: 'sql-eval', userId: 'warm-up' };

export async function warmUp(input: WarmUpInput): Promise<void> {
  const startedAt = performance.now();
  try {
    await loadSqlParser();
    let sql = 'SELECT 1';
    const suggestion = input.fastLane?.suggestions[0];
    if (input.fastLane && suggestion !== undefined) {
      await input.fastLane.verifiedQueries.match(suggestion);
      const outcome = input.fastLane.parser.answer(suggestion, { today: input.today });
      if (outcome.kind === 'answered') sql = outcome.sql;
    }
    const checked = await input.assistant.check(sql, warmUpActor);
    if (checked.error !== undefined) input.logger.warn({ reason: checked.error.message }, 'warm-up: the database did not answer; the first question will connect');
  } catch (error) {
    input.logger.warn({ err: error }, 'warm-up failed; the first question will load what it needs');
  }
  input.logger.debug({ elapsedMs: Math.round(performance.now() - startedAt) }, 'warm-up done');
}
