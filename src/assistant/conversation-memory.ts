import { contentWords } from '../catalog/words.ts';
import type { Place } from '../vocabulary/index.ts';
import type { StateStore } from '../ports/state-store.ts';

/** What the planner remembers: the thread's earlier turns, and verified queries that resemble the question. */

const historyTurns = 5;
const exampleCount = 3;

export function threadKey(place: Place): string {
  return `${place.platform}:${place.channelId}:${place.threadId ?? (place.isDirect ? 'direct' : 'channel')}`;
}

export async function threadHistory(state: StateStore, place: Place): Promise<{ question: string; sql: string }[]> {
  const turns = await state.recentTurns(threadKey(place), historyTurns);
  return turns.map((turn) => ({ question: turn.question, sql: turn.sql }));
}

export async function rememberTurn(state: StateStore, place: Place, turn: { question: string; sql: string; explanation: string }, now: number): Promise<void> {
  await state.appendTurn(threadKey(place), { ...turn, at: now });
}

/** The verified (question, SQL) pairs sharing the most content words with the question, as few-shot examples. */
export async function similarVerifiedQueries(state: StateStore, datasource: string, question: string): Promise<{ question: string; sql: string }[]> {
  const words = new Set(contentWords(question));
  const verified = await state.listVerifiedQueries(datasource);
  return verified
    .map((query) => ({ query, score: contentWords(query.question).filter((word) => words.has(word)).length }))
    .filter((entry) => entry.score > 0)
    .sort((left, right) => right.score - left.score)
    .slice(0, exampleCount)
    .map(({ query }) => ({ question: query.question, sql: query.sql }));
}
